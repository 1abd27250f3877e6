"""Chinese numerals as official documents write them, to and from integers.

Article, chapter and item numbers (第一百二十条之一, （五十六）, 三、) and dates written out
(二〇一八年四月二十四日) all use them; the parser needs their values to order and check the
structure, and the rest of the platform needs to write them back the way a document would.
"""

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
MYRIAD = "万"

#: Every character a Chinese numeral may contain, for building regular expressions.
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + MYRIAD

_WRITE_DIGITS = "零一二三四五六七八九"
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def to_int(text: str) -> int:
    """The value of a Chinese numeral (十四, 一百零一, 两千, 二〇一八) or of Arabic digits.

    Raises ValueError for anything that is not a well-formed numeral, so that a stray match of
    a numeral-like pattern is refused rather than silently given a wrong number.
    """
    text = text.strip().translate(_FULL_WIDTH_DIGITS)
    if not text:
        raise ValueError("empty numeral")
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) > 1 and all(char in DIGITS for char in text):
        # Digit by digit, as years are written: 二〇一八.
        return int("".join(str(DIGITS[char]) for char in text))
    if MYRIAD in text:
        high, _sep, low = text.partition(MYRIAD)
        if not high:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return _below_myriad(high, text) * 10000 + (_below_myriad(low, text, after_myriad=True) if low else 0)
    return _below_myriad(text, text)


def _below_myriad(text: str, whole: str, *, after_myriad: bool = False) -> int:
    total = 0
    digit: int | None = None
    last_unit = 10000
    after_zero = False
    for position, char in enumerate(text):
        if char in DIGITS:
            value = DIGITS[char]
            if digit is not None:
                raise ValueError(f"not a Chinese numeral: {whole!r}")
            if value == 0:
                if after_zero or (position == 0 and len(text) > 1 and not after_myriad):
                    raise ValueError(f"not a Chinese numeral: {whole!r}")
                after_zero = True
                continue
            digit = value
        elif char in UNITS:
            unit = UNITS[char]
            if unit >= last_unit or (after_zero and digit is None):
                raise ValueError(f"not a Chinese numeral: {whole!r}")
            if digit is None:
                if position != 0 or unit != 10 or after_myriad:  # only a leading 十 stands for 一十
                    raise ValueError(f"not a Chinese numeral: {whole!r}")
                digit = 1
            total += digit * unit
            last_unit = unit
            digit = None
            after_zero = False
        else:
            raise ValueError(f"not a Chinese numeral: {whole!r}")
    if digit is not None:
        total += digit
    elif after_zero and text != "零" and text != "〇":
        raise ValueError(f"not a Chinese numeral: {whole!r}")
    return total


def to_chinese(number: int) -> str:
    """An integer (0–99,999,999) written as documents number things: 十四, 一百零一, 一千零一十."""
    if number < 0 or number >= 100_000_000:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    high, low = divmod(number, 10000)
    if not high:
        return _write_below_myriad(low, leading=True)
    text = _write_below_myriad(high, leading=True) + MYRIAD
    if low:
        text += ("零" if low < 1000 else "") + _write_below_myriad(low, leading=False)
    return text


def _write_below_myriad(number: int, *, leading: bool) -> str:
    parts = []
    pending_zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, unit_value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            # 十四 rather than 一十四 when it opens the number, as articles are numbered.
            if not (leading and not parts and unit == "十" and digit == 1):
                parts.append(_WRITE_DIGITS[digit])
            parts.append(unit)
        elif parts and number:
            pending_zero = True
    return "".join(parts)
