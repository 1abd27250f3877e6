"""Legacy import: the normative documents a body issued before the platform, from Excel and from files.

Every body arrives with years of documents in force. They must be in the registry (the public
sees them, the validity sweep evaluates them, art. 9 counts them) and their 发文字号 must never be
issued again, so each import reserves the number in the numbering sequence of the format its
prefix names (`numbering.reserve_number`).

Two ways in, one set of checks (`clean`):

- an Excel workbook, one row per document (`COLUMNS`, `template_workbook`), all or nothing: any
  bad row and nothing is saved, and the report names row, column and problem in Chinese
  (`error_workbook` writes it back into the workbook as an 错误 column);
- a .txt, .md or .docx file, read by the official-document parser into a `Proposal` for a clerk
  to confirm (`confirm`), or saved at once by `import_file` (the command).

Importing the same thing twice changes nothing: each document keeps the SHA-256 of its source
(the file's bytes, or a row's cleaned values), unique per body. The actor is the user of the page
or None for the command, which the audit chain records as 系统.
"""

import datetime
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

import docx
import openpyxl
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.table import Table
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core import audit, workbooks
from fazhi.core.access import may, require
from fazhi.core.errors import FazhiError, InvalidInput
from fazhi.core.models import Body
from fazhi.documents import services
from fazhi.documents.choices import DocumentKind, DocumentStatus
from fazhi.documents.models import NormativeDocument
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind
from fazhi.numbering.models import IssuedNumber, NumberFormat
from fazhi.texts import parser

FILE_SUFFIXES = (".txt", ".md", ".docx")
WORKBOOK_SUFFIX = ".xlsx"
SUFFIXES = (*FILE_SUFFIXES, WORKBOOK_SUFFIX)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
SHEET_TITLE = "规范性文件"
ERROR_HEADER = "错误"
TITLE_MAX = 200


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    help: str
    width: int = 16


# The template's columns, in order; a header may carry a note in parentheses (类别（政府/部门）).
COLUMNS = [
    Column("title", "标题", gettext_lazy("必填，不超过200字"), 40),
    Column("doc_number", "发文字号", gettext_lazy("如 江府规〔2018〕3号；年份用六角括号，序号不加“第”和前导零"), 22),
    Column("issuer", "发文机关", gettext_lazy("平台中的单位全称或代码；不填即导入单位"), 24),
    Column("occurred_on", "成文日期", gettext_lazy("日期，如 2018-04-24，不晚于今天")),
    Column("published_on", "发布日期", gettext_lazy("日期；不填按成文日期")),
    Column("effective_on", "施行日期", gettext_lazy("日期")),
    Column("expires_on", "有效期至", gettext_lazy("日期，不早于施行日期；长期有效的不填")),
    Column("kind", "类别", gettext_lazy("政府 或 部门；不填按发文机关：人民政府为政府，其他为部门"), 10),
    Column("long_term", "是否长期有效", gettext_lazy("是 或 否；不填为否"), 12),
    Column("long_term_reason", "长期有效理由", gettext_lazy("长期有效的必填"), 30),
    Column("text", "正文", gettext_lazy("正文全文；与“正文文件名”二选一"), 50),
    Column("text_file", "正文文件名", gettext_lazy("与表格一同提供的 .txt、.md 或 .docx 文件名；与“正文”二选一"), 24),
]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_HEADER_NOTE = re.compile(r"[（(][^）)]*[）)]$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")
_TRUE = {"是", "y", "yes", "true", "1", "√"}
_FALSE = {"否", "n", "no", "false", "0", ""}
# What a 类别 cell may say (the template's words, the labels in full) and the stored values, which
# the confirm form sends. Literal, not the translated labels: a workbook does not change language.
_KINDS = {
    "政府": DocumentKind.GOVERNMENT,
    "政府规范性文件": DocumentKind.GOVERNMENT,
    DocumentKind.GOVERNMENT.value: DocumentKind.GOVERNMENT,
    "部门": DocumentKind.DEPARTMENT,
    "部门规范性文件": DocumentKind.DEPARTMENT,
    DocumentKind.DEPARTMENT.value: DocumentKind.DEPARTMENT,
}


