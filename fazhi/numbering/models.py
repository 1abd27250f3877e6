"""Number formats, their sequences, and every number ever given, voided or reserved.

A number is a legal fact: once a 发文字号 or a registration number has been given, voided or found
on an imported legacy document, the same text must never be given to another document. So every
number has a row in `IssuedNumber` that is never deleted, unique per (format, year, serial), and
the sequence row is what writers lock so that two offices never read the same last serial.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet
from fazhi.core.errors import InvalidInput
from fazhi.numbering import formats
from fazhi.numbering.choices import FormatKind, NumberStatus

CONTINUOUS_YEAR = 0  # the sequence year of a format that does not restart each year


class NumberFormatQuerySet(BodyScopedQuerySet):
    """A format is seen by those who see its body, and used by those who number there."""

    def active(self):
        return self.filter(is_active=True)


class NumberFormat(models.Model):
    """How one issuer's numbers of one kind look: 江府规〔2026〕3号, 粤江登字〔2026〕12号, 第5号."""

    body = models.ForeignKey(
        "core.Body", verbose_name=_("编号单位"), on_delete=models.PROTECT, related_name="number_formats"
    )
    kind = models.CharField(_("编号类别"), max_length=16, choices=FormatKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    prefix = models.CharField(
        _("机关代字（前缀）"),
        max_length=formats.MAX_PREFIX_LENGTH,
        blank=True,
        help_text=_("如 江府规、江府办、江市监规"),
    )
    pattern = models.CharField(
        _("编号模式"),
        max_length=formats.MAX_TEMPLATE_LENGTH,
        blank=True,
        help_text=_(
            "占位符：{prefix} 前缀、{year} 年度、{serial} 序号、{serial:04d} 补零至四位的序号；"
            "发文字号与政府令序号可留空，按国家标准的格式编号"
        ),
    )
    yearly = models.BooleanField(_("每年重新编号"), default=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = NumberFormatQuerySet.as_manager()

    class Meta:
        verbose_name = _("编号格式")
        verbose_name_plural = _("编号格式")
        ordering = ["body", "kind", "name"]
        constraints = [
            # A 发文字号's issuer code names one issuer's sequence: 江府规 cannot belong to two.
            models.UniqueConstraint(
                fields=["prefix"],
                condition=models.Q(kind=FormatKind.DOC_NUMBER),
                name="numbering_doc_number_prefix_unique",
            ),
            models.UniqueConstraint(fields=["body", "name"], name="numbering_format_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.kind == FormatKind.DOC_NUMBER:
            if not self.pattern:
                self.pattern = formats.DOC_NUMBER_TEMPLATE
            if self.pattern != formats.DOC_NUMBER_TEMPLATE:
                raise ValidationError(
                    {"pattern": _("发文字号的格式由 GB/T 9704-2012 规定为 {prefix}〔{year}〕{serial}号，不能另设。")}
                )
            if not self.yearly:
                raise ValidationError({"yearly": _("发文字号每年重新编号。")})
            if not self.prefix:
                raise ValidationError({"prefix": _("请填写机关代字，如 江府规。")})
        elif self.kind == FormatKind.ORDER and not self.pattern:
            self.pattern = formats.ORDER_TEMPLATE
        if any(char.isspace() or char in "{}〔〕" for char in self.prefix):
            raise ValidationError({"prefix": _("机关代字中不能有空格、花括号或六角括号。")})
        try:
            formats.validate_template(self.pattern, prefix=self.prefix, yearly=self.yearly)
        except InvalidInput as exc:
            raise ValidationError(exc.errors or {"pattern": [exc.detail]}) from None

    @property
    def tokens(self) -> list[formats.Token]:
        return formats.tokenize(self.pattern)

    def sequence_year(self, year: int | None) -> int:
        return year if self.yearly else CONTINUOUS_YEAR

    def render(self, year: int, serial: int) -> str:
        return formats.render(self.tokens, prefix=self.prefix, year=year, serial=serial)

    def parse(self, text) -> formats.NumberParts:
        """A number of this format taken apart; a 发文字号 with the detailed GB/T 9704 messages."""
        if self.kind == FormatKind.DOC_NUMBER:
            return formats.validate_doc_number(text, prefix=self.prefix)
        return formats.parse(self.tokens, text, prefix=self.prefix)

    def example(self, year: int | None = None) -> str:
        return self.render(year or timezone.localdate().year, 1)

    def matches(self, text: str) -> bool:
        """Whether `text` has this format's shape (serial and year aside)."""
        try:
            formats.parse(self.tokens, text, prefix=self.prefix)
        except InvalidInput:
            return False
        return True


class NumberSequence(models.Model):
    """The last serial given for a format in a year: the row every writer locks before numbering."""

    format = models.ForeignKey(
        NumberFormat, verbose_name=_("编号格式"), on_delete=models.PROTECT, related_name="sequences"
    )
    year = models.PositiveSmallIntegerField(_("年度"), help_text=_("不按年度重新编号的格式为 0"))
    last_serial = models.PositiveIntegerField(_("已用至序号"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        ordering = ["format", "year"]
        constraints = [models.UniqueConstraint(fields=["format", "year"], name="numbering_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.format} {self.year or ''} {self.last_serial}"


class IssuedNumberQuerySet(BodyScopedQuerySet):
    body_field = "format__body"


class IssuedNumber(models.Model):
    """A number given, voided or reserved; never deleted, so its serial is never given again."""

    format = models.ForeignKey(
        NumberFormat, verbose_name=_("编号格式"), on_delete=models.PROTECT, related_name="numbers"
    )
    year = models.PositiveSmallIntegerField(_("年度"), help_text=_("不按年度重新编号的格式为 0"))
    serial = models.PositiveIntegerField(_("序号"))
    text = models.CharField(_("编号"), max_length=formats.MAX_NUMBER_LENGTH, db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=NumberStatus.choices, default=NumberStatus.ISSUED)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("记录类型"), null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.CharField(_("记录编号"), max_length=64, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("说明"), max_length=200, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编号人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("编号时间"))
    void_reason = models.TextField(_("作废理由"), blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作废人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)

    objects = IssuedNumberQuerySet.as_manager()

    class Meta:
        verbose_name = _("编号记录")
        verbose_name_plural = _("编号记录")
        ordering = ["format", "-year", "-serial"]
        constraints = [models.UniqueConstraint(fields=["format", "year", "serial"], name="numbering_number_unique")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="numbering_number_record")]

    def __str__(self) -> str:
        return self.text
