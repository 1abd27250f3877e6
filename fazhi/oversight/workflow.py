"""The state machines of oversight, each one table with its gates.

Every record here stands between an upper level and a body, and each step belongs to one side:
`body_attr="body"` steps are the responding body's own (its members with a role that changes
records — not the office above, whose scope reaches the body through its subtree, so that no one
answers, reports or submits on a body's behalf); the others belong to the upper level (the
assigning government, the issuer, the office's government: whoever may change records there).
Someone who sees the record but may not take a step gets 403; someone who cannot see it, 404.

Proposal (建议、提案, 代表法 第五十一条): assigned → reply → answered → feedback → closed; 不满意 on
the first answer reopens it (`reopen`) for a second answer; within the window after assignment the
body may ask for reassignment, which the government's office grants (to another body, the clock
starting again) or refuses.

Inspection (督查, seed art. 56): planned → start (bodies named) → in progress → findings for every
body → conclude with the report.

Measure (seed art. 53): an interview or a criticism is issued and done; a rectification order runs
rectifying → report → reported → verify (passed) | reject (a new date: rectifying again).

Evaluation plan and task (seed art. 52): the plan is drafted with its tasks and issued; a task's
body uploads materials and submits them; the office accepts them or returns them with a reason.

Congress opinion (监督法 第十七条): received → reported (the written report on its handling).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.access import may, member_body_ids, scope_body_ids
from fazhi.core.dates import day_text
from fazhi.core.errors import Forbidden, NotFound
from fazhi.core.workflow import Transition, Workflow
from fazhi.oversight.choices import InspectionStatus as I
from fazhi.oversight.choices import MeasureStatus as M
from fazhi.oversight.choices import OpinionStatus as O
from fazhi.oversight.choices import PlanStatus as P
from fazhi.oversight.choices import ProposalStatus as S
from fazhi.oversight.choices import TaskStatus as T

BODY = "body"


def own_body_ids(user) -> frozenset[int]:
    """The bodies where `user` acts as the body itself: a member there with a changing role."""
    return member_body_ids(user) & scope_body_ids(user, "change")


class OversightWorkflow(Workflow):
    """`core.workflow.Workflow` with the two sides: a body's own steps need its own staff."""

    def may_act(self, obj, transition, actor) -> bool:
        if actor is None or not actor.is_authenticated:
            return False
        if actor.is_superuser:
            return True
        attr = transition.body_attr or self.body_attr
        body = getattr(obj, attr)
        if attr == BODY:
            return body.pk in own_body_ids(actor)
        return may(actor, "change", body)

    def check_access(self, obj, transition, actor) -> None:
        if self.may_act(obj, transition, actor):
            return
        if not type(obj).objects.restrict(actor).filter(pk=obj.pk).exists():
            raise NotFound()
        raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": transition.label})

    def available(self, obj, actor) -> list[Transition]:
        current = getattr(obj, self.field)
        return [t for t in self.transitions.values() if current in t.sources and self.may_act(obj, t, actor)]


def actions(workflow: Workflow, obj, user, *, hidden=()) -> list[tuple[Transition, str | None]]:
    """The steps `user` may take now, each with the refusal its gates would give (or None).
    `hidden` steps are taken by another step's form (不满意 reopens through 记录征询意见)."""
    found = []
    for transition in workflow.available(obj, user):
        if transition.name in hidden:
            continue
        refusal = next((text for text in (gate(obj) for gate in transition.gates) if text), None)
        found.append((transition, refusal))
    return found


def _today() -> datetime.date:
    return timezone.localdate()


# --- proposals ------------------------------------------------------------------------------------


def _within_reassign_window(proposal) -> str | None:
    from fazhi.clock import periods

    if _today() > proposal.reassign_until:
        period = periods.get("proposal-reassign-request")
        return _("申请调整承办单位的期限（自交办之日起%(length)s）已于%(day)s届满（%(source)s）。") % {
            "length": period.describe(),
            "day": day_text(proposal.reassign_until),
            "source": period.source,
        }
    return None


def _first_answer(proposal) -> str | None:
    if proposal.replies.count() > 1:
        return _("已经再次答复，不再重新办理。")
    return None


