"""Admin: for system administrators, read-only. A scheme changes only through its services, so that
an approved scheme stays exactly as the government approved it."""

from django.contrib import admin

from fazhi.assessment.models import Adjustment, DeductionRule, Evaluation, Indicator, Member, Objection, Result, Scheme
from fazhi.core.admin import ReadOnlyAdmin


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyAdmin):
    list_display = ["title", "government", "year", "status", "approved_on"]
    list_filter = ["status", "year"]
    list_select_related = ["government"]


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["scheme", "body", "group"]
    list_filter = ["group"]
    list_select_related = ["scheme", "body"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "scheme", "parent", "points", "method", "scoring"]
    list_filter = ["method", "scoring"]
    list_select_related = ["scheme", "parent"]


@admin.register(DeductionRule)
class DeductionRuleAdmin(ReadOnlyAdmin):
    list_display = ["scheme", "kind", "points", "cap"]
    list_select_related = ["scheme"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["scheme", "status", "as_of", "notified_on", "objection_until", "published_on"]
    list_filter = ["status"]
    list_select_related = ["scheme"]


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["evaluation", "body", "group", "composite", "rank", "grade", "flag"]
    list_filter = ["group", "grade"]
    list_select_related = ["evaluation__scheme", "body"]


@admin.register(Adjustment)
class AdjustmentAdmin(ReadOnlyAdmin):
    list_display = ["evaluation", "body", "kind", "points", "record"]
    list_filter = ["kind"]
    list_select_related = ["evaluation__scheme", "body"]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ["result", "filed_on", "outcome", "answered_on"]
    list_filter = ["outcome"]
    list_select_related = ["result__body"]
