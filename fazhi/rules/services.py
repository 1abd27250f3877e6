"""Every change to legislative plans, government rules and their filings, one function each.

Each owns its transaction, locks the record, asks `workflow.RULE` (which refuses with the Chinese
reason), applies the change, writes the audit event and keeps the search index in step. Pages,
the API and the demo call these functions; nothing else sets a status. Consultation, legality
review and the meeting record are `fazhi.procedures` records about the rule, started here and
moved on through that app's services and pages.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.clock.models import Deadline
from fazhi.core import audit
from fazhi.core.access import may, require
from fazhi.core.choices import BodyKind
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_text, reject_unknown
from fazhi.core.models import Body
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind
from fazhi.numbering.models import NumberFormat
from fazhi.procedures import services as procedures
from fazhi.procedures.choices import CommentPeriod, ReviewKind
from fazhi.rules import workflow
from fazhi.rules.choices import FilingRecipient, PlanStatus, RuleStatus, SubjectArea
from fazhi.rules.models import PUBLISHED_STATUSES, LegislativePlan, PlanItem, Rule, RuleFiling, RuleSettings
from fazhi.texts.search import service as search

TEXT_MAX = procedures.TEXT_MAX
S = RuleStatus


def government_of(body: Body) -> Body:
    """The government a body drafts rules for: itself or its nearest government ancestor, which must be
    a 设区的市 government — county-level ones make no rules (立法法（2023）第九十三条).
    """
    kinds = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT)
    candidates = Body.objects.filter(pk__in=[*body.ancestor_ids(), body.pk], kind__in=kinds)
    government = max(candidates, key=lambda candidate: len(candidate.tree_path), default=None)
    if government is None or government.kind != BodyKind.CITY_GOVERNMENT:
        raise InvalidInput(_("%(body)s不属于设区的市人民政府，不能起草政府规章。") % {"body": body.name})
    return government


def _int(value, name: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        message = _("%(label)s应为整数。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    if len(str(value).strip()) > 9:
        message = _("%(label)s超出范围。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return int(value)


# --- the yearly plan (第十二条、第十三条) --------------------------------------------------------


def _plan_locked(plan: LegislativePlan) -> LegislativePlan:
    return LegislativePlan.objects.select_for_update().select_related("government").get(pk=plan.pk)


@transaction.atomic
def create_plan(*, actor, government: Body, year, title=None) -> LegislativePlan:
    """A draft 年度规章制定工作计划 of a city government, one per year."""
    require(actor, "change", government, _("拟订年度规章制定工作计划"))
    if government.kind != BodyKind.CITY_GOVERNMENT:
        raise InvalidInput(_("只有设区的市人民政府制定规章工作计划。"))
    year = _int(year, "year", _("年度"))
    if not 2000 <= year <= timezone.localdate().year + 1:
        message = _("年度应在2000年至明年之间。")
        raise InvalidInput(message, errors={"year": [message]})
    default_title = _("%(government)s%(year)d年度规章制定工作计划") % {"government": government.name, "year": year}
    title = clean_text(title, "title", _("名称"), limit=200) or default_title
    if LegislativePlan.objects.filter(government=government, year=year).exists():
        raise Conflict(_("%(year)d年度的规章制定工作计划已经存在。") % {"year": year}, code="duplicate")
    plan = LegislativePlan.objects.create(government=government, year=year, title=title, created_by=actor)
    audit.record(plan, "rules.plan_created", actor=actor, body_id=government.pk, after=audit.snapshot(plan))
    return plan


ITEM_FIELDS = ("title", "subject_area", "drafting_body", "planned_submission_on", "note")


@transaction.atomic
def add_plan_item(plan: LegislativePlan, *, actor, **data) -> PlanItem:
    """A project in a draft plan: the rule, its drafting body (under the government) and the date it
    goes to the government for decision, within the plan's year."""
    require(actor, "change", plan.government, _("拟订年度规章制定工作计划"))
    reject_unknown(data, ITEM_FIELDS)
    plan = _plan_locked(plan)
    if plan.status != PlanStatus.DRAFT:
        raise Conflict(_("计划已公布，不能再增加项目。"), code="locked")
    title = clean_text(data.get("title"), "title", _("规章名称"), required=True, limit=200)
    subject_area = clean_choice(data.get("subject_area"), SubjectArea, "subject_area", _("立法事项"))
    drafting_body = data.get("drafting_body")
    if not isinstance(drafting_body, Body):
        drafting_body = Body.objects.filter(pk=_int(drafting_body, "drafting_body", _("起草单位"))).first()
    if drafting_body is None or not drafting_body.tree_path.startswith(plan.government.tree_path):
        message = _("起草单位应为%(government)s或其所属单位。") % {"government": plan.government.name}
        raise InvalidInput(message, errors={"drafting_body": [message]})
    planned = clean_date(data.get("planned_submission_on"), "planned_submission_on", _("计划提请审议时间"))
    if planned.year != plan.year:
        message = _("计划提请审议时间应在%(year)d年内。") % {"year": plan.year}
        raise InvalidInput(message, errors={"planned_submission_on": [message]})
    note = clean_text(data.get("note"), "note", _("说明"), limit=5000)
    item = PlanItem.objects.create(
        plan=plan,
        title=title,
        subject_area=subject_area,
        drafting_body=drafting_body,
        planned_submission_on=planned,
        note=note,
    )
    audit.record(item, "rules.plan_item_added", actor=actor, body_id=plan.government_id, after=audit.snapshot(item))
    return item


