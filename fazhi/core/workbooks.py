"""Uploaded Excel workbooks: the one place that knows how a damaged .xlsx fails.

openpyxl reports a bad file through many exceptions (a broken zip, truncated or corrupted
compressed data, bad XML, a missing part), and a read-only workbook decompresses its sheets
lazily, so the failure may come at opening or while the rows are read. Every importer reads
through here, so a clerk who uploads such a file is told in Chinese that it cannot be read.
"""

import contextlib
import io
import zipfile
import zlib

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.errors import InvalidInput

# SyntaxError covers the XML parsers' errors (ElementTree's ParseError, lxml's XMLSyntaxError).
UNREADABLE = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OSError,
    SyntaxError,
)


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, errors={"file": [message]})


def load(data: bytes, *, read_only: bool = True, max_bytes: int | None = None):
    """The workbook in `data`; a Chinese refusal when it is too large or not a readable .xlsx."""
    if max_bytes is not None and len(data) > max_bytes:
        raise _refuse(_("文件过大：不能超过 %(n)d MB。") % {"n": max_bytes // (1024 * 1024)})
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except UNREADABLE as exc:
        raise _refuse(_("无法读取 Excel 文件：请上传 .xlsx 格式的工作簿。")) from exc


@contextlib.contextmanager
def reading(data: bytes, *, max_bytes: int | None = None):
    """The workbook opened read-only for the block, then closed; damage found while the block
    reads its rows is refused like damage found at opening."""
    workbook = load(data, max_bytes=max_bytes)
    try:
        yield workbook
    except UNREADABLE as exc:
        raise _refuse(_("无法读取 Excel 文件：工作簿已损坏，请重新保存后上传。")) from exc
    finally:
        workbook.close()
