"""Arts. 24 and 38 on the periods the cases ran, with the clock frozen."""

import datetime

from fazhi.core.testing import make_body
from fazhi.intake import obligations, services, testing
from fazhi.intake.choices import IntakeKind, Result
from fazhi.intake.models import Channel
from fazhi.obligations import checks
from fazhi.obligations.choices import CheckStatus
from fazhi.obligations.testing import assert_check_queries_bounded

D = datetime.date


def test_art24_met_when_reports_are_handled_or_transferred_in_time(city, intake, today, staff):
    market, county_market = city["market"], city["county_market"]
    county_market.is_enforcement_agency = True
    county_market.save()
    case, _r = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["government"]))
    today.set(D(2026, 11, 5))
    services.transfer(case, actor=staff["market_clerk"], to_body=county_market.pk, reason="属地")
    results = checks.run(24, [market, county_market, city["county"]], 2026, D(2026, 12, 31))
    assert results[market.pk].status == CheckStatus.MET and results[market.pk].rate == 1
    # The county bureau has not acted: its own period (from 5 November) ran out.
    assert results[county_market.pk].status == CheckStatus.NOT_MET
    assert "逾期未办理" in results[county_market.pk].failing[0].description
    assert results[city["county"].pk].status == CheckStatus.NOT_APPLICABLE


def test_art24_not_yet_due_then_overdue(city, intake, today, staff):
    market = city["market"]
    testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["government"]))
    assert checks.run(24, [market], 2026, D(2026, 11, 20))[market.pk].status == CheckStatus.NOT_YET_DUE
    result = checks.run(24, [market], 2026, D(2026, 11, 24))[market.pk]
    assert result.status == CheckStatus.NOT_MET and result.denominator == 1 and result.numerator == 0


def test_art24_concluded_in_time_and_none_received(city, intake, today, staff):
    market, ecology = city["market"], city["ecology"]
    case, _r = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["government"]))
    services.accept(case, actor=staff["market_clerk"])
    today.set(D(2026, 11, 20))
    services.conclude(case, actor=staff["market_clerk"], result=Result.NOT_FILED, reply="证据不足，不予立案。")
    results = checks.run(24, [market, ecology, city["government"]], 2026, D(2026, 12, 31))
    assert results[market.pk].status == CheckStatus.MET and results[market.pk].numerator == 1
    assert results[ecology.pk].status == CheckStatus.MET and "未通过平台收到举报" in results[ecology.pk].summary
    assert results[city["government"].pk].status == CheckStatus.NOT_APPLICABLE


def test_art38_needs_published_channels_and_complaints_in_time(city, intake, today, staff):
    office = intake["office"]
    result = obligations.channels_and_complaints([office], 2026, D(2026, 12, 31))[office.pk]
    assert result.status == CheckStatus.NOT_MET and "渠道" in result.summary
    Channel.objects.create(body=office, kind="phone", value="12345")
    case, _r = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["conduct"], respondent=city["market"])
    )
    assert case.body == office
    result = obligations.channels_and_complaints([office], 2026, D(2026, 12, 31))[office.pk]
    assert result.status == CheckStatus.NOT_MET  # not registered within 3 working days


def test_art24_queries_are_bounded(city, intake, today):
    def make(n):
        return [make_body(is_enforcement_agency=True) for _i in range(n)]

    assert_check_queries_bounded(24, make, year=2026, as_of=D(2026, 12, 31), max_queries=6)


def test_art38_queries_are_bounded(city, intake, today):
    def make(n):
        return [make_body() for _i in range(n)]

    assert_check_queries_bounded(38, make, year=2026, as_of=D(2026, 12, 31), max_queries=8)
