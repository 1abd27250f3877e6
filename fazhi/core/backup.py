"""Backups: the database and the uploaded files in one archive that restore checks before it
touches anything.

An archive is a gzipped tar: the database (an SQLite copy made with the online backup API, or a
`pg_dump --format=custom`), every file of the default storage under `media/`, and
`manifest.json` last, written once every checksum is known. The manifest names the format, the
database vendor, the applied migrations and the audit chain's head, all read from the same
snapshot the copy was taken from, so a backup taken while the app writes is one consistent
moment. Restore refuses (nothing changed) an archive it cannot trust or that does not fit this
code and database, replaces the database and files, then proves the audit chain unbroken and
ending where it ended when the backup was taken.
"""

import contextlib
import gzip
import hashlib
import io
import json
import os
import posixpath
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.models import AuditEvent, Body, User

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
_DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_CHUNK = 1024 * 1024
_TOOL_TIMEOUT = 6 * 3600


class BackupRefused(Exception):
    """The archive or the request cannot be used as given; nothing was changed (exit 2)."""


class BackupFailed(Exception):
    """A tool or the restored data failed (exit 1)."""


@dataclass
class Outcome:
    path: Path
    vendor: str
    files: int
    audit_checked: int = 0
    pending_migrations: int = 0


# --------------------------------------------------------------------------- backup


def create(output: Path, *, using: str = "default") -> Outcome:
    """Write a backup of database `using` and the default storage to `output` (a new file)."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in _DATABASE_FILES:
        raise BackupRefused(_("不支持备份 %(vendor)s 数据库。") % {"vendor": vendor})
    if output.exists():
        raise BackupRefused(_("文件 %(path)s 已存在，不会覆盖。") % {"path": output})
    if not output.parent.is_dir():
        raise BackupRefused(_("目录 %(path)s 不存在。") % {"path": output.parent})
    partial = output.with_name(output.name + ".partial")
    database_name = _DATABASE_FILES[vendor]
    with tempfile.TemporaryDirectory(prefix="fazhi-backup-", dir=output.parent) as work:
        database_copy = Path(work) / database_name
        dump = _dump_sqlite if vendor == "sqlite" else _dump_postgresql
        migrations, head = dump(connection, database_copy)
        files = {}
        try:
            with tarfile.open(partial, "w:gz") as archive:
                with database_copy.open("rb") as handle:
                    files[database_name] = _add(archive, database_name, handle, database_copy.stat().st_size)
                storage = storages["default"]
                for name in _stored_names(storage):
                    with storage.open(name, "rb") as handle:
                        files[MEDIA_PREFIX + name] = _add(archive, MEDIA_PREFIX + name, handle, storage.size(name))
                manifest = {
                    "format": FORMAT,
                    "application": "fazhi",
                    "created_at": timezone.now().isoformat(),
                    "vendor": vendor,
                    "database": database_name,
                    "migrations": migrations,
                    "audit_head": head,
                    "files": files,
                }
                text = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                _add(archive, MANIFEST, io.BytesIO(text), len(text))
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    return Outcome(output, vendor, len(files) - 1)


def _add(archive: tarfile.TarFile, name: str, handle, size: int) -> dict:
    """Add one member, hashing it on the way in (one read of each file)."""
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    reader = _HashingReader(handle)
    archive.addfile(info, reader)
    return {"size": size, "sha256": reader.digest.hexdigest()}


class _HashingReader:
    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _stored_names(storage, directory: str = ""):
    """Every file of a storage (a directory or a bucket), sorted, as relative names."""
    try:
        directories, names = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(names):
        yield posixpath.join(directory, name)
    for name in sorted(directories):
        yield from _stored_names(storage, posixpath.join(directory, name))


def _state(cursor) -> tuple[list, dict | None]:
    """The applied migrations and the audit chain's head, as a DB-API cursor sees them."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = [[app, name] for app, name in cursor.fetchall()]
    cursor.execute(
        f"SELECT sequence, algorithm, hash FROM {AuditEvent._meta.db_table} "
        "WHERE sequence IS NOT NULL ORDER BY sequence DESC LIMIT 1"
    )
    row = cursor.fetchone()
    return migrations, ({"sequence": row[0], "algorithm": row[1], "hash": row[2]} if row else None)


