"""Office pages for rules and plans, and the public registry (thin: services and selectors do the work)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.rules import selectors, services, workflow
from fazhi.rules.choices import FilingRecipient, PlanStatus, RulePublicStatus, RuleStatus, SubjectArea
from fazhi.rules.forms import RuleForm
from fazhi.rules.models import LegislativePlan, PlanItem, Rule

PAGE_SIZE = 50


def _visible(user, pk) -> Rule:
    rule = Rule.objects.restrict(user).select_related("body", "government").filter(pk=pk).first()
    if rule is None:
        raise NotFound()
    return rule


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- office: rules -------------------------------------------------------------------------


@login_required
@require_GET
def office_list(request):
    status = request.GET.get("status", "")
    if status not in RuleStatus.values:
        status = ""
    page = Paginator(selectors.office_rules(request.user, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "rules/office_list.html",
        {
            "page": page,
            "status": status,
            "statuses": RuleStatus.choices,
            "can_create": Body.objects.restrict(request.user, "change").exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def office_create(request):
    bodies = Body.objects.restrict(request.user, "change").order_by("tree_path")
    items = PlanItem.objects.filter(
        plan__status=PlanStatus.PUBLISHED, drafting_body__in=bodies, rule__isnull=True
    ).select_related("plan")
    form = RuleForm(request.POST or None, bodies=bodies, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            rule = services.create_rule(actor=request.user, body=data.pop("body"), **data)
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("规章已立项。"))
            return redirect("rules:office-detail", pk=rule.pk)
    return render(request, "rules/office_form.html", {"form": form, "rule": None}, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def office_edit(request, pk):
    rule = Rule.objects.restrict(request.user, "change").filter(pk=pk).first()
    if rule is None:
        raise NotFound()
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_rule(rule, actor=request.user, **form.service_data())
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("草案已保存。"))
            return redirect("rules:office-detail", pk=rule.pk)
    return render(request, "rules/office_form.html", {"form": form, "rule": rule}, status=_status(form))


@login_required
@require_GET
def office_detail(request, pk):
    rule = _visible(request.user, pk)
    found = selectors.procedures_of(rule)
    return render(
        request,
        "rules/office_detail.html",
        {
            "rule": rule,
            "procedures": found,
            "timeline": selectors.timeline(rule, found),
            "due_dates": selectors.due_dates(rule, found),
            "filings": selectors.filings_of(rule),
            "actions": workflow.actions(rule, request.user),
            "recipients": FilingRecipient.choices,
            "can_file": rule.is_published and may(request.user, "review", rule.legal_office),
            "editable": rule.status in workflow.EDITABLE_STATUSES
            and Rule.objects.restrict(request.user, "change").filter(pk=rule.pk).exists(),
        },
    )


SIMPLE_STEPS = {
    "start_drafting": services.start_drafting,
    "submit_review": services.submit_review,
    "conclude_review": services.conclude_review,
    "record_decision": services.record_decision,
    "sign": services.sign,
    "number": services.assign_number,
}


def _run(request, rule, name):
    data = request.POST
    if name == "start_consultation":
        return services.start_consultation(
            rule, actor=request.user, closes_on=data.get("closes_on"), shortened_reason=data.get("shortened_reason")
        )
    if name == "publish":
        return services.publish(
            rule,
            actor=request.user,
            effective_on=data.get("effective_on"),
            immediate_reason=data.get("immediate_reason"),
        )
    if name in ("repeal", "withdraw"):
        run = services.repeal if name == "repeal" else services.withdraw
        return run(rule, actor=request.user, reason=data.get("reason"))
    if name == "file":
        services.record_filing(
            rule,
            actor=request.user,
            recipient=data.get("recipient"),
            receiving_body=data.get("receiving_body"),
            filed_on=data.get("filed_on"),
        )
        return rule
    if name not in SIMPLE_STEPS:
        raise NotFound()
    return SIMPLE_STEPS[name](rule, actor=request.user)


@login_required
@require_POST
def office_action(request, pk, transition):
    rule = _run(request, _visible(request.user, pk), transition)
    rule.refresh_from_db()
    messages.success(request, _("已办理：现为“%(status)s”。") % {"status": rule.get_status_display()})
    return redirect("rules:office-detail", pk=rule.pk)


# --- office: plans -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request):
    """The plans the user sees; a government's 依法行政办 starts the next one here."""
    governments = Body.objects.restrict(request.user, "change").filter(kind="city_government")
    if request.method == "POST":
        government = governments.filter(pk=request.POST.get("government") or 0).first()
        if government is None:
            raise NotFound()
        plan = services.create_plan(actor=request.user, government=government, year=request.POST.get("year"))
        messages.success(request, _("计划已创建。"))
        return redirect("rules:plan-detail", pk=plan.pk)
    return render(
        request,
        "rules/plan_list.html",
        {"plans": selectors.office_plans(request.user), "governments": governments, "year": timezone.localdate().year},
    )


def _plan(user, pk) -> LegislativePlan:
    plan = selectors.office_plans(user).filter(pk=pk).first()
    if plan is None:
        raise NotFound()
    return plan


@login_required
@require_GET
def plan_detail(request, pk):
    plan = _plan(request.user, pk)
    return render(
        request,
        "rules/plan_detail.html",
        {
            "plan": plan,
            "areas": SubjectArea.choices,
            "bodies": Body.objects.filter(tree_path__startswith=plan.government.tree_path).order_by("tree_path"),
            "can_edit": LegislativePlan.objects.restrict(request.user, "change").filter(pk=plan.pk).exists(),
            "can_publish": LegislativePlan.objects.restrict(request.user, "approve").filter(pk=plan.pk).exists(),
        },
    )


@login_required
@require_POST
def plan_action(request, pk, transition):
    plan = _plan(request.user, pk)
    data = request.POST
    if transition == "add_item":
        services.add_plan_item(
            plan,
            actor=request.user,
            title=data.get("title"),
            subject_area=data.get("subject_area"),
            drafting_body=data.get("drafting_body"),
            planned_submission_on=data.get("planned_submission_on"),
            note=data.get("note"),
        )
    elif transition == "publish":
        services.publish_plan(plan, actor=request.user)
    elif transition == "item_reason":
        item = plan.items.filter(pk=data.get("item") if (data.get("item") or "").isdigit() else 0).first()
        if item is None:
            raise NotFound()
        services.record_item_reason(item, actor=request.user, reason=data.get("reason"))
    else:
        raise NotFound()
    messages.success(request, _("已办理。"))
    return redirect("rules:plan-detail", pk=plan.pk)


# --- public registry -----------------------------------------------------------------------


@require_GET
def public_list(request):
    today = timezone.localdate()
    params = request.GET
    query = params.get("q", "").strip()[:100]
    status = params.get("status", "") if params.get("status", "") in RulePublicStatus.values else ""
    year_text = params.get("year", "")
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    rules = selectors.public_rules(today=today, query=query, year=year, status=status)
    page = Paginator(rules, PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "rules/public_list.html",
        {
            "page": page,
            "today": today,
            "query": query,
            "status": status,
            "year": year,
            "years": range(today.year, today.year - 10, -1),
            "statuses": RulePublicStatus.choices,
            "plans": selectors.public_plans()[:3],
        },
    )


@require_GET
def public_detail(request, pk):
    rule = Rule.objects.published().select_related("government", "amended_by", "replaces").filter(pk=pk).first()
    if rule is None:
        raise NotFound()
    consultations = [c for c in selectors.procedures_of(rule)["consultations"] if c.status == "feedback_published"]
    return render(request, "rules/public_detail.html", {"rule": rule, "consultations": consultations})
