"""Every matter key against a due date worked out by hand on the real 2026 schedule.

The 2026 schedule (国办发明电〔2025〕7号, as in chinese-calendar 1.11.0): off 1–3 Jan, 15–23 Feb,
4–6 Apr, 1–5 May, 19–21 Jun, 25–27 Sep, 1–7 Oct; worked (调休) Sun 4 Jan, Sat 14 Feb, Sat 28 Feb,
Sat 9 May, Sun 20 Sep, Sat 10 Oct. 1 Jan 2026 is a Thursday. 2027 is not in the table.
"""

import datetime

import pytest

from fazhi.clock import periods, services, workdays
from fazhi.core.errors import InvalidInput

D = datetime.date

# (matter, start, due, provisional) — the hand computation beside each.
CASES = [
    # Mar 2 + 60 d: Mar 3–31 is 29, Apr is 59, 60 = Fri 1 May (holiday 1–5 May) → Wed 6 May.
    ("reconsideration-apply", D(2026, 3, 2), D(2026, 5, 6), False),
    # Mon 28 Sep + 5 wd: 29, 30 Sep (2); 1–7 Oct off; Thu 8 (3), Fri 9 (4), Sat 10 Oct 调休 (5).
    ("reconsideration-accept", D(2026, 9, 28), D(2026, 10, 10), False),
    # Thu 12 Feb + 5 wd: Fri 13 (1), Sat 14 调休 (2); 15–23 off; Tue 24 (3), 25 (4), Thu 26 (5).
    ("reconsideration-complete-notice", D(2026, 2, 12), D(2026, 2, 26), False),
    # Wed 1 Apr + 10 wd: 2, 3 (2); 4–6 off; 7–10 (6); 13, 14, 15, Thu 16 (10).
    ("reconsideration-complete-submit", D(2026, 4, 1), D(2026, 4, 16), False),
    # Wed 29 Apr + 7 wd: Thu 30 (1); 1–5 May off; 6, 7, 8 (4); Sat 9 调休 (5); Mon 11 (6), Tue 12 (7).
    ("reconsideration-reply-copy", D(2026, 4, 29), D(2026, 5, 12), False),
    # Mon 15 Jun + 10 wd: 16, 17, 18 (3); 19–21 off; 22–26 (8); Mon 29 (9), Tue 30 (10).
    ("reconsideration-reply", D(2026, 6, 15), D(2026, 6, 30), False),
    # Thu 1 Jan (a holiday) + 3 wd: 2, 3 off; Sun 4 调休 (1); Mon 5 (2), Tue 6 (3).
    ("reconsideration-reply-copy-simplified", D(2026, 1, 1), D(2026, 1, 6), False),
    # Wed 1 Jul + 5 wd: Thu 2, Fri 3 (2); Mon 6, 7, Wed 8 (5).
    ("reconsideration-reply-simplified", D(2026, 7, 1), D(2026, 7, 8), False),
    # Fri 7 Aug + 60 d: Aug 8–31 is 24, Sep is 54, 60 = Tue 6 Oct, inside National Day → Thu 8 Oct.
    ("reconsideration-decide", D(2026, 8, 7), D(2026, 10, 8), False),
    # Fri 15 May + 30 d: May 16–31 is 16, 30 = Sun 14 Jun → Mon 15 Jun.
    ("reconsideration-decide-simplified", D(2026, 5, 15), D(2026, 6, 15), False),
    # Sat 10 Jan + 60 d: Jan 11–31 is 21, Feb is 49, 60 = Wed 11 Mar.
    ("reconsideration-opinion-reply", D(2026, 1, 10), D(2026, 3, 11), False),
    # Wed 30 Sep + 5 wd: 8, 9 Oct, Sat 10 Oct (调休上班), 12, 13 Oct (1–7 Oct 国庆) = Tue 13 Oct.
    ("reconsideration-forward", D(2026, 9, 30), D(2026, 10, 13), False),
    # Thu 8 Oct + 5 wd: 9, Sat 10, 12, 13, 14 Oct = Wed 14 Oct; the hearing may be held after it.
    ("reconsideration-hearing-notice", D(2026, 10, 8), D(2026, 10, 14), False),
    # Mon 21 Sep + 15 d = Tue 6 Oct (国庆 1–7 Oct) → Thu 8 Oct.
    ("dispute-major-report", D(2026, 9, 21), D(2026, 10, 8), False),
    # The year's end, Thu 31 Dec 2026 + 1 month = Sun 31 Jan 2027 → Mon 1 Feb 2027 (provisional year).
    ("dispute-analysis-report", D(2026, 12, 31), D(2027, 2, 1), True),
    # Mon 2 Mar + 15 d = Tue 17 Mar.
    ("litigation-defence", D(2026, 3, 2), D(2026, 3, 17), False),
    # Thu 5 Feb + 15 d = Fri 20 Feb (holiday to 23) → Tue 24 Feb.
    ("litigation-appeal-judgment", D(2026, 2, 5), D(2026, 2, 24), False),
    # Wed 4 Feb + 10 d = Sat 14 Feb, a 调休 working Saturday: the period ends that day.
    ("litigation-appeal-ruling", D(2026, 2, 4), D(2026, 2, 14), False),
    # 31 Dec 2025 + 2 months: no 31 Feb → 28 Feb 2026, a 调休 working Saturday.
    ("procuratorial-reply", D(2025, 12, 31), D(2026, 2, 28), False),
    # Mon 20 Apr + 15 d = Tue 5 May (holiday) → Wed 6 May.
    ("procuratorial-reply-urgent", D(2026, 4, 20), D(2026, 5, 6), False),
    # Mon 2 Mar + 20 wd: 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), Mon 30 (20).
    ("disclosure-answer", D(2026, 3, 2), D(2026, 3, 30), False),
    # Mon 30 Mar + 20 wd: 31, 1, 2, 3 (4); 4–6 Apr off; 7–10 (8), 13–17 (13), 20–24 (18), 27 (19), Tue 28 (20).
    ("disclosure-extension", D(2026, 3, 30), D(2026, 4, 28), False),
    # Mon 28 Dec + 7 wd: 29, 30, 31 (3); 2027 (fallback): Fri 1 Jan 元旦; Mon 4–Thu 7 (7). Provisional.
    ("disclosure-correction", D(2026, 12, 28), D(2027, 1, 7), True),
    # Fri 8 May + 15 wd: Sat 9 调休 (1); 11–15 (6); 18–22 (11); 25, 26, 27, Thu 28 (15).
    ("disclosure-third-party", D(2026, 5, 8), D(2026, 5, 28), False),
    # Mon 14 Sep + 20 wd: 15–18 (4); Sun 20 调休 (5); 21–24 (9); 25–27 off; 28–30 (12); 1–7 Oct off;
    # 8, 9 (14); Sat 10 调休 (15); 12–16 Oct (20).
    ("proactive-disclosure", D(2026, 9, 14), D(2026, 10, 16), False),
    # Thu 4 Jun + 15 d = Fri 19 Jun (端午 19–21) → Mon 22 Jun.
    ("petition-register", D(2026, 6, 4), D(2026, 6, 22), False),
    # Fri 29 May + 5 wd: Mon 1–Fri 5 Jun.
    ("petition-object", D(2026, 5, 29), D(2026, 6, 5), False),
    # Fri 31 Jul + 60 d: Aug is 31, 60 = Tue 29 Sep.
    ("petition-handle", D(2026, 7, 31), D(2026, 9, 29), False),
    # Tue 29 Sep + 30 d: Sep 30 is 1, 30 = Thu 29 Oct.
    ("petition-extension", D(2026, 9, 29), D(2026, 10, 29), False),
    # Fri 30 Jan + 30 d: Jan 31 is 1, Feb 28 is 29, 30 = Sun 1 Mar → Mon 2 Mar.
    ("petition-review", D(2026, 1, 30), D(2026, 3, 2), False),
    # Mon 5 Jan + 90 d: Jan 6–31 is 26, Feb 54, Mar 85, 90 = Sun 5 Apr (清明 4–6) → Tue 7 Apr.
    ("penalty-decide", D(2026, 1, 5), D(2026, 4, 7), False),
    # Mon 2 Nov + 5 wd: Tue 3–Fri 6 (4), Mon 9 (5).
    ("penalty-hearing-request", D(2026, 11, 2), D(2026, 11, 9), False),
    # Wed 11 Feb + 7 wd: 12, 13 (2); Sat 14 调休 (3); 15–23 off; 24, 25, 26, Fri 27 (7).
    ("penalty-delivery", D(2026, 2, 11), D(2026, 2, 27), False),
    # Thu 26 Feb + 3 wd: Fri 27 (1), Sat 28 调休 (2), Mon 2 Mar (3).
    ("penalty-withdraw-publicity", D(2026, 2, 26), D(2026, 3, 2), False),
    # Fri 20 Nov + 30 d: Nov 21–30 is 10, 30 = Sun 20 Dec → Mon 21 Dec.
    ("seizure", D(2026, 11, 20), D(2026, 12, 21), False),
    # 24 hours, counted from the start of the day when only the date is given: Fri 2 Oct, no rolling.
    ("coercion-onsite-report", D(2026, 10, 1), D(2026, 10, 2), False),
    # Wed 4 Mar + 3 d = Sat 7 Mar → Mon 9 Mar.
    ("criminal-transfer-approve", D(2026, 3, 4), D(2026, 3, 9), False),
    ("criminal-transfer-send", D(2026, 3, 9), D(2026, 3, 10), False),
    # Wed 1 Apr + 3 d = Sat 4 Apr (清明 4–6) → Tue 7 Apr.
    ("criminal-transfer-police", D(2026, 4, 1), D(2026, 4, 7), False),
    # Thu 1 Jan + 3 d = Sun 4 Jan, a 调休 working Sunday: ends that day.
    ("criminal-transfer-handover", D(2026, 1, 1), D(2026, 1, 4), False),
    # Mon 2 Mar + 30 d: Mar 3–31 is 29, 30 = Wed 1 Apr.
    ("decision-comment", D(2026, 3, 2), D(2026, 4, 1), False),
    # Thu 30 Apr + 7 wd: 1–5 May off; 6, 7, 8 (3); Sat 9 调休 (4); 11, 12, Wed 13 (7).
    ("decision-legality-review", D(2026, 4, 30), D(2026, 5, 13), False),
    # Thu 20 Aug + 30 d: Aug 21–31 is 11, 30 = Sat 19 Sep (rest) → Sun 20 Sep, a 调休 working day.
    ("rule-comment", D(2026, 8, 20), D(2026, 9, 20), False),
    # Mon 2 Mar + 7 wd: 3, 4, 5, 6 (4); Mon 9, 10, Wed 11 (7).
    ("normative-comment", D(2026, 3, 2), D(2026, 3, 11), False),
    # Mon 2 Nov + 30 d: Nov 3–30 is 28, 30 = Wed 2 Dec.
    ("rule-effect", D(2026, 11, 2), D(2026, 12, 2), False),
    # Mon 1 Jun + 30 d: Jun 2–30 is 29, 30 = Wed 1 Jul.
    ("rule-filing", D(2026, 6, 1), D(2026, 7, 1), False),
    # 31 Mar 2026 + 60 months = Mon 31 Mar 2031, a year not in the table: provisional.
    ("normative-validity", D(2026, 3, 31), D(2031, 3, 31), True),
    # 29 Feb 2024 + 24 months: no 29 Feb 2026 → Sat 28 Feb 2026, a 调休 working Saturday.
    ("normative-validity-provisional", D(2024, 2, 29), D(2026, 2, 28), False),
    # Fri 4 Sep + 30 d: Sep 5–30 is 26, 30 = Sun 4 Oct, inside National Day → Thu 8 Oct.
    ("normative-filing", D(2026, 9, 4), D(2026, 10, 8), False),
    # Wed 15 Apr + 30 d: Apr 16–30 is 15, 30 = Fri 15 May.
    ("filing-correction", D(2026, 4, 15), D(2026, 5, 15), False),
    # Wed 23 Sep + 10 wd: Thu 24 (1); 25–27 off; 28–30 (4); 1–7 Oct off; 8, 9 (6); Sat 10 调休 (7);
    # Mon 12, 13, Wed 14 (10).
    ("incidental-review-reply", D(2026, 9, 23), D(2026, 10, 14), False),
    # Tue 17 Mar + 30 d: Mar 18–31 is 14, 30 = Thu 16 Apr.
    ("incidental-review-handle", D(2026, 3, 17), D(2026, 4, 16), False),
    # Mon 2 Nov + 20 wd: 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), Mon 30 Nov (20).
    ("inspection-result-publicity", D(2026, 11, 2), D(2026, 11, 30), False),
    # 31 May + 3 months = Mon 31 Aug.
    ("deputy-suggestion-reply", D(2026, 5, 31), D(2026, 8, 31), False),
    # 31 Mar + 6 months: no 31 Sep → Wed 30 Sep.
    ("deputy-suggestion-reply-complex", D(2026, 3, 31), D(2026, 9, 30), False),
    # Mon 2 Mar + 3 months = Tue 2 Jun.
    ("cppcc-proposal-reply", D(2026, 3, 2), D(2026, 6, 2), False),
    # Sat 4 Apr + 6 months = Sun 4 Oct, in the National Day holiday (1–7 Oct) → Thu 8 Oct.
    ("cppcc-proposal-reply-complex", D(2026, 4, 4), D(2026, 10, 8), False),
    # Mon 28 Sep + 5 wd: 29, 30 (2); 1–7 Oct off; 8, 9 (4); Sat 10 调休 (5).
    ("proposal-reassign-request", D(2026, 9, 28), D(2026, 10, 10), False),
    # Thu 30 Apr + 1 month = Sat 30 May; Sun 31 → Mon 1 Jun.
    ("proposal-second-reply", D(2026, 4, 30), D(2026, 6, 1), False),
    # 31 Jan + 3 months: no 31 Apr → Thu 30 Apr.
    ("congress-opinion-report", D(2026, 1, 31), D(2026, 4, 30), False),
    # Mon 2 Nov + 15 wd: 3–6 (4), 9–13 (9), 16–20 (14), Mon 23 (15).
    ("intake-report-verify", D(2026, 11, 2), D(2026, 11, 23), False),
    # Mon 28 Sep + 7 wd: 29, 30 (2); 1–7 Oct off; 8, 9 (4); Sat 10 调休 (5); Mon 12 (6), Tue 13 (7).
    ("intake-complaint-accept", D(2026, 9, 28), D(2026, 10, 13), False),
    # Mon 1 Jun + 45 wd: 2–5 (4), 8–12 (9), 15–18 (13; 19–21 off), 22–26 (18), 29–30 (20); Jul 1–3 (23),
    # 6–10 (28), 13–17 (33), 20–24 (38), 27–31 (43); Mon 3 Aug (44), Tue 4 Aug (45).
    ("intake-complaint-mediate", D(2026, 6, 1), D(2026, 8, 4), False),
    # Wed 23 Sep + 15 wd: Thu 24 (1); 25–27 off; 28–30 (4); 1–7 Oct off; 8, 9 (6); Sat 10 调休 (7);
    # 12–16 (12); 19, 20, Wed 21 (15).
    ("intake-report-handle", D(2026, 9, 23), D(2026, 10, 21), False),
    # Fri 18 Sep + 3 wd: Sun 20 Sep 调休 (1); Mon 21 (2), Tue 22 (3).
    ("intake-conduct-register", D(2026, 9, 18), D(2026, 9, 22), False),
    # Mon 2 Nov + 30 d: Nov 3–30 is 28, 30 = Wed 2 Dec.
    ("intake-conduct-handle", D(2026, 11, 2), D(2026, 12, 2), False),
]


