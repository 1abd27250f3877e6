"""Routing, handling, transfers, identity, deadlines and satisfaction, through the services."""

import datetime

import pytest

from fazhi.clock import services as clock
from fazhi.core.choices import SubmissionStatus
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.core.testing import make_user
from fazhi.intake import services, testing
from fazhi.intake.choices import CaseStatus, IntakeKind, Result, TransferDirection
from fazhi.intake.models import Case, CaseTransfer

D = datetime.date


def report(city, intake, area="county", category="food"):
    return testing.submit(IntakeKind.REPORT, testing.report_data(intake[category], city[area]))


# --- routing -------------------------------------------------------------------------------


def test_a_report_goes_to_the_competent_body_for_its_category_and_area(city, intake, today):
    case, receipt = report(city, intake)
    assert case.body == city["county_market"] == receipt.submission.body
    assert receipt.receipt_code.startswith("JB-2026-")
    case, _receipt = report(city, intake, area="government")
    assert case.body == city["market"]


def test_a_category_without_a_rule_for_the_area_falls_back_to_the_city_level(city, intake, today):
    case, _receipt = report(city, intake, category="pollution")
    assert case.body == city["ecology"]


def test_no_route_is_a_400_naming_the_field_and_stores_nothing(city, intake, today):
    with pytest.raises(InvalidInput) as refused:
        report(city, intake, category="unrouted")
    assert "没有受理单位" in refused.value.errors["category"][0]
    with pytest.raises(InvalidInput) as refused:
        testing.submit(IntakeKind.REPORT, {**testing.report_data(intake["food"], city["county"]), "area": "x"})
    assert "area" in refused.value.errors
    assert not PublicSubmission.objects.exists() and not Case.objects.exists()


def test_a_complaint_about_a_body_goes_to_its_governments_receiving_body(city, intake, today):
    case, receipt = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["conduct"], respondent=city["market"])
    )
    assert case.body == intake["office"]
    assert case.respondent == city["market"]
    assert receipt.receipt_code.startswith("TS-")
    case, _receipt = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["conduct"], respondent=city["county_market"])
    )
    assert case.body == intake["county_office"]


def test_a_complaint_about_the_county_government_goes_up_to_the_city(city, intake, today):
    case, _receipt = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["conduct"], respondent=city["county"])
    )
    assert case.body == intake["office"]


def test_a_conduct_complaint_without_the_body_complained_about_is_refused(city, intake, today):
    with pytest.raises(InvalidInput) as refused:
        testing.submit(IntakeKind.COMPLAINT, testing.complaint_data(intake["conduct"]))
    assert "respondent" in refused.value.errors
    assert not Case.objects.exists()


def test_a_consumer_complaint_is_routed_by_area(city, intake, today):
    case, _receipt = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["consumer"], area=city["county"])
    )
    assert case.body == city["county_market"]


# --- deadlines -----------------------------------------------------------------------------


def _open(case):
    return {d.matter: d for d in services.deadlines(case) if d.closed_on is None}


def test_a_market_report_runs_15_working_days_from_receipt(city, intake, today):
    case, _receipt = report(city, intake)
    deadline = _open(case)["intake-report-verify"]
    assert deadline.body == city["county_market"]
    assert deadline.due_on == D(2026, 11, 23)
    assert "第十八条" in deadline.period.source


def test_a_consumer_complaint_is_accepted_in_7_working_days_then_mediated_in_45(city, intake, today, staff):
    case, _receipt = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["consumer"], area=city["county"])
    )
    assert _open(case)["intake-complaint-accept"].due_on == D(2026, 11, 11)
    today.set(D(2026, 11, 4))
    services.accept(case, actor=staff["county_clerk"])
    running = _open(case)
    assert list(running) == ["intake-complaint-mediate"]
    assert running["intake-complaint-mediate"].due_on == clock.due_for("intake-complaint-mediate", D(2026, 11, 4)).due


def test_holidays_push_the_due_date(city, intake, today):
    today.set(D(2026, 9, 28))
    case, _receipt = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["consumer"], area=city["county"])
    )
    due = _open(case)["intake-complaint-accept"].due_on
    # Seven working days from a Monday would be the next Wednesday without the National Day holiday.
    assert due > D(2026, 10, 7)
    assert due == clock.due_for("intake-complaint-accept", D(2026, 9, 28)).due


