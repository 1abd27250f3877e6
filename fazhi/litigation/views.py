"""Back-office pages of 行政应诉 and 检察监督 (thin): the court-case and suggestion registers with
their filters (htmx), a page per record with every step, its due dates and their sources, the
forms to register a case or a suggestion, and the yearly statistics (seed art. 32)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.litigation import selectors, services, workflow
from fazhi.litigation.choices import (
    OUTCOMES_BY_TYPE,
    AbsenceReason,
    Appellant,
    CaseKind,
    CaseStatus,
    CourtMeasure,
    DecisionType,
    Level,
    Outcome,
    SuggestionKind,
    SuggestionStatus,
)

PAGE_SIZE = 50


def _filters(request) -> dict:
    get = request.GET
    return {
        "body": get.get("body", "")[:9],
        "year": get.get("year", "")[:4],
        "kind": get.get("kind", ""),
        "status": get.get("status", ""),
        "overdue": get.get("overdue", "") in ("1", "on", "true"),
    }


def _annotated(page, due_dates):
    for record in page:
        record.running = selectors.running_due(due_dates(record))
    return page


@login_required
@require_GET
def cases(request):
    """行政诉讼案件登记簿: the cases in sight with their running period."""
    filters = _filters(request)
    found = selectors.office_cases(request.user, **filters)
    page = _annotated(Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")), selectors.case_due_dates)
    for case in page:
        case.plaintiff_shown = selectors.plaintiff_text(request.user, case)
    return _list(request, "cases", page, filters, kinds=CaseKind.choices, statuses=CaseStatus.choices)


@login_required
@require_GET
def suggestions(request):
    """检察建议登记簿."""
    filters = _filters(request)
    found = selectors.office_suggestions(request.user, **filters)
    page = _annotated(Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")), selectors.suggestion_due_dates)
    return _list(request, "suggestions", page, filters, kinds=SuggestionKind.choices, statuses=SuggestionStatus.choices)


def _list(request, template: str, page, filters: dict, **context):
    context = {
        "page": page,
        "filters": filters,
        "bodies": Body.objects.filter(pk__in=selectors.statistics_body_ids(request.user)).order_by("tree_path"),
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        **context,
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "litigation-results":
        return render(request, f"litigation/_{template}_rows.html", context)
    return render(request, f"litigation/{template}.html", context)


def _recordable(user):
    """The bodies `user` may register a case or a suggestion against (checked again by the service)."""
    candidates = Body.objects.current().order_by("tree_path")
    if user.is_superuser:
        return candidates
    return [body for body in candidates if services.may_record(user, body)]


def _new(request, template: str, register, detail: str, context: dict):
    values, error = {}, None
    if request.method == "POST":
        try:
            record = register(request.POST, actor=request.user)
        except (InvalidInput, Conflict, Forbidden) as exc:
            values, error = request.POST, exc
        else:
            messages.success(request, _("已登记。"))
            return redirect(detail, pk=record.pk)
    return render(
        request,
        f"litigation/{template}.html",
        {"values": values, "error": error, "bodies": _recordable(request.user), **context},
        status=error.status_code if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    return _new(
        request,
        "case_new",
        services.register_case_from,
        "litigation:case-detail",
        {
            "levels": Level.choices,
            "kinds": CaseKind.choices,
            "firsts": selectors.office_cases(request.user, status=CaseStatus.APPEALED),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_new(request):
    return _new(
        request,
        "suggestion_new",
        services.register_suggestion_from,
        "litigation:suggestion-detail",
        {"kinds": SuggestionKind.choices},
    )


def _step_state(failed: str, error) -> dict:
    """Which step form failed and why (shown above that form), and today for the date fields."""
    return {"failed": failed, "error": error, "today": timezone.localdate()}


def _case_page(request, case, *, failed="", error=None, status=200):
    execution = getattr(case, "execution", None)
    return render(
        request,
        "litigation/case_detail.html",
        {
            "case": case,
            "plaintiff": selectors.plaintiff_text(request.user, case),
            "hearings": case.hearings.all(),
            "judgment": getattr(case, "judgment", None),
            "execution": execution,
            "court_measure_labels": [CourtMeasure(m).label for m in execution.court_measures] if execution else [],
            "appeals": case.appeals.all(),
            "due_dates": selectors.case_due_dates(case),
            "actions": workflow.actions(workflow.CASE_WORKFLOW, case, request.user),
            "decision_types": DecisionType.choices,
            "outcomes": {kind: [(o.value, o.label) for o in values] for kind, values in OUTCOMES_BY_TYPE.items()},
            "appellants": Appellant.choices,
            "absence_reasons": AbsenceReason.choices,
            "measures": CourtMeasure.choices,
            **_step_state(failed, error),
        },
        status=status,
    )


@login_required
@require_GET
def case_detail(request, pk):
    return _case_page(request, selectors.visible_case(request.user, pk))


def _step(request, pk, step, *, visible, steps, run, page, detail):
    record = visible(request.user, pk)
    if step not in steps:
        raise NotFound()
    try:
        run(record, step, actor=request.user, data=request.POST)
    except (InvalidInput, Conflict, Forbidden) as exc:
        return page(request, visible(request.user, pk), failed=step, error=exc, status=exc.status_code)
    messages.success(request, _("已办理。"))
    return redirect(detail, pk=pk)


@login_required
@require_POST
def case_step(request, pk, step):
    return _step(
        request,
        pk,
        step,
        visible=selectors.visible_case,
        steps=workflow.CASE_STEPS,
        run=services.run_case_step,
        page=_case_page,
        detail="litigation:case-detail",
    )


def _suggestion_page(request, suggestion, *, failed="", error=None, status=200):
    return render(
        request,
        "litigation/suggestion_detail.html",
        {
            "suggestion": suggestion,
            "suits": suggestion.suits.all(),
            "linkable": selectors.office_cases(request.user, kind=CaseKind.PUBLIC_INTEREST).filter(
                body=suggestion.body_id, suggestion__isnull=True
            ),
            "due_dates": selectors.suggestion_due_dates(suggestion),
            "actions": workflow.actions(workflow.SUGGESTION_WORKFLOW, suggestion, request.user),
            **_step_state(failed, error),
        },
        status=status,
    )


@login_required
@require_GET
def suggestion_detail(request, pk):
    return _suggestion_page(request, selectors.visible_suggestion(request.user, pk))


@login_required
@require_POST
def suggestion_step(request, pk, step):
    return _step(
        request,
        pk,
        step,
        visible=selectors.visible_suggestion,
        steps=workflow.SUGGESTION_STEPS,
        run=services.run_suggestion_step,
        page=_suggestion_page,
        detail="litigation:suggestion-detail",
    )


@login_required
@require_GET
def statistics(request):
    """行政应诉与检察监督年度统计 (seed art. 32): the total and each body in sight."""
    year = selectors._year(request.GET.get("year")) or timezone.localdate().year
    ids = selectors.statistics_body_ids(request.user)
    by_body = selectors.statistics_by_body(ids, year)
    names = dict(Body.objects.filter(pk__in=ids).values_list("pk", "name"))
    total = selectors.statistics(ids, year)
    return render(
        request,
        "litigation/statistics.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "total": total,
            "total_rows": [(key, label, total[key]) for key, label in selectors.FIGURES],
            "outcome_rows": [(Outcome(key).label, n) for key, n in total["judgments_by_outcome"].items()],
            "rows": [(names[pk], figures) for pk, figures in by_body.items()],
        },
    )
