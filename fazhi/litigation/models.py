"""行政应诉 and 检察监督 (seed arts. 36–37; 行政诉讼法 2017; 两高 public-interest interpretation).

Office registers of what courts and procuratorates do to a body, with no public form:

- a `CourtCase` against a body (the defendant): its defence due 15 days after the complaint copy
  arrived, its hearings with whether the head appeared, its judgment or ruling with the appeal
  window, and the execution of an effective judgment the body lost;
- a `ProcuratorialSuggestion` (检察建议, or the pre-litigation notice of a public-interest case) with
  its written reply due in two months (15 days when urgent) and the procuratorate's follow-up,
  which may end in a public-interest suit — a `CourtCase` of that kind.

`government` is the defendant's same-level government, stored so that its legal office (the
司法局 named in `documents.DocumentSettings`), which organises 行政应诉, sees and records its
departments' cases in one query.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import member_body_ids, scope_body_ids
from fazhi.litigation.choices import (
    AbsenceReason,
    Appellant,
    CaseKind,
    CaseStatus,
    DecisionType,
    Level,
    Outcome,
    SuggestionKind,
    SuggestionStatus,
)

_DEADLINE = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


def legal_office_government_ids(user) -> frozenset[int]:
    """The governments whose legal office (`DocumentSettings.legal_office`) `user` is a member of."""
    from fazhi.documents.models import DocumentSettings

    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_fazhi_scope", {})
    if "_litigation_legal" not in cache:
        cache["_litigation_legal"] = frozenset(
            DocumentSettings.objects.filter(legal_office__in=member_body_ids(user)).values_list(
                "government_id", flat=True
            )
        )
    return cache["_litigation_legal"]


class LitigationQuerySet(models.QuerySet):
    """Who sees and records: the defendant body's own members (handle); the legal office of its
    government (sees and records); anyone whose scope reaches the body — the leading-group office
    above it — reads only."""

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        legal = Q(government__in=legal_office_government_ids(user))
        if action == "view":
            return self.filter(Q(body__in=scope_body_ids(user, "view")) | legal)
        own = member_body_ids(user) & scope_body_ids(user, action)
        return self.filter(Q(body__in=own) | legal)


class MajorCase(models.Model):
    """重大、复杂或者社会影响较大的案件 marked and reported up (上报备案, seed art. 32)."""

    major = models.BooleanField(_("重大、复杂或社会影响较大"), default=False)
    major_reason = models.TextField(_("认定理由"), blank=True)
    major_marked_on = models.DateField(_("认定日期"), null=True, blank=True)
    reported_to = models.CharField(_("上报备案机关"), max_length=200, blank=True)
    reported_on = models.DateField(_("上报备案日期"), null=True, blank=True)

    class Meta:
        abstract = True


class CourtCase(MajorCase):
    body = models.ForeignKey("core.Body", verbose_name=_("被告"), on_delete=models.PROTECT, related_name="+")
    government = models.ForeignKey(
        "core.Body", verbose_name=_("同级人民政府"), on_delete=models.PROTECT, related_name="+"
    )
    co_defendants = models.CharField(_("共同被告"), max_length=500, blank=True)
    court = models.CharField(_("受诉人民法院"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=100)
    level = models.CharField(_("审级"), max_length=8, choices=Level.choices, default=Level.FIRST)
    kind = models.CharField(_("案件类型"), max_length=16, choices=CaseKind.choices, default=CaseKind.ORDINARY)
    plaintiff = models.CharField(_("原告（公益诉讼起诉人）"), max_length=200)
    cause = models.CharField(_("案由"), max_length=200)
    act = models.TextField(_("被诉行政行为"))
    first_instance = models.ForeignKey(
        "self", verbose_name=_("一审案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    suggestion = models.ForeignKey(
        "ProcuratorialSuggestion",
        verbose_name=_("诉前检察建议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suits",
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, db_index=True
    )
    received_on = models.DateField(_("收到起诉状副本日期"))
    defence_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("答辩期限"), **_DEADLINE)
    defended_on = models.DateField(_("提交答辩状日期"), null=True, blank=True)
    defence = models.TextField(_("证据、依据和答辩要点"), blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = LitigationQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政诉讼案件")
        verbose_name_plural = _("行政诉讼案件")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "court", "case_number"], name="litigation_case_number_unique")
        ]
        indexes = [models.Index(fields=["body", "status"], name="litigation_case_body_status")]

    def __str__(self) -> str:
        return self.case_number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("litigation:case-detail", args=[self.pk])


class Hearing(models.Model):
    """One court session and who appeared for the body (行政诉讼法 第三条第三款)."""

    case = models.ForeignKey(CourtCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField(_("开庭日期"))
    court = models.CharField(_("法院"), max_length=200)
    head_appeared = models.BooleanField(_("负责人出庭"))
    head_name = models.CharField(_("出庭负责人"), max_length=100, blank=True)
    head_title = models.CharField(_("职务"), max_length=100, blank=True)
    entrusted_staff = models.CharField(_("委托出庭的工作人员"), max_length=200, blank=True)
    absence_reason = models.CharField(
        _("负责人不能出庭的情形"), max_length=16, choices=AbsenceReason.choices, blank=True
    )
    absence_note = models.TextField(_("不能出庭的具体理由"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("记录人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("庭审")
        verbose_name_plural = _("庭审")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"

    @property
    def reason_recorded(self) -> bool:
        return self.head_appeared or bool(self.absence_reason)


class Judgment(models.Model):
    """The judgment or ruling that decides the case at its level (行政诉讼法 第八十五条)."""

    case = models.OneToOneField(CourtCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="judgment")
    decision_type = models.CharField(_("裁判类型"), max_length=8, choices=DecisionType.choices)
    outcome = models.CharField(_("裁判结果"), max_length=20, choices=Outcome.choices)
    lost = models.BooleanField(_("败诉"))
    summary = models.TextField(_("裁判主文"), blank=True)
    served_on = models.DateField(_("送达日期"))
    appeal_until = models.DateField(_("上诉期届满日"), null=True, blank=True)
    appealed_by = models.CharField(_("上诉人"), max_length=16, choices=Appellant.choices, blank=True)
    appealed_on = models.DateField(_("上诉日期"), null=True, blank=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("裁判")
        verbose_name_plural = _("裁判")
        ordering = ["-served_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_decision_type_display()}"


class Execution(models.Model):
    """Performing an effective judgment against the body (行政诉讼法 第九十四条至第九十六条)."""

    case = models.OneToOneField(CourtCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="execution")
    requirement = models.TextField(_("裁判要求履行的内容"))
    due_on = models.DateField(_("履行期限"))
    performed_on = models.DateField(_("履行完毕日期"), null=True, blank=True)
    performance = models.TextField(_("履行情况"), blank=True)
    refused_on = models.DateField(_("拒绝履行记录日期"), null=True, blank=True)
    court_measures = models.JSONField(_("法院采取的措施"), default=list, blank=True)
    refusal_note = models.TextField(_("拒绝履行的情况"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("生效裁判的履行")
        verbose_name_plural = _("生效裁判的履行")

    def __str__(self) -> str:
        return f"{self.case} {self.due_on}"

    @property
    def late(self) -> bool:
        return self.performed_on is not None and self.performed_on > self.due_on


class ProcuratorialSuggestion(MajorCase):
    body = models.ForeignKey("core.Body", verbose_name=_("被建议机关"), on_delete=models.PROTECT, related_name="+")
    government = models.ForeignKey(
        "core.Body", verbose_name=_("同级人民政府"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=SuggestionKind.choices)
    procuratorate = models.CharField(_("人民检察院"), max_length=200)
    number = models.CharField(_("检察建议书文号"), max_length=100)
    subject = models.CharField(_("事由"), max_length=200)
    content = models.TextField(_("建议内容"))
    received_on = models.DateField(_("收到检察建议书日期"))
    urgent = models.BooleanField(_("紧急情形"), default=False, help_text=_("国家利益或者社会公共利益损害继续扩大等"))
    status = models.CharField(
        _("状态"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.RECEIVED, db_index=True
    )
    reply_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("回复期限"), **_DEADLINE)
    replied_on = models.DateField(_("书面回复日期"), null=True, blank=True)
    measures_taken = models.TextField(_("已采取的措施"), blank=True)
    measures_in_progress = models.TextField(_("正在推进的措施"), blank=True)
    followed_on = models.DateField(_("跟进监督日期"), null=True, blank=True)
    satisfied = models.BooleanField(_("检察机关认可整改"), null=True, blank=True)
    follow_up_note = models.TextField(_("跟进监督情况"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = LitigationQuerySet.as_manager()

    class Meta:
        verbose_name = _("检察建议")
        verbose_name_plural = _("检察建议")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "procuratorate", "number"], name="litigation_suggestion_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("litigation:suggestion-detail", args=[self.pk])
