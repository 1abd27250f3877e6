"""Every change to deadlines and to the holiday table, and the due date of a matter.

Each change recomputes what depends on it inside the same transaction: a deadline's due date when
one of its inputs changes, and every open deadline reaching into a year when that year's holiday
schedule is entered — so a stored `due_on` is never older than the facts it was counted from.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import periods
from fazhi.clock.choices import DayKind, Unit
from fazhi.clock.models import Deadline, DeadlinePause, DeadlineRestart, HolidayDay, HolidayYear
from fazhi.clock.workdays import WorkCalendar, count
from fazhi.core import audit
from fazhi.core.access import may
from fazhi.core.choices import Role
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.core.services.notifications import notify
from fazhi.core.services.people import members

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$")


def parse_day(text: str) -> datetime.date:
    """A date typed as YYYY-MM-DD; 2026-02-30 and 2026/3/1 are refused with a Chinese message."""
    value = (text or "").strip()
    if _ISO_DAY.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInput(_("日期无效：%(text)s（应为真实存在的日期，格式 YYYY-MM-DD）") % {"text": text}, code="bad_date")


def parse_moment(text: str) -> datetime.date | datetime.datetime:
    """A date, or a date and time (YYYY-MM-DDTHH:MM) for periods counted in hours."""
    value = (text or "").strip()
    if _ISO_MOMENT.match(value):
        try:
            return datetime.datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            pass
        raise InvalidInput(_("时刻无效：%(text)s（格式 YYYY-MM-DDTHH:MM）") % {"text": text}, code="bad_date")
    return parse_day(value)


def parse_count(text: str) -> int:
    """A positive whole number of days, as typed."""
    value = (text or "").strip()
    if not value.isdecimal() or int(value) <= 0:
        raise InvalidInput(_("天数无效：%(text)s（应为正整数）") % {"text": text}, code="bad_count")
    return int(value)


def iso(value: datetime.date | datetime.datetime) -> str:
    """ISO text: a date as YYYY-MM-DD, a moment to the minute."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


# --- The due date of a matter --------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    period: periods.Period
    start: datetime.date | datetime.datetime
    due: datetime.date | datetime.datetime
    provisional: bool

    def as_dict(self) -> dict:
        return {
            "matter": self.period.key,
            "start": iso(self.start),
            "due": iso(self.due),
            "kind": self.period.kind,
            "unit": self.period.unit,
            "length": self.period.length,
            "source": self.period.source,
            "provisional": self.provisional,
        }


def _count_period(period, start, *, extra: int = 0, pauses=(), work_calendar=None):
    length = period.length + extra
    if period.unit == Unit.HOURS and not isinstance(start, datetime.datetime):
        # A stored deadline keeps dates only. Whole days of hours land on the same date whatever
        # the hour of the event, so they are counted from the start of the day; anything else
        # needs the moment.
        if length % 24:
            raise InvalidInput(_("该期间以小时计算，须给出开始的时刻（YYYY-MM-DDTHH:MM）。"), code="needs_time")
        moment = datetime.datetime.combine(start, datetime.time())
        result = count(moment, length, period.unit, work_calendar=work_calendar)
        return result.due.date(), result.provisional
    result = count(start, length, period.unit, pauses=pauses, work_calendar=work_calendar)
    return result.due, result.provisional


def due_for(matter: str, start, *, work_calendar: WorkCalendar | None = None) -> Due:
    """When the period of `matter` runs out for an event on `start` (no pauses or extension)."""
    period = periods.get(matter)
    due, provisional = _count_period(period, start, work_calendar=work_calendar)
    return Due(period, start, due, provisional)


# --- Deadlines -----------------------------------------------------------------------------------


def _require_change(actor, deadline: Deadline) -> None:
    if actor is None:  # the system itself: a sweep, a schedule import
        return
    if not may(actor, "change", deadline.body):
        raise Forbidden(_("您无权变更该单位的期限。"))


def _require_open(deadline: Deadline) -> None:
    # The deadline is about to change under any pauses and restarts prefetched with it.
    getattr(deadline, "_prefetched_objects_cache", {}).clear()
    if deadline.closed_on is not None:
        raise Conflict(_("该期限已办结，不能再变更。"))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("请填写理由。"), errors={"reason": [_("请填写理由。")]})
    return reason


