"""Seed arts. 34, 52, 53 and 56 checked: met, not met, not yet due and not applicable over real
2026 dates, the failing records named by their public handles, and a fixed number of queries."""

import datetime

from fazhi.core.choices import BodyKind
from fazhi.core.testing import make_body, make_user
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded
from fazhi.oversight import services, testing

D = datetime.date


def _run(article, bodies, as_of, year=2026):
    checks.autodiscover()
    return checks.run(article, bodies, year, as_of)


# --- art. 34 --------------------------------------------------------------------------------------


def test_art_34_answers_on_time_late_and_running(today, city, staff):
    market, ecology = city["market"], city["ecology"]
    today.set(D(2026, 6, 1))
    on_time = testing.answered(market, staff["office"], staff["market"], replied_on="2026-05-29", number="0001")
    running = testing.assign(market, staff["office"], number="0002", complex=True)
    result = _run(34, [market, ecology], D(2026, 6, 1))
    mine = result[market.pk]
    assert mine.status == "met" and (mine.numerator, mine.denominator) == (1, 1)
    assert "办理期内 1 件次" in mine.summary and mine.evidence[0].description == "市十六届人大六次会议第0001号答复"
    assert result[ecology.pk].status == "met" and result[ecology.pk].summary == "本年度未发布规章、规范性文件。"
    late = _run(34, [market], D(2026, 9, 3))[market.pk]
    assert late.status == "not_met"
    assert [ref.description for ref in late.failing] == [
        "市十六届人大六次会议第0002号答复逾期未完成（应于2026年9月2日前）"
    ]
    assert late.failing[0].id == running.pk
    assert on_time.pk


def test_art_34_a_second_answer_and_the_opinion_report(today, city, staff):
    market = city["market"]
    today.set(D(2026, 3, 10))
    proposal = testing.answered(market, staff["office"], staff["market"], replied_on="2026-03-10", number="0007")
    today.set(D(2026, 3, 20))
    services.record_feedback(
        proposal, actor=staff["office"], feedback="unsatisfied", feedback_on="2026-03-20", note="未回应公开检查结果"
    )
    report = testing.report(market, staff["market"])
    services.add_opinion(report, actor=staff["market"], kind="opinion", received_on="2026-03-02", content="意见")
    waiting = _run(34, [market], D(2026, 4, 1))[market.pk]
    assert waiting.status == "met" and "期限内 1 件" in waiting.summary  # the first answer was on time
    overdue = _run(34, [market], D(2026, 6, 3))[market.pk]
    assert overdue.status == "not_met"
    assert [ref.description for ref in overdue.failing] == [
        "市十六届人大六次会议第0007号再次答复逾期未完成（应于2026年4月20日前）",
        "《关于食品安全工作情况的报告》审议意见研究处理情况报告逾期未完成（应于2026年6月2日前）",
    ]
    only_running = testing.report(city["ecology"], staff["ecology"])
    services.add_opinion(only_running, actor=staff["ecology"], kind="opinion", received_on="2026-03-02", content="意见")
    assert _run(34, [city["ecology"]], D(2026, 4, 1))[city["ecology"].pk].status == "not_yet_due"


# --- art. 52 --------------------------------------------------------------------------------------


def test_art_52_tasks_submitted_by_their_dates_and_the_split_organised(today, city, staff, justice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    county, market = city["county"], city["market"]
    assert _run(52, [justice], D(2026, 6, 1))[justice.pk].status == "not_yet_due"
    assert _run(52, [justice], D(2027, 1, 4), year=2026)[justice.pk].status == "not_met"
    split = testing.plan(
        city["government"],
        staff["office"],
        tasks=[(market, "行政执法三项制度", "2026-04-15"), (county, "法治政府建设年度报告", "2026-04-15")],
    )
    organised = _run(52, [justice], D(2026, 3, 3))[justice.pk]
    assert organised.status == "met" and organised.evidence[0].description == split.title
    task = split.tasks.get(body=market)
    services.upload_material(task, actor=staff["market"], file=SimpleUploadedFile("说明.txt", "说明".encode()))
    today.set(D(2026, 4, 15))
    services.submit_task(task, actor=staff["market"])
    result = _run(52, [market, county, city["ecology"]], D(2026, 4, 20))
    assert result[market.pk].status == "met" and (result[market.pk].numerator, result[market.pk].denominator) == (1, 1)
    assert result[county.pk].status == "not_met"
    assert (
        result[county.pk].failing[0].description
        == "“法治政府建设年度报告”应考材料报送逾期未完成（应于2026年4月15日前）"
    )
    assert result[city["ecology"].pk].status == "not_applicable"
    assert _run(52, [county], D(2026, 4, 10))[county.pk].status == "not_yet_due"


# --- art. 53 --------------------------------------------------------------------------------------


def test_art_53_rectified_by_the_date_and_verified(today, city, staff):
    market, ecology = city["market"], city["ecology"]
    order = testing.order(city["government"], market, staff["office"], number="江法治办〔2026〕5号")
    testing.order(city["government"], market, staff["office"], kind="criticism", rectify_by=None)
    assert _run(53, [market], D(2026, 4, 1))[market.pk].status == "not_yet_due"
    today.set(D(2026, 4, 28))
    services.report_rectification(order, actor=staff["market"], reported_on="2026-04-28", report="已整改。")
    waiting = _run(53, [market, ecology], D(2026, 5, 6))
    assert waiting[market.pk].status == "not_yet_due" and "被通报批评 1 次" in waiting[market.pk].summary
    assert waiting[ecology.pk].status == "not_applicable"
    services.verify_rectification(order, actor=staff["office"], verified_on="2026-04-28", passed=True)
    assert _run(53, [market], D(2026, 5, 6))[market.pk].status == "met"
    second = testing.order(
        city["government"],
        market,
        staff["office"],
        number="江法治办〔2026〕6号",
        issued_on="2026-04-28",
        rectify_by="2026-05-29",
    )
    late = _run(53, [market], D(2026, 6, 1))[market.pk]
    assert late.status == "not_met" and late.failing[0].id == second.pk
    assert late.failing[0].description == "江法治办〔2026〕6号第1轮整改逾期未完成（应于2026年5月29日前）"
    today.set(D(2026, 6, 2))
    services.report_rectification(second, actor=staff["market"], reported_on="2026-05-28", report="已整改。")
    services.verify_rectification(
        second, actor=staff["office"], verified_on="2026-06-02", passed=False, note="未到位", new_due_on="2026-06-30"
    )
    rejected = _run(53, [market], D(2026, 6, 3))[market.pk]
    assert [ref.description for ref in rejected.failing] == ["江法治办〔2026〕6号第1轮整改核查未通过"]


# --- art. 56 --------------------------------------------------------------------------------------


def test_art_56_one_periodic_and_one_special_inspection_in_the_year(today, city, staff, justice):
    government = city["government"]
    special = testing.inspect(government, [city["market"]], staff["office"], kind="special")
    services.start_inspection(special, actor=staff["office"], started_on="2026-03-02")
    periodic = testing.inspect(
        government, [city["ecology"]], staff["office"], kind="periodic", title="年中定期检查", planned_on="2026-07-01"
    )
    running = _run(56, [justice, city["market"]], D(2026, 6, 1))
    assert running[justice.pk].status == "not_yet_due" and (
        running[justice.pk].numerator,
        running[justice.pk].denominator,
    ) == (1, 2)
    assert running[city["market"].pk].status == "not_applicable"
    missed = _run(56, [justice], D(2027, 1, 4))[justice.pk]
    assert missed.status == "not_met" and [ref.description for ref in missed.failing] == ["“年中定期检查”未开展"]
    today.set(D(2026, 7, 1))
    services.start_inspection(periodic, actor=staff["office"], started_on="2026-07-01")
    met = _run(56, [justice], D(2026, 7, 2))[justice.pk]
    assert met.status == "met" and {ref.id for ref in met.evidence} == {special.pk, periodic.pk}
    # 蓬江区's office has its own government: the city's inspections are not its own.
    county_office_host = make_body(
        "蓬江区司法局", parent=city["county"], kind=BodyKind.COUNTY_DEPARTMENT, hosts_leading_group_office=True
    )
    assert _run(56, [county_office_host], D(2027, 1, 4))[county_office_host.pk].status == "not_met"


# --- query bounds ---------------------------------------------------------------------------------


def test_the_checks_are_cheap_on_many_bodies(today, city, staff, justice):
    counter = iter(range(10_000))
    admin = make_user("admin", is_superuser=True)
    today.set(D(2026, 3, 10))
    testing.plan(city["government"], staff["office"], tasks=[(city["market"], "指标", "2026-04-15")])
    inspection = testing.inspect(city["government"], [city["market"]], staff["office"])
    services.start_inspection(inspection, actor=staff["office"], started_on="2026-03-02")

    def make_bodies(n):
        bodies = []
        for _i in range(n):
            number = next(counter)
            body = make_body(
                f"测试局{number}",
                parent=city["government"],
                code=f"t-{number}",
                hosts_leading_group_office=number % 2 == 0,
            )
            testing.answered(body, admin, admin, number=f"9{number:05d}")
            testing.order(city["government"], body, admin)
            report = testing.report(body, admin)
            services.add_opinion(report, actor=admin, kind="opinion", received_on="2026-03-02", content="意见")
            bodies.append(body)
        return bodies

    for article in (34, 52, 53, 56):
        assert_check_queries_bounded(article, make_bodies, year=2026, as_of=D(2026, 6, 20), max_queries=12)
