"""Archives of a procedure's complete file (档案): one ZIP with every record as JSON, every file
attached to them, their audit trail and a PDF index listing each entry with its SHA-256.

Apps say what belongs in the file (`records`, in the order the procedure runs) and how the index
looks (a template); this module builds the ZIP the same way for each, so that an archive of a
major decision and one of a penalty case can be checked by the same means.
"""

import datetime
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.models import Attachment, AuditEvent

INDEX = "目录.pdf"
TRAIL = "审计记录.json"


@dataclass
class Entry:
    """One file of the archive: its path, what it is and its bytes."""

    path: str
    label: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def json_bytes(value) -> bytes:
    def default(item):
        if isinstance(item, datetime.date | datetime.datetime):
            return item.isoformat()
        return str(item)

    return json.dumps(value, ensure_ascii=False, indent=2, default=default).encode()


def record_entries(records: list[tuple[str, Model]], folder: str = "记录") -> list[Entry]:
    """Each (section, record) as JSON under `folder/NN-section/`, sections numbered as they first come."""
    entries: list[Entry] = []
    counters: dict[str, int] = {}
    for section, record in records:
        counters[section] = counters.get(section, 0) + 1
        path = (
            f"{folder}/{len(counters):02d}-{section}/{counters[section]:03d}-{record._meta.model_name}-{record.pk}.json"
        )
        entries.append(Entry(path, f"{section}：{record}", json_bytes(audit.snapshot(record))))
    return entries


def attachments_of(records) -> list[Attachment]:
    """Every file attached to any of `records` ((section, record) pairs or records)."""
    query = Q(pk__in=[])
    for item in records:
        record = item[1] if isinstance(item, tuple) else item
        query |= Q(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk))
    return list(Attachment.objects.filter(query).order_by("id"))


def attachment_entry(attachment: Attachment, folder: str = "附件", label: str | None = None) -> Entry:
    with attachment.file.open("rb") as handle:
        content = handle.read()
    return Entry(
        f"{folder}/{attachment.pk}-{attachment.original_name}",
        label or _("附件：%(name)s") % {"name": attachment.original_name},
        content,
    )


def trail_of(records) -> list[AuditEvent]:
    """The audit events of `records` ((section, record) pairs or records), oldest first."""
    query = Q(pk__in=[])
    for item in records:
        record = item[1] if isinstance(item, tuple) else item
        query |= Q(object_type=record._meta.label_lower, object_id=str(record.pk))
    return list(AuditEvent.objects.filter(query).order_by("occurred_at", "id"))


def event_row(event: AuditEvent) -> dict:
    return {
        "sequence": event.sequence,
        "occurred_at": timezone.localtime(event.occurred_at).isoformat(),
        "actor": event.actor_label,
        "action": event.action,
        "object": f"{event.object_type}:{event.object_id}",
        "object_repr": event.object_repr,
        "data": json.loads(event.data),
        "hash": event.hash,
    }


def trail_entry(trail: list[AuditEvent]) -> Entry:
    return Entry(
        TRAIL, _("审计记录（%(count)d 条）") % {"count": len(trail)}, json_bytes([event_row(e) for e in trail])
    )


def index_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a second at start-up

    return HTML(string=render_to_string(template, context)).write_pdf()


def zip_bytes(index: bytes, entries: list[Entry]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(INDEX, index)
        for entry in entries:
            archive.writestr(entry.path, entry.content)
    return buffer.getvalue()


def build(
    records: list[tuple[str, Model]],
    *,
    template: str,
    context: dict,
    files: list[Entry] | None = None,
    trail_records=None,
    actor=None,
) -> tuple[bytes, list[Entry], list[AuditEvent]]:
    """The ZIP of `records` (as JSON), `files` (default: every file attached to the records) and the
    audit trail of `trail_records` (default: the records), with the PDF index rendered from
    `template` with `context` plus `entries`, `trail`, `exported_at` and `exported_by`."""
    entries = record_entries(records)
    entries += files if files is not None else [attachment_entry(a) for a in attachments_of(records)]
    trail = trail_of(trail_records if trail_records is not None else records)
    entries.append(trail_entry(trail))
    index = index_pdf(
        template,
        {**context, "entries": entries, "trail": trail, "exported_at": timezone.localtime(), "exported_by": actor},
    )
    return zip_bytes(index, entries), entries, trail
