import os

import pytest

from fazhi.core.testing import FAST_HASHERS, make_city, make_people

pytest_plugins = ["fazhi.core.testing.browser"]

CORPUS_ABSENT = "law corpus not found at"  # the reason every corpus test skips with


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With FAZHI_REQUIRE_SERVICES=1 (CI's PostgreSQL run), a skipped test is a failure — unless
    what it lacks is the law corpus beside the checkout: data, not a service, and the SQLite run
    has already said so."""
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("FAZHI_REQUIRE_SERVICES") == "1"
        and report.skipped
        and not hasattr(report, "wasxfail")
        and CORPUS_ABSENT not in str(report.longrepr)
    ):
        report.outcome = "failed"
        report.longrepr = f"skipped while FAZHI_REQUIRE_SERVICES=1 demands every service: {report.longrepr}"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Production hashing costs ~0.3 s a password; tests create many users. And no portal page
    cache: a test changes records inside a transaction that never commits, so the cache would
    never learn of the change (core/tests/test_pagecache.py tests the cache with commits)."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.FAZHI_PORTAL_CACHE_SECONDS = 0


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a whole test module, rolled back after it: data a module fixture
    builds once (under `django_db_blocker.unblock()`) is seen by every test of the module, each of
    whose own `db` transaction is a savepoint inside it, so no test sees another's changes.

    For modules with hundreds of tests over the same data (the API fuzz, the URL scoping), where
    building it per test took most of the suite's time.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_demo(module_db, django_db_blocker):
    """The Jiangmen demo, loaded once for the module (see `module_db`)."""
    from django.test import override_settings

    from fazhi.core import demo

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return demo.load()


@pytest.fixture
def city(db):
    """A small tree: the city government, two departments, a county government and its department."""
    return make_city()


@pytest.fixture
def people(city):
    """One user per typical role over the `city` tree."""
    return make_people(city)
