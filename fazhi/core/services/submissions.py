"""Everything the public submits, through one mechanism, and the receipt they track it by.

A *kind* of submission (意见建议 now; comments, complaints, requests and applications as their
modules land) registers its key, label, receipt prefix, a form for its own fields and which
bodies may receive it. `submit()` then does the same for every kind: server-side validation,
a per-client rate limit, refusal of duplicates, the record, its attachments, the audit event
and a receipt — a public code plus a secret shown once and kept only as a digest.

The body addressed handles the submission through `WORKFLOW` (受理 → 答复, or 不予受理); the
public sees its status through `public_status()`, which leaves out everything internal.
"""

import datetime
import hashlib
import hmac
import ipaddress
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import audit
from fazhi.core.access import member_body_ids
from fazhi.core.choices import SubmissionStatus
from fazhi.core.errors import Conflict, InvalidInput, NotFound, TooManyRequests
from fazhi.core.masking import mask_name, mask_text
from fazhi.core.models import Body, PublicSubmission
from fazhi.core.services import attachments as attachment_services
from fazhi.core.workflow import Transition, Workflow

# Receipt codes and secrets avoid characters that are easily confused (0/O, 1/I/L).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
SECRET_LENGTH = 16
MAX_ATTACHMENTS = 3
REPLY_MAX_LENGTH = 10000
_COLUMNS = ("subject", "content", "submitter_name", "submitter_phone", "submitter_email")


# --- kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmissionKind:
    """One kind of thing the public may submit."""

    key: str
    label: str
    code_prefix: str
    form_class: type[forms.Form]
    receivers: Callable[[QuerySet], QuerySet] = field(default=lambda bodies: bodies)
    description: str = ""
    max_attachments: int = MAX_ATTACHMENTS
    # A kind about one record (a comment on a draft under consultation): `target` finds that
    # record from the submitted id and refuses when it takes no submissions now; the receiving
    # body is then the record's own. `received` runs inside the submitting transaction, so the
    # kind's app can link its own record to the submission (or refuse, undoing everything).
    target: Callable[[object], Model] | None = None
    received: Callable[[PublicSubmission, Model], None] | None = None
    # Where a submission about a record goes when not to the record's own body (a review
    # suggestion on a document goes to the office that reviews it, not to its drafter).
    receiver: Callable[[Model], Body] | None = None
    # A kind routed by what it is about (a report goes to the body competent for its subject
    # and area): `router` picks the receiving body from the cleaned fields, or refuses with
    # field errors; the submitter then chooses no body.
    router: Callable[[Mapping], Body] | None = None
    # A kind its own module handles (a disclosure request, a complaint, a petition): the generic
    # 受理/答复/不予受理 are refused for it, and the office pages link to `office_url(submission)`.
    # The module keeps the public-facing status current through `progress()`.
    office_url: Callable[[PublicSubmission], str] | None = None
    # What the status page adds for this kind — due dates, the type of answer — as
    # (label, text) pairs, with nothing internal and no personal data.
    public_lines: Callable[[PublicSubmission], list[tuple[str, str]]] | None = None


_KINDS: dict[str, SubmissionKind] = {}


def register(kind: SubmissionKind) -> SubmissionKind:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", kind.key):
        raise ValueError(f"submission kind keys are lower-case identifiers: {kind.key!r}")
    if not re.fullmatch(r"[A-Z]{2,4}", kind.code_prefix):
        raise ValueError(f"receipt prefixes are 2–4 capital letters: {kind.code_prefix!r}")
    if any(k.code_prefix == kind.code_prefix and k.key != kind.key for k in _KINDS.values()):
        raise ValueError(f"receipt prefix {kind.code_prefix!r} is taken")
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[SubmissionKind]:
    return list(_KINDS.values())


def get_kind(key) -> SubmissionKind:
    kind = _KINDS.get(key) if isinstance(key, str) else None
    if kind is None:
        raise NotFound(_("没有这一类公众提交事项。"))
    return kind


def kind_from_input(value) -> SubmissionKind:
    """The kind named in submitted data (the API's `kind` field): a 400 when it is not one."""
    kind = _KINDS.get(value) if isinstance(value, str) else None
    if kind is None:
        choices = "、".join(f"{k.key}（{k.label}）" for k in _KINDS.values())
        message = _("请选择事项类别，可选：%(choices)s。") % {"choices": choices}
        raise InvalidInput(message, errors={"kind": [message]})
    return kind


