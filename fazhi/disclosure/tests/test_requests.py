"""依申请公开: every deadline rule of 条例 arts. 30–33 on the real 2026 holiday schedule.

2026: 中秋 25 September; 国庆 1–7 October, with Saturday 10 October worked.
"""

import datetime

import pytest

from fazhi.core.choices import SubmissionStatus
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.services import submissions as submission_services
from fazhi.disclosure import services, testing
from fazhi.disclosure.choices import AnswerType, Ground, RequestStatus
from fazhi.disclosure.models import DisclosureRequest

D = datetime.date


@pytest.fixture
def request_(staff, today):
    today(D(2026, 9, 28))
    receipt = testing.submit_request(staff["market"])
    return DisclosureRequest.objects.get(submission=receipt.submission)


def _status(request_):
    return submission_services.public_status(
        submission_services.PublicSubmission.objects.get(pk=request_.submission_id)
    )


def test_online_request_waits_for_confirmation_then_runs_20_working_days_over_national_day(request_, staff, today):
    assert request_.status == RequestStatus.RECEIVED
    assert request_.received_on is None
    assert "待受理机关确认收到" in _status(request_)["lines"][0]["text"]
    today(D(2026, 9, 29))
    request_ = services.confirm(request_, actor=staff["clerk"])
    assert request_.received_on == D(2026, 9, 29)
    # 9/30, then 8–10 October (10th a worked Saturday), … 20 working days end Monday 2 November.
    assert request_.answer_deadline.due_on == D(2026, 11, 2)
    assert request_.correction_deadline.due_on == D(2026, 10, 14)
    lines = {line["label"]: line["text"] for line in _status(request_)["lines"]}
    assert lines["答复期限"] == "2026年11月2日（政府信息公开条例（2019）第三十一条、第三十三条）"
    assert _status(request_)["status"] == SubmissionStatus.HANDLING


def test_answer_before_confirming_receipt_is_refused(request_, staff, today):
    today(D(2026, 9, 29))
    with pytest.raises(Conflict) as refused:
        services.answer(request_, actor=staff["clerk"], answer_type="disclosed", text="已公开。")
    assert "待确认收到" in str(refused.value.detail)
    request_.refresh_from_db()
    assert request_.answered_on is None


def test_correction_stops_the_clock_and_the_corrected_request_restarts_it(request_, staff, today):
    today(D(2026, 9, 29))
    request_ = services.confirm(request_, actor=staff["clerk"])
    today(D(2026, 10, 9))
    request_ = services.ask_correction(
        request_, actor=staff["clerk"], items="请写明所需信息的年度和文号", due_on="2026-10-23"
    )
    assert request_.status == RequestStatus.CORRECTING
    request_.answer_deadline.refresh_from_db()
    assert request_.answer_deadline.due_on is None  # stopped
    lines = {line["label"]: line["text"] for line in _status(request_)["lines"]}
    assert "请于2026年10月23日前补正：请写明所需信息的年度和文号" in lines["需要补正"]
    with pytest.raises(Conflict):  # only once: the workflow refuses a second request for correction
        services.ask_correction(request_, actor=staff["clerk"], items="again", due_on="2026-10-30")
    today(D(2026, 10, 20))
    request_ = services.receive_correction(request_, actor=staff["clerk"])
    request_.answer_deadline.refresh_from_db()
    # 20 working days from Tuesday 20 October: Tuesday 17 November.
    assert request_.answer_deadline.due_on == D(2026, 11, 17)
    request_ = DisclosureRequest.objects.get(pk=request_.pk)
    with pytest.raises(Conflict) as refused:
        services.ask_correction(request_, actor=staff["clerk"], items="again", due_on="2026-10-30")
    assert "不能再次要求补正" in str(refused.value.detail)


def test_correction_after_seven_working_days_is_refused(request_, staff, today):
    today(D(2026, 9, 29))
    request_ = services.confirm(request_, actor=staff["clerk"])
    today(D(2026, 10, 15))  # the 7 working days ended on 14 October
    with pytest.raises(Conflict) as refused:
        services.ask_correction(request_, actor=staff["clerk"], items="请补正", due_on="2026-10-30")
    assert "7个工作日" in str(refused.value.detail)


