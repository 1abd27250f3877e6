"""Read a plain-text official document or law into its parts: header, chapters, articles, closing.

Documents reach the platform as text copied out of PDFs and word processors: in UTF-8 or
GB18030, with page numbers (— 3 —) left in, sentences cut at page ends, parentheses in either
width. The obligations registry takes the seed's 56 articles from here and search indexes laws
article by article, so the parser must find the same articles whatever the copy looked like.
No database is involved: this module is pure Python, usable from commands, services and tests.

Two shapes are recognised. Laws and regulations number 第X编 / 第X章 / 第X节 / 第X条; when a
text has 第X条 its 一、 and （一） are items inside articles. Policy documents such as the seed
number 一、 (chapters) and （一） (articles); with only one of those levels it is the article.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from fazhi.texts.numerals import NUMERAL_CHARS, to_int


class ParseError(ValueError):
    """The input cannot be read as text at all (binary, undecodable, empty)."""


class BinaryInput(ParseError):
    pass


class UndecodableInput(ParseError):
    pass


class EmptyInput(ParseError):
    pass


# --- the result ----------------------------------------------------------------------------


@dataclass
class Article:
    number: str  # as written, parentheses in full width: （十四）, 第十条之一, 三、
    ordinal: int  # 1, 2, 3 … through the whole document
    text: str  # without the number; paragraphs separated by "\n"


@dataclass
class Section:
    number: int
    title: str
    first_article: int | None = None  # ordinals, so that a range can be computed from them
    last_article: int | None = None


@dataclass
class Chapter:
    number: int  # 0 for the articles of a document (or its opening part) without chapters
    title: str
    part: str = ""  # the 编 / 分编 the chapter belongs to, as written: 第二编 分则
    intro: str = ""  # text between the heading and the first article, rare
    sections: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = {
            "number": self.number,
            "title": self.title,
            "sections": [
                {
                    "number": section.number,
                    "title": section.title,
                    "first_article": section.first_article,
                    "last_article": section.last_article,
                }
                for section in self.sections
            ],
            "articles": [
                {"number": article.number, "ordinal": article.ordinal, "text": article.text}
                for article in self.articles
            ],
        }
        # Only present where a text has them, so that the common shape stays exactly as specified.
        if self.part:
            data["part"] = self.part
        if self.intro:
            data["intro"] = self.intro
        return data


@dataclass
class ParsedDocument:
    doc_number: str | None
    issuer: str | None
    title: str
    attachment_title: str | None
    signed_on: datetime.date | None
    preamble: str
    chapters: list[Chapter]
    closing: str

    @property
    def articles(self) -> list[Article]:
        return [article for chapter in self.chapters for article in chapter.articles]

    @property
    def sections(self) -> list[Section]:
        return [section for chapter in self.chapters for section in chapter.sections]

    def as_dict(self) -> dict:
        return {
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "title": self.title,
            "attachment_title": self.attachment_title,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "preamble": self.preamble,
            "chapters": [chapter.as_dict() for chapter in self.chapters],
            "closing": self.closing,
        }


# --- reading bytes -------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """The text of a file in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    UTF-8 is tried strictly first: GB18030 would accept almost any byte string, so trying it
    first would read UTF-8 as mojibake. A NUL byte or control characters mean a binary file.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableInput(str(exc)) from exc
    else:
        if b"\x00" in data:
            raise BinaryInput("NUL byte")
        if data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise UndecodableInput(str(exc)) from exc
    text = text.lstrip("\ufeff")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise BinaryInput("control characters")
    if not text.strip():
        raise EmptyInput("no text")
    return text


# --- lines and paragraphs ------------------------------------------------------------------

_NUM = f"[{NUMERAL_CHARS}0-9０-９]+"
_CN_NUM = f"[{NUMERAL_CHARS}]+"
_DASHES = "\\-－—–―─‒~～_"
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASHES}]+\s*[0-9０-９]+\s*[{_DASHES}]+"
    r"|第\s*[0-9０-９]+\s*页(?:\s*[，,/]?\s*共\s*[0-9０-９]+\s*页)?"
    r"|[0-9０-９]+\s*/\s*[0-9０-９]+)$"
)
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# Line openings that start a new unit; a line beginning so is never glued onto the line before.
_PART = re.compile(rf"^第(?P<num>{_CN_NUM})(?P<kind>分编|编)(?:[\s\u3000]*(?P<title>.*))?$")
_CHAPTER = re.compile(rf"^第(?P<num>{_NUM})章(?P<sep>[\s\u3000]*)(?P<title>.*)$")
_SECTION = re.compile(rf"^第(?P<num>{_NUM})节(?P<sep>[\s\u3000]*)(?P<title>.*)$")
_ARTICLE = re.compile(
    rf"^(?P<label>第\s*(?P<num>{_CN_NUM}|[0-9０-９]+)\s*条(?:之(?P<sub>{_CN_NUM}))?)"
    r"(?:[\s\u3000]+(?P<text>.*)|(?P<bare>[^的、，。；：,;:之规至和或及与中第所项款].*)|)$"
)
_ITEM1 = re.compile(rf"^(?P<num>{_CN_NUM})、(?P<text>.*)$")
_ITEM2 = re.compile(rf"^[（(]\s*(?P<num>{_CN_NUM})\s*[）)](?P<text>.*)$")
_OTHER_ITEM = re.compile(r"^(?:[0-9０-９]+[.．、]|[（(][0-9０-９]+[）)]|[①-⑳])")