def _require_migrated(connection) -> None:
    if "django_migrations" not in connection.introspection.table_names():
        raise BackupRefused(_("数据库尚未建立（未运行 fazhi migrate），没有可备份的内容。"))


def _dump_sqlite(connection, target: Path) -> tuple[list, dict | None]:
    """The online backup API: one step, so the copy is the database at one moment even while
    other processes write (WAL readers do not block them)."""
    _require_migrated(connection)
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        return _state(copy.cursor())


def _dump_postgresql(connection, target: Path) -> tuple[list, dict | None]:
    """pg_dump in the snapshot of a transaction that reads the manifest's state, so both agree."""
    _require_migrated(connection)
    pg_dump = _tool("pg_dump")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        state = _state(cursor)
        _run(
            *_pg_command(
                pg_dump, connection, "--format=custom", "--compress=0", f"--snapshot={snapshot}", f"--file={target}"
            )
        )
    return state


# --------------------------------------------------------------------------- restore


def restore(path: Path, *, force: bool = False, using: str = "default") -> Outcome:
    """Check the archive at `path`, replace database `using` and the stored files with it, and
    verify the audit chain. Raises BackupRefused before any change, BackupFailed after."""
    connection = connections[using]
    if not path.is_file():
        raise BackupRefused(_("备份文件 %(path)s 不存在。") % {"path": path})
    with tempfile.TemporaryDirectory(prefix="fazhi-restore-", dir=settings.DATA_DIR) as work:
        manifest, extracted = _unpack(path, Path(work))
        _check_fits(manifest, connection, force=force)
        database = extracted[manifest["database"]]
        if connection.vendor == "sqlite":
            _restore_sqlite(connection, database)
        else:
            _restore_postgresql(connection, database)
        connection.close()
        storage = storages["default"]
        media = {name: source for name, source in extracted.items() if name.startswith(MEDIA_PREFIX)}
        for name, source in media.items():
            _put(storage, name.removeprefix(MEDIA_PREFIX), source)
    outcome = Outcome(path, connection.vendor, len(media))
    outcome.audit_checked = _verify_chain(manifest["audit_head"], using)
    executor = MigrationExecutor(connection)
    outcome.pending_migrations = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return outcome


def _corrupt(path: Path, problem) -> BackupRefused:
    return BackupRefused(_("%(path)s 不是可用的 Fazhi 备份：%(problem)s") % {"path": path, "problem": problem})


