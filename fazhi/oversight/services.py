"""Every change to the oversight records, one function each (seed arts. 34, 52, 53, 56; 代表法
第五十一条; 监督法 第十七条、第二十九条、第三十七条).

Facts that happened outside the platform (an answer sent, a report made to the standing committee,
a rectification report, an inspection held) take the day they happened — not later than today, not
before what they follow — and the periods are opened and closed on those days through
`fazhi.clock`, so lateness is computed, never typed. What is done on the platform itself (asking
for reassignment, submitting materials, accepting them) is dated today. Each step locks its
record, runs its transition (who, when, the gates) and is audited.
"""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.access import may, require
from fazhi.core.choices import Role
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_flag, clean_id, clean_text
from fazhi.core.models import Attachment, Body
from fazhi.core.services import attachments
from fazhi.core.services.notifications import notify
from fazhi.core.services.people import members
from fazhi.documents.services import GOVERNMENT_KINDS, government_of
from fazhi.oversight import workflow
from fazhi.oversight.choices import (
    QUESTION_KINDS,
    AnswerMode,
    CongressReportKind,
    Feedback,
    InspectionKind,
    MeasureKind,
    MeasureStatus,
    OpinionKind,
    ParticipantRole,
    ProposalKind,
    ReassignmentDecision,
    ReplyCategory,
    Severity,
)
from fazhi.oversight.models import (
    CongressOpinion,
    CongressReport,
    EvaluationPlan,
    EvaluationTask,
    Finding,
    Inspection,
    InspectionTarget,
    Measure,
    Proposal,
    ProposalParticipant,
    ProposalReply,
    Reassignment,
    RectificationRound,
)

SHORT = 200
REPLY_MATTERS = {
    (ProposalKind.DEPUTY, False): "deputy-suggestion-reply",
    (ProposalKind.DEPUTY, True): "deputy-suggestion-reply-complex",
    (ProposalKind.CPPCC, False): "cppcc-proposal-reply",
    (ProposalKind.CPPCC, True): "cppcc-proposal-reply-complex",
}
REASSIGN_WINDOW = "proposal-reassign-request"
SECOND_REPLY = "proposal-second-reply"
OPINION_REPORT = "congress-opinion-report"
BODY_STAFF = (Role.CLERK, Role.HEAD, Role.LEGAL_REVIEWER)
OFFICE_STAFF = (Role.OFFICE,)
IDS_MAX = 200


def _today() -> datetime.date:
    return timezone.localdate()


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _locked(record, *related):
    return type(record).objects.select_for_update(of=("self",)).select_related(*related).get(pk=record.pk)


def _save(record, event: str, *, actor, before: str | None = None, after: dict | None = None, body_id=None):
    """Save the record and write its audit event (the status before and after, and what changed)."""
    record.save()
    audit.record(
        record,
        event,
        actor=actor,
        body_id=body_id if body_id is not None else getattr(record, "body_id", None),
        before={"status": before} if before is not None else None,
        after={"status": getattr(record, "status", None), **(after or {})},
    )
    return record


def _tell(body_ids, roles, title: str, link: str) -> None:
    notify(members(body_ids, roles), title, link=link)


def _body(value, name: str, label: str) -> Body:
    """A body in existence today, named by its id."""
    pk = clean_id(value, name, label)
    body = Body.objects.current().filter(pk=pk).first()
    if body is None:
        raise _refuse(name, _("%(label)s不存在。") % {"label": label})
    return body


def _government(actor, value, name: str = "government") -> Body:
    """A government whose leading group (or People's Congress) `actor` acts for."""
    body = _body(value, name, _("人民政府"))
    if body.kind not in GOVERNMENT_KINDS or not may(actor, "change", body):
        raise _refuse(name, _("请选择本人可以代表办理的人民政府（依法行政工作领导小组）。"))
    return body


def below(body: Body, upper: Body) -> bool:
    """Whether `body` is under `upper` in the tree (not `upper` itself)."""
    return body.pk != upper.pk and body.tree_path.startswith(upper.tree_path)


def _body_below(value, upper: Body, name: str, label: str) -> Body:
    body = _body(value, name, label)
    if not below(body, upper):
        raise _refuse(name, _("%(label)s应为%(upper)s所属的单位。") % {"label": label, "upper": upper.name})
    return body


def _id_list(value, name: str, label: str) -> list[int]:
    """Several ids, each once, in the order given: a list (JSON, or a form's repeated field)."""
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple) or len(value) > IDS_MAX:
        raise _refuse(name, _("%(label)s应为单位编号的列表。") % {"label": label})
    return list(dict.fromkeys(clean_id(item, name, label) for item in value))


def _year(value, name: str = "year") -> int:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise _refuse(name, _("年度应为四位数字。"))
    return int(text)


# --- 建议、提案 (art. 34) ---------------------------------------------------------------------------


def reply_matter(kind: str, complex_: bool) -> str:
    return REPLY_MATTERS[(kind, bool(complex_))]


def _participants(value, role: str, lead: Body, government: Body, label: str) -> list[Body]:
    bodies = [_body_below(pk, government, role, label) for pk in _id_list(value, role, label)]
    if any(body.pk == lead.pk for body in bodies):
        raise _refuse(role, _("主办单位不能同时作为%(label)s。") % {"label": label})
    return bodies