_TERMINAL = set("。！？；：!?;:…")
_CLOSING_QUOTES = set("”’」』\"'")
_PROSE = set("，。；：,;:")

_DATE = re.compile(
    r"(?P<year>[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*"
    r"(?P<month>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<day>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*(?:[0-9０-９]{4})\s*[〕］\]】)）]\s*(?:第\s*)?[0-9０-９]+\s*号"
)
_ORDER_NUMBER = re.compile(rf"^(?P<issuer>.*?令)?\s*[（(]?\s*(?P<number>第\s*{_NUM}\s*号)\s*[）)]?$")
_ATTACHMENT_OF_TITLE = re.compile(r"(?:印发|转发|发布|颁布|公布)\s*[《〈](?P<inner>.+?)[》〉]")
_TITLE_WORDS = re.compile(
    r"(?:通知|意见|办法|规定|条例|决定|细则|规则|方案|法|批复|报告|公告|通告|函|纪要|规划|章程|准则|标准"
    r"|指引|制度|措施|解释|命令|决议|议案|清单|目录|要点|计划|守则|规范)(?:[（(].{1,20}[）)])?$"
)
_CLOSING_MARK = re.compile(
    r"^(?:抄送|抄报|主送|分送|发送|报送)\s*[：:]"
    r"|^(?:公开方式|公开属性|公开类型|信息公开选项|主题词)"
    r"|^附\s*件\s*(?:[：:0-9０-９一二三四五六七八九十]|$)"
    r"|^[（(]此件.*[）)]$"
)
_EFFECT_CLAUSE = re.compile(
    r"^本(?:意见|办法|规定|条例|通知|细则|决定|规则|方案|制度|规划|准则|指引|措施|标准|实施意见|实施细则|实施办法|规范)"
    r".{0,40}?(?:施行|实施|执行|生效|有效)"
)
_HISTORY_WORDS = re.compile(r"通过|修订|修正|公布|发布|批准|颁布")
_ISSUER_OF_HISTORY = re.compile(
    r"(?:第[一二三四五六七八九十]+届)?(?P<body>[\u4e00-\u9fff]{2,30}?)第[一二三四五六七八九十百]+次"
)


def split_lines(text: str) -> list[str]:
    """Lines with every line ending (CRLF, CR, LF, form feed) unified and indentation removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip("".join(_CLOSING_QUOTES) + "）)")
    if not stripped:
        return True
    if stripped != line and stripped[-1] in _TERMINAL:
        return True
    return line[-1] in _TERMINAL


def _opens_unit(line: str) -> bool:
    """Whether a line begins a heading, an article, an item, a closing block, a date or a number."""
    return bool(
        _PART.match(line)
        or _heading(_CHAPTER, line)
        or _heading(_SECTION, line)
        or _ARTICLE.match(line)
        or _ITEM1.match(line)
        or _ITEM2.match(line)
        or _OTHER_ITEM.match(line)
        or _CLOSING_MARK.match(line)
        or is_date_line(line)
        or _HISTORY_OPENING.match(line)
        or _DOC_NUMBER.fullmatch(line)
        or _ORDER_NUMBER.match(line)
    )


def _is_heading_line(line: str) -> bool:
    if _PART.match(line) or _heading(_CHAPTER, line) or _heading(_SECTION, line):
        return True
    # 一、依法行政基本要求: a heading, unless it reads as a sentence (then it is an article).
    return bool(_ITEM1.match(line)) and not any(char in "，。；,;" for char in line)


def _stands_alone(line: str) -> bool:
    """A line never continued: a date, a document or order number, a 版头, a document's title."""
    return bool(
        is_date_line(line)
        or _DOC_NUMBER.fullmatch(line)
        or _ORDER_NUMBER.match(line)
        or (_title_like(line) and (_TITLE_WORDS.search(line) or line.endswith(("文件", "令"))))
    )


