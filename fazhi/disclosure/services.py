"""Every change to 政务公开 records, one function each.

Each function owns its transaction, checks who may act and in which state (`workflow.py`, which
refuses with the Chinese reason), cleans its input (`fazhi.core.inputs`), makes the change,
keeps the statutory deadlines (`fazhi.clock`) and writes the audit event. A request's public
status (what the applicant sees with the receipt) is kept current through
`submission_services.progress`.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.choices import SubmissionStatus
from fazhi.core.dates import day_text
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_text, reject_unknown
from fazhi.core.models import Body, PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.disclosure.choices import (
    GROUNDS,
    AnswerType,
    Category,
    Channel,
    Ground,
    GuideStatus,
    ItemStatus,
    KeyArea,
    ReportStatus,
    RequestStatus,
)
from fazhi.disclosure.models import (
    REVIEW_FIGURES,
    AnnualReport,
    CatalogueItem,
    DisclosureRequest,
    Guide,
    WebsiteReport,
)
from fazhi.disclosure.workflow import GUIDE, ITEM, REPORT, REQUEST

PROACTIVE = "proactive-disclosure"
ANSWER = "disclosure-answer"
CORRECTION = "disclosure-correction"
THIRD_PARTY = "disclosure-third-party"
ITEM_FIELDS = ("category", "key_area", "title", "content", "link", "made_on")
GUIDE_FIELDS = ("office_name", "address", "phone", "online", "hours", "procedure")
REPORT_TEXTS = ("overview", "problems", "other_matters")
DEFAULT_INDEX_FORMAT = "{body}/{year}-{serial:05d}"
ONE_DAY = datetime.timedelta(days=1)


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _day(value, name: str, label: str, *, default_today: bool = True, required: bool = False) -> datetime.date:
    day = clean_date(value, name, label, required=required)
    if day is None:
        day = timezone.localdate() if default_today else None
    if day is not None and day > timezone.localdate():
        raise _refuse(name, _("%(label)s不能晚于今天。") % {"label": label})
    return day


def body_from(value, name: str = "body", label: str = "") -> Body:
    """A body named by id in a request; 400 when not an id, 404 when there is no such body."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 9:
        raise _refuse(name, _("请指定%(label)s。") % {"label": label or _("单位")})
    body = Body.objects.filter(pk=int(text)).first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body


# --- catalogue ---------------------------------------------------------------------------------


def _item_values(data: dict, *, partial: bool) -> dict:
    reject_unknown(data, ITEM_FIELDS)
    values = {}
    if not partial or "category" in data:
        values["category"] = clean_choice(data.get("category"), Category, "category", _("类别"))
    if not partial or "key_area" in data:
        values["key_area"] = clean_choice(data.get("key_area"), KeyArea, "key_area", _("重点领域"), required=False)
    if not partial or "title" in data:
        values["title"] = clean_text(data.get("title"), "title", _("标题"), required=True, limit=200)
    if not partial or "content" in data:
        values["content"] = clean_text(data.get("content"), "content", _("内容"), limit=50000)
    if not partial or "link" in data:
        link = clean_text(data.get("link"), "link", _("链接"), limit=500)
        if link and not (link.startswith("https://") or link.startswith("http://")):
            raise _refuse("link", _("链接应以 http:// 或 https:// 开头。"))
        values["link"] = link
    if not partial or "made_on" in data:
        values["made_on"] = _day(data.get("made_on"), "made_on", _("信息形成或变更日期"), required=True)
    return values


def _require_content(item: CatalogueItem) -> None:
    if not item.content and not item.link:
        raise _refuse("content", _("请填写内容或链接。"))


def _item_snapshot(item: CatalogueItem) -> dict:
    return audit.snapshot(
        item,
        ["category", "key_area", "index_number", "title", "link", "made_on", "published_on", "late", "status"],
    )


def _locked_item(item: CatalogueItem) -> CatalogueItem:
    return CatalogueItem.objects.select_for_update(of=("self",)).select_related("body", "deadline").get(pk=item.pk)


