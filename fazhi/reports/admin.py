"""Admin: the due days and recipients are configured here, through the services (validated,
audited); reports and their sends are read-only, since they move only through their workflow."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.reports import services
from fazhi.reports.models import RecipientName, ReportDelivery, ReportSetting, YearlyReport


class AuditedSettingAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        services.save_setting(obj, actor=request.user)

    def delete_model(self, request, obj):
        services.delete_setting(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_setting(obj, actor=request.user)


@admin.register(ReportSetting)
class ReportSettingAdmin(AuditedSettingAdmin):
    """By when each kind of body sends and publishes its report, and to whom (without a row: the
    seed's 31 January and its recipients)."""

    list_display = [
        "body_kind",
        "due_month",
        "due_day",
        "publish_month",
        "publish_day",
        "to_party_committee",
        "to_congress",
        "to_higher_government",
        "to_own_government",
        "source",
    ]


@admin.register(RecipientName)
class RecipientNameAdmin(AuditedSettingAdmin):
    list_display = ["body", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name", "body__name"]
    autocomplete_fields = ["body"]


class DeliveryInline(admin.TabularInline):
    model = ReportDelivery
    extra = 0
    can_delete = False
    fields = ["kind", "name", "recipient", "sent_on", "means", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(YearlyReport)
class YearlyReportAdmin(ReadOnlyAdmin):
    list_display = ["body", "year", "status", "submitted_on", "approved_on", "sent_on", "published_on"]
    list_filter = ["status", "year"]
    search_fields = ["body__name"]
    list_select_related = ["body"]
    inlines = [DeliveryInline]
