"""Every step of a petition, one function each (信访工作条例 arts. 22–36).

Each step locks the petition, runs its transition through `workflow.WORKFLOW` (who, when, the
gates), changes the record, moves its deadlines, tells the petitioner (a `Notice` on the status
page) and keeps the public-facing status of the submission current (`submissions.progress`);
each is audited. Steps are dated the day they are recorded.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.choices import SubmissionStatus
from fazhi.core.dates import day_text
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_id, clean_text
from fazhi.core.models import Body, PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.petitions import workflow
from fazhi.petitions.choices import (
    OUTCOMES_BY_CATEGORY,
    Category,
    Channel,
    ForwardMode,
    Outcome,
    ReviewOutcome,
)
from fazhi.petitions.models import Notice, Petition

REGISTER = "petition-register"
OBJECT = "petition-object"
HANDLE = "petition-handle"
REVIEW_REQUEST = "petition-review"
REVIEW_ANSWER = "petition-review"
RECHECK_REQUEST = "petition-review"
RECHECK_ANSWER = "petition-review"
TEXT_LIMIT = 10000
KIND = "petition"


def _today():
    return timezone.localdate()


def _locked(petition: Petition) -> Petition:
    return (
        Petition.objects.select_for_update(of=("self",))
        .select_related(
            "body",
            "body__parent",
            "submission",
            "forwarded_from",
            "review_body",
            "review_body__parent",
            "recheck_body",
            "register_deadline",
            "handle_deadline",
            "review_deadline",
            "recheck_deadline",
        )
        .get(pk=petition.pk)
    )


def _close(deadline) -> None:
    if deadline is not None and deadline.closed_on is None:
        clock.close_deadline(deadline, closed_on=max(_today(), deadline.start_on), actor=None)


def _open(petition: Petition, matter: str, body: Body):
    return clock.open_deadline(subject=petition, matter=matter, start_on=_today(), body=body, actor=None)


def _notice(petition: Petition, step: str, text: str, *, actor, body: Body | None = None) -> Notice:
    return Notice.objects.create(
        petition=petition,
        body=body or petition.body,
        step=step,
        text=text,
        given_on=_today(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _save(petition: Petition, before: str, event: str, *, actor, after: dict, actor_label: str | None = None):
    petition.save()
    audit.record(
        petition,
        event,
        actor=actor,
        actor_label=actor_label,
        body_id=petition.body_id,
        before={"status": before},
        after={"status": petition.status, **after},
    )
    return petition


def _extra(notice) -> str:
    return clean_text(notice, "notice", _("告知信访人的内容"), limit=TEXT_LIMIT)


# --- receipt (the submission hook) ------------------------------------------------------------


def received(submission: PublicSubmission, _record) -> Petition:
    """The petition behind a new `petition` submission, with its 15 days to register (arts. 22–23)."""
    category = submission.details.get("category")
    if category not in Category.values:  # the form has checked it; never stored otherwise
        raise InvalidInput(_("请选择信访事项类别。"), errors={"category": [_("请选择信访事项类别。")]})
    today = _today()
    petition = Petition.objects.create(
        submission=submission,
        body=submission.body,
        received_by=submission.body,
        category=category,
        received_on=today,
        arrived_on=today,
    )
    petition.register_deadline = _open(petition, REGISTER, submission.body)
    petition.save(update_fields=["register_deadline"])
    audit.record(
        petition,
        "petitions.received",
        actor=None,
        actor_label=audit.PUBLIC_LABEL,
        after={"status": petition.status, "body": petition.body_id, "category": category},
    )
    return petition


# --- registration -------------------------------------------------------------------------------


@transaction.atomic
def accept(petition: Petition, *, actor, notice=None) -> Petition:
    """登记受理: the body is competent; the 60 days to handle the matter start (art. 34)."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "accept", actor, gates=False)
    extra = _extra(notice)
    before, _after = workflow.WORKFLOW.apply(petition, "accept", actor)
    _close(petition.register_deadline)
    today = _today()
    petition.registered_on = petition.accepted_on = today
    petition.handle_deadline = _open(petition, HANDLE, petition.body)
    text = _(
        "%(body)s已于%(day)s登记受理您的信访事项，将在%(due)s前办结并出具处理意见书（信访工作条例第三十四条）。"
    ) % {
        "body": petition.body.name,
        "day": day_text(today),
        "due": day_text(petition.handle_deadline.due_on),
    }
    _notice(petition, _("登记受理"), f"{text}{extra}", actor=actor)
    _save(petition, before, "petitions.accepted", actor=actor, after={"accepted_on": today})
    petition.submission = submission_services.progress(
        petition.submission, status=SubmissionStatus.HANDLING, actor=actor
    )
    return petition


