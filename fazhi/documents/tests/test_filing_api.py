"""The filing and incidental-review API: each step for the office that runs it, 404 outside the
scope, 409 with the Chinese reason in the wrong state, 400 for malformed input."""

import pytest

from fazhi.core.testing import api_client
from fazhi.documents import testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.filing_choices import FilingStatus, IncidentalStatus
from fazhi.documents.models import FilingRecord, IncidentalReview

pytestmark = pytest.mark.django_db

REVIEW = {"case_number": "江府复〔2026〕30号", "origin": "applicant", "provisions": "第五条", "grounds": "增设许可条件"}


def _published(city, departmental, number):
    document = testing.draft(city["market"], departmental["clerk"], doc_number=number)
    return testing.walk(document, S.IN_FORCE, departmental)


def _post(client, url, data=None):
    return client.post(url, data if data is not None else {}, format="json")


def _error(response, status, code=None):
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"code", "detail", "errors"}
    if code:
        assert body["code"] == code
    return body


def test_filing_steps_each_by_its_office(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕80号")
    record = document.filings.get()
    clerk, reviewer = api_client(departmental["clerk"]), api_client(departmental["legal_reviewer"])
    url = f"/api/v1/filings/{record.pk}/"

    listed = clerk.get("/api/v1/filings/").json()["results"]
    assert [item["id"] for item in listed] == [record.pk]
    detail = clerk.get(url).json()
    assert detail["status"] == FilingStatus.PENDING and detail["filer"] == city["market"].pk
    assert [step["endpoint"] for step in detail["steps"]] == ["submit"]
    assert detail["deadlines"][0]["matter"] == "normative-filing"

    response = _post(clerk, url + "submit/")
    assert response.status_code == 200 and response.json()["status"] == FilingStatus.SUBMITTED
    assert reviewer.get("/api/v1/filings/", {"recipient_office": justice.pk}).json()["count"] == 1
    response = _post(reviewer, url + "register/")
    assert response.status_code == 200 and response.json()["status"] == FilingStatus.RECEIVED
    assert {step["endpoint"] for step in response.json()["steps"]} == {"conclude"}
    response = _post(reviewer, url + "conclude/", {"outcome": "correction", "reason": "第五条超越权限。"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == FilingStatus.CORRECTION_ORDERED and body["outcome"] == "correction"
    assert "filing-correction" in {deadline["matter"] for deadline in body["deadlines"]}
    response = _post(clerk, url + "report-correction/", {"note": "已删除第五条。"})
    assert response.status_code == 200 and response.json()["status"] == FilingStatus.CORRECTED


@pytest.mark.parametrize(("outcome", "status"), [("no_problem", "no_problem"), ("revoked", "revoked")])
def test_filing_concluded_without_problem_or_revoked(city, justice, departmental, outcome, status):
    document = _published(city, departmental, "江市监规〔2026〕81号")
    record = document.filings.get()
    _post(api_client(departmental["clerk"]), f"/api/v1/filings/{record.pk}/submit/")
    reviewer = api_client(departmental["legal_reviewer"])
    _post(reviewer, f"/api/v1/filings/{record.pk}/register/")
    response = _post(reviewer, f"/api/v1/filings/{record.pk}/conclude/", {"outcome": outcome, "reason": "理由"})
    assert response.status_code == 200 and response.json()["status"] == status


def test_another_bodys_clerk_gets_404_on_filings(city, justice, departmental, people):
    document = _published(city, departmental, "江市监规〔2026〕82号")
    record = document.filings.get()
    intruder = api_client(people["ecology_clerk"])
    assert intruder.get("/api/v1/filings/").json()["count"] == 0
    assert intruder.get(f"/api/v1/filings/{record.pk}/").status_code == 404
    payloads = {
        "submit": {},
        "register": {},
        "conclude": {"outcome": "no_problem"},
        "report-correction": {"note": "越权"},
    }
    for endpoint, payload in payloads.items():
        _error(_post(intruder, f"/api/v1/filings/{record.pk}/{endpoint}/", payload), 404, "not_found")
    assert FilingRecord.objects.get(pk=record.pk).status == FilingStatus.PENDING


def test_filing_step_in_the_wrong_state_is_409_with_the_reason(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕83号")
    record = document.filings.get()
    clerk, reviewer = api_client(departmental["clerk"]), api_client(departmental["legal_reviewer"])
    url = f"/api/v1/filings/{record.pk}/"

    body = _error(_post(reviewer, url + "register/"), 409, "invalid_transition")
    assert body["detail"] == "当前状态为“待报送”，不能进行“备案登记”。"
    _post(clerk, url + "submit/")
    body = _error(_post(clerk, url + "submit/"), 409, "invalid_transition")
    assert "已报送" in body["detail"]
    _post(reviewer, url + "register/")
    body = _error(_post(reviewer, url + "conclude/", {"outcome": "correction", "reason": "  "}), 409, "gate_not_met")
    assert body["detail"] == "责令纠正或撤销的，须写明审查意见和理由。"
    body = _error(_post(clerk, url + "report-correction/", {"note": "已纠正"}), 409, "invalid_transition")
    assert "报告纠正情况" in body["detail"]
    assert FilingRecord.objects.get(pk=record.pk).status == FilingStatus.RECEIVED


def test_filing_bad_input_is_400(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕84号")
    record = document.filings.get()
    clerk, reviewer = api_client(departmental["clerk"]), api_client(departmental["legal_reviewer"])
    url = f"/api/v1/filings/{record.pk}/"

    assert "提交的内容应为字段与值的集合" in _error(_post(clerk, url + "submit/", ["on"]), 400)["detail"]
    for on in (5, "昨天", "2026-13-01", "2999-01-01"):
        assert "on" in _error(_post(clerk, url + "submit/", {"on": on}), 400)["errors"]
    _post(clerk, url + "submit/")
    _post(reviewer, url + "register/")
    for payload in ({}, {"outcome": "nope"}, {"outcome": 3}, {"outcome": "correction", "reason": ["理由"]}):
        body = _error(_post(reviewer, url + "conclude/", payload), 400)
        assert set(body["errors"]) <= {"outcome", "reason"} and body["errors"]
    _error(_post(reviewer, url + "conclude/", [{"outcome": "no_problem"}]), 400)
    _post(reviewer, url + "conclude/", {"outcome": "correction", "reason": "第五条超越权限。"})
    assert "note" in _error(_post(clerk, url + "report-correction/", {}), 400)["errors"]
    assert "note" in _error(_post(clerk, url + "report-correction/", {"note": 5}), 400)["errors"]
    assert FilingRecord.objects.get(pk=record.pk).status == FilingStatus.CORRECTION_ORDERED


# --- incidental review ----------------------------------------------------------------------


def _register(client, document, justice, **overrides):
    return _post(
        client, "/api/v1/incidental-reviews/", {"document": document.pk, "office": justice.pk, **REVIEW, **overrides}
    )


def test_incidental_review_registered_replied_and_concluded(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕85号")
    reviewer, clerk = api_client(departmental["legal_reviewer"]), api_client(departmental["clerk"])

    response = _register(reviewer, document, justice)
    assert response.status_code == 201, response.content.decode()
    review = response.json()
    assert (
        review["reconsideration_body"] == city["government"].pk and review["status"] == IncidentalStatus.AWAITING_REPLY
    )
    assert {deadline["matter"] for deadline in review["deadlines"]} == {
        "incidental-review-reply",
        "incidental-review-handle",
    }
    url = f"/api/v1/incidental-reviews/{review['id']}/"
    assert clerk.get("/api/v1/incidental-reviews/").json()["count"] == 1
    assert clerk.get(url).json()["steps"] == ["reply"]

    response = _post(clerk, url + "reply/", {"reply": "第五条依据《食品安全法》第三十六条制定。"})
    assert response.status_code == 200 and response.json()["status"] == IncidentalStatus.REPLIED
    response = _post(reviewer, url + "conclude/", {"outcome": "stop_and_correct", "reason": "超越权限"})
    assert response.status_code == 200
    assert response.json()["status"] == IncidentalStatus.CONCLUDED and response.json()["outcome"] == "stop_and_correct"


def test_another_bodys_clerk_gets_404_on_incidental_reviews(city, justice, departmental, people):
    document = _published(city, departmental, "江市监规〔2026〕86号")
    review = _register(api_client(departmental["legal_reviewer"]), document, justice).json()
    intruder = api_client(people["ecology_clerk"])
    url = f"/api/v1/incidental-reviews/{review['id']}/"

    assert intruder.get("/api/v1/incidental-reviews/").json()["count"] == 0
    assert intruder.get(url).status_code == 404
    _error(_post(intruder, url + "reply/", {"reply": "越权答复"}), 404, "not_found")
    _error(_post(intruder, url + "conclude/", {"outcome": "lawful"}), 404, "not_found")
    _error(_register(intruder, document, justice, case_number="江府复〔2026〕31号"), 404, "not_found")
    assert IncidentalReview.objects.get().status == IncidentalStatus.AWAITING_REPLY


def test_incidental_review_in_the_wrong_state_is_409_with_the_reason(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕87号")
    reviewer, clerk = api_client(departmental["legal_reviewer"]), api_client(departmental["clerk"])
    review = _register(reviewer, document, justice).json()
    url = f"/api/v1/incidental-reviews/{review['id']}/"

    body = _error(_post(reviewer, url + "conclude/", {"outcome": "lawful"}), 409, "gate_not_met")
    assert "制定机关的答复期限至" in body["detail"] and "暂不能作出处理" in body["detail"]
    body = _error(_register(reviewer, document, justice), 409, "duplicate")
    assert body["detail"] == "该复议案件已就此文件登记附带审查。"
    _post(clerk, url + "reply/", {"reply": "合法。"})
    body = _error(_post(reviewer, url + "conclude/", {"outcome": "stop_and_correct"}), 409)
    assert body["detail"] == "决定停止执行的，须写明理由。"
    _post(reviewer, url + "conclude/", {"outcome": "lawful"})
    body = _error(_post(clerk, url + "reply/", {"reply": "补充答复"}), 409, "invalid_transition")
    assert body["detail"] == "当前状态为“已处理”，不能进行“提交书面答复”。"


def test_incidental_review_bad_input_is_400(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕88号")
    reviewer, clerk = api_client(departmental["legal_reviewer"]), api_client(departmental["clerk"])
    draft = testing.draft(city["market"], departmental["clerk"])

    cases = [
        ({"document": "abc"}, "document"),
        ({"document": draft.pk}, "document"),
        ({"document": True}, "document"),
        ({"origin": "whim"}, "origin"),
        ({"provisions": ""}, "provisions"),
        ({"case_number": 12}, "case_number"),
        ({"office": "司法局"}, "office"),
        ({"office": city["market"].pk}, "office"),
        ({"requested_on": "2026-02-30"}, "requested_on"),
    ]
    for overrides, field in cases:
        payload = {"document": document.pk, "office": justice.pk, **REVIEW, **overrides}
        assert field in _error(_post(reviewer, "/api/v1/incidental-reviews/", payload), 400)["errors"], overrides
    missing = _post(reviewer, "/api/v1/incidental-reviews/", {"document": document.pk, "office": justice.pk})
    assert "case_number" in _error(missing, 400)["errors"]
    _error(_post(reviewer, "/api/v1/incidental-reviews/", [REVIEW]), 400, "invalid")
    assert not IncidentalReview.objects.exists()

    review = _register(reviewer, document, justice).json()
    url = f"/api/v1/incidental-reviews/{review['id']}/"
    assert "reply" in _error(_post(clerk, url + "reply/", {}), 400)["errors"]
    assert "reply" in _error(_post(clerk, url + "reply/", {"reply": 5}), 400)["errors"]
    _error(_post(clerk, url + "reply/", ["合法"]), 400)
    assert "outcome" in _error(_post(reviewer, url + "conclude/", {"outcome": "maybe"}), 400)["errors"]
    assert "outcome" in _error(_post(reviewer, url + "conclude/", {}), 400)["errors"]
    assert IncidentalReview.objects.get().status == IncidentalStatus.AWAITING_REPLY


# --- links ----------------------------------------------------------------------------------


def test_public_page_links_to_review_suggestion_and_office_menu_to_filings(client, city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕89号")
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert f'href="/documents/{document.pk}/suggest/"' in page and "提出审查建议" in page
    client.force_login(departmental["clerk"])
    office = client.get("/office/filings/").content.decode()
    assert 'href="/office/filings/"' in office and "备案审查" in office
