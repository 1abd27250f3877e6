"""Every change to a major decision, one function each (重大行政决策程序暂行条例).

Each owns its transaction, locks the decision, asks `workflow.DECISION` (which refuses with the
Chinese reason), applies the change and writes the audit event. Pages, the API, the admin and
the demo call these functions; nothing else sets a status. Consultation, the legality and
fair-competition reviews and the meeting record are `fazhi.procedures` records about the
decision, started here and moved on through that app's services and pages.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.choices import Role
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import clean_choice, clean_choices, clean_date, clean_flag, clean_text, reject_unknown
from fazhi.core.models import Body
from fazhi.core.services.notifications import notify
from fazhi.core.services.people import members
from fazhi.decisions import workflow
from fazhi.decisions.choices import (
    AccountabilityGround,
    ArgumentationForm,
    CatalogStatus,
    DecisionCategory,
    DecisionStatus,
    EvaluationConclusion,
    EvaluationTrigger,
    HeadDecision,
    RiskArea,
    RiskLevel,
)
from fazhi.decisions.models import (
    AccountabilityCase,
    CatalogItem,
    Decision,
    ExpertOpinion,
    Hearing,
    ImplementationReport,
    PostEvaluation,
    RiskAssessment,
)
from fazhi.documents.models import DocumentSettings
from fazhi.procedures import services as procedures
from fazhi.procedures.choices import CommentPeriod, ReviewKind

S = DecisionStatus
TEXT_MAX = procedures.TEXT_MAX
NAME_MAX = 100


def _date_not_future(value, name: str, label: str, *, required: bool = True) -> datetime.date | None:
    day = clean_date(value, name, label, required=required)
    if day is not None and day > timezone.localdate():
        message = _("%(label)s不能晚于今天。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return day


def _locked(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("body", "deciding_body", "catalog_item__catalog", "executing_unit")
        .get(pk=decision.pk)
    )


def _move(decision: Decision, name: str, *, actor, event: str, extra: dict | None = None) -> Decision:
    before, after = workflow.DECISION.apply(decision, name, actor)
    decision.save()
    audit.record(decision, event, actor=actor, before={"status": before}, after={"status": after, **(extra or {})})
    return decision


def _require_status(decision: Decision, statuses, label: str) -> None:
    if decision.status not in statuses:
        raise Conflict(
            _("决策状态为“%(status)s”，不能%(label)s。") % {"status": decision.get_status_display(), "label": label},
            code="invalid_transition",
        )


# --- starting a decision (意见第十条; 条例第三条、第十一条) ---------------------------------------------

DECISION_FIELDS = (
    "title",
    "category",
    "draft_text",
    "explanation",
    "declared_on",
    "declaration",
    "is_technical",
    "risk_areas",
    "touches_market",
    "disclosure_exempt",
    "disclosure_exempt_reason",
    "is_exploratory_reform",
    "legal_risk_statement",
)


def _decision_values(data: dict) -> dict:
    reject_unknown(data, DECISION_FIELDS)
    values = {}
    texts = (
        ("title", _("决策事项"), True, 200),
        ("draft_text", _("决策草案"), False, TEXT_MAX),
        ("explanation", _("起草说明"), False, TEXT_MAX),
        ("declaration", _("认定情况"), False, 5000),
        ("disclosure_exempt_reason", _("不予公开的依据"), False, 5000),
        ("legal_risk_statement", _("明示的法律风险"), False, 10000),
    )
    for name, label, required, limit in texts:
        if name in data:
            values[name] = clean_text(data[name], name, label, required=required, limit=limit)
    if "category" in data:
        values["category"] = clean_choice(data["category"], DecisionCategory, "category", _("事项类别"))
    if "declared_on" in data:
        values["declared_on"] = _date_not_future(data["declared_on"], "declared_on", _("认定日期"), required=False)
    for name, label in (
        ("is_technical", _("专业性、技术性较强")),
        ("touches_market", _("涉及市场主体经济活动")),
        ("disclosure_exempt", _("依法不予公开")),
        ("is_exploratory_reform", _("探索性改革决策事项")),
    ):
        if name in data:
            values[name] = clean_flag(data[name], name, label)
    if "risk_areas" in data:
        values["risk_areas"] = clean_choices(data["risk_areas"], RiskArea, "risk_areas", _("可能造成重大影响的方面"))
    return values


def _catalog_item(value, body: Body) -> CatalogItem | None:
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, CatalogItem) else value
    if isinstance(pk, bool) or not str(pk).isdigit():
        message = _("目录事项应为编号。")
        raise InvalidInput(message, errors={"catalog_item": [message]})
    item = (
        CatalogItem.objects.select_related("catalog__body")
        .filter(pk=int(pk), catalog__status=CatalogStatus.PUBLISHED)
        .first()
    )
    if item is None or item.undertaking_unit_id != body.pk:
        message = _("目录事项应为已公布目录中由本单位承办的事项。")
        raise InvalidInput(message, errors={"catalog_item": [message]})
    if Decision.objects.filter(catalog_item=item).exists():
        raise Conflict(_("该目录事项已经启动决策程序。"), code="duplicate")
    return item


def _deciding_body(value, body: Body) -> Body:
    """The deciding body: the undertaking unit itself or a body above it."""
    if isinstance(value, Body):
        candidate = value
    elif value in (None, ""):
        message = _("请指定决策机关。")
        raise InvalidInput(message, errors={"deciding_body": [message]})
    else:
        candidate = Body.objects.filter(pk=value if str(value).isdigit() else None).first()
    if candidate is None or (candidate.pk != body.pk and candidate.pk not in body.ancestor_ids()):
        message = _("决策机关应为承办单位本身或其上级机关。")
        raise InvalidInput(message, errors={"deciding_body": [message]})
    return candidate


@transaction.atomic
def create_decision(*, actor, body: Body, catalog_item=None, deciding_body=None, adjusts=None, **data) -> Decision:
    """A major decision undertaken by `body`: from an item of a published catalog (its deciding body,
    title and category by default), or declared major by the leadership (意见第十条), or adjusting
    an earlier decision (条例第三十七条)."""
    require(actor, "change", body, _("启动重大行政决策"))
    item = _catalog_item(catalog_item, body)
    if item is not None:
        deciding = item.catalog.body
        data.setdefault("title", item.title)
        data.setdefault("category", item.category)
    else:
        deciding = _deciding_body(deciding_body, body)
    previous = None
    if adjusts not in (None, ""):
        pk = adjusts.pk if isinstance(adjusts, Decision) else adjusts
        previous = Decision.objects.restrict(actor).filter(pk=pk if str(pk).isdigit() else None).first()
        if previous is None or previous.status not in (S.PUBLISHED, S.SUSPENDED):
            message = _("被调整的决策应为已公布执行或中止执行的重大行政决策。")
            raise InvalidInput(message, errors={"adjusts": [message]})
        if previous.deciding_body_id != deciding.pk:
            message = _("调整决策应由原决策机关作出。")
            raise InvalidInput(message, errors={"adjusts": [message]})
    for name in ("title", "category"):
        data.setdefault(name, None)
    decision = Decision(body=body, deciding_body=deciding, catalog_item=item, adjusts=previous, created_by=actor)
    for name, value in _decision_values(data).items():
        setattr(decision, name, value)
    decision.save()
    audit.record(decision, "decisions.created", actor=actor, after=audit.snapshot(decision))
    return decision


@transaction.atomic
def update_decision(decision: Decision, *, actor, **data) -> Decision:
    """Revise the draft and what the matter needs; refused once the review has concluded."""
    require(actor, "change", decision.body, _("修改决策草案"))
    decision = _locked(decision)
    if decision.status not in workflow.EDITABLE_STATUSES:
        raise Conflict(
            _("决策状态为“%(status)s”，不能再修改草案。") % {"status": decision.get_status_display()}, code="locked"
        )
    values = _decision_values(data)
    fields = list(values)
    before = audit.snapshot(decision, fields)
    for name, value in values.items():
        setattr(decision, name, value)
    decision.save()
    audit.record(decision, "decisions.changed", actor=actor, before=before, after=audit.snapshot(decision, fields))
    return decision


# --- public participation, experts, risk (第十四条至第二十四条) --------------------------------------


def _drafting(decision: Decision, actor, label: str) -> Decision:
    require(actor, "change", decision.body, label)
    decision = _locked(decision)
    _require_status(decision, (S.DRAFTING,), label)
    return decision


@transaction.atomic
def start_consultation(decision: Decision, *, actor, closes_on, opens_on=None, shortened_reason=None):
    """向社会公开征求意见 (第十五条; seed art. 11): the draft on the portal for at least 30 days, shorter
    only with the reason published with it."""
    decision = _drafting(decision, actor, _("公开征求意见"))
    if decision.disclosure_exempt:
        raise Conflict(_("该决策事项依法不予公开，不向社会公开征求意见。"), code="gate_not_met")
    if not decision.draft_text.strip():
        raise Conflict(_("请先拟订决策草案。"), code="gate_not_met")
    consultation = procedures.start_consultation(
        decision,
        actor=actor,
        title=_("关于公开征求《%(title)s（征求意见稿）》意见的公告") % {"title": decision.title},
        text=decision.draft_text,
        explanation=decision.explanation,
        period=CommentPeriod.DECISION,
        opens_on=opens_on or timezone.localdate(),
        closes_on=closes_on,
        shortened_reason=shortened_reason,
    )
    procedures.open_consultation(consultation, actor=actor)
    audit.record(decision, "decisions.consultation_started", actor=actor, extra={"consultation": consultation.pk})
    return consultation


def _names(value, name: str, label: str) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        message = _("%(label)s应为姓名列表。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    names = list(dict.fromkeys(item.strip() for item in value if item.strip()))
    if not names or any(len(item) > 50 for item in names) or len(names) > 200:
        message = _("请填写%(label)s：每人不超过 50 字，最多 200 人。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return names


@transaction.atomic
def record_hearing(decision: Decision, *, actor, **data) -> Hearing:
    """听证会 (第十六条、第十七条): the record, confirmed and signed by the participants."""
    decision = _drafting(decision, actor, _("记录听证会"))
    reject_unknown(data, ("held_on", "place", "participants", "materials_sent_on", "record", "participants_signed"))
    held_on = _date_not_future(data.get("held_on"), "held_on", _("听证日期"))
    materials_sent_on = clean_date(
        data.get("materials_sent_on"), "materials_sent_on", _("材料送达日期"), required=False
    )
    if materials_sent_on is not None and (held_on - materials_sent_on).days < 7:
        message = _("听证会材料应当于召开听证会7日前送达听证参加人（第十六条）。")
        raise InvalidInput(message, errors={"materials_sent_on": [message]})
    hearing = Hearing.objects.create(
        decision=decision,
        held_on=held_on,
        place=clean_text(data.get("place"), "place", _("听证地点"), required=True, limit=200),
        participants=_names(data.get("participants"), "participants", _("听证参加人")),
        materials_sent_on=materials_sent_on,
        record=clean_text(data.get("record"), "record", _("听证会记录"), required=True, limit=TEXT_MAX),
        participants_signed=clean_flag(data.get("participants_signed", False), "participants_signed", _("签字确认")),
        created_by=actor,
    )
    audit.record(
        hearing, "decisions.hearing_recorded", actor=actor, body_id=decision.body_id, after=audit.snapshot(hearing)
    )
    return hearing


@transaction.atomic
def confirm_hearing(hearing: Hearing, *, actor) -> Hearing:
    """听证参加人确认听证会记录并签字 (第十七条第三项)."""
    decision = _drafting(hearing.decision, actor, _("确认听证会记录"))
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk, decision=decision)
    if hearing.participants_signed:
        raise Conflict(_("听证会记录已经确认。"), code="duplicate")
    hearing.participants_signed = True
    hearing.save(update_fields=["participants_signed"])
    audit.record(hearing, "decisions.hearing_confirmed", actor=actor, body_id=decision.body_id)
    return hearing


@transaction.atomic
def add_expert_opinion(decision: Decision, *, actor, **data) -> ExpertOpinion:
    """专家论证意见 (第十九条、第二十条), independent of the matter and signed."""
    decision = _drafting(decision, actor, _("录入专家论证意见"))
    reject_unknown(data, ("expert_name", "organisation", "expertise", "form", "no_conflict", "opinion", "signed_on"))
    opinion = ExpertOpinion.objects.create(
        decision=decision,
        expert_name=clean_text(
            data.get("expert_name"), "expert_name", _("专家或专业机构"), required=True, limit=NAME_MAX
        ),
        organisation=clean_text(data.get("organisation"), "organisation", _("工作单位"), limit=NAME_MAX),
        expertise=clean_text(data.get("expertise"), "expertise", _("专业领域"), required=True, limit=NAME_MAX),
        form=clean_choice(data.get("form"), ArgumentationForm, "form", _("论证方式")),
        no_conflict=clean_flag(data.get("no_conflict", False), "no_conflict", _("与决策事项无直接利害关系")),
        opinion=clean_text(data.get("opinion"), "opinion", _("论证意见"), required=True, limit=TEXT_MAX),
        signed_on=_date_not_future(data.get("signed_on"), "signed_on", _("署名日期"), required=False),
        created_by=actor,
    )
    audit.record(
        opinion, "decisions.expert_opinion_added", actor=actor, body_id=decision.body_id, after=audit.snapshot(opinion)
    )
    return opinion


@transaction.atomic
def record_risk_assessment(decision: Decision, *, actor, **data) -> RiskAssessment:
    """风险评估报告 (第二十二条、第二十三条): risk points, level, measures and whether the risk is controllable.

    A new assessment after the draft was adjusted supersedes the earlier one (第二十四条)."""
    decision = _drafting(decision, actor, _("录入风险评估"))
    reject_unknown(
        data,
        (
            "assessor",
            "methods",
            "departments_heard",
            "risk_points",
            "level",
            "measures",
            "controllable",
            "concluded_on",
        ),
    )
    if "controllable" not in data:
        message = _("请写明风险是否可控。")
        raise InvalidInput(message, errors={"controllable": [message]})
    assessment = RiskAssessment.objects.create(
        decision=decision,
        assessor=clean_text(data.get("assessor"), "assessor", _("评估单位"), required=True, limit=NAME_MAX),
        methods=clean_text(data.get("methods"), "methods", _("评估方式"), limit=5000),
        departments_heard=clean_text(
            data.get("departments_heard"), "departments_heard", _("听取有关部门意见情况"), limit=5000
        ),
        risk_points=clean_text(data.get("risk_points"), "risk_points", _("风险点"), required=True, limit=TEXT_MAX),
        level=clean_choice(data.get("level"), RiskLevel, "level", _("风险等级")),
        measures=clean_text(
            data.get("measures"), "measures", _("风险防范措施和处置预案"), required=True, limit=TEXT_MAX
        ),
        controllable=clean_flag(data.get("controllable"), "controllable", _("风险可控")),
        concluded_on=_date_not_future(data.get("concluded_on"), "concluded_on", _("评估完成日期")),
        created_by=actor,
    )
    audit.record(
        assessment,
        "decisions.risk_assessed",
        actor=actor,
        body_id=decision.body_id,
        after=audit.snapshot(assessment),
    )
    return assessment


# --- reviews (第二十五条至第二十九条) ---------------------------------------------------------------


def legal_office_of(deciding_body: Body) -> Body:
    """本单位负责法制工作的机构 (意见第十四条): a government's legal office as its settings name it; a
    department's own legal section."""
    if deciding_body.kind in workflow.GOVERNMENT_KINDS:
        settings = DocumentSettings.objects.filter(government=deciding_body).select_related("legal_office").first()
        if settings is None:
            raise Conflict(
                _("%(body)s尚未配置负责合法性审查的法制机构，请联系依法行政办。") % {"body": deciding_body.name},
                code="not_configured",
            )
        return settings.legal_office
    return deciding_body