def test_no_correction_in_time_is_other_handling_one(request_, staff, today):
    today(D(2026, 9, 29))
    request_ = services.confirm(request_, actor=staff["clerk"])
    request_ = services.ask_correction(request_, actor=staff["clerk"], items="请补正年度", due_on="2026-10-12")
    with pytest.raises(Conflict) as refused:
        services.close_uncorrected(request_, actor=staff["clerk"])
    assert "尚未届满" in str(refused.value.detail)
    today(D(2026, 10, 13))
    request_ = services.close_uncorrected(request_, actor=staff["clerk"])
    assert (request_.answer_type, request_.ground) == (AnswerType.OTHER, Ground.NO_CORRECTION)
    assert _status(request_)["status"] == SubmissionStatus.CLOSED


def test_extension_once_by_the_head_and_a_second_is_refused(request_, staff, today):
    today(D(2026, 9, 29))
    request_ = services.confirm(request_, actor=staff["clerk"])
    with pytest.raises(Forbidden):  # the head of the disclosure office approves
        services.extend(request_, actor=staff["clerk"], length=20, reason="需要检索大量档案")
    with pytest.raises(InvalidInput):
        services.extend(request_, actor=staff["head"], length=21, reason="需要检索大量档案")
    today(D(2026, 10, 26))
    request_ = services.extend(request_, actor=staff["head"], length=20, reason="需要检索大量档案")
    request_.answer_deadline.refresh_from_db()
    assert request_.answer_deadline.due_on == D(2026, 11, 30)
    assert request_.answer_deadline.extension_approved_by == staff["head"].full_name
    lines = {line["label"]: line["text"] for line in _status(request_)["lines"]}
    assert "延长20个工作日" in lines["延长答复期限"]
    request_ = DisclosureRequest.objects.get(pk=request_.pk)
    with pytest.raises(Conflict) as refused:
        services.extend(request_, actor=staff["head"], length=5, reason="再延长")
    assert "已经延长过一次" in str(refused.value.detail)


def test_third_party_consultation_pauses_until_the_answer(staff, today):
    today(D(2026, 11, 2))
    receipt = testing.submit_request(staff["market"])
    request_ = DisclosureRequest.objects.get(submission=receipt.submission)
    request_ = services.confirm(request_, actor=staff["clerk"])
    assert request_.answer_deadline.due_on == D(2026, 11, 30)
    with pytest.raises(Conflict):  # nothing paused yet
        services.resume(request_, actor=staff["clerk"], replied_on="2026-11-03")
    today(D(2026, 11, 4))
    request_ = services.consult(request_, actor=staff["clerk"], third_party="某食品有限公司")
    assert request_.third_party_deadline.due_on == D(2026, 11, 25)
    with pytest.raises(Conflict):  # answering while the third party is consulted
        services.answer(request_, actor=staff["clerk"], answer_type="disclosed", text="已公开。")
    today(D(2026, 11, 11))
    request_ = services.resume(request_, actor=staff["clerk"], replied_on="2026-11-11")
    request_.answer_deadline.refresh_from_db()
    # 4–10 November (five working days) not counted: due Monday 7 December.
    assert request_.answer_deadline.due_on == D(2026, 12, 7)


def test_third_party_silence_resumes_after_its_fifteen_working_days(staff, today):
    today(D(2026, 11, 2))
    receipt = testing.submit_request(staff["market"])
    request_ = services.confirm(DisclosureRequest.objects.get(submission=receipt.submission), actor=staff["clerk"])
    today(D(2026, 11, 4))
    request_ = services.consult(request_, actor=staff["clerk"], third_party="某食品有限公司")
    today(D(2026, 11, 20))
    with pytest.raises(InvalidInput) as refused:
        services.resume(request_, actor=staff["clerk"])
    assert "尚未届满" in str(refused.value.detail)
    today(D(2026, 11, 26))
    request_ = services.resume(request_, actor=staff["clerk"])
    assert request_.third_party_deadline.closed_on == D(2026, 11, 25)
    assert request_.answer_deadline.pauses.get().resumed_on == D(2026, 11, 26)


