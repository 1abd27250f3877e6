import datetime

import pytest
from django.utils import timezone

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.documents import services, testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.models import Registration
from fazhi.procedures import selectors as procedure_selectors
from fazhi.procedures.choices import ReviewKind


def _refused(call, *fragments):
    with pytest.raises(Conflict) as refused:
        call()
    for fragment in fragments:
        assert fragment in refused.value.detail, refused.value.detail
    return refused.value


def test_departmental_document_from_draft_to_published(city, departmental):
    document = testing.draft(city["market"], departmental["clerk"], doc_number="江市监规〔2026〕1号")
    document = testing.walk(document, S.IN_FORCE, departmental)
    assert document.status == S.IN_FORCE
    assert document.registration_number.startswith("JMBM-")
    assert document.registration_issued.format.body.code == "jm-sfj"
    assert document.published_by == departmental["government_office"]
    registration = Registration.objects.get(document=document)
    assert registration.registering_body.code == "jm-sfj"
    review = procedure_selectors.reviews_of(document, ReviewKind.LEGALITY).get()
    assert [stage.reviewer_body.code for stage in review.stages.order_by("number")] == ["jm-scj", "jm-sfj"]


def test_consultation_gate_refused_then_allowed(city, departmental):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk, text="")
    _refused(lambda: services.start_consultation(document, actor=clerk, closes_on=_in(30)), "正文")
    document = services.update_draft(document, actor=clerk, text="第一条 为规范管理，制定本规定。")
    with pytest.raises(InvalidInput) as short:
        services.start_consultation(document, actor=clerk, closes_on=_in(3))
    assert "7个工作日" in short.value.detail
    document = services.start_consultation(document, actor=clerk, closes_on=_in(30))
    assert document.status == S.CONSULTING
    _refused(lambda: services.submit_legality_review(document, actor=clerk), "公开征求意见未完成", "尚未截止")
    testing.finish_consultation(document, clerk)
    document = services.submit_legality_review(document, actor=clerk)
    assert document.status == S.LEGALITY_REVIEW


def test_market_measure_needs_fair_competition_review(city, departmental):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk, touches_market=True)
    document = testing.walk(document, S.CONSULTING, departmental)
    testing.finish_consultation(document, clerk)
    _refused(lambda: services.submit_legality_review(document, actor=clerk), "公平竞争审查", "不得出台")
    document = services.submit_competition_review(document, actor=clerk)
    _refused(lambda: services.submit_legality_review(document, actor=clerk), "公平竞争审查尚在进行中")
    testing.check_competition(document, clerk)
    testing.pass_review(document, ReviewKind.FAIR_COMPETITION, [{"user": departmental["body_reviewer"]}])
    document = services.submit_legality_review(document, actor=clerk)
    assert document.status == S.LEGALITY_REVIEW


def test_competition_review_refused_when_not_touching_market(city, departmental):
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.CONSULTING, departmental)
    testing.finish_consultation(document, departmental["clerk"])
    _refused(lambda: services.submit_competition_review(document, actor=departmental["clerk"]), "无需公平竞争审查")


def test_submission_registers_with_the_same_level_legal_office(city, departmental):
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.LEGALITY_REVIEW, departmental)
    registration = document.registration
    assert registration.registering_body.code == "jm-sfj"
    assert registration.registered_on == timezone.localdate()
    assert registration.registered_by == departmental["clerk"]


def test_legality_and_discussion_gates(city, departmental):
    clerk = departmental["clerk"]
    document = testing.walk(testing.draft(city["market"], clerk), S.LEGALITY_REVIEW, departmental)
    _refused(lambda: services.conclude_review(document, actor=clerk), "合法性审查尚在进行中")
    review = procedure_selectors.reviews_of(document, ReviewKind.LEGALITY).get()
    from fazhi.procedures import services as procedures

    procedures.conclude_stage(review, actor=departmental["body_reviewer"], outcome="pass", opinion="本部门审查通过。")
    _refused(lambda: services.conclude_review(document, actor=clerk), "尚在进行中")
    # The second stage is the 司法局's; the body's own legal office cannot conclude it.
    procedures.start_next_stage(review, actor=clerk)
    with pytest.raises((Forbidden, NotFound)):
        procedures.conclude_stage(review, actor=departmental["body_reviewer"], outcome="pass", opinion="越权")
    procedures.conclude_stage(review, actor=departmental["legal_reviewer"], outcome="pass", opinion="同意。")
    document = services.conclude_review(document, actor=clerk)
    _refused(lambda: services.record_decision(document, actor=clerk), "未经集体讨论")
    testing.hold_meeting(document, clerk, departmental["head"])
    document = services.record_decision(document, actor=clerk)
    assert document.status == S.DECIDED


def test_one_stage_review_where_configured(city, departmental, doc_settings):
    services.save_settings(city["government"], actor=None, two_stage_review=False)
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.LEGALITY_REVIEW, departmental)
    review = procedure_selectors.reviews_of(document, ReviewKind.LEGALITY).get()
    assert [stage.reviewer_body.code for stage in review.stages.all()] == ["jm-sfj"]


def test_departmental_document_numbered_by_the_legal_office_only(city, departmental):
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.DECIDED, departmental)
    for wrong in (departmental["clerk"], departmental["government_office"], departmental["body_reviewer"]):
        with pytest.raises((Forbidden, NotFound)):
            services.assign_number(document, actor=wrong)
    document = services.assign_number(document, actor=departmental["legal_reviewer"])
    assert document.status == S.NUMBERED and document.registration_number == f"JMBM-{timezone.localdate().year}-0001"
    assert document.doc_number == ""  # the registration number is kept apart from the 发文字号


