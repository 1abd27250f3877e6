import datetime

import pytest
from django.core.cache import cache

from fazhi.core.testing import Role, make_user
from fazhi.intake import testing

MONDAY = datetime.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db):
    cache.clear()


@pytest.fixture
def today(monkeypatch):
    """The clock frozen on a Monday with no holiday in the next month; `today.set(day)` moves it."""

    class Clock:
        day = MONDAY

        def set(self, day):
            self.day = day

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock.day)
    return clock


@pytest.fixture
def intake(city):
    return testing.setup(city)


@pytest.fixture
def staff(city, intake, people):
    return {
        "market_clerk": people["market_clerk"],
        "county_clerk": make_user("county_market_clerk", roles=[(city["county_market"], Role.CLERK)]),
        "county_office": people["county_office"],
        "office_clerk": make_user("office_clerk", roles=[(intake["office"], Role.CLERK)]),
        "ecology_clerk": people["ecology_clerk"],
        "city_office": people["office"],
    }
