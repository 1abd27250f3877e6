"""The major-decision procedure (重大行政决策程序暂行条例; seed arts. 10–15, 46): one table, its gates.

drafting → legality review → reviewed → decided (or not adopted) → reported to the party committee
→ published and executed → suspended / adjusted. Before the draft goes to legality review the
procedures its nature requires must be complete: public participation with every comment answered
and the feedback published (unless the matter is exempt from disclosure, 第十四条), expert
argumentation where it is technical (第十九条), a risk assessment finding the risk controllable
where it may have a major impact (第二十二条、第二十四条; seed art. 13), and a passed
fair-competition review where it touches market activity (第二十九条). No collective discussion
without a passed legality review, except an exploratory reform whose legal risk is stated
(第二十五条); none without a legal adviser's opinion (seed art. 46).

Drafting steps are the undertaking unit's (`body`); the decision itself, its suspension and
resumption are the deciding body's head's ("approve" at `deciding_body`); the party report and
publication are recorded by the deciding body's staff ("change" at `deciding_body`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.choices import BodyKind
from fazhi.core.workflow import Transition, Workflow
from fazhi.decisions.choices import AccountabilityStatus, CatalogStatus, DecisionStatus, HeadDecision
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import (
    CommentPeriod,
    MeetingKind,
    MeetingOutcome,
    MeetingStatus,
    ReviewKind,
    ReviewStatus,
)

S = DecisionStatus
DRAFT_STATUSES = (S.DRAFTING, S.LEGALITY_REVIEW, S.REVIEWED)
EDITABLE_STATUSES = (S.DRAFTING, S.LEGALITY_REVIEW)
GOVERNMENT_KINDS = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT, BodyKind.TOWN)
# 决策草案应当经决策机关常务会议或者全体会议讨论 (第三十条); a department discusses at its 局务会议.
GOVERNMENT_MEETINGS = (MeetingKind.EXECUTIVE, MeetingKind.PLENARY)
AGREEING = (MeetingOutcome.AGREED, MeetingOutcome.AGREED_IN_PRINCIPLE)
ADOPTING = (HeadDecision.ADOPTED, HeadDecision.ADOPTED_WITH_CHANGES)


# --- what the procedure requires of this decision -----------------------------------------------


def _is_major(decision) -> str | None:
    item = decision.catalog_item
    if item is not None and item.catalog.status == CatalogStatus.PUBLISHED:
        return None
    if decision.declared_on and decision.declaration.strip():
        return None
    return _(
        "该事项未列入已公布的年度重大行政决策事项目录，须记录领导班子集体讨论认定其为重大行政决策的情况（意见第十条）。"
    )


def _has_draft(decision) -> str | None:
    if not decision.draft_text.strip():
        return _("请先拟订决策草案。")
    return None


def participation_refusal(decision) -> str | None:
    """公众参与 (第十四条至第十八条; seed art. 11)."""
    if not decision.needs_consultation:
        if not decision.disclosure_exempt_reason.strip():
            return _("依法不予公开的决策事项，须写明不予公开的依据。")
        return None
    latest = procedures.consultations_of(decision).order_by("-created_at", "-id").first()
    if latest is not None and latest.period != CommentPeriod.DECISION:
        return _("重大行政决策应当按重大行政决策的期限（一般不少于30日）公开征求意见。")
    ok, reason = procedures.consultation_complete(decision)
    if not ok:
        return _("公众参与未完成：%(reason)s") % {"reason": reason}
    if decision.hearings.filter(participants_signed=False).exists():
        return _("听证会记录尚未经听证参加人确认并签字（第十七条）。")
    return None


def expert_refusal(decision) -> str | None:
    """专家论证 (第十九条、第二十条; seed art. 12), required when the matter is technical."""
    if not decision.is_technical:
        return None
    opinions = list(decision.expert_opinions.all())
    if not opinions:
        return _("该事项专业性、技术性较强，须组织专家、专业机构论证（第十九条）。")
    if any(opinion.signed_on is None for opinion in opinions):
        return _("专家论证意见须署名（第十九条第二款），尚有未署名的意见。")
    if any(not opinion.no_conflict for opinion in opinions):
        return _("不得选择与决策事项有直接利害关系的专家、专业机构（第二十条），请确认每位专家无直接利害关系。")
    return None


def risk_refusal(decision) -> str | None:
    """风险评估 (第二十二条至第二十四条; seed art. 13), required when a major impact is possible."""
    if not decision.needs_risk_assessment:
        return None
    latest = decision.risk_assessments.order_by("-concluded_on", "-id").first()
    if latest is None:
        return _("该事项可能造成重大影响或风险，须进行风险评估（意见第十三条、条例第二十二条）。")
    if not latest.controllable:
        return _("风险评估认为风险不可控：须调整决策草案等措施确保风险可控后方可作出决策（第二十四条）。")
    return None


def competition_refusal(decision) -> str | None:
    """公平竞争审查 (第二十九条第一项) where the draft touches market activity."""
    if not decision.touches_market:
        return None
    ok, reason = procedures.review_passed(decision, ReviewKind.FAIR_COMPETITION)
    return None if ok else _("决策草案涉及市场主体经济活动，须经公平竞争审查：%(reason)s") % {"reason": reason}


def legality_refusal(decision) -> str | None:
    """第二十五条: no discussion without a passed review, except an exploratory reform with its legal risk stated."""
    ok, reason = procedures.review_passed(decision, ReviewKind.LEGALITY)
    if ok:
        return None
    latest = procedures.reviews_of(decision, ReviewKind.LEGALITY).order_by("-round", "-id").first()
    concluded = latest is not None and latest.status == ReviewStatus.FAILED
    if concluded and decision.is_exploratory_reform and decision.legal_risk_statement.strip():
        return None
    if concluded and decision.is_exploratory_reform:
        return _("探索性改革决策事项未通过合法性审查的，须明示法律风险后方可提交讨论（第二十五条）。")
    return _("未经合法性审查或者经审查不合法的，不得提交决策机关讨论（意见第十四条、条例第二十五条）：%(reason)s") % {
        "reason": reason
    }


def adviser_refusal(decision) -> str | None:
    """Seed art. 46: major decisions get a legal adviser's opinion."""
    from fazhi.decisions import selectors

    if not selectors.adviser_opinions_of(decision).exists():
        return _("重大行政决策应当经法律顾问提出意见（意见第四十六条），尚无法律顾问意见。")
    return None


