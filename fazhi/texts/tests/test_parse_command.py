"""`fazhi parse`: one JSON object for scripts, a Chinese summary for people, exit 2 on bad input."""

import json
import re
from pathlib import Path

import pytest

from fazhi.core.testing.commands import call_fazhi

SEED = Path(__file__).parent / "data" / "seed_jiangfuban_2018_7.txt"


def test_json_output_on_the_seed():
    result = call_fazhi("parse", str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"doc_number", "issuer", "title", "attachment_title", "signed_on", "chapters", "closing"}
    assert data["doc_number"] == "江府办〔2018〕7号"
    assert data["signed_on"] == "2018-04-24"
    assert data["title"] == "江门市人民政府办公室关于印发《江门市关于加强依法行政工作的若干意见》的通知"
    assert data["attachment_title"] == "江门市关于加强依法行政工作的若干意见"
    assert data["issuer"] == "江门市人民政府办公室"
    assert [chapter["number"] for chapter in data["chapters"]] == list(range(1, 10))
    for chapter in data["chapters"]:
        assert set(chapter) == {"number", "title", "sections", "articles"}
        assert chapter["sections"] == []
    articles = [article for chapter in data["chapters"] for article in chapter["articles"]]
    assert [article["ordinal"] for article in articles] == list(range(1, 57))
    assert articles[13] == {
        "number": "（十四）",
        "ordinal": 14,
        "text": "重大行政决策事项在行政机关领导班子集体讨论前，必须由本单位负责法制工作的机构进行合法性审查，"
        "未经合法性审查或者经合法性审查未通过的，不得作出决策。",
    }
    assert articles[-1]["number"] == "（五十六）"
    assert "本意见" not in articles[-1]["text"]
    assert data["closing"].startswith("本意见自印发之日起施行。")
    assert "抄送" in data["closing"] and data["closing"].endswith("印发")


def test_json_output_of_a_law_with_sections(tmp_path):
    path = tmp_path / "law.txt"
    path.write_text(
        "某某条例\n\n第一章 总则\n\n第一条 目的。\n\n第二章 管理\n\n第一节 登记\n\n第二条 登记。\n\n"
        "第三条 公示。\n\n第二节 检查\n\n第四条 检查。\n",
        encoding="gb18030",
    )
    data = json.loads(call_fazhi("parse", str(path), "--json").stdout)
    assert data["doc_number"] is None and data["attachment_title"] is None
    assert data["chapters"][1]["sections"] == [
        {"number": 1, "title": "登记", "first_article": 2, "last_article": 3},
        {"number": 2, "title": "检查", "first_article": 4, "last_article": 4},
    ]


def test_readable_summary_in_chinese():
    result = call_fazhi("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    assert "发文字号：江府办〔2018〕7号" in result.stdout
    assert "成文日期：2018-04-24" in result.stdout
    assert "共 9 章" in result.stdout and "56 条" in result.stdout
    assert "第9章 依法行政的保障、考核和监督（（四十五） 至 （五十六），12 条）" in result.stdout


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary stream \x00")
    undecodable = tmp_path / "broken.txt"
    undecodable.write_bytes("第一条 内容".encode() + b"\x81\x30\x81")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\xef\xbb\xbf \r\n\r\n")
    return {
        "missing": tmp_path / "no-such-file.txt",
        "directory": tmp_path,
        "binary": binary,
        "undecodable": undecodable,
        "empty": empty,
        "blank": blank,
    }


@pytest.mark.parametrize(
    "case, message",
    [
        ("missing", "文件不存在"),
        ("directory", "是目录"),
        ("binary", "不是文本文件"),
        ("undecodable", "无法识别"),
        ("empty", "文件为空"),
        ("blank", "文件为空"),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_bad_input_exits_2_with_a_chinese_message(tmp_path, case, message, as_json):
    path = _bad_inputs(tmp_path)[case]
    result = call_fazhi("parse", str(path), *(["--json"] if as_json else []))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_missing_argument_is_bad_input():
    result = call_fazhi("parse")
    assert result.returncode == 2
    assert re.search(r"[\u4e00-\u9fff]", result.stderr)
