from django.db import models
from django.utils.translation import gettext_lazy as _


class FormatKind(models.TextChoices):
    """What a number is for: each kind has its own shape and is given out by its own office."""

    DOC_NUMBER = "doc_number", _("发文字号")
    REGISTRATION = "registration", _("登记号")
    ORDER = "order", _("政府令序号")


class NumberStatus(models.TextChoices):
    """A number, once recorded, stays recorded: voided and reserved numbers are never given again."""

    ISSUED = "issued", _("已编号")
    VOIDED = "voided", _("已作废")
    RESERVED = "reserved", _("历史文号（预留）")
