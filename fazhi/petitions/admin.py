"""Admin: for system administrators, thin and read-only. A petition moves only through its
services (office pages, API), so that no path — the admin included — changes its status,
its handling body or its deadlines outside the workflow. The petitioner's identity stays on the
submission, which the core admin shows to nobody but the handling body's pages."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.petitions.models import Notice, Petition


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ["submission", "category", "body", "status", "received_on", "accepted_on", "answered_on"]
    list_filter = ["status", "category", "channel"]
    search_fields = ["submission__receipt_code", "body__name"]
    list_select_related = ["submission", "body"]
    exclude = ["review_reasons", "recheck_reasons"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["petition", "step", "body", "given_on"]
    search_fields = ["petition__submission__receipt_code"]
    list_select_related = ["petition__submission", "body"]
