"""The portal form and the review request, the office pages and the API: what a user sees and is
refused, bad input with nothing stored, another body's petition a 404, identity masked from above."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import PublicSubmission
from fazhi.core.testing import api_client
from fazhi.petitions import services, testing
from fazhi.petitions.choices import PetitionStatus as S
from fazhi.petitions.models import Petition

D = datetime.date


def _form(**overrides):
    return {**testing.petition_data(), **overrides}


# --- portal -----------------------------------------------------------------------------------


def test_the_portal_form_files_a_petition_with_its_category(today, client, city, bureau):
    page = client.get(reverse("portal:submit", args=["petition"]))
    assert page.status_code == 200 and "信访事项类别" in page.content.decode()
    response = client.post(reverse("portal:submit", args=["petition"]), {**_form(), "body": bureau.pk})
    assert response.status_code == 200 and "XF-2026-" in response.content.decode()
    petition = Petition.objects.get()
    assert petition.body == bureau and petition.register_deadline.due_on == D(2026, 3, 17)
    assert petition.submission.details["submitter_address"].startswith("江门市蓬江区")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"category": ""}, "category", "请选择信访事项类别。"),
        ({"category": "complaint"}, "category", "信访事项类别应为建议意见、检举控告或申诉求决。"),
        ({"content": ""}, "content", "请填写内容。"),
        ({"submitter_name": ""}, "submitter_name", "请填写姓名。"),
    ],
)
def test_bad_input_on_the_portal_form_stores_nothing(today, client, bureau, overrides, field, message):
    response = client.post(reverse("portal:submit", args=["petition"]), {**_form(**overrides), "body": bureau.pk})
    assert response.status_code == 400 and message in response.content.decode()
    assert not PublicSubmission.objects.exists() and not Petition.objects.exists()


def test_a_bad_attachment_stores_nothing(today, client, bureau):
    upload = SimpleUploadedFile("材料.exe", b"MZ\x90\x00not a document")
    response = client.post(
        reverse("portal:submit", args=["petition"]), {**_form(), "body": bureau.pk, "attachments": [upload]}
    )
    assert response.status_code == 400
    assert not PublicSubmission.objects.exists() and not Petition.objects.exists()


def test_the_api_refuses_wrong_types_and_stores_nothing(today, bureau):
    client = api_client()
    url = "/api/v1/public/submissions/"
    response = client.post(url, {**_form(category=["claim"]), "kind": "petition", "body": bureau.pk}, format="json")
    assert response.status_code == 400 and response.json()["errors"]["category"] == ["信访事项类别应为文本。"]
    response = client.post(url, {**_form(category="x"), "kind": "petition", "body": bureau.pk}, format="json")
    assert response.status_code == 400
    assert not Petition.objects.exists()


def test_a_script_is_stored_as_text_and_escaped(today, client, city, staff):
    petition, _secret = testing.file(city["market"], content="<script>alert('信访')</script>请依法处理。")
    client.force_login(staff["market"])
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_the_petitioner_asks_for_review_on_the_portal(today, client, city, staff):
    petition, secret = testing.answered(city["county_market"], staff["county_market"])
    url = reverse("petitions:public-request")
    assert client.get(url).status_code == 200
    code = petition.submission.receipt_code
    wrong = client.post(
        url, {"step": "request-review", "receipt_code": code, "secret": "WRONG", "reasons": "请求复查。。"}
    )
    assert wrong.status_code == 404 and "未找到与该回执编号和查询码相符的事项" in wrong.content.decode()
    empty = client.post(url, {"step": "request-review", "receipt_code": code, "secret": secret, "reasons": ""})
    assert empty.status_code == 400 and "请填写请求理由。" in empty.content.decode()
    assert Petition.objects.get(pk=petition.pk).status == S.ANSWERED
    done = client.post(
        url, {"step": "request-review", "receipt_code": code, "secret": secret, "reasons": "<b>补偿标准</b>计算有误。"}
    )
    assert done.status_code == 200 and "蓬江区人民政府" in done.content.decode()
    petition.refresh_from_db()
    assert petition.status == S.REVIEW and petition.review_reasons == "<b>补偿标准</b>计算有误。"
    again = client.post(
        url, {"step": "request-review", "receipt_code": code, "secret": secret, "reasons": "再次请求复查。"}
    )
    assert again.status_code == 409 and "当前状态为“复查中”" in again.content.decode()


def test_the_public_request_api(today, city, staff):
    petition, secret = testing.answered(city["county_market"], staff["county_market"])
    client = api_client()
    url = "/api/v1/public/petition-requests/"
    code = petition.submission.receipt_code
    assert client.post(url, {"step": "request-review"}, format="json").status_code == 400
    extra = client.post(url, {"step": "request-review", "receipt_code": code, "secret": secret, "x": 1}, format="json")
    assert extra.status_code == 400 and "x" in extra.json()["errors"]
    bad = client.post(
        url, {"step": "request-review", "receipt_code": code, "secret": secret, "reasons": 5}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["errors"]["reasons"] == ["应为文本。"]
    response = client.post(
        url,
        {"step": "request-review", "receipt_code": code, "secret": secret, "reasons": "请求复查处理意见。"},
        format="json",
    )
    assert response.status_code == 200
    lines = {line["label"]: line["text"] for line in response.json()["lines"]}
    assert lines["复查机关"] == "蓬江区人民政府"
    assert "李四" not in json.dumps(response.json(), ensure_ascii=False)


# --- office pages -----------------------------------------------------------------------------


def test_the_register_and_the_petition_page_with_deadlines_and_sources(today, client, city, staff):
    petition, _secret = testing.file(city["market"])
    client.force_login(staff["market"])
    register = client.get(reverse("petitions:register")).content.decode()
    assert petition.submission.receipt_code in register and "2026年3月17日" in register
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "信访工作条例（2022）第二十二条、第二十三条" in page and "李四" in page
    assert 'data-transition="accept"' in page and 'data-transition="answer"' not in page
    client.force_login(staff["ecology"])
    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 404
    assert petition.submission.receipt_code not in client.get(reverse("petitions:register")).content.decode()


def test_forwarding_on_the_page_and_what_the_forwarder_then_sees(today, client, city, bureau, staff):
    petition, _secret = testing.file(bureau)
    client.force_login(staff["bureau"])
    step = reverse("petitions:step", args=[petition.pk, "forward"])
    refused = client.post(step, {"to_body": "not-a-body"})
    assert refused.status_code == 400 and "请指定接收单位。" in refused.content.decode()
    response = client.post(step, {"to_body": city["market"].pk, "mode": "forward"})
    assert response.status_code == 302
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "江门市市场监督管理局" in page and "李*" in page and "李四" not in page
    assert "13800138000" not in page
    client.force_login(staff["market"])
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "李四" in page and "13800138000" in page


def test_an_objection_out_of_time_on_the_page_is_refused_with_the_reason(today, client, city, bureau, staff):
    petition, _secret = testing.file(bureau)
    services.forward(petition, actor=staff["bureau"], to_body=city["market"].pk)
    today.set(D(2026, 3, 10))
    client.force_login(staff["market"])
    response = client.post(reverse("petitions:step", args=[petition.pk, "object"]), {"reason": "不属于本局职权。"})
    assert response.status_code == 409 and "已于2026年3月9日届满" in response.content.decode()
    assert Petition.objects.get(pk=petition.pk).body == city["market"]


# --- API --------------------------------------------------------------------------------------


def test_the_api_walks_the_steps_and_refuses_out_of_order(today, city, staff):
    petition, _secret = testing.file(city["market"])
    clerk = api_client(staff["market"])
    base = f"/api/v1/petitions/{petition.pk}/"
    early = clerk.post(base + "answer/", {"outcome": "supported", "opinion": "支持。"}, format="json")
    assert early.status_code == 409 and "当前状态为“待登记”" in early.json()["detail"]
    unknown = clerk.post(base + "accept/", {"note": "x"}, format="json")
    assert unknown.status_code == 400 and "note" in unknown.json()["errors"]
    accepted = clerk.post(base + "accept/", {}, format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert {row["source"] for row in accepted.json()["due_dates"]} >= {"信访工作条例（2022）第三十四条"}
    head = api_client(staff["market_head"])
    wrong = head.post(base + "extend/", {"days": "abc", "reason": "现场核查"}, format="json")
    assert wrong.status_code == 400 and "days" in wrong.json()["errors"]
    assert head.post(base + "extend/", {"days": 30, "reason": "现场核查"}, format="json").status_code == 200
    second = head.post(base + "extend/", {"days": 5, "reason": "再延"}, format="json")
    assert second.status_code == 409 and "不能再次延长" in second.json()["detail"]
    answered = clerk.post(
        base + "answer/", {"outcome": "not_supported", "opinion": "请求缺乏事实根据。"}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["outcome_label"] == "不予支持"


def test_the_api_is_scoped_and_masks_the_identity_from_above(today, city, staff):
    petition, _secret = testing.file(city["market"])
    other = api_client(staff["ecology"])
    assert other.get(f"/api/v1/petitions/{petition.pk}/").status_code == 404
    assert other.post(f"/api/v1/petitions/{petition.pk}/accept/", {}, format="json").status_code == 404
    assert other.get("/api/v1/petitions/").json()["count"] == 0
    mayor = api_client(staff["mayor"]).get(f"/api/v1/petitions/{petition.pk}/").json()
    assert mayor["submitter_name"] == "李*" and mayor["submitter_phone"] == "（仅受理单位可见）"
    assert mayor["submitter_address"] == "（仅受理单位可见）"
    own = api_client(staff["market"]).get(f"/api/v1/petitions/{petition.pk}/").json()
    assert own["submitter_name"] == "李四" and own["submitter_address"].startswith("江门市")
    assert api_client(staff["market"]).get("/api/v1/petitions/?status=nope").status_code == 400
    assert Petition.objects.get(pk=petition.pk).status == S.RECEIVED


def test_the_portal_shows_the_tile_the_status_lines_and_the_review_link(today, client, city, staff):
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:submit", args=["petition"]) in home and reverse("petitions:public-request") in home
    petition, secret = testing.answered(city["county_market"], staff["county_market"])
    code = petition.submission.receipt_code
    page = client.post(reverse("portal:track"), {"receipt_code": code, "secret": secret}).content.decode()
    assert "部分支持" in page and "可请求复查至" in page and "2026年4月1日（信访工作条例第三十五条）" in page
    assert 'id="petition-review-link"' in page and "李四" not in page
    client.force_login(staff["market"])
    assert reverse("petitions:register") in client.get(reverse("petitions:register")).content.decode()
