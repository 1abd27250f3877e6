"""Read-side questions about enforcement bodies, asked by the case workflow, pages, API and checks.

Certificates (意见第十七条), qualified legal reviewers (行政处罚法第五十八条第二款), the band of a
discretion benchmark for a case's facts (意见第十八条), the legal-review catalog (意见第二十一条) and
each body's settings, with this platform's defaults where a body saved none.
"""

import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from fazhi.enforcement.choices import BenchmarkStatus, CertificateStatus
from fazhi.enforcement.models import (
    Benchmark,
    BenchmarkBand,
    Certificate,
    EnforcementSettings,
    LegalReviewer,
    Officer,
    ReviewCatalogEntry,
)

# 行政处罚法 (2021) took effect on 15 July 2021 (第八十六条); from then on a reviewer first appointed to
# 法制审核 must hold the legal-profession qualification (第五十八条第二款). Earlier appointees keep their post.
REVIEW_QUALIFICATION_FROM = datetime.date(2021, 7, 15)

# --- officers and certificates ----------------------------------------------------------------


def certificate_valid_on(certificate: Certificate, day: datetime.date) -> bool:
    """`CertificateQuerySet.valid_on` for one certificate already loaded."""
    if not certificate.issued_on <= day <= certificate.expires_on:
        return False
    return certificate.status == CertificateStatus.VALID or (
        certificate.status_changed_on is not None and certificate.status_changed_on > day
    )


def valid_certificate(officer: Officer, on: datetime.date) -> Certificate | None:
    """The officer's certificate that entitled them to enforce on `on` (the latest-expiring one), or None."""
    return Certificate.objects.filter(officer=officer).valid_on(on).order_by("-expires_on", "-id").first()


def certified_officers(body, on: datetime.date):
    """The body's officers holding a certificate valid on `on`, each with `certificate_numbers` set
    (the numbers valid that day) — what 执法人员公示 shows: name and certificate number."""
    certificates = Certificate.objects.valid_on(on).filter(officer__body=body).select_related("officer")
    officers: dict[int, Officer] = {}
    for certificate in certificates.order_by("officer__name", "officer_id", "number"):
        officer = officers.setdefault(certificate.officer_id, certificate.officer)
        officer.__dict__.setdefault("certificate_numbers", []).append(certificate.number)
    return list(officers.values())


def expiring_certificates(today: datetime.date, days: int):
    """Certificates valid today that expire within `days` days, unless their holder already has a
    certificate that runs longer (renewed ahead of time, even if it starts later): the ones to act on."""
    later = Certificate.objects.filter(
        officer=OuterRef("officer"), status=CertificateStatus.VALID, expires_on__gt=OuterRef("expires_on")
    )
    return (
        Certificate.objects.valid_on(today)
        .filter(status=CertificateStatus.VALID, expires_on__lte=today + datetime.timedelta(days=days))
        .exclude(Exists(later))
        .select_related("officer", "officer__body")
        .order_by("expires_on", "officer__name", "id")
    )


def reviewer_qualified(reviewer: LegalReviewer, on: datetime.date) -> bool:
    """Whether a registered reviewer may review on `on` (the test `qualified_reviewer` runs in the database)."""
    return (
        reviewer.active
        and reviewer.appointed_on <= on
        and (reviewer.appointed_on < REVIEW_QUALIFICATION_FROM or bool(reviewer.qualification_number))
    )


