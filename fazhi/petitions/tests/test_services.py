"""The petition's periods with a frozen clock, forwarding with the identity following, referral
leaving the clock, the refusals out of order and out of time, review and re-check with a hearing."""

import datetime

import pytest

from fazhi.clock.models import Deadline
from fazhi.core.choices import SubmissionStatus
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.core.services import submissions as submission_services
from fazhi.petitions import services, testing
from fazhi.petitions.choices import PetitionStatus as S
from fazhi.petitions.models import Petition

D = datetime.date


def public(petition) -> dict:
    petition.submission.refresh_from_db()
    return {line["label"]: line["text"] for line in submission_services.public_status(petition.submission)["lines"]}


def test_receipt_opens_the_15_days_to_register(today, city, bureau):
    petition, _secret = testing.file(bureau)
    assert petition.submission.receipt_code.startswith("XF-2026-")
    assert petition.status == S.RECEIVED and petition.category == "claim"
    # 2 March + 15 days = Tuesday 17 March (信访工作条例第二十二条、第二十三条)
    assert petition.register_deadline.due_on == D(2026, 3, 17)
    assert public(petition)["登记、告知期限"] == "2026年3月17日前（信访工作条例（2022）第二十二条、第二十三条）"
    assert submission_services.office_url(petition.submission) == f"/office/petitions/{petition.pk}/"


def test_a_period_ending_in_the_national_day_holiday_runs_on(today, bureau):
    today.set(D(2026, 9, 16))
    petition, _secret = testing.file(bureau)
    # 16 September + 15 days = 1 October, in the National Day holiday: the period runs to the next working day.
    assert petition.register_deadline.due_on == D(2026, 10, 8)


def test_forwarding_moves_the_petition_and_the_identity_and_opens_5_working_days_to_object(today, city, bureau, staff):
    petition, _secret = testing.file(bureau)
    petition = services.forward(petition, actor=staff["bureau"], to_body=city["market"].pk, mode="assign")
    assert petition.status == S.FORWARDED and petition.body == city["market"]
    assert petition.submission.body == city["market"]
    assert Deadline.objects.get(body=bureau).closed_on == D(2026, 3, 2)
    assert petition.register_deadline.body == city["market"] and petition.register_deadline.due_on == D(2026, 3, 17)
    assert petition.object_until == D(2026, 3, 9)  # 5 working days from Monday 2 March
    assert submission_services.identity_visible(staff["market"], petition.submission)
    assert not submission_services.identity_visible(staff["bureau"], petition.submission)
    assert submission_services.masked_identity(staff["bureau"], petition.submission)["submitter_name"] == "李*"
    told = public(petition)
    assert any("交办至江门市市场监督管理局" in text for text in told.values())
    assert AuditEvent.objects.filter(action="petitions.forwarded").exists()
    assert AuditEvent.objects.filter(action="core.submission_reassigned").exists()


def test_an_objection_within_5_working_days_sends_it_back_after_them_is_refused(today, city, bureau, staff):
    first, _s = testing.file(bureau)
    second, _s = testing.file(bureau)
    for petition in (first, second):
        services.forward(petition, actor=staff["bureau"], to_body=city["market"].pk)
    with pytest.raises(InvalidInput) as refused:
        services.object_to(first, actor=staff["market"], reason="  ")
    assert refused.value.errors["reason"] == ["请填写异议理由。"]
    today.set(D(2026, 3, 9))  # the fifth working day
    first = services.object_to(first, actor=staff["market"], reason="土地征收补偿不属于本局职权。")
    assert first.status == S.RECEIVED and first.body == bureau and first.submission.body == bureau
    assert first.register_deadline.body == bureau and first.register_deadline.due_on == D(2026, 3, 24)
    today.set(D(2026, 3, 10))
    with pytest.raises(Conflict, match=r"提出异议的期限.*已于2026年3月9日届满"):
        services.object_to(second, actor=staff["market"], reason="不属于本局职权。")
    assert Petition.objects.get(pk=second.pk).body == city["market"]


