from django.db import models
from django.utils.translation import gettext_lazy as _


class IntakeKind(models.TextChoices):
    REPORT = "report", _("举报")
    COMPLAINT = "complaint", _("投诉")


class Route(models.TextChoices):
    """How a category finds its handling body."""

    RULES = "rules", _("按类别和地区的受理规则")
    SUPERVISOR = "supervisor", _("被投诉单位的上级政府指定的受理机构")


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("投诉举报电话")
    POST = "post", _("通讯地址")
    EMAIL = "email", _("电子邮箱")
    ONLINE = "online", _("网上投诉举报（本平台）")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("办理中")
    REFUSED = "refused", _("不予受理")
    CONCLUDED = "concluded", _("已办结")


class Result(models.TextChoices):
    FILED = "filed", _("立案查处")
    NOT_FILED = "not_filed", _("不予立案")
    UNFOUNDED = "unfounded", _("情况不属实")
    RECTIFIED = "rectified", _("已责令整改")
    MEDIATED = "mediated", _("调解达成协议")
    MEDIATION_ENDED = "mediation_ended", _("终止调解")
    HANDLED = "handled", _("已核实处理")


class TransferDirection(models.TextChoices):
    DOWN = "down", _("按照管辖权限转交下级机关")
    ACROSS = "across", _("转交有处理权限的机关")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")
