"""Celery workers on RabbitMQ run the registered jobs: every job has its task and its place in
beat's schedule; two workers fed by beat send each e-mail once; a worker killed in the middle of
a task leaves it to another, which finishes it without repeating what was done."""

import importlib
import os
import re
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from kombu import Connection

from fazhi.core import jobs
from fazhi.core.models import JobRun, Notification
from fazhi.core.services.notifications import notify
from fazhi.core.tasks import EMAIL_JOB
from fazhi.core.testing import make_user
from fazhi.core.testing.processes import process_env
from fazhi.core.testing.services import BROKER_URL, launched, require, start, wait_until

SITE = "https://fazhi.example.gov.cn"
# One task at a time in the worker's own process; the start-up handshakes are left out.
WORKER = ["celery", "-A", "fazhi.celery", "worker", "--pool=solo", "--loglevel=INFO"]
WORKER += ["--without-mingle", "--without-gossip", "--without-heartbeat"]


class SlowFileBackend(BaseEmailBackend):
    """Each message to a file of its own after a pause, like a slow mail server: a worker killed
    during the pause has not sent that message. Used by the workers these tests start."""

    def send_messages(self, messages):
        outbox = Path(settings.EMAIL_FILE_PATH)
        outbox.mkdir(parents=True, exist_ok=True)
        for message in messages:
            time.sleep(float(os.environ.get("FAZHI_TEST_MAIL_DELAY", "0")))
            (outbox / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(messages)


@pytest.fixture
def celery_tasks(settings):
    settings.FAZHI_CELERY_BROKER_URL = BROKER_URL
    return importlib.import_module("fazhi.core.celery_tasks")


def test_every_registered_job_is_a_task_scheduled_by_beat(celery_tasks, settings):
    assert set(celery_tasks.TASKS) == set(jobs.REGISTRY)
    for name in jobs.REGISTRY:
        assert f"fazhi.jobs.{name}" in celery_tasks.app.tasks
        entry = celery_tasks.app.conf.beat_schedule[f"fazhi.jobs.{name}"]
        assert (entry["task"], entry["schedule"]) == (f"fazhi.jobs.{name}", settings.FAZHI_CELERY_BEAT_SECONDS)


def test_a_redelivered_task_closes_the_run_its_dead_worker_left(db, celery_tasks):
    dead = JobRun.objects.create(job="audit.chain", runner="task-1.0badf00d", started_at=timezone.now())
    elsewhere = JobRun.objects.create(job="audit.chain", runner="task-2.0badf00d", started_at=timezone.now())

    result = celery_tasks.run_job("audit.chain", "task-1")

    assert result == {"job": "audit.chain", "succeeded": True, "items": 0, "message": ""}
    dead.refresh_from_db()
    assert dead.finished_at is not None and not dead.succeeded
    assert dead.message == "执行该任务的工作进程中断，任务已重新投递。"
    elsewhere.refresh_from_db()
    assert elsewhere.finished_at is None, "another task's run is not touched"
    new = JobRun.objects.exclude(pk__in=[dead.pk, elsewhere.pk]).get()
    assert new.runner.startswith("task-1.") and new.runner != dead.runner and new.succeeded


def test_a_worker_without_a_broker_refuses_to_start():
    completed = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "fazhi.celery", "worker", "--pool=solo"],
        env=process_env({"FAZHI_CELERY_BROKER_URL": ""}),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode != 0
    assert "未设置 FAZHI_CELERY_BROKER_URL" in completed.stderr


# --- on RabbitMQ and PostgreSQL ---------------------------------------------------------------


@pytest.fixture
def queue():
    """A queue of this test's own, so that runs sharing a broker never take each other's tasks."""
    require(broker=True)
    name = f"fazhi-test-{uuid.uuid4().hex[:12]}"
    yield name
    with Connection(BROKER_URL, connect_timeout=5) as broker:
        broker.default_channel.queue_delete(name)
        broker.default_channel.exchange_delete(name)


def _env(queue: str, outbox: Path, delay: float) -> dict[str, str]:
    return {
        "FAZHI_CELERY_BROKER_URL": BROKER_URL,
        "FAZHI_CELERY_QUEUE": queue,
        "FAZHI_EMAIL_BACKEND": f"{__name__}.SlowFileBackend",
        "FAZHI_EMAIL_FILE_PATH": str(outbox),
        "FAZHI_TEST_MAIL_DELAY": str(delay),
        "FAZHI_SITE_URL": SITE,
    }


