"""Every change to normative documents, one function each (STYLE: "Changes go through services").

Each owns its transaction, locks the document, asks `workflow.DOCUMENT` (which refuses with the
Chinese reason), applies the change, writes the audit event and keeps the search index in step.
Pages, the API, the admin and commands call these functions; nothing else sets a status. The
procedures themselves (consultation, reviews, meeting records) are `fazhi.procedures` records
about the document, started here and moved on through that app's services and pages.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock.workdays import add_months
from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.choices import BodyKind, Role
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import TEXT_MAX, clean_choice, clean_date, clean_text, reject_unknown
from fazhi.core.models import Body
from fazhi.core.services import attachments as attachment_services
from fazhi.core.services.notifications import notify
from fazhi.core.services.people import members
from fazhi.documents import filing, workflow
from fazhi.documents.choices import DocumentKind, DocumentStatus, EvaluationDecision, PublicStatus
from fazhi.documents.models import (
    DocumentSettings,
    InterpretationFile,
    NormativeDocument,
    Registration,
    ValidityEvaluation,
)
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind
from fazhi.numbering.models import NumberFormat
from fazhi.procedures import services as procedures
from fazhi.procedures.choices import CommentPeriod, ReviewKind
from fazhi.texts.search import service as search

GOVERNMENT_KINDS = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT)
S = DocumentStatus


def government_of(body: Body) -> Body:
    """The same-level government of a body: itself when it is one, else its nearest ancestor that is."""
    candidates = Body.objects.filter(pk__in=body.ancestor_ids() or [body.pk], kind__in=GOVERNMENT_KINDS)
    government = max(candidates, key=lambda candidate: len(candidate.tree_path), default=None)
    if government is None:
        raise InvalidInput(_("%(body)s不属于任何市（区）人民政府，不能制定规范性文件。") % {"body": body.name})
    return government


def _flag(data: dict, name: str, label: str) -> bool:
    value = data[name]
    if not isinstance(value, bool):
        message = _("%(label)s应为“是”或“否”。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return value


def _doc_number(value, document: NormativeDocument | None) -> str:
    """A typed-in 发文字号, checked against GB/T 9704 and against every other document's."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    parts = numbering.validate_doc_number(value)
    taken = NormativeDocument.objects.filter(doc_number=parts.text)
    if document is not None and document.pk:
        taken = taken.exclude(pk=document.pk)
    if taken.exists():
        message = _("发文字号“%(text)s”已被另一份文件使用。") % {"text": parts.text}
        raise Conflict(message, errors={"doc_number": [message]}, code="duplicate")
    return parts.text


def _replaced(value, document: NormativeDocument | None, actor) -> NormativeDocument | None:
    if value in (None, ""):
        return None
    if isinstance(value, NormativeDocument):
        value = value.pk
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        message = _("所替代的文件应为文件编号。")
        raise InvalidInput(message, errors={"replaces": [message]})
    replaced = NormativeDocument.objects.published().filter(pk=int(value)).first()
    if replaced is None or (document is not None and replaced.pk == document.pk):
        message = _("所替代的文件应为已发布的规范性文件。")
        raise InvalidInput(message, errors={"replaces": [message]})
    return replaced


DRAFT_FIELDS = (
    "kind",
    "title",
    "text",
    "drafting_note",
    "doc_number",
    "is_policy_document",
    "interpretation",
    "touches_market",
    "is_provisional",
    "long_term",
    "long_term_reason",
    "occurred_on",
    "effective_on",
    "expires_on",
    "replaces",
)
FLAGS = {
    "is_policy_document": _("政策性文件"),
    "touches_market": _("涉及市场主体经济活动"),
    "is_provisional": _("暂行或试行"),
    "long_term": _("长期执行"),
}


def _draft_values(data: dict, document: NormativeDocument | None, actor) -> dict:
    reject_unknown(data, DRAFT_FIELDS)
    values = {}
    if "kind" in data:
        values["kind"] = clean_choice(data["kind"], DocumentKind, "kind", _("文件类别"))
    for name, label, required, limit in (
        ("title", _("标题"), True, 200),
        ("text", _("正文"), False, TEXT_MAX),
        ("drafting_note", _("起草说明"), False, TEXT_MAX),
        ("interpretation", _("解读材料"), False, TEXT_MAX),
        ("long_term_reason", _("长期执行的理由"), False, 5000),
    ):
        if name in data:
            values[name] = clean_text(data[name], name, label, required=required, limit=limit)
    for name, label in FLAGS.items():
        if name in data:
            values[name] = _flag(data, name, label)
    for name, label in (
        ("occurred_on", _("成文日期")),
        ("effective_on", _("施行日期")),
        ("expires_on", _("有效期至")),
    ):
        if name in data:
            values[name] = clean_date(data[name], name, label, required=False)
    if "doc_number" in data:
        values["doc_number"] = _doc_number(data["doc_number"], document)
    if "replaces" in data:
        values["replaces"] = _replaced(data["replaces"], document, actor)
    return values


