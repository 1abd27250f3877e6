"""Building random-inspection records for tests, the URL-scoping walk, the demo and the bench.

Officers and certificates are made directly (the enforcement app's roster is theirs to manage);
items, entities, plans, draws and results go through the services, so every gate is met.
"""

import datetime
import itertools

from django.utils import timezone

from fazhi.enforcement.choices import CertificateStatus
from fazhi.enforcement.models import Certificate, Officer
from fazhi.inspections import draw as draws
from fazhi.inspections import imports, services
from fazhi.inspections.choices import EntityKind, ItemOutcome, TaskOutcome
from fazhi.inspections.models import (
    Draw,
    Entity,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    ItemResult,
    TaskInspector,
)

_numbers = itertools.count(1)
KINDS = list(EntityKind.values)
AREAS = ["蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"]
INDUSTRIES = ["食品销售", "餐饮服务", "食品生产", "药品零售", "特种设备使用", "网络交易", "计量器具使用"]
ITEMS = [
    {
        "name": "食品销售者落实食品安全主体责任情况的检查",
        "basis": "《中华人民共和国食品安全法》第一百一十条；《食品经营许可和备案管理办法》",
        "subject_type": "食品销售经营者",
        "method": "onsite",
    },
    {
        "name": "企业公示信息情况的检查",
        "basis": "《企业信息公示暂行条例》第十四条、第十五条",
        "subject_type": "各类企业",
        "method": "documents",
    },
    {
        "name": "特种设备使用单位落实安全主体责任情况的检查",
        "basis": "《中华人民共和国特种设备安全法》第五十七条",
        "subject_type": "特种设备使用单位",
        "method": "onsite",
    },
]


def credit_code(number: int, region: str = "440703") -> str:
    """A well-formed 统一社会信用代码 (the check character computed): enterprises' 91 and `region`."""
    first17 = f"91{region}{number:09d}"
    return first17 + services.check_character(first17)


def entity_rows(count: int, *, start: int = 1, prefix: str = "江门市示例") -> list[dict]:
    """`count` directory rows with valid codes, spread over kinds, areas and industries."""
    rows = []
    for number in range(start, start + count):
        rows.append(
            {
                "code": credit_code(number),
                "name": f"{prefix}{number:05d}商贸有限公司",
                "kind": "企业" if number % 4 else "个体工商户",
                "industry": INDUSTRIES[number % len(INDUSTRIES)],
                "area": AREAS[number % len(AREAS)],
                "address": f"{AREAS[number % len(AREAS)]}示例路{number}号",
                "active": "是",
            }
        )
    return rows


def import_entities(body, actor, count: int, **kwargs) -> imports.ImportReport:
    report = imports.import_workbook(imports.workbook(entity_rows(count, **kwargs)), actor=actor, body=body)
    assert report.ok, report.errors
    return report


def make_officer(
    body,
    name: str | None = None,
    *,
    user=None,
    number: str | None = None,
    issued_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    status: str = CertificateStatus.VALID,
) -> Officer:
    """An officer of `body` holding one certificate, valid today unless told otherwise."""
    today = timezone.localdate()
    sequence = next(_numbers)
    officer = Officer.objects.create(body=body, user=user, name=name or f"执法人员{sequence}")
    Certificate.objects.create(
        officer=officer,
        number=number or f"44070{body.pk:03d}{sequence:06d}",
        area="市场监管",
        issued_on=issued_on or today - datetime.timedelta(days=365),
        expires_on=expires_on or today + datetime.timedelta(days=365 * 3),
        status=status,
    )
    return officer


def publish_items(body, clerk, head, items=ITEMS) -> list[InspectionItem]:
    for data in items:
        services.add_item(actor=clerk, body=body, **data)
    return services.publish_items(body, actor=head)


def make_plan(body, clerk, items, **overrides) -> InspectionPlan:
    data = {
        "year": timezone.localdate().year,
        "title": f"{body.name}{timezone.localdate().year}年度双随机抽查计划",
        "items": [item.pk for item in items],
        "sample_ratio": "5",
        "inspectors_per_entity": 2,
        "seed_source": "抽取当日上证综合指数收盘点位",
        **overrides,
    }
    if "sample_count" in overrides and "sample_ratio" not in overrides:
        data.pop("sample_ratio")
    return services.create_plan(actor=clerk, body=body, **data)