def test_government_document_numbered_by_the_government_office(city, departmental):
    people = {**departmental, "numberer": departmental["government_office"]}
    document = testing.draft(city["market"], departmental["clerk"], kind="government", doc_number="江府规〔2026〕2号")
    document = testing.walk(document, S.DECIDED, people)
    with pytest.raises((Forbidden, NotFound)):
        services.assign_number(document, actor=departmental["legal_reviewer"])
    document = services.assign_number(document, actor=departmental["government_office"])
    assert document.registration_number.startswith("JMZF-")
    assert document.registration_issued.format.body == city["government"]


def test_publication_by_the_government_office_needs_doc_number(city, departmental):
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.NUMBERED, departmental)
    with pytest.raises((Forbidden, NotFound)):
        services.publish(document, actor=departmental["clerk"])
    with pytest.raises((Forbidden, NotFound)):
        services.publish(document, actor=departmental["legal_reviewer"])
    _refused(lambda: services.publish(document, actor=departmental["government_office"]), "发文字号")
    services.update_draft(document, actor=departmental["clerk"], doc_number="江市监规〔2026〕5号")
    document = services.publish(document, actor=departmental["government_office"])
    assert document.status == S.IN_FORCE and document.published_on == timezone.localdate()


def test_policy_document_refused_without_interpretation(city, departmental):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk, is_policy_document=True, doc_number="江市监规〔2026〕6号")
    document = testing.walk(document, S.NUMBERED, departmental)
    _refused(lambda: services.publish(document, actor=departmental["government_office"]), "解读材料", "第二十八条")
    services.update_draft(document, actor=clerk, interpretation="一、制定背景……二、主要内容……")
    document = services.publish(document, actor=departmental["government_office"])
    assert document.status == S.IN_FORCE


def test_validity_at_most_five_years_or_two_when_provisional(city, departmental):
    clerk, office = departmental["clerk"], departmental["government_office"]
    start = datetime.date(2026, 3, 1)
    document = testing.draft(
        city["market"],
        clerk,
        doc_number="江市监规〔2026〕7号",
        effective_on=start,
        expires_on=datetime.date(2031, 3, 1),
    )
    document = testing.walk(document, S.NUMBERED, departmental)
    _refused(lambda: services.publish(document, actor=office), "最长60个月", "2031年2月28日")
    services.update_draft(document, actor=clerk, is_provisional=True, expires_on=datetime.date(2031, 2, 28))
    _refused(lambda: services.publish(document, actor=office), "暂行、试行", "2028年2月29日")
    services.update_draft(document, actor=clerk, expires_on=None, is_provisional=False, long_term=True)
    _refused(lambda: services.publish(document, actor=office), "长期执行", "理由")
    services.update_draft(document, actor=clerk, long_term=False)
    _refused(lambda: services.publish(document, actor=office), "请设定有效期")
    document = services.publish(document, actor=office, expires_on="2031-02-28")
    assert document.expires_on == datetime.date(2031, 2, 28)


def test_long_term_document_with_reason(city, departmental):
    clerk = departmental["clerk"]
    document = testing.draft(
        city["market"],
        clerk,
        doc_number="江市监规〔2026〕8号",
        expires_on=None,
        long_term=True,
        long_term_reason="实施上位法的配套规定，需长期执行。",
    )
    document = testing.walk(document, S.IN_FORCE, departmental)
    assert document.long_term and document.expires_on is None


def test_out_of_order_transition_refused(city, departmental):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk)
    refused = _refused(lambda: services.record_decision(document, actor=clerk), "起草中")
    assert refused.code == "invalid_transition"
    _refused(lambda: services.publish(document, actor=departmental["government_office"]), "起草中")


def test_replacing_document_marks_the_old_one_amended(city, departmental):
    clerk = departmental["clerk"]
    old = testing.walk(testing.draft(city["market"], clerk, doc_number="江市监规〔2026〕9号"), S.IN_FORCE, departmental)
    new = testing.draft(city["market"], clerk, doc_number="江市监规〔2026〕10号", replaces=old.pk, title="修订后的规定")
    new = testing.walk(new, S.IN_FORCE, departmental)
    old.refresh_from_db()
    assert old.status == S.AMENDED and old.amended_by == new and old.amended_on == new.published_on
    assert old.public_status() == "amended"


def test_repeal_by_the_government_office_with_reason(city, departmental):
    document = testing.walk(
        testing.draft(city["market"], departmental["clerk"], doc_number="江市监规〔2026〕11号"),
        S.IN_FORCE,
        departmental,
    )
    with pytest.raises((Forbidden, NotFound)):
        services.repeal(document, actor=departmental["clerk"], reason="上位法已废止")
    with pytest.raises(Exception) as missing:
        services.repeal(document, actor=departmental["government_office"], reason="  ")
    assert "理由" in str(missing.value)
    document = services.repeal(document, actor=departmental["government_office"], reason="上位法已废止")
    assert document.status == S.REPEALED and document.public_status() == "repealed"


def test_every_transition_audited(city, departmental):
    from fazhi.documents import selectors

    document = testing.walk(
        testing.draft(city["market"], departmental["clerk"], doc_number="江市监规〔2026〕12号"),
        S.IN_FORCE,
        departmental,
    )
    actions = [event["action"] for event in selectors.timeline(document)]
    for expected in (
        "documents.draft_created",
        "documents.consultation_started",
        "procedures.feedback_published",
        "documents.registered",
        "documents.submitted_for_review",
        "procedures.review_passed",
        "documents.review_concluded",
        "procedures.meeting_signed",
        "documents.decided",
        "documents.numbered",
        "documents.published",
    ):
        assert expected in actions, expected


def _in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)
