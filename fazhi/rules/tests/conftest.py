import pytest

from fazhi.core.testing import Role, make_body, make_user
from fazhi.rules import testing


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def justice(city):
    return make_body("江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True)


@pytest.fixture
def rule_settings(city, justice):
    return testing.configure(city["government"], justice, prefix="江门市人民政府令")


@pytest.fixture
def actors(city, justice, people, rule_settings):
    """Who runs each step of a rule drafted by the market bureau: its clerk, the 司法局's reviewer
    (review, filing), the mayor (head of the city government) and 市府办 (numbers, publishes)."""
    return {
        "clerk": people["market_clerk"],
        "office": people["office"],
        "legal_reviewer": make_user("justice_legal", roles=[(justice, Role.LEGAL_REVIEWER)]),
        "mayor": make_user("mayor", full_name="市长甲", roles=[(city["government"], Role.HEAD)]),
        "government_office": make_user("govoffice", roles=[(city["government"], Role.GOVERNMENT_OFFICE)]),
    }
