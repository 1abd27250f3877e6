"""Seed arts. 3, 4, 40, 41, 42 and 54 over real dates: met, not met, not yet due, not applicable,
and a fixed number of queries however many bodies are asked."""

import datetime

import pytest

from fazhi.capacity import registers, services, testing
from fazhi.capacity.models import CapacitySettings
from fazhi.core.testing import BodyKind, Role, make_body, make_user
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

D = datetime.date


def _run(article, bodies, as_of, year=2026):
    checks.autodiscover()
    return checks.run(article, bodies, year, as_of)


# --- art. 40 --------------------------------------------------------------------------------------


def test_article_40_two_learning_activities_not_yet_due_then_met(today, city, staff):
    market = city["market"]
    testing.learn(market, staff["market"], held_on="2026-03-05")
    one = _run(40, [market], D(2026, 11, 20))[market.pk]
    assert one.status == "not_yet_due"
    assert one.summary == "2026年度学法活动至今 1 次，全年最低 2 次。"
    assert one.failing == []
    testing.learn(market, staff["market"], held_on="2026-06-18", kind="lecture", topic="民法典专题讲座")
    two = _run(40, [market], D(2026, 11, 20))[market.pk]
    assert two.status == "met" and two.summary == "2026年度学法活动 2 次（最低 2 次）。"
    assert [ref.description for ref in two.evidence][1] == "2026年6月18日 专题法治讲座《民法典专题讲座》"


def test_article_40_one_activity_fails_after_the_year_ends(today, city, staff):
    market = city["market"]
    testing.learn(market, staff["market"], held_on="2026-03-05")
    assert _run(40, [market], D(2026, 12, 31))[market.pk].status == "not_yet_due"
    after = _run(40, [market], D(2027, 1, 1))[market.pk]
    assert after.status == "not_met"
    assert [ref.description for ref in after.failing] == ["2026年度学法活动 1 次，少于最低 2 次。"]
    # An activity of the next year does not count for this one.
    today.set(D(2027, 1, 10))
    testing.learn(market, staff["market"], held_on="2027-01-05")
    assert _run(40, [market], D(2027, 1, 10))[market.pk].status == "not_met"


def test_article_40_county_government_needs_two_leadership_lectures_a_department_does_not(today, city, staff):
    county, department = city["county"], city["county_market"]
    for day in ("2026-02-10", "2026-05-12"):
        testing.learn(county, staff["county"], held_on=day, kind="training")
    testing.learn(county, staff["county"], held_on="2026-09-01", kind="lecture", leadership_lecture=True)
    before = _run(40, [county], D(2026, 11, 20))[county.pk]
    assert before.status == "not_yet_due"
    assert "2026年度学法活动 3 次（最低 2 次）。" in before.summary
    assert "2026年度领导班子法治专题讲座至今 1 次，全年最低 2 次。" in before.summary
    after = _run(40, [county], D(2027, 2, 1))[county.pk]
    assert after.status == "not_met"
    assert [ref.description for ref in after.failing] == ["2026年度领导班子法治专题讲座 1 次，少于最低 2 次。"]
    testing.learn(county, staff["county"], held_on="2026-11-18", kind="lecture", leadership_lecture=True)
    assert _run(40, [county], D(2027, 2, 1))[county.pk].status == "met"

    for day in ("2026-02-10", "2026-05-12"):
        testing.learn(department, staff["county_market"], held_on=day)
    assert _run(40, [department], D(2027, 2, 1))[department.pk].status == "met"


def test_article_40_minimums_are_data(today, city, staff):
    market = city["market"]
    testing.learn(market, staff["market"], held_on="2026-03-05")
    CapacitySettings.objects.create(training_minimum=1)
    assert _run(40, [market], D(2026, 11, 20))[market.pk].summary == "2026年度学法活动 1 次（最低 1 次）。"


# --- art. 54 --------------------------------------------------------------------------------------


def test_article_54_one_executive_meeting_for_a_government(today, city, staff):
    county = city["county"]
    assert _run(54, [county], D(2026, 11, 20))[county.pk].status == "not_yet_due"
    assert _run(54, [county], D(2027, 1, 1))[county.pk].status == "not_met"
    found = testing.meeting(county, staff["county"], name="蓬江区人民政府第12次常务会议", held_on="2026-04-20")
    result = _run(54, [county, city["market"]], D(2027, 1, 1))
    assert result[county.pk].status == "met"
    assert [ref.description for ref in result[county.pk].evidence] == ["蓬江区人民政府第12次常务会议（2026年4月20日）"]
    assert result[county.pk].evidence[0].id == found.pk
    assert result[city["market"].pk].status == "not_applicable"


