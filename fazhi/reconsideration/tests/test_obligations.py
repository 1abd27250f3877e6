"""Seed arts. 30 (handling by the reconsideration body; performance by the respondent) and 31 (the
guide published), checked over the records."""

import datetime

import pytest

from fazhi.core.testing import BodyKind, make_body
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded
from fazhi.reconsideration import services, testing

D = datetime.date
pytestmark = pytest.mark.django_db


def _run(article, bodies, as_of):
    checks.autodiscover()
    return checks.run(article, bodies, 2026, as_of)


def test_article_30_handling_on_time_then_late(tree, staff, today):
    government = tree["government"]
    case = testing.accepted(tree["market"], staff["clerk"])  # accepted the day it came
    result = _run(30, [government], D(2026, 9, 30))[government.pk]
    assert result.status == "met" and (result.numerator, result.denominator) == (1, 1)
    # the copy was due 13 Oct and never sent
    late = _run(30, [government], D(2026, 10, 14))[government.pk]
    assert late.status == "not_met" and case.number in late.failing[0].description
    assert "发送申请书副本逾期未完成" in late.failing[0].description


def test_article_30_performance_by_the_respondent_and_letters(tree, staff, today):
    market = tree["market"]
    case = testing.decided(market, staff["clerk"], decision_type="order_performance", performance_days=15)
    services.serve(case, actor=staff["clerk"])
    letter_case = testing.accepted(market, staff["clerk"])
    services.issue_letter(letter_case, actor=staff["clerk"], recipient=market.pk, text="请规范程序。")
    assert _run(30, [market], D(2026, 10, 1))[market.pk].status == "not_yet_due"
    overdue = _run(30, [market], D(2026, 10, 14))[market.pk]  # performance due 13 Oct
    assert overdue.status == "not_met" and "报告履行情况" in overdue.failing[0].description
    today.set(D(2026, 10, 9))
    services.report_performance(case, actor=staff["market"], performed_on="2026-09-30", text="已履行。")
    met = _run(30, [market], D(2026, 10, 14))[market.pk]  # the letter's 60 days still running
    assert met.status == "met" and (met.numerator, met.denominator) == (1, 1)
    assert _run(30, [tree["ecology"]], D(2026, 10, 14))[tree["ecology"].pk].status == "not_applicable"


def test_article_31_needs_the_guide(tree, staff, today):
    government = tree["government"]
    assert _run(31, [government], D(2026, 9, 30))[government.pk].status == "not_met"
    services.publish_guide(
        actor=staff["office"],
        body=government.pk,
        data={
            "scope": "行政复议法第十一条所列情形。",
            "conditions": "行政复议法第三十条所列条件。",
            "procedure": "5个工作日内审查，60日内决定。",
            "where": "网上或到行政复议窗口申请。",
            "address": "江门市某路1号",
            "phone": "0750-3000000",
        },
    )
    result = _run(31, [government, tree["market"]], D(2026, 9, 30))
    assert result[government.pk].status == "met" and result[tree["market"].pk].status == "not_applicable"


def test_checks_take_a_bounded_number_of_queries(db):
    def bodies(n):
        return [make_body(kind=BodyKind.COUNTY_GOVERNMENT, is_reconsideration_body=True) for _i in range(n)]

    for article in (30, 31):
        assert_check_queries_bounded(article, bodies, year=2026, as_of=D(2026, 6, 30))
