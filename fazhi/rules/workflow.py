"""The government-rule workflow (规章制定程序条例): one table, its gates, who runs each step.

planned → drafting → public comment (≥30 days, 第十五条、第二十一条) → legality review by the legal
office (第十九条) → decided at the government's executive or plenary meeting (第二十七条) → signed
by the mayor (第二十九条) → 政府令序号 by 市府办 (第三十条) → published (第三十一条), in force 30
days later unless 第三十二条's exception is recorded → amended / repealed. No validity period.

Drafting steps are the drafting body's (`body`); signing is the mayor's ("approve" at the
government), numbering, publication and repeal 市府办's ("number"/"publish" at the government),
which is what the transitions' `body_attr` says. Each gate answers the Chinese sentence a refusal
shows, so pages, the API and commands are refused alike.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock import periods
from fazhi.core.dates import day_text
from fazhi.core.workflow import Transition, Workflow
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import MeetingKind, MeetingStatus, ReviewKind
from fazhi.rules.choices import PlanStatus, RuleStatus

COMMENT_PERIOD = "rule-comment"
EFFECT_PERIOD = "rule-effect"
FILING_PERIOD = "rule-filing"
# 地方政府规章应当经政府常务会议或者全体会议决定 (第二十七条第二款).
DECIDING_MEETINGS = (MeetingKind.EXECUTIVE, MeetingKind.PLENARY)

S = RuleStatus
DRAFT_STATUSES = (S.PLANNED, S.DRAFTING, S.CONSULTING, S.LEGALITY_REVIEW, S.REVIEWED, S.DECIDED)
EDITABLE_STATUSES = (S.PLANNED, S.DRAFTING, S.CONSULTING, S.LEGALITY_REVIEW, S.REVIEWED)


def earliest_effect(published_on: datetime.date) -> datetime.date:
    """自公布之日起30日后施行 (第三十二条): the day `published_on` + 30 calendar days.

    A commencement date is not an act someone must do by a deadline, so it is not moved off a
    rest day the way a deadline is; the clock table gives the length and the source.
    """
    return published_on + datetime.timedelta(days=periods.get(EFFECT_PERIOD).length)


def effect_refusal(rule) -> str | None:
    """Why the commencement date cannot stand: earlier than 30 days after publication without a reason."""
    if rule.effective_on is None or rule.published_on is None:
        return _("请填写施行日期。")
    if rule.effective_on < rule.published_on:
        return _("施行日期不能早于公布日期。")
    earliest = earliest_effect(rule.published_on)
    if rule.effective_on < earliest and not rule.immediate_reason.strip():
        period = periods.get(EFFECT_PERIOD)
        return _(
            "规章应当自公布之日起30日后施行（%(source)s），%(published)s公布的，最早%(earliest)s施行；"
            "涉及国家安全、外汇汇率、货币政策的确定或者公布后不立即施行将有碍规章施行的，须写明理由。"
        ) % {"source": period.source, "published": day_text(rule.published_on), "earliest": day_text(earliest)}
    return None


# --- gates ---------------------------------------------------------------------------------


def _planned(rule) -> str | None:
    item = rule.plan_item
    if item is not None and item.plan.status == PlanStatus.PUBLISHED:
        return None
    if rule.unplanned_reason.strip():
        return None
    return _("该规章未列入已公布的年度规章制定工作计划（规章制定程序条例第十二条），须写明计划外立项的理由。")


def _has_text(rule) -> str | None:
    if not rule.title.strip() or not rule.text.strip():
        return _("请填写规章名称和正文后再公开征求意见。")
    return None


def _consultation_complete(rule) -> str | None:
    ok, reason = procedures.consultation_complete(rule)
    return None if ok else _("公开征求意见未完成：%(reason)s") % {"reason": reason}


def _settings_configured(rule) -> str | None:
    if rule.settings is None:
        return _("%(government)s尚未配置规章审查的法制机构，请联系依法行政办。") % {"government": rule.government.name}
    return None


def _legality_passed(rule) -> str | None:
    ok, reason = procedures.review_passed(rule, ReviewKind.LEGALITY)
    return None if ok else _("法制机构审查未通过：%(reason)s") % {"reason": reason}


def deciding_meeting(rule):
    """The latest signed meeting record on the rule, or None."""
    return procedures.meetings_of(rule).filter(status=MeetingStatus.SIGNED).order_by("-held_on", "-id").first()


def _decided_by_government(rule) -> str | None:
    ok, reason = procedures.collective_discussion_held(rule)
    if not ok:
        return _("未经政府常务会议或者全体会议决定：%(reason)s") % {"reason": reason}
    meeting = deciding_meeting(rule)
    if meeting.meeting_kind not in DECIDING_MEETINGS:
        return _("地方政府规章应当经政府常务会议或者全体会议决定（第二十七条），“%(kind)s”不能代替。") % {
            "kind": meeting.get_meeting_kind_display()
        }
    return None


def _order_format_configured(rule) -> str | None:
    if rule.settings is None or rule.settings.order_format is None:
        return _("尚未配置%(government)s的政府令序号格式，请联系依法行政办。") % {"government": rule.government.name}
    return None


def _has_order_number(rule) -> str | None:
    if not rule.order_number:
        return _("政府令尚未编序号。")
    return None


def _repeal_reason(rule) -> str | None:
    if not rule.end_reason.strip():
        return _("请写明废止的理由。")
    return None


RULE = Workflow(
    [
        Transition("start_drafting", gettext_lazy("开始起草"), (S.PLANNED,), S.DRAFTING, gates=(_planned,)),
        Transition(
            "start_consultation",
            gettext_lazy("公开征求意见"),
            (S.DRAFTING,),
            S.CONSULTING,
            gates=(_has_text,),
        ),
        Transition(
            "submit_review",
            gettext_lazy("报送法制机构审查"),
            (S.CONSULTING,),
            S.LEGALITY_REVIEW,
            gates=(_consultation_complete, _settings_configured),
        ),
        Transition(
            "conclude_review",
            gettext_lazy("确认审查通过"),
            (S.LEGALITY_REVIEW,),
            S.REVIEWED,
            gates=(_legality_passed,),
        ),
        Transition(
            "record_decision",
            gettext_lazy("确认政府常务会议决定"),
            (S.REVIEWED,),
            S.DECIDED,
            gates=(_legality_passed, _decided_by_government),
        ),
        Transition(
            "sign",
            gettext_lazy("市长签署命令"),
            (S.DECIDED,),
            S.SIGNED,
            action="approve",
            body_attr="government",
            gates=(_legality_passed, _decided_by_government),
        ),
        Transition(
            "number",
            gettext_lazy("编政府令序号"),
            (S.SIGNED,),
            S.NUMBERED,
            action="number",
            body_attr="government",
            gates=(_order_format_configured,),
        ),
        Transition(
            "publish",
            gettext_lazy("公布"),
            (S.NUMBERED,),
            S.PUBLISHED,
            action="publish",
            body_attr="government",
            gates=(_has_order_number, effect_refusal),
        ),
        Transition(
            "amend",
            gettext_lazy("确认已被修改"),
            (S.PUBLISHED,),
            S.AMENDED,
            action="publish",
            body_attr="government",
        ),
        Transition(
            "repeal",
            gettext_lazy("废止"),
            (S.PUBLISHED,),
            S.REPEALED,
            action="publish",
            body_attr="government",
            gates=(_repeal_reason,),
        ),
        Transition("withdraw", gettext_lazy("撤回"), DRAFT_STATUSES, S.WITHDRAWN),
    ]
)

# A rule is amended by publishing the rule that amends it, never by a button of its own.
HIDDEN = {"amend"}


def actions(rule, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take now, each with the reason it would be refused (None: it would not).

    Publication's effect-date gate depends on the dates given with it, so it is not pre-judged here.
    """
    result = []
    for transition in RULE.available(rule, actor):
        if transition.name in HIDDEN:
            continue
        gates = tuple(gate for gate in transition.gates if gate is not effect_refusal)
        refusal = next((reason for gate in gates if (reason := gate(rule))), None)
        result.append((transition, refusal))
    return result
