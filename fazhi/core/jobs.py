"""Scheduled jobs: a registry that `fazhi sweep` runs (from cron, or Celery beat later).

A job claims its work with a conditional update (`UPDATE … WHERE unclaimed`), so that two
sweeps running at once each do a given item once. Every run is recorded in `JobRun`.
"""

import importlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    function: Callable[[str], int]


REGISTRY: dict[str, Job] = {}


def job(name: str, label: str):
    """Register `function(runner) -> items processed` as a scheduled job."""

    def register(function):
        REGISTRY[name] = Job(name, label, function)
        return function

    return register


def autodiscover() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("fazhi."):
            try:
                importlib.import_module(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise


def new_runner_id() -> str:
    return uuid.uuid4().hex


def run(names: list[str] | None = None, runner: str | None = None) -> list:
    """Run the named jobs (all by default); returns their JobRun records."""
    from fazhi.core.models import JobRun

    runner = runner or new_runner_id()
    records = []
    for name in names or sorted(REGISTRY):
        record = JobRun.objects.create(job=name, runner=runner, started_at=timezone.now())
        try:
            record.items = REGISTRY[name].function(runner)
            record.succeeded = True
        except Exception as exc:  # a failing job must not stop the others; it is recorded
            record.message = f"{type(exc).__name__}: {exc}"
            # The message goes to the log and JobRun; the traceback only at DEBUG, so that a
            # sweep from cron reports a failure in one line (commands never print tracebacks).
            logger.error("job %s failed: %s", name, record.message)
            logger.debug("job %s failed", name, exc_info=True)
        record.finished_at = timezone.now()
        record.save(update_fields=["items", "succeeded", "message", "finished_at"])
        records.append(record)
    return records
