from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentPeriod(models.TextChoices):
    """Which minimum comment period applies: the keys of `fazhi.clock.periods`."""

    DECISION = "decision-comment", _("重大行政决策")
    RULE = "rule-comment", _("规章")
    NORMATIVE = "normative-comment", _("行政规范性文件")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("已截止")
    FEEDBACK_PUBLISHED = "feedback_published", _("已公布反馈")


class CommentDecision(models.TextChoices):
    PENDING = "pending", _("待处理")
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class ReviewKind(models.TextChoices):
    LEGALITY = "legality", _("合法性审查")
    FAIR_COMPETITION = "fair_competition", _("公平竞争审查")


class ReviewStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("审查中")
    PASSED = "passed", _("审查通过")
    FAILED = "failed", _("审查未通过")
    RESUBMITTED = "resubmitted", _("已重新报送")


class StageStatus(models.TextChoices):
    WAITING = "waiting", _("待送审")
    UNDER_REVIEW = "under_review", _("审查中")
    CONCLUDED = "concluded", _("已出具意见")


class ReviewOutcome(models.TextChoices):
    PASS = "pass", _("通过")
    FAIL = "fail", _("不通过")
    PASS_WITH_CHANGES = "pass_with_changes", _("修改后通过")


class CompetitionCategory(models.TextChoices):
    """The four standards of 公平竞争审查条例 arts. 8–11."""

    MARKET_ENTRY = "market_entry", _("市场准入和退出（第八条）")
    FREE_MOVEMENT = "free_movement", _("商品、要素自由流动（第九条）")
    PRODUCTION_COSTS = "production_costs", _("生产经营成本（第十条）")
    BUSINESS_CONDUCT = "business_conduct", _("生产经营行为（第十一条）")


class ExceptionGround(models.TextChoices):
    """The grounds of 公平竞争审查条例 art. 12 on which a restricting measure may still issue."""

    NATIONAL_SECURITY = "national_security", _("维护国家安全和发展利益（第十二条第一项）")
    INNOVATION = "innovation", _("促进科学技术进步、增强国家自主创新能力（第十二条第二项）")
    PUBLIC_INTEREST = "public_interest", _("节约能源、保护环境、救灾救助等社会公共利益（第十二条第三项）")
    OTHER_LAW = "other_law", _("法律、行政法规规定的其他情形（第十二条第四项）")


class MeetingKind(models.TextChoices):
    EXECUTIVE = "executive", _("常务会议")
    PLENARY = "plenary", _("全体会议")
    BUREAU = "bureau", _("局务会议")
    CASE_REVIEW = "case_review", _("案件集体讨论会议")
    OTHER = "other", _("其他会议")


class MeetingOutcome(models.TextChoices):
    AGREED = "agreed", _("同意")
    AGREED_IN_PRINCIPLE = "agreed_in_principle", _("原则同意")
    REJECTED = "rejected", _("不同意")
    DEFERRED = "deferred", _("暂缓")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("待签署")
    SIGNED = "signed", _("已签署")
