from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateStatus(models.TextChoices):
    """行政执法证 as recorded; 已过期 is read from the expiry date, never stored."""

    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("注销")


class BenchmarkStatus(models.TextChoices):
    """行政处罚裁量基准 (意见第十八条): drafted, reviewed by the legal office, then published."""

    DRAFT = "draft", _("起草中")
    REVIEWED = "reviewed", _("已审核")
    PUBLISHED = "published", _("已公布")
    SUPERSEDED = "superseded", _("已被新版本替代")


class Harm(models.TextChoices):
    """危害后果, a fact that sets the band."""

    NONE = "none", _("没有造成危害后果")
    MINOR = "minor", _("危害后果轻微")
    GENERAL = "general", _("造成一定危害后果")
    SERIOUS = "serious", _("危害后果严重")


class PenaltyKind(models.TextChoices):
    """行政处罚的种类 (行政处罚法第九条)."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    DOWNGRADE = "downgrade", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_ACTIVITY = "restrict_activity", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("法律、行政法规规定的其他行政处罚")


# 行政处罚法第六十三条: the penalties that carry the right to a hearing (besides 较大数额 fines).
HEARING_PENALTIES = frozenset(
    {
        PenaltyKind.DOWNGRADE,
        PenaltyKind.REVOKE_LICENCE,
        PenaltyKind.SUSPEND_BUSINESS,
        PenaltyKind.CLOSE,
        PenaltyKind.RESTRICT_PRACTICE,
    }
)


class NoPenaltyGround(models.TextChoices):
    """不予行政处罚 (行政处罚法第三十三条; 首违不罚)."""

    MINOR_CORRECTED = "minor_corrected", _("违法行为轻微并及时改正，没有造成危害后果（第三十三条第一款）")
    FIRST_VIOLATION = "first_violation", _("初次违法且危害后果轻微并及时改正（首违不罚，第三十三条第一款）")
    NO_FAULT = "no_fault", _("有证据足以证明没有主观过错（第三十三条第二款）")
    FACTS_UNPROVEN = "facts_unproven", _("违法事实不能成立（第五十七条第一款第三项）")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    ON_THE_SPOT = "on_the_spot", _("简易程序（当场处罚）")


class PartyKind(models.TextChoices):
    PERSON = "person", _("公民")
    ORGANISATION = "organisation", _("法人或者其他组织")


class CaseStatus(models.TextChoices):
    """Where a case stands (`fazhi.enforcement.workflow`)."""

    FILED = "filed", _("已立案")
    INVESTIGATED = "investigated", _("调查终结")
    NOTIFIED = "notified", _("已告知")
    HEARING = "hearing", _("听证")
    UNDER_REVIEW = "under_review", _("法制审核")
    DECIDED = "decided", _("已决定")
    NOT_PENALISED = "not_penalised", _("不予处罚")
    SERVED = "served", _("已送达")
    EXECUTED = "executed", _("已执行")
    TRANSFERRED = "transferred", _("已移送司法机关")
    CLOSED = "closed", _("已结案")


class ServiceMethod(models.TextChoices):
    """送达方式 (行政处罚法第六十一条 and 民事诉讼法)."""

    IN_PERSON = "in_person", _("直接送达")
    ELECTRONIC = "electronic", _("电子送达（当事人同意并签订确认书）")
    POST = "post", _("邮寄送达")
    LEFT = "left", _("留置送达")
    PUBLIC_NOTICE = "public_notice", _("公告送达")


class DocumentKind(models.TextChoices):
    """The standard enforcement instruments (行政执法文书) a case generates."""

    FILING = "filing", _("立案审批表")
    INQUIRY = "inquiry", _("询问笔录")
    INSPECTION = "inspection", _("现场检查笔录")
    NOTICE = "notice", _("行政处罚告知书")
    HEARING_NOTICE = "hearing_notice", _("听证通知书")
    DECISION = "decision", _("行政处罚决定书")
    NO_PENALTY = "no_penalty", _("不予行政处罚决定书")
    ON_THE_SPOT = "on_the_spot", _("当场行政处罚决定书")
    SERVICE = "service", _("送达回证")
    SEIZURE = "seizure", _("查封（扣押）决定书")
    CLOSURE = "closure", _("结案审批表")


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟移送")
    APPROVED = "approved", _("已批准移送")
    NOT_APPROVED = "not_approved", _("不批准移送")
    SENT = "sent", _("已移送")
    ACCEPTED = "accepted", _("公安机关已立案")
    NOT_ACCEPTED = "not_accepted", _("公安机关不予立案")
    RETURNED = "returned", _("退回行政处罚")
