"""Read-side queries and the gates that documents and decisions put in their workflows.

Each gate answers `(ok, reason)`: `reason` is the Chinese sentence a refused transition shows.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Q
from django.utils.translation import gettext as _

from fazhi.core.masking import mask_name, mask_text
from fazhi.procedures.choices import (
    CommentDecision,
    ConsultationStatus,
    MeetingOutcome,
    MeetingStatus,
    ReviewKind,
    ReviewStatus,
)
from fazhi.procedures.models import Consultation, ConsultationComment, MeetingRecord, Review

GIST_LENGTH = 200


def _of(queryset, subject: Model):
    return queryset.filter(content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk))


def consultations_of(subject: Model):
    return _of(Consultation.objects.all(), subject)


def reviews_of(subject: Model, kind: str | None = None):
    reviews = _of(Review.objects.all(), subject)
    return reviews.filter(kind=kind) if kind else reviews


def meetings_of(subject: Model):
    return _of(MeetingRecord.objects.all(), subject)


def consultation_complete(subject: Model) -> tuple[bool, str]:
    """Public consultation held and its feedback statement published."""
    latest = consultations_of(subject).order_by("-created_at", "-id").first()
    if latest is None:
        return False, _("尚未公开征求意见。")
    if latest.status == ConsultationStatus.FEEDBACK_PUBLISHED:
        return True, ""
    if latest.status == ConsultationStatus.DRAFT:
        return False, _("征求意见尚未发布。")
    if latest.status == ConsultationStatus.OPEN:
        return False, _("征求意见尚未截止（截止日期 %(day)s）。") % {"day": latest.closes_on.isoformat()}
    return False, _("意见采纳情况反馈尚未公布。")


def review_passed(subject: Model, kind: str) -> tuple[bool, str]:
    """The latest round of the review has passed (修改后通过 counts as passed)."""
    label = ReviewKind(kind).label
    latest = reviews_of(subject, kind).order_by("-round", "-id").first()
    if latest is None:
        return False, _("尚未进行%(kind)s。") % {"kind": label}
    if latest.status == ReviewStatus.PASSED:
        return True, ""
    if latest.status == ReviewStatus.IN_PROGRESS:
        return False, _("%(kind)s尚在进行中。") % {"kind": label}
    return False, _("%(kind)s未通过，须修改后重新报送。") % {"kind": label}


def collective_discussion_held(subject: Model) -> tuple[bool, str]:
    """A signed record of a quorate meeting that agreed (同意 or 原则同意)."""
    signed = [m for m in meetings_of(subject).order_by("-held_on", "-id") if m.status == MeetingStatus.SIGNED]
    if not signed:
        return False, _("尚未经集体讨论（或会议记录尚未签署）。")
    latest = signed[0]
    if latest.outcome not in (MeetingOutcome.AGREED, MeetingOutcome.AGREED_IN_PRINCIPLE):
        return False, _("集体讨论的结果为“%(outcome)s”。") % {"outcome": latest.get_outcome_display()}
    return True, ""


def ledger_counts(consultation: Consultation) -> dict[str, int]:
    counts = consultation.comments.aggregate(
        total=Count("id"),
        **{value: Count("id", filter=Q(decision=value)) for value in CommentDecision.values},
    )
    return counts


def feedback_statement(consultation: Consultation) -> dict:
    """The published 意见采纳情况反馈: counts and each comment's masked gist, decision and reason."""
    entries = []
    comments = consultation.comments.select_related("submission").order_by("created_at", "id")
    for number, comment in enumerate(comments, start=1):
        gist = comment.gist or comment.submission.content
        if len(gist) > GIST_LENGTH:
            gist = gist[:GIST_LENGTH] + "……"
        entries.append(
            {
                "number": number,
                "commenter": mask_name(comment.submission.submitter_name),
                "gist": mask_text(gist),
                "decision": comment.decision,
                "decision_label": str(comment.get_decision_display()),
                "reason": mask_text(comment.reason),
            }
        )
    return {"counts": ledger_counts(consultation), "summary": consultation.feedback_summary, "entries": entries}


def public_consultations():
    return Consultation.objects.public().select_related("body").order_by("-opened_at", "-id")


def comments_for_office(user, consultation: Consultation):
    return ConsultationComment.objects.restrict(user).filter(consultation=consultation).select_related("submission")
