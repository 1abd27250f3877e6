"""The reminder sweep tells a body of its deadlines once before they fall due and once when missed."""

import datetime

import pytest
from django.test import override_settings

from fazhi.clock import services
from fazhi.core import jobs
from fazhi.core.models import Notification
from fazhi.rules import testing as rules_testing

D = datetime.date
START = D(2026, 3, 2)
pytestmark = pytest.mark.django_db


def _deadline(city, matter="normative-filing", start=START, subject=None):
    return services.open_deadline(
        subject=subject or city["market"], matter=matter, start_on=start, body=city["market"], actor=None
    )


def _inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


@override_settings(FAZHI_DEADLINE_REMINDER_DAYS=5)
def test_a_deadline_is_announced_once_when_near_and_once_when_missed(city, people):
    deadline = _deadline(city)
    due = deadline.due_on
    assert services.send_due_reminders(due - datetime.timedelta(days=6)) == 0, "too early"
    assert _inbox(people["market_clerk"]) == []

    assert services.send_due_reminders(due - datetime.timedelta(days=5)) == 1
    assert services.send_due_reminders(due - datetime.timedelta(days=4)) == 0, "already reminded"
    (title,) = _inbox(people["market_clerk"])
    assert title.startswith("即将到期：") and f"{due.year}年{due.month}月{due.day}日" in title
    assert _inbox(people["ecology_clerk"]) == [] and _inbox(people["market_head"]) == []

    assert services.send_due_reminders(due) == 0, "still within the period on its last day"
    assert services.send_due_reminders(due + datetime.timedelta(days=1)) == 1
    assert services.send_due_reminders(due + datetime.timedelta(days=9)) == 0
    titles = _inbox(people["market_clerk"])
    assert len(titles) == 2 and any(title.startswith("已逾期：") for title in titles)


def test_closed_deadlines_are_not_announced(city, people):
    deadline = _deadline(city)
    services.close_deadline(deadline, closed_on=deadline.start_on, actor=None)
    assert services.send_due_reminders(deadline.due_on + datetime.timedelta(days=1)) == 0
    assert _inbox(people["market_clerk"]) == []


def test_the_notice_links_to_the_record_and_names_the_source(city, people):
    rules_testing.configure(city["government"], city["market"])
    rule = rules_testing.draft(city["government"], people["office"])
    deadline = _deadline(city, subject=rule)
    services.send_due_reminders(deadline.due_on + datetime.timedelta(days=1))
    notice = Notification.objects.get(recipient=people["market_clerk"])
    assert notice.link == f"/office/rules/{rule.pk}/"
    assert rule.title in notice.title
    assert deadline.period.source in notice.message


def test_the_daily_sweep_runs_the_reminders(city, people, monkeypatch):
    deadline = _deadline(city)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: deadline.due_on + datetime.timedelta(days=2))
    jobs.autodiscover()
    (run,) = jobs.run(["clock.reminders"])
    assert run.succeeded and run.items == 1
    assert len(_inbox(people["market_clerk"])) == 1
