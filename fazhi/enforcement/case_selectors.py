"""Read-side queries about cases: what the workflow's gates, the case page and the portal ask."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.clock.models import Deadline
from fazhi.enforcement import selectors
from fazhi.enforcement.models import Case
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import ReviewKind, ReviewStatus, StageStatus

HEARING_PERIOD = "penalty-hearing-request"
DELIVERY_PERIOD = "penalty-delivery"
WITHDRAWAL_PERIOD = "penalty-withdraw-publicity"


def deadline_of(subject, matter: str) -> Deadline | None:
    """The latest deadline of `matter` running for a case (or a transfer, a seizure)."""
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk), matter=matter
        )
        .order_by("-id")
        .first()
    )


def hearing_period_over(case: Case, today=None) -> bool:
    """The 5 working days to ask for a hearing (第六十四条) have run out without a request."""
    deadline = deadline_of(case, HEARING_PERIOD)
    if deadline is None or deadline.due_on is None:
        return False
    return (today or timezone.localdate()) > deadline.due_on


def review_by_qualified_reviewer(case: Case) -> bool:
    """The passed legality review's concluding reviewer is a registered reviewer of the case's body,
    qualified on the day (第五十八条第二款)."""
    review = (
        procedures.reviews_of(case, ReviewKind.LEGALITY)
        .filter(status=ReviewStatus.PASSED)
        .order_by("-round", "-id")
        .first()
    )
    if review is None:
        return False
    stage = review.stages.filter(status=StageStatus.CONCLUDED).order_by("-number").first()
    if stage is None or stage.reviewer_id is None:
        return False
    concluded_on = timezone.localdate(stage.concluded_at) if stage.concluded_at else timezone.localdate()
    return selectors.qualified_reviewer(stage.reviewer, case.body, concluded_on) is not None