def _cut_at_page_end(line: str) -> bool:
    """Whether an unfinished line before a blank line is prose cut by a page end.

    Titles, signatures and headings also end without punctuation and stand apart by blank
    lines, so only what reads as a sentence is continued: an article or item with a body of
    some length, or any line with a comma or stop in it.
    """
    if match := _ARTICLE.match(line) or _ITEM2.match(line):
        body = match.group("text") or match.groupdict().get("bare") or ""
        return len(body.strip()) >= 12 or any(char in _PROSE for char in body)
    return any(char in _PROSE for char in line)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, with page numbers dropped and lines cut by a wrap or a page end joined.

    A line is continued on the next non-empty line when it ends mid-sentence and the next line
    does not open a unit of its own. Across a blank line (a page break leaves one or several)
    that is only believed of prose — a line with a comma or a full stop in it — because titles,
    signatures and headings also end without punctuation and stand apart by blank lines.
    """
    result: list[str] = []
    previous_blank = True
    for line in split_lines(text):
        if not line or is_page_number(line):
            previous_blank = True
            continue
        if result:
            last = result[-1]
            joinable = (
                not _ends_sentence(last)
                and not _opens_unit(line)
                and not _is_heading_line(last)
                and not _stands_alone(last)
                and (not previous_blank or _cut_at_page_end(last))
            )
            if joinable:
                separator = " " if last[-1].isascii() and last[-1].isalnum() and line[0].isascii() else ""
                result[-1] = last + separator + line
                previous_blank = False
                continue
        result.append(line)
        previous_blank = False
    return result


# --- recognising units ---------------------------------------------------------------------


def _heading(pattern: re.Pattern, line: str) -> re.Match | None:
    """A chapter or section heading: short, and no sentence (第七节相应改为第八节，… is not one)."""
    match = pattern.match(line)
    if match is None:
        return None
    title = (match["title"] or "").strip()
    if match["sep"] or not title:
        # 第二章 审查和批准决算，听取和审议…: a comma may sit in a title set apart by a space.
        if len(title) > 40 or any(char in "；;" for char in title) or "。" in title[:-1]:
            return None
    elif len(title) > 20 or any(char in "，。；,;：:" for char in title):
        return None
    try:
        to_int(match["num"])
    except ValueError:
        return None
    return match


def _number(text: str) -> int | None:
    try:
        return to_int(text)
    except ValueError:
        return None


def _full_width_parens(text: str) -> str:
    return text.replace("(", "（").replace(")", "）").replace(" ", "")


def parse_date(text: str) -> datetime.date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return datetime.date(to_int(match["year"]), to_int(match["month"]), to_int(match["day"]))
    except ValueError:
        return None


def is_date_line(line: str) -> bool:
    """A paragraph that is nothing but a date: the 成文日期 under a signature."""
    match = _DATE.fullmatch(line.strip().strip("（()）"))
    return match is not None


def _title_like(line: str) -> bool:
    return (
        0 < len(line) <= 120
        and not any(char in "，。；,;！？" for char in line)
        and not line.endswith(("：", ":"))
        and not is_date_line(line)
        and not _DOC_NUMBER.search(line)
        and not _ORDER_NUMBER.match(line)
        and not _CLOSING_MARK.match(line)
        and not _HISTORY_LINE.match(line)
    )


_HISTORY_LINE = re.compile(r"^[（(]?\s*" + _DATE.pattern)
# A history line as laws print it under the title, (2001年4月28日…通过) or 2001年4月28日 …通过.
_HISTORY_OPENING = re.compile(r"^(?:[（(]\s*" + _DATE.pattern + "|" + _DATE.pattern.replace("?P<", "?P<h_") + r"\s)")


@dataclass
class _Unit:
    kind: str  # part, chapter, section, article, item1, item2, text
    text: str
    number: int | None = None
    label: str = ""
    title: str = ""


def _classify(line: str) -> _Unit:
    if match := _PART.match(line):
        title = (match["title"] or "").strip()
        if not any(char in "，。；" for char in title) and _number(match["num"]) is not None:
            label = f"第{match['num']}{match['kind']}"
            return _Unit("part", line, _number(match["num"]), label, title)
    if match := _heading(_CHAPTER, line):
        return _Unit("chapter", line, to_int(match["num"]), f"第{match['num']}章", (match["title"] or "").strip())
    if match := _heading(_SECTION, line):
        return _Unit("section", line, to_int(match["num"]), f"第{match['num']}节", (match["title"] or "").strip())
    match = _ARTICLE.match(line)
    if match and _number(match["num"]) is not None and (match["sub"] is None or _number(match["sub"]) is not None):
        body = match["text"] if match["text"] is not None else (match["bare"] or "")
        label = re.sub(r"\s+", "", match["label"])
        return _Unit("article", line, _number(match["num"]), label, body.strip())
    if (match := _ITEM2.match(line)) and _number(match["num"]) is not None:
        label = f"（{match['num']}）"
        return _Unit("item2", line, _number(match["num"]), label, match["text"].strip())
    if (match := _ITEM1.match(line)) and _number(match["num"]) is not None:
        return _Unit("item1", line, _number(match["num"]), f"{match['num']}、", match["text"].strip())
    return _Unit("text", line)


# --- the whole document --------------------------------------------------------------------


def parse_bytes(data: bytes) -> ParsedDocument:
    return parse_text(decode(data))


def parse_text(text: str) -> ParsedDocument:
    """Parse a document's text; see the module docstring for the shapes recognised."""
    paras = paragraphs(text)
    if not paras:
        raise EmptyInput("no text")
    units = [_classify(line) for line in paras]
    kinds = {unit.kind for unit in units}

    if "article" in kinds:
        article_kind, chapter_kind = "article", "chapter"
    elif "item2" in kinds:
        article_kind, chapter_kind = "item2", ("item1" if "item1" in kinds else None)
    elif "item1" in kinds:
        article_kind, chapter_kind = "item1", None
    else:
        article_kind, chapter_kind = None, None
    structural = {article_kind, chapter_kind} - {None}
    if article_kind == "article":
        structural |= {"part", "section"}

    first = next((i for i, unit in enumerate(units) if unit.kind in structural), len(units))
    header = paras[:first]
    last_article = max((i for i, unit in enumerate(units) if unit.kind == article_kind), default=None)
    closing_start = len(units)
    if last_article is not None:
        for i in range(last_article + 1, len(units)):
            if _starts_closing(paras, i, units[i], article_kind):
                closing_start = i
                break
    elif first == len(units):
        # No structure at all: the header search below finds title and date; keep the rest as closing.
        closing_start = len(units)

    chapters = _body(units[first:closing_start], article_kind, chapter_kind)
    closing_paras = paras[closing_start:]
    info = _header(header, closing_paras)
    return ParsedDocument(chapters=chapters, closing="\n".join(closing_paras), **info)