def _workers(count: int, queue: str, env: dict[str, str], log_dir: Path, into: list):
    """`count` workers (one task at a time each, as with --concurrency=1) on `queue`, ready."""
    workers = [
        start(f"worker{number}", [*WORKER, f"--hostname={queue}-{number}@%h"], env=env, log_dir=log_dir, into=into)
        for number in range(count)
    ]
    for worker in workers:
        wait_until(lambda w=worker: " ready." in w.output(), timeout=45, what=f"{worker.name} ready", processes=workers)
    return workers


def _notifications(count: int) -> None:
    users = [make_user(email=f"user{number}@example.com") for number in range(4)]
    for number in range(count):
        notify([users[number % len(users)]], f"待办事项{number}", link=f"/office/items/{number}/")


def _sent(outbox: Path) -> Counter:
    """How many times each notification's e-mail went out, by its number."""
    text = "".join(path.read_text(encoding="utf-8") for path in outbox.glob("*.eml"))
    return Counter(re.findall(re.escape(SITE) + r"/office/items/(\d+)/", text))


def _succeeded(worker, task: str) -> bool:
    return re.search(rf"Task fazhi\.jobs\.{re.escape(task)}\[[^\]]+\] succeeded", worker.output()) is not None


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_beat_and_two_workers_send_each_notification_email_exactly_once(tmp_path, queue):
    notifications = 40
    _notifications(notifications)
    outbox = tmp_path / "mail"
    env = {**_env(queue, outbox, delay=0.05), "FAZHI_CELERY_BEAT_SECONDS": "1"}

    with launched() as processes:
        workers = _workers(2, queue, env, tmp_path, into=processes)
        beat = ["celery", "-A", "fazhi.celery", "beat", "--loglevel=INFO", "-s", str(tmp_path / "beat-schedule")]
        start("beat", beat, env=env, log_dir=tmp_path, into=processes)

        def done() -> bool:
            return (
                not Notification.objects.filter(email_due=True).exists()
                and all(_succeeded(worker, EMAIL_JOB) for worker in workers)
                # Every other registered job comes from beat's schedule to the workers too.
                and set(JobRun.objects.values_list("job", flat=True)) == set(jobs.REGISTRY)
            )

        wait_until(done, timeout=60, what="every e-mail sent, by both workers, and every job run", processes=processes)

    assert _sent(outbox) == {str(number): 1 for number in range(notifications)}, "each e-mail exactly once"
    runs = JobRun.objects.filter(job=EMAIL_JOB, finished_at__isnull=False)
    assert all(run.succeeded for run in runs)
    assert sum(run.items for run in runs) == notifications


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_is_killed_is_redelivered_and_finished_without_repeats(tmp_path, queue):
    notifications = 10
    _notifications(notifications)
    outbox = tmp_path / "mail"
    with launched() as processes:
        workers = _workers(2, queue, _env(queue, outbox, delay=0.5), tmp_path, into=processes)
        with Celery("fazhi-test", broker=BROKER_URL) as sender:
            task = sender.send_task(f"fazhi.jobs.{EMAIL_JOB}", queue=queue).id
        # Three e-mails sent and marked; the fourth is in its pause, not sent: kill its worker now.
        wait_until(
            lambda: Notification.objects.filter(emailed_at__isnull=False).count() >= 3,
            timeout=45,
            what="the first e-mails",
            processes=workers,
        )
        (victim,) = [worker for worker in workers if f"Task fazhi.jobs.{EMAIL_JOB}[" in worker.output()]
        victim.kill()
        sent_before = _sent(outbox)
        (survivor,) = [worker for worker in workers if worker is not victim]
        wait_until(
            lambda: _succeeded(survivor, EMAIL_JOB), timeout=45, what="the redelivered task", processes=[survivor]
        )

    assert 3 <= sum(sent_before.values()) < notifications
    assert _sent(outbox) == {str(number): 1 for number in range(notifications)}, "each e-mail exactly once"
    dead, redelivered = JobRun.objects.filter(runner__startswith=f"{task}.").order_by("started_at")
    assert (dead.succeeded, dead.message) == (False, "执行该任务的工作进程中断，任务已重新投递。")
    assert redelivered.succeeded
    assert redelivered.items == notifications - sum(sent_before.values())
    assert not Notification.objects.filter(email_due=True).exists()