@pytest.mark.parametrize(
    ("answer_type", "ground", "ok"),
    [
        ("disclosed", "", True),
        ("partial", "", True),
        ("withheld", "secret", True),
        ("withheld", "not_held", False),
        ("withheld", "", False),
        ("unable", "still_unclear", True),
        ("not_handled", "repeated", True),
        ("other", "no_fee", True),
        ("disclosed", "secret", False),
        ("nonsense", "", False),
    ],
)
def test_answer_types_and_grounds(staff, today, answer_type, ground, ok):
    today(D(2026, 11, 2))
    receipt = testing.submit_request(staff["market"])
    request_ = services.confirm(DisclosureRequest.objects.get(submission=receipt.submission), actor=staff["clerk"])
    if not ok:
        with pytest.raises(InvalidInput):
            services.answer(request_, actor=staff["clerk"], answer_type=answer_type, ground=ground, text="答复。")
        assert DisclosureRequest.objects.get(pk=request_.pk).status == RequestStatus.HANDLING
        return
    request_ = services.answer(request_, actor=staff["clerk"], answer_type=answer_type, ground=ground, text="答复。")
    assert request_.status == RequestStatus.ANSWERED
    lines = {line["label"]: line["text"] for line in _status(request_)["lines"]}
    assert lines["办理结果"].startswith(str(AnswerType(answer_type).label))
    assert _status(request_)["reply"] == "答复。"


def test_late_answer_is_marked(staff, today):
    today(D(2026, 9, 29))
    receipt = testing.submit_request(staff["market"])
    request_ = services.confirm(DisclosureRequest.objects.get(submission=receipt.submission), actor=staff["clerk"])
    today(D(2026, 11, 3))
    request_ = services.answer(request_, actor=staff["clerk"], answer_type="disclosed", text="予以公开。")
    assert request_.late
    assert request_.answer_deadline.closed_on == D(2026, 11, 3)


def test_answer_text_required_and_nothing_changes(staff, today):
    today(D(2026, 11, 2))
    receipt = testing.submit_request(staff["market"])
    request_ = services.confirm(DisclosureRequest.objects.get(submission=receipt.submission), actor=staff["clerk"])
    with pytest.raises(InvalidInput) as refused:
        services.answer(request_, actor=staff["clerk"], answer_type="disclosed", text="  ")
    assert refused.value.errors == {"text": ["请填写答复内容。"]}
    assert DisclosureRequest.objects.get(pk=request_.pk).answer_deadline.closed_on is None


def test_letter_entered_by_the_clerk_counts_from_the_day_signed_for(staff, today):
    today(D(2026, 10, 12))
    request_, secret = services.enter_request(
        actor=staff["clerk"],
        body=staff["market"],
        channel="letter",
        submitted_on="2026-09-30",
        data=testing.request_data(submitter_name="李四"),
    )
    assert request_.received_on == D(2026, 9, 30)
    assert request_.status == RequestStatus.HANDLING
    assert request_.answer_deadline.due_on == D(2026, 11, 3)
    assert request_.submission.receipt_code.startswith("GK-")
    found = submission_services.find_by_receipt(request_.submission.receipt_code, secret)
    assert found.pk == request_.submission_id


def test_entry_bad_input_stores_nothing(staff, today):
    today(D(2026, 10, 12))
    with pytest.raises(InvalidInput) as refused:
        services.enter_request(
            actor=staff["clerk"],
            body=staff["market"],
            channel="online",
            submitted_on="2026-13-01",
            data=testing.request_data(applicant_kind="alien", subject=""),
        )
    assert {"channel", "submitted_on", "applicant_kind", "subject"} <= set(refused.value.errors)
    assert not DisclosureRequest.objects.exists()


def test_another_body_cannot_act_on_the_request(request_, staff, today):
    today(D(2026, 9, 29))
    with pytest.raises(NotFound):
        services.confirm(request_, actor=staff["other_clerk"])
