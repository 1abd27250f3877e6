"""Deadlines keep their inputs and follow them: pauses, the extension, restarts, new schedules."""

import datetime

import pytest

from fazhi.clock import services
from fazhi.clock.models import Deadline
from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.core.models import AuditEvent

D = datetime.date
pytestmark = pytest.mark.django_db


def _open(city, matter, start, *, body="market"):
    # Any record can carry a deadline; the body itself stands in for a case here.
    return services.open_deadline(subject=city[body], matter=matter, start_on=start, body=city[body], actor=None)


def test_opening_computes_and_records(city):
    deadline = _open(city, "reconsideration-decide", D(2026, 3, 2))
    # Mon 2 Mar + 60 d = Fri 1 May (holiday 1–5 May) → Wed 6 May.
    assert (deadline.due_on, deadline.provisional) == (D(2026, 5, 6), False)
    assert deadline.subject == city["market"]
    assert AuditEvent.objects.filter(action="clock.deadline_opened", object_id=str(deadline.pk)).exists()


def test_a_pause_stops_the_clock_and_moves_the_due_date(city):
    deadline = _open(city, "reconsideration-decide", D(2026, 3, 2))
    services.pause_deadline(deadline, paused_on=D(2026, 3, 10), reason="行政复议中止：申请人丧失行为能力", actor=None)
    deadline.refresh_from_db()
    assert deadline.due_on is None, "while the clock is stopped there is no due date"
    services.resume_deadline(deadline, resumed_on=D(2026, 3, 20), actor=None)
    deadline.refresh_from_db()
    # 10 days stopped (10–19 Mar): Fri 1 May + 10 d = Mon 11 May, a working day.
    assert deadline.due_on == D(2026, 5, 11)
    with pytest.raises(Conflict):
        services.resume_deadline(deadline, resumed_on=D(2026, 3, 21), actor=None)
    with pytest.raises(Conflict, match="已有的中止期间"):
        services.pause_deadline(deadline, paused_on=D(2026, 3, 15), reason="重复", actor=None)
    with pytest.raises(InvalidInput):
        services.pause_deadline(deadline, paused_on=D(2026, 3, 1), reason="早于起算日", actor=None)
    with pytest.raises(InvalidInput, match="理由"):
        services.pause_deadline(deadline, paused_on=D(2026, 4, 1), reason=" ", actor=None)


def test_a_pause_in_working_days_skips_only_working_days_lost(city):
    deadline = _open(city, "disclosure-answer", D(2026, 3, 2))
    assert deadline.due_on == D(2026, 3, 30)
    # Third party consulted (art. 32–33): paused Mon 9 Mar, resumed Mon 16 Mar → 9–13 Mar (5 wd) not counted.
    services.pause_deadline(deadline, paused_on=D(2026, 3, 9), reason="征求第三方意见", actor=None)
    services.resume_deadline(deadline, resumed_on=D(2026, 3, 16), actor=None)
    deadline.refresh_from_db()
    # 3–6 Mar (4); 16–20 (9); 23–27 (14); 30, 31, 1, 2, 3 Apr (19); 4–6 off; Tue 7 Apr (20).
    assert deadline.due_on == D(2026, 4, 7)


def test_the_one_extension(city):
    deadline = _open(city, "reconsideration-decide", D(2026, 3, 2))
    with pytest.raises(InvalidInput, match="1至30日"):
        services.extend_deadline(
            deadline, length=31, approved_by="复议机构负责人", approved_on=D(2026, 4, 20), reason="案情复杂", actor=None
        )
    services.extend_deadline(
        deadline, length=30, approved_by="复议机构负责人", approved_on=D(2026, 4, 20), reason="案情复杂", actor=None
    )
    deadline.refresh_from_db()
    # 90 days: Mar 3–31 is 29, Apr 59, May 90 = Sun 31 May → Mon 1 Jun.
    assert deadline.due_on == D(2026, 6, 1)
    assert deadline.extension_approved_by == "复议机构负责人"
    with pytest.raises(Conflict, match="已经延长过一次"):
        services.extend_deadline(
            deadline, length=1, approved_by="负责人", approved_on=D(2026, 4, 21), reason="再延", actor=None
        )
    defence = _open(city, "litigation-defence", D(2026, 3, 2))
    with pytest.raises(Conflict, match="不能延长"):
        services.extend_deadline(
            defence, length=5, approved_by="负责人", approved_on=D(2026, 3, 3), reason="无", actor=None
        )