@transaction.atomic
def submit_competition_review(decision: Decision, *, actor):
    """公平竞争审查 by the undertaking unit (公平竞争审查条例第十三条); with the market regulator where
    the measure is issued in the government's name (第十四条), which the review records."""
    decision = _drafting(decision, actor, _("送公平竞争审查"))
    if not decision.touches_market:
        raise Conflict(_("该决策事项不涉及市场主体经济活动，无需公平竞争审查。"), code="gate_not_met")
    review = procedures.open_review(
        decision,
        actor=actor,
        kind=ReviewKind.FAIR_COMPETITION,
        title=decision.title,
        stages=[{"reviewer_body": decision.body}],
        government_level=decision.deciding_body.kind in workflow.GOVERNMENT_KINDS,
    )
    audit.record(decision, "decisions.competition_review_submitted", actor=actor, extra={"review": review.pk})
    return review


@transaction.atomic
def submit_review(decision: Decision, *, actor, due_on=None, shortened_reason=None) -> Decision:
    """送请合法性审查 (第二十六条): at least 7 working days allowed to the reviewer, shorter only with a reason."""
    decision = _locked(decision)
    workflow.DECISION.require(decision, "submit_review", actor)
    review = procedures.open_review(
        decision,
        actor=actor,
        kind=ReviewKind.LEGALITY,
        title=decision.title,
        stages=[{"reviewer_body": legal_office_of(decision.deciding_body)}],
        due_on=due_on,
        shortened_reason=shortened_reason,
        government_level=decision.deciding_body.kind in workflow.GOVERNMENT_KINDS,
    )
    return _move(
        decision, "submit_review", actor=actor, event="decisions.submitted_for_review", extra={"review": review.pk}
    )


