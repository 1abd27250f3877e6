from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectArea(models.TextChoices):
    """The matters on which a 设区的市 government may make rules (立法法（2023）第九十三条)."""

    URBAN_RURAL = "urban_rural", _("城乡建设与管理")
    ECOLOGY = "ecology", _("生态文明建设")
    HERITAGE = "heritage", _("历史文化保护")
    GRASSROOTS = "grassroots", _("基层治理")


class PlanStatus(models.TextChoices):
    """年度规章制定工作计划: drafted by the legal office, approved and published by the government (第十二条)."""

    DRAFT = "draft", _("拟订中")
    PUBLISHED = "published", _("已公布")


class RuleStatus(models.TextChoices):
    """Where a government rule stands in its workflow (`fazhi.rules.workflow`).

    `published` is the stored state after publication; whether the public sees 尚未施行 or 有效 on
    a given day follows from `effective_on` (`PublicStatus`). Rules have no validity period.
    """

    PLANNED = "planned", _("已立项，待起草")
    DRAFTING = "drafting", _("起草中")
    CONSULTING = "consulting", _("公开征求意见")
    LEGALITY_REVIEW = "legality_review", _("合法性审查中")
    REVIEWED = "reviewed", _("审查通过，待政府常务会议决定")
    DECIDED = "decided", _("已经会议决定，待市长签署")
    SIGNED = "signed", _("市长已签署，待编政府令序号")
    NUMBERED = "numbered", _("已编序号，待公布")
    PUBLISHED = "published", _("已公布")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    WITHDRAWN = "withdrawn", _("已撤回")


class RulePublicStatus(models.TextChoices):
    """What the public registry shows for a published rule on a given day."""

    NOT_YET_EFFECTIVE = "not_yet_effective", _("尚未施行")
    VALID = "valid", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")


class FilingRecipient(models.TextChoices):
    """Where a 设区的市 government rule is filed within 30 days (立法法（2023）第一百零九条第四项)."""

    STATE_COUNCIL = "state_council", _("国务院")
    LOCAL_CONGRESS = "local_congress", _("本级人民代表大会常务委员会")
    PROVINCIAL_CONGRESS = "provincial_congress", _("省人民代表大会常务委员会")
    PROVINCIAL_GOVERNMENT = "provincial_government", _("省人民政府")
