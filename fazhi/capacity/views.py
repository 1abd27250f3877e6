"""Back-office pages of 依法行政能力与责任落实 (thin), and the portal's 普法责任清单.

- the overview of every body in sight for a year: counts against the minimums, each check;
- a body's page for a year: progress on every minimum and check, links to each register;
- the simple registers, drawn from their descriptions (`registers.py`): list, form, record;
- the work points and the 普法责任清单 with their steps;
- the public list of published 普法责任清单.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.capacity import registers, selectors, services, workflow
from fazhi.capacity.models import DutyList, DutyListItem, WorkPoints
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.services import attachments as attachment_services

PAGE_SIZE = 50
REFUSED = (InvalidInput, Conflict, Forbidden)


def _year(request) -> int:
    return selectors.year_of(request.GET.get("year")) or timezone.localdate().year


def _filters(request) -> dict:
    return {"body": request.GET.get("body", "")[:9], "year": request.GET.get("year", "")[:4]}


def _common(request, **context) -> dict:
    return {"years": selectors.years(), "registers": registers.REGISTERS.values(), **context}


# --- overview and a body's page -------------------------------------------------------------------


@login_required
@require_GET
def overview(request):
    """依法行政能力总览: every body in sight for a year, counts against the minimums and each check."""
    year = _year(request)
    bodies = list(selectors.existed_in(selectors.visible_bodies(request.user), year))
    return render(
        request,
        "capacity/overview.html",
        _common(request, year=year, rows=selectors.overview(bodies, year, timezone.localdate())),
    )


@login_required
@require_GET
def body_page(request, pk):
    """A body's year: each minimum as it builds up, each check, and its registers."""
    body = selectors.visible_body(request.user, pk)
    year = _year(request)
    return render(
        request,
        "capacity/body.html",
        _common(
            request,
            body=body,
            year=year,
            may_record=request.user.is_superuser or body.pk in services.recording_body_ids(request.user),
            **selectors.body_year(body, year, timezone.localdate()),
        ),
    )


# --- the simple registers -------------------------------------------------------------------------


def _display(user, register, record, name: str) -> str:
    """A field's value as the page shows it: dates in Chinese, choices by label, names masked
    outside the body."""
    field = register.field(name)
    value = getattr(record, name)
    if field.kind == registers.FLAG:
        return _("是") if value else _("否")
    if value in (None, ""):
        return "—"
    if field.kind == registers.DATE:
        return day_text(value)
    if field.kind == registers.CHOICE:
        return getattr(record, f"get_{name}_display")()
    if field.personal:
        return selectors.person_text(user, record, value)
    return str(value)


def _cells(user, register, record) -> list[str]:
    return [_display(user, register, record, name) for name in register.columns]


