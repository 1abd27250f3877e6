"""The yearly rule-of-law report (法治政府建设年度报告, seed arts. 35 and 44).

One `YearlyReport` per body and year: the written report to the leading-group office (art. 35)
and the report to the body's government — or, for a government, to the party committee, the
standing committee of the people's congress and the government above (art. 44) — are one
document in practice, sent to all of them at once and then published. Its figures are the
obligation checks of the year (`obligations.checks.run_all`), frozen when it is submitted for the
head's approval; its words are the body's own.

Deadlines and recipients are data: `ReportSetting` per body kind (due day, publication day, which
recipients; 31 January and the seed's recipients when there is no row), `RecipientName` for the
recipients off the platform (中共江门市委员会, 广东省人民政府 …). Each send is a `ReportDelivery`
row with its date and means.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import member_body_ids, scope_body_ids
from fazhi.core.choices import BodyKind
from fazhi.reports.choices import NAMED_KINDS, SENT_STATUSES, RecipientKind, ReportStatus, SendMeans

_USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class YearlyReportQuerySet(models.QuerySet):
    """Who sees a report: the body's own members, whatever its status; once sent, those whose scope
    reaches the body (its government's heads and office, the leading-group office above it) and
    the members of a body it was sent to. Who acts on it: the body's own members with the role."""

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        members = member_body_ids(user)
        own = Q(body__in=members & scope_body_ids(user, action))
        if action != "view":
            return self.filter(own)
        delivered = Exists(ReportDelivery.objects.filter(report=OuterRef("pk"), recipient__in=members))
        sent = Q(status__in=SENT_STATUSES) & (Q(body__in=scope_body_ids(user, "view")) | delivered)
        return self.filter(own | sent)

    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)


class YearlyReport(models.Model):
    body = models.ForeignKey("core.Body", verbose_name=_("报告单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(
        _("状态"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    achievements = models.TextField(_("主要举措和成效"), blank=True)
    shortcomings = models.TextField(_("存在的不足和原因"), blank=True)
    head_duty = models.TextField(_("主要负责人履行推进法治建设第一责任人职责情况"), blank=True)
    next_year = models.TextField(_("下一年度工作安排"), blank=True)
    other_matters = models.TextField(_("其他需要报告的情况"), blank=True)
    figures = models.JSONField(_("指标落实情况"), default=dict, blank=True)
    figures_as_of = models.DateField(_("数据截至"), null=True, blank=True)
    submitted_on = models.DateField(_("提交审批日期"), null=True, blank=True)
    submitted_by = models.ForeignKey("core.User", verbose_name=_("提交人"), **_USER)
    return_reason = models.TextField(_("退回修改意见"), blank=True)
    approved_on = models.DateField(_("审批日期"), null=True, blank=True)
    approved_by = models.ForeignKey("core.User", verbose_name=_("审批人"), **_USER)
    sent_on = models.DateField(_("报送日期"), null=True, blank=True)
    sent_by = models.ForeignKey("core.User", verbose_name=_("报送人"), **_USER)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("编制人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = YearlyReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("法治政府建设年度报告")
        verbose_name_plural = _("法治政府建设年度报告")
        ordering = ["-year", "body__tree_path"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="reports_one_per_body_and_year")]
        indexes = [models.Index(fields=["year", "status"], name="reports_year_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return _("%(body)s关于%(year)d年度法治政府建设情况的报告") % {"body": self.body.name, "year": self.year}


class ReportDelivery(models.Model):
    """The report sent to one recipient: a platform body (which then sees it and is told in its
    inbox) or a name off the platform, with the day and the means."""

    report = models.ForeignKey(
        YearlyReport, verbose_name=_("报告"), on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(_("报送对象"), max_length=24, choices=RecipientKind.choices)
    recipient = models.ForeignKey(
        "core.Body", verbose_name=_("平台内单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("报送机关"), max_length=200)
    sent_on = models.DateField(_("报送日期"))
    means = models.CharField(_("报送方式"), max_length=16, choices=SendMeans.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("报送记录")
        verbose_name_plural = _("报送记录")
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"{self.report} → {self.name}"


def _is_day(month: int | None, day: int | None) -> bool:
    try:
        datetime.date(2024, month or 0, day or 0)  # a leap year: 29 February exists
    except ValueError:
        return False
    return True


class ReportSetting(models.Model):
    """By when a kind of body sends and publishes its report for the previous year, and to whom.

    Without a row a kind follows the seed (art. 44: by 31 January; governments to the party
    committee, the people's congress standing committee and the government above; departments and
    towns to their own government). Later central rules (法治政府建设与责任落实督察工作规定) set the
    first quarter: the office changes a row, not the code. The leading-group office (art. 35) is a
    recipient of every report and needs no flag."""

    body_kind = models.CharField(_("单位类型"), max_length=32, choices=BodyKind.choices, unique=True)
    due_month = models.PositiveSmallIntegerField(_("报送截止月"))
    due_day = models.PositiveSmallIntegerField(_("报送截止日"))
    publish_month = models.PositiveSmallIntegerField(_("公开截止月"))
    publish_day = models.PositiveSmallIntegerField(_("公开截止日"))
    to_party_committee = models.BooleanField(_("报送同级党委"), default=False)
    to_congress = models.BooleanField(_("报送同级人大常委会"), default=False)
    to_higher_government = models.BooleanField(_("报送上一级人民政府"), default=False)
    to_own_government = models.BooleanField(_("报送本级人民政府"), default=False)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("年度报告报送设置")
        verbose_name_plural = _("年度报告报送设置")
        ordering = ["body_kind"]

    def __str__(self) -> str:
        return f"{self.get_body_kind_display()} {self.due_month}月{self.due_day}日"

    def clean(self):
        errors = {
            field: _("月、日不是有效的日期。")
            for field, month, day in (
                ("due_day", self.due_month, self.due_day),
                ("publish_day", self.publish_month, self.publish_day),
            )
            if not _is_day(month, day)
        }
        if errors:
            raise ValidationError(errors)


class RecipientName(models.Model):
    """The name of a recipient off the platform for one body (中共江门市委员会, 广东省人民政府):
    without a row the name is made from the body's place name."""

    body = models.ForeignKey("core.Body", verbose_name=_("报告单位"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("报送对象"), max_length=24, choices=[(kind.value, kind.label) for kind in NAMED_KINDS])
    name = models.CharField(_("名称"), max_length=200)

    class Meta:
        verbose_name = _("报送机关名称")
        verbose_name_plural = _("报送机关名称")
        ordering = ["body", "kind"]
        constraints = [models.UniqueConstraint(fields=["body", "kind"], name="reports_recipient_name_unique")]

    def __str__(self) -> str:
        return self.name
