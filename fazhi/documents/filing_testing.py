"""Filing records for the URL-scoping walk: a filing and an incidental review that only the
drafting body may see, carrying the walk's markers in their internal texts."""

from django.utils import timezone

from fazhi.documents.choices import DocumentKind, DocumentStatus
from fazhi.documents.filing_choices import FilingRoute, FilingStatus, IncidentalOrigin
from fazhi.documents.models import FilingRecord, IncidentalReview, NormativeDocument


def make_canaries(body, markers: dict) -> dict:
    """A published document of `body` (its title carries no marker: the public may see it) with a
    filing and an incidental review handled by `body` itself; returns their ids by kind."""
    today = timezone.localdate()
    document = NormativeDocument.objects.create(
        kind=DocumentKind.DEPARTMENT,
        body=body,
        government=body.parent,
        title="备案哨兵文件",
        status=DocumentStatus.IN_FORCE,
        published_on=today,
        effective_on=today,
    )
    record = FilingRecord.objects.create(
        document=document,
        route=FilingRoute.SAME_LEVEL_GOVERNMENT,
        filer=body,
        recipient_name=body.parent.name,
        recipient_office=body,
        status=FilingStatus.RECEIVED,
        submitted_on=today,
        received_on=today,
        outcome_reason=markers["content"],
    )
    review = IncidentalReview.objects.create(
        document=document,
        reconsideration_body=body.parent,
        office=body,
        case_number=markers["subject"][:60],
        origin=IncidentalOrigin.APPLICANT,
        provisions=markers["content"],
        requested_on=today,
        notified_on=today,
    )
    return {"filing": record.pk, "incidental_review": review.pk}
