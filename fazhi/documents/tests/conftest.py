import pytest

from fazhi.core.testing import Role, make_body, make_user
from fazhi.documents import testing


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def justice(city):
    return make_body("江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True)


@pytest.fixture
def doc_settings(city, justice):
    return testing.configure(city["government"], justice)


@pytest.fixture
def actors(city, justice, people, doc_settings):
    """Who runs each step for a document of the market bureau: its clerk, head and legal office,
    the 司法局's reviewer (registration, second stage, departmental numbering) and 市府办."""
    return {
        "clerk": people["market_clerk"],
        "head": people["market_head"],
        "body_reviewer": make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)]),
        "legal_reviewer": make_user("justice_legal", roles=[(justice, Role.LEGAL_REVIEWER)]),
        "government_office": make_user("govoffice", roles=[(city["government"], Role.GOVERNMENT_OFFICE)]),
    }


@pytest.fixture
def departmental(actors):
    """Actors for a departmental document: the legal office numbers, 市府办 publishes."""
    return {**actors, "numberer": actors["legal_reviewer"], "publisher": actors["government_office"]}
