"""Admin: for system administrators, thin and read-only. Officers, certificates, benchmarks, cases,
publications, transfers and file reviews change only through the services (office pages, API), so
that no path skips a gate — an uncertified officer, a missing legal review — or its audit event."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.enforcement.models import (
    Benchmark,
    Case,
    Certificate,
    EnforcementSettings,
    FileReview,
    LegalReviewer,
    Officer,
    Publication,
    ReviewCatalogEntry,
    ReviewSheet,
    Transfer,
)


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ["name", "body", "staff_number", "position"]
    search_fields = ["name", "staff_number", "body__name"]
    list_select_related = ["body"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "officer", "area", "issued_on", "expires_on", "status"]
    list_filter = ["status"]
    search_fields = ["number", "officer__name"]
    list_select_related = ["officer"]


@admin.register(LegalReviewer)
class LegalReviewerAdmin(ReadOnlyAdmin):
    list_display = ["user", "body", "appointed_on", "qualification_number", "active"]
    list_select_related = ["user", "body"]


@admin.register(Benchmark)
class BenchmarkAdmin(ReadOnlyAdmin):
    list_display = ["code", "violation", "body", "status", "published_on"]
    list_filter = ["status"]
    search_fields = ["code", "violation", "body__name"]
    list_select_related = ["body"]


@admin.register(ReviewCatalogEntry)
class ReviewCatalogEntryAdmin(ReadOnlyAdmin):
    list_display = ["matter", "body", "fine_from", "published_on"]
    list_select_related = ["body"]


@admin.register(EnforcementSettings)
class EnforcementSettingsAdmin(ReadOnlyAdmin):
    list_display = ["body", "decision_period", "publish_within_days", "publish_for_days", "updated_at"]
    list_select_related = ["body"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "cause", "body", "procedure", "status", "filed_on", "decided_on"]
    list_filter = ["status", "procedure"]
    search_fields = ["number", "cause", "body__name"]
    list_select_related = ["body"]
    date_hierarchy = "filed_on"
    show_full_result_count = False  # hundreds of thousands of rows: no second COUNT(*)


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["case", "body", "published_on", "show_until", "withdrawn_on"]
    list_select_related = ["case", "body"]


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["case", "body", "suspected_offence", "status", "proposed_on", "sent_on"]
    list_filter = ["status"]
    list_select_related = ["case", "body"]


@admin.register(ReviewSheet)
class ReviewSheetAdmin(ReadOnlyAdmin):
    list_display = ["year", "pass_mark", "created_at"]


@admin.register(FileReview)
class FileReviewAdmin(ReadOnlyAdmin):
    list_display = ["case", "body", "sheet", "total", "reviewed_on"]
    list_select_related = ["case", "body", "sheet"]
