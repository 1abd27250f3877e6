"""Items, plans and results: each step refused with its reason, then allowed; the publicity deadline
with the clock frozen on Monday 2 November 2026; coverage; the art. 23 check."""

import datetime

import pytest

from fazhi.clock.models import Deadline
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.core.testing import make_body
from fazhi.inspections import draw, selectors, services, testing
from fazhi.inspections.choices import ItemStatus, PlanStatus, TaskStatus
from fazhi.inspections.models import InspectionTask
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 2)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    """Monday 2 November 2026: 20 working days later is Monday 30 November (no holiday between)."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def _refused(run, fragment, exc=Conflict):
    with pytest.raises(exc) as caught:
        run()
    assert fragment in str(caught.value.detail), caught.value.detail


def _drawn(city, staff, items, **overrides):
    plan = testing.make_plan(city["market"], staff["clerk"], items, **overrides)
    draw.draw(plan, actor=staff["clerk"], public_value="3287.45")
    plan.refresh_from_db()
    return plan


def test_the_item_list_is_drafted_then_published_by_the_head_then_frozen(city, staff, people):
    market, clerk, head = city["market"], staff["clerk"], staff["head"]
    _refused(lambda: services.add_item(actor=people["ecology_clerk"], body=market, **testing.ITEMS[0]), "", NotFound)
    _refused(
        lambda: services.add_item(actor=clerk, body=market, **{**testing.ITEMS[0], "method": "电话"}),
        "检查方式",
        InvalidInput,
    )
    _refused(
        lambda: services.add_item(actor=clerk, body=market, **{**testing.ITEMS[0], "colour": "红"}),
        "未知字段",
        InvalidInput,
    )
    item = services.add_item(actor=clerk, body=market, **testing.ITEMS[0])
    item = services.change_item(item, actor=clerk, subject_type="食品销售者")
    _refused(lambda: services.publish_items(market, actor=clerk), "您没有“公布抽查事项清单”的权限", Forbidden)
    (published,) = services.publish_items(market, actor=head)
    assert published.status == ItemStatus.PUBLISHED and published.published_on == TODAY
    _refused(lambda: services.publish_items(market, actor=head), "没有待公布的抽查事项")
    _refused(lambda: services.change_item(published, actor=clerk, name="改"), "已公布，不能再修改")
    _refused(lambda: services.remove_item(published, actor=clerk), "已公布")
    _refused(lambda: services.withdraw_item(published, actor=head, reason=" "), "调出理由", InvalidInput)
    withdrawn = services.withdraw_item(published, actor=head, reason="上级调整抽查事项")
    assert withdrawn.status == ItemStatus.WITHDRAWN and withdrawn.withdrawn_on == TODAY
    assert list(
        AuditEvent.objects.filter(object_type="inspections.inspectionitem").values_list("action", flat=True)
    ) == [
        "inspections.item_added",
        "inspections.item_changed",
        "inspections.item_published",
        "inspections.item_withdrawn",
    ]
    _refused(
        lambda: services.add_item(actor=people["county_office"], body=city["county_market"], **testing.ITEMS[0]),
        "不是行政执法机关",
        InvalidInput,
    )


def test_a_plan_takes_published_items_and_exactly_one_of_ratio_or_count(city, staff, items, people):
    market, clerk = city["market"], staff["clerk"]
    draft = services.add_item(actor=clerk, body=market, **testing.ITEMS[1])
    _refused(lambda: testing.make_plan(market, clerk, [draft]), "已公布的抽查事项清单中选择", InvalidInput)
    _refused(
        lambda: testing.make_plan(market, clerk, items, sample_count=10, sample_ratio="5"),
        "应填写且只填写一项",
        InvalidInput,
    )
    _refused(lambda: testing.make_plan(market, clerk, items, sample_ratio="150"), "抽查比例", InvalidInput)
    _refused(lambda: testing.make_plan(market, clerk, items, inspectors_per_entity=1), "至少2名", InvalidInput)
    _refused(lambda: testing.make_plan(market, clerk, items, seed_source=""), "随机数来源", InvalidInput)
    _refused(
        lambda: testing.make_plan(market, clerk, items, joint_bodies=[city["county"].pk]),
        "不是行政执法机关",
        InvalidInput,
    )
    _refused(lambda: testing.make_plan(market, people["ecology_clerk"], items), "", NotFound)
    plan = testing.make_plan(market, clerk, items, entity_kinds=["enterprise"], areas="蓬江区、江海区")
    assert plan.areas == ["蓬江区", "江海区"] and plan.sample_ratio == 5
    plan = services.change_plan(plan, actor=clerk, sample_count=12)
    assert (plan.sample_ratio, plan.sample_count) == (None, 12)


def test_the_plan_steps_refused_with_their_reasons_then_allowed(city, staff, officers, items, directory, people):
    market, clerk, head = city["market"], staff["clerk"], staff["head"]
    plan = testing.make_plan(market, clerk, items, entity_kinds=["cooperative"])
    _refused(lambda: services.publish_plan(plan, actor=head), "当前状态为“编制中”，不能进行“公布抽查计划和抽取结果”")
    _refused(lambda: draw.draw(plan, actor=people["ecology_clerk"], public_value="1"), "", NotFound)
    _refused(lambda: draw.draw(plan, actor=clerk, public_value=""), "公开随机数", InvalidInput)
    _refused(lambda: draw.draw(plan, actor=clerk, public_value="1"), "没有符合计划条件的在册检查对象")
    plan = services.change_plan(plan, actor=clerk, entity_kinds=["enterprise"], areas=["蓬江区"])
    services.withdraw_item(items[0], actor=head, reason="调整")
    _refused(lambda: draw.draw(plan, actor=clerk, public_value="1"), "已不在公布的抽查事项清单中")
    plan = services.change_plan(plan, actor=clerk, items=[item.pk for item in items[1:]])
    record = draw.draw(plan, actor=clerk, public_value="3287.45")
    expected = [row for row in testing.entity_rows(200) if row["kind"] == "企业" and row["area"] == "蓬江区"]
    assert record.candidate_count == len(expected) == 21
    assert {task.entity.area for task in InspectionTask.objects.filter(plan=plan)} == {"蓬江区"}
    _refused(lambda: services.change_plan(plan, actor=clerk, title="改"), "计划已抽取")
    _refused(lambda: services.publish_plan(plan, actor=clerk), "您没有“公布抽查计划和抽取结果”的权限", Forbidden)
    plan = services.publish_plan(plan, actor=head)
    assert plan.status == PlanStatus.PUBLISHED and plan.published_on == TODAY
    _refused(lambda: services.finish_plan(plan, actor=clerk), "检查结果未公示，不能办结计划")
    for task in InspectionTask.objects.filter(plan=plan):
        services.publish_result(testing.record(task, clerk), actor=clerk)
    assert services.finish_plan(plan, actor=clerk).status == PlanStatus.DONE


def test_a_result_is_recorded_item_by_item_and_published_within_20_working_days(
    city, staff, officers, items, directory
):
    clerk, head = staff["clerk"], staff["head"]
    plan = _drawn(city, staff, items, sample_count=3)
    first, second, third = InspectionTask.objects.filter(plan=plan).order_by("rank")
    ids = [str(item.pk) for item in items]
    good = {"inspected_on": TODAY, "outcome": "no_problem", "results": dict.fromkeys(ids, "compliant")}
    _refused(
        lambda: services.record_result(first, actor=clerk, **{**good, "results": {ids[0]: "compliant"}}),
        "请填写",
        InvalidInput,
    )
    _refused(
        lambda: services.record_result(
            first, actor=clerk, **{**good, "results": {**good["results"], ids[0]: "problem"}}
        ),
        "检查结果不能为“未发现问题”",
        InvalidInput,
    )
    _refused(
        lambda: services.record_result(first, actor=clerk, **{**good, "outcome": "corrected"}),
        "标明“发现问题”",
        InvalidInput,
    )
    _refused(
        lambda: services.record_result(
            first, actor=clerk, **{**good, "inspected_on": TODAY + datetime.timedelta(days=1)}
        ),
        "不能晚于今天",
        InvalidInput,
    )
    task = services.record_result(first, actor=clerk, **good)
    assert task.status == TaskStatus.RECORDED and task.concluded_on == TODAY
    deadline = Deadline.objects.get(pk=task.publicity_deadline_id)
    assert (deadline.matter, deadline.due_on) == ("inspection-result-publicity", D(2026, 11, 30))
    _refused(lambda: services.record_result(task, actor=clerk, **good), "当前状态为“结果已录入”")
    _refused(lambda: services.publish_result(task, actor=clerk), "抽查计划及抽取结果尚未公布")
    services.publish_plan(plan, actor=head)
    task = services.publish_result(task, actor=clerk)
    assert task.status == TaskStatus.PUBLISHED and Deadline.objects.get(pk=deadline.pk).closed_on == TODAY

    problem = testing.record(second, clerk, outcome="corrected", problems="未建立进货查验记录，联系人13800138000")
    assert problem.results.filter(outcome="problem").count() == len(items)
    unreachable = testing.record(third, clerk, outcome="unreachable")
    assert unreachable.results.filter(outcome="not_inspected").count() == len(items)


def test_coverage_counts_each_item_inspected_in_the_year(city, staff, officers, items, directory):
    clerk = staff["clerk"]
    plan = _drawn(city, staff, items, sample_count=2)
    first, second = InspectionTask.objects.filter(plan=plan).order_by("rank")
    market = city["market"]
    entry = selectors.coverage([market.pk], 2026, TODAY)[market.pk]
    assert (entry.total, entry.covered) == (3, 0)
    results = {str(items[0].pk): "compliant", str(items[1].pk): "not_inspected", str(items[2].pk): "not_inspected"}
    services.record_result(first, actor=clerk, inspected_on=TODAY, outcome="no_problem", results=results)
    testing.record(second, clerk, outcome="unreachable")
    entry = selectors.coverage([market.pk], 2026, TODAY)[market.pk]
    assert (entry.total, entry.covered) == (3, 1) and entry.uncovered == items[1:]
    assert selectors.coverage([market.pk], 2025, D(2025, 12, 31))[market.pk].total == 0, (
        "the list was published in 2026"
    )


def _art23(body, as_of):
    checks.autodiscover()
    return checks.run(23, [body], 2026, as_of)[body.pk]


def test_art_23_wants_the_list_full_coverage_and_results_published_on_time(
    city, staff, officers, items, directory, monkeypatch
):
    market, clerk, head = city["market"], staff["clerk"], staff["head"]
    assert (
        _art23(city["ecology"], TODAY).status == "not_met"
        and "尚未公布随机抽查事项清单" in _art23(city["ecology"], TODAY).summary
    )
    assert _art23(city["county_market"], TODAY).status == "not_applicable", "not an enforcement body"
    assert _art23(market, TODAY).status == "not_yet_due"
    assert _art23(market, D(2026, 12, 31)).status == "not_met"

    plan = _drawn(city, staff, items, sample_count=2)
    services.publish_plan(plan, actor=head)
    first, second = InspectionTask.objects.filter(plan=plan).order_by("rank")
    services.publish_result(testing.record(first, clerk), actor=clerk)
    result = _art23(market, TODAY)
    assert result.status == "met" and (result.numerator, result.denominator) == (3, 3)

    testing.record(second, clerk)
    assert _art23(market, D(2026, 11, 30)).status == "met", "due on 30 November: not late yet"
    late = _art23(market, D(2026, 12, 1))
    assert late.status == "not_met" and late.failing[0].id == second.pk and "逾期未公示" in late.failing[0].description
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: D(2026, 12, 1))
    services.publish_result(second, actor=clerk)
    late = _art23(market, D(2026, 12, 2))
    assert late.status == "not_met" and "逾期公示" in late.failing[0].description


def test_art_23_query_count_is_bounded(city):
    def make_bodies(n):
        return [make_body(f"执法单位{n}-{i}", parent=city["government"], is_enforcement_agency=True) for i in range(n)]

    assert_check_queries_bounded(23, make_bodies, year=2026, as_of=TODAY, max_queries=6)
