"""The request form's attachments on the public API and the portal, and the request steps in the API."""

import datetime

import pytest
from django.urls import reverse

from fazhi.core.models import Attachment, PublicSubmission
from fazhi.core.testing import api_client, files
from fazhi.disclosure import testing
from fazhi.disclosure.models import DisclosureRequest

D = datetime.date
API_URL = "/api/v1/public/submissions/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _nothing_stored():
    assert PublicSubmission.objects.count() == 0
    assert DisclosureRequest.objects.count() == 0
    assert Attachment.objects.count() == 0


def _api_post(body, attachment):
    data = {**testing.request_data(), "kind": "disclosure_request", "body": body.pk, "attachments": [attachment]}
    return api_client().post(API_URL, data, format="multipart")


def _portal_post(client, body, attachment):
    url = reverse("portal:submit", args=["disclosure_request"])
    return client.post(url, {**testing.request_data(), "body": str(body.pk), "attachments": [attachment]})


# --- attachments -------------------------------------------------------------------------------


def test_api_refuses_an_executable_attachment_and_stores_nothing(city):
    response = _api_post(city["market"], files.upload("申请书.exe", files.exe_bytes()))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "申请书.exe" in response.json()["errors"]["attachments"][0]
    _nothing_stored()


def test_api_refuses_an_executable_renamed_pdf(city):
    response = _api_post(city["market"], files.upload("申请书.pdf", files.exe_bytes(), "application/pdf"))
    assert response.status_code == 400
    assert "申请书.pdf" in response.json()["errors"]["attachments"][0]
    _nothing_stored()


def test_api_refuses_an_oversized_attachment_and_stores_nothing(city, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    response = _api_post(city["market"], files.upload("证明.pdf", files.pdf_bytes(b"%" + b"x" * 4096 + b"\n")))
    assert response.status_code == 400
    message = response.json()["errors"]["attachments"][0]
    assert "证明.pdf" in message and "超过上限 1 KB" in message
    _nothing_stored()


def test_portal_refuses_an_executable_attachment_and_stores_nothing(client, city):
    response = _portal_post(client, city["market"], files.upload("申请书.exe", files.exe_bytes()))
    assert response.status_code == 400
    assert "申请书.exe" in response.content.decode()
    _nothing_stored()


def test_portal_refuses_an_oversized_attachment_and_stores_nothing(client, city, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    response = _portal_post(
        client, city["market"], files.upload("证明.pdf", files.pdf_bytes(b"%" + b"x" * 4096 + b"\n"))
    )
    assert response.status_code == 400
    assert "超过上限 1 KB" in response.content.decode()
    _nothing_stored()


def test_api_accepts_a_pdf_with_the_request(city):
    response = _api_post(city["market"], files.upload("申请书.pdf", files.pdf_bytes()))
    assert response.status_code == 201
    assert DisclosureRequest.objects.count() == 1 and Attachment.objects.get().original_name == "申请书.pdf"


# --- request steps -----------------------------------------------------------------------------


@pytest.fixture
def request_(staff, today):
    today(D(2026, 9, 28))
    receipt = testing.submit_request(staff["market"])
    return DisclosureRequest.objects.get(submission=receipt.submission)


def _step(user, request_, name, data):
    url = f"/api/v1/disclosure-requests/{request_.pk}/{name.replace('_', '-')}/"
    return api_client(user).post(url, data, format="json")


def _snapshot(request_):
    return DisclosureRequest.objects.filter(pk=request_.pk).values().get()


def test_answer_before_confirm_is_a_409_with_a_chinese_detail(request_, staff, today):
    today(D(2026, 9, 29))
    before = _snapshot(request_)
    response = _step(staff["clerk"], request_, "answer", {"answer_type": "disclosed", "text": "已主动公开。"})
    assert response.status_code == 409
    assert "待确认收到" in response.json()["detail"]
    assert _snapshot(request_) == before


def test_confirm_then_answer_through_the_api(request_, staff, today):
    today(D(2026, 9, 29))
    assert _step(staff["clerk"], request_, "confirm", {}).status_code == 200
    response = _step(staff["clerk"], request_, "answer", {"answer_type": "disclosed", "text": "已主动公开。"})
    assert response.status_code == 200
    assert response.json()["answer_type"] == "disclosed"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "已主动公开。"}, "answer_type"),
        ({"answer_type": "no-such-type", "text": "已主动公开。"}, "answer_type"),
        ({"answer_type": "disclosed"}, "text"),
        ({"answer_type": "disclosed", "text": ["已主动公开。"]}, "text"),
        ({"answer_type": "disclosed", "text": "已主动公开。", "answered_on": "昨天"}, "answered_on"),
        ({"answer_type": "disclosed", "text": "已主动公开。", "answered_on": 20261001}, "answered_on"),
    ],
)
def test_answer_with_missing_or_bad_fields_is_a_400_naming_the_field(request_, staff, today, data, field):
    today(D(2026, 9, 29))
    _step(staff["clerk"], request_, "confirm", {})
    before = _snapshot(request_)
    response = _step(staff["clerk"], request_, "answer", data)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and field in response.json()["errors"]
    assert _snapshot(request_) == before


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("extend", {"length": "二十", "reason": "需调取档案"}, "length"),
        ("extend", {"length": 15}, "reason"),
        ("ask_correction", {"items": "请写明文号"}, "due_on"),
    ],
)
def test_other_steps_with_bad_fields_are_a_400_naming_the_field(request_, staff, today, name, data, field):
    today(D(2026, 9, 29))
    _step(staff["clerk"], request_, "confirm", {})
    before = _snapshot(request_)
    response = _step(staff["head"] if name == "extend" else staff["clerk"], request_, name, data)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert _snapshot(request_) == before


def test_an_unknown_field_is_a_400(request_, staff, today):
    today(D(2026, 9, 29))
    before = _snapshot(request_)
    response = _step(staff["clerk"], request_, "confirm", {"received_at": "2026-09-29"})
    assert response.status_code == 400
    assert "received_at" in response.json()["errors"]
    assert _snapshot(request_) == before


def test_another_bodys_request_is_a_404(request_, staff, today):
    today(D(2026, 9, 29))
    before = _snapshot(request_)
    assert _step(staff["other_clerk"], request_, "confirm", {}).status_code == 404
    response = api_client(staff["other_clerk"]).get(f"/api/v1/disclosure-requests/{request_.pk}/")
    assert response.status_code == 404
    assert _snapshot(request_) == before
