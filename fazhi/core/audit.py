"""The audit chain: every change made through a service, hash-linked so tampering shows.

`record()` writes an unchained event inside the caller's transaction, so the event is durable
exactly when the change is. At commit, `chain_pending()` takes the chain lock (a PostgreSQL
advisory lock; SQLite's write lock, which every IMMEDIATE transaction holds), numbers the
pending events and hashes each over its canonical JSON text and the previous hash. The lock is
held for that step alone. An event whose chaining was interrupted is picked up by the next
commit or by the `audit.chain` sweep.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import pagecache
from fazhi.core.masking import mask_record, mask_text
from fazhi.core.models import AuditEvent

ALGORITHM = "sm3" if "sm3" in hashlib.algorithms_available else "sha256"
_ADVISORY_LOCK_KEY = 0x46415A4849  # "FAZHI"
SYSTEM_LABEL = "系统"
PUBLIC_LABEL = "公众"


def canonical_json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot(instance: Model, fields: list[str] | None = None) -> dict:
    """The values of a record's concrete fields (foreign keys as ids), for before/after."""
    values = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"password", "secret_digest"}:
            continue
        values[field.attname if field.is_relation else field.name] = field.value_from_object(instance)
    return values


def _body_id_of(instance: Model):
    from fazhi.core.models import Body

    if isinstance(instance, Body):
        return instance.pk
    return getattr(instance, "body_id", None)


