import datetime

import pytest

from fazhi.core.choices import EvaluationGroup, Role
from fazhi.core.testing import make_user


@pytest.fixture
def grouped(city):
    """The `city` tree with its departments and county government in their evaluation groups."""
    for key, group in (
        ("market", EvaluationGroup.CITY_DEPARTMENTS),
        ("ecology", EvaluationGroup.CITY_DEPARTMENTS),
        ("county", EvaluationGroup.COUNTY_GOVERNMENTS),
    ):
        city[key].evaluation_group = group
        city[key].save(update_fields=["evaluation_group"])
    return city


@pytest.fixture
def mayor(city):
    return make_user("mayor", roles=[(city["government"], Role.HEAD)])


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