# --- art. 3 ---------------------------------------------------------------------------------------


def _duty(body, clerk, **overrides):
    data = {
        "year": 2025,
        "head_name": "何建华",
        "head_post": "局长",
        "reported_on": "2026-01-15",
        "text": "带头尊法学法守法用法。",
        **overrides,
    }
    return services.record(registers.HEAD_DUTY, actor=clerk, body=body.pk, data=data)


def test_article_3_the_year_end_report_is_due_by_31_january(today, city, staff):
    market, ecology = city["market"], city["ecology"]
    assert _run(3, [market], D(2026, 1, 31), year=2025)[market.pk].status == "not_yet_due"
    record = _duty(market, staff["market"])
    result = _run(3, [market, ecology], D(2026, 2, 1), year=2025)
    assert result[market.pk].status == "met"
    assert result[market.pk].evidence[0].id == record.pk
    assert "何建华" not in result[market.pk].evidence[0].description
    assert result[ecology.pk].status == "not_met"
    assert result[ecology.pk].failing[0].description == (
        "2025年度主要负责人履行推进法治建设第一责任人职责情况述职逾期未完成（应于2026年1月31日前）"
    )
    # This year's report is not due before the next year's 31 January.
    assert _run(3, [market], D(2026, 11, 20))[market.pk].status == "not_yet_due"


def test_article_3_a_late_report_fails(today, city, staff):
    ecology = city["ecology"]
    _duty(ecology, staff["ecology"], reported_on="2026-02-03")
    late = _run(3, [ecology], D(2026, 3, 1), year=2025)[ecology.pk]
    assert late.status == "not_met"
    assert late.failing[0].description.endswith("逾期（应于2026年1月31日前，2026年2月3日完成）")


# --- art. 4 ---------------------------------------------------------------------------------------


def test_article_4_work_points_issued_by_31_march_and_assessed_after_the_year(today, city, staff):
    market, ecology = city["market"], city["ecology"]
    today.set(D(2026, 3, 10))
    plan = testing.adopted(market, staff["market"], on="2026-03-10")
    assert _run(4, [ecology], D(2026, 3, 31))[ecology.pk].status == "not_yet_due"
    result = _run(4, [market, ecology], D(2026, 4, 1))
    assert result[market.pk].status == "met"
    assert (result[market.pk].numerator, result[market.pk].denominator) == (0, 2)
    assert "年终考核应于2027年1月31日前完成。" in result[market.pk].summary
    assert result[ecology.pk].status == "not_met"
    assert result[ecology.pk].failing[0].description == "印发2026年度依法行政工作要点逾期未完成（应于2026年3月31日前）"

    today.set(D(2026, 12, 5))
    for measure in plan.measures.all():
        services.record_progress(
            plan, actor=staff["market"], measure=measure.pk, reported_on="2026-06-30", text="已完成。"
        )
    assert (_run(4, [market], D(2026, 12, 5))[market.pk].numerator) == 2
    assert _run(4, [market], D(2027, 2, 1))[market.pk].status == "not_met"
    services.assess(plan, actor=staff["market"], assessed_on="2026-12-05", assessment="全部完成。")
    done = _run(4, [market], D(2027, 2, 1))[market.pk]
    assert done.status == "met" and done.failing == []


def test_article_4_issued_late_fails(today, city, staff):
    market = city["market"]
    today.set(D(2026, 4, 15))
    plan = testing.adopted(market, staff["market"], on="2026-04-15")
    late = _run(4, [market], D(2026, 4, 20))[market.pk]
    assert late.status == "not_met"
    assert late.failing[0].id == plan.pk
    assert late.failing[0].description == ("印发2026年度依法行政工作要点逾期（应于2026年3月31日前，2026年4月15日完成）")


# --- art. 41 --------------------------------------------------------------------------------------


def _appoint(body, clerk, **overrides):
    data = {
        "person_name": "李明",
        "post": "副局长",
        "appointed_on": "2026-05-01",
        "test_kind": "knowledge",
        "tested_on": "2026-04-20",
        "test_form": "written",
        "score": "88",
        **overrides,
    }
    return services.record(registers.APPOINTMENTS, actor=clerk, body=body.pk, data=data)


