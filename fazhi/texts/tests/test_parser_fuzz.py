"""The document parser under generated input (issue 11, fuzzing): whatever a clerk uploads or
pastes — arbitrary bytes, law-shaped text with its numbering scrambled, a real law with lines
dropped and repeated — the parser answers with a document or with one of its own `ParseError`s,
which the pages turn into a Chinese message; never another exception."""

import datetime
import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.powers.laws import parse_law
from fazhi.texts import parser
from fazhi.texts.tests.corpus import law_path

FUZZ = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# The pieces the parser recognises, so that generated text reaches its structure rules.
PIECES = [
    "江门市人民政府关于印发某某办法的通知",
    "江府规〔2018〕3号",
    "各市（区）人民政府，市政府各部门、各直属机构：",
    "第一章 总则",
    "第十二章",
    "第三节 监督检查",
    "第一条 为了规范行政行为，制定本办法。",
    "第二条",
    "第十条之一 本条可以单独成行。",
    "第一百零一条 本办法自印发之日起施行。",
    "（一）依法行政；",
    "（十二）",
    "一、总体要求",
    "二十、",
    "附件：江门市某某办法",
    "江门市人民政府",
    "2018年4月24日",
    "二〇一八年四月二十四日",
    "",
    "   ",
    "\u3000\u3000",
]
LINES = st.one_of(st.sampled_from(PIECES), st.text(max_size=40))


def _answers(call, *args):
    """The parser's answer, or its own refusal; any other exception fails the test."""
    try:
        return call(*args)
    except parser.ParseError:
        return None


def _well_formed(document) -> None:
    """Whatever was found reads as a document: a title, articles numbered as written, in order."""
    if document is None:
        return
    assert isinstance(document.title, str)
    assert getattr(document, "signed_on", None) is None or isinstance(document.signed_on, datetime.date)
    assert [article.ordinal for article in document.articles] == list(range(1, len(document.articles) + 1))
    for article in document.articles:
        assert isinstance(article.number, str) and article.number
        assert isinstance(article.text, str)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_parse_or_are_refused(data):
    _well_formed(_answers(parser.parse_bytes, data))


@FUZZ
@given(lines=st.lists(LINES, max_size=40), newline=st.sampled_from(["\n", "\r\n", "\r", "\u2029"]))
def test_law_shaped_text_in_any_order_parses_or_is_refused(lines, newline):
    _well_formed(_answers(parser.parse_text, newline.join(lines)))


@FUZZ
@given(
    lines=st.lists(LINES, max_size=30),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
)
def test_law_shaped_text_in_the_encodings_offices_use_parses_or_is_refused(lines, encoding):
    _well_formed(_answers(parser.parse_bytes, "\n".join(lines).encode(encoding)))


@functools.cache
def _real_law_lines() -> tuple[str, ...]:
    """行政处罚法 from the corpus; the test is skipped where the corpus is absent."""
    return tuple(law_path("行政法/行政处罚法(2021-01-22).md").read_text(encoding="utf-8").splitlines())


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(["drop", "repeat", "swap", "garble"]), st.integers(0, 10_000)),
        max_size=25,
    ),
    garble=st.text(max_size=10),
)
def test_a_real_law_with_lines_dropped_repeated_and_garbled_still_parses(edits, garble):
    lines = list(_real_law_lines())
    for edit, index in edits:
        index %= max(len(lines), 1)
        if not lines:
            break
        if edit == "drop":
            del lines[index]
        elif edit == "repeat":
            lines.insert(index, lines[index])
        elif edit == "swap":
            other = (index * 7 + 3) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines[index] = lines[index][: len(garble)] + garble
    _well_formed(_answers(parse_law, "\n".join(lines)))
