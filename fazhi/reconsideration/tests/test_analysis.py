"""Seed art. 32: the yearly statistics and analysis report, due a month after the year's end, with
the figures frozen from both apps' records; major cases reported up within 15 days; the check."""

import datetime

import pytest

from fazhi.clock.models import Deadline
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.testing import BodyKind, api_client, make_body
from fazhi.litigation import services as litigation_services
from fazhi.litigation import testing as litigation_testing
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded
from fazhi.reconsideration import analysis, services, testing
from fazhi.reconsideration.models import AnalysisReport

D = datetime.date
pytestmark = pytest.mark.django_db
URL = "/office/reconsideration/analysis/"
API = "/api/v1/reconsideration/analysis-reports/"


def _run(bodies, as_of, year=2026):
    checks.autodiscover()
    return checks.run(32, bodies, year, as_of)


def test_a_major_reconsideration_case_is_reported_up_within_15_days(tree, staff, today):
    government = tree["government"]
    case = testing.accepted(tree["market"], staff["clerk"])  # Mon 28 Sep 2026
    services.mark_major(case, actor=staff["clerk"], reason="涉及众多经营者，社会影响较大。")
    deadline = Deadline.objects.get(matter=analysis.MAJOR_REPORT)
    assert (deadline.start_on, deadline.due_on) == (D(2026, 9, 28), D(2026, 10, 13))  # 国庆 inside the 15 days
    assert "行政复议法实施条例第五十九条" in deadline.period.source
    assert _run([government], D(2026, 10, 10))[government.pk].status == "not_yet_due"
    late = _run([government], D(2026, 10, 14))[government.pk]
    assert late.status == "not_met"
    assert case.number in late.failing[0].description and "重大案件上报备案" in late.failing[0].description

    today.set(D(2026, 10, 12))
    services.report_major(case, actor=staff["clerk"], reported_to="广东省司法厅")
    assert Deadline.objects.get(matter=analysis.MAJOR_REPORT).closed_on == D(2026, 10, 12)
    reported = _run([government], D(2026, 10, 14))[government.pk]
    # reported in time; the year's analysis report is due only on 1 February 2027
    assert reported.status == "not_yet_due" and reported.numerator == 1 and not reported.failing


def test_a_major_court_case_reported_late_fails_the_defendant(tree, staff, today):
    market = tree["market"]
    court_case = litigation_testing.register(market, staff["market"], received_on="2026-09-01")
    litigation_services.mark_major(court_case, actor=staff["market"], reason="公益诉讼，社会关注。")
    today.set(D(2026, 10, 20))
    litigation_services.report_major(
        court_case, actor=staff["market"], reported_to="江门市司法局", reported_on="2026-10-20"
    )
    result = _run([market], D(2026, 10, 21))[market.pk]
    assert result.status == "not_met"
    assert court_case.case_number in result.failing[0].description and "逾期" in result.failing[0].description


def test_the_yearly_report_freezes_the_records_and_is_due_a_month_after_the_year(tree, staff, today):
    market, ecology = tree["market"], tree["ecology"]
    testing.decided(market, staff["clerk"])  # revoked: a case against the market bureau, corrected
    with pytest.raises(InvalidInput, match="尚未结束"):
        analysis.submit_report(actor=staff["market"], body=market.pk, year=2026, analysis="全年案件分析。")
    running = _run([market, ecology], D(2026, 12, 31))
    assert running[market.pk].status == "not_yet_due"
    assert running[ecology.pk].status == "not_applicable"

    today.set(D(2027, 2, 2))  # due Sun 31 Jan 2027 → Mon 1 Feb
    missing = _run([market], D(2027, 2, 2))[market.pk]
    assert missing.status == "not_met" and "2026年度复议、应诉案件统计分析报告" in missing.failing[0].description

    report = analysis.submit_report(actor=staff["market"], body=market.pk, year="2026", analysis="主要为食品安全处罚。")
    assert report.submitted_on == D(2027, 2, 2)
    assert report.figures["reconsideration"] is None  # the bureau is no reconsideration body
    assert (report.figures["respondent"]["received"], report.figures["respondent"]["corrected"]) == (1, 1)
    assert report.figures["litigation"]["cases_received"] == 0
    late = _run([market], D(2027, 2, 3))[market.pk]
    assert late.status == "not_met" and "逾期" in late.failing[0].description
    with pytest.raises(Conflict):
        analysis.submit_report(actor=staff["market"], body=market.pk, year=2026, analysis="再报一次。")


