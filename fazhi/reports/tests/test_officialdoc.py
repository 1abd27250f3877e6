"""The platform's one GB/T 9704 writer (`fazhi.core.officialdoc`), read back with python-docx."""

import datetime
import io

import docx
import pytest
from docx.shared import Pt

from fazhi.core.officialdoc import RED, Writer, chinese_date, chinese_numeral


@pytest.mark.parametrize(
    ("number", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (36, "三十六"), (99, "九十九")]
)
def test_heading_numerals(number, text):
    assert chinese_numeral(number) == text


def test_heading_numerals_stop_where_headings_do():
    with pytest.raises(ValueError):
        chinese_numeral(0)
    with pytest.raises(ValueError):
        chinese_numeral(100)


def test_the_date_written_is_in_arabic_numerals():
    assert chinese_date(datetime.date(2027, 1, 20)) == "2027年1月20日"


def test_a_document_has_the_head_the_parts_and_a_table_with_its_header_row():
    writer = Writer()
    writer.title_block("江门市司法局", "关于2026年度法治政府建设情况的报告", addressees="江门市人民政府")
    writer.heading(f"{chinese_numeral(1)}、主要举措和成效")
    writer.heading("（一）完善依法行政制度", level=2)
    writer.grid(["条款", "数据"], [["（五）", "3/4"], ["（六）", None]])
    writer.signature("江门市司法局", datetime.date(2027, 1, 20), seal=False)

    document = docx.Document(io.BytesIO(writer.content()))

    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin, section.left_margin)
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 35, 28]
    organ = document.paragraphs[0]
    assert organ.text == "江门市司法局" and organ.runs[0].font.color.rgb == RED
    assert 'w:color="E60012"' in document.paragraphs[1]._p.xml  # the red rule under the head
    texts = [p.text for p in document.paragraphs]
    assert "江门市人民政府：" in texts and "一、主要举措和成效" in texts
    heading = next(p for p in document.paragraphs if p.text == "（一）完善依法行政制度")
    assert heading.runs[0].font.name == "楷体_GB2312" and heading.runs[0].font.size == Pt(16)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["条款", "数据"]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].font.bold
    assert "w:tblHeader" in table.rows[0]._tr.xml
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [["（五）", "3/4"], ["（六）", ""]]
    assert texts[-2:] == ["江门市司法局", "2027年1月20日"]
