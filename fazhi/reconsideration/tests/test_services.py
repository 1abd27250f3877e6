"""The reconsideration procedure through its services, over the real 2026 holidays (Mid-autumn
2026-09-25..27, National Day 2026-10-01..07 with 2026-10-10 a working Saturday)."""

import datetime

import pytest

from fazhi.clock.models import Deadline
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.reconsideration import jurisdiction, services, testing
from fazhi.reconsideration.choices import CaseStatus
from fazhi.reconsideration.models import Case, CaseNumberFormat

D = datetime.date
pytestmark = pytest.mark.django_db


# --- jurisdiction (arts. 19, 24, 27) --------------------------------------------------------------


def test_department_goes_to_its_government_handled_by_the_justice_bureau(tree):
    found = jurisdiction.resolve(tree["market"])
    assert found.reconsideration_body == tree["government"]
    assert found.office == tree["justice"]
    assert found.respondent == tree["market"]


def test_vertical_body_goes_up_one_level_to_its_parent_department(tree):
    found = jurisdiction.resolve(tree["branch"])
    assert found.reconsideration_body == tree["ecology"] == found.office


def test_county_government_and_town_go_to_the_government_above(tree):
    assert jurisdiction.resolve(tree["county"]).reconsideration_body == tree["government"]
    assert jurisdiction.resolve(tree["town"]).reconsideration_body == tree["county"]
    assert jurisdiction.resolve(tree["county_market"]).reconsideration_body == tree["county"]


def test_entrusted_organisation_makes_the_entrusting_body_the_respondent(tree):
    found = jurisdiction.resolve(tree["entrusted"])
    assert found.respondent == tree["market"]
    assert found.acting_body == tree["entrusted"]


def test_city_government_and_tax_bureau_refused_with_where_to_apply(tree):
    with pytest.raises(InvalidInput) as city:
        jurisdiction.resolve(tree["government"])
    assert "省人民政府" in str(city.value.detail)
    with pytest.raises(InvalidInput) as tax:
        jurisdiction.resolve(tree["tax"])
    assert "上一级主管部门" in str(tax.value.detail)


# --- application and acceptance -------------------------------------------------------------------


def test_online_application_is_numbered_and_gets_five_working_days_to_review(tree, staff, today):
    CaseNumberFormat.objects.create(body=tree["government"], case_prefix="江府行复")
    first, _secret = testing.apply(tree["market"])
    second, _secret = testing.apply(tree["market"])
    assert first.submission.receipt_code.startswith("FY-2026-")
    assert (first.number, second.number) == ("江府行复〔2026〕1号", "江府行复〔2026〕2号")
    assert first.office == tree["justice"] and first.submission.body == tree["justice"]
    # received Mon 28 Sep: 29, 30 Sep, 8, 9 Oct, Sat 10 Oct (a working day)
    assert first.accept_deadline.due_on == D(2026, 10, 10)
    assert first.notice_deadline.due_on == D(2026, 10, 10)


def test_silence_means_accepted_the_day_the_review_period_ends(tree, staff, today):
    case, _secret = testing.apply(tree["market"])
    today.set(D(2026, 10, 10))
    assert services.sweep(today.day) == 0
    today.set(D(2026, 10, 11))
    assert services.sweep(today.day) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.deemed_accepted
    assert case.accepted_on == D(2026, 10, 10)
    # 60 days from 10 Oct; the copy within 7 working days
    assert case.decide_deadline.due_on == D(2026, 12, 9)
    assert case.copy_deadline.due_on == D(2026, 10, 20)
    assert AuditEvent.objects.filter(action="reconsideration.deemed_accepted").count() == 1
    assert services.sweep(D(2026, 10, 12)) == 0