def test_referral_to_a_legal_channel_leaves_the_clock(today, city, bureau, staff):
    petition, secret = testing.file(bureau)
    petition = services.refer(
        petition,
        actor=staff["bureau"],
        channel="reconsideration",
        notice="请自知道该行政行为之日起60日内向江门市人民政府申请行政复议。",
    )
    assert petition.status == S.REFERRED
    assert Deadline.objects.filter(object_id=str(petition.pk), closed_on__isnull=True).count() == 0
    assert petition.submission.status == SubmissionStatus.CLOSED
    told = public(petition)
    assert told["导入法定途径"] == "行政复议"
    with pytest.raises(Conflict, match="已导入法定途径（行政复议），不适用复查"):
        services.public_request(
            receipt_code=petition.submission.receipt_code,
            secret=secret,
            step="request-review",
            reasons="不服处理，请求复查。",
            client_ip="198.51.100.8",
        )
    with pytest.raises(Conflict, match="不能进行“出具处理意见书”"):
        services.answer(petition, actor=staff["bureau"], outcome="supported", opinion="支持。")


def test_handling_before_registration_is_refused(today, city, staff):
    petition, _secret = testing.file(city["market"])
    with pytest.raises(Conflict, match="当前状态为“待登记”，不能进行“出具处理意见书”"):
        services.answer(petition, actor=staff["market"], outcome="supported", opinion="支持。")


def test_60_days_to_handle_extended_once_by_the_head(today, city, staff):
    petition = testing.accepted(city["market"], staff["market"])
    # 2 March + 60 days = Friday 1 May, the Labour Day holiday (1–5 May 2026): runs to Wednesday 6 May.
    assert petition.handle_deadline.due_on == D(2026, 5, 6)
    assert public(petition)["办结期限"].startswith("2026年5月6日前（信访工作条例（2022）第三十四条）")
    with pytest.raises(Forbidden):
        services.extend(petition, actor=staff["market"], days=30, reason="需现场核查。")
    with pytest.raises(InvalidInput, match="1至30日"):
        services.extend(petition, actor=staff["market_head"], days=31, reason="需现场核查。")
    petition = services.extend(petition, actor=staff["market_head"], days=30, reason="需会同自然资源部门现场核查。")
    # 1 May + 30 days = 31 May, a Sunday: runs to Monday 1 June.
    assert petition.handle_deadline.due_on == D(2026, 6, 1)
    assert any("延期理由：需会同自然资源部门现场核查。" in text for text in public(petition).values())
    with pytest.raises(Conflict, match="已经延长过一次"):
        services.extend(petition, actor=staff["market_head"], days=5, reason="再延。")


def test_the_opinion_takes_the_outcomes_of_its_category(today, city, staff):
    suggestion = testing.accepted(city["market"], staff["market"], category="suggestion")
    with pytest.raises(InvalidInput, match="建议意见类事项的处理意见应为"):
        services.answer(suggestion, actor=staff["market"], outcome="supported", opinion="支持。")
    suggestion = services.answer(suggestion, actor=staff["market"], outcome="adopted", opinion="建议已采纳。")
    assert suggestion.status == S.ANSWERED and suggestion.handle_deadline.closed_on == D(2026, 3, 2)
    assert suggestion.submission.status == SubmissionStatus.ANSWERED
    assert public(suggestion)["处理意见"] == "予以采纳"


