"""Back-office pages of oversight (thin): what waits for the user, the registers with their
filters (htmx), a page per record with its steps, due dates and sources, the forms to register,
and the portal's published answers (代表法 第五十一条第三款)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may
from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.core.models import Body
from fazhi.core.services.attachments import attachments_of
from fazhi.documents.services import GOVERNMENT_KINDS
from fazhi.oversight import selectors, services, workflow
from fazhi.oversight.choices import (
    AnswerMode,
    CongressReportKind,
    Feedback,
    InspectionKind,
    InspectionStatus,
    MeasureKind,
    MeasureStatus,
    OpinionKind,
    PlanStatus,
    ProposalKind,
    ProposalStatus,
    ReplyCategory,
    Severity,
)
from fazhi.oversight.models import Finding

PAGE_SIZE = 50
REFUSALS = (InvalidInput, Conflict, Forbidden)


def _filters(request) -> dict:
    """The register's filters as typed; the selectors ignore values they cannot read."""
    values = {key: request.GET.get(key, "") for key in ("body", "year", "kind", "status")}
    return values | {"overdue": request.GET.get("overdue", "") in ("1", "on", "true")}


def _page(request, found):
    return Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))


def _list(request, name: str, context: dict):
    """A register page, or only its rows when htmx asks for them (the filters changed)."""
    context = {"years": selectors.years(), **context}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "oversight-results":
        return render(request, f"oversight/_{name}_rows.html", context)
    return render(request, f"oversight/{name}.html", context)


def _current_bodies():
    return Body.objects.current().order_by("tree_path")


def _bodies_of(records):
    """The bodies the records in sight belong to, for a register's filter."""
    return Body.objects.filter(pk__in=records.order_by().values("body")).order_by("tree_path")


def _governments(user):
    """The governments whose leading group (or People's Congress business) `user` acts for."""
    return [body for body in _current_bodies().filter(kind__in=GOVERNMENT_KINDS) if may(user, "change", body)]


def _below(upper: Body):
    return _current_bodies().filter(tree_path__startswith=upper.tree_path).exclude(pk=upper.pk)


def _new(request, template: str, register, context: dict):
    """A registration form: on success to the new record's page; on a refusal the form again,
    with what was typed and the message, under the refusal's status."""
    values, error = {}, None
    if request.method == "POST":
        try:
            record = register(request.POST, actor=request.user)
        except REFUSALS as exc:
            values, error = request.POST, exc
        else:
            messages.success(request, _("已登记。"))
            return redirect(record.get_absolute_url())
    return render(
        request,
        f"oversight/{template}.html",
        {"values": values, "error": error, "today": timezone.localdate(), **context},
        status=error.status_code if error else 200,
    )


def _step(request, record, step: str, page):
    """Run a step from its form; on a refusal the record's page again with the message above the
    step's form."""
    services.step_fields(type(record), step)  # 404 for a step the record has not
    try:
        services.run_step(record, step, actor=request.user, data=request.POST, files=request.FILES)
    except REFUSALS as exc:
        record.refresh_from_db()
        return page(request, record, failed=step, error=exc, status=exc.status_code)
    messages.success(request, _("已办理。"))
    return redirect(record.get_absolute_url())


def _state(failed: str, error, actions=()) -> dict:
    """Which step's form failed and why; a refused step whose form is not on the page (a stale
    page, a step of the other side) has its message shown above the steps instead."""
    shown = any(transition.name == failed for transition, _refusal in actions)
    return {
        "failed": failed,
        "error": error,
        "error_above": error if error is not None and not shown else None,
        "actions": actions,
        "today": timezone.localdate(),
    }


def _record_views(visible, page):
    """A record's page and the POST of its steps: 404 outside the user's sight, before anything."""

    @login_required
    @require_GET
    def detail(request, pk):
        return page(request, visible(request.user, pk))

    @login_required
    @require_POST
    def step(request, pk, step):
        return _step(request, visible(request.user, pk), step, page)

    return detail, step


@login_required
@require_GET
def home(request):
    """监督与督查 — what the user's body must still do, with due dates, and what waits for the office."""
    return render(request, "oversight/home.html", {"work": selectors.my_work(request.user)})


