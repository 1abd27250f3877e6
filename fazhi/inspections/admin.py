"""Admin: for system administrators, thin and read-only. Lists, the directory, plans, draws and
results change only through the services (office pages, API), so that no path — the admin
included — can redo a draw or publish a result outside its workflow."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.inspections.models import Draw, Entity, InspectionItem, InspectionPlan, InspectionTask


@admin.register(InspectionItem)
class InspectionItemAdmin(ReadOnlyAdmin):
    list_display = ["name", "body", "method", "status", "published_on", "withdrawn_on"]
    list_filter = ["status", "method"]
    search_fields = ["name", "body__name"]
    list_select_related = ["body"]


@admin.register(Entity)
class EntityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "body", "kind", "area", "industry", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]
    list_select_related = ["body"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "year", "status", "published_on"]
    list_filter = ["status", "year"]
    search_fields = ["title", "body__name"]
    list_select_related = ["body"]


@admin.register(Draw)
class DrawAdmin(ReadOnlyAdmin):
    list_display = ["plan", "seed", "algorithm", "drawn_on", "candidate_count", "sample_size"]
    search_fields = ["plan__title", "seed"]
    list_select_related = ["plan"]
    exclude = ["candidates"]


@admin.register(InspectionTask)
class InspectionTaskAdmin(ReadOnlyAdmin):
    list_display = ["entity", "plan", "rank", "status", "outcome", "concluded_on", "published_on"]
    list_filter = ["status", "outcome"]
    search_fields = ["entity__name", "entity__code", "plan__title"]
    list_select_related = ["entity", "plan"]
