"""The `fazhi audit` and `fazhi sweep` commands: exit 0 / 1 / 2 with a Chinese message, never a traceback."""

import json

import pytest
from django.db import connection

from fazhi.core import audit, jobs
from fazhi.core.choices import BodyKind
from fazhi.core.management.base import BadInput, translate_argparse_message
from fazhi.core.models import AuditEvent, JobRun
from fazhi.core.services.bodies import create_body
from fazhi.core.testing.commands import call_fazhi
from fazhi.core.testing.processes import describe, fazhi_in_parallel, run_fazhi


def _chain(count: int) -> None:
    for number in range(count):
        create_body(actor=None, code=f"c{number}", name=f"单位{number}", kind=BodyKind.CITY_DEPARTMENT)


@pytest.fixture
def chain(db, django_capture_on_commit_callbacks):
    """Five chained events inside the test's transaction (for in-process commands)."""
    with django_capture_on_commit_callbacks(execute=True):
        _chain(5)
    return list(AuditEvent.objects.order_by("sequence"))


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


# --------------------------------------------------------------------------- real processes


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_audit_verify_in_a_process_passes_then_names_the_tampered_then_the_missing_event():
    _chain(5)
    head = AuditEvent.objects.get(sequence=5)

    intact = run_fazhi("audit", "verify")
    assert intact.returncode == 0, intact.describe()
    assert "已校验 5 个审计事件" in intact.stdout
    assert f"sequence=5 sm3={head.hash}" in intact.stdout

    _sql("UPDATE core_auditevent SET data = %s WHERE sequence = 3", ['{"after":{"name":"改过"}}'])
    tampered = run_fazhi("audit", "verify")
    assert tampered.returncode == 1, tampered.describe()
    assert "序号 3" in tampered.stderr
    assert "已被改动" in tampered.stderr
    assert "Traceback" not in tampered.stderr

    _sql("DELETE FROM core_auditevent WHERE sequence = 2")
    gap = run_fazhi("audit", "verify", "--json")
    assert gap.returncode == 1, gap.describe()
    report = json.loads(gap.stdout)
    assert report["ok"] is False
    assert report["broken"]["sequence"] == 2
    assert "缺少序号为 2 的事件" in report["broken"]["reason"]
    assert "序号 2" in gap.stderr


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_anchor_in_a_process_prints_the_head():
    _chain(3)
    head = AuditEvent.objects.get(sequence=3)
    anchored = run_fazhi("audit", "anchor")
    assert anchored.returncode == 0, anchored.describe()
    assert anchored.stdout.strip() == f"sequence=3 sm3={head.hash}"


@pytest.mark.multiprocess
@pytest.mark.django_db
def test_bad_input_in_a_process_exits_2_with_a_chinese_message():
    results = [
        run_fazhi("audit", "nosuch"),
        run_fazhi("sweep", "--job", "nosuch"),
    ]
    assert [result.returncode for result in results] == [2, 2], describe(results)
    assert "无效的选项 'nosuch'" in results[0].stderr
    assert "未知的任务：nosuch" in results[1].stderr
    assert all("Traceback" not in result.stderr for result in results)


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_audit_chain_sweeps_in_parallel_each_succeed():
    results = fazhi_in_parallel(["sweep", "--job", "audit.chain"], 2)
    assert [result.returncode for result in results] == [0, 0], describe(results)
    assert JobRun.objects.filter(job="audit.chain", succeeded=True).count() == 2


# --------------------------------------------------------------------------- in the test process


