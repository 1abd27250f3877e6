"""The procedures' state machines: which transitions exist, their gates and who may run them.

Services call `require()`/`apply()` before changing a status and pages ask `available()` which
buttons to show. Reviews are moved on by whoever holds the file: the reviewer of the stage under
review (the "review" action at the reviewer's body), otherwise the subject's body.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock import services as clock
from fazhi.core.services import attachments as attachment_services
from fazhi.core.workflow import Transition, Workflow
from fazhi.procedures.choices import (
    CommentDecision,
    CompetitionCategory,
    ConsultationStatus,
    MeetingStatus,
    ReviewKind,
    ReviewOutcome,
    ReviewStatus,
    StageStatus,
)

PASSING = (ReviewOutcome.PASS, ReviewOutcome.PASS_WITH_CHANGES)
CATEGORY_FIELDS = {
    CompetitionCategory.MARKET_ENTRY: "touches_market_entry",
    CompetitionCategory.FREE_MOVEMENT: "touches_free_movement",
    CompetitionCategory.PRODUCTION_COSTS: "touches_production_costs",
    CompetitionCategory.BUSINESS_CONDUCT: "touches_business_conduct",
}


def _day(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


# --- consultation --------------------------------------------------------------------------


def minimum_close(consultation):
    """The earliest closing date the law allows for a consultation opening on its `opens_on`."""
    return clock.due_for(consultation.period, consultation.opens_on)


def period_refusal(consultation) -> str | None:
    """Why the consultation's period cannot stand: shorter than the minimum without a reason."""
    if consultation.closes_on < consultation.opens_on:
        return _("截止日期不能早于开始日期。")
    due = minimum_close(consultation)
    if consultation.closes_on < due.due and not consultation.shortened_reason.strip():
        return _(
            "征求意见期限短于法定最少期限（%(length)s，依据%(source)s，应至少至%(due)s）；确需缩短的，须写明理由并向社会公开。"
        ) % {"length": due.period.describe(), "source": due.period.source, "due": _day(due.due)}
    return None


def _has_text(consultation) -> str | None:
    if not consultation.title.strip() or not consultation.text.strip():
        return _("请填写标题和征求意见稿正文后再发布。")
    return None


def _not_yet_over(consultation) -> str | None:
    if consultation.closes_on < timezone.localdate():
        return _("截止日期%(day)s已过，请重新确定征求意见期限。") % {"day": _day(consultation.closes_on)}
    return None


def _period_over(consultation) -> str | None:
    if timezone.localdate() <= consultation.closes_on:
        return _("征求意见期限至%(day)s，届满后方可截止。") % {"day": _day(consultation.closes_on)}
    return None


def _every_comment_decided(consultation) -> str | None:
    pending = consultation.comments.filter(decision=CommentDecision.PENDING).count()
    if pending:
        return _("还有 %(n)d 条意见未作出采纳决定，全部处理后才能公布反馈。") % {"n": pending}
    return None


CONSULTATION = Workflow(
    [
        Transition(
            "open",
            gettext_lazy("发布征求意见"),
            (ConsultationStatus.DRAFT,),
            ConsultationStatus.OPEN,
            gates=(_has_text, period_refusal, _not_yet_over),
        ),
        Transition(
            "close",
            gettext_lazy("截止征求意见"),
            (ConsultationStatus.OPEN,),
            ConsultationStatus.CLOSED,
            gates=(_period_over,),
        ),
        Transition(
            "publish_feedback",
            gettext_lazy("公布意见采纳情况"),
            (ConsultationStatus.CLOSED,),
            ConsultationStatus.FEEDBACK_PUBLISHED,
            gates=(_every_comment_decided,),
        ),
    ]
)


# --- reviews -------------------------------------------------------------------------------


def _earlier_stages_passed(stage) -> str | None:
    if stage.review.status != ReviewStatus.IN_PROGRESS:
        return _("本轮审查已结束，不能再送审。")
    for earlier in stage.review.stages.filter(number__lt=stage.number).order_by("number"):
        if earlier.status != StageStatus.CONCLUDED or earlier.outcome not in PASSING:
            return _("第%(n)d阶段（%(body)s）审查通过后，才能送第%(m)d阶段审查。") % {
                "n": earlier.number,
                "body": earlier.reviewer_body.name,
                "m": stage.number,
            }
    return None


