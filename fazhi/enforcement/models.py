"""Administrative enforcement (seed arts. 17–22, 25) under 行政处罚法 (2021) and 行政强制法.

Officers and their certificates (art. 17), discretion benchmarks (art. 18), the legal-review
catalog (art. 21), cases with their full-process record (art. 20; 行政处罚法第四十七条), publicity of
decisions (art. 19), criminal transfers (art. 22) and the yearly case-file review (art. 25).
A case belongs to the enforcement body that files it; its legal review and collective discussion
are `fazhi.procedures` records about it, its statutory periods `fazhi.clock` deadlines, its
audio-visual records `core` attachments, its every step an audit event.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet
from fazhi.enforcement.choices import (
    BenchmarkStatus,
    CaseStatus,
    CertificateStatus,
    DocumentKind,
    Harm,
    NoPenaltyGround,
    PartyKind,
    Procedure,
    ServiceMethod,
    TransferStatus,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


# --- officers (意见第十七条) ---------------------------------------------------------------------


class Officer(models.Model):
    """行政执法人员 of an enforcement body (a town with delegated powers included)."""

    body = models.ForeignKey("core.Body", verbose_name=_("所属执法主体"), on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        "core.User", verbose_name=_("平台账号"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    staff_number = models.CharField(_("工号"), max_length=30, blank=True)
    position = models.CharField(_("职务"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政执法人员")
        verbose_name_plural = _("行政执法人员")
        ordering = ["body", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officer-detail", args=[self.pk])


class CertificateQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Certificates that let their holder enforce on `day`: issued, not expired, and not yet
        suspended or revoked on that day (a later suspension does not undo what was done before)."""
        return self.filter(issued_on__lte=day, expires_on__gte=day).filter(
            Q(status=CertificateStatus.VALID) | Q(status_changed_on__gt=day)
        )


class Certificate(models.Model):
    """行政执法证: the number, the area it covers, its dates and its status."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("证件编号"), max_length=40, unique=True)
    area = models.CharField(_("执法区域和类别"), max_length=200)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    status_reason = models.TextField(_("暂扣或注销的理由"), blank=True)
    status_changed_on = models.DateField(_("暂扣或注销日期"), null=True, blank=True)
    # The expiry notice to the body (enforcement.certificates job), claimed once per certificate.
    expiry_announced_on = models.DateField(_("到期提醒日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政执法证")
        verbose_name_plural = _("行政执法证")
        ordering = ["officer", "-expires_on", "id"]

    def __str__(self) -> str:
        return self.number

    @property
    def body(self):
        """The holder's body, at whose scope the certificate is managed (the workflow's body)."""
        return self.officer.body

    def status_on(self, day: datetime.date | None = None) -> str:
        """The status as shown: 已过期 after the expiry date whatever was recorded."""
        day = day or timezone.localdate()
        if self.status != CertificateStatus.VALID and (self.status_changed_on is None or self.status_changed_on <= day):
            return self.get_status_display()
        if self.expires_on < day:
            return str(_("已过期"))
        if self.issued_on > day:
            return str(_("尚未生效"))
        return str(CertificateStatus.VALID.label)


class LegalReviewer(models.Model):
    """从事行政处罚决定法制审核的人员 (行政处罚法第五十八条第二款): one first appointed as reviewer
    must hold the legal-profession qualification, whose certificate number is recorded."""

    body = models.ForeignKey("core.Body", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey("core.User", verbose_name=_("平台账号"), on_delete=models.PROTECT, related_name="+")
    appointed_on = models.DateField(_("初次从事法制审核日期"))
    qualification_number = models.CharField(_("法律职业资格证书编号"), max_length=40, blank=True)
    active = models.BooleanField(_("在岗"), default=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("法制审核人员")
        verbose_name_plural = _("法制审核人员")
        ordering = ["body", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "user"], name="enforcement_reviewer_unique")]

    def __str__(self) -> str:
        return self.user.full_name or self.user.get_username()


# --- discretion benchmarks (意见第十八条) -------------------------------------------------------------


class BenchmarkQuerySet(BodyScopedQuerySet):
    def published(self):
        return self.filter(status=BenchmarkStatus.PUBLISHED)


class Benchmark(models.Model):
    """行政处罚裁量基准 for one violation: its bases and bands, reviewed then published."""

    body = models.ForeignKey("core.Body", verbose_name=_("制定单位"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("编码"), max_length=40)
    violation = models.CharField(_("违法行为"), max_length=300)
    violated_provision = models.TextField(_("违法依据"))
    penalty_provision = models.TextField(_("处罚依据"))
    status = models.CharField(
        _("状态"), max_length=12, choices=BenchmarkStatus.choices, default=BenchmarkStatus.DRAFT, db_index=True
    )
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "core.User", verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("替代的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BenchmarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政处罚裁量基准")
        verbose_name_plural = _("行政处罚裁量基准")
        ordering = ["body", "code", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.violation}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:benchmark-detail", args=[self.pk])


class BenchmarkBand(models.Model):
    """One band (情节) of a benchmark: the facts that put a case in it and the penalty it allows.

    A condition left empty matches any case: `amount_from`/`amount_below` bound the amount involved
    (涉案金额, lower bound included), `first_violation` and `harm` must equal the case's facts.
    `no_penalty` marks the band of 不予处罚 (首违不罚 and the like)."""

    benchmark = models.ForeignKey(Benchmark, verbose_name=_("裁量基准"), on_delete=models.CASCADE, related_name="bands")
    order = models.PositiveSmallIntegerField(_("序号"))
    label = models.CharField(_("裁量阶次"), max_length=50, help_text=_("例如：轻微、一般、较重、严重"))
    amount_from = models.DecimalField(_("涉案金额（起）"), null=True, blank=True, **MONEY)
    amount_below = models.DecimalField(_("涉案金额（止，不含）"), null=True, blank=True, **MONEY)
    first_violation = models.BooleanField(_("初次违法"), null=True, blank=True)
    harm = models.CharField(_("危害后果"), max_length=10, choices=Harm.choices, blank=True)
    no_penalty = models.BooleanField(_("不予处罚"), default=False)
    fine_min = models.DecimalField(_("罚款下限"), null=True, blank=True, **MONEY)
    fine_max = models.DecimalField(_("罚款上限"), null=True, blank=True, **MONEY)
    other_penalties = models.CharField(_("其他处罚"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("裁量阶次")
        verbose_name_plural = _("裁量阶次")
        ordering = ["benchmark", "order"]
        constraints = [models.UniqueConstraint(fields=["benchmark", "order"], name="enforcement_band_order_unique")]

    def __str__(self) -> str:
        return self.label


# --- the legal-review catalog (意见第二十一条) ------------------------------------------------------------


class ReviewCatalogEntry(models.Model):
    """One matter of a body's published 重大执法决定法制审核目录: a case whose proposed penalty is of one
    of `penalty_kinds` or whose fine reaches `fine_from` must pass legal review before decision."""

    body = models.ForeignKey("core.Body", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="+")
    matter = models.CharField(_("审核事项"), max_length=300)
    penalty_kinds = models.JSONField(_("处罚种类"), default=list, blank=True)
    fine_from = models.DecimalField(_("罚款数额（起）"), null=True, blank=True, **MONEY)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("法制审核目录事项")
        verbose_name_plural = _("法制审核目录事项")
        ordering = ["body", "id"]

    def __str__(self) -> str:
        return self.matter

    def get_absolute_url(self) -> str:
        """An entry is a row of its body's catalogue, not a page of its own."""
        return f"{reverse('enforcement:review-catalog')}?body={self.body_id}#entry-{self.pk}"


