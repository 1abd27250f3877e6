"""Every step of a reconsideration case, one function each (行政复议法 arts. 19–79).

Each step locks the case, runs its transition through `workflow.WORKFLOW` (who, when, the gates),
cleans its input, changes the record, moves its deadlines (all from `clock/periods.py`), keeps the
public-facing status of the submission current (`submissions.progress`) and is audited. Steps are
dated the day they are recorded unless the law dates them by an event (the day a letter arrived,
the day a decision was served), which is then given and checked.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.access import member_body_ids, require
from fazhi.core.choices import Role, SubmissionStatus
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_flag, clean_id, clean_text
from fazhi.core.masking import mask_name, mask_text
from fazhi.core.models import Body, PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.core.services.notifications import notify
from fazhi.core.services.people import members
from fazhi.reconsideration import analysis, jurisdiction, workflow
from fazhi.reconsideration.choices import (
    OFFICE_CHANNELS,
    PERIOD_ALLOWED,
    PERIOD_REQUIRED,
    CaseStatus,
    Channel,
    DecisionType,
    LetterStatus,
    Procedure,
    ProceedingKind,
    SimplifiedGround,
    SuspensionReason,
    TerminationReason,
)
from fazhi.reconsideration.models import Case, CaseNumberFormat, Guide, OpinionLetter, Proceeding

KIND = "reconsideration"
FORWARD = "reconsideration-forward"
ACCEPT = "reconsideration-accept"
NOTICE = "reconsideration-complete-notice"
SUBMIT = "reconsideration-complete-submit"
COPY = {Procedure.ORDINARY: "reconsideration-reply-copy", Procedure.SIMPLIFIED: "reconsideration-reply-copy-simplified"}
REPLY = {Procedure.ORDINARY: "reconsideration-reply", Procedure.SIMPLIFIED: "reconsideration-reply-simplified"}
DECIDE = {Procedure.ORDINARY: "reconsideration-decide", Procedure.SIMPLIFIED: "reconsideration-decide-simplified"}
LETTER = "reconsideration-opinion-reply"
HEARING_NOTICE = "reconsideration-hearing-notice"
TEXT_LIMIT = 20000
HANDLERS = (Role.CLERK, Role.LEGAL_REVIEWER, Role.OFFICE)


def _today() -> datetime.date:
    return timezone.localdate()


def _locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related(
            "submission",
            "office",
            "reconsideration_body",
            "respondent",
            "incidental_review",
            "forward_deadline",
            "accept_deadline",
            "notice_deadline",
            "copy_deadline",
            "reply_deadline",
            "decide_deadline",
        )
        .get(pk=case.pk)
    )


def _open(case: Case, matter: str, start: datetime.date, body: Body):
    return clock.open_deadline(subject=case, matter=matter, start_on=start, body=body, actor=None)


def _close(deadline, on: datetime.date | None = None) -> None:
    if deadline is not None and deadline.closed_on is None:
        clock.close_deadline(deadline, closed_on=max(on or _today(), deadline.start_on), actor=None)


def _step(case: Case, name: str, actor) -> tuple[Case, str]:
    """Lock the case and check who and when (not yet the gates, which may read the input)."""
    case = _locked(case)
    try:
        workflow.WORKFLOW.require(case, name, actor, gates=False)
    except NotFound:
        if not Case.objects.restrict(actor).filter(pk=case.pk).exists():
            raise
        # the respondent sees the case but takes only its own steps
        label = workflow.WORKFLOW.transitions[name].label
        raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": label}) from None
    return case, case.status


def _apply(case: Case, name: str, actor) -> None:
    """The gates, and the new status unless the step keeps it."""
    if actor is None:
        transition = workflow.WORKFLOW.transitions[name]
        workflow.WORKFLOW.check_state(case, transition)
        if name not in workflow.KEEP_STATUS:
            case.status = transition.target
        return
    if name in workflow.KEEP_STATUS:
        workflow.WORKFLOW.require(case, name, actor)
    else:
        workflow.WORKFLOW.apply(case, name, actor)


def _save(case: Case, before: str, event: str, *, actor, after: dict, actor_label: str | None = None) -> Case:
    case.save()
    audit.record(
        case,
        f"reconsideration.{event}",
        actor=actor,
        actor_label=actor_label,
        body_id=case.office_id,
        before={"status": before},
        after={"status": case.status, **after},
    )
    return case


def _progress(case: Case, status: str, *, actor, reply: str | None = None) -> None:
    case.submission = submission_services.progress(case.submission, status=status, actor=actor, reply=reply)


def _tell(body_ids, title: str, case: Case, message: str = "") -> None:
    notify(members(body_ids, HANDLERS), title, message=message, link=reverse("reconsideration:detail", args=[case.pk]))


def _days(value, name: str, label: str, *, required: bool = True, limit: int = 365) -> int | None:
    if value is None or value == "":
        if required:
            message = _("请填写%(label)s。") % {"label": label}
            raise InvalidInput(message, errors={name: [message]})
        return None
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or not 1 <= int(text) <= limit:
        message = _("%(label)s应为1至%(limit)d的整数（日）。") % {"label": label, "limit": limit}
        raise InvalidInput(message, errors={name: [message]})
    return int(text)


def identity_visible(user, case: Case) -> bool:
    """Who applied is for the office, the respondent, which receives the application's copy (art.
    48), and the reconsideration body's heads, who approve the decision (art. 61) — not for the
    依法行政办 or supervisors reaching the case through a subtree (decision 25)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or {case.office_id, case.respondent_id} & member_body_ids(user):
        return True
    return case.reconsideration_body_id in _headed_body_ids(user)


def _headed_body_ids(user) -> frozenset[int]:
    """The bodies `user` heads, once per request (kept with the user's other cached scopes)."""
    from fazhi.core.models import Membership

    cache = user.__dict__.setdefault("_fazhi_scope", {})
    if "_reconsideration_heads" not in cache:
        heads = Membership.objects.active().filter(user=user, role=Role.HEAD).values_list("body_id", flat=True)
        cache["_reconsideration_heads"] = frozenset(heads)
    return cache["_reconsideration_heads"]


# --- case numbers -------------------------------------------------------------------------------