def test_article_41_a_test_after_the_appointment_fails_and_names_the_post_not_the_person(today, city, staff):
    market = city["market"]
    _appoint(market, staff["market"])
    late = _appoint(market, staff["market"], person_name="张强", post="总工程师", tested_on="2026-05-08")
    untested = _appoint(
        market,
        staff["market"],
        person_name="陈红",
        post="副局长",
        appointed_on="2026-07-01",
        **{"test_kind": "", "tested_on": "", "test_form": "", "score": ""},
    )
    result = _run(41, [market, city["ecology"]], D(2026, 11, 20))
    mine = result[market.pk]
    assert mine.status == "not_met" and (mine.numerator, mine.denominator) == (1, 3)
    assert [ref.id for ref in mine.failing] == [late.pk, untested.pk]
    assert mine.failing[0].description == "2026年5月1日任职的总工程师：任职后（2026年5月8日）才进行考查测试"
    assert mine.failing[1].description == "2026年7月1日任职的副局长：未记录任职前法律知识考查"
    assert not any(name in ref.description for ref in mine.failing + mine.evidence for name in ("李明", "张强", "陈红"))
    assert result[city["ecology"].pk].status == "not_applicable"


def test_article_41_training_needs_legal_hours(today, city, staff):
    market = city["market"]
    data = {
        "kind": "initial",
        "title": "2026年新录用公务员初任培训班",
        "started_on": "2026-04-01",
        "ended_on": "2026-04-10",
        "trainees": 30,
        "total_hours": "60",
        "legal_hours": "12",
    }
    services.record(registers.TRAININGS, actor=staff["market"], body=market.pk, data=data)
    assert _run(41, [market], D(2026, 11, 20))[market.pk].status == "met"
    services.record(
        registers.TRAININGS,
        actor=staff["market"],
        body=market.pk,
        data={**data, "title": "任职培训班", "legal_hours": "0"},
    )
    result = _run(41, [market], D(2026, 11, 20))[market.pk]
    assert result.status == "not_met" and result.failing[0].description == "《任职培训班》没有法律知识学时"


# --- art. 42 --------------------------------------------------------------------------------------


def test_article_42_the_rate_of_list_items_with_activities(today, city, staff):
    market = city["market"]
    assert _run(42, [market], D(2026, 11, 20))[market.pk].status == "not_yet_due"
    assert _run(42, [market], D(2027, 1, 1))[market.pk].failing[0].description == "未公布2026年度普法责任清单"
    listed = testing.duty_list(market, staff["market"], staff["market_head"], items=2)
    first, second = listed.items.order_by("position")
    testing.educate(market, staff["market"], item=first.pk)
    testing.educate(market, staff["market"])  # an activity under no item counts for none
    running = _run(42, [market], D(2026, 11, 20))[market.pk]
    assert running.status == "not_yet_due" and (running.numerator, running.denominator) == (1, 2)
    assert running.failing == []
    after = _run(42, [market], D(2027, 1, 1))[market.pk]
    assert after.status == "not_met"
    assert [ref.description for ref in after.failing] == ["2026年度普法责任清单第2项《法律2》本年度没有开展普法活动"]
    testing.educate(market, staff["market"], item=second.pk, held_on="2026-11-01")
    assert _run(42, [market], D(2027, 1, 1))[market.pk].status == "met"


# --- cost -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("article", [3, 4, 40, 41, 42, 54])
def test_the_checks_are_cheap_on_many_bodies(article, today, city):
    counter = iter(range(10_000))

    def make_bodies(n):
        bodies = []
        for _i in range(n):
            number = next(counter)
            body = make_body(
                f"测试区{number}", parent=city["government"], kind=BodyKind.COUNTY_GOVERNMENT, code=f"t-{number}"
            )
            clerk = make_user(f"clerk-{number}", roles=[(body, Role.CLERK)])
            head = make_user(f"head-{number}", roles=[(body, Role.HEAD)])
            testing.learn(body, clerk, held_on="2026-03-05", kind="lecture", leadership_lecture=True)
            testing.meeting(body, clerk)
            _duty(body, clerk, year=2025)
            _appoint(body, clerk)
            item = testing.duty_list(body, clerk, head, items=1).items.get()
            testing.educate(body, clerk, item=item.pk)
            testing.adopted(body, clerk, measures=1)
            bodies.append(body)
        return bodies

    checks.autodiscover()
    assert_check_queries_bounded(article, make_bodies, year=2026, as_of=D(2026, 11, 20), few=3, many=12)
