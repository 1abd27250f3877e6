"""Read-side queries and the gates that documents and decisions put in their workflows.

Each gate answers `(ok, reason)`: `reason` is the Chinese sentence a refused transition shows.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.masking import mask_name, mask_text
from fazhi.procedures.choices import (
    CommentDecision,
    ConsultationStatus,
    MeetingOutcome,
    MeetingStatus,
    ReviewKind,
    ReviewStatus,
)
from fazhi.procedures.models import Consultation, ConsultationComment, MeetingRecord, Review, ReviewStage

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


# --- a subject's page: its procedure records, their events and due dates ---------------------

EVENT_LABELS = {
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


def records_of(subject: Model) -> dict:
    """The procedure records about a subject: consultations, reviews (with their stages), meetings."""
    return {
        "consultations": list(consultations_of(subject).order_by("created_at", "id")),
        "reviews": list(reviews_of(subject).prefetch_related("stages__reviewer_body").order_by("kind", "round", "id")),
        "meetings": list(meetings_of(subject).order_by("held_on", "id")),
    }


def related_records(found: dict) -> dict[str, list]:
    """The ids of `records_of`'s records and their parts, by model, for the subject's timeline."""
    return {
        "procedures.consultation": [c.pk for c in found["consultations"]],
        "procedures.consultationcomment": list(
            ConsultationComment.objects.filter(consultation__in=found["consultations"]).values_list("pk", flat=True)
        ),
        "procedures.review": [r.pk for r in found["reviews"]],
        "procedures.reviewstage": list(
            ReviewStage.objects.filter(review__in=found["reviews"]).values_list("pk", flat=True)
        ),
        "procedures.meetingrecord": [m.pk for m in found["meetings"]],
    }


def due_dates(found: dict) -> list[dict]:
    """The dates the procedures run to, with the source of each period: every consultation's closing
    day and every review stage's due date."""
    dates = [
        {"label": str(gettext_lazy("征求意见截止")), "due_on": c.closes_on, "source": c.get_period_display()}
        for c in found["consultations"]
    ]
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
    return dates
