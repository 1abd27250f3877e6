"""Every change to the litigation registers, one function each (行政诉讼法 2017 arts. 3, 67, 85,
94–96; 两高 public-interest interpretation art. 21; seed arts. 32, 36–37).

The register records what happened in court and at the procuratorate, so each step takes the day
it happened (not later than today, not before what it follows); the statutory periods are opened
and closed on those days through `fazhi.clock`, so lateness is computed, never typed. Each step
locks its record, runs its transition (who, when, the gates), and is audited.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.access import member_body_ids, scope_body_ids
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_choices, clean_date, clean_flag, clean_id, clean_text
from fazhi.core.models import Body
from fazhi.documents.services import government_of
from fazhi.litigation import workflow
from fazhi.litigation.choices import (
    LOST_OUTCOMES,
    OUTCOMES_BY_TYPE,
    AbsenceReason,
    Appellant,
    CaseKind,
    CaseStatus,
    CourtMeasure,
    DecisionType,
    Level,
    Outcome,
    SuggestionKind,
)
from fazhi.litigation.models import (
    CourtCase,
    Execution,
    Hearing,
    Judgment,
    ProcuratorialSuggestion,
    legal_office_government_ids,
)
from fazhi.reconsideration import analysis

DEFENCE = "litigation-defence"
APPEAL = {DecisionType.JUDGMENT: "litigation-appeal-judgment", DecisionType.RULING: "litigation-appeal-ruling"}
REPLY, REPLY_URGENT = "procuratorial-reply", "procuratorial-reply-urgent"
SHORT = 200


def _today() -> datetime.date:
    return timezone.localdate()


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def may_record(actor, body: Body) -> bool:
    """The defendant body's own members with a role that changes records, and the legal office of
    its government (行政复议法 art. 4 ¶2: the 司法局 organises 行政应诉)."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    if body.pk in (member_body_ids(actor) & scope_body_ids(actor, "change")):
        return True
    return government_of(body).pk in legal_office_government_ids(actor)


def details_visible(user, record) -> bool:
    """Whether `user` reads a plaintiff's name: the defendant body's members and its legal office."""
    if user.is_superuser:
        return True
    return record.body_id in member_body_ids(user) or record.government_id in legal_office_government_ids(user)


def _target_body(actor, value) -> Body:
    pk = clean_id(value, "body", _("被告（被建议机关）"))
    body = Body.objects.current().filter(pk=pk).first()
    if body is None or not may_record(actor, body):
        raise _refuse("body", _("请选择本人可以登记的单位（本机关，或本级政府法制机构所联系的部门）。"))
    return body


def _record(record, event: str, *, actor, before: str | None = None, after: dict | None = None):
    record.save()
    audit.record(
        record,
        event,
        actor=actor,
        body_id=record.body_id,
        before={"status": before} if before is not None else None,
        after={"status": record.status, **(after or {})},
    )
    return record


# --- court cases ----------------------------------------------------------------------------------


def _locked_case(case: CourtCase) -> CourtCase:
    return (
        CourtCase.objects.select_for_update(of=("self",))
        .select_related("body", "government", "defence_deadline")
        .get(pk=case.pk)
    )


def _first_instance(actor, value, body: Body) -> CourtCase | None:
    if value in (None, ""):
        return None
    pk = clean_id(value, "first_instance", _("一审案件"))
    first = CourtCase.objects.restrict(actor).filter(pk=pk, body=body).first()
    if first is None:
        raise _refuse("first_instance", _("一审案件不存在，或不是本被告的案件。"))
    if first.level == Level.SECOND:
        raise _refuse("first_instance", _("所选案件是二审案件，不能再作为一审案件。"))
    return first


