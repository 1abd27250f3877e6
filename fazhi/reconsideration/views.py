"""Pages of reconsideration (thin): the office's register and case page with every step, entry of
applications by letter, in person or oral record and by the penalty body (art. 32), the opinion
letters a body received, the statistics, the guide; on the portal the guides, the published
decisions and the applicant's completion by receipt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import scope_body_ids
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.masking import mask_name
from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.reconsideration import analysis, selectors, services, workflow
from fazhi.reconsideration.choices import (
    OFFICE_CHANNELS,
    CaseStatus,
    DecisionType,
    Procedure,
    ProceedingKind,
    SimplifiedGround,
    SuspensionReason,
    TerminationReason,
)
from fazhi.reconsideration.kind import ReconsiderationForm
from fazhi.reconsideration.models import Case, Guide
from fazhi.reconsideration.steps import STEP_FIELDS

PAGE_SIZE = 50
_FAILURES = (InvalidInput, Conflict, Forbidden)


def _errors(exc) -> dict:
    return getattr(exc, "errors", None) or {"non_field_errors": [str(exc.detail)]}


@login_required
@require_GET
def register(request):
    """行政复议案件登记簿: the cases the user handles, and those against the user's body."""
    status, query = request.GET.get("status", ""), request.GET.get("q", "")
    page = Paginator(selectors.office_cases(request.user, status=status, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for case in page:
        case.running = next(
            (
                d
                for d in (
                    case.reply_deadline,
                    case.copy_deadline,
                    case.decide_deadline,
                    case.notice_deadline,
                    case.accept_deadline,
                    case.forward_deadline,
                )
                if d and d.closed_on is None
            ),
            None,
        )
    return render(
        request,
        "reconsideration/register.html",
        {"page": page, "statuses": CaseStatus.choices, "status": status, "q": query[:100]},
    )


def _choices(case) -> dict:
    from fazhi.documents.models import NormativeDocument

    recipients = (
        Body.objects.current()
        .filter(tree_path__startswith=case.reconsideration_body.tree_path)
        .exclude(pk=case.reconsideration_body_id)
        .order_by("tree_path")
    )
    documents = NormativeDocument.objects.filter(published_on__isnull=False).order_by("-published_on", "-pk")[:300]
    return {
        "procedures": Procedure.choices,
        "grounds": SimplifiedGround.choices,
        "suspensions": SuspensionReason.choices,
        "terminations": TerminationReason.choices,
        "decision_types": DecisionType.choices,
        "proceeding_kinds": ProceedingKind.choices,
        "recipients": [(body.pk, body.name) for body in recipients],
        "documents": [(document.pk, document.title) for document in documents],
    }


def _forms(case, user) -> list[dict]:
    available = workflow.actions(case, user)
    choices = _choices(case) if available else {}
    return [
        {
            "transition": transition,
            "refusal": refusal,
            "fields": [
                {
                    "name": name,
                    "label": label,
                    "widget": widget,
                    "choices": choices.get(key, ()),
                    "required": required,
                }
                for name, label, widget, key, required in STEP_FIELDS.get(transition.name, ())
            ],
        }
        for transition, refusal in available
    ]


def _page(request, case, *, failed="", error=None, status=200):
    identity_visible = services.identity_visible(request.user, case)
    submission = case.submission
    return render(
        request,
        "reconsideration/detail.html",
        {
            "case": case,
            "submission": submission,
            "applicant": submission.submitter_name if identity_visible else mask_name(submission.submitter_name),
            "identity_visible": identity_visible,
            "due_dates": selectors.due_dates(case),
            "application_late": selectors.application_late(case),
            "performance_overdue": selectors.performance_overdue(case, timezone.localdate()),
            "proceedings": case.proceedings.all(),
            "letters": case.letters.select_related("recipient", "deadline"),
            "forms": _forms(case, request.user),
            "failed": failed,
            "error": error,
            "values": request.POST if failed else {},
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk):
    return _page(request, selectors.visible_case(request.user, pk))


@login_required
@require_POST
def step(request, pk, step):
    case = selectors.visible_case(request.user, pk)
    if step not in workflow.STEPS:
        raise NotFound()
    try:
        services.run_step(case, step, actor=request.user, data=request.POST)
    except _FAILURES as exc:
        return _page(request, selectors.visible_case(request.user, pk), failed=step, error=exc, status=exc.status_code)
    messages.success(request, _("已办理：%(label)s。") % {"label": workflow.WORKFLOW.transitions[step].label})
    return redirect("reconsideration:detail", pk=pk)


def _entry(request, *, lodging: bool):
    form = ReconsiderationForm()
    values = {}
    errors = {}
    if request.method == "POST":
        values = request.POST
        data = {name: request.POST.get(name) for name in ReconsiderationForm.base_fields if name in request.POST}
        try:
            if lodging:
                case, secret = services.lodge(actor=request.user, lodged_on=request.POST.get("day"), data=data)
            else:
                case, secret = services.enter(
                    actor=request.user,
                    channel=request.POST.get("channel"),
                    received_on=request.POST.get("day"),
                    data=data,
                )
        except (InvalidInput, Forbidden, NotFound) as exc:
            errors = _errors(exc)
            status = 400 if isinstance(exc, NotFound) else exc.status_code
            form = ReconsiderationForm(data=data)
            return render(
                request,
                "reconsideration/enter.html",
                {"form": form, "errors": errors, "values": values, "lodging": lodging, "channels": OFFICE_CHANNELS},
                status=status,
            )
        return render(request, "reconsideration/entered.html", {"case": case, "secret": secret})
    return render(
        request,
        "reconsideration/enter.html",
        {"form": form, "errors": errors, "values": values, "lodging": lodging, "channels": OFFICE_CHANNELS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def enter(request):
    """登记书面或口头申请 (art. 22) by the reconsideration office."""
    return _entry(request, lodging=False)


@login_required
@require_http_methods(["GET", "POST"])
def lodge(request):
    """登记经本机关转送的申请 (art. 32) by the body that imposed the penalty."""
    return _entry(request, lodging=True)


@login_required
@require_GET
def letters(request):
    return render(request, "reconsideration/letters.html", {"letters": selectors.letters(request.user)[:200]})


@login_required
@require_http_methods(["GET", "POST"])
def letter(request, pk):
    """One opinion letter; its recipient reports the corrections (art. 76)."""
    found = selectors.visible_letter(request.user, pk)
    context = {"letter": found, "case_visible": Case.objects.restrict(request.user).filter(pk=found.case_id).exists()}
    if request.method == "POST":
        try:
            services.report_correction(found, actor=request.user, correction=request.POST.get("correction"))
        except (InvalidInput, Conflict, Forbidden) as exc:
            return render(request, "reconsideration/letter.html", {**context, "error": exc}, status=exc.status_code)
        messages.success(request, _("已报送纠正情况。"))
        return redirect("reconsideration:letter", pk=pk)
    return render(request, "reconsideration/letter.html", context)


def _year(value) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


@login_required
@require_GET
def statistics(request):
    """The year's figures over the reconsideration bodies in the user's scope (seed art. 32)."""
    year = _year(request.GET.get("year"))
    bodies = sorted(
        set(Case.objects.restrict(request.user).values_list("reconsideration_body", flat=True))
        | set(
            Body.objects.filter(pk__in=scope_body_ids(request.user, "view"), is_reconsideration_body=True).values_list(
                "pk", flat=True
            )
        )
    )
    figures = selectors.statistics(bodies, year)
    rows = [(DecisionType(value).label, count) for value, count in figures["by_decision"].items()]
    return render(
        request,
        "reconsideration/statistics.html",
        {"figures": figures, "rows": rows, "year": year, "bodies": Body.objects.filter(pk__in=bodies)},
    )


def _guide_bodies(user):
    return Body.objects.filter(pk__in=scope_body_ids(user, "change"), is_reconsideration_body=True).order_by(
        "tree_path"
    )


@login_required
@require_http_methods(["GET", "POST"])
def guide(request):
    """Edit and publish a reconsideration body's guide (seed art. 31): each save is a new version."""
    bodies = list(_guide_bodies(request.user))
    chosen = request.POST.get("body") or request.GET.get("body") or (str(bodies[0].pk) if bodies else "")
    body = next((b for b in bodies if str(b.pk) == chosen), None)
    current = selectors.current_guide(body.pk) if body else None
    values = current.__dict__ if current else (services.default_guide(body) if body else {})
    context = {"bodies": bodies, "chosen": chosen, "guide": current, "values": values}
    if request.method == "POST":
        try:
            services.publish_guide(actor=request.user, body=request.POST.get("body"), data=request.POST)
        except (InvalidInput, Forbidden, NotFound) as exc:
            status = 400 if isinstance(exc, NotFound) else exc.status_code
            return render(
                request,
                "reconsideration/guide_edit.html",
                {**context, "values": request.POST, "errors": _errors(exc)},
                status=status,
            )
        messages.success(request, _("已发布行政复议指南。"))
        return redirect(f"{request.path}?body={chosen}")
    return render(request, "reconsideration/guide_edit.html", context)


# --- the portal ---------------------------------------------------------------------------------


@require_GET
def public_index(request):
    """Every reconsideration body with its published guide and the application link."""
    bodies = Body.objects.current().filter(is_reconsideration_body=True).order_by("tree_path")
    guides = {
        g.body_id: g
        for g in Guide.objects.filter(body__in=bodies, published_on__isnull=False).order_by("body", "version")
    }
    return render(
        request,
        "reconsideration/public_index.html",
        {"rows": [(body, guides.get(body.pk)) for body in bodies]},
    )


@require_GET
def public_guide(request, pk):
    found = selectors.public_guide(pk)
    if found is None:
        raise NotFound(_("该行政复议机关尚未发布行政复议指南。"))
    return render(request, "reconsideration/public_guide.html", {"body": found.body, "guide": found})


@require_GET
def public_decisions(request):
    body = request.GET.get("body", "")
    found = selectors.published(int(body) if body.isdigit() and len(body) < 10 else None)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    bodies = Body.objects.filter(is_reconsideration_body=True).order_by("tree_path")
    return render(request, "reconsideration/public_decisions.html", {"page": page, "bodies": bodies, "body": body})


@require_GET
def public_decision(request, pk):
    case = selectors.published().filter(pk=pk).first()
    if case is None:
        raise NotFound(_("未找到该行政复议决定书。"))
    return render(request, "reconsideration/public_decision.html", {"case": case})


@never_cache
@require_http_methods(["GET", "POST"])
def public_complete(request):
    """The applicant submits the completion by receipt and secret (行政复议法第三十一条)."""
    values = {"receipt_code": request.GET.get("receipt_code", "")}
    if request.method != "POST":
        return render(request, "reconsideration/public_complete.html", {"values": values})
    values = {key: request.POST.get(key, "") for key in ("receipt_code", "text")}
    try:
        case = services.public_complete(
            receipt_code=request.POST.get("receipt_code"),
            secret=request.POST.get("secret"),
            text=request.POST.get("text"),
            client_ip=submission_services.client_ip(request),
        )
    except (InvalidInput, Conflict, NotFound) as exc:
        return render(
            request,
            "reconsideration/public_complete.html",
            {"values": values, "errors": _errors(exc), "message": str(exc.detail)},
            status=exc.status_code,
        )
    return render(
        request,
        "portal/submissions/status.html",
        {"status": submission_services.public_status(case.submission), "requested": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def analysis_reports(request):
    """复议、应诉案件统计分析报告 (seed art. 32): the reports the user sees, and for each body the user
    reports for, the year's figures from the records and the form to submit them with the analysis."""
    today = timezone.localdate()
    # until last year's report falls due it is the one to file; after that, this year so far
    default = today.year - 1 if today <= analysis.report_due(today.year - 1) else today.year
    year = _year(request.GET.get("year") or request.POST.get("year") or default)
    context = {"year": year, "due": analysis.report_due(year), "year_ended": year < today.year}
    error = None
    if request.method == "POST":
        try:
            report = analysis.submit_report(
                actor=request.user,
                body=request.POST.get("body"),
                year=request.POST.get("year"),
                analysis=request.POST.get("analysis"),
            )
        except (*_FAILURES, NotFound) as exc:
            error = exc
        else:
            messages.success(request, _("已报送%(year)d年度统计分析报告。") % {"year": report.year})
            return redirect(f"{request.path}?year={report.year}")
    reported = {report.body_id: report for report in selectors.analysis_reports(request.user, year)}
    owed = Body.objects.filter(
        pk__in=analysis.bodies_with_cases(scope_body_ids(request.user, "change"), year)
    ).order_by("tree_path")
    context |= {
        "reports": sorted(reported.values(), key=lambda report: report.body.tree_path),
        "owed": [(body, analysis.figures(body, year)) for body in owed if body.pk not in reported],
        "error": error,
        "posted": request.POST,
    }
    return render(request, "reconsideration/analysis_reports.html", context, status=error.status_code if error else 200)
