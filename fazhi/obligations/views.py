"""The compliance board's pages (thin): the board of every body in sight, a body's own board, and a
cell's evidence (a fragment for htmx, or a page of its own).

Every page reads the daily snapshot the request asks for (`year`, `date`; the latest by default)
through `selectors`, which start from the user's scope: the office sees its subtree, a body only
itself, another body's id is a 404, and an unknown filter a 400 in Chinese.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from fazhi.core.choices import EvaluationGroup
from fazhi.obligations import selectors
from fazhi.obligations.choices import STATUS_CODES, BoardStatus, ObligationKind


def _common(request, snapshot, filters) -> dict:
    return {
        "snapshot": snapshot,
        "filters": filters,
        "query": filters.query(),
        "groups": [(key, EvaluationGroup(value).label) for key, value in selectors.GROUPS.items()],
        "chapters": selectors.chapters(),
        "kinds": ObligationKind.choices,
        "years": selectors.snapshot_years(),
        "days": selectors.snapshot_days(snapshot.year) if snapshot else [],
        "statuses": [(status.value, STATUS_CODES[status], status.label) for status in BoardStatus],
    }


def _body_links(bodies: list[dict], snapshot) -> list[str]:
    """Each body's own board at this snapshot, from one `reverse()` for all (the board lists 1,000)."""
    head, tail = reverse("obligations:body-board", args=[0]).rsplit("/0/", 1)
    query = urlencode({"year": snapshot.year, "date": snapshot.as_of.isoformat()})
    return [f"{head}/{body['id']}/{tail}?{query}" for body in bodies]


@login_required
@require_GET
def board(request):
    """依法行政合规看板: bodies × articles from the day's snapshot, the city's deadlines, the trend."""
    filters = selectors.clean_filters(request.GET)
    snapshot = selectors.snapshot_for(request.GET)
    context = _common(request, snapshot, filters)
    if snapshot is not None:
        data = selectors.board(request.user, snapshot, filters)
        context.update(
            board=data,
            rows=list(zip(data["bodies"], _body_links(data["bodies"], snapshot), data["not_met_by_body"], strict=True)),
            chart=selectors.chart_data(data),
            trend=selectors.trend(request.user, snapshot, filters),
        )
    context["deadlines"] = selectors.deadlines(request.user)
    return render(request, "obligations/board.html", context)


@login_required
@require_GET
def body_board(request, pk):
    """A body's own board: its row by chapter, its open deadlines, its trend."""
    body = selectors.visible_body(request.user, pk)
    filters = selectors.clean_filters(request.GET, by_group=False)
    snapshot = selectors.snapshot_for(request.GET)
    context = {**_common(request, snapshot, filters), "body": body}
    if snapshot is not None:
        context.update(
            row=selectors.body_row(request.user, body, snapshot, filters),
            trend=selectors.trend(request.user, snapshot, filters, body=body),
        )
    context["deadlines"] = selectors.deadlines(request.user, body=body)
    return render(request, "obligations/body.html", context)


@login_required
@require_GET
def evidence(request, pk):
    """A cell: the article's finding for the body on the snapshot's day, with its records."""
    body = selectors.visible_body(request.user, pk)
    obligation = selectors.clean_article(request.GET.get("article"))
    snapshot = selectors.snapshot_for(request.GET)
    if snapshot is None:
        context = {"body": body, "obligation": obligation, "snapshot": None}
    else:
        context = selectors.cell(request.user, body, obligation, snapshot)
    template = "obligations/_evidence.html" if request.headers.get("HX-Request") else "obligations/evidence.html"
    return render(request, template, context)