@transaction.atomic
def register_case(
    *,
    actor,
    body,
    court,
    case_number,
    plaintiff,
    cause,
    act,
    received_on,
    level=Level.FIRST,
    kind=CaseKind.ORDINARY,
    co_defendants=None,
    first_instance=None,
    suggestion: ProcuratorialSuggestion | None = None,
) -> CourtCase:
    """登记行政诉讼案件 on receiving the complaint copy; first instance: the defence is due in 15
    days (行政诉讼法 第六十七条). A second-instance case names its first instance."""
    body = _target_body(actor, body)
    level = clean_choice(level or Level.FIRST, Level, "level", _("审级"))
    kind = clean_choice(kind or CaseKind.ORDINARY, CaseKind, "kind", _("案件类型"))
    values = {
        "court": clean_text(court, "court", _("受诉人民法院"), required=True, limit=SHORT),
        "case_number": clean_text(case_number, "case_number", _("案号"), required=True, limit=100),
        "plaintiff": clean_text(plaintiff, "plaintiff", _("原告"), required=True, limit=SHORT),
        "cause": clean_text(cause, "cause", _("案由"), required=True, limit=SHORT),
        "act": clean_text(act, "act", _("被诉行政行为"), required=True),
        "co_defendants": clean_text(co_defendants, "co_defendants", _("共同被告"), limit=500),
    }
    received = clean_date(received_on, "received_on", _("收到起诉状副本日期"), not_after=_today())
    first = _first_instance(actor, first_instance, body)
    if first is not None and level != Level.SECOND:
        raise _refuse("level", _("关联一审案件的应为二审案件。"))
    if first is not None and first.status != CaseStatus.APPEALED:
        raise _refuse("first_instance", _("一审案件尚未记录上诉，不能登记其二审案件。"))
    case = CourtCase(
        body=body,
        government=government_of(body),
        level=level,
        kind=kind,
        received_on=received,
        first_instance=first,
        suggestion=suggestion,
        created_by=actor if actor.is_authenticated else None,
        **values,
    )
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise Conflict(
            _("%(court)s的%(number)s已经登记。") % {"court": values["court"], "number": values["case_number"]},
            code="duplicate",
        ) from None
    if level == Level.FIRST:
        case.defence_deadline = clock.open_deadline(
            subject=case, matter=DEFENCE, start_on=received, body=body, actor=None
        )
        case.save(update_fields=["defence_deadline"])
    audit.record(
        case,
        "litigation.case_registered",
        actor=actor,
        body_id=body.pk,
        after={
            **audit.snapshot(case, ["court", "case_number", "level", "kind", "cause", "received_on"]),
            "party_name": case.plaintiff,
            "first_instance": first.pk if first else None,
        },
    )
    return case


@transaction.atomic
def defend(case: CourtCase, *, actor, defended_on, defence) -> CourtCase:
    """提交证据、依据和答辩状 (第六十七条): the defence period closes on that day; after its due date
    it is late."""
    case = _locked_case(case)
    workflow.CASE_WORKFLOW.require(case, "defend", actor)
    day = clean_date(
        defended_on,
        "defended_on",
        _("提交答辩状日期"),
        not_before=case.received_on,
        not_before_label=_("收到起诉状副本日期"),
        not_after=_today(),
    )
    text = clean_text(defence, "defence", _("证据、依据和答辩要点"), required=True)
    before, _after = workflow.CASE_WORKFLOW.apply(case, "defend", actor)
    case.defended_on, case.defence = day, text
    if case.defence_deadline is not None and case.defence_deadline.closed_on is None:
        clock.close_deadline(case.defence_deadline, closed_on=day, actor=None)
    return _record(case, "litigation.defended", actor=actor, before=before, after={"defended_on": day})


