"""The office pages and the API: what a clerk sees and records, what is refused, bad input with
nothing stored, another body's record a 404, the plaintiff masked for the office above."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.testing import Role, api_client, make_body, make_user
from fazhi.documents.models import DocumentSettings
from fazhi.litigation import services, testing
from fazhi.litigation.choices import CaseStatus as C
from fazhi.litigation.models import CourtCase, Hearing, ProcuratorialSuggestion

D = datetime.date
API = "/api/v1/litigation"


# --- pages ----------------------------------------------------------------------------------------


def test_the_clerk_registers_a_case_and_sees_the_defence_due_with_its_source(today, client, city, staff):
    client.force_login(staff["market"])
    page = client.get(reverse("litigation:case-new")).content.decode()
    assert "江门市市场监督管理局" in page and "江门市生态环境局" not in page
    response = client.post(reverse("litigation:case-new"), testing.case_data(city["market"]))
    case = CourtCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("litigation:case-detail", args=[case.pk])
    page = client.get(response["Location"]).content.decode()
    assert "2026年3月17日" in page and "行政诉讼法（2017）第六十七条" in page and "张三" in page


def test_a_bad_form_shows_the_message_and_stores_nothing(today, client, city, staff):
    client.force_login(staff["market"])
    response = client.post(reverse("litigation:case-new"), testing.case_data(city["market"], received_on="2026-13-01"))
    assert response.status_code == 400 and "收到起诉状副本日期应为日期" in response.content.decode()
    response = client.post(reverse("litigation:case-new"), testing.case_data(city["ecology"]))
    assert response.status_code == 400 and "请选择本人可以登记的单位" in response.content.decode()
    assert not CourtCase.objects.exists()


def test_steps_on_the_page_and_a_refusal_in_chinese(today, client, city, staff):
    case = testing.register(city["market"], staff["market"])
    client.force_login(staff["market"])
    url = reverse("litigation:case-step", args=[case.pk, "decide"])
    response = client.post(url, {"decision_type": "judgment", "outcome": "revoke", "served_on": "2026-03-02"})
    assert response.status_code == 409 and "尚未记录开庭，不能记录判决" in response.content.decode()
    hearing = reverse("litigation:case-step", args=[case.pk, "hearing"])
    response = client.post(hearing, {"held_on": "2026-03-02", "head_appeared": "false", "entrusted_staff": "周丽华"})
    assert response.status_code == 302
    page = client.get(reverse("litigation:case-detail", args=[case.pk])).content.decode()
    assert "未记录理由" in page and "委托周丽华" in page
    response = client.post(reverse("litigation:case-step", args=[case.pk, "nonsense"]), {})
    assert response.status_code == 404


def test_the_register_filters_by_status_and_overdue_and_masks_the_plaintiff_above(today, client, city, staff):
    late = testing.register(city["market"], staff["market"], plaintiff="李四海", received_on="2026-02-01")
    testing.heard(city["market"], staff["market"], on="2026-03-02", plaintiff="王五")
    client.force_login(staff["office"])
    page = client.get(reverse("litigation:cases"), {"overdue": "1"}).content.decode()
    assert late.case_number in page and "王*" not in page and "李**" in page and "李四海" not in page
    partial = client.get(
        reverse("litigation:cases"),
        {"status": C.HEARD},
        headers={"HX-Request": "true", "HX-Target": "litigation-results"},
    ).content.decode()
    assert "<html" not in partial and "王*" in partial and late.case_number not in partial
    client.force_login(staff["market"])
    assert "李四海" in client.get(reverse("litigation:cases")).content.decode()


def test_another_body_gets_404_and_the_office_above_reads_only(today, client, city, staff):
    case = testing.register(city["market"], staff["market"])
    suggestion = testing.suggest(city["market"], staff["market"])
    client.force_login(staff["ecology"])
    for url in (
        reverse("litigation:case-detail", args=[case.pk]),
        reverse("litigation:suggestion-detail", args=[suggestion.pk]),
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("litigation:case-step", args=[case.pk, "defend"]), {"defended_on": "2026-03-02", "defence": "越权"}
    )
    assert response.status_code == 404
    client.force_login(staff["office"])
    page = client.get(reverse("litigation:case-detail", args=[case.pk])).content.decode()
    assert "您在此环节没有可办理的操作" in page
    response = client.post(
        reverse("litigation:case-step", args=[case.pk, "defend"]), {"defended_on": "2026-03-02", "defence": "越权"}
    )
    assert response.status_code == 403
    assert CourtCase.objects.get(pk=case.pk).status == C.RECEIVED


def test_a_script_is_escaped_on_the_page(today, client, city, staff):
    case = testing.register(city["market"], staff["market"], act="<script>alert('诉')</script>处罚决定")
    client.force_login(staff["market"])
    page = client.get(reverse("litigation:case-detail", args=[case.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_suggestion_pages_and_the_statistics_page(today, client, city, staff):
    client.force_login(staff["market"])
    response = client.post(
        reverse("litigation:suggestion-new"), {**testing.suggestion_data(city["market"]), "urgent": "true"}
    )
    suggestion = ProcuratorialSuggestion.objects.get()
    assert response.status_code == 302 and suggestion.urgent
    page = client.get(reverse("litigation:suggestion-detail", args=[suggestion.pk])).content.decode()
    assert "2026年3月17日" in page and "第二十一条" in page
    response = client.post(
        reverse("litigation:suggestion-step", args=[suggestion.pk, "reply"]),
        {"replied_on": "2026-03-02", "measures_taken": "已开展专项检查。"},
    )
    assert response.status_code == 302
    testing.heard(city["market"], staff["market"], on="2026-03-02")
    page = client.get(reverse("litigation:statistics"), {"year": "2026"}).content.decode()
    assert "2026年度行政应诉与检察监督统计" in page and 'id="head-rate">100%' in page
    assert 'id="outcomes">—' in page
    assert client.get(reverse("litigation:suggestions"), {"year": "abcd", "body": "x"}).status_code == 200


# --- API ------------------------------------------------------------------------------------------


def test_the_api_registers_a_case_and_runs_its_steps(today, city, staff):
    client = api_client(staff["market"])
    response = client.post(f"{API}/cases/", testing.case_data(city["market"]), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["due_dates"][0]["due_on"] == "2026-03-17" and "第六十七条" in body["due_dates"][0]["source"]
    assert [a["name"] for a in body["actions"]][:3] == ["defend", "hearing", "decide"]
    pk = body["id"]
    response = client.post(
        f"{API}/cases/{pk}/hearing/",
        {"held_on": "2026-03-02", "head_appeared": True, "head_name": "何建华", "head_title": "局长"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["hearings"][0]["head_appeared"] is True
    response = client.post(
        f"{API}/cases/{pk}/decide/",
        {"decision_type": "judgment", "outcome": "dismiss_claims", "served_on": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["judgment"]["appeal_until"] == "2026-03-17" and not response.json()["judgment"]["lost"]
    assert client.get(f"{API}/hearings/").json()["results"][0]["head_name"] == "何建华"
    assert client.get(f"{API}/judgments/").json()["results"][0]["outcome"] == "dismiss_claims"
    stats = client.get(f"{API}/statistics/", {"year": 2026}).json()
    assert (
        stats["cases_received"] == 1
        and stats["head_rate"] == 1.0
        and stats["judgments_by_outcome"] == {"dismiss_claims": 1}
    )


@pytest.mark.parametrize(
    ("step", "payload", "status", "field"),
    [
        ("defend", {"defended_on": "2026-03-02"}, 400, "defence"),
        ("defend", {"defended_on": 5, "defence": "答辩"}, 400, "defended_on"),
        ("defend", {"defended_on": "2026-03-02", "defence": "答辩", "extra": 1}, 400, "extra"),
        ("hearing", {"held_on": "2026-03-02", "head_appeared": "perhaps"}, 400, "head_appeared"),
        ("appeal", {"appealed_by": "plaintiff", "appealed_on": "2026-03-02"}, 409, None),
        ("perform", {}, 409, None),
    ],
)
def test_api_bad_input_and_out_of_order_steps(today, city, staff, step, payload, status, field):
    case = testing.register(city["market"], staff["market"])
    response = api_client(staff["market"]).post(f"{API}/cases/{case.pk}/{step}/", payload, format="json")
    assert response.status_code == status
    body = response.json()
    assert body["code"] and body["detail"]
    if field:
        assert field in body["errors"]
    assert CourtCase.objects.get(pk=case.pk).status == C.RECEIVED and not Hearing.objects.exists()


def test_api_scoping_and_masking(today, city, staff):
    case = testing.register(city["market"], staff["market"], plaintiff="张三丰")
    suggestion = testing.suggest(city["market"], staff["market"])
    stranger = api_client(staff["ecology"])
    assert stranger.get(f"{API}/cases/{case.pk}/").status_code == 404
    assert stranger.get(f"{API}/suggestions/{suggestion.pk}/").status_code == 404
    assert stranger.post(f"{API}/suggestions/{suggestion.pk}/reply/", {}, format="json").status_code == 404
    assert stranger.get(f"{API}/cases/").json()["results"] == []
    office = api_client(staff["office"])
    assert office.get(f"{API}/cases/{case.pk}/").json()["plaintiff"] == "张**"
    assert office.post(f"{API}/cases/{case.pk}/mark-major/", {"reason": "越权"}, format="json").status_code == 403
    assert api_client(staff["justice"]).get(f"{API}/cases/{case.pk}/").json()["plaintiff"] == "张三丰"
    assert api_client().get(f"{API}/cases/").status_code in (401, 403)
    response = office.get(f"{API}/cases/", {"status": "nope", "year": "20x6"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"status", "year"}


def test_api_suggestion_reply_and_a_list_body_is_400(today, city, staff):
    client = api_client(staff["market"])
    response = client.post(f"{API}/suggestions/", testing.suggestion_data(city["market"], urgent=True), format="json")
    assert response.status_code == 201 and response.json()["due_dates"][0]["due_on"] == "2026-03-17"
    pk = response.json()["id"]
    assert client.post(f"{API}/suggestions/", [1, 2], format="json").status_code == 400
    response = client.post(
        f"{API}/suggestions/{pk}/reply/",
        {"replied_on": "2026-03-02", "measures_taken": "已整改。", "measures_in_progress": "持续监管。"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "replied"
    response = client.post(
        f"{API}/suggestions/{pk}/sue/",
        {"followed_on": "2026-03-02", "court": "法院", "case_number": "1", "complaint_received_on": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 409 and "只有诉前检察建议" in response.json()["detail"]
    assert ProcuratorialSuggestion.objects.count() == 1 and not CourtCase.objects.exists()
    services.mark_major(ProcuratorialSuggestion.objects.get(), actor=staff["market"], reason="食品安全。")
    assert client.get(f"{API}/suggestions/{pk}/").json()["major"] is True


def test_another_governments_legal_office_sees_nothing(today, city, staff):
    county_justice = make_body("蓬江区司法局", parent=city["county"], kind="county_department", code="pj-sfj")
    DocumentSettings.objects.create(government=city["county"], legal_office=county_justice)
    county_clerk = make_user("pj_sfj", roles=[(county_justice, Role.CLERK)])
    city_case = testing.register(city["market"], staff["market"])
    county_case = testing.register(city["county_market"], staff["county_market"])
    client = api_client(county_clerk)
    assert [row["id"] for row in client.get(f"{API}/cases/").json()["results"]] == [county_case.pk]
    assert client.get(f"{API}/cases/{city_case.pk}/").status_code == 404
    # The city's 司法局 organises the city departments' cases, not the districts'.
    assert api_client(staff["justice"]).get(f"{API}/cases/{county_case.pk}/").status_code == 404


def test_register_and_api_list_queries_do_not_grow_with_the_cases(
    today, client, city, staff, django_assert_max_num_queries
):
    for _i in range(2):
        testing.heard(city["market"], staff["market"], on="2026-03-02")
    client.force_login(staff["market"])
    api = api_client(staff["market"])

    def counts():
        with CaptureQueriesContext(connection) as page:
            client.get(reverse("litigation:cases"))
        with CaptureQueriesContext(connection) as listing:
            api.get(f"{API}/cases/")
        return len(page), len(listing)

    counts()  # the user's scope is computed once and kept on the user
    few = counts()
    for _i in range(5):
        testing.heard(city["market"], staff["market"], on="2026-03-02")
    assert counts() == few
