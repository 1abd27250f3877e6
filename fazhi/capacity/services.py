"""Every change to the capacity records, one function each (seed arts. 3–4, 40–43, 45, 54).

The simple registers (`registers.REGISTERS`: the head's duty report, learning, appointments and
tests, civil-servant training, 普法 activities, publicity, staffing, executive meetings) are
recorded, revised and removed by `record`, `revise` and `remove`, which clean the fields the
register describes and apply its rules (`_RULES`); materials are attached with `attach`. The work
points and the 普法责任清单 move through their workflows (`workflow.py`), one function a step.

Only the body's own members record (`may_record`); the leading-group office above it reads. Each
change is audited with people's names masked.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.capacity import registers, selectors, workflow
from fazhi.capacity.choices import DutyListStatus, LearningKind
from fazhi.capacity.models import CapacitySettings, DutyList, DutyListItem, MeasureProgress, WorkMeasure, WorkPoints
from fazhi.capacity.registers import Field, Register
from fazhi.core import audit
from fazhi.core.access import member_body_ids, scope_body_ids
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_amount, clean_choice, clean_date, clean_flag, clean_id, clean_text
from fazhi.core.models import Body
from fazhi.core.services import attachments as attachment_services
from fazhi.obligations import registry

FIRST_YEAR = 2000
COUNT_LIMIT = 10_000_000
HOURS_LIMIT = Decimal("10000")


def _today() -> datetime.date:
    return timezone.localdate()


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


# --- who records ----------------------------------------------------------------------------------


def recording_body_ids(actor) -> frozenset[int]:
    """The bodies `actor` records for: those they are a member of with a role that changes records."""
    if actor is None or not actor.is_authenticated:
        return frozenset()
    return member_body_ids(actor) & scope_body_ids(actor, "change")


def recordable_bodies(actor):
    """The current bodies `actor` may record for (checked again by each service)."""
    bodies = Body.objects.current().order_by("tree_path")
    return bodies if actor.is_superuser else bodies.filter(pk__in=recording_body_ids(actor))


def _target_body(actor, value) -> Body:
    pk = value.pk if isinstance(value, Body) else clean_id(value, "body", _("单位"))
    body = Body.objects.current().filter(pk=pk).first()
    if body is None or not (actor.is_superuser or body.pk in recording_body_ids(actor)):
        raise _refuse("body", _("请选择本人所在、可以录入的单位。"))
    return body


# --- values ---------------------------------------------------------------------------------------


def clean_year(value, name: str = "year", *, high: int) -> int:
    """A four-digit year from 2000 to `high`."""
    if value is None or value == "":
        raise _refuse(name, _("请填写年度。"))
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not (text.isdigit() and len(text) == 4):
        raise _refuse(name, _("年度应为四位数字的年份。"))
    year = int(text)
    if not FIRST_YEAR <= year <= high:
        raise _refuse(name, _("年度应在%(low)d年至%(high)d年之间。") % {"low": FIRST_YEAR, "high": high})
    return year


def _count(value, name: str, label: str, *, required: bool, positive: bool) -> int | None:
    if value is None or value == "":
        if required:
            raise _refuse(name, _("请填写%(label)s。") % {"label": label})
        return None
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or int(text) > COUNT_LIMIT:
        raise _refuse(name, _("%(label)s应为不超过 %(n)d 的非负整数。") % {"label": label, "n": COUNT_LIMIT})
    if positive and int(text) == 0:
        raise _refuse(name, _("%(label)s应大于零。") % {"label": label})
    return int(text)


def _decimal(value, name: str, label: str, *, required: bool, high: Decimal) -> Decimal | None:
    """A number with at most one decimal, from 0 to `high` (hours, a score out of 100)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _refuse(name, _("请填写%(label)s。") % {"label": label})
        return None
    try:
        number = clean_amount(value, name, label)
    except InvalidInput:
        number = None
    if number is None or number > high or number != number.quantize(Decimal("0.1")):
        raise _refuse(
            name, _("%(label)s应为0至%(high)s之间、最多保留一位小数的数字。") % {"label": label, "high": high}
        )
    return number.quantize(Decimal("0.1"))