def _target_body(value, current: Body) -> Body:
    pk = clean_id(value, "to_body", _("接收单位"))
    body = Body.objects.current().filter(pk=pk).first()
    if body is None:
        message = _("接收单位不存在或已撤销。")
        raise InvalidInput(message, errors={"to_body": [message]})
    if body.pk == current.pk:
        message = _("不能转送、交办给本单位。")
        raise InvalidInput(message, errors={"to_body": [message]})
    return body


@transaction.atomic
def forward(petition: Petition, *, actor, to_body, mode=ForwardMode.FORWARD, notice=None) -> Petition:
    """转送、交办 to the competent body (arts. 22–23): the submission, and the petitioner's identity
    with it, moves there; it has 15 days from receipt to register and 5 working days to object."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "forward", actor, gates=False)
    target = _target_body(to_body, petition.body)
    mode = clean_choice(mode or ForwardMode.FORWARD, ForwardMode, "mode", _("转送方式"))
    extra = _extra(notice)
    before, _after = workflow.WORKFLOW.apply(petition, "forward", actor)
    _close(petition.register_deadline)
    today = _today()
    former = petition.body
    petition.registered_on = petition.registered_on or today
    petition.forwarded_from = former
    petition.forward_mode = mode
    petition.body = target
    petition.arrived_on = today
    petition.object_until = clock.due_for(OBJECT, today).due
    petition.register_deadline = _open(petition, REGISTER, target)
    text = _("%(former)s已于%(day)s将您的信访事项%(mode)s至%(target)s办理（信访工作条例第二十二条、第二十三条）。") % {
        "former": former.name,
        "day": day_text(today),
        "mode": ForwardMode(mode).label,
        "target": target.name,
    }
    _notice(petition, str(ForwardMode(mode).label), f"{text}{extra}", actor=actor, body=former)
    _save(
        petition,
        before,
        "petitions.forwarded",
        actor=actor,
        after={"from": former.pk, "to": target.pk, "mode": mode, "object_until": petition.object_until},
    )
    petition.submission = submission_services.reassign(
        petition.submission,
        to_body=target,
        actor=actor,
        reason=_("信访事项%(mode)s") % {"mode": ForwardMode(mode).label},
    )
    return petition


@transaction.atomic
def object_to(petition: Petition, *, actor, reason) -> Petition:
    """异议 (art. 23): not competent, within 5 working days, with reasons; back to the forwarding body,
    which then has 15 days again to register it."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "object", actor, gates=False)
    reason = clean_text(reason, "reason", _("异议理由"), required=True, limit=TEXT_LIMIT)
    before, _after = workflow.WORKFLOW.apply(petition, "object", actor)
    _close(petition.register_deadline)
    objecting, back_to = petition.body, petition.forwarded_from
    petition.body = back_to
    petition.forwarded_from = None
    petition.forward_mode = ""
    petition.object_until = None
    petition.arrived_on = _today()
    petition.register_deadline = _open(petition, REGISTER, back_to)
    _save(
        petition,
        before,
        "petitions.objected",
        actor=actor,
        after={"from": objecting.pk, "to": back_to.pk, "reason": reason},
    )
    petition.submission = submission_services.reassign(
        petition.submission, to_body=back_to, actor=actor, reason=_("异议：%(reason)s") % {"reason": reason}
    )
    return petition


