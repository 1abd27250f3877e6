"""The API and pages: a plan walked from its items to published results, bad input refused with
nothing changed, another body's records 404, the portal never showing a draft or an unpublished
draw, and lists pinned to their query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core.testing import api_client
from fazhi.inspections import draw, imports, services, testing
from fazhi.inspections.models import Entity, InspectionItem, InspectionPlan, InspectionTask

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _drawn(city, staff, items, **overrides):
    plan = testing.make_plan(city["market"], staff["clerk"], items, **overrides)
    draw.draw(plan, actor=staff["clerk"], public_value="3287.45")
    return InspectionPlan.objects.get(pk=plan.pk)


def test_the_api_walks_a_plan_from_its_items_to_published_results(city, staff, officers, directory):
    market = city["market"]
    clerk, head = api_client(staff["clerk"]), api_client(staff["head"])
    ids = []
    for data in testing.ITEMS:
        answer = clerk.post("/api/v1/inspection-items/", {"body": market.pk, **data}, format="json")
        assert answer.status_code == 201, answer.json()
        ids.append(answer.json()["id"])
    assert clerk.post("/api/v1/inspection-items/publish/", {"body": market.pk}, format="json").status_code == 403
    answer = head.post("/api/v1/inspection-items/publish/", {"body": market.pk}, format="json")
    assert answer.status_code == 200 and {item["status"] for item in answer.json()} == {"published"}

    code = testing.credit_code(5001)
    answer = clerk.post(
        "/api/v1/inspection-entities/",
        {"body": market.pk, "code": code, "name": "江门市新增商行", "kind": "individual", "area": "蓬江区"},
        format="json",
    )
    assert answer.status_code == 201 and answer.json()["kind_label"] == "个体工商户"
    assert clerk.get(f"/api/v1/inspection-entities/?code={code}").json()["count"] == 1

    plan = {
        "body": market.pk,
        "year": TODAY().year,
        "title": "2026年度食品销售双随机抽查",
        "items": ids,
        "sample_count": 4,
        "seed_source": "抽取当日上证综合指数收盘点位",
    }
    answer = clerk.post("/api/v1/inspection-plans/", plan, format="json")
    assert answer.status_code == 201, answer.json()
    plan_id = answer.json()["id"]
    assert [action["name"] for action in answer.json()["actions"]] == ["draw"]
    answer = clerk.post(f"/api/v1/inspection-plans/{plan_id}/draw/", {"public_value": "3287.45"}, format="json")
    assert answer.status_code == 200, answer.json()
    record = answer.json()["draw"]
    assert record["seed"] == f"{plan_id}|3287.45" and record["sample_size"] == 4 and record["candidate_count"] == 201
    again = clerk.post(f"/api/v1/inspection-plans/{plan_id}/draw/", {"public_value": "1"}, format="json")
    assert again.status_code == 409 and "已抽取" in again.json()["detail"]
    assert head.post(f"/api/v1/inspection-plans/{plan_id}/publish/", {}, format="json").status_code == 200

    tasks = clerk.get(f"/api/v1/inspection-tasks/?plan={plan_id}").json()["results"]
    assert [task["rank"] for task in tasks] == [1, 2, 3, 4]
    assert all(len(task["inspectors"]) == 2 for task in tasks)
    for task in tasks:
        answer = clerk.post(
            f"/api/v1/inspection-tasks/{task['id']}/record/",
            {
                "inspected_on": TODAY().isoformat(),
                "outcome": "no_problem",
                "results": dict.fromkeys(map(str, ids), "compliant"),
            },
            format="json",
        )
        assert answer.status_code == 200, answer.json()
        assert answer.json()["publicity_due_on"] is not None
        assert clerk.post(f"/api/v1/inspection-tasks/{task['id']}/publish/", {}, format="json").status_code == 200
    answer = clerk.post(f"/api/v1/inspection-plans/{plan_id}/finish/", format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "done"

    coverage = clerk.get(f"/api/v1/inspection-coverage/?year={TODAY().year}").json()
    assert [(row["body"], row["total"], row["covered"]) for row in coverage] == [(market.pk, 3, 3)]
    public = _client().get(f"/api/v1/public/inspection-plans/{plan_id}/").json()
    assert public["draw"]["seed"] == f"{plan_id}|3287.45" and len(public["draw"]["picks"]) == 4
    assert _client().get(f"/api/v1/public/inspection-results/?plan={plan_id}").json()["count"] == 4


def test_bad_input_is_a_400_and_changes_nothing(city, staff, officers, items, directory):
    market, clerk = city["market"], api_client(staff["clerk"])
    plans = InspectionPlan.objects.count()
    for data, field in (
        ({"year": "明年"}, "year"),
        ({"items": "1,2"}, "items"),
        ({"sample_ratio": "百分之五"}, "sample_ratio"),
        ({"colour": "红"}, "colour"),
    ):
        payload = {"body": market.pk, "year": TODAY().year, "title": "计划", "items": [items[0].pk], "sample_count": 3}
        answer = clerk.post("/api/v1/inspection-plans/", {**payload, "seed_source": "指数", **data}, format="json")
        assert answer.status_code == 400 and field in answer.json()["errors"], answer.json()
    assert InspectionPlan.objects.count() == plans
    answer = clerk.post(
        "/api/v1/inspection-entities/",
        {"body": market.pk, "code": "123", "name": "甲", "kind": "enterprise"},
        format="json",
    )
    assert answer.status_code == 400 and "18位" in answer.json()["errors"]["code"][0]

    plan = _drawn(city, staff, items, sample_count=1)
    task = plan.tasks.get()
    answer = clerk.post(
        f"/api/v1/inspection-tasks/{task.pk}/record/", {"inspected_on": "2026-13-01", "results": []}, format="json"
    )
    assert answer.status_code == 400 and InspectionTask.objects.get(pk=task.pk).status == "pending"
    assert clerk.post(f"/api/v1/inspection-plans/{plan.pk}/draw/", [1], format="json").status_code == 400


def test_another_bodys_records_are_404_in_the_api_and_the_pages(city, staff, officers, items, directory, people):
    plan = _drawn(city, staff, items, sample_count=1)
    task, entity = plan.tasks.get(), Entity.objects.filter(body=city["market"]).first()
    outsider = api_client(people["ecology_clerk"])
    for url in (
        f"/api/v1/inspection-plans/{plan.pk}/",
        f"/api/v1/inspection-tasks/{task.pk}/",
        f"/api/v1/inspection-items/{items[0].pk}/",
        f"/api/v1/inspection-entities/{entity.pk}/",
        f"/api/v1/public/inspection-plans/{plan.pk}/",
    ):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(f"/api/v1/inspection-tasks/{task.pk}/record/", {}, format="json").status_code == 404
    assert outsider.get("/api/v1/inspection-coverage/").json() == []
    client = _client(people["ecology_clerk"])
    for name, pk in (("plan-detail", plan.pk), ("task-detail", task.pk), ("item-edit", items[0].pk)):
        assert client.get(reverse(f"inspections:{name}", args=[pk])).status_code == 404, name
    assert client.post(reverse("inspections:plan-action", args=[plan.pk, "publish"])).status_code == 404
    page = client.get(reverse("inspections:entity-list")).content.decode()
    assert entity.name not in page


def test_a_joint_plan_is_seen_by_the_bodies_taking_part(city, staff, officers, items, directory, people):
    for number in range(2):
        testing.make_officer(city["ecology"], f"环境执法{number}")
    plan = _drawn(city, staff, items, sample_count=2, joint_bodies=[city["ecology"].pk])
    partner = api_client(people["ecology_clerk"])
    assert partner.get(f"/api/v1/inspection-plans/{plan.pk}/").status_code == 200
    assert partner.get(f"/api/v1/inspection-tasks/?plan={plan.pk}").json()["count"] == 2
    answer = partner.post(f"/api/v1/inspection-plans/{plan.pk}/finish/", format="json")
    assert answer.status_code == 403


def test_the_portal_never_shows_a_draft_item_or_an_unpublished_draw(city, staff, officers, items, directory):
    market, clerk = city["market"], staff["clerk"]
    services.add_item(actor=clerk, body=market, name="草稿事项甲", basis="依据", subject_type="对象", method="onsite")
    plan = _drawn(city, staff, items, sample_count=3)
    anonymous = _client()
    home = anonymous.get(reverse("inspections:public-home")).content.decode()
    assert items[0].name in home and "草稿事项甲" not in home and plan.title not in home
    assert "草稿事项甲" not in str(anonymous.get("/api/v1/public/inspection-items/").json())
    for url in (
        reverse("inspections:public-plan-detail", args=[plan.pk]),
        reverse("inspections:public-plan-candidates", args=[plan.pk]),
        f"/api/v1/public/inspection-plans/{plan.pk}/",
    ):
        assert anonymous.get(url).status_code == 404, url
    assert anonymous.get("/api/v1/public/inspection-plans/").json()["count"] == 0

    services.publish_plan(plan, actor=staff["head"])
    first = plan.tasks.order_by("rank").first()
    testing.record(first, clerk, outcome="corrected", problems="未建立进货查验记录，负责人电话13800138000")
    page = anonymous.get(reverse("inspections:public-plan-detail", args=[plan.pk])).content.decode()
    record = plan.draw
    assert record.seed in page and record.candidates_digest in page and "hashlib.new(&quot;sm3&quot;" in page
    assert first.entity.name in page and "未建立进货查验记录" not in page, "recorded but not yet published"
    candidates = anonymous.get(reverse("inspections:public-plan-candidates", args=[plan.pk]))
    assert candidates.content.decode() == record.candidates and candidates["Content-Type"].startswith("text/plain")
    services.publish_result(first, actor=clerk)
    page = anonymous.get(reverse("inspections:public-plan-detail", args=[plan.pk])).content.decode()
    assert "未建立进货查验记录" in page and "13800138000" not in page and "138****8000" in page
    results = anonymous.get("/api/v1/public/inspection-results/").json()["results"]
    assert [row["entity_code"] for row in results] == [first.entity.code] and "138****8000" in results[0]["problems"]
    assert anonymous.get(reverse("inspections:public-results") + f"?q={first.entity.code}").status_code == 200


def test_the_pages_take_a_plan_from_the_list_to_a_published_result(city, staff, officers, people):
    market, clerk, head = city["market"], _client(staff["clerk"]), _client(staff["head"])
    assert clerk.get(reverse("inspections:overview")).status_code == 200
    data = {"body": market.pk, **testing.ITEMS[0]}
    assert clerk.post(reverse("inspections:item-list"), data).status_code == 302
    script = "<script>alert('x')</script>"
    assert clerk.post(reverse("inspections:item-list"), {**data, "name": script}).status_code == 302
    page = clerk.get(reverse("inspections:item-list")).content.decode()
    assert script not in page and "&lt;script&gt;" in page
    item = InspectionItem.objects.get(name=script)
    assert clerk.post(reverse("inspections:item-remove", args=[item.pk])).status_code == 302
    assert head.post(reverse("inspections:item-publish"), {"body": market.pk}).status_code == 302
    item = InspectionItem.objects.get(body=market)
    assert item.status == "published"

    bad = testing.entity_rows(3)
    bad[1]["code"] = "91440703MA00000000"
    upload = {"body": market.pk, "workbook": _file(imports.workbook(bad))}
    answer = clerk.post(reverse("inspections:entity-import"), upload)
    assert answer.status_code == 400 and "表格有误，未导入任何检查对象" in answer.content.decode()
    assert not Entity.objects.filter(body=market).exists()
    upload = {"body": market.pk, "workbook": _file(imports.workbook(testing.entity_rows(40)))}
    answer = clerk.post(reverse("inspections:entity-import"), upload, follow=True)
    assert answer.status_code == 200 and Entity.objects.filter(body=market).count() == 40
    assert clerk.get(reverse("inspections:entity-import-template")).status_code == 200
    assert "江门市示例00001" in clerk.get(reverse("inspections:entity-list") + "?q=江门市示例00001").content.decode()

    form = {
        "body": market.pk,
        "year": TODAY().year,
        "title": "页面编制的抽查计划",
        "items": [item.pk],
        "sample_count": 2,
        "inspectors_per_entity": 2,
        "seed_source": "抽取当日深证成指收盘点位",
    }
    answer = clerk.post(reverse("inspections:plan-create"), form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    plan = InspectionPlan.objects.get(title="页面编制的抽查计划")
    answer = clerk.post(reverse("inspections:plan-action", args=[plan.pk, "draw"]), {"public_value": ""})
    assert answer.status_code == 400 and "请填写公开随机数" in answer.content.decode()
    assert (
        clerk.post(reverse("inspections:plan-action", args=[plan.pk, "draw"]), {"public_value": "10983.21"}).status_code
        == 302
    )
    page = clerk.get(reverse("inspections:plan-detail", args=[plan.pk])).content.decode()
    assert f"{plan.pk}|10983.21" in page
    answer = clerk.post(reverse("inspections:plan-action", args=[plan.pk, "publish"]))
    assert answer.status_code == 403
    assert head.post(reverse("inspections:plan-action", args=[plan.pk, "publish"])).status_code == 302

    task = plan.tasks.order_by("rank").first()
    assert "录入检查结果" in clerk.get(reverse("inspections:task-detail", args=[task.pk])).content.decode()
    result = {"inspected_on": TODAY().isoformat(), "outcome": "corrected", f"item_{item.pk}": "compliant"}
    answer = clerk.post(reverse("inspections:task-action", args=[task.pk, "record"]), result)
    assert answer.status_code == 400 and "标明“发现问题”" in answer.content.decode()
    result = {**result, "outcome": "no_problem"}
    assert clerk.post(reverse("inspections:task-action", args=[task.pk, "record"]), result).status_code == 302
    assert clerk.post(reverse("inspections:task-action", args=[task.pk, "publish"])).status_code == 302
    assert InspectionTask.objects.get(pk=task.pk).status == "published"
    page = clerk.get(reverse("inspections:overview")).content.decode()
    assert "全覆盖" in page


def _file(data: bytes):
    return SimpleUploadedFile("名录.xlsx", data, content_type=imports.XLSX)


def test_lists_take_the_same_queries_for_more_records(city, staff, officers, items, directory):
    clerk = staff["clerk"]

    def count(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        return len(captured.captured_queries)

    office, public = api_client(clerk), _client()
    urls = [
        (office, "/api/v1/inspection-plans/"),
        (office, "/api/v1/inspection-tasks/"),
        (office, "/api/v1/inspection-items/"),
        (office, "/api/v1/inspection-entities/"),
        (public, "/api/v1/public/inspection-plans/"),
        (public, "/api/v1/public/inspection-results/"),
        (public, reverse("inspections:public-home")),
        (public, reverse("inspections:public-results")),
    ]
    page_client = _client(clerk)
    pages = [reverse("inspections:overview"), reverse("inspections:item-list"), reverse("inspections:entity-list")]

    def publish_plan_with_results(size):
        plan = _drawn(city, staff, items, sample_count=size)
        services.publish_plan(plan, actor=staff["head"])
        for task in plan.tasks.all():
            services.publish_result(testing.record(task, clerk), actor=clerk)
        return plan

    publish_plan_with_results(2)
    services.add_item(actor=clerk, body=city["market"], **testing.ITEMS[0])
    [count(client, url) for client, url in urls]  # the API user's scopes are computed once, then cached
    before = [count(client, url) for client, url in urls] + [count(page_client, url) for url in pages]
    publish_plan_with_results(6)
    services.add_item(actor=clerk, body=city["market"], **testing.ITEMS[0])
    after = [count(client, url) for client, url in urls] + [count(page_client, url) for url in pages]
    assert after == before, list(zip([url for _c, url in urls] + pages, before, after, strict=True))
    plan = InspectionPlan.objects.order_by("-id").first()
    detail = reverse("inspections:plan-detail", args=[plan.pk])
    assert count(page_client, detail) < 30
