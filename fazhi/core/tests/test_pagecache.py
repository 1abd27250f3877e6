"""Anonymous portal pages come from the shared cache until a change commits (core/pagecache.py)."""

import datetime

import pytest

from fazhi.core.pagecache import HIT_HEADER
from fazhi.core.services.bodies import rename_body
from fazhi.core.testing import make_user

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pagecache-test"}}


@pytest.fixture
def cached(settings, city):
    settings.CACHES = LOCMEM
    settings.FAZHI_PORTAL_CACHE_SECONDS = 300
    return city


def test_the_second_anonymous_visit_is_served_from_the_cache_without_queries(cached, client, django_assert_num_queries):
    first = client.get("/")
    assert first.status_code == 200 and first[HIT_HEADER] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/")

    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    # The stored page keeps the security headers the inner middleware added.
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_a_committed_change_is_on_the_next_visit(cached, client, people, django_capture_on_commit_callbacks):
    client.get("/")
    admin = make_user("admin_user", is_superuser=True, is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        rename_body(cached["ecology"], actor=admin, new_name="江门市生态环境保护局", on=datetime.date(2026, 11, 1))
    response = client.get("/")

    assert response[HIT_HEADER] == "miss"
    assert "江门市生态环境保护局" in response.content.decode()


def test_staff_pages_and_forms_are_never_stored(cached, client, people):
    client.get("/submit/suggestion/")
    form = client.get("/submit/suggestion/")
    assert HIT_HEADER not in form  # its CSRF token is this visitor's own
    assert client.get("/api/v1/health/").get(HIT_HEADER) is None

    client.get("/")  # the anonymous page is stored now
    client.force_login(people["office"])
    home = client.get("/")
    assert HIT_HEADER not in home
    assert "退出" in home.content.decode()  # the user's own page, not the public one


def test_zero_seconds_turns_the_cache_off(cached, settings, client):
    settings.FAZHI_PORTAL_CACHE_SECONDS = 0
    client.get("/")

    assert HIT_HEADER not in client.get("/")