def test_a_transfer_closes_the_former_bodys_clock_and_starts_the_receivers_on_that_day(city, intake, today, staff):
    case, _receipt = report(city, intake, area="government")
    today.set(D(2026, 11, 9))
    services.transfer(case, actor=staff["market_clerk"], to_body=city["county_market"].pk, reason="属蓬江区管辖")
    deadlines = list(services.deadlines(case).order_by("pk"))
    assert [(d.body, d.closed_on) for d in deadlines] == [
        (city["market"], D(2026, 11, 9)),
        (city["county_market"], None),
    ]
    assert deadlines[1].start_on == D(2026, 11, 9)
    assert deadlines[1].due_on == D(2026, 11, 30)


# --- handling ------------------------------------------------------------------------------


def test_transfer_down_moves_the_case_the_submission_and_the_identity(city, intake, today, staff):
    case, receipt = report(city, intake, area="government")
    moved = services.transfer(
        case, actor=staff["market_clerk"], to_body=str(city["county_market"].pk), reason="属地管辖"
    )
    case.refresh_from_db()
    submission = PublicSubmission.objects.get(pk=receipt.submission.pk)
    assert moved.direction == TransferDirection.DOWN
    assert case.body == submission.body == city["county_market"]
    assert case.status == CaseStatus.RECEIVED
    assert submission_services.identity_visible(staff["county_clerk"], submission)
    assert not submission_services.identity_visible(staff["market_clerk"], submission)
    assert submission_services.masked_identity(staff["market_clerk"], submission)["submitter_name"] != "李四"
    # The former body keeps a trace that names no one, and no longer sees the case.
    trace = CaseTransfer.objects.restrict(staff["market_clerk"]).get()
    assert trace.trace.startswith(receipt.receipt_code) and "李四" not in trace.trace
    assert not Case.objects.restrict(staff["market_clerk"]).exists()
    # The public reads where it went, not why.
    lines = dict(services.public_lines(submission))
    assert "蓬江区市场监督管理局办理" in lines["转交"] and "属地管辖" not in str(lines)


def test_transfer_across_to_the_competent_body(city, intake, today, staff):
    case, _receipt = report(city, intake, category="pollution")
    moved = services.transfer(case, actor=staff["ecology_clerk"], to_body=city["market"].pk, reason="属市场监管职责")
    assert moved.direction == TransferDirection.ACROSS


def test_a_transfer_needs_a_reason_and_another_current_body(city, intake, today, staff):
    case, _receipt = report(city, intake)
    for kwargs, field in (
        ({"to_body": city["market"].pk, "reason": ""}, "reason"),
        ({"to_body": "abc", "reason": "x"}, "to_body"),
        ({"to_body": city["county_market"].pk, "reason": "x"}, "to_body"),
    ):
        with pytest.raises(InvalidInput) as refused:
            services.transfer(case, actor=staff["county_clerk"], **kwargs)
        assert field in refused.value.errors
    assert not CaseTransfer.objects.exists()


