import datetime

import pytest

from fazhi.core.testing import BodyKind, Role, make_body, make_user


@pytest.fixture
def today(monkeypatch):
    """A movable frozen clock, `today.set(date)`: by default 15 January 2027, while the 2026 reports
    are being sent (due 31 January)."""

    class Clock:
        day = datetime.date(2027, 1, 15)

        def set(self, day):
            self.day = day

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock.day)
    return clock


@pytest.fixture
def host(city):
    """江门市司法局, where the city's leading-group office sits."""
    return make_body("江门市司法局", parent=city["government"], code="jm-sfj", hosts_leading_group_office=True)


@pytest.fixture
def staff(city, people, host):
    return {
        "clerk": people["market_clerk"],
        "head": people["market_head"],
        "office": people["office"],
        "county_office": people["county_office"],
        "ecology": people["ecology_clerk"],
        "outsider": people["outsider"],
        "mayor": make_user("mayor", roles=[(city["government"], Role.HEAD)]),
        "host_head": make_user("sfj_head", roles=[(host, Role.HEAD)]),
        "county_clerk": make_user("county_clerk", roles=[(city["county_market"], Role.CLERK)]),
        "county_head": make_user("county_head", roles=[(city["county"], Role.HEAD)]),
    }


@pytest.fixture
def town(city):
    return make_body("蓬江区棠下镇", parent=city["county"], kind=BodyKind.TOWN, code="pj-tangxia")
