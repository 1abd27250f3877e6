"""Yearly enforcement statistics (seed art. 25): by body, by penalty kind and by outcome.

A city keeps hundreds of thousands of cases, so every figure is an aggregate the database computes
from two covering indexes — (body, filed_on, …) and (body, decided_on, …) — in two grouped queries
and one for the names, whatever the number of bodies or cases; no case row is read into Python.
`workbook` writes the same figures to Excel for the yearly report.
"""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi.core.models import Body
from fazhi.enforcement.choices import CaseStatus, PenaltyKind, Procedure
from fazhi.enforcement.models import Case

S = CaseStatus
PENALISED = (S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED)


@dataclass
class BodyFigures:
    """One body's year: cases filed, how those decided in the year ended, and what they imposed."""

    body_id: int
    name: str = ""
    filed: int = 0
    on_the_spot: int = 0
    decided: int = 0
    not_penalised: int = 0
    transferred: int = 0
    closed: int = 0
    open: int = 0
    fines: Decimal = Decimal("0")
    confiscated: Decimal = Decimal("0")
    by_kind: dict[str, int] = field(default_factory=dict)


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def yearly(year: int, body_ids: list[int] | None = None) -> list[BodyFigures]:
    """The year's figures per body (all bodies with cases when `body_ids` is None), by name."""
    start, end = _year(year)
    cases = Case.objects.all() if body_ids is None else Case.objects.filter(body__in=body_ids)
    figures: dict[int, BodyFigures] = {}

    def of(body_id: int) -> BodyFigures:
        return figures.setdefault(body_id, BodyFigures(body_id))

    filed = cases.filter(filed_on__gte=start, filed_on__lte=end)
    for row in filed.values("body", "status", "procedure").annotate(total=Count("id")):
        item = of(row["body"])
        item.filed += row["total"]
        if row["procedure"] == Procedure.ON_THE_SPOT:
            item.on_the_spot += row["total"]
        if row["status"] == S.TRANSFERRED:
            item.transferred += row["total"]
        elif row["status"] == S.CLOSED:
            item.closed += row["total"]
        else:
            item.open += row["total"]
    # A case may impose several kinds: group by the list as stored, then count each kind in it.
    decided = cases.filter(decided_on__gte=start, decided_on__lte=end)
    for row in decided.values("body", "status", "penalty_kinds", "no_penalty_ground").annotate(
        total=Count("id"), fines=Sum("fine"), confiscated=Sum("confiscated")
    ):
        item = of(row["body"])
        if row["status"] == S.NOT_PENALISED or row["no_penalty_ground"]:
            item.not_penalised += row["total"]
        elif row["status"] in PENALISED:
            item.decided += row["total"]
            item.fines += row["fines"] or Decimal("0")
            item.confiscated += row["confiscated"] or Decimal("0")
            for kind in row["penalty_kinds"] or []:
                item.by_kind[kind] = item.by_kind.get(kind, 0) + row["total"]
    names = dict(Body.objects.filter(pk__in=list(figures)).values_list("pk", "name"))
    for body_id, item in figures.items():
        item.name = names.get(body_id, "")
    return sorted(figures.values(), key=lambda item: item.name)


def totals(figures: list[BodyFigures]) -> BodyFigures:
    """The sum over bodies (the city's line)."""
    total = BodyFigures(0, name=_("合计"))
    kinds: dict[str, int] = defaultdict(int)
    for item in figures:
        for name in ("filed", "on_the_spot", "decided", "not_penalised", "transferred", "closed", "open"):
            setattr(total, name, getattr(total, name) + getattr(item, name))
        total.fines += item.fines
        total.confiscated += item.confiscated
        for kind, count in item.by_kind.items():
            kinds[kind] += count
    total.by_kind = dict(kinds)
    return total


COLUMNS = [
    ("name", gettext_lazy("单位")),
    ("filed", gettext_lazy("立案")),
    ("on_the_spot", gettext_lazy("其中：简易程序")),
    ("decided", gettext_lazy("作出处罚决定")),
    ("not_penalised", gettext_lazy("不予处罚")),
    ("transferred", gettext_lazy("移送司法机关")),
    ("closed", gettext_lazy("已结案")),
    ("open", gettext_lazy("在办")),
    ("fines", gettext_lazy("罚款金额（元）")),
    ("confiscated", gettext_lazy("没收金额（元）")),
]


def workbook(year: int, figures: list[BodyFigures]) -> bytes:
    """The figures as an .xlsx: one row per body, the city's total, then one column per penalty kind."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("%(year)s年行政处罚统计") % {"year": year}
    kinds = [kind for kind in PenaltyKind if any(kind.value in item.by_kind for item in figures)]
    header = [str(label) for _name, label in COLUMNS] + [str(kind.label) for kind in kinds]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in [*figures, totals(figures)]:
        row = [getattr(item, name) for name, _label in COLUMNS]
        row = [float(value) if isinstance(value, Decimal) else value for value in row]
        sheet.append(row + [item.by_kind.get(kind.value, 0) for kind in kinds])
    sheet.column_dimensions["A"].width = 30
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
