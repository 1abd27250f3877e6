"""Interpretation files removed before publication, from the document page and the API; after
publication they are part of the public record and stay."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.core.errors import Conflict
from fazhi.core.models import Attachment, AuditEvent
from fazhi.core.testing import api_client
from fazhi.documents import services, testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.models import InterpretationFile


def _file(name="政策解读图解.txt", content="一图读懂：主要内容……"):
    return SimpleUploadedFile(name, content.encode())


def _stored(tmp_path):
    return [path for path in tmp_path.rglob("*") if path.is_file() and "attachments" in path.parts]


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_clerk_removes_a_file_of_the_draft_on_the_document_page(
    city, departmental, tmp_path, django_capture_on_commit_callbacks
):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk)
    kept = services.attach_interpretation_file(document, _file("保留的解读.txt"), actor=clerk)
    item = services.attach_interpretation_file(document, _file("传错的解读.txt"), actor=clerk)
    assert len(_stored(tmp_path)) == 2
    client = _login(clerk)
    page_url = reverse("documents:office-detail", args=[document.pk])
    remove_url = reverse("documents:office-interpretation-file-remove", args=[item.pk])
    page = client.get(page_url).content.decode()
    assert remove_url in page and "传错的解读.txt" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url)

    assert response.status_code == 302 and response["Location"] == page_url
    page = client.get(page_url).content.decode()
    assert "传错的解读.txt" not in page and "保留的解读.txt" in page and "已删除解读材料文件" in page
    assert list(InterpretationFile.objects.all()) == [kept]
    assert list(Attachment.objects.filter(original_name="传错的解读.txt")) == []
    assert len(_stored(tmp_path)) == 1
    removed = AuditEvent.objects.get(action="documents.interpretation_removed")
    assert removed.object_id == str(document.pk) and "传错的解读.txt" in removed.data
    assert AuditEvent.objects.filter(action="core.attachment_removed", object_id=str(item.attachment_id)).exists()


def test_clerk_removes_a_file_through_the_api(city, departmental, tmp_path, django_capture_on_commit_callbacks):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk)
    api = api_client(clerk)
    uploaded = api.post(
        f"/api/v1/documents/{document.pk}/interpretation-files/", {"file": _file()}, format="multipart"
    ).json()
    url = f"/api/v1/document-interpretation-files/{uploaded['id']}/"
    assert api.get(url).json()["name"] == "政策解读图解.txt"

    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(url)

    assert response.status_code == 204
    assert api.get(f"/api/v1/documents/{document.pk}/interpretation-files/").json() == []
    assert api.get(url).status_code == 404
    assert not Attachment.objects.exists() and not _stored(tmp_path)
    assert AuditEvent.objects.filter(action="documents.interpretation_removed").count() == 1


def test_removal_refused_after_publication_on_page_api_and_service(city, departmental, client, tmp_path):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk, doc_number="江市监规〔2026〕8号")
    item = services.attach_interpretation_file(document, _file(), actor=clerk)
    document = testing.walk(document, S.IN_FORCE, departmental)
    stored = _stored(tmp_path)
    office = _login(clerk)
    remove_url = reverse("documents:office-interpretation-file-remove", args=[item.pk])
    page = office.get(reverse("documents:office-detail", args=[document.pk])).content.decode()
    assert "政策解读图解.txt" in page and remove_url not in page

    response = office.post(remove_url)
    assert response.status_code == 409 and "属于公开记录" in response.content.decode()
    response = api_client(clerk).delete(f"/api/v1/document-interpretation-files/{item.pk}/")
    assert response.status_code == 409 and "属于公开记录" in response.json()["detail"]
    with pytest.raises(Conflict):
        services.remove_interpretation_file(item, actor=clerk)

    assert InterpretationFile.objects.filter(pk=item.pk).exists() and _stored(tmp_path) == stored
    assert not AuditEvent.objects.filter(action="documents.interpretation_removed").exists()
    public = client.get(reverse("documents:public-interpretation-file", args=[item.pk]))
    assert public.status_code == 200


def test_another_bodys_clerk_gets_404_and_a_reader_who_may_not_edit_is_refused(city, departmental, people):
    clerk = departmental["clerk"]
    document = testing.draft(city["market"], clerk)
    item = services.attach_interpretation_file(document, _file(), actor=clerk)
    remove_url = reverse("documents:office-interpretation-file-remove", args=[item.pk])
    api_url = f"/api/v1/document-interpretation-files/{item.pk}/"

    outsider = people["ecology_clerk"]
    assert _login(outsider).post(remove_url).status_code == 404
    assert api_client(outsider).delete(api_url).status_code == 404
    assert api_client(outsider).get(api_url).status_code == 404

    # The city's assessor sees the market bureau's drafts, but may not edit them.
    evaluator = people["evaluator"]
    page = _login(evaluator).get(reverse("documents:office-detail", args=[document.pk])).content.decode()
    assert "政策解读图解.txt" in page and remove_url not in page
    assert api_client(evaluator).get(api_url).status_code == 200
    response = api_client(evaluator).delete(api_url)
    assert response.status_code == 403 and "删除解读材料文件" in response.json()["detail"]
    assert _login(evaluator).post(remove_url).status_code == 403

    assert InterpretationFile.objects.filter(pk=item.pk).exists()
    assert not AuditEvent.objects.filter(action="documents.interpretation_removed").exists()
