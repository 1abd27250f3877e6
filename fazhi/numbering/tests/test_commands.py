"""`fazhi numbering validate TEXT`: exit 0 with the parts, exit 2 with the problem in Chinese."""

import json

import pytest

from fazhi.core.testing.commands import call_fazhi


def test_a_correct_doc_number_prints_its_parts():
    result = call_fazhi("numbering", "validate", "江府规〔2026〕3号")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "江府规〔2026〕3号\t机关代字：江府规\t年份：2026\t序号：3\n"


def test_json_output():
    result = call_fazhi("numbering", "validate", "江府办〔2018〕7号", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"text": "江府办〔2018〕7号", "prefix": "江府办", "year": 2018, "serial": 7}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("江府规〔2026〕03号", "不加前导零"),
        ("江府规〔2026〕第3号", "不加“第”字"),
        ("江府规[2026]3号", "六角括号"),
        ("江府规〔26〕3号", "四位数字"),
        ("江府规〔2026〕3", "缺少结尾的“号”字"),
        ("", "请填写发文字号"),
    ],
)
def test_a_wrong_doc_number_exits_2_naming_the_problem(text, message):
    result = call_fazhi("numbering", "validate", text)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [("numbering",), ("numbering", "validate"), ("numbering", "check", "x"), ("numbering", "validate", "a", "b")],
)
def test_a_mistyped_command_line_exits_2_in_chinese(args):
    result = call_fazhi(*args)
    assert result.returncode == 2
    assert "参数有误" in result.stderr
