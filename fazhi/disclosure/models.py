"""政务公开 (seed arts. 26–29; 政府信息公开条例 2019).

- `CatalogueItem`: one entry of a body's 政府信息公开目录, with its 索引号 and the 20-working-day
  `proactive-disclosure` deadline from the day the information was made or changed (art. 26).
- `Guide`: a body's 政府信息公开指南, versioned; the latest published version is current.
- `DisclosureRequest`: an 依申请公开 request, linked one-to-one to its `PublicSubmission`, with
  the answer, correction and third-party deadlines of 条例 arts. 30–33 (`fazhi.clock`).
- `AnnualReport`: the yearly 政府信息公开工作年度报告 in the national format (条例 arts. 49–50).
- `WebsiteReport`: the publication of the yearly 政府网站工作年度报表.
- `ReportSchedule`: the month and day each report is due, by kind of body — data, not code.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet
from fazhi.core.choices import BodyKind
from fazhi.disclosure.choices import (
    AnswerType,
    ApplicantKind,
    Category,
    Channel,
    Delivery,
    Ground,
    GuideStatus,
    InfoForm,
    ItemStatus,
    KeyArea,
    ReportKind,
    ReportStatus,
    RequestStatus,
)


class ItemQuerySet(BodyScopedQuerySet):
    def published(self):
        return self.filter(status=ItemStatus.PUBLISHED)


class CatalogueItem(models.Model):
    """政府信息公开目录中的一条主动公开信息."""

    body = models.ForeignKey("core.Body", verbose_name=_("公开主体"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("类别"), max_length=32, choices=Category.choices)
    key_area = models.CharField(_("重点领域"), max_length=20, choices=KeyArea.choices, blank=True)
    index_number = models.CharField(_("索引号"), max_length=80, blank=True, db_index=True)
    index_year = models.PositiveSmallIntegerField(_("索引号年度"), null=True, blank=True)
    index_serial = models.PositiveIntegerField(_("索引号序号"), null=True, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容"), blank=True)
    link = models.URLField(_("链接"), max_length=500, blank=True)
    made_on = models.DateField(_("信息形成或变更日期"))
    published_on = models.DateField(_("公开日期"), null=True, blank=True, db_index=True)
    late = models.BooleanField(_("逾期公开"), default=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT, db_index=True
    )
    deadline = models.ForeignKey(
        "clock.Deadline", verbose_name=_("公开期限"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    withdraw_reason = models.TextField(_("撤回理由"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("主动公开信息")
        verbose_name_plural = _("政府信息公开目录")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "index_number"],
                condition=~Q(index_number=""),
                name="disclosure_index_number_per_body",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """An item is a row of the catalogue, not a page of its own."""
        return f"{reverse('disclosure:catalogue')}#item-{self.pk}"


class Guide(models.Model):
    """政府信息公开指南 (条例 art. 22), one version."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("版本"))
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100)
    address = models.CharField(_("办公地址"), max_length=300)
    phone = models.CharField(_("联系电话"), max_length=60)
    online = models.CharField(_("网上申请渠道"), max_length=300, blank=True)
    hours = models.CharField(_("办公时间"), max_length=200)
    procedure = models.TextField(_("申请程序"))
    status = models.CharField(
        _("状态"), max_length=12, choices=GuideStatus.choices, default=GuideStatus.DRAFT, db_index=True
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")
        ordering = ["body", "-version"]
        constraints = [models.UniqueConstraint(fields=["body", "version"], name="disclosure_guide_version")]

    def __str__(self) -> str:
        return f"{self.body} 第{self.version}版"

    def get_absolute_url(self) -> str:
        """A guide's versions are rows of the guides register, not pages of their own."""
        return f"{reverse('disclosure:guides')}#guide-{self.pk}"


class DisclosureRequest(models.Model):
    """依申请公开: one request, whatever way it came."""

    submission = models.OneToOneField(
        "core.PublicSubmission", verbose_name=_("提交记录"), on_delete=models.PROTECT, related_name="disclosure"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("申请方式"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    applicant_kind = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantKind.choices)
    id_number = models.CharField(_("身份证明号码"), max_length=40)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    info_form = models.CharField(_("信息形式"), max_length=12, choices=InfoForm.choices)
    delivery = models.CharField(_("获取方式"), max_length=12, choices=Delivery.choices)
    submitted_on = models.DateField(_("提交日期"))
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED, db_index=True
    )
    answer_deadline = models.ForeignKey(
        "clock.Deadline", verbose_name=_("答复期限"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    correction_deadline = models.ForeignKey(
        "clock.Deadline",
        verbose_name=_("告知补正期限"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    third_party_deadline = models.ForeignKey(
        "clock.Deadline",
        verbose_name=_("第三方意见期限"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    correction_asked_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    third_party = models.CharField(_("第三方"), max_length=200, blank=True)
    consulted_on = models.DateField(_("征求意见日期"), null=True, blank=True)
    third_party_replied_on = models.DateField(_("第三方答复日期"), null=True, blank=True)
    answer_type = models.CharField(_("办理结果"), max_length=16, choices=AnswerType.choices, blank=True)
    ground = models.CharField(_("理由"), max_length=20, choices=Ground.choices, blank=True)
    answer_text = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    late = models.BooleanField(_("逾期答复"), default=False)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return self.submission.receipt_code

    def get_absolute_url(self) -> str:
        return reverse("disclosure:request", args=[self.pk])


REVIEW_FIGURES = (
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "suit_upheld",
    "suit_corrected",
    "suit_other",
    "suit_pending",
    "suit_total",
    "after_review_upheld",
    "after_review_corrected",
    "after_review_other",
    "after_review_pending",
    "after_review_total",
)


class AnnualReport(models.Model):
    """政府信息公开工作年度报告 of a body for a year; the figures are computed, the texts written."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    review_figures = models.JSONField(_("四、行政复议、行政诉讼情况"), default=dict, blank=True)
    figures = models.JSONField(_("公布时的统计数据"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    submitted_on = models.DateField(_("提交日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "body"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="disclosure_report_per_year")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}年度政府信息公开工作年度报告"

    def get_absolute_url(self) -> str:
        return reverse("disclosure:report", args=[self.pk])


class WebsiteReport(models.Model):
    """政府网站工作年度报表: where and when it was published."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    published_on = models.DateField(_("公布日期"))
    link = models.URLField(_("链接"), max_length=500)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
        ordering = ["-year", "body"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="disclosure_website_report_per_year")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"


class ReportSchedule(models.Model):
    """By when a kind of body publishes a report for the previous year (条例 art. 49: departments
    by 31 January, the government's own by 31 March; the website report by 31 January)."""

    report = models.CharField(_("报告"), max_length=12, choices=ReportKind.choices)
    body_kind = models.CharField(_("单位类型"), max_length=32, choices=BodyKind.choices)
    month = models.PositiveSmallIntegerField(_("月"))
    day = models.PositiveSmallIntegerField(_("日"))
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("年度报告公布期限")
        verbose_name_plural = _("年度报告公布期限")
        ordering = ["report", "body_kind"]
        constraints = [models.UniqueConstraint(fields=["report", "body_kind"], name="disclosure_schedule_unique")]

    def __str__(self) -> str:
        return f"{self.get_report_display()} {self.get_body_kind_display()} {self.month}月{self.day}日"

    def clean(self):
        import datetime

        from django.core.exceptions import ValidationError

        try:
            datetime.date(2024, self.month or 0, self.day or 0)  # a leap year: 29 February exists
        except ValueError:
            raise ValidationError({"day": _("月、日不是有效的日期。")}) from None
