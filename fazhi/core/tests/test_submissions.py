"""Public submissions: receipts, limits, duplicates, the handling workflow, scope and export."""

import datetime
import hashlib
import io
import re
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.core import audit
from fazhi.core.choices import SubmissionStatus
from fazhi.core.errors import Conflict, InvalidInput, NotFound, TooManyRequests
from fazhi.core.models import AuditEvent, PublicSubmission
from fazhi.core.services import submissions as services
from fazhi.core.testing import api_client

RECEIPT = re.compile(r"^YJ-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$")


def suggestion(**overrides) -> dict:
    data = {
        "subject": "关于延长政务大厅周末办理时间的建议",
        "content": "建议在周六上午开放政务服务大厅，方便上班族办理业务。",
        "submitter_name": "张三",
        "submitter_phone": "13800138000",
        "submitter_email": "zhangsan@example.com",
    }
    data.update(overrides)
    return data


def submit(body, *, ip="203.0.113.5", **overrides):
    return services.submit("suggestion", suggestion(**overrides), client_ip=ip, body=body)


@pytest.fixture
def received(city):
    return submit(city["market"]).submission


def login(client, user):
    client.force_login(user)
    return client


# --- receipts -----------------------------------------------------------------------------


def test_submit_issues_a_receipt_and_keeps_only_the_secret_digest(city):
    receipt = submit(city["market"])

    submission = PublicSubmission.objects.get()
    assert RECEIPT.match(submission.receipt_code)
    assert str(timezone.localdate().year) in submission.receipt_code
    plain = receipt.secret.replace("-", "")
    assert len(plain) >= 12
    assert submission.secret_digest == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in str(PublicSubmission.objects.values().get())
    assert not AuditEvent.objects.filter(data__contains=plain).exists()
    assert submission.status == SubmissionStatus.RECEIVED
    assert submission.body == city["market"]


def test_receipt_codes_are_random_not_sequential(city):
    codes = {submit(city["market"], subject=f"建议第{i}条").receipt_code for i in range(5)}
    assert len(codes) == 5
    suffixes = sorted(code.rsplit("-", 1)[1] for code in codes)
    assert all(RECEIPT.match(code) for code in codes)
    assert suffixes != [f"{i:08d}" for i in range(1, 6)]


def test_find_by_receipt_accepts_the_secret_as_shown_or_typed_loosely(city):
    receipt = submit(city["market"])
    typed = receipt.secret.replace("-", " ").lower()
    assert services.find_by_receipt(receipt.receipt_code.lower(), typed) == receipt.submission


def test_wrong_secret_is_indistinguishable_from_unknown_code(city):
    receipt = submit(city["market"])
    with pytest.raises(NotFound) as wrong_secret:
        services.find_by_receipt(receipt.receipt_code, "AAAA-BBBB-CCCC-DDDD")
    with pytest.raises(NotFound) as unknown_code:
        services.find_by_receipt("YJ-2026-ZZZZZZZZ", receipt.secret)
    assert wrong_secret.value.as_dict() == unknown_code.value.as_dict()
    assert "未找到" in wrong_secret.value.detail


def test_text_fields_are_stripped_and_scripts_kept_as_text(city):
    submission = submit(
        city["market"], subject="  <script>alert('x')</script>标题  ", submitter_name="  李四 "
    ).submission
    assert submission.subject == "<script>alert('x')</script>标题"
    assert submission.submitter_name == "李四"


# --- refusals -----------------------------------------------------------------------------


def test_missing_and_wrong_type_fields_are_all_named(city):
    with pytest.raises(InvalidInput) as refused:
        services.submit("suggestion", {"subject": 42, "content": ["a"]}, client_ip="203.0.113.5", body="市场局")
    errors = refused.value.errors
    assert errors["subject"] == ["标题应为文本。"]
    assert errors["content"] == ["内容应为文本。"]
    assert errors["submitter_name"] == ["请填写姓名。"]
    assert errors["body"] == ["受理单位应为单位编号。"]
    assert PublicSubmission.objects.count() == 0


def test_over_long_fields_are_refused_with_the_limit(city):
    with pytest.raises(InvalidInput) as refused:
        submit(city["market"], subject="长" * 201)
    assert "200" in refused.value.errors["subject"][0]
    assert PublicSubmission.objects.count() == 0


