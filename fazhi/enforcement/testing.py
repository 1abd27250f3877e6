"""Enforcement records for the URL-scoping walk, each part in its own function so that others (the
cases) add theirs beside them: records of `body` that carry the walk's markers, which neither the
public nor another body may see. Made directly: the walk only reads them."""

import datetime

from django.utils import timezone

from fazhi.enforcement.choices import CaseStatus, CertificateStatus, PartyKind, PenaltyKind, TransferStatus
from fazhi.enforcement.models import (
    Benchmark,
    BenchmarkBand,
    Case,
    CaseDocument,
    CaseOfficer,
    Certificate,
    EnforcementSettings,
    FileReview,
    LegalReviewer,
    Officer,
    Publication,
    ReviewCatalogEntry,
    ReviewSheet,
    Seizure,
    Transfer,
)
from fazhi.enforcement.transfers import area_of


def make_officer_canaries(body, member, markers: dict) -> dict:
    """An officer whose certificate is suspended (so not on the portal's 执法人员公示), and `member`
    registered as the body's legal reviewer."""
    today = timezone.localdate()
    officer = Officer.objects.create(
        body=body, name=markers["submitter"], staff_number=markers["phone"], position=markers["content"][:50]
    )
    certificate = Certificate.objects.create(
        officer=officer,
        number=markers["phone"],
        area=markers["content"],
        issued_on=today - datetime.timedelta(days=365),
        expires_on=today + datetime.timedelta(days=30),
        status=CertificateStatus.SUSPENDED,
        status_reason=markers["content"],
        status_changed_on=today - datetime.timedelta(days=1),
    )
    reviewer = LegalReviewer.objects.create(
        body=body, user=member, appointed_on=datetime.date(2015, 6, 1), qualification_number=markers["phone"]
    )
    return {"enforcement_officer": officer.pk, "enforcement_certificate": certificate.pk, "legal_reviewer": reviewer.pk}


def make_benchmark_canaries(body, markers: dict) -> dict:
    """A draft benchmark with one band, and an unpublished legal-review catalog entry."""
    benchmark = Benchmark.objects.create(
        body=body,
        code="CANARY-1",
        violation=markers["subject"],
        violated_provision=markers["content"],
        penalty_provision=markers["content"],
    )
    band = BenchmarkBand.objects.create(
        benchmark=benchmark, order=1, label=markers["submitter"], other_penalties=markers["content"]
    )
    entry = ReviewCatalogEntry.objects.create(
        body=body, matter=markers["subject"], penalty_kinds=[PenaltyKind.REVOKE_LICENCE]
    )
    return {"benchmark": benchmark.pk, "benchmark_band": band.pk, "review_entry": entry.pk}


def make_case_canaries(body, markers: dict) -> dict:
    """A case under way whose party, cause and facts are markers, assigned to a certified officer; and
    a closed case whose decision was published then withdrawn: the portal shows only its statement."""
    today = timezone.localdate()
    # Certified, so on the portal's 执法人员公示: its name and number carry no marker.
    officer = Officer.objects.create(body=body, name="哨兵案件执法人员")
    certificate = Certificate.objects.create(
        officer=officer,
        number="CANARY-CASE-CERT",
        area="江门市 市场监管",
        issued_on=today - datetime.timedelta(days=365),
        expires_on=today + datetime.timedelta(days=365),
    )
    party = {
        "party_kind": PartyKind.PERSON,
        "party_name": markers["submitter"],
        "party_code": markers["phone"],
        "party_address": markers["content"],
        "cause": markers["subject"],
        "facts": markers["content"],
    }
    case = Case.objects.create(
        body=body,
        number="CANARY-CASE-1",
        status=CaseStatus.NOTIFIED,
        filed_on=today,
        notified_on=today,
        penalty_kinds=[PenaltyKind.WARNING],
        statement=markers["content"],
        **party,
    )
    CaseOfficer.objects.create(case=case, officer=officer, certificate=certificate, lead=True, assigned_on=today)
    closed = Case.objects.create(
        body=body,
        number="CANARY-CASE-2",
        status=CaseStatus.CLOSED,
        filed_on=today,
        decided_on=today,
        closed_on=today,
        penalty_kinds=[PenaltyKind.WARNING],
        decision_text=markers["content"],
        **party,
    )
    publication = Publication.objects.create(
        case=closed,
        body=body,
        published_on=today,
        show_until=today + datetime.timedelta(days=365),
        party=markers["submitter"],
        summary=markers["content"],
        withdrawn_on=today,
        withdrawal_statement="该行政处罚决定已被行政复议机关撤销。",
    )
    return {"case": case.pk, "penalty_publication": publication.pk}


