import pytest

from fazhi.core.testing import Role, make_body, make_user
from fazhi.documents import testing as document_testing


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def justice(city):
    return make_body("江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True)


@pytest.fixture
def actors(city, justice, people):
    """Who runs each step of a decision the market bureau undertakes for the city government: its
    clerk, the 司法局's reviewer (the government's legal office), the mayor and the government's
    依法行政办 staff, who record the party report and publish."""
    document_testing.configure(city["government"], justice)
    return {
        "clerk": people["market_clerk"],
        "body_reviewer": make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)]),
        "legal_reviewer": make_user("justice_legal", roles=[(justice, Role.LEGAL_REVIEWER)]),
        "head": make_user("mayor", full_name="市长甲", roles=[(city["government"], Role.HEAD)]),
        "office": people["office"],
    }