@transaction.atomic
def record_hearing(
    case: CourtCase,
    *,
    actor,
    held_on,
    head_appeared,
    court=None,
    head_name=None,
    head_title=None,
    entrusted_staff=None,
    absence_reason=None,
    absence_note=None,
) -> Hearing:
    """开庭 and who appeared: the head (第三条第三款), or the staff entrusted and why the head could
    not (出庭应诉规定 第八条). A hearing without the head and without a reason is recorded as such:
    the art. 36 check names it."""
    case = _locked_case(case)
    workflow.CASE_WORKFLOW.require(case, "hearing", actor)
    day = clean_date(
        held_on,
        "held_on",
        _("开庭日期"),
        not_before=case.received_on,
        not_before_label=_("收到起诉状副本日期"),
        not_after=_today(),
    )
    appeared = clean_flag(head_appeared, "head_appeared", _("负责人是否出庭"))
    values = {
        "court": clean_text(court, "court", _("法院"), limit=SHORT) or case.court,
        "head_name": clean_text(head_name, "head_name", _("出庭负责人"), limit=100),
        "head_title": clean_text(head_title, "head_title", _("职务"), limit=100),
        "entrusted_staff": clean_text(entrusted_staff, "entrusted_staff", _("委托出庭的工作人员"), limit=SHORT),
        "absence_reason": clean_choice(
            absence_reason, AbsenceReason, "absence_reason", _("负责人不能出庭的情形"), required=False
        ),
        "absence_note": clean_text(absence_note, "absence_note", _("不能出庭的具体理由")),
    }
    if appeared:
        if not values["head_name"]:
            raise _refuse("head_name", _("负责人出庭的，请填写出庭负责人。"))
        values.update(entrusted_staff="", absence_reason="", absence_note="")
    else:
        if not values["entrusted_staff"]:
            raise _refuse(
                "entrusted_staff", _("负责人不能出庭的，应当委托相应的工作人员出庭（行政诉讼法第三条第三款），请填写。")
            )
        if values["absence_reason"] == AbsenceReason.OTHER and not values["absence_note"]:
            raise _refuse("absence_note", _("请写明无法出庭的其他正当事由。"))
        values.update(head_name="", head_title="")
    hearing = Hearing.objects.create(
        case=case, held_on=day, head_appeared=appeared, created_by=actor if actor.is_authenticated else None, **values
    )
    before, _after = workflow.CASE_WORKFLOW.apply(case, "hearing", actor)
    _record(
        case,
        "litigation.hearing_recorded",
        actor=actor,
        before=before,
        after={
            "hearing": hearing.pk,
            "held_on": day,
            "head_appeared": appeared,
            "absence_reason": hearing.absence_reason,
        },
    )
    return hearing


def _outcome(decision_type: str, value) -> str:
    allowed = OUTCOMES_BY_TYPE[decision_type]
    if not isinstance(value, str) or value not in allowed:
        message = _("%(type)s的结果应为：%(choices)s。") % {
            "type": DecisionType(decision_type).label,
            "choices": "、".join(str(Outcome(o).label) for o in allowed),
        }
        raise _refuse("outcome", message)
    return value


@transaction.atomic
def decide(case: CourtCase, *, actor, decision_type, outcome, served_on, lost=None, summary=None) -> Judgment:
    """判决、裁定 served on the body. A judgment follows a hearing (except at second instance, art.
    86); a ruling that ends the case needs none. First instance and retrial: the appeal window (15
    days for a judgment, 10 for a ruling, 第八十五条) runs from service; second instance: final."""
    case = _locked_case(case)
    name = "decide-final" if case.level == Level.SECOND else "decide"
    workflow.CASE_WORKFLOW.require(case, name, actor)
    kind = clean_choice(decision_type, DecisionType, "decision_type", _("裁判类型"))
    outcome = _outcome(kind, outcome)
    day = clean_date(
        served_on,
        "served_on",
        _("送达日期"),
        not_before=case.received_on,
        not_before_label=_("收到起诉状副本日期"),
        not_after=_today(),
    )
    lost = outcome in LOST_OUTCOMES if lost in (None, "") else clean_flag(lost, "lost", _("是否败诉"))
    summary = clean_text(summary, "summary", _("裁判主文"))
    if kind == DecisionType.JUDGMENT and case.level != Level.SECOND and not case.hearings.exists():
        raise Conflict(
            _("尚未记录开庭，不能记录判决；不经开庭结案的，应为驳回起诉、准许撤诉等裁定。"), code="gate_not_met"
        )
    last_hearing = case.hearings.order_by("-held_on").first()
    if last_hearing is not None and day < last_hearing.held_on:
        raise _refuse(
            "served_on", _("送达日期不能早于最近一次开庭日期（%(day)s）。") % {"day": day_text(last_hearing.held_on)}
        )
    judgment = Judgment(case=case, decision_type=kind, outcome=outcome, lost=lost, summary=summary, served_on=day)
    if name == "decide":
        judgment.appeal_until = clock.due_for(APPEAL[kind], day).due
    else:
        judgment.effective_on = day
    judgment.save()
    before, _after = workflow.CASE_WORKFLOW.apply(case, name, actor)
    _record(
        case,
        "litigation.decided",
        actor=actor,
        before=before,
        after={
            "decision_type": kind,
            "outcome": outcome,
            "lost": lost,
            "served_on": day,
            "appeal_until": judgment.appeal_until,
        },
    )
    return judgment