def test_every_matter_key_has_a_hand_worked_case():
    assert {case[0] for case in CASES} == set(periods.PERIODS)


@pytest.mark.django_db
@pytest.mark.parametrize(("matter", "start", "due", "provisional"), CASES, ids=[case[0] for case in CASES])
def test_due_date_matches_the_hand_computation(matter, start, due, provisional):
    result = services.due_for(matter, start)
    assert (result.due, result.provisional) == (due, provisional)


def test_the_table_says_what_the_law_says():
    required = {
        "reconsideration-apply", "reconsideration-accept", "reconsideration-complete-notice",
        "reconsideration-reply-copy", "reconsideration-reply", "reconsideration-decide",
        "reconsideration-decide-simplified", "reconsideration-opinion-reply", "litigation-defence",
        "litigation-appeal-judgment", "litigation-appeal-ruling", "procuratorial-reply",
        "procuratorial-reply-urgent", "disclosure-answer", "disclosure-extension", "disclosure-correction",
        "disclosure-third-party", "proactive-disclosure", "petition-register", "petition-object",
        "petition-handle", "petition-extension", "petition-review", "penalty-decide",
        "penalty-hearing-request", "penalty-withdraw-publicity", "seizure", "criminal-transfer-approve",
        "decision-comment", "decision-legality-review", "rule-comment", "rule-effect", "rule-filing",
        "normative-validity", "normative-validity-provisional", "deputy-suggestion-reply",
    }  # fmt: skip
    assert required <= set(periods.PERIODS)
    accept = periods.get("reconsideration-accept")
    assert (accept.length, accept.unit, accept.kind) == (5, "working_days", "deadline")
    assert accept.source == "行政复议法（2023）第三十条、第八十八条"
    assert periods.get("decision-comment").kind == "minimum"
    assert periods.get("normative-validity").length == 60 and periods.get("normative-validity").unit == "months"
    assert periods.get("deputy-suggestion-reply").length == 3
    # 政府信息公开条例 counts in working days throughout; 行政复议法 art. 88 makes its 3/5/7/10 days working days.
    for key, period in periods.PERIODS.items():
        if "政府信息公开条例" in period.source or ("第八十八条" in period.source):
            assert period.unit == "working_days", key
    with pytest.raises(InvalidInput, match="未知的期限事项"):
        periods.get("no-such-matter")


