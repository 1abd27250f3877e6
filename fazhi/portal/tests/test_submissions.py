"""The public side of submissions: the form, the receipt, tracking, and the public API."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Attachment, PublicSubmission
from fazhi.core.services import submissions as services
from fazhi.core.testing import api_client, files

SUBMIT_URL = "/submit/suggestion/"
API_URL = "/api/v1/public/submissions/"
STATUS_URL = "/api/v1/public/submissions/status/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def form(target, **overrides) -> dict:
    data = {
        "body": str(target.pk),
        "subject": "关于增设公交站点的建议",
        "content": "建议在建设路与港口路交界处增设公交站点。",
        "submitter_name": "张三",
        "submitter_phone": "13800138000",
        "submitter_email": "zhangsan@example.com",
    }
    data.update(overrides)
    return data


def receipt_from(page: str) -> tuple[str, str]:
    code = re.search(r'id="receipt-code">([^<]+)<', page).group(1)
    secret = re.search(r'id="receipt-secret">([^<]+)<', page).group(1)
    return code, secret


def assert_no_inline_script_or_style(page: str):
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page and "<style" not in page
    assert not re.search(r"\son[a-z]+=", page)


# --- the form and the receipt -------------------------------------------------------------


def test_portal_home_links_to_submitting_and_tracking(client, city):
    page = client.get("/").content.decode()
    assert f'href="{SUBMIT_URL}"' in page and 'href="/track/"' in page


def test_form_offers_current_bodies_only(client, city):
    retired = city["ecology"]
    retired.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    retired.save()
    response = client.get(SUBMIT_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "江门市市场监督管理局" in page and "江门市生态环境局" not in page
    assert 'enctype="multipart/form-data"' in page
    assert "Content-Security-Policy" in response.headers
    assert_no_inline_script_or_style(page)


def test_unknown_kind_is_a_chinese_404(client, city):
    response = client.get("/submit/no-such-kind/")
    assert response.status_code == 404 and "未找到" in response.content.decode()


def test_submit_shows_the_receipt_once_and_it_tracks(client, city):
    response = client.post(SUBMIT_URL, form(city["market"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code, secret = receipt_from(page)
    assert re.match(r"^YJ-\d{4}-\w{8}$", code) and len(secret.replace("-", "")) >= 12
    assert "只显示这一次" in page
    assert_no_inline_script_or_style(page)
    submission = PublicSubmission.objects.get()
    assert submission.receipt_code == code and submission.body == city["market"]

    status = client.post("/track/", {"receipt_code": code, "secret": secret})
    assert status.status_code == 200
    assert "已收到" in status.content.decode()


def test_missing_fields_redisplay_the_form_with_chinese_errors(client, city):
    response = client.post(SUBMIT_URL, form(city["market"], subject="", submitter_name="", body=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "请填写标题。" in page and "请填写姓名。" in page and "请选择受理单位。" in page
    assert "建议在建设路与港口路交界处增设公交站点。" in page  # what was typed is kept
    assert PublicSubmission.objects.count() == 0


def test_script_in_text_is_stored_as_text_and_rendered_escaped(client, city):
    script = "<script>alert(document.cookie)</script>"
    response = client.post(SUBMIT_URL, form(city["market"], subject=f"{script}建议", content=f"{script}内容正文"))
    code, secret = receipt_from(response.content.decode())
    assert PublicSubmission.objects.get().subject == f"{script}建议"
    page = client.post("/track/", {"receipt_code": code, "secret": secret}).content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(document.cookie)&lt;/script&gt;建议" in page


def test_good_pdf_is_accepted_with_the_form(client, city):
    upload = files.upload("现场照片说明.pdf", files.pdf_bytes())
    response = client.post(SUBMIT_URL, {**form(city["market"]), "attachments": [upload]})
    assert response.status_code == 200
    attachment = Attachment.objects.get()
    assert attachment.original_name == "现场照片说明.pdf" and attachment.body == city["market"]
    assert attachment.object_id == str(PublicSubmission.objects.get().pk)


def test_png_renamed_pdf_refuses_the_whole_submission(client, city):
    upload = files.upload("照片.pdf", files.png_bytes(), "application/pdf")
    response = client.post(SUBMIT_URL, {**form(city["market"]), "attachments": [upload]})
    assert response.status_code == 400
    assert "内容是 PNG 文件" in response.content.decode()
    assert PublicSubmission.objects.count() == 0 and Attachment.objects.count() == 0


def test_at_most_three_attachments(client, city):
    uploads = [files.upload(f"{i}.pdf", files.pdf_bytes(str(i).encode())) for i in range(4)]
    response = client.post(SUBMIT_URL, {**form(city["market"]), "attachments": uploads})
    assert response.status_code == 400
    assert "最多可上传 3 个附件。" in response.content.decode()
    assert PublicSubmission.objects.count() == 0


def test_rate_limit_page_says_when_to_retry(client, city, settings):
    settings.FAZHI_SUBMISSION_RATE = (1, 10 * 365 * 86400)
    client.post(SUBMIT_URL, form(city["market"]))
    response = client.post(SUBMIT_URL, form(city["market"], subject="另一条建议"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "操作过于频繁" in page and "再试" in page
    assert int(response["Retry-After"]) > 0
    assert PublicSubmission.objects.count() == 1


def test_duplicate_page_names_the_earlier_receipt(client, city):
    code, _secret = receipt_from(client.post(SUBMIT_URL, form(city["market"])).content.decode())
    response = client.post(SUBMIT_URL, form(city["market"]))
    assert response.status_code == 409 and code in response.content.decode()
    assert PublicSubmission.objects.count() == 1


def test_forwarded_for_is_ignored_without_trusted_proxies(client, city, settings):
    settings.FAZHI_SUBMISSION_RATE = (1, 10 * 365 * 86400)
    client.post(SUBMIT_URL, form(city["market"]), HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = client.post(SUBMIT_URL, form(city["market"], subject="换个地址再来"), HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert response.status_code == 429


# --- tracking -----------------------------------------------------------------------------


@pytest.fixture
def receipt(city):
    return services.submit(
        "suggestion",
        {
            "subject": "联系我13800138000",
            "content": "建议增加夜间办理窗口。",
            "submitter_name": "欧阳娜娜",
            "submitter_phone": "13900139000",
            "submitter_email": "ouyang@example.com",
        },
        client_ip="203.0.113.20",
        body=city["market"],
    )


def test_track_form_is_shown(client, city):
    response = client.get("/track/")
    assert response.status_code == 200 and 'name="secret"' in response.content.decode()


def test_status_page_shows_status_dates_and_reply_but_no_personal_data(client, receipt, people):
    submission = services.accept(receipt.submission, actor=people["market_clerk"])
    services.answer(submission, actor=people["market_clerk"], reply="已增设周三晚间窗口。")
    response = client.post("/track/", {"receipt_code": receipt.receipt_code, "secret": receipt.secret})
    page = response.content.decode()
    assert response.status_code == 200
    assert "已答复" in page and "已增设周三晚间窗口。" in page and "受理时间" in page
    assert "欧***" in page and "联系我138****8000" in page
    assert "欧阳娜娜" not in page and "13900139000" not in page and "ouyang@" not in page
    assert "no-store" in response["Cache-Control"]
    assert_no_inline_script_or_style(page)


def test_wrong_secret_and_unknown_code_give_the_same_404_page(client, receipt):
    wrong = client.get("/track/", {"receipt_code": receipt.receipt_code, "secret": "AAAA-BBBB-CCCC-DDDD"})
    unknown = client.get("/track/", {"receipt_code": "YJ-2026-ZZZZZZZZ", "secret": receipt.secret})
    posted = client.post("/track/", {"receipt_code": receipt.receipt_code, "secret": "wrong"})
    assert wrong.status_code == unknown.status_code == posted.status_code == 404
    assert "未找到" in wrong.content.decode()
    strip = lambda response: re.sub(  # noqa: E731
        r'name="csrf-token" content="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode()
    )
    assert strip(wrong) == strip(unknown)


def test_track_without_a_secret_asks_for_it(client, receipt):
    response = client.post("/track/", {"receipt_code": receipt.receipt_code, "secret": ""})
    assert response.status_code == 400 and "请填写查询码。" in response.content.decode()


# --- public API ---------------------------------------------------------------------------


def api_data(target, **overrides) -> dict:
    data = {key: value for key, value in form(target).items() if key != "body"}
    data.update({"kind": "suggestion", "body": target.pk})
    data.update(overrides)
    return data


def test_api_submit_returns_a_receipt(city):
    response = api_client().post(API_URL, api_data(city["market"]), format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"receipt_code", "secret", "kind", "status", "created_at"}
    assert body["status"] == "received" and response["Cache-Control"] == "no-store"
    status = api_client().post(STATUS_URL, {"receipt_code": body["receipt_code"], "secret": body["secret"]})
    assert status.status_code == 200 and status.json()["status_label"] == "已收到"


def test_api_submit_with_attachments(city):
    data = {**api_data(city["market"]), "attachments": [files.upload("说明.pdf", files.pdf_bytes())]}
    response = api_client().post(API_URL, data, format="multipart")
    assert response.status_code == 201
    assert Attachment.objects.get().original_name == "说明.pdf"


def test_api_refuses_an_executable(city):
    data = {**api_data(city["market"]), "attachments": [files.upload("说明.exe", files.exe_bytes())]}
    response = api_client().post(API_URL, data, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "说明.exe" in response.json()["errors"]["attachments"][0]
    assert PublicSubmission.objects.count() == 0


def test_api_missing_fields_give_the_error_contract(city):
    response = api_client().post(API_URL, {"kind": "suggestion"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "detail", "errors"} and body["code"] == "invalid"
    assert set(body["errors"]) == {"subject", "content", "submitter_name", "body"}
    assert body["errors"]["subject"] == ["请填写标题。"]
    assert PublicSubmission.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"subject": 123}, "subject", "标题应为文本。"),
        ({"content": {"a": 1}}, "content", "内容应为文本。"),
        ({"body": "市场局"}, "body", "受理单位应为单位编号。"),
        ({"body": 999999}, "body", "所选受理单位不存在、已撤销，或不受理意见建议。"),
        ({"submitter_email": "not-an-email"}, "submitter_email", "请填写有效的电子邮箱地址。"),
        ({"kind": "no_such_kind"}, "kind", None),
    ],
)
def test_api_wrong_fields_are_named(city, overrides, field, message):
    response = api_client().post(API_URL, api_data(city["market"], **overrides), format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert PublicSubmission.objects.count() == 0


def test_api_body_that_is_not_an_object_is_400(city):
    response = api_client().post(API_URL, [1, 2], format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_api_rate_limit_is_429_with_the_contract(city, settings):
    settings.FAZHI_SUBMISSION_RATE = (1, 10 * 365 * 86400)
    api_client().post(API_URL, api_data(city["market"]), format="json")
    response = api_client().post(API_URL, api_data(city["market"], subject="第二条"), format="json")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited" and "再试" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    assert PublicSubmission.objects.count() == 1


def test_api_duplicate_is_409(city):
    first = api_client().post(API_URL, api_data(city["market"]), format="json").json()
    response = api_client().post(API_URL, api_data(city["market"]), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate" and first["receipt_code"] in response.json()["detail"]
    assert PublicSubmission.objects.count() == 1


def test_api_status_masks_and_hides_internal_data(receipt):
    response = api_client().post(STATUS_URL, {"receipt_code": receipt.receipt_code, "secret": receipt.secret})
    body = response.json()
    assert body["submitter_name"] == "欧***" and body["subject"] == "联系我138****8000"
    assert "13900139000" not in str(body) and "ouyang" not in str(body)
    assert "client_digest" not in body and "content" not in body


def test_api_status_mismatch_is_404(receipt):
    response = api_client().post(STATUS_URL, {"receipt_code": receipt.receipt_code, "secret": "AAAABBBBCCCCDDDD"})
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "detail": "未找到与该回执编号和查询码相符的事项，请核对后重试。",
        "errors": {},
    }


def test_api_status_missing_fields_is_400(receipt):
    response = api_client().post(STATUS_URL, {"receipt_code": 5}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"receipt_code", "secret"}


def test_public_api_ignores_a_logged_in_session(city, people):
    client = api_client()
    client.force_login(people["market_clerk"])
    response = client.post(API_URL, api_data(city["market"]), format="json")
    assert response.status_code == 201


def test_office_url_names_resolve():
    assert reverse("portal:submit", args=["suggestion"]) == SUBMIT_URL
    assert reverse("portal:track") == "/track/"


def test_kinds_about_one_record_have_no_generic_form(client, db):
    assert client.get("/submit/consultation_comment/").status_code == 404
    assert client.post("/submit/consultation_comment/", {"subject": "x"}).status_code == 404
