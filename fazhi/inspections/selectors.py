"""Read-side queries of random inspections, shared by pages, the API and the art. 23 check.

Coverage (全覆盖): in a year, every item on a body's published list is inspected at least once — a
task whose result was recorded in the year with that item 符合 or 发现问题. Items count when they are
on the list at the end of the year (or on the day asked, earlier in the year); results count by
the date of the inspection's conclusion. A joint plan's result covers each participant's own items.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from fazhi.inspections.choices import INSPECTED_OUTCOMES
from fazhi.inspections.models import (
    Draw,
    Entity,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    ItemResult,
    TaskInspector,
)


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# --- coverage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemCoverage:
    item: InspectionItem
    inspections: int

    @property
    def covered(self) -> bool:
        return self.inspections > 0


@dataclass(frozen=True)
class Coverage:
    body_id: int
    year: int
    items: list[ItemCoverage]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def covered(self) -> int:
        return sum(1 for entry in self.items if entry.covered)

    @property
    def uncovered(self) -> list[InspectionItem]:
        return [entry.item for entry in self.items if not entry.covered]

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.covered == self.total


def coverage(body_ids, year: int, as_of: datetime.date) -> dict[int, Coverage]:
    """Per body, each item on its list with the number of entities it was inspected at in `year`
    (up to `as_of`). Two queries, whatever the number of bodies."""
    first, last = year_bounds(year)
    day = min(last, as_of)
    ids = list(body_ids)
    items = list(InspectionItem.objects.in_force(day).filter(body__in=ids).order_by("body", "id"))
    counts = dict(
        ItemResult.objects.filter(
            item__in=[item.pk for item in items],
            outcome__in=INSPECTED_OUTCOMES,
            task__concluded_on__gte=first,
            task__concluded_on__lte=day,
        )
        .order_by()
        .values("item")
        .annotate(count=Count("task", distinct=True))
        .values_list("item", "count")
    )
    result = {pk: Coverage(pk, year, []) for pk in ids}
    for item in items:
        result[item.body_id].items.append(ItemCoverage(item, counts.get(item.pk, 0)))
    return result


# --- office ----------------------------------------------------------------------------------


def office_items(user, action: str = "view"):
    return InspectionItem.objects.restrict(user, action).select_related("body").order_by("body__tree_path", "id")


def office_entities(user, action: str = "view"):
    return Entity.objects.restrict(user, action).select_related("body").order_by("body__tree_path", "code")


def _draw_summary():
    """The draw without its candidate list (tens of thousands of codes), which only the download reads."""
    return Prefetch("draw", queryset=Draw.objects.defer("candidates"))


def office_plans(user):
    return (
        InspectionPlan.objects.restrict(user)
        .select_related("body")
        .prefetch_related("joint_bodies")
        .annotate(
            task_count=Count("tasks", distinct=True),
            published_count=Count("tasks", filter=Q(tasks__status="published"), distinct=True),
        )
        .order_by("-year", "-id")
    )


def plan_detail(queryset):
    """A plan with what its page and API answer show: items, bodies and the draw's summary."""
    return (
        queryset.select_related("body", "draw")
        .defer("draw__candidates")
        .annotate(waiting_count=Count("tasks", filter=~Q(tasks__status="published")))
        .prefetch_related(
            Prefetch("items", queryset=InspectionItem.objects.select_related("body").order_by("body__tree_path", "id")),
            "joint_bodies",
        )
    )


def _inspectors():
    return Prefetch(
        "taskinspector_set",
        queryset=TaskInspector.objects.select_related("officer", "certificate", "officer__body").order_by("order"),
        to_attr="drawn_inspectors",
    )


def tasks(queryset):
    """Tasks with their entity, inspectors and item results, for lists and pages."""
    return (
        queryset.select_related("entity", "plan", "plan__body", "publicity_deadline")
        .prefetch_related(_inspectors(), Prefetch("results", queryset=ItemResult.objects.select_related("item")))
        .order_by("plan", "rank")
    )


def office_tasks(user):
    return tasks(InspectionTask.objects.restrict(user))


# --- portal ----------------------------------------------------------------------------------


def public_items(day: datetime.date):
    """The published lists: items in force on `day`, by body. Never a draft."""
    return InspectionItem.objects.in_force(day).select_related("body").order_by("body__tree_path", "id")


def public_plans():
    """Published plans (and those done): never a draft or a plan drawn but not yet published."""
    return (
        InspectionPlan.objects.published()
        .select_related("body")
        .prefetch_related(
            _draw_summary(),
            "joint_bodies",
            Prefetch("items", queryset=InspectionItem.objects.select_related("body").order_by("id")),
        )
        .order_by("-published_on", "-id")
    )


def public_results():
    """Published results of published plans."""
    return tasks(InspectionTask.objects.published()).order_by("-published_on", "-id")
