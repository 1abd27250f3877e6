"""The state machines of inspection items, plans and tasks, each one table with its gates.

item: draft → published (on the body's list) → withdrawn (调出清单);
plan: draft → drawn (the draw recorded) → published (with its seed and picks) → done;
task: pending → recorded (the result) → published (公示).

Drafting, the draw and results are the organising body's staff (`change`); publishing a list or a
plan is its head's (`approve`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.access import may
from fazhi.core.errors import Forbidden
from fazhi.core.workflow import Transition, Workflow
from fazhi.inspections.choices import ItemStatus, PlanStatus, TaskStatus

# --- items -----------------------------------------------------------------------------------

ITEM = Workflow(
    [
        Transition("publish", gettext_lazy("公布抽查事项清单"), (ItemStatus.DRAFT,), ItemStatus.PUBLISHED, "approve"),
        Transition("withdraw", gettext_lazy("调出清单"), (ItemStatus.PUBLISHED,), ItemStatus.WITHDRAWN, "approve"),
    ]
)


# --- plans -----------------------------------------------------------------------------------


def _has_items(plan) -> str | None:
    if not plan.items.all():
        return _("计划还没有抽查事项，请先选择已公布清单中的事项。")
    return None


def _items_still_listed(plan) -> str | None:
    withdrawn = [item.name for item in plan.items.all() if item.status != ItemStatus.PUBLISHED]
    if withdrawn:
        return _("以下事项已不在公布的抽查事项清单中：%(items)s。") % {"items": "、".join(withdrawn)}
    return None


def _sample_set(plan) -> str | None:
    if plan.sample_ratio is None and plan.sample_count is None:
        return _("请先确定抽查比例或抽查数量。")
    return None


def _all_results_published(plan) -> str | None:
    waiting = getattr(plan, "waiting_count", None)
    if waiting is None:
        waiting = plan.tasks.exclude(status=TaskStatus.PUBLISHED).count()
    if waiting:
        return _("还有 %(n)d 个检查对象的检查结果未公示，不能办结计划。") % {"n": waiting}
    return None


PLAN = Workflow(
    [
        Transition(
            "draw",
            gettext_lazy("抽取检查对象和执法人员"),
            (PlanStatus.DRAFT,),
            PlanStatus.DRAWN,
            "change",
            gates=(_has_items, _items_still_listed, _sample_set),
        ),
        Transition(
            "publish", gettext_lazy("公布抽查计划和抽取结果"), (PlanStatus.DRAWN,), PlanStatus.PUBLISHED, "approve"
        ),
        Transition(
            "finish",
            gettext_lazy("办结计划"),
            (PlanStatus.PUBLISHED,),
            PlanStatus.DONE,
            "change",
            gates=(_all_results_published,),
        ),
    ]
)


# --- tasks -----------------------------------------------------------------------------------


def _plan_drawn(task) -> str | None:
    if task.plan.status not in (PlanStatus.DRAWN, PlanStatus.PUBLISHED):
        return _("抽查计划当前为“%(status)s”，不能录入检查结果。") % {"status": task.plan.get_status_display()}
    return None


def _plan_published(task) -> str | None:
    if task.plan.status not in (PlanStatus.PUBLISHED, PlanStatus.DONE):
        return _("抽查计划及抽取结果尚未公布，请先公布计划，再公示检查结果。")
    return None


TASK = Workflow(
    [
        Transition(
            "record",
            gettext_lazy("录入检查结果"),
            (TaskStatus.PENDING,),
            TaskStatus.RECORDED,
            "change",
            gates=(_plan_drawn,),
        ),
        Transition(
            "publish",
            gettext_lazy("公示检查结果"),
            (TaskStatus.RECORDED,),
            TaskStatus.PUBLISHED,
            "change",
            gates=(_plan_published,),
        ),
    ]
)


def require(machine: Workflow, obj, name: str, actor, *, gates: bool = True) -> Transition:
    """`machine.require`, except that a body taking part in a joint plan — which sees the plan and
    its tasks but does not run them — is told 403 with the step's name rather than 404."""
    transition = machine.transitions.get(name)
    if transition is not None and not may(actor, transition.action, obj.body):
        from fazhi.inspections.models import InspectionPlan

        plan = obj if isinstance(obj, InspectionPlan) else obj.plan
        if InspectionPlan.objects.restrict(actor).filter(pk=plan.pk).exists():
            raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": transition.label})
    return machine.require(obj, name, actor, gates=gates)


def actions(workflow: Workflow, obj, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take on `obj` now, each with the reason it would be refused."""
    result = []
    for transition in workflow.available(obj, actor):
        refusal = next((reason for gate in transition.gates if (reason := gate(obj))), None)
        result.append((transition, refusal))
    return result