def _number(case: Case, on: datetime.date) -> None:
    """案号 in the reconsideration body's format, the next serial of the year, under a lock on the
    body's settings row (or a default prefix from its short name when none is saved)."""
    body = Body.objects.select_for_update().get(pk=case.reconsideration_body_id)
    settings = CaseNumberFormat.objects.filter(body=body).first()
    prefix = settings.case_prefix if settings else f"{body.short_name or body.name}行复"
    pattern = settings.number_format if settings else "{prefix}〔{year}〕{serial}号"
    serial = (
        Case.objects.filter(reconsideration_body=body, year=on.year).aggregate(last=Max("serial"))["last"] or 0
    ) + 1
    case.year, case.serial = on.year, serial
    case.number = pattern.format(prefix=prefix, year=on.year, serial=serial)


def _receive(case: Case, on: datetime.date) -> None:
    """The reconsideration body has the application: its number, the 5 working days to review
    (art. 30) and to ask for completion (art. 31)."""
    case.received_on = on
    _number(case, on)
    case.save()
    case.accept_deadline = _open(case, ACCEPT, on, case.office)
    case.notice_deadline = _open(case, NOTICE, on, case.office)


# --- applications -------------------------------------------------------------------------------


def _case_values(details: dict) -> dict:
    return {
        "request": details.get("request", ""),
        "act_date": _iso(details.get("act_date")),
        "known_on": _iso(details.get("known_on")),
    }


