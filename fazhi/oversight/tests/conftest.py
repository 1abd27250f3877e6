import datetime

import pytest

from fazhi.core.testing import Role, make_body, make_user


@pytest.fixture
def justice(city):
    """江门市司法局, which hosts the leading group's office (依法行政办) of the city."""
    return make_body(
        "江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True, hosts_leading_group_office=True
    )


@pytest.fixture
def staff(city, people, justice):
    return {
        "office": people["office"],
        "county_office": people["county_office"],
        "market": people["market_clerk"],
        "market_head": people["market_head"],
        "ecology": people["ecology_clerk"],
        "county_market": make_user("county_market_clerk", roles=[(city["county_market"], Role.CLERK)]),
        "outsider": people["outsider"],
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
