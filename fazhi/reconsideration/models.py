"""行政复议案件 (seed arts. 30–31; 行政复议法 2023).

An application comes in through the public-submission mechanism (kind `reconsideration`, receipt
prefix FY), is entered by the office (letter, in person, oral record), or is forwarded by the body
that imposed an on-the-spot or camera-based penalty (art. 32). `reconsideration_body` is the
competent government (or, for a vertically managed body, its parent department) and `office` its
行政复议机构 (the government's 司法局, as `DocumentSettings.legal_office` says), which handles the
case; `respondent` is the body whose act is challenged. The submission's body is the office.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.reconsideration.choices import (
    CaseStatus,
    Channel,
    DecisionType,
    LetterStatus,
    Procedure,
    ProceedingKind,
    SimplifiedGround,
    SuspensionReason,
    TerminationReason,
)

_DEADLINE = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class CaseQuerySet(BodyScopedQuerySet):
    body_field = "office"

    def restrict(self, user, action: str = "view"):
        """The office's and the reconsideration body's scope; for viewing also the respondent's
        (it receives the application's copy, art. 48)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        bodies = scope_body_ids(user, action)
        query = Q(office__in=bodies) | Q(reconsideration_body__in=bodies)
        if action == "view":
            query |= Q(respondent__in=bodies)
        return self.filter(query)


class Case(models.Model):
    submission = models.OneToOneField(
        "core.PublicSubmission",
        verbose_name=_("公众提交事项"),
        on_delete=models.PROTECT,
        related_name="reconsideration",
    )
    number = models.CharField(_("案号"), max_length=60, blank=True, db_index=True)
    year = models.PositiveIntegerField(_("案号年度"), null=True, blank=True)
    serial = models.PositiveIntegerField(_("案号序号"), null=True, blank=True)
    reconsideration_body = models.ForeignKey(
        "core.Body", verbose_name=_("行政复议机关"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey("core.Body", verbose_name=_("行政复议机构"), on_delete=models.PROTECT, related_name="+")
    respondent = models.ForeignKey("core.Body", verbose_name=_("被申请人"), on_delete=models.PROTECT, related_name="+")
    acting_body = models.ForeignKey(
        "core.Body",
        verbose_name=_("作出行政行为的组织"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("受委托组织作出的，被申请人为委托的行政机关（第十九条第三款）"),
    )
    channel = models.CharField(_("申请方式"), max_length=12, choices=Channel.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, db_index=True
    )
    act_date = models.DateField(_("行政行为作出日期"), null=True, blank=True)
    known_on = models.DateField(_("知道该行政行为之日"), null=True, blank=True)
    request = models.TextField(_("行政复议请求"))
    # art. 32: the penalty body records the application and forwards it
    lodged_on = models.DateField(_("被申请人收到申请日期"), null=True, blank=True)
    forwarded_on = models.DateField(_("转送日期"), null=True, blank=True)
    received_on = models.DateField(_("行政复议机关收到申请日期"), null=True, blank=True)
    # art. 31: completion
    completion_items = models.TextField(_("补正事项"), blank=True)
    completion_notified_on = models.DateField(_("补正通知日期"), null=True, blank=True)
    completion_until = models.DateField(_("补正期限至"), null=True, blank=True)
    completion_extension_reason = models.TextField(_("延长补正期限理由"), blank=True)
    completion_received_on = models.DateField(_("收到补正材料日期"), null=True, blank=True)
    completion_text = models.TextField(_("补正材料说明"), blank=True)
    withdrawn_on = models.DateField(_("视为放弃日期"), null=True, blank=True)
    # art. 30: acceptance or refusal
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    deemed_accepted = models.BooleanField(_("逾期视为受理"), default=False)
    refused_on = models.DateField(_("不予受理日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    competent_body = models.CharField(_("有管辖权的行政复议机关"), max_length=200, blank=True)
    # hearing the case
    procedure = models.CharField(_("审理程序"), max_length=12, choices=Procedure.choices, blank=True)
    simplified_ground = models.CharField(
        _("适用简易程序的情形"), max_length=16, choices=SimplifiedGround.choices, blank=True
    )
    converted_on = models.DateField(_("转为普通程序日期"), null=True, blank=True)
    conversion_reason = models.TextField(_("转为普通程序理由"), blank=True)
    copy_sent_on = models.DateField(_("发送申请书副本日期"), null=True, blank=True)
    reply_received_on = models.DateField(_("收到书面答复日期"), null=True, blank=True)
    reply_text = models.TextField(_("被申请人书面答复"), blank=True)
    evidence_list = models.TextField(_("证据、依据和其他有关材料清单"), blank=True)
    suspended_since = models.DateField(_("中止日期"), null=True, blank=True)
    suspension_reason = models.CharField(_("中止原因"), max_length=2, choices=SuspensionReason.choices, blank=True)
    suspension_note = models.TextField(_("中止说明"), blank=True)
    incidental_review = models.ForeignKey(
        "documents.IncidentalReview",
        verbose_name=_("规范性文件附带审查"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    terminated_on = models.DateField(_("终止日期"), null=True, blank=True)
    termination_reason = models.CharField(_("终止原因"), max_length=2, choices=TerminationReason.choices, blank=True)
    termination_note = models.TextField(_("终止说明"), blank=True)
    settled = models.BooleanField(_("和解后撤回"), default=False)
    # decisions (arts. 63–75) and mediation (art. 73)
    decision_type = models.CharField(_("复议决定"), max_length=24, choices=DecisionType.choices, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    decision_text = models.TextField(_("行政复议决定书"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_late = models.BooleanField(_("超期作出决定"), default=False)
    mediation_text = models.TextField(_("行政复议调解书"), blank=True)
    mediated_on = models.DateField(_("调解书生效日期"), null=True, blank=True)
    served_on = models.DateField(_("送达日期（生效）"), null=True, blank=True)
    performance_required = models.TextField(_("被申请人应当履行的事项"), blank=True)
    performance_days = models.PositiveIntegerField(_("履行期限（日）"), null=True, blank=True)
    performance_due_on = models.DateField(_("履行期限至"), null=True, blank=True)
    performance_reported_on = models.DateField(_("报告履行情况日期"), null=True, blank=True)
    performed_on = models.DateField(_("履行日期"), null=True, blank=True)
    performance_text = models.TextField(_("履行情况"), blank=True)
    performance_order = models.TextField(_("责令限期履行"), blank=True)
    performance_ordered_on = models.DateField(_("责令履行日期"), null=True, blank=True)
    # publication (art. 79)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    published_text = models.TextField(_("公开的决定书（已去除个人信息）"), blank=True)
    # major cases (seed art. 32)
    major = models.BooleanField(_("重大、复杂或社会影响较大"), default=False)
    major_reason = models.TextField(_("列为重大案件的理由"), blank=True)
    reported_to = models.CharField(_("上报备案机关"), max_length=200, blank=True)
    reported_on = models.DateField(_("上报备案日期"), null=True, blank=True)
    forward_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("转送期限"), **_DEADLINE)
    accept_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("审查受理期限"), **_DEADLINE)
    notice_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("通知补正期限"), **_DEADLINE)
    copy_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("发送副本期限"), **_DEADLINE)
    reply_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("书面答复期限"), **_DEADLINE)
    decide_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("作出决定期限"), **_DEADLINE)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["reconsideration_body", "received_on"], name="recon_body_received"),
            models.Index(fields=["respondent", "status"], name="recon_respondent_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reconsideration_body", "year", "serial"],
                condition=Q(serial__isnull=False),
                name="recon_case_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.number or self.submission.receipt_code

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reconsideration:detail", args=[self.pk])

    @property
    def body(self):
        """The handling body, for the workflow and the clock."""
        return self.office


class Proceeding(models.Model):
    """Opinions heard (art. 49), hearings (arts. 50–51), the committee's advice (art. 52), as notes."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="proceedings")
    kind = models.CharField(_("类别"), max_length=12, choices=ProceedingKind.choices)
    held_on = models.DateField(_("日期"))
    notified_on = models.DateField(_("通知日期"), null=True, blank=True)
    place = models.CharField(_("地点或方式"), max_length=200, blank=True)
    notes = models.TextField(_("记录"))
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("记录人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审理记录")
        verbose_name_plural = _("审理记录")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class LetterQuerySet(BodyScopedQuerySet):
    body_field = "recipient"

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        bodies = scope_body_ids(user, action)
        return self.filter(Q(recipient__in=bodies) | Q(case__office__in=bodies))


class OpinionLetter(models.Model):
    """行政复议意见书 (art. 76): the recipient reports its corrections within 60 days."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="letters")
    recipient = models.ForeignKey("core.Body", verbose_name=_("收文机关"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("意见书内容"))
    issued_on = models.DateField(_("制发日期"))
    status = models.CharField(_("状态"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.ISSUED)
    correction = models.TextField(_("纠正情况"), blank=True)
    reported_on = models.DateField(_("报送日期"), null=True, blank=True)
    deadline = models.ForeignKey("clock.Deadline", verbose_name=_("报送期限"), **_DEADLINE)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议意见书")
        verbose_name_plural = _("行政复议意见书")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case} {self.recipient}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reconsideration:letter", args=[self.pk])

    @property
    def body(self):
        return self.recipient


class CaseNumberFormat(models.Model):
    """One reconsideration body's case numbers, as data: 江府行复〔2026〕3号."""

    body = models.OneToOneField(
        "core.Body", verbose_name=_("行政复议机关"), on_delete=models.PROTECT, related_name="reconsideration_numbers"
    )
    case_prefix = models.CharField(_("案号字头"), max_length=30, help_text=_("如“江府行复”"))
    number_format = models.CharField(
        _("案号格式"),
        max_length=60,
        default="{prefix}〔{year}〕{serial}号",
        help_text=_("可用 {prefix}、{year}、{serial}"),
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("行政复议案号格式")
        verbose_name_plural = _("行政复议案号格式")

    def __str__(self) -> str:
        return self.case_prefix

    def clean(self):
        try:
            self.number_format.format(prefix=self.case_prefix, year=2026, serial=1)
        except (KeyError, IndexError, ValueError):
            raise ValidationError({"number_format": _("案号格式只能使用 {prefix}、{year}、{serial}。")}) from None


class Guide(models.Model):
    """行政复议指南 (seed art. 31): scope, conditions, procedure and periods, where and how to apply.
    Each edit is a new version; the portal shows the latest published one."""

    body = models.ForeignKey("core.Body", verbose_name=_("行政复议机关"), on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("版本"))
    scope = models.TextField(_("受理范围"))
    conditions = models.TextField(_("受理条件"))
    procedure = models.TextField(_("办理程序和期限"))
    where = models.TextField(_("申请地点和方式"))
    address = models.CharField(_("办公地址"), max_length=200)
    phone = models.CharField(_("联系电话"), max_length=60)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("编辑人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议指南")
        verbose_name_plural = _("行政复议指南")
        ordering = ["body", "-version"]
        constraints = [models.UniqueConstraint(fields=["body", "version"], name="recon_guide_version_unique")]

    def __str__(self) -> str:
        return f"{self.body} v{self.version}"

    def get_absolute_url(self) -> str:
        """The editor shows the body's current version, the one the checks read."""
        return f"{reverse('reconsideration:guide')}?body={self.body_id}"


class AnalysisReport(models.Model):
    """行政复议、行政应诉案件统计分析报告 (seed art. 32; 行政复议法实施条例 art. 58): a body's year,
    its figures frozen from the records when it is submitted, and its analysis in words."""

    body = models.ForeignKey("core.Body", verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    figures = models.JSONField(_("统计数据"), default=dict)
    analysis = models.TextField(_("分析"))
    submitted_on = models.DateField(_("报送日期"))
    submitted_by = models.ForeignKey(
        "core.User", verbose_name=_("报送人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("复议、应诉案件统计分析报告")
        verbose_name_plural = _("复议、应诉案件统计分析报告")
        ordering = ["-year", "body"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="recon_analysis_report_unique")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"
