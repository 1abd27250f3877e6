"""Back-office pages of petitions (the register, one petition with its deadlines and steps) and the
petitioner's review / re-check request on the portal (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.petitions import selectors, services, workflow
from fazhi.petitions.choices import OUTCOMES_BY_CATEGORY, Channel, ForwardMode, PetitionStatus, ReviewOutcome

PAGE_SIZE = 50


@login_required
@require_GET
def register(request):
    """信访登记簿: the petitions in the user's scope with status and the period running."""
    status = request.GET.get("status", "")
    query = request.GET.get("q", "")
    page = Paginator(selectors.office_petitions(request.user, status=status, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for petition in page:
        petition.running = selectors.running_due(petition)
    return render(
        request,
        "petitions/register.html",
        {"page": page, "statuses": PetitionStatus.choices, "status": status, "q": query[:100]},
    )


def _page(request, petition, *, failed="", error=None, status=200):
    return render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "submission": petition.submission,
            "identity": submission_services.masked_identity(request.user, petition.submission),
            "identity_visible": submission_services.identity_visible(request.user, petition.submission),
            "due_dates": selectors.due_dates(petition),
            "notices": petition.notices.select_related("body").all(),
            "actions": workflow.actions(petition, request.user),
            "outcomes": [(o.value, o.label) for o in OUTCOMES_BY_CATEGORY[petition.category]],
            "review_outcomes": ReviewOutcome.choices,
            "channels": Channel.choices,
            "modes": ForwardMode.choices,
            "bodies": Body.objects.current().exclude(pk=petition.body_id).order_by("tree_path"),
            "failed": failed,
            "error": error,
            "values": request.POST if failed else {},
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk):
    return _page(request, selectors.visible_petition(request.user, pk))


@login_required
@require_POST
def step(request, pk, step):
    petition = selectors.visible_petition(request.user, pk)
    if step not in workflow.STEPS:
        raise NotFound()
    try:
        services.run_step(petition, step, actor=request.user, data=request.POST)
    except (InvalidInput, Conflict, Forbidden) as exc:
        return _page(
            request, selectors.visible_petition(request.user, pk), failed=step, error=exc, status=exc.status_code
        )
    messages.success(request, _("已办理：%(label)s。") % {"label": workflow.WORKFLOW.transitions[step].label})
    if not selectors.office_petitions(request.user).filter(pk=pk).exists():
        return redirect("petitions:register")  # forwarded away, or sent back: no longer ours to see
    return redirect("petitions:detail", pk=pk)


@never_cache
@require_http_methods(["GET", "POST"])
def public_request(request):
    """The petitioner asks for 复查 or 复核 by receipt and secret (信访工作条例第三十五条、第三十六条)."""
    values = {"step": request.GET.get("step", "request-review"), "receipt_code": request.GET.get("receipt_code", "")}
    if request.method != "POST":
        return render(request, "petitions/public_request.html", {"values": values})
    values = {key: request.POST.get(key, "") for key in ("step", "receipt_code", "reasons")}
    try:
        petition = services.public_request(
            receipt_code=request.POST.get("receipt_code"),
            secret=request.POST.get("secret"),
            step=request.POST.get("step"),
            reasons=request.POST.get("reasons"),
            client_ip=submission_services.client_ip(request),
        )
    except (InvalidInput, Conflict, NotFound) as exc:
        errors = getattr(exc, "errors", None) or {"non_field_errors": [str(exc.detail)]}
        return render(
            request,
            "petitions/public_request.html",
            {"values": values, "errors": errors, "message": str(exc.detail)},
            status=exc.status_code,
        )
    return render(
        request,
        "portal/submissions/status.html",
        {"status": submission_services.public_status(petition.submission), "requested": True},
    )
