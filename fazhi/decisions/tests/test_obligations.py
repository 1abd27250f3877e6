"""Seed arts. 11–16 read from the decisions each body decided in the year."""

import datetime

import pytest
from django.utils import timezone

from fazhi.core.testing import make_body
from fazhi.decisions import services, testing
from fazhi.decisions.choices import DecisionStatus as S
from fazhi.decisions.models import Decision, ExpertOpinion
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _run(article, body, *, as_of=None):
    checks.autodiscover()
    return checks.run(article, [body], TODAY().year, as_of or TODAY())[body.pk]


def test_a_decision_made_through_the_procedure_meets_arts_11_to_15(city, actors):
    testing.walk(
        testing.draft(city["market"], actors["clerk"], is_technical=True, risk_areas=["fiscal"]), S.DECIDED, actors
    )
    for article in (11, 12, 13, 14, 15):
        result = _run(article, city["government"])
        assert result.status == "met" and (result.numerator, result.denominator) == (1, 1), article
    assert _run(11, city["market"]).summary == "本年度未作出重大行政决策。", "counted at the deciding body"


def test_records_that_fall_short_fail_the_article_and_name_the_decision(city, actors):
    decision = testing.walk(testing.draft(city["market"], actors["clerk"], is_technical=True), S.DECIDED, actors)
    ExpertOpinion.objects.filter(decision=decision).update(signed_on=None)
    result = _run(12, city["government"])
    assert result.status == "not_met" and result.failing[0].id == decision.pk
    assert "未经专家论证" in result.failing[0].description
    assert _run(13, city["government"]).denominator == 0, "not flagged risky: art. 13 does not apply"


def test_art_16_wants_a_yearly_implementation_report(city, actors):
    decision = testing.walk(testing.draft(city["market"], actors["clerk"]), S.PUBLISHED, actors)
    assert _run(16, city["government"]).status == "not_yet_due"
    year_end = datetime.date(TODAY().year + 1, 1, 5)
    Decision.objects.filter(pk=decision.pk).update(published_on=TODAY())
    assert _run(16, city["government"], as_of=year_end).status == "not_met"
    services.report_implementation(decision, actor=actors["clerk"], progress="已完成年度任务。")
    assert _run(16, city["government"]).status == "met"


@pytest.mark.parametrize("article", [11, 12, 13, 14, 15, 16])
def test_query_count_is_bounded(city, article):
    def make_bodies(n):
        return [make_body(f"测试单位{n}-{i}", parent=city["government"]) for i in range(n)]

    assert_check_queries_bounded(article, make_bodies, year=TODAY().year, as_of=TODAY(), max_queries=10)