@transaction.atomic
def register_proposal(
    *,
    actor,
    kind,
    body,
    session,
    number,
    proposers,
    title,
    content,
    assigned_on,
    complex=False,
    co_handlers=None,
    assistants=None,
) -> Proposal:
    """交办: a deputy's suggestion or a CPPCC proposal given to a lead body by the office of the
    government it was addressed to; the answer is due in 3 (complex: 6) months (代表法 第五十一条;
    for proposals local practice), the body may ask for reassignment within the window."""
    kind = clean_choice(kind, ProposalKind, "kind", _("类型"))
    lead = _body(body, "body", _("主办单位"))
    government = government_of(lead)
    if not may(actor, "change", government):
        raise _refuse("body", _("请选择本人可以交办的单位（本级人民政府及其所属单位）。"))
    values = {
        "session": clean_text(session, "session", _("届次会议"), required=True, limit=100),
        "number": clean_text(number, "number", _("编号"), required=True, limit=50),
        "proposers": clean_text(proposers, "proposers", _("提出人"), required=True, limit=500),
        "title": clean_text(title, "title", _("标题"), required=True, limit=SHORT),
        "content": clean_text(content, "content", _("内容"), required=True),
    }
    assigned = clean_date(assigned_on, "assigned_on", _("交办日期"), not_after=_today())
    complex_ = clean_flag(False if complex is None else complex, "complex", _("涉及面广、处理难度大"))
    joining = {
        ParticipantRole.CO_HANDLER: _participants(co_handlers, "co_handlers", lead, government, _("会办单位")),
        ParticipantRole.ASSISTANT: _participants(assistants, "assistants", lead, government, _("协办单位")),
    }
    both = {b.pk for b in joining[ParticipantRole.CO_HANDLER]} & {b.pk for b in joining[ParticipantRole.ASSISTANT]}
    if both:
        raise _refuse("assistants", _("同一单位不能既是会办单位又是协办单位。"))
    proposal = Proposal(
        kind=kind,
        government=government,
        body=lead,
        assigned_on=assigned,
        complex=complex_,
        reassign_until=clock.due_for(REASSIGN_WINDOW, assigned).due,
        created_by=_user(actor),
        **values,
    )
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        raise Conflict(_("%(proposal)s已经登记。") % {"proposal": proposal}, code="duplicate") from None
    for role, bodies in joining.items():
        ProposalParticipant.objects.bulk_create(
            ProposalParticipant(proposal=proposal, body=b, role=role) for b in bodies
        )
    proposal.reply_deadline = clock.open_deadline(
        subject=proposal, matter=reply_matter(kind, complex_), start_on=assigned, body=lead, actor=None
    )
    proposal.save(update_fields=["reply_deadline"])
    audit.record(
        proposal,
        "oversight.proposal_assigned",
        actor=actor,
        body_id=lead.pk,
        after={
            **audit.snapshot(proposal, ["kind", "session", "number", "title", "assigned_on", "complex"]),
            "participants": {role: [b.pk for b in bodies] for role, bodies in joining.items()},
        },
    )
    _tell(
        [lead.pk, *(b.pk for bodies in joining.values() for b in bodies)],
        BODY_STAFF,
        _("交办%(kind)s：%(title)s") % {"kind": proposal.get_kind_display(), "title": proposal.title},
        proposal.get_absolute_url(),
    )
    return proposal


def _locked_proposal(proposal: Proposal) -> Proposal:
    return _locked(proposal, "body", "government", "reply_deadline", "second_reply_deadline")


def _pending_reassignment(proposal: Proposal) -> Reassignment:
    return proposal.reassignments.filter(decision="").order_by("-pk").first()


@transaction.atomic
def request_reassign(proposal: Proposal, *, actor, reason, suggested_body=None) -> Reassignment:
    """退回、改办: the lead body holds the matter is not its own and says why, within the window."""
    proposal = _locked_proposal(proposal)
    workflow.PROPOSAL_WORKFLOW.require(proposal, "request-reassign", actor)
    reason = clean_text(reason, "reason", _("申请理由"), required=True)
    suggested = None
    if suggested_body not in (None, ""):
        suggested = _body_below(suggested_body, proposal.government, "suggested_body", _("建议改由的单位"))
    before, _after = workflow.PROPOSAL_WORKFLOW.apply(proposal, "request-reassign", actor)
    request = Reassignment.objects.create(
        proposal=proposal, from_body=proposal.body, requested_on=_today(), reason=reason, suggested_body=suggested
    )
    _save(proposal, "oversight.reassignment_requested", actor=actor, before=before, after={"reason": reason})
    _tell(
        [proposal.government_id],
        OFFICE_STAFF,
        _("申请调整承办单位：%(p)s") % {"p": proposal},
        proposal.get_absolute_url(),
    )
    return request


@transaction.atomic
def reassign(proposal: Proposal, *, actor, to_body, note=None) -> Proposal:
    """改办: the office gives the matter to another body; its answer is due from today, as a new
    assignment, and it may itself ask for reassignment within the window."""
    proposal = _locked_proposal(proposal)
    workflow.PROPOSAL_WORKFLOW.require(proposal, "reassign", actor)
    target = _body_below(to_body, proposal.government, "to_body", _("改由承办单位"))
    if target.pk == proposal.body_id:
        raise _refuse("to_body", _("改由承办单位不能是原承办单位。"))
    note = clean_text(note, "note", _("说明"))
    today = _today()
    before, _after = workflow.PROPOSAL_WORKFLOW.apply(proposal, "reassign", actor)
    request = _pending_reassignment(proposal)
    request.decision, request.decided_on, request.to_body, request.decision_note = (
        ReassignmentDecision.APPROVED,
        today,
        target,
        note,
    )
    request.save()
    clock.close_deadline(proposal.reply_deadline, closed_on=today, actor=None)
    proposal.participants.filter(body=target).delete()
    previous = proposal.body_id
    proposal.body = target
    proposal.reassign_until = clock.due_for(REASSIGN_WINDOW, today).due
    proposal.reply_deadline = clock.open_deadline(
        subject=proposal, matter=reply_matter(proposal.kind, proposal.complex), start_on=today, body=target, actor=None
    )
    _save(
        proposal, "oversight.proposal_reassigned", actor=actor, before=before, after={"from": previous, "to": target.pk}
    )
    _tell([target.pk], BODY_STAFF, _("改办%(p)s") % {"p": proposal}, proposal.get_absolute_url())
    return proposal


