import json

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        from fazhi.core.access import scope_body_ids

        if user.is_superuser:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(body_id__in=scope_body_ids(user, "audit"))


class AuditEvent(models.Model):
    """One change made through a service, chained to the one before by its hash.

    The row is written inside the business transaction (unchained); at commit it is given its
    sequence number and hashes under the chain lock. Actor and body are kept as plain ids so that
    nothing done to a user or body later can alter a chained event.
    """

    sequence = models.BigIntegerField(_("序号"), unique=True, null=True, blank=True)
    occurred_at = models.DateTimeField(_("发生时间"), db_index=True)
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True)
    actor_label = models.CharField(_("操作人"), max_length=150)
    action = models.CharField(_("操作"), max_length=100, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100)
    object_id = models.CharField(_("对象ID"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=200)
    body_id = models.BigIntegerField(_("所属单位ID"), null=True, blank=True, db_index=True)
    data = models.TextField(_("内容（规范JSON）"))
    algorithm = models.CharField(_("摘要算法"), max_length=16, blank=True)
    prev_hash = models.CharField(_("前序摘要"), max_length=128, blank=True)
    hash = models.CharField(_("摘要"), max_length=128, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["sequence", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_repr}"

    @property
    def payload(self) -> dict:
        return json.loads(self.data)
