"""The files, opened and compared to the results: the scorecards and the ranking per group (Excel),
the results notice (通报) as a GB/T 9704 DOCX and as a PDF."""

import io
from decimal import Decimal

import docx
import openpyxl
from django.urls import reverse
from pypdf import PdfReader

from fazhi.assessment import exports
from fazhi.assessment.models import Member, Result
from fazhi.core.officialdoc import RED


def _book(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == exports.XLSX_TYPE
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_ranking_has_a_sheet_per_group_equal_to_the_results(client, notified, people):
    client.force_login(people["office"])
    book = _book(client.get(reverse("assessment:ranking-export", args=[notified.pk])))
    assert book.sheetnames == ["市直单位", "各市（区）政府"]
    rows = [list(row) for row in book["市直单位"].iter_rows(values_only=True)]
    assert rows[0][:3] == ["组内排名", "考评对象", "内部考核得分（百分制）"]
    assert rows[1] == [1, "江门市生态环境局", 100, 80, 0, 3, 0, 99, "优秀", None]
    assert rows[2] == [2, "江门市市场监督管理局", 60, 90, 2, 0, 0, 64, "一般", None]
    assert rows[-1][0].startswith("评定规则：分组排名（并列同名次）")
    county = [list(row) for row in book["各市（区）政府"].iter_rows(values_only=True)]
    assert county[1] == [1, "蓬江区人民政府", 50, 70, 0, 0, -1, 53, "一般", "建议取消当年度评优评先资格"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if row and isinstance(row[0], int):
                result = Result.objects.get(evaluation=notified, body__name=row[1])
                assert Decimal(str(row[7])) == result.composite and row[8] == result.grade


def test_the_scorecards_trace_every_leaf_and_a_body_downloads_its_own(client, notified, grouped, people):
    client.force_login(people["office"])
    book = _book(client.get(reverse("assessment:scorecards-export", args=[notified.pk])))
    rows = [list(row) for row in book["评分明细"].iter_rows(values_only=True)]
    assert rows[0] == [
        "考评对象",
        "考评组别",
        "一级指标",
        "二级指标",
        "末级指标",
        "评分方式",
        "分值",
        "得分",
        "来源",
        "计分依据",
    ]
    market = {row[4]: row for row in rows[1:] if row[0] == "江门市市场监督管理局"}
    automatic = market["检察建议按期书面回复"]
    assert automatic[2:4] == ["自觉接受监督", "检察监督"] and automatic[6:9] == [60, 30, "自动计分"]
    assert "第37项：未落实 1/2" in automatic[9] and "蓬检行建" in automatic[9]
    assert market["宣传法治政府建设"][7:10] == [30, "考评员评分", "宣传材料不全。"]
    county = {row[4]: row for row in rows[1:] if row[0] == "蓬江区人民政府"}
    assert county["检察建议按期书面回复"][7:9] == [None, "不适用（不计入）"]
    totals = [list(row) for row in book["得分汇总"].iter_rows(values_only=True)]
    assert len(totals) == 4 and {row[1] for row in totals[1:]} == {
        "江门市市场监督管理局",
        "江门市生态环境局",
        "蓬江区人民政府",
    }
    member = Member.objects.get(scheme=notified.scheme, body=grouped["market"])
    client.force_login(people["market_clerk"])
    own = _book(client.get(reverse("assessment:scorecard-export", args=[member.pk])))
    bodies = {row[0] for row in own["评分明细"].iter_rows(min_row=2, values_only=True)}
    assert bodies == {"江门市市场监督管理局"}
    other = Member.objects.get(scheme=notified.scheme, body=grouped["ecology"])
    assert client.get(reverse("assessment:scorecard-export", args=[other.pk])).status_code == 404
    assert client.get(reverse("assessment:scorecards-export", args=[notified.pk])).status_code == 404


def test_the_notice_as_gbt_9704_docx_and_as_pdf(client, notified, people):
    client.force_login(people["office"])
    response = client.get(reverse("assessment:notice-docx", args=[notified.pk]))
    assert response.status_code == 200 and response["Content-Type"] == exports.DOCX_TYPE
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "江门市人民政府" and document.paragraphs[0].runs[0].font.color.rgb == RED
    assert paragraphs[1] == "江府通〔2027〕3号"
    assert "江门市人民政府关于2026年度依法行政考评结果的通报" in paragraphs
    assert "各市直单位、各市（区）政府：" in paragraphs
    assert any("内部考核占80%，社会评议占20%" in p for p in paragraphs)
    assert "一、考评结果" in paragraphs and "（一）市直单位" in paragraphs and "（二）各市（区）政府" in paragraphs
    assert any("蓬江区人民政府被评定为一般等次且综合得分未达60分" in p for p in paragraphs)
    assert any("请于2027年3月8日前通过平台提出" in p for p in paragraphs)
    assert paragraphs[-1] == "2027年3月1日"
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert tables[0] == [
        ["名次", "单位", "综合得分", "等次"],
        ["1", "江门市生态环境局", "99.00", "优秀"],
        ["2", "江门市市场监督管理局", "64.00", "一般"],
    ]
    assert tables[1] == [["名次", "单位", "综合得分", "等次"], ["1", "蓬江区人民政府", "53.00", "一般"]]
    response = client.get(reverse("assessment:notice-pdf", args=[notified.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("2026年度依法行政考评结果的通报", "江门市生态环境局", "99.00", "优秀", "江府通〔2027〕3号"):
        assert expected in text.replace("\n", "").replace(" ", ""), expected


def test_no_notice_before_results_and_none_for_a_body(client, evaluation, people):
    client.force_login(people["office"])
    response = client.get(reverse("assessment:notice-docx", args=[evaluation.pk]))
    assert response.status_code == 409 and "考评结果尚未计算" in response.content.decode()
    assert client.get(reverse("assessment:ranking-export", args=[evaluation.pk])).status_code == 409
    client.force_login(people["market_clerk"])
    assert client.get(reverse("assessment:notice-pdf", args=[evaluation.pk])).status_code == 404