def test_review_and_recheck_by_the_next_levels_with_a_hearing_not_counted(today, city, staff):
    petition, secret = testing.answered(city["county_market"], staff["county_market"])
    assert petition.review_until == D(2026, 4, 1)
    receipt = petition.submission.receipt_code
    today.set(D(2026, 4, 1))
    petition = services.public_request(
        receipt_code=receipt,
        secret=secret,
        step="request-review",
        reasons="补偿标准计算有误，请求复查。",
        client_ip="1.2.3.4",
    )
    assert petition.status == S.REVIEW and petition.review_body == city["county"]
    assert petition.review_deadline.body == city["county"] and petition.review_deadline.due_on == D(2026, 5, 6)
    # The county government reviews but does not see who the petitioner is.
    assert not submission_services.identity_visible(staff["county"], petition.submission)
    with pytest.raises(NotFound):
        services.review(petition, actor=staff["ecology"], outcome="upheld", opinion="维持。")
    with pytest.raises(Conflict, match="当前状态为“复查中”，不能进行“出具处理意见书”"):
        services.answer(petition, actor=staff["county_market"], outcome="supported", opinion="支持。")
    petition = services.review(
        petition, actor=staff["county"], outcome="upheld", opinion="原处理意见认定事实清楚，予以维持。"
    )
    assert petition.recheck_until == D(2026, 5, 6)  # 1 April + 30 = 1 May, in the Labour Day holiday
    today.set(D(2026, 4, 10))
    petition = services.request_recheck(petition, actor=staff["city"], reasons="仍不服复查意见，请求复核。")
    assert petition.recheck_body == city["government"]
    assert petition.recheck_deadline.due_on == D(2026, 5, 11)  # 10 April + 30 = 10 May, a Sunday
    today.set(D(2026, 4, 20))
    petition = services.start_hearing(petition, actor=staff["city"], reason="举行听证")
    assert petition.recheck_deadline.due_on is None
    assert "不计入复核期限" in public(petition)["听证"]
    with pytest.raises(Conflict, match="听证正在进行"):
        services.recheck(petition, actor=staff["city"], outcome="upheld", opinion="维持。")
    today.set(D(2026, 4, 30))
    petition = services.end_hearing(petition, actor=staff["city"])
    # Ten days of hearing (20–29 April) are not counted: 10 May + 10 = 20 May.
    assert petition.recheck_deadline.due_on == D(2026, 5, 20)
    petition = services.recheck(petition, actor=staff["city"], outcome="upheld", opinion="复核维持。")
    assert petition.status == S.CLOSED and petition.submission.status == SubmissionStatus.CLOSED
    with pytest.raises(Conflict, match="信访终结"):
        services.public_request(
            receipt_code=receipt, secret=secret, step="request-recheck", reasons="再次请求复核。", client_ip="1.2.3.4"
        )


def test_a_review_request_after_its_30_days_is_refused(today, city, staff):
    petition, secret = testing.answered(city["market"], staff["market"])
    today.set(D(2026, 4, 2))
    with pytest.raises(Conflict, match=r"请求复查的期限.*已于2026年4月1日届满"):
        services.public_request(
            receipt_code=petition.submission.receipt_code,
            secret=secret,
            step="request-review",
            reasons="请求复查处理意见。",
            client_ip="1.2.3.4",
        )
    assert Petition.objects.get(pk=petition.pk).status == S.ANSWERED


def test_a_recheck_request_after_its_30_days_is_refused(today, city, staff):
    petition, _secret = testing.answered(city["county_market"], staff["county_market"])
    petition = services.request_review(petition, actor=staff["county"], reasons="请求复查处理意见。")
    petition = services.review(petition, actor=staff["county"], outcome="changed", opinion="变更为全部支持。")
    today.set(D(2026, 4, 2))
    with pytest.raises(Conflict, match="请求复核的期限"):
        services.request_recheck(petition, actor=staff["city"], reasons="请求复核复查意见。")


def test_the_city_government_has_no_level_above_on_the_platform(today, city, staff):
    petition, secret = testing.answered(city["market"], staff["market"])
    petition = services.request_review(petition, actor=staff["city"], reasons="请求复查处理意见。")
    petition = services.review(petition, actor=staff["city"], outcome="upheld", opinion="维持。")
    with pytest.raises(Conflict, match="没有上一级机关"):
        services.public_request(
            receipt_code=petition.submission.receipt_code,
            secret=secret,
            step="request-recheck",
            reasons="请求复核。。",
            client_ip="1.2.3.4",
        )


def test_inform_the_petitioner_of_the_competent_organ(today, city, staff):
    petition, _secret = testing.file(city["market"])
    with pytest.raises(InvalidInput):
        services.inform(petition, actor=staff["market"], competent_organ="")
    petition = services.inform(petition, actor=staff["market"], competent_organ="江门市人民检察院")
    assert petition.status == S.INFORMED and public(petition)["有权处理的机关"] == "江门市人民检察院"
    assert petition.register_deadline.closed_on == D(2026, 3, 2)


def test_another_body_cannot_act(today, city, staff):
    petition, _secret = testing.file(city["market"])
    with pytest.raises(NotFound):
        services.accept(petition, actor=staff["ecology"])
    with pytest.raises(InvalidInput) as refused:
        services.forward(petition, actor=staff["market"], to_body="abc")
    assert "to_body" in refused.value.errors
    assert Petition.objects.get(pk=petition.pk).status == S.RECEIVED
