"""Chinese numerals both ways, as documents number articles and write dates."""

import pytest

from fazhi.texts.numerals import to_chinese, to_int


def test_every_number_to_ninety_nine_thousand_round_trips():
    for number in range(100_000):
        assert to_int(to_chinese(number)) == number


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("十", 10),
        ("十四", 14),
        ("二十", 20),
        ("五十六", 56),
        ("九十九", 99),
        ("一百", 100),
        ("一百零一", 101),
        ("一百一十", 110),
        ("二百零五", 205),
        ("一千", 1000),
        ("一千零一十", 1010),
        ("两千", 2000),
        ("两百", 200),
        ("二〇一八", 2018),
        ("零", 0),
        ("〇", 0),
        ("一万零一", 10001),
        ("５６", 56),
        ("12", 12),
    ],
)
def test_values(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize("text", ["", "百", "一百十", "十十", "一二十", "一百零", "万", "第一", "五十六条"])
def test_malformed_numerals_are_refused(text):
    with pytest.raises(ValueError):
        to_int(text)


def test_written_as_documents_number_things():
    assert [to_chinese(n) for n in (10, 14, 101, 110, 1010, 10010)] == [
        "十",
        "十四",
        "一百零一",
        "一百一十",
        "一千零一十",
        "一万零一十",
    ]
