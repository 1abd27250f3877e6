from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.choices import BodyKind, EvaluationGroup


class BodyQuerySet(models.QuerySet):
    def current(self, on=None):
        """Bodies in existence on a date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on)
        )

    def subtree_of(self, bodies):
        """The given bodies and every body below them."""
        query = models.Q(pk__in=[])
        for path in {body.tree_path for body in bodies}:
            query |= models.Q(tree_path__startswith=path)
        return self.filter(query)

    def restrict(self, user, action="view"):
        """The body tree is public knowledge; changing a body is for the office above it."""
        from fazhi.core.access import scope_body_ids

        if action == "view":
            return self
        if user.is_superuser:
            return self
        return self.filter(pk__in=scope_body_ids(user, action))


class Body(models.Model):
    """A government body, organisation or office that keeps records in Fazhi."""

    code = models.SlugField(_("代码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=32, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    tree_path = models.CharField(_("树路径"), max_length=255, db_index=True, editable=False)
    is_enforcement_agency = models.BooleanField(_("行政执法机关"), default=False)
    has_legal_office = models.BooleanField(_("设有法制机构"), default=False)
    is_reconsideration_body = models.BooleanField(_("复议机关"), default=False)
    hosts_leading_group_office = models.BooleanField(_("依法行政领导小组办公室所在单位"), default=False)
    evaluation_group = models.CharField(
        _("默认考评组别"), max_length=32, choices=EvaluationGroup.choices, blank=True, default=""
    )
    valid_from = models.DateField(_("设立日期"), null=True, blank=True)
    valid_to = models.DateField(_("撤销日期"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("承继单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["tree_path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="body_valid_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:body-detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or self.valid_to >= on)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.tree_path.strip("/").split("/") if part]


class BodyName(models.Model):
    """A name a body bore or is known by: reforms rename bodies, and old texts use old names.

    The seed's 市法制局 is today's 市司法局: the former name is kept here so that texts citing it
    resolve to the body that now holds its functions.
    """

    body = models.ForeignKey(Body, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("名称"), max_length=100, db_index=True)
    valid_from = models.DateField(_("起用日期"), null=True, blank=True)
    valid_to = models.DateField(_("停用日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("单位曾用名")
        verbose_name_plural = _("单位曾用名")
        ordering = ["body", "valid_from"]

    def __str__(self) -> str:
        return self.name