def _starts_closing(paras: list[str], i: int, unit: _Unit, article_kind: str | None) -> bool:
    line = paras[i]
    if unit.kind != "text":
        return False
    if _CLOSING_MARK.match(line) or is_date_line(line) or (line.endswith("印发") and parse_date(line)):
        return True
    if article_kind != "article" and _EFFECT_CLAUSE.match(line):
        # Policy documents end with an unnumbered 本意见自…施行; a law's is an article of its own.
        return True
    # A signature: a short line without punctuation directly above a date line.
    return i + 1 < len(paras) and is_date_line(paras[i + 1]) and _title_like(line) and len(line) <= 40


def _body(units: list[_Unit], article_kind: str | None, chapter_kind: str | None) -> list[Chapter]:
    chapters: list[Chapter] = []
    part = ""
    ordinal = 0
    current_article: Article | None = None
    paragraphs_of_article: list[str] = []

    def finish_article() -> None:
        nonlocal current_article
        if current_article is not None:
            current_article.text = "\n".join(filter(None, paragraphs_of_article))
        current_article = None

    def chapter() -> Chapter:
        if not chapters:
            chapters.append(Chapter(number=0, title="", part=part))
        return chapters[-1]

    for unit in units:
        if unit.kind == "part" and article_kind == "article":
            finish_article()
            part = f"{unit.label} {unit.title}".strip()
        elif unit.kind == chapter_kind and chapter_kind is not None:
            finish_article()
            title = unit.title if chapter_kind == "chapter" else unit.text[len(unit.label) :].strip()
            chapters.append(Chapter(number=unit.number or 0, title=title, part=part))
        elif unit.kind == "section" and article_kind == "article":
            finish_article()
            chapter().sections.append(Section(number=unit.number or 0, title=unit.title))
        elif unit.kind == article_kind:
            finish_article()
            ordinal += 1
            label = unit.label if article_kind == "article" else _full_width_parens(unit.label)
            body = unit.title if article_kind == "article" else unit.text[_label_length(unit) :].strip()
            current_article = Article(number=label, ordinal=ordinal, text="")
            paragraphs_of_article = [body]
            target = chapter()
            target.articles.append(current_article)
            if target.sections:
                section = target.sections[-1]
                if section.first_article is None:
                    section.first_article = ordinal
                section.last_article = ordinal
        elif current_article is not None:
            paragraphs_of_article.append(unit.text)
        else:
            target = chapter()
            target.intro = "\n".join(filter(None, [target.intro, unit.text]))
    finish_article()
    if not chapters:
        chapters.append(Chapter(number=0, title=""))
    return chapters