@pytest.mark.django_db
def test_a_period_ending_inside_national_day_runs_to_the_next_working_day():
    # Sun 20 Sep + 15 d = Mon 5 Oct, inside 1–7 Oct → Thu 8 Oct 2026.
    assert services.due_for("litigation-defence", D(2026, 9, 20)).due == D(2026, 10, 8)


@pytest.mark.django_db
def test_working_days_count_a_working_saturday():
    # Fri 9 Oct + 1 wd = Sat 10 Oct 2026 (调休).
    assert workdays.add_working_days(D(2026, 10, 9), 1).due == D(2026, 10, 10)


@pytest.mark.django_db
def test_crossing_into_an_unannounced_year_is_provisional():
    # Fri 25 Dec 2026 + 10 wd: 28–31 (4); Fri 1 Jan 2027 元旦 (fallback); 4–8 (9); Mon 11 (10).
    result = workdays.add_working_days(D(2026, 12, 25), 10)
    assert (result.due, result.provisional) == (D(2027, 1, 11), True)
    # A calendar-day period ending in 2026 does not look at 2027 at all.
    assert services.due_for("litigation-defence", D(2026, 12, 1)).provisional is False


@pytest.mark.django_db
def test_hours_run_from_the_moment_without_rest_days():
    start = datetime.datetime(2026, 10, 1, 15, 30)
    assert services.due_for("coercion-onsite-report", start).due == datetime.datetime(2026, 10, 2, 15, 30)


