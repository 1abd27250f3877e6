"""Back-office pages of complaints and reports, the public channels page and the satisfaction form
(thin: the services check and change, these pages show and ask)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound, TooManyRequests
from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.intake import selectors, services, workflow
from fazhi.intake.choices import CaseStatus, ChannelKind, IntakeKind, Result, Satisfaction
from fazhi.intake.models import Channel

PAGE_SIZE = 50
STEP_FIELDS = {
    "accept": (),
    "refuse": ("reason",),
    "transfer": ("to_body", "reason"),
    "note": ("text",),
    "conclude": ("result", "reply", "detail", "enforcement_case_number"),
}


@login_required
@require_GET
def register(request):
    """The register (投诉举报登记): each case with its status and the due date running now."""
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    cases = selectors.office_cases(
        request.user,
        status=status if status in CaseStatus.values else "",
        kind=kind if kind in IntakeKind.values else "",
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    due = selectors.open_due(page.object_list)
    rows = [(case, due.get(case.pk)) for case in page.object_list]
    return render(
        request,
        "intake/register.html",
        {
            "page": page,
            "rows": rows,
            "statuses": CaseStatus.choices,
            "kinds": IntakeKind.choices,
            "status": status,
            "kind": kind,
            "passed_on": selectors.passed_on(request.user)[:50],
        },
    )


def _case(user, pk):
    case = selectors.case_detail(user, pk)
    if case is None:
        raise NotFound(_("未找到该投诉举报件。"))
    return case


def _render_case(request, case, *, errors=None, status=200, values=None):
    return render(
        request,
        "intake/case.html",
        {
            "case": case,
            "identity": selectors.identity(request.user, case),
            "due_dates": selectors.due_dates(case),
            "steps": workflow.steps(case, request.user),
            "results": Result.choices,
            "targets": Body.objects.current().exclude(pk=case.body_id).order_by("tree_path"),
            "errors": errors or {},
            "values": values or {},
        },
        status=status,
    )


@login_required
@require_GET
def case_detail(request, pk):
    return _render_case(request, _case(request.user, pk))


@login_required
@require_POST
def case_step(request, pk, step):
    case = _case(request.user, pk)
    if step not in STEP_FIELDS:
        raise NotFound()
    data = {name: request.POST.get(name, "") for name in STEP_FIELDS[step]}
    try:
        services.run_step(case, step, actor=request.user, data=data)
    except (InvalidInput, Conflict, Forbidden) as exc:
        errors = getattr(exc, "errors", None) or {"__all__": [str(exc.detail)]}
        return _render_case(
            request, _case(request.user, pk), errors={step: errors}, status=exc.status_code, values=data
        )
    messages.success(request, _("已办理。"))
    if step == "transfer":
        return redirect("intake:register")
    return redirect("intake:case", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def channels(request):
    """The channels of the bodies the user may change: publish one, take one down."""
    bodies = Body.objects.restrict(request.user, "change").current().order_by("tree_path")
    errors, values, status = {}, {}, 200
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in ("body", "kind", "value", "hours", "note")}
        try:
            services.add_channel(actor=request.user, **values)
        except (InvalidInput, Forbidden, NotFound) as exc:
            errors = getattr(exc, "errors", None) or {"__all__": [str(exc.detail)]}
            status = exc.status_code
        else:
            messages.success(request, _("已公布该渠道。"))
            return redirect("intake:channels")
    return render(
        request,
        "intake/channels.html",
        {
            "channels": Channel.objects.restrict(request.user).select_related("body"),
            "bodies": bodies,
            "kinds": ChannelKind.choices,
            "errors": errors,
            "values": values,
        },
        status=status,
    )


@login_required
@require_POST
def channel_remove(request, pk):
    channel = Channel.objects.restrict(request.user).filter(pk=pk).first()
    if channel is None:
        raise NotFound()
    services.remove_channel(channel, actor=request.user)
    messages.success(request, _("已撤下该渠道。"))
    return redirect("intake:channels")


# --- public --------------------------------------------------------------------------------


@require_GET
def public_channels(request):
    """Every current body's published complaint and report channels (seed art. 38)."""
    return render(request, "intake/public_channels.html", {"groups": selectors.public_channels()})


@require_http_methods(["GET", "POST"])
def satisfaction(request):
    """The submitter's satisfaction with the reply: by receipt and secret, once."""
    values = {name: request.POST.get(name, "") for name in ("receipt_code", "secret", "rating", "comment")}
    if request.method == "GET":
        values["receipt_code"] = request.GET.get("receipt_code", "")[:20]
    errors, status, done = {}, 200, None
    if request.method == "POST":
        try:
            done = services.rate(
                values["receipt_code"],
                values["secret"],
                rating=values["rating"],
                comment=values["comment"],
                client_ip=submission_services.client_ip(request),
            )
        except (InvalidInput, Conflict, NotFound, TooManyRequests) as exc:
            errors = getattr(exc, "errors", None) or {"__all__": [str(exc.detail)]}
            status = exc.status_code
    return render(
        request,
        "intake/satisfaction.html",
        {"values": values, "errors": errors, "done": done, "ratings": Satisfaction.choices},
        status=status,
    )