@transaction.atomic
def appeal(case: CourtCase, *, actor, appealed_by, appealed_on) -> CourtCase:
    """上诉 within the window (第八十五条): the case goes to the court above, registered as its own
    second-instance case."""
    case = _locked_case(case)
    workflow.CASE_WORKFLOW.require(case, "appeal", actor)
    judgment = case.judgment
    by = clean_choice(appealed_by, Appellant, "appealed_by", _("上诉人"))
    day = clean_date(
        appealed_on,
        "appealed_on",
        _("上诉日期"),
        not_before=judgment.served_on,
        not_before_label=_("送达日期"),
        not_after=_today(),
    )
    if day > judgment.appeal_until:
        raise _refuse(
            "appealed_on", _("上诉日期晚于上诉期届满日（%(day)s）。") % {"day": day_text(judgment.appeal_until)}
        )
    before, _after = workflow.CASE_WORKFLOW.apply(case, "appeal", actor)
    judgment.appealed_by, judgment.appealed_on = by, day
    judgment.save(update_fields=["appealed_by", "appealed_on"])
    return _record(
        case, "litigation.appealed", actor=actor, before=before, after={"appealed_by": by, "appealed_on": day}
    )


@transaction.atomic
def make_effective(case: CourtCase, *, actor) -> CourtCase:
    """No appeal within the window: the judgment is effective from the next day (第八十五条)."""
    case = _locked_case(case)
    before, _after = workflow.CASE_WORKFLOW.apply(case, "effective", actor)
    judgment = case.judgment
    judgment.effective_on = judgment.appeal_until + datetime.timedelta(days=1)
    judgment.save(update_fields=["effective_on"])
    return _record(
        case, "litigation.effective", actor=actor, before=before, after={"effective_on": judgment.effective_on}
    )


def _effective_on(case: CourtCase) -> datetime.date:
    return case.judgment.effective_on


@transaction.atomic
def require_execution(case: CourtCase, *, actor, requirement, due_on) -> Execution:
    """What the effective judgment the body lost requires of it, and by when (第九十四条)."""
    case = _locked_case(case)
    workflow.CASE_WORKFLOW.require(case, "execution", actor)
    text = clean_text(requirement, "requirement", _("裁判要求履行的内容"), required=True)
    due = clean_date(due_on, "due_on", _("履行期限"))
    if due < _effective_on(case):
        raise _refuse("due_on", _("履行期限不能早于裁判生效日期（%(day)s）。") % {"day": day_text(_effective_on(case))})
    execution = Execution.objects.create(case=case, requirement=text, due_on=due)
    before, _after = workflow.CASE_WORKFLOW.apply(case, "execution", actor)
    _record(case, "litigation.execution_required", actor=actor, before=before, after={"due_on": due})
    return execution


@transaction.atomic
def record_refusal(case: CourtCase, *, actor, refused_on, court_measures, note) -> Execution:
    """拒绝履行 and what the first-instance court did about it (第九十六条)."""
    case = _locked_case(case)
    workflow.CASE_WORKFLOW.require(case, "refusal", actor)
    execution = case.execution
    day = clean_date(
        refused_on,
        "refused_on",
        _("记录日期"),
        not_before=_effective_on(case),
        not_before_label=_("裁判生效日期"),
        not_after=_today(),
    )
    measures = clean_choices(court_measures, CourtMeasure, "court_measures", _("法院采取的措施"))
    text = clean_text(note, "note", _("拒绝履行的情况"), required=True)
    before, _after = workflow.CASE_WORKFLOW.apply(case, "refusal", actor)
    execution.refused_on, execution.court_measures, execution.refusal_note = day, measures, text
    execution.save(update_fields=["refused_on", "court_measures", "refusal_note"])
    _record(case, "litigation.refusal_recorded", actor=actor, before=before, after={"measures": measures, "note": text})
    return execution


@transaction.atomic
def perform(case: CourtCase, *, actor, performed_on, performance) -> Execution:
    """履行完毕: late when after the due date; the case is closed."""
    case = _locked_case(case)
    workflow.CASE_WORKFLOW.require(case, "perform", actor)
    execution = case.execution
    day = clean_date(
        performed_on,
        "performed_on",
        _("履行完毕日期"),
        not_before=_effective_on(case),
        not_before_label=_("裁判生效日期"),
        not_after=_today(),
    )
    text = clean_text(performance, "performance", _("履行情况"), required=True)
    before, _after = workflow.CASE_WORKFLOW.apply(case, "perform", actor)
    execution.performed_on, execution.performance = day, text
    execution.save(update_fields=["performed_on", "performance"])
    case.closed_on = _today()
    _record(
        case, "litigation.performed", actor=actor, before=before, after={"performed_on": day, "late": execution.late}
    )
    return execution


