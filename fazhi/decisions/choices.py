from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogStatus(models.TextChoices):
    """年度重大行政决策事项目录 (条例第三条第三款): agreed by the same-level party committee, then published."""

    DRAFT = "draft", _("编制中")
    AGREED = "agreed", _("党委已同意")
    PUBLISHED = "published", _("已公布")


class DecisionCategory(models.TextChoices):
    """The matters of 重大行政决策程序暂行条例第三条第一款."""

    PUBLIC_POLICY = "public_policy", _("公共服务、市场监管、社会管理、环境保护等重大公共政策和措施")
    PLANNING = "planning", _("经济和社会发展等方面的重要规划")
    RESOURCES = "resources", _("开发利用、保护重要自然资源和文化资源的重大公共政策和措施")
    CONSTRUCTION = "construction", _("重大公共建设项目")
    OTHER = "other", _("对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项")


class DecisionStatus(models.TextChoices):
    """Where a major decision stands in its procedure (`fazhi.decisions.workflow`)."""

    DRAFTING = "drafting", _("拟订决策草案")
    LEGALITY_REVIEW = "legality_review", _("合法性审查中")
    REVIEWED = "reviewed", _("待集体讨论")
    DECIDED = "decided", _("已作出决定")
    NOT_ADOPTED = "not_adopted", _("未予通过")
    REPORTED = "reported", _("已向党委请示报告")
    PUBLISHED = "published", _("已公布执行")
    SUSPENDED = "suspended", _("中止执行")
    ADJUSTED = "adjusted", _("已调整")
    WITHDRAWN = "withdrawn", _("已撤回")


class HeadDecision(models.TextChoices):
    """行政首长在集体讨论的基础上作出的决定 (第三十条)."""

    ADOPTED = "adopted", _("通过")
    ADOPTED_WITH_CHANGES = "adopted_with_changes", _("修改后通过")
    NOT_ADOPTED = "not_adopted", _("不予通过")


class RiskLevel(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


class RiskArea(models.TextChoices):
    """The impacts the seed's art. 13 and 条例第二十二条 name."""

    SOCIAL_STABILITY = "social_stability", _("社会稳定")
    PUBLIC_SAFETY = "public_safety", _("公共安全")
    ECONOMY = "economy", _("经济发展")
    ENVIRONMENT = "environment", _("生态环境")
    FISCAL = "fiscal", _("财政风险")
    LEGAL_DISPUTE = "legal_dispute", _("法律纠纷风险")


class ArgumentationForm(models.TextChoices):
    """条例第二十条."""

    MEETING = "meeting", _("论证会")
    WRITTEN = "written", _("书面咨询")
    COMMISSIONED = "commissioned", _("委托咨询论证")


class AdviserKind(models.TextChoices):
    """意见第四十六条: the legal-adviser team of legal-office staff, scholars and lawyers; 公职律师."""

    LEGAL_OFFICE_STAFF = "legal_office_staff", _("法制工作机构人员")
    SCHOLAR = "scholar", _("法学专家")
    LAWYER = "lawyer", _("律师")
    PUBLIC_LAWYER = "public_lawyer", _("公职律师")


class EvaluationTrigger(models.TextChoices):
    """决策后评估的情形 (条例第三十六条第一款)."""

    BELOW_EXPECTATIONS = "below_expectations", _("实施后明显未达到预期效果")
    MANY_OPINIONS = "many_opinions", _("公民、法人或者其他组织提出较多意见")
    DEEMED_NECESSARY = "deemed_necessary", _("决策机关认为有必要")


class EvaluationConclusion(models.TextChoices):
    CONTINUE = "continue", _("继续执行")
    ADJUST = "adjust", _("调整决策")
    STOP = "stop", _("停止执行")


class AccountabilityGround(models.TextChoices):
    """条例第三十八条至第四十一条."""

    DECIDING_BODY = "deciding_body", _("决策机关违反规定或者决策严重失误、久拖不决（第三十八条）")
    UNDERTAKING_UNIT = "undertaking_unit", _("承办单位未履行决策程序或者失职渎职、弄虚作假（第三十九条）")
    EXECUTING_UNIT = "executing_unit", _("执行单位拒不执行、推诿拖延或者瞒报谎报漏报（第四十条）")
    EXPERTS = "experts", _("论证评估的专家、机构违反职业道德和规定（第四十一条）")


class AccountabilityStatus(models.TextChoices):
    OPEN = "open", _("调查处理中")
    CONCLUDED = "concluded", _("已办结")
