"""Admin: for system administrators. A case moves only through its services (office pages, API), so
its status, deadlines and decision are read-only here; the case-number formats are data the
administrator maintains (江府行复〔2026〕3号)."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.reconsideration.models import Case, CaseNumberFormat, Guide, OpinionLetter


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "submission", "reconsideration_body", "respondent", "status", "received_on", "decided_on"]
    list_filter = ["status", "procedure", "decision_type", "major"]
    search_fields = ["number", "submission__receipt_code", "respondent__name"]
    list_select_related = ["submission", "reconsideration_body", "respondent"]
    exclude = ["reply_text", "completion_text"]


@admin.register(OpinionLetter)
class OpinionLetterAdmin(ReadOnlyAdmin):
    list_display = ["case", "recipient", "issued_on", "status", "reported_on"]
    list_select_related = ["case", "recipient"]


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdmin):
    list_display = ["body", "version", "published_on"]
    list_select_related = ["body"]


@admin.register(CaseNumberFormat)
class CaseNumberFormatAdmin(admin.ModelAdmin):
    list_display = ["body", "case_prefix", "number_format"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
