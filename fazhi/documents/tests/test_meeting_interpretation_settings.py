"""Collective discussion from the document page and API, interpretation files published with the
document (art. 28), and a government's settings through their service, page and admin."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.core.testing import Role, api_client, make_user
from fazhi.documents import services, testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.models import DocumentSettings, InterpretationFile
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind
from fazhi.procedures.models import MeetingRecord

MEETING = {
    "meeting_kind": "bureau",
    "session": "2026年第5次局务会议",
    "agenda_item": "审议规定草案",
    "entitled_members": "局长、副局长甲、副局长乙",
    "attendees": "局长\n副局长甲",
    "outcome": "agreed",
}


def _file(name="政策解读图解.txt", content="一图读懂：主要内容……"):
    return SimpleUploadedFile(name, content.encode())


# --- collective discussion ----------------------------------------------------------------------


def test_meeting_refused_before_the_legality_review_passed(city, departmental):
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.LEGALITY_REVIEW, departmental)
    with pytest.raises(Conflict) as refused:
        services.record_meeting(document, actor=departmental["clerk"], **{**MEETING, "held_on": timezone.localdate()})
    assert "合法性审查通过后" in refused.value.detail
    assert not MeetingRecord.objects.exists()


def test_clerk_records_the_meeting_on_the_document_page_then_signs_it_and_decides(city, departmental):
    clerk = departmental["clerk"]
    document = testing.walk(testing.draft(city["market"], clerk), S.REVIEWED, departmental)
    client = Client()
    client.force_login(clerk)
    page = client.get(reverse("documents:office-detail", args=[document.pk])).content.decode()
    assert 'id="document-meeting"' in page and "审议《" in page
    response = client.post(
        reverse("documents:office-meeting", args=[document.pk]),
        {**MEETING, "held_on": timezone.localdate().isoformat()},
    )
    record = MeetingRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "procedures:meeting-detail", args=[record.pk]
    )
    assert record.subject == document and record.attendees == ["局长", "副局长甲"] and record.has_quorum
    page = client.get(reverse("documents:office-detail", args=[document.pk])).content.decode()
    assert reverse("procedures:meeting-detail", args=[record.pk]) in page
    client.post(
        reverse("procedures:meeting-minutes", args=[record.pk]), {"minutes": _file("纪要.txt", "会议纪要：同意。")}
    )
    head = Client()
    head.force_login(departmental["head"])
    assert head.post(reverse("procedures:meeting-sign", args=[record.pk])).status_code == 302
    assert client.post(reverse("documents:office-action", args=[document.pk, "record_decision"])).status_code == 302
    document.refresh_from_db()
    assert document.status == S.DECIDED


def test_meeting_page_bad_input_is_400_with_the_reason_and_changes_nothing(city, departmental):
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.REVIEWED, departmental)
    client = Client()
    client.force_login(departmental["clerk"])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("documents:office-meeting", args=[document.pk]), {**MEETING, "held_on": tomorrow})
    assert response.status_code == 400 and "不能晚于今天" in response.content.decode()
    response = client.post(reverse("documents:office-meeting", args=[document.pk]), {"session": "缺项"})
    assert response.status_code == 400
    assert not MeetingRecord.objects.exists()


def test_meeting_api_and_another_bodys_clerk_gets_404(city, departmental, people):
    document = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.REVIEWED, departmental)
    payload = {
        **MEETING,
        "held_on": timezone.localdate().isoformat(),
        "entitled_members": ["局长", "副局长甲", "副局长乙"],
        "attendees": ["局长"],
    }
    outsider = api_client(people["ecology_clerk"])
    assert outsider.post(f"/api/v1/documents/{document.pk}/meeting/", payload, format="json").status_code == 404
    page = Client()
    page.force_login(people["ecology_clerk"])
    assert page.post(reverse("documents:office-meeting", args=[document.pk]), payload).status_code == 404
    clerk = api_client(departmental["clerk"])
    response = clerk.post(f"/api/v1/documents/{document.pk}/meeting/", {**payload, "extra": 1}, format="json")
    assert response.status_code == 400 and "extra" in response.json()["detail"]
    response = clerk.post(f"/api/v1/documents/{document.pk}/meeting/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["has_quorum"] is False and response.json()["status"] == "draft"


# --- interpretation files -----------------------------------------------------------------------


def test_policy_document_published_with_an_interpretation_file_alone(city, departmental, client):
    clerk, office = departmental["clerk"], departmental["government_office"]
    document = testing.draft(city["market"], clerk, is_policy_document=True, doc_number="江市监规〔2026〕8号")
    document = testing.walk(document, S.NUMBERED, departmental)
    with pytest.raises(Conflict) as refused:
        services.publish(document, actor=office)
    assert "解读材料" in refused.value.detail
    item = services.attach_interpretation_file(document, _file(), actor=clerk)
    assert AuditEvent.objects.filter(action="documents.interpretation_attached").exists()
    url = reverse("documents:public-interpretation-file", args=[item.pk])
    assert client.get(url).status_code == 404  # not yet published
    document = services.publish(document, actor=office)
    page = client.get(reverse("documents:public-detail", args=[document.pk])).content.decode()
    assert "政策解读图解.txt" in page and url in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).decode() == "一图读懂：主要内容……"
    assert response["Content-Disposition"].startswith("attachment")
    listed = client.get(f"/api/v1/public/documents/{document.pk}/").json()
    assert listed["interpretation_files"] == [
        {"name": "政策解读图解.txt", "media_type": item.attachment.media_type, "url": url}
    ]
    with pytest.raises(Conflict) as refused:
        services.attach_interpretation_file(document, _file("迟到的解读.txt"), actor=clerk)
    assert "同步发布" in refused.value.detail
    assert InterpretationFile.objects.count() == 1


def test_interpretation_upload_page_api_bad_file_and_outsider(city, departmental, people):
    document = testing.draft(city["market"], departmental["clerk"])
    client = Client()
    client.force_login(departmental["clerk"])
    url = reverse("documents:office-interpretation-file", args=[document.pk])
    response = client.post(url, {"file": SimpleUploadedFile("解读.exe", b"MZ\x90\x00binary")})
    assert response.status_code == 400 and "不在允许范围内" in response.content.decode()
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"file": _file()}).status_code == 302
    page = client.get(reverse("documents:office-detail", args=[document.pk])).content.decode()
    assert "政策解读图解.txt" in page
    outsider = Client()
    outsider.force_login(people["ecology_clerk"])
    assert outsider.post(url, {"file": _file("越权.txt")}).status_code == 404
    api = api_client(departmental["clerk"])
    response = api.post(f"/api/v1/documents/{document.pk}/interpretation-files/", {}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    response = api.post(
        f"/api/v1/documents/{document.pk}/interpretation-files/", {"file": _file("第二份.txt")}, format="multipart"
    )
    assert response.status_code == 201 and response.json()["name"] == "第二份.txt"
    listed = api.get(f"/api/v1/documents/{document.pk}/interpretation-files/").json()
    assert [item["name"] for item in listed] == ["政策解读图解.txt", "第二份.txt"]
    other = api_client(people["ecology_clerk"])
    assert other.get(f"/api/v1/documents/{document.pk}/interpretation-files/").status_code == 404
    assert InterpretationFile.objects.count() == 2


# --- settings -----------------------------------------------------------------------------------


def test_settings_service_refuses_a_legal_office_outside_the_government_and_wrong_formats(city, justice):
    with pytest.raises(InvalidInput) as refused:
        services.save_settings(city["government"], actor=None, legal_office=city["county_market"])
    assert "legal_office" in refused.value.errors
    doc_format = numbering.create_format(
        actor=None, body=city["government"], kind=FormatKind.DOC_NUMBER, name="江府规", prefix="江府规"
    )
    with pytest.raises(InvalidInput) as refused:
        services.save_settings(
            city["government"], actor=None, legal_office=justice, government_number_format=doc_format
        )
    assert refused.value.errors["government_number_format"] == ["应为登记号格式。"]
    with pytest.raises(InvalidInput):
        services.save_settings(city["market"], actor=None, legal_office=justice)
    with pytest.raises(InvalidInput):
        services.save_settings(city["government"], actor=None, legal_office=justice, two_stage_review="yes")
    assert not DocumentSettings.objects.exists()


def test_settings_changed_by_the_office_only_and_audited(city, justice, doc_settings, people):
    with pytest.raises((Forbidden, NotFound)):
        services.save_settings(city["government"], actor=people["market_clerk"], two_stage_review=False)
    with pytest.raises(NotFound):
        services.save_settings(city["government"], actor=people["county_office"], two_stage_review=False)
    saved = services.save_settings(city["government"], actor=people["office"], two_stage_review=False)
    assert saved.pk == doc_settings.pk and saved.two_stage_review is False and saved.legal_office == justice
    event = AuditEvent.objects.filter(action="documents.settings_saved").latest("id")
    assert event.actor_label == "office" and '"two_stage_review":false' in event.data.replace(" ", "")


def test_settings_page_for_the_office_and_404_for_others(city, justice, doc_settings, people):
    office = Client()
    office.force_login(people["office"])
    page = office.get(reverse("documents:settings")).content.decode()
    assert city["government"].name in page and justice.name in page
    url = reverse("documents:settings-edit", args=[city["government"].pk])
    response = office.post(url, {"legal_office": city["county"].pk})
    assert response.status_code == 400
    response = office.post(
        url,
        {
            "legal_office": justice.pk,
            "government_number_format": doc_settings.government_number_format_id,
            "department_number_format": doc_settings.department_number_format_id,
        },
    )
    assert response.status_code == 302
    doc_settings.refresh_from_db()
    assert doc_settings.two_stage_review is False
    for outsider in (people["market_clerk"], people["county_office"]):
        client = Client()
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"legal_office": justice.pk}).status_code == 404
    assert Client().get(url)["Location"].startswith(reverse("core:login"))


def test_settings_admin_saves_through_the_service(city, justice, doc_settings):
    admin = make_user("root", roles=[(city["government"], Role.OFFICE)])
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    url = reverse("admin:documents_documentsettings_change", args=[doc_settings.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"legal_office": city["county"].pk, "two_stage_review": "on"})
    # The service's refusal reaches the error middleware, shown as its Chinese message (core/admin.py).
    assert response.status_code == 400 and "所属的单位" in response.content.decode()
    assert client.post(url, {"legal_office": justice.pk}).status_code == 302
    doc_settings.refresh_from_db()
    assert doc_settings.two_stage_review is False
    assert AuditEvent.objects.filter(action="documents.settings_saved", actor_label="root").exists()
    for path in ("documents/normativedocument/", "documents/registration/", "documents/interpretationfile/"):
        assert client.get(f"/admin/{path}").status_code == 200