@transaction.atomic
def add_item(*, actor, body: Body, **data) -> CatalogueItem:
    """A draft entry of the body's catalogue; its 20 working days run from `made_on` (条例 art. 26)."""
    require(actor, "change", body, _("编制政府信息公开目录"))
    item = CatalogueItem(body=body, created_by=actor, **_item_values(data, partial=False))
    _require_content(item)
    item.save()
    item.deadline = clock.open_deadline(subject=item, matter=PROACTIVE, start_on=item.made_on, body=body, actor=actor)
    item.save(update_fields=["deadline"])
    audit.record(item, "disclosure.item_added", actor=actor, after=_item_snapshot(item))
    return item


@transaction.atomic
def change_item(item: CatalogueItem, *, actor, **data) -> CatalogueItem:
    """A draft is changed freely; a changed `made_on` counts its 20 working days again."""
    require(actor, "change", item.body, _("编制政府信息公开目录"))
    item = _locked_item(item)
    if item.status != ItemStatus.DRAFT:
        from fazhi.core.errors import Conflict

        raise Conflict(_("该信息已公开或已撤回，不能直接修改；已公开的信息请使用“更新”。"), code="locked")
    values = _item_values(data, partial=True)
    before = _item_snapshot(item)
    for name, value in values.items():
        setattr(item, name, value)
    _require_content(item)
    if "made_on" in values and item.deadline is not None and item.deadline.start_on != item.made_on:
        clock.close_deadline(item.deadline, closed_on=timezone.localdate(), actor=actor)
        item.deadline = clock.open_deadline(
            subject=item, matter=PROACTIVE, start_on=item.made_on, body=item.body, actor=actor
        )
    item.save()
    audit.record(item, "disclosure.item_changed", actor=actor, before=before, after=_item_snapshot(item))
    return item


def index_format() -> str:
    return getattr(settings, "FAZHI_DISCLOSURE_INDEX_FORMAT", DEFAULT_INDEX_FORMAT)


def _assign_index(item: CatalogueItem, day: datetime.date) -> None:
    Body.objects.select_for_update().filter(pk=item.body_id).first()  # one numberer per body at a time
    last = CatalogueItem.objects.filter(body_id=item.body_id, index_year=day.year).aggregate(n=Max("index_serial"))
    item.index_year = day.year
    item.index_serial = (last["n"] or 0) + 1
    item.index_number = index_format().format(body=item.body.code, year=day.year, serial=item.index_serial)


@transaction.atomic
def publish_item(item: CatalogueItem, *, actor, published_on=None) -> CatalogueItem:
    """公开: the item enters the public catalogue with its 索引号; its deadline is closed, late or not."""
    require(actor, "view", item.body, str(ITEM.transitions["publish"].label))
    item = _locked_item(item)
    ITEM.require(item, "publish", actor)
    day = _day(published_on, "published_on", _("公开日期"))
    if day < item.made_on:
        raise _refuse("published_on", _("公开日期不能早于信息形成日期。"))
    before = _item_snapshot(item)
    ITEM.apply(item, "publish", actor)
    item.published_on = day
    if not item.index_number:
        _assign_index(item, day)
    item.late = bool(item.deadline and item.deadline.due_on and day > item.deadline.due_on)
    if item.deadline is not None and item.deadline.closed_on is None:
        clock.close_deadline(item.deadline, closed_on=day, actor=actor)
    item.save()
    audit.record(item, "disclosure.item_published", actor=actor, before=before, after=_item_snapshot(item))
    return item


