"""Every change to inspection items, the entity directory, plans and results, one function each.

Each function owns its transaction, checks who may act and in which state (`workflow.py`, which
refuses with the Chinese reason), cleans its input (`fazhi.core.inputs`), makes the change and
writes the audit event. The draw is in `draw.py`, the Excel import of the directory in
`imports.py`; both follow the same pattern.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_flag, clean_text, reject_unknown
from fazhi.core.models import Body
from fazhi.inspections.choices import (
    EntityKind,
    InspectionMethod,
    ItemOutcome,
    ItemStatus,
    PlanStatus,
    TaskOutcome,
)
from fazhi.inspections.models import Entity, InspectionItem, InspectionPlan, InspectionTask, ItemResult
from fazhi.inspections.workflow import ITEM, PLAN, TASK
from fazhi.inspections.workflow import require as require_step

PUBLICITY = "inspection-result-publicity"
ITEM_FIELDS = ("name", "basis", "subject_type", "method")
ENTITY_FIELDS = ("code", "name", "kind", "industry", "area", "address", "active")
PLAN_FIELDS = (
    "year",
    "title",
    "items",
    "joint_bodies",
    "entity_kinds",
    "areas",
    "industries",
    "sample_ratio",
    "sample_count",
    "inspectors_per_entity",
    "seed_source",
)
RESULT_FIELDS = ("inspected_on", "concluded_on", "outcome", "problems", "handling", "results")
# Outcomes that say a problem was found, and those where nothing could be inspected.
PROBLEM_OUTCOMES = (TaskOutcome.CORRECTED, TaskOutcome.CASE_FILED, TaskOutcome.TRANSFERRED)
UNINSPECTED_OUTCOMES = (TaskOutcome.NO_ACTIVITY, TaskOutcome.UNREACHABLE, TaskOutcome.CLOSED, TaskOutcome.REFUSED)
MAX_LIST = 50


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _int(value, name: str, label: str, *, required: bool = True) -> int | None:
    if value is None or value == "":
        if required:
            raise _refuse(name, _("请填写%(label)s。") % {"label": label})
        return None
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 9:
        raise _refuse(name, _("%(label)s应为整数。") % {"label": label})
    return int(text)


def _not_future(value: datetime.date, name: str, label: str) -> datetime.date:
    if value > timezone.localdate():
        raise _refuse(name, _("%(label)s不能晚于今天。") % {"label": label})
    return value


def _require_enforcement_body(body: Body) -> None:
    if not body.is_enforcement_agency:
        raise _refuse("body", _("%(body)s不是行政执法机关，不开展随机抽查。") % {"body": body.name})


# --- 统一社会信用代码 (GB 32100-2015) ------------------------------------------------------------

CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CODE_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def check_character(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 (GB 32100-2015): weighted sum modulo 31."""
    total = sum(
        CODE_CHARACTERS.index(character) * weight for character, weight in zip(first17, _CODE_WEIGHTS, strict=True)
    )
    return CODE_CHARACTERS[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """What is wrong with a 统一社会信用代码, or None."""
    if len(code) != 18:
        return _("统一社会信用代码应为18位，“%(code)s”为%(n)d位。") % {"code": code, "n": len(code)}
    if not _CODE_SHAPE.match(code):
        return _("统一社会信用代码“%(code)s”含有不允许的字符（第3至8位为行政区划码，且不使用 I、O、Z、S、V）。") % {
            "code": code
        }
    if check_character(code[:17]) != code[17]:
        return _("统一社会信用代码“%(code)s”的校验码不正确，请核对。") % {"code": code}
    return None


def clean_credit_code(value, name: str = "code") -> str:
    code = clean_text(value, name, _("统一社会信用代码"), required=True, limit=40).upper()
    problem = credit_code_problem(code)
    if problem:
        raise _refuse(name, problem)
    return code


# --- inspection items ------------------------------------------------------------------------


def _item_values(data: dict, *, partial: bool) -> dict:
    reject_unknown(data, ITEM_FIELDS)
    values = {}
    for name, label, limit in (
        ("name", _("抽查事项"), 200),
        ("basis", _("检查依据"), 5000),
        ("subject_type", _("检查对象"), 200),
    ):
        if not partial or name in data:
            values[name] = clean_text(data.get(name), name, label, required=True, limit=limit)
    if not partial or "method" in data:
        values["method"] = clean_choice(data.get("method"), InspectionMethod, "method", _("检查方式"))
    return values


def _item_snapshot(item: InspectionItem) -> dict:
    return audit.snapshot(item, ["name", "basis", "subject_type", "method", "status", "published_on", "withdrawn_on"])


def _locked_item(item: InspectionItem) -> InspectionItem:
    return InspectionItem.objects.select_for_update().select_related("body").get(pk=item.pk)


def _draft_item(item: InspectionItem) -> None:
    if item.status != ItemStatus.DRAFT:
        raise Conflict(_("该事项已公布，不能再修改或删除；确需调整的，请将其调出清单后另行增加。"), code="locked")


@transaction.atomic
def add_item(*, actor, body: Body, **data) -> InspectionItem:
    """A draft item of the body's list of random-inspection items."""
    require(actor, "change", body, _("编制抽查事项清单"))
    _require_enforcement_body(body)
    item = InspectionItem.objects.create(body=body, created_by=actor, **_item_values(data, partial=False))
    audit.record(item, "inspections.item_added", actor=actor, after=_item_snapshot(item))
    return item


@transaction.atomic
def change_item(item: InspectionItem, *, actor, **data) -> InspectionItem:
    require(actor, "change", item.body, _("编制抽查事项清单"))
    item = _locked_item(item)
    _draft_item(item)
    values = _item_values(data, partial=True)
    before = _item_snapshot(item)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    audit.record(item, "inspections.item_changed", actor=actor, before=before, after=_item_snapshot(item))
    return item


@transaction.atomic
def remove_item(item: InspectionItem, *, actor) -> None:
    require(actor, "change", item.body, _("编制抽查事项清单"))
    item = _locked_item(item)
    _draft_item(item)
    if item.plans.exists():
        raise Conflict(_("已有抽查计划选用该事项，不能删除。"), code="in_use")
    audit.record(item, "inspections.item_removed", actor=actor, before=_item_snapshot(item))
    item.delete()


@transaction.atomic
def publish_items(body: Body, *, actor, published_on=None) -> list[InspectionItem]:
    """公布抽查事项清单: every draft item of the body goes on its public list at once."""
    require(actor, "approve", body, str(ITEM.transitions["publish"].label))
    drafts = list(InspectionItem.objects.select_for_update().filter(body=body, status=ItemStatus.DRAFT).order_by("id"))
    if not drafts:
        raise Conflict(_("%(body)s没有待公布的抽查事项。") % {"body": body.name}, code="nothing_to_publish")
    label = _("公布日期")
    published_on = clean_date(published_on, "published_on", label, required=False) or timezone.localdate()
    _not_future(published_on, "published_on", label)
    for item in drafts:
        before, after = ITEM.apply(item, "publish", actor)
        item.published_on = published_on
        item.save(update_fields=["status", "published_on", "updated_at"])
        audit.record(
            item,
            "inspections.item_published",
            actor=actor,
            before={"status": before},
            after={"status": after, "published_on": published_on},
        )
    return drafts


@transaction.atomic
def withdraw_item(item: InspectionItem, *, actor, reason, withdrawn_on=None) -> InspectionItem:
    """调出清单: the item stops being on the list from `withdrawn_on`; plans that drew on it keep it."""
    item = _locked_item(item)
    ITEM.require(item, "withdraw", actor, gates=False)
    reason = clean_text(reason, "reason", _("调出理由"), required=True, limit=2000)
    label = _("调出日期")
    withdrawn_on = _not_future(
        clean_date(withdrawn_on, "withdrawn_on", label, required=False) or timezone.localdate(), "withdrawn_on", label
    )
    if withdrawn_on < item.published_on:
        raise _refuse(
            "withdrawn_on", _("调出日期不能早于公布日期（%(date)s）。") % {"date": day_text(item.published_on)}
        )
    before, after = ITEM.apply(item, "withdraw", actor)
    item.withdrawn_on, item.withdraw_reason = withdrawn_on, reason
    item.save(update_fields=["status", "withdrawn_on", "withdraw_reason", "updated_at"])
    audit.record(
        item,
        "inspections.item_withdrawn",
        actor=actor,
        before={"status": before},
        after={"status": after, "withdrawn_on": withdrawn_on, "withdraw_reason": reason},
    )
    return item


# --- the entity directory --------------------------------------------------------------------


def entity_values(data: dict, *, partial: bool) -> dict:
    """An entity's fields, cleaned; the directory's import checks each row with the same rules."""
    reject_unknown(data, ENTITY_FIELDS)
    values = {}
    if not partial or "code" in data:
        values["code"] = clean_credit_code(data.get("code"))
    if not partial or "name" in data:
        values["name"] = clean_text(data.get("name"), "name", _("名称"), required=True, limit=200)
    if not partial or "kind" in data:
        values["kind"] = clean_choice(data.get("kind"), EntityKind, "kind", _("主体类型"))
    for name, label, limit in (("industry", _("行业"), 100), ("area", _("所属区域"), 50), ("address", _("地址"), 300)):
        if not partial or name in data:
            values[name] = clean_text(data.get(name), name, label, limit=limit)
    if "active" in data:
        values["active"] = clean_flag(data.get("active"), "active", _("在册"))
    elif not partial:
        values["active"] = True
    return values


ENTITY_SNAPSHOT = ["code", "name", "kind", "industry", "area", "address", "active"]


@transaction.atomic
def add_entity(*, actor, body: Body, **data) -> Entity:
    require(actor, "change", body, _("维护检查对象名录"))
    _require_enforcement_body(body)
    values = entity_values(data, partial=False)
    duplicate = Conflict(
        _("%(body)s的检查对象名录中已有统一社会信用代码为%(code)s的对象。")
        % {"body": body.name, "code": values["code"]},
        code="duplicate",
    )
    if Entity.objects.filter(body=body, code=values["code"]).exists():
        raise duplicate
    try:
        with transaction.atomic():
            entity = Entity.objects.create(body=body, **values)
    except IntegrityError:
        raise duplicate from None
    audit.record(entity, "inspections.entity_added", actor=actor, after=audit.snapshot(entity, ENTITY_SNAPSHOT))
    return entity


@transaction.atomic
def change_entity(entity: Entity, *, actor, **data) -> Entity:
    """Change an entity's fields; its code is its identity in the directory and does not change."""
    require(actor, "change", entity.body, _("维护检查对象名录"))
    if "code" in data:
        raise _refuse("code", _("统一社会信用代码是检查对象在名录中的标识，不能修改。"))
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    values = entity_values(data, partial=True)
    before = audit.snapshot(entity, ENTITY_SNAPSHOT)
    for name, value in values.items():
        setattr(entity, name, value)
    entity.save()
    audit.record(
        entity, "inspections.entity_changed", actor=actor, before=before, after=audit.snapshot(entity, ENTITY_SNAPSHOT)
    )
    return entity


# --- plans -----------------------------------------------------------------------------------


def _pk_list(value, name: str, label: str) -> list[int]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        raise _refuse(name, _("%(label)s应为编号的列表。") % {"label": label})
    if len(value) > MAX_LIST * 4:
        raise _refuse(name, _("%(label)s过多。") % {"label": label})
    return list(dict.fromkeys(_int(item, name, label) for item in value))


def _text_list(value, name: str, label: str) -> list[str]:
    """A list of short texts (areas, industries); a text with commas or 、 is split."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = re.split(r"[,，、;；\n]", value)
    if not isinstance(value, list | tuple) or len(value) > MAX_LIST:
        raise _refuse(name, _("%(label)s应为不超过%(n)d项的列表。") % {"label": label, "n": MAX_LIST})
    cleaned = [clean_text(item, name, label, limit=100) for item in value]
    return list(dict.fromkeys(item for item in cleaned if item))


def _kinds(value) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        value = [value]
    return list(dict.fromkeys(clean_choice(item, EntityKind, "entity_kinds", _("主体类型")) for item in value))


def _ratio(value) -> Decimal | None:
    if value is None or value == "":
        return None
    message = _("抽查比例应为大于0、不超过100的百分数，最多两位小数。")
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise _refuse("sample_ratio", message)
    try:
        ratio = Decimal(str(value).strip())
    except InvalidOperation:
        raise _refuse("sample_ratio", message) from None
    if not ratio.is_finite() or not Decimal(0) < ratio <= Decimal(100) or ratio != ratio.quantize(Decimal("0.01")):
        raise _refuse("sample_ratio", message)
    return ratio.quantize(Decimal("0.01"))


def _joint_bodies(ids: list[int], body: Body) -> list[Body]:
    found = {b.pk: b for b in Body.objects.filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise _refuse("joint_bodies", _("找不到编号为%(ids)s的单位。") % {"ids": "、".join(map(str, missing))})
    bodies = [found[pk] for pk in ids if pk != body.pk]
    for joint in bodies:
        if not joint.is_enforcement_agency:
            raise _refuse("joint_bodies", _("%(body)s不是行政执法机关，不能参加联合抽查。") % {"body": joint.name})
    return bodies


def _plan_items(ids: list[int], participants: list[Body], today: datetime.date) -> list[InspectionItem]:
    """The chosen items: each on the published list of a body taking part."""
    found = {
        item.pk: item
        for item in InspectionItem.objects.in_force(today)
        .filter(pk__in=ids, body__in=[b.pk for b in participants])
        .select_related("body")
    }
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise _refuse(
            "items",
            _("抽查事项应从参加单位已公布的抽查事项清单中选择；编号%(ids)s不符合。")
            % {"ids": "、".join(map(str, missing))},
        )
    return [found[pk] for pk in ids]


def _plan_values(data: dict, body: Body, *, partial: bool, current: InspectionPlan | None = None) -> dict:
    reject_unknown(data, PLAN_FIELDS)
    values: dict = {}
    today = timezone.localdate()
    if not partial or "year" in data:
        year = _int(data.get("year"), "year", _("年度"))
        if not 2000 <= year <= today.year + 1:
            raise _refuse("year", _("年度应在2000年至明年之间。"))
        values["year"] = year
    if not partial or "title" in data:
        values["title"] = clean_text(data.get("title"), "title", _("计划名称"), required=True, limit=200)
    if not partial or "seed_source" in data:
        values["seed_source"] = clean_text(
            data.get("seed_source"), "seed_source", _("随机数来源"), required=True, limit=300
        )
    if not partial or "entity_kinds" in data:
        values["entity_kinds"] = _kinds(data.get("entity_kinds"))
    for name, label in (("areas", _("所属区域")), ("industries", _("行业"))):
        if not partial or name in data:
            values[name] = _text_list(data.get(name), name, label)
    if not partial or "inspectors_per_entity" in data:
        number = _int(data.get("inspectors_per_entity"), "inspectors_per_entity", _("执法人员数"), required=False)
        number = 2 if number is None else number
        if not 2 <= number <= 10:
            raise _refuse(
                "inspectors_per_entity",
                _("每个检查对象应由至少2名、至多10名持证执法人员检查（行政处罚法第四十二条）。"),
            )
        values["inspectors_per_entity"] = number
    if not partial or "sample_ratio" in data or "sample_count" in data:
        ratio = _ratio(data.get("sample_ratio"))
        count = _int(data.get("sample_count"), "sample_count", _("抽查数量"), required=False)
        if partial:
            # Either one given replaces the other; the one not given keeps its value otherwise.
            if "sample_ratio" not in data:
                ratio = None if count is not None else current.sample_ratio
            if "sample_count" not in data:
                count = None if ratio is not None else current.sample_count
        if (ratio is None) == (count is None):
            raise _refuse("sample_ratio", _("抽查比例和抽查数量应填写且只填写一项。"))
        if count is not None and count < 1:
            raise _refuse("sample_count", _("抽查数量应至少为1。"))
        values["sample_ratio"], values["sample_count"] = ratio, count
    if not partial or "joint_bodies" in data:
        values["joint_bodies"] = _joint_bodies(_pk_list(data.get("joint_bodies"), "joint_bodies", _("参加单位")), body)
    if not partial or "items" in data or "joint_bodies" in data:
        participants = [body, *values.get("joint_bodies", current.participants()[1:] if current else [])]
        ids = _pk_list(data.get("items"), "items", _("抽查事项")) if "items" in data or not partial else None
        if ids is None:
            ids = [item.pk for item in current.items.all()]
        if not ids:
            raise _refuse("items", _("请至少选择一项抽查事项。"))
        values["items"] = _plan_items(ids, participants, today)
    return values


PLAN_SNAPSHOT = [
    "year",
    "title",
    "entity_kinds",
    "areas",
    "industries",
    "sample_ratio",
    "sample_count",
    "inspectors_per_entity",
    "seed_source",
    "status",
]


def _plan_snapshot(plan: InspectionPlan) -> dict:
    return {
        **audit.snapshot(plan, PLAN_SNAPSHOT),
        "items": sorted(plan.items.values_list("pk", flat=True)),
        "joint_bodies": sorted(plan.joint_bodies.values_list("pk", flat=True)),
    }


def _locked_plan(plan: InspectionPlan) -> InspectionPlan:
    return InspectionPlan.objects.select_for_update().select_related("body").get(pk=plan.pk)


@transaction.atomic
def create_plan(*, actor, body: Body, **data) -> InspectionPlan:
    """A draft plan of `body`, alone or joint with other enforcement bodies."""
    require(actor, "change", body, _("编制抽查计划"))
    _require_enforcement_body(body)
    values = _plan_values(data, body, partial=False)
    items, joint = values.pop("items"), values.pop("joint_bodies")
    plan = InspectionPlan.objects.create(body=body, created_by=actor, **values)
    plan.items.set(items)
    plan.joint_bodies.set(joint)
    audit.record(plan, "inspections.plan_created", actor=actor, after=_plan_snapshot(plan))
    return plan


@transaction.atomic
def change_plan(plan: InspectionPlan, *, actor, **data) -> InspectionPlan:
    """Change a draft plan; once drawn it is what was drawn from."""
    require(actor, "change", plan.body, _("编制抽查计划"))
    plan = _locked_plan(plan)
    if plan.status != PlanStatus.DRAFT:
        raise Conflict(_("计划已抽取，不能再修改。"), code="locked")
    values = _plan_values(data, plan.body, partial=True, current=plan)
    before = _plan_snapshot(plan)
    items, joint = values.pop("items", None), values.pop("joint_bodies", None)
    for name, value in values.items():
        setattr(plan, name, value)
    plan.save()
    if joint is not None:
        plan.joint_bodies.set(joint)
    if items is not None:
        plan.items.set(items)
    audit.record(plan, "inspections.plan_changed", actor=actor, before=before, after=_plan_snapshot(plan))
    return plan


@transaction.atomic
def publish_plan(plan: InspectionPlan, *, actor, published_on=None) -> InspectionPlan:
    """向社会公布: the plan, its seed, its candidates and its picks on the portal."""
    plan = _locked_plan(plan)
    require_step(PLAN, plan, "publish", actor, gates=False)
    label = _("公布日期")
    published_on = clean_date(published_on, "published_on", label, required=False) or timezone.localdate()
    _not_future(published_on, "published_on", label)
    drawn_on = plan.draw.drawn_on
    if published_on < drawn_on:
        raise _refuse("published_on", _("公布日期不能早于抽取日期（%(date)s）。") % {"date": day_text(drawn_on)})
    before, after = PLAN.apply(plan, "publish", actor)
    plan.published_on = published_on
    plan.save(update_fields=["status", "published_on", "updated_at"])
    audit.record(
        plan,
        "inspections.plan_published",
        actor=actor,
        before={"status": before},
        after={"status": after, "published_on": published_on},
    )
    return plan


@transaction.atomic
def finish_plan(plan: InspectionPlan, *, actor) -> InspectionPlan:
    """办结: every drawn entity's result is published."""
    plan = _locked_plan(plan)
    require_step(PLAN, plan, "finish", actor, gates=False)
    before, after = PLAN.apply(plan, "finish", actor)
    plan.finished_on = timezone.localdate()
    plan.save(update_fields=["status", "finished_on", "updated_at"])
    audit.record(
        plan,
        "inspections.plan_finished",
        actor=actor,
        before={"status": before},
        after={"status": after, "finished_on": plan.finished_on},
    )
    return plan


# --- results ---------------------------------------------------------------------------------


def _locked_task(task: InspectionTask) -> InspectionTask:
    return (
        InspectionTask.objects.select_for_update(of=("self",))
        .select_related("plan", "plan__draw", "body")
        .get(pk=task.pk)
    )


def _item_results(value, items: list[InspectionItem]) -> dict[int, tuple[str, str]]:
    """{item id: (outcome, note)} for every item of the plan, from {id: outcome} or {id: {outcome, note}}."""
    if not isinstance(value, dict):
        raise _refuse("results", _("请逐项填写检查情况。"))
    by_id = {str(item.pk): item for item in items}
    unknown = [key for key in value if str(key) not in by_id]
    if unknown:
        raise _refuse("results", _("以下事项不属于本计划：%(ids)s。") % {"ids": "、".join(map(str, unknown))})
    results = {}
    for key, item in by_id.items():
        given = value.get(key, value.get(int(key)))
        note = ""
        if isinstance(given, dict):
            reject_unknown(given, ("outcome", "note"))
            note = clean_text(given.get("note"), "results", _("说明"), limit=2000)
            given = given.get("outcome")
        if given in (None, ""):
            raise _refuse("results", _("请填写“%(item)s”的检查情况。") % {"item": item.name})
        results[item.pk] = (clean_choice(given, ItemOutcome, "results", _("检查情况")), note)
    return results


def _consistent(outcome: str, results: dict, problems: str) -> None:
    found = any(result == ItemOutcome.PROBLEM for result, _note in results.values())
    inspected = any(result != ItemOutcome.NOT_INSPECTED for result, _note in results.values())
    if outcome in PROBLEM_OUTCOMES:
        if not found:
            raise _refuse("results", _("检查结果为发现问题的，请在相应事项中标明“发现问题”。"))
        if not problems:
            raise _refuse("problems", _("请填写发现的问题。"))
    elif outcome == TaskOutcome.NO_PROBLEM:
        if found:
            raise _refuse("outcome", _("有事项发现问题，检查结果不能为“未发现问题”。"))
        if not inspected:
            raise _refuse("results", _("检查结果为“未发现问题”的，至少应有一项事项已检查。"))
    elif inspected:
        raise _refuse(
            "results", _("检查结果为“%(outcome)s”的，各事项应为“未检查”。") % {"outcome": TaskOutcome(outcome).label}
        )


@transaction.atomic
def record_result(task: InspectionTask, *, actor, **data) -> InspectionTask:
    """录入检查结果: each item's result, the overall result, and the publicity clock started."""
    task = _locked_task(task)
    require_step(TASK, task, "record", actor, gates=False)
    reject_unknown(data, RESULT_FIELDS)
    drawn_on = task.plan.draw.drawn_on
    inspected_on = _not_future(
        clean_date(data.get("inspected_on"), "inspected_on", _("检查日期")), "inspected_on", _("检查日期")
    )
    if inspected_on < drawn_on:
        raise _refuse("inspected_on", _("检查日期不能早于抽取日期（%(date)s）。") % {"date": day_text(drawn_on)})
    label = _("检查结论日期")
    concluded_on = clean_date(data.get("concluded_on"), "concluded_on", label, required=False) or timezone.localdate()
    _not_future(concluded_on, "concluded_on", label)
    if concluded_on < inspected_on:
        raise _refuse("concluded_on", _("检查结论日期不能早于检查日期。"))
    outcome = clean_choice(data.get("outcome"), TaskOutcome, "outcome", _("检查结果"))
    problems = clean_text(data.get("problems"), "problems", _("发现的问题"), limit=5000)
    handling = clean_text(data.get("handling"), "handling", _("处理情况"), limit=5000)
    items = list(task.plan.items.order_by("id"))
    results = _item_results(data.get("results"), items)
    _consistent(outcome, results, problems)
    before, after = TASK.apply(task, "record", actor)
    task.inspected_on, task.concluded_on, task.outcome = inspected_on, concluded_on, outcome
    task.problems, task.handling = problems, handling
    task.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    ItemResult.objects.bulk_create(
        ItemResult(task=task, item_id=pk, outcome=result, note=note) for pk, (result, note) in results.items()
    )
    task.publicity_deadline = clock.open_deadline(
        subject=task, matter=PUBLICITY, start_on=concluded_on, body=task.body, actor=actor
    )
    task.save()
    audit.record(
        task,
        "inspections.result_recorded",
        actor=actor,
        before={"status": before},
        after={
            "status": after,
            "inspected_on": inspected_on,
            "concluded_on": concluded_on,
            "outcome": outcome,
            "problems": problems,
            "handling": handling,
            "results": {str(pk): result for pk, (result, _note) in results.items()},
            "publicity_due_on": task.publicity_deadline.due_on,
        },
    )
    return task


@transaction.atomic
def publish_result(task: InspectionTask, *, actor, published_on=None) -> InspectionTask:
    """公示检查结果 (within 20 working days of the conclusion; a late publication is still recorded)."""
    task = _locked_task(task)
    require_step(TASK, task, "publish", actor, gates=False)
    label = _("公示日期")
    published_on = clean_date(published_on, "published_on", label, required=False) or timezone.localdate()
    _not_future(published_on, "published_on", label)
    if published_on < task.concluded_on:
        raise _refuse(
            "published_on", _("公示日期不能早于检查结论日期（%(date)s）。") % {"date": day_text(task.concluded_on)}
        )
    before, after = TASK.apply(task, "publish", actor)
    task.published_on = published_on
    task.save(update_fields=["status", "published_on", "updated_at"])
    if task.publicity_deadline is not None and task.publicity_deadline.closed_on is None:
        clock.close_deadline(task.publicity_deadline, closed_on=published_on, actor=actor)
    due_on = task.publicity_deadline.due_on if task.publicity_deadline else None
    audit.record(
        task,
        "inspections.result_published",
        actor=actor,
        before={"status": before},
        after={"status": after, "published_on": published_on, "on_time": due_on is None or published_on <= due_on},
    )
    return task


def body_from(value, name: str, label: str) -> Body:
    """A body named by id in a request: bad input if malformed, 404 if there is none."""
    pk = _int(value, name, label)
    body = Body.objects.filter(pk=pk).first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body