def _url(value, name: str, label: str, limit: int) -> str:
    text = clean_text(value, name, label, limit=limit)
    if text:
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise _refuse(name, _("%(label)s应为以 http:// 或 https:// 开头的网址。") % {"label": label}) from None
    return text


def _clean(register: Register, field: Field, value):
    """One field's value as its register describes it; the ITEM kind gives an id for its rule."""
    name, label, kind = field.name, field.label(register.model), field.kind
    if kind in (registers.LINE, registers.TEXT):
        limit = field.limit(register.model) if kind == registers.LINE else None
        return clean_text(value, name, label, required=field.required, **({"limit": limit} if limit else {}))
    if kind == registers.DATE:
        return clean_date(value, name, label, required=field.required, not_after=_today())
    if kind == registers.COUNT:
        return _count(value, name, label, required=field.required, positive=field.positive)
    if kind == registers.DECIMAL:
        return _decimal(value, name, label, required=field.required, high=HOURS_LIMIT)
    if kind == registers.SCORE:
        return _decimal(value, name, label, required=field.required, high=Decimal(100))
    if kind == registers.CHOICE:
        if field.required and value in (None, ""):
            raise _refuse(name, _("请选择%(label)s。") % {"label": label})
        return clean_choice(value, field.choices, name, label, required=field.required)
    if kind == registers.FLAG:
        return False if value is None else clean_flag(value, name, label)
    if kind == registers.AMOUNT:
        return clean_amount(value, name, label, positive=True)
    if kind == registers.URL:
        return _url(value, name, label, field.limit(register.model))
    if kind == registers.ITEM:
        return None if value in (None, "") else clean_id(value, name, label)
    high = _today().year + (0 if register is registers.HEAD_DUTY else 1)
    return clean_year(value, name, high=high)


def _current(instance, field: Field):
    return instance.item_id if field.kind == registers.ITEM else getattr(instance, field.name)


def _values(register: Register, data, body: Body, instance=None) -> dict:
    """The register's fields cleaned from `data`; on a revision, fields left out keep their value
    and the year of a yearly record stays."""
    fields = register.editable() if instance is not None else register.fields
    values = {}
    for field in fields:
        value = data.get(field.name) if instance is None or field.name in data else _current(instance, field)
        values[field.name] = _clean(register, field, value)
    if instance is not None and register.yearly:
        values["year"] = instance.year
    _RULES[register.key](values, body)
    return values


# --- the registers' own rules ---------------------------------------------------------------------


def _head_duty_rule(values, body) -> None:
    start = workflow.year_end(values["year"])
    if values["reported_on"] < start:
        raise _refuse(
            "reported_on",
            _("%(year)d年度的年终述职日期应在%(day)s以后。") % {"year": values["year"], "day": day_text(start)},
        )


def _learning_rule(values, body) -> None:
    if not values["leadership_lecture"]:
        return
    if values["kind"] != LearningKind.LECTURE:
        raise _refuse("leadership_lecture", _("领导班子法治专题讲座的形式应为“专题法治讲座”。"))
    if body.kind not in registry.GOVERNMENTS.kinds:
        raise _refuse(
            "leadership_lecture",
            _("只有人民政府领导班子举办的法治专题讲座计入意见第四十条第二款，本单位不是人民政府。"),
        )


TEST_FIELDS = ("test_kind", "tested_on", "test_form", "score", "result")


def _appointment_rule(values, body) -> None:
    if not any(values[name] not in (None, "") for name in TEST_FIELDS):
        return
    for name, label in (
        ("test_kind", _("考查测试类别")),
        ("tested_on", _("考查测试日期")),
        ("test_form", _("考查测试形式")),
    ):
        if not values[name]:
            raise _refuse(name, _("记录任职前考查测试的，请填写%(label)s。") % {"label": label})
    if values["score"] is None and not values["result"]:
        raise _refuse("score", _("请填写考查测试成绩或结果。"))