def record(
    instance: Model,
    action: str,
    *,
    actor,
    before: dict | None = None,
    after: dict | None = None,
    extra: dict | None = None,
    body_id: int | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Write an unchained event for a change in the current transaction; chained at commit."""
    if "." not in action:
        raise ValueError("audit actions are namespaced: 'app.verb'")
    data = {}
    if before is not None:
        data["before"] = before
    if after is not None:
        data["after"] = after
    if extra:
        data["extra"] = extra
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor_id=actor.pk if is_user else None,
        actor_label=(actor_label or (actor.get_username() if is_user else SYSTEM_LABEL))[:150],
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        # A record's text can carry a citizen's number (a submission's subject): masked too.
        object_repr=mask_text(str(instance))[:200],
        body_id=body_id if body_id is not None else _body_id_of(instance),
        data=canonical_json(mask_record(data)),
    )
    # robust: the change has committed by then; if chaining fails the event waits for the next
    # commit or the `audit.chain` sweep instead of turning a committed change into an error.
    transaction.on_commit(chain_pending, robust=True)
    pagecache.bump_on_commit()
    return event


def history(subject: Model, related: dict[str, list], labels: dict) -> list[dict]:
    """A record's timeline for its page: its own events and those of the records in `related`
    (`{"app.model": [ids]}`), oldest first, each action named by `labels`. One query."""
    objects = Q(object_type=subject._meta.label_lower, object_id=str(subject.pk))
    for object_type, ids in related.items():
        if ids:
            objects |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    return [
        {
            "occurred_at": event.occurred_at,
            "action": event.action,
            "label": str(labels.get(event.action, event.action)),
            "actor": event.actor_label,
            "object": event.object_repr,
        }
        for event in AuditEvent.objects.filter(objects).order_by("occurred_at", "id")
    ]


def canonical_text(event: AuditEvent) -> str:
    """The exact text an event's hash is taken over: every column but the hash itself."""
    occurred = event.occurred_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return canonical_json(
        {
            "sequence": event.sequence,
            "occurred_at": occurred,
            "actor_id": event.actor_id,
            "actor_label": event.actor_label,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "object_repr": event.object_repr,
            "body_id": event.body_id,
            "data": event.data,
            "algorithm": event.algorithm,
            "prev_hash": event.prev_hash,
        }
    )


def compute_hash(event: AuditEvent) -> str:
    return hashlib.new(event.algorithm, canonical_text(event).encode("utf-8")).hexdigest()


def _take_chain_lock(using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    # SQLite: the IMMEDIATE transaction already holds the database's write lock.


def chain_pending(using: str = "default") -> int:
    """Number and hash every committed, unchained event; returns how many were chained."""
    # record() schedules this once per event: after the first has chained a transaction's events
    # the rest find nothing, and find it without taking the chain lock (a write lock on SQLite,
    # a commit on PostgreSQL). Safe without the lock: our own events are committed, so visible.
    if not AuditEvent.objects.using(using).filter(sequence__isnull=True).exists():
        return 0
    with transaction.atomic(using=using):
        _take_chain_lock(using)
        pending = list(AuditEvent.objects.using(using).filter(sequence__isnull=True).order_by("id"))
        if not pending:
            return 0
        head = (
            AuditEvent.objects.using(using)
            .filter(sequence__isnull=False)
            .order_by("-sequence")
            .only("sequence", "hash")
            .first()
        )
        sequence, previous = (head.sequence, head.hash) if head else (0, "")
        for event in pending:
            sequence += 1
            event.sequence, event.prev_hash, event.algorithm = sequence, previous, ALGORITHM
            event.hash = previous = compute_hash(event)
        AuditEvent.objects.using(using).bulk_update(pending, ["sequence", "prev_hash", "algorithm", "hash"])
        return len(pending)


@dataclass
class VerifyResult:
    checked: int
    broken_sequence: int | None = None
    reason: str = ""
    head_sequence: int = 0
    head_hash: str = ""
    head_algorithm: str = ""
    pending: int = 0

    @property
    def ok(self) -> bool:
        return self.broken_sequence is None


def verify(using: str = "default") -> VerifyResult:
    """Walk the chain in order; name the first event whose content or link does not match."""
    expected_sequence, previous, algorithm, checked = 1, "", ALGORITHM, 0
    events = AuditEvent.objects.using(using).filter(sequence__isnull=False).order_by("sequence")
    for event in events.iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return VerifyResult(
                checked,
                expected_sequence,
                _("缺少序号为 %(sequence)d 的事件（链条断开）") % {"sequence": expected_sequence},
            )
        if event.prev_hash != previous:
            return VerifyResult(checked, event.sequence, _("前序摘要与上一事件不符"))
        if event.algorithm not in hashlib.algorithms_available:
            return VerifyResult(
                checked, event.sequence, _("无法识别的摘要算法 %(algorithm)r") % {"algorithm": event.algorithm}
            )
        if compute_hash(event) != event.hash:
            return VerifyResult(checked, event.sequence, _("事件内容与其摘要不符（已被改动）"))
        previous, algorithm = event.hash, event.algorithm
        expected_sequence, checked = expected_sequence + 1, checked + 1
    pending = AuditEvent.objects.using(using).filter(sequence__isnull=True).count()
    return VerifyResult(
        checked,
        head_sequence=expected_sequence - 1,
        head_hash=previous,
        head_algorithm=algorithm,
        pending=pending,
    )


def head_event(using: str = "default") -> AuditEvent | None:
    return AuditEvent.objects.using(using).filter(sequence__isnull=False).order_by("-sequence").first()


def head(using: str = "default") -> tuple[int, str]:
    event = head_event(using)
    return (event.sequence, event.hash) if event else (0, "")


def check_anchor(sequence: int, algorithm: str, digest: str, using: str = "default") -> str:
    """Why the chain does not match an anchor kept outside the database ("" when it does).

    Together with `verify()` this catches what a chain alone cannot: events cut off its end.
    """
    if sequence == 0:
        return ""
    event = AuditEvent.objects.using(using).filter(sequence=sequence).first()
    if event is None:
        return _("锚点序号为 %(sequence)d，但链头序号只有 %(head)d（锚定之后的事件缺失）") % {
            "sequence": sequence,
            "head": head(using)[0],
        }
    if event.algorithm != algorithm or event.hash != digest:
        return _("序号为 %(sequence)d 的事件摘要与锚点不符") % {"sequence": sequence}
    return ""