@transaction.atomic
def revise_item(item: CatalogueItem, *, actor, **data) -> CatalogueItem:
    """更新: a published item changed; the change is a new `made_on` with its own 20 working days,
    and is published now (late if now is past them)."""
    require(actor, "view", item.body, str(ITEM.transitions["revise"].label))
    item = _locked_item(item)
    ITEM.require(item, "revise", actor)
    if "made_on" not in data or data.get("made_on") in (None, ""):
        raise _refuse("made_on", _("更新须填写信息变更日期。"))
    values = _item_values(data, partial=True)
    if values["made_on"] < item.made_on:
        raise _refuse("made_on", _("变更日期不能早于原信息形成日期。"))
    before = _item_snapshot(item)
    for name, value in values.items():
        setattr(item, name, value)
    _require_content(item)
    today = timezone.localdate()
    item.deadline = clock.open_deadline(
        subject=item, matter=PROACTIVE, start_on=item.made_on, body=item.body, actor=actor
    )
    clock.close_deadline(item.deadline, closed_on=today, actor=actor)
    item.published_on = today
    item.late = bool(item.deadline.due_on and today > item.deadline.due_on)
    item.save()
    audit.record(item, "disclosure.item_revised", actor=actor, before=before, after=_item_snapshot(item))
    return item


@transaction.atomic
def withdraw_item(item: CatalogueItem, *, actor, reason=None, withdrawn_on=None) -> CatalogueItem:
    require(actor, "view", item.body, str(ITEM.transitions["withdraw"].label))
    item = _locked_item(item)
    ITEM.require(item, "withdraw", actor)
    reason = clean_text(reason, "reason", _("撤回理由"), required=True, limit=2000)
    day = _day(withdrawn_on, "withdrawn_on", _("撤回日期"))
    before = _item_snapshot(item)
    ITEM.apply(item, "withdraw", actor)
    item.withdrawn_on, item.withdraw_reason = day, reason
    if item.deadline is not None and item.deadline.closed_on is None:
        clock.close_deadline(item.deadline, closed_on=day, actor=actor)
    item.save()
    audit.record(
        item, "disclosure.item_withdrawn", actor=actor, before=before, after={**_item_snapshot(item), "reason": reason}
    )
    return item


# --- guides --------------------------------------------------------------------------------------


def _guide_values(data: dict, *, partial: bool) -> dict:
    reject_unknown(data, GUIDE_FIELDS)
    values = {}
    for name, label, limit, required in (
        ("office_name", _("政府信息公开工作机构"), 100, True),
        ("address", _("办公地址"), 300, True),
        ("phone", _("联系电话"), 60, True),
        ("online", _("网上申请渠道"), 300, False),
        ("hours", _("办公时间"), 200, True),
        ("procedure", _("申请程序"), 20000, True),
    ):
        if not partial or name in data:
            values[name] = clean_text(data.get(name), name, label, required=required, limit=limit)
    return values


@transaction.atomic
def draft_guide(*, actor, body: Body, **data) -> Guide:
    """A new version of the body's guide, drafted (the current one stays until this is published)."""
    require(actor, "change", body, _("编制政府信息公开指南"))
    values = _guide_values(data, partial=False)
    Body.objects.select_for_update().filter(pk=body.pk).first()
    last = Guide.objects.filter(body=body).aggregate(n=Max("version"))["n"] or 0
    guide = Guide.objects.create(body=body, version=last + 1, created_by=actor, **values)
    audit.record(guide, "disclosure.guide_drafted", actor=actor, after=audit.snapshot(guide))
    return guide


@transaction.atomic
def change_guide(guide: Guide, *, actor, **data) -> Guide:
    require(actor, "change", guide.body, _("编制政府信息公开指南"))
    guide = Guide.objects.select_for_update(of=("self",)).select_related("body").get(pk=guide.pk)
    if guide.status != GuideStatus.DRAFT:
        from fazhi.core.errors import Conflict

        raise Conflict(_("已发布的指南不能修改，请编制新版本。"), code="locked")
    before = audit.snapshot(guide)
    for name, value in _guide_values(data, partial=True).items():
        setattr(guide, name, value)
    guide.save()
    audit.record(guide, "disclosure.guide_changed", actor=actor, before=before, after=audit.snapshot(guide))
    return guide


