"""Complaints and reports (投诉举报, seed arts. 24 and 38): the channels each body publishes, the
subject categories and routing rules that send a submission to its handling body, and the case
each submission opens there.

A case belongs to its handling body (`body`); it moves when it is transferred, and the body that
passed it on keeps only a `CaseTransfer` row, which names no one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet
from fazhi.intake.choices import CaseStatus, ChannelKind, IntakeKind, Result, Route, Satisfaction, TransferDirection

# The periods (`fazhi.clock.periods`) a category may run; the office picks per category.
ACCEPT_MATTERS = [
    ("intake-complaint-accept", _("市场监管投诉：7个工作日内决定是否受理")),
    ("intake-conduct-register", _("对机关及其工作人员的投诉：登记受理")),
]
HANDLE_MATTERS = [
    ("intake-report-verify", _("市场监管举报：15个工作日内核查并决定是否立案")),
    ("intake-complaint-mediate", _("市场监管投诉：受理后45个工作日内调解")),
    ("intake-report-handle", _("其他举报：核查处理")),
    ("intake-conduct-handle", _("对机关及其工作人员的投诉：办结答复")),
]


class Channel(models.Model):
    """One published way to reach a body with a complaint or report (seed art. 38)."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("渠道"), max_length=16, choices=ChannelKind.choices)
    value = models.CharField(_("号码、地址或邮箱"), max_length=200, blank=True)
    hours = models.CharField(_("受理时间"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("投诉举报渠道")
        verbose_name_plural = _("投诉举报渠道")
        ordering = ["body__tree_path", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.body} {self.get_kind_display()} {self.value}"


class Category(models.Model):
    """A subject the public may report or complain about, with the periods it runs and their law."""

    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=16, choices=IntakeKind.choices)
    route = models.CharField(_("受理单位的确定"), max_length=16, choices=Route.choices, default=Route.RULES)
    accept_matter = models.CharField(
        _("受理期限"),
        max_length=64,
        blank=True,
        choices=ACCEPT_MATTERS,
        help_text=_("不设受理期限的，收到即开始办理期限"),
    )
    handle_matter = models.CharField(_("办理期限"), max_length=64, choices=HANDLE_MATTERS)
    legal_source = models.CharField(_("办理依据"), max_length=300)
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("投诉举报类别")
        verbose_name_plural = _("投诉举报类别")
        ordering = ["kind", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="intake_category_unique_name")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"


class RoutingRule(models.Model):
    """Which body handles a category in an area (a county-level government, or the city's)."""

    category = models.ForeignKey(Category, verbose_name=_("类别"), on_delete=models.CASCADE, related_name="rules")
    area = models.ForeignKey("core.Body", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("core.Body", verbose_name=_("受理单位"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("受理规则")
        verbose_name_plural = _("受理规则")
        ordering = ["category", "area__tree_path"]
        constraints = [models.UniqueConstraint(fields=["category", "area"], name="intake_rule_unique_area")]

    def __str__(self) -> str:
        return f"{self.category.name} · {self.area} → {self.body}"


class ReceivingDesk(models.Model):
    """The body a government designates to receive complaints about its departments
    (市府办, or 政务服务数据管理局's 12345); without one, the government itself."""

    government = models.OneToOneField(
        "core.Body", verbose_name=_("人民政府"), on_delete=models.PROTECT, related_name="+"
    )
    receiver = models.ForeignKey(
        "core.Body", verbose_name=_("指定受理机构"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("投诉受理机构")
        verbose_name_plural = _("投诉受理机构")

    def __str__(self) -> str:
        return f"{self.government} → {self.receiver}"


class CaseQuerySet(BodyScopedQuerySet):
    pass


class Case(models.Model):
    """A complaint or report as its handling body works on it."""

    submission = models.OneToOneField(
        "core.PublicSubmission", verbose_name=_("公众提交事项"), on_delete=models.PROTECT, related_name="intake_case"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=IntakeKind.choices)
    category = models.ForeignKey(Category, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="cases")
    area = models.ForeignKey(
        "core.Body", verbose_name=_("地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    respondent = models.ForeignKey(
        "core.Body", verbose_name=_("被投诉单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("办理单位"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, db_index=True
    )
    received_on = models.DateField(_("收到日期"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    refused_on = models.DateField(_("不予受理日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    result = models.CharField(_("处理结果"), max_length=32, choices=Result.choices, blank=True)
    result_detail = models.TextField(_("处理情况"), blank=True)
    enforcement_case_number = models.CharField(_("立案案号"), max_length=60, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=16, choices=Satisfaction.choices, blank=True)
    satisfaction_comment = models.TextField(_("评价意见"), blank=True)
    satisfaction_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("投诉举报件")
        verbose_name_plural = _("投诉举报件")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["body", "received_on"], name="intake_case_body_received")]

    def __str__(self) -> str:
        return self.submission.receipt_code

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("intake:case", args=[self.pk])


class CaseNote(models.Model):
    """A note of the investigation (核查情况), kept with the case wherever it goes."""

    case = models.ForeignKey(Case, verbose_name=_("投诉举报件"), on_delete=models.CASCADE, related_name="notes")
    body = models.ForeignKey("core.Body", verbose_name=_("记录单位"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("内容"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("核查记录")
        verbose_name_plural = _("核查记录")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


class TransferQuerySet(BodyScopedQuerySet):
    body_field = "from_body"


class CaseTransfer(models.Model):
    """A case passed on (转交): down to a lower body with jurisdiction, or across to the competent
    one. The former body sees this row — what it passed on, to whom and why — not the case."""

    case = models.ForeignKey(Case, verbose_name=_("投诉举报件"), on_delete=models.CASCADE, related_name="transfers")
    from_body = models.ForeignKey("core.Body", verbose_name=_("转出单位"), on_delete=models.PROTECT, related_name="+")
    to_body = models.ForeignKey("core.Body", verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(_("转交方式"), max_length=16, choices=TransferDirection.choices)
    reason = models.TextField(_("转交理由"))
    transferred_on = models.DateField(_("转交日期"))
    # What the former body may still read: the receipt code and the masked subject.
    trace = models.CharField(_("转交摘要"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("经办人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("转交记录")
        verbose_name_plural = _("转交记录")
        ordering = ["transferred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.trace} → {self.to_body}"