# --- what an import answers ------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem in a workbook: its row as Excel numbers it, the column's header, the message."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class WorkbookReport:
    """What became of a workbook: everything saved (`created`, `skipped`), or nothing and `errors`."""

    created: list[NormativeDocument] = field(default_factory=list)
    skipped: list[NormativeDocument] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Proposal:
    """A file as the parser read it, for a clerk to check and correct before `confirm` saves it.

    `errors` are what must be corrected (field → message); `warnings` what the clerk should know
    (a number that is not a 发文字号, a title taken from the file name, another issuer named).
    `existing` is the document already imported from the same bytes, if any.
    """

    filename: str
    source_sha256: str
    values: dict
    issuer: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    existing: NormativeDocument | None = None


@dataclass
class FileOutcome:
    """One file's outcome for the command's report: 导入, 已存在，跳过 or 失败 with the reason."""

    path: str
    status: str  # "imported", "skipped" or "failed"
    detail: str = ""
    documents: list[NormativeDocument] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.status == "imported":
            return _("导入")
        if self.status == "skipped":
            return _("已存在，跳过")
        return _("失败：%(reason)s") % {"reason": self.detail}


# --- reading files ---------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_FENCE = re.compile(r"^\s*(?:```|~~~).*$", re.M)
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.M)
_MD_QUOTE = re.compile(r"^\s{0,3}>[ \t]?", re.M)
_MD_BULLET = re.compile(r"^(\s*)[-*+][ \t]+", re.M)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)


def markdown_text(markdown: str) -> str:
    """The text a Markdown file shows, without its markers, so that the parser reads it as printed.

    Headings keep their words (the corpus writes 第一章 as `## 第一章`), links their text,
    emphasis its content; front matter, comments, fences and rules go.
    """
    text = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n"))
    text = _MD_COMMENT.sub("", text)
    for pattern, replacement in (
        (_MD_FENCE, ""),
        (_MD_TABLE_RULE, ""),
        (_MD_RULE, ""),
        (_MD_HEADING, r"\1"),
        (_MD_QUOTE, ""),
        (_MD_BULLET, r"\1"),
        (_MD_IMAGE, r"\1"),
        (_MD_LINK, r"\1"),
        (_MD_STRONG, r"\2"),
        (_MD_EMPHASIS, r"\1"),
        (_MD_CODE, r"\1"),
    ):
        text = pattern.sub(replacement, text)
    return text


def docx_text(data: bytes) -> str:
    """A Word document's paragraphs, and its tables' rows with cells joined by tabs, in order."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InvalidInput(_("无法读取 Word 文件（.docx）：文件已损坏或不是 .docx 格式。")) from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend("\t".join(cell.text.strip() for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def file_text(name: str, data: bytes) -> str:
    """The text of a .txt (UTF-8, with or without BOM, or GB18030), .md or .docx file."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in FILE_SUFFIXES:
        raise InvalidInput(
            _("不支持的文件类型“%(suffix)s”：请提供 .txt、.md 或 .docx 文件。") % {"suffix": suffix or name}
        )
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(_("文件过大（不超过 %(n)d MB）。") % {"n": MAX_FILE_BYTES // (1024 * 1024)})
    if suffix == ".docx":
        text = docx_text(data)
    else:
        try:
            text = parser.decode(data)
        except parser.BinaryInput as exc:
            raise InvalidInput(_("文件不是文本文件。")) from exc
        except parser.UndecodableInput as exc:
            raise InvalidInput(_("无法识别文件的编码（应为 UTF-8 或 GB18030）。")) from exc
        except parser.EmptyInput as exc:
            raise InvalidInput(_("文件没有内容。")) from exc
        if suffix == ".md":
            text = markdown_text(text)
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    if not text:
        raise InvalidInput(_("文件没有内容。"))
    return text


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the checks every imported document passes -----------------------------------------------


def _require_body(actor, body: Body) -> None:
    """The import's own body: refused as the documents services refuse (404 unseen, 403 seen)."""
    if actor is not None:
        require(actor, "change", body, _("导入规范性文件"))


def _may_act_for(actor, body: Body) -> bool:
    return actor is None or may(actor, "change", body)


def _find_body(text: str) -> Body | None:
    return Body.objects.filter(Q(name=text) | Q(code=text)).order_by("pk").first()


def doc_number_format(prefix: str) -> NumberFormat | None:
    """The 发文字号 format a prefix names: prefixes of 发文字号 formats are unique, so at most one."""
    return NumberFormat.objects.filter(kind=FormatKind.DOC_NUMBER, prefix=prefix).select_related("body").first()


def _parse_date(value, label: str) -> tuple[datetime.date | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    text = str(value).strip()
    match = _DATE_TEXT.match(text)
    if match is None:
        return None, _("%(label)s“%(value)s”不是日期，应写作 2018-04-24 或 2018年4月24日。") % {
            "label": label,
            "value": text,
        }
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3])), None
    except ValueError:
        return None, _("%(label)s“%(value)s”不是存在的日期。") % {"label": label, "value": text}


