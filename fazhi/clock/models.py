"""The holiday table and the deadlines counted over it.

A `Deadline` keeps what its due date was computed from — start, pauses, extension, restarts —
rather than the due date alone, because a pause corrected, an extension approved or a holiday
schedule announced later must move the due date, and only the inputs say where to.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.clock import periods
from fazhi.clock.choices import DayKind
from fazhi.core.access import BodyScopedQuerySet


class HolidayYear(models.Model):
    """A year whose State Council schedule is in the table; any other year is provisional."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("依据"), max_length=200)
    announced = models.DateField(_("发布日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("节假日安排年度")
        verbose_name_plural = _("节假日安排年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}"


class HolidayDay(models.Model):
    """A day the schedule changes: a holiday off work, or a weekend worked (调休)."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=60, blank=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}"


class DeadlineQuerySet(BodyScopedQuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)


class Deadline(models.Model):
    """A statutory period running for one record (a case, a request, a document)."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="deadlines")
    content_type = models.ForeignKey(ContentType, verbose_name=_("记录类型"), on_delete=models.PROTECT)
    object_id = models.CharField(_("记录编号"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    matter = models.CharField(_("期限事项"), max_length=64)
    start_on = models.DateField(_("起算事件日"))
    extension_length = models.PositiveIntegerField(_("延长期间"), null=True, blank=True)
    extension_approved_by = models.CharField(_("延长批准人"), max_length=100, blank=True)
    extension_approved_on = models.DateField(_("延长批准日期"), null=True, blank=True)
    extension_reason = models.TextField(_("延长理由"), blank=True)
    due_on = models.DateField(_("届满日"), null=True, blank=True, db_index=True)
    provisional = models.BooleanField(_("暂定"), default=False)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    reminded_on = models.DateField(_("到期提醒日期"), null=True, blank=True)
    overdue_notified_on = models.DateField(_("逾期提醒日期"), null=True, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("法定期限")
        verbose_name_plural = _("法定期限")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="clock_deadline_subject"),
            models.Index(fields=["closed_on", "due_on"], name="clock_deadline_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self.period.label} {self.due_on or '—'}"

    @property
    def period(self) -> periods.Period:
        return periods.get(self.matter)

    @property
    def effective_start(self):
        """The start of the running clock: the latest restart, else the original event."""
        restarts = [restart.restarted_on for restart in self.restarts.all()]
        return max([self.start_on, *restarts])


class DeadlinePause(models.Model):
    """A stop of the clock (中止, a third party consulted): its days are not counted."""

    deadline = models.ForeignKey(Deadline, verbose_name=_("期限"), on_delete=models.CASCADE, related_name="pauses")
    paused_on = models.DateField(_("中止日期"))
    resumed_on = models.DateField(_("恢复日期"), null=True, blank=True)
    reason = models.TextField(_("理由"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("期限中止")
        verbose_name_plural = _("期限中止")
        ordering = ["paused_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resumed_on__isnull=True) | models.Q(resumed_on__gte=models.F("paused_on")),
                name="clock_pause_resumes_after_pause",
            )
        ]

    def __str__(self) -> str:
        return f"{self.paused_on}—{self.resumed_on or ''}"


class DeadlineRestart(models.Model):
    """The clock starting over (a corrected request, 政府信息公开条例 art. 30): counts from here."""

    deadline = models.ForeignKey(Deadline, verbose_name=_("期限"), on_delete=models.CASCADE, related_name="restarts")
    restarted_on = models.DateField(_("重新起算日"))
    reason = models.TextField(_("理由"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("期限重新起算")
        verbose_name_plural = _("期限重新起算")
        ordering = ["restarted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.restarted_on}"
