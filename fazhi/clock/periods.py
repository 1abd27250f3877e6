"""Every statutory period the platform counts, in one table (DESIGN §4, "Periods").

When a law changes, this table is the one place to change: workflows, reminders, reports and
the `fazhi due` command all look periods up here by key, and every due date is shown with the
source written next to its period. Units follow the law's own words: where a law declares its
short periods to be working days (行政复议法 art. 88, 行政处罚法 art. 85, 行政强制法 art. 69, and
政府信息公开条例 throughout, which says 工作日) the unit is `working_days`; everywhere else a 日 is a
calendar day, whose period still runs on to the next working day when it ends on a rest day.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from fazhi.clock.choices import PeriodKind, Unit
from fazhi.core.errors import InvalidInput

DAYS, WORKING_DAYS, MONTHS, HOURS = Unit.DAYS, Unit.WORKING_DAYS, Unit.MONTHS, Unit.HOURS
DEADLINE, MINIMUM = PeriodKind.DEADLINE, PeriodKind.MINIMUM

_FUYI = "行政复议法（2023）"
_SUSONG = "行政诉讼法（2017）"
_GONGKAI = "政府信息公开条例（2019）"
_XINFANG = "信访工作条例（2022）"
_CHUFA = "行政处罚法（2021）"
_QIANGZHI = "行政强制法"
_YISONG = "行政执法机关移送涉嫌犯罪案件的规定"
_JUECE = "重大行政决策程序暂行条例"
_GUIZHANG = "规章制定程序条例"
_GONGYI = "最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释"
_DAIBIAO = "全国人民代表大会和地方各级人民代表大会代表法（2025）"
_GUOBAN_2018_37 = "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知（国办发〔2018〕37号）"
_GUANGDONG = "广东省行政规范性文件有效期制度（地方实践，可配置）"
_GUANGDONG_FILING = "广东省行政规范性文件备案制度（地方实践，可配置）"
_BEIAN = "法规规章备案审查条例（2024）"
_SEED = "江门市关于加强依法行政工作的若干意见（江府办〔2018〕7号）"


@dataclass(frozen=True)
class Period:
    """One statutory period. `max_extension` is the one extension the law allows, in `unit`."""

    key: str
    label: str
    length: int
    unit: str
    kind: str
    source: str
    max_extension: int | None = None
    note: str = ""

    def describe(self) -> str:
        """The period in words, e.g. `20个工作日（可延长20个工作日）`."""
        text = f"{self.length}{Unit(self.unit).label}"
        if self.max_extension:
            text += _("（可延长%(length)d%(unit)s）") % {
                "length": self.max_extension,
                "unit": str(Unit(self.unit).label),
            }
        return text


_TABLE = [
    # 行政复议
    Period(
        "reconsideration-apply",
        "申请行政复议",
        60,
        DAYS,
        DEADLINE,
        f"{_FUYI}第二十条、第二十一条",
        note="自知道或者应当知道行政行为之日起；未告知申请期限的最长一年，且不超过五年（不动产二十年）",
    ),
    Period(
        "reconsideration-accept",
        "行政复议申请审查受理",
        5,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第三十条、第八十八条",
        note="逾期未作处理的，视为受理",
    ),
    Period(
        "reconsideration-complete-notice",
        "通知补正行政复议申请",
        5,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第三十一条、第八十八条",
    ),
    Period(
        "reconsideration-complete-submit",
        "申请人提交补正材料",
        10,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第三十一条、第八十八条",
        note="无正当理由逾期不补正的，视为放弃申请",
    ),
    Period(
        "reconsideration-reply-copy",
        "发送行政复议申请书副本",
        7,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第四十八条、第八十八条",
    ),
    Period(
        "reconsideration-reply", "被申请人提出书面答复", 10, WORKING_DAYS, DEADLINE, f"{_FUYI}第四十八条、第八十八条"
    ),
    Period(
        "reconsideration-reply-copy-simplified",
        "发送申请书副本（简易程序）",
        3,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第五十四条、第八十八条",
    ),
    Period(
        "reconsideration-reply-simplified",
        "被申请人书面答复（简易程序）",
        5,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第五十四条、第八十八条",
    ),
    Period(
        "reconsideration-decide",
        "作出行政复议决定",
        60,
        DAYS,
        DEADLINE,
        f"{_FUYI}第三十九条、第六十二条",
        max_extension=30,
        note="延长须经行政复议机构负责人批准并书面告知当事人；中止期间不计入",
    ),
    Period(
        "reconsideration-decide-simplified", "作出行政复议决定（简易程序）", 30, DAYS, DEADLINE, f"{_FUYI}第六十二条"
    ),
    Period("reconsideration-opinion-reply", "报送行政复议意见书纠正情况", 60, DAYS, DEADLINE, f"{_FUYI}第七十六条"),
    Period(
        "reconsideration-forward",
        "转送当场或电子监控处罚的行政复议申请",
        5,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第三十二条、第八十八条",
        note="作出行政处罚决定的行政机关自收到申请之日起；认为需要维持处罚决定的，转送行政复议机关",
    ),
    Period(
        "reconsideration-hearing-notice",
        "听证通知（举行听证的五日前）",
        5,
        WORKING_DAYS,
        MINIMUM,
        f"{_FUYI}第五十一条、第八十八条",
        note="于举行听证的五日前将听证的时间、地点和拟听证事项书面通知当事人",
    ),
    # 复议、应诉案件统计分析与重大案件报备（意见第三十二条）
    Period(
        "dispute-major-report",
        "重大、复杂或社会影响较大的复议、应诉案件上报备案",
        15,
        DAYS,
        DEADLINE,
        f"{_SEED}第（三十二）项；行政复议法实施条例第五十九条",
        note="自列为重大案件之日起；规定为“及时”，期限为地方实践，可配置",
    ),
    Period(
        "dispute-analysis-report",
        "报送年度行政复议、行政应诉案件统计分析报告",
        1,
        MONTHS,
        DEADLINE,
        f"{_SEED}第（三十二）项；行政复议法实施条例第五十八条",
        note="自年度终了之日起；期限为地方实践，可配置",
    ),
    # 行政诉讼与检察监督
    Period(
        "litigation-defence",
        "提交证据、依据并提出答辩状",
        15,
        DAYS,
        DEADLINE,
        f"{_SUSONG}第六十七条",
        note="自收到起诉状副本之日起",
    ),
    Period("litigation-appeal-judgment", "不服一审判决提起上诉", 15, DAYS, DEADLINE, f"{_SUSONG}第八十五条"),
    Period("litigation-appeal-ruling", "不服一审裁定提起上诉", 10, DAYS, DEADLINE, f"{_SUSONG}第八十五条"),
    Period("procuratorial-reply", "书面回复检察建议", 2, MONTHS, DEADLINE, f"{_GONGYI}第二十一条"),
    Period("procuratorial-reply-urgent", "书面回复检察建议（紧急情形）", 15, DAYS, DEADLINE, f"{_GONGYI}第二十一条"),
    # 政府信息公开
    Period(
        "disclosure-answer",
        "答复政府信息公开申请",
        20,
        WORKING_DAYS,
        DEADLINE,
        f"{_GONGKAI}第三十一条、第三十三条",
        max_extension=20,
        note="延长须经政府信息公开工作机构负责人同意并告知申请人；征求第三方和其他机关意见的时间不计入",
    ),
    Period("disclosure-extension", "延长答复政府信息公开申请", 20, WORKING_DAYS, DEADLINE, f"{_GONGKAI}第三十三条"),
    Period(
        "disclosure-correction",
        "告知补正政府信息公开申请",
        7,
        WORKING_DAYS,
        DEADLINE,
        f"{_GONGKAI}第三十条",
        note="答复期限自收到补正的申请之日起重新计算",
    ),
    Period("disclosure-third-party", "第三方提出意见", 15, WORKING_DAYS, DEADLINE, f"{_GONGKAI}第三十二条"),
    Period(
        "proactive-disclosure",
        "主动公开政府信息",
        20,
        WORKING_DAYS,
        DEADLINE,
        f"{_GONGKAI}第二十六条",
        note="自政府信息形成或者变更之日起",
    ),
    # 信访
    Period("petition-register", "登记、转送交办并告知信访人", 15, DAYS, DEADLINE, f"{_XINFANG}第二十二条、第二十三条"),
    Period("petition-object", "对转送交办的信访事项提出异议", 5, WORKING_DAYS, DEADLINE, f"{_XINFANG}第二十三条"),
    Period(
        "petition-handle",
        "办结信访事项",
        60,
        DAYS,
        DEADLINE,
        f"{_XINFANG}第三十四条",
        max_extension=30,
        note="延长须经本机关、单位负责人批准，并告知信访人延期理由",
    ),
    Period("petition-extension", "延长信访事项办理期限", 30, DAYS, DEADLINE, f"{_XINFANG}第三十四条"),
    Period(
        "petition-review",
        "请求复查（复核）及提出复查（复核）意见",
        30,
        DAYS,
        DEADLINE,
        f"{_XINFANG}第三十五条、第三十六条",
    ),
    # 行政处罚与行政强制
    Period(
        "penalty-decide",
        "作出行政处罚决定",
        90,
        DAYS,
        DEADLINE,
        f"{_CHUFA}第六十条",
        note="自立案之日起；法律、法规、规章另有规定的从其规定",
    ),
    Period("penalty-hearing-request", "要求听证", 5, WORKING_DAYS, DEADLINE, f"{_CHUFA}第六十四条、第八十五条"),
    Period("penalty-delivery", "送达行政处罚决定书", 7, WORKING_DAYS, DEADLINE, f"{_CHUFA}第六十一条、第八十五条"),
    Period(
        "penalty-withdraw-publicity",
        "撤回已公开的行政处罚决定信息",
        3,
        WORKING_DAYS,
        DEADLINE,
        f"{_CHUFA}第四十八条、第八十五条",
    ),
    Period(
        "seizure",
        "查封、扣押",
        30,
        DAYS,
        DEADLINE,
        f"{_QIANGZHI}第二十五条",
        max_extension=30,
        note="延长须经行政机关负责人批准并书面告知当事人",
    ),
    Period("coercion-onsite-report", "当场实施行政强制措施后报告", 24, HOURS, DEADLINE, f"{_QIANGZHI}第十九条"),
    Period("criminal-transfer-approve", "批准或者不批准移送涉嫌犯罪案件", 3, DAYS, DEADLINE, f"{_YISONG}第五条"),
    Period("criminal-transfer-send", "批准后向公安机关移送", 24, HOURS, DEADLINE, f"{_YISONG}第五条"),
    Period("criminal-transfer-police", "公安机关审查移送案件", 3, DAYS, DEADLINE, f"{_YISONG}第八条"),
    Period("criminal-transfer-handover", "移交涉案物品和材料", 3, DAYS, DEADLINE, f"{_YISONG}第十二条"),
    # 重大行政决策与规章
    Period(
        "decision-comment",
        "重大行政决策公开征求意见",
        30,
        DAYS,
        MINIMUM,
        f"{_JUECE}第十五条",
        note="一般不少于30日；情况紧急需要缩短的应当说明",
    ),
    Period(
        "decision-legality-review",
        "重大行政决策合法性审查",
        7,
        WORKING_DAYS,
        MINIMUM,
        f"{_JUECE}第二十六条",
        note="一般不少于7个工作日",
    ),
    Period("rule-comment", "规章草案公开征求意见", 30, DAYS, MINIMUM, f"{_GUIZHANG}第十五条"),
    Period(
        "rule-effect", "规章自公布至施行", 30, DAYS, MINIMUM, f"{_GUIZHANG}第三十二条", note="自公布之日起30日后施行"
    ),
    Period("rule-filing", "规章报送备案", 30, DAYS, DEADLINE, f"{_GUIZHANG}第三十四条"),
    # 规范性文件与代表建议
    Period(
        "normative-comment",
        "行政规范性文件公开征求意见",
        7,
        WORKING_DAYS,
        MINIMUM,
        _GUOBAN_2018_37,
        note="一般不少于7个工作日；地方规定更长的，在此调整",
    ),
    Period(
        "normative-validity",
        "规范性文件有效期",
        60,
        MONTHS,
        DEADLINE,
        _GUANGDONG,
        note="有效期最长5年；届满前6个月起评估",
    ),
    Period(
        "normative-validity-provisional",
        "暂行、试行规范性文件有效期",
        24,
        MONTHS,
        DEADLINE,
        _GUANGDONG,
        note="有效期最长2年",
    ),
    Period(
        "normative-filing",
        "规范性文件报送备案",
        30,
        DAYS,
        DEADLINE,
        _GUANGDONG_FILING,
        note="自公布之日起；与规章报送备案同为30日（规章制定程序条例第三十四条），地方规定不同的，在此调整",
    ),
    Period(
        "filing-correction",
        "备案审查责令纠正后报送处理情况",
        30,
        DAYS,
        DEADLINE,
        f"{_BEIAN}第二十一条（参照）",
        note="自收到纠正通知之日起",
    ),
    Period(
        "incidental-review-reply",
        "制定机关对附带审查提出书面答复",
        10,
        WORKING_DAYS,
        DEADLINE,
        f"{_FUYI}第五十八条、第八十八条",
        note="自收到行政复议机构书面通知之日起",
    ),
    Period(
        "incidental-review-handle",
        "行政复议机关处理附带审查申请",
        30,
        DAYS,
        DEADLINE,
        f"{_FUYI}第五十六条、第五十七条",
        note="无权处理的，应当在7个工作日内转送有权处理的机关",
    ),
    Period(
        "inspection-result-publicity",
        "公示随机抽查检查结果",
        20,
        WORKING_DAYS,
        DEADLINE,
        "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见（国发〔2019〕5号）；"
        "企业信息公示暂行条例（2014）第六条第二款",
        note="自检查结论作出之日起",
    ),
    Period("deputy-suggestion-reply", "答复人大代表建议", 3, MONTHS, DEADLINE, f"{_DAIBIAO}第五十一条"),
    Period(
        "deputy-suggestion-reply-complex",
        "答复人大代表建议（涉及面广、处理难度大）",
        6,
        MONTHS,
        DEADLINE,
        f"{_DAIBIAO}第五十一条",
    ),
    # oversight: 建议提案、人大审议意见 (seed art. 34). 代表法 sets the deputies' periods; the CPPCC
    # proposals' 3 (6) months, the reassignment window and the second answer are local practice,
    # and 监督法 asks for the written report on 审议意见 without a period.
    Period(
        "cppcc-proposal-reply",
        "答复政协委员提案",
        3,
        MONTHS,
        DEADLINE,
        f"{_SEED}第（三十四）项；政协提案办理工作规定（地方实践，可配置）",
        note="自交办之日起；3个月内办复为全国和广东省提案办理的通行做法，法律未规定期限，在此调整",
    ),
    Period(
        "cppcc-proposal-reply-complex",
        "答复政协委员提案（涉及面广、处理难度大）",
        6,
        MONTHS,
        DEADLINE,
        f"{_SEED}第（三十四）项；政协提案办理工作规定（地方实践，可配置）",
        note="自交办之日起；参照代表法第五十一条对代表建议的规定，在此调整",
    ),
    Period(
        "proposal-reassign-request",
        "承办单位申请调整建议、提案的承办单位",
        5,
        WORKING_DAYS,
        DEADLINE,
        f"{_SEED}第（三十四）项；建议提案交办规定（地方实践，可配置）",
        note="自交办之日起；认为不属于本单位职责的，在此期限内向交办机关说明理由申请退回改办，逾期不再调整",
    ),
    Period(
        "proposal-second-reply",
        "代表、委员不满意的建议、提案再次答复",
        1,
        MONTHS,
        DEADLINE,
        f"{_DAIBIAO}第五十一条；建议提案办理规定（地方实践，可配置）",
        note="自收到不满意意见之日起重新研究办理并再次答复；期限为地方实践，在此调整",
    ),
    Period(
        "congress-opinion-report",
        "向人大常委会书面报告审议意见研究处理情况",
        3,
        MONTHS,
        DEADLINE,
        "各级人民代表大会常务委员会监督法（2024）第十七条、第二十九条、第三十七条",
        note="自收到审议意见之日起；法律未规定期限，3个月为地方实践"
        "（上海市人大常委会议事规则第二十六条、河南省实施监督法办法第十一条），在此调整",
    ),
    # 投诉举报 (seed arts. 24, 38). 市场监督管理行政处罚程序规定 is not in the corpus: its art. 18
    # (核查线索 15 working days, +15 with the head's approval) is cited from the 2022 text.
    Period(
        "intake-report-verify",
        "核查举报并决定是否立案",
        15,
        WORKING_DAYS,
        DEADLINE,
        "市场监督管理行政处罚程序规定（2022）第十八条；市场监督管理投诉举报处理暂行办法（2022）第三十一条",
        max_extension=15,
        note="自收到举报材料之日起；实名举报的，自作出是否立案决定之日起5个工作日内告知举报人（暂行办法第三十一条第二款）",
    ),
    Period(
        "intake-complaint-accept",
        "决定是否受理投诉",
        7,
        WORKING_DAYS,
        DEADLINE,
        "市场监督管理投诉举报处理暂行办法（2022）第十四条",
        note="自收到投诉之日起，并告知投诉人",
    ),
    Period(
        "intake-complaint-mediate",
        "投诉调解",
        45,
        WORKING_DAYS,
        DEADLINE,
        "市场监督管理投诉举报处理暂行办法（2022）第二十一条第一款第（五）项",
        note="自投诉受理之日起；未能达成调解协议的终止调解，并于7个工作日内告知双方",
    ),
    Period(
        "intake-report-handle",
        "核查处理举报",
        15,
        WORKING_DAYS,
        DEADLINE,
        "江门市行政行为投诉举报登记制度（可配置）；江府办〔2018〕7号第（二十四）项",
        note="法律、法规、规章另有规定的，依照其规定",
    ),
    Period(
        "intake-conduct-register",
        "登记受理对机关及其工作人员的投诉",
        3,
        WORKING_DAYS,
        DEADLINE,
        "江门市行政行为投诉举报登记制度（可配置）；江府办〔2018〕7号第（三十八）项",
    ),
    Period(
        "intake-conduct-handle",
        "办结对机关及其工作人员的投诉并答复",
        30,
        DAYS,
        DEADLINE,
        "江门市行政行为投诉举报登记制度（可配置）；江府办〔2018〕7号第（三十八）项",
        note="自受理之日起",
    ),
]

PERIODS: dict[str, Period] = {period.key: period for period in _TABLE}
assert len(PERIODS) == len(_TABLE), "period keys are unique"


def get(key: str) -> Period:
    """The period for a matter key; an unknown key is the caller's mistake, said in Chinese."""
    try:
        return PERIODS[key]
    except KeyError:
        raise InvalidInput(
            _("未知的期限事项：%(key)s（可用 `fazhi due --list` 查看全部事项）") % {"key": key},
            code="unknown_matter",
        ) from None