@transaction.atomic
def conclude_review(decision: Decision, *, actor) -> Decision:
    """The review has passed, or — for an exploratory reform — concluded with the legal risk stated."""
    decision = _locked(decision)
    workflow.DECISION.require(decision, "conclude_review", actor)
    extra = {}
    if decision.is_exploratory_reform and decision.legal_risk_statement:
        extra["legal_risk_statement"] = decision.legal_risk_statement
    return _move(decision, "conclude_review", actor=actor, event="decisions.review_concluded", extra=extra)


# --- collective discussion and the head's decision (第三十条) ------------------------------------------


@transaction.atomic
def record_meeting(decision: Decision, *, actor, **data):
    """集体讨论 recorded as a procedures meeting record about the decision, which is then given its
    minutes and signed on that record's own page. Only a draft whose legality review has concluded
    goes to the meeting (第二十五条)."""
    require(actor, "change", decision.body, _("记录集体讨论"))
    decision = _locked(decision)
    _require_status(decision, (S.REVIEWED,), _("记录集体讨论"))
    reject_unknown(data, procedures.MEETING_FIELDS)
    return procedures.record_meeting(decision, actor=actor, **data)


@transaction.atomic
def record_head_decision(
    decision: Decision, *, actor, head_decision, departure_reason=None, departs_from_majority=False
) -> Decision:
    """行政首长在集体讨论的基础上作出决定; where it departs from the majority, with the reasons given at
    the meeting. The decision's date is the signed meeting's."""
    decision = _locked(decision)
    workflow.DECISION.require(decision, "decide", actor, gates=False)
    decision.head_decision = clean_choice(head_decision, HeadDecision, "head_decision", _("行政首长的决定"))
    decision.departs_from_majority = clean_flag(departs_from_majority, "departs_from_majority", _("与多数人意见不一致"))
    decision.departure_reason = clean_text(departure_reason, "departure_reason", _("不一致的理由"), limit=5000)
    decision.head_name = (actor.full_name or actor.get_username())[:50] if actor else ""
    name = "decide" if decision.head_decision in workflow.ADOPTING else "reject"
    workflow.DECISION.require(decision, name, actor)
    meeting = workflow.deciding_meeting(decision)
    decision.decided_on = meeting.held_on
    decision.departs_from_majority = workflow.departs_from_majority(decision)
    return _move(
        decision,
        name,
        actor=actor,
        event="decisions.decided" if name == "decide" else "decisions.not_adopted",
        extra={
            "head_decision": decision.head_decision,
            "meeting": meeting.pk,
            "decided_on": decision.decided_on,
            "departs_from_majority": decision.departs_from_majority,
            "departure_reason": decision.departure_reason,
        },
    )