def _label_length(unit: _Unit) -> int:
    if unit.kind == "item2":
        match = _ITEM2.match(unit.text)
        return match.start("text") if match else 0
    return len(unit.label)


def _header(header: list[str], closing: list[str]) -> dict:
    """Title, number, issuer, date and attached text's title from the lines before the body.

    The 成文日期 is the first date standing alone on a line — under the signature of a notice,
    or in the closing for a document signed at its end — never the 印发 date of the 版记. A law
    has no such line; its history lines (2024年9月13日 …修订) give the date of the version.
    """
    doc_number = None
    issuer = None
    banner_issuer = None
    order_issuer = None
    titles: list[int] = []
    used: set[int] = set()
    for i, line in enumerate(header):
        if (match := _DOC_NUMBER.search(line)) and doc_number is None and len(line) <= len(match.group(0)) + 20:
            doc_number = re.sub(r"\s+", "", match.group(0))
            used.add(i)
            continue
        if (match := _ORDER_NUMBER.match(line)) and doc_number is None and (match["issuer"] or len(line) <= 12):
            doc_number = re.sub(r"\s+", "", match["number"])
            if match["issuer"]:
                order_issuer = match["issuer"].strip().removesuffix("令")
            used.add(i)
            continue
        announces_order = i + 1 < len(header) and _ORDER_NUMBER.match(header[i + 1])
        if line.endswith("令") and _title_like(line) and len(line) <= 30 and announces_order:
            order_issuer = line.removesuffix("令")
            used.add(i)
            continue
        if i < 3 and line.endswith("文件") and _title_like(line) and "关于" not in line:
            banner_issuer = line.removesuffix("文件").strip()
            used.add(i)
            continue
        if _title_like(line) or (i == 0 and _title_like(re.sub("[，,]", "", line))):
            # A title has no sentence punctuation, except now and then a comma.
            titles.append(i)

    signed_index = next((i for i, line in enumerate(header) if is_date_line(line)), None)
    signed_on = parse_date(header[signed_index]) if signed_index is not None else None
    signature = None
    if signed_index is not None and signed_index > 0 and signed_index - 1 in titles:
        signature = signed_index - 1
    if signed_on is None:
        for i, line in enumerate(closing):
            if is_date_line(line):
                signed_on = parse_date(line)
                if i > 0 and _title_like(closing[i - 1]) and len(closing[i - 1]) <= 40:
                    issuer = closing[i - 1]
                break
    title_index = next((i for i in titles if i != signature), None)
    title = header[title_index] if title_index is not None else ""

    attachment_index = None
    if title_index is not None:
        wanted = _ATTACHMENT_OF_TITLE.search(title)
        candidates = [i for i in titles if i > title_index and i != signature]
        if wanted:
            attachment_index = next((i for i in candidates if header[i] == wanted["inner"]), None)
        if attachment_index is None and signed_index is not None:
            attachment_index = next((i for i in candidates if i > signed_index), None)
    attachment_title = header[attachment_index] if attachment_index is not None else None

    # The 版头 or the order names the body; a signature may be a person's office (市长).
    if signature is not None:
        issuer = header[signature]
    issuer = banner_issuer or order_issuer or issuer

    history = [line for line in header if _HISTORY_LINE.match(line) and _HISTORY_WORDS.search(line)]
    if signed_on is None and history:
        dated = [(parse_date(line), line) for line in history]
        dated = [(date, line) for date, line in dated if date is not None]
        if dated:
            signed_on = max(date for date, _line in dated)
    if issuer is None:
        for line in history:
            if "通过" in line and (match := _ISSUER_OF_HISTORY.search(_DATE.sub("", line, count=1))):
                issuer = match["body"].strip()
                break

    meta = {title_index, attachment_index, signature, signed_index} - {None}
    last_meta = max(meta, default=-1)
    preamble = [
        line
        for i, line in enumerate(header)
        if i > last_meta and i not in used and not (_HISTORY_LINE.match(line) and _HISTORY_WORDS.search(line))
    ]
    return {
        "doc_number": doc_number,
        "issuer": issuer,
        "title": title,
        "attachment_title": attachment_title,
        "signed_on": signed_on,
        "preamble": "\n".join(preamble),
    }
