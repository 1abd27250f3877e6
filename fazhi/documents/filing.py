"""Filing (备案, seed art. 34) and the reviews that reach a published document, as services.

Publishing a document files it (`file_published`, called from `services.publish`): a government
document with the same-level People's Congress standing committee and the next government up,
a departmental one with its own government, whose legal office reviews it. Each filing runs
against the configured period (`normative-filing` in the clock's table) from the publication
date; its review ends with no problem, a correction order (tracked until the drafter reports it
done, against `filing-correction`) or revocation.

The public's review suggestions (审查建议) are a kind of the one public-submission mechanism:
they reach the office that reviews the document's filing and are answered there; the submitter
follows them by receipt. A reconsideration may bring a document under incidental review
(行政复议法 arts. 56–60): the drafter replies within 10 working days of the notice (art. 58), the
reconsideration body decides within 30 days (art. 56).
"""

import datetime

from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock import services as clock
from fazhi.clock.models import Deadline
from fazhi.core import audit
from fazhi.core.access import may, scope_body_ids
from fazhi.core.choices import BodyKind, Role
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_text
from fazhi.core.models import Body, PublicSubmission, User
from fazhi.core.services import submissions as submission_services
from fazhi.core.services.notifications import notify
from fazhi.core.services.people import members
from fazhi.core.workflow import Transition, Workflow
from fazhi.documents.choices import DocumentKind
from fazhi.documents.filing_choices import (
    FilingOutcome,
    FilingRoute,
    FilingStatus,
    IncidentalOrigin,
    IncidentalOutcome,
    IncidentalStatus,
)
from fazhi.documents.models import (
    DocumentSettings,
    FilingRecord,
    IncidentalReview,
    NormativeDocument,
    ReviewSuggestion,
)

FILING_PERIOD = "normative-filing"
CORRECTION_PERIOD = "filing-correction"
REPLY_PERIOD = "incidental-review-reply"
HANDLE_PERIOD = "incidental-review-handle"
TEXT_MAX = 20000
GOVERNMENT_KINDS = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT)


def _handlers(body_ids) -> list[User]:
    """Who is told about filings: the clerks and legal reviewers of the bodies."""
    return members(body_ids, [Role.CLERK, Role.LEGAL_REVIEWER])


# --- routes ---------------------------------------------------------------------------------


def _settings_of(government: Body) -> DocumentSettings | None:
    return DocumentSettings.objects.filter(government=government).select_related("legal_office").first()


def superior_government(government: Body) -> Body | None:
    """The nearest government above `government` that keeps its records here (None for the city)."""
    above = Body.objects.filter(pk__in=government.ancestor_ids(), kind__in=GOVERNMENT_KINDS).exclude(pk=government.pk)
    return max(above, key=lambda body: len(body.tree_path), default=None)


def standing_committee_name(government: Body) -> str:
    """江门市人民政府 → 江门市人民代表大会常务委员会: the same-level People's Congress standing committee."""
    if government.name.endswith("人民政府"):
        return government.name.removesuffix("人民政府") + "人民代表大会常务委员会"
    return _("%(name)s同级人大常委会") % {"name": government.name}


def filing_routes(document: NormativeDocument) -> list[dict]:
    """Where `document` is filed, by whom, with which body, and which office here reviews it."""
    government = document.government
    own = _settings_of(government)
    legal_office = own.legal_office if own else None
    if document.kind == DocumentKind.DEPARTMENT:
        return [
            {
                "route": FilingRoute.SAME_LEVEL_GOVERNMENT,
                "filer": document.body,
                "recipient_name": government.name,
                "recipient_office": legal_office or government,
            }
        ]
    # A government's documents are filed by its legal office on its behalf (cf. 法规规章备案审查条例 art. 5).
    filer = legal_office or government
    superior = superior_government(government)
    if superior is None:
        upward = {"recipient_name": settings.FAZHI_PROVINCIAL_GOVERNMENT, "recipient_office": None}
    else:
        superior_settings = _settings_of(superior)
        office = superior_settings.legal_office if superior_settings else superior
        upward = {"recipient_name": superior.name, "recipient_office": office}
    return [
        {
            "route": FilingRoute.STANDING_COMMITTEE,
            "filer": filer,
            "recipient_name": standing_committee_name(government),
            "recipient_office": None,
        },
        {"route": FilingRoute.SUPERIOR_GOVERNMENT, "filer": filer, **upward},
    ]