@transaction.atomic
def report_to_party(decision: Decision, *, actor, reported_on, report) -> Decision:
    """出台前向同级党委请示报告 (第三十一条)."""
    decision = _locked(decision)
    workflow.DECISION.require(decision, "report_party", actor, gates=False)
    decision.party_reported_on = _date_not_future(reported_on, "reported_on", _("请示报告日期"))
    decision.party_report = clean_text(report, "report", _("请示报告情况"), limit=5000)
    if decision.decided_on and decision.party_reported_on < decision.decided_on:
        message = _("请示报告日期不能早于决定日期。")
        raise InvalidInput(message, errors={"reported_on": [message]})
    return _move(
        decision,
        "report_party",
        actor=actor,
        event="decisions.reported_to_party",
        extra={"reported_on": decision.party_reported_on},
    )


@transaction.atomic
def publish(
    decision: Decision, *, actor, decision_text, executing_unit, adoption_explanation=None, published_on=None
) -> Decision:
    """公布 (第三十二条) with how the public's and experts' opinions were taken up, and the executing
    unit named (第三十四条). Publishing an adjustment marks the adjusted decision 已调整."""
    decision = _locked(decision)
    workflow.DECISION.require(decision, "publish", actor, gates=False)
    decision.decision_text = clean_text(decision_text, "decision_text", _("决策内容"), limit=TEXT_MAX)
    decision.adoption_explanation = clean_text(
        adoption_explanation, "adoption_explanation", _("公众意见、专家论证意见采纳情况"), limit=TEXT_MAX
    )
    decision.executing_unit = _executing_unit(executing_unit, decision)
    decision.published_on = _date_not_future(published_on, "published_on", _("公布日期"), required=False) or (
        timezone.localdate()
    )
    if decision.party_reported_on and decision.published_on < decision.party_reported_on:
        message = _("公布日期不能早于向党委请示报告的日期。")
        raise InvalidInput(message, errors={"published_on": [message]})
    _move(decision, "publish", actor=actor, event="decisions.published", extra={"published_on": decision.published_on})
    previous = decision.adjusts
    if previous is not None and previous.status in (S.PUBLISHED, S.SUSPENDED):
        previous = _locked(previous)
        _move(previous, "adjust", actor=actor, event="decisions.adjusted", extra={"adjusted_by": decision.pk})
    return decision


