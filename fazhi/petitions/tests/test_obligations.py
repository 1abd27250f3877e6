"""Seed art. 33: registration within 15 days and handling within the period, referrals not late."""

import datetime

from fazhi.core.testing import make_body
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded
from fazhi.petitions import services, testing

D = datetime.date


def _run(bodies, as_of):
    checks.autodiscover()
    return checks.run(33, bodies, 2026, as_of)


def test_article_33_on_time_late_and_referred(today, city, staff):
    market = city["market"]
    handled = testing.accepted(market, staff["market"])
    waiting, _s = testing.file(market)
    referred, _s = testing.file(market)
    services.refer(referred, actor=staff["market"], channel="litigation", notice="请向江门市蓬江区人民法院提起诉讼。")
    result = _run([market, city["ecology"]], D(2026, 3, 10))
    mine = result[market.pk]
    assert mine.status == "met" and (mine.numerator, mine.denominator) == (2, 2)
    assert "导入诉讼、仲裁、行政复议等法定途径 1 件" in mine.summary
    assert result[city["ecology"].pk].status == "not_applicable"
    # The day after the 15 days: the unregistered petition is late and named; the referral is not.
    late = _run([market], D(2026, 3, 18))[market.pk]
    assert late.status == "not_met" and (late.numerator, late.denominator) == (2, 3)
    assert [ref.id for ref in late.failing] == [waiting.pk]
    assert waiting.submission.receipt_code in late.failing[0].description
    assert "逾期未登记、转送交办并告知（应于2026年3月17日前）" in late.failing[0].description
    # Handled on its last day (6 May) is on time; the petition referred stays off the clock.
    today.set(D(2026, 5, 6))
    services.answer(handled, actor=staff["market"], outcome="supported", opinion="予以支持。")
    services.accept(waiting, actor=staff["market"])
    after = _run([market], D(2026, 5, 7))[market.pk]
    assert referred.pk not in [ref.id for ref in after.failing]
    assert [ref.description for ref in after.failing] == [
        f"{waiting.submission.receipt_code}逾期登记、转送交办并告知（应于2026年3月17日前，2026年5月6日办结）"
    ]


def test_only_running_periods_are_not_yet_due(today, city):
    testing.file(city["market"])
    assert _run([city["market"]], D(2026, 3, 5))[city["market"].pk].status == "not_yet_due"


def test_the_check_is_cheap_on_many_bodies(today, city):
    counter = iter(range(10_000))

    def make_bodies(n):
        bodies = []
        for _i in range(n):
            number = next(counter)
            body = make_body(f"测试局{number}", parent=city["government"], code=f"t-{number}")
            testing.file(body, client_ip=f"198.51.{number // 250}.{number % 250 + 1}")
            bodies.append(body)
        return bodies

    checks.autodiscover()
    assert_check_queries_bounded(33, make_bodies, year=2026, as_of=D(2026, 3, 20))
