"""Office pages of the yearly decision catalogs, and the public catalogs on the portal (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may, require
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.decisions import catalogs
from fazhi.decisions.catalog_forms import CatalogItemForm
from fazhi.decisions.choices import CatalogStatus
from fazhi.decisions.models import DecisionCatalog

PAGE_SIZE = 50


def _catalog(user, pk) -> DecisionCatalog:
    catalog = catalogs.office_catalogs(user).filter(pk=pk).first()
    if catalog is None:
        raise NotFound()
    return catalog


def _units(catalog):
    return Body.objects.current().filter(tree_path__startswith=catalog.body.tree_path).order_by("tree_path")


# --- office ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def catalog_list(request):
    """The catalogs of the bodies the user sees; a deciding body's staff start next year's here."""
    bodies = (
        Body.objects.restrict(request.user, "change")
        .current()
        .filter(kind__in=catalogs.DECIDING_KINDS)
        .order_by("tree_path")
    )
    if request.method == "POST":
        body = bodies.filter(pk=request.POST.get("body") if (request.POST.get("body") or "").isdigit() else 0).first()
        if body is None:
            raise NotFound()
        catalog = catalogs.create_catalog(actor=request.user, body=body, year=request.POST.get("year"))
        messages.success(request, _("目录已创建，请增加决策事项。"))
        return redirect("decisions:catalog-detail", pk=catalog.pk)
    page = Paginator(catalogs.office_catalogs(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/catalog_list.html",
        {"page": page, "bodies": bodies, "year": timezone.localdate().year},
    )


def _detail(request, catalog, *, item_form=None, failed=None, error=None, status=200):
    can_edit = catalog.status == CatalogStatus.DRAFT and may(request.user, "change", catalog.body)
    return render(
        request,
        "decisions/catalog_detail.html",
        {
            "catalog": catalog,
            "items": catalog.items.all(),
            "actions": catalogs.actions(catalog, request.user),
            "can_edit": can_edit,
            "item_form": item_form or (CatalogItemForm(units=_units(catalog)) if can_edit else None),
            "failed": failed,
            "error": error,
            "posted": request.POST if failed else {},
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def catalog_detail(request, pk):
    return _detail(request, _catalog(request.user, pk))


@login_required
@require_POST
def catalog_action(request, pk, transition):
    """Add a matter, or take a step (agree, publish, reopen); a refusal is shown on the page."""
    catalog = _catalog(request.user, pk)
    data = request.POST
    if transition == "add_item":
        require(request.user, "change", catalog.body, _("编制年度重大行政决策事项目录"))
        form = CatalogItemForm(data, units=_units(catalog))
        if not form.is_valid():
            return _detail(request, catalog, item_form=form, status=400)
        try:
            catalogs.add_item(catalog, actor=request.user, **form.cleaned_data)
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            return _detail(request, catalog, item_form=form, status=exc.status_code)
        messages.success(request, _("已增加决策事项。"))
        return redirect("decisions:catalog-detail", pk=catalog.pk)
    steps = {
        "agree": lambda: catalogs.record_agreement(
            catalog, actor=request.user, agreed_on=data.get("agreed_on"), agreement=data.get("agreement")
        ),
        "publish": lambda: catalogs.publish(catalog, actor=request.user, published_on=data.get("published_on")),
        "reopen": lambda: catalogs.reopen(catalog, actor=request.user),
    }
    if transition not in steps:
        raise NotFound()
    try:
        done = steps[transition]()
    except (InvalidInput, Conflict) as exc:
        return _detail(request, catalog, failed=transition, error=exc, status=exc.status_code)
    messages.success(request, _("已办理：目录现为“%(status)s”。") % {"status": done.get_status_display()})
    return redirect("decisions:catalog-detail", pk=catalog.pk)


def _item(user, pk):
    item = catalogs.office_items(user).filter(pk=pk).first()
    if item is None:
        raise NotFound()
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request.user, pk)
    catalog = item.catalog
    form = CatalogItemForm(request.POST or None, units=_units(catalog), item=item)
    status = 200
    if request.method == "POST":
        require(request.user, "change", catalog.body, _("编制年度重大行政决策事项目录"))
        status = 400
        if form.is_valid():
            try:
                catalogs.change_item(item, actor=request.user, **form.cleaned_data)
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("决策事项已保存。"))
                return redirect("decisions:catalog-detail", pk=catalog.pk)
    return render(request, "decisions/catalog_item_form.html", {"item": item, "form": form}, status=status)


@login_required
@require_POST
def item_remove(request, pk):
    item = _item(request.user, pk)
    catalog = item.catalog
    catalogs.remove_item(item, actor=request.user)
    messages.success(request, _("已从目录中删除“%(title)s”。") % {"title": item.title})
    return redirect("decisions:catalog-detail", pk=catalog.pk)


# --- portal ---------------------------------------------------------------------------------


@require_GET
def public_catalog_list(request):
    """Published catalogs by body and year; nothing else is public."""
    published = DecisionCatalog.objects.published()
    bodies = Body.objects.filter(pk__in=published.values("body")).order_by("tree_path")
    years = sorted(set(published.values_list("year", flat=True)), reverse=True)
    body_text, year_text = request.GET.get("body", ""), request.GET.get("year", "")
    body_id = int(body_text) if body_text.isdigit() and len(body_text) <= 9 else None
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    found = catalogs.public_catalogs(year=year)
    if body_id is not None:
        found = found.filter(body_id=body_id)
    body = next((candidate for candidate in bodies if candidate.pk == body_id), None)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/public_catalog_list.html",
        {"page": page, "bodies": bodies, "years": years, "body": body, "year": year},
    )


@require_GET
def public_catalog_detail(request, pk):
    catalog = catalogs.public_catalogs().filter(pk=pk).first()
    if catalog is None:
        raise NotFound()
    return render(request, "decisions/public_catalog_detail.html", {"catalog": catalog, "items": catalog.items.all()})