@transaction.atomic
def refer(petition: Petition, *, actor, channel, notice) -> Petition:
    """导入法定途径 (art. 31 (1)–(4); seed art. 33): the petitioner is told to use the channel named;
    the matter leaves the petition clock."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "refer", actor, gates=False)
    channel = clean_choice(channel, Channel, "channel", _("法定途径"))
    text = clean_text(notice, "notice", _("告知信访人的内容"), required=True, limit=TEXT_LIMIT)
    before, _after = workflow.WORKFLOW.apply(petition, "refer", actor)
    _close(petition.register_deadline)
    _close(petition.handle_deadline)
    today = _today()
    petition.registered_on = petition.registered_on or today
    petition.channel = channel
    petition.referred_on = today
    petition.object_until = None
    lead = _("您反映的事项应当通过%(channel)s解决，请依照法定程序向有关机关提出（信访工作条例第三十一条）。") % {
        "channel": Channel(channel).label
    }
    _notice(petition, _("导入法定途径"), f"{lead}{text}", actor=actor)
    _save(petition, before, "petitions.referred", actor=actor, after={"channel": channel, "notice": text})
    petition.submission = submission_services.progress(
        petition.submission, status=SubmissionStatus.CLOSED, actor=actor, reply=f"{lead}{text}"
    )
    return petition


@transaction.atomic
def inform(petition: Petition, *, actor, competent_organ, notice=None) -> Petition:
    """告知向有权处理的机关提出 (art. 23 (1); seed art. 33): not within this body's or system's powers."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "inform", actor, gates=False)
    organ = clean_text(competent_organ, "competent_organ", _("有权处理的机关"), required=True, limit=200)
    extra = _extra(notice)
    before, _after = workflow.WORKFLOW.apply(petition, "inform", actor)
    _close(petition.register_deadline)
    petition.registered_on = petition.registered_on or _today()
    petition.competent_organ = organ
    petition.object_until = None
    text = _("您反映的事项不属于%(body)s职权范围，请向有权处理的%(organ)s提出（信访工作条例第二十三条）。") % {
        "body": petition.body.name,
        "organ": organ,
    }
    _notice(petition, _("告知向有权机关提出"), f"{text}{extra}", actor=actor)
    _save(petition, before, "petitions.informed", actor=actor, after={"competent_organ": organ})
    petition.submission = submission_services.progress(
        petition.submission, status=SubmissionStatus.CLOSED, actor=actor, reply=f"{text}{extra}"
    )
    return petition


# --- handling -----------------------------------------------------------------------------------