def _training_rule(values, body) -> None:
    if values["ended_on"] < values["started_on"]:
        raise _refuse("ended_on", _("结业日期不能早于开班日期。"))
    if values["total_hours"] <= 0:
        raise _refuse("total_hours", _("总学时应大于零。"))
    if values["legal_hours"] > values["total_hours"]:
        raise _refuse("legal_hours", _("法律知识学时不能超过总学时。"))


def _education_rule(values, body) -> None:
    if values["item"] is None:
        return
    year = values["held_on"].year
    item = DutyListItem.objects.filter(
        pk=values["item"], duty_list__body=body, duty_list__year=year, duty_list__status=DutyListStatus.PUBLISHED
    ).first()
    if item is None:
        raise _refuse("item", _("请选择本单位%(year)d年度已公布的普法责任清单中的事项。") % {"year": year})
    values["item"] = item


def _staffing_rule(values, body) -> None:
    if values["qualified"] > values["staff"]:
        raise _refuse("qualified", _("具有法律职业资格的人数不能超过在岗人数。"))
    if values["budget_included"] and values["budget_amount"] is None:
        raise _refuse("budget_amount", _("依法行政工作经费列入年度预算的，请填写预算金额。"))
    if not values["budget_included"] and values["budget_amount"] is not None:
        raise _refuse("budget_amount", _("未列入年度预算的，不填写预算金额。"))


def _meeting_rule(values, body) -> None:
    if not registry.applies_to(54, body):
        raise _refuse("body", _("政府常务会议听取依法行政工作汇报只由人民政府录入（意见第五十四条）。"))


_RULES = {
    registers.HEAD_DUTY.key: _head_duty_rule,
    registers.LEARNING.key: _learning_rule,
    registers.APPOINTMENTS.key: _appointment_rule,
    registers.TRAININGS.key: _training_rule,
    registers.EDUCATION.key: _education_rule,
    registers.PUBLICITY.key: lambda values, body: None,
    registers.STAFFING.key: _staffing_rule,
    registers.MEETINGS.key: _meeting_rule,
}


# --- the registers --------------------------------------------------------------------------------


def _audit_values(register: Register, instance) -> dict:
    """The record's fields for the audit log, people's names masked."""
    values = audit.snapshot(instance, [field.name for field in register.fields])
    for field in register.fields:
        if field.personal and values.get(field.name):
            values[field.name] = selectors.masked_names(values[field.name])
    return values


def _duplicate(register: Register, body: Body, year: int) -> Conflict:
    return Conflict(
        _("%(body)s%(year)d年度的%(what)s已经录入，请修改原记录。")
        % {"body": body.name, "year": year, "what": register.label},
        code="duplicate",
    )


def record(register: Register, *, actor, body, data, files=()):
    """录入 a record of a simple register for one of the actor's own bodies, with its files."""
    with attachment_services.files_removed_on_failure(), transaction.atomic():
        body = _target_body(actor, body)
        values = _values(register, data, body)
        instance = register.model(body=body, created_by=actor if actor.is_authenticated else None, **values)
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError:
            raise _duplicate(register, body, values["year"]) from None
        for uploaded in files:
            attachment_services.attach(instance, uploaded, actor=actor, body=body)
        audit.record(
            instance,
            f"capacity.{register.event}_recorded",
            actor=actor,
            body_id=body.pk,
            after=_audit_values(register, instance),
        )
        return instance


def _locked(instance):
    return type(instance).objects.select_for_update().select_related("body").get(pk=instance.pk)


@transaction.atomic
def revise(instance, *, actor, data):
    """修改: the fields given change, the others keep their value (a yearly record keeps its year)."""
    register = registers.BY_MODEL[type(instance)]
    workflow.require_scoped(instance, actor, _("修改%(what)s") % {"what": register.label})
    instance = _locked(instance)
    before = _audit_values(register, instance)
    for name, value in _values(register, data, instance.body, instance).items():
        setattr(instance, name, value)
    instance.save()
    audit.record(
        instance,
        f"capacity.{register.event}_revised",
        actor=actor,
        body_id=instance.body_id,
        before=before,
        after=_audit_values(register, instance),
    )
    return instance


