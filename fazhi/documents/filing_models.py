"""Filing (备案, seed art. 34) and the reviews that reach a published document.

Kept apart from `models` (which imports it at the end) because filing is its own aggregate: a
document, once published, is filed by route (`FilingRecord`), may draw review suggestions from
the public (`ReviewSuggestion`, each one a core public submission) and may be brought under
incidental review by a reconsideration (`IncidentalReview`, 行政复议法 arts. 56–60). Who sees a
record is decided here, by the bodies named on it, so the receiving office, the drafter and the
reconsideration body each find it without a grant.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.documents.filing_choices import (
    FilingOutcome,
    FilingRoute,
    FilingStatus,
    IncidentalOrigin,
    IncidentalOutcome,
    IncidentalStatus,
)


class FilingQuerySet(BodyScopedQuerySet):
    body_field = "filer"

    def restrict(self, user, action: str = "view"):
        """The filer and, for viewing, the receiving office and the drafting body."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        bodies = scope_body_ids(user, "view")
        return self.filter(Q(filer__in=bodies) | Q(recipient_office__in=bodies) | Q(document__body__in=bodies))


class FilingRecord(models.Model):
    """One filing of a published document with one receiving body, from submission to the outcome
    of its review and, where correction was ordered, the correction.

    `recipient_office` is the receiving body's legal office when it keeps its records here (the
    same-level or the next government's 司法局); a People's Congress standing committee or a
    provincial government does not, and the filer then records their receipt and outcome.
    """

    document = models.ForeignKey(
        "documents.NormativeDocument", verbose_name=_("规范性文件"), on_delete=models.PROTECT, related_name="filings"
    )
    route = models.CharField(_("备案途径"), max_length=32, choices=FilingRoute.choices)
    filer = models.ForeignKey(
        "core.Body",
        verbose_name=_("报备单位"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("政府规范性文件由本级政府法制机构报备，部门规范性文件由制定部门报备"),
    )
    recipient_name = models.CharField(_("备案机关"), max_length=100)
    recipient_office = models.ForeignKey(
        "core.Body",
        verbose_name=_("备案审查机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("在本平台办理备案审查的法制机构；为空的，由报备单位登记备案机关的接收和审查结果"),
    )
    status = models.CharField(
        _("状态"), max_length=24, choices=FilingStatus.choices, default=FilingStatus.PENDING, db_index=True
    )
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "core.User", verbose_name=_("报送人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("备案登记日期"), null=True, blank=True)
    outcome = models.CharField(_("审查结论"), max_length=20, choices=FilingOutcome.choices, blank=True)
    outcome_reason = models.TextField(_("审查意见"), blank=True)
    concluded_on = models.DateField(_("审查完成日期"), null=True, blank=True)
    corrected_on = models.DateField(_("纠正完成日期"), null=True, blank=True)
    correction_note = models.TextField(_("纠正情况"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = FilingQuerySet.as_manager()

    class Meta:
        verbose_name = _("备案记录")
        verbose_name_plural = _("备案记录")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One filing per route: publishing twice (or two workers) cannot file twice.
            models.UniqueConstraint(fields=["document", "route"], name="documents_filing_route_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document}（{self.get_route_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("filing:filing-detail", args=[self.pk])

    @property
    def handler(self):
        """Who registers the receipt and the review outcome: the receiving office, else the filer."""
        return self.recipient_office or self.filer


class ReviewSuggestion(models.Model):
    """审查建议 from the public about one published document: the public submission (with its
    receipt and answer) linked to the document and to the office that reviews it."""

    submission = models.OneToOneField(
        "core.PublicSubmission", verbose_name=_("公众提交事项"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "documents.NormativeDocument",
        verbose_name=_("规范性文件"),
        on_delete=models.PROTECT,
        related_name="review_suggestions",
    )
    body = models.ForeignKey(
        "core.Body",
        verbose_name=_("受理的备案审查机构"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("收到时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("审查建议")
        verbose_name_plural = _("审查建议")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.document} 审查建议"


class IncidentalQuerySet(BodyScopedQuerySet):
    body_field = "office"

    def restrict(self, user, action: str = "view"):
        """The reconsideration office, the reconsideration body and, to view and reply, the drafter."""
        if not user.is_authenticated or user.is_superuser:
            return super().restrict(user, action)
        bodies = scope_body_ids(user, action)
        return self.filter(Q(office__in=bodies) | Q(reconsideration_body__in=bodies) | Q(document__body__in=bodies))


class IncidentalReview(models.Model):
    """附带审查: a reconsideration questions the legality of a document it rests on (行政复议法 arts.
    13, 56–60). The reconsideration office notifies the drafter, which replies in writing within
    10 working days (art. 58); the reconsideration body then finds the clauses lawful, stops them
    and orders correction (art. 59), or forwards the question to the competent body (art. 56)."""

    document = models.ForeignKey(
        "documents.NormativeDocument",
        verbose_name=_("规范性文件"),
        on_delete=models.PROTECT,
        related_name="incidental_reviews",
    )
    reconsideration_body = models.ForeignKey(
        "core.Body", verbose_name=_("行政复议机关"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey("core.Body", verbose_name=_("行政复议机构"), on_delete=models.PROTECT, related_name="+")
    case_number = models.CharField(_("复议案件编号"), max_length=60)
    origin = models.CharField(_("审查来源"), max_length=20, choices=IncidentalOrigin.choices)
    provisions = models.TextField(_("审查的条款"))
    grounds = models.TextField(_("不合法的理由"), blank=True)
    requested_on = models.DateField(_("提出或发现日期"))
    notified_on = models.DateField(_("通知制定机关日期"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=IncidentalStatus.choices,
        default=IncidentalStatus.AWAITING_REPLY,
        db_index=True,
    )
    reply = models.TextField(_("制定机关书面答复"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    replied_by = models.ForeignKey(
        "core.User", verbose_name=_("答复人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("处理结果"), max_length=20, choices=IncidentalOutcome.choices, blank=True)
    outcome_reason = models.TextField(_("处理意见"), blank=True)
    forwarded_to = models.CharField(_("转送机关"), max_length=100, blank=True)
    concluded_on = models.DateField(_("处理日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = IncidentalQuerySet.as_manager()

    class Meta:
        verbose_name = _("附带审查")
        verbose_name_plural = _("附带审查")
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "reconsideration_body", "case_number"], name="documents_incidental_unique"
            ),
            models.CheckConstraint(
                condition=Q(notified_on__gte=models.F("requested_on")), name="documents_incidental_notice_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document}（{self.case_number}附带审查）"

    def get_absolute_url(self) -> str:
        return reverse("filing:incidental-detail", args=[self.pk])

    @property
    def drafter(self):
        """The body that made the document and owes the written reply (行政复议法 art. 58)."""
        return self.document.body