@transaction.atomic
def publish_plan(plan: LegislativePlan, *, actor, published_on=None) -> LegislativePlan:
    """报本级人民政府批准后向社会公布 (第十二条): approved by the government's head and made public."""
    require(actor, "approve", plan.government, _("批准并公布年度计划"))
    plan = _plan_locked(plan)
    if plan.status != PlanStatus.DRAFT:
        raise Conflict(_("计划已经公布。"), code="invalid_transition")
    if not plan.items.exists():
        raise Conflict(_("计划中还没有项目，不能公布。"), code="gate_not_met")
    today = timezone.localdate()
    published_on = clean_date(published_on, "published_on", _("公布日期"), required=False) or today
    if published_on > today:
        message = _("公布日期不能晚于今天。")
        raise InvalidInput(message, errors={"published_on": [message]})
    plan.status, plan.published_on, plan.published_by = PlanStatus.PUBLISHED, published_on, actor
    plan.save()
    audit.record(
        plan,
        "rules.plan_published",
        actor=actor,
        body_id=plan.government_id,
        before={"status": PlanStatus.DRAFT},
        after={"status": plan.status, "published_on": published_on},
    )
    return plan


@transaction.atomic
def record_item_reason(item: PlanItem, *, actor, reason) -> PlanItem:
    """Why a project of the published plan was not carried out as planned (postponed, merged, dropped):
    what the art. 6 check accepts in place of a published rule."""
    plan = item.plan
    require(actor, "change", plan.government, _("记录计划执行情况"))
    item = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    if item.plan.status != PlanStatus.PUBLISHED:
        raise Conflict(_("计划尚未公布，可直接修改计划。"), code="invalid_transition")
    rule = Rule.objects.filter(plan_item=item).first()
    if rule is not None and rule.status in PUBLISHED_STATUSES:
        raise Conflict(_("该项目的规章已经公布，无需说明理由。"), code="invalid_transition")
    before = audit.snapshot(item, ["unfinished_reason", "reason_recorded_on"])
    item.unfinished_reason = clean_text(reason, "reason", _("未按计划完成的理由"), required=True, limit=5000)
    item.reason_recorded_on = timezone.localdate()
    item.save()
    audit.record(
        item,
        "rules.plan_item_reason",
        actor=actor,
        body_id=plan.government_id,
        before=before,
        after=audit.snapshot(item, ["unfinished_reason", "reason_recorded_on"]),
    )
    return item


# --- rules ---------------------------------------------------------------------------------

