"""The Jiangmen demo: the market bureau's court cases in their states, its suggestions, and the
ecology bureau's public-interest suit after a pre-litigation notice; what each clerk sees."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.litigation import selectors
from fazhi.litigation.models import CourtCase, ProcuratorialSuggestion
from fazhi.obligations import checks

pytestmark = pytest.mark.django_db


def test_the_demo_cases_and_suggestions_in_their_states(today):
    today.set(datetime.date(2026, 11, 27))
    demo.load()
    market, ecology = Body.objects.get(code="jm-scjgj"), Body.objects.get(code="jm-sthjj")
    states = sorted(CourtCase.objects.filter(body=market).values_list("status", flat=True))
    assert states == ["closed", "closed", "decided", "heard", "heard", "received"]
    late = CourtCase.objects.get(case_number__endswith="行初51号")
    assert late.execution.late and late.execution.court_measures == ["transfer", "announce"]
    assert not CourtCase.objects.get(case_number__endswith="行初66号").execution.late
    suit = CourtCase.objects.get(body=ecology)
    assert suit.kind == "public_interest" and suit.suggestion.status == "sued"
    assert ProcuratorialSuggestion.objects.filter(body=market, urgent=True, status="received").exists()

    figures = selectors.statistics([market.pk], 2026)
    assert (figures["cases_received"], figures["cases_heard"], figures["heads_appeared"]) == (6, 5, 3)
    assert (figures["executed"], figures["executed_late"], figures["lost"]) == (2, 1, 2)
    assert (figures["major_cases"], figures["major_reported"]) == (1, 1)

    # The city's 司法局 (the government's legal office in the demo) sees and records the bureau's cases.
    reviewer = User.objects.get(username="reviewer")
    assert CourtCase.objects.restrict(reviewer, "change").filter(body=market).count() == 6
    assert not CourtCase.objects.restrict(User.objects.get(username="pj_office")).exists()

    client = Client()
    client.force_login(User.objects.get(username="scj_clerk"))
    page = client.get(reverse("litigation:cases")).content.decode()
    assert "陈立华" in page and "江门市鑫达贸易有限公司" in page
    page = client.get(reverse("litigation:case-detail", args=[late.pk])).content.decode()
    assert "法院措施：通知银行从该行政机关账户内划拨、将拒绝履行的情况予以公告" in page and "逾期履行" in page
    page = client.get(reverse("litigation:statistics"), {"year": "2026"}).content.decode()
    assert "判决给付 1" in page and "撤销 1" in page and "驳回诉讼请求 1" in page
    decided = CourtCase.objects.get(status="decided")
    page = client.get(reverse("litigation:case-detail", args=[decided.pk])).content.decode()
    assert "行政诉讼法（2017）第八十五条" in page and 'data-transition="appeal"' in page
    client.force_login(User.objects.get(username="sthj_clerk"))
    assert client.get(reverse("litigation:case-detail", args=[decided.pk])).status_code == 404
    assert client.get(reverse("litigation:case-detail", args=[suit.pk])).status_code == 200

    checks.autodiscover()
    as_of = datetime.date(2026, 11, 27)
    article_37 = checks.run(37, [market], 2026, as_of)[market.pk]
    assert article_37.status == "not_met" and len(article_37.failing) == 1
    article_36 = checks.run(36, [market, ecology], 2026, as_of)
    assert article_36[market.pk].status == "not_met"  # the judgment performed late
    assert (article_36[market.pk].numerator, article_36[market.pk].denominator) == (3, 5)
    assert article_36[ecology.pk].status == "not_yet_due"
