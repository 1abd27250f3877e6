"""Every change to complaints and reports, as one function each (STYLE "Changes go through
services"): the submission hooks that open a case, the handling steps, the submitter's
satisfaction, and the channels a body publishes.

Deadlines: each case runs the periods its category names (`Category.accept_matter`, then
`handle_matter`), at its handling body. A transfer closes the running period at the body that
passes the case on (on time if passed on before it ran out) and opens the first period again at
the receiving body, counted from the day of the transfer (docs/decisions.md).
"""

import datetime
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.validators import EmailValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.clock.models import Deadline
from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.choices import SubmissionStatus
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput, NotFound, TooManyRequests
from fazhi.core.masking import mask_text
from fazhi.core.models import Body, PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.intake import routing
from fazhi.intake.choices import CaseStatus, ChannelKind, IntakeKind, Result, Satisfaction, TransferDirection
from fazhi.intake.models import Case, CaseNote, CaseTransfer, Category, Channel
from fazhi.intake.workflow import CASE, OPEN

TEXT_MAX = 5000
COMMENT_MAX = 1000


# --- inputs ------------------------------------------------------------------------------


def _text(value, name: str, label: str, *, required: bool = True, limit: int = TEXT_MAX) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        message = _("%(label)s应为文本。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    value = value.strip()
    if required and not value:
        message = _("请填写%(label)s。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    if len(value) > limit:
        message = _("%(label)s不能超过 %(n)d 个字。") % {"label": label, "n": limit}
        raise InvalidInput(message, errors={name: [message]})
    return value


def _choice(value, choices, name: str, label: str) -> str:
    if not isinstance(value, str) or value not in choices.values:
        options = "、".join(f"{key}（{text}）" for key, text in choices.choices)
        message = _("请选择%(label)s，可选：%(options)s。") % {"label": label, "options": options}
        raise InvalidInput(message, errors={name: [message]})
    return value


def body_from(value, name: str, label: str) -> Body:
    pk = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        pk = int(value.strip())
    body = Body.objects.current().filter(pk=pk).first() if pk is not None else None
    if body is None:
        message = _("请选择%(label)s（现有单位的编号）。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return body


# --- deadlines ---------------------------------------------------------------------------


def deadlines(case: Case):
    content_type = ContentType.objects.get_for_model(Case)
    return Deadline.objects.filter(content_type=content_type, object_id=str(case.pk)).select_related("body")


def _open_deadlines(case: Case) -> list[Deadline]:
    return list(deadlines(case).filter(closed_on__isnull=True))


def _start_clock(case: Case, on: datetime.date) -> None:
    """The first period of the case at its handling body: to accept, or to handle."""
    matter = case.category.accept_matter or case.category.handle_matter
    clock.open_deadline(subject=case, matter=matter, start_on=on, body=case.body, actor=None)


def _close_clock(case: Case, on: datetime.date, *, keep: str = "") -> None:
    for deadline in _open_deadlines(case):
        if deadline.matter != keep:
            clock.close_deadline(deadline, closed_on=on, actor=None)


# --- the submission hooks -----------------------------------------------------------------


def received(submission: PublicSubmission, _record) -> None:
    """The `received` hook: the case at the routed body, its first period running from today."""
    details = submission.details or {}
    kind = submission.kind
    category = routing.category_from(details.get("category"), kind)
    area = routing.areas().filter(pk=routing._pk(details.get("area"))).first() if details.get("area") else None
    respondent = (
        Body.objects.filter(pk=routing._pk(details.get("respondent"))).first() if details.get("respondent") else None
    )
    today = timezone.localdate()
    case = Case.objects.create(
        submission=submission,
        kind=kind,
        category=category,
        area=area,
        respondent=respondent,
        body=submission.body,
        received_on=today,
    )
    audit.record(
        case,
        "intake.case_received",
        actor=None,
        actor_label=audit.PUBLIC_LABEL,
        after=audit.snapshot(case, ["kind", "category", "area", "respondent", "body", "status", "received_on"]),
    )
    _start_clock(case, today)


def office_url(submission: PublicSubmission) -> str:
    case = Case.objects.filter(submission=submission).values_list("pk", flat=True).first()
    return reverse("intake:case", args=[case]) if case else ""


def public_lines(submission: PublicSubmission) -> list[tuple[str, str]]:
    """The due date with its source while open; the result when concluded; the transfers as
    “已转交XX办理”, without their reasons; the satisfaction given."""
    case = Case.objects.filter(submission=submission).select_related("category").first()
    if case is None:
        return []
    lines = [(_("类别"), case.category.name)]
    for transfer in case.transfers.select_related("to_body").order_by("transferred_on", "pk"):
        lines.append(
            (
                _("转交"),
                _("%(date)s已转交%(body)s办理")
                % {"date": day_text(transfer.transferred_on), "body": transfer.to_body.name},
            )
        )
    if case.status in OPEN:
        for deadline in _open_deadlines(case):
            if deadline.body_id == case.body_id and deadline.due_on:
                lines.append(
                    (
                        str(deadline.period.label),
                        _("%(date)s前（依据：%(source)s）")
                        % {"date": day_text(deadline.due_on), "source": deadline.period.source},
                    )
                )
    if case.status == CaseStatus.CONCLUDED:
        lines.append((_("处理结果"), case.get_result_display()))
        if case.satisfaction:
            lines.append((_("您的评价"), case.get_satisfaction_display()))
    return lines


# --- handling ----------------------------------------------------------------------------


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("body", "category", "submission").get(pk=case.pk)


@transaction.atomic
def accept(case: Case, *, actor) -> Case:
    """受理: the handling body takes the matter up; the handling period runs from today."""
    case = _locked(case)
    before, after = CASE.apply(case, "accept", actor)
    today = timezone.localdate()
    case.accepted_on = today
    case.save(update_fields=["status", "accepted_on", "updated_at"])
    handle = case.category.handle_matter
    running = [d for d in _open_deadlines(case) if d.matter == handle]
    _close_clock(case, today, keep=handle)
    if not running:
        clock.open_deadline(subject=case, matter=handle, start_on=today, body=case.body, actor=None)
    submission_services.progress(case.submission, status=SubmissionStatus.HANDLING, actor=actor)
    audit.record(case, "intake.case_accepted", actor=actor, before={"status": before}, after={"status": after})
    return case


@transaction.atomic
def refuse(case: Case, *, actor, reason) -> Case:
    """不予受理, with the reason the submitter reads."""
    case = _locked(case)
    CASE.require(case, "refuse", actor, gates=False)
    reason = _text(reason, "reason", _("不予受理理由"))
    case.refusal_reason = reason
    before, after = CASE.apply(case, "refuse", actor)
    today = timezone.localdate()
    case.refused_on = today
    case.save(update_fields=["status", "refusal_reason", "refused_on", "updated_at"])
    _close_clock(case, today)
    submission_services.progress(case.submission, status=SubmissionStatus.REJECTED, actor=actor, reply=reason)
    audit.record(
        case, "intake.case_refused", actor=actor, before={"status": before}, after={"status": after, "reason": reason}
    )
    return case


@transaction.atomic
def transfer(case: Case, *, actor, to_body, reason) -> CaseTransfer:
    """转交: down to a lower body with jurisdiction (seed art. 24), or across to the competent one.

    The case, its submission and the submitter's identity move to `to_body`; the former body's
    period closes today and the receiving body's first period starts today."""
    case = _locked(case)
    CASE.require(case, "transfer", actor, gates=False)
    target = body_from(to_body, "to_body", _("接收单位"))
    reason = _text(reason, "reason", _("转交理由"))
    if target.pk == case.body_id:
        message = _("接收单位不能是本单位。")
        raise InvalidInput(message, errors={"to_body": [message]})
    source = case.body
    before, after = CASE.apply(case, "transfer", actor)
    today = timezone.localdate()
    direction = TransferDirection.DOWN if routing.is_lower(target, source) else TransferDirection.ACROSS
    _close_clock(case, today)
    moved = CaseTransfer.objects.create(
        case=case,
        from_body=source,
        to_body=target,
        direction=direction,
        reason=reason,
        transferred_on=today,
        trace=f"{case.submission.receipt_code} {mask_text(case.submission.subject)}"[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    case.body = target
    case.accepted_on = None
    case.save(update_fields=["status", "body", "accepted_on", "updated_at"])
    submission_services.reassign(case.submission, to_body=target, actor=actor, reason=reason)
    _start_clock(case, today)
    audit.record(
        case,
        "intake.case_transferred",
        actor=actor,
        before={"status": before, "body": source.pk},
        after={"status": after, "body": target.pk, "direction": direction, "reason": reason},
    )
    return moved


@transaction.atomic
def add_note(case: Case, *, actor, text) -> CaseNote:
    """核查记录: what the investigation found, kept with the case."""
    case = _locked(case)
    require(actor, "change", case.body, _("记录核查情况"))
    text = _text(text, "text", _("核查情况"))
    if case.status not in OPEN:
        raise Conflict(_("该件已%(status)s，不能再记录核查情况。") % {"status": case.get_status_display()})
    note = CaseNote.objects.create(case=case, body=case.body, text=text, author=actor)
    audit.record(case, "intake.note_added", actor=actor, extra={"note": note.pk})
    return note


@transaction.atomic
def conclude(case: Case, *, actor, result, reply, detail="", enforcement_case_number="") -> Case:
    """办结: the result (查处结果) and the reply the submitter reads."""
    case = _locked(case)
    CASE.require(case, "conclude", actor, gates=False)
    result = _choice(result, Result, "result", _("处理结果"))
    reply = _text(reply, "reply", _("答复内容"))
    detail = _text(detail, "detail", _("处理情况"), required=False)
    number = _text(enforcement_case_number, "enforcement_case_number", _("立案案号"), required=False, limit=60)
    if number and result != Result.FILED:
        message = _("只有“立案查处”的结果才填写立案案号。")
        raise InvalidInput(message, errors={"enforcement_case_number": [message]})
    case.result, case.reply, case.result_detail, case.enforcement_case_number = result, reply, detail, number
    before, after = CASE.apply(case, "conclude", actor)
    today = timezone.localdate()
    case.concluded_on = today
    case.save(
        update_fields=[
            "status",
            "result",
            "reply",
            "result_detail",
            "enforcement_case_number",
            "concluded_on",
            "updated_at",
        ]
    )
    _close_clock(case, today)
    submission_services.progress(case.submission, status=SubmissionStatus.ANSWERED, actor=actor, reply=reply)
    audit.record(
        case,
        "intake.case_concluded",
        actor=actor,
        before={"status": before},
        after={"status": after, "result": result, "enforcement_case_number": number},
    )
    return case


def run_step(case: Case, name: str, *, actor, data) -> object:
    """One entry for pages and the API: the step by name, with the fields it takes."""
    if name == "accept":
        return accept(case, actor=actor)
    if name == "refuse":
        return refuse(case, actor=actor, reason=data.get("reason"))
    if name == "transfer":
        return transfer(case, actor=actor, to_body=data.get("to_body"), reason=data.get("reason"))
    if name == "note":
        return add_note(case, actor=actor, text=data.get("text"))
    if name == "conclude":
        return conclude(
            case,
            actor=actor,
            result=data.get("result"),
            reply=data.get("reply"),
            detail=data.get("detail", ""),
            enforcement_case_number=data.get("enforcement_case_number", ""),
        )
    raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})


# --- the submitter's satisfaction ---------------------------------------------------------


def _check_rate(client: str) -> None:
    count, seconds = settings.FAZHI_SUBMISSION_RATE
    window = int(time.time() // seconds)
    key = f"fazhi:intake:satisfaction:{client}:{window}"
    cache.add(key, 0, timeout=seconds + 60)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=seconds + 60)
        used = 1
    if used > count:
        wait = max(1, int((window + 1) * seconds - time.time() + 0.999))
        raise TooManyRequests(_("提交过于频繁，请稍后再试。"), retry_after=wait)


def rate(receipt_code, secret, *, rating, comment="", client_ip: str) -> Case:
    """满意度评价: by the receipt and its secret, after the reply, once."""
    errors: dict[str, list[str]] = {}
    try:
        rating = _choice(rating, Satisfaction, "rating", _("满意度"))
    except InvalidInput as exc:
        errors.update(exc.errors)
    try:
        comment = _text(comment, "comment", _("评价意见"), required=False, limit=COMMENT_MAX)
    except InvalidInput as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    _check_rate(submission_services.client_digest(client_ip))
    submission = submission_services.find_by_receipt(receipt_code, secret)
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(submission=submission).first()
        if case is None:
            raise NotFound(_("该事项不是投诉或举报，不适用满意度评价。"))
        if case.status != CaseStatus.CONCLUDED:
            raise Conflict(_("办结答复后才能评价。"), code="not_answered")
        if case.satisfaction:
            raise Conflict(_("您已评价过该事项，每件只能评价一次。"), code="already_rated")
        case.satisfaction, case.satisfaction_comment = rating, comment
        case.satisfaction_at = timezone.now()
        case.save(update_fields=["satisfaction", "satisfaction_comment", "satisfaction_at", "updated_at"])
        audit.record(
            case,
            "intake.satisfaction_given",
            actor=None,
            actor_label=audit.PUBLIC_LABEL,
            after={"satisfaction": rating, "comment": comment},
        )
    return case


# --- channels ----------------------------------------------------------------------------


@transaction.atomic
def add_channel(*, actor, body=None, kind=None, value="", hours="", note="") -> Channel:
    """Publish one channel of `body` (seed art. 38): phone, postal address, e-mail or online."""
    body = body if isinstance(body, Body) else body_from(body, "body", _("单位"))
    require(actor, "change", body, _("公布投诉举报渠道"))
    kind = _choice(kind, ChannelKind, "kind", _("渠道"))
    value = _text(value, "value", _("号码、地址或邮箱"), required=kind != ChannelKind.ONLINE, limit=200)
    hours = _text(hours, "hours", _("受理时间"), required=False, limit=100)
    note = _text(note, "note", _("说明"), required=False, limit=200)
    if kind == ChannelKind.EMAIL:
        try:
            EmailValidator()(value)
        except Exception:
            message = _("请填写有效的电子邮箱地址。")
            raise InvalidInput(message, errors={"value": [message]}) from None
    if kind == ChannelKind.PHONE and not all(c.isdigit() or c in "-+ " for c in value):
        message = _("请填写有效的电话号码（数字，可含“-”）。")
        raise InvalidInput(message, errors={"value": [message]})
    channel = Channel.objects.create(body=body, kind=kind, value=value, hours=hours, note=note)
    audit.record(channel, "intake.channel_added", actor=actor, after=audit.snapshot(channel))
    return channel


@transaction.atomic
def remove_channel(channel: Channel, *, actor) -> None:
    require(actor, "change", channel.body, _("撤下投诉举报渠道"))
    audit.record(channel, "intake.channel_removed", actor=actor, before=audit.snapshot(channel))
    channel.delete()


def category_kind(category: Category) -> str:
    return IntakeKind(category.kind).label