def _executing_unit(value, decision: Decision) -> Body | None:
    if value in (None, ""):
        return None
    candidate = (
        value if isinstance(value, Body) else Body.objects.filter(pk=value if str(value).isdigit() else None).first()
    )
    deciding = decision.deciding_body
    if candidate is None or (candidate.pk != deciding.pk and deciding.pk not in candidate.ancestor_ids()):
        message = _("执行单位应为决策机关本身或其所属单位。")
        raise InvalidInput(message, errors={"executing_unit": [message]})
    return candidate


# --- execution and adjustment (第三十四条至第三十七条) ------------------------------------------------


@transaction.atomic
def suspend(decision: Decision, *, actor, reason, suspended_on=None) -> Decision:
    """行政首长先决定中止执行 (第三十七条)."""
    decision = _locked(decision)
    workflow.DECISION.require(decision, "suspend", actor, gates=False)
    decision.suspension_reason = clean_text(reason, "reason", _("中止执行的理由"), limit=5000)
    decision.suspended_on = _date_not_future(suspended_on, "suspended_on", _("中止执行日期"), required=False) or (
        timezone.localdate()
    )
    return _move(
        decision,
        "suspend",
        actor=actor,
        event="decisions.suspended",
        extra={"reason": decision.suspension_reason, "suspended_on": decision.suspended_on},
    )


