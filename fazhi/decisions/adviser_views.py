"""Office pages of the legal-adviser rosters and of the advisers' opinions on a decision (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.access import may, require
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.decisions import advisers
from fazhi.decisions.catalog_forms import AdviserForm, OpinionForm
from fazhi.decisions.models import Decision, LegalAdviser

PAGE_SIZE = 100


def _adviser(user, pk) -> LegalAdviser:
    adviser = LegalAdviser.objects.restrict(user).select_related("body").filter(pk=pk).first()
    if adviser is None:
        raise NotFound()
    return adviser


@login_required
@require_http_methods(["GET", "POST"])
def adviser_list(request):
    """The rosters of the bodies the user sees, by body; their staff add advisers here."""
    bodies = Body.objects.restrict(request.user, "change").current().order_by("tree_path")
    form = AdviserForm(request.POST or None, bodies=bodies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            body = form.cleaned_data["body"]
            try:
                adviser = advisers.add_adviser(actor=request.user, body=body, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已将%(name)s列入法律顾问名册。") % {"name": adviser.name})
                return redirect(f"{reverse('decisions:adviser-list')}?body={body.pk}")
    roster = LegalAdviser.objects.restrict(request.user).select_related("body")
    body_text = request.GET.get("body", "")
    chosen = None
    if body_text.isdigit() and len(body_text) <= 9:
        chosen = Body.objects.filter(pk=int(body_text)).first()
        roster = roster.filter(body_id=int(body_text))
    today = timezone.localdate()
    serving_only = request.GET.get("serving") == "1"
    if serving_only:
        roster = roster.serving(today)
    roster = roster.order_by("body__tree_path", "body_id", "name", "id")
    page = Paginator(roster, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/adviser_list.html",
        {
            "page": page,
            "form": form if bodies.exists() else None,
            "chosen": chosen,
            "serving_only": serving_only,
            "today": today,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def adviser_edit(request, pk):
    adviser = _adviser(request.user, pk)
    form = AdviserForm(request.POST or None, adviser=adviser)
    status = 200
    if request.method == "POST":
        require(request.user, "change", adviser.body, _("管理法律顾问名册"))
        status = 400
        if form.is_valid():
            try:
                advisers.change_adviser(adviser, actor=request.user, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已保存。"))
                return redirect(f"{reverse('decisions:adviser-list')}?body={adviser.body_id}")
    return _edit_page(request, adviser, form, status=status)


def _edit_page(request, adviser, form, *, error=None, status=200):
    return render(
        request,
        "decisions/adviser_form.html",
        {
            "adviser": adviser,
            "form": form,
            "can_change": may(request.user, "change", adviser.body),
            "opinions": adviser.opinions.order_by("-given_on", "-id")[:20],
            "term": advisers.term_text(adviser),
            "end_error": error,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_POST
def adviser_end(request, pk):
    adviser = _adviser(request.user, pk)
    try:
        advisers.end_term(adviser, actor=request.user, ended_on=request.POST.get("ended_on"))
    except (InvalidInput, Conflict) as exc:
        return _edit_page(request, adviser, AdviserForm(adviser=adviser), error=exc, status=exc.status_code)
    messages.success(request, _("%(name)s的聘期已结束。") % {"name": adviser.name})
    return redirect(f"{reverse('decisions:adviser-list')}?body={adviser.body_id}")


# --- opinions on a decision -----------------------------------------------------------------


def _decision_url(decision) -> str:
    """The decision's page once it exists; until then this page."""
    try:
        return decision.get_absolute_url()
    except NoReverseMatch:
        return reverse("decisions:adviser-opinion-new", args=[decision.pk])


@login_required
@require_http_methods(["GET", "POST"])
def adviser_opinion_new(request, pk):
    """Record a legal adviser's opinion on a major decision (seed art. 46)."""
    decision = Decision.objects.restrict(request.user).select_related("body", "deciding_body").filter(pk=pk).first()
    if decision is None:
        raise NotFound()
    try:
        advisers.require_recorder(request.user, decision)
        can_record = True
    except Forbidden:
        can_record = False
    choices = (
        LegalAdviser.objects.filter(body__in=advisers.eligible_body_ids(decision))
        .select_related("body")
        .order_by("body__tree_path", "name", "id")
    )
    form = OpinionForm(request.POST or None, advisers=choices)
    status = 200
    if request.method == "POST":
        advisers.require_recorder(request.user, decision)
        status = 400
        if form.is_valid():
            try:
                advisers.give_opinion(
                    decision,
                    actor=request.user,
                    adviser=form.cleaned_data["adviser"],
                    opinion=form.cleaned_data["opinion"],
                    given_on=form.cleaned_data["given_on"],
                    matter=form.cleaned_data["matter"],
                )
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已记录法律顾问意见。"))
                return redirect(_decision_url(decision))
    return render(
        request,
        "decisions/adviser_opinion_form.html",
        {
            "decision": decision,
            "form": form if can_record else None,
            "opinions": advisers.opinions_of(decision),
            "has_advisers": choices.exists(),
        },
        status=status,
    )
