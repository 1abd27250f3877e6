"""Random inspections (双随机、一公开; seed art. 23, 国发〔2019〕5号).

Each enforcement body publishes its list of inspection items (抽查事项清单) and keeps a directory of
the entities it may inspect (检查对象名录; tens of thousands, imported from Excel). A plan picks
items, filters the directory and says how many entities to draw; the draw ranks every candidate on
the SM3 hash of the plan's recorded seed and the entity's code, takes the first N, and gives each
drawn entity certified inspectors ranked the same way (`fazhi.inspections.draw`). The draw is kept
as it was made — seed, candidates, picks — so anyone can re-run it from the published plan. Each
drawn entity is a task; its result is recorded and published within 20 working days
(`inspection-result-publicity`, a `fazhi.clock` deadline).

A joint plan (跨部门联合抽查) is organised by its `body` with the `joint_bodies` taking part: the
candidates come from every participant's directory and inspectors are drawn from each.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.inspections.choices import (
    EntityKind,
    InspectionMethod,
    ItemOutcome,
    ItemStatus,
    PlanStatus,
    TaskOutcome,
    TaskStatus,
)

PUBLIC_PLAN_STATUSES = (PlanStatus.PUBLISHED, PlanStatus.DONE)


class ItemQuerySet(BodyScopedQuerySet):
    def in_force(self, day):
        """Items on the body's published list on `day`: published by then and not yet withdrawn."""
        return self.filter(status__in=(ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN), published_on__lte=day).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
        )


