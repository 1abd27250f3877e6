"""Seed arts. 35 and 44 over real dates: the 2026 report is due on 31 January 2027 (or the day the
office configures), 未到期 until then, 已落实 when sent on time and published, 未落实 when late or
missing; not for bodies the articles do not bind; two queries whatever the number of bodies."""

import datetime

from fazhi.core.choices import BodyKind
from fazhi.core.testing import make_body
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded
from fazhi.reports import services, testing
from fazhi.reports.models import ReportSetting, YearlyReport

D = datetime.date


def _run(article, bodies, as_of, year=2026):
    checks.autodiscover()
    return checks.run(article, bodies, year, as_of)


def test_not_yet_due_through_31_january_then_overdue(today, city, staff):
    market = city["market"]
    for article in (35, 44):
        waiting = _run(article, [market], D(2027, 1, 31))[market.pk]
        assert waiting.status == "not_yet_due"
        overdue = _run(article, [market], D(2027, 2, 1))[market.pk]
        assert overdue.status == "not_met" and overdue.failing == []
        assert "（2026年度报告尚未编制）" in overdue.summary
    assert _run(35, [market], D(2027, 2, 1))[market.pk].summary == (
        "逾期未向依法行政工作领导小组办公室报送（应于2027年1月31日前）。（2026年度报告尚未编制）"
    )
    assert _run(35, [market], D(2026, 6, 30))[market.pk].status == "not_yet_due"


def test_a_draft_past_the_day_is_overdue_and_says_where_it_stands(today, city, staff):
    testing.written(city["market"], staff["clerk"], year=2026)
    result = _run(35, [city["market"]], D(2027, 2, 1))[city["market"].pk]
    assert result.status == "not_met" and result.summary.endswith("（报告目前：草稿）")
    assert [ref.description for ref in result.failing] == ["2026年度法治政府建设年度报告"]


def test_sent_on_the_last_day_and_published_meets_both(today, city, staff):
    today.set(D(2027, 1, 31))
    report = testing.sent(city["market"], staff["clerk"], staff["head"], year=2026, sent_on="2027-01-31", publish=True)
    for article in (35, 44):
        result = _run(article, [city["market"]], D(2027, 3, 1))[city["market"].pk]
        assert result.status == "met"
        assert [(ref.model, ref.id) for ref in result.evidence] == [("reports.yearlyreport", report.pk)]
    assert _run(44, [city["market"]], D(2027, 3, 1))[city["market"].pk].summary == (
        "已于2027年1月31日向本级人民政府报告（应于2027年1月31日前）。已于2027年1月31日向社会公开（应于2027年1月31日前）。"
    )
    # Before it was sent, the same report was not yet due on the day itself.
    assert _run(35, [city["market"]], D(2027, 1, 30))[city["market"].pk].status == "not_yet_due"


def test_sent_a_day_late_fails_both(today, city, staff):
    today.set(D(2027, 2, 1))
    testing.sent(city["market"], staff["clerk"], staff["head"], year=2026, sent_on="2027-02-01", publish=True)
    office = _run(35, [city["market"]], D(2027, 2, 2))[city["market"].pk]
    assert office.status == "not_met"
    assert office.summary == "2027年2月1日向依法行政工作领导小组办公室报送，晚于2027年1月31日。"
    assert office.failing[0].description == "2026年度法治政府建设年度报告"
    assert _run(44, [city["market"]], D(2027, 2, 2))[city["market"].pk].status == "not_met"


def test_sent_in_time_but_not_published_waits_then_fails_art_44_only(today, city, staff):
    testing.sent(city["market"], staff["clerk"], staff["head"], year=2026, sent_on="2027-01-15")
    assert _run(35, [city["market"]], D(2027, 1, 20))[city["market"].pk].status == "met"
    assert _run(44, [city["market"]], D(2027, 1, 20))[city["market"].pk].status == "not_yet_due"
    late = _run(44, [city["market"]], D(2027, 2, 1))[city["market"].pk]
    assert late.status == "not_met" and "逾期未向社会公开（应于2027年1月31日前）。" in late.summary


def test_the_office_moves_a_kind_to_the_first_quarter(today, city, staff):
    services.save_setting(
        ReportSetting(
            body_kind=BodyKind.COUNTY_GOVERNMENT,
            due_month=3,
            due_day=31,
            publish_month=4,
            publish_day=1,
            to_party_committee=True,
            to_congress=True,
            to_higher_government=True,
            source="法治政府建设与责任落实督察工作规定第二十五条、第二十六条",
        ),
        actor=staff["office"],
    )
    county, market = city["county"], city["market"]
    result = _run(35, [county, market], D(2027, 2, 1))
    assert result[county.pk].status == "not_yet_due" and result[market.pk].status == "not_met"
    today.set(D(2027, 3, 20))
    testing.sent(county, staff["county_office"], staff["county_head"], year=2026, sent_on="2027-03-20", means="paper")
    assert _run(35, [county], D(2027, 4, 1))[county.pk].status == "met"
    assert _run(44, [county], D(2027, 4, 1))[county.pk].status == "not_yet_due"
    assert _run(44, [county], D(2027, 4, 2))[county.pk].summary.endswith("逾期未向社会公开（应于2027年4月1日前）。")


def test_a_report_for_another_year_does_not_count(today, city, staff):
    today.set(D(2026, 1, 20))
    testing.sent(city["market"], staff["clerk"], staff["head"], year=2025, sent_on="2026-01-20", publish=True)
    assert _run(35, [city["market"]], D(2026, 1, 25), year=2025)[city["market"].pk].status == "met"
    assert _run(35, [city["market"]], D(2027, 2, 1), year=2026)[city["market"].pk].status == "not_met"


def test_organisations_are_not_bound(today, city):
    centre = make_body("江门市住房公积金管理中心", parent=city["government"], kind=BodyKind.AUTHORISED_ORGANISATION)
    for article in (35, 44):
        assert _run(article, [centre], D(2027, 2, 1))[centre.pk].status == "not_applicable"


def test_the_checks_take_the_same_queries_for_five_bodies_or_fifty(today, city, staff):
    def make_bodies(n):
        """Bodies with a report sent on time, a draft, or none (rows made directly: scaffolding)."""
        bodies = [make_body(parent=city["government"]) for _ in range(n)]
        for index, body in enumerate(bodies):
            if index % 3 == 0:
                YearlyReport.objects.create(body=body, year=2026, status="sent", sent_on=D(2027, 1, 20))
            elif index % 3 == 1:
                YearlyReport.objects.create(body=body, year=2026)
        return bodies

    for article in (35, 44):
        small, large = assert_check_queries_bounded(
            article, make_bodies, year=2026, as_of=D(2027, 2, 1), few=3, many=30, max_queries=3
        )
        assert small == large == 2
