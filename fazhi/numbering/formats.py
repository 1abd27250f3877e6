"""The shapes of numbers: the 发文字号 of GB/T 9704-2012 §7.2.5 and configurable number patterns.

A typed-in 发文字号 is checked piece by piece, so that the clerk who typed `江府规〔2026〕03号`
or `江府规[2026]3号` is told what is wrong and what it should be, not merely that it is wrong.

Patterns are data an office configures (`粤江登字〔{year}〕{serial}号`), so they are read by a
tokenizer of our own that knows four placeholders, never by `str.format`: a pattern such as
`{prefix.__class__}` must be refused, not evaluated. The same tokens render a number and
parse one back, and a parsed number is accepted only if it renders to exactly the text typed.
"""

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import InvalidInput

# DESIGN §4 "Document numbers"; ASCII so that \d is 0-9 (full-width digits are not GB/T 9704).
DOC_NUMBER_RE = re.compile(r"^(\S+?)〔(\d{4})〕([1-9]\d*)号$", re.ASCII)
DOC_NUMBER_TEMPLATE = "{prefix}〔{year}〕{serial}号"
ORDER_TEMPLATE = "{prefix}第{serial}号"
EARLIEST_YEAR = 1949
MAX_TEMPLATE_LENGTH = 100
MAX_PREFIX_LENGTH = 40
MAX_NUMBER_LENGTH = 120

_OPENING = "〔[［【（(〈《{｛<"
_CLOSING = "〕]］】）)〉》}｝>"
_BRACKETED = re.compile(
    rf"^(?P<prefix>[^{re.escape(_OPENING)}]*)(?P<open>[{re.escape(_OPENING)}])"
    rf"(?P<year>[^{re.escape(_CLOSING)}]*)(?P<close>[{re.escape(_CLOSING)}])(?P<serial>.*)号$"
)
_BARE_YEAR = re.compile(r"^(?P<prefix>\D*?)(?P<year>[0-9]{4})年?(?P<serial>[0-9]+)号$")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SERIAL_WIDTH = re.compile(r"^serial:0([1-9])d$")


@dataclass(frozen=True)
class NumberParts:
    """A number taken apart: its text, the issuer's prefix, the year (None if not yearly), the serial."""

    text: str
    prefix: str
    year: int | None
    serial: int

    def as_dict(self) -> dict:
        return {"text": self.text, "prefix": self.prefix, "year": self.year, "serial": self.serial}


def latest_year() -> int:
    """Numbers are given for the year to come at the latest (a document signed in late December)."""
    return timezone.localdate().year + 1


def _refuse(message: str, field: str = "text", code: str = "invalid_number"):
    raise InvalidInput(message, errors={field: [message]}, code=code)


def check_year(year: int, field: str = "text") -> int:
    last = latest_year()
    if not EARLIEST_YEAR <= year <= last:
        _refuse(
            _("年份 %(year)d 不在合理范围内（%(first)d—%(last)d 年）。")
            % {"year": year, "first": EARLIEST_YEAR, "last": last},
            field,
        )
    return year


# --- 发文字号 ------------------------------------------------------------------------------------