def _text_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def clean(raw: dict, *, actor, body: Body, today: datetime.date | None = None) -> tuple[dict, dict[str, str]]:
    """Check one document's values as typed (Excel cells or the confirm form).

    Returns the cleaned values (with `body`, `government` and `number_format` found) and the
    problems by field, each a Chinese sentence. Checks against the database (numbers taken,
    bodies) are here; duplicates within one workbook are the caller's.
    """
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    values: dict = {}

    title = _text_value(raw.get("title"))
    if not title:
        errors["title"] = _("请填写标题。")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("标题不能超过 %(n)d 个字。") % {"n": TITLE_MAX}
    values["title"] = title

    issuer = _text_value(raw.get("issuer"))
    target = body
    if issuer and issuer not in (body.name, body.code):
        target = _find_body(issuer)
        if target is None:
            errors["issuer"] = _("未找到发文机关“%(name)s”，请填写平台中的单位全称或代码。") % {"name": issuer}
        elif not _may_act_for(actor, target):
            errors["issuer"] = _("您不能为“%(name)s”导入文件。") % {"name": target.name}
    values["body"] = target if "issuer" not in errors else None
    if values["body"] is not None:
        try:
            values["government"] = services.government_of(values["body"])
        except InvalidInput as exc:
            errors["issuer"] = str(exc.detail)

    kind = _text_value(raw.get("kind"))
    if kind:
        values["kind"] = _KINDS.get(kind)
        if values["kind"] is None:
            errors["kind"] = _("类别应为“政府”或“部门”，不能为“%(value)s”。") % {"value": kind}
    elif values["body"] is not None:
        government_body = values["body"].kind in services.GOVERNMENT_KINDS
        values["kind"] = DocumentKind.GOVERNMENT if government_body else DocumentKind.DEPARTMENT

    values["doc_number"], values["number_format"] = "", None
    number = _text_value(raw.get("doc_number"))
    if number:
        try:
            parts = numbering.validate_doc_number(number)
        except InvalidInput as exc:
            errors["doc_number"] = str(exc.detail)
        else:
            values["doc_number"] = parts.text
            problem = _number_taken(parts, values["body"])
            if problem:
                errors["doc_number"] = problem
            else:
                values["number_format"] = doc_number_format(parts.prefix)

    for key in ("occurred_on", "published_on", "effective_on", "expires_on"):
        values[key], problem = _parse_date(raw.get(key), COLUMN_BY_KEY[key].header)
        if problem:
            errors[key] = problem
    if values["occurred_on"] and values["occurred_on"] > today:
        errors["occurred_on"] = _("成文日期不能晚于今天。")
    if values["published_on"] and values["published_on"] > today:
        errors["published_on"] = _("发布日期不能晚于今天。")
    if values["effective_on"] and values["expires_on"] and values["expires_on"] < values["effective_on"]:
        errors["expires_on"] = _("有效期至不能早于施行日期。")

    flag = raw.get("long_term")
    if isinstance(flag, bool):
        values["long_term"] = flag
    elif _text_value(flag).lower() in _TRUE | _FALSE:
        values["long_term"] = _text_value(flag).lower() in _TRUE
    else:
        values["long_term"] = False
        errors["long_term"] = _("是否长期有效应填“是”或“否”。")
    values["long_term_reason"] = _text_value(raw.get("long_term_reason"))
    if values.get("long_term"):
        if not values["long_term_reason"]:
            errors["long_term_reason"] = _("长期有效的文件，须写明理由。")
        if values["expires_on"]:
            errors["expires_on"] = _("长期有效的文件不填有效期至。")

    text = raw.get("text")
    values["text"] = text.strip() if isinstance(text, str) else _text_value(text)
    if not values["text"]:
        errors["text"] = _("请填写正文。")
    elif len(values["text"]) > services.TEXT_MAX:
        errors["text"] = _("正文不能超过 %(n)d 个字。") % {"n": services.TEXT_MAX}
    return values, errors


