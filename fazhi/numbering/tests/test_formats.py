"""The shapes of numbers: a typed 发文字号 taken apart or refused by name; patterns kept safe."""

import pytest
from django.utils import timezone

from fazhi.core.errors import InvalidInput
from fazhi.numbering import formats


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(InvalidInput) as caught:
        call(*args, **kwargs)
    assert caught.value.errors, "the field in error is named"
    return str(caught.value.detail)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("江府规〔2026〕3号", ("江府规", 2026, 3)),
        ("江府办〔2018〕7号", ("江府办", 2018, 7)),
        ("江市监规〔2025〕112号", ("江市监规", 2025, 112)),
        ("  江府规〔2026〕10号 ", ("江府规", 2026, 10)),
    ],
)
def test_correct_doc_numbers_are_taken_apart(text, parts):
    result = formats.validate_doc_number(text)
    assert (result.prefix, result.year, result.serial) == parts
    assert result.text == text.strip()
    assert formats.DOC_NUMBER_RE.match(result.text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("江府规〔2026〕03号", "序号不编虚位，不加前导零：江府规〔2026〕03号，应为 江府规〔2026〕3号。"),
        (
            "江府规〔2026〕第3号",
            "序号前不加“第”字（GB/T 9704-2012 第 7.2.5 条）：江府规〔2026〕第3号，应为 江府规〔2026〕3号",
        ),
        ("江府规[2026]3号", "年份应使用六角括号〔〕，不能用“[]”：江府规[2026]3号，应为 江府规〔2026〕3号。"),
        ("江府规（2026）3号", "年份应使用六角括号〔〕，不能用“（）”"),
        ("江府规(2026)3号", "年份应使用六角括号〔〕，不能用“()”"),
        ("江府规【2026】3号", "年份应使用六角括号〔〕，不能用“【】”"),
        ("江府规〔2026]3号", "年份应使用六角括号〔〕，不能用“〔]”"),
        ("江府规〔26〕3号", "年份应写全四位数字，如〔2026〕，不能写作〔26〕。"),
        ("江府规〔二〇二六〕3号", "年份应为四位阿拉伯数字"),
        ("江府规2026年3号", "年份应以六角括号〔〕括起：江府规2026年3号，应为 江府规〔2026〕3号。"),
        ("江府规〔2026〕3", "缺少结尾的“号”字：江府规〔2026〕3，应为 江府规〔2026〕3号。"),
        ("江府规〔2026〕0号", "序号从 1 起编，不能为 0"),
        ("江府规〔2026〕号", "缺少序号"),
        ("江府规〔2026〕三号", "序号应为阿拉伯数字：三。"),
        ("江府规〔1900〕3号", "年份 1900 不在合理范围内"),
        ("江府规〔2999〕3号", "年份 2999 不在合理范围内"),
        ("〔2026〕3号", "缺少发文机关代字"),
        ("江府规〔２０２６〕3号", "半角阿拉伯数字"),
        ("江府规 〔2026〕3号", "不能有空格"),
        ("", "请填写发文字号"),
        ("   ", "请填写发文字号"),
        ("江府规" * 50 + "〔2026〕3号", "发文字号过长"),
        ("关于印发某某办法的通知号", "发文字号应由机关代字、六角括号〔〕括起的四位年份和序号组成"),
    ],
)
def test_wrong_doc_numbers_are_refused_naming_the_problem(text, message):
    assert message in refusal(formats.validate_doc_number, text)


@pytest.mark.parametrize("value", [None, 2026, ["江府规〔2026〕3号"], {"text": "x"}])
def test_a_doc_number_that_is_not_text_is_refused(value):
    assert refusal(formats.validate_doc_number, value) == "发文字号应为文本。"


def test_next_year_is_sane_and_the_year_after_is_not():
    next_year = timezone.localdate().year + 1
    assert formats.validate_doc_number(f"江府规〔{next_year}〕1号").year == next_year
    assert "不在合理范围内" in refusal(formats.validate_doc_number, f"江府规〔{next_year + 1}〕1号")