def recompute(deadline: Deadline, *, work_calendar: WorkCalendar | None = None, actor=None) -> bool:
    """Count the due date again from the stored inputs; True when it changed (and was saved).

    An open pause stops the clock: the deadline has no due date until the pause is resumed.
    """
    start = deadline.effective_start
    pauses = [pause for pause in deadline.pauses.all() if pause.paused_on >= start]
    if any(pause.resumed_on is None for pause in pauses):
        due_on, provisional = None, False
    else:
        due_on, provisional = _count_period(
            deadline.period,
            start,
            extra=deadline.extension_length or 0,
            pauses=[(pause.paused_on, pause.resumed_on) for pause in pauses],
            work_calendar=work_calendar,
        )
    before = {"due_on": deadline.due_on, "provisional": deadline.provisional}
    deadline.computed_at = timezone.now()
    if before == {"due_on": due_on, "provisional": provisional}:
        if deadline.pk:
            deadline.save(update_fields=["computed_at"])
        return False
    deadline.due_on, deadline.provisional = due_on, provisional
    if deadline.pk:
        deadline.save(update_fields=["due_on", "provisional", "computed_at", "updated_at"])
        audit.record(
            deadline,
            "clock.deadline_recomputed",
            actor=actor,
            before=before,
            after={"due_on": due_on, "provisional": provisional},
        )
    return True


@transaction.atomic
def open_deadline(*, subject: Model, matter: str, start_on: datetime.date, body, actor) -> Deadline:
    """Start the clock of `matter` for `subject` (any record) at `body`."""
    period = periods.get(matter)
    deadline = Deadline(
        body=body,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        matter=period.key,
        start_on=start_on,
    )
    _require_change(actor, deadline)
    due_on, deadline.provisional = _count_period(period, start_on)
    deadline.due_on = due_on
    deadline.computed_at = timezone.now()
    deadline.save()
    audit.record(deadline, "clock.deadline_opened", actor=actor, after=audit.snapshot(deadline))
    return deadline


@transaction.atomic
def pause_deadline(deadline: Deadline, *, paused_on: datetime.date, reason: str, actor) -> DeadlinePause:
    """Stop the clock (行政复议中止, a third party consulted) from `paused_on`."""
    _require_change(actor, deadline)
    _require_open(deadline)
    reason = _require_reason(reason)
    if paused_on < deadline.effective_start:
        raise InvalidInput(_("中止日期不能早于起算日。"), errors={"paused_on": [_("中止日期不能早于起算日。")]})
    for pause in deadline.pauses.all():
        if pause.resumed_on is None:
            raise Conflict(_("该期限已经中止，请先恢复计算。"))
        if pause.paused_on <= paused_on < pause.resumed_on:
            raise Conflict(_("中止日期落在已有的中止期间内。"))
    pause = DeadlinePause.objects.create(
        deadline=deadline, paused_on=paused_on, reason=reason, recorded_by=_user_or_none(actor)
    )
    audit.record(deadline, "clock.deadline_paused", actor=actor, extra={"paused_on": paused_on, "reason": reason})
    recompute(deadline, actor=actor)
    return pause


@transaction.atomic
def resume_deadline(deadline: Deadline, *, resumed_on: datetime.date, actor) -> DeadlinePause:
    """Let the stopped clock run again from `resumed_on` (that day counts)."""
    _require_change(actor, deadline)
    _require_open(deadline)
    pause = deadline.pauses.filter(resumed_on__isnull=True).first()
    if pause is None:
        raise Conflict(_("该期限没有处于中止状态。"))
    if resumed_on < pause.paused_on:
        raise InvalidInput(_("恢复日期不能早于中止日期。"), errors={"resumed_on": [_("恢复日期不能早于中止日期。")]})
    pause.resumed_on = resumed_on
    pause.save(update_fields=["resumed_on"])
    audit.record(deadline, "clock.deadline_resumed", actor=actor, extra={"resumed_on": resumed_on})
    recompute(deadline, actor=actor)
    return pause


@transaction.atomic
def extend_deadline(
    deadline: Deadline,
    *,
    length: int,
    approved_by: str,
    approved_on: datetime.date,
    reason: str,
    actor,
) -> Deadline:
    """The one extension the law allows, within its maximum, with who approved it and why."""
    _require_change(actor, deadline)
    _require_open(deadline)
    reason = _require_reason(reason)
    period = deadline.period
    if not period.max_extension:
        raise Conflict(_("“%(label)s”的期限依法不能延长。") % {"label": period.label})
    if deadline.extension_length:
        raise Conflict(_("该期限已经延长过一次，不能再次延长。"))
    if not 0 < length <= period.max_extension:
        message = _("延长期间应为1至%(max)d%(unit)s（%(source)s）。") % {
            "max": period.max_extension,
            "unit": Unit(period.unit).label,
            "source": period.source,
        }
        raise InvalidInput(message, errors={"length": [message]})
    if not (approved_by or "").strip():
        raise InvalidInput(_("请填写批准人。"), errors={"approved_by": [_("请填写批准人。")]})
    deadline.extension_length = length
    deadline.extension_approved_by = approved_by.strip()
    deadline.extension_approved_on = approved_on
    deadline.extension_reason = reason
    deadline.save(
        update_fields=[
            "extension_length",
            "extension_approved_by",
            "extension_approved_on",
            "extension_reason",
            "updated_at",
        ]
    )
    audit.record(
        deadline,
        "clock.deadline_extended",
        actor=actor,
        extra={"length": length, "approved_by": deadline.extension_approved_by, "approved_on": approved_on},
    )
    recompute(deadline, actor=actor)
    return deadline


