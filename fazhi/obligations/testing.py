"""Test helpers for obligation checks: the query count must not grow with the number of bodies.

The board runs every check over every body of the city; a check that queries once per body
turns a page into thousands of queries. `assert_check_queries_bounded` runs a check over a few
bodies and over ten times as many, built by the caller's factory, and fails if the larger run
needs more queries (or more than `max_queries`).

`make_canaries` and `state` serve the URL-scoping walk over the board's pages and API.
"""

import datetime
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.obligations import checks


def count_check_queries(article: int, bodies: list, year: int, as_of: datetime.date) -> int:
    checks.autodiscover()  # importing the checks is not part of what is measured
    with CaptureQueriesContext(connection) as captured:
        checks.run(article, bodies, year, as_of)
    return len(captured.captured_queries)


def assert_check_queries_bounded(
    article: int,
    make_bodies: Callable[[int], list],
    *,
    year: int,
    as_of: datetime.date,
    few: int = 5,
    many: int = 50,
    max_queries: int = 20,
) -> tuple[int, int]:
    """Run the article's check over `few` and `many` bodies from `make_bodies(n)`; returns both counts."""
    small = count_check_queries(article, make_bodies(few), year, as_of)
    large = count_check_queries(article, make_bodies(many), year, as_of)
    assert large <= small, f"第{article}条的检查：{few} 个单位 {small} 次查询，{many} 个单位 {large} 次查询"
    assert large <= max_queries, f"第{article}条的检查需要 {large} 次查询，超过上限 {max_queries}"
    return small, large


def make_canaries(body, markers: dict) -> dict:
    """Today's snapshot, taken by the service, whose finding on art. 38 for `body` is made to carry
    the markers (summary and a failing record) — for the URL-scoping walk: the body's board and its
    cells must answer no one outside its scope."""
    from fazhi.obligations import services
    from fazhi.obligations.models import Finding, Standing

    snapshot = services.take_snapshot(replace=True)
    standing = Standing.objects.get(snapshot=snapshot, body=body)
    Finding.objects.filter(body=body, article=38, digest=standing.digest(38)).update(
        summary=markers["content"],
        failing=[{"model": "core.body", "id": body.pk, "description": markers["subject"]}],
        failing_total=1,
    )
    return {"board": body.pk}


def state() -> dict:
    """What an intruder must not change."""
    from fazhi.obligations.models import Finding, Snapshot, Standing

    return {
        "snapshots": list(Snapshot.objects.order_by("pk").values_list("pk", "finished_at", "runner")),
        "standings": list(Standing.objects.order_by("pk").values_list("pk", "statuses")),
        "findings": Finding.objects.count(),
    }
