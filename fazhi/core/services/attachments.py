"""Files on records: the type is judged from the content, never from the name or the browser.

An upload is accepted when its content is one of the allowed formats, its name's extension
agrees with that content, and it is within `settings.FAZHI_UPLOAD_MAX_BYTES`. It is stored
under a generated name (the original name is kept for display and download), with its SHA-256.

Allowed: PDF, OFD (the national e-document format, a ZIP with `OFD.xml`), Word and Excel (both
the OOXML and the 97–2003 formats), JPEG, PNG, and plain UTF-8 text without NUL bytes. Other
ZIP archives are refused: their content cannot be checked.
"""

import contextlib
import contextvars
import hashlib
import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import audit
from fazhi.core.access import may
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Attachment, Body


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    media_type: str
    extensions: tuple[str, ...]


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", ("pdf",)),
        FileKind("ofd", "OFD", "application/ofd", ("ofd",)),
        FileKind(
            "docx",
            "Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        FileKind("doc", "Word 97-2003", "application/msword", ("doc",)),
        FileKind("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
        FileKind("xls", "Excel 97-2003", "application/vnd.ms-excel", ("xls",)),
        FileKind("jpg", "JPEG", "image/jpeg", ("jpg", "jpeg")),
        FileKind("png", "PNG", "image/png", ("png",)),
        FileKind("txt", gettext_lazy("纯文本"), "text/plain; charset=utf-8", ("txt",)),
        # Audio-visual records (行政处罚法第四十七条: 文字、音像等形式的全过程记录), as body cameras save them.
        FileKind("mp4", gettext_lazy("MP4 视频"), "video/mp4", ("mp4",)),
        FileKind("mov", gettext_lazy("MOV 视频"), "video/quicktime", ("mov",)),
        FileKind("mp3", gettext_lazy("MP3 音频"), "audio/mpeg", ("mp3",)),
        FileKind("m4a", gettext_lazy("M4A 音频"), "audio/mp4", ("m4a",)),
        FileKind("wav", gettext_lazy("WAV 音频"), "audio/x-wav", ("wav",)),
    )
}
ALLOWED_EXTENSIONS = tuple(ext for kind in KINDS.values() for ext in kind.extensions)
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)
_CHUNK = 64 * 1024
_NAME_MAX = 200


@dataclass(frozen=True)
class Inspected:
    """What an upload turned out to be: its format, size and digest."""

    kind: FileKind
    original_name: str
    size: int
    sha256: str


def _allowed_text() -> str:
    return "、".join(dict.fromkeys(ext.upper() for ext in ALLOWED_EXTENSIONS))


