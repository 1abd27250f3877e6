"""政府网站工作年度报表: the service, the API (list and record, scoped) and the office and public pages."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.testing import Role, api_client, make_user
from fazhi.disclosure import services
from fazhi.disclosure.choices import ReportKind
from fazhi.disclosure.models import ReportSchedule, WebsiteReport

D = datetime.date
API_URL = "/api/v1/disclosure-website-reports/"
LINK = "https://www.jiangmen.gov.cn/zwgk/wzbb/2026.html"


@pytest.fixture
def january(today):
    return today(D(2027, 1, 20))


@pytest.fixture
def clerk(city):
    """A clerk of both the city and the county government."""
    return make_user("web_clerk", roles=[(city["government"], Role.CLERK), (city["county"], Role.CLERK)])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _record(user, data):
    return api_client(user).post(API_URL, data, format="json")


# --- service -----------------------------------------------------------------------------------


def test_recording_again_corrects_the_same_year(staff, clerk, city, january):
    services.record_website_report(
        actor=clerk, body=city["government"], year=2026, published_on="2027-01-10", link=LINK
    )
    services.record_website_report(
        actor=clerk, body=city["government"], year=2026, published_on="2027-01-12", link=LINK + "?v=2"
    )
    report = WebsiteReport.objects.get()
    assert (report.published_on, report.link) == (D(2027, 1, 12), LINK + "?v=2")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"year": 2026, "link": "javascript:alert(1)"}, "link"),
        ({"year": 2026, "link": ""}, "link"),
        ({"year": "二〇二六", "link": LINK}, "year"),
        ({"year": 2028, "link": LINK}, "year"),
        ({"year": 2026, "link": LINK, "published_on": "2027-02-30"}, "published_on"),
        ({"year": 2026, "link": LINK, "published_on": "2027-03-01"}, "published_on"),
    ],
)
def test_service_refuses_bad_input(staff, clerk, city, january, values, field):
    with pytest.raises(InvalidInput) as refused:
        services.record_website_report(actor=clerk, body=city["government"], **values)
    assert field in refused.value.errors
    assert not WebsiteReport.objects.exists()


def test_service_refuses_another_body(staff, clerk, city, january):
    with pytest.raises(NotFound):
        services.record_website_report(actor=staff["other_clerk"], body=city["county"], year=2026, link=LINK)
    assert not WebsiteReport.objects.exists()


# --- API ---------------------------------------------------------------------------------------


def test_api_records_and_lists_with_the_due_day(staff, clerk, city, january):
    ReportSchedule.objects.update_or_create(
        report=ReportKind.WEBSITE, body_kind="county_government", defaults={"month": 1, "day": 15}
    )
    response = _record(clerk, {"body": city["county"].pk, "year": 2026, "published_on": "2027-01-18", "link": LINK})
    assert response.status_code == 201
    body = response.json()
    assert body["body_name"] == "蓬江区人民政府" and body["due_on"] == "2027-01-15" and body["late"] is True
    _record(clerk, {"body": city["government"].pk, "year": 2026, "link": LINK})
    listed = api_client(clerk).get(API_URL).json()["results"]
    assert {(row["body_name"], row["due_on"], row["late"]) for row in listed} == {
        ("蓬江区人民政府", "2027-01-15", True),
        ("江门市人民政府", "2027-01-31", False),
    }


def test_api_lists_only_the_users_bodies(staff, clerk, city, january):
    _record(clerk, {"body": city["government"].pk, "year": 2026, "link": LINK})
    response = api_client(staff["other_clerk"]).get(API_URL)
    assert response.status_code == 200 and response.json()["results"] == []
    assert api_client().get(API_URL).status_code in (401, 403)


def test_api_refuses_another_bodys_record_with_404(staff, clerk, city, january):
    response = _record(staff["other_clerk"], {"body": city["county"].pk, "year": 2026, "link": LINK})
    assert response.status_code == 404
    assert _record(staff["other_clerk"], {"body": 999999, "year": 2026, "link": LINK}).status_code == 404
    assert not WebsiteReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"year": 2026, "link": LINK}, "body"),
        ({"body": "政府", "year": 2026, "link": LINK}, "body"),
        ({"year": 2026}, "link"),
        ({"year": 2026, "link": "ftp://example.com/a"}, "link"),
        ({"year": [2026], "link": LINK}, "year"),
        ({"year": 2026, "link": LINK, "published_on": "明天"}, "published_on"),
        ({"year": 2026, "link": LINK, "url": LINK}, "url"),
    ],
)
def test_api_bad_input_is_a_400_naming_the_field(staff, clerk, city, january, data, field):
    data = {"body": city["government"].pk, **data} if field != "body" else data
    response = _record(clerk, data)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and field in response.json()["errors"]
    assert not WebsiteReport.objects.exists()


# --- pages -------------------------------------------------------------------------------------


def test_office_page_lists_each_governments_due_day_and_records_one(staff, clerk, city, january):
    client = _client(clerk)
    url = reverse("disclosure:reports")
    page = client.get(url).content.decode()
    assert "政府网站工作年度报表" in page and "2027年1月31日" in page
    assert page.count("未登记") == 2  # the city and the county government
    response = client.post(
        url, {"form": "website", "body": city["government"].pk, "year": "2026", "published_on": "", "link": LINK}
    )
    assert response.status_code == 302
    report = WebsiteReport.objects.get()
    assert (report.body, report.year, report.published_on) == (city["government"], 2026, D(2027, 1, 20))
    page = client.get(url).content.decode()
    assert page.count("未登记") == 1 and LINK in page


def test_office_page_shows_the_error_and_stores_nothing(staff, clerk, city, january):
    response = _client(clerk).post(
        reverse("disclosure:reports"),
        {"form": "website", "body": city["government"].pk, "year": "2026", "link": "www.example.com"},
    )
    assert response.status_code == 400
    assert "链接应以 http:// 或 https:// 开头。" in response.content.decode()
    assert not WebsiteReport.objects.exists()


def test_office_page_refuses_another_body_with_404(staff, clerk, city, january):
    response = _client(staff["other_clerk"]).post(
        reverse("disclosure:reports"), {"form": "website", "body": city["county"].pk, "year": "2026", "link": LINK}
    )
    assert response.status_code == 404
    assert not WebsiteReport.objects.exists()


def test_other_body_does_not_see_the_governments_rows(staff, clerk, city, january):
    services.record_website_report(actor=clerk, body=city["government"], year=2026, link=LINK)
    page = _client(staff["other_clerk"]).get(reverse("disclosure:reports")).content.decode()
    assert LINK not in page and "江门市人民政府" not in page


def test_public_reports_page_lists_recorded_website_reports(staff, clerk, city, january):
    public = Client().get(reverse("disclosure:public-reports")).content.decode()
    assert "暂无已公布的报表。" in public
    services.record_website_report(actor=clerk, body=city["government"], year=2026, link=LINK)
    public = Client().get(reverse("disclosure:public-reports")).content.decode()
    assert LINK in public and "江门市人民政府 2026年度" in public