def file_published(document: NormativeDocument) -> list[FilingRecord]:
    """Open the filings of a document just published, each with its deadline, and tell the filer.

    Called inside the publishing transaction; the (document, route) constraint makes a second
    call a no-op. The system opens them: the publisher (市府办) need not be in the filer's scope.
    """
    created = []
    for route in filing_routes(document):
        filing, made = FilingRecord.objects.get_or_create(
            document=document, route=route["route"], defaults={k: v for k, v in route.items() if k != "route"}
        )
        if not made:
            continue
        deadline = clock.open_deadline(
            subject=filing, matter=FILING_PERIOD, start_on=document.published_on, body=filing.filer, actor=None
        )
        audit.record(
            filing,
            "documents.filing_opened",
            actor=None,
            body_id=filing.filer_id,
            after={**audit.snapshot(filing, ["document", "route", "filer", "recipient_name", "recipient_office"])},
            extra={"due_on": deadline.due_on},
        )
        notify(
            _handlers([filing.filer_id]),
            _("请报送备案：《%(title)s》%(route)s，期限至%(day)s")
            % {"title": document.title, "route": filing.get_route_display(), "day": day_text(deadline.due_on)},
            message=_("规章、规范性文件应当依法报送备案（意见第三十四条）。"),
            link=reverse("filing:filing-detail", args=[filing.pk]),
        )
        created.append(filing)
    return created


# --- the filing workflow -------------------------------------------------------------------------


def _reason_given(filing: FilingRecord) -> str | None:
    return None if filing.outcome_reason.strip() else _("责令纠正或撤销的，须写明审查意见和理由。")


def _correction_described(filing: FilingRecord) -> str | None:
    return None if filing.correction_note.strip() else _("请填写纠正情况。")


S = FilingStatus
FILING = Workflow(
    [
        Transition("submit", gettext_lazy("报送备案"), (S.PENDING,), S.SUBMITTED, body_attr="filer"),
        Transition("receive", gettext_lazy("备案登记"), (S.SUBMITTED,), S.RECEIVED, body_attr="handler"),
        Transition("clear", gettext_lazy("审查无问题"), (S.RECEIVED,), S.NO_PROBLEM, body_attr="handler"),
        Transition(
            "order_correction",
            gettext_lazy("责令纠正"),
            (S.RECEIVED,),
            S.CORRECTION_ORDERED,
            gates=(_reason_given,),
            body_attr="handler",
        ),
        Transition(
            "revoke", gettext_lazy("予以撤销"), (S.RECEIVED,), S.REVOKED, gates=(_reason_given,), body_attr="handler"
        ),
        Transition(
            "report_correction",
            gettext_lazy("报告纠正情况"),
            (S.CORRECTION_ORDERED,),
            S.CORRECTED,
            gates=(_correction_described,),
            body_attr="filer",
        ),
    ]
)
OUTCOME_OF = {
    "clear": FilingOutcome.NO_PROBLEM,
    "order_correction": FilingOutcome.CORRECTION,
    "revoke": FilingOutcome.REVOKED,
}
# The text each step asks for, by the name pages and the API use.
FILING_INPUTS = {
    "submit": None,
    "receive": None,
    "clear": "reason",
    "order_correction": "reason",
    "revoke": "reason",
    "report_correction": "note",
}


def deadlines_of(record) -> list[Deadline]:
    return list(
        Deadline.objects.filter(
            content_type__app_label=record._meta.app_label,
            content_type__model=record._meta.model_name,
            object_id=str(record.pk),
        ).order_by("pk")
    )