def test_month_arithmetic():
    assert workdays.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert workdays.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert workdays.add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert workdays.add_months(D(2026, 3, 15), 60) == D(2031, 3, 15)


def test_fallback_year_follows_the_2024_measures():
    # 2027: 元旦 Fri 1 Jan; 春节 除夕 Fri 5 Feb, 初一–初三 6–8 Feb (Sat and Sun made up Tue 9, Wed 10);
    # 清明 Mon 5 Apr; 劳动节 Sat 1, Sun 2 May made up Mon 3, Tue 4; 端午 Wed 9 Jun; 中秋 Wed 15 Sep;
    # 国庆 Fri 1 Oct, Sat 2, Sun 3 made up Mon 4, Tue 5.
    expected = [D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10), D(2027, 4, 5),
                D(2027, 5, 3), D(2027, 5, 4), D(2027, 6, 9), D(2027, 9, 15), D(2027, 10, 1), D(2027, 10, 4),
                D(2027, 10, 5)]  # fmt: skip
    assert sorted(workdays.statutory_holidays(2027)) == expected
    with pytest.raises(InvalidInput):
        workdays.statutory_holidays(2150)


def test_fallback_agrees_with_the_announced_years():
    """The 2024 measures' own days are off in every schedule announced under them (2025, 2026),
    and the 清明 formula hits the announced 清明 holiday in every year since it became one (2008)."""
    schedules = services.chinese_calendar_schedules()
    for year in (2025, 2026):
        off = {day for day, kind, _name in schedules[year] if kind == "holiday"}
        statutory = {day for day, name in workdays.statutory_holidays(year).items() if "补假" not in name}
        assert statutory <= off, year
    for year, days in schedules.items():
        if year < 2008:
            continue
        qingming_days = {day for day, kind, name in days if name == "清明节" and kind == "holiday"}
        assert workdays.qingming(year) in qingming_days, year


@pytest.mark.django_db
def test_the_migration_copied_every_chinese_calendar_year():
    from fazhi.clock.models import HolidayDay, HolidayYear

    assert set(HolidayYear.objects.values_list("year", flat=True)) == set(services.chinese_calendar_schedules())
    assert HolidayDay.objects.get(date=D(2026, 10, 10)).kind == "workday"
    assert HolidayDay.objects.get(date=D(2026, 10, 1)).name == "国庆节"