RULE_FIELDS = ("title", "subject_area", "text", "drafting_note", "unplanned_reason", "replaces")


def _replaced(value, rule: Rule) -> Rule | None:
    if value in (None, ""):
        return None
    if isinstance(value, Rule):
        value = value.pk
    pk = _int(value, "replaces", _("所修改的规章"))
    replaced = Rule.objects.published().filter(pk=pk, government_id=rule.government_id).first()
    if replaced is None or replaced.pk == rule.pk:
        message = _("所修改的规章应为本级政府已公布的规章。")
        raise InvalidInput(message, errors={"replaces": [message]})
    return replaced


def _rule_values(data: dict, rule: Rule) -> dict:
    reject_unknown(data, RULE_FIELDS)
    values = {}
    for name, label, required, limit in (
        ("title", _("规章名称"), True, 200),
        ("text", _("正文"), False, TEXT_MAX),
        ("drafting_note", _("起草说明"), False, TEXT_MAX),
        ("unplanned_reason", _("计划外立项的理由"), False, 5000),
    ):
        if name in data:
            values[name] = clean_text(data[name], name, label, required=required, limit=limit)
    if "subject_area" in data:
        values["subject_area"] = clean_choice(data["subject_area"], SubjectArea, "subject_area", _("立法事项"))
    if "replaces" in data:
        values["replaces"] = _replaced(data["replaces"], rule)
    return values


def _save(rule: Rule) -> None:
    """Save, turning a lost race for an order number into the same 409 as the check before it."""
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise Conflict(_("政府令序号已被另一件规章使用。"), code="duplicate") from None
    search.index(rule)


def _locked(rule: Rule) -> Rule:
    return (
        Rule.objects.select_for_update(of=("self",))
        .select_related("body", "government", "plan_item__plan")
        .get(pk=rule.pk)
    )


def _plan_item(value, body: Body) -> PlanItem | None:
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, PlanItem) else _int(value, "plan_item", _("计划项目"))
    item = PlanItem.objects.select_related("plan").filter(pk=pk, plan__status=PlanStatus.PUBLISHED).first()
    if item is None or item.drafting_body_id != body.pk:
        message = _("计划项目应为已公布计划中由本单位起草的项目。")
        raise InvalidInput(message, errors={"plan_item": [message]})
    if Rule.objects.filter(plan_item=item).exists():
        raise Conflict(_("该计划项目已经立项。"), code="duplicate")
    return item


@transaction.atomic
def create_rule(*, actor, body: Body, plan_item=None, **data) -> Rule:
    """A rule project of `body`: from an item of the published plan (its title and area by default),
    or outside the plan with the reason it is needed."""
    require(actor, "change", body, _("起草政府规章"))
    government = government_of(body)
    item = _plan_item(plan_item, body)
    if item is not None and item.plan.government_id != government.pk:
        raise InvalidInput(
            _("计划项目不属于本级政府的计划。"), errors={"plan_item": [_("计划项目不属于本级政府的计划。")]}
        )
    if item is not None:
        data.setdefault("title", item.title)
        data.setdefault("subject_area", item.subject_area)
    for name in ("title", "subject_area"):
        data.setdefault(name, None)
    rule = Rule(government=government, body=body, plan_item=item, created_by=actor)
    for name, value in _rule_values(data, rule).items():
        setattr(rule, name, value)
    _save(rule)
    audit.record(rule, "rules.created", actor=actor, after=audit.snapshot(rule))
    return rule


@transaction.atomic
def update_rule(rule: Rule, *, actor, **data) -> Rule:
    """Change a draft (revised after comments and review); refused once the government has decided it."""
    require(actor, "change", rule.body, _("修改规章草案"))
    rule = _locked(rule)
    if rule.status not in workflow.EDITABLE_STATUSES:
        raise Conflict(_("规章状态为“%(status)s”，不能再修改。") % {"status": rule.get_status_display()}, code="locked")
    values = _rule_values(data, rule)
    fields = list(values)
    before = audit.snapshot(rule, fields)
    for name, value in values.items():
        setattr(rule, name, value)
    _save(rule)
    audit.record(rule, "rules.changed", actor=actor, before=before, after=audit.snapshot(rule, fields))
    return rule


