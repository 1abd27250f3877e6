"""Admin: for system administrators. The records are read-only here (they change through their
services: office pages, API), so that no path skips a rule or the audit. The settings row — the
seed's minimums and the local dates — is the one thing changed here, through its service."""

from django.contrib import admin

from fazhi.capacity import services
from fazhi.capacity.models import CapacitySettings, DutyList, WorkPoints
from fazhi.capacity.registers import REGISTERS
from fazhi.core.admin import ReadOnlyAdmin


@admin.register(CapacitySettings)
class CapacitySettingsAdmin(admin.ModelAdmin):
    """The minimums (seed arts. 40, 54) and the dates that are local practice, with their sources."""

    list_display = [
        "__str__",
        "training_minimum",
        "leadership_lecture_minimum",
        "executive_meeting_minimum",
        "work_points_month",
        "work_points_day",
        "duty_report_month",
        "duty_report_day",
    ]

    def has_add_permission(self, request):
        return not CapacitySettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.change_settings(
            actor=request.user, **{name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS}
        )


class RecordAdmin(ReadOnlyAdmin):
    list_filter = ["body__kind"]
    search_fields = ["body__name"]
    list_select_related = ["body"]


def _register(model, columns, exclude=()):
    admin.site.register(
        model,
        type(f"{model.__name__}Admin", (RecordAdmin,), {"list_display": ["body", *columns], "exclude": list(exclude)}),
    )


for register in REGISTERS.values():
    # People's names stay out of the admin's lists and forms (personal data).
    personal = [field.name for field in register.fields if field.personal]
    _register(register.model, [c for c in register.columns if c not in personal], personal)
_register(WorkPoints, ["year", "title", "status", "adopted_on", "assessed_on"])
_register(DutyList, ["year", "status", "published_on"])
