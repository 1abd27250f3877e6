"""The numbering API: scoped lists, issue/void/reserve through the services, validate, bad input."""

import pytest
from django.utils import timezone

from fazhi.core.testing import api_client
from fazhi.numbering import services
from fazhi.numbering.choices import NumberStatus
from fazhi.numbering.models import IssuedNumber

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


def assert_error(response, status: int, code: str | None = None, field: str | None = None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "detail", "errors"}
    if code:
        assert body["code"] == code
    if field:
        assert field in body["errors"], body
    return body


def test_formats_are_listed_within_the_users_scope(number_formats, people, numberers):
    names = {
        row["name"] for row in api_client(people["market_clerk"]).get("/api/v1/numbering/formats/").json()["results"]
    }
    assert names == {"市市场监管局规范性文件", "市市场监管局规范性文件登记号"}
    assert api_client(people["ecology_clerk"]).get("/api/v1/numbering/formats/").json()["results"] == []
    rows = api_client(numberers["gov_office"]).get("/api/v1/numbering/formats/?kind=doc_number").json()["results"]
    assert {row["example"] for row in rows} == {f"江府规〔{THIS_YEAR}〕1号", f"江市监规〔{THIS_YEAR}〕1号"}
    assert api_client().get("/api/v1/numbering/formats/").status_code in (401, 403)


def test_issue_void_and_list_numbers(number_formats, numberers, people):
    client = api_client(numberers["gov_office"])
    gov = number_formats["gov_rules"]
    issued = client.post("/api/v1/numbering/issue/", {"format": gov.pk}, format="json")
    assert issued.status_code == 201, issued.content
    assert (issued.json()["text"], issued.json()["status"]) == (f"江府规〔{THIS_YEAR}〕1号", "issued")
    following = client.post("/api/v1/numbering/issue/", {"format": gov.pk, "year": THIS_YEAR + 1}, format="json")
    assert following.json()["text"] == f"江府规〔{THIS_YEAR + 1}〕1号"

    voided = client.post(
        "/api/v1/numbering/void/", {"number": issued.json()["id"], "reason": "文件撤回"}, format="json"
    )
    assert voided.status_code == 200
    assert (voided.json()["status"], voided.json()["void_reason"]) == ("voided", "文件撤回")
    again = client.post("/api/v1/numbering/void/", {"number": issued.json()["id"], "reason": "再次"}, format="json")
    assert_error(again, 409, "conflict")

    listed = client.get(f"/api/v1/numbering/numbers/?number_format={gov.pk}&status=voided").json()["results"]
    assert [row["text"] for row in listed] == [f"江府规〔{THIS_YEAR}〕1号"]
    assert api_client(people["market_clerk"]).get("/api/v1/numbering/numbers/").json()["results"] == []


def test_reserve_a_legacy_number_then_issue_skips_it(number_formats, numberers):
    client = api_client(numberers["market_legal"])
    registration = number_formats["registration"]
    reserved = client.post(
        "/api/v1/numbering/reserve/",
        {"format": registration.pk, "text": f"JMSJ-{THIS_YEAR}-0001", "note": "历史文件"},
        format="json",
    )
    assert reserved.status_code == 201, reserved.content
    assert reserved.json()["status"] == NumberStatus.RESERVED
    issued = client.post("/api/v1/numbering/issue/", {"format": registration.pk}, format="json")
    assert issued.json()["text"] == f"JMSJ-{THIS_YEAR}-0002"
    duplicate = client.post(
        "/api/v1/numbering/reserve/", {"format": registration.pk, "text": f"JMSJ-{THIS_YEAR}-0001"}, format="json"
    )
    assert_error(duplicate, 409, "conflict")
    wrong = client.post("/api/v1/numbering/reserve/", {"format": registration.pk, "text": "JMSJ-2019-1"}, format="json")
    assert "应为 JMSJ-2019-0001" in assert_error(wrong, 400, field="text")["detail"]


def test_validate_answers_parts_or_the_problem(people):
    client = api_client(people["market_clerk"])
    ok = client.post("/api/v1/numbering/validate/", {"text": "江府规〔2026〕3号"}, format="json")
    assert ok.status_code == 200
    assert ok.json() == {"text": "江府规〔2026〕3号", "prefix": "江府规", "year": 2026, "serial": 3}
    bad = client.post("/api/v1/numbering/validate/", {"text": "江府规〔2026〕03号"}, format="json")
    body = assert_error(bad, 400, "invalid_number", "text")
    assert body["detail"] == "序号不编虚位，不加前导零：江府规〔2026〕03号，应为 江府规〔2026〕3号。"
    brackets = client.post("/api/v1/numbering/validate/", {"text": "江府规[2026]3号"}, format="json")
    assert "六角括号" in assert_error(brackets, 400)["detail"]


