from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.choices import Role


class User(AbstractUser):
    """A person who logs in; what they may see comes from their memberships and grants."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username


class ActiveQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on)
        )


class MembershipQuerySet(ActiveQuerySet):
    def restrict(self, user, action="view"):
        """A member sees their own memberships; the office manages its subtree's."""
        from fazhi.core.access import scope_body_ids

        if user.is_superuser:
            return self
        if not user.is_authenticated:
            return self.none()
        managed = scope_body_ids(user, "manage_people")
        if action == "view":
            return self.filter(models.Q(user=user) | models.Q(body_id__in=managed))
        return self.filter(body_id__in=managed)


class Membership(models.Model):
    """A user's role at a body."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey("core.Body", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("起始日期"), null=True, blank=True)
    valid_to = models.DateField(_("终止日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        ordering = ["body__tree_path", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "body", "role"], name="membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.body} · {self.get_role_display()}"


class AccessGrant(models.Model):
    """Scope beyond one's memberships: a reviewer at the registering level, a supervisor of a
    complained-of body, the reconsideration body of a respondent.

    The grantee is a user, or every member of a body (with an optional role).
    """

    grantee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("被授权用户"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="access_grants",
    )
    grantee_body = models.ForeignKey(
        "core.Body",
        verbose_name=_("被授权单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grants_held",
    )
    grantee_role = models.CharField(_("限于角色"), max_length=32, choices=Role.choices, blank=True)
    body = models.ForeignKey(
        "core.Body", verbose_name=_("可访问单位"), on_delete=models.CASCADE, related_name="grants_given"
    )
    include_subtree = models.BooleanField(_("含下级单位"), default=False)
    allows_change = models.BooleanField(_("允许办理"), default=False)
    reason = models.CharField(_("授权理由"), max_length=200)
    valid_from = models.DateField(_("起始日期"), null=True, blank=True)
    valid_to = models.DateField(_("终止日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("访问授权")
        verbose_name_plural = _("访问授权")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(grantee_user__isnull=False) & models.Q(grantee_body__isnull=True))
                | (models.Q(grantee_user__isnull=True) & models.Q(grantee_body__isnull=False)),
                name="grant_has_one_grantee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.grantee_user or self.grantee_body} → {self.body}"