@transaction.atomic
def refuse_reassign(proposal: Proposal, *, actor, note) -> Proposal:
    """The office keeps the lead body; the answer period ran on all the while."""
    proposal = _locked_proposal(proposal)
    workflow.PROPOSAL_WORKFLOW.require(proposal, "refuse-reassign", actor)
    note = clean_text(note, "note", _("不同意调整的理由"), required=True)
    before, _after = workflow.PROPOSAL_WORKFLOW.apply(proposal, "refuse-reassign", actor)
    request = _pending_reassignment(proposal)
    request.decision, request.decided_on, request.decision_note = ReassignmentDecision.REFUSED, _today(), note
    request.save()
    return _save(proposal, "oversight.reassignment_refused", actor=actor, before=before, after={"note": note})


@transaction.atomic
def reply(proposal: Proposal, *, actor, replied_on, category, text, public=False) -> ProposalReply:
    """答复 the proposer: the date it was sent, its category (A/B/C) and text; late after the due
    date. Marked public, it is published on the portal (代表法 第五十一条第三款)."""
    proposal = _locked_proposal(proposal)
    workflow.PROPOSAL_WORKFLOW.require(proposal, "reply", actor)
    replies = list(proposal.replies.order_by("round"))
    if replies:
        start, start_label = replies[-1].feedback_on, _("不满意意见的反馈日期")
        deadline = proposal.second_reply_deadline
    else:
        start, start_label = proposal.reply_deadline.start_on, _("交办日期")
        deadline = proposal.reply_deadline
    day = clean_date(
        replied_on, "replied_on", _("答复日期"), not_before=start, not_before_label=start_label, not_after=_today()
    )
    category = clean_choice(category, ReplyCategory, "category", _("答复类别"))
    text = clean_text(text, "text", _("答复内容"), required=True)
    public = clean_flag(False if public is None else public, "public", _("公开答复"))
    before, _after = workflow.PROPOSAL_WORKFLOW.apply(proposal, "reply", actor)
    answer = ProposalReply.objects.create(
        proposal=proposal,
        round=len(replies) + 1,
        body=proposal.body,
        replied_on=day,
        category=category,
        text=text,
        public=public,
        late=day > deadline.due_on,
        created_by=_user(actor),
    )
    clock.close_deadline(deadline, closed_on=day, actor=None)
    _save(
        proposal,
        "oversight.proposal_answered",
        actor=actor,
        before=before,
        after={"round": answer.round, "replied_on": day, "category": category, "public": public, "late": answer.late},
    )
    return answer


@transaction.atomic
def record_feedback(proposal: Proposal, *, actor, feedback, feedback_on, note=None) -> ProposalReply:
    """The proposer's 征询意见: 满意 or 基本满意 close the matter; 不满意 on the first answer reopens
    it for a second answer within a month (local practice); after a second answer it closes."""
    proposal = _locked_proposal(proposal)
    workflow.PROPOSAL_WORKFLOW.require(proposal, "feedback", actor, gates=False)
    answer = proposal.replies.order_by("-round").first()
    feedback = clean_choice(feedback, Feedback, "feedback", _("征询意见"))
    day = clean_date(
        feedback_on,
        "feedback_on",
        _("反馈日期"),
        not_before=answer.replied_on,
        not_before_label=_("答复日期"),
        not_after=_today(),
    )
    unsatisfied = feedback == Feedback.UNSATISFIED
    note = clean_text(note, "note", _("反馈意见"), required=unsatisfied)
    step = "reopen" if unsatisfied and answer.round == 1 else "feedback"
    before, _after = workflow.PROPOSAL_WORKFLOW.apply(proposal, step, actor)
    answer.feedback, answer.feedback_on, answer.feedback_note = feedback, day, note
    answer.save(update_fields=["feedback", "feedback_on", "feedback_note"])
    if step == "reopen":
        proposal.second_reply_deadline = clock.open_deadline(
            subject=proposal, matter=SECOND_REPLY, start_on=day, body=proposal.body, actor=None
        )
        _tell(
            [proposal.body_id],
            BODY_STAFF,
            _("%(p)s：提出人不满意，请重新办理") % {"p": proposal},
            proposal.get_absolute_url(),
        )
    _save(proposal, "oversight.proposal_feedback", actor=actor, before=before, after={"feedback": feedback, "on": day})
    return answer


# --- 向人大报告工作、询问和质询、审议意见 (art. 34) ------------------------------------------------------


