"""Admin: for system administrators, thin. A document's status, numbers, procedures and filings
change only through the workflow (the office pages, the API), so documents, registrations,
evaluations, interpretation files, filing records, review suggestions and incidental reviews are
read-only here; a government's settings are saved through `services.save_settings`, which checks
them and writes the audit event."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.core.models import PublicSubmission
from fazhi.documents import services
from fazhi.documents.models import (
    DocumentSettings,
    FilingRecord,
    IncidentalReview,
    InterpretationFile,
    NormativeDocument,
    Registration,
    ReviewSuggestion,
    ValidityEvaluation,
)


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(admin.ModelAdmin):
    list_display = ["government", "legal_office", "two_stage_review", "updated_at"]
    autocomplete_fields = ["government", "legal_office"]

    def get_readonly_fields(self, request, obj=None):
        return ["government"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS if name in form.cleaned_data}
        government = obj.government if change else form.cleaned_data["government"]
        saved = services.save_settings(government, actor=request.user, **fields)
        obj.pk = saved.pk


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "kind", "doc_number", "registration_number", "status", "published_on"]
    list_filter = ["status", "kind", "is_policy_document", "touches_market", "is_legacy"]
    search_fields = ["title", "doc_number", "registration_number", "body__name"]
    date_hierarchy = "published_on"


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["document", "registering_body", "registered_on"]


@admin.register(ValidityEvaluation)
class ValidityEvaluationAdmin(ReadOnlyAdmin):
    list_display = ["document", "body", "due_on", "decision", "decided_at"]
    list_filter = ["decision"]


@admin.register(InterpretationFile)
class InterpretationFileAdmin(ReadOnlyAdmin):
    list_display = ["attachment", "document", "created_at"]


@admin.register(FilingRecord)
class FilingRecordAdmin(ReadOnlyAdmin):
    list_display = ["document", "route", "filer", "recipient_name", "status", "submitted_on", "outcome", "concluded_on"]
    list_filter = ["status", "route", "outcome"]
    search_fields = ["document__title", "document__doc_number", "recipient_name", "filer__name"]
    list_select_related = ["document", "filer"]
    date_hierarchy = "submitted_on"


@admin.register(ReviewSuggestion)
class ReviewSuggestionAdmin(ReadOnlyAdmin):
    list_display = ["document", "receipt_code", "body", "created_at"]
    search_fields = ["document__title", "submission__receipt_code", "body__name"]
    list_select_related = ["document", "submission", "body"]
    # The submission by its receipt code only: its subject may carry a citizen's personal data.
    fields = ["document", "receipt_code", "body", "created_at"]
    readonly_fields = ["receipt_code", "created_at"]

    @admin.display(description=PublicSubmission._meta.get_field("receipt_code").verbose_name)
    def receipt_code(self, suggestion):
        return suggestion.submission.receipt_code


@admin.register(IncidentalReview)
class IncidentalReviewAdmin(ReadOnlyAdmin):
    list_display = [
        "document",
        "case_number",
        "reconsideration_body",
        "office",
        "origin",
        "status",
        "requested_on",
        "outcome",
    ]
    list_filter = ["status", "origin", "outcome"]
    search_fields = ["case_number", "document__title", "document__doc_number", "office__name"]
    list_select_related = ["document", "reconsideration_body", "office"]
    date_hierarchy = "requested_on"
