"""The words of 行政复议法 (2023): statuses, channels, procedures and the decisions, each with its article."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    FORWARDING = "forwarding", _("待被申请人转送")
    RECEIVED = "received", _("待审查受理")
    COMPLETION = "completion", _("补正中")
    ACCEPTED = "accepted", _("审理中")
    SUSPENDED = "suspended", _("中止")
    DECIDED = "decided", _("已作出复议决定")
    MEDIATED = "mediated", _("已调解结案")
    TERMINATED = "terminated", _("已终止")
    REFUSED = "refused", _("不予受理")
    WITHDRAWN = "withdrawn", _("视为放弃申请")


OPEN_STATUSES = (
    CaseStatus.FORWARDING,
    CaseStatus.RECEIVED,
    CaseStatus.COMPLETION,
    CaseStatus.ACCEPTED,
    CaseStatus.SUSPENDED,
)


class Channel(models.TextChoices):
    """How the application came (art. 22; art. 32 through the respondent)."""

    ONLINE = "online", _("网上申请")
    LETTER = "letter", _("邮寄书面申请")
    IN_PERSON = "in_person", _("当面提交申请书")
    ORAL = "oral", _("口头申请（当场记录）")
    FORWARDED = "forwarded", _("经作出处罚决定的机关转送")


OFFICE_CHANNELS = (Channel.LETTER, Channel.IN_PERSON, Channel.ORAL)


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class SimplifiedGround(models.TextChoices):
    """Art. 53: where the facts are clear, rights and duties plain and the dispute small."""

    ON_THE_SPOT = "on_the_spot", _("被申请的行政行为是当场作出（第五十三条第一款第一项）")
    WARNING = "warning", _("警告或者通报批评（第一项第二项）")
    SMALL_AMOUNT = "small_amount", _("案件涉及款额三千元以下（第三项）")
    DISCLOSURE = "disclosure", _("政府信息公开案件（第四项）")
    CONSENT = "consent", _("当事人各方同意适用简易程序（第五十三条第二款）")


class SuspensionReason(models.TextChoices):
    """Art. 39 (1)–(10)."""

    APPLICANT_DIED = "1", _("申请人死亡，其近亲属尚未确定是否参加（第三十九条第一款第一项）")
    INCAPACITY = "2", _("申请人丧失行为能力，尚未确定法定代理人（第二项）")
    MISSING = "3", _("申请人下落不明（第三项）")
    ORGANISATION_ENDED = "4", _("申请人法人或其他组织终止，尚未确定权利义务承受人（第四项）")
    FORCE_MAJEURE = "5", _("因不可抗力或其他正当理由不能参加（第五项）")
    MEDIATION = "6", _("调解、和解，申请人和被申请人同意中止（第六项）")
    INTERPRETATION = "7", _("法律适用问题需要有权机关解释或确认（第七项）")
    OTHER_CASE = "8", _("需以其他案件的审理结果为依据（第八项）")
    INCIDENTAL_REVIEW = "9", _("规范性文件附带审查（第九项，第五十六条、第五十七条）")
    OTHER = "10", _("其他需要中止的情形（第十项）")


# Suspended 60 days for these, the case may be terminated (art. 41(5)).
TERMINABLE_AFTER_60_DAYS = (
    SuspensionReason.APPLICANT_DIED,
    SuspensionReason.INCAPACITY,
    SuspensionReason.ORGANISATION_ENDED,
)


class TerminationReason(models.TextChoices):
    """Art. 41 (1)–(5); a withdrawal after settlement (art. 74) is (1) with `settled`."""

    WITHDRAWN = "1", _("申请人撤回申请，准予撤回（第四十一条第一项）")
    NO_RELATIVE = "2", _("申请人死亡，没有近亲属或近亲属放弃（第二项）")
    NO_SUCCESSOR = "3", _("法人或其他组织终止，没有承受人或承受人放弃（第三项）")
    CRIMINAL = "4", _("因同一违法行为涉嫌犯罪被采取刑事强制措施（第四项）")
    SUSPENDED_60_DAYS = "5", _("依第三十九条第一款第一、二、四项中止满六十日，原因仍未消除（第五项）")


class DecisionType(models.TextChoices):
    """The decisions a reconsideration body may make (arts. 63–69, 33)."""

    CHANGE = "change", _("变更（第六十三条）")
    REVOKE = "revoke", _("撤销（第六十四条）")
    PARTIAL_REVOKE = "partial_revoke", _("部分撤销（第六十四条）")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法（第六十五条）")
    ORDER_PERFORMANCE = "order_performance", _("责令履行（第六十六条）")
    CONFIRM_VOID = "confirm_void", _("确认无效（第六十七条）")
    MAINTAIN = "maintain", _("维持（第六十八条）")
    DISMISS_REQUEST = "dismiss_request", _("驳回行政复议请求（第六十九条）")
    DISMISS_APPLICATION = "dismiss_application", _("驳回行政复议申请（第三十三条）")


# What seed art. 32's statistics count as correcting the act (纠错).
CORRECTING = (
    DecisionType.CHANGE,
    DecisionType.REVOKE,
    DecisionType.PARTIAL_REVOKE,
    DecisionType.CONFIRM_ILLEGAL,
    DecisionType.ORDER_PERFORMANCE,
    DecisionType.CONFIRM_VOID,
)
# Decisions that need an act of the respondent within a period: ordered, or optional (redo).
PERIOD_REQUIRED = (DecisionType.ORDER_PERFORMANCE,)
PERIOD_ALLOWED = (
    DecisionType.CHANGE,
    DecisionType.REVOKE,
    DecisionType.PARTIAL_REVOKE,
    DecisionType.CONFIRM_ILLEGAL,
    DecisionType.ORDER_PERFORMANCE,
    DecisionType.CONFIRM_VOID,
)


class ProceedingKind(models.TextChoices):
    OPINION = "opinion", _("听取意见（第四十九条）")
    HEARING = "hearing", _("听证（第五十条、第五十一条）")
    COMMITTEE = "committee", _("行政复议委员会咨询意见（第五十二条）")


class LetterStatus(models.TextChoices):
    ISSUED = "issued", _("待报送纠正情况")
    REPORTED = "reported", _("已报送纠正情况")