def _number_taken(parts, body: Body | None) -> str | None:
    """Why a valid 发文字号 cannot be recorded: another document has it, its format is another
    body's, or the numbering already holds it."""
    other = NormativeDocument.objects.filter(doc_number=parts.text).first()
    if other is not None:
        return _("发文字号“%(text)s”已被系统中的《%(title)s》使用。") % {"text": parts.text, "title": other.title}
    number_format = doc_number_format(parts.prefix)
    if number_format is None:
        return None
    if body is not None and number_format.body_id != body.pk:
        return _("机关代字“%(prefix)s”是%(owner)s的发文字号，不能作为%(body)s的文件导入。") % {
            "prefix": parts.prefix,
            "owner": number_format.body.name,
            "body": body.name,
        }
    recorded = IssuedNumber.objects.filter(
        format=number_format, year=number_format.sequence_year(parts.year), serial=parts.serial
    ).first()
    if recorded is not None:
        return _("发文字号“%(text)s”在编号记录中已有（%(status)s）。") % {
            "text": parts.text,
            "status": recorded.get_status_display(),
        }
    return None


# --- saving ----------------------------------------------------------------------------------

SNAPSHOT_FIELDS = [
    "kind",
    "body",
    "title",
    "doc_number",
    "status",
    "occurred_on",
    "published_on",
    "effective_on",
    "expires_on",
    "long_term",
    "long_term_reason",
    "is_legacy",
    "source_sha256",
]