@transaction.atomic
def register_report(
    *,
    actor,
    body,
    kind,
    title,
    congress,
    reported_on,
    meeting=None,
    reporter=None,
    question=None,
    answer_mode=None,
    summary=None,
) -> CongressReport:
    """登记向人大及其常委会报告工作, or a 询问/质询 answered (监督法 第六章): what, to whom, when."""
    reporting = _body(body, "body", _("报告机关"))
    if not may(actor, "change", reporting):
        raise _refuse("body", _("请选择本人可以登记的单位。"))
    kind = clean_choice(kind, CongressReportKind, "kind", _("类型"))
    asked = kind in QUESTION_KINDS
    report = CongressReport(
        body=reporting,
        kind=kind,
        title=clean_text(title, "title", _("标题"), required=True, limit=SHORT),
        congress=clean_text(congress, "congress", _("人民代表大会或其常务委员会"), required=True, limit=100),
        meeting=clean_text(meeting, "meeting", _("会议"), limit=SHORT),
        reported_on=clean_date(reported_on, "reported_on", _("报告（答复）日期"), not_after=_today()),
        reporter=clean_text(reporter, "reporter", _("报告人（答复人）及职务"), limit=SHORT),
        question=clean_text(question, "question", _("询问、质询的问题"), required=asked),
        answer_mode=clean_choice(answer_mode, AnswerMode, "answer_mode", _("答复方式"), required=asked),
        summary=clean_text(summary, "summary", _("主要内容")),
        created_by=_user(actor),
    )
    report.save()
    audit.record(
        report,
        "oversight.congress_report_registered",
        actor=actor,
        after=audit.snapshot(report, ["kind", "title", "congress", "meeting", "reported_on", "answer_mode"]),
    )
    return report


@transaction.atomic
def add_opinion(report: CongressReport, *, actor, kind, received_on, content, resolution_due_on=None):
    """审议意见 (or a 决议) received on a report: the written report on its handling is due in the
    period `clock` keeps (监督法 sets none; local practice), or by the date the resolution set."""
    report = _locked(report, "body")
    require(actor, "change", report.body, _("登记审议意见"))
    kind = clean_choice(kind, OpinionKind, "kind", _("类型"))
    day = clean_date(
        received_on,
        "received_on",
        _("收到日期"),
        not_before=report.reported_on,
        not_before_label=_("报告（答复）日期"),
        not_after=_today(),
    )
    content = clean_text(content, "content", _("审议意见（决议）内容"), required=True)
    due = None
    if kind == OpinionKind.RESOLUTION:
        due = clean_date(
            resolution_due_on,
            "resolution_due_on",
            _("决议规定的报告期限"),
            not_before=day,
            not_before_label=_("收到日期"),
        )
    elif resolution_due_on not in (None, ""):
        raise _refuse("resolution_due_on", _("审议意见的报告期限按规定计算，不需填写。"))
    opinion = CongressOpinion.objects.create(
        report=report,
        body=report.body,
        kind=kind,
        received_on=day,
        content=content,
        resolution_due_on=due,
        created_by=_user(actor),
    )
    if kind == OpinionKind.OPINION:
        opinion.deadline = clock.open_deadline(
            subject=opinion, matter=OPINION_REPORT, start_on=day, body=report.body, actor=None
        )
        opinion.save(update_fields=["deadline"])
    audit.record(
        opinion,
        "oversight.congress_opinion_received",
        actor=actor,
        after={"report": report.pk, "kind": kind, "received_on": day, "due_on": opinion.due_on},
    )
    return opinion


@transaction.atomic
def report_opinion(opinion: CongressOpinion, *, actor, reported_on, handling) -> CongressOpinion:
    """向常委会提出书面报告 on how the opinion was studied and handled; late after its date."""
    opinion = _locked(opinion, "body", "deadline")
    workflow.OPINION_WORKFLOW.require(opinion, "report", actor)
    day = clean_date(
        reported_on,
        "reported_on",
        _("书面报告日期"),
        not_before=opinion.received_on,
        not_before_label=_("收到日期"),
        not_after=_today(),
    )
    handling = clean_text(handling, "handling", _("研究处理情况"), required=True)
    before, _after = workflow.OPINION_WORKFLOW.apply(opinion, "report", actor)
    opinion.reported_on, opinion.handling = day, handling
    if opinion.deadline_id:
        clock.close_deadline(opinion.deadline, closed_on=day, actor=None)
    due = opinion.due_on
    return _save(
        opinion,
        "oversight.congress_opinion_reported",
        actor=actor,
        before=before,
        after={"reported_on": day, "late": due is not None and day > due},
    )


# --- 定期检查、专项督查 (art. 56) ----------------------------------------------------------------------


def _targets(value, inspection_government: Body) -> list[Body]:
    ids = _id_list(value, "targets", _("督查对象"))
    if not ids:
        raise _refuse("targets", _("请选择督查对象。"))
    return [_body_below(pk, inspection_government, "targets", _("督查对象")) for pk in ids]


def _replace_targets(inspection: Inspection, bodies: list[Body]) -> list[int]:
    inspection.targets.exclude(body__in=bodies).delete()
    kept = set(inspection.targets.values_list("body_id", flat=True))
    InspectionTarget.objects.bulk_create(
        InspectionTarget(inspection=inspection, body=body) for body in bodies if body.pk not in kept
    )
    return [body.pk for body in bodies]