def _iso(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _create(submission: PublicSubmission, found: jurisdiction.Jurisdiction, *, channel: str, status: str) -> Case:
    return Case.objects.create(
        submission=submission,
        reconsideration_body=found.reconsideration_body,
        office=found.office,
        respondent=found.respondent,
        acting_body=found.acting_body,
        channel=channel,
        status=status,
        **_case_values(submission.details),
    )


def router(cleaned) -> Body:
    """The public form's receiving body: the office of the competent reconsideration body."""
    return jurisdiction.resolve(jurisdiction.acting_body(cleaned.get("respondent"))).office


def received(submission: PublicSubmission, _record) -> Case:
    """The case behind a new online application: received today (the platform is the channel the
    reconsideration body designates, art. 22)."""
    found = jurisdiction.resolve(jurisdiction.acting_body(submission.details.get("respondent")))
    case = _create(submission, found, channel=Channel.ONLINE, status=CaseStatus.RECEIVED)
    _receive(case, _today())
    case.save()
    audit.record(
        case,
        "reconsideration.received",
        actor=None,
        actor_label=audit.PUBLIC_LABEL,
        body_id=case.office_id,
        after={"status": case.status, "number": case.number, "respondent": case.respondent_id},
    )
    return case


def _entered_submission(data, actor) -> tuple[PublicSubmission, str, jurisdiction.Jurisdiction]:
    """A submission for an application the office or the respondent records (no rate limit, no
    duplicate check: staff entering the morning's post are no flood); its receipt secret."""
    kind = submission_services.get_kind(KIND)
    cleaned = submission_services.validate(kind, data)
    found = jurisdiction.resolve(jurisdiction.acting_body(cleaned.get("respondent")))
    secret = submission_services._random(submission_services.SECRET_LENGTH)
    columns = ("subject", "content", "submitter_name", "submitter_phone", "submitter_email")
    submission = PublicSubmission.objects.create(
        kind=kind.key,
        body=found.office,
        receipt_code=submission_services._new_receipt_code(kind),
        secret_digest=submission_services.secret_digest(secret),
        client_digest="",
        content_digest="",
        details={name: value for name, value in cleaned.items() if name not in columns},
        **{name: cleaned.get(name, "") or "" for name in columns},
    )
    audit.record(
        submission,
        "core.submission_received",
        actor=actor,
        after=audit.snapshot(submission, ["kind", "body", "receipt_code", "status", "subject"]),
    )
    return submission, submission_services.format_secret(secret), found


@transaction.atomic
def enter(*, actor, channel, received_on, data) -> tuple[Case, str]:
    """An application by letter, in person or by oral record (art. 22), entered by the office with
    the day it arrived; returns the case and the receipt's secret, to give the applicant once."""
    channel = clean_choice(channel, Channel, "channel", _("申请方式"))
    if channel not in OFFICE_CHANNELS:
        message = _("网上申请由申请人在门户提交，转送的申请由作出处罚决定的机关登记；请选择邮寄、当面提交或口头申请。")
        raise InvalidInput(message, errors={"channel": [message]})
    day = clean_date(received_on, "received_on", _("收到申请日期"), not_after=_today())
    submission, secret, found = _entered_submission(data, actor)
    require(actor, "change", found.office, _("登记行政复议申请"))
    case = _create(submission, found, channel=channel, status=CaseStatus.RECEIVED)
    _receive(case, day)
    case.save()
    audit.record(
        case,
        "reconsideration.entered",
        actor=actor,
        body_id=case.office_id,
        after={"status": case.status, "channel": channel, "received_on": day, "number": case.number},
    )
    return case, secret


@transaction.atomic
def lodge(*, actor, lodged_on, data) -> tuple[Case, str]:
    """An application against an on-the-spot or camera-based penalty handed to the body that imposed
    it (art. 32): that body records it and forwards it within 5 working days."""
    day = clean_date(lodged_on, "lodged_on", _("收到申请日期"), not_after=_today())
    submission, secret, found = _entered_submission(data, actor)
    require(actor, "change", found.acting_body, _("登记转送的行政复议申请"))
    case = _create(submission, found, channel=Channel.FORWARDED, status=CaseStatus.FORWARDING)
    case.lodged_on = day
    case.forward_deadline = _open(case, FORWARD, day, found.acting_body)
    case.save()
    audit.record(
        case,
        "reconsideration.lodged",
        actor=actor,
        body_id=case.respondent_id,
        after={"status": case.status, "lodged_on": day},
    )
    return case, secret


@transaction.atomic
def forward(case: Case, *, actor, note=None) -> Case:
    """转送 (art. 32): the reconsideration body receives it today, and its clock starts."""
    case, before = _step(case, "forward", actor)
    note = clean_text(note, "note", _("转送说明"), required=False)
    _apply(case, "forward", actor)
    today = _today()
    _close(case.forward_deadline, today)
    case.forwarded_on = today
    _receive(case, today)
    _save(case, before, "forwarded", actor=actor, after={"forwarded_on": today, "number": case.number, "note": note})
    _tell([case.office_id], _("收到转送的行政复议申请：%(number)s") % {"number": case.number}, case)
    return case


# --- acceptance and completion (arts. 30–31) ---------------------------------------------------


def _open_hearing_clocks(case: Case) -> None:
    case.copy_deadline = _open(case, COPY[case.procedure], case.accepted_on, case.office)
    case.decide_deadline = _open(case, DECIDE[case.procedure], case.accepted_on, case.office)


@transaction.atomic
def accept(case: Case, *, actor, procedure=Procedure.ORDINARY, simplified_ground=None) -> Case:
    """受理 within 5 working days of receipt (art. 30); ordinary or simplified (art. 53)."""
    case, before = _step(case, "accept", actor)
    procedure = clean_choice(procedure or Procedure.ORDINARY, Procedure, "procedure", _("审理程序"))
    ground = ""
    if procedure == Procedure.SIMPLIFIED:
        ground = clean_choice(simplified_ground, SimplifiedGround, "simplified_ground", _("适用简易程序的情形"))
    elif simplified_ground:
        message = _("普通程序无需选择适用简易程序的情形。")
        raise InvalidInput(message, errors={"simplified_ground": [message]})
    _apply(case, "accept", actor)
    today = _today()
    _close(case.accept_deadline, today)
    _close(case.notice_deadline, today)
    case.accepted_on = today
    case.procedure, case.simplified_ground = procedure, ground
    _open_hearing_clocks(case)
    _save(case, before, "accepted", actor=actor, after={"accepted_on": today, "procedure": procedure})
    _progress(case, SubmissionStatus.HANDLING, actor=actor)
    return case


def deem_accepted(case: Case) -> Case | None:
    """视为受理 (art. 30 ¶3): the review period ran out without a refusal; the case counts as
    accepted from the day it ran out, in the ordinary procedure. Run by the daily sweep."""
    with transaction.atomic():
        case = _locked(case)
        deadline = case.accept_deadline
        if case.status != CaseStatus.RECEIVED or deadline is None or deadline.due_on is None:
            return None
        if deadline.closed_on is not None or deadline.due_on >= _today():
            return None
        before = case.status
        _apply(case, "accept", None)
        case.accepted_on = deadline.due_on
        case.deemed_accepted = True
        case.procedure = Procedure.ORDINARY
        _close(deadline, deadline.due_on)
        _close(case.notice_deadline, deadline.due_on)
        _open_hearing_clocks(case)
        _save(
            case,
            before,
            "deemed_accepted",
            actor=None,
            actor_label=_("系统（期限届满）"),
            after={"accepted_on": case.accepted_on},
        )
        _progress(case, SubmissionStatus.HANDLING, actor=None)
    return case


@transaction.atomic
def refuse(case: Case, *, actor, reason, competent_body=None) -> Case:
    """不予受理 with reasons; where the case is not ours, naming the competent body (art. 30 ¶2)."""
    case, before = _step(case, "refuse", actor)
    reason = clean_text(reason, "reason", _("不予受理理由"), required=True)
    competent = clean_text(competent_body, "competent_body", _("有管辖权的行政复议机关"), required=False, limit=200)
    _apply(case, "refuse", actor)
    today = _today()
    for deadline in (case.accept_deadline, case.notice_deadline):
        _close(deadline, today)
    case.refused_on, case.refusal_reason, case.competent_body = today, reason, competent
    _save(case, before, "refused", actor=actor, after={"reason": reason, "competent_body": competent})
    told = reason + (_("请向%(body)s申请行政复议。") % {"body": competent} if competent else "")
    _progress(case, SubmissionStatus.REJECTED, actor=actor, reply=told)
    return case


@transaction.atomic
def ask_completion(case: Case, *, actor, items) -> Case:
    """补正通知 (art. 31): once, naming every item, within 5 working days of receipt; the review
    period stops and the applicant has 10 working days."""
    case, before = _step(case, "ask-completion", actor)
    items = clean_text(items, "items", _("补正事项"), required=True)
    _apply(case, "ask-completion", actor)
    today = _today()
    _close(case.notice_deadline, today)
    clock.pause_deadline(case.accept_deadline, paused_on=today, reason=_("通知补正"), actor=None)
    case.completion_items = items
    case.completion_notified_on = today
    case.completion_until = clock.due_for(SUBMIT, today).due
    _save(case, before, "completion_asked", actor=actor, after={"items": items, "until": case.completion_until})
    return case


@transaction.atomic
def extend_completion(case: Case, *, actor, until, reason) -> Case:
    """A reasonable longer period for a good reason (art. 31 ¶2)."""
    case, before = _step(case, "extend-completion", actor)
    until = clean_date(until, "until", _("补正期限"), not_before=case.completion_until + datetime.timedelta(days=1))
    reason = clean_text(reason, "reason", _("延长补正期限的理由"), required=True)
    _apply(case, "extend-completion", actor)
    former = case.completion_until
    case.completion_until, case.completion_extension_reason = until, reason
    _save(case, before, "completion_extended", actor=actor, after={"from": former, "until": until, "reason": reason})
    return case


def _complete(case: Case, *, actor, text, actor_label=None) -> Case:
    before = case.status
    text = clean_text(text, "text", _("补正材料说明"), limit=10000, required=True)
    if len(text) < 5:
        message = _("补正材料说明过短，请至少写 5 个字。")
        raise InvalidInput(message, errors={"text": [message]})
    _apply(case, "complete", actor)
    today = _today()
    clock.resume_deadline(case.accept_deadline, resumed_on=today, actor=None)
    clock.restart_deadline(case.accept_deadline, restarted_on=today, reason=_("收到补正材料"), actor=None)
    case.accept_deadline.refresh_from_db()
    case.completion_received_on, case.completion_text = today, text
    return _save(case, before, "completed", actor=actor, actor_label=actor_label, after={"received_on": today})


@transaction.atomic
def complete(case: Case, *, actor, text) -> Case:
    """补正材料 arrive: the 5 working days to review start again from that day (art. 31 ¶3)."""
    case, _before = _step(case, "complete", actor)
    return _complete(case, actor=actor, text=text)


@transaction.atomic
def deem_withdrawn(case: Case, *, actor) -> Case:
    """无正当理由逾期不补正，视为放弃 (art. 31 ¶2), recorded. `actor` None is the sweep."""
    if actor is not None:
        case, before = _step(case, "deem-withdrawn", actor)
    else:
        case = _locked(case)
        before = case.status
    _apply(case, "deem-withdrawn", actor)
    today = _today()
    _close(case.accept_deadline, today)
    case.withdrawn_on = today
    _save(
        case,
        before,
        "deemed_withdrawn",
        actor=actor,
        actor_label=_("系统（补正期限届满）") if actor is None else None,
        after={"withdrawn_on": today, "until": case.completion_until},
    )
    _progress(
        case,
        SubmissionStatus.CLOSED,
        actor=actor,
        reply=_("申请人未在%(day)s前提交补正材料，视为放弃行政复议申请（行政复议法第三十一条）。")
        % {"day": day_text(case.completion_until)},
    )
    return case


def public_complete(*, receipt_code, secret, text, client_ip: str) -> Case:
    """The applicant's completion on the portal, by receipt and secret, rate-limited like a submission."""
    kind = submission_services.get_kind(KIND)
    submission_services._check_rate(kind, submission_services.client_digest(client_ip))
    submission = submission_services.find_by_receipt(receipt_code, secret)
    case = Case.objects.filter(submission=submission).first()
    if case is None:
        raise NotFound(_("该回执对应的事项不是行政复议申请。"))
    with transaction.atomic():
        return _complete(_locked(case), actor=None, text=text, actor_label=audit.PUBLIC_LABEL)


# --- hearing the case (arts. 39–55) -------------------------------------------------------------


@transaction.atomic
def send_copy(case: Case, *, actor) -> Case:
    """申请书副本 to the respondent within 7 (simplified 3) working days of acceptance; its written
    reply is due 10 (5) working days after (arts. 48, 54)."""
    case, before = _step(case, "send-copy", actor)
    _apply(case, "send-copy", actor)
    today = _today()
    _close(case.copy_deadline, today)
    case.copy_sent_on = today
    case.reply_deadline = _open(case, REPLY[case.procedure], today, case.respondent)
    _save(case, before, "copy_sent", actor=actor, after={"copy_sent_on": today})
    _tell(
        [case.respondent_id],
        _("行政复议答复通知：%(number)s，请于%(day)s前提交书面答复和证据")
        % {"number": case.number, "day": day_text(case.reply_deadline.due_on)},
        case,
    )
    return case


@transaction.atomic
def reply(case: Case, *, actor, text, evidence) -> Case:
    """The respondent's written reply with its evidence, basis and other materials (arts. 48, 54)."""
    case, before = _step(case, "reply", actor)
    text = clean_text(text, "text", _("书面答复"), required=True)
    evidence = clean_text(evidence, "evidence", _("证据、依据和其他有关材料清单"), required=True)
    _apply(case, "reply", actor)
    today = _today()
    _close(case.reply_deadline, today)
    case.reply_received_on, case.reply_text, case.evidence_list = today, text, evidence
    _save(case, before, "replied", actor=actor, after={"reply_received_on": today})
    _tell([case.office_id], _("被申请人已提交书面答复：%(number)s") % {"number": case.number}, case)
    return case


def _replay(old, new) -> None:
    for pause in old.pauses.all():
        if pause.paused_on >= new.start_on and pause.resumed_on is not None:
            clock.pause_deadline(new, paused_on=pause.paused_on, reason=pause.reason, actor=None)
            clock.resume_deadline(new, resumed_on=pause.resumed_on, actor=None)


@transaction.atomic
def convert(case: Case, *, actor, reason) -> Case:
    """简易程序转为普通程序 with the office head's approval (art. 55): the ordinary 60 days from
    acceptance, the suspensions so far kept."""
    case, before = _step(case, "convert", actor)
    reason = clean_text(reason, "reason", _("转为普通程序的理由"), required=True)
    _apply(case, "convert", actor)
    today = _today()
    old = case.decide_deadline
    _close(old, today)
    case.procedure = Procedure.ORDINARY
    case.converted_on, case.conversion_reason = today, reason
    case.decide_deadline = _open(case, DECIDE[Procedure.ORDINARY], case.accepted_on, case.office)
    _replay(old, case.decide_deadline)
    case.decide_deadline.refresh_from_db()
    _save(case, before, "converted", actor=actor, after={"reason": reason, "due_on": case.decide_deadline.due_on})
    return case


@transaction.atomic
def extend(case: Case, *, actor, days, reason) -> Case:
    """延长审理期限 (art. 62): once, at most 30 days, the office head's approval, written notice."""
    case, before = _step(case, "extend", actor)
    days = _days(days, "days", _("延长天数"), limit=30)
    reason = clean_text(reason, "reason", _("延长理由"), required=True)
    _apply(case, "extend", actor)
    case.decide_deadline = clock.extend_deadline(
        case.decide_deadline, length=days, approved_by=str(actor), approved_on=_today(), reason=reason, actor=None
    )
    _save(
        case,
        before,
        "extended",
        actor=actor,
        after={"days": days, "reason": reason, "due_on": case.decide_deadline.due_on},
    )
    return case


def _suspend(case: Case, reason: str, note: str) -> None:
    today = _today()
    clock.pause_deadline(case.decide_deadline, paused_on=today, reason=SuspensionReason(reason).label, actor=None)
    case.suspended_since, case.suspension_reason, case.suspension_note = today, reason, note


@transaction.atomic
def suspend(case: Case, *, actor, reason, note=None) -> Case:
    """中止 (art. 39): the decide clock stops; the parties are told in writing."""
    case, before = _step(case, "suspend", actor)
    reason = clean_choice(reason, SuspensionReason, "reason", _("中止原因"))
    note = clean_text(note, "note", _("中止说明"), required=False)
    _apply(case, "suspend", actor)
    _suspend(case, reason, note)
    return _save(case, before, "suspended", actor=actor, after={"reason": reason, "note": note})


@transaction.atomic
def resume(case: Case, *, actor) -> Case:
    """恢复审理 (art. 39 ¶2): the clock runs again from today. `actor` None is the sweep, which
    resumes a case suspended for an incidental review from the day the review was concluded."""
    if actor is not None:
        case, before = _step(case, "resume", actor)
    else:
        case = _locked(case)
        before = case.status
    _apply(case, "resume", actor)
    since, on = case.suspended_since, _today()
    if actor is None:
        on = min(max(case.incidental_review.concluded_on or on, since), on)
    clock.resume_deadline(case.decide_deadline, resumed_on=on, actor=None)
    case.decide_deadline.refresh_from_db()
    case.suspended_since = None
    return _save(
        case,
        before,
        "resumed",
        actor=actor,
        actor_label=_("系统（附带审查已处理）") if actor is None else None,
        after={"suspended_from": since, "resumed_on": on, "due_on": case.decide_deadline.due_on},
    )


@transaction.atomic
def request_incidental_review(case: Case, *, actor, document, provisions, grounds=None, origin=None) -> Case:
    """附带审查 (arts. 13, 56–60): the document's drafter is notified through the documents module
    (10 working days to reply); the case is suspended (art. 39(9)) until the review is concluded."""
    from fazhi.documents import filing
    from fazhi.documents.filing_choices import IncidentalOrigin
    from fazhi.documents.models import NormativeDocument

    case, before = _step(case, "incidental-review", actor)
    pk = clean_id(document, "document", _("规范性文件"))
    found = NormativeDocument.objects.filter(pk=pk).first()
    if found is None or not found.is_published:
        message = _("请选择已发布的规范性文件。")
        raise InvalidInput(message, errors={"document": [message]})
    default = (
        IncidentalOrigin.APPLICANT
        if case.submission.details.get("incidental_document")
        else IncidentalOrigin.EX_OFFICIO
    )
    origin = clean_choice(origin or default, IncidentalOrigin, "origin", _("审查来源"))
    _apply(case, "incidental-review", actor)
    review = filing.request_incidental_review(
        found,
        actor=actor,
        office=case.office,
        case_number=case.number,
        origin=origin,
        provisions=provisions,
        grounds=grounds,
        requested_on=_today(),
        notified_on=_today(),
    )
    case.incidental_review = review
    _suspend(case, SuspensionReason.INCIDENTAL_REVIEW, review.provisions)
    return _save(
        case, before, "incidental_review_requested", actor=actor, after={"review": review.pk, "document": found.pk}
    )


@transaction.atomic
def terminate(case: Case, *, actor, reason, note=None, settled=False) -> Case:
    """终止 (art. 41); a withdrawal after settlement (art. 74) is reason (1) with `settled`."""
    case, before = _step(case, "terminate", actor)
    reason = clean_choice(reason, TerminationReason, "reason", _("终止原因"))
    note = clean_text(note, "note", _("终止说明"), required=False)
    settled = clean_flag(settled, "settled", _("和解后撤回"))
    if settled and reason != TerminationReason.WITHDRAWN:
        message = _("和解后由申请人撤回申请的，终止原因应为“申请人撤回申请”。")
        raise InvalidInput(message, errors={"settled": [message]})
    refusal = workflow.terminate_refusal(case, reason)
    if refusal:
        raise Conflict(refusal, code="gate_not_met")
    _apply(case, "terminate", actor)
    today = _today()
    for deadline in (case.copy_deadline, case.reply_deadline, case.decide_deadline):
        _close(deadline, today)
    case.terminated_on, case.termination_reason, case.termination_note, case.settled = today, reason, note, settled
    _save(case, before, "terminated", actor=actor, after={"reason": reason, "note": note, "settled": settled})
    _progress(
        case,
        SubmissionStatus.CLOSED,
        actor=actor,
        reply=_("行政复议终止：%(reason)s") % {"reason": TerminationReason(reason).label},
    )
    return case


@transaction.atomic
def record_proceeding(case: Case, *, actor, kind, held_on, notes, notified_on=None, place=None) -> Proceeding:
    """听取意见 (art. 49), 听证 (arts. 50–51: notice at least 5 working days before), the committee's
    advice (art. 52), kept as notes of the case."""
    case, before = _step(case, "proceeding", actor)
    kind = clean_choice(kind, ProceedingKind, "kind", _("类别"))
    held_on = clean_date(held_on, "held_on", _("日期"), not_before=case.accepted_on)
    notes = clean_text(notes, "notes", _("记录"), required=True)
    place = clean_text(place, "place", _("地点或方式"), required=False, limit=200)
    notified = clean_date(
        notified_on, "notified_on", _("通知日期"), required=kind == ProceedingKind.HEARING, not_after=held_on
    )
    if kind == ProceedingKind.HEARING:
        earliest = clock.due_for(HEARING_NOTICE, notified).due
        if held_on <= earliest:
            message = _("听证应当于举行的五日前书面通知当事人（第五十一条）：%(day)s通知的，最早于%(next)s举行。") % {
                "day": day_text(notified),
                "next": day_text(earliest + datetime.timedelta(days=1)),
            }
            raise InvalidInput(message, errors={"held_on": [message]})
    _apply(case, "proceeding", actor)
    proceeding = Proceeding.objects.create(
        case=case, kind=kind, held_on=held_on, notified_on=notified, place=place, notes=notes, created_by=actor
    )
    _save(case, before, "proceeding_recorded", actor=actor, after={"kind": kind, "held_on": held_on})
    return proceeding


def _performance(case: Case, required_text, days, *, must: bool) -> tuple[str, int | None]:
    text = clean_text(required_text, "performance_required", _("被申请人应当履行的事项"), required=must)
    days = _days(days, "performance_days", _("履行期限"), required=must or bool(text))
    if days and not text:
        message = _("请写明被申请人应当履行的事项。")
        raise InvalidInput(message, errors={"performance_required": [message]})
    return text, days


def _late(case: Case, on: datetime.date) -> bool:
    deadline = case.decide_deadline
    return deadline is not None and deadline.due_on is not None and on > deadline.due_on


@transaction.atomic
def mediate(case: Case, *, actor, text, performance_required=None, performance_days=None) -> Case:
    """调解书 (art. 73): signed by the parties, in force at once; what the respondent must do, if any."""
    case, before = _step(case, "mediate", actor)
    text = clean_text(text, "text", _("行政复议调解书"), required=True)
    required, days = _performance(case, performance_required, performance_days, must=False)
    _apply(case, "mediate", actor)
    today = _today()
    if case.suspended_since is not None:
        clock.resume_deadline(case.decide_deadline, resumed_on=today, actor=None)
        case.suspended_since = None
    case.decided_late = _late(case, today)
    for deadline in (case.copy_deadline, case.reply_deadline, case.decide_deadline):
        _close(deadline, today)
    case.mediation_text, case.mediated_on, case.served_on = text, today, today
    case.performance_required = required
    case.performance_due_on = today + datetime.timedelta(days=days) if days else None
    _save(case, before, "mediated", actor=actor, after={"performance_due_on": case.performance_due_on})
    _progress(case, SubmissionStatus.ANSWERED, actor=actor, reply=_("经调解达成协议，已制作行政复议调解书。"))
    return case


@transaction.atomic
def decide(
    case: Case, *, actor, decision_type, reasons, text, performance_required=None, performance_days=None
) -> Case:
    """行政复议决定 (arts. 63–69; 驳回申请, art. 33) with its reasons and the decision document;
    decided after the deadline is flagged. It takes effect on service (art. 75)."""
    case, before = _step(case, "decide", actor)
    decision_type = clean_choice(decision_type, DecisionType, "decision_type", _("复议决定"))
    reasons = clean_text(reasons, "reasons", _("决定理由"), required=True)
    text = clean_text(text, "text", _("行政复议决定书"), required=True)
    if decision_type in PERIOD_ALLOWED:
        required, days = _performance(
            case, performance_required, performance_days, must=decision_type in PERIOD_REQUIRED
        )
    elif performance_required or performance_days:
        message = _("“%(type)s”决定不要求被申请人履行。") % {"type": DecisionType(decision_type).label}
        raise InvalidInput(message, errors={"performance_required": [message]})
    else:
        required, days = "", None
    _apply(case, "decide", actor)
    today = _today()
    case.decided_late = _late(case, today)
    for deadline in (case.copy_deadline, case.reply_deadline, case.decide_deadline):
        _close(deadline, today)
    case.decision_type, case.decision_reasons, case.decision_text, case.decided_on = decision_type, reasons, text, today
    case.performance_required = required
    case.performance_days = days
    _save(
        case,
        before,
        "decided",
        actor=actor,
        after={"decision_type": decision_type, "reasons": reasons, "late": case.decided_late},
    )
    _progress(
        case,
        SubmissionStatus.ANSWERED,
        actor=actor,
        reply=_("行政复议决定：%(type)s") % {"type": DecisionType(decision_type).label},
    )
    return case


@transaction.atomic
def serve(case: Case, *, actor, served_on=None) -> Case:
    """送达 (art. 75): the decision is in force; a period to act runs from then."""
    case, before = _step(case, "serve", actor)
    served = clean_date(
        served_on or _today(), "served_on", _("送达日期"), not_before=case.decided_on, not_after=_today()
    )
    _apply(case, "serve", actor)
    case.served_on = served
    if case.performance_days:
        case.performance_due_on = served + datetime.timedelta(days=case.performance_days)
    _save(
        case, before, "served", actor=actor, after={"served_on": served, "performance_due_on": case.performance_due_on}
    )
    if case.performance_required:
        _tell(
            [case.respondent_id],
            _("行政复议决定已生效：%(number)s，请于%(day)s前履行并报告")
            % {"number": case.number, "day": day_text(case.performance_due_on)},
            case,
        )
    return case


def masked_decision(case: Case, text: str) -> str:
    """The decision as published: the applicant's name masked wherever it stands, ID and phone
    numbers and e-mail addresses masked (art. 79; DESIGN §5)."""
    name = case.submission.submitter_name.strip()
    if name:
        text = text.replace(name, mask_name(name))
    return mask_text(text)


@transaction.atomic
def publish(case: Case, *, actor, text=None) -> Case:
    """公开 (art. 79) on the portal with personal data removed; the office may give its own redacted
    text, which is masked again."""
    case, before = _step(case, "publish", actor)
    text = clean_text(text, "text", _("公开文本"), required=False) or case.decision_text
    _apply(case, "publish", actor)
    case.published_on = _today()
    case.published_text = masked_decision(case, text)
    return _save(case, before, "published", actor=actor, after={"published_on": case.published_on})


@transaction.atomic
def issue_letter(case: Case, *, actor, recipient, text) -> OpinionLetter:
    """行政复议意见书 (art. 76) to the respondent or another lower body, which reports its
    corrections within 60 days."""
    case, before = _step(case, "letter", actor)
    pk = clean_id(recipient, "recipient", _("收文机关"))
    body = Body.objects.current().filter(pk=pk).first()
    root = case.reconsideration_body
    if body is None or body.pk == root.pk or not body.tree_path.startswith(root.tree_path):
        message = _("意见书应制发给被申请人或者%(body)s的下级行政机关。") % {"body": root.name}
        raise InvalidInput(message, errors={"recipient": [message]})
    text = clean_text(text, "text", _("意见书内容"), required=True)
    _apply(case, "letter", actor)
    letter = OpinionLetter.objects.create(case=case, recipient=body, text=text, issued_on=_today())
    letter.deadline = clock.open_deadline(
        subject=letter, matter=LETTER, start_on=letter.issued_on, body=body, actor=None
    )
    letter.save(update_fields=["deadline"])
    audit.record(
        letter, "reconsideration.letter_issued", actor=actor, body_id=case.office_id, after={"recipient": body.pk}
    )
    _save(case, before, "letter_issued", actor=actor, after={"letter": letter.pk})
    notify(
        members([body.pk], HANDLERS),
        _("行政复议意见书：%(number)s，请于%(day)s前报送纠正情况")
        % {"number": case.number, "day": day_text(letter.deadline.due_on)},
        link=reverse("reconsideration:letter", args=[letter.pk]),
    )
    return letter


@transaction.atomic
def report_correction(letter: OpinionLetter, *, actor, correction) -> OpinionLetter:
    """The recipient reports what it corrected (art. 76), on its own page."""
    letter = (
        OpinionLetter.objects.select_for_update(of=("self",))
        .select_related("recipient", "deadline", "case")
        .get(pk=letter.pk)
    )
    require(actor, "change", letter.recipient, _("报送纠正情况"))
    if letter.status != LetterStatus.ISSUED:
        raise Conflict(
            _("已于%(day)s报送纠正情况。") % {"day": day_text(letter.reported_on)}, code="invalid_transition"
        )
    letter.correction = clean_text(correction, "correction", _("纠正情况"), required=True)
    letter.reported_on = _today()
    letter.status = LetterStatus.REPORTED
    letter.save()
    _close(letter.deadline, letter.reported_on)
    audit.record(
        letter,
        "reconsideration.correction_reported",
        actor=actor,
        body_id=letter.recipient_id,
        before={"status": LetterStatus.ISSUED},
        after={"status": letter.status, "correction": letter.correction},
    )
    return letter


@transaction.atomic
def report_performance(case: Case, *, actor, performed_on, text) -> Case:
    """The respondent reports how it carried out the decision or mediation (seed art. 30 ¶2; art. 77)."""
    case, before = _step(case, "report-performance", actor)
    performed = clean_date(
        performed_on, "performed_on", _("履行日期"), not_before=case.decided_on or case.mediated_on, not_after=_today()
    )
    text = clean_text(text, "text", _("履行情况"), required=True)
    _apply(case, "report-performance", actor)
    case.performance_reported_on, case.performed_on, case.performance_text = _today(), performed, text
    _save(case, before, "performance_reported", actor=actor, after={"performed_on": performed, "text": text})
    _tell([case.office_id], _("被申请人已报告履行情况：%(number)s") % {"number": case.number}, case)
    return case


@transaction.atomic
def order_performance(case: Case, *, actor, text, days) -> Case:
    """责令限期履行 (art. 77 ¶2): a new period for a respondent that has not performed."""
    case, before = _step(case, "order-performance", actor)
    text = clean_text(text, "text", _("责令履行的内容"), required=True)
    days = _days(days, "days", _("履行期限"))
    _apply(case, "order-performance", actor)
    today = _today()
    case.performance_order, case.performance_ordered_on = text, today
    case.performance_due_on = today + datetime.timedelta(days=days)
    _save(case, before, "performance_ordered", actor=actor, after={"text": text, "due_on": case.performance_due_on})
    _tell([case.respondent_id], _("责令限期履行：%(number)s") % {"number": case.number}, case, text)
    return case


@transaction.atomic
def mark_major(case: Case, *, actor, reason) -> Case:
    """重大、复杂或社会影响较大的案件 (seed art. 32), with the reason."""
    case, before = _step(case, "mark-major", actor)
    reason = clean_text(reason, "reason", _("列为重大案件的理由"), required=True)
    _apply(case, "mark-major", actor)
    case.major, case.major_reason = True, reason
    analysis.open_major_report(case, body=case.office, on=_today())
    return _save(case, before, "marked_major", actor=actor, after={"reason": reason})


@transaction.atomic
def report_major(case: Case, *, actor, reported_to, reported_on=None) -> Case:
    """上报备案 of a major case (seed art. 32): to whom and when."""
    case, before = _step(case, "report-major", actor)
    to = clean_text(reported_to, "reported_to", _("上报备案机关"), limit=200, required=True)
    on = clean_date(reported_on or _today(), "reported_on", _("上报备案日期"), not_after=_today())
    _apply(case, "report-major", actor)
    case.reported_to, case.reported_on = to, on
    analysis.close_major_report(case, on=on)
    return _save(case, before, "major_reported", actor=actor, after={"reported_to": to, "reported_on": on})


# --- the guide (seed art. 31) ------------------------------------------------------------------

GUIDE_FIELDS = ("scope", "conditions", "procedure", "where", "address", "phone")


def default_guide(body: Body) -> dict:
    """A first draft of the guide from 行政复议法 (2023), for the office to adapt: where it sits and
    its telephone are left for it to fill in."""
    return {
        "scope": _(
            "公民、法人或者其他组织认为%(body)s管辖的行政机关的行政行为侵犯其合法权益的，可以申请行政复议，"
            "包括：对行政处罚决定不服；对行政强制措施、行政强制执行决定不服；申请行政许可被拒绝或者在法定期限内"
            "不予答复；对确认自然资源所有权或者使用权的决定不服；对征收征用决定及其补偿决定不服；对赔偿决定或者"
            "不予赔偿决定不服；对工伤认定不服；认为侵犯经营自主权或者农村土地承包经营权；认为滥用行政权力排除、"
            "限制竞争；认为违法集资、摊派费用或者违法要求履行其他义务；认为不履行法定职责；认为未依法给付社会保障；"
            "行政协议争议；政府信息公开；其他侵犯合法权益的行政行为（行政复议法第十一条）。\n"
            "国家行为、行政法规和规章及具有普遍约束力的规范性文件、对工作人员的奖惩任免、对民事纠纷的调解"
            "不属于行政复议范围（第十二条）；对规范性文件可在申请时一并提出附带审查（第十三条）。"
        )
        % {"body": body.name},
        "conditions": _(
            "有明确的申请人和符合规定的被申请人；申请人与行政行为有利害关系；有具体的行政复议请求和理由；"
            "自知道或者应当知道该行政行为之日起60日内提出；属于行政复议范围；属于本机关管辖；"
            "未就同一行政行为申请过行政复议或者提起过行政诉讼（行政复议法第三十条、第二十条）。"
        ),
        "procedure": _(
            "收到申请之日起5个工作日内审查，决定受理或者不予受理；材料不齐全的，5个工作日内一次性书面通知补正，"
            "申请人应当自收到通知之日起10个工作日内补正（第三十条、第三十一条）。审查期限届满未作出不予受理决定的，"
            "视为受理。受理后7个工作日内（简易程序3个工作日）将申请书副本发送被申请人，被申请人10个工作日内"
            "（简易程序5个工作日）提出书面答复（第四十八条、第五十四条）。普通程序自受理之日起60日内作出决定，"
            "情况复杂的经批准可延长不超过30日；简易程序30日内作出决定（第六十二条）。行政复议不收取任何费用"
            "（第八十七条）。"
        ),
        "where": _(
            "可以通过本平台网上申请，也可以邮寄或者当面提交行政复议申请书；书面申请有困难的，可以口头申请，"
            "由行政复议机构当场记录（第二十二条）。对当场作出或者依据电子技术监控设备记录的违法事实作出的"
            "行政处罚决定不服的，也可以通过作出处罚决定的机关提交申请（第三十二条）。"
        ),
        "address": "",
        "phone": "",
    }


@transaction.atomic
def publish_guide(*, actor, body, data) -> Guide:
    """A new version of the body's 行政复议指南, published today; the earlier versions are kept."""
    body = Body.objects.select_for_update().filter(pk=clean_id(body, "body", _("行政复议机关"))).first()
    if body is None:
        raise NotFound(_("未找到该行政复议机关。"))
    require(actor, "change", body, _("发布行政复议指南"))
    values = {}
    errors = {}
    for name in GUIDE_FIELDS:
        limit = 200 if name in ("address", "phone") else TEXT_LIMIT
        label = str(Guide._meta.get_field(name).verbose_name)
        try:
            values[name] = clean_text(
                data.get(name), name, label, limit=60 if name == "phone" else limit, required=True
            )
        except InvalidInput as exc:
            errors.update(exc.errors)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    version = (Guide.objects.filter(body=body).aggregate(last=Max("version"))["last"] or 0) + 1
    guide = Guide.objects.create(body=body, version=version, published_on=_today(), created_by=actor, **values)
    audit.record(guide, "reconsideration.guide_published", actor=actor, body_id=body.pk, after=audit.snapshot(guide))
    return guide


# --- the daily sweep ---------------------------------------------------------------------------


def sweep(today: datetime.date) -> int:
    """视为受理 once the review period has run out (art. 30 ¶3), 视为放弃 once the completion
    period has (art. 31 ¶2), and 恢复审理 once an incidental review is concluded (art. 39 ¶2); each
    case claimed under its row lock, so two sweeps do it once."""
    from fazhi.documents.filing_choices import IncidentalStatus

    done = 0
    for case in Case.objects.filter(
        status=CaseStatus.RECEIVED, accept_deadline__closed_on__isnull=True, accept_deadline__due_on__lt=today
    ).order_by("pk"):
        done += deem_accepted(case) is not None
    for case in Case.objects.filter(status=CaseStatus.COMPLETION, completion_until__lt=today).order_by("pk"):
        try:
            deem_withdrawn(case, actor=None)
        except Conflict:  # another sweep took it
            continue
        done += 1
    for case in Case.objects.filter(
        status=CaseStatus.SUSPENDED,
        suspension_reason=SuspensionReason.INCIDENTAL_REVIEW,
        incidental_review__status=IncidentalStatus.CONCLUDED,
    ).order_by("pk"):
        try:
            resume(case, actor=None)
        except Conflict:  # resumed meanwhile
            continue
        done += 1
    return done


# --- one entry for pages and the API ------------------------------------------------------------


def run_step(case: Case, name: str, *, actor, data):
    """The step by its name, with the fields it takes from `data` (a mapping of plain values)."""
    get = data.get
    steps = {
        "forward": lambda: forward(case, actor=actor, note=get("note")),
        "accept": lambda: accept(
            case, actor=actor, procedure=get("procedure"), simplified_ground=get("simplified_ground")
        ),
        "refuse": lambda: refuse(case, actor=actor, reason=get("reason"), competent_body=get("competent_body")),
        "ask-completion": lambda: ask_completion(case, actor=actor, items=get("items")),
        "extend-completion": lambda: extend_completion(case, actor=actor, until=get("until"), reason=get("reason")),
        "complete": lambda: complete(case, actor=actor, text=get("text")),
        "deem-withdrawn": lambda: deem_withdrawn(case, actor=actor),
        "send-copy": lambda: send_copy(case, actor=actor),
        "reply": lambda: reply(case, actor=actor, text=get("text"), evidence=get("evidence")),
        "convert": lambda: convert(case, actor=actor, reason=get("reason")),
        "extend": lambda: extend(case, actor=actor, days=get("days"), reason=get("reason")),
        "suspend": lambda: suspend(case, actor=actor, reason=get("reason"), note=get("note")),
        "resume": lambda: resume(case, actor=actor),
        "incidental-review": lambda: request_incidental_review(
            case,
            actor=actor,
            document=get("document"),
            provisions=get("provisions"),
            grounds=get("grounds"),
            origin=get("origin"),
        ),
        "terminate": lambda: terminate(
            case, actor=actor, reason=get("reason"), note=get("note"), settled=get("settled", False)
        ),
        "proceeding": lambda: record_proceeding(
            case,
            actor=actor,
            kind=get("kind"),
            held_on=get("held_on"),
            notes=get("notes"),
            notified_on=get("notified_on"),
            place=get("place"),
        ),
        "mediate": lambda: mediate(
            case,
            actor=actor,
            text=get("text"),
            performance_required=get("performance_required"),
            performance_days=get("performance_days"),
        ),
        "decide": lambda: decide(
            case,
            actor=actor,
            decision_type=get("decision_type"),
            reasons=get("reasons"),
            text=get("text"),
            performance_required=get("performance_required"),
            performance_days=get("performance_days"),
        ),
        "serve": lambda: serve(case, actor=actor, served_on=get("served_on")),
        "publish": lambda: publish(case, actor=actor, text=get("text")),
        "letter": lambda: issue_letter(case, actor=actor, recipient=get("recipient"), text=get("text")),
        "report-performance": lambda: report_performance(
            case, actor=actor, performed_on=get("performed_on"), text=get("text")
        ),
        "order-performance": lambda: order_performance(case, actor=actor, text=get("text"), days=get("days")),
        "mark-major": lambda: mark_major(case, actor=actor, reason=get("reason")),
        "report-major": lambda: report_major(
            case, actor=actor, reported_to=get("reported_to"), reported_on=get("reported_on")
        ),
    }
    if name not in steps:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    return steps[name]()
