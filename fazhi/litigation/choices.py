"""The words of 行政诉讼法 (2017) and the 两高 public-interest interpretation: levels, kinds,
statuses, outcomes and the court's measures against a body that will not perform."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class CaseKind(models.TextChoices):
    ORDINARY = "ordinary", _("普通行政诉讼")
    PUBLIC_INTEREST = "public_interest", _("行政公益诉讼")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("待答辩")
    DEFENDED = "defended", _("已答辩")
    HEARD = "heard", _("已开庭")
    DECIDED = "decided", _("已判决（裁定），上诉期内")
    APPEALED = "appealed", _("已上诉")
    EFFECTIVE = "effective", _("裁判已生效")
    EXECUTING = "executing", _("履行中")
    CLOSED = "closed", _("已结案")


class DecisionType(models.TextChoices):
    JUDGMENT = "judgment", _("判决")
    RULING = "ruling", _("裁定")


class Outcome(models.TextChoices):
    """判决 (arts. 69–78) and the rulings that end a case."""

    DISMISS_CLAIMS = "dismiss_claims", _("驳回诉讼请求")
    REVOKE = "revoke", _("撤销")
    PARTLY_REVOKE = "partly_revoke", _("部分撤销")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法")
    CONFIRM_VOID = "confirm_void", _("确认无效")
    PERFORM = "perform", _("判决履行法定职责")
    PAY = "pay", _("判决给付")
    CHANGE = "change", _("判决变更")
    COMPENSATE = "compensate", _("判决赔偿、补偿")
    UPHOLD = "uphold", _("驳回上诉，维持原判")
    AMEND = "amend", _("改判")
    REMAND = "remand", _("发回重审")
    DISMISS_SUIT = "dismiss_suit", _("驳回起诉")
    WITHDRAWAL = "withdrawal", _("准许撤诉")
    TERMINATE = "terminate", _("终结诉讼")


JUDGMENT_OUTCOMES = (
    Outcome.DISMISS_CLAIMS,
    Outcome.REVOKE,
    Outcome.PARTLY_REVOKE,
    Outcome.CONFIRM_ILLEGAL,
    Outcome.CONFIRM_VOID,
    Outcome.PERFORM,
    Outcome.PAY,
    Outcome.CHANGE,
    Outcome.COMPENSATE,
    Outcome.UPHOLD,
    Outcome.AMEND,
)
RULING_OUTCOMES = (Outcome.DISMISS_SUIT, Outcome.WITHDRAWAL, Outcome.TERMINATE, Outcome.UPHOLD, Outcome.REMAND)
OUTCOMES_BY_TYPE = {DecisionType.JUDGMENT: JUDGMENT_OUTCOMES, DecisionType.RULING: RULING_OUTCOMES}
# Outcomes against the body (败诉): the act revoked, confirmed illegal or void, or a duty imposed.
LOST_OUTCOMES = frozenset(
    {
        Outcome.REVOKE,
        Outcome.PARTLY_REVOKE,
        Outcome.CONFIRM_ILLEGAL,
        Outcome.CONFIRM_VOID,
        Outcome.PERFORM,
        Outcome.PAY,
        Outcome.CHANGE,
        Outcome.COMPENSATE,
    }
)


class Appellant(models.TextChoices):
    PLAINTIFF = "plaintiff", _("原告")
    DEFENDANT = "defendant", _("被告（本机关）")
    THIRD_PARTY = "third_party", _("第三人")
    PROCURATORATE = "procuratorate", _("检察机关")


class AbsenceReason(models.TextChoices):
    """行政机关负责人不能出庭的情形 (最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第八条)."""

    FORCE_MAJEURE = "force_majeure", _("不可抗力")
    ACCIDENT = "accident", _("意外事件")
    OFFICIAL_DUTY = "official_duty", _("需要履行他人不能代替的公务")
    OTHER = "other", _("无法出庭的其他正当事由")


class CourtMeasure(models.TextChoices):
    """What the court may do when a body refuses to perform (行政诉讼法 第九十六条)."""

    TRANSFER = "transfer", _("通知银行从该行政机关账户内划拨")
    FINE = "fine", _("对行政机关负责人按日处罚款")
    ANNOUNCE = "announce", _("将拒绝履行的情况予以公告")
    SUGGESTION = "suggestion", _("向监察机关或者上一级行政机关提出司法建议")
    DETENTION = "detention", _("对直接负责的主管人员和其他直接责任人员予以拘留")


class SuggestionKind(models.TextChoices):
    SUGGESTION = "suggestion", _("检察建议")
    PRE_LITIGATION = "pre_litigation", _("诉前检察建议（行政公益诉讼诉前程序）")


class SuggestionStatus(models.TextChoices):
    RECEIVED = "received", _("待回复")
    REPLIED = "replied", _("已书面回复")
    CLOSED = "closed", _("已办结")
    SUED = "sued", _("已提起行政公益诉讼")
