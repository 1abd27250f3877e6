"""Platform behaviour every user meets: errors, headers, login, configuration, the demo."""

import re
import subprocess
import sys

import pytest
from django.test import Client

from fazhi.core import demo
from fazhi.core.choices import BodyKind, Role
from fazhi.core.models import Body, Membership, User
from fazhi.core.services.bodies import resolve_name
from fazhi.core.testing import PASSWORD, api_client


def test_api_errors_share_one_contract(people):
    client = api_client(people["market_clerk"])
    for response, status in [
        (client.get("/api/v1/bodies/999999/"), 404),
        (client.delete("/api/v1/bodies/999999/"), 405),
        (api_client().get("/api/v1/bodies/"), 401),
        (client.post("/api/v1/memberships/", "not json", content_type="application/json"), 400),
    ]:
        assert response.status_code == status
        body = response.json()
        assert set(body) == {"code", "detail", "errors"}
        assert re.search(r"[\u4e00-\u9fff]", body["detail"]), body


def test_pages_show_chinese_error_pages(people):
    client = Client()
    response = client.get("/office/no-such-page/")
    assert response.status_code == 404
    assert "您访问的页面不存在" in response.content.decode()
    assert client.get("/office/").status_code == 302, "the office asks for a login"


def test_security_headers_and_no_inline_scripts(people):
    client = Client()
    client.force_login(people["office"])
    for url in ["/", "/office/", "/office/bodies/", "/office/login/"]:
        response = client.get(url, follow=True)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script on {url}"
        assert " style=" not in html, f"inline style on {url}"


def test_dates_on_pages_are_chinese(people):
    client = Client()
    client.force_login(people["office"])
    html = client.get("/office/").content.decode()
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", html)


def test_login_and_throttling_of_failed_attempts(people, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    wrong = {"username": "market_clerk", "password": "wrong"}
    for _ in range(2):
        response = client.post("/office/login/", wrong)
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
    locked = client.post("/office/login/", wrong)
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    still_locked = client.post("/office/login/", {"username": "market_clerk", "password": PASSWORD})
    assert still_locked.status_code == 429, "the right password does not lift the lock early"
    other = Client().post("/office/login/", {"username": "office", "password": PASSWORD})
    assert other.status_code == 302 and other.url == "/office/"


def test_token_endpoint(people):
    client = api_client()
    response = client.post("/api/v1/auth/token/", {"username": "office", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = api_client()
    me.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert me.get("/api/v1/me/").json()["username"] == "office"
    bad = client.post("/api/v1/auth/token/", {"username": "office", "password": "x"}, format="json")
    assert bad.status_code == 400 and bad.json()["detail"] == "用户名或密码不正确。"
    assert client.post("/api/v1/auth/token/", [1, 2], format="json").status_code == 400


def test_health(db):
    response = api_client().get("/api/v1/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("FAZHI_DEBUG", "maybe", "FAZHI_DEBUG"),
        ("FAZHI_UPLOAD_MAX_BYTES", "lots", "FAZHI_UPLOAD_MAX_BYTES"),
        ("FAZHI_SUBMISSION_RATE", "10 per hour", "FAZHI_SUBMISSION_RATE"),
        ("DATABASE_URL", "mysql://x@y/z", "DATABASE_URL"),
    ],
)
def test_bad_configuration_stops_with_a_message(variable, value, message, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "fazhi", "check"],
        env={"PATH": "/usr/bin:/bin", "FAZHI_DATA_DIR": str(tmp_path), variable: value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert message in result.stderr and "配置错误" in result.stderr
    assert "Traceback" not in result.stderr


def test_jiangmen_demo_structure(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = demo.load()
    counties = Body.objects.filter(kind=BodyKind.COUNTY_GOVERNMENT).values_list("name", flat=True)
    assert set(counties) == {
        f"{n}人民政府" for n in ["蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"]
    }
    assert Body.objects.current().filter(kind=BodyKind.CITY_DEPARTMENT).count() >= 35
    assert Body.objects.filter(kind=BodyKind.TOWN).count() >= 10
    assert resolve_name("江门市法制局").name == "江门市司法局", "the seed's 市法制局 is today's 司法局"
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values), "a demo user for every role"
    assert User.objects.get(username="office").check_password(result["password"])
    assert demo.is_loaded()


def test_unknown_command_is_bad_input(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "fazhi", "nosuch"],
        env={"PATH": "/usr/bin:/bin", "FAZHI_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "未知命令：nosuch" in result.stderr


def test_nul_characters_are_refused_before_reaching_the_database(people):
    client = api_client(people["office"])
    for response in [
        client.get("/api/v1/bodies/", {"name": "江\x00门"}),
        client.post("/api/v1/public/submissions/status/", {"receipt_code": "YJ\x00", "secret": "x"}, format="json"),
        Client().post("/track/", "receipt_code=YJ%00&secret=x", content_type="application/x-www-form-urlencoded"),
    ]:
        assert response.status_code == 400
    assert "空字符" in client.get("/api/v1/bodies/", {"name": "\x00"}).json()["detail"]
