"""The simple registers of the app, each described once: its model, the fields a user fills in
(with their labels, kinds and limits) and the article it serves.

`services` cleans and saves from these descriptions, the pages draw their forms and tables from
them, the API its serializers and the admin its columns, so that adding a field is one change.
The work points (art. 4) and the 普法责任清单 (art. 42) have workflows and their own services.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fazhi.capacity.choices import Channel, EducationForm, LearningKind, TestForm, TestKind, TrainingKind
from fazhi.capacity.models import (
    Appointment,
    EducationActivity,
    ExecutiveMeeting,
    HeadDuty,
    InductionTraining,
    LearningActivity,
    PublicityRecord,
    Staffing,
)

LINE, TEXT, DATE, COUNT, DECIMAL, SCORE, CHOICE, FLAG, AMOUNT, URL, ITEM, YEAR = (
    "line",
    "text",
    "date",
    "count",
    "decimal",
    "score",
    "choice",
    "flag",
    "amount",
    "url",
    "item",
    "year",
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = LINE
    required: bool = False
    choices: type | None = None
    # A person's name: shown in full to the body's own members, masked elsewhere and in the log.
    personal: bool = False
    positive: bool = False  # a count that cannot be zero (people who attended)
    help: str = ""

    def label(self, model) -> str:
        return str(model._meta.get_field(self.name).verbose_name)

    def limit(self, model) -> int | None:
        return getattr(model._meta.get_field(self.name), "max_length", None)


@dataclass(frozen=True)
class Register:
    key: str  # in URLs and the API: /office/capacity/<key>/
    model: type
    article: int
    fields: tuple[Field, ...]
    date_field: str  # the date (or `year`) that places a record in a year
    columns: tuple[str, ...]  # shown in the register's table
    intro: str = ""
    files: bool = False  # accepts attachments (core attachments)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def yearly(self) -> bool:
        """One record per body and year: the year is fixed when it is recorded."""
        return self.date_field == "year"

    @property
    def event(self) -> str:
        return self.model._meta.model_name

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)

    def editable(self) -> tuple[Field, ...]:
        """The fields a revision may change: all but the year of a yearly record."""
        return tuple(field for field in self.fields if field.kind != YEAR)


HEAD_DUTY = Register(
    "head-duty",
    HeadDuty,
    3,
    (
        Field("year", YEAR, required=True),
        Field("head_name", required=True, personal=True),
        Field("head_post", required=True),
        Field("reported_on", DATE, required=True, help=_("年终述职应在当年12月1日以后")),
        Field("text", TEXT, required=True),
    ),
    "year",
    ("year", "head_name", "head_post", "reported_on"),
    _("意见第三条：主要负责人是依法行政工作的第一责任人，履行推进依法行政第一责任人职责情况列入年终述职内容。"),
    files=True,
)
LEARNING = Register(
    "learning",
    LearningActivity,
    40,
    (
        Field("held_on", DATE, required=True),
        Field("kind", CHOICE, required=True, choices=LearningKind),
        Field("topic", required=True),
        Field("speaker", personal=True),
        Field("attendees", COUNT, required=True, positive=True),
        Field("leaders_present", TEXT, personal=True, help=_("姓名及职务，以顿号分隔")),
        Field("leadership_lecture", FLAG, help=_("人民政府领导班子举办的法治专题讲座（形式须为专题法治讲座）")),
    ),
    "held_on",
    ("held_on", "kind", "topic", "speaker", "attendees", "leadership_lecture"),
    _(
        "意见第四十条：行政机关每年组织法律知识培训、专题法治讲座等学法活动不少于两次；"
        "各市（区）人民政府领导班子每年举办两期以上法治专题讲座。"
    ),
    files=True,
)
APPOINTMENTS = Register(
    "appointments",
    Appointment,
    41,
    (
        Field("person_name", required=True, personal=True),
        Field("post", required=True),
        Field("appointed_on", DATE, required=True),
        Field("test_kind", CHOICE, choices=TestKind),
        Field("tested_on", DATE, help=_("应早于任职日期；任职后才考查测试的，第四十一条检查不达标")),
        Field("test_form", CHOICE, choices=TestForm),
        Field("score", SCORE, help=_("百分制成绩；不计分的填写考查测试结果")),
        Field("result"),
    ),
    "appointed_on",
    ("appointed_on", "person_name", "post", "test_kind", "tested_on", "score", "result"),
    _("意见第四十一条：加强对领导干部任职前法律知识考查和依法行政能力测试，将考查和测试结果作为任职前的重要参考。"),
)
TRAININGS = Register(
    "trainings",
    InductionTraining,
    41,
    (
        Field("kind", CHOICE, required=True, choices=TrainingKind),
        Field("title", required=True),
        Field("started_on", DATE, required=True),
        Field("ended_on", DATE, required=True),
        Field("trainees", COUNT, required=True, positive=True),
        Field("total_hours", DECIMAL, required=True),
        Field("legal_hours", DECIMAL, required=True),
        Field("legal_content", TEXT),
    ),
    "started_on",
    ("started_on", "kind", "title", "trainees", "total_hours", "legal_hours"),
    _("意见第四十一条：加大对公务员初任培训、任职培训中法律知识的培训力度。"),
)
EDUCATION = Register(
    "education",
    EducationActivity,
    42,
    (
        Field("held_on", DATE, required=True),
        Field("form", CHOICE, required=True, choices=EducationForm),
        Field("topic", required=True),
        Field("audience", required=True),
        Field("reached", COUNT, required=True, positive=True),
        Field("item", ITEM, help=_("本单位当年已公布的普法责任清单中的事项")),
    ),
    "held_on",
    ("held_on", "form", "topic", "audience", "reached", "item"),
    _("意见第四十二条：落实“谁执法、谁普法”普法责任制，将普法宣传教育贯穿于行政管理、执法办案全过程。"),
)
PUBLICITY = Register(
    "publicity",
    PublicityRecord,
    43,
    (
        Field("published_on", DATE, required=True),
        Field("channel", CHOICE, required=True, choices=Channel),
        Field("medium"),
        Field("title", required=True),
        Field("link", URL),
    ),
    "published_on",
    ("published_on", "channel", "medium", "title", "link"),
    _("意见第四十三条：大力宣传法治政府建设目标、工作部署、先进经验、典型做法（由考评员评分）。"),
)
STAFFING = Register(
    "staffing",
    Staffing,
    45,
    (
        Field("year", YEAR, required=True),
        Field("posts", COUNT, required=True),
        Field("staff", COUNT, required=True),
        Field("qualified", COUNT, required=True),
        Field("budget_included", FLAG),
        Field("budget_amount", AMOUNT, help=_("列入预算的，填写金额")),
        Field("note", TEXT),
    ),
    "year",
    ("year", "posts", "staff", "qualified", "budget_included", "budget_amount"),
    _("意见第四十五条：保障法制工作机构的人员配置与工作任务相适应；将依法行政工作经费列入年度预算（由考评员评分）。"),
)
MEETINGS = Register(
    "meetings",
    ExecutiveMeeting,
    54,
    (
        Field("name", required=True),
        Field("held_on", DATE, required=True),
        Field("topic", required=True),
        Field("problems", TEXT, required=True),
    ),
    "held_on",
    ("held_on", "name", "topic"),
    _("意见第五十四条：各市（区）人民政府常务会议应当每年不少于一次听取依法行政工作汇报，及时研究解决重大问题。"),
)

REGISTERS = {
    register.key: register
    for register in (HEAD_DUTY, LEARNING, APPOINTMENTS, TRAININGS, EDUCATION, PUBLICITY, STAFFING, MEETINGS)
}
BY_MODEL = {register.model: register for register in REGISTERS.values()}