def _check_dates(document: NormativeDocument) -> None:
    if document.effective_on and document.expires_on and document.expires_on < document.effective_on:
        message = _("有效期至不能早于施行日期。")
        raise InvalidInput(message, errors={"expires_on": [message]})


def _save(document: NormativeDocument) -> None:
    """Save, turning a lost race for a unique number into the same 409 as the check before it."""
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        message = _("发文字号或登记号已被另一份文件使用。")
        raise Conflict(message, errors={"doc_number": [message]}, code="duplicate") from None
    search.index(document)


def _locked(document: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update().select_related("body", "government").get(pk=document.pk)


@transaction.atomic
def create_draft(*, actor, body: Body, **data) -> NormativeDocument:
    """A new draft of `body`; its government is found from the body tree."""
    require(actor, "change", body, _("起草规范性文件"))
    for name in ("kind", "title"):
        data.setdefault(name, None)
    government = government_of(body)
    document = NormativeDocument(body=body, government=government, created_by=actor)
    for name, value in _draft_values(data, document, actor).items():
        setattr(document, name, value)
    _check_dates(document)
    _save(document)
    audit.record(document, "documents.draft_created", actor=actor, after=audit.snapshot(document))
    return document


@transaction.atomic
def update_draft(document: NormativeDocument, *, actor, **data) -> NormativeDocument:
    """Change a draft (the text is revised after comments and review); refused once published."""
    require(actor, "change", document.body, _("修改规范性文件"))
    document = _locked(document)
    if document.status not in workflow.EDITABLE_STATUSES:
        raise Conflict(
            _("文件状态为“%(status)s”，不能再修改。") % {"status": document.get_status_display()}, code="locked"
        )
    values = _draft_values(data, document, actor)
    if "kind" in values and values["kind"] != document.kind and document.status == S.NUMBERED:
        raise Conflict(_("文件已统一编号，不能再改变文件类别。"), code="locked")
    fields = list(values)
    before = audit.snapshot(document, fields)
    for name, value in values.items():
        setattr(document, name, value)
    _check_dates(document)
    _save(document)
    audit.record(
        document, "documents.draft_changed", actor=actor, before=before, after=audit.snapshot(document, fields)
    )
    return document


def _move(document: NormativeDocument, name: str, *, actor, event: str, extra: dict | None = None):
    before, after = workflow.DOCUMENT.apply(document, name, actor)
    _save(document)
    audit.record(document, event, actor=actor, before={"status": before}, after={"status": after, **(extra or {})})
    return document


@transaction.atomic
def start_consultation(
    document: NormativeDocument, *, actor, closes_on, opens_on=None, shortened_reason=None
) -> NormativeDocument:
    """公开征求意见 (意见第七条): the draft goes on the portal for at least the configured minimum."""
    document = _locked(document)
    workflow.DOCUMENT.require(document, "start_consultation", actor)
    consultation = procedures.start_consultation(
        document,
        actor=actor,
        title=_("关于公开征求《%(title)s》意见的公告") % {"title": document.title},
        text=document.text,
        explanation=document.drafting_note,
        period=CommentPeriod.NORMATIVE,
        opens_on=opens_on or timezone.localdate(),
        closes_on=closes_on,
        shortened_reason=shortened_reason,
    )
    procedures.open_consultation(consultation, actor=actor)
    return _move(
        document,
        "start_consultation",
        actor=actor,
        event="documents.consultation_started",
        extra={"consultation": consultation.pk},
    )


@transaction.atomic
def submit_competition_review(document: NormativeDocument, *, actor) -> NormativeDocument:
    """公平竞争审查 by the drafting body itself (公平竞争审查条例 art. 13); a government-level measure
    needs the market regulator with it (art. 14), which the review records."""
    document = _locked(document)
    workflow.DOCUMENT.require(document, "submit_competition_review", actor)
    review = procedures.open_review(
        document,
        actor=actor,
        kind=ReviewKind.FAIR_COMPETITION,
        title=document.title,
        stages=[{"reviewer_body": document.body}],
        government_level=document.kind == DocumentKind.GOVERNMENT,
    )
    return _move(
        document,
        "submit_competition_review",
        actor=actor,
        event="documents.competition_review_submitted",
        extra={"review": review.pk},
    )


def review_stages(document: NormativeDocument) -> list[dict]:
    """The legality review's stages as the government configured them: the body's own legal office
    first where two-stage review is set and it has one, then the registering legal office."""
    legal_office = document.settings.legal_office
    stages = []
    if document.settings.two_stage_review and document.body.has_legal_office and document.body_id != legal_office.pk:
        stages.append({"reviewer_body": document.body})
    stages.append({"reviewer_body": legal_office})
    return stages


@transaction.atomic
def submit_legality_review(
    document: NormativeDocument, *, actor, due_on=None, shortened_reason=None
) -> NormativeDocument:
    """报送合法性审查: the draft is registered with the same-level government's legal office
    (统一登记, 意见第八条) and its review opens in the configured stages."""
    document = _locked(document)
    workflow.DOCUMENT.require(document, "submit_legality_review", actor)
    legal_office = document.settings.legal_office
    registration, created = Registration.objects.get_or_create(
        document=document,
        defaults={"registering_body": legal_office, "registered_on": timezone.localdate(), "registered_by": actor},
    )
    if created:
        audit.record(
            registration,
            "documents.registered",
            actor=actor,
            body_id=document.body_id,
            after={
                "document": document.pk,
                "registering_body": legal_office.pk,
                "registered_on": registration.registered_on,
            },
        )
    review = procedures.open_review(
        document,
        actor=actor,
        kind=ReviewKind.LEGALITY,
        title=document.title,
        stages=review_stages(document),
        due_on=due_on,
        shortened_reason=shortened_reason,
        government_level=document.kind == DocumentKind.GOVERNMENT,
    )
    return _move(
        document,
        "submit_legality_review",
        actor=actor,
        event="documents.submitted_for_review",
        extra={"registration": registration.pk, "review": review.pk},
    )


@transaction.atomic
def conclude_review(document: NormativeDocument, *, actor) -> NormativeDocument:
    """The legality review has passed: the draft goes to collective discussion."""
    document = _locked(document)
    return _move(document, "conclude_review", actor=actor, event="documents.review_concluded")


@transaction.atomic
def record_decision(document: NormativeDocument, *, actor) -> NormativeDocument:
    """集体讨论决定 (意见第七条) recorded: a signed, quorate meeting record that agreed."""
    document = _locked(document)
    return _move(document, "record_decision", actor=actor, event="documents.decided")


@transaction.atomic
def record_meeting(document: NormativeDocument, *, actor, **data):
    """集体讨论 (意见第七条) recorded as a procedures meeting record about the document, which is then
    completed, given its minutes and signed on that record's own page. Only a draft whose legality
    review has passed may go to the meeting: a draft not reviewed is not to be discussed."""
    document = _locked(document)
    require(actor, "change", document.body, _("记录集体讨论"))
    if document.status != S.REVIEWED:
        raise Conflict(
            _("合法性审查通过后方可提交集体讨论；文件现为“%(status)s”。") % {"status": document.get_status_display()},
            code="invalid_transition",
        )
    reject_unknown(data, procedures.MEETING_FIELDS)
    return procedures.record_meeting(document, actor=actor, **data)


def attach_interpretation_file(document: NormativeDocument, uploaded, *, actor) -> InterpretationFile:
    """A file of the interpretation material (意见第二十八条). It can be added only before publication,
    so that what the portal shows with the document is what was published with it."""
    require(actor, "change", document.body, _("上传解读材料"))
    with attachment_services.files_removed_on_failure(), transaction.atomic():
        document = _locked(document)
        if document.status not in workflow.EDITABLE_STATUSES:
            raise Conflict(
                _("文件状态为“%(status)s”，解读材料须与文件同步发布，不能再补充。")
                % {"status": document.get_status_display()},
                code="locked",
            )
        attachment = attachment_services.attach(document, uploaded, actor=actor, body=document.body)
        item = InterpretationFile.objects.create(document=document, attachment=attachment)
        audit.record(
            document,
            "documents.interpretation_attached",
            actor=actor,
            after={"interpretation_file": item.pk, "attachment": attachment.pk, "name": attachment.original_name},
        )
        return item


def remove_interpretation_file(item: InterpretationFile, *, actor) -> NormativeDocument:
    """Take a file out of the interpretation material while the document is still a draft that its
    drafting body may change. Once published, the files were published with the document
    (意见第二十八条) and are part of the public record: they stay. Returns the document."""
    require(actor, "change", item.document.body, _("删除解读材料文件"))
    with transaction.atomic():
        document = _locked(item.document)
        item = InterpretationFile.objects.select_related("attachment").filter(pk=item.pk, document=document).first()
        if item is None:
            raise NotFound(_("未找到该解读材料文件。"))
        if document.is_published:
            raise Conflict(
                _("文件已发布，解读材料文件已随文件公开，属于公开记录，不能删除。"),
                code="locked",
            )
        if document.status not in workflow.EDITABLE_STATUSES:
            raise Conflict(
                _("文件状态为“%(status)s”，解读材料文件不能再删除。") % {"status": document.get_status_display()},
                code="locked",
            )
        attachment = item.attachment
        audit.record(
            document,
            "documents.interpretation_removed",
            actor=actor,
            before={
                "interpretation_file": item.pk,
                "attachment": attachment.pk,
                "name": attachment.original_name,
                "sha256": attachment.sha256,
            },
        )
        item.delete()
        attachment_services.remove(attachment, actor=actor)
    return document


@transaction.atomic
def assign_number(document: NormativeDocument, *, actor) -> NormativeDocument:
    """统一编号 (意见第八条): the next registration number of the configured format, by 市府办 for a
    government document or by the legal office for a departmental one."""
    document = _locked(document)
    name = workflow.numbering_transition(document)
    workflow.DOCUMENT.require(document, name, actor)
    issued = numbering.issue_number(document.registration_format, actor=actor, record=document, note=document.title)
    document.registration_number, document.registration_issued = issued.text, issued
    return _move(document, name, actor=actor, event="documents.numbered", extra={"registration_number": issued.text})


@transaction.atomic
def publish(
    document: NormativeDocument, *, actor, effective_on=None, expires_on=None, published_on=None
) -> NormativeDocument:
    """统一发布 by the government office (意见第八条); refused for a policy document without its
    interpretation (第二十八条) and for a validity beyond the maximum (第九条). Publishing a document
    that replaces another marks the other amended."""
    document = _locked(document)
    today = timezone.localdate()
    published_on = clean_date(published_on, "published_on", _("发布日期"), required=False) or today
    if published_on > today:
        message = _("发布日期不能晚于今天。")
        raise InvalidInput(message, errors={"published_on": [message]})
    for name, label, value in (
        ("effective_on", _("施行日期"), effective_on),
        ("expires_on", _("有效期至"), expires_on),
    ):
        if value not in (None, ""):
            setattr(document, name, clean_date(value, name, label))
    if document.effective_on is None:
        document.effective_on = published_on
    document.published_on, document.published_by = published_on, actor
    _move(
        document,
        "publish",
        actor=actor,
        event="documents.published",
        extra={
            "published_on": published_on,
            "effective_on": document.effective_on,
            "expires_on": document.expires_on,
            "long_term": document.long_term,
            "doc_number": document.doc_number,
            "registration_number": document.registration_number,
        },
    )
    filing.file_published(document)
    replaced = document.replaces
    if replaced is not None and replaced.status == S.IN_FORCE:
        replaced = _locked(replaced)
        replaced.amended_by, replaced.amended_on = document, published_on
        _move(replaced, "amend", actor=actor, event="documents.amended", extra={"amended_by": document.pk})
    return document


@transaction.atomic
def repeal(document: NormativeDocument, *, actor, reason, repealed_on=None) -> NormativeDocument:
    """废止, published by the government office with its reason."""
    document = _locked(document)
    document.end_reason = clean_text(reason, "reason", _("废止的理由"), required=True, limit=5000)
    document.repealed_on = clean_date(repealed_on, "repealed_on", _("废止日期"), required=False) or timezone.localdate()
    if document.published_on and document.repealed_on < document.published_on:
        message = _("废止日期不能早于发布日期。")
        raise InvalidInput(message, errors={"repealed_on": [message]})
    return _move(
        document,
        "repeal",
        actor=actor,
        event="documents.repealed",
        extra={"reason": document.end_reason, "repealed_on": document.repealed_on},
    )


@transaction.atomic
def withdraw(document: NormativeDocument, *, actor, reason) -> NormativeDocument:
    """撤回 a draft that will not be issued; it stays on record with its procedures."""
    document = _locked(document)
    document.end_reason = clean_text(reason, "reason", _("撤回的理由"), required=True, limit=5000)
    return _move(document, "withdraw", actor=actor, event="documents.withdrawn", extra={"reason": document.end_reason})


# --- validity: expiry and the evaluation before it ------------------------------------------


def record_expiries(today: datetime.date) -> int:
    """Record the transition to 失效 of every document whose validity ended before `today`.

    The portal already shows these as 失效 from the dates; this writes the fact and its audit
    event. Each row is claimed with a conditional UPDATE, so two sweeps record it once.
    """
    candidates = list(
        NormativeDocument.objects.filter(status=S.IN_FORCE, long_term=False, expires_on__lt=today).values_list(
            "pk", "expires_on"
        )
    )
    recorded = 0
    for pk, expires_on in candidates:
        with transaction.atomic():
            claimed = NormativeDocument.objects.filter(pk=pk, status=S.IN_FORCE, expires_on=expires_on).update(
                status=workflow.EXPIRE.target, updated_at=timezone.now()
            )
            if not claimed:
                continue
            document = NormativeDocument.objects.get(pk=pk)
            audit.record(
                document,
                "documents.expired",
                actor=None,
                before={"status": S.IN_FORCE},
                after={"status": workflow.EXPIRE.target, "expires_on": expires_on},
            )
            search.index(document)
            recorded += 1
    return recorded


def evaluation_opens_on(expires_on: datetime.date) -> datetime.date:
    return add_months(expires_on, -workflow.EVALUATION_LEAD_MONTHS)


def open_due_evaluations(today: datetime.date) -> int:
    """Open an evaluation for every document in force whose expiry is within six months of `today`,
    and tell the body's clerks. The unique (document, expiry) pair makes a second sweep a no-op."""
    # A month's slack over the lead: month ends make "six months before" uneven; the loop decides.
    due = NormativeDocument.objects.filter(
        status=S.IN_FORCE,
        long_term=False,
        expires_on__gte=today,
        expires_on__lte=add_months(today, workflow.EVALUATION_LEAD_MONTHS + 1),
    ).exclude(evaluations__for_expiry=F("expires_on"))
    opened = 0
    for document in due.select_related("body").order_by("expires_on", "pk"):
        if evaluation_opens_on(document.expires_on) > today:
            continue
        with transaction.atomic():
            evaluation, created = ValidityEvaluation.objects.get_or_create(
                document=document,
                for_expiry=document.expires_on,
                defaults={"body": document.body, "due_on": document.expires_on, "opened_on": today},
            )
            if not created:
                continue
            audit.record(
                evaluation,
                "documents.evaluation_opened",
                actor=None,
                after={"document": document.pk, "due_on": evaluation.due_on, "opened_on": today},
            )
            link = reverse("documents:office-detail", args=[document.pk])
            notify(
                members([document.body_id], [Role.CLERK]),
                _("请评估规范性文件《%(title)s》：有效期至%(day)s")
                % {"title": document.title, "day": workflow.day_text(document.expires_on)},
                message=_("有效期届满前应进行评估，决定继续有效、修改或废止（意见第九条）。"),
                link=link,
            )
            opened += 1
    return opened


@transaction.atomic
def decide_evaluation(
    evaluation: ValidityEvaluation, *, actor, decision, reason, new_expires_on=None
) -> ValidityEvaluation:
    """The evaluation's decision: continue with a new validity (within the maximum from the day after
    the current expiry), amend (a new draft replacing the document is opened) or repeal (the
    government office then repeals it)."""
    require(actor, "change", evaluation.body, _("有效期评估"))
    evaluation = ValidityEvaluation.objects.select_for_update().select_related("document").get(pk=evaluation.pk)
    if evaluation.decision:
        raise Conflict(_("该评估已作出结论。"), code="locked")
    decision = clean_choice(decision, EvaluationDecision, "decision", _("评估结论"))
    reason = clean_text(reason, "reason", _("评估意见"), required=True, limit=TEXT_MAX)
    document = _locked(evaluation.document)
    if document.status != S.IN_FORCE or document.public_status() == PublicStatus.EXPIRED:
        raise Conflict(
            _("文件状态为“%(status)s”，不能再评估。") % {"status": document.get_status_display()}, code="locked"
        )
    if decision == EvaluationDecision.CONTINUE:
        new_expires_on = clean_date(new_expires_on, "new_expires_on", _("新的有效期至"))
        start = evaluation.for_expiry + datetime.timedelta(days=1)
        latest = workflow.latest_expiry(document, start)
        if not evaluation.for_expiry < new_expires_on <= latest:
            message = _("继续有效的，新的有效期应晚于%(old)s且不超过%(latest)s。") % {
                "old": workflow.day_text(evaluation.for_expiry),
                "latest": workflow.day_text(latest),
            }
            raise InvalidInput(message, errors={"new_expires_on": [message]})
        before = {"expires_on": document.expires_on}
        document.expires_on = new_expires_on
        _save(document)
        audit.record(
            document,
            "documents.validity_extended",
            actor=actor,
            before=before,
            after={"expires_on": new_expires_on, "evaluation": evaluation.pk},
        )
        evaluation.new_expires_on = new_expires_on
    evaluation.decision, evaluation.reason = decision, reason
    evaluation.decided_by, evaluation.decided_at = actor, timezone.now()
    evaluation.save()
    audit.record(
        evaluation,
        "documents.evaluation_decided",
        actor=actor,
        after={"decision": decision, "reason": reason, "new_expires_on": evaluation.new_expires_on},
    )
    if decision == EvaluationDecision.AMEND:
        create_draft(
            actor=actor,
            body=document.body,
            kind=document.kind,
            title=document.title,
            text=document.text,
            is_policy_document=document.is_policy_document,
            touches_market=document.touches_market,
            is_provisional=document.is_provisional,
            replaces=document.pk,
        )
    return evaluation


# --- settings: how a government runs the three unifications -----------------------------------

SETTINGS_FIELDS = ("legal_office", "two_stage_review", "government_number_format", "department_number_format")


def _settings_refusals(government: Body, values: dict) -> dict[str, str]:
    """What is wrong with a government's settings, by field: the legal office must be one of its own
    bodies (not a lower government's), and each registration format a 登记号 format of the office
    that numbers with it."""
    errors = {}
    legal_office = values["legal_office"]
    same_level = isinstance(legal_office, Body) and government.pk in legal_office.ancestor_ids()
    if not same_level or government_of(legal_office).pk != government.pk:
        errors["legal_office"] = _("统一登记的法制机构应为%(government)s所属的单位。") % {"government": government.name}
    owners = {"government_number_format": government, "department_number_format": legal_office}
    for name, owner in owners.items():
        number_format = values[name]
        if number_format is None:
            continue
        if not isinstance(number_format, NumberFormat) or number_format.kind != FormatKind.REGISTRATION:
            errors[name] = _("应为登记号格式。")
        elif isinstance(owner, Body) and number_format.body_id != owner.pk:
            errors[name] = _("应为%(body)s的编号格式：由它统一编号。") % {"body": owner.name}
    return errors


@transaction.atomic
def save_settings(government: Body, *, actor, **data) -> DocumentSettings:
    """Create or change a government's `DocumentSettings`: by its 依法行政办 (or the system, when
    the demo or an installation sets it up). Documents already registered keep their registration."""
    if government.kind not in GOVERNMENT_KINDS:
        raise InvalidInput(_("%(body)s不是人民政府，不能配置规范性文件管理。") % {"body": government.name})
    if actor is not None:
        require(actor, "manage_bodies", government, _("配置规范性文件管理"))
    reject_unknown(data, SETTINGS_FIELDS)
    current = DocumentSettings.objects.select_for_update().filter(government=government).first()
    settings = current or DocumentSettings(government=government)
    values = {name: data.get(name, getattr(settings, name, None)) for name in SETTINGS_FIELDS}
    if values["two_stage_review"] is None:
        values["two_stage_review"] = True
    if not isinstance(values["two_stage_review"], bool):
        message = _("两级审查应为“是”或“否”。")
        raise InvalidInput(message, errors={"two_stage_review": [message]})
    errors = _settings_refusals(government, values)
    if errors:
        raise InvalidInput(next(iter(errors.values())), errors={name: [text] for name, text in errors.items()})
    before = audit.snapshot(settings, list(SETTINGS_FIELDS)) if current else None
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    audit.record(
        settings,
        "documents.settings_saved",
        actor=actor,
        body_id=government.pk,
        before=before,
        after=audit.snapshot(settings, list(SETTINGS_FIELDS)),
    )
    return settings