def record(
    task, clerk, *, outcome=TaskOutcome.NO_PROBLEM, problems="", handling="", inspected_on=None, concluded_on=None
):
    """A task's result: every item 符合 (or 发现问题 where the outcome says so)."""
    items = list(task.plan.items.all())
    if outcome in services.PROBLEM_OUTCOMES:
        results = {item.pk: ItemOutcome.PROBLEM for item in items}
    elif outcome in services.UNINSPECTED_OUTCOMES:
        results = {item.pk: ItemOutcome.NOT_INSPECTED for item in items}
    else:
        results = {item.pk: ItemOutcome.COMPLIANT for item in items}
    today = timezone.localdate()
    return services.record_result(
        task,
        actor=clerk,
        inspected_on=inspected_on or today,
        concluded_on=concluded_on or inspected_on or today,
        outcome=outcome,
        problems=problems,
        handling=handling,
        results={str(pk): value for pk, value in results.items()},
    )


# --- the URL-scoping walk ----------------------------------------------------------------------


def make_canaries(body, markers: dict) -> dict:
    """Records of `body` carrying the walk's markers, none of them public: a draft item, an entity, a
    plan drawn but not published, and its task with a recorded result (made directly: the walk
    only reads them)."""
    today = timezone.localdate()
    item = InspectionItem.objects.create(
        body=body,
        name=markers["subject"],
        basis=markers["content"],
        subject_type=markers["content"],
        method="onsite",
    )
    entity = Entity.objects.create(
        body=body,
        code=credit_code(990001),
        name=markers["submitter"],
        kind=EntityKind.INDIVIDUAL,
        address=markers["content"],
        area=markers["attachment_name"],
    )
    plan = InspectionPlan.objects.create(
        body=body, year=today.year, title=markers["subject"], seed_source=markers["content"], sample_count=1
    )
    plan.items.set([item])
    # Not a marker: certified officers' names are public (执法公示), whatever plan they are drawn for.
    officer = make_officer(body, "抽查哨兵执法人员")
    certificate = officer.certificates.get()
    Draw.objects.create(
        plan=plan,
        public_value="1",
        seed=draws.seed_for(plan.pk, "1"),
        drawn_on=today,
        drawn_at=timezone.now(),
        candidate_count=1,
        candidates=entity.code,
        candidates_digest=draws.sm3(entity.code),
        sample_size=1,
        picks=[{"code": entity.code, "name": markers["submitter"], "inspectors": []}],
        inspector_pool=[{"certificate": certificate.number, "officer": officer.name, "officer_id": officer.pk}],
        inspector_pool_digest=draws.sm3(certificate.number),
    )
    InspectionPlan.objects.filter(pk=plan.pk).update(status="drawn")
    task = InspectionTask.objects.create(
        plan=plan,
        body=body,
        entity=entity,
        rank=1,
        status="recorded",
        inspected_on=today,
        concluded_on=today,
        outcome=TaskOutcome.CORRECTED,
        problems=markers["content"],
        handling=markers["phone"],
    )
    TaskInspector.objects.create(task=task, officer=officer, certificate=certificate, order=1)
    ItemResult.objects.create(task=task, item=item, outcome=ItemOutcome.PROBLEM, note=markers["content"])
    return {
        "inspection_item": item.pk,
        "inspection_entity": entity.pk,
        "inspection_plan": plan.pk,
        "inspection_task": task.pk,
    }


def state() -> dict:
    """What the walk's intruders must not change."""
    return {
        "inspection_items": list(InspectionItem.objects.order_by("pk").values_list("pk", "status", "name", "basis")),
        "inspection_entities": list(Entity.objects.order_by("pk").values_list("pk", "name", "active", "address")),
        "inspection_plans": list(InspectionPlan.objects.order_by("pk").values_list("pk", "status", "title")),
        "inspection_draws": list(Draw.objects.order_by("pk").values_list("pk", "seed", "picks")),
        "inspection_tasks": list(
            InspectionTask.objects.order_by("pk").values_list("pk", "status", "outcome", "problems", "published_on")
        ),
    }
