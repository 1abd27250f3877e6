"""Admin: for system administrators. Changes still go through the services, so they are audited;
a service's refusal reaches the error middleware and is shown as its Chinese message."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import AccessGrant, AuditEvent, Body, BodyName, JobRun, Membership, Notification, User
from fazhi.core.services import bodies as body_services
from fazhi.core.services import people as people_services


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through their workflow's services (office pages, API, commands):
    the admin lists and shows them, but a bare save or delete would skip the service's checks and
    its audit event, so adding, changing and deleting are refused (403)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BodyNameInline(admin.TabularInline):
    model = BodyName
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "evaluation_group", "valid_from", "valid_to"]
    list_filter = ["kind", "evaluation_group", "is_enforcement_agency", "has_legal_office"]
    search_fields = ["name", "short_name", "code", "names__name"]
    readonly_fields = ["tree_path", "valid_to", "successor"]
    autocomplete_fields = ["parent"]
    inlines = [BodyNameInline]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in body_services.EDITABLE_FIELDS if name in form.cleaned_data}
        if not change:
            created = body_services.create_body(actor=request.user, parent=form.cleaned_data.get("parent"), **fields)
            obj.pk, obj.tree_path = created.pk, created.tree_path
            return
        if "parent" in form.changed_data and form.cleaned_data.get("parent"):
            body_services.move_body(obj, actor=request.user, new_parent=form.cleaned_data["parent"])
        changed = {name: fields[name] for name in form.changed_data if name in fields}
        if changed:
            body_services.update_body(obj, actor=request.user, **changed)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "body__name"]
    autocomplete_fields = ["user", "body"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = people_services.add_membership(
            actor=request.user, user=obj.user, body=obj.body, role=obj.role, valid_from=obj.valid_from
        )
        obj.pk = created.pk


@admin.register(AccessGrant)
class AccessGrantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reason", "include_subtree", "allows_change", "valid_to"]
    autocomplete_fields = ["grantee_user", "grantee_body", "body"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [*DjangoUserAdmin.fieldsets, (_("联系方式"), {"fields": ["full_name", "phone"]})]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the chain is append-only."""

    list_display = ["sequence", "occurred_at", "actor_label", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_label", "action"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "title", "created_at", "read_at", "emailed_at"]


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "started_at", "finished_at", "items", "succeeded"]
    list_filter = ["job", "succeeded"]
