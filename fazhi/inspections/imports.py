"""The entity directory (检查对象名录) from Excel: all or nothing, with a row-level report.

One row per entity (`COLUMNS`, `template_workbook`). Every row is checked with the rules of
`services.entity_values` (the 统一社会信用代码 with its check character, the kind, the lengths); a
code twice in one workbook is an error too. Any bad row and nothing is saved: the report names
row, column and problem in Chinese (`error_workbook` writes it into the workbook as an 错误 column).

A code already in the body's directory updates that entity where a value differs and is left alone
where none does, so importing the same workbook again changes nothing; entities the workbook does
not mention stay as they are (mark one 否 in 是否在册 to take it out of future draws). Tens of
thousands of rows: one query reads the directory, new rows are inserted in batches, changed ones
updated in batches, and one audit event records the import (its file's SHA-256, the counts, the
created codes' digest and each change before and after).
"""

import hashlib
import io
import re
from dataclasses import dataclass, field

import openpyxl
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core import audit, workbooks
from fazhi.core.access import require
from fazhi.core.errors import FazhiError, InvalidInput
from fazhi.core.models import Body
from fazhi.inspections import services
from fazhi.inspections.choices import EntityKind
from fazhi.inspections.models import Entity

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_ROWS = 100_000
BATCH = 2000
SHEET_TITLE = "检查对象名录"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERROR_HEADER = "错误"
AUDITED_CHANGES = 1000


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    help: str
    width: int = 16


COLUMNS = [
    Column("code", "统一社会信用代码", gettext_lazy("必填，18位，含校验码"), 24),
    Column("name", "名称", gettext_lazy("必填，不超过200字"), 36),
    Column("kind", "主体类型", gettext_lazy("企业、个体工商户、农民专业合作社 或 其他"), 14),
    Column("industry", "行业", gettext_lazy("如 食品销售；计划可按行业筛选"), 16),
    Column("area", "所属区域", gettext_lazy("如 蓬江区；计划可按区域筛选"), 12),
    Column("address", "地址", gettext_lazy("住所或经营场所"), 40),
    Column("active", "是否在册", gettext_lazy("是 或 否；不填为是。否：不再参加抽取"), 10),
]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_HEADER_NOTE = re.compile(r"[（(][^）)]*[）)]$")
_TRUE = {"是", "y", "yes", "true", "1", "√", ""}
_FALSE = {"否", "n", "no", "false", "0", "×"}
# What a 主体类型 cell may say: the labels (literal: a workbook does not change language) or the values.
_KINDS = {
    "企业": EntityKind.ENTERPRISE,
    "个体工商户": EntityKind.INDIVIDUAL,
    "个体": EntityKind.INDIVIDUAL,
    "农民专业合作社": EntityKind.COOPERATIVE,
    "合作社": EntityKind.COOPERATIVE,
    "其他": EntityKind.OTHER,
    **{kind.value: kind for kind in EntityKind},
}
COMPARED = ("name", "kind", "industry", "area", "address", "active")


@dataclass(frozen=True)
class RowError:
    """One problem: the row as Excel numbers it, the column's header, the message."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    """Everything saved (`created`, `updated`, `unchanged` counts), or nothing and `errors`."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [error.as_dict() for error in self.errors],
        }


# --- reading ---------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_key(cell) -> str | None:
    text = _HEADER_NOTE.sub("", _text(cell))
    return next((column.key for column in COLUMNS if text == column.header), None)


def _sheet(workbook):
    return workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]


def read_rows(data: bytes) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """The non-empty rows as (Excel row number, {key: cell}), or the header's problems."""
    with workbooks.reading(data, max_bytes=MAX_FILE_BYTES) as workbook:
        rows = _sheet(workbook).iter_rows(values_only=True)
        header = next(rows, None) or ()
        keys, errors = [], []
        for position, cell in enumerate(header, start=1):
            key, text = _header_key(cell), _text(cell)
            if key is None and text and text != ERROR_HEADER:
                errors.append(RowError(1, text, _("未知的列“%(name)s”（第%(n)d列）。") % {"name": text, "n": position}))
            elif key is not None and key in keys:
                errors.append(RowError(1, text, _("列“%(name)s”出现了两次。") % {"name": text}))
            keys.append(key)
        for required in ("code", "name", "kind"):
            if required not in keys:
                header_text = COLUMN_BY_KEY[required].header
                errors.append(RowError(1, header_text, _("缺少“%(name)s”列，请使用导入模板。") % {"name": header_text}))
        if errors:
            return [], errors
        found = []
        for number, row in enumerate(rows, start=2):
            cells = {key: value for key, value in zip(keys, row, strict=False) if key is not None}
            if all(_text(value) == "" for value in cells.values()):
                continue
            if len(found) == MAX_ROWS:
                return [], [RowError(number, "", _("一次最多导入 %(n)d 行。") % {"n": MAX_ROWS})]
            found.append((number, cells))
        return found, []


def clean_row(cells: dict) -> tuple[dict, dict[str, str]]:
    """One row's values as the directory stores them, and its problems by column key."""
    raw = {key: _text(cells.get(key)) for key in COLUMN_BY_KEY}
    problems: dict[str, str] = {}
    kind = raw["kind"]
    raw["kind"] = _KINDS.get(kind, kind)
    active = raw["active"].lower()
    if active in _TRUE:
        raw["active"] = True
    elif active in _FALSE:
        raw["active"] = False
    else:
        problems["active"] = _("“是否在册”应填 是 或 否，不能是“%(value)s”。") % {"value": raw["active"]}
        raw["active"] = True
    values = {}
    for key in COLUMN_BY_KEY:
        try:
            values.update(services.entity_values({key: raw[key]}, partial=True))
        except InvalidInput as exc:
            problems.setdefault(key, str(exc.errors.get(key, [exc.detail])[0]))
    return values, problems


