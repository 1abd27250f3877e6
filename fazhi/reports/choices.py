"""The words of the yearly rule-of-law report: its statuses, its recipients, how it is sent, and
where a body stands on it for the office's tracking page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已审批")
    SENT = "sent", _("已报送")
    PUBLISHED = "published", _("已公开")


SENT_STATUSES = (ReportStatus.SENT, ReportStatus.PUBLISHED)


class RecipientKind(models.TextChoices):
    """To whom the report goes (seed art. 44; art. 35 for the leading-group office)."""

    PARTY_COMMITTEE = "party_committee", _("同级党委")
    CONGRESS = "congress", _("同级人大常委会")
    HIGHER_GOVERNMENT = "higher_government", _("上一级人民政府")
    OWN_GOVERNMENT = "own_government", _("本级人民政府")
    LEADING_GROUP_OFFICE = "leading_group_office", _("依法行政工作领导小组办公室")


# Recipients off the platform: named in the settings, the send recorded with its date and means.
NAMED_KINDS = (RecipientKind.PARTY_COMMITTEE, RecipientKind.CONGRESS, RecipientKind.HIGHER_GOVERNMENT)


class SendMeans(models.TextChoices):
    PLATFORM = "platform", _("本平台报送")
    EXCHANGE = "exchange", _("电子公文交换")
    PAPER = "paper", _("纸质公文")
    CONFIDENTIAL = "confidential", _("机要交通")
    OTHER = "other", _("其他方式")


# What a user may choose for the recipients off the platform (the platform's own are automatic).
OFF_PLATFORM_MEANS = [choice for choice in SendMeans.choices if choice[0] != SendMeans.PLATFORM]


class Standing(models.TextChoices):
    """Where a body stands on its report for a year, as the tracking page shows it."""

    MISSING = "missing", _("未编制")
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已审批待报送")
    ON_TIME = "on_time", _("已按期报送")
    LATE = "late", _("逾期报送")
    OVERDUE = "overdue", _("逾期未报")
