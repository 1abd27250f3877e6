"""Admin: for system administrators, thin and read-only. Catalogs, decisions and every record of
their procedure change only through the services (office pages, API, `fazhi decisions`), so that
no path — the admin included — can make a decision without a passed legality review."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.decisions.models import (
    AccountabilityCase,
    AdviserOpinion,
    CatalogItem,
    Decision,
    DecisionCatalog,
    ExpertOpinion,
    Hearing,
    ImplementationReport,
    LegalAdviser,
    PostEvaluation,
    RiskAssessment,
)


@admin.register(DecisionCatalog)
class DecisionCatalogAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "year", "status", "party_agreed_on", "published_on"]
    list_filter = ["status", "year"]
    search_fields = ["title", "body__name"]
    list_select_related = ["body"]


@admin.register(CatalogItem)
class CatalogItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "catalog", "category", "undertaking_unit", "planned_timing"]
    list_filter = ["category", "catalog__year"]
    search_fields = ["title", "catalog__title", "undertaking_unit__name"]
    list_select_related = ["catalog", "undertaking_unit"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["title", "deciding_body", "body", "status", "decided_on", "published_on"]
    list_filter = ["status", "category", "is_technical", "touches_market", "is_exploratory_reform"]
    search_fields = ["title", "body__name", "deciding_body__name"]
    list_select_related = ["body", "deciding_body"]
    date_hierarchy = "published_on"


class DecisionRecordAdmin(ReadOnlyAdmin):
    search_fields = ["decision__title"]
    list_select_related = ["decision"]


@admin.register(ExpertOpinion)
class ExpertOpinionAdmin(DecisionRecordAdmin):
    list_display = ["decision", "expert_name", "expertise", "form", "signed_on"]
    list_filter = ["form"]


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(DecisionRecordAdmin):
    list_display = ["decision", "assessor", "level", "controllable", "concluded_on"]
    list_filter = ["level", "controllable"]


@admin.register(Hearing)
class HearingAdmin(DecisionRecordAdmin):
    list_display = ["decision", "held_on", "place", "participants_signed"]


@admin.register(ImplementationReport)
class ImplementationReportAdmin(DecisionRecordAdmin):
    list_display = ["decision", "reported_on", "major_change"]
    list_filter = ["major_change"]


@admin.register(PostEvaluation)
class PostEvaluationAdmin(DecisionRecordAdmin):
    list_display = ["decision", "trigger", "evaluator", "started_on", "conclusion", "concluded_on"]
    list_filter = ["trigger", "conclusion"]


@admin.register(AccountabilityCase)
class AccountabilityCaseAdmin(DecisionRecordAdmin):
    list_display = ["decision", "body", "ground", "status", "opened_on", "concluded_on"]
    list_filter = ["ground", "status"]
    list_select_related = ["decision", "body"]


@admin.register(LegalAdviser)
class LegalAdviserAdmin(ReadOnlyAdmin):
    list_display = ["name", "body", "kind", "organisation", "term_start", "term_end"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation", "body__name"]
    list_select_related = ["body"]


@admin.register(AdviserOpinion)
class AdviserOpinionAdmin(ReadOnlyAdmin):
    list_display = ["matter", "adviser", "body", "given_on"]
    search_fields = ["matter", "adviser__name"]
    list_select_related = ["adviser", "body"]
