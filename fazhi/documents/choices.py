from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """Who issues the document decides who numbers it (意见第八条): 市府办 or the legal office."""

    GOVERNMENT = "government", _("政府规范性文件")
    DEPARTMENT = "department", _("部门规范性文件")


class DocumentStatus(models.TextChoices):
    """Where a normative document stands in its workflow (`fazhi.documents.workflow`).

    `in_force` is the stored state after publication; whether the public sees 有效 or 失效 on a
    given day is derived from the dates (`PublicStatus`), so expiry needs no one to act.
    """

    DRAFTING = "drafting", _("起草中")
    CONSULTING = "consulting", _("公开征求意见")
    COMPETITION_REVIEW = "competition_review", _("公平竞争审查中")
    LEGALITY_REVIEW = "legality_review", _("合法性审查中")
    REVIEWED = "reviewed", _("审查通过，待集体讨论")
    DECIDED = "decided", _("已集体讨论，待统一编号")
    NUMBERED = "numbered", _("已统一编号，待统一发布")
    IN_FORCE = "in_force", _("已发布")
    EXPIRED = "expired", _("已失效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    WITHDRAWN = "withdrawn", _("已撤回")


class PublicStatus(models.TextChoices):
    """What the public registry shows for a published document on a given day."""

    NOT_YET_EFFECTIVE = "not_yet_effective", _("尚未施行")
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("已废止")
    AMENDED = "amended", _("已修改")


class EvaluationDecision(models.TextChoices):
    """The outcome of the evaluation before expiry (意见第九条)."""

    CONTINUE = "continue", _("继续有效")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")