PROPOSAL_WORKFLOW = OversightWorkflow(
    [
        Transition(
            "request-reassign",
            gettext_lazy("申请调整承办单位"),
            (S.ASSIGNED,),
            S.REASSIGN_REQUESTED,
            gates=(_within_reassign_window,),
            body_attr=BODY,
        ),
        Transition("reassign", gettext_lazy("同意调整承办单位"), (S.REASSIGN_REQUESTED,), S.ASSIGNED),
        Transition("refuse-reassign", gettext_lazy("不同意调整"), (S.REASSIGN_REQUESTED,), S.ASSIGNED),
        Transition("reply", gettext_lazy("答复"), (S.ASSIGNED, S.REOPENED), S.ANSWERED, body_attr=BODY),
        Transition("feedback", gettext_lazy("记录征询意见"), (S.ANSWERED,), S.CLOSED),
        Transition("reopen", gettext_lazy("不满意，重新办理"), (S.ANSWERED,), S.REOPENED, gates=(_first_answer,)),
    ],
    body_attr="government",
)
PROPOSAL_STEPS = tuple(PROPOSAL_WORKFLOW.transitions)
PROPOSAL_HIDDEN = ("reopen",)


# --- inspections ----------------------------------------------------------------------------------


def _has_targets(inspection) -> str | None:
    if not inspection.targets.exists():
        return _("请先确定督查对象。")
    return None


def _every_target_found(inspection) -> str | None:
    found = set(inspection.findings.values_list("body_id", flat=True))
    missing = [t.body.name for t in inspection.targets.select_related("body") if t.body_id not in found]
    if missing:
        return _("以下督查对象尚未记录督查发现（未发现问题的，也请如实记录）：%(bodies)s。") % {
            "bodies": "、".join(missing)
        }
    return None


INSPECTION_WORKFLOW = OversightWorkflow(
    [
        Transition("targets", gettext_lazy("确定督查对象"), (I.PLANNED,), None),
        Transition("start", gettext_lazy("开展督查"), (I.PLANNED,), I.IN_PROGRESS, gates=(_has_targets,)),
        Transition("finding", gettext_lazy("记录督查发现"), (I.IN_PROGRESS,), None),
        Transition(
            "conclude", gettext_lazy("形成督查报告"), (I.IN_PROGRESS,), I.CONCLUDED, gates=(_every_target_found,)
        ),
    ],
    body_attr="government",
)
INSPECTION_STEPS = tuple(INSPECTION_WORKFLOW.transitions)


# --- measures -------------------------------------------------------------------------------------

MEASURE_WORKFLOW = OversightWorkflow(
    [
        Transition("report", gettext_lazy("报送整改情况"), (M.RECTIFYING,), M.REPORTED, body_attr=BODY),
        Transition("verify", gettext_lazy("核查整改情况"), (M.REPORTED,), M.PASSED),
        Transition("reject", gettext_lazy("核查不通过，重新限期整改"), (M.REPORTED,), M.RECTIFYING),
    ],
    body_attr="issuer",
)
MEASURE_STEPS = tuple(MEASURE_WORKFLOW.transitions)
MEASURE_HIDDEN = ("reject",)


# --- the provincial evaluation --------------------------------------------------------------------


def _has_tasks(plan) -> str | None:
    if not plan.tasks.exists():
        return _("请先分解任务。")
    return None


def _plan_issued(task) -> str | None:
    if task.plan.status != P.ISSUED:
        return _("任务分工尚未下发。")
    return None


def _has_materials(task) -> str | None:
    from fazhi.core.services.attachments import attachments_of

    if not attachments_of(task).exists():
        return _("请先上传应考材料。")
    return None


PLAN_WORKFLOW = OversightWorkflow(
    [
        Transition("task", gettext_lazy("分解任务"), (P.DRAFT, P.ISSUED), None),
        Transition("issue", gettext_lazy("下发任务分工"), (P.DRAFT,), P.ISSUED, gates=(_has_tasks,)),
    ],
    body_attr="government",
)
PLAN_STEPS = tuple(PLAN_WORKFLOW.transitions)

TASK_WORKFLOW = OversightWorkflow(
    [
        Transition(
            "upload",
            gettext_lazy("上传应考材料"),
            (T.ASSIGNED, T.RETURNED),
            None,
            gates=(_plan_issued,),
            body_attr=BODY,
        ),
        Transition(
            "remove", gettext_lazy("删除材料"), (T.ASSIGNED, T.RETURNED), None, gates=(_plan_issued,), body_attr=BODY
        ),
        Transition(
            "submit",
            gettext_lazy("报送应考材料"),
            (T.ASSIGNED, T.RETURNED),
            T.SUBMITTED,
            gates=(_plan_issued, _has_materials),
            body_attr=BODY,
        ),
        Transition("accept", gettext_lazy("审核通过"), (T.SUBMITTED,), T.ACCEPTED),
        Transition("return", gettext_lazy("退回"), (T.SUBMITTED,), T.RETURNED),
    ],
    body_attr="government",
)
TASK_STEPS = tuple(TASK_WORKFLOW.transitions)


# --- 审议意见 ----------------------------------------------------------------------------------------

OPINION_WORKFLOW = Workflow(
    [Transition("report", gettext_lazy("书面报告研究处理情况"), (O.RECEIVED,), O.REPORTED)],
)