# --- 建议、提案 --------------------------------------------------------------------------------------


@login_required
@require_GET
def proposals(request):
    filters = _filters(request)
    page = _page(request, selectors.office_proposals(request.user, **filters, query=request.GET.get("q", "")))
    for proposal in page:
        proposal.running = selectors.running_due(selectors.proposal_due_dates(proposal)[1:])
    return _list(
        request,
        "proposals",
        {
            "page": page,
            "filters": filters,
            "kinds": ProposalKind.choices,
            "statuses": ProposalStatus.choices,
            "bodies": _bodies_of(selectors.office_proposals(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request):
    governments = _governments(request.user)
    bodies = [body for government in governments for body in [government, *_below(government)]]
    return _new(
        request,
        "proposal_new",
        services.register_proposal_from,
        {"kinds": ProposalKind.choices, "bodies": list({body.pk: body for body in bodies}.values())},
    )


def _proposal_page(request, proposal, *, failed="", error=None, status=200):
    return render(
        request,
        "oversight/proposal_detail.html",
        {
            "proposal": proposal,
            "participants": proposal.participants.select_related("body"),
            "replies": proposal.replies.all(),
            "reassignments": proposal.reassignments.select_related("from_body", "suggested_body", "to_body"),
            "due_dates": selectors.proposal_due_dates(proposal),
            "candidates": _below(proposal.government).exclude(pk=proposal.body_id),
            "categories": ReplyCategory.choices,
            "feedbacks": Feedback.choices,
            **_state(
                failed,
                error,
                workflow.actions(workflow.PROPOSAL_WORKFLOW, proposal, request.user, hidden=workflow.PROPOSAL_HIDDEN),
            ),
        },
        status=status,
    )


proposal_detail, proposal_step = _record_views(selectors.visible_proposal, _proposal_page)


# --- 向人大报告工作 ---------------------------------------------------------------------------------


@login_required
@require_GET
def reports(request):
    filters = _filters(request)
    found = selectors.office_reports(
        request.user, body=filters["body"], year=filters["year"], kind=filters["kind"], pending=filters["overdue"]
    )
    page = _page(request, found)
    return _list(request, "reports", {"page": page, "filters": filters, "kinds": CongressReportKind.choices})


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request):
    bodies = [body for body in _current_bodies() if may(request.user, "change", body)]
    return _new(
        request,
        "report_new",
        services.register_report_from,
        {"kinds": CongressReportKind.choices, "modes": AnswerMode.choices, "bodies": bodies},
    )


def _report_page(request, report, *, failed="", error=None, status=200):
    return render(
        request,
        "oversight/report_detail.html",
        {
            "report": report,
            "opinions": [(opinion, selectors.opinion_due(opinion)) for opinion in report.opinions.all()],
            "may_record": may(request.user, "change", report.body),
            "opinion_kinds": OpinionKind.choices,
            **_state(failed, error),
        },
        status=status,
    )


report_detail, report_step = _record_views(selectors.visible_report, _report_page)


# --- 督查 ------------------------------------------------------------------------------------------


@login_required
@require_GET
def inspections(request):
    filters = _filters(request)
    found = selectors.office_inspections(
        request.user, year=filters["year"], kind=filters["kind"], status=filters["status"]
    )
    return _list(
        request,
        "inspections",
        {
            "page": _page(request, found),
            "filters": filters,
            "kinds": InspectionKind.choices,
            "statuses": InspectionStatus.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_new(request):
    governments = _governments(request.user)
    return _new(
        request,
        "inspection_new",
        services.plan_inspection_from,
        {
            "kinds": InspectionKind.choices,
            "governments": governments,
            "candidates": [body for government in governments for body in _below(government)],
            "year": timezone.localdate().year,
        },
    )


def _inspection_page(request, inspection, *, failed="", error=None, status=200):
    findings = selectors.visible_findings(request.user, inspection)
    return render(
        request,
        "oversight/inspection_detail.html",
        {
            "inspection": inspection,
            "targets": inspection.targets.select_related("body"),
            "findings": findings,
            "candidates": _below(inspection.government),
            "chosen": set(inspection.targets.values_list("body_id", flat=True)),
            "severities": Severity.choices,
            "may_issue": may(request.user, "change", inspection.government),
            **_state(failed, error, workflow.actions(workflow.INSPECTION_WORKFLOW, inspection, request.user)),
        },
        status=status,
    )


inspection_detail, inspection_step = _record_views(selectors.visible_inspection, _inspection_page)


# --- 约谈、责令整改、通报批评 ---------------------------------------------------------------------------


@login_required
@require_GET
def measures(request):
    filters = _filters(request)
    page = _page(request, selectors.office_measures(request.user, **filters))
    return _list(
        request,
        "measures",
        {"page": page, "filters": filters, "kinds": MeasureKind.choices, "statuses": MeasureStatus.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request):
    current = list(_current_bodies())
    issuers = [
        body
        for body in current
        if may(request.user, "change", body) and any(services.below(other, body) for other in current)
    ]
    bodies = [body for body in current if any(services.below(body, issuer) for issuer in issuers)]
    finding = selectors.pk_of(request.GET.get("finding") or request.POST.get("finding"))
    source = Finding.objects.restrict(request.user).filter(pk=finding or 0).select_related("body").first()
    return _new(
        request,
        "measure_new",
        services.issue_measure_from,
        {"kinds": MeasureKind.choices, "issuers": issuers, "bodies": bodies, "finding": source},
    )


def _measure_page(request, measure, *, failed="", error=None, status=200):
    return render(
        request,
        "oversight/measure_detail.html",
        {
            "measure": measure,
            "rounds": measure.rounds.all(),
            "due_dates": selectors.measure_due_dates(measure),
            **_state(
                failed,
                error,
                workflow.actions(workflow.MEASURE_WORKFLOW, measure, request.user, hidden=workflow.MEASURE_HIDDEN),
            ),
        },
        status=status,
    )


measure_detail, measure_step = _record_views(selectors.visible_measure, _measure_page)


# --- 迎接省考评 -------------------------------------------------------------------------------------


@login_required
@require_GET
def plans(request):
    filters = _filters(request)
    return _list(
        request,
        "plans",
        {
            "page": _page(request, selectors.office_plans(request.user, year=filters["year"])),
            "tasks": selectors.visible_tasks(request.user).filter(plan__status=PlanStatus.ISSUED),
            "filters": filters,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    return _new(
        request,
        "plan_new",
        services.create_plan_from,
        {"governments": _governments(request.user), "year": timezone.localdate().year},
    )


def _plan_page(request, plan, *, failed="", error=None, status=200):
    return render(
        request,
        "oversight/plan_detail.html",
        {
            "plan": plan,
            "tasks": selectors.visible_tasks(request.user, plan),
            "candidates": _below(plan.government),
            **_state(failed, error, workflow.actions(workflow.PLAN_WORKFLOW, plan, request.user)),
        },
        status=status,
    )


plan_detail, plan_step = _record_views(selectors.visible_plan, _plan_page)


def _task_page(request, task, *, failed="", error=None, status=200):
    return render(
        request,
        "oversight/task_detail.html",
        {
            "task": task,
            "materials": attachments_of(task).order_by("pk"),
            "due_dates": selectors.task_due_dates(task),
            **_state(failed, error, workflow.actions(workflow.TASK_WORKFLOW, task, request.user)),
        },
        status=status,
    )


task_detail, task_step = _record_views(selectors.visible_task, _task_page)


# --- the portal: published answers ---------------------------------------------------------------


@require_GET
def public_replies(request):
    """建议、提案答复公开: the answers the bodies marked public."""
    filters = {key: request.GET.get(key, "")[:9] for key in ("kind", "year")}
    page = _page(request, selectors.published_replies(**filters))
    return render(
        request,
        "oversight/public_replies.html",
        {"page": page, "filters": filters, "kinds": ProposalKind.choices, "years": selectors.years()},
    )


@require_GET
def public_reply(request, pk):
    reply = selectors.published_reply(pk)
    return render(request, "oversight/public_reply.html", {"reply": reply, "text": selectors.public_text(reply)})
