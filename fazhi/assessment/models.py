"""The yearly evaluation scheme (考评方案, seed art. 48).

The leading-group office drafts one scheme per year for the bodies of a government: who is
evaluated and in which group they are ranked (art. 50), the indicator tree (first, second and third
level, points summing to 100; the first level from the seven areas of art. 47), how internal
assessment and social evaluation combine (art. 49), what violations cost (art. 53), the cap on
innovation points (art. 55), the grading rule (art. 50) and the evaluation's weight in the
performance assessment (art. 51). The government approves it; from then on it is locked, so the
year's evaluation runs on exactly what was approved. Next year's draft starts as a copy.

The evaluation (art. 49) keeps each body's points per leaf with what they rest on, the social
evaluation, the adjustments, the results per group, and the bodies' objections to them.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.assessment.choices import (
    AdjustmentKind,
    EvaluationStatus,
    Grade,
    MeasureKind,
    Method,
    ObjectionOutcome,
    QuotaRounding,
    SchemeStatus,
    ScoreSource,
    Scoring,
)
from fazhi.core.access import scope_body_ids
from fazhi.core.choices import EvaluationGroup

POINTS = {"max_digits": 6, "decimal_places": 2}


class SchemeQuerySet(models.QuerySet):
    """A scheme is the government's: seen by whoever's scope reaches the government (its office,
    its head, its evaluators); changed by those who may change there."""

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(government__in=scope_body_ids(user, action))


class Scheme(models.Model):
    government = models.ForeignKey(
        "core.Body", verbose_name=_("组织考评的人民政府"), on_delete=models.PROTECT, related_name="assessment_schemes"
    )
    year = models.PositiveSmallIntegerField(_("考评年度"))
    title = models.CharField(_("方案名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=16, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    internal_weight = models.DecimalField(_("内部考核权重（%）"), **POINTS, default=Decimal(80))
    social_weight = models.DecimalField(_("社会评议权重（%）"), **POINTS, default=Decimal(20))
    performance_weight = models.DecimalField(
        _("占绩效考核总分的权重（%）"),
        **POINTS,
        default=Decimal(10),
        help_text=_("若干意见第（五十一）项：不低于百分之十。"),
    )
    bonus_cap = models.DecimalField(_("创新加分上限（分）"), **POINTS, default=Decimal(5))
    spot_check_cap = models.DecimalField(_("省抽查结果调整上限（分）"), **POINTS, default=Decimal(5))
    bound = models.DecimalField(_("优秀、一般等次的分数线"), **POINTS, default=Decimal(80))
    share = models.PositiveSmallIntegerField(_("优秀、一般名额比例（%）"), default=20)
    disqualify_below = models.DecimalField(_("建议取消评优资格的分数线"), **POINTS, default=Decimal(60))
    exclusive_bounds = models.BooleanField(_("分数线不含本数"), default=False)
    quota = models.CharField(
        _("名额取整方式"), max_length=16, choices=QuotaRounding.choices, default=QuotaRounding.FLOOR
    )
    objection_days = models.PositiveSmallIntegerField(_("异议期（工作日）"), default=5)
    method_text = models.TextField(_("考评方式和程序"), blank=True)
    requirements_text = models.TextField(_("工作要求"), blank=True)
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("考评组成人员"), blank=True, related_name="assessment_schemes"
    )
    submitted_on = models.DateField(_("报批日期"), null=True, blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    approval_reference = models.CharField(_("批准文件"), max_length=100, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_reason = models.TextField(_("退回理由"), blank=True)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("复制自"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("拟定人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = SchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评方案")
        verbose_name_plural = _("考评方案")
        ordering = ["-year", "government_id"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year"], name="assessment_scheme_one_per_year"),
            models.CheckConstraint(condition=Q(performance_weight__gte=10), name="assessment_scheme_weight_10"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status == SchemeStatus.DRAFT


class MemberQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """The organising government's office and evaluators see every member; a body sees its own
        membership (its scorecard page), whatever the scheme's state."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        scope = scope_body_ids(user, action)
        return self.filter(Q(scheme__government__in=scope) | Q(body__in=scope))


