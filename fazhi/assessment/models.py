"""The yearly evaluation scheme (考评方案, seed art. 48).

The leading-group office drafts one scheme per year for the bodies of a government: who is
evaluated and in which group they are ranked (art. 50), the indicator tree (first, second and third
level, points summing to 100; the first level from the seven areas of art. 47), how internal
assessment and social evaluation combine (art. 49), what violations cost (art. 53), the cap on
innovation points (art. 55), the grading rule (art. 50) and the evaluation's weight in the
performance assessment (art. 51). The government approves it; from then on it is locked, so the
year's evaluation runs on exactly what was approved. Next year's draft starts as a copy.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.assessment.choices import MeasureKind, Method, QuotaRounding, SchemeStatus, Scoring
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


class Member(models.Model):
    """A body evaluated under a scheme, and the group it is ranked in (art. 50)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("考评方案"), on_delete=models.CASCADE, related_name="members")
    body = models.ForeignKey("core.Body", verbose_name=_("考评对象"), on_delete=models.PROTECT, related_name="+")
    group = models.CharField(
        _("考评组别"), max_length=32, choices=[c for c in EvaluationGroup.choices if c[0] != EvaluationGroup.NONE]
    )

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