def _move(rule: Rule, name: str, *, actor, event: str, extra: dict | None = None) -> Rule:
    before, after = workflow.RULE.apply(rule, name, actor)
    _save(rule)
    audit.record(rule, event, actor=actor, before={"status": before}, after={"status": after, **(extra or {})})
    return rule


@transaction.atomic
def start_drafting(rule: Rule, *, actor) -> Rule:
    """起草 begins: the project is in the published plan, or its unplanned reason is recorded."""
    return _move(_locked(rule), "start_drafting", actor=actor, event="rules.drafting_started")


@transaction.atomic
def start_consultation(rule: Rule, *, actor, closes_on, opens_on=None, shortened_reason=None) -> Rule:
    """向社会公布征求意见 (第十五条、第二十一条): the draft on the portal for at least 30 days."""
    rule = _locked(rule)
    workflow.RULE.require(rule, "start_consultation", actor)
    consultation = procedures.start_consultation(
        rule,
        actor=actor,
        title=_("关于公开征求《%(title)s（征求意见稿）》意见的公告") % {"title": rule.title},
        text=rule.text,
        explanation=rule.drafting_note,
        period=CommentPeriod.RULE,
        opens_on=opens_on or timezone.localdate(),
        closes_on=closes_on,
        shortened_reason=shortened_reason,
    )
    procedures.open_consultation(consultation, actor=actor)
    return _move(
        rule,
        "start_consultation",
        actor=actor,
        event="rules.consultation_started",
        extra={"consultation": consultation.pk},
    )


@transaction.atomic
def submit_review(rule: Rule, *, actor, due_on=None, shortened_reason=None) -> Rule:
    """报送审查 (第十八条): the draft goes to the legal office, which reviews it (第十九条)."""
    rule = _locked(rule)
    workflow.RULE.require(rule, "submit_review", actor)
    review = procedures.open_review(
        rule,
        actor=actor,
        kind=ReviewKind.LEGALITY,
        title=rule.title,
        stages=[{"reviewer_body": rule.settings.legal_office}],
        due_on=due_on,
        shortened_reason=shortened_reason,
        government_level=True,
    )
    return _move(rule, "submit_review", actor=actor, event="rules.submitted_for_review", extra={"review": review.pk})


@transaction.atomic
def conclude_review(rule: Rule, *, actor) -> Rule:
    """The legal office's review has passed: the draft goes to the government's meeting."""
    return _move(_locked(rule), "conclude_review", actor=actor, event="rules.review_concluded")


@transaction.atomic
def record_decision(rule: Rule, *, actor) -> Rule:
    """政府常务会议或者全体会议决定 (第二十七条): the signed record's date is the 通过日期 of the order."""
    rule = _locked(rule)
    workflow.RULE.require(rule, "record_decision", actor)
    rule.adopted_on = workflow.deciding_meeting(rule).held_on
    return _move(rule, "record_decision", actor=actor, event="rules.decided", extra={"adopted_on": rule.adopted_on})


@transaction.atomic
def sign(rule: Rule, *, actor) -> Rule:
    """市长签署命令 (第二十九条): the order carries the signer's name (第三十条)."""
    rule = _locked(rule)
    workflow.RULE.require(rule, "sign", actor)
    rule.signed_on, rule.signed_by = timezone.localdate(), actor
    rule.signer_name = (actor.full_name or actor.get_username())[:50]
    return _move(rule, "sign", actor=actor, event="rules.signed", extra={"signed_on": rule.signed_on})


@transaction.atomic
def assign_number(rule: Rule, *, actor) -> Rule:
    """政府令序号 (第三十条) by 市府办: the next serial of the order format, continuous across years."""
    rule = _locked(rule)
    workflow.RULE.require(rule, "number", actor)
    issued = numbering.issue_number(rule.settings.order_format, actor=actor, record=rule, note=rule.title)
    rule.order_number, rule.order_issued = issued.text, issued
    return _move(rule, "number", actor=actor, event="rules.numbered", extra={"order_number": issued.text})


