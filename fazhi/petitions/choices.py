"""The words of 信访工作条例 (2022): categories, statuses, outcomes and the statutory channels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """The three kinds of 信访事项 the regulation handles differently (arts. 29–31)."""

    SUGGESTION = "suggestion", _("建议意见")
    ACCUSATION = "accusation", _("检举控告")
    CLAIM = "claim", _("申诉求决")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("待登记")
    FORWARDED = "forwarded", _("已转送交办")
    ACCEPTED = "accepted", _("办理中")
    REFERRED = "referred", _("已导入法定途径")
    INFORMED = "informed", _("已告知向有权机关提出")
    ANSWERED = "answered", _("已出具处理意见")
    REVIEW = "review", _("复查中")
    REVIEWED = "reviewed", _("已出具复查意见")
    RECHECK = "recheck", _("复核中")
    CLOSED = "closed", _("信访终结")


class ForwardMode(models.TextChoices):
    FORWARD = "forward", _("转送")
    ASSIGN = "assign", _("交办")


class Channel(models.TextChoices):
    """The statutory channels a matter is led into instead of being handled as a petition (art. 31)."""

    LITIGATION = "litigation", _("诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    RECONSIDERATION = "reconsideration", _("行政复议")
    PROCURATORATE = "procuratorate", _("检察机关法律监督程序")
    POLICE = "police", _("公安机关法律程序")
    ADMINISTRATIVE = "administrative", _("行政裁决、行政确认、行政许可、行政处罚等行政程序")
    PARTY_APPEAL = "party_appeal", _("党员申诉、申请复审")


class Outcome(models.TextChoices):
    """What the written opinion (处理意见书) says, by category (arts. 29, 30, 32)."""

    SUPPORTED = "supported", _("予以支持")
    PARTLY_SUPPORTED = "partly_supported", _("部分支持")
    EXPLAINED = "explained", _("作出解释说明")
    NOT_SUPPORTED = "not_supported", _("不予支持")
    ADOPTED = "adopted", _("予以采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")
    SUBSTANTIATED = "substantiated", _("查证属实，已依法处理")
    PARTLY_SUBSTANTIATED = "partly_substantiated", _("部分属实，已依法处理")
    NOT_SUBSTANTIATED = "not_substantiated", _("查无实据")


OUTCOMES_BY_CATEGORY = {
    Category.CLAIM: (Outcome.SUPPORTED, Outcome.PARTLY_SUPPORTED, Outcome.EXPLAINED, Outcome.NOT_SUPPORTED),
    Category.SUGGESTION: (Outcome.ADOPTED, Outcome.PARTLY_ADOPTED, Outcome.NOT_ADOPTED),
    Category.ACCUSATION: (Outcome.SUBSTANTIATED, Outcome.PARTLY_SUBSTANTIATED, Outcome.NOT_SUBSTANTIATED),
}


class ReviewOutcome(models.TextChoices):
    """复查、复核意见."""

    UPHELD = "upheld", _("维持原处理意见")
    CHANGED = "changed", _("变更原处理意见")
    REDO = "redo", _("撤销原处理意见，责令重新处理")
