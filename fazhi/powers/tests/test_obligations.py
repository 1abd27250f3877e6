"""Art. 5: met with a published list; not met without one, or when a cited law was amended after it."""

import datetime

from django.utils import timezone

from fazhi.core.testing import Role, make_body, make_user
from fazhi.obligations import checks
from fazhi.obligations.choices import CheckStatus
from fazhi.obligations.testing import assert_check_queries_bounded
from fazhi.powers.models import LawText, PowerListVersion
from fazhi.powers.tests.conftest import power_data, published_list

YEAR = 2025
AS_OF = datetime.date(2025, 6, 30)


def _published_on(version, day: datetime.date) -> None:
    moment = datetime.datetime.combine(day, datetime.time(10), timezone.get_current_timezone())
    PowerListVersion.objects.filter(pk=version.pk).update(published_at=moment)


def test_not_met_without_a_published_list(city, people):
    result = checks.run(5, [city["market"]], YEAR, AS_OF)[city["market"].pk]
    assert result.status == CheckStatus.NOT_MET and "尚未发布权责清单" in result.summary


def test_met_with_a_published_list_and_evidence_names_the_version(corpus_laws, city, people):
    version = published_list(city["market"], people["market_clerk"], people["market_head"])
    _published_on(version, datetime.date(2025, 3, 1))

    result = checks.run(5, [city["market"]], YEAR, AS_OF)[city["market"].pk]

    assert result.status == CheckStatus.MET
    (evidence,) = result.evidence
    assert evidence.model == "powers.powerlistversion" and evidence.id == version.pk
    assert "第1版" in evidence.description and "2025-03-01" in evidence.description


def test_a_list_published_after_as_of_does_not_count(city, people):
    version = published_list(city["market"], people["market_clerk"], people["market_head"])
    _published_on(version, datetime.date(2025, 7, 1))
    assert checks.run(5, [city["market"]], YEAR, AS_OF)[city["market"].pk].status == CheckStatus.NOT_MET


def test_not_met_when_a_cited_law_was_amended_after_publication(corpus_laws, city, people):
    # The list cites 行政处罚法, amended on 2021-01-22 according to the corpus.
    version = published_list(city["market"], people["market_clerk"], people["market_head"])
    _published_on(version, datetime.date(2020, 6, 1))

    result = checks.run(5, [city["market"]], 2021, datetime.date(2021, 6, 30))[city["market"].pk]

    assert result.status == CheckStatus.NOT_MET
    assert "《中华人民共和国行政处罚法》于 2021-01-22 修改" in result.summary
    assert [ref.id for ref in result.failing] == [version.pk]
    # Known on an earlier day, the amendment had not happened yet.
    earlier = checks.run(5, [city["market"]], 2020, datetime.date(2020, 12, 31))[city["market"].pk]
    assert earlier.status == CheckStatus.MET


def test_a_short_title_citation_is_matched_to_the_law(city, people):
    LawText.objects.create(
        title="中华人民共和国测试法",
        category="测试",
        source_path="x.md",
        file_hash="1" * 64,
        amended_on=datetime.date(2025, 5, 1),
    )
    version = published_list(
        city["market"], people["market_clerk"], people["market_head"], power_data(bases=["《测试法》第一条"])
    )
    _published_on(version, datetime.date(2025, 1, 1))
    assert checks.run(5, [city["market"]], YEAR, AS_OF)[city["market"].pk].status == CheckStatus.NOT_MET


def test_check_query_count_is_bounded(city):
    def bodies(n):
        made = [make_body(parent=city["government"]) for _ in range(n)]
        for body in made[::2]:
            published_list(body, make_user(roles=[(body, Role.CLERK)]), make_user(roles=[(body, Role.HEAD)]))
        return made

    assert_check_queries_bounded(5, bodies, year=YEAR, as_of=timezone.localdate(), max_queries=6)