class InspectionItem(models.Model):
    """One item of a body's 随机抽查事项清单: what is checked, on what basis, of whom and how."""

    body = models.ForeignKey("core.Body", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("抽查事项"), max_length=200)
    basis = models.TextField(_("检查依据"))
    subject_type = models.CharField(_("检查对象"), max_length=200, help_text=_("例如：食品销售经营者"))
    method = models.CharField(_("检查方式"), max_length=16, choices=InspectionMethod.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT, db_index=True
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    withdrawn_on = models.DateField(_("调出日期"), null=True, blank=True)
    withdraw_reason = models.TextField(_("调出理由"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查事项")
        verbose_name_plural = _("抽查事项")
        ordering = ["body", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """An item is a row of the body's list, not a page of its own."""
        return f"{reverse('inspections:item-list')}#item-{self.pk}"


class Entity(models.Model):
    """检查对象名录: one market entity (or other inspected party) in a body's directory."""

    # Indexed by the two indexes below, which both start with the body.
    body = models.ForeignKey(
        "core.Body", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    code = models.CharField(_("统一社会信用代码"), max_length=18)
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("主体类型"), max_length=16, choices=EntityKind.choices)
    industry = models.CharField(_("行业"), max_length=100, blank=True)
    area = models.CharField(_("所属区域"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    active = models.BooleanField(_("在册"), default=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象名录")
        ordering = ["body", "code"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="inspections_entity_code_per_body")]
        # The draw reads every active code of a directory: this index covers that read (the id is
        # the row's key), so tens of thousands of codes come without touching the table.
        indexes = [models.Index(fields=["body", "active", "code"], name="inspections_entity_candidates")]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class PlanQuerySet(BodyScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The organising body's scope; a joint plan is also seen by the bodies taking part."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        bodies = scope_body_ids(user, "view")
        joint = InspectionPlan.joint_bodies.through.objects.filter(body__in=bodies).values("inspectionplan")
        return self.filter(Q(body__in=bodies) | Q(pk__in=joint))

    def published(self):
        """What the portal shows: published plans with their draw, and those done."""
        return self.filter(status__in=PUBLIC_PLAN_STATUSES)


class InspectionPlan(models.Model):
    """抽查计划: items, which entities are candidates, how many are drawn, and by whom they are inspected."""

    body = models.ForeignKey(
        "core.Body", verbose_name=_("组织实施单位"), on_delete=models.PROTECT, related_name="inspection_plans"
    )
    joint_bodies = models.ManyToManyField(
        "core.Body", verbose_name=_("联合抽查参与单位"), blank=True, related_name="joint_inspection_plans"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("计划名称"), max_length=200)
    items = models.ManyToManyField(InspectionItem, verbose_name=_("抽查事项"), related_name="plans")
    entity_kinds = models.JSONField(_("主体类型"), default=list, blank=True, help_text=_("为空表示不限"))
    areas = models.JSONField(_("所属区域"), default=list, blank=True, help_text=_("为空表示不限"))
    industries = models.JSONField(_("行业"), default=list, blank=True, help_text=_("为空表示不限"))
    sample_ratio = models.DecimalField(
        _("抽查比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("与抽查数量二选一")
    )
    sample_count = models.PositiveIntegerField(_("抽查数量"), null=True, blank=True)
    inspectors_per_entity = models.PositiveSmallIntegerField(
        _("每个检查对象的执法人员数"), default=2, help_text=_("联合抽查的，每个参与单位各抽取该数量")
    )
    seed_source = models.CharField(
        _("随机数来源"),
        max_length=300,
        help_text=_("抽取时录入的公开数值从何而来，例如：抽取当日上证综合指数收盘点位"),
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    finished_on = models.DateField(_("完成日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:plan-detail", args=[self.pk])

    @property
    def entity_kind_labels(self) -> list[str]:
        return [str(EntityKind(kind).label) for kind in self.entity_kinds if kind in EntityKind.values]

    @property
    def is_joint(self) -> bool:
        return bool(self.participants()[1:])

    def participants(self) -> list:
        """The organising body first, then the bodies taking part, in a fixed order."""
        joint = sorted(self.joint_bodies.all(), key=lambda body: (body.tree_path, body.pk))
        return [self.body, *[body for body in joint if body.pk != self.body_id]]


class ImmutableDraw(Exception):
    pass


class Draw(models.Model):
    """抽取记录: what the draw was made from and what it picked, kept exactly as made.

    `candidates` are the candidate codes, sorted and joined by newlines, and `candidates_digest`
    their SM3; `inspector_pool` the certificates each body's inspectors were drawn from. With
    `seed` anyone can rank them again (the plan's public page shows how) and find `picks`.
    """

    plan = models.OneToOneField(
        InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="draw"
    )
    public_value = models.CharField(_("公开随机数"), max_length=100)
    seed = models.CharField(_("随机种子"), max_length=200)
    algorithm = models.CharField(_("算法"), max_length=10, default="SM3")
    drawn_on = models.DateField(_("抽取日期"))
    drawn_at = models.DateTimeField(_("抽取时间"))
    drawn_by = models.ForeignKey(
        "core.User", verbose_name=_("抽取人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    candidate_count = models.PositiveIntegerField(_("候选对象数"))
    candidates = models.TextField(_("候选对象代码（排序后逐行）"))
    candidates_digest = models.CharField(_("候选对象清单SM3摘要"), max_length=64)
    sample_size = models.PositiveIntegerField(_("抽取数量"))
    picks = models.JSONField(_("抽取结果"), default=list)
    inspector_pool = models.JSONField(_("执法人员备选库"), default=list)
    inspector_pool_digest = models.CharField(_("执法人员备选库SM3摘要"), max_length=64)

    class Meta:
        verbose_name = _("抽取记录")
        verbose_name_plural = _("抽取记录")

    def __str__(self) -> str:
        return f"{self.plan} · {self.seed}"

    def save(self, *args, **kwargs):
        """A draw is written once: what was published must stay what was drawn."""
        if not self._state.adding:
            raise ImmutableDraw("a draw is never changed once made")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableDraw("a draw is never deleted")


class TaskQuerySet(BodyScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """As the plan: the organising body, and for viewing the bodies taking part."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        return self.filter(plan__in=InspectionPlan.objects.restrict(user, "view").values("pk"))

    def published(self):
        return self.filter(status=TaskStatus.PUBLISHED, plan__status__in=PUBLIC_PLAN_STATUSES)


class InspectionTask(models.Model):
    """One drawn entity of a plan: its inspectors, the result of each item and its publication."""

    plan = models.ForeignKey(InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="tasks")
    body = models.ForeignKey("core.Body", verbose_name=_("组织实施单位"), on_delete=models.PROTECT, related_name="+")
    entity = models.ForeignKey(Entity, verbose_name=_("检查对象"), on_delete=models.PROTECT, related_name="tasks")
    rank = models.PositiveIntegerField(_("抽取顺序"))
    inspectors = models.ManyToManyField(
        "enforcement.Officer", verbose_name=_("执法人员"), through="TaskInspector", related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PENDING, db_index=True
    )
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True)
    concluded_on = models.DateField(_("检查结论日期"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("检查结果"), max_length=16, choices=TaskOutcome.choices, blank=True)
    problems = models.TextField(_("发现的问题"), blank=True)
    handling = models.TextField(_("处理情况"), blank=True)
    recorded_by = models.ForeignKey(
        "core.User", verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publicity_deadline = models.ForeignKey(
        "clock.Deadline",
        verbose_name=_("结果公示期限"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField(_("结果公示日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        ordering = ["plan", "rank"]
        constraints = [models.UniqueConstraint(fields=["plan", "entity"], name="inspections_task_entity_once")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.entity.name}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:task-detail", args=[self.pk])


class TaskInspector(models.Model):
    """A drawn inspector of a task, with the certificate that made them eligible on the draw date."""

    task = models.ForeignKey(InspectionTask, verbose_name=_("抽查任务"), on_delete=models.CASCADE)
    officer = models.ForeignKey("enforcement.Officer", verbose_name=_("执法人员"), on_delete=models.PROTECT)
    certificate = models.ForeignKey(
        "enforcement.Certificate", verbose_name=_("行政执法证"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("抽查执法人员")
        verbose_name_plural = _("抽查执法人员")
        ordering = ["task", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "officer"], name="inspections_inspector_once")]

    def __str__(self) -> str:
        return str(self.certificate_id)


class ItemResult(models.Model):
    """One item's result at one entity."""

    task = models.ForeignKey(
        InspectionTask, verbose_name=_("抽查任务"), on_delete=models.CASCADE, related_name="results"
    )
    item = models.ForeignKey(InspectionItem, verbose_name=_("抽查事项"), on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("检查情况"), max_length=16, choices=ItemOutcome.choices)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("事项检查结果")
        verbose_name_plural = _("事项检查结果")
        ordering = ["task", "item"]
        constraints = [models.UniqueConstraint(fields=["task", "item"], name="inspections_result_item_once")]

    def __str__(self) -> str:
        return self.get_outcome_display()