def validate_doc_number(text, *, prefix: str | None = None) -> NumberParts:
    """Take a typed 发文字号 apart, or refuse it with a Chinese message naming the problem.

    With `prefix`, the issuer's code must also be that one (the number belongs to a format).
    """
    if not isinstance(text, str):
        _refuse(_("发文字号应为文本。"))
    value = text.strip()
    example = _("如 江府规〔2026〕3号")
    if not value:
        _refuse(_("请填写发文字号（%(example)s）。") % {"example": example})
    if len(value) > MAX_NUMBER_LENGTH:
        _refuse(_("发文字号过长（最多 %(max)d 个字符）。") % {"max": MAX_NUMBER_LENGTH})
    if any(char.isspace() for char in value):
        _refuse(_("发文字号中不能有空格：%(text)s") % {"text": value})
    if _FULL_WIDTH_DIGIT.search(value):
        _refuse(_("发文字号中的数字应为半角阿拉伯数字，不能用全角数字：%(text)s") % {"text": value})
    suggestion = _suggest(value)
    should_be = _("，应为 %(suggestion)s") % {"suggestion": suggestion} if suggestion else ""
    if "第" in value:
        _refuse(
            _("发文字号的序号前不加“第”字（GB/T 9704-2012 第 7.2.5 条）：%(text)s%(should_be)s。")
            % {"text": value, "should_be": should_be}
        )
    if not value.endswith("号"):
        _refuse(
            _("发文字号缺少结尾的“号”字：%(text)s%(should_be)s。")
            % {"text": value, "should_be": should_be or _("，%(example)s") % {"example": example}}
        )

    match = _BRACKETED.match(value)
    if match is None:
        if _BARE_YEAR.match(value):
            _refuse(_("年份应以六角括号〔〕括起：%(text)s%(should_be)s。") % {"text": value, "should_be": should_be})
        _refuse(
            _("发文字号应由机关代字、六角括号〔〕括起的四位年份和序号组成：%(text)s（%(example)s）。")
            % {"text": value, "example": example}
        )
    issuer, year, serial = match["prefix"], match["year"], match["serial"]
    if not issuer:
        _refuse(_("发文字号缺少发文机关代字：%(text)s（%(example)s）。") % {"text": value, "example": example})
    if match["open"] != "〔" or match["close"] != "〕":
        _refuse(
            _("年份应使用六角括号〔〕，不能用“%(brackets)s”：%(text)s%(should_be)s。")
            % {"brackets": match["open"] + match["close"], "text": value, "should_be": should_be}
        )
    if not (year.isascii() and year.isdigit()):
        _refuse(_("年份应为四位阿拉伯数字：〔%(year)s〕。") % {"year": year})
    if len(year) != 4:
        _refuse(_("年份应写全四位数字，如〔2026〕，不能写作〔%(year)s〕。") % {"year": year})
    if not serial:
        _refuse(_("发文字号缺少序号：%(text)s（%(example)s）。") % {"text": value, "example": example})
    if not (serial.isascii() and serial.isdigit()):
        _refuse(_("序号应为阿拉伯数字：%(serial)s。") % {"serial": serial})
    if int(serial) == 0:
        _refuse(_("序号从 1 起编，不能为 0：%(text)s。") % {"text": value})
    if serial.startswith("0"):
        _refuse(_("序号不编虚位，不加前导零：%(text)s%(should_be)s。") % {"text": value, "should_be": should_be})
    check_year(int(year))
    parsed = DOC_NUMBER_RE.match(value)
    if parsed is None:  # every way to miss the pattern is named above; this is the backstop
        _refuse(_("发文字号格式不正确：%(text)s（%(example)s）。") % {"text": value, "example": example})
    parts = NumberParts(value, parsed[1], int(parsed[2]), int(parsed[3]))
    if prefix is not None and parts.prefix != prefix:
        _refuse(
            _("机关代字“%(typed)s”与编号格式的机关代字“%(prefix)s”不符。") % {"typed": parts.prefix, "prefix": prefix}
        )
    return parts


def _suggest(value: str) -> str:
    """The number as it was probably meant, when its parts are all there (else "")."""
    loose = re.match(
        rf"^(?P<prefix>[^{re.escape(_OPENING)}0-9]+?)[{re.escape(_OPENING)}]?(?P<year>[0-9]{{4}})"
        rf"[{re.escape(_CLOSING)}]?年?第?(?P<serial>[0-9]+)号?$",
        value,
    )
    if loose is None or int(loose["serial"]) == 0:
        return ""
    return f"{loose['prefix']}〔{loose['year']}〕{int(loose['serial'])}号"


# --- Configurable patterns -----------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "literal", "prefix", "year" or "serial"
    text: str = ""
    width: int = 0


def tokenize(template: str) -> list[Token]:
    """The pattern's pieces; anything in braces other than the four placeholders is refused."""
    tokens: list[Token] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        _add_literal(tokens, template[position : match.start()])
        name = match[1]
        width = _SERIAL_WIDTH.match(name)
        if name in ("prefix", "year", "serial"):
            tokens.append(Token(name))
        elif width:
            tokens.append(Token("serial", width=int(width[1])))
        else:
            _refuse(
                _("编号模式中的“{%(name)s}”不是可用的占位符；可用的有 {prefix}、{year}、{serial} 和 {serial:04d}。")
                % {"name": name},
                "pattern",
            )
        position = match.end()
    _add_literal(tokens, template[position:])
    return tokens


