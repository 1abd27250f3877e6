"""The words of 政务公开 as the law and the national yearly-report format use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """主动公开政府信息的类别: 政府信息公开条例 art. 20 (every body) and art. 21 (governments)."""

    # 第二十条
    RULES = "rules", _("行政法规、规章和规范性文件")
    ORGANISATION = "organisation", _("机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名")
    PLANNING = "planning", _("规划及相关政策")
    STATISTICS = "statistics", _("国民经济和社会发展统计信息")
    LICENSING = "licensing", _("行政许可和其他对外管理服务事项")
    PENALTIES = "penalties", _("行政处罚、行政强制")
    BUDGET = "budget", _("财政预算、决算信息")
    FEES = "fees", _("行政事业性收费项目及其依据、标准")
    PROCUREMENT = "procurement", _("政府集中采购项目的目录、标准及实施情况")
    PROJECTS = "projects", _("重大建设项目的批准和实施情况")
    WELFARE = "welfare", _("扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况")
    EMERGENCIES = "emergencies", _("突发公共事件的应急预案、预警信息及应对情况")
    SUPERVISION = "supervision", _("环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况")
    RECRUITMENT = "recruitment", _("公务员招考的职位、名额、报考条件等事项以及录用结果")
    OTHER = "other", _("法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")
    # 第二十一条（设区的市级、县级人民政府及其部门）
    MUNICIPAL = "municipal", _("市政建设")
    PUBLIC_SERVICES = "public_services", _("公共服务")
    PUBLIC_WELFARE = "public_welfare", _("公益事业")
    LAND_EXPROPRIATION = "land_expropriation", _("土地征收")
    HOUSING_EXPROPRIATION = "housing_expropriation", _("房屋征收")
    PUBLIC_SECURITY = "public_security", _("治安管理")
    SOCIAL_ASSISTANCE = "social_assistance", _("社会救助")


# The categories of 条例 art. 21: for the governments of cities with districts and counties.
GOVERNMENT_CATEGORIES = (
    Category.MUNICIPAL,
    Category.PUBLIC_SERVICES,
    Category.PUBLIC_WELFARE,
    Category.LAND_EXPROPRIATION,
    Category.HOUSING_EXPROPRIATION,
    Category.PUBLIC_SECURITY,
    Category.SOCIAL_ASSISTANCE,
)


class KeyArea(models.TextChoices):
    """重点领域信息 (意见第二十七条)."""

    BUDGET = "budget", _("财政预决算")
    RESOURCES = "resources", _("公共资源配置")
    PROJECTS = "projects", _("重大建设项目批准和实施")
    PUBLIC_WELFARE = "public_welfare", _("社会公益事业建设")
    REGULATION = "regulation", _("公共监管")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("待公开")
    PUBLISHED = "published", _("已公开")
    WITHDRAWN = "withdrawn", _("已撤回")


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("现行")
    SUPERSEDED = "superseded", _("已被新版本替代")


class Channel(models.TextChoices):
    """How the request came (条例 art. 31 fixes the day of receipt by it)."""

    ONLINE = "online", _("互联网")
    IN_PERSON = "in_person", _("当面提交")
    LETTER = "letter", _("信函")


class ApplicantKind(models.TextChoices):
    """申请人类型, as the columns of the national yearly-report table."""

    PERSON = "person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    SOCIAL_WELFARE = "social_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他组织")


class InfoForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    INSPECTION = "inspection", _("查阅")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    COLLECT = "collect", _("自行领取")
    EMAIL = "email", _("电子邮件")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("待确认收到")
    HANDLING = "handling", _("办理中")
    CORRECTING = "correcting", _("待补正")
    CONSULTING = "consulting", _("征求第三方意见")
    ANSWERED = "answered", _("已答复")


class AnswerType(models.TextChoices):
    """办理结果 (条例 arts. 36–39; 年度报告格式 table 三、本年度办理结果)."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD = "withheld", _("不予公开")
    UNABLE = "unable", _("无法提供")
    NOT_HANDLED = "not_handled", _("不予处理")
    OTHER = "other", _("其他处理")


class Ground(models.TextChoices):
    """The grounds under 不予公开、无法提供、不予处理、其他处理, numbered as the national format."""

    SECRET = "secret", _("属于国家秘密")
    PROHIBITED = "prohibited", _("其他法律行政法规禁止公开")
    SECURITY = "security", _("危及“三安全一稳定”")
    THIRD_PARTY = "third_party", _("保护第三方合法权益")
    INTERNAL = "internal", _("属于三类内部事务信息")
    PROCESS = "process", _("属于四类过程性信息")
    CASE_FILE = "case_file", _("属于行政执法案卷")
    QUERY = "query", _("属于行政查询事项")
    NOT_HELD = "not_held", _("本机关不掌握相关政府信息")
    NEEDS_MAKING = "needs_making", _("没有现成信息需要另行制作")
    STILL_UNCLEAR = "still_unclear", _("补正后申请内容仍不明确")
    PETITION = "petition", _("信访举报投诉类申请")
    REPEATED = "repeated", _("重复申请")
    PUBLICATION = "publication", _("要求提供公开出版物")
    EXCESSIVE = "excessive", _("无正当理由大量反复申请")
    CONFIRMATION = "confirmation", _("要求行政机关确认或重新出具已获取信息")
    NO_CORRECTION = "no_correction", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    NO_FEE = "no_fee", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = "other", _("其他")


GROUNDS = {
    AnswerType.DISCLOSED: (),
    AnswerType.PARTIAL: (),
    AnswerType.WITHHELD: (
        Ground.SECRET,
        Ground.PROHIBITED,
        Ground.SECURITY,
        Ground.THIRD_PARTY,
        Ground.INTERNAL,
        Ground.PROCESS,
        Ground.CASE_FILE,
        Ground.QUERY,
    ),
    AnswerType.UNABLE: (Ground.NOT_HELD, Ground.NEEDS_MAKING, Ground.STILL_UNCLEAR),
    AnswerType.NOT_HANDLED: (
        Ground.PETITION,
        Ground.REPEATED,
        Ground.PUBLICATION,
        Ground.EXCESSIVE,
        Ground.CONFIRMATION,
    ),
    AnswerType.OTHER: (Ground.NO_CORRECTION, Ground.NO_FEE, Ground.OTHER),
}


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("编写中")
    SUBMITTED = "submitted", _("已提交")
    PUBLISHED = "published", _("已公布")


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("政府信息公开工作年度报告")
    WEBSITE = "website", _("政府网站工作年度报表")
