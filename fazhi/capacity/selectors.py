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