def _days(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        message = _("延长天数应为1至30的整数。")
        raise InvalidInput(message, errors={"days": [message]})
    days = int(str(value).strip())
    if not 1 <= days <= 30:
        message = _("延长天数应为1至30日（信访工作条例第三十四条）。")
        raise InvalidInput(message, errors={"days": [message]})
    return days


@transaction.atomic
def extend(petition: Petition, *, actor, days, reason) -> Petition:
    """延长办理期限 (art. 34): once, by up to 30 days, approved by the head, the reason told."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "extend", actor)
    days = _days(days)
    reason = clean_text(reason, "reason", _("延期理由"), required=True, limit=TEXT_LIMIT)
    before, _after = workflow.WORKFLOW.apply(petition, "extend", actor)
    deadline = clock.extend_deadline(
        petition.handle_deadline,
        length=days,
        approved_by=str(actor),
        approved_on=_today(),
        reason=reason,
        actor=None,
    )
    petition.handle_deadline = deadline
    text = _("经%(body)s负责人批准，办理期限延长%(days)d日至%(due)s。延期理由：%(reason)s") % {
        "body": petition.body.name,
        "days": days,
        "due": day_text(deadline.due_on),
        "reason": reason,
    }
    _notice(petition, _("延长办理期限"), text, actor=actor)
    _save(petition, before, "petitions.extended", actor=actor, after={"days": days, "reason": reason})
    return petition


def _outcome(value, category: str) -> str:
    allowed = OUTCOMES_BY_CATEGORY[category]
    if not isinstance(value, str) or value not in allowed:
        message = _("%(category)s类事项的处理意见应为：%(choices)s。") % {
            "category": Category(category).label,
            "choices": "、".join(f"{o.value}（{o.label}）" for o in allowed),
        }
        raise InvalidInput(message, errors={"outcome": [message]})
    return value


@transaction.atomic
def answer(petition: Petition, *, actor, outcome, opinion) -> Petition:
    """出具处理意见书 (arts. 29–32): the outcome the regulation allows for the category, with the
    facts, reasons and legal basis; the petitioner may ask for review within 30 days."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "answer", actor, gates=False)
    outcome = _outcome(outcome, petition.category)
    opinion = clean_text(opinion, "opinion", _("处理意见书"), required=True, limit=TEXT_LIMIT)
    before, _after = workflow.WORKFLOW.apply(petition, "answer", actor)
    _close(petition.handle_deadline)
    today = _today()
    petition.outcome = outcome
    petition.opinion = opinion
    petition.answered_on = today
    petition.review_until = clock.due_for(REVIEW_REQUEST, today).due
    _save(petition, before, "petitions.answered", actor=actor, after={"outcome": outcome, "opinion": opinion})
    petition.submission = submission_services.progress(
        petition.submission, status=SubmissionStatus.ANSWERED, actor=actor, reply=f"{Outcome(outcome).label}。{opinion}"
    )
    return petition


# --- review and re-check ------------------------------------------------------------------------


def _reasons(value, name: str) -> str:
    text = clean_text(value, name, _("请求理由"), required=True, limit=5000)
    if len(text) < 5:
        message = _("请求理由过短，请至少写 5 个字。")
        raise InvalidInput(message, errors={name: [message]})
    return text


def _check(petition: Petition, name: str, actor) -> None:
    if actor is None:
        workflow.public_refusal(petition, name)
    else:
        workflow.WORKFLOW.require(petition, name, actor)


def _ask_upper(petition: Petition, stage: str, *, actor, reasons) -> Petition:
    """复查 or 复核 asked of the next level up (`stage` is "review" or "recheck"), which then has its
    30 days to answer. `actor` None is the petitioner on the portal."""
    step = f"request-{stage}"
    petition = _locked(petition)
    if actor is not None:
        workflow.WORKFLOW.require(petition, step, actor, gates=False)
    reasons = _reasons(reasons, "reasons")
    _check(petition, step, actor)
    upper = petition.upper_body
    before = petition.status
    petition.status = workflow.WORKFLOW.transitions[step].target  # the transition `_check` allowed
    setattr(petition, f"{stage}_body", upper)
    setattr(petition, f"{stage}_requested_on", _today())
    setattr(petition, f"{stage}_reasons", reasons)
    setattr(
        petition, f"{stage}_deadline", _open(petition, REVIEW_ANSWER if stage == "review" else RECHECK_ANSWER, upper)
    )
    _save(
        petition,
        before,
        f"petitions.{stage}_requested",
        actor=actor,
        actor_label=audit.PUBLIC_LABEL if actor is None else None,
        after={f"{stage}_body": upper.pk, "reasons": reasons},
    )
    petition.submission = submission_services.progress(
        petition.submission, status=SubmissionStatus.HANDLING, actor=actor
    )
    return petition


@transaction.atomic
def request_review(petition: Petition, *, actor, reasons) -> Petition:
    """请求复查 (art. 35): within 30 days of the opinion, to the next level up, which answers within
    30 days. `actor` None is the petitioner on the portal."""
    return _ask_upper(petition, "review", actor=actor, reasons=reasons)


def _review_outcome(value) -> str:
    return clean_choice(value, ReviewOutcome, "outcome", _("复查（复核）意见"))


@transaction.atomic
def review(petition: Petition, *, actor, outcome, opinion) -> Petition:
    """复查意见 (art. 35), in writing; the petitioner may ask for re-check within 30 days."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "review", actor, gates=False)
    outcome = _review_outcome(outcome)
    opinion = clean_text(opinion, "opinion", _("复查意见书"), required=True, limit=TEXT_LIMIT)
    before, _after = workflow.WORKFLOW.apply(petition, "review", actor)
    _close(petition.review_deadline)
    today = _today()
    petition.review_outcome = outcome
    petition.review_opinion = opinion
    petition.reviewed_on = today
    petition.recheck_until = clock.due_for(RECHECK_REQUEST, today).due
    _save(petition, before, "petitions.reviewed", actor=actor, after={"outcome": outcome, "opinion": opinion})
    petition.submission = submission_services.progress(
        petition.submission,
        status=SubmissionStatus.ANSWERED,
        actor=actor,
        reply=f"{ReviewOutcome(outcome).label}。{opinion}",
    )
    return petition


@transaction.atomic
def request_recheck(petition: Petition, *, actor, reasons) -> Petition:
    """请求复核 (art. 36): within 30 days of the review opinion, to the level above the reviewing body."""
    return _ask_upper(petition, "recheck", actor=actor, reasons=reasons)


@transaction.atomic
def start_hearing(petition: Petition, *, actor, reason=None) -> Petition:
    """听证 (arts. 31 (6), 36): the re-check's 30 days stop while it runs."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "hearing-start", actor, gates=False)
    reason = clean_text(reason, "reason", _("听证事由"), limit=1000) or _("举行听证")
    before, _after = workflow.WORKFLOW.apply(petition, "hearing-start", actor)
    today = _today()
    clock.pause_deadline(petition.recheck_deadline, paused_on=today, reason=reason, actor=None)
    petition.hearing_since = today
    _save(petition, before, "petitions.hearing_started", actor=actor, after={"hearing_since": today, "reason": reason})
    return petition


@transaction.atomic
def end_hearing(petition: Petition, *, actor) -> Petition:
    petition = _locked(petition)
    before, _after = workflow.WORKFLOW.apply(petition, "hearing-end", actor)
    clock.resume_deadline(petition.recheck_deadline, resumed_on=_today(), actor=None)
    since = petition.hearing_since
    petition.hearing_since = None
    _save(
        petition, before, "petitions.hearing_ended", actor=actor, after={"hearing_from": since, "hearing_to": _today()}
    )
    return petition


@transaction.atomic
def recheck(petition: Petition, *, actor, outcome, opinion) -> Petition:
    """复核意见 (art. 36): the last word; the matter is closed (信访终结)."""
    petition = _locked(petition)
    workflow.WORKFLOW.require(petition, "recheck", actor, gates=False)
    outcome = _review_outcome(outcome)
    opinion = clean_text(opinion, "opinion", _("复核意见书"), required=True, limit=TEXT_LIMIT)
    before, _after = workflow.WORKFLOW.apply(petition, "recheck", actor)
    _close(petition.recheck_deadline)
    petition.recheck_outcome = outcome
    petition.recheck_opinion = opinion
    petition.rechecked_on = _today()
    _save(petition, before, "petitions.rechecked", actor=actor, after={"outcome": outcome, "opinion": opinion})
    petition.submission = submission_services.progress(
        petition.submission,
        status=SubmissionStatus.CLOSED,
        actor=actor,
        reply=f"{ReviewOutcome(outcome).label}。{opinion}",
    )
    return petition


# --- one entry for pages and the API ------------------------------------------------------------


def run_step(petition: Petition, name: str, *, actor, data) -> Petition:
    """The step by its name, with the fields it takes from `data` (a mapping of plain values)."""
    get = data.get
    if name == "accept":
        return accept(petition, actor=actor, notice=get("notice"))
    if name == "forward":
        return forward(petition, actor=actor, to_body=get("to_body"), mode=get("mode"), notice=get("notice"))
    if name == "object":
        return object_to(petition, actor=actor, reason=get("reason"))
    if name == "refer":
        return refer(petition, actor=actor, channel=get("channel"), notice=get("notice"))
    if name == "inform":
        return inform(petition, actor=actor, competent_organ=get("competent_organ"), notice=get("notice"))
    if name == "extend":
        return extend(petition, actor=actor, days=get("days"), reason=get("reason"))
    if name == "answer":
        return answer(petition, actor=actor, outcome=get("outcome"), opinion=get("opinion"))
    if name == "request-review":
        return request_review(petition, actor=actor, reasons=get("reasons"))
    if name == "review":
        return review(petition, actor=actor, outcome=get("outcome"), opinion=get("opinion"))
    if name == "request-recheck":
        return request_recheck(petition, actor=actor, reasons=get("reasons"))
    if name == "hearing-start":
        return start_hearing(petition, actor=actor, reason=get("reason"))
    if name == "hearing-end":
        return end_hearing(petition, actor=actor)
    if name == "recheck":
        return recheck(petition, actor=actor, outcome=get("outcome"), opinion=get("opinion"))
    raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})


def public_request(*, receipt_code, secret, step, reasons, client_ip: str) -> Petition:
    """The petitioner's own 复查/复核 request on the portal, by receipt and secret; rate-limited
    like every public submission, refused with the reason when out of order or out of time."""
    if step not in workflow.PUBLIC_STEPS:
        message = _("请选择请求复查或请求复核。")
        raise InvalidInput(message, errors={"step": [message]})
    kind = submission_services.get_kind(KIND)
    submission_services._check_rate(kind, submission_services.client_digest(client_ip))
    submission = submission_services.find_by_receipt(receipt_code, secret)
    petition = Petition.objects.filter(submission=submission).first()
    if petition is None:
        raise NotFound(_("该回执对应的事项不是信访事项。"))
    if step == "request-review":
        return request_review(petition, actor=None, reasons=reasons)
    return request_recheck(petition, actor=None, reasons=reasons)
