"""Dates as users read them: 2026年11月27日 on pages, in messages and in exports."""

import datetime


def day_text(value: datetime.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"
