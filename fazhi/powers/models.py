"""权责清单 (seed art. 5): each body's list of powers, kept as numbered versions.

A version is a snapshot: while a draft it is edited, once published it never changes again, so
that what the public was shown on any day can be shown again and two versions compared. The
powers of consecutive versions share a `lineage`, which is how a comparison knows that a power
was changed rather than removed and added. Legal bases cite a law by title and article as
written; they link to the law's text (`LawText`, `LawArticle`, imported from the corpus) by that
citation at read time, so that importing a newer text of a law never rewrites a snapshot.
"""

import re
import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet
from fazhi.powers.choices import ChangeReason, PowerCategory, PowerStatus, VersionStatus

NATIONAL_PREFIX = "中华人民共和国"
_ARTICLE_NUMBER = re.compile(r"^第[〇零一二两三四五六七八九十百千]+条(?:之[〇零一二两三四五六七八九十百千]+)?")


class LawText(models.Model):
    """A law, regulation or rule as published in the corpus, with its dates where the text gives them."""

    title = models.CharField(_("标题"), max_length=200, unique=True)
    category = models.CharField(_("类别"), max_length=200, help_text=_("法规库中的分类目录，例如“行政法”"))
    source_path = models.CharField(_("来源文件"), max_length=500)
    promulgated_on = models.DateField(_("公布日期"), null=True, blank=True)
    amended_on = models.DateField(_("最近修改日期"), null=True, blank=True, db_index=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    history = models.JSONField(_("沿革"), default=list, blank=True)
    file_hash = models.CharField(_("文件摘要"), max_length=64)
    imported_at = models.DateTimeField(_("导入时间"), auto_now=True)

    class Meta:
        verbose_name = _("法律法规文本")
        verbose_name_plural = _("法律法规文本")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class LawArticle(models.Model):
    law = models.ForeignKey(LawText, verbose_name=_("法律法规"), on_delete=models.CASCADE, related_name="articles")
    number = models.CharField(_("条号"), max_length=30, help_text=_("按原文书写，例如“第十八条”"))
    ordinal = models.PositiveIntegerField(_("序号"))
    text = models.TextField(_("条文"))

    class Meta:
        verbose_name = _("法律条文")
        verbose_name_plural = _("法律条文")
        ordering = ["law", "ordinal"]
        constraints = [models.UniqueConstraint(fields=["law", "ordinal"], name="law_article_ordinal_unique")]
        indexes = [models.Index(fields=["law", "number"], name="law_article_number_idx")]

    def __str__(self) -> str:
        return f"《{self.law.title}》{self.number}"


class VersionQuerySet(BodyScopedQuerySet):
    def public(self):
        """Versions the public may see: the current one and those it replaced; never drafts."""
        return self.filter(status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED])

    def current(self):
        return self.filter(status=VersionStatus.PUBLISHED)


class PowerListVersion(models.Model):
    """One version of a body's 权责清单; published versions are immutable snapshots."""

    body = models.ForeignKey(
        "core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="power_list_versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    based_on = models.ForeignKey(
        "self", verbose_name=_("所依据的版本"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    reason_kind = models.CharField(_("调整原因"), max_length=30, choices=ChangeReason.choices)
    reason = models.TextField(_("调整说明"))
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        "core.User", verbose_name=_("发布人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(_("替代时间"), null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("权责清单版本")
        verbose_name_plural = _("权责清单版本")
        ordering = ["body", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="power_version_number_unique"),
            # One list in force and one draft at a time per body: publishing replaces, drafting continues.
            models.UniqueConstraint(
                fields=["body"], condition=Q(status=VersionStatus.PUBLISHED), name="power_version_one_current"
            ),
            models.UniqueConstraint(
                fields=["body"], condition=Q(status=VersionStatus.DRAFT), name="power_version_one_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.name}权责清单（第{self.number}版）"

    def get_absolute_url(self) -> str:
        return reverse("powers:version-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class PowerQuerySet(BodyScopedQuerySet):
    def public(self):
        return self.filter(version__status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED])


class Power(models.Model):
    """One power (职权事项) in one version; its `lineage` is the same in every version it appears in."""

    version = models.ForeignKey(
        PowerListVersion, verbose_name=_("清单版本"), on_delete=models.CASCADE, related_name="powers"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    lineage = models.UUIDField(_("事项标识"), default=uuid.uuid4, editable=False)
    ordinal = models.PositiveIntegerField(_("排序"), default=0)
    code = models.CharField(_("事项编码"), max_length=50)
    name = models.CharField(_("事项名称"), max_length=200)
    category = models.CharField(_("职权类别"), max_length=20, choices=PowerCategory.choices)
    responsible_unit = models.CharField(_("承办机构"), max_length=200, help_text=_("本单位内设机构"))
    accountability = models.TextField(_("追责情形"))
    status = models.CharField(_("实施状态"), max_length=20, choices=PowerStatus.choices, default=PowerStatus.IN_FORCE)

    objects = PowerQuerySet.as_manager()

    class Meta:
        verbose_name = _("职权事项")
        verbose_name_plural = _("职权事项")
        ordering = ["version", "ordinal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="power_code_unique_in_version"),
            models.UniqueConstraint(fields=["version", "lineage"], name="power_lineage_unique_in_version"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PowerBasis(models.Model):
    """A legal basis as cited: 《law title》 and the article (with paragraph or item where given)."""

    power = models.ForeignKey(Power, verbose_name=_("职权事项"), on_delete=models.CASCADE, related_name="bases")
    ordinal = models.PositiveSmallIntegerField(_("序号"), default=0)
    law_title = models.CharField(_("法律法规名称"), max_length=200)
    article = models.CharField(_("条款"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("设定依据")
        verbose_name_plural = _("设定依据")
        ordering = ["power", "ordinal", "id"]

    def __str__(self) -> str:
        return f"《{self.law_title}》{self.article}"

    @property
    def article_number(self) -> str:
        """The article the citation points to, without paragraph or item: 第十八条第一款 → 第十八条."""
        match = _ARTICLE_NUMBER.match(self.article)
        return match[0] if match else ""

    @property
    def title_candidates(self) -> tuple[str, ...]:
        """National laws are often cited without 中华人民共和国; both spellings find the text."""
        if self.law_title.startswith(NATIONAL_PREFIX):
            return (self.law_title,)
        return (self.law_title, NATIONAL_PREFIX + self.law_title)