@transaction.atomic
def plan_inspection(*, actor, government, kind, year, title, key_work, planned_on, targets=None) -> Inspection:
    """计划一次定期检查或专项督查 (seed art. 56), following the year's key work."""
    government = _government(actor, government)
    kind = clean_choice(kind, InspectionKind, "kind", _("类型"))
    year = _year(year)
    planned = clean_date(planned_on, "planned_on", _("计划开展日期"))
    if planned.year != year:
        raise _refuse("planned_on", _("计划开展日期应在%(year)d年内。") % {"year": year})
    bodies = _targets(targets, government) if targets not in (None, "", []) else []
    inspection = Inspection.objects.create(
        government=government,
        kind=kind,
        year=year,
        title=clean_text(title, "title", _("名称"), required=True, limit=SHORT),
        key_work=clean_text(key_work, "key_work", _("结合的年度重点工作"), required=True),
        planned_on=planned,
        created_by=_user(actor),
    )
    audit.record(
        inspection,
        "oversight.inspection_planned",
        actor=actor,
        body_id=government.pk,
        after={
            **audit.snapshot(inspection, ["kind", "year", "title", "planned_on"]),
            "targets": _replace_targets(inspection, bodies),
        },
    )
    return inspection


def _locked_inspection(inspection: Inspection) -> Inspection:
    return _locked(inspection, "government")


@transaction.atomic
def set_targets(inspection: Inspection, *, actor, targets) -> Inspection:
    """确定督查对象 before the inspection starts."""
    inspection = _locked_inspection(inspection)
    workflow.INSPECTION_WORKFLOW.require(inspection, "targets", actor)
    bodies = _targets(targets, inspection.government)
    before = sorted(inspection.targets.values_list("body_id", flat=True))
    after = sorted(_replace_targets(inspection, bodies))
    inspection.save(update_fields=["updated_at"])
    audit.record(
        inspection,
        "oversight.inspection_targets_set",
        actor=actor,
        body_id=inspection.government_id,
        before={"targets": before},
        after={"targets": after},
    )
    return inspection


@transaction.atomic
def start_inspection(inspection: Inspection, *, actor, started_on) -> Inspection:
    inspection = _locked_inspection(inspection)
    workflow.INSPECTION_WORKFLOW.require(inspection, "start", actor)
    day = clean_date(started_on, "started_on", _("开展日期"), not_after=_today())
    before, _after = workflow.INSPECTION_WORKFLOW.apply(inspection, "start", actor)
    inspection.started_on = day
    _save(
        inspection,
        "oversight.inspection_started",
        actor=actor,
        before=before,
        after={"started_on": day},
        body_id=inspection.government_id,
    )
    _tell(
        inspection.targets.values_list("body_id", flat=True),
        BODY_STAFF,
        _("%(kind)s：%(title)s") % {"kind": inspection.get_kind_display(), "title": inspection.title},
        inspection.get_absolute_url(),
    )
    return inspection


@transaction.atomic
def record_finding(
    inspection: Inspection, *, actor, body, severity, found_on, problem=None, rectification_required=False
) -> Finding:
    """督查发现 at one inspected body: the problem and its severity, or 未发现问题."""
    inspection = _locked_inspection(inspection)
    workflow.INSPECTION_WORKFLOW.require(inspection, "finding", actor)
    pk = clean_id(body, "body", _("督查对象"))
    target = inspection.targets.select_related("body").filter(body_id=pk).first()
    if target is None:
        raise _refuse("body", _("请选择本次督查的督查对象。"))
    severity = clean_choice(severity, Severity, "severity", _("问题程度"))
    none = severity == Severity.NONE
    problem = clean_text(problem, "problem", _("发现的问题"), required=not none)
    required = clean_flag(
        False if rectification_required is None else rectification_required, "rectification_required", _("需要整改")
    )
    if none and required:
        raise _refuse("rectification_required", _("未发现问题的，不需要整改。"))
    day = clean_date(
        found_on,
        "found_on",
        _("发现日期"),
        not_before=inspection.started_on,
        not_before_label=_("开展日期"),
        not_after=_today(),
    )
    finding = Finding.objects.create(
        inspection=inspection,
        body=target.body,
        severity=severity,
        problem=problem,
        rectification_required=required,
        found_on=day,
        created_by=_user(actor),
    )
    audit.record(
        finding,
        "oversight.finding_recorded",
        actor=actor,
        body_id=target.body_id,
        after={"inspection": inspection.pk, "severity": severity, "problem": problem, "rectification": required},
    )
    return finding


@transaction.atomic
def conclude_inspection(inspection: Inspection, *, actor, concluded_on, conclusion) -> Inspection:
    """督查报告: refused until every inspected body has a finding."""
    inspection = _locked_inspection(inspection)
    workflow.INSPECTION_WORKFLOW.require(inspection, "conclude", actor)
    day = clean_date(
        concluded_on,
        "concluded_on",
        _("督查报告日期"),
        not_before=inspection.started_on,
        not_before_label=_("开展日期"),
        not_after=_today(),
    )
    text = clean_text(conclusion, "conclusion", _("督查报告"), required=True)
    before, _after = workflow.INSPECTION_WORKFLOW.apply(inspection, "conclude", actor)
    inspection.concluded_on, inspection.conclusion = day, text
    return _save(
        inspection,
        "oversight.inspection_concluded",
        actor=actor,
        before=before,
        after={"concluded_on": day},
        body_id=inspection.government_id,
    )


# --- 约谈、责令整改、通报批评 (art. 53) ------------------------------------------------------------------


