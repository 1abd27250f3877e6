"""The capacity API: scoped registers filterable by body and year, the one error body for bad
input, 404 for another body's ids, the office above reading only, names masked for it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.capacity import testing
from fazhi.capacity.models import HeadDuty, LearningActivity, WorkPoints
from fazhi.core.testing import api_client

D = datetime.date


def test_a_clerk_records_lists_revises_and_removes_through_the_api(today, city, staff):
    client = api_client(staff["market"])
    data = {**testing.learning_data(), "body": city["market"].pk, "leaders_present": "何建华"}
    response = client.post("/api/v1/capacity/learning/", data, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["kind_label"] == "法律知识培训" and created["held_on"] == "2026-03-05"
    assert created["leaders_present"] == "何建华" and created["body_name"] == city["market"].name
    testing.learn(city["market"], staff["market"], held_on="2025-06-01")
    listed = client.get("/api/v1/capacity/learning/", {"year": "2026", "body": city["market"].pk}).json()
    assert [row["id"] for row in listed["results"]] == [created["id"]]
    response = client.patch(f"/api/v1/capacity/learning/{created['id']}/", {"attendees": 70}, format="json")
    assert response.status_code == 200 and response.json()["attendees"] == 70
    assert client.delete(f"/api/v1/capacity/learning/{created['id']}/").status_code == 204
    assert LearningActivity.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"held_on": "tomorrow"}, "held_on"),
        ({"attendees": "lots"}, "attendees"),
        ({"attendees": [1]}, "attendees"),
        ({"kind": 5}, "kind"),
        ({"topic": {"a": 1}}, "topic"),
        ({"body": "x"}, "body"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_gets_the_error_body_and_saves_nothing(today, city, staff, payload, field):
    client = api_client(staff["market"])
    data = {**testing.learning_data(), "body": city["market"].pk, **payload}
    response = client.post("/api/v1/capacity/learning/", data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "detail", "errors"} and field in body["errors"]
    assert not LearningActivity.objects.exists()


def test_a_json_list_body_or_bad_filters_are_refused(today, city, staff):
    client = api_client(staff["market"])
    assert client.post("/api/v1/capacity/meetings/", [1, 2], format="json").status_code == 400
    response = client.get("/api/v1/capacity/learning/", {"year": "26", "body": "x"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"year", "body"}
    assert client.get("/api/v1/capacity/learning/99999999999999999999/").status_code == 404


def test_another_body_gets_404_the_office_reads_masked_and_cannot_change(today, city, staff):
    record = testing.learn(city["market"], staff["market"], speaker="王大明", leaders_present="何建华、李明")
    url = f"/api/v1/capacity/learning/{record.pk}/"
    other = api_client(staff["ecology"])
    assert other.get(url).status_code == 404
    assert other.patch(url, {"topic": "改"}, format="json").status_code == 404
    assert other.delete(url).status_code == 404
    assert api_client(staff["county"]).get(url).status_code == 404
    office = api_client(staff["office"])
    seen = office.get(url).json()
    assert seen["speaker"] == "王**" and seen["leaders_present"] == "何**、李*"
    assert office.patch(url, {"topic": "改"}, format="json").status_code == 403
    assert office.delete(url).status_code == 403
    response = office.post(
        "/api/v1/capacity/learning/", {**testing.learning_data(), "body": city["market"].pk}, format="json"
    )
    assert response.status_code == 400 and "body" in response.json()["errors"]
    assert LearningActivity.objects.get().topic == record.topic
    assert api_client().get("/api/v1/capacity/learning/").status_code in (401, 403)


def test_yearly_records_are_once_a_year_through_the_api(today, city, staff):
    client = api_client(staff["market"])
    data = {
        "body": city["market"].pk,
        "year": 2025,
        "head_name": "何建华",
        "head_post": "局长",
        "reported_on": "2026-01-12",
        "text": "履行第一责任人职责情况。",
    }
    assert client.post("/api/v1/capacity/head-duty/", data, format="json").status_code == 201
    response = client.post("/api/v1/capacity/head-duty/", data, format="json")
    assert response.status_code == 409 and response.json()["code"] == "duplicate"
    record = HeadDuty.objects.get()
    response = client.patch(f"/api/v1/capacity/head-duty/{record.pk}/", {"year": 2024}, format="json")
    assert response.status_code == 400 and "year" in response.json()["errors"]


def test_work_points_steps_through_the_api(today, city, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today.set(D(2026, 2, 10))
    client = api_client(staff["market"])
    response = client.post(
        "/api/v1/capacity/work-points/",
        {"body": city["market"].pk, "year": 2026, "title": "2026年依法行政工作要点", "goals": "建设法治机关。"},
        format="json",
    )
    assert response.status_code == 201
    plan = response.json()
    assert [action["name"] for action in plan["actions"]] == ["edit", "add-measure", "remove-measure", "adopt"]
    base = f"/api/v1/capacity/work-points/{plan['id']}"
    response = client.post(f"{base}/adopt/", {"adopted_on": "2026-02-10", "document_number": "x"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "gate_not_met"
    measure = {"content": "开展案卷评查", "responsible_unit": "法规科", "due_on": "2026-09-30"}
    assert client.post(f"{base}/add-measure/", measure, format="json").status_code == 200
    response = client.post(f"{base}/adopt/", {"adopted_on": "2026-02-10", "when": "now"}, format="json")
    assert response.status_code == 400 and "when" in response.json()["errors"]
    response = client.post(
        f"{base}/adopt/",
        {"adopted_on": "2026-02-10", "file": SimpleUploadedFile("要点.txt", "工作要点".encode())},
        format="multipart",
    )
    assert response.status_code == 200 and response.json()["status"] == "adopted"
    assert len(client.get(f"{base}/attachments/").json()) == 1
    measure_id = response.json()["measures"][0]["id"]
    response = client.post(
        f"{base}/progress/", {"measure": measure_id, "reported_on": "2026-02-10", "text": "启动。"}, format="json"
    )
    assert response.json()["measures"][0]["progress"][0]["text"] == "启动。"
    assert (
        client.post(f"{base}/assess/", {"assessed_on": "2026-02-10", "assessment": "x"}, format="json").status_code
        == 409
    )
    assert api_client(staff["office"]).post(f"{base}/progress/", {}, format="json").status_code == 403
    assert api_client(staff["ecology"]).post(f"{base}/progress/", {}, format="json").status_code == 404
    assert WorkPoints.objects.get().status == "adopted"


def test_the_duty_list_is_published_by_the_head_and_then_public(today, city, staff):
    clerk, head = api_client(staff["market"]), api_client(staff["market_head"])
    listed = clerk.post("/api/v1/capacity/duty-lists/", {"body": city["market"].pk, "year": 2026}, format="json").json()
    base = f"/api/v1/capacity/duty-lists/{listed['id']}"
    item = {"subject": "广告法", "audience": "广告主", "measures": "以案释法。", "responsible_unit": "广告科"}
    assert clerk.post(f"{base}/add-item/", item, format="json").status_code == 200
    assert clerk.post(f"{base}/publish/", {"published_on": "2026-02-01"}, format="json").status_code == 403
    public = api_client()
    assert public.get("/api/v1/public/capacity-duty-lists/").json()["results"] == []
    assert public.get(f"/api/v1/public/capacity-duty-lists/{listed['id']}/").status_code == 404
    response = head.post(f"{base}/publish/", {"published_on": "2026-02-01"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "published"
    shown = public.get(f"/api/v1/public/capacity-duty-lists/{listed['id']}/").json()
    assert shown["items"][0]["subject"] == "广告法" and "status" not in shown


def test_settings_and_standing(today, city, staff):
    testing.learn(city["county"], staff["county"], kind="lecture", leadership_lecture=True)
    settings = api_client(staff["market"]).get("/api/v1/capacity/settings/").json()
    assert (settings["training_minimum"], settings["leadership_lecture_minimum"]) == (2, 2)
    assert settings["work_points_due"] == "03-31" and settings["duty_report_due"] == "01-31"
    assert "意见第四十条第二款" in settings["sources"]["training_minimum"]
    rows = api_client(staff["county"]).get("/api/v1/capacity/standing/", {"year": 2026}).json()
    county = next(row for row in rows if row["body"] == city["county"].pk)
    assert {m["key"]: (m["count"], m["least"]) for m in county["minimums"]} == {
        "learning": (1, 2),
        "lectures": (1, 2),
        "meetings": (0, 1),
    }
    assert {check["article"]: check["status"] for check in county["checks"]}[40] == "not_yet_due"
    assert {row["body"] for row in rows} == {city["county"].pk, city["county_market"].pk}