def _close(record, matter: str, on: datetime.date, actor) -> None:
    for deadline in deadlines_of(record):
        if deadline.matter == matter and deadline.closed_on is None:
            clock.close_deadline(deadline, closed_on=on, actor=None)


def _locked_filing(filing: FilingRecord) -> FilingRecord:
    return (
        FilingRecord.objects.select_for_update(of=("self",))
        .select_related("document", "filer", "recipient_office")
        .get(pk=filing.pk)
    )


@transaction.atomic
def run_filing_step(filing: FilingRecord, name: str, *, actor, text=None, on=None) -> FilingRecord:
    """One step of a filing, by name (pages and the API call this):报送, 登记, and the review's
    outcome — no problem, correction ordered (with its reasons and the drafter's deadline) or
    revoked — then the drafter's report that the correction is done."""
    filing = _locked_filing(filing)
    if name not in FILING_INPUTS:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    before = audit.snapshot(filing, ["status"])
    after = {}
    if name == "submit":
        filing.submitted_on = clean_date(
            on or timezone.localdate(),
            "on",
            _("报送日期"),
            not_before=filing.document.published_on,
            not_after=timezone.localdate(),
        )
        filing.submitted_by = actor
        _close(filing, FILING_PERIOD, filing.submitted_on, actor)
        after = {"submitted_on": filing.submitted_on}
    elif name == "receive":
        filing.received_on = clean_date(
            on or timezone.localdate(),
            "on",
            _("备案登记日期"),
            not_before=filing.submitted_on,
            not_after=timezone.localdate(),
        )
        after = {"received_on": filing.received_on}
    elif name in OUTCOME_OF:
        filing.outcome = OUTCOME_OF[name]
        filing.outcome_reason = clean_text(text, "reason", _("审查意见"), limit=TEXT_MAX)
        filing.concluded_on = clean_date(
            on or timezone.localdate(),
            "on",
            _("审查完成日期"),
            not_before=filing.received_on,
            not_after=timezone.localdate(),
        )
        after = {
            "outcome": filing.outcome,
            "outcome_reason": filing.outcome_reason,
            "concluded_on": filing.concluded_on,
        }
    else:
        filing.correction_note = clean_text(text, "note", _("纠正情况"), limit=TEXT_MAX)
        filing.corrected_on = clean_date(
            on or timezone.localdate(),
            "on",
            _("纠正完成日期"),
            not_before=filing.concluded_on,
            not_after=timezone.localdate(),
        )
        _close(filing, CORRECTION_PERIOD, filing.corrected_on, actor)
        after = {"correction_note": filing.correction_note, "corrected_on": filing.corrected_on}
    FILING.apply(filing, name, actor)
    filing.save()
    audit.record(
        filing,
        f"documents.filing_{name}",
        actor=actor,
        body_id=filing.filer_id,
        before=before,
        after={"status": filing.status, **after},
    )
    if name == "order_correction":
        deadline = clock.open_deadline(
            subject=filing, matter=CORRECTION_PERIOD, start_on=filing.concluded_on, body=filing.filer, actor=None
        )
        notify(
            _handlers([filing.filer_id, filing.document.body_id]),
            _("备案审查责令纠正：《%(title)s》，请于%(day)s前报告纠正情况")
            % {"title": filing.document.title, "day": day_text(deadline.due_on)},
            message=filing.outcome_reason,
            link=reverse("filing:filing-detail", args=[filing.pk]),
        )
    elif name == "submit" and filing.recipient_office_id:
        notify(
            _handlers([filing.recipient_office_id]),
            _("收到备案：《%(title)s》") % {"title": filing.document.title},
            message=_("%(filer)s已报送备案，请登记并审查。") % {"filer": filing.filer.name},
            link=reverse("filing:filing-detail", args=[filing.pk]),
        )
    return filing


# --- review suggestions from the public --------------------------------------------------------


def suggestion_office(document: NormativeDocument) -> Body:
    """Where a review suggestion goes: the office here that reviews the document's filing, else the
    legal office of the drafter's government (else that government)."""
    routes = filing_routes(document)
    for route in routes:
        if route["recipient_office"] is not None:
            return route["recipient_office"]
    own = _settings_of(document.government)
    return own.legal_office if own else document.government