@transaction.atomic
def remove(instance, *, actor) -> None:
    """删除 a record entered by mistake, with its files; the audit log keeps what it said."""
    register = registers.BY_MODEL[type(instance)]
    workflow.require_scoped(instance, actor, _("删除%(what)s") % {"what": register.label})
    instance = _locked(instance)
    for attachment in attachment_services.attachments_of(instance):
        attachment_services.remove(attachment, actor=actor)
    audit.record(
        instance,
        f"capacity.{register.event}_removed",
        actor=actor,
        body_id=instance.body_id,
        before=_audit_values(register, instance),
    )
    instance.delete()


def attach(instance, uploaded, *, actor):
    """附件: materials of a learning activity, the 述职 text, the issued work points (checked files)."""
    if uploaded is None:
        raise _refuse("file", _("请选择要上传的文件。"))
    register = registers.BY_MODEL.get(type(instance))
    if register is not None and not register.files:
        raise NotFound()
    label = register.label if register is not None else instance._meta.verbose_name
    workflow.require_scoped(instance, actor, _("上传%(what)s的附件") % {"what": label})
    with attachment_services.files_removed_on_failure(), transaction.atomic():
        return attachment_services.attach(instance, uploaded, actor=actor, body=instance.body)


MEASURE_FIELDS = ("content", "responsible_unit", "due_on")
ITEM_FIELDS = ("subject", "audience", "measures", "responsible_unit")


# --- numbered entries: measures of the work points, items of the duty list ------------------------


def _add_entry(parent, children, model, event: str, *, actor, link: str, **values):
    """Append an entry numbered after the last one, audited with its parent."""
    position = (children.aggregate(last=Max("position"))["last"] or 0) + 1
    entry = model.objects.create(**{link: parent}, position=position, **values)
    audit.record(
        entry,
        event,
        actor=actor,
        body_id=parent.body_id,
        after={link: parent.pk, **audit.snapshot(entry, ["position", *values])},
    )
    return entry


