"""The daily compliance snapshot: every check over every body, kept for the board (run by `fazhi sweep`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from fazhi.core.jobs import job
from fazhi.obligations import services

SNAPSHOT_JOB = "obligations.snapshot"


@job(SNAPSHOT_JOB, gettext_lazy("依法行政合规快照"))
def take_daily_snapshot(runner: str) -> int:
    """Today's snapshot of this year (and of last year until its duties close), at most once a day:
    a sweep that finds the day taken, or being taken, does nothing. Returns the bodies snapshotted."""
    today = timezone.localdate()
    taken = 0
    for year in services.years_due(today):
        snapshot = services.take_snapshot(as_of=today, year=year, runner=runner)
        if snapshot is not None:
            taken += snapshot.body_count
    return taken
