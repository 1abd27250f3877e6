"""Test records for other apps' tests: the URL-scoping walk needs one of each kind with marker texts."""

from fazhi.powers import services
from fazhi.powers.models import LawArticle, LawText


def make_canaries(body, actor, markers: dict) -> dict:
    """A draft power list of `body` (never public) carrying `markers`, and one law article, which
    is public by nature and carries none; returns their ids by kind."""
    law = LawText.objects.create(
        title="哨兵测试法", category="测试", source_path="测试/哨兵测试法.md", file_hash="0" * 64
    )
    article = LawArticle.objects.create(law=law, number="第一条", ordinal=1, text="为了测试，制定本法。")
    version = services.open_draft(body, actor=actor, reason_kind="initial", reason=markers["content"])
    power = services.add_power(
        body,
        actor=actor,
        code="SB-001",
        name=markers["subject"],
        category="penalty",
        bases=["《哨兵测试法》第一条"],
        responsible_unit=markers["member"],
        accountability=markers["content"],
    )
    return {"power_version": version.pk, "power": power.pk, "law_article": article.pk}