def _remove_entry(parent, children, entry, event: str, *, actor, link: str, fields) -> None:
    """Delete an entry; the later ones move up, so the numbers stay without gaps."""
    audit.record(
        entry,
        event,
        actor=actor,
        body_id=parent.body_id,
        before={link: parent.pk, **audit.snapshot(entry, ["position", *fields])},
    )
    entry.delete()
    for later in children.filter(position__gt=entry.position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


# --- work points (art. 4) -------------------------------------------------------------------------


def _locked_plan(plan: WorkPoints) -> WorkPoints:
    return WorkPoints.objects.select_for_update(of=("self",)).select_related("body").get(pk=plan.pk)


def _plan_event(plan: WorkPoints, event: str, *, actor, before: str, after: dict | None = None) -> WorkPoints:
    plan.save()
    audit.record(
        plan,
        f"capacity.work_points_{event}",
        actor=actor,
        body_id=plan.body_id,
        before={"status": before},
        after={"status": plan.status, **(after or {})},
    )
    return plan


@transaction.atomic
def create_work_points(*, actor, body, year, title, goals) -> WorkPoints:
    """起草 the year's 依法行政工作要点 with its goals (意见第四条: 有目标)."""
    body = _target_body(actor, body)
    year = clean_year(year, high=_today().year + 1)
    plan = WorkPoints(
        body=body,
        year=year,
        title=clean_text(title, "title", _("名称"), required=True, limit=200),
        goals=clean_text(goals, "goals", _("工作目标"), required=True),
        created_by=actor if actor.is_authenticated else None,
    )
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise Conflict(
            _("%(body)s%(year)d年度的依法行政工作要点已经起草，请在原工作要点上修改。")
            % {"body": body.name, "year": year},
            code="duplicate",
        ) from None
    audit.record(
        plan,
        "capacity.work_points_created",
        actor=actor,
        body_id=body.pk,
        after=audit.snapshot(plan, ["year", "title"]),
    )
    return plan


@transaction.atomic
def edit_work_points(plan: WorkPoints, *, actor, title=None, goals=None) -> WorkPoints:
    """修改 the name and goals while drafting."""
    plan = _locked_plan(plan)
    workflow.WORK_POINTS.require(plan, "edit", actor)
    before = audit.snapshot(plan, ["title", "goals"])
    if title is not None:
        plan.title = clean_text(title, "title", _("名称"), required=True, limit=200)
    if goals is not None:
        plan.goals = clean_text(goals, "goals", _("工作目标"), required=True)
    plan.save()
    audit.record(
        plan,
        "capacity.work_points_edited",
        actor=actor,
        body_id=plan.body_id,
        before=before,
        after=audit.snapshot(plan, ["title", "goals"]),
    )
    return plan


def _in_year(value, name: str, label: str, year: int) -> datetime.date:
    return clean_date(
        value,
        name,
        label,
        not_before=datetime.date(year, 1, 1),
        not_after=datetime.date(year, 12, 31),
        not_before_label=_("%(year)d年1月1日") % {"year": year},
    )


def _issued_on(value, name: str, label: str, year: int) -> datetime.date:
    """The day a yearly plan or list was issued: from 1 January of the year before to the year's
    end, and not after today."""
    return clean_date(
        value,
        name,
        label,
        not_before=datetime.date(year - 1, 1, 1),
        not_before_label=_("上一年1月1日"),
        not_after=min(_today(), datetime.date(year, 12, 31)),
    )


@transaction.atomic
def add_measure(plan: WorkPoints, *, actor, content, responsible_unit, due_on) -> WorkMeasure:
    """添加工作措施 (有计划): what, by which unit, planned to be done by when within the year."""
    plan = _locked_plan(plan)
    workflow.WORK_POINTS.require(plan, "add-measure", actor)
    values = {
        "content": clean_text(content, "content", _("工作措施"), required=True),
        "responsible_unit": clean_text(responsible_unit, "responsible_unit", _("责任单位"), required=True, limit=200),
        "due_on": _in_year(due_on, "due_on", _("计划完成时间"), plan.year),
    }
    return _add_entry(
        plan, plan.measures, WorkMeasure, "capacity.work_measure_added", actor=actor, link="plan", **values
    )


def _measure_of(plan: WorkPoints, value) -> WorkMeasure:
    pk = clean_id(value, "measure", _("工作措施"))
    measure = plan.measures.filter(pk=pk).first()
    if measure is None:
        raise _refuse("measure", _("该工作措施不属于本工作要点。"))
    return measure


@transaction.atomic
def remove_measure(plan: WorkPoints, *, actor, measure) -> None:
    """删除 a measure while drafting; the later ones move up, so the numbers stay without gaps."""
    plan = _locked_plan(plan)
    workflow.WORK_POINTS.require(plan, "remove-measure", actor)
    measure = _measure_of(plan, measure.pk if isinstance(measure, WorkMeasure) else measure)
    _remove_entry(
        plan, plan.measures, measure, "capacity.work_measure_removed", actor=actor, link="plan", fields=MEASURE_FIELDS
    )


def adopt(plan: WorkPoints, *, actor, adopted_on, document_number=None, file=None) -> WorkPoints:
    """印发: the day it was issued, with its document number or the issued document attached."""
    with attachment_services.files_removed_on_failure(), transaction.atomic():
        plan = _locked_plan(plan)
        transition = workflow.WORK_POINTS.require(plan, "adopt", actor, gates=False)
        day = _issued_on(adopted_on, "adopted_on", _("印发日期"), plan.year)
        number = clean_text(document_number, "document_number", _("印发文号"), limit=100)
        if number:
            plan.document_number = number
        if file is not None:
            attachment_services.attach(plan, file, actor=actor, body=plan.body)
        workflow.WORK_POINTS.check_state(plan, transition)
        before, _after = workflow.WORK_POINTS.move(plan, transition)
        plan.adopted_on = day
        return _plan_event(
            plan,
            "adopted",
            actor=actor,
            before=before,
            after={"adopted_on": day, "document_number": plan.document_number},
        )


@transaction.atomic
def record_progress(plan: WorkPoints, *, actor, measure, reported_on, text, completed=None) -> MeasureProgress:
    """落实: what was done on a measure, on a day from its issue to today."""
    plan = _locked_plan(plan)
    workflow.WORK_POINTS.require(plan, "progress", actor)
    measure = _measure_of(plan, measure.pk if isinstance(measure, WorkMeasure) else measure)
    progress = MeasureProgress.objects.create(
        measure=measure,
        reported_on=clean_date(
            reported_on,
            "reported_on",
            _("落实日期"),
            not_before=plan.adopted_on,
            not_before_label=_("印发日期"),
            not_after=_today(),
        ),
        text=clean_text(text, "text", _("落实情况"), required=True),
        completed=False if completed is None else clean_flag(completed, "completed", _("是否已完成")),
        created_by=actor if actor.is_authenticated else None,
    )
    audit.record(
        progress,
        "capacity.work_progress_recorded",
        actor=actor,
        body_id=plan.body_id,
        after={"measure": measure.pk, **audit.snapshot(progress, ["reported_on", "text", "completed"])},
    )
    return progress


@transaction.atomic
def assess(plan: WorkPoints, *, actor, assessed_on, assessment) -> WorkPoints:
    """年终考核 (有考核): from 1 December of the year, once every measure has been followed up."""
    plan = _locked_plan(plan)
    transition = workflow.WORK_POINTS.require(plan, "assess", actor)
    start = workflow.year_end(plan.year)
    last = plan.measures.aggregate(last=Max("progress__reported_on"))["last"]
    day = clean_date(
        assessed_on,
        "assessed_on",
        _("考核日期"),
        not_before=max(start, last) if last else start,
        not_before_label=_("年终（12月1日）及最近一次落实日期") if last and last > start else _("年终（12月1日）"),
        not_after=_today(),
    )
    text = clean_text(assessment, "assessment", _("年终考核情况"), required=True)
    before, _after = workflow.WORK_POINTS.move(plan, transition)
    plan.assessed_on, plan.assessment = day, text
    return _plan_event(plan, "assessed", actor=actor, before=before, after={"assessed_on": day})


# --- 普法责任清单 (art. 42) ---------------------------------------------------------------------------


def _locked_list(duty_list: DutyList) -> DutyList:
    return DutyList.objects.select_for_update(of=("self",)).select_related("body").get(pk=duty_list.pk)


@transaction.atomic
def create_duty_list(*, actor, body, year) -> DutyList:
    """编制 the year's 普法责任清单."""
    body = _target_body(actor, body)
    year = clean_year(year, high=_today().year + 1)
    duty_list = DutyList(body=body, year=year, created_by=actor if actor.is_authenticated else None)
    try:
        with transaction.atomic():
            duty_list.save()
    except IntegrityError:
        raise Conflict(
            _("%(body)s%(year)d年度的普法责任清单已经编制。") % {"body": body.name, "year": year}, code="duplicate"
        ) from None
    audit.record(duty_list, "capacity.duty_list_created", actor=actor, body_id=body.pk, after={"year": year})
    return duty_list


@transaction.atomic
def add_item(duty_list: DutyList, *, actor, subject, audience, measures, responsible_unit) -> DutyListItem:
    """添加清单事项: which law or subject, to whom, by what measures, by which unit."""
    duty_list = _locked_list(duty_list)
    workflow.DUTY_LIST.require(duty_list, "add-item", actor)
    values = {
        "subject": clean_text(subject, "subject", _("普法内容（法律法规）"), required=True, limit=200),
        "audience": clean_text(audience, "audience", _("普法对象"), required=True, limit=200),
        "measures": clean_text(measures, "measures", _("普法措施"), required=True),
        "responsible_unit": clean_text(responsible_unit, "responsible_unit", _("责任单位"), required=True, limit=200),
    }
    return _add_entry(
        duty_list, duty_list.items, DutyListItem, "capacity.duty_item_added", actor=actor, link="duty_list", **values
    )


@transaction.atomic
def remove_item(duty_list: DutyList, *, actor, item) -> None:
    """删除 an item while the list is being drawn up; the later ones move up."""
    duty_list = _locked_list(duty_list)
    workflow.DUTY_LIST.require(duty_list, "remove-item", actor)
    pk = clean_id(item.pk if isinstance(item, DutyListItem) else item, "item", _("清单事项"))
    found = duty_list.items.filter(pk=pk).first()
    if found is None:
        raise _refuse("item", _("该事项不属于本普法责任清单。"))
    _remove_entry(
        duty_list,
        duty_list.items,
        found,
        "capacity.duty_item_removed",
        actor=actor,
        link="duty_list",
        fields=ITEM_FIELDS,
    )


@transaction.atomic
def publish_duty_list(duty_list: DutyList, *, actor, published_on) -> DutyList:
    """审定公布 by the body's head: the list shows on the portal from then on."""
    duty_list = _locked_list(duty_list)
    transition = workflow.DUTY_LIST.require(duty_list, "publish", actor)
    day = _issued_on(published_on, "published_on", _("公布日期"), duty_list.year)
    before, _after = workflow.DUTY_LIST.move(duty_list, transition)
    duty_list.published_on = day
    duty_list.save()
    audit.record(
        duty_list,
        "capacity.duty_list_published",
        actor=actor,
        body_id=duty_list.body_id,
        before={"status": before},
        after={"status": duty_list.status, "published_on": day, "items": duty_list.items.count()},
    )
    return duty_list


# --- settings -------------------------------------------------------------------------------------

SETTINGS_FIELDS = (
    "training_minimum",
    "leadership_lecture_minimum",
    "executive_meeting_minimum",
    "work_points_month",
    "work_points_day",
    "duty_report_month",
    "duty_report_day",
)


@transaction.atomic
def change_settings(*, actor, **values) -> CapacitySettings:
    """Change the minimums and the local dates (the admin's form): checked as a whole, audited."""
    config = CapacitySettings.objects.select_for_update().filter(pk=1).first() or CapacitySettings()
    before = audit.snapshot(config, list(SETTINGS_FIELDS))
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(config, name, values[name])
    try:
        config.full_clean()
    except ValidationError as exc:
        raise InvalidInput(_("配置有误。"), errors=exc.message_dict) from None
    config.save()
    audit.record(
        config,
        "capacity.settings_changed",
        actor=actor,
        before=before,
        after=audit.snapshot(config, list(SETTINGS_FIELDS)),
    )
    return config


# --- one entry for pages and the API --------------------------------------------------------------

WORK_POINTS_FIELDS = {
    "edit": ("title", "goals"),
    "add-measure": ("content", "responsible_unit", "due_on"),
    "remove-measure": ("measure",),
    "adopt": ("adopted_on", "document_number"),
    "progress": ("measure", "reported_on", "text", "completed"),
    "assess": ("assessed_on", "assessment"),
}
DUTY_LIST_FIELDS = {
    "add-item": ITEM_FIELDS,
    "remove-item": ("item",),
    "publish": ("published_on",),
}
_WORK_POINTS_STEPS = {
    "edit": edit_work_points,
    "add-measure": add_measure,
    "remove-measure": remove_measure,
    "adopt": adopt,
    "progress": record_progress,
    "assess": assess,
}
_DUTY_LIST_STEPS = {"add-item": add_item, "remove-item": remove_item, "publish": publish_duty_list}


def run_work_points_step(plan: WorkPoints, name: str, *, actor, data, file=None):
    """A work-points step by its name, with the fields it takes from `data` (and the issued
    document for `adopt`)."""
    function = _WORK_POINTS_STEPS.get(name)
    if function is None:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    values = {field: data.get(field) for field in WORK_POINTS_FIELDS[name]}
    if name == "adopt":
        values["file"] = file
    return function(plan, actor=actor, **values)


def run_duty_list_step(duty_list: DutyList, name: str, *, actor, data):
    function = _DUTY_LIST_STEPS.get(name)
    if function is None:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    return function(duty_list, actor=actor, **{field: data.get(field) for field in DUTY_LIST_FIELDS[name]})
