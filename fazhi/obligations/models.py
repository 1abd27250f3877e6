"""The compliance board's daily snapshots: what every check said of every body on a day.

The board and the year-end evaluation must agree on what was known when (issue 10). A scheduled
job (`tasks.py`) runs every check once over every body each day and keeps the answer:

- a `Snapshot` is one day of one year — the checks of `year` run as of `as_of` — claimed by the
  job that takes it (unique on the two, so two sweeps at once store it once);
- a `Standing` is a body's row on that day: one letter per article (`statuses`, 56 of them) and,
  per article, the digest of its finding — a few hundred bytes, so that the board of 1,000 bodies
  reads 1,000 short rows and a year of trend reads strings, not documents;
- a `Finding` is one article's full result for one body — status, rate, summary, the failing
  records and the evidence — stored once and shared by every day it stays the same (content
  addressed by body, article and digest). Most results do not change from one day to the next,
  so a year of days costs a year of short rows plus the changes, not 365 copies of the evidence.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet
from fazhi.obligations.choices import CODE_STATUSES, CheckStatus


class SnapshotQuerySet(models.QuerySet):
    def complete(self):
        """Snapshots whose standings are all written (a claimed one is still being taken)."""
        return self.filter(finished_at__isnull=False)


class Snapshot(models.Model):
    """The checks of a year as they stood on one day, for every body that existed in the year."""

    year = models.PositiveSmallIntegerField(_("考评年度"))
    as_of = models.DateField(_("数据日期"), help_text=_("检查以该日掌握的记录为准"))
    runner = models.CharField(_("执行者"), max_length=64)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    body_count = models.PositiveIntegerField(_("单位数"), default=0)
    articles = models.JSONField(_("自动检查的条款"), default=list, blank=True)
    new_findings = models.PositiveIntegerField(_("新检查结论数"), default=0)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("合规快照")
        verbose_name_plural = _("合规快照")
        ordering = ["-as_of", "year"]
        constraints = [models.UniqueConstraint(fields=["year", "as_of"], name="obligations_snapshot_once_a_day")]

    def __str__(self) -> str:
        return f"{self.year} · {self.as_of.isoformat()}"


class Standing(models.Model):
    """A body's row of the board on one day."""

    snapshot = models.ForeignKey(
        Snapshot, verbose_name=_("合规快照"), on_delete=models.CASCADE, related_name="standings"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    statuses = models.CharField(
        _("各条状态"), max_length=56, help_text=_("每条一个字母：m 已落实、n 未落实、d 未到期、a 不适用、h 人工评分")
    )
    findings = models.JSONField(_("各条检查结论摘要值"), default=list, blank=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位合规状况")
        verbose_name_plural = _("单位合规状况")
        ordering = ["snapshot_id", "body_id"]
        constraints = [models.UniqueConstraint(fields=["snapshot", "body"], name="obligations_standing_once")]

    def __str__(self) -> str:
        return f"{self.body_id} · {self.snapshot_id}"

    def status(self, article: int) -> str:
        return CODE_STATUSES[self.statuses[article - 1]]

    def digest(self, article: int) -> str:
        return self.findings[article - 1] if len(self.findings) >= article else ""


class Finding(models.Model):
    """One article's check result for one body, kept once for all the days it stays the same."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    article = models.PositiveSmallIntegerField(_("条款"))
    digest = models.CharField(_("摘要值"), max_length=16)
    status = models.CharField(_("状态"), max_length=16, choices=CheckStatus.choices)
    numerator = models.IntegerField(_("分子"), null=True, blank=True)
    denominator = models.IntegerField(_("分母"), null=True, blank=True)
    summary = models.TextField(_("说明"), blank=True)
    failing = models.JSONField(_("未落实的记录"), default=list, blank=True)
    evidence = models.JSONField(_("依据记录"), default=list, blank=True)
    failing_total = models.PositiveIntegerField(_("未落实记录总数"), default=0)
    evidence_total = models.PositiveIntegerField(_("依据记录总数"), default=0)
    first_seen = models.DateField(_("首次检出日期"))

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查结论")
        verbose_name_plural = _("检查结论")
        ordering = ["body_id", "article", "first_seen"]
        constraints = [
            models.UniqueConstraint(fields=["body", "article", "digest"], name="obligations_finding_content")
        ]

    def __str__(self) -> str:
        return f"{self.body_id} · {self.article} · {self.get_status_display()}"

    @property
    def rate(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator
