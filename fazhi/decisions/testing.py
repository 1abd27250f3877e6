"""Building decisions through the real services, for tests, the URL walk and the demo.

`walk(decision, until, people)` drives a decision through each step with the procedures it needs
(a consultation run to its feedback statement, the expert opinions and risk assessment its flags
require, a passing review, an adviser's opinion, a signed executive-meeting record), each by the
user whose office runs it, so that every gate is met on the way.
"""

from django.utils import timezone

from fazhi.clock import services as clock
from fazhi.decisions import advisers, services, workflow
from fazhi.decisions.choices import DecisionStatus
from fazhi.decisions.models import AdviserOpinion, Decision, LegalAdviser
from fazhi.procedures.choices import CommentPeriod, ReviewKind
from fazhi.procedures.testing import check_competition, finish_consultation, hold_meeting, pass_review

S = DecisionStatus
ORDER = [S.DRAFTING, S.LEGALITY_REVIEW, S.REVIEWED, S.DECIDED, S.REPORTED, S.PUBLISHED]
DRAFT = (
    "一、总体目标：到2030年，潭江干流水质稳定达到Ⅲ类。\n"
    "二、主要措施：（一）实施城镇污水管网补短板工程；（二）开展入河排污口排查整治；（三）建立跨区域生态补偿机制。\n"
    "三、保障措施：市财政安排专项资金，各市（区）落实属地责任。"
)


def draft(body, actor, **overrides) -> Decision:
    data = {
        "title": "潭江流域水环境综合整治实施方案",
        "category": "public_policy",
        "draft_text": DRAFT,
        "explanation": "落实水污染防治行动计划，改善潭江流域水环境质量。",
        "declared_on": timezone.localdate(),
        "declaration": "市政府党组会议集体讨论认定为重大行政决策事项。",
        **overrides,
    }
    if "catalog_item" in data:
        data.pop("declared_on")
        data.pop("declaration")
    data.setdefault("deciding_body", None if "catalog_item" in data else body.parent)
    return services.create_decision(actor=actor, body=body, **data)


def run_consultation(decision, clerk):
    closes_on = clock.due_for(CommentPeriod.DECISION, timezone.localdate()).due
    services.start_consultation(decision, actor=clerk, closes_on=closes_on)
    return finish_consultation(decision, clerk)


def add_expert(decision, clerk, **overrides):
    data = {
        "expert_name": "王教授",
        "organisation": "五邑大学",
        "expertise": "环境工程",
        "form": "meeting",
        "no_conflict": True,
        "opinion": "方案必要、可行，建议明确分年度水质目标。",
        "signed_on": timezone.localdate(),
        **overrides,
    }
    return services.add_expert_opinion(decision, actor=clerk, **data)


def assess_risk(decision, clerk, *, controllable=True):
    return services.record_risk_assessment(
        decision,
        actor=clerk,
        assessor="江门市社会稳定风险评估中心",
        risk_points="管网施工影响交通；部分企业搬迁引发信访。",
        level="medium",
        measures="分段施工、提前公告；企业搬迁依法补偿，设立专班化解矛盾。",
        controllable=controllable,
        concluded_on=timezone.localdate(),
    )


def give_adviser_opinion(decision) -> AdviserOpinion:
    """An opinion of a serving adviser (one is put on the deciding body's roster if it has none),
    recorded by the decision's drafter through the service."""
    adviser = advisers.eligible_advisers(decision).first()
    if adviser is None:
        adviser = LegalAdviser.objects.create(
            body=decision.deciding_body,
            name="陈法律顾问",
            kind="lawyer",
            organisation="广东某律师事务所",
            qualification="律师执业证号 14407200000000001",
            term_start=timezone.localdate().replace(month=1, day=1),
        )
    return advisers.give_opinion(
        decision,
        actor=decision.created_by,
        adviser=adviser,
        opinion="决策事项在法定权限内，程序完备，建议提交集体讨论。",
        given_on=timezone.localdate(),
    )


def walk(decision: Decision, until: str, people: dict) -> Decision:
    """Move `decision` forward to status `until` through the services.

    `people` names the actors: `clerk` of the undertaking unit and its `body_reviewer` (fair
    competition, where the matter touches the market), `legal_reviewer` (the deciding
    body's legal office), `head` (of the deciding body: signs the meeting record, decides) and
    `office` (records the party report and publishes at the deciding body).
    """
    target = ORDER.index(until)
    clerk = people["clerk"]
    while ORDER.index(decision.status) < target:
        status = decision.status
        if status == S.DRAFTING:
            if workflow.participation_refusal(decision) and decision.needs_consultation:
                run_consultation(decision, clerk)
            if workflow.expert_refusal(decision):
                add_expert(decision, clerk)
            if workflow.risk_refusal(decision):
                assess_risk(decision, clerk)
            if workflow.competition_refusal(decision):
                services.submit_competition_review(decision, actor=clerk)
                check_competition(decision, people["body_reviewer"])
                pass_review(decision, people["body_reviewer"], ReviewKind.FAIR_COMPETITION)
            decision = services.submit_review(decision, actor=clerk)
        elif status == S.LEGALITY_REVIEW:
            pass_review(decision, people["legal_reviewer"])
            decision = services.conclude_review(decision, actor=clerk)
        elif status == S.REVIEWED:
            give_adviser_opinion(decision)
            hold_meeting(decision, clerk, people["head"])
            decision = services.record_head_decision(decision, actor=people["head"], head_decision="adopted")
        elif status == S.DECIDED:
            decision = services.report_to_party(
                decision, actor=people["office"], reported_on=timezone.localdate(), report="已报市委常委会同意。"
            )
        elif status == S.REPORTED:
            decision = services.publish(
                decision,
                actor=people["office"],
                decision_text=decision.draft_text,
                executing_unit=decision.body,
                adoption_explanation="公众意见采纳情况见反馈说明；专家意见已采纳。",
            )
    return decision


def make_canaries(body, actor, markers: dict) -> dict:
    """A draft decision undertaken by `body` for the government above it, with a hearing, an expert
    opinion and a risk assessment, all carrying `markers`, which neither the public nor another body
    may see; made through the services by `actor`, a clerk of `body`."""
    today = timezone.localdate()
    decision = services.create_decision(
        actor=actor,
        body=body,
        deciding_body=body.parent,
        title=markers["subject"],
        category="public_policy",
        draft_text=markers["content"],
        explanation=markers["content"],
        declared_on=today,
        declaration=markers["content"],
        is_technical=True,
        risk_areas=["social_stability"],
    )
    services.record_hearing(
        decision,
        actor=actor,
        held_on=today,
        place=markers["subject"],
        participants=[markers["member"], markers["submitter"]],
        record=markers["content"],
    )
    add_expert(decision, actor, expert_name=markers["submitter"], opinion=markers["content"])
    services.record_risk_assessment(
        decision,
        actor=actor,
        assessor=markers["subject"],
        risk_points=markers["content"],
        level="high",
        measures=markers["content"],
        controllable=False,
        concluded_on=today,
    )
    return {"decision": decision.pk}
