import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core.testing import api_client
from fazhi.documents import testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.models import NormativeDocument

SCRIPT = "<script>alert('x')</script>"


def test_clerk_creates_and_edits_a_draft_on_the_page(city, departmental):
    client = Client()
    client.force_login(departmental["clerk"])
    response = client.post(
        reverse("documents:office-create"),
        {"body": city["market"].pk, "kind": "department", "title": f"关于{SCRIPT}的规定", "text": SCRIPT},
    )
    assert response.status_code == 302
    document = NormativeDocument.objects.get()
    page = client.get(reverse("documents:office-detail", args=[document.pk])).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    response = client.post(
        reverse("documents:office-edit", args=[document.pk]),
        {"kind": "department", "title": "新标题", "doc_number": "江府规2026年3号"},
    )
    assert response.status_code == 400
    assert "六角括号" in response.content.decode() or "发文字号" in response.content.decode()


def test_page_refusal_is_409_with_the_chinese_reason(city, departmental):
    document = testing.draft(city["market"], departmental["clerk"])
    client = Client()
    client.force_login(departmental["clerk"])
    response = client.post(reverse("documents:office-action", args=[document.pk, "record_decision"]))
    assert response.status_code == 409
    assert "起草中" in response.content.decode()


def test_other_bodys_clerk_gets_404(city, departmental, people):
    document = testing.draft(city["market"], departmental["clerk"])
    client = Client()
    client.force_login(people["ecology_clerk"])
    assert client.get(reverse("documents:office-detail", args=[document.pk])).status_code == 404
    api = api_client(people["ecology_clerk"])
    assert api.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    assert api.post(f"/api/v1/documents/{document.pk}/withdraw/", {"reason": "x"}, format="json").status_code == 404


def test_api_walk_with_error_bodies(city, departmental):
    clerk = api_client(departmental["clerk"])
    response = clerk.post("/api/v1/documents/", {"body": city["market"].pk, "kind": "nope", "title": 3}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"code", "detail", "errors"}
    response = clerk.post("/api/v1/documents/", {"kind": "department", "title": "缺单位"}, format="json")
    assert response.status_code == 400 and "body" in response.json()["errors"]
    response = clerk.post(
        "/api/v1/documents/",
        {"body": city["market"].pk, "kind": "department", "title": "关于规范停车收费的规定", "text": "第一条……"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = clerk.post(f"/api/v1/documents/{pk}/publish/", {}, format="json")
    assert response.status_code in (403, 404)
    response = clerk.post(f"/api/v1/documents/{pk}/submit-legality-review/", {}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
    closes = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = clerk.post(f"/api/v1/documents/{pk}/start-consultation/", {"closes_on": closes}, format="json")
    assert response.status_code == 200 and response.json()["status"] == S.CONSULTING
    response = clerk.post(f"/api/v1/documents/{pk}/submit-legality-review/", {}, format="json")
    assert response.status_code == 409 and "公开征求意见未完成" in response.json()["detail"]
    history = clerk.get(f"/api/v1/documents/{pk}/history/").json()
    assert any(event["action"] == "documents.consultation_started" for event in history["timeline"])
    assert history["due_dates"][0]["label"] == "征求意见截止"


def test_public_never_sees_a_draft_but_finds_the_published(city, departmental):
    draft = testing.draft(city["market"], departmental["clerk"], title="关于夜间施工管理的规定（草稿）")
    published = testing.walk(
        testing.draft(
            city["market"], departmental["clerk"], title="关于夜间施工噪声管理的规定", doc_number="江市监规〔2026〕40号"
        ),
        S.IN_FORCE,
        departmental,
    )
    client = Client()
    assert client.get(reverse("documents:public-detail", args=[draft.pk])).status_code == 404
    assert client.get(f"/api/v1/public/documents/{draft.pk}/").status_code == 404
    page = client.get(reverse("documents:public-list"), {"q": "夜间施工"}).content.decode()
    assert "夜间施工噪声管理" in page and "（草稿）" not in page
    data = client.get("/api/v1/public/documents/", {"q": "夜间施工"}).json()
    assert [row["id"] for row in data["results"]] == [published.pk]
    assert data["results"][0]["public_status"] == "valid"
    assert client.get("/api/v1/public/documents/", {"year": "99999999"}).status_code == 400
    filtered = client.get("/api/v1/public/documents/", {"status": "expired"}).json()
    assert filtered["results"] == []