@transaction.atomic
def resume(decision: Decision, *, actor) -> Decision:
    decision = _locked(decision)
    return _move(decision, "resume", actor=actor, event="decisions.resumed")


@transaction.atomic
def withdraw(decision: Decision, *, actor, reason) -> Decision:
    """撤回 a decision that will not be made; it stays on record with its procedures."""
    decision = _locked(decision)
    workflow.DECISION.require(decision, "withdraw", actor, gates=False)
    decision.end_reason = clean_text(reason, "reason", _("撤回的理由"), limit=5000)
    return _move(decision, "withdraw", actor=actor, event="decisions.withdrawn", extra={"reason": decision.end_reason})


def _in_execution(decision: Decision, label: str) -> None:
    _require_status(decision, (S.PUBLISHED, S.SUSPENDED), label)


@transaction.atomic
def report_implementation(decision: Decision, *, actor, **data) -> ImplementationReport:
    """决策执行情况报告 by the executing unit (第三十四条); a major change is reported to the deciding
    body's head at once (第三十五条)."""
    decision = _locked(decision)
    require(actor, "change", decision.executing_unit or decision.body, _("报告决策执行情况"))
    _in_execution(decision, _("报告执行情况"))
    reject_unknown(data, ("reported_on", "progress", "problems", "major_change"))
    report = ImplementationReport.objects.create(
        decision=decision,
        reported_on=_date_not_future(data.get("reported_on"), "reported_on", _("报告日期"), required=False)
        or timezone.localdate(),
        progress=clean_text(data.get("progress"), "progress", _("执行情况"), required=True, limit=TEXT_MAX),
        problems=clean_text(data.get("problems"), "problems", _("存在问题"), limit=TEXT_MAX),
        major_change=clean_flag(data.get("major_change", False), "major_change", _("存在严重影响决策目标实现的情形")),
        created_by=actor,
    )
    audit.record(
        report, "decisions.implementation_reported", actor=actor, body_id=decision.body_id, after=audit.snapshot(report)
    )
    if report.major_change:
        notify(
            members([decision.deciding_body_id], [Role.HEAD]),
            _("决策执行中出现重大情况：《%(title)s》") % {"title": decision.title},
            message=report.problems or report.progress,
            link=decision.get_absolute_url(),
        )
    return report


