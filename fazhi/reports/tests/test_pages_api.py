"""The office pages, the portal and the API: who sees which report, the tracking of every body the
articles bind, the steps with their refusals in Chinese, bad input with nothing stored, scripts
escaped, another body's ids a 404, the public only what is published."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import Notification
from fazhi.core.testing import api_client
from fazhi.reports import testing
from fazhi.reports.choices import ReportStatus
from fazhi.reports.models import YearlyReport

D = datetime.date
API = "/api/v1/reports/yearly"
SCRIPT = "<script>alert(1)</script>"


def _page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- the office's tracking page -------------------------------------------------------------------


def test_the_office_tracks_every_body_of_its_subtree_on_time_late_or_overdue(today, client, city, staff, host):
    today.set(D(2027, 1, 20))
    testing.sent(city["market"], staff["clerk"], staff["head"], year=2026, sent_on="2027-01-20", publish=True)
    testing.written(city["county_market"], staff["county_clerk"], year=2026)
    today.set(D(2027, 2, 3))
    county = testing.approved(city["county"], staff["county_office"], staff["county_head"], year=2026)
    from fazhi.reports import services

    services.send(county, actor=staff["county_office"], sent_on="2027-02-03", means="paper")
    client.force_login(staff["office"])

    page = _page(client, reverse("reports:tracking"), year=2026)

    rows = {body: page.split(f'id="tracking-{city[body].pk}"')[1].split("</tr>")[0] for body in city}
    assert "已按期报送" in rows["market"] and "2027年1月20日" in rows["market"]
    assert "逾期报送" in rows["county"] and "2027年2月3日" in rows["county"]
    assert "逾期未报" in rows["county_market"] and "草稿" in rows["county_market"]
    assert "逾期未报" in rows["ecology"] and "未编制" in rows["ecology"]
    assert "逾期未报" in rows["government"]
    # Sent reports link to their page; a draft of another body is named, not opened.
    assert reverse("reports:detail", args=[YearlyReport.objects.get(body=city["market"]).pk]) in rows["market"]
    assert "href" not in rows["county_market"]
    filtered = _page(client, reverse("reports:tracking"), year=2026, kind="county_government")
    assert f'id="tracking-{city["county"].pk}"' in filtered and f'id="tracking-{city["market"].pk}"' not in filtered


def test_a_clerk_tracks_only_its_own_body_and_the_county_office_its_county(today, client, city, staff, host):
    client.force_login(staff["clerk"])
    page = _page(client, reverse("reports:tracking"), year=2026)
    assert f'id="tracking-{city["market"].pk}"' in page and f'id="tracking-{city["ecology"].pk}"' not in page
    assert "未编制" in page and "生成报告草稿" in page
    client.force_login(staff["county_office"])
    page = _page(client, reverse("reports:tracking"), year=2026)
    assert f'id="tracking-{city["county_market"].pk}"' in page and f'id="tracking-{city["market"].pk}"' not in page


def test_the_tracking_page_takes_the_same_queries_for_few_bodies_or_many(today, client, city, staff, host):
    from fazhi.core.testing import make_body

    client.force_login(staff["office"])
    url = reverse("reports:tracking") + "?year=2026"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        make_body(parent=city["government"])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- generating and the report's page -------------------------------------------------------------


def test_the_clerk_generates_writes_and_submits_on_the_page(today, client, city, staff, host):
    client.force_login(staff["clerk"])
    response = client.post(reverse("reports:generate"), {"body": city["market"].pk, "year": "2026"})
    report = YearlyReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    page = _page(client, response["Location"])
    assert "江门市市场监督管理局关于2026年度法治政府建设情况的报告" in page
    assert "2027年1月31日（江府办〔2018〕7号第四十四条）" in page
    assert "江门市依法行政工作领导小组办公室（设在江门市司法局）" in page
    assert "（一）完善依法行政制度" in page

    step = reverse("reports:step", args=[report.pk, "edit"])
    response = client.post(step, {**testing.TEXTS, "achievements": f"成效{SCRIPT}"})
    assert response.status_code == 302
    page = _page(client, reverse("reports:detail", args=[report.pk]))
    assert SCRIPT not in page and "成效&lt;script&gt;alert(1)&lt;/script&gt;" in page

    response = client.post(reverse("reports:step", args=[report.pk, "submit"]))
    assert response.status_code == 302
    assert YearlyReport.objects.get().status == ReportStatus.SUBMITTED
    assert Notification.objects.filter(recipient=staff["head"], title__startswith="待审批").exists()


def test_refusals_show_on_the_page_with_their_status_and_change_nothing(today, client, city, staff, host):
    report = testing.written(city["market"], staff["clerk"], year=2026, next_year=" ")
    client.force_login(staff["clerk"])
    response = client.post(reverse("reports:step", args=[report.pk, "submit"]))
    assert response.status_code == 409 and "“下一年度工作安排”尚未填写，不能提交审批。" in response.content.decode()
    response = client.post(reverse("reports:step", args=[report.pk, "send"]), {"sent_on": "2027-01-15"})
    assert response.status_code == 409 and "报告经主要负责人审批后方可报送。" in response.content.decode()
    response = client.post(reverse("reports:step", args=[report.pk, "edit"]), {"achievements": "长" * 20001})
    body = response.content.decode()
    assert response.status_code == 400 and "主要举措和成效不能超过 20000 个字。" in body
    assert "长" * 20001 in body  # what was typed is kept in the form
    response = client.post(reverse("reports:step", args=[report.pk, "nonsense"]))
    assert response.status_code == 404
    response = client.post(reverse("reports:generate"), {"body": city["ecology"].pk, "year": "2026"})
    assert response.status_code == 400 and "请选择本人所在、可以编制报告的单位。" in response.content.decode()
    response = client.post(reverse("reports:generate"), {"body": city["market"].pk, "year": "2026"})
    assert response.status_code == 409 and "已经编制" in response.content.decode()
    assert YearlyReport.objects.get().status == ReportStatus.DRAFT
    assert YearlyReport.objects.get().achievements == testing.TEXTS["achievements"]


def test_the_head_approves_and_the_clerk_sends_on_the_page(today, client, city, staff, host):
    report = testing.written(city["market"], staff["clerk"], year=2026)
    client.force_login(staff["clerk"])
    client.post(reverse("reports:step", args=[report.pk, "submit"]))
    page = _page(client, reverse("reports:detail", args=[report.pk]))
    assert 'data-transition="approve"' not in page
    client.force_login(staff["head"])
    page = _page(client, reverse("reports:detail", args=[report.pk]))
    assert 'data-transition="approve"' in page and 'data-transition="return"' in page
    assert client.post(reverse("reports:step", args=[report.pk, "approve"])).status_code == 302
    client.force_login(staff["clerk"])
    response = client.post(reverse("reports:step", args=[report.pk, "send"]), {"sent_on": "2027-01-15"})
    assert response.status_code == 302
    page = _page(client, reverse("reports:detail", args=[report.pk]))
    assert "已按期报送" in page and "本平台报送" in page
    assert client.post(reverse("reports:step", args=[report.pk, "publish"])).status_code == 302
    assert YearlyReport.objects.get().status == ReportStatus.PUBLISHED


# --- who sees what --------------------------------------------------------------------------------


def test_a_draft_is_its_body_alone_and_a_sent_report_is_also_its_recipients(today, client, city, staff, host):
    report = testing.approved(city["market"], staff["clerk"], staff["head"], year=2026)
    detail = reverse("reports:detail", args=[report.pk])
    for user in ("office", "mayor", "host_head", "ecology", "county_office", "outsider"):
        client.force_login(staff[user])
        assert client.get(detail).status_code == 404, user
    assert client.get(reverse("reports:public-detail", args=[report.pk])).status_code == 404

    from fazhi.reports import services

    services.send(report, actor=staff["clerk"], sent_on="2027-01-15")
    for user in ("office", "mayor", "host_head"):
        client.force_login(staff[user])
        page = _page(client, detail)
        assert "您在此环节没有可办理的操作。" in page, user
        assert client.get(reverse("reports:docx", args=[report.pk])).status_code == 200
    for user in ("ecology", "county_office", "outsider"):
        client.force_login(staff[user])
        assert client.get(detail).status_code == 404, user
        assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 404, user
    client.logout()
    assert client.get(reverse("reports:public-detail", args=[report.pk])).status_code == 404
    services.publish(report, actor=staff["clerk"])
    page = _page(client, reverse("reports:public-detail", args=[report.pk]))
    assert "江门市市场监督管理局关于2026年度法治政府建设情况的报告" in page
    listing = _page(client, reverse("reports:public-list"), year="2026")
    assert reverse("reports:public-detail", args=[report.pk]) in listing
    docx = client.get(reverse("reports:public-docx", args=[report.pk]))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("reports:public-pdf", args=[report.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_portal_lists_only_published_reports(today, client, city, staff, host):
    testing.written(city["market"], staff["clerk"], year=2026, achievements="草稿内容")
    page = _page(client, reverse("reports:public-list"))
    assert "暂无已公开的年度报告。" in page and "草稿内容" not in page
    assert _page(client, reverse("reports:public-list"), body="x", year="abcd")


# --- the API --------------------------------------------------------------------------------------


def test_the_api_generates_writes_and_moves_a_report(today, city, staff, host):
    clerk = api_client(staff["clerk"])
    response = clerk.post(f"{API}/", {"body": city["market"].pk, "year": 2026}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    pk = data["id"]
    assert data["status"] == "draft" and data["due_on"] == "2027-01-31" and data["standing"] == "draft"
    assert [r["kind"] for r in data["recipients"]] == ["own_government", "leading_group_office"]
    assert {a["name"] for a in data["actions"]} >= {"edit", "regenerate", "submit"}
    response = clerk.post(f"{API}/{pk}/edit/", testing.TEXTS, format="json")
    assert response.status_code == 200 and response.json()["achievements"] == testing.TEXTS["achievements"]
    assert clerk.post(f"{API}/{pk}/submit/", format="json").status_code == 200
    head = api_client(staff["head"])
    assert head.post(f"{API}/{pk}/approve/", format="json").json()["status"] == "approved"
    response = clerk.post(f"{API}/{pk}/send/", {"sent_on": "2027-01-15"}, format="json")
    assert response.status_code == 200
    assert [d["means"] for d in response.json()["deliveries"]] == ["platform", "platform"]
    assert clerk.post(f"{API}/{pk}/publish/", format="json").json()["status"] == "published"
    docx = clerk.get(f"{API}/{pk}/docx/")
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert api_client().get(f"/api/v1/public/reports/yearly/{pk}/").json()["title"].endswith("情况的报告")
    assert api_client().get(f"/api/v1/public/reports/yearly/{pk}/pdf/").status_code == 200


@pytest.mark.parametrize(
    ("path", "payload", "status", "field"),
    [
        ("", {"body": "x", "year": 2026}, 400, "body"),
        ("", {"body": None, "year": "二〇二六"}, 400, "body"),
        ("", {"year": 2026, "nonsense": 1}, 400, "nonsense"),
        ("{pk}/edit/", {"achievements": 5}, 400, "achievements"),
        ("{pk}/edit/", {"secret": "x"}, 400, "secret"),
        ("{pk}/send/", {"sent_on": "2027-01-15"}, 409, None),
        ("{pk}/return/", {"reason": "x"}, 404, None),
    ],
)
def test_the_api_refuses_bad_input_in_chinese(today, city, staff, host, path, payload, status, field):
    report = testing.written(city["market"], staff["clerk"], year=2026)
    client = api_client(staff["clerk"])
    response = client.post(f"{API}/{path.format(pk=report.pk)}", payload, format="json")
    assert response.status_code == (403 if path.startswith("{pk}/return") else status), response.json()
    body = response.json()
    assert {"code", "detail", "errors"} <= body.keys()
    if field:
        assert field in body["errors"]
    assert YearlyReport.objects.get().status == ReportStatus.DRAFT


def test_the_api_answers_another_body_404_and_lists_only_what_one_sees(today, city, staff, host):
    draft = testing.written(city["market"], staff["clerk"], year=2026)
    sent = testing.sent(city["ecology"], staff["ecology"], _head(city["ecology"]), year=2026, sent_on="2027-01-15")
    office = api_client(staff["office"])
    assert [r["id"] for r in office.get(f"{API}/").json()["results"]] == [sent.pk]
    assert office.get(f"{API}/{draft.pk}/").status_code == 404
    assert office.get(f"{API}/{draft.pk}/docx/").status_code == 404
    assert office.post(f"{API}/{sent.pk}/publish/", format="json").status_code == 403
    county = api_client(staff["county_office"])
    assert county.get(f"{API}/{sent.pk}/").status_code == 404
    assert county.get(f"{API}/99999999999/").status_code == 404
    assert api_client(staff["clerk"]).get(f"{API}/", {"year": "20x6"}).status_code == 400
    assert api_client().get(f"{API}/").status_code in (401, 403)
    assert api_client().get(f"/api/v1/public/reports/yearly/{sent.pk}/").status_code == 404


def _head(body):
    from fazhi.core.testing import Role, make_user

    return make_user(roles=[(body, Role.HEAD)])


def test_the_tracking_api_gives_each_body_its_standing(today, city, staff, host):
    today.set(D(2027, 2, 1))
    rows = api_client(staff["office"]).get("/api/v1/reports/tracking/", {"year": 2026}).json()
    assert {row["body_name"]: row["standing"] for row in rows} == {
        "江门市人民政府": "overdue",
        "江门市市场监督管理局": "overdue",
        "江门市生态环境局": "overdue",
        "蓬江区人民政府": "overdue",
        "蓬江区市场监督管理局": "overdue",
        "江门市司法局": "overdue",
    }
    response = api_client(staff["office"]).get("/api/v1/reports/tracking/", {"kind": "planet"})
    assert response.status_code == 400 and response.json()["errors"] == {"kind": ["不是有效的单位类型。"]}
