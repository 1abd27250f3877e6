"""The directory's Excel import: all or nothing, a row-level report, and re-import changes nothing."""

import io

import openpyxl
import pytest

from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.inspections import imports, testing
from fazhi.inspections.models import Entity

pytestmark = pytest.mark.django_db


def _import(body, actor, rows):
    return imports.import_workbook(imports.workbook(rows), actor=actor, body=body, source="名录.xlsx")


def _state(body):
    return list(
        Entity.objects.filter(body=body)
        .order_by("code")
        .values_list("code", "name", "kind", "area", "active", "updated_at")
    )


def test_a_workbook_is_imported_and_importing_it_again_changes_nothing(city, staff):
    market, clerk = city["market"], staff["clerk"]
    rows = testing.entity_rows(30)
    report = _import(market, clerk, rows)
    assert report.ok and (report.created, report.updated, report.unchanged) == (30, 0, 0)
    entity = Entity.objects.get(body=market, code=rows[0]["code"])
    assert (entity.name, entity.kind, entity.area, entity.active) == (
        rows[0]["name"],
        "enterprise",
        rows[0]["area"],
        True,
    )
    assert Entity.objects.filter(body=market, kind="individual").count() == 7  # every fourth row is 个体工商户
    events = AuditEvent.objects.filter(action="inspections.entities_imported").count()
    before = _state(market)

    again = _import(market, clerk, rows)

    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 30)
    assert _state(market) == before
    assert AuditEvent.objects.filter(action="inspections.entities_imported").count() == events


def test_a_changed_row_updates_that_entity_only(city, staff):
    market, clerk = city["market"], staff["clerk"]
    rows = testing.entity_rows(5)
    _import(market, clerk, rows)
    untouched = _state(market)[1:]
    rows[0] = {**rows[0], "name": "江门市改名后商贸有限公司", "active": "否"}
    report = _import(market, clerk, rows)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    changed = Entity.objects.get(body=market, code=rows[0]["code"])
    assert changed.name == "江门市改名后商贸有限公司" and changed.active is False
    assert _state(market)[1:] == untouched
    event = AuditEvent.objects.filter(action="inspections.entities_imported").latest("id")
    assert "江门市改名后商贸有限公司" in event.data and '"updated":1' in event.data


def test_bad_rows_change_nothing_and_are_reported_by_row_and_column(city, staff):
    market, clerk = city["market"], staff["clerk"]
    _import(market, clerk, testing.entity_rows(3))
    before = _state(market)
    rows = testing.entity_rows(6, start=100)
    good = rows[0]["code"]
    rows[1]["code"] = rows[1]["code"][:17] + ("0" if rows[1]["code"][17] != "0" else "1")  # wrong check character
    rows[2]["name"] = ""
    rows[3]["kind"] = "国有独资"
    rows[4]["code"] = good  # twice in one workbook
    rows[5]["active"] = "也许"

    report = _import(market, clerk, rows)

    assert not report.ok and report.created == 0
    found = {(error.row, error.column) for error in report.errors}
    assert found == {(3, "统一社会信用代码"), (4, "名称"), (5, "主体类型"), (6, "统一社会信用代码"), (7, "是否在册")}
    messages = " ".join(error.message for error in report.errors)
    assert "校验码不正确" in messages and "与第2行重复" in messages and "主体类型应为以下之一" in messages
    assert _state(market) == before, "nothing saved, not even the good row"
    assert not Entity.objects.filter(code=good).exists()

    marked = openpyxl.load_workbook(io.BytesIO(imports.error_workbook(imports.workbook(rows), report.errors)))
    sheet = marked[imports.SHEET_TITLE]
    assert sheet.cell(row=1, column=len(imports.COLUMNS) + 1).value == "错误"
    assert "校验码" in sheet.cell(row=3, column=len(imports.COLUMNS) + 1).value


def test_headers_unreadable_files_and_scope(city, staff, people):
    market = city["market"]
    book = openpyxl.Workbook()
    book.active.append(["名称", "电话"])
    data = io.BytesIO()
    book.save(data)
    report = imports.import_workbook(data.getvalue(), actor=staff["clerk"], body=market)
    columns = {error.column for error in report.errors}
    assert {"电话", "统一社会信用代码", "主体类型"} <= columns
    with pytest.raises(InvalidInput, match="无法读取 Excel 文件"):
        imports.import_workbook(b"not a workbook", actor=staff["clerk"], body=market)
    with pytest.raises(NotFound):
        imports.import_workbook(imports.workbook([]), actor=people["ecology_clerk"], body=market)
    template = openpyxl.load_workbook(io.BytesIO(imports.template_workbook()))
    assert [cell.value for cell in template[imports.SHEET_TITLE][1]] == [column.header for column in imports.COLUMNS]
    assert "填写说明" in template.sheetnames
