"""Office pages for compiling and publishing power lists, and the public pages (thin).

Every record is found through `restrict()` (office) or `public()` (portal); the services decide
the rest. A refused form is shown again with the service's message and status 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may, scope_body_ids
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.powers import selectors, services, workflow
from fazhi.powers.choices import VersionStatus
from fazhi.powers.forms import DraftForm, PowerForm
from fazhi.powers.models import LawArticle, Power, PowerListVersion


def _visible(model, user, pk, action="view"):
    record = model.objects.restrict(user, action).select_related("body").filter(pk=pk).first()
    if record is None:
        raise NotFound()
    return record


# --- office --------------------------------------------------------------------------------


def _startable_bodies(user):
    """Bodies where the user may compile a list and no draft is open: a new version starts there."""
    drafting = PowerListVersion.objects.filter(status=VersionStatus.DRAFT).values("body")
    bodies = Body.objects.filter(valid_to__isnull=True).exclude(pk__in=drafting).order_by("tree_path")
    if not user.is_superuser:
        bodies = bodies.filter(pk__in=scope_body_ids(user, "change"))
    return bodies


@login_required
@require_GET
def office_list(request):
    versions = (
        PowerListVersion.objects.restrict(request.user)
        .exclude(status=VersionStatus.DISCARDED)
        .select_related("body")
        .order_by("body__tree_path", "-number")[:500]
    )
    return render(
        request,
        "powers/office_list.html",
        {"versions": versions, "startable": _startable_bodies(request.user)[:500], "form": DraftForm()},
    )


@login_required
@require_POST
def draft_start(request):
    """Open the next version of a body's list (the body's id is in the form, checked by the service)."""
    raw = request.POST.get("body", "")
    body = Body.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if body is None or not may(request.user, "view", body):
        raise NotFound()
    version = services.open_draft(
        body, actor=request.user, reason_kind=request.POST.get("reason_kind"), reason=request.POST.get("reason")
    )
    messages.success(request, _("已开始编制第%(n)d版。") % {"n": version.number})
    return redirect("powers:version-detail", pk=version.pk)


@login_required
@require_GET
def version_detail(request, pk):
    version = _visible(PowerListVersion, request.user, pk)
    powers = selectors.powers_of(version)
    comparison = selectors.compare(version.based_on, version) if version.based_on_id else None
    can_change = version.is_draft and may(request.user, "change", version.body)
    can_adjust = (
        version.status == VersionStatus.PUBLISHED
        and may(request.user, "change", version.body)
        and services.draft_version(version.body) is None
    )
    return render(
        request,
        "powers/version_detail.html",
        {
            "version": version,
            "powers": powers,
            "comparison": comparison,
            "can_change": can_change,
            "can_adjust": can_adjust,
            "draft_form": DraftForm(),
            "transitions": workflow.available(version, request.user),
        },
    )


def _power_page(request, version, form, *, power=None, status=200):
    return render(request, "powers/power_form.html", {"version": version, "form": form, "power": power}, status=status)


def _refused(form, exc: InvalidInput) -> None:
    for name, problems in (exc.errors or {"__all__": [exc.detail]}).items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


@login_required
@require_http_methods(["GET", "POST"])
def power_add(request, pk):
    version = _visible(PowerListVersion, request.user, pk, "change")
    if not version.is_draft:
        raise NotFound()
    if request.method != "POST":
        return _power_page(request, version, PowerForm())
    form = PowerForm(request.POST)
    try:
        services.add_power(version.body, actor=request.user, **{name: request.POST.get(name) for name in form.fields})
    except InvalidInput as exc:
        _refused(form, exc)
        return _power_page(request, version, form, status=400)
    messages.success(request, _("已添加事项。"))
    return redirect("powers:version-detail", pk=version.pk)


@login_required
@require_http_methods(["GET", "POST"])
def power_edit(request, pk):
    power = _visible(Power, request.user, pk, "change")
    if not power.version.is_draft:
        raise NotFound()
    if request.method != "POST":
        initial = {name: getattr(power, name) for name in services.POWER_FIELDS if name != "bases"}
        initial["bases"] = "\n".join(str(basis) for basis in power.bases.all())
        return _power_page(request, power.version, PowerForm(initial=initial), power=power)
    form = PowerForm(request.POST)
    try:
        services.update_power(power, actor=request.user, **{name: request.POST.get(name) for name in form.fields})
    except InvalidInput as exc:
        _refused(form, exc)
        return _power_page(request, power.version, form, power=power, status=400)
    messages.success(request, _("已修改事项。"))
    return redirect("powers:version-detail", pk=power.version_id)


@login_required
@require_POST
def power_remove(request, pk):
    power = _visible(Power, request.user, pk, "change")
    if not power.version.is_draft:
        raise NotFound()
    draft = services.remove_power(power, actor=request.user)
    messages.success(request, _("已删除事项。"))
    return redirect("powers:version-detail", pk=draft.pk)


_ACTIONS = {
    "publish": services.publish_version,
    "publish_by_office": services.publish_version,
    "discard": services.discard_draft,
}


@login_required
@require_POST
def version_transition(request, pk, transition):
    version = _visible(PowerListVersion, request.user, pk)
    run = _ACTIONS.get(transition)
    if run is None:
        raise NotFound()
    version = run(version, actor=request.user)
    messages.success(
        request,
        _("已办理：第%(n)d版现为“%(status)s”。") % {"n": version.number, "status": version.get_status_display()},
    )
    return redirect("powers:version-detail", pk=version.pk)


# --- public --------------------------------------------------------------------------------


@require_GET
def public_list(request):
    return render(request, "powers/portal/list.html", {"bodies": selectors.bodies_with_lists()[:500]})


def _public_body(pk):
    version = selectors.public_versions().filter(body_id=pk, status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise NotFound()
    return version


@require_GET
def public_body(request, pk):
    """A body's current list, its version history and the form to compare any two versions."""
    version = _public_body(pk)
    powers = selectors.powers_of(version)
    history = list(selectors.history_of(version.body))
    return render(
        request,
        "powers/portal/body.html",
        {
            "version": version,
            "powers": powers,
            "counts": selectors.category_counts(powers),
            "history": history,
            "comparison": selectors.compare(history[1], history[0]) if len(history) > 1 else None,
        },
    )