@transaction.atomic
def issue_measure(
    *, actor, issuer, body, kind, issued_on, reasons, number=None, finding=None, rectify_by=None
) -> Measure:
    """约谈, 责令整改 (with the date the order sets) or 通报批评 of a body below the issuer (seed art. 53)."""
    issuing = _body(issuer, "issuer", _("作出机关"))
    if not may(actor, "change", issuing):
        raise _refuse("issuer", _("请选择本人可以代表作出处理的机关。"))
    target = _body_below(body, issuing, "body", _("被处理单位"))
    kind = clean_choice(kind, MeasureKind, "kind", _("处理方式"))
    day = clean_date(issued_on, "issued_on", _("作出日期"), not_after=_today())
    reasons = clean_text(reasons, "reasons", _("事实和理由"), required=True)
    number = clean_text(number, "number", _("文号"), limit=100)
    source = None
    if finding not in (None, ""):
        pk = clean_id(finding, "finding", _("督查发现"))
        source = Finding.objects.restrict(actor).filter(pk=pk, body=target).first()
        if source is None:
            raise _refuse("finding", _("督查发现不存在，或不是对该单位的发现。"))
    due = None
    if kind == MeasureKind.RECTIFICATION:
        due = clean_date(rectify_by, "rectify_by", _("整改期限"), not_before=day, not_before_label=_("作出日期"))
    elif rectify_by not in (None, ""):
        raise _refuse("rectify_by", _("只有责令整改设定整改期限。"))
    measure = Measure.objects.create(
        issuer=issuing,
        body=target,
        kind=kind,
        number=number,
        issued_on=day,
        reasons=reasons,
        finding=source,
        status=MeasureStatus.RECTIFYING if due else MeasureStatus.ISSUED,
        rectify_by=due,
        created_by=_user(actor),
    )
    if due:
        RectificationRound.objects.create(measure=measure, round=1, due_on=due)
    audit.record(
        measure,
        "oversight.measure_issued",
        actor=actor,
        after={
            **audit.snapshot(measure, ["issuer", "kind", "number", "issued_on", "finding", "rectify_by", "status"]),
            "reasons": reasons,
        },
    )
    _tell(
        [target.pk],
        (*BODY_STAFF, Role.OFFICE),
        _("%(issuer)s对本单位%(kind)s") % {"issuer": issuing.name, "kind": measure.get_kind_display()},
        measure.get_absolute_url(),
    )
    return measure


def _locked_measure(measure: Measure) -> Measure:
    return _locked(measure, "issuer", "body")


def current_round(measure: Measure) -> RectificationRound | None:
    return measure.rounds.order_by("-round").first()


@transaction.atomic
def report_rectification(measure: Measure, *, actor, reported_on, report) -> RectificationRound:
    """报送整改情况: the measures taken and their effect; late after the date the order set."""
    measure = _locked_measure(measure)
    workflow.MEASURE_WORKFLOW.require(measure, "report", actor)
    period = current_round(measure)
    previous = measure.rounds.filter(round=period.round - 1).first()
    start = previous.verified_on if previous else measure.issued_on
    day = clean_date(
        reported_on,
        "reported_on",
        _("报送整改情况日期"),
        not_before=start,
        not_before_label=_("核查日期") if previous else _("作出日期"),
        not_after=_today(),
    )
    text = clean_text(report, "report", _("整改措施和成效"), required=True)
    before, _after = workflow.MEASURE_WORKFLOW.apply(measure, "report", actor)
    period.reported_on, period.report = day, text
    period.save(update_fields=["reported_on", "report"])
    _save(
        measure,
        "oversight.rectification_reported",
        actor=actor,
        before=before,
        after={"round": period.round, "reported_on": day, "late": period.late},
    )
    _tell(
        [measure.issuer_id],
        (*OFFICE_STAFF, Role.HEAD),
        _("整改情况待核查：%(m)s") % {"m": measure},
        measure.get_absolute_url(),
    )
    return period


@transaction.atomic
def verify_rectification(measure: Measure, *, actor, verified_on, passed, note=None, new_due_on=None):
    """核查: passed ends the order; not passed sets a new date (a new round)."""
    measure = _locked_measure(measure)
    workflow.MEASURE_WORKFLOW.require(measure, "verify", actor, gates=False)
    period = current_round(measure)
    day = clean_date(
        verified_on,
        "verified_on",
        _("核查日期"),
        not_before=period.reported_on,
        not_before_label=_("报送整改情况日期"),
        not_after=_today(),
    )
    passed = clean_flag(passed, "passed", _("核查是否通过"))
    note = clean_text(note, "note", _("核查意见"), required=not passed)
    due = None
    if not passed:
        due = clean_date(new_due_on, "new_due_on", _("新的整改期限"))
        if due <= day:
            raise _refuse("new_due_on", _("新的整改期限应晚于核查日期（%(day)s）。") % {"day": day_text(day)})
    elif new_due_on not in (None, ""):
        raise _refuse("new_due_on", _("核查通过的，不再设定整改期限。"))
    before, _after = workflow.MEASURE_WORKFLOW.apply(measure, "verify" if passed else "reject", actor)
    period.verified_on, period.passed, period.verification_note = day, passed, note
    period.save(update_fields=["verified_on", "passed", "verification_note"])
    if due:
        RectificationRound.objects.create(measure=measure, round=period.round + 1, due_on=due)
        measure.rectify_by = due
    _save(
        measure,
        "oversight.rectification_verified",
        actor=actor,
        before=before,
        after={"round": period.round, "verified_on": day, "passed": passed, "new_due_on": due},
    )
    return period


# --- 迎接省考评 (art. 52) ----------------------------------------------------------------------------