def document_for_suggestion(value) -> NormativeDocument:
    """The published document a suggestion is about (the submission kind's target hook); 404 for
    anything else, so a draft's id says nothing."""
    if isinstance(value, NormativeDocument):
        value = value.pk
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        message = _("请指明要提出审查建议的规范性文件。")
        raise InvalidInput(message, errors={"document": [message]})
    document = NormativeDocument.objects.published().select_related("body", "government").filter(pk=int(value)).first()
    if document is None:
        raise NotFound(_("未找到该规范性文件。"))
    return document


def receive_suggestion(submission: PublicSubmission, document: NormativeDocument) -> ReviewSuggestion:
    """Link the received suggestion to its document, inside the submitting transaction."""
    suggestion = ReviewSuggestion.objects.create(submission=submission, document=document, body=submission.body)
    audit.record(
        suggestion,
        "documents.review_suggestion_received",
        actor=None,
        actor_label=audit.PUBLIC_LABEL,
        after={"document": document.pk, "receipt_code": submission.receipt_code},
    )
    notify(
        _handlers([submission.body_id]),
        _("收到审查建议：《%(title)s》") % {"title": document.title},
        link=reverse("core:submission-detail", args=[submission.pk]),
    )
    return suggestion


class SuggestionForm(submission_services.SuggestionForm):
    """The suggestion form's fields; `subject` names the provision and the problem seen in it."""

    subject = forms.CharField(
        label=gettext_lazy("建议审查的条款或问题"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("请填写建议审查的条款或问题（如“第五条超越权限”）。"),
            "max_length": gettext_lazy("不能超过 %(limit_value)d 个字。"),
        },
    )


REVIEW_SUGGESTION = submission_services.register(
    submission_services.SubmissionKind(
        key="review_suggestion",
        label=gettext_lazy("审查建议"),
        code_prefix="SC",
        form_class=SuggestionForm,
        description=gettext_lazy(
            "认为已发布的规范性文件违法或者不适当的，可以提出审查建议；备案审查机构将研究处理并答复。"
        ),
        target=document_for_suggestion,
        received=receive_suggestion,
        receiver=suggestion_office,
    )
)


# --- incidental review in a reconsideration (行政复议法 arts. 56–60) ------------------------------


def _reconsideration_body_or_none(office: Body) -> Body | None:
    governments = Body.objects.filter(pk__in=office.ancestor_ids(), kind__in=GOVERNMENT_KINDS)
    government = max(governments, key=lambda body: len(body.tree_path), default=None)
    if government is None or not government.is_reconsideration_body:
        return None
    own = _settings_of(government)
    return government if office.pk in {government.pk, own.legal_office_id if own else None} else None


def _reconsideration_body(office: Body) -> Body:
    """The reconsideration body whose office `office` is: the government itself or its legal office
    (the 司法局, DESIGN §4 "Reconsideration")."""
    government = _reconsideration_body_or_none(office)
    if government is None:
        message = _("%(office)s不是行政复议机关或其行政复议机构。") % {"office": office.name}
        raise InvalidInput(message, errors={"office": [message]})
    return government


def _office(value, actor) -> Body:
    if isinstance(value, Body):
        value = value.pk
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        message = _("请选择行政复议机构。")
        raise InvalidInput(message, errors={"office": [message]})
    office = Body.objects.filter(pk=int(value)).first()
    if office is None or not may(actor, "change", office):
        message = _("只能以本单位的名义登记附带审查。")
        raise InvalidInput(message, errors={"office": [message]})
    return office


