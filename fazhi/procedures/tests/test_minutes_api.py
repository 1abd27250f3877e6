"""Meeting minutes uploaded through the API: the same checks as the meeting page."""

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Attachment, AuditEvent
from fazhi.core.testing import api_client
from fazhi.core.testing.files import exe_bytes
from fazhi.procedures import services
from fazhi.procedures.tests.conftest import minutes_file, today


def _meeting(subject, people):
    return services.record_meeting(
        subject,
        actor=people["market_clerk"],
        meeting_kind="bureau",
        session="2026年第5次局务会议",
        held_on=today(),
        agenda_item="审议草案",
        entitled_members=["甲", "乙", "丙"],
        attendees=["甲", "乙"],
        outcome="agreed",
    )


def _stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def test_clerk_uploads_minutes_and_the_head_can_then_sign(subject, people):
    record = _meeting(subject, people)
    clerk = api_client(people["market_clerk"])
    url = f"/api/v1/meetings/{record.pk}/minutes/"
    response = clerk.post(url, {"file": minutes_file()}, format="multipart")
    assert response.status_code == 201, response.json()
    uploaded = response.json()
    assert uploaded["original_name"] == "会议纪要.txt" and uploaded["media_type"].startswith("text/plain")
    assert clerk.get(url).json() == [uploaded]
    assert AuditEvent.objects.filter(action="core.attachment_added").exists()
    signed = api_client(people["market_head"]).post(f"/api/v1/meetings/{record.pk}/sign/")
    assert signed.status_code == 200 and signed.json()["status"] == "signed"


def test_missing_oversized_or_wrong_type_file_is_400_and_nothing_is_saved(subject, people, settings, tmp_path):
    record = _meeting(subject, people)
    clerk = api_client(people["market_clerk"])
    url = f"/api/v1/meetings/{record.pk}/minutes/"
    response = clerk.post(url, {}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"]["file"] == ["请选择会议纪要文件。"]
    response = clerk.post(url, {"file": SimpleUploadedFile("纪要.exe", exe_bytes())}, format="multipart")
    assert response.status_code == 400 and "不在允许范围内" in response.json()["detail"]
    response = clerk.post(url, {"file": SimpleUploadedFile("纪要.txt", exe_bytes())}, format="multipart")
    assert response.status_code == 400 and "不是允许的格式" in response.json()["detail"]
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("纪要.txt", ("会议纪要" * 200).encode())
    response = clerk.post(url, {"file": big}, format="multipart")
    assert response.status_code == 400 and "超过上限" in response.json()["detail"]
    assert not Attachment.objects.exists() and not _stored_files(tmp_path)
    assert clerk.get(url).json() == []


def test_minutes_refused_once_the_record_is_signed(subject, people, tmp_path):
    record = _meeting(subject, people)
    services.attach_minutes(record, minutes_file(), actor=people["market_clerk"])
    services.sign_meeting(record, actor=people["market_head"])
    response = api_client(people["market_clerk"]).post(
        f"/api/v1/meetings/{record.pk}/minutes/",
        {"file": SimpleUploadedFile("补充纪要.txt", "补充纪要。".encode())},
        format="multipart",
    )
    assert response.status_code == 409 and response.json()["code"] == "locked"
    assert "已签署" in response.json()["detail"]
    assert Attachment.objects.count() == 1 and len(_stored_files(tmp_path)) == 1


def test_another_bodys_clerk_gets_404(subject, people, tmp_path):
    record = _meeting(subject, people)
    other = api_client(people["ecology_clerk"])
    url = f"/api/v1/meetings/{record.pk}/minutes/"
    assert other.post(url, {"file": minutes_file()}, format="multipart").status_code == 404
    assert other.get(url).status_code == 404
    assert not Attachment.objects.exists() and not _stored_files(tmp_path)
