"""Building normative documents through the real services, for tests, the URL walk and the demo.

`configure(government, legal_office, ...)` sets up a government's unified registration and
numbering; `walk(document, until, people)` drives a draft through each step of the workflow with
the procedures it needs (a consultation run to its feedback statement, passing reviews, a signed
meeting record), each by the user whose office runs it, so that every gate is met on the way.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.documents import services
from fazhi.documents.choices import DocumentStatus
from fazhi.documents.models import DocumentSettings, NormativeDocument
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind
from fazhi.procedures import selectors as procedure_selectors
from fazhi.procedures import services as procedures
from fazhi.procedures.choices import ReviewKind
from fazhi.procedures.models import Consultation
from fazhi.procedures.testing import check_competition

S = DocumentStatus
ORDER = [
    S.DRAFTING,
    S.CONSULTING,
    S.COMPETITION_REVIEW,
    S.LEGALITY_REVIEW,
    S.REVIEWED,
    S.DECIDED,
    S.NUMBERED,
    S.IN_FORCE,
]
MEMBERS = ["局长", "副局长甲", "副局长乙"]


def configure(
    government,
    legal_office,
    *,
    two_stage: bool = True,
    government_prefix: str = "JMZF",
    department_prefix: str = "JMBM",
) -> DocumentSettings:
    """A government's settings with two registration formats: 市府办's and the legal office's."""
    pattern = "{prefix}-{year}-{serial:04d}"
    government_format = numbering.create_format(
        actor=None,
        body=government,
        kind=FormatKind.REGISTRATION,
        name=f"{government.name}规范性文件登记号",
        prefix=government_prefix,
        pattern=pattern,
    )
    department_format = numbering.create_format(
        actor=None,
        body=legal_office,
        kind=FormatKind.REGISTRATION,
        name=f"{government.name}部门规范性文件登记号",
        prefix=department_prefix,
        pattern=pattern,
    )
    return services.save_settings(
        government,
        actor=None,
        legal_office=legal_office,
        two_stage_review=two_stage,
        government_number_format=government_format,
        department_number_format=department_format,
    )


def draft(body, actor, **overrides) -> NormativeDocument:
    today = timezone.localdate()
    data = {
        "kind": "department",
        "title": "江门市市场监督管理局关于规范食品小作坊登记管理的规定",
        "text": "第一条 为规范食品小作坊登记管理，保障食品安全，制定本规定。\n第二条 本规定自发布之日起施行。",
        "doc_number": "",
        "effective_on": today,
        "expires_on": today + datetime.timedelta(days=365 * 3),
        **overrides,
    }
    return services.create_draft(actor=actor, body=body, **data)


def backdate_consultation(document) -> Consultation:
    """Move the document's latest consultation a month into the past, as if its period had run its
    course: tests, the browser walk and the demo cannot wait for the calendar. For tests and the demo
    only — it writes the dates behind the services' back, which no page or API can do."""
    consultation = procedure_selectors.consultations_of(document).order_by("-id").first()
    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - datetime.timedelta(days=31), closes_on=today - datetime.timedelta(days=1)
    )
    return Consultation.objects.get(pk=consultation.pk)


def finish_consultation(document, actor) -> Consultation:
    """Close the open consultation, its period backdated (`backdate_consultation`), and publish its feedback."""
    consultation = procedures.close_consultation(backdate_consultation(document), actor=actor)
    return procedures.publish_feedback(consultation, actor=actor, summary="未收到需要采纳的意见。")


def pass_review(document, kind, reviewers: list) -> None:
    """Each stage of the latest round concluded 通过 by the reviewer given for it."""
    review = procedure_selectors.reviews_of(document, kind).order_by("-round", "-id").first()
    for number, reviewer in enumerate(reviewers, start=1):
        if number > 1:
            procedures.start_next_stage(review, actor=reviewer["sender"])
        procedures.conclude_stage(review, actor=reviewer["user"], outcome="pass", opinion="经审查，未发现问题。")


def hold_meeting(document, clerk, head):
    record = procedures.record_meeting(
        document,
        actor=clerk,
        meeting_kind="bureau",
        session="2026年第3次局务会议",
        held_on=timezone.localdate(),
        agenda_item=f"审议《{document.title}》",
        entitled_members=MEMBERS,
        attendees=MEMBERS,
        outcome="agreed",
    )
    procedures.attach_minutes(record, SimpleUploadedFile("会议纪要.txt", "会议纪要：同意。".encode()), actor=clerk)
    return procedures.sign_meeting(record, actor=head)


def walk(document: NormativeDocument, until: str, people: dict) -> NormativeDocument:
    """Move `document` forward to status `until` through the services.

    `people` names the actors: `clerk` and `head` of the drafting body, `body_reviewer` (its legal
    office, for fair-competition review and the first stage), `legal_reviewer` (the registering
    legal office), `numberer` and `publisher`.
    """
    target = ORDER.index(until)
    clerk = people["clerk"]
    while ORDER.index(document.status) < target:
        status = document.status
        if status == S.DRAFTING:
            document = services.start_consultation(
                document, actor=clerk, closes_on=timezone.localdate() + datetime.timedelta(days=30)
            )
        elif status == S.CONSULTING:
            finish_consultation(document, clerk)
            if document.touches_market:
                document = services.submit_competition_review(document, actor=clerk)
                if until == S.COMPETITION_REVIEW:
                    break
                check_competition(document, clerk)
                pass_review(document, ReviewKind.FAIR_COMPETITION, [{"user": people["body_reviewer"]}])
            document = services.submit_legality_review(document, actor=clerk)
        elif status == S.COMPETITION_REVIEW:
            document = services.submit_legality_review(document, actor=clerk)
        elif status == S.LEGALITY_REVIEW:
            stages = services.review_stages(document)
            reviewers = []
            if len(stages) == 2:
                reviewers.append({"user": people["body_reviewer"]})
            reviewers.append({"user": people["legal_reviewer"], "sender": clerk})
            pass_review(document, ReviewKind.LEGALITY, reviewers)
            document = services.conclude_review(document, actor=clerk)
        elif status == S.REVIEWED:
            hold_meeting(document, clerk, people["head"])
            document = services.record_decision(document, actor=clerk)
        elif status == S.DECIDED:
            document = services.assign_number(document, actor=people["numberer"])
        elif status == S.NUMBERED:
            document = services.publish(document, actor=people["publisher"])
    return document


def make_canaries(body, actor, markers: dict) -> dict:
    """A draft of `body` carrying `markers` and an evaluation task on it, neither of which the public
    or another body may see; returns their ids by kind (for the URL-scoping walk)."""
    from fazhi.documents.models import ValidityEvaluation

    document = services.create_draft(
        actor=actor, body=body, kind="department", title=markers["subject"], text=markers["content"]
    )
    today = timezone.localdate()
    evaluation = ValidityEvaluation.objects.create(
        document=document, body=body, for_expiry=today, due_on=today, opened_on=today, reason=markers["content"]
    )
    interpretation = services.attach_interpretation_file(
        document, SimpleUploadedFile(f"{markers['subject']}.txt", markers["content"].encode()), actor=actor
    )
    return {"document": document.pk, "document_evaluation": evaluation.pk, "interpretation_file": interpretation.pk}
