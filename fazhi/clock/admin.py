"""Admin: the holiday table and deadlines, read-only.

Entering a year's schedule must recompute open deadlines and a deadline's inputs must recompute
its due date, so both change only through the services (`fazhi workdays load`, the modules that
own the records), never through a bare admin save.
"""

from django.contrib import admin

from fazhi.clock.models import Deadline, DeadlinePause, DeadlineRestart, HolidayDay, HolidayYear


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PauseInline(admin.TabularInline):
    model = DeadlinePause
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RestartInline(PauseInline):
    model = DeadlineRestart


@admin.register(HolidayYear)
class HolidayYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "source", "announced", "updated_at"]


@admin.register(HolidayDay)
class HolidayDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["matter", "body", "start_on", "due_on", "provisional", "closed_on"]
    list_filter = ["matter", "provisional"]
    search_fields = ["matter", "object_id", "body__name"]
    inlines = [PauseInline, RestartInline]
