import datetime

import pytest

from fazhi.core.testing import BodyKind, Role, make_body, make_user
from fazhi.documents.models import DocumentSettings


@pytest.fixture
def tree(city):
    """The city with its 司法局 as the government's 行政复议机构, a vertically managed branch, the tax
    bureau, an entrusted organisation and a town."""
    justice = make_body("江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True)
    DocumentSettings.objects.create(government=city["government"], legal_office=justice)
    return {
        **city,
        "justice": justice,
        "branch": make_body(
            "江门市生态环境局蓬江区分局", parent=city["ecology"], kind=BodyKind.VERTICAL, code="pj-sthj"
        ),
        "tax": make_body("国家税务总局江门市税务局", parent=city["government"], kind=BodyKind.VERTICAL, code="jm-sw"),
        "entrusted": make_body(
            "江门市市场监管执法支队", parent=city["market"], kind=BodyKind.ENTRUSTED_ORGANISATION, code="jm-scj-zd"
        ),
        "town": make_body("蓬江区棠下镇", parent=city["county"], kind=BodyKind.TOWN, code="pj-tx"),
    }


@pytest.fixture
def staff(tree, people):
    return {
        "clerk": make_user("sfj_clerk", roles=[(tree["justice"], Role.CLERK)]),
        "head": make_user("sfj_head", roles=[(tree["justice"], Role.HEAD)]),
        "market": people["market_clerk"],
        "ecology": people["ecology_clerk"],
        "county_office": people["county_office"],
        "office": people["office"],
        "outsider": people["outsider"],
        "county": make_user("pj_office_clerk", roles=[(tree["county"], Role.CLERK)]),
        "ecology_head": make_user("sthj_head", roles=[(tree["ecology"], Role.HEAD)]),
    }


@pytest.fixture
def today(monkeypatch):
    """A movable frozen clock: `today.set(date)`."""

    class Clock:
        day = datetime.date(2026, 9, 28)

        def set(self, day):
            self.day = day

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock.day)
    return clock
