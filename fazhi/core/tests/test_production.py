"""The production shape: the deployment checks pass with production settings, and two app servers
on one PostgreSQL hand out numbers and receipts that never collide."""

import http.cookiejar
import json
import re
import secrets
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
import redis
from django.test import override_settings

from fazhi.core.testing import PASSWORD, Role, make_body, make_city, make_user
from fazhi.core.testing.processes import run_fazhi
from fazhi.core.testing.services import REDIS_URL, free_port, launched, require, start, wait_until
from fazhi.documents.models import DocumentSettings
from fazhi.reconsideration import testing as reconsideration_testing
from fazhi.reconsideration.models import Case

PRODUCTION = {
    "FAZHI_DEBUG": "false",
    "FAZHI_SECRET_KEY": secrets.token_urlsafe(50),
    "FAZHI_ALLOWED_HOSTS": "fazhi.example.gov.cn",
    "FAZHI_CSRF_TRUSTED_ORIGINS": "https://fazhi.example.gov.cn",
    "FAZHI_HTTPS": "true",
    "FAZHI_TRUSTED_PROXIES": "1",
    "DATABASE_URL": "postgres://fazhi@db.example.internal:5432/fazhi",
    "FAZHI_REDIS_URL": "redis://cache.example.internal:6379/0",
    "FAZHI_CELERY_BROKER_URL": "amqp://fazhi:secret@mq.example.internal:5672/fazhi",
}


def test_deploy_check_passes_with_production_settings():
    result = run_fazhi("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.describe()
    # Only the two HSTS extensions left to the operator are silenced (settings.py says why).
    assert "System check identified no issues (2 silenced)." in result.stdout, result.describe()


def test_deploy_check_fails_when_served_without_https():
    result = run_fazhi("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "FAZHI_HTTPS": "false"})
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stderr + result.stdout


def test_a_bad_beat_interval_stops_start_up_naming_the_variable():
    result = run_fazhi("check", env={"FAZHI_CELERY_BEAT_SECONDS": "0"})
    assert result.returncode != 0
    assert "FAZHI_CELERY_BEAT_SECONDS" in result.stderr


SUBMISSIONS = 40


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_two_app_servers_give_unique_receipts_and_gap_free_numbers_and_share_sessions(tmp_path):
    """The public files reconsideration applications through both servers at once: every one gets
    its own receipt code and the next 案号 of the year, with no number twice and none skipped. A
    clerk signed in on one server is signed in on the other: the session is in Redis."""
    require(redis=True)
    city = make_city()
    justice = make_body("江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True)
    DocumentSettings.objects.create(government=city["government"], legal_office=justice)
    clerk = make_user("sfj_clerk", roles=[(justice, Role.CLERK)])
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        clerk.set_password(PASSWORD)  # a hasher the servers know (the tests' own is faster)
    clerk.save(update_fields=["password"])

    ports = [free_port(), free_port()]
    with launched() as servers:
        for port in ports:
            start(
                f"app-{port}",
                ["gunicorn", "-c", "gunicorn.conf.py"],
                env={
                    "FAZHI_GUNICORN_BIND": f"127.0.0.1:{port}",
                    "FAZHI_GUNICORN_WORKERS": "2",
                    "FAZHI_REDIS_URL": REDIS_URL,
                    "FAZHI_TRUSTED_PROXIES": "1",
                },
                log_dir=tmp_path,
                into=servers,
            )
        for port in ports:
            wait_until(lambda port=port: _answers(port), timeout=30, what=f"app server on {port}", processes=servers)

        def apply(number: int) -> tuple[int, dict]:
            port = ports[number % 2]
            data = {"kind": "reconsideration", **reconsideration_testing.application_data(city["market"])}
            # A client of its own for each application, as the public is (rate limits are per client).
            return _post(port, "/api/v1/public/submissions/", data, client=f"10.9.{number // 250}.{number % 250}")

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(apply, range(SUBMISSIONS)))
        session, office = _sign_in_on_one_and_open_the_office_on_the_other(ports, "sfj_clerk")

    assert [status for status, _answer in answers] == [201] * SUBMISSIONS, answers
    # Each server's access log: half the applications went through each.
    for server in servers:
        assert server.output().count('"POST /api/v1/public/submissions/ HTTP/1.1" 201') == SUBMISSIONS // 2
    codes = [answer["receipt_code"] for _status, answer in answers]
    assert len(set(codes)) == SUBMISSIONS

    cases = Case.objects.select_related("submission")
    assert sorted(case.submission.receipt_code for case in cases) == sorted(codes)
    assert sorted(cases.values_list("serial", flat=True)) == list(range(1, SUBMISSIONS + 1))
    assert len(set(cases.values_list("number", flat=True))) == SUBMISSIONS

    assert office.endswith("/office/"), f"not signed in on the second server: {office}"
    assert redis.Redis.from_url(REDIS_URL).exists(f":1:django.contrib.sessions.cached_db{session}")


def _sign_in_on_one_and_open_the_office_on_the_other(ports: list[int], username: str) -> tuple[str, str]:
    """Sign in through the first server's login form; open /office/ on the second with the same
    cookies. Returns the session key and the address the second server ended on."""
    cookies = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    login = f"http://127.0.0.1:{ports[0]}/office/login/"
    page = browser.open(login, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    browser.open(urllib.request.Request(login, data=urlencode(form).encode(), headers={"Referer": login}), timeout=30)
    session = next(cookie.value for cookie in cookies if cookie.name == "sessionid")
    with browser.open(f"http://127.0.0.1:{ports[1]}/office/", timeout=30) as response:
        return session, response.url


def _answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def _post(port: int, path: str, data: dict, *, client: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": client},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {"error": error.read().decode(errors="replace")}