def test_disclosure_extension_in_working_days(city):
    deadline = _open(city, "disclosure-answer", D(2026, 3, 2))
    services.extend_deadline(
        deadline, length=20, approved_by="公开办主任", approved_on=D(2026, 3, 25), reason="信息量大", actor=None
    )
    deadline.refresh_from_db()
    # 20 wd = Mon 30 Mar; 20 more: 31, 1, 2, 3 (4); 4–6 Apr off; 7–10 (8); 13–17 (13); 20–24 (18); 27, Tue 28 (20).
    assert deadline.due_on == D(2026, 4, 28)


def test_a_restart_counts_from_the_corrected_request(city):
    deadline = _open(city, "disclosure-answer", D(2026, 3, 2))
    services.pause_deadline(deadline, paused_on=D(2026, 3, 5), reason="征求第三方意见", actor=None)
    services.resume_deadline(deadline, resumed_on=D(2026, 3, 12), actor=None)
    services.restart_deadline(deadline, restarted_on=D(2026, 3, 30), reason="申请人提交补正后的申请", actor=None)
    deadline.refresh_from_db()
    # The earlier pause no longer counts: Mon 30 Mar + 20 wd = Tue 28 Apr (see the extension case).
    assert deadline.due_on == D(2026, 4, 28)
    with pytest.raises(InvalidInput):
        services.restart_deadline(deadline, restarted_on=D(2026, 3, 20), reason="早于上次起算", actor=None)


def test_entering_a_new_years_schedule_recomputes_open_deadlines_reaching_into_it(city):
    reaching = _open(city, "disclosure-correction", D(2026, 12, 28))
    assert (reaching.due_on, reaching.provisional) == (D(2027, 1, 7), True)
    closed = _open(city, "disclosure-correction", D(2026, 12, 28))
    services.close_deadline(closed, closed_on=D(2026, 12, 30), actor=None)
    earlier = _open(city, "disclosure-answer", D(2026, 3, 2))
    earlier_computed = earlier.computed_at

    # A schedule for 2027 (made up for the test): off 1–4 Jan, Sat 9 Jan worked.
    days = [(D(2027, 1, d), "holiday", "元旦") for d in (1, 2, 3, 4)] + [(D(2027, 1, 9), "workday", "元旦")]
    moved = services.enter_year_schedule(2027, days, source="国办发明电〔2026〕1号（测试）", actor=None)

    assert moved == 1
    reaching.refresh_from_db()
    # 29, 30, 31 Dec (3); 1–4 Jan off; Tue 5–Fri 8 (7).
    assert (reaching.due_on, reaching.provisional) == (D(2027, 1, 8), False)
    closed.refresh_from_db()
    assert (closed.due_on, closed.provisional) == (D(2027, 1, 7), True), "a closed deadline is history"
    earlier.refresh_from_db()
    assert earlier.computed_at == earlier_computed, "a deadline not reaching into 2027 is left alone"
    assert AuditEvent.objects.filter(action="clock.deadline_recomputed", object_id=str(reaching.pk)).exists()
    assert AuditEvent.objects.filter(action="clock.holiday_schedule_entered").exists()


def test_a_bad_schedule_is_refused(city, people):
    with pytest.raises(InvalidInput, match="本是工作日"):
        services.enter_year_schedule(2027, [(D(2027, 1, 5), "workday", "")], source="测试", actor=None)
    with pytest.raises(InvalidInput, match="不属于"):
        services.enter_year_schedule(2027, [(D(2028, 1, 1), "holiday", "")], source="测试", actor=None)
    with pytest.raises(InvalidInput, match="依据"):
        services.enter_year_schedule(2027, [], source="", actor=None)
    with pytest.raises(Forbidden):
        services.enter_year_schedule(2027, [], source="测试", actor=people["office"])


def test_import_adds_nothing_when_every_year_is_present(db):
    assert services.import_chinese_calendar(actor=None) == ([], 0)


def test_restrict_and_permissions(city, people):
    market = _open(city, "penalty-decide", D(2026, 1, 5), body="market")
    ecology = _open(city, "penalty-decide", D(2026, 1, 5), body="ecology")
    assert list(Deadline.objects.restrict(people["market_clerk"], "view")) == [market]
    assert set(Deadline.objects.restrict(people["office"], "change")) == {market, ecology}
    assert not Deadline.objects.restrict(people["outsider"], "view").exists()
    with pytest.raises(Forbidden):
        services.pause_deadline(market, paused_on=D(2026, 2, 1), reason="调查", actor=people["ecology_clerk"])
    services.pause_deadline(market, paused_on=D(2026, 2, 1), reason="调查", actor=people["market_clerk"])
    services.close_deadline(ecology, closed_on=D(2026, 3, 1), actor=people["ecology_clerk"])
    with pytest.raises(Conflict, match="已办结"):
        services.pause_deadline(ecology, paused_on=D(2026, 3, 2), reason="调查", actor=people["ecology_clerk"])
