"""Admin: the office maintains the routing data here — categories with their periods and legal
source, routing rules (category × area → body) and each government's designated receiving body.
Cases, transfers and channels change only through the services (office pages, API)."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.intake.models import Case, CaseTransfer, Category, Channel, ReceivingDesk, RoutingRule


class RoutingRuleInline(admin.TabularInline):
    model = RoutingRule
    extra = 1
    autocomplete_fields = ["area", "body"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "route", "accept_matter", "handle_matter", "active", "sort_order"]
    list_filter = ["kind", "route", "active"]
    search_fields = ["name"]
    inlines = [RoutingRuleInline]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "area", "body"]
    list_filter = ["category"]
    autocomplete_fields = ["area", "body"]
    list_select_related = ["category", "area", "body"]


@admin.register(ReceivingDesk)
class ReceivingDeskAdmin(admin.ModelAdmin):
    list_display = ["government", "receiver"]
    autocomplete_fields = ["government", "receiver"]
    list_select_related = ["government", "receiver"]


@admin.register(Channel)
class ChannelAdmin(ReadOnlyAdmin):
    list_display = ["body", "kind", "value", "hours"]
    list_filter = ["kind"]
    list_select_related = ["body"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["submission", "kind", "category", "body", "status", "received_on", "concluded_on"]
    list_filter = ["kind", "status"]
    list_select_related = ["submission", "category", "body"]
    exclude = ["satisfaction_comment"]


@admin.register(CaseTransfer)
class CaseTransferAdmin(ReadOnlyAdmin):
    list_display = ["trace", "from_body", "to_body", "direction", "transferred_on"]
    list_select_related = ["from_body", "to_body"]
