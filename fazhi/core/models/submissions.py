from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.access import BodyScopedQuerySet
from fazhi.core.choices import SubmissionStatus


class PublicSubmission(models.Model):
    """Anything a member of the public submits, with the receipt they track it by.

    Every kind (suggestions now; comments, complaints, requests and applications as their
    modules land) shares this record: validation, rate limits, duplicate protection and the
    receipt are one mechanism. A kind's own data sits in `details`.
    """

    kind = models.CharField(_("类别"), max_length=40, db_index=True)
    body = models.ForeignKey(
        "core.Body", verbose_name=_("受理单位"), on_delete=models.PROTECT, related_name="public_submissions"
    )
    receipt_code = models.CharField(_("回执编号"), max_length=20, unique=True)
    secret_digest = models.CharField(_("查询码摘要"), max_length=64)
    status = models.CharField(
        _("状态"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.RECEIVED
    )
    subject = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容"))
    submitter_name = models.CharField(_("姓名"), max_length=50)
    submitter_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    submitter_email = models.EmailField(_("电子邮箱"), blank=True)
    details = models.JSONField(_("其他信息"), default=dict, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("不予受理时间"), null=True, blank=True)
    rejection_reason = models.TextField(_("不予受理理由"), blank=True)
    client_digest = models.CharField(_("来源摘要"), max_length=64, db_index=True)
    content_digest = models.CharField(_("内容摘要"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("公众提交事项")
        verbose_name_plural = _("公众提交事项")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.receipt_code} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("core:submission-detail", args=[self.pk])


class Attachment(models.Model):
    """A file on any record; its type was checked from its content when it was uploaded."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    body = models.ForeignKey("core.Body", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=200)
    media_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        "core.User",
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record_idx")]

    def __str__(self) -> str:
        return self.original_name