def test_accept_then_conclude_with_the_result_and_the_reply(city, intake, today, staff):
    case, _receipt = report(city, intake)
    services.accept(case, actor=staff["county_clerk"])
    services.add_note(case, actor=staff["county_clerk"], text="现场核查，发现过期食材 3 批次。")
    with pytest.raises(InvalidInput):
        services.conclude(case, actor=staff["county_clerk"], result="guess", reply="已处理")
    with pytest.raises(InvalidInput):
        services.conclude(
            case, actor=staff["county_clerk"], result=Result.UNFOUNDED, reply="x", enforcement_case_number="1"
        )
    services.conclude(
        case,
        actor=staff["county_clerk"],
        result=Result.FILED,
        reply="经核查属实，已立案查处。",
        enforcement_case_number="江蓬市监立〔2026〕12号",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.concluded_on == today.day
    assert not _open(case)
    status = submission_services.public_status(case.submission)
    assert status["status"] == SubmissionStatus.ANSWERED and status["reply"] == "经核查属实，已立案查处。"
    assert {"label": "处理结果", "text": "立案查处"} in status["lines"]


def test_refuse_needs_a_reason_and_tells_the_submitter(city, intake, today, staff):
    case, _receipt = report(city, intake)
    with pytest.raises(InvalidInput):
        services.refuse(case, actor=staff["county_clerk"], reason="  ")
    services.refuse(case, actor=staff["county_clerk"], reason="不属于本局职责。")
    submission = PublicSubmission.objects.get(pk=case.submission_id)
    assert submission.status == SubmissionStatus.REJECTED and submission.rejection_reason == "不属于本局职责。"


def test_steps_out_of_order_are_409(city, intake, today, staff):
    case, _receipt = report(city, intake)
    with pytest.raises(Conflict):
        services.conclude(case, actor=staff["county_clerk"], result=Result.FILED, reply="x")
    services.accept(case, actor=staff["county_clerk"])
    with pytest.raises(Conflict):
        services.accept(case, actor=staff["county_clerk"])


def test_another_body_cannot_touch_the_case(city, intake, today, staff):
    case, _receipt = report(city, intake)
    with pytest.raises(NotFound):
        services.accept(case, actor=staff["ecology_clerk"])
    with pytest.raises((NotFound, Forbidden)):
        services.add_note(case, actor=staff["ecology_clerk"], text="x")


# --- identity ------------------------------------------------------------------------------


def test_identity_is_for_the_handling_body_only(city, intake, today, staff, people):
    case, receipt = testing.submit(
        IntakeKind.COMPLAINT, testing.complaint_data(intake["conduct"], respondent=city["county_market"])
    )
    submission = receipt.submission
    assert case.body == intake["county_office"]
    # The body complained about: not even the case.
    assert not Case.objects.restrict(staff["county_clerk"]).exists()
    assert not submission_services.identity_visible(staff["county_clerk"], submission)
    # The county government's office sees the case from above, not who complained.
    assert Case.objects.restrict(staff["county_office"]).filter(pk=case.pk).exists()
    assert not submission_services.identity_visible(staff["county_office"], submission)
    # The receiving body does.
    handler = make_user("county_desk", roles=[(intake["county_office"], "clerk")])
    assert submission_services.masked_identity(handler, submission)["submitter_email"] == "wang@example.com"
    # The public status names no one.
    assert submission_services.public_status(submission)["submitter_name"] != "王五"


# --- satisfaction --------------------------------------------------------------------------


def test_satisfaction_only_after_the_reply_and_once(city, intake, today, staff):
    case, receipt = report(city, intake)
    rate = lambda **kw: services.rate(receipt.receipt_code, receipt.secret, client_ip="10.9.9.9", **kw)  # noqa: E731
    with pytest.raises(Conflict):
        rate(rating="satisfied")
    services.accept(case, actor=staff["county_clerk"])
    services.conclude(case, actor=staff["county_clerk"], result=Result.RECTIFIED, reply="已责令整改。")
    with pytest.raises(InvalidInput) as refused:
        rate(rating="great", comment=5)
    assert set(refused.value.errors) == {"rating", "comment"}
    rate(rating="dissatisfied", comment="<script>alert(1)</script>整改不彻底")
    case.refresh_from_db()
    assert case.satisfaction == "dissatisfied" and case.satisfaction_comment.startswith("<script>")
    with pytest.raises(Conflict):
        rate(rating="satisfied")
    with pytest.raises(NotFound):
        services.rate(receipt.receipt_code, "WRONG-SECRET", rating="satisfied", client_ip="10.9.9.9")


def test_the_reminder_sweep_flags_an_overdue_case_to_its_current_body(city, intake, today, staff):
    from fazhi.core.models import Notification

    case, receipt = report(city, intake)
    sent = clock.send_due_reminders(D(2026, 11, 24))
    assert sent == 1
    notice = Notification.objects.get(recipient=staff["county_clerk"])
    assert receipt.receipt_code in notice.title and "已逾期" in notice.title
    assert notice.link == f"/office/intake/cases/{case.pk}/"
    assert not Notification.objects.filter(recipient=staff["market_clerk"]).exists()
