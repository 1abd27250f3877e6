"""The head's year-end report as other apps read it (`reports` quotes it in the yearly report)."""

import datetime

from fazhi.capacity import selectors
from fazhi.capacity.models import HeadDuty


def test_head_duty_is_the_body_year_record_or_none(city):
    market = city["market"]
    record = HeadDuty.objects.create(
        body=market,
        year=2025,
        head_name="何建华",
        head_post="局长",
        reported_on=datetime.date(2026, 1, 15),
        text="带头尊法学法守法用法。",
    )
    assert selectors.head_duty(market, 2025) == record
    assert selectors.head_duty(market.pk, 2025) == record
    assert selectors.head_duty(market, 2026) is None
    assert selectors.head_duty(city["ecology"], 2025) is None