@pytest.mark.parametrize(
    ("url", "payload", "field"),
    [
        ("/api/v1/numbering/validate/", {}, "text"),
        ("/api/v1/numbering/validate/", {"text": ""}, "text"),
        ("/api/v1/numbering/validate/", {"text": None}, "text"),
        ("/api/v1/numbering/validate/", {"text": ["江府规〔2026〕3号"]}, "text"),
        ("/api/v1/numbering/validate/", {"text": "x" * 500}, "text"),
        ("/api/v1/numbering/issue/", {}, "format"),
        ("/api/v1/numbering/issue/", {"format": "abc"}, "format"),
        ("/api/v1/numbering/issue/", {"format": 0}, "format"),
        ("/api/v1/numbering/issue/", {"format": 10**30}, "format"),
        ("/api/v1/numbering/issue/", {"format": "FORMAT", "year": "二〇二六"}, "year"),
        ("/api/v1/numbering/issue/", {"format": "FORMAT", "year": 1999}, "year"),
        ("/api/v1/numbering/void/", {"number": "NUMBER"}, "reason"),
        ("/api/v1/numbering/void/", {"number": "NUMBER", "reason": "   "}, "reason"),
        ("/api/v1/numbering/void/", {"reason": "理由"}, "number"),
        ("/api/v1/numbering/reserve/", {"format": "FORMAT"}, "text"),
        ("/api/v1/numbering/reserve/", {"format": "FORMAT", "text": 12}, "text"),
        ("/api/v1/numbering/reserve/", {"format": "FORMAT", "text": "江府办〔2019〕1号"}, "text"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(number_formats, numberers, url, payload, field):
    client = api_client(numberers["gov_office"])
    number = services.issue_number(number_formats["gov_rules"], actor=numberers["gov_office"])
    ids = {"FORMAT": number_formats["gov_rules"].pk, "NUMBER": number.pk}
    payload = {key: ids.get(value, value) if isinstance(value, str) else value for key, value in payload.items()}
    before = list(IssuedNumber.objects.values_list("pk", "status"))
    body = assert_error(client.post(url, payload, format="json"), 400, field=field)
    assert any("\u4e00" <= char <= "\u9fff" for char in body["detail"]), body
    assert list(IssuedNumber.objects.values_list("pk", "status")) == before


@pytest.mark.parametrize("payload", ['["江府规〔2026〕3号"]', '"江府规〔2026〕3号"', "{not json"])
def test_a_body_that_is_not_an_object_is_a_400(people, payload):
    response = api_client(people["market_clerk"]).post(
        "/api/v1/numbering/validate/", payload, content_type="application/json"
    )
    assert_error(response, 400)


def test_another_bodys_format_or_number_is_404(number_formats, numberers, people):
    market_rules = number_formats["market_rules"]
    number = services.issue_number(market_rules, actor=numberers["market_legal"])
    client = api_client(people["ecology_clerk"])
    assert_error(client.post("/api/v1/numbering/issue/", {"format": market_rules.pk}, format="json"), 404, "not_found")
    assert_error(
        client.post(
            "/api/v1/numbering/reserve/", {"format": market_rules.pk, "text": "江市监规〔2019〕1号"}, format="json"
        ),
        404,
    )
    assert_error(client.post("/api/v1/numbering/void/", {"number": number.pk, "reason": "越权"}, format="json"), 404)
    assert_error(client.post("/api/v1/numbering/issue/", {"format": 999999}, format="json"), 404)
    assert IssuedNumber.objects.get().status == NumberStatus.ISSUED


def test_a_user_without_the_number_permission_is_403(number_formats, numberers, people):
    market_rules = number_formats["market_rules"]
    number = services.issue_number(market_rules, actor=numberers["market_legal"])
    client = api_client(people["market_clerk"])  # sees the bureau's formats, may not number
    assert_error(client.post("/api/v1/numbering/issue/", {"format": market_rules.pk}, format="json"), 403, "forbidden")
    assert_error(
        client.post(
            "/api/v1/numbering/reserve/", {"format": market_rules.pk, "text": "江市监规〔2019〕1号"}, format="json"
        ),
        403,
    )
    assert_error(client.post("/api/v1/numbering/void/", {"number": number.pk, "reason": "无权"}, format="json"), 403)
    assert IssuedNumber.objects.count() == 1


def test_anonymous_requests_are_refused(number_formats):
    for url in ("issue", "void", "reserve", "validate"):
        response = api_client().post(f"/api/v1/numbering/{url}/", {"text": "江府规〔2026〕3号"}, format="json")
        assert response.status_code in (401, 403)
