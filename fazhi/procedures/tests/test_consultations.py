import datetime

import pytest
from django.utils import timezone

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, PublicSubmission
from fazhi.procedures import selectors, services
from fazhi.procedures.choices import CommentDecision, ConsultationStatus
from fazhi.procedures.models import Consultation, ConsultationComment
from fazhi.procedures.tests.conftest import comment, open_consultation, today


def _pass_period(consultation):
    """Time passes: the period ran out yesterday."""
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=today() - datetime.timedelta(days=1))
    consultation.refresh_from_db()


def test_shorter_period_refused_without_reason(subject, people):
    with pytest.raises(InvalidInput) as refused:
        services.start_consultation(
            subject,
            actor=people["market_clerk"],
            title="草案",
            text="正文",
            period="decision-comment",
            opens_on=today(),
            closes_on=today() + datetime.timedelta(days=10),
        )
    assert "30日" in refused.value.detail and "重大行政决策程序暂行条例第十五条" in refused.value.detail
    assert not Consultation.objects.exists()


def test_shorter_period_allowed_with_reason(subject, people):
    consultation = services.start_consultation(
        subject,
        actor=people["market_clerk"],
        title="草案",
        text="正文",
        period="decision-comment",
        opens_on=today(),
        closes_on=today() + datetime.timedelta(days=10),
        shortened_reason="应对突发公共卫生事件，情况紧急。",
    )
    opened = services.open_consultation(consultation, actor=people["market_clerk"])
    assert opened.status == ConsultationStatus.OPEN


def test_normative_period_counts_working_days(subject, people):
    data = {"title": "草案", "text": "正文", "period": "normative-comment", "opens_on": datetime.date(2026, 3, 2)}
    with pytest.raises(InvalidInput):
        services.start_consultation(subject, actor=people["market_clerk"], closes_on=datetime.date(2026, 3, 10), **data)
    consultation = services.start_consultation(
        subject, actor=people["market_clerk"], closes_on=datetime.date(2026, 3, 11), **data
    )
    assert consultation.closes_on == datetime.date(2026, 3, 11)


@pytest.mark.parametrize(
    ("field", "value"),
    [("opens_on", "明天"), ("opens_on", 20260101), ("period", "forever"), ("title", ["x"]), ("title", "")],
)
def test_bad_input_refused(subject, people, field, value):
    data = {
        "title": "草案",
        "text": "正文",
        "period": "decision-comment",
        "opens_on": today(),
        "closes_on": today() + datetime.timedelta(days=40),
        field: value,
    }
    with pytest.raises(InvalidInput) as refused:
        services.start_consultation(subject, actor=people["market_clerk"], **data)
    assert field in refused.value.errors


def test_another_body_clerk_cannot_start(subject, people):
    with pytest.raises(NotFound):
        open_consultation(subject, people["ecology_clerk"])


def test_evaluator_sees_but_may_not_change(subject, people):
    with pytest.raises(Forbidden):
        open_consultation(subject, people["evaluator"])


def test_comments_refused_when_not_open(subject, people):
    draft = services.start_consultation(
        subject,
        actor=people["market_clerk"],
        title="草案",
        text="正文",
        period="decision-comment",
        opens_on=today(),
        closes_on=today() + datetime.timedelta(days=40),
    )
    with pytest.raises(NotFound):
        comment(draft)
    consultation = open_consultation(subject, people["market_clerk"])
    receipt = comment(consultation)
    assert receipt.receipt_code.startswith("ZQ-")
    assert ConsultationComment.objects.get().submission == receipt.submission
    assert receipt.submission.body == subject
    _pass_period(consultation)
    with pytest.raises(Conflict) as refused:
        comment(consultation, content="截止之后的意见，不应被接收。")
    assert "截止" in refused.value.detail
    assert PublicSubmission.objects.count() == 1


