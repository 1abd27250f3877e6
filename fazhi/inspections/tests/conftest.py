import pytest

from fazhi.core.testing import Role, make_user
from fazhi.inspections import testing


@pytest.fixture
def staff(city, people):
    """市场监管局's clerk and head, and an enforcement officer with an account."""
    market = city["market"]
    return {
        "clerk": people["market_clerk"],
        "head": people["market_head"],
        "officer_user": make_user("market_officer", roles=[(market, Role.ENFORCEMENT_OFFICER)]),
    }


@pytest.fixture
def officers(city):
    """Four certified officers of 市场监管局."""
    return [testing.make_officer(city["market"], f"执法人员{n}") for n in range(1, 5)]


@pytest.fixture
def items(city, staff):
    return testing.publish_items(city["market"], staff["clerk"], staff["head"])


@pytest.fixture
def directory(city, staff):
    """200 entities in 市场监管局's directory."""
    testing.import_entities(city["market"], staff["clerk"], 200)
    return city["market"]
