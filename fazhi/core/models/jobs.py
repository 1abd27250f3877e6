from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """What one run of a scheduled job did, so that the office can see the sweeps work."""

    job = models.CharField(_("任务"), max_length=100, db_index=True)
    runner = models.CharField(_("执行者"), max_length=64)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    items = models.PositiveIntegerField(_("处理条数"), default=0)
    succeeded = models.BooleanField(_("成功"), default=False)
    message = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("定时任务记录")
        verbose_name_plural = _("定时任务记录")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.job} @ {self.started_at:%Y-%m-%d %H:%M}"
