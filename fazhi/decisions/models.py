"""Major administrative decisions (重大行政决策, seed arts. 10–16) and legal advisers (art. 46).

A decision is drafted by its undertaking unit (`body`, 决策承办单位, 条例第十一条) and decided by
the deciding body (`deciding_body`, 决策机关): a government, or a department deciding its own
matters (条例第四十二条). The shared procedures — public consultation, legality and
fair-competition review, the collective-discussion record — are `fazhi.procedures` records
about the decision; the steps only decisions have (expert argumentation, risk assessment,
hearings, implementation, post-decision evaluation, accountability) live here.
"""

import datetime

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.decisions.choices import (
    AccountabilityGround,
    AccountabilityStatus,
    AdviserKind,
    ArgumentationForm,
    CatalogStatus,
    DecisionCategory,
    DecisionStatus,
    EvaluationConclusion,
    EvaluationTrigger,
    HeadDecision,
    RiskLevel,
)

# Once published a decision is a public record, whatever happens to it later.
PUBLISHED_STATUSES = (DecisionStatus.PUBLISHED, DecisionStatus.SUSPENDED, DecisionStatus.ADJUSTED)


class CatalogQuerySet(BodyScopedQuerySet):
    def published(self):
        return self.filter(status=CatalogStatus.PUBLISHED)


