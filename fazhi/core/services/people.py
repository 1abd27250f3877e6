"""Users, memberships and access grants."""

import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.access import clear_cached_scope, may
from fazhi.core.choices import Role
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, invalid_from_validation
from fazhi.core.models import AccessGrant, Body, Membership, User


def _require_manage_people(actor, body: Body) -> None:
    if actor is not None and not may(actor, "manage_people", body):
        raise Forbidden(_("只有该单位或其上级的依法行政办可以管理人员。"))


@transaction.atomic
def create_user(*, actor, username: str, full_name: str, password: str | None = None, email: str = "") -> User:
    if actor is not None and not actor.is_superuser and not actor.memberships.filter(role=Role.OFFICE).exists():
        raise Forbidden(_("只有依法行政办可以创建用户。"))
    user = User(username=(username or "").strip(), full_name=(full_name or "").strip(), email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise invalid_from_validation(exc) from None
    user.save()
    audit.record(user, "core.user_created", actor=actor, after=audit.snapshot(user, ["username", "full_name", "email"]))
    return user


@transaction.atomic
def add_membership(*, actor, user: User, body: Body, role: str, valid_from: datetime.date | None = None) -> Membership:
    _require_manage_people(actor, body)
    if role not in Role.values:
        raise InvalidInput(_("未知角色：%(role)s") % {"role": role}, errors={"role": [_("未知角色。")]})
    if not body.is_current():
        raise Conflict(_("%(body)s 已撤销，不能再添加人员。") % {"body": body})
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, body=body, role=role, valid_from=valid_from)
    except IntegrityError:
        raise Conflict(_("该用户在该单位已有此角色。")) from None
    audit.record(membership, "core.membership_added", actor=actor, after=audit.snapshot(membership))
    clear_cached_scope(user)
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, actor, on: datetime.date | None = None) -> Membership:
    _require_manage_people(actor, membership.body)
    on = on or timezone.localdate()
    if membership.valid_to is not None:
        raise Conflict(_("该任职已于 %(date)s 终止。") % {"date": membership.valid_to.isoformat()})
    membership.valid_to = on
    membership.save(update_fields=["valid_to"])
    audit.record(membership, "core.membership_ended", actor=actor, after={"valid_to": on})
    clear_cached_scope(membership.user)
    return membership


@transaction.atomic
def grant_access(
    *,
    actor,
    body: Body,
    reason: str,
    grantee_user: User | None = None,
    grantee_body: Body | None = None,
    grantee_role: str = "",
    include_subtree: bool = False,
    allows_change: bool = False,
    valid_to: datetime.date | None = None,
) -> AccessGrant:
    """Open a body's records to someone outside it, for a stated reason."""
    _require_manage_people(actor, body)
    if (grantee_user is None) == (grantee_body is None):
        raise InvalidInput(_("授权对象须为一个用户或一个单位。"))
    if not (reason or "").strip():
        raise InvalidInput(_("请填写授权理由。"), errors={"reason": [_("请填写授权理由。")]})
    grant = AccessGrant.objects.create(
        grantee_user=grantee_user,
        grantee_body=grantee_body,
        grantee_role=grantee_role,
        body=body,
        include_subtree=include_subtree,
        allows_change=allows_change,
        reason=reason.strip(),
        valid_to=valid_to,
    )
    audit.record(grant, "core.access_granted", actor=actor, after=audit.snapshot(grant), body_id=body.pk)
    if grantee_user is not None:
        clear_cached_scope(grantee_user)
    return grant


@transaction.atomic
def enroll(
    body: Body, *, actor, username: str, role: str, full_name: str = "", email: str = "", password: str | None = None
) -> Membership:
    """Give a person a role at a body: an existing account by user name, or a new one."""
    _require_manage_people(actor, body)
    username = (username or "").strip()
    user = User.objects.filter(username=username).first()
    if user is None:
        if not (full_name or "").strip():
            raise InvalidInput(_("新建账号须填写姓名。"), errors={"full_name": [_("新建账号须填写姓名。")]})
        if not password:
            raise InvalidInput(_("新建账号须设置初始密码。"), errors={"password": [_("新建账号须设置初始密码。")]})
        try:
            validate_password(password)
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], errors={"password": list(exc.messages)}) from None
        user = create_user(actor=None, username=username, full_name=full_name, email=email, password=password)
    return add_membership(actor=actor, user=user, body=body, role=role)


def members(body_ids, roles) -> list[User]:
    """The active users who hold one of `roles` today at one of the bodies: whom a body's notices reach."""
    today = timezone.localdate()
    return list(
        User.objects.filter(
            is_active=True,
            memberships__in=Membership.objects.active(today).filter(body_id__in=list(body_ids), role__in=list(roles)),
        ).distinct()
    )
