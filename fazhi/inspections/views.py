"""Back-office pages of random inspections, and the public lists, plans and results (thin)."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may, require
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.masking import mask_text
from fazhi.core.models import Body
from fazhi.inspections import draw as draws
from fazhi.inspections import imports, selectors, services, workflow
from fazhi.inspections.choices import EntityKind, ItemStatus, PlanStatus
from fazhi.inspections.forms import ImportForm, ItemForm, PlanForm, ResultForm
from fazhi.inspections.models import Entity, InspectionItem, InspectionPlan, InspectionTask

PAGE_SIZE = 50
TASK_PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _year(request) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and len(text) == 4 else timezone.localdate().year


def _enforcement_bodies(user, action: str = "change"):
    return Body.objects.restrict(user, action).current().filter(is_enforcement_agency=True).order_by("tree_path")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- overview --------------------------------------------------------------------------------


@login_required
@require_GET
def overview(request):
    """This year's coverage of every list in the user's scope, and the plans."""
    year = _year(request)
    listed = InspectionItem.objects.restrict(request.user).exclude(status=ItemStatus.DRAFT).values("body")
    bodies = list(Body.objects.filter(pk__in=listed).order_by("tree_path"))
    found = selectors.coverage([body.pk for body in bodies], year, timezone.localdate())
    coverage = [(body, found[body.pk]) for body in bodies]
    return render(
        request,
        "inspections/overview.html",
        {
            "year": year,
            "coverage": coverage,
            "plans": _page(request, selectors.office_plans(request.user)),
            "can_plan": _enforcement_bodies(request.user).exists(),
        },
    )


# --- items -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_list(request):
    """Each body's list: draft items to edit and publish, published ones to withdraw; add an item here."""
    bodies = _enforcement_bodies(request.user)
    form = ItemForm(request.POST or None, bodies=bodies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.add_item(actor=request.user, body=form.cleaned_data["body"], **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已增加抽查事项，公布后列入清单。"))
                return redirect("inspections:item-list")
    items = selectors.office_items(request.user)
    drafts = {item.body_id for item in items if item.status == ItemStatus.DRAFT}
    publishable = [body for body in Body.objects.filter(pk__in=drafts) if may(request.user, "approve", body)]
    return render(
        request,
        "inspections/item_list.html",
        {"items": items, "form": form if bodies else None, "publishable": publishable},
        status=status,
    )


@login_required
@require_POST
def item_publish(request):
    text = request.POST.get("body") or ""
    body = Body.objects.filter(pk=int(text)).first() if text.isdigit() and len(text) <= 9 else None
    if body is None:
        raise NotFound()
    published = services.publish_items(body, actor=request.user, published_on=request.POST.get("published_on"))
    messages.success(request, _("已公布 %(n)d 项抽查事项。") % {"n": len(published)})
    return redirect("inspections:item-list")


def _item(user, pk) -> InspectionItem:
    item = selectors.office_items(user).filter(pk=pk).first()
    if item is None:
        raise NotFound()
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request.user, pk)
    form = ItemForm(request.POST or None, item=item)
    status = 200
    if request.method == "POST":
        require(request.user, "change", item.body, _("编制抽查事项清单"))
        status = 400
        if form.is_valid():
            try:
                services.change_item(item, actor=request.user, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("抽查事项已保存。"))
                return redirect("inspections:item-list")
    return render(request, "inspections/item_form.html", {"item": item, "form": form}, status=status)


@login_required
@require_POST
def item_remove(request, pk):
    item = _item(request.user, pk)
    services.remove_item(item, actor=request.user)
    messages.success(request, _("已删除“%(name)s”。") % {"name": item.name})
    return redirect("inspections:item-list")


@login_required
@require_POST
def item_withdraw(request, pk):
    item = _item(request.user, pk)
    services.withdraw_item(
        item, actor=request.user, reason=request.POST.get("reason"), withdrawn_on=request.POST.get("withdrawn_on")
    )
    messages.success(request, _("“%(name)s”已调出清单。") % {"name": item.name})
    return redirect("inspections:item-list")


# --- entities --------------------------------------------------------------------------------


@login_required
@require_GET
def entity_list(request):
    entities = selectors.office_entities(request.user)
    bodies = Body.objects.filter(pk__in=Entity.objects.restrict(request.user).values("body")).order_by("tree_path")
    body_text, kind = request.GET.get("body", ""), request.GET.get("kind", "")
    text = (request.GET.get("q") or "").strip()[:100]
    if body_text.isdigit() and len(body_text) <= 9:
        entities = entities.filter(body_id=int(body_text))
    if kind in EntityKind.values:
        entities = entities.filter(kind=kind)
    if text:
        entities = entities.filter(Q(name__contains=text) | Q(code=text.upper()) | Q(area=text) | Q(industry=text))
    return render(
        request,
        "inspections/entity_list.html",
        {
            "page": _page(request, entities),
            "bodies": bodies,
            "kinds": EntityKind.choices,
            "query": {"body": body_text, "kind": kind, "q": text},
            "can_import": _enforcement_bodies(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entity_import(request):
    bodies = _enforcement_bodies(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, bodies=bodies)
    context = {"form": form, "report": None, "unreadable": None}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["workbook"]
            data = upload.read()
            try:
                report = imports.import_workbook(
                    data, actor=request.user, body=form.cleaned_data["body"], source=upload.name
                )
            except InvalidInput as exc:
                context["unreadable"] = exc.detail
            else:
                if not report.ok and "error_report" in request.POST:
                    stem = upload.name.rsplit(".", 1)[0]
                    return _xlsx(
                        imports.error_workbook(data, report.errors), _("%(name)s（错误）.xlsx") % {"name": stem}
                    )
                context["report"] = report
                if report.ok:
                    status = 200
                    messages.success(
                        request,
                        _("导入完成：新增 %(created)d 个，更新 %(updated)d 个，%(unchanged)d 个未变。")
                        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
                    )
    return render(request, "inspections/entity_import.html", context, status=status)


@login_required
@require_GET
def entity_template(request):
    return _xlsx(imports.template_workbook(), _("检查对象名录导入模板.xlsx"))


# --- plans -----------------------------------------------------------------------------------


def _plan(user, pk) -> InspectionPlan:
    plan = selectors.plan_detail(InspectionPlan.objects.restrict(user)).filter(pk=pk).first()
    if plan is None:
        raise NotFound()
    return plan


def _plan_form(request, *, plan=None):
    today = timezone.localdate()
    partners = Body.objects.current().filter(is_enforcement_agency=True).order_by("tree_path")
    items = selectors.public_items(today)
    return PlanForm(
        request.POST or None,
        bodies=_enforcement_bodies(request.user),
        partners=partners,
        items=items,
        plan=plan,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    form = _plan_form(request)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                plan = services.create_plan(actor=request.user, body=form.cleaned_data["body"], **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("计划已创建；抽取前可以修改。"))
                return redirect("inspections:plan-detail", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "plan": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = _plan(request.user, pk)
    form = _plan_form(request, plan=plan)
    status = 200
    if request.method == "POST":
        require(request.user, "change", plan.body, _("编制抽查计划"))
        status = 400
        if form.is_valid():
            try:
                services.change_plan(plan, actor=request.user, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("计划已保存。"))
                return redirect("inspections:plan-detail", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "plan": plan}, status=status)


def _plan_page(request, plan, *, failed=None, error=None, status=200):
    record = getattr(plan, "draw", None) if plan.status != PlanStatus.DRAFT else None
    tasks = selectors.tasks(plan.tasks.all())
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "participants": plan.participants(),
            "items": plan.items.all(),
            "draw": record,
            "tasks": _page(request, tasks, TASK_PAGE_SIZE),
            "actions": workflow.actions(workflow.PLAN, plan, request.user),
            "can_edit": plan.status == PlanStatus.DRAFT and may(request.user, "change", plan.body),
            "failed": failed,
            "error": error,
            "posted": request.POST if failed else {},
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def plan_detail(request, pk):
    return _plan_page(request, _plan(request.user, pk))


@login_required
@require_POST
def plan_action(request, pk, step):
    plan = _plan(request.user, pk)
    data = request.POST
    steps = {
        "draw": lambda: draws.draw(plan, actor=request.user, public_value=data.get("public_value")),
        "publish": lambda: services.publish_plan(plan, actor=request.user, published_on=data.get("published_on")),
        "finish": lambda: services.finish_plan(plan, actor=request.user),
    }
    if step not in steps:
        raise NotFound()
    try:
        steps[step]()
    except (InvalidInput, Conflict) as exc:
        return _plan_page(request, _plan(request.user, pk), failed=step, error=exc, status=exc.status_code)
    plan = _plan(request.user, pk)
    messages.success(request, _("已办理：计划现为“%(status)s”。") % {"status": plan.get_status_display()})
    return redirect("inspections:plan-detail", pk=plan.pk)


# --- tasks -----------------------------------------------------------------------------------


def _task(user, pk) -> InspectionTask:
    task = selectors.office_tasks(user).filter(pk=pk).first()
    if task is None:
        raise NotFound()
    return task


def _task_page(request, task, *, form=None, failed=None, error=None, status=200):
    actions = workflow.actions(workflow.TASK, task, request.user)
    names = {transition.name for transition, _refusal in actions}
    if form is None and "record" in names:
        form = ResultForm(items=task.plan.items.order_by("id"))
    return render(
        request,
        "inspections/task_detail.html",
        {
            "task": task,
            "actions": actions,
            "form": form if "record" in names else None,
            "failed": failed,
            "error": error,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def task_detail(request, pk):
    return _task_page(request, _task(request.user, pk))


@login_required
@require_POST
def task_action(request, pk, step):
    task = _task(request.user, pk)
    if step == "record":
        workflow.require(workflow.TASK, task, "record", request.user, gates=False)
        form = ResultForm(request.POST, items=task.plan.items.order_by("id"))
        if not form.is_valid():
            return _task_page(request, task, form=form, status=400)
        try:
            services.record_result(task, actor=request.user, **form.service_data())
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            return _task_page(request, task, form=form, status=exc.status_code)
        messages.success(request, _("检查结果已录入，请在20个工作日内公示。"))
        return redirect("inspections:task-detail", pk=task.pk)
    if step != "publish":
        raise NotFound()
    try:
        services.publish_result(task, actor=request.user, published_on=request.POST.get("published_on"))
    except (InvalidInput, Conflict) as exc:
        return _task_page(request, task, failed=step, error=exc, status=exc.status_code)
    messages.success(request, _("检查结果已公示。"))
    return redirect("inspections:task-detail", pk=task.pk)


# --- portal ----------------------------------------------------------------------------------


@require_GET
def public_home(request):
    """The published item lists by body, and the published plans."""
    items = selectors.public_items(timezone.localdate())
    bodies = Body.objects.filter(pk__in=items.values("body")).order_by("tree_path")
    body_text = request.GET.get("body", "")
    body = bodies.filter(pk=int(body_text)).first() if body_text.isdigit() and len(body_text) <= 9 else None
    if body is not None:
        items = items.filter(body=body)
    plans = selectors.public_plans()
    if body is not None:
        plans = plans.filter(Q(body=body) | Q(joint_bodies=body)).distinct()
    return render(
        request,
        "inspections/public_home.html",
        {"items": items, "bodies": bodies, "body": body, "plans": _page(request, plans)},
    )


def _public_plan(pk) -> InspectionPlan:
    plan = selectors.public_plans().filter(pk=pk).first()
    if plan is None:
        raise NotFound()
    return plan


@require_GET
def public_plan_detail(request, pk):
    """A published plan: its seed, its picks, the pool, the lines that re-run it, and the results."""
    plan = _public_plan(pk)
    record = plan.draw
    results = {task.entity.code: task for task in selectors.public_results().filter(plan=plan)}
    for task in results.values():
        task.public_problems, task.public_handling = mask_text(task.problems), mask_text(task.handling)
    picks = [(pick, results.get(pick["code"])) for pick in record.picks]
    return render(
        request,
        "inspections/public_plan_detail.html",
        {
            "plan": plan,
            "draw": record,
            "picks": picks,
            "rerun": draws.RERUN.format(seed=record.seed, digest=record.candidates_digest, size=record.sample_size),
            "pool": [(row["certificate"], row["officer_id"]) for row in record.inspector_pool],
        },
    )


@require_GET
def public_plan_candidates(request, pk):
    """The candidate codes of a published plan's draw, as hashed: one per line, sorted."""
    plan = _public_plan(pk)
    text = InspectionPlan.objects.filter(pk=plan.pk).values_list("draw__candidates", flat=True).get()
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="candidates.txt"'
    return response


@require_GET
def public_results(request):
    results = selectors.public_results()
    text = (request.GET.get("q") or "").strip()[:100]
    if text:
        results = results.filter(Q(entity__name__contains=text) | Q(entity__code=text.upper()))
    page = _page(request, results)
    for task in page:
        task.public_problems, task.public_handling = mask_text(task.problems), mask_text(task.handling)
    return render(request, "inspections/public_results.html", {"page": page, "q": text})
