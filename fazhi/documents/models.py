"""Normative documents (行政规范性文件, seed arts. 7–9, 28, 39) and the records around them.

A document belongs to its drafting body and to the same-level government (`government`), whose
`DocumentSettings` say who registers, reviews, numbers and publishes. Its status changes only
through `services` (the table is in `workflow`); what the public registry shows on a given day
is derived from the dates (`public_status`), so a document is 失效 the day after it expires
whether or not the sweep has run yet.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.documents.choices import DocumentKind, DocumentStatus, EvaluationDecision, PublicStatus

PUBLISHED_STATUSES = (
    DocumentStatus.IN_FORCE,
    DocumentStatus.EXPIRED,
    DocumentStatus.AMENDED,
    DocumentStatus.REPEALED,
)


class SettingsQuerySet(BodyScopedQuerySet):
    body_field = "government"


class DocumentSettings(models.Model):
    """How one government runs the three unifications (意见第八条), as data rather than code.

    `legal_office` is the same-level government's legal office (today the 司法局) that registers
    and reviews every draft of the government and its departments; with `two_stage_review` a
    department's own legal office reviews first. The two registration-number formats are kept
    apart from the documents' own 发文字号: 市府办 numbers government documents, the legal office
    departmental ones.
    """

    government = models.OneToOneField(
        "core.Body", verbose_name=_("人民政府"), on_delete=models.PROTECT, related_name="document_settings"
    )
    legal_office = models.ForeignKey(
        "core.Body", verbose_name=_("统一登记的法制机构"), on_delete=models.PROTECT, related_name="+"
    )
    two_stage_review = models.BooleanField(
        _("两级审查"), default=True, help_text=_("部门规范性文件先由本部门法制机构审查，再由同级政府法制机构审查")
    )
    government_number_format = models.ForeignKey(
        "numbering.NumberFormat",
        verbose_name=_("政府规范性文件登记号格式"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("由政府办公室统一编号"),
    )
    department_number_format = models.ForeignKey(
        "numbering.NumberFormat",
        verbose_name=_("部门规范性文件登记号格式"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("由法制机构统一编号"),
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = SettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("规范性文件管理配置")
        verbose_name_plural = _("规范性文件管理配置")
        ordering = ["government"]

    def __str__(self) -> str:
        return str(self.government)


class DocumentQuerySet(BodyScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The drafting body's scope; to see a document also the legal office it is registered with
        and the government office that numbers and publishes it."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        return self.filter(
            Q(body__in=scope_body_ids(user, "view"))
            | Q(registration__registering_body__in=scope_body_ids(user, "review"))
            | Q(registration__registering_body__in=scope_body_ids(user, "number"))
            | Q(government__in=scope_body_ids(user, "publish"))
        )

    def published(self):
        """What the public registry lists: every document ever published, whatever it is now."""
        return self.filter(status__in=PUBLISHED_STATUSES, published_on__isnull=False)


class NormativeDocument(models.Model):
    """行政规范性文件: a draft until published by the government office, then in force until it
    expires, is amended or is repealed."""

    kind = models.CharField(_("文件类别"), max_length=20, choices=DocumentKind.choices)
    body = models.ForeignKey(
        "core.Body", verbose_name=_("起草单位"), on_delete=models.PROTECT, related_name="normative_documents"
    )
    government = models.ForeignKey(
        "core.Body",
        verbose_name=_("同级人民政府"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("其法制机构统一登记、政府办公室统一发布"),
    )
    title = models.CharField(_("标题"), max_length=200)
    doc_number = models.CharField(_("发文字号"), max_length=60, blank=True, help_text=_("如 江府规〔2026〕3号"))
    registration_number = models.CharField(
        _("登记号"), max_length=60, blank=True, help_text=_("统一编号所给的登记号，与发文字号分开")
    )
    registration_issued = models.OneToOneField(
        "numbering.IssuedNumber",
        verbose_name=_("登记号记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=24, choices=DocumentStatus.choices, default=DocumentStatus.DRAFTING, db_index=True
    )
    text = models.TextField(_("正文"), blank=True)
    drafting_note = models.TextField(_("起草说明"), blank=True)
    is_policy_document = models.BooleanField(
        _("政策性文件"), default=False, help_text=_("须与解读材料同步发布（意见第二十八条）")
    )
    interpretation = models.TextField(_("解读材料"), blank=True)
    touches_market = models.BooleanField(
        _("涉及市场主体经济活动"), default=False, help_text=_("须经公平竞争审查（意见第三十九条）")
    )
    is_provisional = models.BooleanField(_("暂行或试行"), default=False, help_text=_("有效期不超过2年"))
    long_term = models.BooleanField(_("长期执行"), default=False)
    long_term_reason = models.TextField(_("长期执行的理由"), blank=True)
    occurred_on = models.DateField(_("成文日期"), null=True, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    expires_on = models.DateField(_("有效期至"), null=True, blank=True, db_index=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        "core.User", verbose_name=_("发布人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amended_on = models.DateField(_("修改日期"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    end_reason = models.TextField(_("修改或废止的理由"), blank=True)
    amended_by = models.ForeignKey(
        "self",
        verbose_name=_("修改文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amends",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("所替代的文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    is_legacy = models.BooleanField(_("历史文件"), default=False, help_text=_("平台启用前发布、由导入登记"))
    source_sha256 = models.CharField(
        _("导入文件摘要"), max_length=64, blank=True, help_text=_("导入来源文件的 SHA-256，同一文件重复导入不重复登记")
    )
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政规范性文件")
        verbose_name_plural = _("行政规范性文件")
        ordering = ["-published_on", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_number"], condition=~Q(doc_number=""), name="documents_doc_number_unique"
            ),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="documents_registration_number_unique",
            ),
            models.UniqueConstraint(
                fields=["body", "source_sha256"],
                condition=~Q(source_sha256=""),
                name="documents_source_unique",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expires_on__gte=models.F("effective_on")),
                name="documents_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:office-detail", args=[self.pk])

    @cached_property
    def settings(self) -> "DocumentSettings | None":
        return DocumentSettings.objects.filter(government_id=self.government_id).select_related("legal_office").first()

    @property
    def registration_format(self):
        """The registration-number format: 市府办's for government documents, the legal office's otherwise."""
        if self.settings is None:
            return None
        if self.kind == DocumentKind.GOVERNMENT:
            return self.settings.government_number_format
        return self.settings.department_number_format

    @property
    def numbering_body(self):
        """Where unified numbering is done: the body owning the registration format (意见第八条)."""
        number_format = self.registration_format
        if number_format is not None:
            return number_format.body
        if self.kind == DocumentKind.GOVERNMENT or self.settings is None:
            return self.government
        return self.settings.legal_office

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES and self.published_on is not None

    def public_status(self, today: datetime.date | None = None) -> str | None:
        """What the registry shows on `today`: 失效 from the day after `expires_on`, without anyone acting."""
        if not self.is_published:
            return None
        today = today or timezone.localdate()
        if self.status == DocumentStatus.REPEALED:
            return PublicStatus.REPEALED
        if self.status == DocumentStatus.AMENDED:
            return PublicStatus.AMENDED
        if self.status == DocumentStatus.EXPIRED or (self.expires_on is not None and today > self.expires_on):
            return PublicStatus.EXPIRED
        if self.effective_on is not None and today < self.effective_on:
            return PublicStatus.NOT_YET_EFFECTIVE
        return PublicStatus.VALID

    def public_status_label(self, today: datetime.date | None = None) -> str:
        value = self.public_status(today)
        return str(PublicStatus(value).label) if value else ""


class Registration(models.Model):
    """统一登记: the draft entered in the register of the same-level government's legal office when
    it is submitted for legality review (意见第八条)."""

    document = models.OneToOneField(
        NormativeDocument, verbose_name=_("规范性文件"), on_delete=models.PROTECT, related_name="registration"
    )
    registering_body = models.ForeignKey(
        "core.Body", verbose_name=_("登记机构"), on_delete=models.PROTECT, related_name="+"
    )
    registered_on = models.DateField(_("登记日期"))
    registered_by = models.ForeignKey(
        "core.User", verbose_name=_("报送人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("统一登记")
        verbose_name_plural = _("统一登记")
        ordering = ["-registered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.document}（{self.registering_body}登记）"


class InterpretationFile(models.Model):
    """A file of the document's interpretation material (解读材料, 意见第二十八条) — a 图解 or a
    PDF — kept apart from any other file on the document, because the portal publishes exactly
    these with it."""

    document = models.ForeignKey(
        NormativeDocument, verbose_name=_("规范性文件"), on_delete=models.PROTECT, related_name="interpretation_files"
    )
    attachment = models.OneToOneField(
        "core.Attachment", verbose_name=_("附件"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("解读材料文件")
        verbose_name_plural = _("解读材料文件")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.attachment)


class EvaluationQuerySet(BodyScopedQuerySet):
    def open(self):
        return self.filter(decision="")


class ValidityEvaluation(models.Model):
    """有效期届满前的评估 (意见第九条): opened from six months before expiry; decides whether the
    document continues (with a new validity), is amended or is repealed."""

    document = models.ForeignKey(
        NormativeDocument, verbose_name=_("规范性文件"), on_delete=models.PROTECT, related_name="evaluations"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("评估单位"), on_delete=models.PROTECT, related_name="+")
    for_expiry = models.DateField(_("评估的有效期届满日"))
    due_on = models.DateField(_("评估期限"), db_index=True)
    opened_on = models.DateField(_("启动日期"))
    decision = models.CharField(_("评估结论"), max_length=20, choices=EvaluationDecision.choices, blank=True)
    new_expires_on = models.DateField(_("新的有效期至"), null=True, blank=True)
    new_long_term = models.BooleanField(_("改为长期执行"), default=False)
    reason = models.TextField(_("评估意见"), blank=True)
    decided_by = models.ForeignKey(
        "core.User", verbose_name=_("评估人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("评估时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("有效期评估")
        verbose_name_plural = _("有效期评估")
        ordering = ["due_on", "id"]
        constraints = [
            # One evaluation per expiry date: two sweeps at once cannot open it twice.
            models.UniqueConstraint(fields=["document", "for_expiry"], name="documents_evaluation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} 有效期评估"


# Filing and the reviews reaching a published document: their own module, one aggregate.
from fazhi.documents.filing_models import FilingRecord, IncidentalReview, ReviewSuggestion  # noqa: E402, F401
