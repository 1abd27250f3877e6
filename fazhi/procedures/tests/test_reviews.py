import datetime

import pytest

from fazhi.clock import services as clock
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.procedures import selectors, services
from fazhi.procedures.choices import ReviewKind, ReviewOutcome, ReviewStatus, StageStatus
from fazhi.procedures.tests.conftest import today


def _two_stage(subject, people, reviewers, kind=ReviewKind.LEGALITY, **options):
    return services.open_review(
        subject,
        actor=people["market_clerk"],
        kind=kind,
        title="关于促进民营经济发展的若干措施",
        stages=[{"reviewer_body": subject}, {"reviewer_body": reviewers["justice"]}],
        **options,
    )


def test_legality_review_gives_the_reviewer_seven_working_days(subject, people, reviewers):
    review = _two_stage(subject, people, reviewers)
    first = review.stages.get(number=1)
    assert first.status == StageStatus.UNDER_REVIEW
    assert first.due_on == clock.due_for("decision-legality-review", today()).due
    assert "第二十六条" in first.due_source


def test_shorter_review_time_refused_without_reason(subject, people, reviewers):
    with pytest.raises(InvalidInput) as refused:
        _two_stage(subject, people, reviewers, due_on=today() + datetime.timedelta(days=1))
    assert "7个工作日" in refused.value.detail
    review = _two_stage(
        subject, people, reviewers, due_on=today() + datetime.timedelta(days=1), shortened_reason="防汛抢险急需。"
    )
    assert review.stages.get(number=1).due_on == today() + datetime.timedelta(days=1)


