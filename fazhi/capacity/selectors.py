"""What the capacity pages, the API, the checks and other apps read: the settings in force, the
scoped registers, one record, the yearly counts against the minimums, and names as a user may
read them.

`head_duty(body, year)` is read by `reports` for the yearly rule-of-law report (seed art. 44)."""

import datetime
import re
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.capacity.choices import DutyListStatus
from fazhi.capacity.models import (
    CapacitySettings,
    DutyList,
    ExecutiveMeeting,
    HeadDuty,
    LearningActivity,
    WorkPoints,
)
from fazhi.core.access import member_body_ids, scope_body_ids
from fazhi.core.errors import NotFound
from fazhi.core.masking import mask_name
from fazhi.core.models import Body

_NAME_SEPARATORS = re.compile(r"[、，,；;\s]+")


def head_duty(body, year: int) -> HeadDuty | None:
    """The head's year-end report on the duty as first responsible (seed art. 3) for `year`, or None."""
    body_id = getattr(body, "pk", body)
    return HeadDuty.objects.filter(body_id=body_id, year=year).first()


def settings() -> CapacitySettings:
    """The saved settings row, or the seed's defaults when none has been saved."""
    return CapacitySettings.objects.filter(pk=1).first() or CapacitySettings()


def year_of(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def pk_of(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


def years() -> range:
    """The years the pages offer: this year and the five before (next year while planning it)."""
    this = timezone.localdate().year
    return range(this + 1, this - 6, -1)


def visible_bodies(user):
    """The bodies whose capacity records `user` reads: their scope (the subtree of an office)."""
    bodies = Body.objects.order_by("tree_path")
    return bodies if user.is_superuser else bodies.filter(pk__in=scope_body_ids(user, "view"))


def visible_body(user, pk) -> Body:
    body = visible_bodies(user).filter(pk=pk_of(pk) or 0).first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body


def records(user, register, *, body="", year=""):
    """A register's records `user` sees, for a body and a year when asked (bad values are ignored)."""
    found = register.model.objects.restrict(user).select_related("body")
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if year_of(year):
        field = "year" if register.yearly else f"{register.date_field}__year"
        found = found.filter(**{field: year_of(year)})
    if any(field.kind == "item" for field in register.fields):
        found = found.select_related("item")
    return found.order_by(f"-{register.date_field}", "-pk")


def visible(user, model, pk):
    record = model.objects.restrict(user).select_related("body").filter(pk=pk_of(pk) or 0).first()
    if record is None:
        raise NotFound(_("未找到该记录。"))
    return record


def work_points(user, *, body="", year=""):
    found = WorkPoints.objects.restrict(user).select_related("body").annotate(measure_count=Count("measures"))
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if year_of(year):
        found = found.filter(year=year_of(year))
    return found.order_by("-year", "body__tree_path")


def duty_lists(user, *, body="", year=""):
    found = DutyList.objects.restrict(user).select_related("body").annotate(item_count=Count("items"))
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if year_of(year):
        found = found.filter(year=year_of(year))
    return found.order_by("-year", "body__tree_path")


def published_duty_lists(*, body="", year=""):
    """普法责任清单 the public reads: published ones only, with their items."""
    found = (
        DutyList.objects.filter(status=DutyListStatus.PUBLISHED)
        .select_related("body")
        .prefetch_related("items")
        .order_by("-year", "body__tree_path")
    )
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if year_of(year):
        found = found.filter(year=year_of(year))
    return found


def published_duty_list(pk) -> DutyList:
    found = published_duty_lists().filter(pk=pk_of(pk) or 0).first()
    if found is None:
        raise NotFound(_("未找到该普法责任清单。"))
    return found


# --- names ------------------------------------------------------------------------------------------


def names_visible(user, record) -> bool:
    """People's names show in full to the body's own members; elsewhere (the office above) masked."""
    return user.is_superuser or record.body_id in member_body_ids(user)


def masked_names(text: str) -> str:
    """Each name of a list (李明、王强) masked: 李*、王*."""
    return "、".join(mask_name(part) for part in _NAME_SEPARATORS.split(text or "") if part)


def person_text(user, record, value: str) -> str:
    return value if not value or names_visible(user, record) else masked_names(value)


# --- yearly counts ----------------------------------------------------------------------------------


def period(year: int, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The part of `year` known on `as_of`."""
    return datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), as_of)


def counts(body_ids, year: int, as_of: datetime.date) -> dict[int, dict[str, int]]:
    """Per body, the year's 学法活动, leadership lectures and executive meetings up to `as_of`:
    two queries whatever the number of bodies."""
    first, last = period(year, as_of)
    found = defaultdict(lambda: {"learning": 0, "lectures": 0, "meetings": 0})
    for body, learning, lectures in (
        LearningActivity.objects.filter(body__in=body_ids, held_on__gte=first, held_on__lte=last)
        .values("body")
        .annotate(n=Count("pk"), lectures=Count("pk", filter=Q(leadership_lecture=True)))
        .values_list("body", "n", "lectures")
    ):
        found[body].update(learning=learning, lectures=lectures)
    for body, n in (
        ExecutiveMeeting.objects.filter(body__in=body_ids, held_on__gte=first, held_on__lte=last)
        .values("body")
        .annotate(n=Count("pk"))
        .values_list("body", "n")
    ):
        found[body]["meetings"] = n
    return {pk: dict(found[pk]) for pk in body_ids}


# --- a body's year and the overview -----------------------------------------------------------------

ARTICLES = (3, 4, 40, 41, 42, 54)


def existed_in(bodies, year: int):
    """The bodies that existed during `year` (the checks answer only for those)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return bodies.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=first)
    )


def minimums(body, count: dict, config: CapacitySettings) -> list[dict]:
    """The yearly minimums that bind `body`, each with the count so far and its source."""
    from fazhi.capacity.models import SOURCES
    from fazhi.obligations import registry

    rows = []
    if registry.applies_to(40, body, "training"):
        rows.append(("learning", _("学法活动"), count["learning"], config.training_minimum, "training_minimum"))
    if registry.applies_to(40, body, "leadership_lectures"):
        rows.append(
            (
                "lectures",
                _("领导班子法治专题讲座"),
                count["lectures"],
                config.leadership_lecture_minimum,
                "leadership_lecture_minimum",
            )
        )
    if registry.applies_to(54, body):
        rows.append(
            (
                "meetings",
                _("常务会议听取依法行政工作汇报"),
                count["meetings"],
                config.executive_meeting_minimum,
                "executive_meeting_minimum",
            )
        )
    return [
        {"key": key, "label": label, "count": n, "least": least, "met": n >= least, "source": SOURCES[source]}
        for key, label, n, least, source in rows
    ]


def _results(bodies: list, year: int, as_of: datetime.date) -> dict[int, dict]:
    from fazhi.obligations import checks

    checks.autodiscover()
    found = {body.pk: {} for body in bodies}
    for article in ARTICLES:
        for pk, result in checks.run(article, bodies, year, as_of).items():
            found[pk][article] = result
    return found


def overview(bodies: list, year: int, as_of: datetime.date) -> list[dict]:
    """Per body in sight: its minimums against the counts, and each article's check."""
    config = settings()
    counted = counts([body.pk for body in bodies], year, as_of)
    results = _results(bodies, year, as_of)
    return [
        {
            "body": body,
            "minimums": {row["key"]: row for row in minimums(body, counted[body.pk], config)},
            "results": [results[body.pk][article] for article in ARTICLES],
        }
        for body in bodies
    ]


def body_year(body, year: int, as_of: datetime.date) -> dict:
    """A body's page for a year: the minimums, each check with its obligation, the year's work
    points, 普法责任清单 and 述职, and how many records each register holds for the year."""
    from fazhi.capacity import registers
    from fazhi.obligations import registry

    config = settings()
    results = _results([body], year, as_of)[body.pk]
    register_counts = []
    for register in registers.REGISTERS.values():
        field = "year" if register.yearly else f"{register.date_field}__year"
        n = register.model.objects.filter(body=body, **{field: year}).count()
        register_counts.append((register, n))
    return {
        "minimums": minimums(body, counts([body.pk], year, as_of)[body.pk], config),
        "checks": [(registry.get(article), results[article]) for article in ARTICLES],
        "plan": WorkPoints.objects.filter(body=body, year=year).first(),
        "duty_list": DutyList.objects.filter(body=body, year=year).first(),
        "head_duty": head_duty(body, year),
        "register_counts": register_counts,
        "adopt_due": config.work_points_due(year),
        "report_due": config.duty_report_due(year),
    }


def items_with_activities(duty_list: DutyList):
    """The list's items, each with the number of 普法 activities held under it in the list's year."""
    return duty_list.items.annotate(
        activity_count=Count("activities", filter=Q(activities__held_on__year=duty_list.year))
    ).order_by("position")