def _unpack(path: Path, work: Path) -> tuple[dict, dict[str, Path]]:
    """The manifest and every file it lists, copied out under names of our own and each checked
    against its size and checksum; anything else in the archive makes it untrustworthy."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {member.name: member for member in archive.getmembers()}
            if MANIFEST not in members or not members[MANIFEST].isfile():
                raise _corrupt(path, _("缺少清单 manifest.json"))
            manifest = _parse_manifest(path, archive.extractfile(members[MANIFEST]).read())
            listed = manifest["files"]
            extra = sorted(set(members) - set(listed) - {MANIFEST})
            if extra:
                raise _corrupt(path, _("含有清单之外的文件 %(name)s") % {"name": extra[0]})
            extracted = {}
            for number, (name, expected) in enumerate(sorted(listed.items())):
                member = members.get(name)
                if member is None or not member.isfile():
                    raise _corrupt(path, _("缺少清单所列的文件 %(name)s") % {"name": name})
                target = work / f"{number:06d}"
                digest, size = hashlib.sha256(), 0
                with archive.extractfile(member) as source, target.open("wb") as copy:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        copy.write(chunk)
                if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
                    raise _corrupt(path, _("文件 %(name)s 与清单中的校验和不符（已损坏或被改动）") % {"name": name})
                extracted[name] = target
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise _corrupt(path, _("无法读取归档（%(error)s）") % {"error": exc}) from None
    return manifest, extracted


def _parse_manifest(path: Path, text: bytes) -> dict:
    try:
        manifest = json.loads(text)
        version = manifest["format"]
        if isinstance(version, int) and version > FORMAT:
            raise BackupRefused(
                _("备份格式版本为 %(version)s，本程序只认识到 %(known)s，请用更新的版本恢复。")
                % {"version": version, "known": FORMAT}
            )
        files = manifest["files"]
        valid = (
            version == FORMAT
            and manifest.get("application") == "fazhi"
            and manifest["vendor"] in _DATABASE_FILES
            and manifest["database"] in files
            and all(isinstance(entry, list) and len(entry) == 2 for entry in manifest["migrations"])
            and all(
                _safe_name(name) and isinstance(entry["size"], int) and isinstance(entry["sha256"], str)
                for name, entry in files.items()
            )
            and (manifest["audit_head"] is None or isinstance(manifest["audit_head"]["sequence"], int))
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise _corrupt(path, _("清单无法解读（%(error)s）") % {"error": exc}) from None
    if not valid:
        raise _corrupt(path, _("清单内容不完整或有误"))
    return manifest


def _safe_name(name) -> bool:
    parts = PurePosixPath(name).parts if isinstance(name, str) else ()
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and name != MANIFEST


def _check_fits(manifest: dict, connection, *, force: bool) -> None:
    """Refuse a backup of another vendor, of migrations this code does not have, or over data."""
    if manifest["vendor"] != connection.vendor:
        raise BackupRefused(
            _("这是 %(backup)s 数据库的备份，不能恢复到当前的 %(current)s 数据库。")
            % {"backup": manifest["vendor"], "current": connection.vendor}
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.graph.nodes) | set(loader.replacements)
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupRefused(
            _("备份来自更新版本的程序（本程序没有迁移 %(names)s），请先升级程序再恢复。")
            % {"names": "、".join(unknown[:5]) + ("…" if len(unknown) > 5 else "")}
        )
    if not force and not _is_empty(connection):
        raise BackupRefused(_("当前数据库已有数据（用户、单位或审计事件），恢复会覆盖它们；确需覆盖请加 --force。"))


def _is_empty(connection) -> bool:
    tables = set(connection.introspection.table_names())
    return not any(
        model._meta.db_table in tables and model.objects.using(connection.alias).exists()
        for model in (User, Body, AuditEvent)
    )


def _restore_sqlite(connection, database: Path) -> None:
    """The backup API again, the other way: the live database's pages replaced in one step,
    under its write lock, so other connections see the old or the new database, never a mix."""
    connection.ensure_connection()
    try:
        with contextlib.closing(sqlite3.connect(database)) as source:
            source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise BackupFailed(_("恢复 SQLite 数据库失败：%(error)s") % {"error": exc}) from None


_TOC_TABLE = re.compile(r"^\d+;\s+\d+\s+\d+\s+TABLE\s+(?!DATA\s)\S+\s+(?P<name>\S+)\s")


def _restore_postgresql(connection, dump: Path) -> None:
    """pg_restore's script (clean, no owner) run by psql as one transaction that commits only
    once pg_restore has finished well. First in it: dropping our models' tables that the dump does
    not have (a later migration's), whose foreign keys would block the clean and whose presence
    would then block `fazhi migrate`."""
    pg_restore, psql = _tool("pg_restore"), _tool("psql")
    listing = _run([pg_restore, "--list", str(dump)])
    dumped = {match["name"] for line in listing.splitlines() if (match := _TOC_TABLE.match(line))}
    if "django_migrations" not in dumped:  # never drop "stale" tables on a listing we misread
        raise BackupFailed(_("pg_restore --list 的目录中找不到 django_migrations 表，未作任何改动。"))
    stale = sorted(set(connection.introspection.django_table_names(only_existing=True)) - dumped)
    prefix = "BEGIN;\n"
    if stale:
        prefix += f"DROP TABLE IF EXISTS {', '.join(map(connection.ops.quote_name, stale))} CASCADE;\n"
    load_args, env = _pg_command(psql, connection, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-")
    env["PGOPTIONS"] = f"{os.environ.get('PGOPTIONS', '')} -c client_min_messages=warning".strip()
    script_args = [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-", str(dump)]
    with tempfile.TemporaryFile() as script_errors, tempfile.TemporaryFile() as load_errors:
        script = subprocess.Popen(script_args, stdout=subprocess.PIPE, stderr=script_errors)
        load = subprocess.Popen(
            load_args,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=load_errors,
            env={**os.environ, **env},
        )
        try:
            load.stdin.write(prefix.encode())
            shutil.copyfileobj(script.stdout, load.stdin, _CHUNK)
            if script.wait() == 0:
                load.stdin.write(b"COMMIT;\n")
            load.stdin.close()
        except BrokenPipeError:  # psql stopped at an error and rolled back; its message says which
            script.kill()
            with contextlib.suppress(BrokenPipeError):
                load.stdin.close()
        for process, errors in ((load, load_errors), (script, script_errors)):
            if process.wait() != 0:
                errors.seek(0)
                raise _failed(process.args[0], process.returncode, errors.read().decode(errors="replace"))


def _put(storage, name: str, source: Path) -> None:
    if storage.exists(name):
        storage.delete(name)
    with source.open("rb") as handle:
        saved = storage.save(name, File(handle, name=posixpath.basename(name)))
    if saved != name:
        raise BackupFailed(_("上传文件 %(name)s 未能按原名恢复（存为 %(saved)s）。") % {"name": name, "saved": saved})


def _verify_chain(head: dict | None, using: str) -> int:
    result = audit.verify(using)
    if not result.ok:
        raise BackupFailed(
            _("数据已恢复，但审计链在序号 %(sequence)d 处断开：%(reason)s")
            % {"sequence": result.broken_sequence, "reason": result.reason}
        )
    if head is not None:
        mismatch = audit.check_anchor(head["sequence"], head["algorithm"], head["hash"], using)
        if mismatch:
            raise BackupFailed(_("数据已恢复，但审计链与备份时的链头不符：%(reason)s") % {"reason": mismatch})
    return result.checked


# --------------------------------------------------------------------------- PostgreSQL tools


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupFailed(
            _("找不到 %(tool)s：请安装与数据库服务器同版本的 PostgreSQL 客户端（Debian：postgresql-client）。")
            % {"tool": name}
        )
    return path


def _pg_command(program: str, connection, *arguments: str) -> tuple[list[str], dict]:
    """`program` with the connection's host, port, user and database; the password and TLS
    settings in the environment, never on the command line."""
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    return [program, *args[1:-1], "--no-password", "--dbname", args[-1], *arguments], env or {}


def _run(args: list[str], env: dict | None = None) -> str:
    try:
        completed = subprocess.run(
            args,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=_TOOL_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupFailed(_("%(tool)s 无法运行：%(error)s") % {"tool": Path(args[0]).name, "error": exc}) from None
    if completed.returncode != 0:
        raise _failed(args[0], completed.returncode, completed.stderr)
    return completed.stdout


def _failed(tool: str, status: int, errors: str) -> BackupFailed:
    return BackupFailed(
        _("%(tool)s 失败（退出状态 %(status)d）：%(error)s")
        % {"tool": Path(tool).name, "status": status, "error": errors.strip()}
    )
