"""Oversight of the administration (seed arts. 34, 52, 53, 56).

- `Proposal`: a deputy's suggestion (人大代表建议) or a CPPCC member's proposal (政协委员提案) assigned
  (交办) to a body as 主办, with 会办/协办 bodies; its answer is due in 3 months, 6 when complex
  (代表法 第五十一条), the body may ask for reassignment within a short window, the proposer's
  feedback closes it or (不满意) reopens it once for a second answer. Answers the body marks public
  are published on the portal.
- `CongressReport`: a report to the People's Congress or its standing committee, or a question
  (询问、质询) answered; its `CongressOpinion`s (审议意见, 决议) with the written report on how they
  were studied and handled, due within the period `clock` keeps (监督法 第十七条等).
- `Inspection`: the leading-group office's 定期检查 or 专项督查 of the bodies below it, with a
  `Finding` per body inspected ("no problem found" is a finding) and a concluding report.
- `Measure`: 约谈, 责令整改 or 通报批评 by an upper body; a rectification order runs in rounds
  (`RectificationRound`), each with the date the order set, the body's report and the issuer's
  verification.
- `EvaluationPlan`: the office's yearly split of the tasks for the provincial evaluation, each
  `EvaluationTask` given to a responsible body, which uploads its materials and submits them.

Records issued at an upper level name that level (`government` — whose leading group or People's
Congress it is — or `issuer`): whoever's scope reaches either side sees the record; each side acts
only on its own steps (`workflow`).
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import scope_body_ids
from fazhi.oversight.choices import (
    AnswerMode,
    CongressReportKind,
    Feedback,
    InspectionKind,
    InspectionStatus,
    MeasureKind,
    MeasureStatus,
    OpinionKind,
    OpinionStatus,
    ParticipantRole,
    PlanStatus,
    ProposalKind,
    ProposalStatus,
    ReassignmentDecision,
    ReplyCategory,
    Severity,
    TaskStatus,
)

_DEADLINE = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}
_USER = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


def _scope(user, action: str):
    """None for everyone (a superuser), an empty set for the anonymous, else the body ids."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return None
    return scope_body_ids(user, action)


class ProposalQuerySet(models.QuerySet):
    """Seen by whoever's scope reaches the assigning government, the lead body or a joining body."""

    def restrict(self, user, action: str = "view"):
        ids = _scope(user, action)
        if ids is None:
            return self
        joined = ProposalParticipant.objects.filter(body__in=ids).values("proposal")
        return self.filter(Q(body__in=ids) | Q(government__in=ids) | Q(pk__in=joined))