def filing_deadline(rule: Rule) -> Deadline | None:
    return Deadline.objects.filter(
        content_type__app_label="rules",
        content_type__model="rule",
        object_id=str(rule.pk),
        matter=workflow.FILING_PERIOD,
    ).first()


@transaction.atomic
def publish(rule: Rule, *, actor, published_on=None, effective_on=None, immediate_reason=None) -> Rule:
    """公布 by 市府办 (第三十一条): in force 30 days later unless 第三十二条's reason is given; the
    30-day filing deadline (第三十四条) starts. Publishing a rule that amends another marks it amended."""
    rule = _locked(rule)
    today = timezone.localdate()
    published_on = clean_date(published_on, "published_on", _("公布日期"), required=False) or today
    if published_on > today:
        message = _("公布日期不能晚于今天。")
        raise InvalidInput(message, errors={"published_on": [message]})
    if rule.signed_on and published_on < rule.signed_on:
        message = _("公布日期不能早于签署日期。")
        raise InvalidInput(message, errors={"published_on": [message]})
    rule.immediate_reason = clean_text(immediate_reason, "immediate_reason", _("自公布之日起施行的理由"), limit=5000)
    rule.published_on, rule.published_by = published_on, actor
    rule.effective_on = clean_date(
        effective_on, "effective_on", _("施行日期"), required=False
    ) or workflow.earliest_effect(published_on)
    _move(
        rule,
        "publish",
        actor=actor,
        event="rules.published",
        extra={
            "order_number": rule.order_number,
            "published_on": published_on,
            "effective_on": rule.effective_on,
            "immediate_reason": rule.immediate_reason,
        },
    )
    # The clock runs whether or not the publisher may change the legal office's deadlines: the
    # system opens it, as a consequence of the audited publication.
    clock.open_deadline(
        subject=rule, matter=workflow.FILING_PERIOD, start_on=published_on, body=rule.legal_office, actor=None
    )
    replaced = rule.replaces
    if replaced is not None and replaced.status == S.PUBLISHED:
        replaced = _locked(replaced)
        replaced.amended_by, replaced.amended_on = rule, published_on
        _move(replaced, "amend", actor=actor, event="rules.amended", extra={"amended_by": rule.pk})
    return rule


@transaction.atomic
def repeal(rule: Rule, *, actor, reason, repealed_on=None) -> Rule:
    """废止, published by 市府办 with its reason."""
    rule = _locked(rule)
    rule.end_reason = clean_text(reason, "reason", _("废止的理由"), required=True, limit=5000)
    rule.repealed_on = clean_date(repealed_on, "repealed_on", _("废止日期"), required=False) or timezone.localdate()
    if rule.published_on and rule.repealed_on < rule.published_on:
        message = _("废止日期不能早于公布日期。")
        raise InvalidInput(message, errors={"repealed_on": [message]})
    return _move(
        rule,
        "repeal",
        actor=actor,
        event="rules.repealed",
        extra={"reason": rule.end_reason, "repealed_on": rule.repealed_on},
    )


@transaction.atomic
def withdraw(rule: Rule, *, actor, reason) -> Rule:
    """撤回 a project that will not be made; it stays on record with its procedures."""
    rule = _locked(rule)
    rule.end_reason = clean_text(reason, "reason", _("撤回的理由"), required=True, limit=5000)
    return _move(rule, "withdraw", actor=actor, event="rules.withdrawn", extra={"reason": rule.end_reason})


