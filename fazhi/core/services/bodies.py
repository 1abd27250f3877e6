"""Changes to the tree of bodies: creation, edits, moves, and reforms (merge, rename, retire)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.access import clear_cached_scope, may
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, invalid_from_validation
from fazhi.core.inputs import reject_unknown
from fazhi.core.models import Body, BodyName

EDITABLE_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "is_enforcement_agency",
    "has_legal_office",
    "is_reconsideration_body",
    "hosts_leading_group_office",
    "evaluation_group",
    "valid_from",
    "valid_to",
    "sort_order",
]


def _require_manage(actor, parent: Body | None) -> None:
    if actor is None or actor.is_superuser:
        return
    if parent is None or not may(actor, "manage_bodies", parent):
        raise Forbidden(_("只有上级单位的依法行政办可以管理该单位。"))


def _validated(body: Body) -> None:
    try:
        body.full_clean(exclude=["tree_path", "parent", "successor"])
    except ValidationError as exc:
        raise invalid_from_validation(exc) from None


@transaction.atomic
def create_body(*, actor, parent: Body | None = None, **fields) -> Body:
    _require_manage(actor, parent)
    reject_unknown(fields, EDITABLE_FIELDS)
    body = Body(parent=parent, tree_path="pending", **fields)
    _validated(body)
    body.save()
    body.tree_path = f"{parent.tree_path if parent else '/'}{body.pk}/"
    body.save(update_fields=["tree_path"])
    audit.record(body, "core.body_created", actor=actor, after=audit.snapshot(body))
    return body


@transaction.atomic
def update_body(body: Body, *, actor, **changes) -> Body:
    _require_manage(actor, body.parent if body.parent_id else None)
    reject_unknown(changes, EDITABLE_FIELDS)
    body = Body.objects.select_for_update().get(pk=body.pk)
    before = audit.snapshot(body, list(changes))
    for field, value in changes.items():
        setattr(body, field, value)
    _validated(body)
    body.save()
    audit.record(body, "core.body_updated", actor=actor, before=before, after=audit.snapshot(body, list(changes)))
    return body


@transaction.atomic
def move_body(body: Body, *, actor, new_parent: Body) -> Body:
    """Put a body under another parent; its whole subtree moves with it."""
    _require_manage(actor, body.parent)
    _require_manage(actor, new_parent)
    if new_parent.tree_path.startswith(body.tree_path):
        raise InvalidInput(_("不能把单位移到它自己或其下级单位之下。"))
    old_path, new_path = body.tree_path, f"{new_parent.tree_path}{body.pk}/"
    before = {"parent_id": body.parent_id}
    descendants = list(Body.objects.select_for_update().filter(tree_path__startswith=old_path))
    for item in descendants:
        item.tree_path = new_path + item.tree_path[len(old_path) :]
    Body.objects.bulk_update(descendants, ["tree_path"])
    Body.objects.filter(pk=body.pk).update(parent=new_parent)
    body.refresh_from_db()
    audit.record(body, "core.body_moved", actor=actor, before=before, after={"parent_id": new_parent.pk})
    if actor is not None:
        clear_cached_scope(actor)
    return body


@transaction.atomic
def rename_body(body: Body, *, actor, new_name: str, on: datetime.date, note: str = "") -> Body:
    """A reform renames a body: the old name is kept, so texts citing it still resolve."""
    _require_manage(actor, body.parent)
    new_name = (new_name or "").strip()
    if not new_name:
        raise InvalidInput(_("请填写新名称。"), errors={"new_name": [_("请填写新名称。")]})
    if new_name == body.name:
        raise Conflict(_("新名称与现名称相同。"))
    BodyName.objects.create(body=body, name=body.name, valid_to=on - datetime.timedelta(days=1), note=note)
    before = {"name": body.name}
    body.name = new_name
    body.save(update_fields=["name", "updated_at"])
    audit.record(body, "core.body_renamed", actor=actor, before=before, after={"name": new_name}, extra={"on": on})
    return body


@transaction.atomic
def retire_body(body: Body, *, actor, on: datetime.date, successor: Body | None = None) -> Body:
    """A reform abolishes or merges a body: it ends on `on`, its functions pass to `successor`."""
    _require_manage(actor, body.parent)
    if body.valid_to is not None:
        raise Conflict(_("该单位已于 %(date)s 撤销。") % {"date": body.valid_to.isoformat()})
    if successor is not None and (successor.pk == body.pk or not successor.is_current(on)):
        raise InvalidInput(_("承继单位须是撤销之日仍存续的另一单位。"))
    if body.valid_from and on < body.valid_from:
        raise InvalidInput(_("撤销日期不能早于设立日期。"))
    body.valid_to, body.successor = on, successor
    body.save(update_fields=["valid_to", "successor", "updated_at"])
    audit.record(
        body,
        "core.body_retired",
        actor=actor,
        after={"valid_to": on, "successor_id": successor and successor.pk},
    )
    return body


def resolve_name(name: str, on: datetime.date | None = None) -> Body | None:
    """The body a name refers to — its current name, a former name, then its successor."""
    body = Body.objects.filter(name=name).first() or Body.objects.filter(short_name=name).first()
    if body is None:
        former = BodyName.objects.filter(name=name).select_related("body").first()
        body = former.body if former else None
    seen = set()
    while body is not None and body.successor_id and not body.is_current(on) and body.pk not in seen:
        seen.add(body.pk)
        body = body.successor
    return body