@transaction.atomic
def create_plan(*, actor, government, year, title, requirements=None) -> EvaluationPlan:
    """The office's task split for the year's provincial evaluation, drafted before it is issued."""
    government = _government(actor, government)
    year = _year(year)
    plan = EvaluationPlan(
        government=government,
        year=year,
        title=clean_text(title, "title", _("名称"), required=True, limit=SHORT),
        requirements=clean_text(requirements, "requirements", _("部署和要求")),
        created_by=_user(actor),
    )
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise Conflict(
            _("%(government)s%(year)d年的迎接省考评任务分工已经存在。") % {"government": government.name, "year": year},
            code="duplicate",
        ) from None
    audit.record(
        plan,
        "oversight.evaluation_plan_created",
        actor=actor,
        body_id=government.pk,
        after=audit.snapshot(plan, ["year", "title"]),
    )
    return plan


def _locked_plan(plan: EvaluationPlan) -> EvaluationPlan:
    return _locked(plan, "government")


@transaction.atomic
def add_task(plan: EvaluationPlan, *, actor, body, indicator, materials, due_on) -> EvaluationTask:
    """A task of the split: the indicator, the body responsible, the materials and their date."""
    plan = _locked_plan(plan)
    workflow.PLAN_WORKFLOW.require(plan, "task", actor)
    responsible = _body_below(body, plan.government, "body", _("责任单位"))
    task = EvaluationTask.objects.create(
        plan=plan,
        body=responsible,
        indicator=clean_text(indicator, "indicator", _("考评指标（项目）"), required=True, limit=SHORT),
        materials=clean_text(materials, "materials", _("应考材料要求"), required=True),
        due_on=clean_date(due_on, "due_on", _("报送期限"), not_before=_today(), not_before_label=_("今天")),
    )
    audit.record(
        task,
        "oversight.evaluation_task_added",
        actor=actor,
        body_id=responsible.pk,
        after={"plan": plan.pk, **audit.snapshot(task, ["indicator", "due_on"])},
    )
    if plan.status == workflow.P.ISSUED:
        _tell([responsible.pk], BODY_STAFF, _("迎接省考评任务：%(t)s") % {"t": task.indicator}, task.get_absolute_url())
    return task


@transaction.atomic
def issue_plan(plan: EvaluationPlan, *, actor) -> EvaluationPlan:
    """下发: the responsible bodies see their tasks from today."""
    plan = _locked_plan(plan)
    before, _after = workflow.PLAN_WORKFLOW.apply(plan, "issue", actor)
    plan.issued_on = _today()
    _save(plan, "oversight.evaluation_plan_issued", actor=actor, before=before, body_id=plan.government_id)
    _tell(
        plan.tasks.values_list("body_id", flat=True),
        BODY_STAFF,
        _("迎接省考评任务分工：%(title)s") % {"title": plan.title},
        reverse("oversight:home"),
    )
    return plan


def _locked_task(task: EvaluationTask) -> EvaluationTask:
    return _locked(task, "plan", "plan__government", "body")


def upload_material(task: EvaluationTask, *, actor, file) -> Attachment:
    """应考材料, checked by core attachments (type from the content, size limit)."""
    if file is None or isinstance(file, str | bytes | int | float | list | dict):
        raise _refuse("file", _("请选择要上传的文件。"))
    with attachments.files_removed_on_failure(), transaction.atomic():
        task = _locked_task(task)
        workflow.TASK_WORKFLOW.require(task, "upload", actor)
        attachment = attachments.attach(task, file, actor=actor, body=task.body)
        audit.record(
            task,
            "oversight.material_uploaded",
            actor=actor,
            extra={"attachment": attachment.pk, "name": attachment.original_name, "sha256": attachment.sha256},
        )
    return attachment


@transaction.atomic
def remove_material(task: EvaluationTask, *, actor, attachment) -> None:
    task = _locked_task(task)
    workflow.TASK_WORKFLOW.require(task, "remove", actor)
    pk = clean_id(attachment, "attachment", _("材料"))
    found = attachments.attachments_of(task).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("未找到该材料。"))
    attachments.remove(found, actor=actor)


@transaction.atomic
def submit_task(task: EvaluationTask, *, actor, note=None) -> EvaluationTask:
    """报送应考材料 (dated today); after the task's date it is late."""
    task = _locked_task(task)
    workflow.TASK_WORKFLOW.require(task, "submit", actor)
    note = clean_text(note, "note", _("报送说明"))
    before, _after = workflow.TASK_WORKFLOW.apply(task, "submit", actor)
    today = _today()
    task.submitted_on, task.submission_note = today, note
    task.first_submitted_on = task.first_submitted_on or today
    _save(task, "oversight.evaluation_task_submitted", actor=actor, before=before, after={"late": today > task.due_on})
    _tell(
        [task.plan.government_id],
        OFFICE_STAFF,
        _("应考材料待审核：%(t)s") % {"t": task.indicator},
        task.get_absolute_url(),
    )
    return task


@transaction.atomic
def accept_task(task: EvaluationTask, *, actor) -> EvaluationTask:
    task = _locked_task(task)
    before, _after = workflow.TASK_WORKFLOW.apply(task, "accept", actor)
    task.accepted_on = _today()
    return _save(task, "oversight.evaluation_task_accepted", actor=actor, before=before)


