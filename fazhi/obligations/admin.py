"""Admin: for system administrators, thin and read-only. Snapshots are taken only by the daily job
or `fazhi obligations snapshot`, so that no path writes a day behind the service's claim."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.obligations.models import Finding, Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["as_of", "year", "body_count", "new_findings", "started_at", "finished_at"]
    list_filter = ["year"]
    date_hierarchy = "as_of"


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["body", "article", "status", "numerator", "denominator", "first_seen"]
    list_filter = ["status", "article"]
    search_fields = ["body__name", "summary"]
    list_select_related = ["body"]
