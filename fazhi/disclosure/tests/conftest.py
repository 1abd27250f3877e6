import datetime

import pytest

from fazhi.core.testing import Role, make_user


@pytest.fixture
def staff(city, people):
    market = city["market"]
    return {
        "clerk": people["market_clerk"],
        "head": people["market_head"],
        "other_clerk": people["ecology_clerk"],
        "office": people["office"],
        "gov_clerk": make_user("gov_clerk", roles=[(city["government"], Role.CLERK)]),
        "market": market,
    }


@pytest.fixture
def today(monkeypatch):
    """Freeze `timezone.localdate`: call with a date to move the clock."""

    state = {}

    def move(day: datetime.date):
        state["day"] = day
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: state["day"])
        return day

    return move