@transaction.atomic
def restart_deadline(deadline: Deadline, *, restarted_on: datetime.date, reason: str, actor) -> DeadlineRestart:
    """Start the clock over from a new event (政府信息公开条例 art. 30: the corrected request).

    Pauses before the restart no longer count; the extension, if any, stays with the deadline.
    """
    _require_change(actor, deadline)
    _require_open(deadline)
    reason = _require_reason(reason)
    if restarted_on < deadline.effective_start:
        raise InvalidInput(
            _("重新起算日不能早于原起算日。"), errors={"restarted_on": [_("重新起算日不能早于原起算日。")]}
        )
    if deadline.pauses.filter(resumed_on__isnull=True).exists():
        raise Conflict(_("该期限处于中止状态，请先恢复计算。"))
    restart = DeadlineRestart.objects.create(
        deadline=deadline, restarted_on=restarted_on, reason=reason, recorded_by=_user_or_none(actor)
    )
    audit.record(
        deadline, "clock.deadline_restarted", actor=actor, extra={"restarted_on": restarted_on, "reason": reason}
    )
    recompute(deadline, actor=actor)
    return restart


@transaction.atomic
def close_deadline(deadline: Deadline, *, closed_on: datetime.date, actor) -> Deadline:
    """The matter was done: the deadline stops being open (and is no longer recomputed)."""
    _require_change(actor, deadline)
    _require_open(deadline)
    deadline.closed_on = closed_on
    deadline.save(update_fields=["closed_on", "updated_at"])
    audit.record(deadline, "clock.deadline_closed", actor=actor, extra={"closed_on": closed_on})
    return deadline


