"""The seed's 56 articles, each with its kinds, its module and the bodies it binds — one table.

DESIGN §3 maps every article of 江府办〔2018〕7号 to the module that will implement it and to the
way it is made to hold (gate, register, metric, manual). That map is `TABLE` below, the only
place where it is written in code: the board, the evaluation, `fazhi obligations list` and the
checks all read it. The article texts are not copied in: they come from the official-document
parser run over the seed shipped in `data/`, so that the registry quotes the seed as issued.

Applicability is data too: a rule names body kinds and flags (any one suffices), so that one
rule answers both a single body (`applies_to`) and a queryset of many (`applicable_bodies`)
without the two ever disagreeing. An article whose clauses bind different bodies (art. 40's
leadership lectures bind the county governments only) lists its clauses with their own rules;
the article then applies to a body bound by any clause.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.choices import BodyKind, EvaluationGroup
from fazhi.obligations.choices import ObligationKind
from fazhi.texts import parser

SEED_FILE = "seed_jiangfuban_2018_7.txt"
SEED_DOC_NUMBER = "江府办〔2018〕7号"
ARTICLE_COUNT = 56
FLAGS = ("is_enforcement_agency", "has_legal_office", "is_reconsideration_body", "hosts_leading_group_office")


# --- applicability -------------------------------------------------------------------------


@dataclass(frozen=True)
class Applicability:
    """Which bodies a rule binds: those of one of `kinds`, or with one of `flags`, or evaluated."""

    label: str
    kinds: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    evaluated: bool = False

    def __post_init__(self):
        unknown = set(self.kinds) - set(BodyKind.values)
        if unknown:
            raise ValueError(f"unknown body kinds {sorted(unknown)}")
        if set(self.flags) - set(FLAGS):
            raise ValueError(f"unknown body flags {sorted(set(self.flags) - set(FLAGS))}")

    def __or__(self, other: Applicability) -> Applicability:
        return Applicability(
            label=f"{self.label}；{other.label}",
            kinds=self.kinds | other.kinds,
            flags=self.flags | other.flags,
            evaluated=self.evaluated or other.evaluated,
        )

    def matches(self, body) -> bool:
        return (
            body.kind in self.kinds
            or any(getattr(body, flag) for flag in self.flags)
            or (self.evaluated and body.evaluation_group != EvaluationGroup.NONE)
        )

    def q(self) -> Q:
        """The same rule as a filter on `core.Body`, for many bodies in one query."""
        query = Q(pk__in=[])
        if self.kinds:
            query |= Q(kind__in=sorted(self.kinds))
        for flag in sorted(self.flags):
            query |= Q(**{flag: True})
        if self.evaluated:
            query |= ~Q(evaluation_group=EvaluationGroup.NONE)
        return query


_GOVERNMENTS = {BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT}
_DEPARTMENTS = {BodyKind.CITY_DEPARTMENT, BodyKind.COUNTY_DEPARTMENT, BodyKind.VERTICAL}
# The seed's 行政机关: governments at every level (towns included) and their departments.
_ADMINISTRATIVE = _GOVERNMENTS | _DEPARTMENTS | {BodyKind.TOWN}

ADMINISTRATIVE = Applicability(_("各级人民政府和行政机关"), kinds=frozenset(_ADMINISTRATIVE))
PUBLIC_AFFAIRS = Applicability(
    _("行政机关和法律法规授权组织"), kinds=frozenset(_ADMINISTRATIVE | {BodyKind.AUTHORISED_ORGANISATION})
)
GOVERNMENTS = Applicability(_("市人民政府和各市（区）人民政府"), kinds=frozenset(_GOVERNMENTS))
COUNTY_GOVERNMENTS = Applicability(_("各市（区）人民政府"), kinds=frozenset({BodyKind.COUNTY_GOVERNMENT}))
DEPARTMENTS_AND_TOWNS = Applicability(_("政府工作部门和镇街"), kinds=frozenset(_DEPARTMENTS | {BodyKind.TOWN}))
RULEMAKING = Applicability(
    _("市人民政府及市直单位（地方性法规、规章的起草）"),
    kinds=frozenset({BodyKind.CITY_GOVERNMENT, BodyKind.CITY_DEPARTMENT}),
)
ENFORCEMENT = Applicability(_("行政执法机关"), flags=frozenset({"is_enforcement_agency"}))
RECONSIDERATION = Applicability(_("行政复议机关"), flags=frozenset({"is_reconsideration_body"}))
LEADING_GROUP_OFFICE = Applicability(
    _("依法行政工作领导小组办公室所在单位"), flags=frozenset({"hosts_leading_group_office"})
)
EVALUATED = Applicability(_("依法行政考评对象"), evaluated=True)
PROVINCIAL_EVALUATION = Applicability(
    _("各市（区）人民政府及市直单位"), kinds=frozenset({BodyKind.COUNTY_GOVERNMENT, BodyKind.CITY_DEPARTMENT})
)


@dataclass(frozen=True)
class Clause:
    """A part of an article that binds other bodies than the rest of it."""

    key: str
    label: str
    applicability: Applicability


# --- the table (DESIGN §3) -----------------------------------------------------------------

GATE, REGISTER, METRIC, MANUAL = (
    ObligationKind.GATE,
    ObligationKind.REGISTER,
    ObligationKind.METRIC,
    ObligationKind.MANUAL,
)


@dataclass(frozen=True)
class Row:
    articles: tuple[int, ...]
    requirement: str
    modules: tuple[str, ...]
    kinds: tuple[str, ...]
    applicability: Applicability | None = None
    clauses: tuple[Clause, ...] = ()


def _row(first, last, requirement, modules, kinds, applicability=None, clauses=()) -> Row:
    return Row(tuple(range(first, last + 1)), requirement, tuple(modules), tuple(kinds), applicability, clauses)


TABLE: list[Row] = [
    _row(1, 2, _("基本理念；政府职能转变"), ["capacity"], [MANUAL], ADMINISTRATIVE),
    _row(3, 3, _("主要负责人为第一责任人；履职情况列入年终述职"), ["capacity"], [REGISTER, METRIC], ADMINISTRATIVE),
    _row(
        4, 4, _("领导协调机制；年度工作要点有目标、计划、落实、考核"), ["capacity"], [REGISTER, METRIC], ADMINISTRATIVE
    ),
    _row(5, 5, _("权责清单编制、公开并适时调整"), ["powers"], [REGISTER, METRIC], ADMINISTRATIVE),
    _row(6, 6, _("起草地方性法规草案、制定政府规章"), ["documents"], [REGISTER], RULEMAKING),
    _row(7, 7, _("规范性文件征求意见、合法性审查、集体讨论"), ["documents"], [GATE, METRIC], PUBLIC_AFFAIRS),
    _row(8, 8, _("规范性文件统一登记、统一编号、统一发布"), ["documents"], [GATE, METRIC], PUBLIC_AFFAIRS),
    _row(9, 9, _("规范性文件有效期；届满前评估"), ["documents"], [GATE, METRIC], PUBLIC_AFFAIRS),
    _row(10, 10, _("年度重大行政决策事项目录并公开"), ["decisions"], [REGISTER, METRIC], ADMINISTRATIVE),
    _row(
        11,
        11,
        _("重大决策公众参与；反馈采纳情况及理由；参与平台"),
        ["decisions", "portal"],
        [GATE, METRIC],
        ADMINISTRATIVE,
    ),
    _row(12, 12, _("专业性、技术性较强的决策组织专家论证"), ["decisions"], [GATE, METRIC], ADMINISTRATIVE),
    _row(13, 13, _("重大影响的决策进行风险评估"), ["decisions"], [GATE, METRIC], ADMINISTRATIVE),
    _row(14, 14, _("集体讨论前合法性审查，未经审查或未通过不得决策"), ["decisions"], [GATE, METRIC], ADMINISTRATIVE),
    _row(15, 15, _("领导班子集体讨论决定，如实记录、完整存档"), ["decisions"], [GATE, METRIC], ADMINISTRATIVE),
    _row(16, 16, _("重大行政决策责任追究"), ["decisions"], [REGISTER], ADMINISTRATIVE),
    _row(17, 17, _("执法人员持证上岗；严守执法程序"), ["enforcement"], [GATE, METRIC], ENFORCEMENT),
    _row(
        18, 18, _("行政裁量权基准细化、量化、审查、公开、适用"), ["enforcement"], [REGISTER, GATE, METRIC], ENFORCEMENT
    ),
    _row(19, 19, _("执法事前、事中、事后公示"), ["enforcement", "portal"], [REGISTER, METRIC], ENFORCEMENT),
    _row(20, 20, _("执法全过程记录，台账、文书、档案可追溯"), ["enforcement"], [GATE, METRIC], ENFORCEMENT),
    _row(
        21, 21, _("重大执法决定法制审核；重大执法事项目录公开"), ["enforcement"], [GATE, REGISTER, METRIC], ENFORCEMENT
    ),
    _row(22, 22, _("行政执法与刑事司法衔接"), ["enforcement"], [REGISTER, METRIC], ENFORCEMENT),
    _row(23, 23, _("随机抽查全覆盖；跨部门联合抽查"), ["enforcement"], [REGISTER, METRIC], ENFORCEMENT),
    _row(24, 24, _("群众举报的违法行为及时查处或转交，不作为"), ["intake"], [REGISTER, METRIC], ENFORCEMENT),
    _row(25, 25, _("年度执法统计分析；每年至少一次案卷评查"), ["enforcement"], [METRIC], ENFORCEMENT),
    _row(26, 26, _("主动公开；政府信息公开目录及时更新"), ["disclosure"], [REGISTER, METRIC], PUBLIC_AFFAIRS),
    _row(
        27, 27, _("公开指南、年度报告、网站年度报表、重点领域信息"), ["disclosure"], [REGISTER, METRIC], PUBLIC_AFFAIRS
    ),
    _row(28, 28, _("政策文件与解读同步"), ["documents"], [GATE, METRIC], ADMINISTRATIVE),
    _row(29, 29, _("政务公开考核、社会评议、责任追究"), ["disclosure"], [MANUAL], GOVERNMENTS),
    _row(
        30,
        30,
        _("畅通行政复议渠道、依法办结；履行复议决定并报告"),
        ["reconsideration"],
        [REGISTER, METRIC],
        clauses=(
            Clause("handling", _("畅通申请渠道、严格办理程序、依法办结行政复议案件"), RECONSIDERATION),
            Clause("performance", _("依法履行行政复议决定并向复议机关报告履行情况"), PUBLIC_AFFAIRS),
        ),
    ),
    _row(
        31,
        31,
        _("公开复议受理范围、条件、程序；人员经费保障"),
        ["reconsideration", "portal"],
        [REGISTER, MANUAL],
        RECONSIDERATION,
    ),
    _row(
        32, 32, _("复议、应诉案件统计分析；重大案件报备"), ["reconsideration", "litigation"], [METRIC], ADMINISTRATIVE
    ),
    _row(
        33, 33, _("信访受理范围、程序；转送有权机关；导入法定途径"), ["petitions"], [REGISTER, METRIC], ADMINISTRATIVE
    ),
    _row(
        34,
        34,
        _("向人大报告工作；规章、规范性文件报备；办理建议提案"),
        ["oversight", "documents"],
        [REGISTER, METRIC],
        ADMINISTRATIVE,
    ),
    _row(35, 35, _("每年向领导小组办公室书面报告"), ["reports"], [REGISTER, METRIC], ADMINISTRATIVE),
    _row(36, 36, _("负责人出庭应诉；执行生效裁判"), ["litigation"], [REGISTER, METRIC], PUBLIC_AFFAIRS),
    _row(37, 37, _("配合检察监督；公益诉讼诉前程序"), ["litigation"], [REGISTER, METRIC], PUBLIC_AFFAIRS),
    _row(
        38,
        38,
        _("公布投诉举报渠道；登记、调查核实、依法及时处理"),
        ["intake", "portal"],
        [REGISTER, METRIC],
        ADMINISTRATIVE,
    ),
    _row(39, 39, _("公平竞争审查；不得出台排除、限制竞争的措施"), ["documents"], [GATE, METRIC], ADMINISTRATIVE),
    _row(
        40,
        40,
        _("每年学法活动不少于两次；市（区）政府领导班子法治讲座两期以上"),
        ["capacity"],
        [METRIC],
        clauses=(
            Clause("training", _("行政机关每年组织法律知识培训、专题法治讲座等学法活动不少于两次"), ADMINISTRATIVE),
            Clause(
                "leadership_lectures", _("各市（区）人民政府领导班子每年举办两期以上法治专题讲座"), COUNTY_GOVERNMENTS
            ),
        ),
    ),
    _row(41, 41, _("初任、任职培训中的法律知识；任职前法律知识考查"), ["capacity"], [REGISTER], ADMINISTRATIVE),
    _row(42, 42, _("“谁执法谁普法”普法责任制"), ["capacity"], [REGISTER, METRIC], ADMINISTRATIVE),
    _row(43, 43, _("宣传法治政府建设"), ["capacity"], [MANUAL], ADMINISTRATIVE),
    _row(
        44,
        44,
        _("每年1月底前报告上年度法治政府建设情况并向社会公开"),
        ["reports"],
        [REGISTER, METRIC],
        clauses=(
            Clause("government_report", _("市（区）人民政府向同级党委、人大常委会和上一级人民政府报告"), GOVERNMENTS),
            Clause("department_report", _("行政机关向本级政府报告"), DEPARTMENTS_AND_TOWNS),
        ),
    ),
    _row(45, 45, _("法制队伍与工作经费保障"), ["capacity"], [MANUAL], ADMINISTRATIVE),
    _row(
        46, 46, _("法律顾问制度；重大事务经法律顾问提出意见"), ["decisions"], [REGISTER, GATE, METRIC], ADMINISTRATIVE
    ),
    _row(47, 47, _("依法行政考评作为重要抓手"), ["assessment"], [REGISTER], ADMINISTRATIVE),
    _row(
        48,
        48,
        _("年度考评方案由领导小组办公室拟定、报政府批准"),
        ["assessment"],
        [REGISTER],
        clauses=(
            Clause("scheme", _("拟定年度考评方案并组织实施"), LEADING_GROUP_OFFICE),
            Clause("approval", _("批准考评方案"), GOVERNMENTS),
        ),
    ),
    _row(
        49,
        49,
        _("内部考核结合社会评议确定结果；政府通报；省抽查结果计分"),
        ["assessment"],
        [REGISTER],
        GOVERNMENTS | LEADING_GROUP_OFFICE,
    ),
    _row(50, 50, _("优秀、良好、一般三个等次，分组排名"), ["assessment"], [METRIC], EVALUATED),
    _row(51, 51, _("权重不低于绩效考核总分的10%；结果运用；取消评优资格"), ["assessment"], [METRIC], EVALUATED),
    _row(
        52,
        52,
        _("迎接省考评：任务分工、报送应考材料"),
        ["oversight"],
        [REGISTER],
        clauses=(
            Clause("organise", _("组织迎接省政府考评"), LEADING_GROUP_OFFICE),
            Clause("comply", _("服从任务分工、报送应考材料"), PROVINCIAL_EVALUATION),
        ),
    ),
    _row(
        53,
        53,
        _("违反要求扣分；约谈、责令整改、通报批评"),
        ["oversight", "assessment"],
        [REGISTER, METRIC],
        ADMINISTRATIVE,
    ),
    _row(54, 54, _("政府常务会议每年至少一次听取依法行政工作汇报"), ["capacity"], [METRIC], GOVERNMENTS),
    _row(55, 55, _("创新与先进经验（加分）"), ["assessment"], [MANUAL], ADMINISTRATIVE),
    _row(56, 56, _("定期检查和专项督查"), ["oversight"], [REGISTER], LEADING_GROUP_OFFICE),
]


# --- the obligations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Obligation:
    """One article of the seed as an obligation."""

    article: int
    number: str  # as written in the seed: （十四）
    chapter: int
    chapter_title: str
    text: str
    requirement: str
    kinds: tuple[str, ...]
    modules: tuple[str, ...]
    applicability: Applicability
    clauses: tuple[Clause, ...] = field(default=())

    @property
    def module(self) -> str:
        """The app that implements the article (the first one DESIGN §3 names)."""
        return self.modules[0]

    @property
    def automatic(self) -> bool:
        from fazhi.obligations import checks

        return checks.get_check(self.article) is not None

    def clause(self, key: str) -> Clause:
        for clause in self.clauses:
            if clause.key == key:
                return clause
        raise KeyError(f"article {self.article} has no clause {key!r}")

    def applies_to(self, body, clause: str | None = None) -> bool:
        rule = self.clause(clause).applicability if clause else self.applicability
        return rule.matches(body)

    def applicable_bodies(self, bodies, clause: str | None = None):
        rule = self.clause(clause).applicability if clause else self.applicability
        return bodies.filter(rule.q())

    def as_dict(self) -> dict:
        """The shape `fazhi obligations list --json` prints."""
        return {
            "article": self.article,
            "chapter": self.chapter,
            "text": self.text,
            "kinds": list(self.kinds),
            "module": self.module,
            "automatic": self.automatic,
        }


def seed_text() -> str:
    return resources.files("fazhi.obligations").joinpath("data", SEED_FILE).read_text(encoding="utf-8")


@functools.cache
def seed() -> parser.ParsedDocument:
    """The seed as the parser reads it; parsed once per process."""
    return parser.parse_text(seed_text())


@functools.cache
def _registry() -> dict[int, Obligation]:
    document = seed()
    rows = {article: row for row in TABLE for article in row.articles}
    obligations: dict[int, Obligation] = {}
    for chapter in document.chapters:
        for article in chapter.articles:
            row = rows[article.ordinal]
            applicability = row.applicability
            if applicability is None:
                applicability = functools.reduce(lambda a, b: a | b, (c.applicability for c in row.clauses))
            obligations[article.ordinal] = Obligation(
                article=article.ordinal,
                number=article.number,
                chapter=chapter.number,
                chapter_title=chapter.title,
                text=article.text,
                requirement=str(row.requirement),
                kinds=row.kinds,
                modules=row.modules,
                applicability=applicability,
                clauses=row.clauses,
            )
    if sorted(obligations) != list(range(1, ARTICLE_COUNT + 1)) or len(rows) != ARTICLE_COUNT:
        raise RuntimeError("the seed and the obligations table disagree on the articles")
    return obligations


def all_obligations() -> list[Obligation]:
    return list(_registry().values())


def get(article: int) -> Obligation:
    """The obligation of an article; KeyError when the seed has no such article."""
    return _registry()[article]


def applies_to(article: int | Obligation, body, clause: str | None = None) -> bool:
    """Whether the article (or one of its clauses) binds `body`, by its kind and flags."""
    obligation = article if isinstance(article, Obligation) else get(article)
    return obligation.applies_to(body, clause)


def applicable_bodies(article: int | Obligation, bodies, clause: str | None = None):
    """The bodies of a queryset that the article binds: the same rule as `applies_to`, in SQL."""
    obligation = article if isinstance(article, Obligation) else get(article)
    return obligation.applicable_bodies(bodies, clause)