def _create(values: dict, *, actor, draft: bool, source: str, source_sha256: str) -> NormativeDocument:
    """Save one cleaned document and reserve its number where a 发文字号 format has its prefix.

    A published legacy document goes straight to 已发布 (it was published before the platform);
    the validity sweep then records its expiry and opens its evaluation like any other.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    document = NormativeDocument(
        kind=values["kind"],
        body=values["body"],
        government=values["government"],
        title=values["title"],
        doc_number=values["doc_number"],
        text=values["text"].strip(),
        occurred_on=values["occurred_on"],
        effective_on=values["effective_on"],
        expires_on=values["expires_on"],
        long_term=values["long_term"],
        long_term_reason=values["long_term_reason"],
        source_sha256=source_sha256,
        created_by=user,
    )
    if draft:
        document.status = DocumentStatus.DRAFTING
    else:
        document.status = DocumentStatus.IN_FORCE
        document.is_legacy = True
        document.published_on = values["published_on"] or values["occurred_on"] or timezone.localdate()
        document.published_by = user
    services._save(document)
    reserved = False
    if values["number_format"] is not None:
        # As the system: the clerk records a fact, the number was given before the platform; the
        # import's own event below names who did it.
        note = _("导入的草稿：%(title)s") if draft else _("历史文件：%(title)s")
        numbering.reserve_number(
            values["number_format"], document.doc_number, actor=None, note=note % {"title": document.title}
        )
        reserved = True
    audit.record(
        document,
        "documents.draft_imported" if draft else "documents.legacy_imported",
        actor=actor,
        after=audit.snapshot(document, SNAPSHOT_FIELDS),
        extra={"source": source, "number_reserved": reserved},
    )
    return document


def _existing(body: Body, source_sha256: str) -> NormativeDocument | None:
    return NormativeDocument.objects.filter(body=body, source_sha256=source_sha256).first()


# --- files: propose, confirm -----------------------------------------------------------------


def propose(name: str, data: bytes, *, actor, body: Body) -> Proposal:
    """Read a file into the values a clerk confirms; saves nothing.

    An unreadable file is refused (`InvalidInput`); a readable one always gives a proposal, whose
    `errors` say what the clerk must still correct.
    """
    _require_body(actor, body)
    text = file_text(name, data)
    parsed = parser.parse_text(text)
    proposal = Proposal(filename=PurePath(name).name, source_sha256=sha256(data), values={"text": text})
    proposal.existing = _existing(body, proposal.source_sha256)
    title = parsed.title.strip()
    if not title:
        title = PurePath(name).stem.strip()
        proposal.warnings.append(_("未能从正文中识别标题，暂以文件名作标题。"))
    proposal.values["title"] = title
    number = parsed.doc_number or ""
    if number.startswith("第"):
        proposal.warnings.append(_("文中的“%(number)s”是令的序号，不是发文字号，未填入。") % {"number": number})
        number = ""
    proposal.values["doc_number"] = number
    proposal.values["occurred_on"] = parsed.signed_on
    proposal.issuer = (parsed.issuer or "").strip()
    if proposal.issuer and proposal.issuer != body.name:
        message = _("文中的发文机关为“%(issuer)s”，将登记为%(body)s的文件，请核对。")
        proposal.warnings.append(message % {"issuer": proposal.issuer, "body": body.name})
    _values, errors = clean(proposal.values, actor=actor, body=body)
    proposal.errors = errors
    return proposal


def confirm(
    values: dict, *, actor, body: Body, source_sha256: str, filename: str, draft: bool = False
) -> tuple[NormativeDocument, bool]:
    """Save a proposal as the clerk confirmed (and perhaps corrected) it.

    Returns the document and whether it was created: the same source confirmed again answers the
    document already imported. Refused with every problem by field (`InvalidInput.errors`).
    """
    if not re.fullmatch(r"[0-9a-f]{64}", source_sha256 or ""):
        raise InvalidInput(_("导入来源的摘要有误，请重新上传文件。"))
    with transaction.atomic():
        _require_body(actor, body)
        existing = _existing(body, source_sha256)
        if existing is not None:
            return existing, False
        cleaned, errors = clean(values, actor=actor, body=body)
        if errors:
            detail = "；".join(f"{COLUMN_BY_KEY[key].header}：{message}" for key, message in errors.items())
            raise InvalidInput(detail, errors={key: [message] for key, message in errors.items()})
        return _create(cleaned, actor=actor, draft=draft, source=filename, source_sha256=source_sha256), True


# --- workbooks -------------------------------------------------------------------------------


def _header_key(cell) -> str | None:
    text = _HEADER_NOTE.sub("", _text_value(cell))
    for column in COLUMNS:
        if text == column.header:
            return column.key
    return None


def _sheet(workbook):
    return workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]


def read_rows(data: bytes) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """The workbook's non-empty rows as (Excel row number, {key: cell}), or the header's problems."""
    with workbooks.reading(data, max_bytes=MAX_FILE_BYTES) as workbook:
        rows = _sheet(workbook).iter_rows(values_only=True)
        header = next(rows, None) or ()
        keys, errors = [], []
        for position, cell in enumerate(header, start=1):
            key = _header_key(cell)
            text = _text_value(cell)
            if key is None and text and text != ERROR_HEADER:
                errors.append(RowError(1, text, _("未知的列“%(name)s”（第%(n)d列）。") % {"name": text, "n": position}))
            elif key is not None and key in keys:
                errors.append(RowError(1, text, _("列“%(name)s”出现了两次。") % {"name": text}))
            keys.append(key)
        if "title" not in keys:
            errors.append(RowError(1, "标题", _("缺少“标题”列，请使用导入模板。")))
        if errors:
            return [], errors
        found = []
        for number, row in enumerate(rows, start=2):
            cells = {key: value for key, value in zip(keys, row, strict=False) if key is not None}
            if all(_text_value(value) == "" for value in cells.values()):
                continue
            if len(found) == MAX_ROWS:
                return [], [RowError(number, "", _("一次最多导入 %(n)d 行。") % {"n": MAX_ROWS})]
            found.append((number, cells))
        return found, []


ROW_IDENTITY = (
    "kind",
    "title",
    "doc_number",
    "occurred_on",
    "published_on",
    "effective_on",
    "expires_on",
    "long_term",
    "long_term_reason",
    "text",
)


def attachment_names(path) -> set[str]:
    """The 正文文件名 a workbook on disk names (none if it cannot be read: its import says why)."""
    try:
        rows, _errors = read_rows(path.read_bytes())
    except (OSError, InvalidInput):
        return set()
    return {name for _number, cells in rows if (name := _text_value(cells.get("text_file")))}


def _row_sha256(values: dict) -> str:
    """A row's identity for re-import: its cleaned values, so that an unchanged row is found again."""
    canonical = {key: values.get(key) for key in ROW_IDENTITY}
    canonical = {
        key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in canonical.items()
    }
    return sha256(json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())


