"""Which days are working days, and how periods are counted over them (DESIGN §4).

A year in the holiday table (`HolidayYear`) is decided by it: a day listed as a holiday rests, a
day listed as a 调休 workday works even on a weekend, every other weekday works. A year not in
the table — the State Council announces the next year's schedule only in November — falls back
to weekends plus the statutory holidays of 《全国年节及纪念日放假办法》 (2024), and any result
that looked at such a year is marked provisional so nobody mistakes it for a final date.

Counting follows 民法典 arts. 201–203 and 民事诉讼法 art. 85: the day of the event is not
counted; a period in days or months that ends on a rest day runs on to the next working day; a
month period ends on the same date of the later month, or that month's last day when it has no
such date. Working-day periods count only working days, so a 调休 Saturday counts.
"""

import calendar as _calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fazhi.clock.choices import DayKind, Unit
from fazhi.core.errors import InvalidInput

ONE_DAY = datetime.timedelta(days=1)
# lunardate's tables cover lunar years 1900–2099; past that no fallback can be computed.
FALLBACK_RANGE = (1901, 2099)


# --- The fallback: 《全国年节及纪念日放假办法》 (2024 revision) ---------------------------------------


def qingming(year: int) -> datetime.date:
    """The 清明 solar term (4 or 5 April), by the usual formula; checked against 2004–2026 in the tests.

    清明 falls on 4 or 5 April; the formula [Y × 0.2422 + C] − [Y / 4] with C = 4.81 (Y the last two
    digits) gives the day for 2000–2099, and C = 5.59 for 1901–1999.
    """
    y = year % 100
    c = 4.81 if year >= 2000 else 5.59
    return datetime.date(year, 4, int(y * 0.2422 + c) - y // 4)


def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """The rest days the 办法 gives in `year`: art. 2's holidays and art. 6's 补假.

    Art. 6: a holiday for all citizens that falls on a Saturday or Sunday is made up on a working
    day; here, as the State Council does, on the first weekday after the festival that is not
    itself a holiday. A festival day landing on another (中秋 on 1 October) is made up the same
    way. The State Council's own 调休 cannot be foreseen and is not guessed.
    """
    if not FALLBACK_RANGE[0] <= year <= FALLBACK_RANGE[1]:
        raise InvalidInput(
            _("%(year)d 年不在节假日表中，且超出可推算的范围（%(first)d—%(last)d 年）。")
            % {"year": year, "first": FALLBACK_RANGE[0], "last": FALLBACK_RANGE[1]},
            code="year_out_of_range",
        )
    from lunardate import LunarDate

    def lunar(month: int, day: int) -> datetime.date:
        return LunarDate(year, month, day).to_solar_date()

    new_year = lunar(1, 1)
    festivals = [
        ("元旦", [datetime.date(year, 1, 1)]),
        ("春节", [new_year - ONE_DAY, new_year, new_year + ONE_DAY, new_year + 2 * ONE_DAY]),
        ("清明节", [qingming(year)]),
        ("劳动节", [datetime.date(year, 5, 1), datetime.date(year, 5, 2)]),
        ("端午节", [lunar(5, 5)]),
        ("中秋节", [lunar(8, 15)]),
        ("国庆节", [datetime.date(year, 10, d) for d in (1, 2, 3)]),
    ]
    rest: dict[datetime.date, str] = {}
    owed: list[tuple[str, datetime.date]] = []
    for name, days in festivals:
        for day in days:
            if day.weekday() >= 5 or day in rest:
                owed.append((name, max(days)))
            else:
                rest[day] = name
    for name, festival_end in owed:
        day = festival_end + ONE_DAY
        while day.weekday() >= 5 or day in rest:
            day += ONE_DAY
        rest[day] = _("%(name)s（补假）") % {"name": name}
    return {day: name for day, name in rest.items() if day.year == year}


# --- The calendar --------------------------------------------------------------------------------


class WorkCalendar:
    """Working days from the holiday table, loaded a year at a time and kept for this object's life.

    Make one per computation or batch (a recomputation sweep shares one); never keep one across
    requests, since the office may enter a new year's schedule at any time.
    """

    def __init__(self, schedules: dict[int, dict[datetime.date, str]] | None = None):
        # `schedules` lets tests and the data migration supply years directly: {year: {date: kind}}.
        self._schedules: dict[int, dict[datetime.date, str] | None] = {}
        self._given = schedules
        self._announced: set[int] | None = None if schedules is None else set(schedules)

    def _announced_years(self) -> set[int]:
        if self._announced is None:
            from fazhi.clock.models import HolidayYear

            self._announced = set(HolidayYear.objects.values_list("year", flat=True))
        return self._announced

    def is_provisional(self, year: int) -> bool:
        """True when `year` is not in the table, so its days come from the fallback."""
        return year not in self._announced_years()

    def _schedule(self, year: int) -> dict[datetime.date, str] | None:
        if year not in self._schedules:
            if self.is_provisional(year):
                self._schedules[year] = None
            elif self._given is not None:
                self._schedules[year] = self._given[year]
            else:
                from fazhi.clock.models import HolidayDay

                rows = HolidayDay.objects.filter(date__year=year).values_list("date", "kind")
                self._schedules[year] = dict(rows)
        return self._schedules[year]

    def _fallback(self, year: int) -> dict[datetime.date, str]:
        key = -year  # fallback years are cached under a negative key beside the table's years
        if key not in self._schedules:
            self._schedules[key] = {day: DayKind.HOLIDAY for day in statutory_holidays(year)}
        return self._schedules[key]

    def is_working_day(self, day: datetime.date) -> bool:
        schedule = self._schedule(day.year)
        if schedule is None:
            schedule = self._fallback(day.year)
        kind = schedule.get(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind == DayKind.WORKDAY:
            return True
        return day.weekday() < 5


# --- Counting ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """A counted date, and whether any day it rests on came from the fallback."""

    due: datetime.date | datetime.datetime
    provisional: bool


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same date `months` later, or that month's last day (民法典 art. 202)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(start.day, _calendar.monthrange(year, month)[1]))


def _stopped(day: datetime.date, pauses: Iterable[tuple[datetime.date, datetime.date]]) -> bool:
    return any(paused_on <= day < resumed_on for paused_on, resumed_on in pauses)


def count(
    start: datetime.date | datetime.datetime,
    length: int,
    unit: str,
    *,
    pauses: Iterable[tuple[datetime.date, datetime.date]] = (),
    work_calendar: WorkCalendar | None = None,
) -> Count:
    """The last day of a period of `length` `unit`s from the event on `start`.

    `pauses` are closed stops of the clock, each `(paused_on, resumed_on)`: the days from the
    pause up to the day before resumption are not counted, so a calendar-day period moves by the
    length of the pause, and a pause resumed the same day costs nothing. A month period becomes
    its number of calendar days before pauses are applied.

    Hours run from the event's moment (民法典 art. 201 para. 2), without pauses or rest days: the
    platform's hour periods are urgent reports that do not wait for Monday.
    """
    if length <= 0:
        raise InvalidInput(_("期间长度必须为正整数。"), code="bad_length")
    cal = work_calendar or WorkCalendar()
    pauses = [(p, r) for p, r in pauses if r > p]
    if unit == Unit.HOURS:
        if not isinstance(start, datetime.datetime):
            raise InvalidInput(_("以小时计算的期间须给出开始的时刻（YYYY-MM-DDTHH:MM）。"), code="needs_time")
        return Count(start + datetime.timedelta(hours=length), provisional=False)
    if isinstance(start, datetime.datetime):
        start = start.date()

    examined: set[int] = set()
    if unit == Unit.WORKING_DAYS:
        day, counted = start, 0
        while counted < length:
            day += ONE_DAY
            examined.add(day.year)
            if not _stopped(day, pauses) and cal.is_working_day(day):
                counted += 1
    elif unit in (Unit.DAYS, Unit.MONTHS):
        days = length if unit == Unit.DAYS else (add_months(start, length) - start).days
        day, counted = start, 0
        while counted < days:
            day += ONE_DAY
            if not _stopped(day, pauses):
                counted += 1
        examined.add(day.year)
        while not cal.is_working_day(day):
            day += ONE_DAY
            examined.add(day.year)
    else:
        raise InvalidInput(_("未知的期间单位：%(unit)s") % {"unit": unit}, code="bad_unit")
    return Count(day, provisional=any(cal.is_provisional(year) for year in examined))


def add_working_days(start: datetime.date, n: int, *, work_calendar: WorkCalendar | None = None) -> Count:
    """The date `n` working days after `start`, `start` itself not counted."""
    return count(start, n, Unit.WORKING_DAYS, work_calendar=work_calendar)