# --- importing -------------------------------------------------------------------------------


def import_workbook(data: bytes, *, actor, body: Body, source: str = "") -> ImportReport:
    """Import every row of a workbook into `body`'s directory, or none; see the module's docstring."""
    require(actor, "change", body, _("导入检查对象名录"))
    if not body.is_enforcement_agency:
        raise InvalidInput(_("%(body)s不是行政执法机关，不开展随机抽查。") % {"body": body.name})
    report = ImportReport()
    rows, report.errors = read_rows(data)
    if report.errors:
        return report
    if not rows:
        report.errors.append(RowError(2, "", _("表格中没有检查对象。")))
        return report
    seen: dict[str, int] = {}
    prepared = []
    for number, cells in rows:
        values, problems = clean_row(cells)
        code = values.get("code")
        if code and "code" not in problems:
            if code in seen:
                problems["code"] = _("统一社会信用代码%(code)s与第%(row)d行重复。") % {"code": code, "row": seen[code]}
            else:
                seen[code] = number
        for key, message in problems.items():
            report.errors.append(RowError(number, COLUMN_BY_KEY[key].header, message))
        prepared.append(values)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            _save(prepared, report, actor=actor, body=body, source=source, sha256=hashlib.sha256(data).hexdigest())
    except (FazhiError, IntegrityError) as exc:
        # Someone added one of these codes meanwhile: nothing of this import was kept.
        report.created = report.updated = report.unchanged = 0
        detail = (
            exc.detail if isinstance(exc, FazhiError) else _("导入期间名录被他人修改，未导入任何检查对象，请重新导入。")
        )
        report.errors.append(RowError(1, "", str(detail)))
    return report


def _save(prepared: list[dict], report: ImportReport, *, actor, body: Body, source: str, sha256: str) -> None:
    existing = {entity.code: entity for entity in Entity.objects.select_for_update().filter(body=body)}
    new, changed, changes = [], [], []
    now = timezone.now()
    for values in prepared:
        entity = existing.get(values["code"])
        if entity is None:
            new.append(Entity(body=body, **values))
            continue
        differing = [name for name in COMPARED if getattr(entity, name) != values[name]]
        if not differing:
            report.unchanged += 1
            continue
        changes.append(
            {
                "code": entity.code,
                "before": {name: getattr(entity, name) for name in differing},
                "after": {name: values[name] for name in differing},
            }
        )
        for name in differing:
            setattr(entity, name, values[name])
        entity.updated_at = now
        changed.append(entity)
    Entity.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        Entity.objects.bulk_update(changed, [*COMPARED, "updated_at"], batch_size=BATCH)
    report.created, report.updated = len(new), len(changed)
    if new or changed:
        created_codes = "\n".join(sorted(entity.code for entity in new))
        audit.record(
            body,
            "inspections.entities_imported",
            actor=actor,
            after={"created": len(new), "updated": len(changed), "unchanged": report.unchanged},
            extra={
                "source": source,
                "sha256": sha256,
                "created_codes_sha256": hashlib.sha256(created_codes.encode()).hexdigest(),
                "changes": changes[:AUDITED_CHANGES],
                "changes_truncated": len(changes) > AUDITED_CHANGES,
            },
        )


# --- workbooks -------------------------------------------------------------------------------


def error_workbook(data: bytes, errors: list[RowError]) -> bytes:
    """The workbook as uploaded with an 错误 column naming each row's problems."""
    workbook = workbooks.load(data, read_only=False, max_bytes=MAX_FILE_BYTES)
    sheet = _sheet(workbook)
    column = next(
        (cell.column for cell in sheet[1] if _text(cell.value) == ERROR_HEADER),
        sheet.max_column + 1,
    )
    sheet.cell(row=1, column=column, value=ERROR_HEADER).font = Font(bold=True, color="C00000")
    by_row: dict[int, list[str]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(f"{error.column}：{error.message}" if error.column else error.message)
    fill = PatternFill("solid", fgColor="FDE9E7")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column, value=None)
    for row, messages in by_row.items():
        cell = sheet.cell(row=max(row, 1), column=column, value="；".join(messages))
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 60
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def workbook(rows: list[dict]) -> bytes:
    """A workbook in the template's shape holding `rows` ({column key: value}); the demo builds its own."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for position, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(position)].width = column.width
    for row in rows:
        sheet.append([row.get(column.key, "") for column in COLUMNS])
    sheet.freeze_panes = "A2"
    return _saved(book)


def _saved(book) -> bytes:
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def template_workbook() -> bytes:
    """The blank template: the columns, lists for 主体类型 and 是否在册, and a 填写说明 sheet."""
    book = openpyxl.load_workbook(io.BytesIO(workbook([])))
    sheet = book[SHEET_TITLE]
    for key, choices in (("kind", "企业,个体工商户,农民专业合作社,其他"), ("active", "是,否")):
        letter = openpyxl.utils.get_column_letter(COLUMNS.index(COLUMN_BY_KEY[key]) + 1)
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    notes = book.create_sheet(_("填写说明"))
    notes.append([_("列"), _("填写要求")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        notes.append([column.header, str(column.help)])
    notes.append([])
    notes.append(
        [
            _("说明"),
            _(
                "每行一个检查对象；任何一行有误则整表不导入，并逐行列出错误。已在名录中的统一社会信用代码按表格内容更新，"
                "内容相同的不作改动，同一表格再次导入不会改变名录。"
            ),
        ]
    )
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 80
    return _saved(book)