class DecisionCatalog(models.Model):
    """年度重大行政决策事项目录 (seed art. 10; 条例第三条第三款): one per deciding body and year."""

    body = models.ForeignKey("core.Body", verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=16, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT)
    party_agreed_on = models.DateField(_("党委同意日期"), null=True, blank=True)
    party_agreement = models.CharField(
        _("党委同意情况"), max_length=300, blank=True, help_text=_("例如：经中共江门市委常委会会议同意")
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度重大行政决策事项目录")
        verbose_name_plural = _("年度重大行政决策事项目录")
        ordering = ["-year", "body"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="decisions_catalog_unique_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalog-detail", args=[self.pk])


class CatalogItem(models.Model):
    """One matter of the catalog; the decision made on it points back here."""

    catalog = models.ForeignKey(DecisionCatalog, verbose_name=_("目录"), on_delete=models.PROTECT, related_name="items")
    title = models.CharField(_("决策事项"), max_length=200)
    category = models.CharField(_("事项类别"), max_length=20, choices=DecisionCategory.choices)
    basis = models.TextField(_("决策依据"))
    planned_timing = models.CharField(_("计划完成时间"), max_length=50, help_text=_("例如：2026年第三季度"))
    undertaking_unit = models.ForeignKey(
        "core.Body", verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")
        ordering = ["catalog", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def body(self):
        return self.catalog.body


class DecisionQuerySet(BodyScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The undertaking unit's scope; to see a decision also the deciding body's."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        bodies = scope_body_ids(user, "view")
        return self.filter(Q(body__in=bodies) | Q(deciding_body__in=bodies))

    def published(self):
        """What the portal lists: decisions published and not exempt from disclosure (条例第三十二条)."""
        return self.filter(status__in=PUBLISHED_STATUSES, published_on__isnull=False, disclosure_exempt=False)


class Decision(models.Model):
    """One major decision, from the catalog item (or a leadership declaration) to its implementation."""

    body = models.ForeignKey(
        "core.Body", verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="major_decisions"
    )
    deciding_body = models.ForeignKey(
        "core.Body", verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+"
    )
    catalog_item = models.OneToOneField(
        CatalogItem,
        verbose_name=_("目录事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    declared_on = models.DateField(
        _("认定为重大行政决策的日期"),
        null=True,
        blank=True,
        help_text=_("未列入目录的事项，经领导班子集体讨论认定为重大行政决策（意见第十条）"),
    )
    declaration = models.TextField(_("认定情况"), blank=True, help_text=_("会议名称、认定理由"))
    title = models.CharField(_("决策事项"), max_length=200)
    category = models.CharField(_("事项类别"), max_length=20, choices=DecisionCategory.choices)
    draft_text = models.TextField(_("决策草案"), blank=True)
    explanation = models.TextField(_("起草说明"), blank=True)
    # What the matter needs decides which steps are required (条例第十九条、第二十二条、第二十九条).
    is_technical = models.BooleanField(_("专业性、技术性较强"), default=False)
    risk_areas = models.JSONField(_("可能造成重大影响或风险的方面"), default=list, blank=True)
    touches_market = models.BooleanField(_("涉及市场主体经济活动"), default=False)
    disclosure_exempt = models.BooleanField(_("依法不予公开"), default=False)
    disclosure_exempt_reason = models.TextField(_("不予公开的依据"), blank=True)
    is_exploratory_reform = models.BooleanField(_("探索性改革决策事项"), default=False)
    legal_risk_statement = models.TextField(
        _("明示的法律风险"),
        blank=True,
        help_text=_("国家尚无明确规定的探索性改革事项，提交讨论时明示法律风险（第二十五条）"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFTING, db_index=True
    )
    # 集体讨论决定 (第三十条).
    head_decision = models.CharField(_("行政首长的决定"), max_length=24, choices=HeadDecision.choices, blank=True)
    head_name = models.CharField(_("行政首长"), max_length=50, blank=True)
    departs_from_majority = models.BooleanField(_("与多数人意见不一致"), default=False)
    departure_reason = models.TextField(_("不一致的理由"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    # 向同级党委请示报告 (第三十一条).
    party_reported_on = models.DateField(_("请示报告日期"), null=True, blank=True)
    party_report = models.TextField(_("请示报告情况"), blank=True)
    # 公布 (第三十二条).
    published_on = models.DateField(_("公布日期"), null=True, blank=True, db_index=True)
    decision_text = models.TextField(_("决策内容"), blank=True)
    adoption_explanation = models.TextField(_("公众意见、专家论证意见采纳情况"), blank=True)
    executing_unit = models.ForeignKey(
        "core.Body", verbose_name=_("执行单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 执行和调整 (第三十四条至第三十七条).
    suspended_on = models.DateField(_("中止执行日期"), null=True, blank=True)
    suspension_reason = models.TextField(_("中止执行的理由"), blank=True)
    adjusts = models.ForeignKey(
        "self",
        verbose_name=_("调整的决策"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
    )
    end_reason = models.TextField(_("撤回的理由"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision-detail", args=[self.pk])

    @property
    def needs_risk_assessment(self) -> bool:
        return bool(self.risk_areas)

    @property
    def needs_consultation(self) -> bool:
        return not self.disclosure_exempt


class ExpertOpinion(models.Model):
    """专家论证意见 (条例第十九条、第二十条): independent, and signed when given in writing."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="expert_opinions"
    )
    expert_name = models.CharField(_("专家或专业机构"), max_length=100)
    organisation = models.CharField(_("工作单位"), max_length=100, blank=True)
    expertise = models.CharField(_("专业领域"), max_length=100)
    form = models.CharField(_("论证方式"), max_length=20, choices=ArgumentationForm.choices)
    no_conflict = models.BooleanField(
        _("与决策事项无直接利害关系"), default=False, help_text=_("不得选择与决策事项有直接利害关系的专家（第二十条）")
    )
    opinion = models.TextField(_("论证意见"))
    signed_on = models.DateField(_("署名日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专家论证意见")
        verbose_name_plural = _("专家论证意见")
        ordering = ["decision", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.expert_name}：{self.decision}"

    @property
    def body(self):
        return self.decision.body


class RiskAssessment(models.Model):
    """风险评估报告 (条例第二十二条至第二十四条); the latest governs."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="risk_assessments"
    )
    assessor = models.CharField(_("评估单位"), max_length=100)
    methods = models.TextField(_("评估方式"), blank=True, help_text=_("舆情跟踪、重点走访、会商分析等"))
    departments_heard = models.TextField(_("听取有关部门意见情况"), blank=True)
    risk_points = models.TextField(_("风险点"))
    level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices)
    measures = models.TextField(_("风险防范措施和处置预案"))
    controllable = models.BooleanField(_("风险可控"))
    concluded_on = models.DateField(_("评估完成日期"))
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("风险评估")
        verbose_name_plural = _("风险评估")
        ordering = ["decision", "-concluded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.decision} 风险评估（{self.get_level_display()}）"

    @property
    def body(self):
        return self.decision.body


class Hearing(models.Model):
    """听证会 (条例第十六条、第十七条): optional; its record confirmed and signed by the participants."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="hearings"
    )
    held_on = models.DateField(_("听证日期"))
    place = models.CharField(_("听证地点"), max_length=200)
    participants = models.JSONField(_("听证参加人"), default=list)
    materials_sent_on = models.DateField(_("材料送达日期"), null=True, blank=True)
    record = models.TextField(_("听证会记录"))
    participants_signed = models.BooleanField(_("参加人已确认记录并签字"), default=False)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("听证会")
        verbose_name_plural = _("听证会")
        ordering = ["decision", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} 听证会（{self.held_on}）"

    @property
    def body(self):
        return self.decision.body


class ImplementationReport(models.Model):
    """决策执行情况报告 (条例第三十四条、第三十五条) by the executing unit."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="implementation_reports"
    )
    reported_on = models.DateField(_("报告日期"))
    progress = models.TextField(_("执行情况"))
    problems = models.TextField(_("存在问题"), blank=True)
    major_change = models.BooleanField(
        _("存在严重影响决策目标实现的情形"),
        default=False,
        help_text=_("决策存在问题、客观情况重大变化或者不可抗力（第三十五条）"),
    )
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("报告人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("决策执行情况报告")
        verbose_name_plural = _("决策执行情况报告")
        ordering = ["decision", "-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.decision} 执行情况（{self.reported_on}）"

    @property
    def body(self):
        return self.decision.executing_unit or self.decision.body


class PostEvaluation(models.Model):
    """决策后评估 (条例第三十六条): its result is the basis for adjusting the decision."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="post_evaluations"
    )
    trigger = models.CharField(_("评估情形"), max_length=24, choices=EvaluationTrigger.choices)
    evaluator = models.CharField(_("评估单位"), max_length=100)
    started_on = models.DateField(_("启动日期"))
    findings = models.TextField(_("评估结论"), blank=True)
    conclusion = models.CharField(_("评估建议"), max_length=10, choices=EvaluationConclusion.choices, blank=True)
    concluded_on = models.DateField(_("完成日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("决策后评估")
        verbose_name_plural = _("决策后评估")
        ordering = ["decision", "-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.decision} 决策后评估"

    @property
    def body(self):
        return self.decision.deciding_body


class AccountabilityCase(models.Model):
    """决策责任追究 (seed art. 16; 条例第三十八条至第四十一条), linked to the decision it concerns.

    `persons` lists who is examined: {"name", "position", "dissented"}; one who recorded dissent in
    the collective discussion of a seriously wrong decision is exempted or has their
    responsibility reduced (第三十八条第三款), which the case shows next to the name.
    """

    decision = models.ForeignKey(
        Decision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="accountability_cases"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("追责单位"), on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("追责情形"), max_length=20, choices=AccountabilityGround.choices)
    opened_on = models.DateField(_("立案日期"))
    facts = models.TextField(_("基本事实"))
    persons = models.JSONField(_("责任人员"), default=list)
    status = models.CharField(
        _("状态"), max_length=12, choices=AccountabilityStatus.choices, default=AccountabilityStatus.OPEN
    )
    outcome = models.TextField(_("处理结果"), blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("决策责任追究")
        verbose_name_plural = _("决策责任追究")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.decision} 责任追究"


class AdviserQuerySet(BodyScopedQuerySet):
    def serving(self, on: datetime.date | None = None):
        """Advisers whose term covers `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(term_start__lte=on).filter(Q(term_end__isnull=True) | Q(term_end__gte=on))


class LegalAdviser(models.Model):
    """A member of a body's legal-adviser team (意见第四十六条): legal-office staff, scholars,
    lawyers and public-sector lawyers, each with their qualification and term."""

    body = models.ForeignKey("core.Body", verbose_name=_("聘请单位"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(_("类别"), max_length=20, choices=AdviserKind.choices)
    organisation = models.CharField(_("工作单位"), max_length=100)
    qualification = models.CharField(
        _("资格"), max_length=100, help_text=_("例如：法律职业资格证书号、律师执业证号、公职律师证号")
    )
    term_start = models.DateField(_("聘期开始"))
    term_end = models.DateField(_("聘期结束"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AdviserQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律顾问")
        verbose_name_plural = _("法律顾问")
        ordering = ["body", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class AdviserOpinion(models.Model):
    """A legal adviser's opinion on a matter (a major decision, a dispute being resolved, any record)."""

    adviser = models.ForeignKey(
        LegalAdviser, verbose_name=_("法律顾问"), on_delete=models.PROTECT, related_name="opinions"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("事项类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("事项编号"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    matter = models.CharField(_("事项"), max_length=200)
    opinion = models.TextField(_("法律意见"))
    given_on = models.DateField(_("出具日期"))
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律顾问意见")
        verbose_name_plural = _("法律顾问意见")
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="adviser_opinion_subject_idx")]

    def __str__(self) -> str:
        return f"{self.adviser.name}：{self.matter}"
