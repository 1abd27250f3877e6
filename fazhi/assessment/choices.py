"""The words of the evaluation (seed arts. 47–51, 53, 55): scheme statuses, how a leaf indicator is
scored, grades and the rounding of the 20% quota."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("拟定中")
    SUBMITTED = "submitted", _("已报请政府批准")
    APPROVED = "approved", _("已批准（锁定）")


class Method(models.TextChoices):
    AUTOMATIC = "automatic", _("自动计分（依据义务检查）")
    MANUAL = "manual", _("人工评分（考评员依据佐证材料）")


class Scoring(models.TextChoices):
    """How an automatic leaf turns its checks' results into points."""

    ALL_OR_NOTHING = "all_or_nothing", _("达标得满分，否则不得分")
    PROPORTIONAL = "proportional", _("按达标率计分")
    PER_FAILURE = "per_failure", _("每项不达标扣分，扣至保底分为止")


class Grade(models.TextChoices):
    EXCELLENT = "优秀", _("优秀")
    GOOD = "良好", _("良好")
    FAIR = "一般", _("一般")


class QuotaRounding(models.TextChoices):
    FLOOR = "floor", _("向下取整（不足一名不评）")
    NEAREST = "nearest", _("四舍五入")
    AT_LEAST_ONE = "at-least-one", _("向下取整，但至少一名")


class MeasureKind(models.TextChoices):
    """The treatments of seed art. 53 a scheme may deduct points for."""

    INTERVIEW = "interview", _("约谈")
    RECTIFICATION = "rectification", _("责令整改")
    CRITICISM = "criticism", _("通报批评")


class EvaluationStatus(models.TextChoices):
    SCORING = "scoring", _("评分中")
    SUBMITTED = "submitted", _("已报请政府审定")
    APPROVED = "approved", _("已审定")
    NOTIFIED = "notified", _("已通报（异议期）")
    FINAL = "final", _("结果已确定")
    PUBLISHED = "published", _("已公布")


class ScoreSource(models.TextChoices):
    AUTOMATIC = "automatic", _("自动计分")
    MANUAL = "manual", _("考评员评分")
    NOT_APPLICABLE = "not_applicable", _("不适用（不计入）")
    PENDING = "pending", _("待评分")


class AdjustmentKind(models.TextChoices):
    DEDUCTION = "deduction", _("违反要求扣分（第五十三项）")
    BONUS = "bonus", _("创新加分（第五十五项）")
    SPOT_CHECK = "spot_check", _("省政府抽查结果（第四十九项）")


class ObjectionOutcome(models.TextChoices):
    PENDING = "", _("待答复")
    UPHELD = "upheld", _("异议成立，已调整")
    REJECTED = "rejected", _("异议不成立，维持")