def competition_refusals(review) -> list[str]:
    """Why a fair-competition review may not pass (公平竞争审查条例 arts. 8–12, 14, 16, 18)."""
    problems = []
    unchecked = [
        str(label) for value, label in CompetitionCategory.choices if getattr(review, CATEGORY_FIELDS[value]) is None
    ]
    if unchecked:
        problems.append(_("尚未逐项审查：%(items)s。") % {"items": "、".join(unchecked)})
    excepted = {item.get("category") for item in review.exceptions}
    for value, label in CompetitionCategory.choices:
        if getattr(review, CATEGORY_FIELDS[value]) and value not in excepted:
            problems.append(
                _("政策措施涉及“%(label)s”，且未依第十二条说明例外情形及实施期限或终止条件，依第十八条不得出台。")
                % {"label": label}
            )
    if not review.stakeholders_heard:
        problems.append(_("尚未听取有关经营者、行业协会商会等利害关系人的意见（第十六条）。"))
    if review.government_level and not review.market_regulator_joined:
        problems.append(_("以人民政府名义出台的政策措施，应由本级市场监督管理部门会同审查（第十四条）。"))
    return problems


def _competition_clear(stage) -> str | None:
    if stage.review.kind != ReviewKind.FAIR_COMPETITION or stage.outcome not in PASSING:
        return None
    problems = competition_refusals(stage.review)
    return " ".join(problems) if problems else None


STAGE_SUBMISSION = Workflow(
    [
        Transition(
            "start",
            gettext_lazy("送审"),
            (StageStatus.WAITING,),
            StageStatus.UNDER_REVIEW,
            gates=(_earlier_stages_passed,),
        )
    ],
    body_attr="owner_body",
)
STAGE_REVIEW = Workflow(
    [
        Transition(
            "conclude",
            gettext_lazy("出具审查意见"),
            (StageStatus.UNDER_REVIEW,),
            StageStatus.CONCLUDED,
            action="review",
            gates=(_competition_clear,),
        )
    ],
    body_attr="reviewer_body",
)


def _all_stages_passed(review) -> str | None:
    if review.stages.exclude(status=StageStatus.CONCLUDED, outcome__in=PASSING).exists():
        return _("各阶段审查均通过后，本轮审查才算通过。")
    return None


def _a_stage_failed(review) -> str | None:
    if not review.stages.filter(status=StageStatus.CONCLUDED, outcome=ReviewOutcome.FAIL).exists():
        return _("没有审查不通过的阶段。")
    return None


REVIEW = Workflow(
    [
        Transition(
            "pass",
            gettext_lazy("审查通过"),
            (ReviewStatus.IN_PROGRESS,),
            ReviewStatus.PASSED,
            action="review",
            gates=(_all_stages_passed,),
        ),
        Transition(
            "fail",
            gettext_lazy("审查不通过"),
            (ReviewStatus.IN_PROGRESS,),
            ReviewStatus.FAILED,
            action="review",
            gates=(_a_stage_failed,),
        ),
        Transition("resubmit", gettext_lazy("修改后重新报送"), (ReviewStatus.FAILED,), ReviewStatus.RESUBMITTED),
    ],
    body_attr="acting_body",
)


# --- meetings ------------------------------------------------------------------------------


def _outcome_recorded(record) -> str | None:
    if not record.outcome:
        return _("请先记录讨论结果（同意、原则同意、不同意或暂缓）。")
    return None


def _quorum(record) -> str | None:
    if not record.has_quorum:
        return _("应出席 %(entitled)d 人，实际出席 %(present)d 人，未超过半数，会议不能作出决定。") % {
            "entitled": len(set(record.entitled_members)),
            "present": record.members_present,
        }
    return None


def _minutes_attached(record) -> str | None:
    if not attachment_services.attachments_of(record).exists():
        return _("请先上传会议纪要。")
    return None


MEETING = Workflow(
    [
        Transition(
            "sign",
            gettext_lazy("签署"),
            (MeetingStatus.DRAFT,),
            MeetingStatus.SIGNED,
            action="approve",
            gates=(_outcome_recorded, _quorum, _minutes_attached),
        )
    ]
)
