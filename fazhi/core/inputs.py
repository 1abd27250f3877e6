"""Cleaning of values a user sends, for services that take plain values from pages, the API and
commands alike: each refusal is an InvalidInput naming the field, in Chinese."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.dates import day_text
from fazhi.core.errors import InvalidInput

TEXT_MAX = 50000


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def clean_text(value, name: str, label: str, *, required: bool = False, limit: int = TEXT_MAX) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(label)s应为文本。") % {"label": label}, errors={name: [_("应为文本。")]})
    value = value.strip()
    if required and not value:
        raise _refuse(name, _("请填写%(label)s。") % {"label": label})
    if len(value) > limit:
        raise _refuse(name, _("%(label)s不能超过 %(n)d 个字。") % {"label": label, "n": limit})
    return value


def clean_date(
    value,
    name: str,
    label: str,
    *,
    required: bool = True,
    not_before: datetime.date | None = None,
    not_after: datetime.date | None = None,
    not_before_label: str = "",
) -> datetime.date | None:
    """A date in ISO form, within `not_before`…`not_after` when given: a step cannot precede the
    step it follows (`not_before_label` names it), nor have happened after today."""
    if value is None or value == "":
        if required:
            raise _refuse(name, _("请填写%(label)s。") % {"label": label})
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        raise _refuse(name, _("%(label)s应为日期（YYYY-MM-DD）。") % {"label": label})
    if not_before is not None and value < not_before:
        bound = {"label": label, "day": day_text(not_before), "other": not_before_label}
        if not_before_label:
            raise _refuse(name, _("%(label)s不能早于%(other)s（%(day)s）。") % bound)
        raise _refuse(name, _("%(label)s不能早于%(day)s。") % bound)
    if not_after is not None and value > not_after:
        if not_after == timezone.localdate():
            raise _refuse(name, _("%(label)s不能晚于今天。") % {"label": label})
        raise _refuse(name, _("%(label)s不能晚于%(day)s。") % {"label": label, "day": day_text(not_after)})
    return value


# Money columns hold 14 digits with 2 decimals (up to 999,999,999,999.99 yuan).
AMOUNT_LIMIT = Decimal("1000000000000")


def clean_amount(value, name: str, label: str, *, required: bool = False, positive: bool = False) -> Decimal | None:
    """An amount of money in yuan: a number or numeric text, not negative (above zero if `positive`),
    at most two decimals; `None` when left empty and not required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _refuse(name, _("请填写%(label)s。") % {"label": label})
        return None
    amount = None
    if isinstance(value, int | float | Decimal | str) and not isinstance(value, bool):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite():
        raise _refuse(name, _("%(label)s应为数字（以元计）。") % {"label": label})
    if positive and amount <= 0:
        raise _refuse(name, _("%(label)s应大于零。") % {"label": label})
    if amount < 0:
        raise _refuse(name, _("%(label)s不能为负数。") % {"label": label})
    if amount >= AMOUNT_LIMIT:
        raise _refuse(name, _("%(label)s超出范围。") % {"label": label})
    if amount != amount.quantize(Decimal("0.01")):
        raise _refuse(name, _("%(label)s最多保留两位小数。") % {"label": label})
    return amount.quantize(Decimal("0.01"))


def clean_number(
    value,
    name: str,
    label: str,
    *,
    minimum: Decimal = Decimal(0),
    maximum: Decimal = Decimal(100),
    required: bool = True,
) -> Decimal | None:
    """A number of points or a percentage: numeric text or a number within minimum…maximum, at most
    two decimals; `None` when left empty and not required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _refuse(name, _("请填写%(label)s。") % {"label": label})
        return None
    number = None
    if isinstance(value, int | float | Decimal | str) and not isinstance(value, bool):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise _refuse(name, _("%(label)s应为数字。") % {"label": label})
    if not minimum <= number <= maximum:
        raise _refuse(
            name,
            _("%(label)s应在%(minimum)s至%(maximum)s之间。") % {"label": label, "minimum": minimum, "maximum": maximum},
        )
    if number != number.quantize(Decimal("0.01")):
        raise _refuse(name, _("%(label)s最多保留两位小数。") % {"label": label})
    return number.quantize(Decimal("0.01"))


def clean_choice(value, choices, name: str, label: str, *, required: bool = True) -> str:
    if (value is None or value == "") and not required:
        return ""
    if not isinstance(value, str) or value not in choices.values:
        options = "、".join(str(text) for text in choices.labels)
        raise _refuse(name, _("%(label)s应为以下之一：%(options)s。") % {"label": label, "options": options})
    return value


def clean_flag(value, name: str, label: str) -> bool:
    """A yes/no answer: a JSON boolean, or the strings a form posts ("true"/"false", "on", "1"/"0")."""
    if isinstance(value, str) and value.strip().lower() in {"true", "on", "1", "false", "0", ""}:
        return value.strip().lower() in {"true", "on", "1"}
    if not isinstance(value, bool):
        raise _refuse(name, _("%(label)s应为“是”或“否”。") % {"label": label})
    return value


def clean_choices(value, choices, name: str, label: str) -> list[str]:
    """Several choices at once, each once, in the order given."""
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, str) and item in choices.values for item in value
    ):
        options = "、".join(str(text) for text in choices.labels)
        raise _refuse(name, _("%(label)s应为以下选项的列表：%(options)s。") % {"label": label, "options": options})
    return list(dict.fromkeys(value))


def reject_unknown(data: dict, allowed) -> None:
    """Refuse fields a step does not take, rather than ignore them: a misspelt field is a 400, not a no-op."""
    unknown = sorted(map(str, set(data) - set(allowed)))
    if unknown:
        raise InvalidInput(
            _("未知字段：%(fields)s") % {"fields": "、".join(unknown)},
            errors={name: [_("不是本操作的字段。")] for name in unknown},
        )


def clean_id(value, name: str, label: str) -> int:
    """A record's id as a request names it: a positive integer (or its digits), else a 400."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 9:
        raise _refuse(name, _("请指定%(label)s。") % {"label": label})
    return int(text)
