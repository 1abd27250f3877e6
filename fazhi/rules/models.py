"""Government rules (地方政府规章, seed art. 6) under 规章制定程序条例, and the yearly plan they come from.

A rule belongs to its drafting body (`body`) and to the government that makes it (`government`),
whose `RuleSettings` name the legal office that reviews and files rules and the 政府令 number
format. Rules follow their own workflow, not the normative-document one: no registration number,
no validity period; the mayor signs the order, 市府办 numbers and publishes it, and the rule is in
force from `effective_on` (30 days after publication unless 第三十二条's exception is recorded).
"""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet, scope_body_ids
from fazhi.rules.choices import FilingRecipient, PlanStatus, RulePublicStatus, RuleStatus, SubjectArea

PUBLISHED_STATUSES = (RuleStatus.PUBLISHED, RuleStatus.AMENDED, RuleStatus.REPEALED)


class SettingsQuerySet(BodyScopedQuerySet):
    body_field = "government"


class RuleSettings(models.Model):
    """Who does what for one government's rules, as data: its legal office (第十二条、第十九条、第三十四条)
    and the format of its orders (第三十条: 序号), e.g. 江门市人民政府令第N号, numbered across years."""

    government = models.OneToOneField(
        "core.Body", verbose_name=_("规章制定机关"), on_delete=models.PROTECT, related_name="rule_settings"
    )
    legal_office = models.ForeignKey(
        "core.Body",
        verbose_name=_("法制机构"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("拟订年度计划、统一审查规章送审稿、报送备案"),
    )
    order_format = models.ForeignKey(
        "numbering.NumberFormat",
        verbose_name=_("政府令序号格式"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = SettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("规章制定配置")
        verbose_name_plural = _("规章制定配置")
        ordering = ["government"]

    def __str__(self) -> str:
        return str(self.government)


class PlanQuerySet(BodyScopedQuerySet):
    body_field = "government"

    def published(self):
        return self.filter(status=PlanStatus.PUBLISHED)


class LegislativePlan(models.Model):
    """年度规章制定工作计划 (规章制定程序条例第十二条): one per government and year."""

    government = models.ForeignKey(
        "core.Body", verbose_name=_("人民政府"), on_delete=models.PROTECT, related_name="legislative_plans"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    published_by = models.ForeignKey(
        "core.User", verbose_name=_("批准人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度规章制定工作计划")
        verbose_name_plural = _("年度规章制定工作计划")
        ordering = ["-year", "government"]
        constraints = [models.UniqueConstraint(fields=["government", "year"], name="rules_plan_unique_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rules:plan-detail", args=[self.pk])

    @property
    def body(self):
        """The government, under the name the workflow and audit look for."""
        return self.government


class PlanItem(models.Model):
    """One project of the plan: the rule to be made, who drafts it and when it goes to the government.

    An item counts as done when its rule is published; otherwise the legal office records why it
    was not (postponed to next year, merged, dropped), which is what the art. 6 check reads.
    """

    plan = models.ForeignKey(LegislativePlan, verbose_name=_("计划"), on_delete=models.PROTECT, related_name="items")
    title = models.CharField(_("规章名称"), max_length=200)
    subject_area = models.CharField(_("立法事项"), max_length=20, choices=SubjectArea.choices)
    drafting_body = models.ForeignKey(
        "core.Body", verbose_name=_("起草单位"), on_delete=models.PROTECT, related_name="rule_plan_items"
    )
    planned_submission_on = models.DateField(_("计划提请审议时间"))
    note = models.TextField(_("说明"), blank=True)
    unfinished_reason = models.TextField(_("未按计划完成的理由"), blank=True)
    reason_recorded_on = models.DateField(_("理由记录日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("计划项目")
        verbose_name_plural = _("计划项目")
        ordering = ["plan", "planned_submission_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rules:plan-detail", args=[self.plan_id])

    @property
    def body(self):
        return self.plan.government


class RuleQuerySet(BodyScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The drafting body's scope; to see a rule also the government's offices that sign, number and
        publish it, and its legal office, which reviews and files it."""
        if not user.is_authenticated or user.is_superuser or action != "view":
            return super().restrict(user, action)
        return self.filter(
            Q(body__in=scope_body_ids(user, "view"))
            | Q(government__in=scope_body_ids(user, "approve"))
            | Q(government__in=scope_body_ids(user, "number"))
            | Q(government__in=scope_body_ids(user, "publish"))
            | Q(government__rule_settings__legal_office__in=scope_body_ids(user, "review"))
        )

    def published(self):
        """What the public registry lists: every rule ever published, whatever it is now."""
        return self.filter(status__in=PUBLISHED_STATUSES, published_on__isnull=False)


class Rule(models.Model):
    """地方政府规章: a draft until the 政府令 publishing it is signed, numbered and published."""

    government = models.ForeignKey(
        "core.Body", verbose_name=_("制定机关"), on_delete=models.PROTECT, related_name="rules"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("起草单位"), on_delete=models.PROTECT, related_name="+")
    plan_item = models.OneToOneField(
        PlanItem,
        verbose_name=_("计划项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule",
    )
    unplanned_reason = models.TextField(
        _("计划外立项的理由"), blank=True, help_text=_("未列入年度计划的，须说明立项的必要性")
    )
    title = models.CharField(_("规章名称"), max_length=200)
    subject_area = models.CharField(_("立法事项"), max_length=20, choices=SubjectArea.choices)
    status = models.CharField(
        _("状态"), max_length=24, choices=RuleStatus.choices, default=RuleStatus.PLANNED, db_index=True
    )
    text = models.TextField(_("正文"), blank=True)
    drafting_note = models.TextField(_("起草说明"), blank=True)
    adopted_on = models.DateField(_("通过日期"), null=True, blank=True)
    signed_on = models.DateField(_("签署日期"), null=True, blank=True)
    signed_by = models.ForeignKey(
        "core.User", verbose_name=_("签署人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(_("署名"), max_length=50, blank=True, help_text=_("签署命令的市长"))
    order_number = models.CharField(_("政府令序号"), max_length=60, blank=True)
    order_issued = models.OneToOneField(
        "numbering.IssuedNumber",
        verbose_name=_("序号记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField(_("公布日期"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        "core.User", verbose_name=_("公布人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    immediate_reason = models.TextField(
        _("自公布之日起施行的理由"),
        blank=True,
        help_text=_("涉及国家安全、外汇汇率、货币政策的确定，或公布后不立即施行将有碍规章施行（第三十二条）"),
    )
    amended_on = models.DateField(_("修改日期"), null=True, blank=True)
    amended_by = models.ForeignKey(
        "self", verbose_name=_("修改规章"), null=True, blank=True, on_delete=models.PROTECT, related_name="amends"
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("所修改的规章"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    end_reason = models.TextField(_("废止或撤回的理由"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府规章")
        verbose_name_plural = _("政府规章")
        ordering = ["-published_on", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order_number"], condition=~Q(order_number=""), name="rules_order_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.order_number}）" if self.order_number else self.title

    def get_absolute_url(self) -> str:
        return reverse("rules:office-detail", args=[self.pk])

    @property
    def settings(self) -> "RuleSettings | None":
        if not hasattr(self, "_settings"):
            self._settings = (
                RuleSettings.objects.filter(government_id=self.government_id)
                .select_related("legal_office", "order_format")
                .first()
            )
        return self._settings

    @property
    def legal_office(self):
        """Where the rule is reviewed and filed: the government's legal office, or the government
        itself until one is configured (so that its own staff see the refusal, not a 404)."""
        return self.settings.legal_office if self.settings else self.government

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES and self.published_on is not None

    def public_status(self, today: datetime.date | None = None) -> str | None:
        if not self.is_published:
            return None
        if self.status == RuleStatus.REPEALED:
            return RulePublicStatus.REPEALED
        if self.status == RuleStatus.AMENDED:
            return RulePublicStatus.AMENDED
        if self.effective_on and (today or timezone.localdate()) < self.effective_on:
            return RulePublicStatus.NOT_YET_EFFECTIVE
        return RulePublicStatus.VALID

    def public_status_label(self, today: datetime.date | None = None) -> str:
        value = self.public_status(today)
        return str(RulePublicStatus(value).label) if value else ""


class RuleFiling(models.Model):
    """报送备案 (规章制定程序条例第三十四条): one row per receiving organ, with the day it was filed.

    The 30-day deadline itself is a `clock.Deadline` opened at publication and closed when every
    receiving organ has a filing.
    """

    rule = models.ForeignKey(Rule, verbose_name=_("规章"), on_delete=models.PROTECT, related_name="filings")
    recipient = models.CharField(_("备案机关类别"), max_length=24, choices=FilingRecipient.choices)
    receiving_body = models.CharField(_("接受备案的机关"), max_length=100)
    filed_on = models.DateField(_("报送日期"))
    filed_by = models.ForeignKey(
        "core.User", verbose_name=_("报送人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("规章备案")
        verbose_name_plural = _("规章备案")
        ordering = ["rule", "filed_on", "id"]
        constraints = [models.UniqueConstraint(fields=["rule", "recipient"], name="rules_filing_unique")]

    def __str__(self) -> str:
        return f"{self.rule} 报{self.receiving_body}备案"

    @property
    def body(self):
        return self.rule.government