def kind_label(key: str) -> str:
    kind = _KINDS.get(key)
    return str(kind.label) if kind else key


def receiving_bodies(kind: SubmissionKind) -> QuerySet:
    """The bodies, in existence today, that may receive this kind of submission."""
    return kind.receivers(Body.objects.current()).order_by("tree_path")


_phone = RegexValidator(r"^\+?[0-9][0-9\- ]{5,28}[0-9]$", gettext_lazy("请填写有效的电话号码（数字，可含“-”）。"))


def _required(label: str) -> dict:
    # Lazy to the end: `gettext_lazy(...) % values` would translate once, at import.
    return {"required": lazy(lambda: _("请填写%(label)s。") % {"label": label}, str)()}


class SuggestionForm(forms.Form):
    """意见建议: a member of the public writes to a body, which replies."""

    subject = forms.CharField(
        label=gettext_lazy("标题"),
        max_length=200,
        error_messages={
            **_required(gettext_lazy("标题")),
            "max_length": gettext_lazy("标题不能超过 %(limit_value)d 个字（现为 %(show_value)d 个）。"),
        },
    )
    content = forms.CharField(
        label=gettext_lazy("内容"),
        max_length=5000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            **_required(gettext_lazy("内容")),
            "max_length": gettext_lazy("内容不能超过 %(limit_value)d 个字（现为 %(show_value)d 个）。"),
            "min_length": gettext_lazy("内容过短，请至少写 %(limit_value)d 个字。"),
        },
    )
    submitter_name = forms.CharField(
        label=gettext_lazy("姓名"),
        max_length=50,
        error_messages={
            **_required(gettext_lazy("姓名")),
            "max_length": gettext_lazy("姓名不能超过 %(limit_value)d 个字。"),
        },
    )
    submitter_phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=30,
        required=False,
        validators=[_phone],
        help_text=gettext_lazy("选填，仅受理单位可见。"),
        error_messages={"max_length": gettext_lazy("联系电话不能超过 %(limit_value)d 位。")},
    )
    submitter_email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        max_length=254,
        required=False,
        help_text=gettext_lazy("选填，仅受理单位可见。"),
        error_messages={"invalid": gettext_lazy("请填写有效的电子邮箱地址。")},
    )


SUGGESTION = register(
    SubmissionKind(
        key="suggestion",
        label=gettext_lazy("意见建议"),
        code_prefix="YJ",
        form_class=SuggestionForm,
        description=gettext_lazy("向本市各级行政机关提出意见和建议，受理单位将在平台上答复。"),
    )
)


# --- clients, digests, receipts -----------------------------------------------------------


def client_ip(request) -> str:
    """The address of the client, trusting as many X-Forwarded-For hops as there are proxies.

    With N trusted proxies, the client is the N-th address from the right of X-Forwarded-For
    (each proxy appends the address it received the request from); anything further left was
    sent by the client and may be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.FAZHI_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            candidate = addresses[-min(hops, len(addresses))]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def client_digest(ip: str) -> str:
    """A keyed digest of the client address: enough to limit and de-duplicate, not to trace."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, f"submission-client:{ip or 'unknown'}".encode(), hashlib.sha256).hexdigest()


def _normalised(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip()


def content_digest(
    kind: SubmissionKind, body: Body, cleaned: Mapping, file_digests: Iterable[str], target: Model | None = None
) -> str:
    payload = {
        "kind": kind.key,
        "body": body.pk,
        "fields": {name: _normalised(value) for name, value in sorted(cleaned.items())},
        "files": sorted(file_digests),
    }
    if target is not None:
        payload["target"] = f"{target._meta.label_lower}:{target.pk}"
    return hashlib.sha256(audit.canonical_json(payload).encode("utf-8")).hexdigest()


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(length))


def normalise_code(code: str) -> str:
    return re.sub(r"\s+", "", code).upper()


def normalise_secret(secret: str) -> str:
    return re.sub(r"[\s\-]+", "", secret).upper()


def secret_digest(secret: str) -> str:
    return hashlib.sha256(normalise_secret(secret).encode("utf-8")).hexdigest()


def format_secret(secret: str) -> str:
    return "-".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _new_receipt_code(kind: SubmissionKind) -> str:
    year = timezone.localdate().year
    for _attempt in range(10):
        code = f"{kind.code_prefix}-{year}-{_random(CODE_LENGTH)}"
        if not PublicSubmission.objects.filter(receipt_code=code).exists():
            return code
    raise RuntimeError("could not draw an unused receipt code")  # 31^8 codes a year: never


