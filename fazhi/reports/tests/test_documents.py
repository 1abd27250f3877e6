"""The report as documents: the DOCX (GB/T 9704, python-docx reads it back) with the numbers the
records give, and the PDF (WeasyPrint) with the same sections."""

import datetime
import io

import docx
import pypdf

from fazhi.litigation import testing as litigation
from fazhi.reports import report as content
from fazhi.reports import testing

D = datetime.date
HEADINGS = [
    "一、主要举措和成效",
    "二、法治政府建设有关指标的落实情况",
    "三、存在的不足和原因",
    "四、主要负责人履行推进法治建设第一责任人职责情况",
    "五、下一年度工作安排",
]


def _approved_with_court_cases(today, city, staff):
    """Two cases heard in 2026, the director in court at one: art. 36's rate is 1/2."""
    today.set(D(2026, 5, 1))
    litigation.heard(city["market"], staff["clerk"], on="2026-04-10", head=True)
    litigation.heard(city["market"], staff["clerk"], on="2026-04-20", head=False)
    today.set(D(2027, 1, 20))
    return testing.approved(city["market"], staff["clerk"], staff["head"], year=2026)


def _paragraphs(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def _rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_the_docx_opens_and_its_figures_are_the_records(today, city, staff, host):
    report = _approved_with_court_cases(today, city, staff)

    document = docx.Document(io.BytesIO(content.docx_bytes(report)))

    paragraphs = _paragraphs(document)
    assert paragraphs[0] == "江门市市场监督管理局"  # the organ's mark, over the red rule
    assert "江门市市场监督管理局关于2026年度法治政府建设情况的报告" in paragraphs
    assert "江门市人民政府、江门市依法行政工作领导小组办公室（设在江门市司法局）：" in paragraphs
    assert [p for p in paragraphs if p[:2] in {h[:2] for h in HEADINGS}] == HEADINGS
    assert "（六）强化对行政权力的监督和制约" in paragraphs  # seed chapter 七, the sixth in the report
    assert paragraphs[-2:] == ["江门市市场监督管理局", "2027年1月20日"]  # 成文日期: the head's approval
    rows = _rows(document)
    assert rows[0] == ["条款", "要求", "落实情况", "数据", "说明"]
    court = next(row for row in rows if row[0] == "（三十六）")
    assert court[2:4] == ["已落实", "1/2"] and "出庭应诉率 50.0%" in court[4]
    assert "（三十五）" not in [row[0] for row in rows]
    assert testing.TEXTS["shortcomings"] in paragraphs


def test_a_government_docx_sums_the_bodies_under_it(today, city, staff, host):
    today.set(D(2027, 1, 20))
    testing.sent(city["market"], staff["clerk"], staff["head"], year=2026, sent_on="2027-01-20", publish=True)
    report = testing.approved(city["government"], staff["office"], staff["mayor"], year=2026)

    document = docx.Document(io.BytesIO(content.docx_bytes(report)))

    # Seven chapters bind the city government (it is not an enforcement agency here), then the sum.
    assert "（八）所属单位落实情况汇总" in _paragraphs(document)
    assert "所属单位 5 个。" in _paragraphs(document)
    rows = {row[0]: row for row in _rows(document) if row[0].startswith("（")}
    # Art. 35 on 20 January: the market bureau met it, the four others are not yet due.
    assert rows["（三十五）"][2:] == ["5", "1", "0", "4"]


def test_the_pdf_has_the_same_sections(today, city, staff, host):
    report = _approved_with_court_cases(today, city, staff)

    pdf = pypdf.PdfReader(io.BytesIO(content.pdf_bytes(report)))

    text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "").replace("\n", "")
    assert "江门市市场监督管理局关于2026年度法治政府建设情况的报告" in text
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "（六）强化对行政权力的监督和制约" in text and "2027年1月20日" in text
    assert len(pdf.pages) >= 2


def test_a_draft_document_is_dated_when_approved_and_lists_the_planned_recipients(today, city, staff, host):
    report = testing.written(city["market"], staff["clerk"], year=2026)
    data = content.sections(report)
    assert data["written_on"] is None and data["addressees"].startswith("江门市人民政府、")
    document = docx.Document(io.BytesIO(content.docx_bytes(report)))
    assert _paragraphs(document)[-1] == "＿＿＿＿＿＿年＿＿＿＿＿＿月＿＿＿＿＿＿日"
