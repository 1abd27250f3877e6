"""The office pages, the API and the public forms, as their users meet them."""

import pytest

from fazhi.core.models import PublicSubmission
from fazhi.core.testing import api_client, make_user
from fazhi.core.testing.files import exe_bytes, upload
from fazhi.intake import services, testing
from fazhi.intake.choices import IntakeKind, Result
from fazhi.intake.models import Case, CaseNote, Channel

pytestmark = pytest.mark.django_db


def _report(city, intake):
    return testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["government"]))


# --- public forms --------------------------------------------------------------------------


def test_the_portal_report_form_routes_without_a_body_choice(client, city, intake, today):
    page = client.get("/submit/report/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "举报类别" in text and "事发地区" in text and "食品安全" in text
    data = testing.report_data(intake["food"], city["county"])
    response = client.post("/submit/report/", data)
    assert response.status_code in (200, 302)
    case = Case.objects.get()
    assert case.body == city["county_market"]


def test_the_portal_forms_refuse_bad_input_and_store_nothing(client, city, intake, today):
    bad = {**testing.report_data(intake["food"], city["county"], content=""), "category": ""}
    response = client.post("/submit/report/", bad)
    assert response.status_code == 400
    assert "请选择举报类别" in response.content.decode()
    complaint = testing.complaint_data(intake["conduct"])
    response = client.post(
        "/submit/complaint/", {**complaint, "attachments": upload("a.exe", exe_bytes(), "application/x-msdownload")}
    )
    assert response.status_code == 400
    assert not PublicSubmission.objects.exists() and not Case.objects.exists()


def test_the_public_api_refuses_wrong_types_and_a_bad_attachment(city, intake, today):
    client = api_client()
    data = {"kind": "report", **testing.report_data(intake["food"], city["county"])}
    response = client.post("/api/v1/public/submissions/", {**data, "category": 5}, format="json")
    assert response.status_code == 400 and "category" in response.json()["errors"]
    response = client.post(
        "/api/v1/public/submissions/",
        {**data, "attachments": upload("x.exe", exe_bytes(), "application/x-msdownload")},
        format="multipart",
    )
    assert response.status_code == 400
    assert not PublicSubmission.objects.exists()


def test_a_script_is_stored_as_text_and_escaped(client, city, intake, today, staff):
    case, _receipt = testing.submit(
        IntakeKind.REPORT,
        testing.report_data(intake["food"], city["county"], content="<script>alert(1)</script>过期食品"),
    )
    assert case.submission.content.startswith("<script>")
    client.force_login(staff["county_clerk"])
    page = client.get(f"/office/intake/cases/{case.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


# --- satisfaction page ---------------------------------------------------------------------


def test_the_satisfaction_form_once_after_the_reply(client, city, intake, today, staff):
    case, receipt = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"]))
    form = {"receipt_code": receipt.receipt_code, "secret": receipt.secret, "rating": "satisfied", "comment": ""}
    assert client.post("/complaints/satisfaction/", form).status_code == 409
    services.accept(case, actor=staff["county_clerk"])
    services.conclude(case, actor=staff["county_clerk"], result=Result.UNFOUNDED, reply="经核查，情况不属实。")
    assert client.post("/complaints/satisfaction/", {**form, "rating": "<b>"}).status_code == 400
    assert client.post("/complaints/satisfaction/", form).status_code == 200
    assert client.post("/complaints/satisfaction/", form).status_code == 409
    case.refresh_from_db()
    assert case.satisfaction == "satisfied"


# --- office pages --------------------------------------------------------------------------


def test_the_register_and_the_case_page_show_due_dates_with_their_source(client, city, intake, today, staff):
    case, _receipt = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"]))
    client.force_login(staff["county_clerk"])
    register = client.get("/office/intake/").content.decode()
    assert case.submission.receipt_code in register and "2026年11月23日" in register
    page = client.get(f"/office/intake/cases/{case.pk}/").content.decode()
    assert "市场监督管理行政处罚程序规定（2022）第十八条" in page and "李四" in page


def test_the_case_steps_as_forms(client, city, intake, today, staff):
    case, _receipt = _report(city, intake)
    client.force_login(staff["market_clerk"])
    response = client.post(f"/office/intake/cases/{case.pk}/transfer/", {"to_body": "", "reason": ""})
    assert response.status_code == 400 and "请选择接收单位" in response.content.decode()
    response = client.post(
        f"/office/intake/cases/{case.pk}/transfer/", {"to_body": city["county_market"].pk, "reason": "属地管辖"}
    )
    assert response.status_code == 302
    assert client.get(f"/office/intake/cases/{case.pk}/").status_code == 404
    assert "属地管辖" in client.get("/office/intake/").content.decode()
    client.force_login(staff["county_clerk"])
    assert client.post(f"/office/intake/cases/{case.pk}/conclude/", {}).status_code == 409
    assert client.post(f"/office/intake/cases/{case.pk}/accept/").status_code == 302
    assert client.post(f"/office/intake/cases/{case.pk}/note/", {"text": "已现场核查"}).status_code == 302
    response = client.post(
        f"/office/intake/cases/{case.pk}/conclude/", {"result": "filed", "reply": "已立案查处。", "detail": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.result == "filed" and CaseNote.objects.count() == 1


def test_another_bodys_case_is_404(client, city, intake, today, staff):
    case, _receipt = _report(city, intake)
    client.force_login(staff["ecology_clerk"])
    assert client.get(f"/office/intake/cases/{case.pk}/").status_code == 404
    assert client.post(f"/office/intake/cases/{case.pk}/accept/").status_code == 404


def test_channels_published_by_a_body_appear_on_the_portal(client, city, intake, staff):
    client.force_login(staff["market_clerk"])
    response = client.post(
        "/office/intake/channels/", {"body": city["market"].pk, "kind": "phone", "value": "0750-12315", "hours": ""}
    )
    assert response.status_code == 302
    response = client.post("/office/intake/channels/", {"body": city["market"].pk, "kind": "email", "value": "x"})
    assert response.status_code == 400
    response = client.post("/office/intake/channels/", {"body": city["ecology"].pk, "kind": "phone", "value": "1"})
    assert response.status_code in (403, 404)
    assert Channel.objects.count() == 1
    client.logout()
    page = client.get("/complaints/channels/").content.decode()
    assert "0750-12315" in page and "江门市市场监督管理局" in page


# --- API -----------------------------------------------------------------------------------


def test_the_api_scopes_cases_and_shows_identity_to_the_handling_body_only(city, intake, today, staff):
    case, _receipt = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"]))
    clerk = api_client(staff["county_clerk"])
    found = clerk.get(f"/api/v1/intake-cases/{case.pk}/").json()
    assert found["submitter"]["submitter_name"] == "李四"
    assert found["due_dates"][0]["source"].startswith("市场监督管理行政处罚程序规定")
    above = api_client(staff["county_office"]).get(f"/api/v1/intake-cases/{case.pk}/").json()
    assert above["submitter"]["submitter_name"] != "李四" and above["submitter"]["submitter_phone"] != "13800000000"
    assert api_client(staff["ecology_clerk"]).get(f"/api/v1/intake-cases/{case.pk}/").status_code == 404


def test_the_api_steps_refuse_bad_input_and_out_of_order(city, intake, today, staff):
    case, _receipt = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"]))
    clerk = api_client(staff["county_clerk"])
    url = f"/api/v1/intake-cases/{case.pk}/"
    assert clerk.post(url + "conclude/", {"result": "filed", "reply": "x"}, format="json").status_code == 409
    assert clerk.post(url + "refuse/", {"reason": 3}, format="json").status_code == 400
    assert clerk.post(url + "refuse/", {"reason": "x", "extra": 1}, format="json").status_code == 400
    assert clerk.post(url + "accept/", format="json").status_code == 200
    response = clerk.post(url + "conclude/", {"result": "nope", "reply": "x"}, format="json")
    assert response.status_code == 400 and "result" in response.json()["errors"]
    response = clerk.post(url + "transfer/", {"to_body": city["market"].pk, "reason": "跨区域"}, format="json")
    assert response.status_code == 204
    assert clerk.get(url).status_code == 404
    market = api_client(staff["market_clerk"]).get(url).json()
    assert market["status"] == "received" and market["submitter"]["submitter_name"] == "李四"


def test_the_api_satisfaction_and_channels(city, intake, today, staff):
    case, receipt = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"]))
    services.accept(case, actor=staff["county_clerk"])
    services.conclude(case, actor=staff["county_clerk"], result=Result.RECTIFIED, reply="已责令整改。")
    public = api_client()
    body = {"receipt_code": receipt.receipt_code, "secret": receipt.secret, "rating": "basically"}
    assert public.post("/api/v1/public/intake-satisfaction/", {**body, "rating": 1}, format="json").status_code == 400
    assert public.post("/api/v1/public/intake-satisfaction/", body, format="json").status_code == 200
    assert public.post("/api/v1/public/intake-satisfaction/", body, format="json").status_code == 409
    clerk = api_client(staff["county_clerk"])
    response = clerk.post(
        "/api/v1/intake-channels/", {"body": city["county_market"].pk, "kind": "phone", "value": "0750-3000000"}
    )
    assert response.status_code == 201
    assert any(c["value"] == "0750-3000000" for c in public.get("/api/v1/public/intake-channels/").json())
    outsider = api_client(make_user("someone"))
    assert outsider.get("/api/v1/intake-cases/").json()["count"] == 0


def test_the_status_page_shows_the_due_date_and_links_the_satisfaction_form_after_the_reply(
    client, city, intake, today, staff
):
    case, receipt = testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"]))
    track = {"receipt_code": receipt.receipt_code, "secret": receipt.secret}
    page = client.post("/track/", track).content.decode()
    assert "2026年11月23日前" in page and "第十八条" in page and "intake-satisfaction-link" not in page
    services.accept(case, actor=staff["county_clerk"])
    services.conclude(case, actor=staff["county_clerk"], result=Result.RECTIFIED, reply="已责令整改。")
    page = client.post("/track/", track).content.decode()
    assert "intake-satisfaction-link" in page and "已责令整改" in page


def test_the_register_and_the_api_list_do_not_grow_with_the_cases(client, city, intake, today, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.force_login(staff["county_clerk"])
        with CaptureQueriesContext(connection) as page:
            assert client.get("/office/intake/").status_code == 200
        api = api_client(staff["county_clerk"])
        with CaptureQueriesContext(connection) as listed:
            assert api.get("/api/v1/intake-cases/").status_code == 200
        return len(page), len(listed)

    testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"]))
    count()  # the user's scope is cached on the user object after the first request
    few = count()
    for n in range(5):
        testing.submit(IntakeKind.REPORT, testing.report_data(intake["food"], city["county"], subject=f"举报{n}"))
    assert count() == few


def test_a_channel_without_its_body_is_a_400(city, staff):
    response = api_client(staff["market_clerk"]).post("/api/v1/intake-channels/", {"kind": "online"}, format="json")
    assert response.status_code == 400 and "body" in response.json()["errors"]


def test_the_complaint_form_asks_for_the_body_complained_about(client, city, intake, today):
    text = client.get("/submit/complaint/").content.decode()
    assert "被投诉单位" in text and "机关作风" in text and city["county_market"].name in text
    data = testing.complaint_data(intake["conduct"], respondent=city["county_market"])
    assert client.post("/submit/complaint/", data).status_code in (200, 302)
    assert Case.objects.get().body == intake["county_office"]
