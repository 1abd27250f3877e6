from django.db import models
from django.utils.translation import gettext_lazy as _


class PowerCategory(models.TextChoices):
    """The kinds of administrative power a 权责清单 is compiled by."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他")


class PowerStatus(models.TextChoices):
    """How a listed power is exercised; towns may hold powers delegated to them (DESIGN §1)."""

    IN_FORCE = "in_force", _("正常实施")
    DELEGATED = "delegated", _("委托镇街实施")
    SUSPENDED = "suspended", _("暂停实施")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("现行")
    SUPERSEDED = "superseded", _("已被替代")
    DISCARDED = "discarded", _("已放弃")


class ChangeReason(models.TextChoices):
    """Why a list changes: seed art. 5 names the two triggers after the first compilation."""

    INITIAL = "initial", _("初次编制")
    LAW_AMENDED = "law_amended", _("法律、法规、规章修改")
    FUNCTIONS_ADJUSTED = "functions_adjusted", _("机构职能调整")
    OTHER = "other", _("其他")
