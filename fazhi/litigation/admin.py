"""Admin: for system administrators, thin and read-only. Cases and suggestions move only through
their services (office pages, API), so that no path changes a status or a deadline outside the
workflow."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.litigation.models import CourtCase, Hearing, Judgment, ProcuratorialSuggestion


@admin.register(CourtCase)
class CourtCaseAdmin(ReadOnlyAdmin):
    list_display = ["case_number", "body", "court", "level", "kind", "status", "received_on"]
    list_filter = ["status", "level", "kind"]
    search_fields = ["case_number", "body__name"]
    list_select_related = ["body"]
    exclude = ["plaintiff"]


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdmin):
    list_display = ["case", "held_on", "head_appeared", "absence_reason"]
    list_select_related = ["case"]


@admin.register(Judgment)
class JudgmentAdmin(ReadOnlyAdmin):
    list_display = ["case", "decision_type", "outcome", "lost", "served_on", "effective_on"]
    list_select_related = ["case"]


@admin.register(ProcuratorialSuggestion)
class ProcuratorialSuggestionAdmin(ReadOnlyAdmin):
    list_display = ["number", "body", "procuratorate", "kind", "status", "received_on"]
    list_filter = ["status", "kind", "urgent"]
    search_fields = ["number", "body__name"]
    list_select_related = ["body"]