def test_a_doc_number_of_another_issuer_is_refused_for_a_format():
    assert formats.validate_doc_number("江府规〔2026〕3号", prefix="江府规").serial == 3
    message = refusal(formats.validate_doc_number, "江府办〔2026〕3号", prefix="江府规")
    assert message == "机关代字“江府办”与编号格式的机关代字“江府规”不符。"


# --- Patterns ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "prefix", "yearly", "year", "serial", "text"),
    [
        ("{prefix}-{year}-{serial:04d}", "JMSJ", True, 2026, 7, "JMSJ-2026-0007"),
        ("{prefix}-{year}-{serial:04d}", "JMSJ", True, 2026, 12345, "JMSJ-2026-12345"),
        ("粤江登字〔{year}〕{serial}号", "", True, 2026, 12, "粤江登字〔2026〕12号"),
        (formats.DOC_NUMBER_TEMPLATE, "江府规", True, 2026, 3, "江府规〔2026〕3号"),
        (formats.ORDER_TEMPLATE, "江门市人民政府令", False, None, 5, "江门市人民政府令第5号"),
    ],
)
def test_patterns_render_and_parse_back(template, prefix, yearly, year, serial, text):
    tokens = formats.validate_template(template, prefix=prefix, yearly=yearly)
    assert formats.render(tokens, prefix=prefix, year=year, serial=serial) == text
    parts = formats.parse(tokens, text, prefix=prefix)
    assert (parts.year, parts.serial, parts.text) == (year, serial, text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("JMSJ-2026-7", "序号位数不符合编号格式，应为 JMSJ-2026-0007"),
        ("JMSJ-2026-00007", "应为 JMSJ-2026-0007"),
        ("JMSJ-2026-0000", "序号从 1 起编"),
        ("JMSX-2026-0007", "不符合该编号格式（应如 JMSJ-"),
        ("JMSJ-1800-0007", "年份 1800 不在合理范围内"),
        ("", "请填写编号"),
    ],
)
def test_numbers_not_of_the_pattern_are_refused(text, message):
    tokens = formats.validate_template("{prefix}-{year}-{serial:04d}", prefix="JMSJ", yearly=True)
    assert message in refusal(formats.parse, tokens, text, prefix="JMSJ")


@pytest.mark.parametrize(
    ("template", "yearly", "message"),
    [
        ("{prefix.__class__}-{serial}", True, "“{prefix.__class__}”不是可用的占位符"),
        ("{0}-{year}-{serial}", True, "“{0}”不是可用的占位符"),
        ("{serial!r}-{year}", True, "“{serial!r}”不是可用的占位符"),
        ("{year:>10}-{serial}", True, "“{year:>10}”不是可用的占位符"),
        ("{serial:4d}-{year}", True, "“{serial:4d}”不是可用的占位符"),
        ("{year}-{serial}}", True, "不成对的花括号"),
        ("{{year}}-{serial}", True, "不成对的花括号"),
        ("{prefix}-{year}", True, "只含一个序号占位符"),
        ("{serial}-{year}-{serial}", True, "只含一个序号占位符"),
        ("{year}-{year}-{serial}", True, "年度占位符 {year} 只能出现一次"),
        ("{prefix}-{serial}", True, "须含年度占位符 {year}"),
        ("{prefix}-{year}-{serial}", False, "不能含年度占位符"),
        ("{year}{serial}", True, "序号前后须有非数字的分隔"),
        ("{year}-{serial}9", True, "序号前后须有非数字的分隔"),
        ("{year} {serial}", True, "不能有空格"),
        ("", True, "请填写编号模式"),
        ("x" * 101 + "{year}{serial}", True, "编号模式过长"),
    ],
)
def test_unsafe_or_ambiguous_patterns_are_refused(template, yearly, message):
    assert message in refusal(formats.validate_template, template, prefix="JMSJ", yearly=yearly)


def test_a_pattern_using_the_prefix_needs_one():
    assert "请填写前缀" in refusal(formats.validate_template, "{prefix}-{year}-{serial}", prefix="", yearly=True)
