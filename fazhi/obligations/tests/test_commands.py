"""`fazhi obligations list` and `check`: their output, and bad input answered with exit 2 in Chinese."""

import json

import pytest

from fazhi.core.choices import BodyKind
from fazhi.core.testing import api_client, make_body, make_user
from fazhi.core.testing.commands import call_fazhi
from fazhi.intake.models import Channel


def test_list_json_shape():
    result = call_fazhi("obligations", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["article"] for row in rows] == list(range(1, 57))
    for row in rows:
        assert set(row) == {"article", "chapter", "text", "kinds", "module", "automatic"}
        assert isinstance(row["kinds"], list) and row["kinds"]
        assert isinstance(row["automatic"], bool)
        assert 1 <= row["chapter"] <= 9
    assert rows[13]["module"] == "decisions" and "合法性审查" in rows[13]["text"]
    assert rows[37]["automatic"] is True
    assert rows[44]["automatic"] is False
    assert rows[49]["kinds"] == ["metric"]


def test_list_as_a_table():
    result = call_fazhi("obligations", "list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "第1部分 依法行政基本要求"
    assert any(line.startswith("第38条\t") and line.endswith("自动检查") for line in lines)
    assert any(line.startswith("第45条\t") and line.endswith("待实现") for line in lines)


@pytest.mark.django_db
def test_check_json_for_all_and_one_body():
    government = make_body("江门市人民政府", kind=BodyKind.CITY_GOVERNMENT, code="jm")
    department = make_body("江门市司法局", parent=government, code="jm-sfj")
    Channel.objects.create(body=government, kind="phone", value="12345")  # art. 38: channels published
    result = call_fazhi("obligations", "check", "--year", "2025", "--as-of", "2025-06-30", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["year"], data["as_of"]) == (2025, "2025-06-30")
    assert 38 in [c["article"] for c in data["checks"]]
    art38 = next(c for c in data["checks"] if c["article"] == 38)
    by_code = {row["body_code"]: row for row in art38["results"]}
    assert by_code["jm"]["status"] == "met"
    assert by_code["jm-sfj"]["status"] == "not_met"
    assert "渠道" in by_code["jm-sfj"]["summary"]

    for body in ("jm-sfj", str(department.pk)):
        one = json.loads(call_fazhi("obligations", "check", "--year", "2025", "--body", body, "--json").stdout)
        assert all([row["body"] for row in check["results"]] == [department.pk] for check in one["checks"])

    text = call_fazhi("obligations", "check", "--year", "2025", "--as-of", "2025-06-30")
    assert text.returncode == 0
    assert "第38条" in text.stdout and "未落实" in text.stdout and "已落实" in text.stdout


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--year", "1999"], "年度无效"),
        (["check", "--year", "20x5"], "年度无效"),
        (["check", "--year", "25"], "年度无效"),
        (["check", "--year", "2999"], "年度无效"),
        (["check", "--year", "２０２５"], "年度无效"),
        (["check", "--year", "2025", "--body", "no-such-body"], "未找到单位"),
        (["check", "--year", "2025", "--body", "999999"], "未找到单位"),
        (["check", "--year", "2025", "--as-of", "2025-02-30"], "日期无效"),
        (["check"], "缺少必需的参数"),
        (["nonsense"], "无效的选项"),
        ([], "缺少必需的参数"),
    ],
)
def test_bad_input_exits_2(args, message):
    result = call_fazhi("obligations", *args)
    assert result.returncode == 2, result
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_api_lists_the_registry():
    assert api_client().get("/api/v1/obligations/").status_code in (401, 403)
    client = api_client(make_user())
    response = client.get("/api/v1/obligations/")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 56
    assert rows[39]["clauses"][1]["key"] == "leadership_lectures"
    assert rows[39]["clauses"][1]["applies_to"] == "各市（区）人民政府"
    assert rows[37]["automatic"] is True
    assert [r["article"] for r in client.get("/api/v1/obligations/?chapter=6").json()] == [30, 31, 32, 33]
    assert {r["article"] for r in client.get("/api/v1/obligations/?module=portal").json()} == {11, 19, 31, 38}
    bad = client.get("/api/v1/obligations/?chapter=10")
    assert bad.status_code == 400
    assert "部分应为" in bad.json()["detail"]
