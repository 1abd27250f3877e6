"""Test records for other apps' tests: the URL-scoping walk needs one of each kind with marker texts."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.services import submissions as submission_services
from fazhi.procedures import selectors, services
from fazhi.procedures.choices import ReviewKind
from fazhi.procedures.models import Consultation, ConsultationComment

MEMBERS = ["市长", "常务副市长", "副市长甲", "副市长乙", "秘书长"]


def finish_consultation(subject, actor, *, summary="未收到需要采纳的意见。") -> Consultation:
    """Close the subject's open consultation and publish its feedback; its period is moved 31 days
    into the past, as if it had run its course (tests and the demo cannot wait for the calendar)."""
    consultation = selectors.consultations_of(subject).order_by("-id").first()
    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - datetime.timedelta(days=31), closes_on=today - datetime.timedelta(days=1)
    )
    consultation = services.close_consultation(Consultation.objects.get(pk=consultation.pk), actor=actor)
    return services.publish_feedback(consultation, actor=actor, summary=summary)


def pass_review(subject, reviewer, kind=ReviewKind.LEGALITY, *, outcome="pass") -> None:
    """The reviewer concludes the current stage of the subject's latest review round."""
    review = selectors.reviews_of(subject, kind).order_by("-round", "-id").first()
    if outcome == "fail":
        opinion, issues = "经审查，送审稿缺乏上位法依据。", ["第三条设定的许可事项缺乏上位法依据"]
    else:
        opinion, issues = "经审查，送审稿符合上位法规定。", []
    services.conclude_stage(review, actor=reviewer, outcome=outcome, opinion=opinion, issues=issues)


def check_competition(subject, reviewer) -> None:
    """The reviewer records the four standards as untouched, stakeholders heard, the regulator joined."""
    review = selectors.reviews_of(subject, ReviewKind.FAIR_COMPETITION).order_by("-round").first()
    services.record_competition_check(
        review,
        actor=reviewer,
        touches={
            category: False for category in ("market_entry", "free_movement", "production_costs", "business_conduct")
        },
        stakeholders_heard=True,
        stakeholders_note="召开经营者座谈会。",
        market_regulator_joined=True,
    )


def hold_meeting(
    subject, clerk, head, *, meeting_kind="executive", session="市政府常务会议", outcome="agreed", dissent=""
):
    """A signed record of a quorate meeting that discussed the subject, with its minutes."""
    record = services.record_meeting(
        subject,
        actor=clerk,
        meeting_kind=meeting_kind,
        session=session,
        held_on=timezone.localdate(),
        agenda_item=f"审议《{getattr(subject, 'title', subject)}》",
        entitled_members=MEMBERS,
        attendees=MEMBERS,
        outcome=outcome,
        dissent=dissent,
    )
    services.attach_minutes(record, SimpleUploadedFile("会议纪要.txt", "会议纪要：原则通过。".encode()), actor=clerk)
    return services.sign_meeting(record, actor=head)


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