def max_size_mb() -> int:
    return max(1, settings.FAZHI_UPLOAD_MAX_BYTES // (1024 * 1024))


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{size / 1024:.0f} KB"


def clean_name(name: str) -> str:
    """The uploaded name without any path, control characters or excess length."""
    name = os.path.basename(str(name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > _NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: _NAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:_NAME_MAX]
    return name


def _zip_kind(uploaded) -> str | None:
    """Which ZIP-based format the content is, read from the archive's own member names."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def _is_utf8_text(uploaded) -> bool:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch in "\t\n\r\f" or unicodedata.category(ch) != "Cc" for ch in text.lstrip("\ufeff"))


def detect_kind(uploaded) -> str | None:
    """The allowed format the content is, or None."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if not head:
        return None
    guess = filetype.guess(head)
    extension = guess.extension if guess else None
    if extension in {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"}:
        return _zip_kind(uploaded)
    if extension in {"pdf", "doc", "xls", "jpg", "png", "mp4", "mov", "mp3", "m4a", "wav"}:
        return extension
    if guess is None and _is_utf8_text(uploaded):
        return "txt"
    return None


def inspect(uploaded) -> Inspected:
    """Check an upload; refuse with a Chinese message saying what is wrong with it."""
    original = clean_name(getattr(uploaded, "name", ""))
    shown = original or _("（未命名）")
    size = getattr(uploaded, "size", None)
    if size is None:
        raise InvalidInput(_("无法读取上传的文件。"))
    limit = settings.FAZHI_UPLOAD_MAX_BYTES
    if size > limit:
        raise InvalidInput(
            _("文件“%(name)s”大小为 %(size)s，超过上限 %(limit)s。")
            % {"name": shown, "size": _size_text(size), "limit": _size_text(limit)}
        )
    if size == 0:
        raise InvalidInput(_("文件“%(name)s”是空文件。") % {"name": shown})
    stem, dot, ext = original.rpartition(".")
    ext = ext.lower() if dot and stem else ""
    if ext not in ALLOWED_EXTENSIONS:
        raise InvalidInput(
            _("文件“%(name)s”的类型不在允许范围内，只接受 %(allowed)s 文件。")
            % {"name": shown, "allowed": _allowed_text()}
        )
    detected = detect_kind(uploaded)
    if detected is None:
        raise InvalidInput(
            _("文件“%(name)s”的内容不是允许的格式（只接受 %(allowed)s），或文件已损坏。")
            % {"name": shown, "allowed": _allowed_text()}
        )
    kind = KINDS[detected]
    if ext not in kind.extensions:
        raise InvalidInput(
            _("文件“%(name)s”的扩展名为 .%(ext)s，但内容是 %(label)s 文件，请改正扩展名后重新上传。")
            % {"name": shown, "ext": ext, "label": kind.label}
        )
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in iter(lambda: uploaded.read(_CHUNK), b""):
        digest.update(chunk)
    uploaded.seek(0)
    return Inspected(kind=kind, original_name=original, size=size, sha256=digest.hexdigest())


def stored_name(inspected: Inspected) -> str:
    return f"{uuid.uuid4().hex}.{inspected.kind.extensions[0]}"


@transaction.atomic
def attach(
    record: Model,
    uploaded_file,
    *,
    actor,
    body: Body,
    actor_label: str | None = None,
    inspected: Inspected | None = None,
) -> Attachment:
    """Store a checked file on `record` at `body`.

    `actor` is the office user attaching it (who must be able to change records at `body`), or
    None when a service attaches files the public sent with a submission.
    """
    if actor is not None and not may(actor, "change", body):
        raise NotFound()
    inspected = inspected or inspect(uploaded_file)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        body=body,
        original_name=inspected.original_name,
        media_type=inspected.kind.media_type,
        size=inspected.size,
        sha256=inspected.sha256,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    uploaded_file.seek(0)
    attachment.file.save(stored_name(inspected), uploaded_file, save=False)
    try:
        attachment.save()
        audit.record(
            attachment,
            "core.attachment_added",
            actor=actor,
            actor_label=actor_label,
            after={
                "record": f"{record._meta.label_lower}:{record.pk}",
                "original_name": attachment.original_name,
                "media_type": attachment.media_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
            },
        )
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    stored = _stored_files.get()
    if stored is not None:
        stored.append((attachment.file.storage, attachment.file.name))
    return attachment


_stored_files: contextvars.ContextVar[list | None] = contextvars.ContextVar("stored_files", default=None)


@contextlib.contextmanager
def files_removed_on_failure():
    """Around a transaction that attaches files: if it fails, the files it stored are removed.

    The database rolls back by itself; the storage does not.
    """
    stored: list = []
    token = _stored_files.set(stored)
    try:
        yield
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
    finally:
        _stored_files.reset(token)


@transaction.atomic
def remove(attachment: Attachment, *, actor) -> None:
    """Delete an attachment that the calling service has decided may go.

    The audit event keeps its name, type, size and digest; the stored file is deleted once the
    deletion has committed, so a rollback leaves the record and its file as they were.
    """
    if actor is not None and not may(actor, "change", attachment.body):
        raise NotFound()
    audit.record(
        attachment,
        "core.attachment_removed",
        actor=actor,
        before={
            "record": f"{attachment.content_type.app_label}.{attachment.content_type.model}:{attachment.object_id}",
            "original_name": attachment.original_name,
            "media_type": attachment.media_type,
            "size": attachment.size,
            "sha256": attachment.sha256,
        },
    )
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def attachments_of(record: Model):
    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk))


def open_for_download(attachment_id: int, *, actor) -> Attachment:
    """An attachment the user may see, or 404 (records outside the scope are not revealed)."""
    attachment = Attachment.objects.restrict(actor).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("未找到该附件。"))
    return attachment