class Proposal(models.Model):
    """A deputy's suggestion or a CPPCC proposal assigned to a body (seed art. 34; 代表法 第五十一条)."""

    kind = models.CharField(_("类型"), max_length=8, choices=ProposalKind.choices)
    government = models.ForeignKey(
        "core.Body", verbose_name=_("交办的人民政府"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="+")
    session = models.CharField(_("届次会议"), max_length=100, help_text=_("如：市十六届人大六次会议"))
    number = models.CharField(_("编号"), max_length=50)
    proposers = models.CharField(_("提出人"), max_length=500)
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容"))
    assigned_on = models.DateField(_("交办日期"))
    complex = models.BooleanField(_("涉及面广、处理难度大"), default=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.ASSIGNED, db_index=True
    )
    reassign_until = models.DateField(_("申请调整承办单位截止日"))
    reply_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("答复期限"), **_DEADLINE)
    second_reply_deadline = models.ForeignKey("clock.Deadline", verbose_name=_("再次答复期限"), **_DEADLINE)
    created_by = models.ForeignKey("core.User", verbose_name=_("登记人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("建议、提案")
        verbose_name_plural = _("建议、提案")
        ordering = ["-assigned_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "kind", "session", "number"], name="oversight_proposal_number_unique"
            )
        ]
        indexes = [models.Index(fields=["body", "status"], name="oversight_proposal_body_status")]

    def __str__(self) -> str:
        return f"{self.session}第{self.number}号"

    def get_absolute_url(self) -> str:
        return reverse("oversight:proposal-detail", args=[self.pk])


class ProposalParticipant(models.Model):
    """A body that joins the lead body in handling (会办、协办)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("建议、提案"), on_delete=models.CASCADE, related_name="participants"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("分工"), max_length=12, choices=ParticipantRole.choices)

    class Meta:
        verbose_name = _("会办、协办单位")
        verbose_name_plural = _("会办、协办单位")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "body"], name="oversight_participant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} {self.get_role_display()} {self.body}"


class ProposalReply(models.Model):
    """An answer to the proposer (first, or second after 不满意), with the proposer's feedback."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("建议、提案"), on_delete=models.CASCADE, related_name="replies"
    )
    round = models.PositiveSmallIntegerField(_("答复轮次"))
    body = models.ForeignKey("core.Body", verbose_name=_("答复单位"), on_delete=models.PROTECT, related_name="+")
    replied_on = models.DateField(_("答复日期"))
    category = models.CharField(_("答复类别"), max_length=1, choices=ReplyCategory.choices)
    text = models.TextField(_("答复内容"))
    public = models.BooleanField(_("公开答复"), default=False)
    late = models.BooleanField(_("逾期答复"), default=False)
    feedback = models.CharField(_("征询意见"), max_length=20, choices=Feedback.choices, blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)
    feedback_note = models.TextField(_("反馈意见"), blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("答复人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("建议、提案答复")
        verbose_name_plural = _("建议、提案答复")
        ordering = ["proposal", "round"]
        constraints = [models.UniqueConstraint(fields=["proposal", "round"], name="oversight_reply_round_unique")]

    def __str__(self) -> str:
        return f"{self.proposal} {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:public-reply", args=[self.pk])


class Reassignment(models.Model):
    """The lead body's request to hand a proposal back (退回、改办) and the office's decision."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("建议、提案"), on_delete=models.CASCADE, related_name="reassignments"
    )
    from_body = models.ForeignKey("core.Body", verbose_name=_("原承办单位"), on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("申请日期"))
    reason = models.TextField(_("申请理由"))
    suggested_body = models.ForeignKey(
        "core.Body", verbose_name=_("建议改由"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("交办机关意见"), max_length=10, choices=ReassignmentDecision.choices, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    to_body = models.ForeignKey(
        "core.Body", verbose_name=_("改由承办单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("调整承办单位")
        verbose_name_plural = _("调整承办单位")
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return f"{self.proposal} {self.requested_on}"


# --- 向人大报告工作、询问和质询、审议意见 -----------------------------------------------------------


class BodyOwnedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        ids = _scope(user, action)
        return self if ids is None else self.filter(body__in=ids)


class CongressReport(models.Model):
    """向本级人大及其常委会报告工作, or a 询问/质询 answered (seed art. 34; 监督法)."""

    body = models.ForeignKey("core.Body", verbose_name=_("报告机关"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=24, choices=CongressReportKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    congress = models.CharField(_("人民代表大会或其常务委员会"), max_length=100)
    meeting = models.CharField(_("会议"), max_length=200, blank=True)
    reported_on = models.DateField(_("报告（答复）日期"))
    reporter = models.CharField(_("报告人（答复人）及职务"), max_length=200, blank=True)
    question = models.TextField(_("询问、质询的问题"), blank=True)
    answer_mode = models.CharField(_("答复方式"), max_length=8, choices=AnswerMode.choices, blank=True)
    summary = models.TextField(_("主要内容"), blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("登记人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("向人大报告工作")
        verbose_name_plural = _("向人大报告工作")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:congress-detail", args=[self.pk])


class CongressOpinion(models.Model):
    """审议意见 (or a 决议) received on a report, and the written report on how it was handled."""

    report = models.ForeignKey(
        CongressReport, verbose_name=_("报告"), on_delete=models.CASCADE, related_name="opinions"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("研究处理机关"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=12, choices=OpinionKind.choices)
    received_on = models.DateField(_("收到日期"))
    content = models.TextField(_("审议意见（决议）内容"))
    status = models.CharField(
        _("状态"), max_length=10, choices=OpinionStatus.choices, default=OpinionStatus.RECEIVED, db_index=True
    )
    deadline = models.ForeignKey("clock.Deadline", verbose_name=_("报告期限"), **_DEADLINE)
    resolution_due_on = models.DateField(_("决议规定的报告期限"), null=True, blank=True)
    reported_on = models.DateField(_("书面报告日期"), null=True, blank=True)
    handling = models.TextField(_("研究处理情况"), blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("登记人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("审议意见")
        verbose_name_plural = _("审议意见")
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.report} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:congress-detail", args=[self.report_id]) + f"#opinion-{self.pk}"

    @property
    def due_on(self):
        return self.deadline.due_on if self.deadline_id else self.resolution_due_on


# --- 定期检查、专项督查 -----------------------------------------------------------------------------


class InspectionQuerySet(models.QuerySet):
    """The office's inspection: its government's scope, and the bodies inspected."""

    def restrict(self, user, action: str = "view"):
        ids = _scope(user, action)
        if ids is None:
            return self
        targeted = InspectionTarget.objects.filter(body__in=ids).values("inspection")
        return self.filter(Q(government__in=ids) | Q(pk__in=targeted))


class Inspection(models.Model):
    """定期检查 or 专项督查 by the leading group's office (seed art. 56)."""

    government = models.ForeignKey(
        "core.Body", verbose_name=_("领导小组所属人民政府"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=InspectionKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    key_work = models.TextField(_("结合的年度重点工作"))
    planned_on = models.DateField(_("计划开展日期"))
    status = models.CharField(
        _("状态"), max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED, db_index=True
    )
    started_on = models.DateField(_("开展日期"), null=True, blank=True)
    concluded_on = models.DateField(_("督查报告日期"), null=True, blank=True)
    conclusion = models.TextField(_("督查报告"), blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("登记人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("督查")
        verbose_name_plural = _("督查")
        ordering = ["-year", "-planned_on", "-id"]
        indexes = [models.Index(fields=["government", "year"], name="oversight_inspection_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:inspection-detail", args=[self.pk])


class InspectionTarget(models.Model):
    inspection = models.ForeignKey(Inspection, verbose_name=_("督查"), on_delete=models.CASCADE, related_name="targets")
    body = models.ForeignKey("core.Body", verbose_name=_("督查对象"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("督查对象")
        verbose_name_plural = _("督查对象")
        ordering = ["body__tree_path"]
        constraints = [models.UniqueConstraint(fields=["inspection", "body"], name="oversight_target_unique")]

    def __str__(self) -> str:
        return f"{self.inspection} {self.body}"


class FindingQuerySet(models.QuerySet):
    """A body sees the findings on itself; the office those of its inspections."""

    def restrict(self, user, action: str = "view"):
        ids = _scope(user, action)
        if ids is None:
            return self
        return self.filter(Q(body__in=ids) | Q(inspection__government__in=ids))


class Finding(models.Model):
    """What the inspection found at one body: a problem with its severity, or no problem."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("督查"), on_delete=models.CASCADE, related_name="findings"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("督查对象"), on_delete=models.PROTECT, related_name="+")
    severity = models.CharField(_("问题程度"), max_length=8, choices=Severity.choices)
    problem = models.TextField(_("发现的问题"), blank=True)
    rectification_required = models.BooleanField(_("需要整改"), default=False)
    found_on = models.DateField(_("发现日期"))
    created_by = models.ForeignKey("core.User", verbose_name=_("记录人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("督查发现")
        verbose_name_plural = _("督查发现")
        ordering = ["inspection", "body__tree_path", "id"]

    def __str__(self) -> str:
        return f"{self.inspection} {self.body} {self.get_severity_display()}"


# --- 约谈、责令整改、通报批评 ---------------------------------------------------------------------


class MeasureQuerySet(models.QuerySet):
    """Seen by whoever's scope reaches the issuer or the body."""

    def restrict(self, user, action: str = "view"):
        ids = _scope(user, action)
        if ids is None:
            return self
        return self.filter(Q(body__in=ids) | Q(issuer__in=ids))


class Measure(models.Model):
    """约谈, 责令整改 or 通报批评 of a body by an upper body or the office (seed art. 53)."""

    issuer = models.ForeignKey("core.Body", verbose_name=_("作出机关"), on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("core.Body", verbose_name=_("被处理单位"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("处理方式"), max_length=16, choices=MeasureKind.choices)
    number = models.CharField(_("文号"), max_length=100, blank=True)
    issued_on = models.DateField(_("作出日期"))
    reasons = models.TextField(_("事实和理由"))
    finding = models.ForeignKey(
        Finding, verbose_name=_("督查发现"), null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    status = models.CharField(_("状态"), max_length=12, choices=MeasureStatus.choices, db_index=True)
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("登记人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("约谈、责令整改、通报批评")
        verbose_name_plural = _("约谈、责令整改、通报批评")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["body", "issued_on"], name="oversight_measure_body_day")]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} {self.body} {self.issued_on}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:measure-detail", args=[self.pk])


class RectificationRound(models.Model):
    """One period of a rectification order: the date it set, the body's report, the verification.
    A failed verification opens the next round with a new date."""

    measure = models.ForeignKey(Measure, verbose_name=_("责令整改"), on_delete=models.CASCADE, related_name="rounds")
    round = models.PositiveSmallIntegerField(_("轮次"))
    due_on = models.DateField(_("整改期限"))
    reported_on = models.DateField(_("报送整改情况日期"), null=True, blank=True)
    report = models.TextField(_("整改措施和成效"), blank=True)
    verified_on = models.DateField(_("核查日期"), null=True, blank=True)
    passed = models.BooleanField(_("核查通过"), null=True, blank=True)
    verification_note = models.TextField(_("核查意见"), blank=True)

    class Meta:
        verbose_name = _("整改轮次")
        verbose_name_plural = _("整改轮次")
        ordering = ["measure", "round"]
        constraints = [models.UniqueConstraint(fields=["measure", "round"], name="oversight_round_unique")]

    def __str__(self) -> str:
        return f"{self.measure} {self.round}"

    @property
    def late(self) -> bool:
        return self.reported_on is not None and self.reported_on > self.due_on


# --- 迎接省考评 -------------------------------------------------------------------------------------


class EvaluationPlanQuerySet(models.QuerySet):
    """The office's task split: its government's scope; a responsible body sees an issued plan."""

    def restrict(self, user, action: str = "view"):
        ids = _scope(user, action)
        if ids is None:
            return self
        tasked = EvaluationTask.objects.filter(body__in=ids).values("plan")
        return self.filter(Q(government__in=ids) | Q(pk__in=tasked, status=PlanStatus.ISSUED))


class EvaluationPlan(models.Model):
    """迎接省政府依法行政考评的任务分工 of one year (seed art. 52)."""

    government = models.ForeignKey(
        "core.Body", verbose_name=_("领导小组所属人民政府"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("考评年度"))
    title = models.CharField(_("名称"), max_length=200)
    requirements = models.TextField(_("部署和要求"), blank=True)
    status = models.CharField(
        _("状态"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    issued_on = models.DateField(_("下发日期"), null=True, blank=True)
    created_by = models.ForeignKey("core.User", verbose_name=_("登记人"), **_USER)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = EvaluationPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("迎接省考评任务分工")
        verbose_name_plural = _("迎接省考评任务分工")
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["government", "year"], name="oversight_plan_year_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:plan-detail", args=[self.pk])


class EvaluationTaskQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        ids = _scope(user, action)
        if ids is None:
            return self
        return self.filter(Q(plan__government__in=ids) | Q(body__in=ids, plan__status=PlanStatus.ISSUED))


class EvaluationTask(models.Model):
    """One indicator given to a responsible body: the materials it must send, and by when."""

    plan = models.ForeignKey(EvaluationPlan, verbose_name=_("任务分工"), on_delete=models.CASCADE, related_name="tasks")
    body = models.ForeignKey("core.Body", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("考评指标（项目）"), max_length=200)
    materials = models.TextField(_("应考材料要求"))
    due_on = models.DateField(_("报送期限"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.ASSIGNED, db_index=True
    )
    first_submitted_on = models.DateField(_("首次报送日期"), null=True, blank=True)
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    submission_note = models.TextField(_("报送说明"), blank=True)
    returned_on = models.DateField(_("退回日期"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    accepted_on = models.DateField(_("审核通过日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = EvaluationTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("迎接省考评任务")
        verbose_name_plural = _("迎接省考评任务")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["body", "status"], name="oversight_task_body_status")]

    def __str__(self) -> str:
        return self.indicator

    def get_absolute_url(self) -> str:
        return reverse("oversight:task-detail", args=[self.pk])

    @property
    def government(self):
        """The level that split the tasks: it accepts or returns the materials."""
        return self.plan.government