def _user_or_none(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


# --- The holiday table ---------------------------------------------------------------------------

CHINESE_CALENDAR_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def chinese_calendar_source() -> str:
    import chinese_calendar

    return f"chinese-calendar {chinese_calendar.__version__}（国务院办公厅部署节假日安排的通知）"


def chinese_calendar_schedules() -> dict[int, list[tuple[datetime.date, str, str]]]:
    """The pinned `chinese-calendar`'s data by year: (date, kind, Chinese name of the festival)."""
    from chinese_calendar import constants

    years: dict[int, list[tuple[datetime.date, str, str]]] = {}
    for table, kind in ((constants.holidays, DayKind.HOLIDAY), (constants.workdays, DayKind.WORKDAY)):
        for day, name in table.items():
            years.setdefault(day.year, []).append((day, str(kind), CHINESE_CALENDAR_NAMES.get(name, name)))
    return {year: sorted(days) for year, days in sorted(years.items())}


def copy_chinese_calendar(holiday_year_model, holiday_day_model) -> list[int]:
    """Copy `chinese-calendar` into the table; the models are passed in so migrations can use it.

    Years already in the table are left alone: the office's own entries win over the package's.
    """
    source = chinese_calendar_source()
    present = set(holiday_year_model.objects.values_list("year", flat=True))
    copied = []
    for year, days in chinese_calendar_schedules().items():
        if year in present:
            continue
        holiday_year_model.objects.create(year=year, source=source)
        holiday_day_model.objects.bulk_create(
            [holiday_day_model(date=day, kind=kind, name=name, source=source) for day, kind, name in days]
        )
        copied.append(year)
    return copied


def _require_calendar_manager(actor) -> None:
    if actor is not None and not actor.is_superuser:
        raise Forbidden(_("只有系统管理员可以维护节假日安排。"))


def _validate_schedule(year: int, days: list[tuple[datetime.date, str, str]]) -> None:
    seen = set()
    for day, kind, _name in days:
        if day.year != year:
            raise InvalidInput(_("%(day)s 不属于 %(year)d 年。") % {"day": day.isoformat(), "year": year})
        if kind not in DayKind.values:
            raise InvalidInput(_("未知的日期类型：%(kind)s（应为 holiday 或 workday）") % {"kind": kind})
        if kind == DayKind.WORKDAY and day.weekday() < 5:
            raise InvalidInput(_("%(day)s 本是工作日，不能登记为调休上班日。") % {"day": day.isoformat()})
        if day in seen:
            raise InvalidInput(_("%(day)s 重复登记。") % {"day": day.isoformat()})
        seen.add(day)


def reaching_into(year: int):
    """Open deadlines whose count may look at `year`: due in or after it from a start before its end,
    and every provisional one."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Deadline.objects.open().filter(Q(provisional=True) | Q(due_on__gte=first, start_on__lte=last))


def recompute_reaching(year: int, *, actor=None) -> int:
    """Recompute every open deadline reaching into `year`; how many due dates changed."""
    work_calendar = WorkCalendar()
    changed = 0
    for deadline in reaching_into(year).prefetch_related("pauses", "restarts").select_related("body"):
        changed += recompute(deadline, work_calendar=work_calendar, actor=actor)
    return changed


@transaction.atomic
def enter_year_schedule(
    year: int,
    days: Iterable[tuple[datetime.date, str, str]],
    *,
    source: str,
    announced: datetime.date | None = None,
    actor,
) -> int:
    """Put the State Council's schedule for `year` in the table (replacing any earlier entry) and
    recompute every open deadline reaching into that year; returns how many due dates moved."""
    _require_calendar_manager(actor)
    days = sorted(days)
    source = (source or "").strip()
    if not source:
        raise InvalidInput(_("请填写节假日安排的依据（如国务院办公厅通知的文号）。"))
    _validate_schedule(year, days)
    entry, created = HolidayYear.objects.update_or_create(
        year=year, defaults={"source": source, "announced": announced}
    )
    HolidayDay.objects.filter(date__year=year).delete()
    HolidayDay.objects.bulk_create(
        [HolidayDay(date=day, kind=kind, name=name, source=source) for day, kind, name in days]
    )
    audit.record(
        entry,
        "clock.holiday_schedule_entered",
        actor=actor,
        after={"year": year, "source": source, "announced": announced, "days": len(days), "replaced": not created},
    )
    return recompute_reaching(year, actor=actor)


def import_chinese_calendar(*, actor=None) -> tuple[list[int], int]:
    """Enter every year `chinese-calendar` covers and the table does not; (years, deadlines moved)."""
    _require_calendar_manager(actor)
    present = set(HolidayYear.objects.values_list("year", flat=True))
    source = chinese_calendar_source()
    years, moved = [], 0
    for year, days in chinese_calendar_schedules().items():
        if year in present:
            continue
        moved += enter_year_schedule(year, days, source=source, actor=actor)
        years.append(year)
    return years, moved


# --- reminders -----------------------------------------------------------------------------

REMINDED_ROLES = (Role.CLERK, Role.LEGAL_REVIEWER, Role.OFFICE)


def send_due_reminders(today: datetime.date) -> int:
    """Tell each open deadline's body once when it falls due within the reminder lead, and once
    more when it has passed. Each notice is claimed by a conditional update, so two sweeps at
    once send it once. Returns how many deadlines were announced."""
    lead = datetime.timedelta(days=settings.FAZHI_DEADLINE_REMINDER_DAYS)
    open_deadlines = Deadline.objects.open().filter(due_on__isnull=False)
    due_soon = open_deadlines.filter(reminded_on__isnull=True, due_on__gte=today, due_on__lte=today + lead)
    overdue = open_deadlines.filter(overdue_notified_on__isnull=True, due_on__lt=today)
    return _announce(due_soon, "reminded_on", today, overdue=False) + _announce(
        overdue, "overdue_notified_on", today, overdue=True
    )


def _announce(candidates, claim_field: str, today: datetime.date, *, overdue: bool) -> int:
    announced = 0
    for deadline in candidates.select_related("body").prefetch_related("subject").order_by("due_on", "pk"):
        claimed = Deadline.objects.filter(pk=deadline.pk, **{f"{claim_field}__isnull": True}).update(
            **{claim_field: today}
        )
        if not claimed:
            continue
        subject = deadline.subject
        values = {"subject": str(subject) if subject else "", "matter": deadline.period.label}
        values["day"] = day_text(deadline.due_on)
        if overdue:
            title = _("已逾期：%(subject)s %(matter)s，期限至%(day)s") % values
        else:
            title = _("即将到期：%(subject)s %(matter)s，期限至%(day)s") % values
        notify(
            members([deadline.body_id], REMINDED_ROLES),
            title,
            message=_("依据：%(source)s") % {"source": deadline.period.source},
            link=subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
        )
        announced += 1
    return announced
