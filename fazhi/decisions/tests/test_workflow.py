"""The major-decision procedure as hard gates: each refused with its reason, then allowed."""

import datetime
import json

import pytest
from django.utils import timezone

from fazhi.clock import services as clock
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, Notification
from fazhi.core.testing import make_body
from fazhi.decisions import decision_selectors, services, testing
from fazhi.decisions.choices import DecisionStatus as S
from fazhi.procedures.choices import CommentPeriod, ReviewKind
from fazhi.procedures.testing import check_competition, hold_meeting, pass_review

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _refused(call, fragment, error=Conflict):
    with pytest.raises(error) as caught:
        call()
    assert fragment in str(caught.value.detail), caught.value.detail


def _draft(city, actors, **overrides):
    return testing.draft(city["market"], actors["clerk"], **overrides)


def test_a_decision_walks_from_draft_to_published_with_every_step_recorded(city, actors):
    decision = _draft(city, actors, is_technical=True, risk_areas=["social_stability"], touches_market=True)
    decision = testing.walk(decision, S.PUBLISHED, actors)
    assert decision.status == S.PUBLISHED and decision.published_on == TODAY()
    assert decision.decided_on == TODAY() and decision.head_name == "市长甲"
    actions = [event["action"] for event in decision_selectors.timeline(decision)]
    for action in (
        "decisions.created",
        "decisions.consultation_started",
        "decisions.expert_opinion_added",
        "decisions.risk_assessed",
        "decisions.submitted_for_review",
        "decisions.decided",
        "decisions.reported_to_party",
        "decisions.published",
    ):
        assert action in actions, action


def test_a_matter_neither_catalogued_nor_declared_major_cannot_proceed(city, actors):
    decision = _draft(city, actors, declared_on=None, declaration="")
    testing.run_consultation(decision, actors["clerk"])
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "意见第十条")
    services.update_decision(decision, actor=actors["clerk"], declared_on=TODAY(), declaration="局党组会议认定。")
    assert services.submit_review(decision, actor=actors["clerk"]).status == S.LEGALITY_REVIEW


def test_public_participation_of_thirty_days_with_every_comment_answered(city, actors):
    decision = _draft(city, actors)
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "尚未公开征求意见")
    short = TODAY() + datetime.timedelta(days=10)
    with pytest.raises(InvalidInput) as caught:
        services.start_consultation(decision, actor=actors["clerk"], closes_on=short)
    assert "30" in str(caught.value.detail)
    consultation = services.start_consultation(
        decision, actor=actors["clerk"], closes_on=short, shortened_reason="防汛工作紧急，须在汛期前实施。"
    )
    assert consultation.period == CommentPeriod.DECISION
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "尚未截止")
    testing.finish_consultation(decision, actors["clerk"])
    assert services.submit_review(decision, actor=actors["clerk"]).status == S.LEGALITY_REVIEW


def test_a_matter_exempt_from_disclosure_needs_its_ground_instead_of_a_consultation(city, actors):
    decision = _draft(city, actors, disclosure_exempt=True)
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "不予公开的依据")
    _refused(lambda: services.start_consultation(decision, actor=actors["clerk"], closes_on=TODAY()), "不予公开")
    services.update_decision(
        decision, actor=actors["clerk"], disclosure_exempt_reason="涉及国家秘密（保守国家秘密法）。"
    )
    assert services.submit_review(decision, actor=actors["clerk"]).status == S.LEGALITY_REVIEW


def test_technical_matters_need_signed_independent_expert_opinions(city, actors):
    decision = _draft(city, actors, is_technical=True)
    testing.run_consultation(decision, actors["clerk"])
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "专家")
    opinion = testing.add_expert(decision, actors["clerk"], signed_on=None)
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "署名")
    opinion.signed_on = TODAY()
    opinion.save()
    testing.add_expert(decision, actors["clerk"], expert_name="李研究员", no_conflict=False)
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "利害关系")
    decision.expert_opinions.filter(expert_name="李研究员").delete()
    assert services.submit_review(decision, actor=actors["clerk"]).status == S.LEGALITY_REVIEW


