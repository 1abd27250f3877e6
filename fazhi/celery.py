"""The Celery application for production: workers run the registered jobs, beat schedules them.

Started as `celery -A fazhi.celery worker` and `celery -A fazhi.celery beat` with
FAZHI_CELERY_BROKER_URL set (RabbitMQ). Without a broker nothing here runs: the embedded install
runs the same jobs from cron through `fazhi sweep`. Settings are Django's `CELERY_*`.
"""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

app = Celery("fazhi")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Imported by workers and beat once Django is set up (Celery's Django fix-up runs django.setup()
# first), so that the job registry is complete when the tasks are made from it.
app.conf.imports = ["fazhi.core.celery_tasks"]


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def mask_personal_data(logger, **kwargs) -> None:
    """Workers and beat log through Celery's own handlers: these mask personal data too (decision 40)."""
    from fazhi.core.log_masking import PersonalDataFilter

    for handler in logger.handlers:
        handler.addFilter(PersonalDataFilter())