@transaction.atomic
def request_incidental_review(
    document: NormativeDocument,
    *,
    actor,
    office,
    case_number,
    origin,
    provisions,
    grounds=None,
    requested_on=None,
    notified_on=None,
) -> IncidentalReview:
    """登记附带审查 and notify the drafter in writing: its reply is due 10 working days after the
    notice (art. 58); the reconsideration body's handling within 30 days of the request (art. 56)."""
    if not document.is_published:
        raise Conflict(_("只有已发布的规范性文件才能附带审查。"), code="not_published")
    office = _office(office, actor)
    values = {
        "case_number": clean_text(case_number, "case_number", _("复议案件编号"), required=True, limit=60),
        "origin": clean_choice(origin, IncidentalOrigin, "origin", _("审查来源")),
        "provisions": clean_text(provisions, "provisions", _("审查的条款"), required=True, limit=TEXT_MAX),
        "grounds": clean_text(grounds, "grounds", _("不合法的理由"), limit=TEXT_MAX),
    }
    requested = clean_date(
        requested_on or timezone.localdate(),
        "requested_on",
        _("提出或发现日期"),
        not_before=document.published_on,
        not_after=timezone.localdate(),
    )
    notified = clean_date(
        notified_on or timezone.localdate(),
        "notified_on",
        _("通知制定机关日期"),
        not_before=requested,
        not_after=timezone.localdate(),
    )
    reconsideration_body = _reconsideration_body(office)
    if IncidentalReview.objects.filter(
        document=document, reconsideration_body=reconsideration_body, case_number=values["case_number"]
    ).exists():
        message = _("该复议案件已就此文件登记附带审查。")
        raise Conflict(message, errors={"case_number": [message]}, code="duplicate")
    review = IncidentalReview.objects.create(
        document=document,
        reconsideration_body=reconsideration_body,
        office=office,
        requested_on=requested,
        notified_on=notified,
        created_by=actor,
        **values,
    )
    reply_deadline = clock.open_deadline(
        subject=review, matter=REPLY_PERIOD, start_on=notified, body=document.body, actor=None
    )
    clock.open_deadline(subject=review, matter=HANDLE_PERIOD, start_on=requested, body=office, actor=None)
    audit.record(review, "documents.incidental_review_requested", actor=actor, after=audit.snapshot(review))
    notify(
        _handlers([document.body_id]),
        _("附带审查通知：《%(title)s》，请于%(day)s前提交书面答复")
        % {"title": document.title, "day": day_text(reply_deadline.due_on)},
        message=_("%(body)s在行政复议中对该文件进行附带审查（行政复议法第五十八条）。")
        % {"body": reconsideration_body.name},
        link=reverse("filing:incidental-detail", args=[review.pk]),
    )
    return review


def reply_due(review: IncidentalReview) -> datetime.date | None:
    for deadline in deadlines_of(review):
        if deadline.matter == REPLY_PERIOD:
            return deadline.due_on
    return None


def _reply_written(review: IncidentalReview) -> str | None:
    return None if review.reply.strip() else _("请填写书面答复。")


def _may_conclude(review: IncidentalReview) -> str | None:
    """Forwarding needs no reply (art. 56); deciding on the clauses waits for the drafter's reply or its
    deadline (art. 58) and needs the reasons."""
    if review.outcome != IncidentalOutcome.FORWARDED and review.status == IncidentalStatus.AWAITING_REPLY:
        due = reply_due(review)
        if due is not None and timezone.localdate() <= due:
            return _("制定机关的答复期限至%(day)s，尚未答复，暂不能作出处理。") % {"day": day_text(due)}
    if review.outcome == IncidentalOutcome.FORWARDED and not review.forwarded_to.strip():
        return _("转送的，须写明转送的机关。")
    if review.outcome == IncidentalOutcome.STOP_AND_CORRECT and not review.outcome_reason.strip():
        return _("决定停止执行的，须写明理由。")
    return None


R = IncidentalStatus
INCIDENTAL = Workflow(
    [
        Transition(
            "reply",
            gettext_lazy("提交书面答复"),
            (R.AWAITING_REPLY,),
            R.REPLIED,
            gates=(_reply_written,),
            body_attr="drafter",
        ),
        Transition(
            "conclude",
            gettext_lazy("作出处理"),
            (R.AWAITING_REPLY, R.REPLIED),
            R.CONCLUDED,
            gates=(_may_conclude,),
            body_attr="office",
        ),
    ]
)


