"""The two state machines of the app, each one table with its gates, and who may act.

Work points (意见第四条: 有目标、有计划、有落实、有考核):
draft (起草中: goals and measures edited) → adopted (印发, with its document number or the issued
document attached; at least one measure) → assessed (年终考核, from 1 December of the year, once
every measure has been followed up). Progress on a measure is recorded while adopted.

普法责任清单 (意见第四十二条): draft (items edited) → published (审定公布 by the body's head, with at
least one item); the portal shows it from then on.

Who: the body's own members with a role that grants the step's action (`CapacityQuerySet.restrict`);
whoever's scope reaches the body — the leading-group office above it — reads only (403 on a step);
anyone else gets 404.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.capacity.choices import DutyListStatus as L
from fazhi.capacity.choices import WorkPointsStatus as W
from fazhi.core.dates import day_text
from fazhi.core.errors import Forbidden, NotFound
from fazhi.core.services import attachments as attachment_services
from fazhi.core.workflow import Transition, Workflow


def allowed(record, actor, action: str) -> bool:
    """Whether `actor` may `action` on `record` by the app's scope (`CapacityQuerySet.restrict`)."""
    return type(record).objects.restrict(actor, action).filter(pk=record.pk).exists()


def require_scoped(record, actor, label, action: str = "change") -> None:
    """Refuse unless `actor` may `action` on `record`: 404 where they cannot see it, 403 with the
    step's name where they see it (the leading-group office above the body) but may not act."""
    if allowed(record, actor, action):
        return
    if not allowed(record, actor, "view"):
        raise NotFound()
    raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": label})


class CapacityWorkflow(Workflow):
    """`core.workflow.Workflow` with the app's scope: a step is for the body's own members."""

    def check_access(self, obj, transition, actor) -> None:
        require_scoped(obj, actor, transition.label, transition.action)

    def available(self, obj, actor) -> list[Transition]:
        may = {}
        found = []
        for transition in self.transitions.values():
            if getattr(obj, self.field) not in transition.sources:
                continue
            if transition.action not in may:
                may[transition.action] = allowed(obj, actor, transition.action)
            if may[transition.action]:
                found.append(transition)
        return found


def actions(flow: CapacityWorkflow, record, user) -> list[tuple[Transition, str | None]]:
    """The steps `user` may take now, each with the refusal its gates would give (or None)."""
    return [
        (transition, next((text for text in (gate(record) for gate in transition.gates) if text), None))
        for transition in flow.available(record, user)
    ]


def year_end(year: int) -> datetime.date:
    """From when a year-end step (述职, 年终考核) may be taken: 1 December of the year."""
    return datetime.date(year, 12, 1)


# --- gates ----------------------------------------------------------------------------------------


def _has_measures(plan) -> str | None:
    if not plan.measures.exists():
        return _("工作要点还没有工作措施，请先添加（意见第四条：有目标、有计划）。")
    return None


def _has_document(plan) -> str | None:
    if plan.document_number or attachment_services.attachments_of(plan).exists():
        return None
    return _("请填写印发文号，或上传印发的文件。")


def _every_measure_followed(plan) -> str | None:
    missing = list(plan.measures.filter(progress__isnull=True).values_list("position", flat=True))
    if missing:
        return _("第%(items)s项工作措施还没有落实情况，不能进行年终考核（意见第四条：有落实、有考核）。") % {
            "items": "、".join(str(position) for position in missing)
        }
    return None


def _year_end_reached(plan) -> str | None:
    start = year_end(plan.year)
    if timezone.localdate() < start:
        return _("年终考核自%(day)s起进行。") % {"day": day_text(start)}
    return None


def _has_items(duty_list) -> str | None:
    if not duty_list.items.exists():
        return _("普法责任清单还没有事项，请先添加。")
    return None


WORK_POINTS = CapacityWorkflow(
    [
        Transition("edit", gettext_lazy("修改目标"), (W.DRAFT,), None),
        Transition("add-measure", gettext_lazy("添加工作措施"), (W.DRAFT,), None),
        Transition("remove-measure", gettext_lazy("删除工作措施"), (W.DRAFT,), None),
        Transition("adopt", gettext_lazy("印发"), (W.DRAFT,), W.ADOPTED, gates=(_has_measures, _has_document)),
        Transition("progress", gettext_lazy("记录落实情况"), (W.ADOPTED,), None),
        Transition(
            "assess",
            gettext_lazy("年终考核"),
            (W.ADOPTED,),
            W.ASSESSED,
            gates=(_every_measure_followed, _year_end_reached),
        ),
    ]
)
WORK_POINTS_STEPS = tuple(WORK_POINTS.transitions)

DUTY_LIST = CapacityWorkflow(
    [
        Transition("add-item", gettext_lazy("添加清单事项"), (L.DRAFT,), None),
        Transition("remove-item", gettext_lazy("删除清单事项"), (L.DRAFT,), None),
        Transition("publish", gettext_lazy("审定公布"), (L.DRAFT,), L.PUBLISHED, action="approve", gates=(_has_items,)),
    ]
)
DUTY_LIST_STEPS = tuple(DUTY_LIST.transitions)