def test_a_body_that_no_longer_exists_cannot_receive(city):
    retired = city["ecology"]
    retired.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    retired.save()
    with pytest.raises(InvalidInput) as refused:
        submit(retired)
    assert "已撤销" in refused.value.errors["body"][0]
    assert PublicSubmission.objects.count() == 0


def test_rate_limit_refuses_with_when_to_retry_and_keeps_nothing(city, settings):
    settings.FAZHI_SUBMISSION_RATE = (2, 10 * 365 * 86400)
    submit(city["market"], subject="第一条建议")
    submit(city["market"], subject="第二条建议")
    with pytest.raises(TooManyRequests) as refused:
        submit(city["market"], subject="第三条建议")
    assert refused.value.status_code == 429
    assert "再试" in refused.value.detail and "2 件意见建议" in refused.value.detail
    assert PublicSubmission.objects.count() == 2
    # Another client is not affected.
    submit(city["market"], subject="第三条建议", ip="198.51.100.7")
    assert PublicSubmission.objects.count() == 3


def test_rate_limit_message_says_how_long_and_until_when(city, settings, monkeypatch):
    settings.FAZHI_SUBMISSION_RATE = (1, 3600)
    hour = (int(timezone.now().timestamp()) // 3600) * 3600
    monkeypatch.setattr(services, "time", SimpleNamespace(time=lambda: hour + 1000.0))
    submit(city["market"], subject="第一条建议")
    with pytest.raises(TooManyRequests) as refused:
        submit(city["market"], subject="第二条建议")
    until = timezone.localtime(datetime.datetime.fromtimestamp(hour + 3600, tz=datetime.UTC))
    when = f"{until:%H:%M}" if until.date() == timezone.localdate() else f"{until:%Y-%m-%d %H:%M}"
    assert refused.value.detail == (
        f"提交过于频繁：同一来源每小时最多提交 1 件意见建议。请在 44 分钟后（{when} 以后）再试。"
    )
    assert refused.value.retry_after == 2600


def test_duplicate_within_window_is_refused_naming_the_earlier_receipt(city):
    first = submit(city["market"])
    with pytest.raises(Conflict) as refused:
        submit(city["market"], subject="  关于延长政务大厅周末办理时间的建议 ")
    assert refused.value.status_code == 409
    assert first.receipt_code in refused.value.detail
    assert PublicSubmission.objects.count() == 1


def test_same_content_from_another_client_or_after_the_window_is_accepted(city, settings):
    submit(city["market"])
    submit(city["market"], ip="198.51.100.7")
    PublicSubmission.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    settings.FAZHI_DUPLICATE_WINDOW_SECONDS = 600
    submit(city["market"])
    assert PublicSubmission.objects.count() == 3


# --- audit --------------------------------------------------------------------------------


def test_submission_is_audited_as_the_public_with_personal_data_masked(city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(city["market"]).submission
    event = AuditEvent.objects.get(action="core.submission_received")
    assert event.actor_id is None and event.actor_label == audit.PUBLIC_LABEL
    assert event.object_id == str(submission.pk) and event.body_id == city["market"].pk
    assert "13800138000" not in event.data and "138****8000" in event.data
    assert "张三" not in event.data
    assert event.sequence is not None
    assert audit.verify().ok


# --- client address -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.9"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.2", "1.1.1.1"),
        (3, "1.1.1.1", "1.1.1.1"),
        (1, "not-an-address", "10.0.0.9"),
        (1, "", "10.0.0.9"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, hops, forwarded, expected):
    settings.FAZHI_TRUSTED_PROXIES = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert services.client_ip(request) == expected


# --- workflow -----------------------------------------------------------------------------


def test_clerk_accepts_and_answers(received, people, django_capture_on_commit_callbacks):
    clerk = people["market_clerk"]
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(received, actor=clerk)
        services.answer(received, actor=clerk, reply="  感谢建议，自下月起周六上午开放。 ")
    received.refresh_from_db()
    assert received.status == SubmissionStatus.ANSWERED
    assert received.reply == "感谢建议，自下月起周六上午开放。"
    assert received.accepted_at and received.replied_at
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_id"))
    assert actions[-2:] == [("core.submission_accepted", clerk.pk), ("core.submission_answered", clerk.pk)]
    assert audit.verify().ok


def test_empty_reply_is_refused_by_the_gate(received, people):
    services.accept(received, actor=people["market_clerk"])
    with pytest.raises(Conflict) as refused:
        services.answer(received, actor=people["market_clerk"], reply="   ")
    assert refused.value.detail == "请填写答复内容后再答复。"
    received.refresh_from_db()
    assert received.status == SubmissionStatus.HANDLING and received.reply == ""


def test_out_of_order_transitions_are_refused_and_change_nothing(received, people):
    clerk = people["market_clerk"]
    with pytest.raises(Conflict) as refused:
        services.answer(received, actor=clerk, reply="答复")
    assert refused.value.detail == "当前状态为“已收到”，不能进行“答复”。"
    received.refresh_from_db()
    assert received.status == SubmissionStatus.RECEIVED and received.reply == ""

    services.accept(received, actor=clerk)
    services.answer(received, actor=clerk, reply="答复")
    for name, kwargs in (("accept", {}), ("reject", {"reason": "理由"})):
        with pytest.raises(Conflict):
            getattr(services, name)(received, actor=clerk, **kwargs)
    received.refresh_from_db()
    assert received.status == SubmissionStatus.ANSWERED and received.rejection_reason == ""


def test_reject_requires_a_reason(received, people):
    with pytest.raises(Conflict) as refused:
        services.reject(received, actor=people["market_clerk"], reason="")
    assert "理由" in refused.value.detail
    services.reject(received, actor=people["market_clerk"], reason="不属于本单位职责，请向生态环境局反映。")
    received.refresh_from_db()
    assert received.status == SubmissionStatus.REJECTED and received.rejected_at


def test_another_bodys_clerk_cannot_handle(received, people):
    with pytest.raises(NotFound):
        services.accept(received, actor=people["ecology_clerk"])
    received.refresh_from_db()
    assert received.status == SubmissionStatus.RECEIVED


def test_office_above_the_body_may_handle(received, people):
    services.accept(received, actor=people["office"])
    received.refresh_from_db()
    assert received.status == SubmissionStatus.HANDLING


def test_public_status_shows_no_internal_or_personal_data(received, people):
    status = services.public_status(services.accept(received, actor=people["market_clerk"]))
    assert status["status_label"] == "办理中"
    assert status["submitter_name"] == "张*"
    assert "13800138000" not in str(status) and "zhangsan" not in str(status)
    assert not {"client_digest", "content_digest", "secret_digest", "submitter_phone"} & set(status)


# --- office pages -------------------------------------------------------------------------


def test_office_list_shows_only_the_users_bodies(client, city, people):
    mine = submit(city["market"], subject="市场局的建议").submission
    submit(city["ecology"], subject="生态局的建议")
    response = login(client, people["market_clerk"]).get(reverse("core:submission-list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert mine.receipt_code in page and "市场局的建议" in page
    assert "生态局的建议" not in page


def test_office_list_filters_by_status(client, city, people):
    accepted = submit(city["market"], subject="已受理的建议").submission
    services.accept(accepted, actor=people["market_clerk"])
    submit(city["market"], subject="未受理的建议")
    response = login(client, people["market_clerk"]).get(
        reverse("core:submission-list"),
        {"status": "handling"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="submission-results",
    )
    page = response.content.decode()
    assert "已受理的建议" in page and "未受理的建议" not in page
    assert "<html" not in page


def test_office_detail_shows_personal_data_in_full_and_scripts_escaped(client, city, people):
    submission = submit(city["market"], content="<script>alert('x')</script>请改进窗口服务").submission
    response = login(client, people["market_clerk"]).get(reverse("core:submission-detail", args=[submission.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "13800138000" in page and "zhangsan@example.com" in page and "张三" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "受理" in page and "不予受理" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) and " style=" not in page
    assert "Content-Security-Policy" in response.headers


def test_another_bodys_clerk_gets_404_on_the_detail_page(client, received, people):
    response = login(client, people["ecology_clerk"]).get(reverse("core:submission-detail", args=[received.pk]))
    assert response.status_code == 404
    assert "未找到" in response.content.decode()
    response = client.post(reverse("core:submission-transition", args=[received.pk, "accept"]))
    assert response.status_code == 404
    received.refresh_from_db()
    assert received.status == SubmissionStatus.RECEIVED


def test_pages_need_login(client, received):
    response = client.get(reverse("core:submission-detail", args=[received.pk]))
    assert response.status_code == 302 and reverse("core:login") in response["Location"]


def test_workflow_buttons_run_the_transitions(client, received, people):
    login(client, people["market_clerk"])
    url = reverse("core:submission-detail", args=[received.pk])
    response = client.post(reverse("core:submission-transition", args=[received.pk, "accept"]))
    assert response.status_code == 302 and response["Location"] == url
    response = client.post(
        reverse("core:submission-transition", args=[received.pk, "answer"]), {"text": "已采纳。"}, follow=True
    )
    page = response.content.decode()
    assert "已答复" in page and "已采纳。" in page
    assert 'action="/office/submissions/' not in page  # no buttons left once answered


def test_out_of_order_transition_page_shows_409_in_chinese(client, received, people):
    login(client, people["market_clerk"])
    response = client.post(reverse("core:submission-transition", args=[received.pk, "answer"]), {"text": "答复"})
    assert response.status_code == 409
    assert "当前状态为“已收到”，不能进行“答复”。" in response.content.decode()
    received.refresh_from_db()
    assert received.status == SubmissionStatus.RECEIVED


# --- export -------------------------------------------------------------------------------


def _rows(response) -> list[list]:
    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_export_has_chinese_headers_and_only_the_users_rows(client, city, people):
    mine = submit(city["market"], subject='=HYPERLINK("http://evil","点我")').submission
    other = submit(city["ecology"], subject="生态局的建议").submission
    response = login(client, people["market_clerk"]).get(reverse("core:submission-export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _rows(response)
    assert rows[0][:5] == ["回执编号", "类别", "受理单位", "标题", "内容"]
    codes = [row[0] for row in rows[1:]]
    assert codes == [mine.receipt_code]
    assert other.receipt_code not in str(rows)
    assert rows[1][3] == '=HYPERLINK("http://evil","点我")'  # kept as text, not a formula
    assert rows[1][6] == "13800138000"  # the handling body sees contact details in full


def test_export_for_another_bodys_clerk_has_no_rows(client, received, people):
    response = login(client, people["ecology_clerk"]).get(reverse("core:submission-export"))
    rows = _rows(response)
    assert len(rows) == 1 and received.receipt_code not in str(rows)


# --- office API ---------------------------------------------------------------------------


def test_api_list_and_detail_are_scoped(city, people):
    mine = submit(city["market"]).submission
    submit(city["ecology"], subject="生态局的建议")
    response = api_client(people["market_clerk"]).get("/api/v1/submissions/")
    assert response.status_code == 200
    assert [item["receipt_code"] for item in response.json()["results"]] == [mine.receipt_code]
    detail = api_client(people["market_clerk"]).get(f"/api/v1/submissions/{mine.pk}/").json()
    assert detail["submitter_phone"] == "13800138000"
    assert [t["name"] for t in detail["transitions"]] == ["accept", "reject"]

    response = api_client(people["ecology_clerk"]).get(f"/api/v1/submissions/{mine.pk}/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "未找到该记录。", "errors": {}}


def test_api_transitions_and_their_refusals(received, people):
    clerk = api_client(people["market_clerk"])
    base = f"/api/v1/submissions/{received.pk}"

    response = clerk.post(f"{base}/answer/", {"reply": "答复"}, format="json")
    assert response.status_code == 409
    assert response.json() == {
        "code": "invalid_transition",
        "detail": "当前状态为“已收到”，不能进行“答复”。",
        "errors": {},
    }

    assert clerk.post(f"{base}/accept/").json()["status"] == "handling"
    response = clerk.post(f"{base}/answer/", {"reply": 123}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"reply": ["应为文本。"]}
    response = clerk.post(f"{base}/answer/", {}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "gate_not_met"

    response = api_client(people["ecology_clerk"]).post(f"{base}/answer/", {"reply": "越权"}, format="json")
    assert response.status_code == 404

    response = clerk.post(f"{base}/answer/", {"reply": "已采纳"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "answered"
    received.refresh_from_db()
    assert received.reply == "已采纳"


def test_api_needs_authentication(received):
    assert api_client().get("/api/v1/submissions/").status_code in (401, 403)