def _locked_review(review: IncidentalReview) -> IncidentalReview:
    return (
        IncidentalReview.objects.select_for_update()
        .select_related("document", "document__body", "office", "reconsideration_body")
        .get(pk=review.pk)
    )


@transaction.atomic
def reply_incidental_review(review: IncidentalReview, *, actor, reply, on=None) -> IncidentalReview:
    """The drafter's written reply on the legality of the clauses (art. 58)."""
    review = _locked_review(review)
    review.reply = clean_text(reply, "reply", _("书面答复"), limit=TEXT_MAX)
    review.replied_on = clean_date(
        on or timezone.localdate(), "on", _("答复日期"), not_before=review.notified_on, not_after=timezone.localdate()
    )
    review.replied_by = actor
    before, after = INCIDENTAL.apply(review, "reply", actor)
    review.save()
    _close(review, REPLY_PERIOD, review.replied_on, actor)
    audit.record(
        review,
        "documents.incidental_review_replied",
        actor=actor,
        before={"status": before},
        after={"status": after, "reply": review.reply, "replied_on": review.replied_on},
    )
    notify(
        _handlers([review.office_id]),
        _("制定机关已答复附带审查：《%(title)s》") % {"title": review.document.title},
        link=reverse("filing:incidental-detail", args=[review.pk]),
    )
    return review


@transaction.atomic
def conclude_incidental_review(
    review: IncidentalReview, *, actor, outcome, reason=None, forwarded_to=None, on=None
) -> IncidentalReview:
    """The reconsideration body's decision: lawful (told in the decision), stop the clauses and order
    correction (art. 59), or forward to the competent body (art. 56)."""
    review = _locked_review(review)
    review.outcome = clean_choice(outcome, IncidentalOutcome, "outcome", _("处理结果"))
    review.outcome_reason = clean_text(reason, "reason", _("处理意见"), limit=TEXT_MAX)
    review.forwarded_to = clean_text(forwarded_to, "forwarded_to", _("转送机关"), limit=100)
    review.concluded_on = clean_date(
        on or timezone.localdate(), "on", _("处理日期"), not_before=review.requested_on, not_after=timezone.localdate()
    )
    before, after = INCIDENTAL.apply(review, "conclude", actor)
    review.save()
    _close(review, HANDLE_PERIOD, review.concluded_on, actor)
    if review.outcome == IncidentalOutcome.FORWARDED:
        _close(review, REPLY_PERIOD, review.concluded_on, actor)
    audit.record(
        review,
        "documents.incidental_review_concluded",
        actor=actor,
        before={"status": before},
        after={
            "status": after,
            "outcome": review.outcome,
            "outcome_reason": review.outcome_reason,
            "forwarded_to": review.forwarded_to,
            "concluded_on": review.concluded_on,
        },
    )
    notify(
        _handlers([review.document.body_id]),
        _("附带审查已处理：《%(title)s》——%(outcome)s")
        % {"title": review.document.title, "outcome": review.get_outcome_display()},
        message=review.outcome_reason,
        link=reverse("filing:incidental-detail", args=[review.pk]),
    )
    return review


# --- reading -------------------------------------------------------------------------------------


def visible_filing(user, pk) -> FilingRecord:
    filing = (
        FilingRecord.objects.restrict(user)
        .select_related("document", "document__body", "filer", "recipient_office")
        .filter(pk=pk)
        .first()
    )
    if filing is None:
        raise NotFound(_("未找到该备案记录。"))
    return filing


def visible_incidental(user, pk) -> IncidentalReview:
    review = (
        IncidentalReview.objects.restrict(user)
        .select_related("document", "document__body", "office", "reconsideration_body")
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise NotFound(_("未找到该附带审查。"))
    return review


def reconsideration_offices(user) -> list[Body]:
    """Where `user` may register incidental reviews: reconsideration bodies and their legal offices."""
    bodies = Body.objects.filter(pk__in=scope_body_ids(user, "change")).order_by("tree_path")
    return [body for body in bodies if _reconsideration_body_or_none(body) is not None]
