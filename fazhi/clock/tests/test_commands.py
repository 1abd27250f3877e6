"""`fazhi workdays` and `fazhi due`: their output, and bad input answered with exit 2 in Chinese."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.clock import periods


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_workdays_add():
    # Mon 28 Sep 2026 + 5 wd ends on the 调休 Saturday 10 Oct.
    assert run("workdays", "add", "2026-09-28", "5") == "2026-10-10\n"
    assert run("workdays", "add", "2026-12-25", "10") == "2027-01-11 provisional\n"


@pytest.mark.django_db
def test_due_text_and_json():
    line = run("due", "reconsideration-accept", "2026-09-28").strip()
    assert line.startswith("2026-10-10 期限 5个工作日")
    assert line.endswith("行政复议法（2023）第三十条、第八十八条")
    assert run("due", "disclosure-correction", "2026-12-28").strip().endswith(" provisional")
    data = json.loads(run("due", "litigation-defence", "2026-09-20", "--json"))
    assert data == {
        "matter": "litigation-defence",
        "start": "2026-09-20",
        "due": "2026-10-08",
        "kind": "deadline",
        "unit": "days",
        "length": 15,
        "source": "行政诉讼法（2017）第六十七条",
        "provisional": False,
    }
    assert json.loads(run("due", "decision-comment", "2026-03-02", "--json"))["kind"] == "minimum"


def test_due_list():
    lines = run("due", "--list").splitlines()
    assert len(lines) == len(periods.PERIODS)
    assert (
        "reconsideration-decide\t60日（可延长30日）\t期限\t作出行政复议决定\t行政复议法（2023）第三十九条、第六十二条"
        in lines
    )
    listed = json.loads(run("due", "--list", "--json"))
    assert {row["matter"] for row in listed} == set(periods.PERIODS)


@pytest.mark.django_db
def test_workdays_load_enters_a_year(tmp_path):
    schedule = tmp_path / "2027.txt"
    schedule.write_text("# 2027\n2027-01-01 holiday 元旦\n2027-02-20 workday 春节\n", encoding="utf-8")
    output = run("workdays", "load", str(schedule), "--year", "2027", "--source", "国办发明电〔2026〕1号")
    assert "2027" in output
    assert run("workdays", "add", "2026-12-25", "10") == "2027-01-11\n"
    assert "2027" in run("workdays", "years")


BAD_INPUT = [
    (["due", "no-such-matter", "2026-03-02"], "未知的期限事项"),
    (["due", "reconsideration-accept", "2026-02-30"], "日期无效"),
    (["due", "reconsideration-accept", "2026/3/2"], "日期无效"),
    (["due", "reconsideration-accept"], "请给出期限事项和起算日期"),
    (["due"], "请给出期限事项和起算日期"),
    (["due", "--list", "reconsideration-accept"], "--list 不能与"),
    (["due", "coercion-onsite-report", "2026-10-01T25:00"], "时刻无效"),
    (["workdays", "add", "2026-02-30", "3"], "日期无效"),
    (["workdays", "add", "2026-03-02", "0"], "天数无效"),
    (["workdays", "add", "2026-03-02", "-3"], "天数无效"),
    (["workdays", "add", "2026-03-02", "three"], "天数无效"),
    (["workdays", "add", "2026-03-02"], "缺少必需的参数"),
    (["workdays", "load", "/no/such/file", "--year", "2027", "--source", "x"], "无法读取文件"),
    (["workdays", "load", "/no/such/file", "--year", "27", "--source", "x"], "年度无效"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), BAD_INPUT, ids=[" ".join(a) for a, _m in BAD_INPUT])
def test_bad_input_is_refused_with_exit_2(args, message):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 2
    assert message in str(caught.value)


@pytest.mark.django_db
def test_bad_schedule_file_is_refused(tmp_path):
    schedule = tmp_path / "bad.txt"
    schedule.write_text("2027-01-05 workday 周二\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("workdays", "load", str(schedule), "--year", "2027", "--source", "x")
    assert caught.value.returncode == 2 and "本是工作日" in str(caught.value)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "no-such-matter", "2026-03-02"], "未知的期限事项"),
        (["workdays", "add", "2026-02-30", "3"], "日期无效"),
        (["workdays", "add", "2026-03-02", "0"], "天数无效"),
        (["workdays", "add", "2026-03-02", "x"], "天数无效"),
    ],
)
def test_the_real_command_line_exits_2_without_a_traceback(args, message, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "fazhi", *args],
        env={"PATH": "/usr/bin:/bin", "FAZHI_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
