"""The check interface, and art. 38's check on real public submissions."""

import dataclasses
import datetime
import itertools

import pytest
from django.utils import timezone

from fazhi.core.choices import BodyKind, SubmissionStatus
from fazhi.core.models import PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.core.testing import make_body
from fazhi.obligations import checks, registry
from fazhi.obligations.checks import CheckResult
from fazhi.obligations.choices import CheckStatus
from fazhi.obligations.testing import assert_check_queries_bounded

_codes = itertools.count(1)
YEAR = 2025


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), timezone.get_current_timezone()
    )


def make_submission(body, received, *, accepted=None, answered=None, rejected=None, kind="suggestion"):
    """A submission as the workflow leaves it, with the dates it happened on (scaffolding, not a service)."""
    status = SubmissionStatus.RECEIVED
    if accepted:
        status = SubmissionStatus.HANDLING
    if answered:
        status = SubmissionStatus.ANSWERED
    if rejected:
        status = SubmissionStatus.REJECTED
    submission = PublicSubmission.objects.create(
        kind=kind,
        body=body,
        receipt_code=f"YJ-{YEAR}-T{next(_codes):06d}",
        secret_digest="0" * 64,
        status=status,
        subject="关于路灯维修的建议",
        content="建议尽快维修。",
        submitter_name="张三",
        client_digest="c" * 64,
        content_digest=f"{next(_codes):064d}",
        accepted_at=at(accepted) if accepted else None,
        replied_at=at(answered) if answered else None,
        reply="已处理。" if answered else "",
        rejected_at=at(rejected) if rejected else None,
        rejection_reason="不属于本单位职责。" if rejected else "",
    )
    # created_at is auto_now_add: the test sets the day the submission arrived.
    PublicSubmission.objects.filter(pk=submission.pk).update(created_at=at(received))
    return submission


def check38(bodies, as_of: str, year: int = YEAR):
    return checks.run(38, bodies, year, datetime.date.fromisoformat(as_of))


@pytest.fixture
def department(db):
    return make_body("江门市城市管理和综合执法局", kind=BodyKind.CITY_DEPARTMENT)


def test_met_when_handled_in_time_and_the_rest_within_its_period(department):
    # Received Mon 3 Mar, taken up 5 Mar, answered 1 Apr; another received 2 Jun, still waiting on 10 Jun.
    handled = make_submission(department, "2025-03-03", accepted="2025-03-05", answered="2025-04-01")
    make_submission(department, "2025-06-02")
    result = check38([department], "2025-06-10")[department.pk]
    assert result.status == CheckStatus.MET
    assert result.status_label == "已落实"
    assert (result.numerator, result.denominator) == (1, 2)
    assert result.rate == 0.5
    assert result.failing == []
    assert [ref.id for ref in result.evidence] == [handled.pk]
    assert result.evidence[0].model == "core.publicsubmission"
    assert "截至 2025-06-10，收到 2 件，已办理 1 件" in result.summary


def test_not_met_when_left_untaken_past_fifteen_days(department):
    late = make_submission(department, "2025-03-03")  # 15 days: due Tue 18 Mar
    assert check38([department], "2025-03-18")[department.pk].status == CheckStatus.NOT_YET_DUE
    result = check38([department], "2025-03-19")[department.pk]
    assert result.status == CheckStatus.NOT_MET
    assert result.status_label == "未落实"
    assert (result.numerator, result.denominator) == (0, 1)
    assert [(ref.model, ref.id) for ref in result.failing] == [("core.publicsubmission", late.pk)]
    assert late.receipt_code in result.failing[0].description
    assert "逾期未受理" in result.failing[0].description
    assert "张三" not in result.failing[0].description  # no personal data on the board


def test_not_met_when_answered_after_sixty_days(department):
    # Taken up Mon 10 Mar: 60 days end Fri 9 May; answered 20 May.
    make_submission(department, "2025-03-07", accepted="2025-03-10", answered="2025-05-20")
    result = check38([department], "2025-06-30")[department.pk]
    assert result.status == CheckStatus.NOT_MET
    assert (result.numerator, result.denominator) == (1, 1)
    assert "超过期限 2025-05-09" in result.failing[0].description


def test_unanswered_past_sixty_days_after_taking_up(department):
    make_submission(department, "2025-03-07", accepted="2025-03-10")
    assert check38([department], "2025-05-09")[department.pk].status == CheckStatus.NOT_YET_DUE
    result = check38([department], "2025-05-10")[department.pk]
    assert result.status == CheckStatus.NOT_MET
    assert "逾期未答复" in result.failing[0].description


def test_refusal_with_reasons_in_time_is_handled(department):
    make_submission(department, "2025-03-03", rejected="2025-03-10")
    result = check38([department], "2025-12-31")[department.pk]
    assert result.status == CheckStatus.MET
    assert (result.numerator, result.denominator) == (1, 1)


