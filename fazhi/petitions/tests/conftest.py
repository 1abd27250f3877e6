import datetime

import pytest

from fazhi.core.testing import Role, make_body, make_user


@pytest.fixture
def bureau(city):
    """江门市信访局 under the city government."""
    return make_body("江门市信访局", parent=city["government"], code="jm-xfj")


@pytest.fixture
def staff(city, people, bureau):
    return {
        "bureau": make_user("xfj_clerk", roles=[(bureau, Role.CLERK)]),
        "market": people["market_clerk"],
        "market_head": people["market_head"],
        "ecology": people["ecology_clerk"],
        "county": make_user("county_clerk", roles=[(city["county"], Role.CLERK)]),
        "county_market": make_user("county_market_clerk", roles=[(city["county_market"], Role.CLERK)]),
        "city": make_user("city_clerk", roles=[(city["government"], Role.CLERK)]),
        "mayor": make_user("mayor", roles=[(city["government"], Role.HEAD)]),
    }


@pytest.fixture
def today(monkeypatch):
    """A movable frozen clock: `today.set(date)`."""

    class Clock:
        day = datetime.date(2026, 3, 2)

        def set(self, day):
            self.day = day

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock.day)
    return clock