def import_workbook(
    data: bytes,
    *,
    actor,
    body: Body,
    draft: bool = False,
    read_attachment: Callable[[str], bytes | None] | None = None,
    source: str = "",
) -> WorkbookReport:
    """Import every row of a workbook, or none: any bad row and the report lists every problem.

    `read_attachment(name)` gives the bytes of a file a row names in 正文文件名 (None if there is
    no such file). Rows imported before, unchanged, are skipped and count as success.
    """
    _require_body(actor, body)
    report = WorkbookReport()
    rows, report.errors = read_rows(data)
    if report.errors:
        return report
    prepared = []
    numbers_seen: dict[str, int] = {}
    for number, cells in rows:
        raw = dict(cells)
        problems: dict[str, str] = {}
        attachment = _text_value(raw.pop("text_file", None))
        if attachment:
            if _text_value(raw.get("text")):
                problems["text_file"] = _("“正文”与“正文文件名”只能填一项。")
            else:
                raw["text"], problem = _attachment_text(attachment, read_attachment)
                if problem:
                    problems["text_file"] = problem
        elif raw.get("text") is not None:
            raw["text"] = _text_value(raw["text"])
        values, errors = clean(raw, actor=actor, body=body)
        if "text_file" in problems:
            errors.pop("text", None)
        errors.update(problems)
        row_sha256 = _row_sha256(values)
        # Checked before the row's errors: a row imported before finds its own number taken.
        if values["body"] is not None and (existing := _existing(values["body"], row_sha256)):
            report.skipped.append(existing)
            continue
        doc_number = values.get("doc_number")
        if doc_number and "doc_number" not in errors:
            if doc_number in numbers_seen:
                errors["doc_number"] = _("发文字号“%(text)s”与第%(row)d行重复。") % {
                    "text": doc_number,
                    "row": numbers_seen[doc_number],
                }
            else:
                numbers_seen[doc_number] = number
        for key, message in errors.items():
            report.errors.append(RowError(number, COLUMN_BY_KEY[key].header, message))
        prepared.append((number, values, row_sha256))
    if report.errors:
        return report
    with transaction.atomic():
        for number, values, row_sha256 in prepared:
            label = _("%(source)s第%(row)d行") % {"source": source or _("工作簿"), "row": number}
            try:
                with transaction.atomic():
                    document = _create(values, actor=actor, draft=draft, source=label, source_sha256=row_sha256)
            except FazhiError as exc:
                # Most likely a number recorded meanwhile by someone else; else the field it names.
                key = next((key for key in exc.errors if key in COLUMN_BY_KEY), "doc_number")
                report.errors.append(RowError(number, COLUMN_BY_KEY[key].header, str(exc.detail)))
                continue
            report.created.append(document)
        if report.errors:
            # All or nothing: a row refused while saving undoes the rows saved before it.
            transaction.set_rollback(True)
            report.created = []
    return report


def _attachment_text(name: str, read_attachment) -> tuple[str, str | None]:
    data = read_attachment(name) if read_attachment is not None else None
    if data is None:
        return "", _("找不到正文文件“%(name)s”，请与表格一同提供。") % {"name": name}
    try:
        return file_text(name, data), None
    except InvalidInput as exc:
        return "", _("正文文件“%(name)s”：%(problem)s") % {"name": name, "problem": exc.detail}