def _version_number(request, name: str, history: list) -> PowerListVersion:
    value = request.GET.get(name, "")
    match = next((item for item in history if str(item.pk) == value), None)
    if match is None:
        raise InvalidInput(_("请选择本单位已发布的两个版本进行比较。"), errors={name: [_("版本不存在。")]})
    return match


@require_GET
def public_compare(request, pk):
    """Two published versions of a body's list side by side; htmx swaps in the table alone."""
    version = _public_body(pk)
    history = list(selectors.history_of(version.body))
    comparison = selectors.compare(_version_number(request, "from", history), _version_number(request, "to", history))
    template = "powers/_comparison.html" if request.headers.get("HX-Request") else "powers/portal/compare.html"
    return render(request, template, {"version": version, "history": history, "comparison": comparison})


@require_GET
def public_version(request, pk):
    version = selectors.public_versions().filter(pk=pk).first()
    if version is None:
        raise NotFound()
    return render(
        request,
        "powers/portal/version.html",
        {
            "version": version,
            "powers": selectors.powers_of(version),
            "history": list(selectors.history_of(version.body)),
        },
    )


@require_GET
def law_article(request, pk):
    """The text of a cited article, with the law's title and dates: laws are public."""
    article = LawArticle.objects.select_related("law").filter(pk=pk).first()
    if article is None:
        raise NotFound()
    return render(request, "powers/portal/law_article.html", {"article": article, "law": article.law})