def test_the_technical_and_risk_flags_decide_which_steps_are_required(city, actors):
    plain = _draft(city, actors)
    testing.run_consultation(plain, actors["clerk"])
    assert services.submit_review(plain, actor=actors["clerk"]).status == S.LEGALITY_REVIEW, "no experts, no risk"

    risky = _draft(city, actors, title="城区公共停车场收费标准调整", risk_areas=["social_stability", "fiscal"])
    testing.run_consultation(risky, actors["clerk"])
    _refused(lambda: services.submit_review(risky, actor=actors["clerk"]), "风险评估")
    testing.assess_risk(risky, actors["clerk"], controllable=False)
    _refused(lambda: services.submit_review(risky, actor=actors["clerk"]), "风险不可控")
    testing.assess_risk(risky, actors["clerk"], controllable=True)
    assert services.submit_review(risky, actor=actors["clerk"]).status == S.LEGALITY_REVIEW


def test_a_measure_touching_the_market_needs_a_fair_competition_review(city, actors):
    decision = _draft(city, actors, touches_market=True)
    testing.run_consultation(decision, actors["clerk"])
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "公平竞争审查")
    services.submit_competition_review(decision, actor=actors["clerk"])
    _refused(lambda: services.submit_review(decision, actor=actors["clerk"]), "进行中")
    check_competition(decision, actors["body_reviewer"])
    pass_review(decision, actors["body_reviewer"], ReviewKind.FAIR_COMPETITION)
    assert services.submit_review(decision, actor=actors["clerk"]).status == S.LEGALITY_REVIEW


def test_the_reviewer_is_allowed_seven_working_days(city, actors):
    decision = _draft(city, actors)
    testing.run_consultation(decision, actors["clerk"])
    with pytest.raises(InvalidInput) as caught:
        services.submit_review(decision, actor=actors["clerk"], due_on=TODAY() + datetime.timedelta(days=2))
    assert "7个工作日" in str(caught.value.detail)
    decision.refresh_from_db()
    assert decision.status == S.DRAFTING, "a refused submission changes nothing"
    services.submit_review(decision, actor=actors["clerk"])
    stage = decision_review(decision).stages.get()
    assert stage.due_on == clock.due_for("decision-legality-review", TODAY()).due
    assert stage.reviewer_body.name == "江门市司法局"


def decision_review(decision):
    from fazhi.procedures.selectors import reviews_of

    return reviews_of(decision, ReviewKind.LEGALITY).order_by("-round").first()


def test_no_collective_discussion_without_a_passed_legality_review(city, actors):
    decision = testing.walk(_draft(city, actors), S.LEGALITY_REVIEW, actors)
    _refused(lambda: services.conclude_review(decision, actor=actors["clerk"]), "尚在进行中")
    pass_review(decision, actors["legal_reviewer"], outcome="fail")
    _refused(lambda: services.conclude_review(decision, actor=actors["clerk"]), "不得提交决策机关讨论")
    assert decision.status == S.LEGALITY_REVIEW


def test_an_exploratory_reform_may_go_to_discussion_with_its_legal_risk_stated(city, actors):
    decision = testing.walk(_draft(city, actors, is_exploratory_reform=True), S.LEGALITY_REVIEW, actors)
    pass_review(decision, actors["legal_reviewer"], outcome="fail")
    _refused(lambda: services.conclude_review(decision, actor=actors["clerk"]), "明示法律风险")
    services.update_decision(
        decision, actor=actors["clerk"], legal_risk_statement="国家尚无明确规定，存在被上级机关纠正的风险。"
    )
    decision = services.conclude_review(decision, actor=actors["clerk"])
    assert decision.status == S.REVIEWED
    event = AuditEvent.objects.get(object_id=str(decision.pk), action="decisions.review_concluded")
    assert "被上级机关纠正" in json.loads(event.data)["after"]["legal_risk_statement"]