@login_required
@require_GET
def register_list(request, key):
    register = registers.REGISTERS[key]
    filters = _filters(request)
    page = Paginator(selectors.records(request.user, register, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = _common(
        request,
        register=register,
        page=page,
        rows=[(record, _cells(request.user, register, record)) for record in page],
        headers=[register.field(name).label(register.model) for name in register.columns],
        filters=filters,
        bodies=selectors.visible_bodies(request.user),
    )
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "capacity-results":
        return render(request, "capacity/_register_rows.html", context)
    return render(request, "capacity/register.html", context)


def _posted(register, request) -> dict:
    """The form's fields; an unticked box is not posted, so it is read as “no”."""
    data = request.POST.dict()
    for field in register.fields:
        if field.kind == registers.FLAG:
            data.setdefault(field.name, "false")
    return data


def _form_fields(request, register, values, record=None) -> list[dict]:
    """The register's fields as the form shows them, with the value to fill in."""
    fields = register.editable() if record is not None else register.fields
    items = None
    shown = []
    for field in fields:
        if record is not None and field.name not in values:
            value = getattr(record, "item_id" if field.kind == registers.ITEM else field.name)
        else:
            value = values.get(field.name, "")
        if field.kind == registers.ITEM and items is None:
            items = DutyListItem.objects.filter(
                duty_list__body__in=services.recording_body_ids(request.user), duty_list__status="published"
            ).select_related("duty_list__body")
        shown.append(
            {
                "field": field,
                "label": field.label(register.model),
                "value": "" if value is None else value,
                "limit": field.limit(register.model),
                "choices": field.choices.choices if field.choices else items if field.kind == registers.ITEM else None,
            }
        )
    return shown


@login_required
@require_http_methods(["GET", "POST"])
def register_new(request, key):
    register = registers.REGISTERS[key]
    values, error = {"year": timezone.localdate().year}, None
    if request.method == "POST":
        files = request.FILES.getlist("files") if register.files else ()
        try:
            record = services.record(
                register, actor=request.user, body=request.POST.get("body"), data=request.POST, files=files
            )
        except REFUSED as exc:
            values, error = request.POST, exc
        else:
            messages.success(request, _("已录入。"))
            return redirect(f"capacity:{key}-detail", pk=record.pk)
    bodies = services.recordable_bodies(request.user)
    return render(
        request,
        "capacity/register_form.html",
        _common(
            request,
            register=register,
            fields=_form_fields(request, register, values),
            bodies=bodies,
            chosen=str(values.get("body") or (bodies[0].pk if len(bodies) == 1 else "")),
            error=error,
            accept=attachment_services.ACCEPT_ATTRIBUTE,
        ),
        status=error.status_code if error else 200,
    )


def _detail(request, register, record, *, error=None, failed="", values=None, status=200):
    user = request.user
    return render(
        request,
        "capacity/register_detail.html",
        _common(
            request,
            register=register,
            record=record,
            shown=[
                (field.label(register.model), _display(user, register, record, field.name)) for field in register.fields
            ],
            may_change=workflow.allowed(record, user, "change"),
            fields=_form_fields(request, register, values or {}, record),
            attachments=attachment_services.attachments_of(record) if register.files else (),
            accept=attachment_services.ACCEPT_ATTRIBUTE,
            error=error,
            failed=failed,
        ),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_detail(request, key, pk):
    """A record; its members revise it here (POST)."""
    register = registers.REGISTERS[key]
    record = selectors.visible(request.user, register.model, pk)
    if request.method == "POST":
        try:
            services.revise(record, actor=request.user, data=_posted(register, request))
        except REFUSED as exc:
            record = selectors.visible(request.user, register.model, pk)
            return _detail(
                request, register, record, error=exc, failed="revise", values=request.POST, status=exc.status_code
            )
        messages.success(request, _("已修改。"))
        return redirect(f"capacity:{key}-detail", pk=pk)
    return _detail(request, register, record)


@login_required
@require_POST
def register_remove(request, key, pk):
    register = registers.REGISTERS[key]
    record = selectors.visible(request.user, register.model, pk)
    try:
        services.remove(record, actor=request.user)
    except REFUSED as exc:
        return _detail(request, register, record, error=exc, failed="remove", status=exc.status_code)
    messages.success(request, _("已删除。"))
    return redirect(f"capacity:{key}")


def _attach(request, record, page, detail: str):
    """Upload a file onto `record`; a refusal shows `page` with the message above the upload form."""
    try:
        services.attach(record, request.FILES.get("file"), actor=request.user)
    except REFUSED as exc:
        return page(failed="attach", error=exc, status=exc.status_code)
    messages.success(request, _("已上传。"))
    return redirect(detail, pk=record.pk)


@login_required
@require_POST
def register_attach(request, key, pk):
    register = registers.REGISTERS[key]
    record = selectors.visible(request.user, register.model, pk)
    return _attach(
        request, record, lambda **state: _detail(request, register, record, **state), f"capacity:{key}-detail"
    )


# --- work points and the 普法责任清单 ----------------------------------------------------------------


def _yearly_list(request, template: str, found):
    filters = _filters(request)
    return render(
        request,
        f"capacity/{template}.html",
        _common(request, page=Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")), filters=filters),
    )


@login_required
@require_GET
def work_points_list(request):
    filters = _filters(request)
    return _yearly_list(request, "work_points_list", selectors.work_points(request.user, **filters))


@login_required
@require_GET
def duty_lists(request):
    filters = _filters(request)
    return _yearly_list(request, "duty_lists", selectors.duty_lists(request.user, **filters))


def _yearly_new(request, template: str, create, detail: str, fields=()):
    values, error = {"year": timezone.localdate().year}, None
    if request.method == "POST":
        try:
            record = create(
                actor=request.user,
                body=request.POST.get("body"),
                year=request.POST.get("year"),
                **{name: request.POST.get(name) for name in fields},
            )
        except REFUSED as exc:
            values, error = request.POST, exc
        else:
            messages.success(request, _("已创建。"))
            return redirect(detail, pk=record.pk)
    bodies = services.recordable_bodies(request.user)
    return render(
        request,
        f"capacity/{template}.html",
        _common(
            request,
            values=values,
            error=error,
            bodies=bodies,
            chosen=str(values.get("body") or (bodies[0].pk if len(bodies) == 1 else "")),
        ),
        status=error.status_code if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_points_new(request):
    return _yearly_new(
        request, "work_points_new", services.create_work_points, "capacity:work-points-detail", ("title", "goals")
    )


@login_required
@require_http_methods(["GET", "POST"])
def duty_list_new(request):
    return _yearly_new(request, "duty_list_new", services.create_duty_list, "capacity:duty-list-detail")


def _work_points_page(request, plan, *, failed="", error=None, status=200):
    return render(
        request,
        "capacity/work_points_detail.html",
        _common(
            request,
            plan=plan,
            measures=plan.measures.prefetch_related("progress"),
            attachments=attachment_services.attachments_of(plan),
            actions=workflow.actions(workflow.WORK_POINTS, plan, request.user),
            may_attach=workflow.allowed(plan, request.user, "change"),
            accept=attachment_services.ACCEPT_ATTRIBUTE,
            adopt_due=selectors.settings().work_points_due(plan.year),
            assess_due=selectors.settings().duty_report_due(plan.year),
            today=timezone.localdate(),
            failed=failed,
            error=error,
        ),
        status=status,
    )


@login_required
@require_GET
def work_points_detail(request, pk):
    return _work_points_page(request, selectors.visible(request.user, WorkPoints, pk))


def _step(request, pk, step, *, model, steps, run, page, detail):
    record = selectors.visible(request.user, model, pk)
    if step not in steps:
        raise NotFound()
    try:
        run(record, step)
    except REFUSED as exc:
        return page(request, selectors.visible(request.user, model, pk), failed=step, error=exc, status=exc.status_code)
    messages.success(request, _("已办理。"))
    return redirect(detail, pk=pk)


@login_required
@require_POST
def work_points_step(request, pk, step):
    return _step(
        request,
        pk,
        step,
        model=WorkPoints,
        steps=workflow.WORK_POINTS_STEPS,
        run=lambda plan, name: services.run_work_points_step(
            plan, name, actor=request.user, data=request.POST, file=request.FILES.get("file")
        ),
        page=_work_points_page,
        detail="capacity:work-points-detail",
    )


@login_required
@require_POST
def work_points_attach(request, pk):
    plan = selectors.visible(request.user, WorkPoints, pk)
    return _attach(
        request, plan, lambda **state: _work_points_page(request, plan, **state), "capacity:work-points-detail"
    )


def _duty_list_page(request, duty_list, *, failed="", error=None, status=200):
    return render(
        request,
        "capacity/duty_list_detail.html",
        _common(
            request,
            duty_list=duty_list,
            items=selectors.items_with_activities(duty_list),
            actions=workflow.actions(workflow.DUTY_LIST, duty_list, request.user),
            today=timezone.localdate(),
            failed=failed,
            error=error,
        ),
        status=status,
    )


@login_required
@require_GET
def duty_list_detail(request, pk):
    return _duty_list_page(request, selectors.visible(request.user, DutyList, pk))


@login_required
@require_POST
def duty_list_step(request, pk, step):
    return _step(
        request,
        pk,
        step,
        model=DutyList,
        steps=workflow.DUTY_LIST_STEPS,
        run=lambda duty_list, name: services.run_duty_list_step(duty_list, name, actor=request.user, data=request.POST),
        page=_duty_list_page,
        detail="capacity:duty-list-detail",
    )


# --- the portal -----------------------------------------------------------------------------------


@require_GET
def public_duty_lists(request):
    """普法责任清单 as published: each body's list for a year, with its items."""
    filters = _filters(request)
    found = selectors.published_duty_lists(**filters)
    return render(
        request,
        "capacity/public_duty_lists.html",
        {
            "page": Paginator(found, 20).get_page(request.GET.get("page")),
            "filters": filters,
            "years": selectors.years(),
            "self_url": reverse("capacity:public-duty-lists"),
        },
    )


@require_GET
def public_duty_list(request, pk):
    return render(request, "capacity/public_duty_list.html", {"duty_list": selectors.published_duty_list(pk)})
