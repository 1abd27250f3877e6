"""`fazhi grade FILE.csv` as a shell sees it: stdout, stderr and the exit status."""

import csv
import io

import pytest

from fazhi.core.testing.commands import call_fazhi
from fazhi.core.testing.processes import run_fazhi


@pytest.fixture
def write(tmp_path):
    def write(text: str, *, encoding="utf-8", name="scores.csv"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


def rows(result):
    return list(csv.reader(io.StringIO(result.stdout)))


CITY = "\n".join(
    [
        "body,group,score",
        "市市场监督管理局,市直单位,92.5",
        "蓬江区人民政府,各市（区）政府,88",
        "市生态环境局,市直单位,85",
        "市司法局,市直单位,79.5",
        "市自然资源局,市直单位,81",
        "市信访局,市直单位,58",
        "江海区人民政府,各市（区）政府,70",
    ]
)


def test_grades_in_input_order_with_ranks_per_group_and_the_rule_on_stderr(write):
    result = call_fazhi("grade", write(CITY))
    assert result.returncode == 0, result.stderr
    assert rows(result) == [
        ["body", "group", "score", "rank", "grade", "flag"],
        ["市市场监督管理局", "市直单位", "92.5", "1", "优秀", ""],
        ["蓬江区人民政府", "各市（区）政府", "88", "1", "良好", ""],
        ["市生态环境局", "市直单位", "85", "2", "良好", ""],
        ["市司法局", "市直单位", "79.5", "4", "良好", ""],
        ["市自然资源局", "市直单位", "81", "3", "良好", ""],
        ["市信访局", "市直单位", "58", "5", "一般", "建议取消当年度评优评先资格"],
        ["江海区人民政府", "各市（区）政府", "70", "2", "良好", ""],
    ]
    assert "评定规则" in result.stderr


def test_a_bom_and_columns_in_another_order_are_read(write):
    text = "\ufeffscore,body,group\n80,甲局,市直单位\n70,乙局,市直单位\n"
    result = call_fazhi("grade", write(text))
    assert result.returncode == 0, result.stderr
    assert rows(result)[1] == ["甲局", "市直单位", "80", "1", "良好", ""]


def test_score_is_printed_as_given(write):
    result = call_fazhi("grade", write("body,group,score\n甲局,市直单位,079.50\n"))
    assert rows(result)[1][2] == "079.50"


def test_exclusive_80_and_quota_options(write):
    text = "body,group,score\n" + "\n".join(f"局{i},市直单位,{s}" for i, s in enumerate([80, 79, 78]))
    assert [r[4] for r in rows(call_fazhi("grade", write(text)))[1:]] == ["良好"] * 3
    nearest = rows(call_fazhi("grade", "--quota", "nearest", write(text)))
    assert [r[4] for r in nearest[1:]] == ["优秀", "良好", "一般"]
    exclusive = rows(call_fazhi("grade", "--quota", "nearest", "--exclusive-80", write(text)))
    assert [r[4] for r in exclusive[1:]] == ["良好", "良好", "一般"]
    one = rows(call_fazhi("grade", "--quota", "at-least-one", write("body,group,score\n甲局,市直单位,50\n")))
    assert one[1][4:] == ["一般", "建议取消当年度评优评先资格"]


def test_max_score_allows_bonus_points(write):
    path = write("body,group,score\n甲局,市直单位,103\n")
    refused = call_fazhi("grade", path)
    assert refused.returncode == 2
    assert "第2行" in refused.stderr and "0至100" in refused.stderr
    assert refused.stdout == ""
    assert call_fazhi("grade", "--max-score", "105", path).returncode == 0


@pytest.mark.parametrize(
    "text, message",
    [
        ("body,score\n甲局,90\n", "第1行：缺少列 group"),
        ("", "第1行：文件为空"),
        ("body,group,score\n甲局,市直单位,九十\n", "第2行：得分“九十”不是数字"),
        ("body,group,score\n甲局,市直单位,NaN\n", "第2行：得分“NaN”不是数字"),
        ("body,group,score\n甲局,市直单位,-1\n", "第2行：得分-1超出0至100的范围"),
        ("body,group,score\n甲局,市直单位,90\n乙局,市直单位,80\n甲局,市直单位,70\n", "第4行：单位“甲局”与第2行重复"),
        ("body,group,score\n,市直单位,90\n", "第2行：单位（body）为空"),
        ("body,group,score\n甲局,,90\n", "第2行：分组（group）为空"),
        ("body,group,score\n甲局,市直单位\n", "第2行：应有3列，实有2列"),
    ],
)
def test_bad_input_names_the_line_and_exits_2(write, text, message):
    result = call_fazhi("grade", write(text))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_every_bad_line_is_named_at_once(write):
    result = call_fazhi("grade", write("body,group,score\n甲局,市直单位,x\n乙局,市直单位,200\n"))
    assert "第2行" in result.stderr and "第3行" in result.stderr


def test_a_file_that_is_not_utf8_or_not_there(write, tmp_path):
    assert (
        "不是 UTF-8 编码" in call_fazhi("grade", write("body,group,score\n甲局,市直单位,90\n", encoding="gbk")).stderr
    )
    missing = call_fazhi("grade", str(tmp_path / "none.csv"))
    assert missing.returncode == 2 and "不存在" in missing.stderr


def test_bad_options_exit_2(write):
    path = write(CITY)
    assert call_fazhi("grade", "--quota", "ceiling", path).returncode == 2
    assert call_fazhi("grade", "--max-score", "zero", path).returncode == 2
    assert call_fazhi("grade", "--max-score", "0", path).returncode == 2


def test_in_a_process_stdout_is_only_the_csv(write):
    result = run_fazhi("grade", write(CITY))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "body,group,score,rank,grade,flag"
    assert len(result.stdout.splitlines()) == 8
    assert "评定规则" in result.stderr
    refused = run_fazhi("grade", write("body,group,score\n甲局,市直单位,abc\n"))
    assert (refused.returncode, refused.stdout) == (2, "")
    assert "第2行" in refused.stderr
