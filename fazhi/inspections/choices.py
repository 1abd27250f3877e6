from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    """抽查事项: drafted, published in the body's list, withdrawn when the list is adjusted."""

    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("已公布")
    WITHDRAWN = "withdrawn", _("已调出清单")


class InspectionMethod(models.TextChoices):
    """检查方式."""

    ONSITE = "onsite", _("现场检查")
    DOCUMENTS = "documents", _("书面检查")
    ONLINE = "online", _("网络监测")
    SAMPLING = "sampling", _("抽样检测")


class EntityKind(models.TextChoices):
    """检查对象的主体类型."""

    ENTERPRISE = "enterprise", _("企业")
    INDIVIDUAL = "individual", _("个体工商户")
    COOPERATIVE = "cooperative", _("农民专业合作社")
    OTHER = "other", _("其他")


class PlanStatus(models.TextChoices):
    """抽查计划: drafted, drawn (the draw recorded, never redone), published with its draw, done."""

    DRAFT = "draft", _("编制中")
    DRAWN = "drawn", _("已抽取")
    PUBLISHED = "published", _("已公布")
    DONE = "done", _("已完成")


class TaskStatus(models.TextChoices):
    """One drawn entity's inspection: waiting, its result recorded, the result published."""

    PENDING = "pending", _("待检查")
    RECORDED = "recorded", _("结果已录入")
    PUBLISHED = "published", _("结果已公示")


class TaskOutcome(models.TextChoices):
    """抽查检查结果, in the words the credit-publicity system uses."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    CORRECTED = "corrected", _("发现问题，已责令改正")
    CASE_FILED = "case_filed", _("发现问题，已立案查处")
    TRANSFERRED = "transferred", _("发现问题，已移交有关部门")
    NO_ACTIVITY = "no_activity", _("未发现开展本次抽查涉及的经营活动")
    UNREACHABLE = "unreachable", _("通过登记的住所（经营场所）无法联系")
    CLOSED = "closed", _("已关闭停业或正在组织清算")
    REFUSED = "refused", _("不配合检查，情节严重")


class ItemOutcome(models.TextChoices):
    """One item checked at one entity; only 符合 and 发现问题 count as inspected for coverage."""

    COMPLIANT = "compliant", _("符合")
    PROBLEM = "problem", _("发现问题")
    NOT_INSPECTED = "not_inspected", _("未检查（不涉及或无法检查）")


INSPECTED_OUTCOMES = (ItemOutcome.COMPLIANT, ItemOutcome.PROBLEM)