@transaction.atomic
def record_filing(rule: Rule, *, actor, recipient, receiving_body, filed_on=None) -> RuleFiling:
    """报送备案 (第三十四条) by the legal office, one organ at a time; the deadline closes with the last."""
    rule = _locked(rule)
    if not may(actor, "review", rule.legal_office):
        if not Rule.objects.restrict(actor).filter(pk=rule.pk).exists():
            raise NotFound()
        raise Forbidden(_("规章由法制机构报送备案（第三十四条），您没有“报送备案”的权限。"))
    if rule.status not in PUBLISHED_STATUSES:
        raise Conflict(_("规章公布后才能报送备案。"), code="invalid_transition")
    recipient = clean_choice(recipient, FilingRecipient, "recipient", _("备案机关类别"))
    receiving_body = clean_text(receiving_body, "receiving_body", _("接受备案的机关"), required=True, limit=100)
    filed_on = clean_date(filed_on, "filed_on", _("报送日期"), required=False) or timezone.localdate()
    if not rule.published_on <= filed_on <= timezone.localdate():
        message = _("报送日期应在公布日期与今天之间。")
        raise InvalidInput(message, errors={"filed_on": [message]})
    if rule.filings.filter(recipient=recipient).exists():
        message = _("已向%(recipient)s报送备案。") % {"recipient": FilingRecipient(recipient).label}
        raise Conflict(message, code="duplicate")
    filing = RuleFiling.objects.create(
        rule=rule, recipient=recipient, receiving_body=receiving_body, filed_on=filed_on, filed_by=actor
    )
    audit.record(
        filing,
        "rules.filed",
        actor=actor,
        body_id=rule.government_id,
        after=audit.snapshot(filing, ["rule", "recipient", "receiving_body", "filed_on"]),
    )
    deadline = filing_deadline(rule)
    if deadline is not None and deadline.closed_on is None and rule.filings.count() == len(FilingRecipient.values):
        last = max(rule.filings.values_list("filed_on", flat=True))
        clock.close_deadline(deadline, closed_on=last, actor=None)
    return filing


# --- settings: a government's legal office and the format of its orders -------------------------

SETTINGS_FIELDS = ("legal_office", "order_format")


def _settings_refusals(government: Body, values: dict) -> dict[str, str]:
    """What is wrong with a government's rule settings, by field: the legal office must be one of its
    own bodies (not a lower government's), and the order format a 政府令序号 format of the government."""
    errors = {}
    legal_office = values["legal_office"]
    try:
        same_level = (
            isinstance(legal_office, Body)
            and government.pk in legal_office.ancestor_ids()
            and government_of(legal_office).pk == government.pk
        )
    except InvalidInput:
        same_level = False
    if not same_level:
        errors["legal_office"] = _("法制机构应为%(government)s所属的单位。") % {"government": government.name}
    order_format = values["order_format"]
    if order_format is not None:
        if not isinstance(order_format, NumberFormat) or order_format.kind != FormatKind.ORDER:
            errors["order_format"] = _("应为政府令序号格式。")
        elif order_format.body_id != government.pk:
            errors["order_format"] = _("应为%(body)s的编号格式：由它统一编号。") % {"body": government.name}
    return errors


@transaction.atomic
def save_settings(government: Body, *, actor, **data) -> RuleSettings:
    """Create or change a city government's `RuleSettings`: by its 依法行政办 (or the system, when the
    demo or an installation sets it up). Rules already numbered keep their order numbers."""
    if government.kind != BodyKind.CITY_GOVERNMENT:
        raise InvalidInput(_("%(body)s不是设区的市人民政府，不制定政府规章。") % {"body": government.name})
    if actor is not None:
        require(actor, "manage_bodies", government, _("配置政府规章制定"))
    reject_unknown(data, SETTINGS_FIELDS)
    current = RuleSettings.objects.select_for_update().filter(government=government).first()
    settings = current or RuleSettings(government=government)
    values = {name: data.get(name, getattr(settings, name, None)) for name in SETTINGS_FIELDS}
    errors = _settings_refusals(government, values)
    if errors:
        raise InvalidInput(next(iter(errors.values())), errors={name: [text] for name, text in errors.items()})
    before = audit.snapshot(settings, list(SETTINGS_FIELDS)) if current else None
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    audit.record(
        settings,
        "rules.settings_saved",
        actor=actor,
        body_id=government.pk,
        before=before,
        after=audit.snapshot(settings, list(SETTINGS_FIELDS)),
    )
    return settings
