"""Admin: for system administrators, thin. Plans, rules and their filings change only through the
workflow (the office pages, the API), so they are read-only here; a government's rule settings
(its legal office and the format of its orders) are saved through `services.save_settings`,
which checks them and writes the audit event."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.numbering.choices import FormatKind
from fazhi.rules import services
from fazhi.rules.models import LegislativePlan, PlanItem, Rule, RuleFiling, RuleSettings


@admin.register(RuleSettings)
class RuleSettingsAdmin(admin.ModelAdmin):
    list_display = ["government", "legal_office", "order_format", "updated_at"]
    list_select_related = ["government", "legal_office", "order_format"]
    autocomplete_fields = ["government", "legal_office"]

    def get_readonly_fields(self, request, obj=None):
        return ["government"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "order_format":
            kwargs["queryset"] = db_field.related_model.objects.filter(kind=FormatKind.ORDER)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS if name in form.cleaned_data}
        government = obj.government if change else form.cleaned_data["government"]
        saved = services.save_settings(government, actor=request.user, **fields)
        obj.pk = saved.pk


@admin.register(LegislativePlan)
class LegislativePlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "government", "year", "status", "published_on"]
    list_filter = ["status", "year"]
    search_fields = ["title", "government__name"]
    list_select_related = ["government"]


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "drafting_body", "subject_area", "planned_submission_on", "reason_recorded_on"]
    list_filter = ["subject_area", "plan__year"]
    search_fields = ["title", "plan__title", "drafting_body__name"]
    list_select_related = ["plan", "drafting_body"]


@admin.register(Rule)
class RuleAdmin(ReadOnlyAdmin):
    list_display = ["title", "government", "body", "subject_area", "status", "order_number", "published_on"]
    list_filter = ["status", "subject_area"]
    search_fields = ["title", "order_number", "body__name", "government__name"]
    list_select_related = ["government", "body"]
    date_hierarchy = "published_on"


@admin.register(RuleFiling)
class RuleFilingAdmin(ReadOnlyAdmin):
    list_display = ["rule", "recipient", "receiving_body", "filed_on", "filed_by"]
    list_filter = ["recipient"]
    search_fields = ["rule__title", "rule__order_number", "receiving_body"]
    list_select_related = ["rule", "filed_by"]
    date_hierarchy = "filed_on"
