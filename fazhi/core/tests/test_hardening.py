"""Hardening (decision 40): the password policy, two-factor sign-in, session cookies, the rate
limit of every public form, and personal data kept out of the logs."""

import io
import json
import logging
import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from fazhi.core.choices import Role
from fazhi.core.log_masking import PersonalDataFilter
from fazhi.core.testing import PASSWORD, make_body, make_user

pytestmark = pytest.mark.django_db


# --- password policy ----------------------------------------------------------------------------


def test_demo_password_passes_the_policy():
    validate_password("fazhi-demo-2026")


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ab1-short", "password_too_short"),
        ("onlylowercaseletters", "password_too_simple"),
        ("ALLCAPS-AND-SIGNS", "password_too_simple"),
    ],
)
def test_weak_passwords_are_refused(password, code):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert code in [error.code for error in refused.value.error_list]
    if code == "password_too_simple":
        assert "3 类" in " ".join(refused.value.messages)


def test_own_password_change_applies_the_policy(client):
    user = make_user("changer", roles=[(make_body(), Role.CLERK)])
    client.force_login(user)
    url = reverse("core:password-change")

    weak = client.post(url, {"old_password": PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"})
    strong = client.post(
        url, {"old_password": PASSWORD, "new_password1": "Jiangmen-2026!", "new_password2": "Jiangmen-2026!"}
    )

    assert weak.status_code == 200
    assert "至少 12 个字符" in weak.content.decode()
    assert strong.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Jiangmen-2026!")


# --- two-factor sign-in ---------------------------------------------------------------------------


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the user's authenticator app shows (a later step for a second use: codes are single-use)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def _a_moment_later(device: TOTPDevice) -> None:
    """django-otp makes a device wait after a wrong code (1 s, doubling): the user types again later."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)


def _login(client, username):
    response = client.post(reverse("core:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


@pytest.fixture
def office():
    return make_user("otp_office", roles=[(make_body(), Role.OFFICE)])


def _enrolled(office) -> TOTPDevice:
    return TOTPDevice.objects.create(user=office, name="app", confirmed=True)


def test_office_enrols_by_scanning_a_qr_code_and_confirming_a_code(client, office):
    Token.objects.create(user=office)
    _login(client, office.username)

    page = client.get(reverse("core:otp-enrol"))
    device = TOTPDevice.objects.get(user=office)
    wrong = client.post(reverse("core:otp-enrol"), {"otp_token": "000000"})
    _a_moment_later(device)
    right = client.post(reverse("core:otp-enrol"), {"otp_token": _code(device)})

    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html
    assert "<script>" not in html and "style=" not in html
    assert wrong.status_code == 400
    assert "动态验证码不正确" in wrong.content.decode()
    assert right.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # A token taken with the password alone is gone; the office works on in this session.
    assert not Token.objects.filter(user=office).exists()
    assert client.get(reverse("core:office-home")).status_code == 200


def test_password_alone_opens_nothing_once_a_device_is_confirmed(client, office):
    device = _enrolled(office)
    _login(client, office.username)

    page = client.get(reverse("core:office-home"))
    api = client.get(reverse("api-me"))
    wrong = client.post(reverse("core:otp-verify"), {"otp_token": "123456", "next": "/office/bodies/"})
    _a_moment_later(device)
    right = client.post(reverse("core:otp-verify"), {"otp_token": _code(device), "next": "/office/bodies/"})

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("core:otp-verify"))
    assert api.status_code == 403
    assert api.json()["code"] == "otp_required"
    assert wrong.status_code == 400
    assert right.status_code == 302
    assert right["Location"] == "/office/bodies/"
    assert client.get(reverse("core:office-home")).status_code == 200


def test_api_token_asks_for_the_code_of_a_two_factor_user(office):
    device = _enrolled(office)
    client = Client()
    url = reverse("api-token")

    without = client.post(url, {"username": office.username, "password": PASSWORD})
    wrong = client.post(url, {"username": office.username, "password": PASSWORD, "otp_token": "000000"})
    _a_moment_later(device)
    right = client.post(url, {"username": office.username, "password": PASSWORD, "otp_token": _code(device)})

    assert without.status_code == 400
    assert without.json()["code"] == "otp_required"
    assert wrong.status_code == 400
    assert right.status_code == 200
    assert right.json()["token"]


def test_required_roles_must_enrol_before_anything_else(client, office, settings):
    settings.FAZHI_REQUIRE_2FA_ROLES = [Role.OFFICE]
    clerk = make_user("otp_clerk", roles=[(make_body(), Role.CLERK)])
    _login(client, office.username)
    clerk_client = Client()
    _login(clerk_client, clerk.username)

    office_page = client.get(reverse("core:office-home"))
    token = Client().post(reverse("api-token"), {"username": office.username, "password": PASSWORD})

    assert office_page.status_code == 302
    assert office_page["Location"].startswith(reverse("core:otp-enrol"))
    assert "须使用双因素验证" in client.get(office_page["Location"]).content.decode()
    assert token.status_code == 400
    assert clerk_client.get(reverse("core:office-home")).status_code == 200


def test_two_factor_is_offered_to_the_office_and_reviewers_only(client):
    clerk = make_user("plain_clerk", roles=[(make_body(), Role.CLERK)])
    reviewer = make_user("reviewer_x", roles=[(make_body(), Role.LEGAL_REVIEWER)])

    client.force_login(clerk)
    refused = client.get(reverse("core:otp-enrol"))
    client.force_login(reviewer)
    offered = client.get(reverse("core:otp-enrol"))

    assert refused.status_code == 403
    assert offered.status_code == 200


def test_an_optional_device_can_be_turned_off_with_a_current_code(client, office):
    device = _enrolled(office)
    _login(client, office.username)
    client.post(reverse("core:otp-verify"), {"otp_token": _code(device)})

    response = client.post(reverse("core:otp-enrol"), {"action": "disable", "otp_token": _code(device, 1)})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=office).exists()


def test_a_bad_required_role_stops_start_up_naming_the_variable():
    env = {**os.environ, "FAZHI_REQUIRE_2FA_ROLES": "office,nobody", "DJANGO_SETTINGS_MODULE": "fazhi.settings"}

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "FAZHI_REQUIRE_2FA_ROLES" in result.stderr and "nobody" in result.stderr


# --- sessions and cookies ------------------------------------------------------------------------


def test_session_and_csrf_cookies_are_out_of_scripts_reach_and_end_with_the_browser(client):
    make_user("cookie_user")
    client.get(reverse("core:login"))
    response = client.post(reverse("core:login"), {"username": "cookie_user", "password": PASSWORD})

    session = response.cookies["sessionid"]
    csrf = client.cookies["csrftoken"]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert not session["expires"] and not session["max-age"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"


def test_secure_cookies_and_session_age_come_from_the_environment():
    env = {
        **os.environ,
        "FAZHI_SECURE_COOKIES": "true",
        "FAZHI_SESSION_HOURS": "2",
        "FAZHI_SESSION_BROWSER_CLOSE": "false",
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
    }
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE]))"
    )

    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)

    assert json.loads(result.stdout) == [True, True, 7200, False], result.stderr


# --- rate limit of the public forms --------------------------------------------------------------

# Every form the anonymous public may send, and every look-up by receipt secret: (URL name, kwargs,
# method, is API). Found from the views that take the client's address and the PUBLIC routes of
# test_url_scoping.py that accept a write.
PUBLIC_FORMS = [
    ("portal:submit", {"kind": "suggestion"}, "post", False),
    ("portal:track", {}, "post", False),
    ("portal:track", {}, "get", False),
    ("api-public-submission", {}, "post", True),
    ("api-public-submission-status", {}, "post", True),
    ("api-public-submission-status", {}, "get", True),
    ("procedures:public-detail", {"pk": 1}, "post", False),
    ("public-consultation-comment", {"pk": 1}, "post", True),
    ("filing:public-suggest", {"pk": 1}, "post", False),
    ("intake:satisfaction", {}, "post", False),
    ("api-intake-satisfaction", {}, "post", True),
    ("petitions:public-request", {}, "post", False),
    ("api-public-petition-request", {}, "post", True),
    ("reconsideration:public-complete", {}, "post", False),
    ("api-public-reconsideration-completion", {}, "post", True),
]


@pytest.mark.parametrize(("name", "kwargs", "method", "is_api"), PUBLIC_FORMS, ids=lambda v: str(v))
def test_every_public_form_is_rate_limited_per_client(name, kwargs, method, is_api, settings):
    settings.FAZHI_PUBLIC_FORM_RATE = (2, 3600)
    url = reverse(name, kwargs=kwargs)
    data = {"receipt_code": "GZ-NOPE", "secret": "nope", "content": "意见"}

    def send(address):
        client = Client(REMOTE_ADDR=address)
        if method == "get":
            return client.get(url, data)
        if is_api:
            return client.post(url, json.dumps(data), content_type="application/json")
        return client.post(url, data)

    answers = [send("198.51.100.7") for _ in range(3)]
    other_client = send("198.51.100.8")

    assert all(answer.status_code != 429 for answer in answers[:2]), [a.status_code for a in answers]
    refused = answers[2]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    text = refused.json()["detail"] if is_api else refused.content.decode()
    assert "请求过于频繁" in text
    assert other_client.status_code != 429


def test_staff_are_not_counted_as_the_public(settings):
    settings.FAZHI_PUBLIC_FORM_RATE = (1, 3600)
    user = make_user("staff_writer", roles=[(make_body(), Role.CLERK)])
    token = Token.objects.create(user=user)
    url = reverse("api-public-submission-status")

    with_token = [
        Client().post(url, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Token {token.key}")
        for _ in range(3)
    ]
    forged = [
        Client().post(url, "{}", content_type="application/json", HTTP_AUTHORIZATION="Token forged") for _ in range(2)
    ]

    assert all(answer.status_code != 429 for answer in with_token)
    assert forged[1].status_code == 429


# --- no personal data in logs ----------------------------------------------------------------------


def test_log_records_carry_no_phone_id_card_or_email():
    (handler,) = [h for h in logging.getLogger().handlers if any(isinstance(f, PersonalDataFilter) for f in h.filters)]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    logger = logging.getLogger("fazhi.test.hardening")
    try:
        logger.warning("申请人电话 %s，身份证 %s", "13800138000", "440701199001011234")
        try:
            raise ValueError("联系邮箱 zhangsan@example.com")
        except ValueError:
            logger.exception("处理失败")
    finally:
        handler.setStream(previous)

    output = stream.getvalue()
    assert "138****8000" in output
    assert "13800138000" not in output
    assert "440701199001011234" not in output and "440701" in output
    assert "zhangsan@example.com" not in output and "z***@example.com" in output


# --- the API's schema ---------------------------------------------------------------------------


def test_the_api_schema_is_generated_once_per_language_whoever_asks(client, monkeypatch):
    """Generating the document costs seconds: a stranger asking again, or with a made-up `lang`
    or `version`, must get the stored one, not cost those seconds again."""
    from drf_spectacular.generators import SchemaGenerator

    from fazhi.core.api import SchemaView

    monkeypatch.setattr(SchemaView, "_generated", {})
    generated = []
    real = SchemaGenerator.get_schema
    monkeypatch.setattr(
        SchemaGenerator, "get_schema", lambda self, **kwargs: generated.append(1) or real(self, **kwargs)
    )
    url = reverse("api-schema")

    chinese = client.get(url, {"format": "json"}).json()
    for query in ({"format": "json", "lang": "xx-made-up"}, {"format": "json", "version": "999"}, {}):
        assert client.get(url, query).status_code == 200
    english = client.get(url, {"format": "json", "lang": "en"}).json()
    client.get(url, {"format": "json", "lang": "en"})

    assert len(generated) == 2 and set(SchemaView._generated) == {"zh-hans", "en"}
    assert chinese["info"]["version"] == "1" and chinese["info"]["title"] == "依法行政综合管理平台 API"
    assert client.get(url, {"format": "json", "version": "999"}).json() == chinese
    assert chinese["components"]["schemas"]["Body"]["properties"]["kind"]["title"] == "类型"
    assert english["components"]["schemas"]["Body"]["properties"]["kind"]["title"] == "Type"