def qualified_reviewer(user, body, on: datetime.date) -> LegalReviewer | None:
    """The user's registration as a legal reviewer of `body`, if it lets them review on `on`: in post,
    appointed by then, and qualified if first appointed once the qualification was required."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        LegalReviewer.objects.filter(body=body, user=user, active=True, appointed_on__lte=on)
        .filter(Q(appointed_on__lt=REVIEW_QUALIFICATION_FROM) | ~Q(qualification_number=""))
        .first()
    )


# --- discretion benchmarks -------------------------------------------------------------------------


def _matches(band: BenchmarkBand, amount_involved, first_violation, harm) -> bool:
    if band.amount_from is not None and (amount_involved is None or amount_involved < band.amount_from):
        return False
    if band.amount_below is not None and (amount_involved is None or amount_involved >= band.amount_below):
        return False
    if band.first_violation is not None and first_violation != band.first_violation:
        return False
    return not band.harm or harm == band.harm


def matching_band(bands, *, amount_involved, first_violation, harm) -> BenchmarkBand | None:
    """The first band (by order) of `bands` whose every condition matches; an empty condition matches anything."""
    for band in sorted(bands, key=lambda band: band.order):
        if _matches(band, amount_involved, first_violation, harm):
            return band
    return None


def band_for(benchmark: Benchmark, *, amount_involved, first_violation, harm) -> BenchmarkBand | None:
    """The band the benchmark proposes for a case's facts (涉案金额, 初次违法, 危害后果)."""
    return matching_band(
        benchmark.bands.all(), amount_involved=amount_involved, first_violation=first_violation, harm=harm
    )


def outside_band(case, band: BenchmarkBand | None) -> bool:
    """Whether the case's penalty departs from `band` (its facts' band): no band at all, a penalty in a
    no-penalty band, or a fine outside the band's range. Such a decision needs a recorded reason."""
    if band is None:
        return True
    if band.no_penalty:
        return bool(case.fine or case.penalty_kinds)
    if case.fine is None:
        return False
    return (band.fine_min is not None and case.fine < band.fine_min) or (
        band.fine_max is not None and case.fine > band.fine_max
    )


def public_benchmarks():
    """What the portal shows: published benchmarks with their bands; never a draft or a reviewed one."""
    return (
        Benchmark.objects.published()
        .select_related("body")
        .prefetch_related("bands")
        .order_by("body__tree_path", "code", "id")
    )


def benchmark_is_public(benchmark: Benchmark) -> bool:
    return benchmark.status in (BenchmarkStatus.PUBLISHED, BenchmarkStatus.SUPERSEDED)


# --- the legal-review catalog ------------------------------------------------------------------------


def published_catalog(body):
    """The body's published 重大执法决定法制审核目录 entries."""
    return ReviewCatalogEntry.objects.filter(body=body, published_on__isnull=False).order_by("id")


def catalog_entry_matches(entry: ReviewCatalogEntry, *, penalty_kinds, fine) -> bool:
    if set(entry.penalty_kinds or []) & set(penalty_kinds or []):
        return True
    return entry.fine_from is not None and fine is not None and fine >= entry.fine_from


def review_required_by_catalog(case) -> ReviewCatalogEntry | None:
    """The first published catalog entry of the case's body that its proposed penalty falls under: a
    penalty kind the entry lists, or a fine reaching the entry's amount."""
    for entry in published_catalog(case.body_id):
        if catalog_entry_matches(entry, penalty_kinds=case.penalty_kinds, fine=case.fine):
            return entry
    return None


# --- settings ------------------------------------------------------------------------------------------

# 较大数额罚款 (行政处罚法第六十三条) as Guangdong sets it in practice — ¥10,000 for a citizen, ¥100,000 for
# an organisation; the provincial text is not in the corpus, so each body may save its own (its sector's
# rules may set other amounts). Decisions are published within 7 working days (意见第十九条 practice)
# and stay on the portal for 3 years.
DEFAULT_SETTINGS = {
    "decision_period": "penalty-decide",
    "hearing_fine_person": Decimal("10000.00"),
    "hearing_fine_organisation": Decimal("100000.00"),
    "publish_within_days": 7,
    "publish_for_days": 365 * 3,
    "serious_fine_from": None,
}


def settings_of(body) -> EnforcementSettings:
    """The body's saved settings, or an unsaved record with the defaults above."""
    body_id = body if isinstance(body, int) else body.pk
    saved = EnforcementSettings.objects.filter(body_id=body_id).first()
    if saved is not None:
        return saved
    if isinstance(body, int):
        return EnforcementSettings(body_id=body_id, **DEFAULT_SETTINGS)
    return EnforcementSettings(body=body, **DEFAULT_SETTINGS)
