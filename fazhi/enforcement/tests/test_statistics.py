"""Yearly statistics by body, penalty kind and outcome, in a fixed number of queries, and in Excel."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.testing import make_body
from fazhi.enforcement import statistics
from fazhi.enforcement.models import Case

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH = D(2025, 3, 1)


def _case(body, status, *, filed_on=MARCH, decided_on=None, kinds=(), fine=None, procedure="ordinary"):
    return Case.objects.create(
        body=body,
        status=status,
        procedure=procedure,
        cause="案由",
        party_kind="organisation",
        party_name="某公司",
        filed_on=filed_on,
        decided_on=decided_on,
        penalty_kinds=list(kinds),
        fine=fine,
    )


def test_figures_per_body_kind_and_outcome(city):
    market, ecology = city["market"], city["ecology"]
    _case(market, "closed", decided_on=D(2025, 4, 1), kinds=["fine", "confiscate_gains"], fine=Decimal("5000"))
    _case(market, "served", decided_on=D(2025, 5, 1), kinds=["warning"])
    _case(market, "executed", decided_on=D(2025, 5, 2), kinds=["fine"], fine=Decimal("200"), procedure="on_the_spot")
    _case(market, "not_penalised", decided_on=D(2025, 6, 1))
    _case(market, "transferred")
    _case(market, "filed")
    _case(market, "closed", filed_on=D(2024, 12, 1), decided_on=D(2025, 1, 10), kinds=["fine"], fine=Decimal("100"))
    _case(ecology, "closed", filed_on=D(2024, 5, 1), decided_on=D(2024, 6, 1), kinds=["fine"], fine=Decimal("9"))
    figures = {item.name: item for item in statistics.yearly(2025)}
    m = figures[market.name]
    assert (m.filed, m.on_the_spot, m.transferred, m.closed, m.open) == (6, 1, 1, 1, 4)
    assert (m.decided, m.not_penalised, m.fines) == (4, 1, Decimal("5300"))
    assert m.by_kind == {"fine": 3, "confiscate_gains": 1, "warning": 1}
    assert ecology.name not in figures, "nothing in 2025"
    total = statistics.totals(list(figures.values()))
    assert total.filed == 6 and total.fines == Decimal("5300")
    book = openpyxl.load_workbook(io.BytesIO(statistics.workbook(2025, list(figures.values()))))
    rows = list(book.active.values)
    assert rows[0][:4] == ("单位", "立案", "其中：简易程序", "作出处罚决定")
    assert rows[1][0] == market.name and rows[1][1] == 6 and rows[-1][0] == "合计"
    assert "罚款" in rows[0] and rows[1][rows[0].index("罚款")] == 3


def test_the_query_count_does_not_grow_with_bodies(city):
    bodies = [make_body(f"执法单位{i}", parent=city["government"], is_enforcement_agency=True) for i in range(20)]
    for body in bodies:
        _case(body, "closed", decided_on=D(2025, 4, 1), kinds=["fine"], fine=Decimal("1"))
    with CaptureQueriesContext(connection) as few:
        statistics.yearly(2025, [body.pk for body in bodies[:2]])
    with CaptureQueriesContext(connection) as many:
        assert len(statistics.yearly(2025)) == 20
    assert len(few) == len(many) <= 3
