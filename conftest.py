import os

import pytest

from fazhi.core.testing import BodyKind, Role, make_body, make_user

pytest_plugins = ["fazhi.core.testing.browser"]
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With FAZHI_REQUIRE_SERVICES=1 (CI's PostgreSQL run), a skipped test is a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("FAZHI_REQUIRE_SERVICES") == "1" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped while FAZHI_REQUIRE_SERVICES=1 demands every service: {report.longrepr}"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Production hashing costs ~0.3 s a password; tests create many users."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The Jiangmen demo loaded once for a whole test module, in a transaction rolled back after it.

    Each test's own `db` transaction is a savepoint inside it, so tests still see the demo as
    loaded and never each other's changes. For modules with hundreds of tests over the demo
    (the API fuzz), where loading it per test took most of the suite's time.
    """
    from django.db import transaction
    from django.test import override_settings

    from fazhi.core import demo

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        result = demo.load()
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def city(db):
    """A small tree: the city government, two departments, a county government and its department."""
    government = make_body("江门市人民政府", kind=BodyKind.CITY_GOVERNMENT, code="jm", is_reconsideration_body=True)
    market = make_body(
        "江门市市场监督管理局",
        parent=government,
        code="jm-scj",
        is_enforcement_agency=True,
        has_legal_office=True,
    )
    ecology = make_body("江门市生态环境局", parent=government, code="jm-sthj", is_enforcement_agency=True)
    county = make_body(
        "蓬江区人民政府",
        parent=government,
        kind=BodyKind.COUNTY_GOVERNMENT,
        code="pj",
        is_reconsideration_body=True,
    )
    county_market = make_body("蓬江区市场监督管理局", parent=county, kind=BodyKind.COUNTY_DEPARTMENT, code="pj-scj")
    return {
        "government": government,
        "market": market,
        "ecology": ecology,
        "county": county,
        "county_market": county_market,
    }


@pytest.fixture
def people(city):
    """One user per typical role over the `city` tree."""
    return {
        "office": make_user("office", roles=[(city["government"], Role.OFFICE)]),
        "county_office": make_user("county_office", roles=[(city["county"], Role.OFFICE)]),
        "market_clerk": make_user("market_clerk", roles=[(city["market"], Role.CLERK)]),
        "ecology_clerk": make_user("ecology_clerk", roles=[(city["ecology"], Role.CLERK)]),
        "market_head": make_user("market_head", roles=[(city["market"], Role.HEAD)]),
        "evaluator": make_user("evaluator", roles=[(city["government"], Role.EVALUATOR)]),
        "outsider": make_user("outsider"),
    }
