"""The Jiangmen demo's compliance board: the snapshot of a week ago and today's, taken after every
other app has loaded its records (`load.after_other_apps`), so the board opens on the demo's records
and its trend has two days. Both are taken by the service the daily job runs, as of their day."""

import datetime

from django.utils import timezone

from fazhi.core.jobs import new_runner_id
from fazhi.obligations import services, tasks


def load(*, bodies, users) -> None:
    week_ago = timezone.localdate() - datetime.timedelta(days=7)
    services.take_snapshot(as_of=week_ago)
    tasks.take_daily_snapshot(new_runner_id())


load.after_other_apps = True  # the snapshot reads every module's demo records
