"""A closed case's complete file (案卷归档, 意见第二十条; 行政处罚法第四十七条): one ZIP.

`build(case, actor=...)` gathers the case record and everything about it — its officers with
their certificates, every generated instrument (执法文书/), every evidence file (证据材料/), its
seizures, publication and transfers, its legal review with the stages and its collective
discussion with the minutes, its deadlines — each record as JSON, with the audit trail of all of
them and of the files, and a PDF index listing each entry with its SHA-256 (`fazhi.core.archive`).
Only a closed case is archived; the export itself is audited.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext as _

from fazhi.clock.models import Deadline
from fazhi.core import archive, audit
from fazhi.core.errors import Conflict, NotFound
from fazhi.enforcement import case_selectors, instruments
from fazhi.enforcement.choices import CaseStatus
from fazhi.enforcement.models import Case, Certificate, Publication
from fazhi.procedures import selectors as procedures
from fazhi.procedures.models import ReviewStage


def _records(case: Case) -> list[tuple[str, Model]]:
    """(section, record) for every record of the case, in the order the procedure runs."""
    records: list[tuple[str, Model]] = [(_("案件"), case)]
    assignments = list(case.assignments.select_related("officer").order_by("-lead", "id"))
    records += [(_("办案人员"), assignment) for assignment in assignments]
    certificates = Certificate.objects.filter(pk__in=[a.certificate_id for a in assignments]).order_by("id")
    records += [(_("行政执法证"), certificate) for certificate in certificates]
    records += [(_("执法文书"), document) for document in case.documents.order_by("id")]
    records += [(_("查封扣押"), seizure) for seizure in case.seizures.order_by("id")]
    for review in procedures.reviews_of(case).order_by("id"):
        records.append((review.get_kind_display(), review))
        records += [(_("审查阶段"), stage) for stage in ReviewStage.objects.filter(review=review).order_by("number")]
    records += [(_("集体讨论记录"), meeting) for meeting in procedures.meetings_of(case).order_by("id")]
    deadlines = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk))
    records += [(_("法定期限"), deadline) for deadline in deadlines.order_by("id")]
    records += [(_("决定公开"), publication) for publication in Publication.objects.filter(case=case)]
    records += [(_("移送司法机关"), transfer) for transfer in case.transfers.order_by("id")]
    return records


def _files(case: Case, records) -> tuple[list[archive.Entry], list]:
    """The instruments, the evidence and the procedures' files (minutes), each in its folder."""
    found = archive.attachments_of(records)
    documents = {document.attachment_id: document for document in case.documents.all()}
    case_type = ContentType.objects.get_for_model(Case)
    entries = []
    for attachment in found:
        document = documents.get(attachment.pk)
        if document is not None:
            kind, number = document.get_kind_display(), document.number
            label = _("执法文书：%(kind)s %(number)s") % {"kind": kind, "number": number}
            entries.append(archive.attachment_entry(attachment, _("执法文书"), label))
        elif attachment.content_type_id == case_type.pk and attachment.object_id == str(case.pk):
            label = _("证据材料：%(name)s") % {"name": attachment.original_name}
            entries.append(archive.attachment_entry(attachment, _("证据材料"), label))
        else:
            entries.append(archive.attachment_entry(attachment))
    return entries, found


def build(case: Case, *, actor) -> tuple[str, bytes]:
    """The archive's file name and bytes: 404 for a case the actor cannot see, 409 before closure."""
    if not Case.objects.restrict(actor).filter(pk=case.pk).exists():
        raise NotFound()
    case = Case.objects.select_related("body", "benchmark").get(pk=case.pk)
    if case.status != CaseStatus.CLOSED:
        raise Conflict(_("案件结案后方可归档导出案卷。"), code="invalid_transition")
    records = _records(case)
    files, attachments = _files(case, records)
    content, entries, trail = archive.build(
        records,
        template="enforcement/case_archive_index.html",
        context={
            "case": case,
            "officers": case.assignments.select_related("officer", "certificate").order_by("-lead", "id"),
            "documents": instruments.documents_of(case),
            "deadlines": case_selectors.deadlines(case),
        },
        files=files,
        trail_records=[*records, *attachments],
        actor=actor,
    )
    audit.record(case, "enforcement.case_archived", actor=actor, extra={"entries": len(entries), "events": len(trail)})
    return f"行政处罚案卷-{case.number or case.pk}.zip", content
