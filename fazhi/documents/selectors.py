"""Read-side queries for normative documents, shared by pages, the API, the sweep and the checks.

The public registry's status is derived from the dates on the day asked (`public_filter`), so a
document reads 失效 the day after its expiry before any sweep has run. This module also says what
of a document the Chinese search may show: a draft is indexed as a draft of its body (only its
own office finds it), a published document as public.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy

from fazhi.core.models import AuditEvent
from fazhi.documents.choices import DocumentStatus, PublicStatus
from fazhi.documents.models import PUBLISHED_STATUSES, NormativeDocument
from fazhi.documents.workflow import validity_period
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import ConsultationStatus
from fazhi.procedures.models import Consultation, ReviewStage
from fazhi.texts.search import service as search
from fazhi.texts.search.models import Visibility

S = DocumentStatus
SEARCH_POOL = 500  # search hits considered before the registry's own filters are applied


def public_filter(status: str, today: datetime.date) -> Q:
    """The published documents showing `status` on `today` (see `NormativeDocument.public_status`)."""
    in_force = Q(status=S.IN_FORCE)
    lapsed = Q(expires_on__isnull=False, expires_on__lt=today)
    if status == PublicStatus.REPEALED:
        return Q(status=S.REPEALED)
    if status == PublicStatus.AMENDED:
        return Q(status=S.AMENDED)
    if status == PublicStatus.EXPIRED:
        return Q(status=S.EXPIRED) | (in_force & lapsed)
    started = Q(effective_on__isnull=True) | Q(effective_on__lte=today)
    if status == PublicStatus.NOT_YET_EFFECTIVE:
        return in_force & ~lapsed & ~started
    return in_force & ~lapsed & started


def public_documents(*, today: datetime.date, query: str = "", body=None, year=None, kind="", status=""):
    """The registry: published documents, optionally found by a Chinese query and filtered.

    With a query, the search ranks public passages and the registry keeps the documents among the
    best `SEARCH_POOL` hits that pass the filters, in rank order.
    """
    documents = (
        NormativeDocument.objects.published()
        .select_related("body")
        .prefetch_related("interpretation_files__attachment")
    )
    if body is not None:
        documents = documents.filter(body=body)
    if year:
        documents = documents.filter(published_on__year=year)
    if kind:
        documents = documents.filter(kind=kind)
    if status:
        documents = documents.filter(public_filter(status, today))
    if not query:
        return list(documents.order_by("-published_on", "-id"))
    result = search.search(query, public=True, limit=SEARCH_POOL)
    label = NormativeDocument._meta.label_lower
    ranked = [int(hit.object_id) for hit in result.hits if hit.content_type == label]
    found = {document.pk: document for document in documents.filter(pk__in=ranked)}
    return [found[pk] for pk in ranked if pk in found]


def open_consultations() -> list[tuple[NormativeDocument, Consultation]]:
    """Drafts whose consultation is open for comment, with it (two queries whatever their number)."""
    consultations = Consultation.objects.filter(
        content_type=ContentType.objects.get_for_model(NormativeDocument), status=ConsultationStatus.OPEN
    ).order_by("closes_on", "id")
    by_document = {int(c.object_id): c for c in consultations}
    documents = NormativeDocument.objects.filter(pk__in=by_document, status=S.CONSULTING).select_related("body")
    return [(document, by_document[document.pk]) for document in documents.order_by("-updated_at", "-id")]


def office_documents(user, *, status: str = "", body=None):
    documents = NormativeDocument.objects.restrict(user).select_related("body", "government")
    if status:
        documents = documents.filter(status=status)
    if body is not None:
        documents = documents.filter(body=body)
    return documents.order_by("-updated_at", "-id")


# --- the document page: procedures, timeline, due dates ------------------------------------

EVENT_LABELS = {
    "documents.draft_created": gettext_lazy("创建草稿"),
    "documents.draft_changed": gettext_lazy("修改草稿"),
    "documents.consultation_started": gettext_lazy("公开征求意见"),
    "documents.competition_review_submitted": gettext_lazy("提交公平竞争审查"),
    "documents.registered": gettext_lazy("统一登记"),
    "documents.submitted_for_review": gettext_lazy("报送合法性审查"),
    "documents.review_concluded": gettext_lazy("确认审查通过"),
    "documents.decided": gettext_lazy("确认集体讨论决定"),
    "documents.numbered": gettext_lazy("统一编号"),
    "documents.published": gettext_lazy("统一发布"),
    "documents.amended": gettext_lazy("被修改"),
    "documents.repealed": gettext_lazy("废止"),
    "documents.withdrawn": gettext_lazy("撤回"),
    "documents.expired": gettext_lazy("有效期届满失效"),
    "documents.evaluation_opened": gettext_lazy("启动有效期评估"),
    "documents.evaluation_decided": gettext_lazy("作出评估结论"),
    "documents.validity_extended": gettext_lazy("延续有效期"),
    "documents.interpretation_attached": gettext_lazy("上传解读材料文件"),
    "procedures.consultation_created": gettext_lazy("起草征求意见公告"),
    "procedures.consultation_changed": gettext_lazy("修改征求意见公告"),
    "procedures.consultation_opened": gettext_lazy("发布征求意见"),
    "procedures.consultation_closed": gettext_lazy("征求意见截止"),
    "procedures.feedback_published": gettext_lazy("公布意见采纳情况"),
    "procedures.comment_received": gettext_lazy("收到公众意见"),
    "procedures.comment_decided": gettext_lazy("处理公众意见"),
    "procedures.review_opened": gettext_lazy("送审"),
    "procedures.review_stage_started": gettext_lazy("送阶段审查"),
    "procedures.review_stage_concluded": gettext_lazy("出具审查意见"),
    "procedures.review_passed": gettext_lazy("审查通过"),
    "procedures.review_failed": gettext_lazy("审查不通过"),
    "procedures.review_resubmitted": gettext_lazy("修改后重新报送"),
    "procedures.competition_checked": gettext_lazy("填写公平竞争审查标准"),
    "procedures.meeting_recorded": gettext_lazy("记录集体讨论"),
    "procedures.meeting_changed": gettext_lazy("修改会议记录"),
    "procedures.meeting_signed": gettext_lazy("签署会议记录"),
}


def procedures_of(document: NormativeDocument) -> dict:
    consultations = list(procedures.consultations_of(document).order_by("created_at", "id"))
    reviews = list(procedures.reviews_of(document).prefetch_related("stages__reviewer_body").order_by("kind", "round"))
    meetings = list(procedures.meetings_of(document).order_by("held_on", "id"))
    return {"consultations": consultations, "reviews": reviews, "meetings": meetings}


def timeline(document: NormativeDocument, found: dict | None = None) -> list[dict]:
    """The document's history from the audit chain: its own events and those of its procedures."""
    found = found or procedures_of(document)
    objects = Q(object_type=NormativeDocument._meta.label_lower, object_id=str(document.pk))
    related = {
        "documents.registration": [document.registration.pk] if hasattr(document, "registration") else [],
        "documents.validityevaluation": list(document.evaluations.values_list("pk", flat=True)),
        "procedures.consultation": [c.pk for c in found["consultations"]],
        "procedures.consultationcomment": [
            pk for c in found["consultations"] for pk in c.comments.values_list("pk", flat=True)
        ],
        "procedures.review": [r.pk for r in found["reviews"]],
        "procedures.reviewstage": list(
            ReviewStage.objects.filter(review__in=[r.pk for r in found["reviews"]]).values_list("pk", flat=True)
        ),
        "procedures.meetingrecord": [m.pk for m in found["meetings"]],
    }
    for object_type, ids in related.items():
        if ids:
            objects |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    events = AuditEvent.objects.filter(objects).order_by("occurred_at", "id")
    return [
        {
            "occurred_at": event.occurred_at,
            "action": event.action,
            "label": str(EVENT_LABELS.get(event.action, event.action)),
            "actor": event.actor_label,
            "object": event.object_repr,
        }
        for event in events
    ]