def test_two_stage_ordering(subject, people, reviewers):
    review = _two_stage(subject, people, reviewers)
    ok, reason = selectors.review_passed(subject, ReviewKind.LEGALITY)
    assert not ok and "进行中" in reason
    # The 司法局 cannot review before its stage is sent, nor the body send it before stage 1 passed.
    with pytest.raises(NotFound):
        services.conclude_stage(review, actor=reviewers["justice_legal"], outcome="pass", opinion="同意")
    with pytest.raises(Conflict) as refused:
        services.start_next_stage(review, actor=people["market_clerk"])
    assert refused.value.code == "invalid_transition"
    # Only a reviewer concludes a stage: the clerk may not review his own draft.
    with pytest.raises(Forbidden):
        services.conclude_stage(review, actor=people["market_clerk"], outcome="pass", opinion="同意")

    services.conclude_stage(
        review,
        actor=reviewers["market_legal"],
        outcome=ReviewOutcome.PASS_WITH_CHANGES,
        opinion="基本合法。",
        issues=["第三条表述不准确"],
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    services.start_next_stage(review, actor=people["market_clerk"])
    services.conclude_stage(review, actor=reviewers["justice_legal"], outcome=ReviewOutcome.PASS, opinion="合法。")
    review.refresh_from_db()
    assert review.status == ReviewStatus.PASSED
    assert selectors.review_passed(subject, ReviewKind.LEGALITY) == (True, "")


def test_failed_review_resubmitted_as_new_round(subject, people, reviewers):
    review = _two_stage(subject, people, reviewers)
    with pytest.raises(InvalidInput) as refused:
        services.conclude_stage(review, actor=reviewers["market_legal"], outcome=ReviewOutcome.FAIL, opinion="违法。")
    assert "列明存在的问题" in refused.value.detail
    services.conclude_stage(
        review,
        actor=reviewers["market_legal"],
        outcome=ReviewOutcome.FAIL,
        opinion="违法。",
        issues=["第五条设定行政许可，超越权限"],
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.FAILED
    ok, reason = selectors.review_passed(subject, ReviewKind.LEGALITY)
    assert not ok and "重新报送" in reason
    with pytest.raises(Conflict):
        _two_stage(subject, people, reviewers)

    second = services.resubmit_review(review, actor=people["market_clerk"])
    assert (second.round, second.previous_id) == (2, review.pk)
    assert second.stages.count() == 2
    assert second.stages.get(number=1).status == StageStatus.UNDER_REVIEW
    review.refresh_from_db()
    assert review.status == ReviewStatus.RESUBMITTED
    with pytest.raises(Conflict):
        services.resubmit_review(review, actor=people["market_clerk"])


def test_bad_outcome_refused(subject, people, reviewers):
    review = _two_stage(subject, people, reviewers)
    with pytest.raises(InvalidInput) as refused:
        services.conclude_stage(review, actor=reviewers["market_legal"], outcome="maybe", opinion="?")
    assert "outcome" in refused.value.errors


def _fair(subject, people, reviewers, **options):
    return services.open_review(
        subject,
        actor=people["market_clerk"],
        kind=ReviewKind.FAIR_COMPETITION,
        title="关于促进民营经济发展的若干措施",
        stages=[{"reviewer_body": subject}],
        **options,
    )


TOUCHES_NONE = {"market_entry": False, "free_movement": False, "production_costs": False, "business_conduct": False}


def test_fair_competition_category_without_exception_refused(subject, people, reviewers):
    review = _fair(subject, people, reviewers)
    legal = reviewers["market_legal"]
    with pytest.raises(Conflict) as refused:
        services.conclude_stage(review, actor=legal, outcome="pass", opinion="通过")
    assert "尚未逐项审查" in refused.value.detail

    services.record_competition_check(
        review, actor=people["market_clerk"], touches={**TOUCHES_NONE, "market_entry": True}, stakeholders_heard=True
    )
    with pytest.raises(Conflict) as refused:
        services.conclude_stage(review, actor=legal, outcome="pass", opinion="通过")
    assert "市场准入和退出" in refused.value.detail and "第十八条" in refused.value.detail

    exception = {"category": "market_entry", "ground": "public_interest", "explanation": "救灾物资储备。"}
    with pytest.raises(InvalidInput) as refused:
        services.record_competition_check(
            review, actor=legal, touches={**TOUCHES_NONE, "market_entry": True}, exceptions=[{**exception}]
        )
    assert "实施期限或者终止条件" in refused.value.detail
    services.record_competition_check(
        review,
        actor=legal,
        touches={**TOUCHES_NONE, "market_entry": True},
        exceptions=[{**exception, "ends_on": "2027-12-31", "no_alternative": True}],
        stakeholders_heard=True,
        stakeholders_note="召开企业座谈会。",
    )
    services.conclude_stage(review, actor=legal, outcome="pass", opinion="符合第十二条第三项。")
    assert selectors.review_passed(subject, ReviewKind.FAIR_COMPETITION) == (True, "")


def test_fair_competition_needs_stakeholders_and_market_regulator(city, people, reviewers):
    government = city["government"]
    office = people["office"]
    review = services.open_review(
        government,
        actor=office,
        kind=ReviewKind.FAIR_COMPETITION,
        title="市政府政策措施",
        stages=[{"reviewer_body": city["market"]}],
    )
    assert review.government_level
    services.record_competition_check(review, actor=office, touches=TOUCHES_NONE)
    with pytest.raises(Conflict) as refused:
        services.conclude_stage(review, actor=reviewers["market_legal"], outcome="pass", opinion="通过")
    assert "第十六条" in refused.value.detail and "第十四条" in refused.value.detail
    services.record_competition_check(
        review, actor=office, touches=TOUCHES_NONE, stakeholders_heard=True, market_regulator_joined=True
    )
    services.conclude_stage(review, actor=reviewers["market_legal"], outcome="pass", opinion="通过")


def test_competition_check_bad_types(subject, people, reviewers):
    review = _fair(subject, people, reviewers)
    with pytest.raises(InvalidInput):
        services.record_competition_check(review, actor=people["market_clerk"], touches={"market_entry": "否"})
    with pytest.raises(InvalidInput):
        services.record_competition_check(review, actor=people["market_clerk"], touches=[1])


def test_legality_gate_refused_then_allowed(subject, people, reviewers):
    ok, reason = selectors.review_passed(subject, ReviewKind.LEGALITY)
    assert not ok and reason == "尚未进行合法性审查。"
    review = services.open_review(
        subject, actor=people["market_clerk"], kind="legality", title="草案", stages=[{"reviewer_body": subject}]
    )
    services.conclude_stage(review, actor=reviewers["market_legal"], outcome="pass", opinion="合法")
    assert selectors.review_passed(subject, ReviewKind.LEGALITY)[0]
