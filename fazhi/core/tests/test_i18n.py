"""English: the committed catalogue is complete and compiled, and the site speaks it when asked.

The catalogue tests read fazhi/locale/en/LC_MESSAGES with polib, so they need no GNU gettext;
`scripts/messages` regenerates and compiles the catalogue.
"""

import re
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import dateformat, timezone, translation

from fazhi.core.testing import api_client, make_user

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdrfi]|\{\{ *\w+ *\}\}")
SUBMIT_URL = "/submit/suggestion/"


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    """A request in English leaves English active in this thread; later tests expect the default."""
    yield
    translation.deactivate()


def _translations(entries) -> dict:
    return {
        (entry.msgctxt, entry.msgid): (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if entry.msgid_plural else entry.msgstr
        )
        for entry in entries
        if entry.msgid
    }


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(CATALOGUE / "django.po"))


def test_catalogue_translates_every_message(po):
    assert len(po) > 500
    assert not po.fuzzy_entries(), [entry.msgid for entry in po.fuzzy_entries()]
    assert not po.untranslated_entries(), [entry.msgid for entry in po.untranslated_entries()]
    assert not po.obsolete_entries()


def test_catalogue_keeps_every_placeholder(po):
    for entry in po.translated_entries():
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def test_catalogue_compiled_mo_matches_the_po(po):
    """django.mo is committed (a fresh machine has no msgfmt): it must say what django.po says."""
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert _translations(mo) == _translations(po.translated_entries()), "django.mo is stale: run scripts/messages"


# --- the site in English ------------------------------------------------------------------------


def test_default_is_chinese(client, city):
    page = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "依法行政综合管理平台" in page and "查询办理进度" in page


def test_a_browser_set_to_english_still_gets_chinese_pages(client, city):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in page and "查询办理进度" in page


def choose_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


def test_chosen_english_gives_the_portal_in_english(client, city):
    choose_english(client)
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Law-Based Administration Management Platform" in page and "Track progress" in page
    assert "查询办理进度" not in page


def test_footer_switches_language_with_a_plain_form(city):
    """The form carries no CSRF token (so that public pages are the same for everyone and cache),
    and switches the language with CSRF checks on."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/").content.decode()
    switcher = re.search(r'<form method="post" action="/i18n/setlang/".*?</form>', page, re.S).group(0)
    assert "csrfmiddlewaretoken" not in page
    assert 'name="language" value="en"' in switcher and 'name="language" value="zh-hans"' in switcher
    assert "<script" not in switcher

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/track/"})
    assert response.status_code == 302 and response["Location"] == "/track/"
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Track progress" in page

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "查询办理进度" in client.get("/").content.decode()


def test_office_home_in_english_with_an_english_date(client, city):
    user = make_user("clerk_en", full_name="李四")
    client.force_login(user)
    choose_english(client)
    page = client.get("/office/").content.decode()
    today = timezone.localdate()
    assert "Workbench" in page and f"Hello, {user}." in page
    assert f"Today is {dateformat.format(today, 'N j, Y')}." in page
    assert f"{today.year}年" not in page

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get("/office/").content.decode()
    assert "工作台" in page and f"今天是{today.year}年{today.month}月{today.day}日。" in page


def test_receipt_in_english_with_an_english_date_time(client, city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    data = {
        "body": str(city["market"].pk),
        "subject": "关于增设公交站点的建议",
        "content": "建议在建设路与港口路交界处增设公交站点。",
        "submitter_name": "张三",
    }
    choose_english(client)
    page = client.post(SUBMIT_URL, data).content.decode()
    assert "Receipt number" in page and "Tracking code" in page
    with translation.override("en"):
        assert re.search(r"<dd>[A-Z][a-z]{2}\.? \d{1,2}, \d{4}, \d{1,2}(:\d{2})? [ap]\.m\.</dd>", page)


def test_api_errors_in_english(city):
    client = api_client()
    missing = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "detail": "Record not found.", "errors": {}}

    invalid = client.post(
        "/api/v1/public/submissions/",
        {"kind": "suggestion", "body": city["market"].pk, "content": "太短", "submitter_name": "张三"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert invalid.status_code == 400
    body = invalid.json()
    assert body["code"] == "invalid" and set(body) == {"code", "detail", "errors"}
    assert body["errors"] and not CJK.search(body["detail"])
    assert not any(CJK.search(message) for messages in body["errors"].values() for message in messages)

    chinese = client.post(
        "/api/v1/public/submissions/",
        {"kind": "suggestion", "body": city["market"].pk, "content": "太短", "submitter_name": "张三"},
        format="json",
    )
    assert CJK.search(chinese.json()["detail"])


def test_api_refusal_from_a_service_in_english(city):
    response = api_client().post(
        "/api/v1/public/submissions/status/",
        {"receipt_code": "YJ-2026-NOSUCH00", "secret": "wrong"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code in (400, 404)
    assert response.json()["detail"].startswith("No submission matches"), response.json()