def deciding_meeting(decision):
    """The latest signed collective-discussion record on the decision, or None."""
    return procedures.meetings_of(decision).filter(status=MeetingStatus.SIGNED).order_by("-held_on", "-id").first()


def _discussed(decision) -> str | None:
    meeting = deciding_meeting(decision)
    if meeting is None:
        return _("决策草案应当经决策机关集体讨论（意见第十五条），尚无已签署的会议记录。")
    if decision.deciding_body.kind in GOVERNMENT_KINDS and meeting.meeting_kind not in GOVERNMENT_MEETINGS:
        return _("决策草案应当经政府常务会议或者全体会议讨论（第三十条），“%(kind)s”不能代替。") % {
            "kind": meeting.get_meeting_kind_display()
        }
    return None


def departs_from_majority(decision) -> bool:
    """The head's decision goes against the meeting's outcome, or the head says it departs."""
    meeting = deciding_meeting(decision)
    if decision.departs_from_majority:
        return True
    if meeting is None or not meeting.outcome or not decision.head_decision:
        return False
    return (meeting.outcome in AGREEING) != (decision.head_decision in ADOPTING)


def _head_decision(decision) -> str | None:
    if not decision.head_decision or not decision.head_name.strip():
        return _("请记录行政首长的决定。")
    if departs_from_majority(decision) and not decision.departure_reason.strip():
        return _("行政首长的决定与会议组成人员多数人的意见不一致的，应当说明理由（第三十条）。")
    return None


def _adopted(decision) -> str | None:
    if decision.head_decision not in ADOPTING:
        return _("行政首长未作出通过的决定。")
    return None


def _not_adopted(decision) -> str | None:
    if decision.head_decision != HeadDecision.NOT_ADOPTED:
        return _("行政首长未作出不予通过的决定。")
    return None


def _party_reported(decision) -> str | None:
    if not decision.party_reported_on or not decision.party_report.strip():
        return _("重大行政决策出台前应当向同级党委请示报告（第三十一条），请记录请示报告情况。")
    return None


def _publication(decision) -> str | None:
    if not decision.decision_text.strip():
        return _("请填写公布的决策内容。")
    if decision.executing_unit_id is None:
        return _("请明确决策执行单位（第三十四条）。")
    took_opinions = procedures.consultations_of(decision).exists() or decision.expert_opinions.exists()
    if took_opinions and not decision.adoption_explanation.strip():
        return _("应当说明公众意见、专家论证意见的采纳情况（第三十二条）。")
    return None


def _suspension_reason(decision) -> str | None:
    if not decision.suspension_reason.strip():
        return _("请写明中止执行的理由（第三十七条）。")
    return None