def test_refusal_names_the_competent_body_and_the_applicant_reads_it(tree, staff, today):
    case, _secret = testing.apply(tree["market"])
    with pytest.raises(InvalidInput):
        services.refuse(case, actor=staff["clerk"], reason="")
    services.refuse(case, actor=staff["clerk"], reason="不属于本机关管辖。", competent_body="广东省人民政府")
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
    assert "广东省人民政府" in case.submission.rejection_reason
    with pytest.raises(Conflict):
        services.accept(case, actor=staff["clerk"])


def test_completion_notice_stops_review_and_materials_restart_it(tree, staff, today):
    case, secret = testing.apply(tree["market"])
    today.set(D(2026, 9, 30))
    services.ask_completion(case, actor=staff["clerk"], items="1. 行政处罚决定书复印件；2. 营业执照复印件。")
    case.refresh_from_db()
    assert case.completion_until == D(2026, 10, 20)  # 10 working days from 30 Sep
    assert case.accept_deadline.due_on is None  # stopped
    with pytest.raises(Conflict):  # one notice only
        services.ask_completion(case, actor=staff["clerk"], items="再补充")
    today.set(D(2026, 10, 15))
    services.public_complete(
        receipt_code=case.submission.receipt_code,
        secret=secret,
        text="已补交处罚决定书和营业执照。",
        client_ip="test-c1",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert case.accept_deadline.due_on == D(2026, 10, 22)  # 5 working days from 15 Oct


def test_no_completion_by_the_date_counts_as_withdrawn(tree, staff, today):
    case, secret = testing.apply(tree["market"])
    today.set(D(2026, 9, 30))
    services.ask_completion(case, actor=staff["clerk"], items="行政处罚决定书复印件。")
    today.set(D(2026, 10, 20))
    with pytest.raises(Conflict):
        services.deem_withdrawn(case, actor=staff["clerk"])
    assert services.sweep(today.day) == 0
    today.set(D(2026, 10, 21))
    with pytest.raises(Conflict):
        services.public_complete(
            receipt_code=case.submission.receipt_code, secret=secret, text="迟交的补正材料。", client_ip="test-c2"
        )
    assert services.sweep(today.day) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN and case.withdrawn_on == D(2026, 10, 21)
    assert "视为放弃" in case.submission.reply


def test_completion_period_extended_with_a_reason(tree, staff, today):
    case, _secret = testing.apply(tree["market"])
    services.ask_completion(case, actor=staff["clerk"], items="身份证明。")
    with pytest.raises(InvalidInput):
        services.extend_completion(case, actor=staff["clerk"], until="2026-10-30", reason="")
    services.extend_completion(case, actor=staff["clerk"], until="2026-10-30", reason="申请人住院。")
    today.set(D(2026, 10, 29))
    services.complete(case, actor=staff["clerk"], text="申请人邮寄身份证明复印件。")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_forwarding_through_the_penalty_body_within_five_working_days(tree, staff, today):
    today.set(D(2026, 9, 30))
    case, secret = services.lodge(
        actor=staff["market"], lodged_on="2026-09-30", data=testing.application_data(tree["market"])
    )
    assert case.status == CaseStatus.FORWARDING and secret
    assert case.forward_deadline.due_on == D(2026, 10, 13)
    assert case.forward_deadline.body == tree["market"]
    with pytest.raises((Forbidden, NotFound)):
        services.forward(case, actor=staff["ecology"])
    today.set(D(2026, 10, 12))
    services.forward(case, actor=staff["market"])
    case.refresh_from_db()
    assert case.received_on == D(2026, 10, 12) and case.status == CaseStatus.RECEIVED
    assert case.accept_deadline.due_on == D(2026, 10, 19)
    assert case.forward_deadline.closed_on == D(2026, 10, 12)


def test_office_enters_an_oral_application_with_its_day(tree, staff, today):
    data = testing.application_data(tree["market"])
    with pytest.raises(InvalidInput):
        services.enter(actor=staff["clerk"], channel="online", received_on="2026-09-25", data=data)
    with pytest.raises(InvalidInput):
        services.enter(actor=staff["clerk"], channel="oral", received_on="2026-10-25", data=data)
    with pytest.raises((Forbidden, NotFound)):
        services.enter(actor=staff["ecology"], channel="oral", received_on="2026-09-25", data=data)
    case, secret = services.enter(actor=staff["clerk"], channel="oral", received_on="2026-09-24", data=data)
    assert case.channel == "oral" and len(secret) == 19
    assert case.accept_deadline.due_on == D(2026, 10, 9)  # 28, 29, 30 Sep, 8, 9 Oct (25–27 Sep Mid-autumn)


# --- hearing the case ---------------------------------------------------------------------------


def test_copy_and_reply_ordinary(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    assert case.copy_deadline.due_on == D(2026, 10, 13)  # 7 working days from 28 Sep
    with pytest.raises(Conflict):
        services.reply(case, actor=staff["market"], text="答复", evidence="证据")
    today.set(D(2026, 10, 12))
    services.send_copy(case, actor=staff["clerk"])
    case.refresh_from_db()
    assert case.reply_deadline.due_on == D(2026, 10, 26) and case.reply_deadline.body == tree["market"]
    with pytest.raises((Forbidden, NotFound)):
        services.reply(case, actor=staff["ecology"], text="答复", evidence="证据")
    services.reply(case, actor=staff["market"], text="认定事实清楚。", evidence="1. 现场笔录；2. 询问笔录。")
    case.refresh_from_db()
    assert case.reply_received_on == D(2026, 10, 12) and case.reply_deadline.closed_on


def test_copy_reply_and_decide_simplified(tree, staff, today):
    today.set(D(2026, 9, 30))
    with pytest.raises(InvalidInput):
        testing.accepted(tree["market"], staff["clerk"], procedure="simplified")
    case = testing.accepted(tree["market"], staff["clerk"], procedure="simplified", ground="small_amount")
    assert case.copy_deadline.due_on == D(2026, 10, 10)
    assert case.decide_deadline.due_on == D(2026, 10, 30)
    today.set(D(2026, 10, 8))
    services.send_copy(case, actor=staff["clerk"])
    case.refresh_from_db()
    assert case.reply_deadline.due_on == D(2026, 10, 14)
    with pytest.raises(Conflict):  # simplified: no extension
        services.extend(case, actor=staff["head"], days=10, reason="复杂")


def test_decide_ordinary_extension_once_with_head(tree, staff, today):
    today.set(D(2026, 6, 1))
    case = testing.accepted(tree["market"], staff["clerk"], known_on="2026-05-20", act_date="2026-05-18")
    assert case.decide_deadline.due_on == D(2026, 7, 31)
    with pytest.raises(Forbidden):
        services.extend(case, actor=staff["clerk"], days=30, reason="案情复杂")
    with pytest.raises(InvalidInput):
        services.extend(case, actor=staff["head"], days=31, reason="案情复杂")
    services.extend(case, actor=staff["head"], days=30, reason="案情复杂，需要现场勘验。")
    case.refresh_from_db()
    assert case.decide_deadline.due_on == D(2026, 8, 31)  # 30 Aug is a Sunday
    with pytest.raises(Conflict):
        services.extend(case, actor=staff["head"], days=5, reason="再次延长")
    assert "延长审理期限" in dict(_lines(case))


def _lines(case):
    from fazhi.reconsideration.kind import public_lines

    return public_lines(Case.objects.get(pk=case.pk).submission)


def test_suspension_shifts_the_due_date_and_resumption_restarts_it(tree, staff, today):
    today.set(D(2026, 6, 1))
    case = testing.accepted(tree["market"], staff["clerk"], known_on="2026-05-20", act_date="2026-05-18")
    today.set(D(2026, 6, 10))
    with pytest.raises(InvalidInput):
        services.suspend(case, actor=staff["clerk"], reason="11")
    services.suspend(case, actor=staff["clerk"], reason="5", note="申请人因台风不能参加。")
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED and case.decide_deadline.due_on is None
    with pytest.raises(Conflict):
        services.decide(case, actor=staff["clerk"], decision_type="maintain", reasons="理由", text="决定书")
    today.set(D(2026, 6, 20))
    services.resume(case, actor=staff["clerk"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.decide_deadline.due_on == D(2026, 8, 10)


def test_conversion_to_ordinary_counts_from_acceptance_keeping_pauses(tree, staff, today):
    today.set(D(2026, 6, 1))
    case = testing.accepted(
        tree["market"],
        staff["clerk"],
        procedure="simplified",
        ground="warning",
        known_on="2026-05-20",
        act_date="2026-05-18",
    )
    assert case.decide_deadline.due_on == D(2026, 7, 1)
    today.set(D(2026, 6, 10))
    services.suspend(case, actor=staff["clerk"], reason="6")
    today.set(D(2026, 6, 15))
    services.resume(case, actor=staff["clerk"])
    case.refresh_from_db()
    assert case.decide_deadline.due_on == D(2026, 7, 6)
    today.set(D(2026, 6, 16))
    with pytest.raises(Forbidden):
        services.convert(case, actor=staff["clerk"], reason="案情复杂")
    services.convert(case, actor=staff["head"], reason="涉及第三人，不宜适用简易程序。")
    case.refresh_from_db()
    assert case.procedure == "ordinary" and case.decide_deadline.matter == "reconsideration-decide"
    assert case.decide_deadline.due_on == D(2026, 8, 5)
    with pytest.raises(Conflict):
        services.convert(case, actor=staff["head"], reason="再转")


def test_termination_after_sixty_days_suspended_for_death(tree, staff, today):
    today.set(D(2026, 6, 1))
    case = testing.accepted(tree["market"], staff["clerk"], known_on="2026-05-20", act_date="2026-05-18")
    today.set(D(2026, 6, 10))
    services.suspend(case, actor=staff["clerk"], reason="1")
    today.set(D(2026, 8, 8))
    with pytest.raises(Conflict):
        services.terminate(case, actor=staff["clerk"], reason="5")
    today.set(D(2026, 8, 9))
    services.terminate(case, actor=staff["clerk"], reason="5", note="近亲属仍未确定是否参加。")
    case.refresh_from_db()
    assert case.status == CaseStatus.TERMINATED and case.decide_deadline.closed_on == D(2026, 8, 9)


def test_settlement_then_withdrawal_terminates(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    with pytest.raises(InvalidInput):
        services.terminate(case, actor=staff["clerk"], reason="4", settled=True)
    services.terminate(case, actor=staff["clerk"], reason="1", settled=True, note="双方和解，申请人撤回申请。")
    assert Case.objects.get(pk=case.pk).settled


def test_hearing_needs_notice_five_working_days_before(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    with pytest.raises(InvalidInput):
        services.record_proceeding(
            case, actor=staff["clerk"], kind="hearing", held_on="2026-10-14", notified_on="2026-10-08", notes="听证"
        )
    services.record_proceeding(
        case, actor=staff["clerk"], kind="hearing", held_on="2026-10-15", notified_on="2026-10-08", notes="听证笔录"
    )
    services.record_proceeding(
        case, actor=staff["clerk"], kind="opinion", held_on="2026-09-29", notes="电话听取申请人意见"
    )
    assert case.proceedings.count() == 2


def test_mediation_with_performance(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    services.mediate(
        case,
        actor=staff["clerk"],
        text="调解书：被申请人将罚款减为2000元。",
        performance_required="退还多收罚款",
        performance_days=15,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.MEDIATED and case.performance_due_on == D(2026, 10, 13)


# --- decisions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "decision_type, days",
    [
        ("change", None),
        ("revoke", 30),
        ("partial_revoke", 30),
        ("confirm_illegal", None),
        ("order_performance", 15),
        ("confirm_void", None),
        ("maintain", None),
        ("dismiss_request", None),
        ("dismiss_application", None),
    ],
)
def test_each_decision_type(tree, staff, today, decision_type, days):
    case = testing.decided(tree["market"], staff["clerk"], decision_type=decision_type, performance_days=days)
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.decision_type == decision_type
    assert not case.decided_late and case.decide_deadline.closed_on == D(2026, 9, 28)
    assert case.submission.status == "answered"


def test_decision_refusals(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    with pytest.raises(Conflict):  # no copy sent yet
        services.decide(case, actor=staff["clerk"], decision_type="maintain", reasons="理由", text="决定书")
    services.send_copy(case, actor=staff["clerk"])
    for bad in (
        {"decision_type": "approve", "reasons": "理由", "text": "决定书"},
        {"decision_type": "maintain", "reasons": "", "text": "决定书"},
        {"decision_type": "order_performance", "reasons": "理由", "text": "决定书"},
        {"decision_type": "maintain", "reasons": "理由", "text": "决定书", "performance_days": 10},
        {
            "decision_type": "revoke",
            "reasons": "理由",
            "text": "决定书",
            "performance_required": "重做",
            "performance_days": "x",
        },
    ):
        with pytest.raises(InvalidInput):
            services.decide(case, actor=staff["clerk"], **bad)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_late_decision_is_flagged(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    services.send_copy(case, actor=staff["clerk"])
    today.set(D(2026, 11, 30))  # due 27 Nov + ... 60 days from 28 Sep = 27 Nov
    services.decide(case, actor=staff["clerk"], decision_type="maintain", reasons="理由充分", text="维持。")
    assert Case.objects.get(pk=case.pk).decided_late


def test_service_makes_it_effective_and_starts_the_performance_period(tree, staff, today):
    case = testing.decided(tree["market"], staff["clerk"], decision_type="order_performance", performance_days=15)
    with pytest.raises(Conflict):
        services.publish(case, actor=staff["clerk"])
    services.serve(case, actor=staff["clerk"])
    case.refresh_from_db()
    assert case.served_on == D(2026, 9, 28) and case.performance_due_on == D(2026, 10, 13)
    today.set(D(2026, 10, 14))
    services.report_performance(case, actor=staff["market"], performed_on="2026-10-12", text="已重新作出处理决定。")
    case.refresh_from_db()
    assert case.performance_reported_on == D(2026, 10, 14)
    with pytest.raises(Conflict):
        services.order_performance(case, actor=staff["clerk"], text="限期履行", days=10)


def test_publication_masks_the_applicant(tree, staff, today):
    case = testing.decided(
        tree["market"], staff["clerk"], submitter_name="王小明", performance_days=None, decision_type="maintain"
    )
    services.serve(case, actor=staff["clerk"])
    services.publish(case, actor=staff["clerk"], text="申请人王小明（电话13912345678）不服被申请人作出的处罚决定。")
    case.refresh_from_db()
    assert "王小明" not in case.published_text and "王**" in case.published_text
    assert "13912345678" not in case.published_text


# --- incidental review, opinion letters, major cases -------------------------------------------


def test_incidental_review_reaches_the_document_and_suspends_the_case(tree, staff, today):
    from fazhi.documents.choices import DocumentKind, DocumentStatus
    from fazhi.documents.filing import conclude_incidental_review, reply_incidental_review
    from fazhi.documents.models import NormativeDocument

    document = NormativeDocument.objects.create(
        kind=DocumentKind.DEPARTMENT,
        body=tree["market"],
        government=tree["government"],
        title="江门市市场监督管理局关于规范现场检查的规定",
        status=DocumentStatus.IN_FORCE,
        published_on=D(2026, 1, 5),
        effective_on=D(2026, 1, 5),
    )
    case = testing.accepted(tree["market"], staff["clerk"])
    services.request_incidental_review(case, actor=staff["clerk"], document=document.pk, provisions="第五条第二款")
    case.refresh_from_db()
    review = case.incidental_review
    assert review.document == document and review.case_number == case.number
    assert case.status == CaseStatus.SUSPENDED and case.suspension_reason == "9"
    reply_deadline = Deadline.objects.get(matter="incidental-review-reply", object_id=str(review.pk))
    assert reply_deadline.body == tree["market"] and reply_deadline.due_on == D(2026, 10, 16)
    with pytest.raises(Conflict):
        services.resume(case, actor=staff["clerk"])
    today.set(D(2026, 10, 9))
    reply_incidental_review(review, actor=staff["market"], reply="该条款有上位法依据。")
    conclude_incidental_review(review, actor=staff["clerk"], outcome="lawful", reason="合法")
    today.set(D(2026, 10, 10))
    assert services.sweep(today.day) == 1  # resumed from the day the review was concluded
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    # 60 days from 28 Sep is 27 Nov; stopped on the day of acceptance until 9 Oct, so 29 Sep – 8 Oct
    # (10 days that would have counted) are not counted → Mon 7 Dec
    assert case.decide_deadline.due_on == D(2026, 12, 7)


def test_opinion_letter_sixty_days_and_recipient_reports(tree, staff, today):
    today.set(D(2026, 9, 1))
    case = testing.accepted(tree["market"], staff["clerk"], known_on="2026-08-20", act_date="2026-08-18")
    with pytest.raises(InvalidInput):
        services.issue_letter(case, actor=staff["clerk"], recipient=tree["county"].pk + 10_000, text="意见")
    letter = services.issue_letter(case, actor=staff["clerk"], recipient=tree["market"].pk, text="请规范现场检查程序。")
    assert letter.deadline.due_on == D(2026, 11, 2)  # 31 Oct is a Saturday
    with pytest.raises((Forbidden, NotFound)):
        services.report_correction(letter, actor=staff["ecology"], correction="已纠正")
    services.report_correction(letter, actor=staff["market"], correction="已修订现场检查规程。")
    letter.refresh_from_db()
    assert letter.status == "reported" and letter.deadline.closed_on == D(2026, 9, 1)


def test_major_case_marked_and_reported(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    with pytest.raises(Conflict):
        services.report_major(case, actor=staff["clerk"], reported_to="广东省司法厅")
    services.mark_major(case, actor=staff["clerk"], reason="涉及群体性利益")
    services.report_major(case, actor=staff["clerk"], reported_to="广东省司法厅")
    case.refresh_from_db()
    assert case.reported_on == D(2026, 9, 28)
    assert AuditEvent.objects.filter(action="reconsideration.major_reported").exists()


# --- access -------------------------------------------------------------------------------------


def test_respondent_sees_its_own_cases_and_the_applicant_not_others(tree, staff, today):
    from fazhi.reconsideration import selectors

    own = testing.accepted(tree["market"], staff["clerk"])
    other, _secret = testing.apply(tree["county_market"])
    assert set(selectors.office_cases(staff["market"])) == {own}
    assert selectors.office_cases(staff["ecology"]).count() == 0
    assert services.identity_visible(staff["market"], own)
    assert not services.identity_visible(staff["office"], own)  # the 依法行政办 sees it, masked
    assert own in selectors.office_cases(staff["office"])
    assert set(selectors.office_cases(staff["county"])) == {other}
    with pytest.raises(NotFound):
        selectors.visible_case(staff["ecology"], own.pk)


def test_enforcement_names_the_same_reconsideration_body_on_its_instruments(tree):
    """The penalty notice and the enforcement portal read the one jurisdiction rule."""
    from fazhi.enforcement.publicity import reconsideration_organ

    assert reconsideration_organ(tree["market"]) == "江门市人民政府"
    assert reconsideration_organ(tree["county_market"]) == "蓬江区人民政府"
    assert reconsideration_organ(tree["branch"]) == "江门市生态环境局"  # art. 27: one level up
    assert reconsideration_organ(tree["tax"]) == "上一级主管部门（行政复议法第二十七条）"  # not kept here
    assert reconsideration_organ(tree["government"]) == "上一级人民政府（行政复议法第二十四条）"