def _add_literal(tokens: list[Token], text: str) -> None:
    if not text:
        return
    if "{" in text or "}" in text:
        _refuse(_("编号模式中有不成对的花括号：%(text)s") % {"text": text}, "pattern")
    tokens.append(Token("literal", text))


def validate_template(template, *, prefix: str, yearly: bool) -> list[Token]:
    """A pattern fit to number with: one serial, the year when numbering restarts each year."""
    if not isinstance(template, str) or not template.strip():
        _refuse(_("请填写编号模式，如 {prefix}-{year}-{serial:04d}。"), "pattern")
    if len(template) > MAX_TEMPLATE_LENGTH:
        _refuse(_("编号模式过长（最多 %(max)d 个字符）。") % {"max": MAX_TEMPLATE_LENGTH}, "pattern")
    if any(char.isspace() for char in template):
        _refuse(_("编号模式中不能有空格。"), "pattern")
    tokens = tokenize(template)
    kinds = [token.kind for token in tokens]
    if kinds.count("serial") != 1:
        _refuse(_("编号模式须含且只含一个序号占位符 {serial}（或 {serial:04d}）。"), "pattern")
    if kinds.count("year") > 1:
        _refuse(_("年度占位符 {year} 只能出现一次。"), "pattern")
    if yearly and "year" not in kinds:
        _refuse(_("每年重新编号的格式须含年度占位符 {year}，否则不同年度的编号会重复。"), "pattern")
    if not yearly and "year" in kinds:
        _refuse(_("连续编号（不按年度重新编号）的格式不能含年度占位符 {year}。"), "pattern")
    if "prefix" in kinds and not prefix:
        _refuse(_("编号模式使用了 {prefix}，请填写前缀（机关代字）。"), "prefix")
    index = kinds.index("serial")
    for neighbour in (tokens[index - 1] if index else None, tokens[index + 1] if index + 1 < len(tokens) else None):
        if neighbour is not None and _ends_in_digit_or_year(neighbour, prefix, neighbour is tokens[index - 1]):
            _refuse(_("序号前后须有非数字的分隔，否则无法从编号中识别出序号。"), "pattern")
    return tokens


def _ends_in_digit_or_year(token: Token, prefix: str, before: bool) -> bool:
    if token.kind == "year":
        return True
    text = prefix if token.kind == "prefix" else token.text
    if not text:
        return False
    return (text[-1] if before else text[0]).isdigit()


def render(tokens: list[Token], *, prefix: str, year: int | None, serial: int) -> str:
    parts = []
    for token in tokens:
        if token.kind == "literal":
            parts.append(token.text)
        elif token.kind == "prefix":
            parts.append(prefix)
        elif token.kind == "year":
            parts.append(f"{year:04d}")
        else:
            parts.append(f"{serial:0{token.width}d}" if token.width else str(serial))
    return "".join(parts)


def parse(tokens: list[Token], text, *, prefix: str) -> NumberParts:
    """Take a number apart by its pattern; it must render back to exactly the text given."""
    if not isinstance(text, str):
        _refuse(_("编号应为文本。"))
    value = text.strip()
    example = render(tokens, prefix=prefix, year=timezone.localdate().year, serial=1)
    if not value:
        _refuse(_("请填写编号（如 %(example)s）。") % {"example": example})
    pieces = []
    for token in tokens:
        if token.kind == "literal":
            pieces.append(re.escape(token.text))
        elif token.kind == "prefix":
            pieces.append(re.escape(prefix))
        elif token.kind == "year":
            pieces.append("(?P<year>[0-9]{4})")
        else:
            pieces.append("(?P<serial>[0-9]+)")
    match = re.fullmatch("".join(pieces), value)
    if match is None:
        _refuse(_("编号“%(text)s”不符合该编号格式（应如 %(example)s）。") % {"text": value, "example": example})
    year = int(match["year"]) if "year" in match.groupdict() else None
    serial = int(match["serial"])
    if serial == 0:
        _refuse(_("序号从 1 起编，不能为 0：%(text)s。") % {"text": value})
    if year is not None:
        check_year(year)
    expected = render(tokens, prefix=prefix, year=year, serial=serial)
    if expected != value:
        _refuse(
            _("编号“%(text)s”的序号位数不符合编号格式，应为 %(expected)s。") % {"text": value, "expected": expected}
        )
    return NumberParts(value, prefix, year, serial)
