"""Who may see and do what: one place, used by every view, viewset, export and check.

A user's scope for an action is the bodies of their active memberships whose role grants that
action (with the subtree below where the role reaches down), plus the bodies of their active
grants. Every model that belongs to a body has a queryset method `restrict(user, action)` that
filters by this scope; records outside it are answered with 404 so that ids do not leak.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.core.choices import Role


@dataclass(frozen=True)
class RoleSpec:
    reaches_subtree: bool
    actions: frozenset[str]


ROLE_SPECS: dict[str, RoleSpec] = {
    Role.OFFICE: RoleSpec(True, frozenset({"view", "change", "manage_people", "manage_bodies", "audit"})),
    Role.LEGAL_REVIEWER: RoleSpec(False, frozenset({"view", "change", "review", "number"})),
    Role.GOVERNMENT_OFFICE: RoleSpec(True, frozenset({"view", "number", "publish"})),
    Role.CLERK: RoleSpec(False, frozenset({"view", "change"})),
    Role.ENFORCEMENT_OFFICER: RoleSpec(False, frozenset({"view", "change", "enforce"})),
    Role.HEAD: RoleSpec(True, frozenset({"view", "change", "approve", "audit"})),
    Role.EVALUATOR: RoleSpec(True, frozenset({"view", "score"})),
}
ACTIONS = frozenset().union(*(spec.actions for spec in ROLE_SPECS.values()))
_GRANT_ACTIONS = {False: frozenset({"view"}), True: frozenset({"view", "change"})}


def scope_body_ids(user, action: str) -> frozenset[int]:
    """The ids of the bodies where `user` may perform `action`; cached on the user object."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_fazhi_scope", {})
    if action not in cache:
        cache[action] = _compute_scope(user, action)
    return cache[action]


def _compute_scope(user, action: str) -> frozenset[int]:
    from fazhi.core.models import AccessGrant, Body, Membership

    memberships = list(Membership.objects.active().filter(user=user).select_related("body"))
    direct: set[int] = set()
    subtree_paths: set[str] = set()
    for membership in memberships:
        spec = ROLE_SPECS.get(membership.role)
        if spec is None or action not in spec.actions:
            continue
        if spec.reaches_subtree:
            subtree_paths.add(membership.body.tree_path)
        else:
            direct.add(membership.body_id)

    grant_filter = Q(grantee_user=user)
    for membership in memberships:
        grant_filter |= Q(grantee_body_id=membership.body_id, grantee_role="") | Q(
            grantee_body_id=membership.body_id, grantee_role=membership.role
        )
    for grant in AccessGrant.objects.active().filter(grant_filter).select_related("body"):
        if action not in _GRANT_ACTIONS[grant.allows_change]:
            continue
        if grant.include_subtree:
            subtree_paths.add(grant.body.tree_path)
        else:
            direct.add(grant.body_id)

    if subtree_paths:
        query = Q()
        for path in subtree_paths:
            query |= Q(tree_path__startswith=path)
        direct.update(Body.objects.filter(query).values_list("pk", flat=True))
    return frozenset(direct)


def may(user, action: str, body) -> bool:
    """Whether `user` may perform `action` at `body`."""
    if user.is_authenticated and user.is_superuser:
        return True
    return body is not None and body.pk in scope_body_ids(user, action)


def require(actor, action: str, body, label: str) -> None:
    """Refuse unless `actor` may `action` at `body`: 404 where they cannot even see the body (ids do
    not leak), 403 with the step's name where they see it but may not act."""
    from fazhi.core.errors import Forbidden, NotFound

    if may(actor, action, body):
        return
    if not may(actor, "view", body):
        raise NotFound()
    raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": label})


def member_body_ids(user) -> frozenset[int]:
    """The bodies `user` is an active member of, in any role: no subtree, no grants.

    The identity of a complainant or a petitioner is for the body handling the matter alone
    (DESIGN §5), not for a supervisor who sees the body's records through its subtree.
    """
    from fazhi.core.models import Membership

    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_fazhi_scope", {})
    if "_members" not in cache:
        cache["_members"] = frozenset(Membership.objects.active().filter(user=user).values_list("body_id", flat=True))
    return cache["_members"]


def clear_cached_scope(user) -> None:
    user.__dict__.pop("_fazhi_scope", None)


class BodyScopedQuerySet(models.QuerySet):
    """Records that belong to a body: visible, or changeable, where the user's scope reaches.

    Subclasses name the foreign key with `body_field` when it is not `body`.
    """

    body_field = "body"

    def restrict(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(**{f"{self.body_field}__in": scope_body_ids(user, action)})
