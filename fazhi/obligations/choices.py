from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationKind(models.TextChoices):
    """How an article is made to hold (DESIGN §3): by a gate, a register, a metric or an evaluator."""

    GATE = "gate", _("流程关口")
    REGISTER = "register", _("台账公开")
    METRIC = "metric", _("数据指标")
    MANUAL = "manual", _("人工评分")


class CheckStatus(models.TextChoices):
    MET = "met", _("已落实")
    NOT_MET = "not_met", _("未落实")
    NOT_YET_DUE = "not_yet_due", _("未到期")
    NOT_APPLICABLE = "not_applicable", _("不适用")


class BoardStatus(models.TextChoices):
    """A cell of the compliance board: a check's status, or 人工评分 for an article an evaluator scores."""

    MET = "met", _("已落实")
    NOT_MET = "not_met", _("未落实")
    NOT_YET_DUE = "not_yet_due", _("未到期")
    NOT_APPLICABLE = "not_applicable", _("不适用")
    MANUAL = "manual", _("人工评分")


# One letter a cell in `Standing.statuses`, so that a body's day is one short string.
STATUS_CODES = {
    BoardStatus.MET: "m",
    BoardStatus.NOT_MET: "n",
    BoardStatus.NOT_YET_DUE: "d",
    BoardStatus.NOT_APPLICABLE: "a",
    BoardStatus.MANUAL: "h",
}
CODE_STATUSES = {code: status for status, code in STATUS_CODES.items()}