class Member(models.Model):
    """A body evaluated under a scheme, and the group it is ranked in (art. 50)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("考评方案"), on_delete=models.CASCADE, related_name="members")
    body = models.ForeignKey("core.Body", verbose_name=_("考评对象"), on_delete=models.PROTECT, related_name="+")
    group = models.CharField(
        _("考评组别"), max_length=32, choices=[c for c in EvaluationGroup.choices if c[0] != EvaluationGroup.NONE]
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评对象")
        verbose_name_plural = _("考评对象")
        ordering = ["scheme", "group", "body__tree_path"]
        constraints = [models.UniqueConstraint(fields=["scheme", "body"], name="assessment_member_once")]

    def __str__(self) -> str:
        return f"{self.body} · {self.get_group_display()}"


class Indicator(models.Model):
    """A node of the indicator tree. A leaf (no children) is scored: automatically from the
    obligation checks of `articles`, or by an evaluator against evidence."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("考评方案"), on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey(
        "self", verbose_name=_("上级指标"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    name = models.CharField(_("指标名称"), max_length=200)
    points = models.DecimalField(_("分值"), **POINTS)
    method = models.CharField(_("评分方式"), max_length=16, choices=Method.choices, blank=True)
    articles = models.JSONField(_("对应若干意见条目"), default=list, blank=True)
    scoring = models.CharField(_("计分规则"), max_length=16, choices=Scoring.choices, blank=True)
    deduction = models.DecimalField(_("每项不达标扣分"), **POINTS, null=True, blank=True)
    floor = models.DecimalField(_("保底分"), **POINTS, default=Decimal(0))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("指定考评员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guidance = models.TextField(_("评分标准和佐证材料要求"), blank=True)

    class Meta:
        verbose_name = _("考评指标")
        verbose_name_plural = _("考评指标")
        ordering = ["scheme", "parent_id", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class DeductionRule(models.Model):
    """Points a treatment under art. 53 costs the body it was imposed on, up to a cap per year."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("考评方案"), on_delete=models.CASCADE, related_name="deduction_rules"
    )
    kind = models.CharField(_("处理方式"), max_length=16, choices=MeasureKind.choices)
    points = models.DecimalField(_("每次扣分"), **POINTS)
    cap = models.DecimalField(_("扣分上限"), **POINTS)

    class Meta:
        verbose_name = _("扣分规则")
        verbose_name_plural = _("扣分规则")
        ordering = ["scheme", "kind"]
        constraints = [models.UniqueConstraint(fields=["scheme", "kind"], name="assessment_deduction_rule_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.points}"


# --- running the evaluation (art. 49) --------------------------------------------------------------


class EvaluationQuerySet(models.QuerySet):
    """The office and the government's evaluators see the whole evaluation; a body sees only its own
    results (through `Result.objects.restrict`) — and the public only once published."""

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(scheme__government__in=scope_body_ids(user, action))


class Evaluation(models.Model):
    """A year's evaluation, run on an approved scheme as the records stood on `as_of`."""

    scheme = models.OneToOneField(
        Scheme, verbose_name=_("考评方案"), on_delete=models.PROTECT, related_name="evaluation"
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=EvaluationStatus.choices, default=EvaluationStatus.SCORING
    )
    as_of = models.DateField(_("数据截止日期"))
    computed_at = models.DateTimeField(_("自动计分时间"), null=True, blank=True)
    submitted_on = models.DateField(_("报请审定日期"), null=True, blank=True)
    approved_on = models.DateField(_("审定日期"), null=True, blank=True)
    notified_on = models.DateField(_("通报日期"), null=True, blank=True)
    objection_until = models.DateField(_("异议期届满日"), null=True, blank=True)
    final_on = models.DateField(_("结果确定日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    notice_number = models.CharField(_("通报文号"), max_length=100, blank=True)
    returned_reason = models.TextField(_("退回理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("组织人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度考评")
        verbose_name_plural = _("年度考评")
        ordering = ["-scheme__year"]

    def __str__(self) -> str:
        return str(self.scheme)

    @property
    def government(self):
        return self.scheme.government


# A body learns its results from the government's notice (art. 49: 考评结果由政府进行通报); before
# that they are the office's draft, which the government may still send back.
NOTIFIED_STATUSES = (EvaluationStatus.NOTIFIED, EvaluationStatus.FINAL, EvaluationStatus.PUBLISHED)


class NotifiedQuerySet(models.QuerySet):
    """A body's scores, adjustments and results: the organising government's office and evaluators
    see every one; the body sees its own from the notice on."""

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        scope = scope_body_ids(user, action)
        return self.filter(
            Q(evaluation__scheme__government__in=scope) | Q(body__in=scope, evaluation__status__in=NOTIFIED_STATUSES)
        )


class ResultQuerySet(NotifiedQuerySet):
    def published(self):
        return self.filter(evaluation__status=EvaluationStatus.PUBLISHED)


class Score(models.Model):
    """The points a body earned on one leaf indicator, with what they rest on. The evidence a body
    uploads for a manual leaf is attached to its score (core attachments)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("年度考评"), on_delete=models.CASCADE, related_name="scores"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("考评对象"), on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("考评指标"), on_delete=models.PROTECT, related_name="scores"
    )
    source = models.CharField(_("来源"), max_length=16, choices=ScoreSource.choices)
    points = models.DecimalField(_("得分"), **POINTS, null=True, blank=True)
    detail = models.JSONField(_("计分依据"), default=dict, blank=True)
    comment = models.TextField(_("评分说明"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评分人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("评分时间"), null=True, blank=True)

    objects = NotifiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        ordering = ["evaluation", "body", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "body", "indicator"], name="assessment_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.indicator} · {self.points}"


class SocialScore(models.Model):
    """A body's social-evaluation result (社会评议, art. 49), imported from the survey's workbook."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("年度考评"), on_delete=models.CASCADE, related_name="social_scores"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("考评对象"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("社会评议得分"), **POINTS)
    source = models.CharField(_("来源文件"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("社会评议得分")
        verbose_name_plural = _("社会评议得分")
        ordering = ["evaluation", "body"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "body"], name="assessment_social_once")]

    def __str__(self) -> str:
        return f"{self.body} {self.score}"


class Adjustment(models.Model):
    """Points off for a violation (art. 53), on for innovation (art. 55), or the provincial spot
    check's result (art. 49), each with its reason and, where it comes from a record, that record."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("年度考评"), on_delete=models.CASCADE, related_name="adjustments"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("考评对象"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=16, choices=AdjustmentKind.choices)
    points = models.DecimalField(_("分值（扣分为负）"), **POINTS)
    reason = models.TextField(_("事由"))
    # What the adjustment comes from, once per evaluation (`oversight.measure:interview@12`: the
    # 约谈 of body 12, imported again in place); empty for one entered by hand.
    record = models.CharField(_("来源标识"), max_length=100, blank=True)
    evidence = models.JSONField(_("依据记录"), default=list, blank=True)  # RecordRef dicts
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = NotifiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("加减分")
        verbose_name_plural = _("加减分")
        ordering = ["evaluation", "body", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "record"], condition=~Q(record=""), name="assessment_adjustment_record_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.get_kind_display()} {self.points}"


class Result(models.Model):
    """A body's composite, rank and grade in its group (art. 50), and the art. 51 flag."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("年度考评"), on_delete=models.CASCADE, related_name="results"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("考评对象"), on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("考评组别"), max_length=32, choices=EvaluationGroup.choices)
    internal = models.DecimalField(_("内部考核得分（百分制）"), **POINTS)
    social = models.DecimalField(_("社会评议得分"), **POINTS, null=True, blank=True)
    deductions = models.DecimalField(_("扣分"), **POINTS, default=Decimal(0))
    bonus = models.DecimalField(_("加分"), **POINTS, default=Decimal(0))
    spot_check = models.DecimalField(_("省抽查调整"), **POINTS, default=Decimal(0))
    composite = models.DecimalField(_("综合得分"), **POINTS)
    rank = models.PositiveSmallIntegerField(_("组内排名"))
    grade = models.CharField(_("等次"), max_length=4, choices=Grade.choices)
    flag = models.CharField(_("结果运用"), max_length=40, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评结果")
        verbose_name_plural = _("考评结果")
        ordering = ["evaluation", "group", "rank", "body__tree_path"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "body"], name="assessment_result_once")]

    def __str__(self) -> str:
        return f"{self.body} {self.composite} {self.grade}"


class ObjectionQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """The government's office sees every objection; a body its own."""
        return self.filter(result__in=Result.objects.restrict(user, action))


class Objection(models.Model):
    """A body's objection to its result, filed within the objection period and answered by the office
    before the results are final."""

    result = models.ForeignKey(Result, verbose_name=_("考评结果"), on_delete=models.CASCADE, related_name="objections")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("涉及指标"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("异议内容"))
    filed_on = models.DateField(_("提出日期"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提出人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("处理结果"), max_length=16, choices=ObjectionOutcome.choices, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评结果异议")
        verbose_name_plural = _("考评结果异议")
        ordering = ["result", "filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.result.body} {self.filed_on}"
