"""Hypothesis strategies for what the public and the offices upload: workbooks and CSV files.

A workbook is generated with openpyxl, as a spreadsheet program would save it, with a header
drawn from the importer's own columns (some missing, some repeated, junk among them) and cells
of every type a spreadsheet holds; `corrupted` damages the saved bytes as a bad transfer would.
The importers must answer every one with a report or a Chinese refusal, and change nothing.
"""

import io

import openpyxl
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Database-backed examples: fewer, and fixtures are reused across examples on purpose.
DB_FUZZ = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# Cell text without the control characters XML cannot carry (openpyxl refuses them on writing).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def cells(plausible: list) -> st.SearchStrategy:
    """A cell: empty, text, a number of any size, a date or time, a boolean, or a plausible value."""
    return st.one_of(
        st.none(),
        TEXT,
        st.integers(-(10**15), 10**15),
        st.floats(allow_nan=False, allow_infinity=False),
        st.dates(),
        st.datetimes(),
        st.booleans(),
        st.sampled_from(plausible or [""]),
    )


@st.composite
def workbooks(draw, headers: list[str], plausible: list | None = None, max_rows: int = 8) -> bytes:
    """An .xlsx whose first sheet has a header made from `headers` and rows of generated cells."""
    header = draw(
        st.lists(st.one_of(st.sampled_from(headers), TEXT), min_size=0, max_size=len(headers) + 2)
        | st.permutations(headers).map(list)
    )
    book = openpyxl.Workbook()
    sheet = book.active
    if header:
        sheet.append(header)
    for row in draw(st.lists(st.lists(cells(plausible or []), max_size=len(header) + 1), max_size=max_rows)):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@st.composite
def corrupted(draw, data: bytes) -> bytes:
    """`data` cut short, or with a few bytes overwritten."""
    if draw(st.booleans()):
        return data[: draw(st.integers(0, len(data)))]
    damaged = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        damaged[draw(st.integers(0, len(damaged) - 1))] = draw(st.integers(0, 255))
    return bytes(damaged)