def _marked_case(body, markers: dict, number: str, **fields) -> Case:
    return Case.objects.create(
        body=body,
        number=number,
        filed_on=timezone.localdate(),
        party_kind=PartyKind.PERSON,
        party_name=markers["submitter"],
        party_code=markers["phone"],
        party_address=markers["content"],
        cause=markers["subject"],
        facts=markers["content"],
        **fields,
    )


def make_transfer_canaries(body, markers: dict) -> dict:
    """A case sent to the police, with a seizure of the goods, whose transfer names a marked offence
    and outcome: the area's procuratorate may be granted sight of it, no one else."""
    today = timezone.localdate()
    case = _marked_case(body, markers, "CANARY-CASE-3", status=CaseStatus.TRANSFERRED)
    Seizure.objects.create(case=case, decided_on=today, items=markers["content"])
    transfer = Transfer.objects.create(
        case=case,
        body=body,
        status=TransferStatus.SENT,
        suspected_offence=markers["subject"][:100],
        proposed_on=today,
        approved_on=today,
        approver=markers["member"],
        sent_on=today,
        receiving_organ=markers["submitter"],
        police_outcome=markers["content"],
        area=area_of(body),
    )
    return {"transfer": transfer.pk}


def make_file_review_canaries(body, markers: dict) -> dict:
    """This year's review sheet (no marker: the sheet itself is not secret) with one sampled closed
    case of `body`, scored with marked findings: only the evaluators and the body open them."""
    today = timezone.localdate()
    case = _marked_case(body, markers, "CANARY-CASE-4", status=CaseStatus.CLOSED, decided_on=today, closed_on=today)
    sheet = ReviewSheet.objects.create(
        year=today.year, items=[{"key": "1", "label": "案件事实与证据", "max": "100.00"}], pass_mark="60"
    )
    review = FileReview.objects.create(
        sheet=sheet,
        case=case,
        body=body,
        scores={"1": "50"},
        total="50",
        findings=markers["content"],
        reviewed_on=today,
    )
    return {"review_sheet": sheet.pk, "file_review": review.pk}


def make_canaries(body, member, markers: dict) -> dict:
    return {
        **make_officer_canaries(body, member, markers),
        **make_benchmark_canaries(body, markers),
        **make_case_canaries(body, markers),
        **make_transfer_canaries(body, markers),
        **make_file_review_canaries(body, markers),
    }


def state() -> dict:
    """What the walk's intruders must not change."""
    return {
        "enforcement_officers": list(Officer.objects.order_by("pk").values_list("pk", "name", "position", "user_id")),
        "enforcement_certificates": list(
            Certificate.objects.order_by("pk").values_list("pk", "status", "expires_on", "status_changed_on")
        ),
        "legal_reviewers": list(
            LegalReviewer.objects.order_by("pk").values_list("pk", "active", "qualification_number")
        ),
        "benchmarks": list(Benchmark.objects.order_by("pk").values_list("pk", "status", "violation", "replaces_id")),
        "benchmark_bands": list(BenchmarkBand.objects.order_by("pk").values_list("pk", "label", "fine_max")),
        "review_entries": list(ReviewCatalogEntry.objects.order_by("pk").values_list("pk", "matter", "published_on")),
        "cases": list(
            Case.objects.order_by("pk").values_list("pk", "status", "facts", "statement", "decided_on", "closed_on")
        ),
        "case_officers": list(CaseOfficer.objects.order_by("pk").values_list("pk", "case_id", "officer_id")),
        "case_documents": list(CaseDocument.objects.order_by("pk").values_list("pk", "case_id", "attachment_id")),
        "publications": list(Publication.objects.order_by("pk").values_list("pk", "withdrawn_on", "summary")),
        "seizures": list(Seizure.objects.order_by("pk").values_list("pk", "released_on", "release_reason")),
        "transfers": list(
            Transfer.objects.order_by("pk").values_list(
                "pk", "status", "approved_on", "police_outcome", "handed_over_on"
            )
        ),
        "review_sheets": list(ReviewSheet.objects.order_by("pk").values_list("pk", "year", "items", "pass_mark")),
        "file_reviews": list(
            FileReview.objects.order_by("pk").values_list("pk", "sheet_id", "case_id", "total", "findings")
        ),
        "enforcement_settings": list(
            EnforcementSettings.objects.order_by("pk").values_list("pk", "body_id", "hearing_fine_person")
        ),
    }
