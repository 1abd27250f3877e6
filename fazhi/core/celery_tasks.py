"""One Celery task per registered job (`core.jobs.REGISTRY`), and beat's schedule for them all.

A task runs the very code `fazhi sweep` runs (`jobs.run([name])`), so the embedded install and a
production one with workers do the same thing, and two workers running a job at once each do a
given item once (the jobs claim their rows with conditional updates).

Workers acknowledge a message only after its task ends (`task_acks_late`): a worker killed in
the middle leaves the message to be delivered again. The run it left unfinished is then closed
here, so that the job's stale-claim release hands its claimed rows to the new run at once
instead of an hour later.
"""

import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.celery import app
from fazhi.core import jobs
from fazhi.core.models import JobRun
from fazhi.env import ConfigurationError

TASK_PREFIX = "fazhi.jobs."

if not settings.FAZHI_CELERY_BROKER_URL:
    # Imported only by workers and beat: without a broker they would talk to amqp://localhost.
    raise ConfigurationError(_("未设置 FAZHI_CELERY_BROKER_URL：没有消息队列时请由 cron 运行 fazhi sweep。"))


def run_job(name: str, task_id: str) -> dict:
    """Run job `name` for the delivery of task `task_id`; returns what the run recorded."""
    JobRun.objects.filter(job=name, runner__startswith=f"{task_id}.", finished_at__isnull=True).update(
        finished_at=timezone.now(),
        succeeded=False,
        message=_("执行该任务的工作进程中断，任务已重新投递。"),
    )
    (record,) = jobs.run([name], runner=f"{task_id}.{uuid.uuid4().hex[:8]}")
    return {"job": name, "succeeded": record.succeeded, "items": record.items, "message": record.message}


def _make_task(name: str):
    def task(self) -> dict:
        return run_job(name, self.request.id)

    task.__name__ = task.__qualname__ = "job_" + name.replace(".", "_")
    task.__doc__ = str(jobs.REGISTRY[name].label)
    return app.task(name=TASK_PREFIX + name, bind=True)(task)


TASKS = {name: _make_task(name) for name in sorted(jobs.REGISTRY)}

app.conf.beat_schedule = {
    TASK_PREFIX + name: {
        "task": TASK_PREFIX + name,
        "schedule": settings.FAZHI_CELERY_BEAT_SECONDS,
        # A run that waited longer than its interval is superseded by the next one.
        "options": {"expires": settings.FAZHI_CELERY_BEAT_SECONDS},
    }
    for name in TASKS
}
