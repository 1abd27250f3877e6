"""Official documents as Word files, laid out in the manner of GB/T 9704-2012 (党政机关公文格式).

One writer for the whole platform: enforcement's instruments (行政执法文书) and the yearly
rule-of-law report (法治政府建设年度报告) are written with it, so that margins, fonts and the order
of the parts are decided once. What the standard fixes and this writer follows:

- A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (§5.2.1);
- the text in 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line (§5.2.2), the title in 小标宋 二号
  (22 pt) centred (§7.3.1); the east-asian font is set on every run so that Word does not fall
  back to a Latin face;
- the issuing organ's mark (发文机关标志) in red 小标宋 centred, with a red rule under the head (§7.2.3,
  §7.2.6); the addressees (主送机关) flush left after the title, ending with a full-width colon
  (§7.3.2);
- the levels of headings 一、(黑体) and （一）(楷体) (§7.3.3), numbered by `chinese_numeral`;
- the organ's name and the date written (成文日期) in Arabic numerals, 2027年1月20日, right-aligned
  at the end (§7.3.5).
"""

import datetime
import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"
TEXT_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
RED = RGBColor(0xE6, 0x00, 0x12)
BLANK = "＿＿＿＿＿＿"
_DIGITS = "〇一二三四五六七八九"


def chinese_date(day: datetime.date | None) -> str:
    """成文日期 as GB/T 9704-2012 §7.3.5 writes it: 2027年1月20日 (a blank to fill in when None)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else f"{BLANK}年{BLANK}月{BLANK}日"


def chinese_numeral(number: int) -> str:
    """一 … 九十九, for the headings 一、 and （一） (GB/T 9704-2012 §7.3.3)."""
    if not 1 <= number <= 99:
        raise ValueError(f"no heading numeral for {number}")
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _red_rule(paragraph) -> None:
    """The red separator under the document's head (版头中的分隔线, §7.2.6)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", str(RED))):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


class Writer:
    """An A4 document in the manner of GB/T 9704 (党政机关公文格式)."""

    def __init__(self):
        self.document = docx.Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.document.styles["Normal"]
        normal.font.name = TEXT_FONT
        normal.font.size = Pt(16)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TEXT_FONT)
        normal.paragraph_format.line_spacing = Pt(28)
        normal.paragraph_format.space_after = Pt(0)

    def _paragraph(self, text: str, *, font=TEXT_FONT, size=16, bold=False, align=None, indent=False, color=None):
        paragraph = self.document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        _font(paragraph.add_run(text), font, size, bold=bold, color=color)
        return paragraph

    def head(self, organ: str, title: str, number: str) -> None:
        """An instrument's head: the organ, the instrument's name and its number."""
        self._paragraph(organ, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._paragraph(title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
        if number:
            self._paragraph(number, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._paragraph("")

    def title_block(self, organ: str, title: str, *, number: str = "", addressees: str = "") -> None:
        """A document's head and title: the organ's mark in red over a red rule, the document
        number (发文字号) centred under it if any, the title, and the addressees."""
        self._paragraph(organ, font=TITLE_FONT, size=26, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
        rule = self._paragraph(number, align=WD_ALIGN_PARAGRAPH.CENTER)
        _red_rule(rule)
        self._paragraph("")
        self._paragraph(title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._paragraph("")
        if addressees:
            self._paragraph(addressees.rstrip("：:") + "：")

    def heading(self, text: str, level: int = 1) -> None:
        """一、 in 黑体 (level 1) or （一） in 楷体 (level 2), indented two characters."""
        self._paragraph(text, font=HEADING_FONT if level == 1 else SUBHEADING_FONT, indent=True)

    def text(self, text: str) -> None:
        for line in (text or "").splitlines() or [""]:
            self._paragraph(line.strip(), indent=True)

    def plain(self, text: str) -> None:
        self._paragraph(text)

    def _cell(self, cell, text, *, bold: bool = False, size: float = 14) -> None:
        lines = str(text).splitlines() or [""]
        _font(cell.paragraphs[0].add_run(lines[0]), TEXT_FONT, size, bold=bold)  # a new cell has no run
        for line in lines[1:]:
            _font(cell.add_paragraph().add_run(line), TEXT_FONT, size, bold=bold)

    def table(self, rows: list[tuple[str, str]]) -> None:
        """A two-column table of labels (bold) and values."""
        table = self.document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Mm(40), Mm(116)
            self._cell(cells[0], label, bold=True)
            self._cell(cells[1], value or "")
        self._paragraph("")

    def grid(self, header: list[str], rows: list[list], *, size: float = 10.5) -> None:
        """A table with a header row (bold, repeated on every page) and one row per record."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        head = table.rows[0]
        head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(head.cells, header, strict=True):
            self._cell(cell, text, bold=True, size=size)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                self._cell(cell, "" if text is None else text, size=size)
        self._paragraph("")

    def signature(self, organ: str, day: datetime.date | None, *, seal: bool = True) -> None:
        self._paragraph("")
        self._paragraph(organ + ("（印章）" if seal else ""), align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._paragraph(chinese_date(day), align=WD_ALIGN_PARAGRAPH.RIGHT)

    def content(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
