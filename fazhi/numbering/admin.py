"""Admin: formats are configured here through the services (validated, audited); numbers and
sequences are read-only, because a number is only ever issued, voided or reserved by a service
and a bare admin save or delete would let a serial be given twice."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.numbering import services
from fazhi.numbering.models import IssuedNumber, NumberFormat, NumberSequence


@admin.register(NumberFormat)
class NumberFormatAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "kind", "prefix", "pattern", "yearly", "is_active"]
    list_filter = ["kind", "yearly", "is_active"]
    search_fields = ["name", "prefix", "body__name"]
    autocomplete_fields = ["body"]

    def get_readonly_fields(self, request, obj=None):
        return ["body"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.FORMAT_FIELDS if name in form.cleaned_data}
        if not change:
            created = services.create_format(actor=request.user, body=form.cleaned_data["body"], **fields)
            obj.pk = created.pk
            return
        changed = {name: fields[name] for name in form.changed_data if name in fields}
        if changed:
            services.update_format(obj, actor=request.user, **changed)


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin):
    list_display = ["format", "year", "last_serial", "updated_at"]
    list_filter = ["year"]


@admin.register(IssuedNumber)
class IssuedNumberAdmin(ReadOnlyAdmin):
    list_display = ["text", "format", "year", "serial", "status", "issued_by", "issued_at", "voided_at"]
    list_filter = ["status", "year", "format__kind"]
    search_fields = ["text", "note", "void_reason"]
    date_hierarchy = "issued_at"