@transaction.atomic
def start_post_evaluation(decision: Decision, *, actor, trigger, evaluator, started_on=None) -> PostEvaluation:
    """决策后评估 (第三十六条) organised by the deciding body."""
    decision = _locked(decision)
    require(actor, "change", decision.deciding_body, _("组织决策后评估"))
    _in_execution(decision, _("组织决策后评估"))
    evaluation = PostEvaluation.objects.create(
        decision=decision,
        trigger=clean_choice(trigger, EvaluationTrigger, "trigger", _("评估情形")),
        evaluator=clean_text(evaluator, "evaluator", _("评估单位"), required=True, limit=NAME_MAX),
        started_on=_date_not_future(started_on, "started_on", _("启动日期"), required=False) or timezone.localdate(),
        created_by=actor,
    )
    audit.record(
        evaluation,
        "decisions.post_evaluation_started",
        actor=actor,
        body_id=decision.deciding_body_id,
        after=audit.snapshot(evaluation),
    )
    return evaluation


@transaction.atomic
def conclude_post_evaluation(evaluation: PostEvaluation, *, actor, findings, conclusion, concluded_on=None):
    """The evaluation's result is the basis for adjusting the decision (第三十六条第四款)."""
    evaluation = (
        PostEvaluation.objects.select_for_update().select_related("decision__deciding_body").get(pk=evaluation.pk)
    )
    require(actor, "change", evaluation.decision.deciding_body, _("完成决策后评估"))
    if evaluation.concluded_on is not None:
        raise Conflict(_("该决策后评估已经完成。"), code="duplicate")
    evaluation.findings = clean_text(findings, "findings", _("评估结论"), required=True, limit=TEXT_MAX)
    evaluation.conclusion = clean_choice(conclusion, EvaluationConclusion, "conclusion", _("评估建议"))
    evaluation.concluded_on = _date_not_future(concluded_on, "concluded_on", _("完成日期"), required=False) or (
        timezone.localdate()
    )
    if evaluation.concluded_on < evaluation.started_on:
        message = _("完成日期不能早于启动日期。")
        raise InvalidInput(message, errors={"concluded_on": [message]})
    evaluation.save()
    audit.record(
        evaluation,
        "decisions.post_evaluation_concluded",
        actor=actor,
        body_id=evaluation.decision.deciding_body_id,
        after=audit.snapshot(evaluation, ["findings", "conclusion", "concluded_on"]),
    )
    return evaluation


