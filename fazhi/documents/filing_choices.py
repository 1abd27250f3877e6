"""Statuses and outcomes of filing (备案, seed art. 34) and of the reviews that reach a document."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FilingRoute(models.TextChoices):
    """Where a published document is filed: a government's with the same-level People's Congress
    standing committee and the next government up, a department's with its own government."""

    STANDING_COMMITTEE = "standing_committee", _("报本级人大常委会备案")
    SUPERIOR_GOVERNMENT = "superior_government", _("报上一级人民政府备案")
    SAME_LEVEL_GOVERNMENT = "same_level_government", _("报本级人民政府备案")


class FilingStatus(models.TextChoices):
    PENDING = "pending", _("待报送")
    SUBMITTED = "submitted", _("已报送")
    RECEIVED = "received", _("已登记，审查中")
    NO_PROBLEM = "no_problem", _("审查无问题")
    CORRECTION_ORDERED = "correction_ordered", _("责令纠正")
    CORRECTED = "corrected", _("已纠正")
    REVOKED = "revoked", _("已撤销")


class FilingOutcome(models.TextChoices):
    """The receiving body's review of a filed document (有备必审、有错必纠)."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    CORRECTION = "correction", _("责令纠正")
    REVOKED = "revoked", _("予以撤销")


class IncidentalOrigin(models.TextChoices):
    """How a document came under incidental review in a reconsideration (行政复议法 arts. 56–57)."""

    APPLICANT = "applicant", _("申请人一并提出附带审查申请（第十三条、第五十六条）")
    EX_OFFICIO = "ex_officio", _("复议机关审查中认为依据不合法（第五十七条）")


class IncidentalStatus(models.TextChoices):
    AWAITING_REPLY = "awaiting_reply", _("待制定机关答复")
    REPLIED = "replied", _("制定机关已答复")
    CONCLUDED = "concluded", _("已处理")


class IncidentalOutcome(models.TextChoices):
    """What the reconsideration body decided (行政复议法 arts. 56, 59)."""

    LAWFUL = "lawful", _("相关条款合法，在复议决定书中一并告知")
    STOP_AND_CORRECT = "stop_and_correct", _("决定停止执行相关条款，责令制定机关纠正")
    FORWARDED = "forwarded", _("无权处理，转送有权处理的机关")
