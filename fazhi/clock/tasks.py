"""The daily reminder sweep: every open statutory deadline is announced to its body before it falls due."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from fazhi.clock import services
from fazhi.core.jobs import job


@job("clock.reminders", gettext_lazy("法定期限到期提醒"))
def remind_due_deadlines(runner: str) -> int:
    return services.send_due_reminders(timezone.localdate())