# --- accountability (seed art. 16; 条例第三十八条至第四十一条) --------------------------------------------


def _persons(value, decision: Decision) -> list[dict]:
    """Who is examined. One marked as having dissented must appear in the dissent the signed meeting
    record holds, since only recorded dissent reduces responsibility (第三十八条第三款)."""
    if not isinstance(value, list) or not value or len(value) > 50:
        message = _("请列出责任人员（最多 50 人）。")
        raise InvalidInput(message, errors={"persons": [message]})
    meeting = workflow.deciding_meeting(decision)
    dissent = meeting.dissent if meeting else ""
    persons = []
    for entry in value:
        if not isinstance(entry, dict):
            message = _("责任人员应为包含姓名、职务的列表。")
            raise InvalidInput(message, errors={"persons": [message]})
        name = clean_text(entry.get("name"), "persons", _("姓名"), required=True, limit=50)
        position = clean_text(entry.get("position"), "persons", _("职务"), limit=100)
        dissented = clean_flag(entry.get("dissented", False), "persons", _("曾表示不同意见"))
        if dissented and name not in dissent:
            message = _("会议记录未载明%(name)s的不同意见，不能按表示不同意见减免责任。") % {"name": name}
            raise InvalidInput(message, errors={"persons": [message]})
        persons.append({"name": name, "position": position, "dissented": dissented})
    return persons


@transaction.atomic
def open_accountability_case(decision: Decision, *, actor, body: Body, **data) -> AccountabilityCase:
    """决策责任追究: opened by the deciding body or a body above it (第三十八条: 上一级行政机关)."""
    decision = _locked(decision)
    if body.pk != decision.deciding_body_id and body.pk not in decision.deciding_body.ancestor_ids():
        message = _("责任追究应由决策机关或其上级机关办理。")
        raise InvalidInput(message, errors={"body": [message]})
    require(actor, "change", body, _("决策责任追究"))
    reject_unknown(data, ("ground", "opened_on", "facts", "persons"))
    case = AccountabilityCase.objects.create(
        decision=decision,
        body=body,
        ground=clean_choice(data.get("ground"), AccountabilityGround, "ground", _("追责情形")),
        opened_on=_date_not_future(data.get("opened_on"), "opened_on", _("立案日期"), required=False)
        or timezone.localdate(),
        facts=clean_text(data.get("facts"), "facts", _("基本事实"), required=True, limit=TEXT_MAX),
        persons=_persons(data.get("persons"), decision),
        created_by=actor,
    )
    audit.record(case, "decisions.accountability_opened", actor=actor, after=audit.snapshot(case))
    return case


@transaction.atomic
def conclude_accountability_case(case: AccountabilityCase, *, actor, outcome, concluded_on=None) -> AccountabilityCase:
    case = AccountabilityCase.objects.select_for_update().select_related("body").get(pk=case.pk)
    workflow.ACCOUNTABILITY.require(case, "conclude", actor)
    case.outcome = clean_text(outcome, "outcome", _("处理结果"), required=True, limit=TEXT_MAX)
    case.concluded_on = _date_not_future(concluded_on, "concluded_on", _("办结日期"), required=False) or (
        timezone.localdate()
    )
    if case.concluded_on < case.opened_on:
        message = _("办结日期不能早于立案日期。")
        raise InvalidInput(message, errors={"concluded_on": [message]})
    before, after = workflow.ACCOUNTABILITY.apply(case, "conclude", actor)
    case.save()
    audit.record(
        case,
        "decisions.accountability_concluded",
        actor=actor,
        before={"status": before},
        after={"status": after, "outcome": case.outcome, "concluded_on": case.concluded_on},
    )
    return case
