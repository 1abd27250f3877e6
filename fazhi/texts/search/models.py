"""What the search index knows about a record: its passages, whose they are, and who may see them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("公开")
    INTERNAL = "internal", _("内部")
    DRAFT = "draft", _("草稿")


class SearchDocument(models.Model):
    """One passage (chunk) of an indexed record.

    The full-text index lives beside this table and is keyed by its id: on SQLite an FTS5
    virtual table `texts_search_index`, on PostgreSQL a `search_vector` tsvector column on this
    table with a GIN index; both are created by migration 0002, so the model has no field for
    them. A long text is split into overlapping chunks (see `service.CHUNK_SIZE`).
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    chunk = models.PositiveIntegerField(_("分段序号"), default=0)
    body = models.ForeignKey(
        "core.Body", verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(_("可见范围"), max_length=10, choices=Visibility.choices)
    title = models.CharField(_("标题"), max_length=500)
    text = models.TextField(_("正文"))
    words = models.TextField(_("分词"), help_text=_("rjieba 分词结果，以空格分隔，用于排序"))

    class Meta:
        verbose_name = _("检索段落")
        verbose_name_plural = _("检索段落")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "chunk"], name="search_document_chunk_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} #{self.chunk}"
