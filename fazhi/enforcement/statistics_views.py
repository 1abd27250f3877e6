"""The yearly enforcement statistics page and its Excel export (seed art. 25), for the bodies in the
user's scope: a leading group office sees the city, a body itself."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core.access import scope_body_ids
from fazhi.core.models import Body
from fazhi.enforcement import statistics
from fazhi.enforcement.choices import PenaltyKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    text = request.GET.get("year", "")
    today = timezone.localdate()
    return int(text) if text.isdigit() and len(text) == 4 and 2000 <= int(text) <= today.year else today.year


def _figures(request, year: int):
    """The bodies whose records the user sees (the body tree itself is public, its cases are not)."""
    scope = scope_body_ids(request.user, "view")
    bodies = Body.objects.filter(is_enforcement_agency=True)
    if not request.user.is_superuser:
        bodies = bodies.filter(pk__in=scope)
    return statistics.yearly(year, list(bodies.values_list("pk", flat=True)))


@login_required
@require_GET
def statistics_page(request):
    year = _year(request)
    figures = _figures(request, year)
    total = statistics.totals(figures)
    kinds = [(kind.value, str(kind.label)) for kind in PenaltyKind if kind.value in total.by_kind]
    chart = {
        "bodies": [item.name for item in figures],
        "decided": [item.decided for item in figures],
        "not_penalised": [item.not_penalised for item in figures],
        "transferred": [item.transferred for item in figures],
        "kinds": [{"name": label, "value": total.by_kind[value]} for value, label in kinds],
        "labels": {
            "decided": _("作出处罚决定"),
            "not_penalised": _("不予处罚"),
            "transferred": _("移送司法机关"),
        },
    }
    rows = [(item, [item.by_kind.get(value, 0) for value, _label in kinds]) for item in figures]
    return render(
        request,
        "enforcement/statistics.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "rows": rows,
            "total": (total, [total.by_kind.get(value, 0) for value, _label in kinds]),
            "kinds": kinds,
            "chart": chart,
        },
    )


@login_required
@require_GET
def statistics_export(request):
    year = _year(request)
    content = statistics.workbook(year, _figures(request, year))
    response = HttpResponse(content, content_type=XLSX)
    name = _("%(year)s年行政处罚统计.xlsx") % {"year": year}
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
