from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.TextChoices):
    # Written straight after a number (`20个工作日`), so the English catalogue gives " working days".
    DAYS = "days", pgettext_lazy("after a number", "日")
    WORKING_DAYS = "working_days", pgettext_lazy("after a number", "个工作日")
    MONTHS = "months", pgettext_lazy("after a number", "个月")
    HOURS = "hours", pgettext_lazy("after a number", "小时")


class PeriodKind(models.TextChoices):
    """A deadline must not be passed; a minimum must be allowed to run in full (a comment period)."""

    DEADLINE = "deadline", _("期限")
    MINIMUM = "minimum", _("最短期间")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")
