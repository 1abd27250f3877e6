"""Admin: for system administrators, thin. A document's status, numbers and procedures change only
through the workflow (the office pages, the API), so documents, registrations, evaluations and
interpretation files are read-only here; a government's settings are saved through
`services.save_settings`, which checks them and writes the audit event."""

from django.contrib import admin

from fazhi.documents import services
from fazhi.documents.models import (
    DocumentSettings,
    InterpretationFile,
    NormativeDocument,
    Registration,
    ValidityEvaluation,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
