"""Seed arts. 36 and 37: defences, heads in court, judgments performed, suggestions answered —
met, not met, not yet due, not applicable, and cheap on many bodies."""

import datetime

from fazhi.core.testing import make_body
from fazhi.litigation import services, testing
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

D = datetime.date


def _run(article, bodies, as_of):
    checks.autodiscover()
    return checks.run(article, bodies, 2026, as_of)


def test_article_36_defence_in_time_and_the_head_rate(today, city, staff):
    market = city["market"]
    testing.heard(market, staff["market"], on="2026-03-02", head=True)
    testing.heard(market, staff["market"], on="2026-03-02", head=False)
    result = _run(36, [market, city["ecology"]], D(2026, 3, 5))
    mine = result[market.pk]
    assert mine.status == "met" and (mine.numerator, mine.denominator) == (1, 2)
    assert "出庭应诉率 50.0%" in mine.summary
    assert result[city["ecology"].pk].status == "not_applicable"
    assert result[city["ecology"].pk].summary == "本年度没有行政诉讼案件。"


def test_article_36_fails_on_an_unexplained_absence_and_a_late_defence(today, city, staff):
    market = city["market"]
    unexplained = testing.register(market, staff["market"])
    services.record_hearing(
        unexplained, actor=staff["market"], held_on="2026-03-02", head_appeared=False, entrusted_staff="周丽华"
    )
    waiting = testing.register(market, staff["market"])
    assert _run(36, [market], D(2026, 3, 5))[market.pk].status == "not_met"
    late = _run(36, [market], D(2026, 3, 18))[market.pk]
    assert [ref.description for ref in late.failing] == [
        f"{unexplained.case_number}逾期未提交答辩状（应于2026年3月17日前）",
        f"{waiting.case_number}逾期未提交答辩状（应于2026年3月17日前）",
        f"{unexplained.case_number} 2026年3月2日开庭，负责人未出庭且未记录不能出庭的理由",
    ]


def test_article_36_not_yet_due_then_an_execution_performed_late(today, city, staff):
    market = city["market"]
    case = testing.register(market, staff["market"])
    assert _run(36, [market], D(2026, 3, 5))[market.pk].status == "not_yet_due"
    services.defend(case, actor=staff["market"], defended_on="2026-03-02", defence="答辩状。")
    services.record_hearing(case, actor=staff["market"], held_on="2026-03-02", head_appeared=True, head_name="何建华")
    services.decide(case, actor=staff["market"], decision_type="judgment", outcome="perform", served_on="2026-03-02")
    today.set(D(2026, 3, 18))
    services.make_effective(case, actor=staff["market"])
    services.require_execution(case, actor=staff["market"], requirement="依法履行职责。", due_on="2026-04-30")
    assert _run(36, [market], D(2026, 4, 1))[market.pk].status == "met"
    overdue = _run(36, [market], D(2026, 5, 1))[market.pk]
    assert overdue.status == "not_met"
    assert overdue.failing[0].description == f"{case.case_number}逾期未履行生效裁判（应于2026年4月30日前）"
    today.set(D(2026, 5, 6))
    services.perform(case, actor=staff["market"], performed_on="2026-05-06", performance="已履行。")
    after = _run(36, [market], D(2026, 5, 7))[market.pk]
    assert after.failing[0].description == (
        f"{case.case_number}逾期履行生效裁判（应于2026年4月30日前，2026年5月6日完成）"
    )


def test_article_37_in_time_late_running_and_not_applicable(today, city, staff):
    market = city["market"]
    answered = testing.suggest(market, staff["market"])
    services.reply(answered, actor=staff["market"], replied_on="2026-03-02", measures_taken="已整改。")
    running = testing.suggest(market, staff["market"], urgent=True)
    result = _run(37, [market, city["ecology"]], D(2026, 3, 5))
    assert result[market.pk].status == "met" and (result[market.pk].numerator, result[market.pk].denominator) == (1, 1)
    assert "回复期内 1 件" in result[market.pk].summary
    assert result[city["ecology"].pk].status == "not_applicable"
    late = _run(37, [market], D(2026, 3, 18))[market.pk]
    assert late.status == "not_met" and [ref.id for ref in late.failing] == [running.pk]
    only_running = testing.suggest(city["ecology"], staff["ecology"])
    assert _run(37, [city["ecology"]], D(2026, 3, 5))[city["ecology"].pk].status == "not_yet_due"
    assert only_running.pk


def test_the_checks_are_cheap_on_many_bodies(today, city, staff):
    counter = iter(range(10_000))

    def make_bodies(n):
        bodies = []
        for _i in range(n):
            number = next(counter)
            body = make_body(f"测试局{number}", parent=city["government"], code=f"t-{number}")
            testing.heard(body, staff["justice"], on="2026-03-02")
            testing.suggest(body, staff["justice"])
            bodies.append(body)
        return bodies

    checks.autodiscover()
    assert_check_queries_bounded(36, make_bodies, year=2026, as_of=D(2026, 3, 20))
    assert_check_queries_bounded(37, make_bodies, year=2026, as_of=D(2026, 3, 20))
