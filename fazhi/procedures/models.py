"""Procedure records shared by normative documents, rules and major decisions.

Each record is about a *subject* (any record: a draft document, a decision) named by content
type and id, and belongs to the subject's body, which decides who sees and changes it. The
subject's own module starts a consultation, a review or a meeting record through the services
and asks the selectors' gates whether the procedure is complete.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.procedures.choices import (
    CommentDecision,
    CommentPeriod,
    ConsultationStatus,
    MeetingKind,
    MeetingOutcome,
    MeetingStatus,
    ReviewKind,
    ReviewOutcome,
    ReviewStatus,
    StageStatus,
)


class SubjectRecord(models.Model):
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("事项类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("事项编号"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    body = models.ForeignKey("core.Body", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class ConsultationQuerySet(BodyScopedQuerySet):
    def public(self):
        """What the public may see: consultations open for comment, and published feedback."""
        return self.filter(status__in=[ConsultationStatus.OPEN, ConsultationStatus.FEEDBACK_PUBLISHED])


class Consultation(SubjectRecord):
    """征求意见: a draft shown to the public for a period no shorter than the law's minimum."""

    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("征求意见稿"))
    explanation = models.TextField(_("起草说明"), blank=True)
    period = models.CharField(_("期限依据"), max_length=40, choices=CommentPeriod.choices)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"), db_index=True)
    shortened_reason = models.TextField(
        _("缩短期限的理由"), blank=True, help_text=_("期限短于法定最少期限时必须填写，并向社会公开。")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    feedback_summary = models.TextField(_("反馈说明"), blank=True)
    feedback_published_at = models.DateTimeField(_("反馈公布时间"), null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开征求意见")
        verbose_name_plural = _("公开征求意见")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="consultation_subject_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procedures:consultation-detail", args=[self.pk])


class ConsultationComment(models.Model):
    """One public comment on a consultation and its line in the adoption ledger."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("征求意见"), on_delete=models.PROTECT, related_name="comments"
    )
    submission = models.OneToOneField(
        "core.PublicSubmission", verbose_name=_("公众提交事项"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        _("采纳情况"), max_length=20, choices=CommentDecision.choices, default=CommentDecision.PENDING
    )
    gist = models.TextField(_("意见摘要"), blank=True)
    reason = models.TextField(_("理由"), blank=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User", verbose_name=_("处理人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.submission.receipt_code


class ReviewQuerySet(BodyScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The subject's body, plus — to see a review — the bodies asked to review one of its stages."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        reviewing = ReviewStage.objects.filter(reviewer_body__in=scope_body_ids(user, "review")).values("review")
        return self.filter(Q(body__in=scope_body_ids(user, "view")) | Q(pk__in=reviewing))


class Review(SubjectRecord):
    """One round of a legality or fair-competition review, in stages; a failed round is resubmitted."""

    kind = models.CharField(_("审查类别"), max_length=20, choices=ReviewKind.choices)
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    previous = models.OneToOneField(
        "self", verbose_name=_("上一轮"), null=True, blank=True, on_delete=models.PROTECT, related_name="next_round"
    )
    title = models.CharField(_("送审事项"), max_length=200)
    status = models.CharField(_("状态"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.IN_PROGRESS)
    concluded_at = models.DateTimeField(_("审结时间"), null=True, blank=True)
    # 公平竞争审查条例: the four standards (None: not yet checked; True: the measure touches it).
    touches_market_entry = models.BooleanField(_("涉及市场准入和退出"), null=True, blank=True)
    touches_free_movement = models.BooleanField(_("涉及商品、要素自由流动"), null=True, blank=True)
    touches_production_costs = models.BooleanField(_("涉及生产经营成本"), null=True, blank=True)
    touches_business_conduct = models.BooleanField(_("涉及生产经营行为"), null=True, blank=True)
    exceptions = models.JSONField(_("适用第十二条的例外情形"), default=list, blank=True)
    stakeholders_heard = models.BooleanField(_("已听取利害关系人意见"), default=False)
    stakeholders_note = models.TextField(_("听取意见情况"), blank=True)
    government_level = models.BooleanField(_("以人民政府名义出台"), default=False)
    market_regulator_joined = models.BooleanField(_("市场监督管理部门会同审查"), default=False)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("审查")
        verbose_name_plural = _("审查")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"], name="review_subject_idx")]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_kind_display()}第{self.round}轮）"

    def get_absolute_url(self) -> str:
        return reverse("procedures:review-detail", args=[self.pk])

    @property
    def current_stage(self):
        return self.stages.exclude(status=StageStatus.CONCLUDED).order_by("number").first()

    @property
    def acting_body(self):
        """Who moves the review on: while it runs, the reviewer of the latest stage sent for review;
        afterwards the subject's body (which resubmits a failed round)."""
        if self.status == ReviewStatus.IN_PROGRESS:
            started = self.stages.exclude(status=StageStatus.WAITING).order_by("-number").first()
            if started is not None:
                return started.reviewer_body
        return self.body


class ReviewStage(models.Model):
    """One reviewer's turn: stage 1 the body's own legal office, stage 2 the 司法局, as configured."""

    review = models.ForeignKey(Review, verbose_name=_("审查"), on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("阶段"))
    reviewer_body = models.ForeignKey(
        "core.Body", verbose_name=_("审查单位"), on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        "core.User", verbose_name=_("审查人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=20, choices=StageStatus.choices, default=StageStatus.WAITING)
    started_on = models.DateField(_("送审日期"), null=True, blank=True)
    due_on = models.DateField(_("审查期限"), null=True, blank=True, db_index=True)
    due_source = models.CharField(_("期限依据"), max_length=200, blank=True)
    shortened_reason = models.TextField(_("缩短审查期限的理由"), blank=True)
    outcome = models.CharField(_("审查结论"), max_length=20, choices=ReviewOutcome.choices, blank=True)
    opinion = models.TextField(_("审查意见"), blank=True)
    issues = models.JSONField(_("问题清单"), default=list, blank=True)
    concluded_at = models.DateTimeField(_("出具意见时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("审查阶段")
        verbose_name_plural = _("审查阶段")
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="review_stage_number_unique")]

    def __str__(self) -> str:
        return f"{self.review} 第{self.number}阶段"

    @property
    def owner_body(self):
        return self.review.body


class MeetingRecord(SubjectRecord):
    """集体讨论记录: the meeting that discussed the subject; locked once signed."""

    meeting_kind = models.CharField(_("会议类型"), max_length=20, choices=MeetingKind.choices)
    session = models.CharField(_("会议名称"), max_length=200, help_text=_("例如：市政府第十六届第20次常务会议"))
    held_on = models.DateField(_("会议日期"))
    presided_by = models.CharField(_("主持人"), max_length=50, blank=True)
    agenda_item = models.CharField(_("议题"), max_length=300)
    entitled_members = models.JSONField(_("应出席人员"), default=list)
    attendees = models.JSONField(_("实际出席人员"), default=list)
    outcome = models.CharField(_("讨论结果"), max_length=30, choices=MeetingOutcome.choices, blank=True)
    conclusion = models.TextField(_("会议决定"), blank=True)
    dissent = models.TextField(_("不同意见"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT)
    signed_at = models.DateTimeField(_("签署时间"), null=True, blank=True)
    signed_by = models.ForeignKey(
        "core.User", verbose_name=_("签署人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("集体讨论记录")
        verbose_name_plural = _("集体讨论记录")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="meeting_subject_idx")]

    def __str__(self) -> str:
        return f"{self.session}：{self.agenda_item}"

    def get_absolute_url(self) -> str:
        return reverse("procedures:meeting-detail", args=[self.pk])

    @property
    def members_present(self) -> int:
        entitled = set(self.entitled_members)
        return len(entitled.intersection(self.attendees))

    @property
    def has_quorum(self) -> bool:
        """More than half of the members entitled to attend are present."""
        return bool(self.entitled_members) and self.members_present * 2 > len(set(self.entitled_members))