def test_discussion_needs_an_advisers_opinion_and_a_signed_government_meeting(city, actors):
    decision = testing.walk(_draft(city, actors), S.REVIEWED, actors)
    head = actors["head"]

    def decide():
        return services.record_head_decision(decision, actor=head, head_decision="adopted")

    _refused(decide, "法律顾问")
    testing.give_adviser_opinion(decision)
    _refused(decide, "会议记录")
    hold_meeting(decision, actors["clerk"], head, meeting_kind="bureau", session="局务会议")
    _refused(decide, "常务会议或者全体会议")
    hold_meeting(decision, actors["clerk"], head)
    decision = decide()
    assert decision.status == S.DECIDED


def test_the_head_departing_from_the_majority_gives_reasons(city, actors):
    decision = testing.walk(_draft(city, actors), S.REVIEWED, actors)
    testing.give_adviser_opinion(decision)
    hold_meeting(decision, actors["clerk"], actors["head"], outcome="rejected", dissent="副市长甲：同意方案。")
    _refused(
        lambda: services.record_head_decision(decision, actor=actors["head"], head_decision="adopted"),
        "说明理由",
    )
    decision = services.record_head_decision(
        decision, actor=actors["head"], head_decision="adopted", departure_reason="汛期临近，整治工作不宜推迟。"
    )
    assert decision.departs_from_majority and decision.status == S.DECIDED


def test_a_not_adopted_decision_ends_there(city, actors):
    decision = testing.walk(_draft(city, actors), S.REVIEWED, actors)
    testing.give_adviser_opinion(decision)
    hold_meeting(decision, actors["clerk"], actors["head"], outcome="rejected")
    decision = services.record_head_decision(decision, actor=actors["head"], head_decision="not_adopted")
    assert decision.status == S.NOT_ADOPTED
    _refused(
        lambda: services.report_to_party(decision, actor=actors["office"], reported_on=TODAY(), report="报告"),
        "不能进行",
    )


def test_party_report_then_publication_with_how_opinions_were_taken_up(city, actors):
    decision = testing.walk(_draft(city, actors), S.DECIDED, actors)
    _refused(
        lambda: services.publish(decision, actor=actors["office"], decision_text="内容", executing_unit=city["market"]),
        "不能进行",
    )
    _refused(
        lambda: services.report_to_party(decision, actor=actors["office"], reported_on=TODAY(), report=""),
        "请示报告",
    )
    decision = services.report_to_party(decision, actor=actors["office"], reported_on=TODAY(), report="已报市委同意。")
    _refused(
        lambda: services.publish(decision, actor=actors["office"], decision_text="内容", executing_unit=city["market"]),
        "采纳情况",
    )
    _refused(
        lambda: services.publish(
            decision, actor=actors["office"], decision_text="内容", executing_unit=None, adoption_explanation="已采纳"
        ),
        "执行单位",
    )
    with pytest.raises(InvalidInput):
        services.publish(
            decision,
            actor=actors["office"],
            decision_text="内容",
            executing_unit=make_body("广东省生态环境厅"),
            adoption_explanation="已采纳",
        )
    decision = services.publish(
        decision,
        actor=actors["office"],
        decision_text="内容",
        executing_unit=city["market"],
        adoption_explanation="采纳公众意见12条。",
    )
    assert decision.status == S.PUBLISHED