def test_what_was_known_on_as_of(department):
    """An answer given after `as_of` did not exist then; a later submission was not yet received."""
    make_submission(department, "2025-03-03", accepted="2025-03-05", answered="2025-04-01")
    make_submission(department, "2025-07-01")
    result = check38([department], "2025-03-20")[department.pk]
    assert result.status == CheckStatus.NOT_YET_DUE
    assert (result.numerator, result.denominator) == (0, 1)


def test_only_the_year_and_the_article_38_kinds_count(department):
    make_submission(department, "2024-12-01")  # last year, long overdue
    make_submission(department, "2025-03-03", kind="disclosure_request")  # art. 26, not 38
    result = check38([department], "2025-12-31")[department.pk]
    assert result.status == CheckStatus.MET
    assert (result.numerator, result.denominator) == (0, 0)
    assert "未收到" in result.summary


def test_not_applicable_and_not_yet_due(db):
    government = make_body("江门市人民政府", kind=BodyKind.CITY_GOVERNMENT)
    authorised = make_body("江门市住房公积金管理中心", parent=government, kind=BodyKind.AUTHORISED_ORGANISATION)
    abolished = make_body("江门市原某局", parent=government, valid_to=datetime.date(2024, 6, 30))
    results = check38([government, authorised, abolished], "2025-06-30")
    assert results[authorised.pk].status == CheckStatus.NOT_APPLICABLE
    assert results[authorised.pk].status_label == "不适用"
    assert results[abolished.pk].status == CheckStatus.NOT_APPLICABLE
    assert results[government.pk].status == CheckStatus.MET
    before = check38([government, authorised], "2024-12-31")
    assert before[government.pk].status == CheckStatus.NOT_YET_DUE
    assert before[government.pk].status_label == "未到期"
    assert before[authorised.pk].status == CheckStatus.NOT_APPLICABLE


def test_not_met_without_a_published_channel(department, monkeypatch):
    other = make_body(kind=BodyKind.CITY_DEPARTMENT)
    suggestion = submission_services.get_kind("suggestion")
    closed = dataclasses.replace(suggestion, receivers=lambda bodies: bodies.exclude(pk=department.pk))
    monkeypatch.setitem(submission_services._KINDS, "suggestion", closed)
    results = check38([department, other], "2025-06-30")
    assert results[department.pk].status == CheckStatus.NOT_MET
    assert "受理渠道" in results[department.pk].summary
    assert results[other.pk].status == CheckStatus.MET


def test_query_count_does_not_grow_with_bodies(db):
    parent = make_body(kind=BodyKind.CITY_GOVERNMENT)

    def bodies(n):
        made = []
        for _i in range(n):
            body = make_body(parent=parent)
            make_submission(body, "2025-03-03", accepted="2025-03-05", answered="2025-04-01")
            make_submission(body, "2025-03-03")
            made.append(body)
        return made

    small, large = assert_check_queries_bounded(38, bodies, year=YEAR, as_of=datetime.date(2025, 6, 30), max_queries=10)
    assert large == small


def test_query_bound_helper_catches_a_check_that_queries_per_body(db, monkeypatch):
    def per_body(bodies, year, as_of):
        return {
            b.pk: CheckResult(CheckStatus.MET, numerator=PublicSubmission.objects.filter(body=b).count())
            for b in bodies
        }

    monkeypatch.setitem(checks._CHECKS, 38, checks.Check(38, per_body, "逐个单位查询"))
    with pytest.raises(AssertionError, match="次查询"):
        assert_check_queries_bounded(
            38, lambda n: [make_body() for _i in range(n)], year=YEAR, as_of=datetime.date(2025, 6, 30)
        )


def test_registration_refuses_unknown_articles_and_a_second_check():
    checks.autodiscover()
    with pytest.raises(ValueError, match="no article"):
        checks.register(0)
    with pytest.raises(ValueError, match="no article"):
        checks.register(57)

    def another(bodies, year, as_of):
        return {}

    with pytest.raises(ValueError, match="already has a check"):
        checks.register(38)(another)


def test_articles_without_records_are_not_automatic():
    assert {5, 38} <= set(checks.checked_articles())
    assert registry.get(38).automatic is True
    for article in (3, 29, 44, 45, 50):
        assert registry.get(article).automatic is False
    with pytest.raises(LookupError):
        checks.run(45, [], YEAR, datetime.date(2025, 6, 30))


def test_a_check_must_answer_for_every_body(department, monkeypatch):
    monkeypatch.setitem(checks._CHECKS, 38, checks.Check(38, lambda bodies, year, as_of: {}, "无答复"))
    with pytest.raises(RuntimeError, match="did not answer"):
        check38([department], "2025-06-30")


def test_result_as_dict(department):
    make_submission(department, "2025-03-03")
    data = check38([department], "2025-06-30")[department.pk].as_dict()
    assert data["status"] == "not_met"
    assert data["status_label"] == "未落实"
    assert (data["numerator"], data["denominator"], data["rate"]) == (0, 1, 0.0)
    assert set(data["failing"][0]) == {"model", "id", "description"}