@transaction.atomic
def return_task(task: EvaluationTask, *, actor, reason) -> EvaluationTask:
    """退回 with the reason: the body completes its materials and submits again."""
    task = _locked_task(task)
    workflow.TASK_WORKFLOW.require(task, "return", actor)
    reason = clean_text(reason, "reason", _("退回理由"), required=True)
    before, _after = workflow.TASK_WORKFLOW.apply(task, "return", actor)
    task.returned_on, task.return_reason = _today(), reason
    _save(task, "oversight.evaluation_task_returned", actor=actor, before=before, after={"reason": reason})
    _tell([task.body_id], BODY_STAFF, _("应考材料被退回：%(t)s") % {"t": task.indicator}, task.get_absolute_url())
    return task


# --- one entry for pages and the API --------------------------------------------------------------

PROPOSAL_REGISTER_FIELDS = (
    "kind",
    "body",
    "session",
    "number",
    "proposers",
    "title",
    "content",
    "assigned_on",
    "complex",
    "co_handlers",
    "assistants",
)
REPORT_REGISTER_FIELDS = (
    "body",
    "kind",
    "title",
    "congress",
    "meeting",
    "reported_on",
    "reporter",
    "question",
    "answer_mode",
    "summary",
)
INSPECTION_PLAN_FIELDS = ("government", "kind", "year", "title", "key_work", "planned_on", "targets")
MEASURE_ISSUE_FIELDS = ("issuer", "body", "kind", "number", "issued_on", "reasons", "finding", "rectify_by")
PLAN_CREATE_FIELDS = ("government", "year", "title", "requirements")
LIST_FIELDS = frozenset({"co_handlers", "assistants", "targets"})

PROPOSAL_FIELDS = {
    "request-reassign": ("reason", "suggested_body"),
    "reassign": ("to_body", "note"),
    "refuse-reassign": ("note",),
    "reply": ("replied_on", "category", "text", "public"),
    "feedback": ("feedback", "feedback_on", "note"),
}
REPORT_FIELDS = {
    "opinion": ("kind", "received_on", "content", "resolution_due_on"),
    "report-opinion": ("opinion", "reported_on", "handling"),
}
INSPECTION_FIELDS = {
    "targets": ("targets",),
    "start": ("started_on",),
    "finding": ("body", "severity", "problem", "rectification_required", "found_on"),
    "conclude": ("concluded_on", "conclusion"),
}
MEASURE_FIELDS = {
    "report": ("reported_on", "report"),
    "verify": ("verified_on", "passed", "note", "new_due_on"),
}
PLAN_FIELDS = {
    "task": ("body", "indicator", "materials", "due_on"),
    "issue": (),
}
TASK_FIELDS = {
    "upload": ("file",),
    "remove": ("attachment",),
    "submit": ("note",),
    "accept": (),
    "return": ("reason",),
}


def values_from(data, fields) -> dict:
    """The named fields of a form or a request body; a form's repeated fields as lists."""
    values = {}
    for name in fields:
        if name in LIST_FIELDS and hasattr(data, "getlist"):
            values[name] = data.getlist(name)
        else:
            values[name] = data.get(name)
    return values


def register_proposal_from(data, *, actor) -> Proposal:
    return register_proposal(actor=actor, **values_from(data, PROPOSAL_REGISTER_FIELDS))


def register_report_from(data, *, actor) -> CongressReport:
    return register_report(actor=actor, **values_from(data, REPORT_REGISTER_FIELDS))


def plan_inspection_from(data, *, actor) -> Inspection:
    return plan_inspection(actor=actor, **values_from(data, INSPECTION_PLAN_FIELDS))


def issue_measure_from(data, *, actor) -> Measure:
    return issue_measure(actor=actor, **values_from(data, MEASURE_ISSUE_FIELDS))


def create_plan_from(data, *, actor) -> EvaluationPlan:
    return create_plan(actor=actor, **values_from(data, PLAN_CREATE_FIELDS))


def _report_opinion(report: CongressReport, *, actor, opinion, reported_on, handling):
    pk = clean_id(opinion, "opinion", _("审议意见"))
    found = report.opinions.filter(pk=pk).first()
    if found is None:
        raise NotFound(_("未找到该审议意见。"))
    return report_opinion(found, actor=actor, reported_on=reported_on, handling=handling)


STEPS = {
    Proposal: (
        PROPOSAL_FIELDS,
        {
            "request-reassign": request_reassign,
            "reassign": reassign,
            "refuse-reassign": refuse_reassign,
            "reply": reply,
            "feedback": record_feedback,
        },
    ),
    CongressReport: (REPORT_FIELDS, {"opinion": add_opinion, "report-opinion": _report_opinion}),
    Inspection: (
        INSPECTION_FIELDS,
        {
            "targets": set_targets,
            "start": start_inspection,
            "finding": record_finding,
            "conclude": conclude_inspection,
        },
    ),
    Measure: (MEASURE_FIELDS, {"report": report_rectification, "verify": verify_rectification}),
    EvaluationPlan: (PLAN_FIELDS, {"task": add_task, "issue": issue_plan}),
    EvaluationTask: (
        TASK_FIELDS,
        {
            "upload": upload_material,
            "remove": remove_material,
            "submit": submit_task,
            "accept": accept_task,
            "return": return_task,
        },
    ),
}


def step_fields(model, name: str) -> tuple[str, ...]:
    fields, _functions = STEPS[model]
    if name not in fields:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    return fields[name]


def run_step(record, name: str, *, actor, data, files=None):
    """A step of any oversight record by its name, with the fields it takes from `data`."""
    _fields, functions = STEPS[type(record)]
    values = values_from(data, step_fields(type(record), name))
    if "file" in values and files is not None:
        values["file"] = files.get("file")
    return functions[name](record, actor=actor, **values)
