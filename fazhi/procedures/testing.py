"""Test records for other apps' tests: the URL-scoping walk needs one of each kind with marker texts."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.services import submissions as submission_services
from fazhi.procedures import services
from fazhi.procedures.models import Consultation, ConsultationComment


def make_canaries(body, actor, markers: dict) -> dict:
    """A closed consultation with a comment, a review under way and an unsigned meeting record of
    `body`, none of which the public may see, carrying `markers`; returns their ids by kind."""
    today = timezone.localdate()
    consultation = services.start_consultation(
        body,
        actor=actor,
        title=markers["subject"],
        text=markers["content"],
        period="decision-comment",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=40),
    )
    services.open_consultation(consultation, actor=actor)
    receipt = submission_services.submit(
        "consultation_comment",
        {"subject": markers["subject"], "content": markers["content"], "submitter_name": markers["submitter"]},
        client_ip="203.0.113.10",
        target=consultation.pk,
    )
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=today - datetime.timedelta(days=1))
    services.close_consultation(Consultation.objects.get(pk=consultation.pk), actor=actor)
    review = services.open_review(
        body, actor=actor, kind="legality", title=markers["subject"], stages=[{"reviewer_body": body}]
    )
    meeting = services.record_meeting(
        body,
        actor=actor,
        meeting_kind="bureau",
        session=markers["subject"],
        held_on=today,
        agenda_item=markers["content"],
        entitled_members=[markers["member"]],
        attendees=[markers["member"]],
    )
    services.attach_minutes(
        meeting, SimpleUploadedFile("minutes.txt", markers["attachment_text"].encode()), actor=actor
    )
    return {
        "consultation": consultation.pk,
        "consultation_comment": ConsultationComment.objects.get(submission=receipt.submission).pk,
        "review": review.pk,
        "meeting": meeting.pk,
    }
