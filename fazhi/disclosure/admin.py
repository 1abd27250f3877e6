from django.contrib import admin

from fazhi.disclosure.models import ReportSchedule


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    """By when each kind of body publishes its yearly reports: the office changes it here."""

    list_display = ["report", "body_kind", "month", "day", "source"]
    list_editable = ["month", "day", "source"]
    list_filter = ["report"]