def _withdraw_reason(decision) -> str | None:
    if not decision.end_reason.strip():
        return _("请写明撤回的理由。")
    return None


BEFORE_REVIEW = (_is_major, _has_draft, participation_refusal, expert_refusal, risk_refusal, competition_refusal)
BEFORE_DISCUSSION = (legality_refusal, adviser_refusal, risk_refusal, competition_refusal)

DECISION = Workflow(
    [
        Transition(
            "submit_review",
            gettext_lazy("送请合法性审查"),
            (S.DRAFTING,),
            S.LEGALITY_REVIEW,
            gates=BEFORE_REVIEW,
        ),
        Transition(
            "conclude_review",
            gettext_lazy("确认合法性审查结论"),
            (S.LEGALITY_REVIEW,),
            S.REVIEWED,
            gates=(legality_refusal,),
        ),
        Transition(
            "decide",
            gettext_lazy("记录集体讨论决定"),
            (S.REVIEWED,),
            S.DECIDED,
            action="approve",
            body_attr="deciding_body",
            gates=(*BEFORE_DISCUSSION, _discussed, _head_decision, _adopted),
        ),
        Transition(
            "reject",
            gettext_lazy("记录不予通过"),
            (S.REVIEWED,),
            S.NOT_ADOPTED,
            action="approve",
            body_attr="deciding_body",
            gates=(*BEFORE_DISCUSSION, _discussed, _head_decision, _not_adopted),
        ),
        Transition(
            "report_party",
            gettext_lazy("记录向党委请示报告"),
            (S.DECIDED,),
            S.REPORTED,
            body_attr="deciding_body",
            gates=(_party_reported,),
        ),
        Transition(
            "publish",
            gettext_lazy("公布决策"),
            (S.REPORTED,),
            S.PUBLISHED,
            body_attr="deciding_body",
            gates=(_party_reported, _publication),
        ),
        Transition(
            "suspend",
            gettext_lazy("中止执行"),
            (S.PUBLISHED,),
            S.SUSPENDED,
            action="approve",
            body_attr="deciding_body",
            gates=(_suspension_reason,),
        ),
        Transition(
            "resume",
            gettext_lazy("恢复执行"),
            (S.SUSPENDED,),
            S.PUBLISHED,
            action="approve",
            body_attr="deciding_body",
        ),
        Transition(
            "adjust",
            gettext_lazy("确认已调整"),
            (S.PUBLISHED, S.SUSPENDED),
            S.ADJUSTED,
            body_attr="deciding_body",
        ),
        Transition("withdraw", gettext_lazy("撤回"), DRAFT_STATUSES, S.WITHDRAWN, gates=(_withdraw_reason,)),
    ]
)

# A decision is adjusted by publishing the decision that adjusts it (第三十七条), never by a button.
# The steps that take input are posted with it, so their input gates are not pre-judged.
HIDDEN = {"adjust"}
INPUT_GATES = {
    _head_decision,
    _adopted,
    _not_adopted,
    _party_reported,
    _publication,
    _suspension_reason,
    _withdraw_reason,
}


def actions(decision, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take now, each with the reason it would be refused (None: it would not)."""
    result = []
    for transition in DECISION.available(decision, actor):
        if transition.name in HIDDEN:
            continue
        gates = [gate for gate in transition.gates if gate not in INPUT_GATES]
        refusal = next((reason for gate in gates if (reason := gate(decision))), None)
        result.append((transition, refusal))
    return result


def required_steps(decision) -> list[tuple[str, str | None]]:
    """The procedure as a checklist for the decision page: each step with why it is not yet met."""
    steps = [(_("列入目录或经集体讨论认定"), _is_major(decision))]
    steps.append((_("公众参与"), participation_refusal(decision)))
    if decision.is_technical:
        steps.append((_("专家论证"), expert_refusal(decision)))
    if decision.needs_risk_assessment:
        steps.append((_("风险评估"), risk_refusal(decision)))
    if decision.touches_market:
        steps.append((_("公平竞争审查"), competition_refusal(decision)))
    steps.append((_("合法性审查"), legality_refusal(decision)))
    steps.append((_("法律顾问意见"), adviser_refusal(decision)))
    steps.append((_("集体讨论"), _discussed(decision)))
    return steps


# 决策责任追究 (seed art. 16): opened by the deciding body or one above it, concluded with its outcome.
ACCOUNTABILITY = Workflow(
    [
        Transition(
            "conclude",
            gettext_lazy("办结责任追究"),
            (AccountabilityStatus.OPEN,),
            AccountabilityStatus.CONCLUDED,
        ),
    ]
)
