"""依法行政能力与责任落实 (seed arts. 3–4, 40–43, 45, 54): what a body keeps for a year.

- the head's duty as first responsible, reported in the year-end 述职 (`HeadDuty`, art. 3);
- the yearly 依法行政工作要点 with its measures, their follow-up and the year-end assessment
  (`WorkPoints`, `WorkMeasure`, `MeasureProgress`, art. 4);
- 学法活动, among them the county leadership's 法治专题讲座 (`LearningActivity`, art. 40);
- leaders appointed with their pre-appointment test, and civil servants' initial and in-post
  training with its legal content (`Appointment`, `InductionTraining`, art. 41);
- the 普法责任清单, published when approved, and the 普法 activities under it (`DutyList`,
  `DutyListItem`, `EducationActivity`, art. 42);
- rule-of-law publicity (`PublicityRecord`, art. 43) and staff and budget (`Staffing`, art. 45),
  registers for the evaluator;
- the government executive meetings that hear the work (`ExecutiveMeeting`, art. 54).

Every record belongs to a body (its own members record it; whoever's scope reaches the body, the
leading-group office above it, reads) and to a year. The minimums and dates that are policy, not
law, are one row of `CapacitySettings`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.capacity.choices import (
    Channel,
    DutyListStatus,
    EducationForm,
    LearningKind,
    TestForm,
    TestKind,
    TrainingKind,
    WorkPointsStatus,
)
from fazhi.core.access import member_body_ids, scope_body_ids

_BY = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class CapacityQuerySet(models.QuerySet):
    """Who sees and records: the body's own members with a role that changes records; whoever's
    scope reaches the body (the leading-group office above it, a head, an evaluator) reads only."""

    body_field = "body"

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        ids = scope_body_ids(user, action)
        if action != "view":
            ids = ids & member_body_ids(user)
        return self.filter(**{f"{self.body_field}__in": ids})


class MeasureQuerySet(CapacityQuerySet):
    body_field = "plan__body"


class ProgressQuerySet(CapacityQuerySet):
    body_field = "measure__plan__body"


class DutyItemQuerySet(CapacityQuerySet):
    body_field = "duty_list__body"


# --- settings ------------------------------------------------------------------------------------

SOURCES = {
    "training_minimum": _("意见第四十条第二款：行政机关每年组织法律知识培训、专题法治讲座等学法活动不少于两次"),
    "leadership_lecture_minimum": _("意见第四十条第二款：各市（区）人民政府领导班子每年举办两期以上法治专题讲座"),
    "executive_meeting_minimum": _("意见第五十四条：各市（区）人民政府常务会议应当每年不少于一次听取依法行政工作汇报"),
    "work_points": _("本地做法（可配置）：意见第四条要求制订年度依法行政工作要点，未规定印发期限"),
    "duty_report": _(
        "本地做法（可配置）：意见第三条要求履职情况列入年终述职，未规定报送期限；工作要点的年终考核同期完成"
    ),
}


class CapacitySettings(models.Model):
    """The seed's minimums and the local dates, as one row of data (the defaults are the seed's).

    Without a saved row the defaults apply; the admin saves the one row (its id is always 1)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    training_minimum = models.PositiveSmallIntegerField(
        _("每年学法活动最少次数"), default=2, validators=[MinValueValidator(1)], help_text=SOURCES["training_minimum"]
    )
    leadership_lecture_minimum = models.PositiveSmallIntegerField(
        _("市（区）政府领导班子每年法治专题讲座最少期数"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=SOURCES["leadership_lecture_minimum"],
    )
    executive_meeting_minimum = models.PositiveSmallIntegerField(
        _("政府常务会议每年听取依法行政工作汇报最少次数"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=SOURCES["executive_meeting_minimum"],
    )
    work_points_month = models.PositiveSmallIntegerField(
        _("工作要点印发期限（月）"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=SOURCES["work_points"],
    )
    work_points_day = models.PositiveSmallIntegerField(
        _("工作要点印发期限（日）"), default=31, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    duty_report_month = models.PositiveSmallIntegerField(
        _("年终述职期限（次年，月）"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=SOURCES["duty_report"],
    )
    duty_report_day = models.PositiveSmallIntegerField(
        _("年终述职期限（次年，日）"), default=31, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("依法行政能力配置")
        verbose_name_plural = _("依法行政能力配置")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="capacity_settings_single_row")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def clean(self):
        for month, day in (("work_points_month", "work_points_day"), ("duty_report_month", "duty_report_day")):
            try:
                datetime.date(2024, getattr(self, month) or 0, getattr(self, day) or 0)  # 2024: 29 February exists
            except ValueError:
                raise ValidationError({day: _("月、日不是有效的日期。")}) from None

    @staticmethod
    def _day(year: int, month: int, day: int) -> datetime.date:
        """The date in `year`; 29 February falls back to the 28th in a common year."""
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return datetime.date(year, month, 28)

    def work_points_due(self, year: int) -> datetime.date:
        """By when the year's work points are to be issued."""
        return self._day(year, self.work_points_month, self.work_points_day)

    def duty_report_due(self, year: int) -> datetime.date:
        """By when the year's 述职 (and the work points' assessment) is due: in the next year."""
        return self._day(year + 1, self.duty_report_month, self.duty_report_day)


# --- art. 3: the head's duty ---------------------------------------------------------------------


class HeadDuty(models.Model):
    """主要负责人履行推进法治建设第一责任人职责情况, as the head reported it in the year-end 述职
    (意见第三条): the head, the day of the 述职 and the rule-of-law section of it."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    head_name = models.CharField(_("主要负责人"), max_length=100)
    head_post = models.CharField(_("职务"), max_length=100)
    reported_on = models.DateField(_("述职日期"))
    text = models.TextField(_("履行推进法治建设第一责任人职责情况"))
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("第一责任人年终述职")
        verbose_name_plural = _("第一责任人年终述职")
        ordering = ["-year", "body_id"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="capacity_head_duty_unique")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}年度述职"

    def get_absolute_url(self) -> str:
        return reverse("capacity:head-duty-detail", args=[self.pk])


# --- art. 4: work points -------------------------------------------------------------------------


class WorkPoints(models.Model):
    """依法行政工作要点 (意见第四条: 有目标、有计划、有落实、有考核): a body's plan for a year,
    drafted, issued, followed up measure by measure and assessed at the year's end."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    goals = models.TextField(_("工作目标"))
    status = models.CharField(
        _("状态"), max_length=12, choices=WorkPointsStatus.choices, default=WorkPointsStatus.DRAFT, db_index=True
    )
    document_number = models.CharField(_("印发文号"), max_length=100, blank=True)
    adopted_on = models.DateField(_("印发日期"), null=True, blank=True)
    assessment = models.TextField(_("年终考核情况"), blank=True)
    assessed_on = models.DateField(_("考核日期"), null=True, blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("依法行政工作要点")
        verbose_name_plural = _("依法行政工作要点")
        ordering = ["-year", "body_id"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="capacity_work_points_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("capacity:work-points-detail", args=[self.pk])


class WorkMeasure(models.Model):
    """One measure of the work points: what, by whom, planned to be done by when."""

    plan = models.ForeignKey(WorkPoints, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField(_("序号"))
    content = models.TextField(_("工作措施"))
    responsible_unit = models.CharField(_("责任单位"), max_length=200)
    due_on = models.DateField(_("计划完成时间"))
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("工作措施")
        verbose_name_plural = _("工作措施")
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="capacity_measure_position_unique")]

    def __str__(self) -> str:
        return f"{self.plan} 第{self.position}项"


class MeasureProgress(models.Model):
    """落实: what was done on a measure, as of a day (有落实)."""

    measure = models.ForeignKey(
        WorkMeasure, verbose_name=_("工作措施"), on_delete=models.CASCADE, related_name="progress"
    )
    reported_on = models.DateField(_("落实日期"))
    text = models.TextField(_("落实情况"))
    completed = models.BooleanField(_("已完成"), default=False)
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("落实情况")
        verbose_name_plural = _("落实情况")
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.measure} {self.reported_on}"


# --- art. 40: learning ---------------------------------------------------------------------------


class LearningActivity(models.Model):
    """学法活动 (意见第四十条): a training, a thematic lecture, 会前学法…; a lecture may be the
    leadership's 法治专题讲座 that a county government holds at least twice a year."""

    body = models.ForeignKey("core.Body", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("举办日期"), db_index=True)
    kind = models.CharField(_("形式"), max_length=16, choices=LearningKind.choices)
    topic = models.CharField(_("主题"), max_length=200)
    speaker = models.CharField(_("主讲人"), max_length=100, blank=True)
    attendees = models.PositiveIntegerField(_("参加人数"))
    leaders_present = models.TextField(_("出席的领导班子成员"), blank=True)
    leadership_lecture = models.BooleanField(
        _("领导班子法治专题讲座"), default=False, help_text=_("意见第四十条第二款：市（区）人民政府领导班子举办")
    )
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("学法活动")
        verbose_name_plural = _("学法活动")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("capacity:learning-detail", args=[self.pk])


# --- art. 41: appointments and training ----------------------------------------------------------


class Appointment(models.Model):
    """A leader appointed in the year and the 任职前法律知识考查/依法行政能力测试 taken before it
    (意见第四十一条). A test dated after the appointment is kept as it happened: the check fails it."""

    body = models.ForeignKey("core.Body", verbose_name=_("任职单位"), on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("姓名"), max_length=100)
    post = models.CharField(_("拟任职务"), max_length=100)
    appointed_on = models.DateField(_("任职日期"), db_index=True)
    test_kind = models.CharField(_("考查测试类别"), max_length=12, choices=TestKind.choices, blank=True)
    tested_on = models.DateField(_("考查测试日期"), null=True, blank=True)
    test_form = models.CharField(_("考查测试形式"), max_length=12, choices=TestForm.choices, blank=True)
    score = models.DecimalField(_("成绩（分）"), max_digits=5, decimal_places=1, null=True, blank=True)
    result = models.CharField(_("考查测试结果"), max_length=100, blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("领导干部任职前法律知识考查")
        verbose_name_plural = _("领导干部任职前法律知识考查")
        ordering = ["-appointed_on", "-id"]

    def __str__(self) -> str:
        # No name: the string reaches the audit log and the board.
        return f"{self.post}（{self.appointed_on:%Y-%m-%d}任职）"

    def get_absolute_url(self) -> str:
        return reverse("capacity:appointments-detail", args=[self.pk])

    @property
    def tested_before(self) -> bool:
        return self.tested_on is not None and self.tested_on <= self.appointed_on


class InductionTraining(models.Model):
    """公务员初任培训、任职培训 with the hours given to legal knowledge (意见第四十一条)."""

    body = models.ForeignKey("core.Body", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("培训类别"), max_length=12, choices=TrainingKind.choices)
    title = models.CharField(_("培训班名称"), max_length=200)
    started_on = models.DateField(_("开班日期"), db_index=True)
    ended_on = models.DateField(_("结业日期"))
    trainees = models.PositiveIntegerField(_("参训人数"))
    total_hours = models.DecimalField(_("总学时"), max_digits=6, decimal_places=1)
    legal_hours = models.DecimalField(_("法律知识学时"), max_digits=6, decimal_places=1)
    legal_content = models.TextField(_("法律知识培训内容"), blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("公务员初任、任职培训")
        verbose_name_plural = _("公务员初任、任职培训")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("capacity:trainings-detail", args=[self.pk])


# --- art. 42: 谁执法谁普法 ----------------------------------------------------------------------------


class DutyList(models.Model):
    """普法责任清单 (意见第四十二条: “谁执法、谁普法”): a body's list for a year, published on the
    portal when approved."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(
        _("状态"), max_length=12, choices=DutyListStatus.choices, default=DutyListStatus.DRAFT, db_index=True
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法责任清单")
        verbose_name_plural = _("普法责任清单")
        ordering = ["-year", "body_id"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="capacity_duty_list_unique")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}年度普法责任清单"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("capacity:duty-list-detail", args=[self.pk])


class DutyListItem(models.Model):
    """One item of the list: which law or subject, to whom, how, by which unit."""

    duty_list = models.ForeignKey(
        DutyList, verbose_name=_("普法责任清单"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    subject = models.CharField(_("普法内容（法律法规）"), max_length=200)
    audience = models.CharField(_("普法对象"), max_length=200)
    measures = models.TextField(_("普法措施"))
    responsible_unit = models.CharField(_("责任单位"), max_length=200)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = DutyItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法责任清单事项")
        verbose_name_plural = _("普法责任清单事项")
        ordering = ["duty_list_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["duty_list", "position"], name="capacity_duty_item_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("capacity:duty-list-detail", args=[self.duty_list_id])


class EducationActivity(models.Model):
    """A 普法 activity: when, how, on what, to whom and how many, under which item of the list."""

    body = models.ForeignKey("core.Body", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("开展日期"), db_index=True)
    form = models.CharField(_("形式"), max_length=16, choices=EducationForm.choices)
    topic = models.CharField(_("主题"), max_length=200)
    audience = models.CharField(_("普法对象"), max_length=200)
    reached = models.PositiveIntegerField(_("受众人数"))
    item = models.ForeignKey(
        DutyListItem,
        verbose_name=_("对应清单事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法活动")
        verbose_name_plural = _("普法活动")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("capacity:education-detail", args=[self.pk])


# --- arts. 43, 45: registers for the evaluator ---------------------------------------------------


class PublicityRecord(models.Model):
    """法治政府建设宣传 (意见第四十三条): what was published where; scored by hand."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField(_("发布日期"), db_index=True)
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    medium = models.CharField(_("媒体或平台"), max_length=200, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    link = models.URLField(_("链接"), max_length=500, blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("法治宣传")
        verbose_name_plural = _("法治宣传")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("capacity:publicity-detail", args=[self.pk])


class Staffing(models.Model):
    """法制队伍与工作经费 (意见第四十五条): a body's legal office and budget for a year; scored by hand."""

    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    posts = models.PositiveSmallIntegerField(_("法制工作机构编制数"))
    staff = models.PositiveSmallIntegerField(_("在岗人数"))
    qualified = models.PositiveSmallIntegerField(_("具有法律职业资格的人数"))
    budget_included = models.BooleanField(_("依法行政工作经费列入年度预算"))
    budget_amount = models.DecimalField(_("预算金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("法制队伍与经费保障")
        verbose_name_plural = _("法制队伍与经费保障")
        ordering = ["-year", "body_id"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="capacity_staffing_unique")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("capacity:staffing-detail", args=[self.pk])


# --- art. 54: executive meetings -----------------------------------------------------------------


class ExecutiveMeeting(models.Model):
    """政府常务会议听取依法行政工作汇报 (意见第五十四条): the meeting, its day, what it heard and the
    major problems it studied and decided."""

    body = models.ForeignKey("core.Body", verbose_name=_("人民政府"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("会议名称及届次"), max_length=200)
    held_on = models.DateField(_("会议日期"), db_index=True)
    topic = models.CharField(_("听取的汇报"), max_length=200)
    problems = models.TextField(_("研究解决的重大问题及决定"))
    created_by = models.ForeignKey("core.User", verbose_name=_("录入人"), **_BY)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CapacityQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府常务会议听取依法行政工作汇报")
        verbose_name_plural = _("政府常务会议听取依法行政工作汇报")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("capacity:meetings-detail", args=[self.pk])