@transaction.atomic
def close(case: CourtCase, *, actor) -> CourtCase:
    """结案: an effective decision with nothing for the body to perform, or a case appealed (its
    second instance is registered on its own)."""
    case = _locked_case(case)
    before, _after = workflow.CASE_WORKFLOW.apply(case, "close", actor)
    case.closed_on = _today()
    return _record(case, "litigation.closed", actor=actor, before=before)


# --- major cases (seed art. 32) -------------------------------------------------------------------


def _locked(record):
    return type(record).objects.select_for_update(of=("self",)).select_related("body", "government").get(pk=record.pk)


def _workflow_of(record) -> workflow.LitigationWorkflow:
    return workflow.CASE_WORKFLOW if isinstance(record, CourtCase) else workflow.SUGGESTION_WORKFLOW


def _event(record) -> str:
    return "case" if isinstance(record, CourtCase) else "suggestion"


@transaction.atomic
def mark_major(record, *, actor, reason):
    """重大、复杂或者社会影响较大 (seed art. 32), with the reason."""
    record = _locked(record)
    _workflow_of(record).require(record, "mark-major", actor)
    reason = clean_text(reason, "reason", _("认定理由"), required=True)
    record.major, record.major_reason, record.major_marked_on = True, reason, _today()
    analysis.open_major_report(record, body=record.body, on=record.major_marked_on)
    return _record(record, f"litigation.{_event(record)}_marked_major", actor=actor, after={"reason": reason})


@transaction.atomic
def report_major(record, *, actor, reported_to, reported_on):
    """及时上报备案 (seed art. 32): to whom and when."""
    record = _locked(record)
    _workflow_of(record).require(record, "report-major", actor)
    to = clean_text(reported_to, "reported_to", _("上报备案机关"), required=True, limit=SHORT)
    day = clean_date(
        reported_on,
        "reported_on",
        _("上报备案日期"),
        not_before=record.received_on,
        not_before_label=_("收到日期"),
        not_after=_today(),
    )
    record.reported_to, record.reported_on = to, day
    analysis.close_major_report(record, on=day)
    return _record(
        record, f"litigation.{_event(record)}_reported", actor=actor, after={"reported_to": to, "reported_on": day}
    )


# --- procuratorial suggestions --------------------------------------------------------------------


def _locked_suggestion(suggestion: ProcuratorialSuggestion) -> ProcuratorialSuggestion:
    return (
        ProcuratorialSuggestion.objects.select_for_update(of=("self",))
        .select_related("body", "government", "reply_deadline")
        .get(pk=suggestion.pk)
    )


@transaction.atomic
def register_suggestion(
    *, actor, body, kind, procuratorate, number, subject, content, received_on, urgent=False
) -> ProcuratorialSuggestion:
    """登记检察建议 (or the pre-litigation notice of a public-interest case): the written reply is due
    in two months, or 15 days in an urgent case (两高解释 第二十一条)."""
    body = _target_body(actor, body)
    kind = clean_choice(kind, SuggestionKind, "kind", _("类型"))
    values = {
        "procuratorate": clean_text(procuratorate, "procuratorate", _("人民检察院"), required=True, limit=SHORT),
        "number": clean_text(number, "number", _("检察建议书文号"), required=True, limit=100),
        "subject": clean_text(subject, "subject", _("事由"), required=True, limit=SHORT),
        "content": clean_text(content, "content", _("建议内容"), required=True),
    }
    received = clean_date(received_on, "received_on", _("收到检察建议书日期"), not_after=_today())
    urgent = clean_flag(False if urgent is None else urgent, "urgent", _("紧急情形"))
    suggestion = ProcuratorialSuggestion(
        body=body,
        government=government_of(body),
        kind=kind,
        received_on=received,
        urgent=urgent,
        created_by=actor if actor.is_authenticated else None,
        **values,
    )
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:
        raise Conflict(_("检察建议书%(number)s已经登记。") % {"number": values["number"]}, code="duplicate") from None
    suggestion.reply_deadline = clock.open_deadline(
        subject=suggestion, matter=REPLY_URGENT if urgent else REPLY, start_on=received, body=body, actor=None
    )
    suggestion.save(update_fields=["reply_deadline"])
    audit.record(
        suggestion,
        "litigation.suggestion_registered",
        actor=actor,
        body_id=body.pk,
        after=audit.snapshot(suggestion, ["kind", "procuratorate", "number", "subject", "received_on", "urgent"]),
    )
    return suggestion


