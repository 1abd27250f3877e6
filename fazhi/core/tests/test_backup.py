"""`fazhi backup` and `fazhi restore`, on whichever database the suite runs on (SQLite or
PostgreSQL): a backup restored into an empty database in another process holds the same rows,
the same uploaded bytes and an unbroken audit chain; a tampered chain exits 1; an archive that
cannot be trusted or does not fit exits 2 and changes nothing."""

import io
import json
import shutil
import tarfile
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from fazhi.core import audit
from fazhi.core.choices import BodyKind
from fazhi.core.models import Attachment, AuditEvent, Body
from fazhi.core.services import submissions as submission_services
from fazhi.core.services.bodies import create_body
from fazhi.core.testing import files, make_city
from fazhi.core.testing.commands import call_fazhi
from fazhi.core.testing.processes import database_url, describe, python_in_parallel, run_fazhi, run_in_parallel

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]

ATTACHMENT = files.pdf_bytes(b"% backup test\n")

STATE = """
import json
from django.apps import apps
from django.core.management import call_command
from fazhi.core import audit
from fazhi.core.models import Attachment

result = audit.verify()
print(json.dumps({
    "counts": {model._meta.label: model._base_manager.count() for model in apps.get_models()},
    "attachments": [attachment.file.read().hex() for attachment in Attachment.objects.all()],
    "chain": [result.ok, result.checked],
}))
"""


@pytest.fixture(autouse=True)
def _postgresql_tools():
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump / pg_restore not on PATH")


def _data_dir(path: Path, **extra: str) -> dict[str, str]:
    """A child process's own data directory and uploads."""
    return {"FAZHI_DATA_DIR": str(path), "FAZHI_MEDIA_ROOT": str(path / "media"), **extra}


@pytest.fixture
def source(tmp_path, settings) -> dict[str, str]:
    """The test database with uploads under tmp_path/source, here and in child processes."""
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    return _data_dir(tmp_path / "source")


@pytest.fixture
def empty_target(tmp_path, transactional_db) -> dict[str, str]:
    """An empty database and data directory of their own: a new SQLite file, or a new PostgreSQL
    database beside the test database."""
    if connection.vendor == "sqlite":
        yield _data_dir(tmp_path / "target", DATABASE_URL=f"sqlite:///{tmp_path / 'restored.sqlite3'}")
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    url = urlsplit(database_url())._replace(path="/" + quote(name, safe="")).geturl()
    yield _data_dir(tmp_path / "target", DATABASE_URL=url)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _seed() -> None:
    """Bodies, a public submission with an attachment, and their audit events (chained)."""
    city = make_city()
    for number in range(3):
        create_body(actor=None, code=f"backup-{number}", name=f"备份单位{number}", kind=BodyKind.CITY_DEPARTMENT)
    submission_services.submit(
        "suggestion",
        {"subject": "备份测试", "content": "请见附件。", "submitter_name": "王五"},
        client_ip="203.0.113.7",
        body=city["market"],
        files=[files.upload("材料.pdf", ATTACHMENT)],
    )


