"""The decision's archive (决策过程记录和材料归档, 条例第三十三条): one ZIP with everything.

`build(decision, actor=...)` gathers every record the procedure produced — the decision, its
catalog item, consultations with the adoption ledger, reviews and their stages, hearings, expert
opinions, risk assessments, legal advisers' opinions, meeting records, implementation reports,
post-decision evaluations, accountability cases — each as JSON, every file attached to any of
them, and the audit trail of all of them, with a PDF index (WeasyPrint, CJK fonts) listing each
entry with its SHA-256 so that the archive can be checked later.
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
from fazhi.core.errors import NotFound
from fazhi.core.models import Attachment, AuditEvent
from fazhi.decisions import selectors, workflow
from fazhi.decisions.models import Decision
from fazhi.procedures import selectors as procedures
from fazhi.procedures.models import ReviewStage


@dataclass
class Entry:
    """One file of the archive: its path, what it is and its bytes."""

    path: str
    label: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _json(value) -> bytes:
    def default(item):
        if isinstance(item, datetime.date | datetime.datetime):
            return item.isoformat()
        return str(item)

    return json.dumps(value, ensure_ascii=False, indent=2, default=default).encode()


def _records(decision: Decision) -> list[tuple[str, Model]]:
    """(section, record) for every record of the procedure, in the order the procedure runs."""
    records: list[tuple[str, Model]] = [(_("决策事项"), decision)]
    if decision.catalog_item is not None:
        records += [(_("决策事项目录"), decision.catalog_item.catalog), (_("目录事项"), decision.catalog_item)]
    for consultation in procedures.consultations_of(decision).order_by("id"):
        records.append((_("公开征求意见"), consultation))
        records += [(_("公众意见及采纳情况"), comment) for comment in consultation.comments.order_by("id")]
    records += [(_("听证会"), hearing) for hearing in decision.hearings.order_by("id")]
    records += [(_("专家论证意见"), opinion) for opinion in decision.expert_opinions.order_by("id")]
    records += [(_("风险评估"), assessment) for assessment in decision.risk_assessments.order_by("id")]
    for review in procedures.reviews_of(decision).order_by("id"):
        records.append((review.get_kind_display(), review))
        records += [(_("审查阶段"), stage) for stage in ReviewStage.objects.filter(review=review).order_by("number")]
    records += [(_("法律顾问意见"), opinion) for opinion in selectors.adviser_opinions_of(decision).order_by("id")]
    records += [(_("集体讨论记录"), meeting) for meeting in procedures.meetings_of(decision).order_by("id")]
    records += [(_("决策执行情况报告"), report) for report in decision.implementation_reports.order_by("id")]
    records += [(_("决策后评估"), evaluation) for evaluation in decision.post_evaluations.order_by("id")]
    records += [(_("决策责任追究"), case) for case in decision.accountability_cases.order_by("id")]
    return records


def _keys(records) -> list[tuple[str, str]]:
    return [(record._meta.label_lower, str(record.pk)) for _section, record in records]


def _attachments(records) -> list[Attachment]:
    query = Q(pk__in=[])
    for _section, record in records:
        query |= Q(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk))
    return list(Attachment.objects.filter(query).order_by("id"))


def _trail(records) -> list[AuditEvent]:
    query = Q(pk__in=[])
    for object_type, object_id in _keys(records):
        query |= Q(object_type=object_type, object_id=object_id)
    return list(AuditEvent.objects.filter(query).order_by("occurred_at", "id"))


def _event_row(event: AuditEvent) -> dict:
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


def build(decision: Decision, *, actor) -> tuple[str, bytes]:
    """The archive's file name and bytes; refused (404) for a decision the actor cannot see."""
    if not Decision.objects.restrict(actor).filter(pk=decision.pk).exists():
        raise NotFound()
    records = _records(decision)
    entries: list[Entry] = []
    counters: dict[str, int] = {}
    for section, record in records:
        counters[section] = counters.get(section, 0) + 1
        path = f"记录/{len(counters):02d}-{section}/{counters[section]:03d}-{record._meta.model_name}-{record.pk}.json"
        entries.append(Entry(path, f"{section}：{record}", _json(audit.snapshot(record))))
    for attachment in _attachments(records):
        with attachment.file.open("rb") as handle:
            content = handle.read()
        name = f"附件/{attachment.pk}-{attachment.original_name}"
        entries.append(Entry(name, _("附件：%(name)s") % {"name": attachment.original_name}, content))
    trail = _trail(records)
    entries.append(
        Entry(
            "审计记录.json",
            _("审计记录（%(count)d 条）") % {"count": len(trail)},
            _json([_event_row(e) for e in trail]),
        )
    )
    index = _index_pdf(decision, entries, trail, actor)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("目录.pdf", index)
        for entry in entries:
            archive.writestr(entry.path, entry.content)
    audit.record(
        decision,
        "decisions.dossier_exported",
        actor=actor,
        extra={"entries": len(entries), "events": len(trail)},
    )
    return f"重大行政决策档案-{decision.pk}.zip", buffer.getvalue()


def _index_pdf(decision: Decision, entries: list[Entry], trail: list[AuditEvent], actor) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a second at start-up

    html = render_to_string(
        "decisions/dossier_index.html",
        {
            "decision": decision,
            "steps": workflow.required_steps(decision),
            "entries": entries,
            "trail": trail,
            "exported_at": timezone.localtime(),
            "exported_by": actor,
        },
    )
    return HTML(string=html).write_pdf()