def test_comment_needs_its_consultation(subject, people):
    from fazhi.core.services import submissions

    data = {"subject": "第一条", "content": "没有指明征求意见事项的意见。", "submitter_name": "李四"}
    with pytest.raises(InvalidInput) as refused:
        submissions.submit("consultation_comment", data, client_ip="198.51.100.8", body=subject.pk)
    assert "consultation" in refused.value.errors


def test_duplicate_comment_refused(subject, people):
    consultation = open_consultation(subject, people["market_clerk"])
    comment(consultation)
    with pytest.raises(Conflict) as refused:
        comment(consultation)
    assert refused.value.code == "duplicate"


def test_close_refused_before_period_ends(subject, people):
    consultation = open_consultation(subject, people["market_clerk"])
    with pytest.raises(Conflict) as refused:
        services.close_consultation(consultation, actor=people["market_clerk"])
    assert "届满后方可截止" in refused.value.detail


def test_open_consultation_cannot_be_edited(subject, people):
    consultation = open_consultation(subject, people["market_clerk"])
    with pytest.raises(Conflict):
        services.update_consultation(consultation, actor=people["market_clerk"], title="改标题")


def test_ledger_and_feedback_statement(subject, people):
    clerk = people["market_clerk"]
    consultation = open_consultation(subject, clerk)
    first = comment(consultation, content="建议联系我 13912345678，身份证 440703199001011234。")
    second = comment(consultation, content="建议删除第二条的准入限制。", ip="198.51.100.9", submitter_name="王五")
    _pass_period(consultation)
    consultation = services.close_consultation(consultation, actor=clerk)
    ok, reason = selectors.consultation_complete(subject)
    assert not ok and "反馈尚未公布" in reason

    with pytest.raises(Conflict) as refused:
        services.publish_feedback(consultation, actor=clerk)
    assert "2 条意见未作出采纳决定" in refused.value.detail

    ledger = {c.submission_id: c for c in ConsultationComment.objects.all()}
    with pytest.raises(InvalidInput) as refused:
        services.decide_comment(ledger[second.submission.pk], actor=clerk, decision=CommentDecision.NOT_ADOPTED)
    assert "reason" in refused.value.errors
    services.decide_comment(ledger[first.submission.pk], actor=clerk, decision=CommentDecision.ADOPTED)
    services.decide_comment(
        ledger[second.submission.pk],
        actor=clerk,
        decision=CommentDecision.PARTLY_ADOPTED,
        reason="准入条件由上位法规定，仅调整表述。",
    )
    consultation = services.publish_feedback(consultation, actor=clerk, summary="共收到意见2条。")
    assert consultation.status == ConsultationStatus.FEEDBACK_PUBLISHED
    assert selectors.consultation_complete(subject) == (True, "")

    statement = selectors.feedback_statement(consultation)
    assert statement["counts"]["total"] == 2
    assert statement["counts"][CommentDecision.ADOPTED] == 1
    assert statement["counts"][CommentDecision.PARTLY_ADOPTED] == 1
    text = str(statement)
    assert "13912345678" not in text and "440703199001011234" not in text and "张三丰" not in text
    assert "139****5678" in text and "张**" in text
    with pytest.raises(Conflict):
        services.decide_comment(
            ledger[first.submission.pk], actor=clerk, decision=CommentDecision.NOT_ADOPTED, reason="改变主意"
        )
    assert AuditEvent.objects.filter(action="procedures.feedback_published").exists()


def test_gate_refused_without_consultation(subject):
    ok, reason = selectors.consultation_complete(subject)
    assert not ok and reason == "尚未公开征求意见。"


def test_comment_outside_window_refused(subject, people):
    consultation = open_consultation(
        subject,
        people["market_clerk"],
        opens_on=timezone.localdate() + datetime.timedelta(days=2),
        closes_on=timezone.localdate() + datetime.timedelta(days=50),
    )
    with pytest.raises(Conflict) as refused:
        comment(consultation)
    assert "起接收意见" in refused.value.detail