def test_who_may_take_each_step(city, actors, people):
    decision = _draft(city, actors)
    testing.run_consultation(decision, actors["clerk"])
    with pytest.raises(NotFound):
        services.submit_review(decision, actor=people["ecology_clerk"])
    with pytest.raises(NotFound):
        services.update_decision(decision, actor=people["ecology_clerk"], title="改")
    decision = testing.walk(decision, S.REVIEWED, actors)
    testing.give_adviser_opinion(decision)
    hold_meeting(decision, actors["clerk"], actors["head"])
    with pytest.raises(Forbidden):
        services.record_head_decision(decision, actor=actors["clerk"], head_decision="adopted")
    with pytest.raises(NotFound):
        services.record_head_decision(decision, actor=people["ecology_clerk"], head_decision="bogus")


def test_bad_input_changes_nothing(city, actors):
    with pytest.raises(InvalidInput):
        _draft(city, actors, is_technical="perhaps")
    with pytest.raises(InvalidInput):
        _draft(city, actors, risk_areas=["earthquake"])
    with pytest.raises(InvalidInput):
        _draft(city, actors, deciding_body=city["county"])
    with pytest.raises(InvalidInput):
        _draft(city, actors, title="")
    assert not AuditEvent.objects.filter(action="decisions.created").exists()


def test_suspension_and_adjustment_through_the_procedure(city, actors):
    decision = testing.walk(_draft(city, actors), S.PUBLISHED, actors)
    _refused(lambda: services.suspend(decision, actor=actors["head"], reason=""), "中止执行的理由")
    decision = services.suspend(decision, actor=actors["head"], reason="汛期施工存在安全隐患。")
    assert decision.status == S.SUSPENDED
    adjustment = testing.draft(
        city["market"], actors["clerk"], title="潭江流域水环境综合整治实施方案（调整）", adjusts=decision
    )
    testing.walk(adjustment, S.PUBLISHED, actors)
    decision.refresh_from_db()
    assert decision.status == S.ADJUSTED


def test_a_major_change_in_execution_reaches_the_head(city, actors):
    decision = testing.walk(_draft(city, actors), S.PUBLISHED, actors)
    services.report_implementation(decision, actor=actors["clerk"], progress="已完成管网建设30公里。")
    assert not Notification.objects.filter(recipient=actors["head"]).exists()
    services.report_implementation(
        decision, actor=actors["clerk"], progress="工程暂停。", problems="上游突发污染事故。", major_change=True
    )
    assert Notification.objects.filter(recipient=actors["head"], title__contains="重大情况").exists()


def test_recorded_dissent_is_taken_into_account_in_accountability(city, actors):
    decision = testing.walk(_draft(city, actors), S.REVIEWED, actors)
    testing.give_adviser_opinion(decision)
    hold_meeting(decision, actors["clerk"], actors["head"], dissent="副市长乙：方案投资测算依据不足，不同意。")
    services.record_head_decision(decision, actor=actors["head"], head_decision="adopted")
    _refused(
        lambda: services.open_accountability_case(
            decision,
            actor=actors["office"],
            body=city["government"],
            ground="deciding_body",
            facts="决策严重失误，造成重大损失。",
            persons=[{"name": "副市长甲", "position": "副市长", "dissented": True}],
        ),
        "未载明",
        InvalidInput,
    )
    case = services.open_accountability_case(
        decision,
        actor=actors["office"],
        body=city["government"],
        ground="deciding_body",
        facts="决策严重失误，造成重大损失。",
        persons=[
            {"name": "副市长乙", "position": "副市长", "dissented": True},
            {"name": "秘书长", "position": "秘书长"},
        ],
    )
    assert [person["dissented"] for person in case.persons] == [True, False]
    _refused(
        lambda: services.conclude_accountability_case(case, actor=actors["clerk"], outcome="无。"),
        "未找到",
        NotFound,
    )
    case = services.conclude_accountability_case(case, actor=actors["office"], outcome="对秘书长予以诫勉。")
    assert case.status == "concluded"
    _refused(
        lambda: services.conclude_accountability_case(case, actor=actors["office"], outcome="再次办结。"),
        "不能进行“办结责任追究”",
        Conflict,
    )
