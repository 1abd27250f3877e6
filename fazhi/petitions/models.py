"""信访事项 (seed art. 33; 信访工作条例 2022, arts. 17–38).

A petition comes in through the public-submission mechanism (kind `petition`, receipt prefix XF)
addressed to a body the petitioner chooses. That body registers it within 15 days and either
accepts it (it is competent), forwards or assigns it (转送、交办) to the competent body — the
submission, and with it the petitioner's identity, moves there — or tells the petitioner to use a
statutory channel (litigation, arbitration, reconsideration …, art. 31), which takes the matter
off the petition clock. A body it was forwarded to may object within 5 working days, sending it
back. An accepted matter is answered within 60 days (once +30 with the head's approval) by a
written opinion; the petitioner may ask the next level up for review (复查) and then the level
above that for re-check (复核), each within 30 days, each answered within 30 days; after 复核 the
matter is closed (信访终结).

`body` is the body handling the petition now; it always equals `submission.body`.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.petitions.choices import Category, Channel, ForwardMode, Outcome, PetitionStatus, ReviewOutcome

_DEADLINE = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class PetitionQuerySet(BodyScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The handling body's scope; for viewing also the body that forwarded it, and the bodies
        reviewing and re-checking it (none of which sees who the petitioner is)."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        bodies = scope_body_ids(user, "view")
        return self.filter(
            Q(body__in=bodies) | Q(forwarded_from__in=bodies) | Q(review_body__in=bodies) | Q(recheck_body__in=bodies)
        )


class Petition(models.Model):
    submission = models.OneToOneField(
        "core.PublicSubmission", verbose_name=_("公众提交事项"), on_delete=models.PROTECT, related_name="petition"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("办理单位"), on_delete=models.PROTECT, related_name="+")
    received_by = models.ForeignKey(
        "core.Body", verbose_name=_("信访人递交的单位"), on_delete=models.PROTECT, related_name="+"
    )
    forwarded_from = models.ForeignKey(
        "core.Body",
        verbose_name=_("转送交办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forward_mode = models.CharField(_("转送方式"), max_length=8, choices=ForwardMode.choices, blank=True)
    category = models.CharField(_("信访事项类别"), max_length=12, choices=Category.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED, db_index=True
    )
    received_on = models.DateField(_("收到日期"))
    arrived_on = models.DateField(_("本单位收到日期"), help_text=_("转送、交办或退回后，现办理单位收到之日"))
    object_until = models.DateField(_("可提出异议至"), null=True, blank=True)
    registered_on = models.DateField(_("登记处理日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    channel = models.CharField(_("法定途径"), max_length=16, choices=Channel.choices, blank=True)
    referred_on = models.DateField(_("导入法定途径日期"), null=True, blank=True)
    competent_organ = models.CharField(_("有权处理的机关"), max_length=200, blank=True)
    outcome = models.CharField(_("处理意见"), max_length=24, choices=Outcome.choices, blank=True)
    opinion = models.TextField(_("处理意见书"), blank=True)
    answered_on = models.DateField(_("出具处理意见日期"), null=True, blank=True)
    review_until = models.DateField(_("可请求复查至"), null=True, blank=True)
    review_body = models.ForeignKey(
        "core.Body", verbose_name=_("复查机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_requested_on = models.DateField(_("请求复查日期"), null=True, blank=True)
    review_reasons = models.TextField(_("复查请求理由"), blank=True)
    review_outcome = models.CharField(_("复查意见"), max_length=12, choices=ReviewOutcome.choices, blank=True)
    review_opinion = models.TextField(_("复查意见书"), blank=True)
    reviewed_on = models.DateField(_("出具复查意见日期"), null=True, blank=True)
    recheck_until = models.DateField(_("可请求复核至"), null=True, blank=True)
    recheck_body = models.ForeignKey(
        "core.Body", verbose_name=_("复核机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recheck_requested_on = models.DateField(_("请求复核日期"), null=True, blank=True)
    recheck_reasons = models.TextField(_("复核请求理由"), blank=True)
    recheck_outcome = models.CharField(_("复核意见"), max_length=12, choices=ReviewOutcome.choices, blank=True)
    recheck_opinion = models.TextField(_("复核意见书"), blank=True)
    rechecked_on = models.DateField(_("出具复核意见日期"), null=True, blank=True)
    hearing_since = models.DateField(_("听证开始日期"), null=True, blank=True)
    register_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("登记处理期限"), **_DEADLINE)
    handle_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("办理期限"), **_DEADLINE)
    review_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("复查期限"), **_DEADLINE)
    recheck_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("复核期限"), **_DEADLINE)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("信访事项")
        verbose_name_plural = _("信访事项")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["body", "status"], name="petitions_body_status")]

    def __str__(self) -> str:
        return self.submission.receipt_code

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.pk])

    @property
    def upper_body(self):
        """Who takes the next review step: the reviewing body's parent once reviewed (复核), the
        handling body's parent otherwise (复查). The city government has none on the platform."""
        if self.status in (PetitionStatus.REVIEWED, PetitionStatus.RECHECK) and self.review_body_id:
            return self.review_body.parent
        return self.body.parent


class Notice(models.Model):
    """What the petitioner was told, and when (书面告知, arts. 22–23, 31, 34): shown on the status page."""

    petition = models.ForeignKey(Petition, verbose_name=_("信访事项"), on_delete=models.CASCADE, related_name="notices")
    body = models.ForeignKey("core.Body", verbose_name=_("告知单位"), on_delete=models.PROTECT, related_name="+")
    step = models.CharField(_("环节"), max_length=40)
    text = models.TextField(_("告知内容"))
    given_on = models.DateField(_("告知日期"))
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("经办人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("告知")
        verbose_name_plural = _("告知")
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return f"{self.step}（{self.given_on}）"
