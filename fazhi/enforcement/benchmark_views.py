"""Office pages of discretion benchmarks, the legal-review catalog and enforcement settings, and the
published benchmarks on the portal (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may, require
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.enforcement import benchmarks, publicity, selectors
from fazhi.enforcement.choices import BenchmarkStatus
from fazhi.enforcement.forms import BandForm, BenchmarkForm, EntryForm, SettingsForm
from fazhi.enforcement.models import Benchmark, BenchmarkBand, EnforcementSettings, ReviewCatalogEntry

PAGE_SIZE = 50


def _bodies(user, action: str):
    return Body.objects.restrict(user, action).current().filter(is_enforcement_agency=True).order_by("tree_path")


def _posted_body(request, bodies):
    text = request.POST.get("body") or ""
    body = bodies.filter(pk=int(text)).first() if text.isdigit() and len(text) <= 9 else None
    if body is None:
        raise NotFound()
    return body


def _chosen_body(request):
    text = request.GET.get("body", "")
    return int(text) if text.isdigit() and len(text) <= 9 else None


# --- benchmarks ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_list(request):
    """The benchmarks of the bodies the user sees, by status; staff draft new ones here."""
    bodies = _bodies(request.user, "change")
    form = BenchmarkForm(request.POST or None, bodies=bodies)
    status = 200
    if request.method == "POST":
        body = _posted_body(request, bodies)
        status = 400
        if form.is_valid():
            try:
                benchmark = benchmarks.create_benchmark(actor=request.user, body=body, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("裁量基准已创建，请增加裁量阶次。"))
                return redirect("enforcement:benchmark-detail", pk=benchmark.pk)
    found = Benchmark.objects.restrict(request.user).select_related("body").annotate(band_count=Count("bands"))
    body_id = _chosen_body(request)
    if body_id is not None:
        found = found.filter(body_id=body_id)
    chosen_status = request.GET.get("status", "")
    if chosen_status in BenchmarkStatus.values:
        found = found.filter(status=chosen_status)
    page = Paginator(found.order_by("body__tree_path", "code", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/benchmark_list.html",
        {
            "page": page,
            "form": form if bodies.exists() else None,
            "statuses": BenchmarkStatus.choices,
            "chosen_status": chosen_status,
            "chosen": Body.objects.filter(pk=body_id).first() if body_id else None,
        },
        status=status,
    )


def _benchmark(user, pk) -> Benchmark:
    benchmark = Benchmark.objects.restrict(user).select_related("body", "replaces", "reviewed_by").filter(pk=pk).first()
    if benchmark is None:
        raise NotFound()
    return benchmark


def _detail(request, benchmark, *, form=None, band_form=None, failed=None, error=None, status=200):
    can_edit = benchmark.status == BenchmarkStatus.DRAFT and may(request.user, "change", benchmark.body)
    return render(
        request,
        "enforcement/benchmark_detail.html",
        {
            "benchmark": benchmark,
            "bands": benchmark.bands.order_by("order"),
            "replaced_by": Benchmark.objects.filter(replaces=benchmark).first(),
            "actions": benchmarks.actions(benchmark, request.user),
            "can_edit": can_edit,
            "can_version": benchmark.status == BenchmarkStatus.PUBLISHED
            and may(request.user, "change", benchmark.body),
            "form": form or (BenchmarkForm(benchmark=benchmark) if can_edit else None),
            "band_form": band_form or (BandForm(prefix="band") if can_edit else None),
            "failed": failed,
            "error": error,
            "posted": request.POST if failed else {},
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def benchmark_detail(request, pk):
    return _detail(request, _benchmark(request.user, pk))


@login_required
@require_POST
def benchmark_action(request, pk, step):
    """Change the draft, add a band, start a new version, discard, or take a step of the workflow."""
    benchmark = _benchmark(request.user, pk)
    data = request.POST
    if step in ("edit", "add_band", "new_version", "discard"):
        require(request.user, "change", benchmark.body, _(benchmarks.BENCHMARK_LABEL))
    if step == "edit":
        form = BenchmarkForm(data, benchmark=benchmark)
        if not form.is_valid():
            return _detail(request, benchmark, form=form, status=400)
        try:
            benchmarks.change_benchmark(benchmark, actor=request.user, **form.service_data())
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            return _detail(request, benchmark, form=form, status=exc.status_code)
        messages.success(request, _("已保存。"))
        return redirect("enforcement:benchmark-detail", pk=benchmark.pk)
    if step == "add_band":
        form = BandForm(data, prefix="band")
        if not form.is_valid():
            return _detail(request, benchmark, band_form=form, status=400)
        try:
            benchmarks.add_band(benchmark, actor=request.user, **form.service_data())
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            return _detail(request, benchmark, band_form=form, status=exc.status_code)
        messages.success(request, _("已增加裁量阶次。"))
        return redirect("enforcement:benchmark-detail", pk=benchmark.pk)
    if step == "discard":
        benchmarks.discard_benchmark(benchmark, actor=request.user)
        messages.success(request, _("已删除裁量基准草稿。"))
        return redirect("enforcement:benchmark-list")
    steps = {
        "new_version": lambda: benchmarks.new_version(benchmark, actor=request.user),
        "review": lambda: benchmarks.review(benchmark, actor=request.user, reviewed_on=data.get("reviewed_on")),
        "publish": lambda: benchmarks.publish(benchmark, actor=request.user, published_on=data.get("published_on")),
        "reopen": lambda: benchmarks.reopen(benchmark, actor=request.user),
    }
    if step not in steps:
        raise NotFound()
    try:
        done = steps[step]()
    except (InvalidInput, Conflict) as exc:
        return _detail(request, benchmark, failed=step, error=exc, status=exc.status_code)
    messages.success(request, _("已办理：裁量基准现为“%(status)s”。") % {"status": done.get_status_display()})
    return redirect("enforcement:benchmark-detail", pk=done.pk)


def _band(user, pk) -> BenchmarkBand:
    band = (
        BenchmarkBand.objects.filter(benchmark__in=Benchmark.objects.restrict(user))
        .select_related("benchmark", "benchmark__body")
        .filter(pk=pk)
        .first()
    )
    if band is None:
        raise NotFound()
    return band


@login_required
@require_http_methods(["GET", "POST"])
def band_edit(request, pk):
    band = _band(request.user, pk)
    benchmark = band.benchmark
    form = BandForm(request.POST or None, band=band)
    status = 200
    if request.method == "POST":
        require(request.user, "change", benchmark.body, _(benchmarks.BENCHMARK_LABEL))
        status = 400
        if form.is_valid():
            try:
                benchmarks.change_band(band, actor=request.user, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("裁量阶次已保存。"))
                return redirect("enforcement:benchmark-detail", pk=benchmark.pk)
    return render(request, "enforcement/benchmark_band_form.html", {"band": band, "form": form}, status=status)


@login_required
@require_POST
def band_remove(request, pk):
    band = _band(request.user, pk)
    benchmarks.remove_band(band, actor=request.user)
    messages.success(request, _("已删除裁量阶次“%(label)s”。") % {"label": band.label})
    return redirect("enforcement:benchmark-detail", pk=band.benchmark_id)


# --- the legal-review catalog -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def review_catalog(request):
    """The catalogs of the bodies the user sees, by body: entries to publish and those published."""
    bodies = _bodies(request.user, "change")
    form = EntryForm(request.POST or None, bodies=bodies)
    status = 200
    if request.method == "POST":
        body = _posted_body(request, bodies)
        status = 400
        if form.is_valid():
            try:
                benchmarks.add_entry(actor=request.user, body=body, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已增加目录事项，负责人公布后向社会公开。"))
                return redirect(f"{reverse('enforcement:review-catalog')}?body={body.pk}")
    return _catalog_page(request, form=form, status=status)


def _catalog_page(request, *, form, error=None, status=200, body_id=None):
    entries = ReviewCatalogEntry.objects.restrict(request.user).select_related("body")
    body_id = body_id or _chosen_body(request)
    if body_id is not None:
        entries = entries.filter(body_id=body_id)
    page = Paginator(entries.order_by("body__tree_path", "body_id", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.kind_labels = publicity.penalty_kind_labels(entry)
    publishable = _bodies(request.user, "approve").filter(
        pk__in=ReviewCatalogEntry.objects.filter(published_on__isnull=True).values("body")
    )
    return render(
        request,
        "enforcement/benchmark_review_catalog.html",
        {
            "page": page,
            "form": form if form.fields["body"].queryset.exists() else None,
            "publishable": publishable,
            "chosen": Body.objects.filter(pk=body_id).first() if body_id else None,
            "error": error,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_POST
def review_catalog_publish(request):
    """The head publishes the entries of their body not yet published."""
    body = _posted_body(request, Body.objects.current().filter(is_enforcement_agency=True))
    try:
        published = benchmarks.publish_catalog(
            actor=request.user, body=body, published_on=request.POST.get("published_on")
        )
    except (InvalidInput, Conflict) as exc:
        form = EntryForm(bodies=_bodies(request.user, "change"))
        return _catalog_page(request, form=form, error=exc, status=exc.status_code, body_id=body.pk)
    messages.success(request, _("已公布目录事项 %(count)d 项。") % {"count": len(published)})
    return redirect(f"{reverse('enforcement:review-catalog')}?body={body.pk}")


@login_required
@require_POST
def review_entry_remove(request, pk):
    entry = ReviewCatalogEntry.objects.restrict(request.user).select_related("body").filter(pk=pk).first()
    if entry is None:
        raise NotFound()
    benchmarks.remove_entry(entry, actor=request.user)
    messages.success(request, _("已删除目录事项“%(matter)s”。") % {"matter": entry.matter})
    return redirect(f"{reverse('enforcement:review-catalog')}?body={entry.body_id}")


# --- settings ---------------------------------------------------------------------------------


@login_required
@require_GET
def settings_list(request):
    """The enforcement bodies the user may configure, with their settings (saved or default)."""
    bodies = list(
        Body.objects.current()
        .filter(is_enforcement_agency=True)
        .filter(pk__in=_configurable_ids(request.user))
        .order_by("tree_path")
    )
    saved = {item.body_id: item for item in EnforcementSettings.objects.filter(body__in=bodies)}
    rows = [(body, saved.get(body.pk) or selectors.settings_of(body), body.pk in saved) for body in bodies]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "enforcement/benchmark_settings_list.html", {"page": page})


def _configurable_ids(user) -> set[int]:
    ids = set(_bodies(user, "approve").values_list("pk", flat=True))
    return ids | set(_bodies(user, "manage_bodies").values_list("pk", flat=True))


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request, pk):
    body = Body.objects.current().filter(is_enforcement_agency=True, pk=pk).first()
    if body is None or not benchmarks.may_configure(request.user, body):
        raise NotFound()
    current = selectors.settings_of(body)
    form = SettingsForm(request.POST or None, settings=current, periods=benchmarks.decision_periods())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                benchmarks.save_settings(body, actor=request.user, **form.cleaned_data)
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("%(body)s的执法配置已保存。") % {"body": body.name})
                return redirect("enforcement:settings-list")
    return render(
        request,
        "enforcement/benchmark_settings_form.html",
        {"body": body, "form": form, "saved": current.pk is not None},
        status=status,
    )


# --- portal ------------------------------------------------------------------------------------


@require_GET
def public_benchmark_list(request):
    """Published benchmarks by body; nothing else is public."""
    published = Benchmark.objects.published()
    bodies = Body.objects.filter(pk__in=published.values("body")).order_by("tree_path")
    body_id = _chosen_body(request)
    found = selectors.public_benchmarks()
    if body_id is not None:
        found = found.filter(body_id=body_id)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/benchmark_public_list.html",
        {"page": page, "bodies": bodies, "body": next((b for b in bodies if b.pk == body_id), None)},
    )


@require_GET
def public_benchmark_detail(request, pk):
    """A published benchmark with its bands; a superseded one stays readable, pointing to its successor."""
    benchmark = (
        Benchmark.objects.filter(status__in=[BenchmarkStatus.PUBLISHED, BenchmarkStatus.SUPERSEDED])
        .select_related("body")
        .filter(pk=pk)
        .first()
    )
    if benchmark is None:
        raise NotFound()
    successor = Benchmark.objects.published().filter(replaces=benchmark).first()
    return render(
        request,
        "enforcement/benchmark_public_detail.html",
        {"benchmark": benchmark, "bands": benchmark.bands.order_by("order"), "successor": successor},
    )