def _counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def _backup(tmp_path: Path) -> Path:
    archive = tmp_path / "backup.tar.gz"
    made = call_fazhi("backup", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    return archive


def test_restore_into_an_empty_database_gives_the_same_rows_files_and_chain(tmp_path, source, empty_target):
    _seed()
    archive = tmp_path / "fazhi.tar.gz"
    made = run_fazhi("backup", "--output", str(archive), env=source)
    assert made.returncode == 0, made.describe()
    assert "上传文件 1 个" in made.stdout
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    attachment = Attachment.objects.get()
    assert manifest["vendor"] == connection.vendor
    assert manifest["files"][f"media/{attachment.file.name}"]["sha256"] == attachment.sha256
    assert manifest["audit_head"]["sequence"] == AuditEvent.objects.count()

    restored = run_fazhi("restore", str(archive), env=empty_target)
    assert restored.returncode == 0, restored.describe()
    assert f"已校验 {AuditEvent.objects.count()} 个审计事件" in restored.stdout

    [result] = python_in_parallel(STATE, 1, env=empty_target)
    assert result.returncode == 0, result.describe()
    state = json.loads(result.stdout.splitlines()[-1])
    assert state["counts"] == _counts()
    assert state["attachments"] == [ATTACHMENT.hex()]
    assert state["chain"] == [True, AuditEvent.objects.count()]


def test_restore_of_a_tampered_audit_chain_exits_1_naming_the_event(tmp_path, source, empty_target):
    _seed()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET data = %s WHERE sequence = 2", ['{"after":{"name":"改过"}}'])
    archive = _backup(tmp_path)

    restored = run_fazhi("restore", str(archive), env=empty_target)
    assert restored.returncode == 1, restored.describe()
    assert "审计链在序号 2 处断开" in restored.stderr
    assert "已被改动" in restored.stderr
    assert "Traceback" not in restored.stderr


def test_restore_refuses_a_database_with_data_unless_forced(tmp_path, source):
    _seed()
    archive = _backup(tmp_path)
    create_body(actor=None, code="later", name="备份之后新建", kind=BodyKind.CITY_DEPARTMENT)

    refused = run_fazhi("restore", str(archive), env=source)
    assert refused.returncode == 2, refused.describe()
    assert "--force" in refused.stderr
    assert Body.objects.filter(code="later").exists()

    forced = run_fazhi("restore", str(archive), "--force", env=source)
    assert forced.returncode == 0, forced.describe()
    assert not Body.objects.filter(code="later").exists()
    assert audit.verify().ok


def test_an_older_backup_forced_over_an_upgraded_database_leaves_it_ready_to_migrate(tmp_path, source):
    _seed()
    call_command("migrate", "reconsideration", "0001", verbosity=0)
    try:
        archive = _backup(tmp_path)
        call_command("migrate", "reconsideration", verbosity=0)
        assert "reconsideration_analysisreport" in connection.introspection.table_names()

        restored = run_fazhi("restore", str(archive), "--force", env=source)
        assert restored.returncode == 0, restored.describe()
        assert "请运行 fazhi migrate" in restored.stdout
        assert "reconsideration_analysisreport" not in connection.introspection.table_names()
    finally:
        call_command("migrate", verbosity=0)  # fails if the restore left the later table behind


WRITER = """
from fazhi.core.choices import BodyKind
from fazhi.core.services.bodies import create_body

for step in range(40):
    create_body(actor=None, code=f"busy-{step}", name=f"并发单位{step}", kind=BodyKind.CITY_DEPARTMENT)
"""


def test_a_backup_taken_while_the_app_writes_is_one_consistent_moment(tmp_path, source, empty_target):
    _seed()
    archive = tmp_path / "busy.tar.gz"
    backup = f"from fazhi.__main__ import main\nsys.argv = ['fazhi', 'backup', '--output', {str(archive)!r}]\nmain()\n"
    results = run_in_parallel([WRITER, backup], env=source)
    assert all(result.returncode == 0 for result in results), describe(results)

    restored = run_fazhi("restore", str(archive), env=empty_target)
    assert restored.returncode == 0, restored.describe()
    assert "审计链完整" in restored.stdout


def _rewrite(archive: Path, change) -> None:
    """Rebuild the archive with `change(name, data)` applied to each member's bytes."""
    with tarfile.open(archive) as opened:
        members = [(member, opened.extractfile(member).read()) for member in opened.getmembers()]
    with tarfile.open(archive, "w:gz") as rebuilt:
        for member, data in members:
            data = change(member.name, data)
            member.size = len(data)
            rebuilt.addfile(member, io.BytesIO(data))


def _manifest(**changes):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        for key, value in changes.items():
            manifest[key] = value(manifest[key]) if callable(value) else value
        return json.dumps(manifest).encode()

    return lambda archive: _rewrite(archive, change)


def _flip_database_byte(archive: Path) -> None:
    def change(name, data):
        return data[:-100] + bytes([data[-100] ^ 1]) + data[-99:] if name.startswith("database.") else data

    _rewrite(archive, change)


def _truncate(archive: Path) -> None:
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])


def _replace_with_text(archive: Path) -> None:
    archive.write_text("这不是备份", encoding="utf-8")


def _without_manifest(archive: Path) -> None:
    with tarfile.open(archive, "w:gz") as rebuilt:
        rebuilt.addfile(tarfile.TarInfo("notes.txt"), io.BytesIO())


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (Path.unlink, "不存在"),
        (_replace_with_text, "不是可用的 Fazhi 备份"),
        (_truncate, "不是可用的 Fazhi 备份"),
        (_without_manifest, "缺少清单"),
        (_flip_database_byte, "校验和不符"),
        (_manifest(vendor=lambda vendor: "postgresql" if vendor == "sqlite" else "sqlite"), "不能恢复到当前的"),
        (_manifest(migrations=lambda applied: [*applied, ["core", "9999_future"]]), "core.9999_future"),
        (_manifest(format=2), "格式版本为 2"),
    ],
    ids=["missing", "not-a-backup", "truncated", "no-manifest", "checksum", "vendor", "newer-migrations", "format"],
)
def test_bad_archive_exits_2_and_changes_nothing(tmp_path, source, spoil, message):
    make_city()
    archive = _backup(tmp_path)
    spoil(archive)
    create_body(actor=None, code="later", name="备份之后新建", kind=BodyKind.CITY_DEPARTMENT)

    refused = call_fazhi("restore", str(archive), "--force")
    assert refused.returncode == 2, refused.stderr
    assert message in refused.stderr
    assert "Traceback" not in refused.stderr
    assert Body.objects.filter(code="later").exists()