class EnforcementSettings(models.Model):
    """How one enforcement body runs its cases and publicity, as data (意见第十九条、第二十条)."""

    body = models.OneToOneField(
        "core.Body", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="enforcement_settings"
    )
    decision_period = models.CharField(
        _("作出决定的期限事项"),
        max_length=64,
        default="penalty-decide",
        help_text=_("法定期限表中的事项；法律、法规、规章另有规定的行业可配置为其他事项"),
    )
    hearing_fine_person = models.DecimalField(
        _("较大数额罚款（公民）"), help_text=_("达到该数额的罚款应当告知听证权利（第六十三条）"), **MONEY
    )
    hearing_fine_organisation = models.DecimalField(_("较大数额罚款（法人或者其他组织）"), **MONEY)
    publish_within_days = models.PositiveSmallIntegerField(_("决定公开期限（工作日）"), default=7)
    publish_for_days = models.PositiveIntegerField(_("公开期限（日）"), default=365 * 3)
    serious_fine_from = models.DecimalField(
        _("重大案件罚款数额（起）"),
        null=True,
        blank=True,
        help_text=_("达到该数额的，负责人集体讨论决定（第五十七条）"),
        **MONEY,
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法配置")
        verbose_name_plural = _("执法配置")

    def __str__(self) -> str:
        return str(self.body)


# --- cases (意见第二十条) --------------------------------------------------------------------------------


class CaseQuerySet(BodyScopedQuerySet):
    def open(self):
        return self.exclude(status__in=[CaseStatus.CLOSED, CaseStatus.TRANSFERRED])


class Case(models.Model):
    """One administrative-penalty case, from filing (or the on-the-spot decision) to closure."""

    body = models.ForeignKey("core.Body", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("案号"), max_length=60, blank=True, db_index=True)
    procedure = models.CharField(_("程序"), max_length=12, choices=Procedure.choices, default=Procedure.ORDINARY)
    status = models.CharField(_("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.FILED)
    cause = models.CharField(_("案由"), max_length=300)
    party_kind = models.CharField(_("当事人类型"), max_length=12, choices=PartyKind.choices)
    party_name = models.CharField(_("当事人"), max_length=200)
    party_code = models.CharField(
        _("统一社会信用代码或身份证件号码"), max_length=40, blank=True, help_text=_("公开时按规定隐去")
    )
    party_address = models.CharField(_("住所或地址"), max_length=300, blank=True)
    benchmark = models.ForeignKey(
        Benchmark, verbose_name=_("裁量基准"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The facts that set the band (意见第十八条).
    amount_involved = models.DecimalField(_("涉案金额"), null=True, blank=True, **MONEY)
    first_violation = models.BooleanField(_("初次违法"), null=True, blank=True)
    harm = models.CharField(_("危害后果"), max_length=10, choices=Harm.choices, blank=True)
    corrected = models.BooleanField(_("及时改正"), default=False)
    facts = models.TextField(_("违法事实"), blank=True)
    # What makes review or collective discussion necessary (行政处罚法第五十七条、第五十八条).
    major_public_interest = models.BooleanField(_("涉及重大公共利益"), default=False)
    complex_case = models.BooleanField(_("案件情况疑难复杂、涉及多个法律关系"), default=False)
    law_requires_review = models.BooleanField(_("法律、法规规定应当法制审核"), default=False)
    serious = models.BooleanField(_("情节复杂或者重大违法行为"), default=False)
    # The proposed and decided penalty.
    penalty_kinds = models.JSONField(_("处罚种类"), default=list, blank=True)
    fine = models.DecimalField(_("罚款金额"), null=True, blank=True, **MONEY)
    confiscated = models.DecimalField(_("没收金额"), null=True, blank=True, **MONEY)
    band = models.ForeignKey(
        BenchmarkBand,
        verbose_name=_("适用的裁量阶次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    out_of_band_reason = models.TextField(_("超出裁量基准的理由"), blank=True)
    no_penalty_ground = models.CharField(
        _("不予处罚的情形"), max_length=20, choices=NoPenaltyGround.choices, blank=True
    )
    # Dates of the stages.
    filed_on = models.DateField(_("立案日期"), db_index=True)
    investigated_on = models.DateField(_("调查终结日期"), null=True, blank=True)
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    hearing_requested_on = models.DateField(_("要求听证日期"), null=True, blank=True)
    hearing_held_on = models.DateField(_("听证日期"), null=True, blank=True)
    statement = models.TextField(_("陈述、申辩意见及采纳情况"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, db_index=True)
    decision_number = models.CharField(_("决定书文号"), max_length=60, blank=True)
    decision_text = models.TextField(_("决定内容"), blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=16, choices=ServiceMethod.choices, blank=True)
    executed_on = models.DateField(_("执行完毕日期"), null=True, blank=True)
    execution_note = models.TextField(_("执行情况"), blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True, db_index=True)
    returned_from = models.ForeignKey(
        "Transfer",
        verbose_name=_("司法机关移回的案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="returned_cases",
    )
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("立案人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政处罚案件")
        verbose_name_plural = _("行政处罚案件")
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["body", "status"], name="case_body_status_idx"),
            # Covering the yearly statistics (`statistics.yearly`): read from the index alone.
            models.Index(fields=["body", "filed_on", "status", "procedure"], name="case_body_filed_idx"),
            models.Index(
                fields=["body", "decided_on", "status", "penalty_kinds", "no_penalty_ground", "fine", "confiscated"],
                name="case_body_decided_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number or self.cause

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case-detail", args=[self.pk])


class CaseOfficer(models.Model):
    """An officer assigned to a case, with the certificate that entitled them on assignment."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="assignments")
    officer = models.ForeignKey(Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+")
    certificate = models.ForeignKey(Certificate, verbose_name=_("执法证"), on_delete=models.PROTECT, related_name="+")
    lead = models.BooleanField(_("主办"), default=False)
    assigned_on = models.DateField(_("指派日期"))

    class Meta:
        verbose_name = _("办案人员")
        verbose_name_plural = _("办案人员")
        ordering = ["case", "-lead", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="enforcement_case_officer_unique")]

    def __str__(self) -> str:
        return f"{self.case} {self.officer}"


class CaseDocument(models.Model):
    """An enforcement instrument generated for the case from its template (DOCX), kept with the case."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书种类"), max_length=16, choices=DocumentKind.choices)
    number = models.CharField(_("文书编号"), max_length=60, blank=True)
    attachment = models.OneToOneField(
        "core.Attachment", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("制作人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("制作时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("执法文书")
        verbose_name_plural = _("执法文书")
        ordering = ["case", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class Seizure(models.Model):
    """查封、扣押 (行政强制法第二十五条): 30 days, once extended by 30 with the head's approval."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="seizures")
    decided_on = models.DateField(_("决定日期"))
    items = models.TextField(_("查封、扣押的场所、设施或者财物"))
    released_on = models.DateField(_("解除日期"), null=True, blank=True)
    release_reason = models.TextField(_("解除或处理情况"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("查封扣押")
        verbose_name_plural = _("查封扣押")
        ordering = ["case", "decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} 查封扣押（{self.decided_on}）"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case-detail", args=[self.case_id]) + f"#seizure-{self.pk}"


class PublicationQuerySet(models.QuerySet):
    def showing(self, day: datetime.date):
        """What the portal shows on `day`: published, not withdrawn, within its publication period."""
        return self.filter(published_on__lte=day, withdrawn_on__isnull=True).filter(
            Q(show_until__isnull=True) | Q(show_until__gte=day)
        )


class Publication(models.Model):
    """行政处罚决定信息公开 (意见第十九条; 行政处罚法第四十八条): the masked text shown on the portal,
    withdrawn with a statement within 3 working days of the decision being changed or revoked."""

    case = models.OneToOneField(Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="publication")
    body = models.ForeignKey("core.Body", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField(_("公开日期"), db_index=True)
    show_until = models.DateField(_("公开截止日期"), null=True, blank=True)
    party = models.CharField(_("当事人（已隐去个人信息）"), max_length=200)
    summary = models.TextField(_("公开内容"))
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    withdrawal_statement = models.TextField(_("撤回说明"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政处罚决定公开")
        verbose_name_plural = _("行政处罚决定公开")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return str(self.case)


# --- criminal transfer (意见第二十二条) ------------------------------------------------------------------


class Transfer(models.Model):
    """涉嫌犯罪案件移送 (行政执法机关移送涉嫌犯罪案件的规定): team, approval, the police's decision, handover."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="transfers")
    body = models.ForeignKey("core.Body", verbose_name=_("移送机关"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=14, choices=TransferStatus.choices, default=TransferStatus.PROPOSED)
    suspected_offence = models.CharField(_("涉嫌罪名"), max_length=100)
    proposed_on = models.DateField(_("提出移送日期"))
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    approver = models.CharField(_("批准人"), max_length=50, blank=True)
    sent_on = models.DateField(_("移送日期"), null=True, blank=True)
    team = models.ManyToManyField(Officer, verbose_name=_("移送案件专责小组"), related_name="+")
    receiving_organ = models.CharField(_("接受移送的公安机关"), max_length=100)
    area = models.ForeignKey(
        "core.Body",
        verbose_name=_("所属行政区域"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该行政区域的检察机关、审判机关共享移送信息"),
    )
    acknowledged_on = models.DateField(_("公安机关回执日期"), null=True, blank=True)
    police_decided_on = models.DateField(_("公安机关决定日期"), null=True, blank=True)
    police_outcome = models.TextField(_("公安机关处理结果"), blank=True)
    handed_over_on = models.DateField(_("移交涉案物品和材料日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("涉嫌犯罪案件移送")
        verbose_name_plural = _("涉嫌犯罪案件移送")
        ordering = ["-proposed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case} 移送（{self.suspected_offence}）"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:transfer-detail", args=[self.pk])


# --- case-file review (意见第二十五条) -------------------------------------------------------------------


class ReviewSheet(models.Model):
    """The year's scoring sheet for 行政执法案卷评查: items with their maximum scores, as data."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    items = models.JSONField(_("评查项目"), help_text=_('[{"key", "label", "max"}]'))
    pass_mark = models.DecimalField(_("合格分数"), max_digits=6, decimal_places=2)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("案卷评查评分表")
        verbose_name_plural = _("案卷评查评分表")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年案卷评查评分表"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:review-sheet-detail", args=[self.pk])


class FileReview(models.Model):
    """One sampled closed case reviewed against the year's sheet."""

    sheet = models.ForeignKey(ReviewSheet, verbose_name=_("评分表"), on_delete=models.PROTECT, related_name="reviews")
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="file_reviews")
    body = models.ForeignKey("core.Body", verbose_name=_("被评查单位"), on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        "core.User", verbose_name=_("评查人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scores = models.JSONField(_("各项得分"), default=dict, blank=True)
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=2, null=True, blank=True)
    findings = models.TextField(_("评查意见"), blank=True)
    reviewed_on = models.DateField(_("评查日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("抽取时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("案卷评查")
        verbose_name_plural = _("案卷评查")
        ordering = ["sheet", "body", "id"]
        constraints = [models.UniqueConstraint(fields=["sheet", "case"], name="enforcement_file_review_unique")]

    def __str__(self) -> str:
        return f"{self.case} 案卷评查"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:file-review-detail", args=[self.pk])