@transaction.atomic
def publish_guide(guide: Guide, *, actor, published_on=None) -> Guide:
    """发布: this version becomes the current one; the one before is superseded."""
    require(actor, "view", guide.body, str(GUIDE.transitions["publish"].label))
    guide = Guide.objects.select_for_update(of=("self",)).select_related("body").get(pk=guide.pk)
    GUIDE.require(guide, "publish", actor)
    day = _day(published_on, "published_on", _("发布日期"))
    Guide.objects.filter(body=guide.body, status=GuideStatus.PUBLISHED).update(status=GuideStatus.SUPERSEDED)
    GUIDE.apply(guide, "publish", actor)
    guide.published_on = day
    guide.save(update_fields=["status", "published_on", "updated_at"])
    audit.record(guide, "disclosure.guide_published", actor=actor, after={"version": guide.version, "on": day})
    return guide


# --- requests ------------------------------------------------------------------------------------

REQUEST_DETAILS = ("applicant_kind", "id_number", "address", "info_form", "delivery")


def receive(submission: PublicSubmission, record) -> None:
    """The submission kind's `received` hook: an online request, waiting for 确认收到 (条例 art. 31)."""
    details = submission.details or {}
    DisclosureRequest.objects.create(
        submission=submission,
        body=submission.body,
        channel=Channel.ONLINE,
        submitted_on=timezone.localdate(submission.created_at),
        **{name: details.get(name, "") or "" for name in REQUEST_DETAILS},
    )


def _locked_request(request: DisclosureRequest) -> DisclosureRequest:
    return (
        DisclosureRequest.objects.select_for_update(of=("self",))
        .select_related("body", "submission", "answer_deadline", "correction_deadline", "third_party_deadline")
        .get(pk=request.pk)
    )


def _request_step(request: DisclosureRequest, name: str, actor) -> DisclosureRequest:
    """Lock the request and check who may take the step (404 for strangers) before any input."""
    request = _locked_request(request)
    REQUEST.require(request, name, actor)
    return request


def _open_clocks(request: DisclosureRequest, day: datetime.date, actor) -> None:
    request.received_on = day
    request.answer_deadline = clock.open_deadline(
        subject=request, matter=ANSWER, start_on=day, body=request.body, actor=actor
    )
    request.correction_deadline = clock.open_deadline(
        subject=request, matter=CORRECTION, start_on=day, body=request.body, actor=actor
    )


def _close_open(deadline, day, actor) -> None:
    if deadline is not None and deadline.closed_on is None:
        clock.close_deadline(deadline, closed_on=day, actor=actor)


@transaction.atomic
def confirm(request: DisclosureRequest, *, actor, received_on=None) -> DisclosureRequest:
    """确认收到: an online request is received on the day the body confirms it (条例 art. 31(3))."""
    request = _request_step(request, "confirm", actor)
    day = _day(received_on, "received_on", _("收到申请日期"))
    if day < request.submitted_on:
        raise _refuse("received_on", _("收到申请日期不能早于提交日期。"))
    REQUEST.apply(request, "confirm", actor)
    _open_clocks(request, day, actor)
    request.save()
    submission_services.progress(request.submission, status=SubmissionStatus.HANDLING, actor=actor)
    audit.record(request, "disclosure.request_confirmed", actor=actor, after={"received_on": day})
    return request


def _receipt_code() -> str:
    kind = submission_services.get_kind("disclosure_request")
    year = timezone.localdate().year
    alphabet = submission_services.ALPHABET
    for _attempt in range(10):
        code = f"{kind.code_prefix}-{year}-" + "".join(
            secrets.choice(alphabet) for _i in range(submission_services.CODE_LENGTH)
        )
        if not PublicSubmission.objects.filter(receipt_code=code).exists():
            return code
    raise RuntimeError("could not draw an unused receipt code")


