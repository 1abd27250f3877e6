import datetime

import pytest

from fazhi.core.testing import Role, make_body, make_user
from fazhi.documents.models import DocumentSettings


@pytest.fixture
def justice(city):
    """江门市司法局, the city government's legal office (it organises 行政应诉)."""
    body = make_body("江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True)
    DocumentSettings.objects.create(government=city["government"], legal_office=body)
    return body


@pytest.fixture
def staff(city, people, justice):
    return {
        "market": people["market_clerk"],
        "market_head": people["market_head"],
        "ecology": people["ecology_clerk"],
        "office": people["office"],
        "county_office": people["county_office"],
        "justice": make_user("sfj_clerk", roles=[(justice, Role.CLERK)]),
        "county_market": make_user("county_market_clerk", roles=[(city["county_market"], Role.CLERK)]),
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
