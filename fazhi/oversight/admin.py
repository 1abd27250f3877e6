"""Admin: for system administrators, thin and read-only. Oversight records move only through their
services (office pages, API), so that no path changes a status or a deadline outside the workflow."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.oversight.models import (
    CongressOpinion,
    CongressReport,
    EvaluationPlan,
    EvaluationTask,
    Finding,
    Inspection,
    Measure,
    Proposal,
    ProposalReply,
)


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "title", "body", "assigned_on", "status"]
    list_filter = ["kind", "status", "complex"]
    search_fields = ["number", "title", "body__name"]
    list_select_related = ["body"]


@admin.register(ProposalReply)
class ProposalReplyAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "round", "body", "replied_on", "category", "late", "public", "feedback"]
    list_filter = ["category", "late", "public", "feedback"]
    list_select_related = ["proposal", "body"]


@admin.register(CongressReport)
class CongressReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "body", "congress", "reported_on"]
    list_filter = ["kind"]
    search_fields = ["title", "body__name"]
    list_select_related = ["body"]


@admin.register(CongressOpinion)
class CongressOpinionAdmin(ReadOnlyAdmin):
    list_display = ["report", "kind", "body", "received_on", "status", "reported_on"]
    list_filter = ["kind", "status"]
    list_select_related = ["report", "body"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "year", "government", "status", "started_on", "concluded_on"]
    list_filter = ["kind", "status", "year"]
    list_select_related = ["government"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "body", "severity", "rectification_required", "found_on"]
    list_filter = ["severity", "rectification_required"]
    list_select_related = ["inspection", "body"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "issuer", "body", "issued_on", "status", "rectify_by"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "body__name"]
    list_select_related = ["issuer", "body"]


@admin.register(EvaluationPlan)
class EvaluationPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "government", "status", "issued_on"]
    list_select_related = ["government"]


@admin.register(EvaluationTask)
class EvaluationTaskAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "plan", "body", "due_on", "status", "first_submitted_on"]
    list_filter = ["status"]
    list_select_related = ["plan", "body"]