def due_dates(document: NormativeDocument, found: dict | None = None) -> list[dict]:
    """Every date the document's procedures run to, with the source of its period."""
    found = found or procedures_of(document)
    dates = []
    for consultation in found["consultations"]:
        dates.append(
            {
                "label": str(gettext_lazy("征求意见截止")),
                "due_on": consultation.closes_on,
                "source": consultation.get_period_display(),
            }
        )
    for review in found["reviews"]:
        for stage in review.stages.all():
            if stage.due_on:
                dates.append(
                    {
                        "label": gettext_lazy("%(kind)s第%(n)d阶段（%(body)s）")
                        % {"kind": review.get_kind_display(), "n": stage.number, "body": stage.reviewer_body.name},
                        "due_on": stage.due_on,
                        "source": stage.due_source,
                    }
                )
    for evaluation in document.evaluations.open():
        dates.append({"label": str(gettext_lazy("有效期评估")), "due_on": evaluation.due_on, "source": "意见第九条"})
    if document.expires_on and document.status == S.IN_FORCE:
        dates.append(
            {
                "label": str(gettext_lazy("有效期届满")),
                "due_on": document.expires_on,
                "source": validity_period(document).source,
            }
        )
    return dates


# --- search ----------------------------------------------------------------------------------


def search_entry(document: NormativeDocument) -> search.Entry | None:
    """Published: public. Anything else: a draft of the drafting body, never shown to the public."""
    visibility = Visibility.PUBLIC if document.status in PUBLISHED_STATUSES else Visibility.DRAFT
    text = "\n".join(
        part for part in (document.title, document.doc_number, document.text, document.interpretation) if part
    )
    return search.Entry(title=document.title, text=text, visibility=visibility, body_id=document.body_id)


def doc_numbers(object_ids: list[str]) -> dict[str, str]:
    ids = [int(pk) for pk in object_ids if pk.isdigit()]
    return {
        str(pk): number for pk, number in NormativeDocument.objects.filter(pk__in=ids).values_list("pk", "doc_number")
    }


search.register(NormativeDocument, search_entry, numbers=doc_numbers)