@transaction.atomic
def reply(suggestion, *, actor, replied_on, measures_taken, measures_in_progress=None) -> ProcuratorialSuggestion:
    """书面回复 with the measures taken and those still under way; late after the due date."""
    suggestion = _locked_suggestion(suggestion)
    workflow.SUGGESTION_WORKFLOW.require(suggestion, "reply", actor)
    day = clean_date(
        replied_on,
        "replied_on",
        _("书面回复日期"),
        not_before=suggestion.received_on,
        not_before_label=_("收到日期"),
        not_after=_today(),
    )
    taken = clean_text(measures_taken, "measures_taken", _("已采取的措施"), required=True)
    going = clean_text(measures_in_progress, "measures_in_progress", _("正在推进的措施"))
    before, _after = workflow.SUGGESTION_WORKFLOW.apply(suggestion, "reply", actor)
    suggestion.replied_on, suggestion.measures_taken, suggestion.measures_in_progress = day, taken, going
    clock.close_deadline(suggestion.reply_deadline, closed_on=day, actor=None)
    return _record(suggestion, "litigation.suggestion_replied", actor=actor, before=before, after={"replied_on": day})


@transaction.atomic
def follow_up(suggestion, *, actor, followed_on, satisfied, note=None) -> ProcuratorialSuggestion:
    """跟进监督: whether the procuratorate found the measures sufficient."""
    suggestion = _locked_suggestion(suggestion)
    workflow.SUGGESTION_WORKFLOW.require(suggestion, "follow-up", actor)
    day = clean_date(
        followed_on,
        "followed_on",
        _("跟进监督日期"),
        not_before=suggestion.replied_on,
        not_before_label=_("书面回复日期"),
        not_after=_today(),
    )
    satisfied = clean_flag(satisfied, "satisfied", _("检察机关是否认可"))
    note = clean_text(note, "note", _("跟进监督情况"))
    before, _after = workflow.SUGGESTION_WORKFLOW.apply(suggestion, "follow-up", actor)
    suggestion.followed_on, suggestion.satisfied, suggestion.follow_up_note = day, satisfied, note
    return _record(
        suggestion, "litigation.suggestion_followed_up", actor=actor, before=before, after={"satisfied": satisfied}
    )


def _linkable_suit(actor, value, suggestion) -> CourtCase:
    pk = clean_id(value, "case", _("行政公益诉讼案件"))
    case = (
        CourtCase.objects.restrict(actor, "change")
        .select_for_update(of=("self",))
        .filter(pk=pk, body=suggestion.body_id, kind=CaseKind.PUBLIC_INTEREST, suggestion__isnull=True)
        .first()
    )
    if case is None:
        raise _refuse("case", _("请选择本机关已登记、尚未关联诉前检察建议的行政公益诉讼案件。"))
    return case