def test_verify_reports_the_head_and_count(chain):
    result = call_fazhi("audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "已校验 5 个审计事件" in result.stdout
    assert f"链头：sequence=5 sm3={chain[-1].hash}" in result.stdout
    assert "审计链完整" in result.stdout


def test_verify_json_on_an_intact_chain(chain):
    result = call_fazhi("audit", "verify", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["checked"] == 5
    assert report["broken"] is None
    assert report["head"] == {
        "sequence": 5,
        "algorithm": "sm3",
        "hash": chain[-1].hash,
        "line": f"sequence=5 sm3={chain[-1].hash}",
    }


def test_verify_on_an_empty_chain_succeeds(db):
    result = call_fazhi("audit", "verify")
    assert result.returncode == 0
    assert "已校验 0 个审计事件" in result.stdout


def test_verify_mentions_events_not_yet_chained(chain, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        create_body(actor=None, code="late", name="迟到单位", kind=BodyKind.CITY_DEPARTMENT)
    result = call_fazhi("audit", "verify")
    assert result.returncode == 0
    assert "另有 1 个事件尚未入链" in result.stdout


def test_verify_names_a_rehashed_forgery_by_the_next_link(chain):
    forged = chain[2]
    forged.actor_label = "伪造者"
    forged.hash = audit.compute_hash(forged)
    _sql("UPDATE core_auditevent SET actor_label = %s, hash = %s WHERE id = %s", ["伪造者", forged.hash, forged.pk])
    result = call_fazhi("audit", "verify")
    assert result.returncode == 1
    assert "序号 4" in result.stderr
    assert "前序摘要与上一事件不符" in result.stderr


def test_anchor_prints_sequence_and_hash(chain):
    result = call_fazhi("audit", "anchor")
    assert result.returncode == 0
    assert result.stdout == f"sequence=5 sm3={chain[-1].hash}\n"


def test_anchor_json(chain):
    result = call_fazhi("audit", "anchor", "--json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert (report["sequence"], report["algorithm"], report["hash"]) == (5, "sm3", chain[-1].hash)
    assert report["line"] == f"sequence=5 sm3={chain[-1].hash}"
    assert report["occurred_at"] and report["anchored_at"]


def test_anchor_of_an_empty_chain(db):
    result = call_fazhi("audit", "anchor")
    assert (result.returncode, result.stdout) == (0, "sequence=0 sm3=\n")


def test_verify_against_an_anchor_catches_events_cut_off_the_end(chain):
    line = call_fazhi("audit", "anchor").stdout.strip()
    assert call_fazhi("audit", "verify", "--anchor", line).returncode == 0

    _sql("DELETE FROM core_auditevent WHERE sequence = 5")
    assert call_fazhi("audit", "verify").returncode == 0, "a chain cannot see its own end cut off"
    result = call_fazhi("audit", "verify", "--anchor", line)
    assert result.returncode == 1
    assert "锚点序号为 5，但链头序号只有 4" in result.stderr


def test_verify_against_a_wrong_anchor(chain):
    result = call_fazhi("audit", "verify", "--json", "--anchor", f"sequence=2 sm3={'0' * 64}")
    assert result.returncode == 1
    assert json.loads(result.stdout)["anchor"] == {"line": f"sequence=2 sm3={'0' * 64}", "ok": False}
    assert "序号为 2 的事件摘要与锚点不符" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit"], "缺少必需的参数"),
        (["audit", "nosuch"], "无效的选项 'nosuch'"),
        (["audit", "verify", "--bogus"], "无法识别的参数：--bogus"),
        (["audit", "anchor", "extra"], "无法识别的参数：extra"),
        (["audit", "verify", "--anchor"], "需要提供参数值"),
        (["audit", "verify", "--anchor", "head=12"], "锚点格式有误"),
        (["sweep", "--job", "nosuch"], "未知的任务：nosuch"),
        (["sweep", "--job", "audit.chain", "--job", "nosuch", "--job", "nope"], "未知的任务：nosuch、nope"),
        (["sweep", "--job"], "需要提供参数值"),
        (["sweep", "now"], "无法识别的参数：now"),
    ],
)
def test_bad_input_exits_2_naming_the_problem(db, args, message):
    result = call_fazhi(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not JobRun.objects.exists(), "nothing runs on bad input"


def test_bad_input_through_call_command_raises_bad_input(db):
    from django.core.management import call_command

    with pytest.raises(BadInput) as caught:
        call_command("sweep", "--job", "nosuch")
    assert caught.value.returncode == 2
    with pytest.raises(BadInput, match="无效的选项"):
        call_command("audit", "nosuch")


def test_unfamiliar_argparse_messages_are_kept():
    assert translate_argparse_message("something new") == "something new"
    assert translate_argparse_message("argument --x: invalid int value: 'a'") == "参数 --x：参数值无效：'a'"


def test_sweep_lists_its_jobs(db):
    result = call_fazhi("sweep", "--list")
    assert result.returncode == 0
    assert "audit.chain\t补链审计事件" in result.stdout
    assert "notifications.email\t发送通知邮件" in result.stdout
    assert not JobRun.objects.exists()


def test_sweep_runs_every_job_and_records_it(db):
    result = call_fazhi("sweep")
    assert result.returncode == 0, result.stderr
    assert set(JobRun.objects.values_list("job", flat=True)) == set(jobs.REGISTRY)
    assert "audit.chain（补链审计事件）：完成" in result.stdout


def test_sweep_runs_only_the_jobs_named_once_each(db):
    result = call_fazhi("sweep", "--job", "audit.chain", "--job", "audit.chain")
    assert result.returncode == 0
    assert list(JobRun.objects.values_list("job", flat=True)) == ["audit.chain"]


def test_a_failing_job_exits_1_after_the_others_ran(db, monkeypatch):
    def explode(runner):
        raise RuntimeError("邮件服务器无响应")

    monkeypatch.setitem(jobs.REGISTRY, "aaa.broken", jobs.Job("aaa.broken", "总会失败", explode))
    result = call_fazhi("sweep")
    assert result.returncode == 1
    assert "aaa.broken（总会失败）：失败——RuntimeError: 邮件服务器无响应" in result.stderr
    assert "1 个任务失败：aaa.broken" in result.stderr
    assert "Traceback" not in result.stderr
    runs = dict(JobRun.objects.values_list("job", "succeeded"))
    assert runs == {name: name != "aaa.broken" for name in jobs.REGISTRY}, "every other job still ran and succeeded"


def test_an_unexpected_error_is_a_message_not_a_traceback(db, monkeypatch):
    def explode(names=None, runner=None):
        raise KeyError("oops")

    monkeypatch.setattr(jobs, "run", explode)
    result = call_fazhi("sweep")
    assert result.returncode == 1
    assert "命令执行出错：KeyError" in result.stderr
    assert "Traceback" not in result.stderr