@transaction.atomic
def enter_request(*, actor, body: Body, channel, submitted_on, data) -> tuple[DisclosureRequest, str]:
    """A request handed over in person or sent by letter, entered by the clerk with the day it was
    submitted or signed for (条例 art. 31(1)(2)): same kind, same register, its clock from that day.

    Returns the request and the receipt's secret, to give the applicant once."""
    require(actor, "change", body, _("登记政府信息公开申请"))
    errors: dict[str, list[str]] = {}
    try:
        channel = clean_choice(channel, Channel, "channel", _("申请方式"))
        if channel == Channel.ONLINE:
            raise _refuse("channel", _("网上提交的申请由申请人在门户提交，请选择当面提交或信函。"))
    except InvalidInput as exc:
        errors.update(exc.errors)
    try:
        day = _day(submitted_on, "submitted_on", _("提交或签收日期"), required=True)
    except InvalidInput as exc:
        errors.update(exc.errors)
    kind = submission_services.get_kind("disclosure_request")
    try:
        cleaned = submission_services.validate(kind, data)
    except InvalidInput as exc:
        errors.update(exc.errors or {"non_field_errors": [str(exc.detail)]})
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    secret = "".join(secrets.choice(submission_services.ALPHABET) for _i in range(submission_services.SECRET_LENGTH))
    columns = ("subject", "content", "submitter_name", "submitter_phone", "submitter_email")
    submission = PublicSubmission.objects.create(
        kind=kind.key,
        body=body,
        receipt_code=_receipt_code(),
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
    request = DisclosureRequest.objects.create(
        submission=submission,
        body=body,
        channel=channel,
        submitted_on=day,
        status=RequestStatus.HANDLING,
        **{name: cleaned.get(name, "") or "" for name in REQUEST_DETAILS},
    )
    _open_clocks(request, day, actor)
    request.save()
    submission_services.progress(submission, status=SubmissionStatus.HANDLING, actor=actor)
    audit.record(request, "disclosure.request_entered", actor=actor, after={"channel": channel, "received_on": day})
    return request, submission_services.format_secret(secret)


@transaction.atomic
def ask_correction(request: DisclosureRequest, *, actor, items=None, due_on=None, asked_on=None) -> DisclosureRequest:
    """告知补正, once, within 7 working days of receipt (条例 art. 30): the answer clock stops."""
    request = _request_step(request, "ask_correction", actor)
    items = clean_text(items, "items", _("需要补正的事项"), required=True, limit=5000)
    day = _day(asked_on, "asked_on", _("告知补正日期"))
    due = clean_date(due_on, "due_on", _("补正期限"))
    if day < request.received_on:
        raise _refuse("asked_on", _("告知补正日期不能早于收到申请日期。"))
    if request.correction_deadline.due_on and day > request.correction_deadline.due_on:
        raise _refuse(
            "asked_on",
            _("告知补正应在%(date)s前作出（条例第三十条）。") % {"date": day_text(request.correction_deadline.due_on)},
        )
    if due <= day:
        raise _refuse("due_on", _("补正期限应晚于告知补正日期。"))
    REQUEST.apply(request, "ask_correction", actor)
    request.correction_asked_on, request.correction_items, request.correction_due_on = day, items, due
    clock.close_deadline(request.correction_deadline, closed_on=day, actor=actor)
    clock.pause_deadline(request.answer_deadline, paused_on=day, reason=_("告知补正（条例第三十条）"), actor=actor)
    request.save()
    audit.record(request, "disclosure.correction_asked", actor=actor, after={"asked_on": day, "due_on": due})
    return request


@transaction.atomic
def receive_correction(request: DisclosureRequest, *, actor, corrected_on=None) -> DisclosureRequest:
    """收到补正: the answer period counts again in full from this day (条例 art. 30)."""
    request = _request_step(request, "corrected", actor)
    day = _day(corrected_on, "corrected_on", _("收到补正日期"))
    if day < request.correction_asked_on:
        raise _refuse("corrected_on", _("收到补正日期不能早于告知补正日期。"))
    REQUEST.apply(request, "corrected", actor)
    request.corrected_on = day
    clock.resume_deadline(request.answer_deadline, resumed_on=day, actor=actor)
    clock.restart_deadline(
        request.answer_deadline, restarted_on=day, reason=_("收到补正的申请（条例第三十条）"), actor=actor
    )
    request.save()
    audit.record(request, "disclosure.correction_received", actor=actor, after={"corrected_on": day})
    return request


NO_CORRECTION_TEXT = (
    "申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理该政府信息公开申请"
    "（《中华人民共和国政府信息公开条例》第三十条）。"
)


@transaction.atomic
def close_uncorrected(request: DisclosureRequest, *, actor, text=None) -> DisclosureRequest:
    """No correction in the period: treated as withdrawn, 其他处理 (1) in the yearly report."""
    request = _request_step(request, "correction_lapsed", actor)
    text = clean_text(text, "text", _("答复内容"), limit=20000) or NO_CORRECTION_TEXT
    today = timezone.localdate()
    REQUEST.apply(request, "correction_lapsed", actor)
    request.answer_type, request.ground, request.answer_text = AnswerType.OTHER, Ground.NO_CORRECTION, text
    request.answered_on = today
    _close_open(request.answer_deadline, today, actor)
    request.save()
    submission_services.progress(request.submission, status=SubmissionStatus.CLOSED, actor=actor, reply=text)
    audit.record(request, "disclosure.request_closed_uncorrected", actor=actor, after={"closed_on": today})
    return request


@transaction.atomic
def extend(request: DisclosureRequest, *, actor, length=None, reason=None, approved_on=None) -> DisclosureRequest:
    """延长答复期限: once, by at most 20 working days, with the approval of the head of the
    disclosure office (条例 art. 33) — the head takes this step; the applicant sees it."""
    request = _request_step(request, "extend", actor)
    text = str(length).strip() if isinstance(length, int | str) and not isinstance(length, bool) else ""
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise _refuse("length", _("延长期间应为1至20个工作日（条例第三十三条）。"))
    reason = clean_text(reason, "reason", _("延长理由"), required=True, limit=2000)
    day = _day(approved_on, "approved_on", _("批准日期"))
    approver = getattr(actor, "full_name", "") or actor.get_username()
    clock.extend_deadline(
        request.answer_deadline, length=int(text), approved_by=approver, approved_on=day, reason=reason, actor=actor
    )
    audit.record(request, "disclosure.request_extended", actor=actor, after={"length": int(text), "by": approver})
    return request


@transaction.atomic
def consult(request: DisclosureRequest, *, actor, third_party=None, consulted_on=None) -> DisclosureRequest:
    """征求第三方意见 (条例 art. 32): the answer clock stops; the third party has 15 working days."""
    request = _request_step(request, "consult", actor)
    third_party = clean_text(third_party, "third_party", _("第三方"), required=True, limit=200)
    day = _day(consulted_on, "consulted_on", _("征求意见日期"))
    if day < request.received_on:
        raise _refuse("consulted_on", _("征求意见日期不能早于收到申请日期。"))
    REQUEST.apply(request, "consult", actor)
    request.third_party, request.consulted_on, request.third_party_replied_on = third_party, day, None
    _close_open(request.correction_deadline, day, actor)
    clock.pause_deadline(
        request.answer_deadline, paused_on=day, reason=_("征求第三方意见（条例第三十二条）"), actor=actor
    )
    request.third_party_deadline = clock.open_deadline(
        subject=request, matter=THIRD_PARTY, start_on=day, body=request.body, actor=actor
    )
    request.save()
    audit.record(request, "disclosure.third_party_consulted", actor=actor, after={"consulted_on": day})
    return request


@transaction.atomic
def resume(request: DisclosureRequest, *, actor, replied_on=None) -> DisclosureRequest:
    """The third party answered on `replied_on`, or (no date) its 15 working days ran out: the
    answer clock runs again from that day, or from the day after the third party's period."""
    request = _request_step(request, "resume", actor)
    third = request.third_party_deadline
    replied = _day(replied_on, "replied_on", _("第三方答复日期"), default_today=False)
    if replied is None:
        if third.due_on is None or timezone.localdate() <= third.due_on:
            raise _refuse(
                "replied_on",
                _("第三方提出意见的期限至%(date)s，尚未届满：第三方已答复的，请填写答复日期。")
                % {"date": day_text(third.due_on)},
            )
        resumed, closed = third.due_on + ONE_DAY, third.due_on
    else:
        if replied < request.consulted_on:
            raise _refuse("replied_on", _("第三方答复日期不能早于征求意见日期。"))
        resumed, closed = replied, replied
    REQUEST.apply(request, "resume", actor)
    request.third_party_replied_on = replied
    clock.close_deadline(third, closed_on=closed, actor=actor)
    clock.resume_deadline(request.answer_deadline, resumed_on=resumed, actor=actor)
    request.save()
    audit.record(request, "disclosure.consultation_ended", actor=actor, after={"resumed_on": resumed})
    return request


def clean_answer(answer_type, ground) -> tuple[str, str]:
    answer_type = clean_choice(answer_type, AnswerType, "answer_type", _("办理结果"))
    allowed = GROUNDS[answer_type]
    if not allowed:
        if ground not in (None, ""):
            raise _refuse("ground", _("“%(type)s”不需要选择理由。") % {"type": AnswerType(answer_type).label})
        return answer_type, ""
    if not isinstance(ground, str) or ground not in allowed:
        options = "、".join(str(Ground(g).label) for g in allowed)
        raise _refuse(
            "ground",
            _("“%(type)s”须选择理由：%(options)s。") % {"type": AnswerType(answer_type).label, "options": options},
        )
    return answer_type, ground


@transaction.atomic
def answer(request: DisclosureRequest, *, actor, answer_type=None, ground=None, text=None, answered_on=None):
    """答复 (条例 arts. 36–39): the type of answer as the national format types it, the written
    answer the applicant reads with the receipt; late when after the (extended) due date."""
    request = _request_step(request, "answer", actor)
    answer_type, ground = clean_answer(answer_type, ground)
    text = clean_text(text, "text", _("答复内容"), required=True, limit=20000)
    day = _day(answered_on, "answered_on", _("答复日期"))
    if day < request.received_on:
        raise _refuse("answered_on", _("答复日期不能早于收到申请日期。"))
    REQUEST.apply(request, "answer", actor)
    request.answer_type, request.ground, request.answer_text, request.answered_on = answer_type, ground, text, day
    due = request.answer_deadline.due_on
    request.late = bool(due and day > due)
    clock.close_deadline(request.answer_deadline, closed_on=day, actor=actor)
    _close_open(request.correction_deadline, day, actor)
    request.save()
    submission_services.progress(request.submission, status=SubmissionStatus.ANSWERED, actor=actor, reply=text)
    audit.record(
        request,
        "disclosure.request_answered",
        actor=actor,
        after={"answer_type": answer_type, "ground": ground, "answered_on": day, "late": request.late},
    )
    return request


def run_step(request: DisclosureRequest, name: str, *, actor, data: dict) -> DisclosureRequest:
    """One entry for pages and the API: the step by name with its fields (unknown ones refused)."""
    steps = {
        "confirm": (confirm, ("received_on",)),
        "ask_correction": (ask_correction, ("items", "due_on", "asked_on")),
        "corrected": (receive_correction, ("corrected_on",)),
        "correction_lapsed": (close_uncorrected, ("text",)),
        "extend": (extend, ("length", "reason", "approved_on")),
        "consult": (consult, ("third_party", "consulted_on")),
        "resume": (resume, ("replied_on",)),
        "answer": (answer, ("answer_type", "ground", "text", "answered_on")),
    }
    if name not in steps:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    function, fields = steps[name]
    request = DisclosureRequest.objects.select_related("body", "submission", "answer_deadline").get(pk=request.pk)
    REQUEST.require(request, name, actor, gates=False)
    reject_unknown(data, fields)
    return function(request, actor=actor, **{field: data.get(field) for field in fields})


# --- yearly reports ------------------------------------------------------------------------------


def _figure(value, name: str) -> int:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 7:
        raise _refuse(name, _("应为不小于0的整数。"))
    return int(text)


def _report_values(data: dict) -> dict:
    reject_unknown(data, (*REPORT_TEXTS, "review_figures"))
    values = {}
    for name, label in (
        ("overview", _("总体情况")),
        ("problems", _("存在的主要问题及改进情况")),
        ("other_matters", _("其他需要报告的事项")),
    ):
        if name in data:
            values[name] = clean_text(data.get(name), name, label, limit=50000)
    if "review_figures" in data:
        figures = data["review_figures"]
        if not isinstance(figures, dict):
            raise _refuse("review_figures", _("行政复议、行政诉讼情况应为各项数字。"))
        reject_unknown(figures, REVIEW_FIGURES)
        values["review_figures"] = {name: _figure(figures.get(name, 0), name) for name in REVIEW_FIGURES}
    return values


@transaction.atomic
def open_report(*, actor, body: Body, year) -> AnnualReport:
    require(actor, "change", body, _("编写政府信息公开工作年度报告"))
    year = _figure(year, "year")
    if not 2008 <= year <= timezone.localdate().year:
        raise _refuse("year", _("年度应为2008年至今年之间的年份。"))
    report, created = AnnualReport.objects.get_or_create(body=body, year=year)
    if created:
        audit.record(report, "disclosure.report_opened", actor=actor, after={"year": year})
    return report


@transaction.atomic
def change_report(report: AnnualReport, *, actor, **data) -> AnnualReport:
    require(actor, "change", report.body, _("编写政府信息公开工作年度报告"))
    report = AnnualReport.objects.select_for_update(of=("self",)).select_related("body").get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        from fazhi.core.errors import Conflict

        raise Conflict(_("报告已提交或公布，不能修改；如需修改请由负责人退回。"), code="locked")
    values = _report_values(data)
    before = audit.snapshot(report, [*REPORT_TEXTS, "review_figures"])
    for name, value in values.items():
        setattr(report, name, value)
    report.save()
    audit.record(
        report, "disclosure.report_changed", actor=actor, before=before, after=audit.snapshot(report, list(values))
    )
    return report


@transaction.atomic
def report_step(report: AnnualReport, name: str, *, actor) -> AnnualReport:
    """提交 (the clerk), 退回修改 or 公布 (the head); publishing freezes the figures."""
    from fazhi.disclosure import selectors

    report = AnnualReport.objects.select_for_update(of=("self",)).select_related("body").get(pk=report.pk)
    before, after = REPORT.apply(report, name, actor)
    today = timezone.localdate()
    if name == "submit":
        report.submitted_on = today
    if name == "publish":
        report.published_on = today
        report.figures = selectors.report_figures(report.body, report.year)
    report.save()
    audit.record(report, f"disclosure.report_{name}", actor=actor, before={"status": before}, after={"status": after})
    return report


@transaction.atomic
def record_website_report(*, actor, body: Body, year, published_on=None, link=None) -> WebsiteReport:
    """政府网站工作年度报表: where and when it was published."""
    require(actor, "change", body, _("登记政府网站工作年度报表"))
    year = _figure(year, "year")
    if not 2008 <= year <= timezone.localdate().year:
        raise _refuse("year", _("年度应为2008年至今年之间的年份。"))
    day = _day(published_on, "published_on", _("公布日期"))
    link = clean_text(link, "link", _("链接"), required=True, limit=500)
    if not (link.startswith("https://") or link.startswith("http://")):
        raise _refuse("link", _("链接应以 http:// 或 https:// 开头。"))
    report, _created = WebsiteReport.objects.update_or_create(
        body=body, year=year, defaults={"published_on": day, "link": link}
    )
    audit.record(report, "disclosure.website_report_recorded", actor=actor, after={"year": year, "on": day})
    return report


def may_see_identity(user, request: DisclosureRequest) -> bool:
    return submission_services.identity_visible(user, request.submission)