def test_a_report_in_time_meets_the_article(tree, staff, today):
    market = tree["market"]
    testing.accepted(market, staff["clerk"])
    today.set(D(2027, 1, 15))
    analysis.submit_report(actor=staff["market"], body=market.pk, year=2026, analysis="案件数量少，均已依法答复。")
    result = _run([market], D(2027, 3, 1))[market.pk]
    assert result.status == "met" and (result.numerator, result.denominator) == (1, 1)


@pytest.mark.parametrize(
    ("who", "changes", "error"),
    [
        ("ecology", {}, NotFound),  # another body's id
        ("outsider", {}, NotFound),
        ("market", {"year": "明年"}, InvalidInput),
        ("market", {"year": 2030}, InvalidInput),
        ("market", {"year": True}, InvalidInput),
        ("market", {"analysis": "  "}, InvalidInput),
        ("market", {"analysis": ["列表"]}, InvalidInput),
        ("market", {"body": "abc"}, InvalidInput),
    ],
)
def test_bad_reports_are_refused_and_store_nothing(tree, staff, today, who, changes, error):
    today.set(D(2027, 1, 10))
    values = {"body": tree["market"].pk, "year": 2026, "analysis": "分析。", **changes}
    with pytest.raises(error):
        analysis.submit_report(actor=staff[who], **values)
    assert not AnalysisReport.objects.exists()


def test_the_page_shows_the_figures_and_takes_the_report(tree, staff, today, client):
    market = tree["market"]
    testing.accepted(market, staff["clerk"])
    client.force_login(staff["market"])
    page = client.get(URL, {"year": 2026}).content.decode()
    assert "江门市市场监督管理局" in page and "被申请行政复议 1 件" in page and "年度尚未结束" in page
    today.set(D(2027, 1, 10))
    posted = client.post(URL, {"body": market.pk, "year": 2026, "analysis": "<script>alert(1)</script>整改到位。"})
    assert posted.status_code == 302
    page = client.get(URL, {"year": 2026}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;整改到位。" in page and "<script>alert" not in page
    refused = client.post(URL, {"body": market.pk, "year": 2026, "analysis": "再报。"})
    assert refused.status_code == 409 and "已报送2026年度" in refused.content.decode()
    client.force_login(staff["ecology"])
    assert client.post(URL, {"body": market.pk, "year": 2026, "analysis": "代报。"}).status_code == 404
    assert AnalysisReport.objects.count() == 1


def test_the_api_submits_and_lists_within_scope(tree, staff, today):
    market = tree["market"]
    testing.accepted(market, staff["clerk"])
    today.set(D(2027, 1, 10))
    created = api_client(staff["market"]).post(
        API, {"body": market.pk, "year": 2026, "analysis": "分析。"}, format="json"
    )
    assert created.status_code == 201 and created.json()["figures"]["respondent"]["received"] == 1
    unknown = api_client(staff["market"]).post(API, {"body": market.pk, "year": 2025, "extra": 1}, format="json")
    assert unknown.status_code == 400
    assert [row["body"] for row in api_client(staff["office"]).get(API).json()["results"]] == [market.pk]
    assert api_client(staff["ecology"]).get(API).json()["results"] == []


def test_the_check_takes_a_bounded_number_of_queries(db):
    def bodies(n):
        return [make_body(kind=BodyKind.COUNTY_GOVERNMENT, is_reconsideration_body=True) for _i in range(n)]

    assert_check_queries_bounded(32, bodies, year=2026, as_of=D(2026, 6, 30))