def error_workbook(data: bytes, errors: list[RowError]) -> bytes:
    """The workbook as uploaded with an 错误 column naming each row's problems, for the clerk to fix."""
    workbook = workbooks.load(data, read_only=False, max_bytes=MAX_FILE_BYTES)
    sheet = _sheet(workbook)
    column = next(
        (cell.column for cell in sheet[1] if _text_value(cell.value) == ERROR_HEADER),
        sheet.max_column + 1,
    )
    sheet.cell(row=1, column=column, value=ERROR_HEADER).font = Font(bold=True, color="C00000")
    by_row: dict[int, list[str]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(f"{error.column}：{error.message}" if error.column else error.message)
    fill = PatternFill("solid", fgColor="FDE9E7")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column, value="；".join(by_row.get(row, [])) or None)
    for row, messages in by_row.items():
        cell = sheet.cell(row=row, column=column, value="；".join(messages))
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 60
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def template_workbook() -> bytes:
    """The blank import template: the columns, lists for 类别 and 是否长期有效, and a 填写说明 sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    for position, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=position, value=column.header)
        cell.font = Font(bold=True)
        letter = openpyxl.utils.get_column_letter(position)
        sheet.column_dimensions[letter].width = column.width
        if column.key.endswith("_on"):
            for row in range(2, MAX_ROWS + 2):
                sheet.cell(row=row, column=position).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for key, choices in (("kind", "政府,部门"), ("long_term", "是,否")):
        letter = openpyxl.utils.get_column_letter(COLUMNS.index(COLUMN_BY_KEY[key]) + 1)
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    notes = workbook.create_sheet(_("填写说明"))
    notes.append([_("列"), _("填写要求")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        notes.append([column.header, str(column.help)])
    notes.append([])
    notes.append([_("说明"), _("每行一份文件；任何一行有误则整表不导入，并逐行列出错误。同一行再次导入不会重复登记。")])
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 80
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- the command's unit: one path ------------------------------------------------------------


def import_file(path, *, actor, body: Body, draft: bool = False) -> FileOutcome:
    """One file or workbook from disk, in its own transaction: 导入, 已存在，跳过 or 失败 with why.

    A workbook's 正文文件名 are read from the workbook's folder.
    """
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileOutcome(shown, "failed", _("无法读取文件：%(error)s") % {"error": exc.strerror or exc})
    try:
        if path.suffix.lower() == WORKBOOK_SUFFIX:
            return _workbook_outcome(shown, path, data, actor=actor, body=body, draft=draft)
        proposal = propose(path.name, data, actor=actor, body=body)
        if proposal.existing is not None:
            return FileOutcome(shown, "skipped", documents=[proposal.existing])
        if proposal.errors:
            reasons = "；".join(proposal.errors.values())
            return FileOutcome(shown, "failed", reasons)
        document, created = confirm(
            proposal.values,
            actor=actor,
            body=body,
            source_sha256=proposal.source_sha256,
            filename=shown,
            draft=draft,
        )
    except FazhiError as exc:
        return FileOutcome(shown, "failed", str(exc.detail))
    if not created:
        return FileOutcome(shown, "skipped", documents=[document])
    return FileOutcome(shown, "imported", _number_note([document]), documents=[document])


def _workbook_outcome(shown: str, path, data: bytes, *, actor, body: Body, draft: bool) -> FileOutcome:
    folder = path.parent

    def read_attachment(name: str) -> bytes | None:
        candidate = folder / name
        # Only files beside the workbook (or below it): a cell cannot point anywhere on disk.
        if not candidate.resolve().is_relative_to(folder.resolve()) or not candidate.is_file():
            return None
        return candidate.read_bytes()

    report = import_workbook(data, actor=actor, body=body, draft=draft, read_attachment=read_attachment, source=shown)
    if not report.ok:
        reasons = "；".join(
            _("第%(row)d行 %(column)s：%(message)s") % error.as_dict() if error.column else error.message
            for error in report.errors
        )
        return FileOutcome(shown, "failed", _("整表未导入。%(reasons)s") % {"reasons": reasons})
    if not report.created:
        return FileOutcome(shown, "skipped", documents=report.skipped)
    detail = _("%(created)d 份导入，%(skipped)d 份已存在") % {
        "created": len(report.created),
        "skipped": len(report.skipped),
    }
    note = _number_note(report.created)
    return FileOutcome(shown, "imported", f"{detail}；{note}" if note else detail, documents=report.created)


def _number_note(documents: list[NormativeDocument]) -> str:
    """Which numbers could not be reserved: their prefix has no 发文字号 format to reserve them in."""
    unreserved = [
        document.doc_number
        for document in documents
        if document.doc_number and doc_number_format(numbering.validate_doc_number(document.doc_number).prefix) is None
    ]
    if not unreserved:
        return ""
    return _("发文字号 %(numbers)s 的机关代字没有编号格式，仅登记在文件上，未在编号序列中预留") % {
        "numbers": "、".join(unreserved)
    }
