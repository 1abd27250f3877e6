"""Uploads are judged by their content; downloads are scoped and never rendered inline."""

import hashlib

import pytest
from django.urls import reverse

from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Attachment, AuditEvent, PublicSubmission
from fazhi.core.services import attachments as services
from fazhi.core.services import submissions as submission_services
from fazhi.core.testing import files


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def record(city):
    return submission_services.submit(
        "suggestion",
        {"subject": "附件测试", "content": "请见附件中的材料。", "submitter_name": "王五"},
        client_ip="203.0.113.9",
        body=city["market"],
    ).submission


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("意见.pdf", files.pdf_bytes(), "application/pdf"),
        ("照片.PNG", files.png_bytes(), "image/png"),
        ("照片.jpeg", files.jpeg_bytes(), "image/jpeg"),
        ("材料.docx", files.docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("表格.xlsx", files.xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("公文.ofd", files.ofd_bytes(), "application/ofd"),
        ("说明.txt", "中文说明\n第二行".encode(), "text/plain; charset=utf-8"),
    ],
)
def test_allowed_content_is_accepted(record, city, people, name, content, media_type):
    attachment = services.attach(record, files.upload(name, content), actor=people["market_clerk"], body=city["market"])
    assert attachment.original_name == name
    assert attachment.media_type == media_type
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    stored = attachment.file.name
    assert name not in stored and stored.startswith("attachments/")
    with attachment.file.open("rb") as handle:
        assert handle.read() == content


def test_png_renamed_pdf_is_refused(record, city, people):
    with pytest.raises(InvalidInput) as refused:
        services.attach(
            record, files.upload("报告.pdf", files.png_bytes()), actor=people["market_clerk"], body=city["market"]
        )
    assert refused.value.detail == "文件“报告.pdf”的扩展名为 .pdf，但内容是 PNG 文件，请改正扩展名后重新上传。"
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", files.exe_bytes()),
        ("setup.pdf", files.exe_bytes()),
        ("setup.txt", files.exe_bytes()),
        ("工具.zip", files.zip_bytes()),
        ("工具.docx", files.zip_bytes()),
        ("gbk.txt", "中文".encode("gbk")),
        ("nul.txt", b"abc\x00def"),
        ("无扩展名", files.pdf_bytes()),
    ],
)
def test_disallowed_content_is_refused(record, city, people, name, content):
    with pytest.raises(InvalidInput) as refused:
        services.attach(record, files.upload(name, content), actor=people["market_clerk"], body=city["market"])
    assert refused.value.status_code == 400
    assert name in refused.value.detail
    assert "只接受" in refused.value.detail
    assert Attachment.objects.count() == 0


def test_oversized_file_is_refused(record, city, people, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 2048
    with pytest.raises(InvalidInput) as refused:
        services.attach(
            record,
            files.upload("大文件.pdf", files.pdf_bytes(b"%" + b"x" * 4096 + b"\n")),
            actor=people["market_clerk"],
            body=city["market"],
        )
    assert "超过上限 2 KB" in refused.value.detail
    assert Attachment.objects.count() == 0


def test_empty_file_is_refused(record, city, people):
    with pytest.raises(InvalidInput) as refused:
        services.attach(record, files.upload("空.pdf", b""), actor=people["market_clerk"], body=city["market"])
    assert "空文件" in refused.value.detail


def test_path_in_the_uploaded_name_is_dropped(record, city, people):
    attachment = services.attach(
        record,
        files.upload("../../etc/passwd.pdf", files.pdf_bytes()),
        actor=people["market_clerk"],
        body=city["market"],
    )
    assert attachment.original_name == "passwd.pdf"
    assert ".." not in attachment.file.name


def test_attaching_is_audited(record, city, people):
    attachment = services.attach(
        record, files.upload("意见.pdf", files.pdf_bytes()), actor=people["market_clerk"], body=city["market"]
    )
    event = AuditEvent.objects.get(action="core.attachment_added")
    assert event.actor_id == people["market_clerk"].pk
    assert event.object_id == str(attachment.pk) and attachment.sha256 in event.data


def test_only_users_who_may_change_at_the_body_may_attach(record, city, people):
    with pytest.raises(NotFound):
        services.attach(
            record, files.upload("意见.pdf", files.pdf_bytes()), actor=people["ecology_clerk"], body=city["market"]
        )
    assert Attachment.objects.count() == 0


# --- download -----------------------------------------------------------------------------


@pytest.fixture
def attachment(record, city, people):
    return services.attach(
        record, files.upload("会议纪要.pdf", files.pdf_bytes()), actor=people["market_clerk"], body=city["market"]
    )


def test_download_is_an_attachment_with_nosniff(client, attachment, people):
    client.force_login(people["market_clerk"])
    response = client.get(reverse("core:attachment-download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == files.pdf_bytes()


def test_download_outside_scope_is_404(client, attachment, people):
    client.force_login(people["ecology_clerk"])
    response = client.get(reverse("core:attachment-download", args=[attachment.pk]))
    assert response.status_code == 404
    assert "未找到该附件。" in response.content.decode()


def test_download_needs_login(client, attachment):
    response = client.get(reverse("core:attachment-download", args=[attachment.pk]))
    assert response.status_code == 302


def test_office_above_may_download(client, attachment, people):
    client.force_login(people["office"])
    assert client.get(reverse("core:attachment-download", args=[attachment.pk])).status_code == 200


def test_a_submission_that_fails_after_storing_files_leaves_none_behind(city, media, monkeypatch):
    record = services.audit.record
    stored = []

    def fails_on_the_second_file(instance, action, **kwargs):
        if action == "core.attachment_added":
            stored.append(instance.file.name)
            if len(stored) == 2:
                raise RuntimeError("disk full")
        return record(instance, action, **kwargs)

    monkeypatch.setattr(services.audit, "record", fails_on_the_second_file)
    with pytest.raises(RuntimeError):
        submission_services.submit(
            "suggestion",
            {"subject": "附件测试", "content": "请见附件中的材料。", "submitter_name": "王五"},
            client_ip="203.0.113.9",
            body=city["market"],
            files=[files.upload("材料一.pdf", files.pdf_bytes()), files.upload("材料二.png", files.png_bytes())],
        )
    assert len(stored) == 2
    assert PublicSubmission.objects.count() == 0 and Attachment.objects.count() == 0
    assert not [path for path in media.rglob("*") if path.is_file()]