@transaction.atomic
def sue(
    suggestion,
    *,
    actor,
    followed_on,
    case=None,
    court=None,
    case_number=None,
    complaint_received_on=None,
    note=None,
    cause=None,
) -> CourtCase:
    """行政机关不依法履行职责的，人民检察院依法向人民法院提起诉讼 (两高解释 第二十一条第三款): the
    follow-up ends in a public-interest suit — a court case of that kind registered now, or one
    already registered (`case`) linked to the notice."""
    suggestion = _locked_suggestion(suggestion)
    workflow.SUGGESTION_WORKFLOW.require(suggestion, "sue", actor)
    day = clean_date(
        followed_on,
        "followed_on",
        _("跟进监督日期"),
        not_before=suggestion.received_on,
        not_before_label=_("收到日期"),
        not_after=_today(),
    )
    note = clean_text(note, "note", _("跟进监督情况"))
    before, _after = workflow.SUGGESTION_WORKFLOW.apply(suggestion, "sue", actor)
    if case not in (None, ""):
        suit = _linkable_suit(actor, case, suggestion)
        suit.suggestion = suggestion
        suit.save(update_fields=["suggestion", "updated_at"])
        audit.record(
            suit, "litigation.case_linked", actor=actor, body_id=suit.body_id, after={"suggestion": suggestion.pk}
        )
    else:
        suit = register_case(
            actor=actor,
            body=suggestion.body_id,
            court=court,
            case_number=case_number,
            plaintiff=suggestion.procuratorate,
            cause=cause or suggestion.subject,
            act=_("不依法履行检察建议（%(number)s）所指职责") % {"number": suggestion.number},
            received_on=complaint_received_on,
            kind=CaseKind.PUBLIC_INTEREST,
            suggestion=suggestion,
        )
    suggestion.followed_on, suggestion.satisfied, suggestion.follow_up_note = day, False, note
    _record(suggestion, "litigation.suggestion_sued", actor=actor, before=before, after={"case": suit.pk})
    return suit


# --- one entry for pages and the API --------------------------------------------------------------

CASE_REGISTER_FIELDS = (
    "body",
    "court",
    "case_number",
    "level",
    "kind",
    "plaintiff",
    "cause",
    "act",
    "co_defendants",
    "received_on",
    "first_instance",
)
SUGGESTION_REGISTER_FIELDS = ("body", "kind", "procuratorate", "number", "subject", "content", "received_on", "urgent")


def register_case_from(data, *, actor) -> CourtCase:
    """`register_case` with its fields taken from `data` (a form or a request body)."""
    return register_case(actor=actor, **{name: data.get(name) for name in CASE_REGISTER_FIELDS})


def register_suggestion_from(data, *, actor) -> ProcuratorialSuggestion:
    return register_suggestion(actor=actor, **{name: data.get(name) for name in SUGGESTION_REGISTER_FIELDS})


CASE_FIELDS = {
    "defend": ("defended_on", "defence"),
    "hearing": (
        "held_on",
        "court",
        "head_appeared",
        "head_name",
        "head_title",
        "entrusted_staff",
        "absence_reason",
        "absence_note",
    ),
    "decide": ("decision_type", "outcome", "served_on", "lost", "summary"),
    "appeal": ("appealed_by", "appealed_on"),
    "effective": (),
    "execution": ("requirement", "due_on"),
    "refusal": ("refused_on", "court_measures", "note"),
    "perform": ("performed_on", "performance"),
    "close": (),
    "mark-major": ("reason",),
    "report-major": ("reported_to", "reported_on"),
}
SUGGESTION_FIELDS = {
    "reply": ("replied_on", "measures_taken", "measures_in_progress"),
    "follow-up": ("followed_on", "satisfied", "note"),
    "sue": ("followed_on", "case", "court", "case_number", "complaint_received_on", "cause", "note"),
    "mark-major": ("reason",),
    "report-major": ("reported_to", "reported_on"),
}
_CASE_STEPS = {
    "defend": defend,
    "hearing": record_hearing,
    "decide": decide,
    "appeal": appeal,
    "effective": make_effective,
    "execution": require_execution,
    "refusal": record_refusal,
    "perform": perform,
    "close": close,
    "mark-major": mark_major,
    "report-major": report_major,
}
_SUGGESTION_STEPS = {
    "reply": reply,
    "follow-up": follow_up,
    "sue": sue,
    "mark-major": mark_major,
    "report-major": report_major,
}


def _run(record, name: str, steps: dict, fields: dict, *, actor, data):
    function = steps.get(name)
    if function is None:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    values = {field: data.get(field) for field in fields[name]}
    if name == "refusal" and hasattr(data, "getlist"):
        values["court_measures"] = data.getlist("court_measures")
    return function(record, actor=actor, **values)


def run_case_step(case: CourtCase, name: str, *, actor, data):
    """A court-case step by its name, with the fields it takes from `data` (plain values)."""
    return _run(case, name, _CASE_STEPS, CASE_FIELDS, actor=actor, data=data)


def run_suggestion_step(suggestion: ProcuratorialSuggestion, name: str, *, actor, data):
    return _run(suggestion, name, _SUGGESTION_STEPS, SUGGESTION_FIELDS, actor=actor, data=data)
