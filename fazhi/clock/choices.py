from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    DAYS = "days", _("日")
    WORKING_DAYS = "working_days", _("个工作日")
    MONTHS = "months", _("个月")
    HOURS = "hours", _("小时")


class PeriodKind(models.TextChoices):
    """A deadline must not be passed; a minimum must be allowed to run in full (a comment period)."""

    DEADLINE = "deadline", _("期限")
    MINIMUM = "minimum", _("最短期间")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")
