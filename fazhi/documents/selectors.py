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

from fazhi.core import audit
from fazhi.documents.choices import DocumentStatus, PublicStatus
from fazhi.documents.models import PUBLISHED_STATUSES, NormativeDocument
from fazhi.documents.workflow import validity_period
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import ConsultationStatus
from fazhi.procedures.models import Consultation
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
}


def procedures_of(document: NormativeDocument) -> dict:
    return procedures.records_of(document)


def timeline(document: NormativeDocument, found: dict | None = None) -> list[dict]:
    """The document's history from the audit chain: its own events and those of its procedures."""
    related = {
        **procedures.related_records(found or procedures_of(document)),
        "documents.registration": [document.registration.pk] if hasattr(document, "registration") else [],
        "documents.validityevaluation": list(document.evaluations.values_list("pk", flat=True)),
    }
    return audit.history(document, related, {**procedures.EVENT_LABELS, **EVENT_LABELS})


def due_dates(document: NormativeDocument, found: dict | None = None) -> list[dict]:
    """Every date the document's procedures run to, with the source of its period."""
    dates = procedures.due_dates(found or procedures_of(document))
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