@dataclass(frozen=True)
class Receipt:
    """What the submitter takes away: the code is public, the secret is shown this once."""

    submission: PublicSubmission
    secret: str

    @property
    def receipt_code(self) -> str:
        return self.submission.receipt_code


# --- submitting ---------------------------------------------------------------------------


def _check_rate(kind: SubmissionKind, client: str) -> None:
    """At most `count` submissions of a kind per client per window of `seconds` (shared cache)."""
    count, seconds = settings.FAZHI_SUBMISSION_RATE
    now = time.time()
    window = int(now // seconds)
    key = f"fazhi:submissions:rate:{kind.key}:{client}:{window}"
    cache.add(key, 0, timeout=seconds + 60)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds + 60)
        used = 1
    if used <= count:
        return
    retry_at = datetime.datetime.fromtimestamp((window + 1) * seconds, tz=datetime.UTC)
    wait = max(1, int((window + 1) * seconds - now + 0.999))
    if wait < 60:
        wait_text = _("%(n)d 秒") % {"n": wait}
    elif wait < 3600:
        wait_text = _("%(n)d 分钟") % {"n": (wait + 59) // 60}
    elif wait < 86400:
        wait_text = _("%(n)d 小时") % {"n": (wait + 3599) // 3600}
    else:
        wait_text = _("%(n)d 天") % {"n": (wait + 86399) // 86400}
    local = timezone.localtime(retry_at)
    when = local.strftime("%H:%M") if local.date() == timezone.localdate() else local.strftime("%Y-%m-%d %H:%M")
    refusal = TooManyRequests(
        _("提交过于频繁：同一来源%(period)s最多提交 %(count)d 件%(kind)s。请在 %(wait)s后（%(when)s 以后）再试。")
        % {
            "period": _period_text(seconds),
            "count": count,
            "kind": kind.label,
            "wait": wait_text,
            "when": when,
        },
        retry_after=wait,
    )
    raise refusal


def _period_text(seconds: int) -> str:
    """每小时, 每 10 分钟, …"""
    for unit_seconds, unit in ((86400, _("天")), (3600, _("小时")), (60, _("分钟"))):
        if seconds % unit_seconds == 0:
            n = seconds // unit_seconds
            return _("每%(unit)s") % {"unit": unit} if n == 1 else _("每 %(n)d %(unit)s") % {"n": n, "unit": unit}
    return _("每 %(n)d 秒") % {"n": seconds}


def _resolve_body(kind: SubmissionKind, body) -> Body:
    if isinstance(body, Body):
        pk = body.pk
    elif isinstance(body, int) and not isinstance(body, bool):
        pk = body
    elif isinstance(body, str) and body.strip().isdigit():
        pk = int(body.strip())
    elif body is None or body == "":
        raise InvalidInput(_("请选择受理单位。"), errors={"body": [_("请选择受理单位。")]})
    else:
        raise InvalidInput(_("受理单位应为单位编号。"), errors={"body": [_("受理单位应为单位编号。")]})
    found = receiving_bodies(kind).filter(pk=pk).first()
    if found is None:
        message = _("所选受理单位不存在、已撤销，或不受理%(kind)s。") % {"kind": kind.label}
        raise InvalidInput(message, errors={"body": [message]})
    return found


def validate(kind: SubmissionKind, data) -> dict:
    """The kind's fields, checked and stripped; a 400 naming every field that is wrong."""
    if not isinstance(data, Mapping):
        raise InvalidInput(_("提交的内容应为字段与值的集合。"))
    errors: dict[str, list[str]] = {}
    values = {}
    for name in kind.form_class.base_fields:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            label = kind.form_class.base_fields[name].label or name
            errors[name] = [_("%(label)s应为文本。") % {"label": label}]
        elif value is not None:
            values[name] = value
    form = kind.form_class(data=values)
    if not form.is_valid():
        for name, messages in form.errors.items():
            if name not in errors:
                errors[name] = [str(m) for m in messages]
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors=errors)
    return {name: (value.strip() if isinstance(value, str) else value) for name, value in form.cleaned_data.items()}


def _inspect_files(kind: SubmissionKind, files) -> list[tuple[object, attachment_services.Inspected]]:
    files = [f for f in (files or []) if f is not None]
    if len(files) > kind.max_attachments:
        message = _("最多可上传 %(n)d 个附件。") % {"n": kind.max_attachments}
        raise InvalidInput(message, errors={"attachments": [message]})
    inspected = []
    for uploaded in files:
        try:
            inspected.append((uploaded, attachment_services.inspect(uploaded)))
        except InvalidInput as exc:
            raise InvalidInput(exc.detail, errors={"attachments": [str(exc.detail)]}) from None
    return inspected


def _lock_for_duplicates(client: str, digest: str) -> None:
    """Serialise identical submissions from one client (SQLite's write lock already does)."""
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"{client}:{digest}".encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _refuse_duplicate(client: str, digest: str) -> None:
    window = settings.FAZHI_DUPLICATE_WINDOW_SECONDS
    if window <= 0:
        return
    since = timezone.now() - datetime.timedelta(seconds=window)
    earlier = (
        PublicSubmission.objects.filter(client_digest=client, content_digest=digest, created_at__gte=since)
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        raise Conflict(
            _("您已于 %(time)s 提交过相同的内容，回执编号为 %(code)s，请勿重复提交。")
            % {"time": timezone.localtime(earlier.created_at).strftime("%H:%M"), "code": earlier.receipt_code},
            code="duplicate",
        )


def _gathering(errors: dict, check, *args):
    """Run one check; collect its field errors instead of stopping at the first."""
    try:
        return check(*args)
    except InvalidInput as exc:
        for name, messages in (exc.errors or {"non_field_errors": [str(exc.detail)]}).items():
            errors.setdefault(name, []).extend(messages)
        return None


def _resolve_target(kind: SubmissionKind, target) -> Model | None:
    if kind.target is None:
        return None
    return kind.target(target)


def submit(kind, data, *, client_ip: str, body=None, files=(), target=None) -> Receipt:
    """Validate and record a public submission; returns its receipt, the secret shown once.

    Refuses with 400 (bad fields, body or files), 429 (too many from this client) or 409 (the
    same content from the same client within the duplicate window; a target that takes no
    submissions now); nothing is kept then. `target` is the id of the record a kind with a
    target is about; its body receives the submission.
    """
    kind = kind if isinstance(kind, SubmissionKind) else get_kind(kind)
    errors: dict[str, list[str]] = {}
    record = _gathering(errors, _resolve_target, kind, target)
    if record is not None:
        record_body = kind.receiver(record).pk if kind.receiver is not None else record.body_id
        if body not in (None, "") and str(getattr(body, "pk", body)).strip() != str(record_body):
            message = _("受理单位应为该事项的所属单位。")
            errors.setdefault("body", []).append(message)
        body = record_body
    cleaned = _gathering(errors, validate, kind, data)
    if kind.router is not None:
        receiver = _gathering(errors, kind.router, cleaned) if cleaned is not None else None
    elif kind.target is None or record is not None:
        receiver = _gathering(errors, _resolve_body, kind, body)
    else:
        receiver = None
    inspected = _gathering(errors, _inspect_files, kind, files)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)

    client = client_digest(client_ip)
    digest = content_digest(kind, receiver, cleaned, (item.sha256 for _f, item in inspected), record)
    _check_rate(kind, client)

    secret = _random(SECRET_LENGTH)
    with attachment_services.files_removed_on_failure(), transaction.atomic():
        _lock_for_duplicates(client, digest)
        _refuse_duplicate(client, digest)
        submission = PublicSubmission.objects.create(
            kind=kind.key,
            body=receiver,
            receipt_code=_new_receipt_code(kind),
            secret_digest=secret_digest(secret),
            client_digest=client,
            content_digest=digest,
            details={name: value for name, value in cleaned.items() if name not in _COLUMNS},
            **{name: cleaned.get(name, "") or "" for name in _COLUMNS},
        )
        audit.record(
            submission,
            "core.submission_received",
            actor=None,
            actor_label=audit.PUBLIC_LABEL,
            after=audit.snapshot(submission, ["kind", "body", "receipt_code", "status", *_COLUMNS, "details"]),
        )
        if kind.received is not None:
            kind.received(submission, record)
        for uploaded, item in inspected:
            attachment_services.attach(
                submission, uploaded, actor=None, body=receiver, actor_label=audit.PUBLIC_LABEL, inspected=item
            )
    return Receipt(submission=submission, secret=format_secret(secret))


# --- tracking -----------------------------------------------------------------------------

_NO_MATCH_DIGEST = hashlib.sha256(b"no such receipt").hexdigest()


def find_by_receipt(code, secret) -> PublicSubmission:
    """The submission with this receipt code and secret; 404 alike for an unknown code or a wrong secret."""
    errors = {}
    if not isinstance(code, str) or not code.strip():
        errors["receipt_code"] = [_("请填写回执编号。")]
    if not isinstance(secret, str) or not secret.strip():
        errors["secret"] = [_("请填写查询码。")]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    code = normalise_code(code)
    submission = (
        PublicSubmission.objects.select_related("body").filter(receipt_code=code).first()
        if re.fullmatch(r"[A-Z0-9-]{1,20}", code)
        else None
    )
    expected = submission.secret_digest if submission is not None else _NO_MATCH_DIGEST
    matches = hmac.compare_digest(expected, secret_digest(secret))
    if submission is None or not matches:
        raise NotFound(_("未找到与该回执编号和查询码相符的事项，请核对后重试。"))
    return submission


def public_status(submission: PublicSubmission) -> dict:
    """What the submitter may see: status, dates and the answer, with personal data masked."""
    kind = _KINDS.get(submission.kind)
    lines = kind.public_lines(submission) if kind is not None and kind.public_lines is not None else []
    return {
        "lines": [{"label": str(label), "text": str(text)} for label, text in lines],
        "receipt_code": submission.receipt_code,
        "kind": submission.kind,
        "kind_label": kind_label(submission.kind),
        "body_name": submission.body.name,
        "subject": mask_text(submission.subject),
        "submitter_name": mask_name(submission.submitter_name),
        "status": submission.status,
        "status_label": str(submission.get_status_display()),
        "created_at": submission.created_at,
        "accepted_at": submission.accepted_at,
        "replied_at": submission.replied_at,
        "reply": submission.reply if submission.status == SubmissionStatus.ANSWERED else "",
        "rejected_at": submission.rejected_at,
        "rejection_reason": (submission.rejection_reason if submission.status == SubmissionStatus.REJECTED else ""),
    }


# --- handling -----------------------------------------------------------------------------


def _reply_written(submission: PublicSubmission) -> str | None:
    if not submission.reply.strip():
        return _("请填写答复内容后再答复。")
    return None


def _reason_given(submission: PublicSubmission) -> str | None:
    if not submission.rejection_reason.strip():
        return _("不予受理须写明理由。")
    return None


def _handled_here(submission: PublicSubmission) -> str | None:
    kind = _KINDS.get(submission.kind)
    if kind is not None and kind.office_url is not None:
        return _("%(kind)s按其法定程序在专门的办理页面办理。") % {"kind": kind.label}
    return None


WORKFLOW = Workflow(
    [
        Transition(
            "accept",
            gettext_lazy("受理"),
            (SubmissionStatus.RECEIVED,),
            SubmissionStatus.HANDLING,
            gates=(_handled_here,),
        ),
        Transition(
            "answer",
            gettext_lazy("答复"),
            (SubmissionStatus.HANDLING,),
            SubmissionStatus.ANSWERED,
            gates=(_handled_here, _reply_written),
        ),
        Transition(
            "reject",
            gettext_lazy("不予受理"),
            (SubmissionStatus.RECEIVED, SubmissionStatus.HANDLING),
            SubmissionStatus.REJECTED,
            gates=(_handled_here, _reason_given),
        ),
    ]
)


def available_transitions(submission: PublicSubmission, user) -> list[Transition]:
    """The generic steps `user` may take now; none for a kind its own module handles."""
    if office_url(submission):
        return []
    return WORKFLOW.available(submission, user)


# The text each transition asks the clerk for, by the name the pages and the API use.
TRANSITION_INPUTS = {"accept": None, "answer": "reply", "reject": "reason"}


def _text_input(value, name: str, label: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(label)s应为文本。") % {"label": label}, errors={name: [_("应为文本。")]})
    value = value.strip()
    if len(value) > REPLY_MAX_LENGTH:
        message = _("%(label)s不能超过 %(n)d 个字。") % {"label": label, "n": REPLY_MAX_LENGTH}
        raise InvalidInput(message, errors={name: [message]})
    return value


def _locked(submission: PublicSubmission) -> PublicSubmission:
    return PublicSubmission.objects.select_for_update().select_related("body").get(pk=submission.pk)


@transaction.atomic
def accept(submission: PublicSubmission, *, actor) -> PublicSubmission:
    """受理: the body takes the submission up."""
    submission = _locked(submission)
    before, after = WORKFLOW.apply(submission, "accept", actor)
    submission.accepted_at = timezone.now()
    submission.save(update_fields=["status", "accepted_at", "updated_at"])
    audit.record(
        submission,
        "core.submission_accepted",
        actor=actor,
        before={"status": before},
        after={"status": after, "accepted_at": submission.accepted_at},
    )
    return submission


@transaction.atomic
def answer(submission: PublicSubmission, *, actor, reply) -> PublicSubmission:
    """答复: the body's answer, which the submitter reads with their receipt."""
    reply = _text_input(reply, "reply", _("答复内容"))
    submission = _locked(submission)
    submission.reply = reply
    before, after = WORKFLOW.apply(submission, "answer", actor)
    submission.replied_at = timezone.now()
    submission.save(update_fields=["status", "reply", "replied_at", "updated_at"])
    audit.record(
        submission,
        "core.submission_answered",
        actor=actor,
        before={"status": before},
        after={"status": after, "reply": reply, "replied_at": submission.replied_at},
    )
    return submission


@transaction.atomic
def reject(submission: PublicSubmission, *, actor, reason) -> PublicSubmission:
    """不予受理, with the reason the submitter is told."""
    reason = _text_input(reason, "reason", _("不予受理理由"))
    submission = _locked(submission)
    submission.rejection_reason = reason
    before, after = WORKFLOW.apply(submission, "reject", actor)
    submission.rejected_at = timezone.now()
    submission.save(update_fields=["status", "rejection_reason", "rejected_at", "updated_at"])
    audit.record(
        submission,
        "core.submission_rejected",
        actor=actor,
        before={"status": before},
        after={"status": after, "rejection_reason": reason, "rejected_at": submission.rejected_at},
    )
    return submission


_PROGRESS_FIELDS = {
    SubmissionStatus.HANDLING: "accepted_at",
    SubmissionStatus.ANSWERED: "replied_at",
    SubmissionStatus.CLOSED: "replied_at",
    SubmissionStatus.REJECTED: "rejected_at",
}


def progress(submission: PublicSubmission, *, status: str, actor, reply: str | None = None) -> PublicSubmission:
    """The public-facing status of a kind handled by its own module, set from inside that
    module's transition (which has checked access and gates, and runs in its transaction).

    `reply` is what the submitter reads: the answer when answered or closed, the reason when
    refused. A status does not go back to 已收到.
    """
    kind = get_kind(submission.kind)
    if kind.office_url is None:
        raise ValueError(f"{kind.key} submissions move through the generic workflow")
    if status not in _PROGRESS_FIELDS:
        raise ValueError(f"not a progress status: {status!r}")
    submission = _locked(submission)
    before = submission.status
    submission.status = status
    moment = timezone.now()
    fields = ["status", "updated_at"]
    stamp = _PROGRESS_FIELDS[status]
    if getattr(submission, stamp) is None or status != SubmissionStatus.HANDLING:
        setattr(submission, stamp, moment)
        fields.append(stamp)
    if status == SubmissionStatus.HANDLING and submission.accepted_at is None:
        submission.accepted_at = moment
    if reply is not None:
        target = "rejection_reason" if status == SubmissionStatus.REJECTED else "reply"
        setattr(submission, target, reply)
        fields.append(target)
    submission.save(update_fields=sorted(set(fields)))
    audit.record(
        submission,
        "core.submission_progressed",
        actor=actor,
        before={"status": before},
        after={"status": status, **({"reply": reply} if reply is not None else {})},
    )
    return submission


def reassign(submission: PublicSubmission, *, to_body: Body, actor, reason: str) -> PublicSubmission:
    """The submission passes to another handling body (转办、交办): the submitter's identity goes
    with it and is no longer the former body's to see. Called from the module's own transfer."""
    submission = _locked(submission)
    before = submission.body_id
    submission.body = to_body
    submission.save(update_fields=["body", "updated_at"])
    audit.record(
        submission,
        "core.submission_reassigned",
        actor=actor,
        before={"body": before},
        after={"body": to_body.pk, "reason": reason},
    )
    return submission


def office_url(submission: PublicSubmission) -> str:
    """Where the office handles a kind with its own module; empty for the generic workflow."""
    kind = _KINDS.get(submission.kind)
    return kind.office_url(submission) if kind is not None and kind.office_url is not None else ""


def identity_visible(user, submission: PublicSubmission) -> bool:
    """Whether `user` may see who submitted: members of the handling body only (DESIGN §5)."""
    return submission.body_id in member_body_ids(user)


def masked_identity(user, submission: PublicSubmission) -> dict:
    """The submitter's name and contacts as `user` may see them."""
    if identity_visible(user, submission):
        return {
            "submitter_name": submission.submitter_name,
            "submitter_phone": submission.submitter_phone,
            "submitter_email": submission.submitter_email,
        }
    hidden = _("（仅受理单位可见）")
    return {
        "submitter_name": mask_name(submission.submitter_name),
        "submitter_phone": hidden if submission.submitter_phone else "",
        "submitter_email": hidden if submission.submitter_email else "",
    }


def run_transition(submission: PublicSubmission, name: str, *, actor, text=None) -> PublicSubmission:
    """One entry for pages and the API: the transition by name, with the text it asks for."""
    if name == "accept":
        return accept(submission, actor=actor)
    if name == "answer":
        return answer(submission, actor=actor, reply=text)
    if name == "reject":
        return reject(submission, actor=actor, reason=text)
    raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})


# --- reading and export for the office ----------------------------------------------------


def for_office(user, *, status: str = "", kind: str = "", query: str = "") -> QuerySet:
    """The submissions `user` may see (their bodies' own), newest first, optionally filtered."""
    submissions = PublicSubmission.objects.restrict(user).select_related("body")
    if status in SubmissionStatus.values:
        submissions = submissions.filter(status=status)
    if kind in _KINDS:
        submissions = submissions.filter(kind=kind)
    query = query.strip()
    if query:
        submissions = submissions.filter(Q(receipt_code__iexact=query) | Q(subject__icontains=query))
    return submissions


def visible_submission(user, pk) -> PublicSubmission:
    submission = PublicSubmission.objects.restrict(user).select_related("body").filter(pk=pk).first()
    if submission is None:
        raise NotFound(_("未找到该事项。"))
    return submission


def _submitter_name(submission):
    return submission.submitter_name


def _submitter_phone(submission):
    return submission.submitter_phone


def _submitter_email(submission):
    return submission.submitter_email


_IDENTITY_GETTERS = {
    _submitter_name: "submitter_name",
    _submitter_phone: "submitter_phone",
    _submitter_email: "submitter_email",
}

EXPORT_COLUMNS = [
    (gettext_lazy("回执编号"), lambda s: s.receipt_code),
    (gettext_lazy("类别"), lambda s: kind_label(s.kind)),
    (gettext_lazy("受理单位"), lambda s: s.body.name),
    (gettext_lazy("标题"), lambda s: s.subject),
    (gettext_lazy("内容"), lambda s: s.content),
    (gettext_lazy("姓名"), _submitter_name),
    (gettext_lazy("联系电话"), _submitter_phone),
    (gettext_lazy("电子邮箱"), _submitter_email),
    (gettext_lazy("状态"), lambda s: str(s.get_status_display())),
    (gettext_lazy("提交时间"), lambda s: s.created_at),
    (gettext_lazy("受理时间"), lambda s: s.accepted_at),
    (gettext_lazy("答复时间"), lambda s: s.replied_at),
    (gettext_lazy("答复"), lambda s: s.reply),
    (gettext_lazy("不予受理时间"), lambda s: s.rejected_at),
    (gettext_lazy("不予受理理由"), lambda s: s.rejection_reason),
]


def export_workbook(submissions: QuerySet, *, user) -> bytes:
    """An .xlsx of the given (already restricted) submissions, every cell written as text; who
    submitted only where `user` is of the handling body."""
    import io

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("公众提交事项")
    sheet.append([str(label) for label, _getter in EXPORT_COLUMNS])
    for submission in submissions.select_related("body").iterator(chunk_size=500):
        row = []
        identity = masked_identity(user, submission)
        for _label, getter in EXPORT_COLUMNS:
            value = getter(submission)
            if getter in _IDENTITY_GETTERS:
                value = identity[_IDENTITY_GETTERS[getter]]
            if isinstance(value, datetime.datetime):
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            row.append("" if value is None else str(value))
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text from the public is never a formula
    for index, width in enumerate([20, 10, 24, 30, 60, 10, 16, 24, 10, 18, 18, 18, 60, 18, 40], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
