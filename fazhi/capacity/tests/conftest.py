import datetime

import pytest

from fazhi.core.testing import Role, make_user


@pytest.fixture
def staff(city, people):
    """The bureau's clerk and head, the county government's own office (which records for the
    government) and head, the city's leading-group office (reads the subtree), another clerk."""
    return {
        "market": people["market_clerk"],
        "market_head": people["market_head"],
        "ecology": people["ecology_clerk"],
        "office": people["office"],
        "county": people["county_office"],
        "county_head": make_user("county_head", roles=[(city["county"], Role.HEAD)]),
        "county_market": make_user("county_market_clerk", roles=[(city["county_market"], Role.CLERK)]),
        "evaluator": people["evaluator"],
    }


@pytest.fixture
def today(monkeypatch):
    """A movable frozen clock: `today.set(date)`; starts on 20 November 2026."""

    class Clock:
        day = datetime.date(2026, 11, 20)

        def set(self, day):
            self.day = day

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock.day)
    return clock
