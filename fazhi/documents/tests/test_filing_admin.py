"""Admin for system administrators: filing records, review suggestions and incidental reviews are
read-only — they change only through the filing workflow, which audits each step."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.models import Body, User
from fazhi.core.services import submissions
from fazhi.documents import filing
from fazhi.documents.models import FilingRecord, IncidentalReview, NormativeDocument, ReviewSuggestion

MODELS = [FilingRecord, ReviewSuggestion, IncidentalReview]
SUGGESTION = {"subject": "第五条超越权限", "content": "第五条增设了上位法没有的许可条件。", "submitter_name": "张三"}


@pytest.fixture(scope="module")
def demo_with_reviews(module_demo, django_db_blocker):
    """The Jiangmen demo (published documents and their filings), a review suggestion from the
    public and an incidental review registered by the city's 司法局, built once for the module;
    each test's changes are rolled back (`module_db`)."""
    with django_db_blocker.unblock():
        document = NormativeDocument.objects.published().filter(filings__isnull=False).first()
        submissions.submit("review_suggestion", SUGGESTION, client_ip="10.0.0.1", target=document.pk)
        filing.request_incidental_review(
            document,
            actor=User.objects.get(username="reviewer"),
            office=Body.objects.get(code="jm-sfj").pk,
            case_number="江府复〔2026〕12号",
            origin="applicant",
            provisions="第五条",
            grounds="增设许可条件",
        )


@pytest.fixture
def admin_client(demo_with_reviews, db):
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_list_and_record_pages_render_for_a_superuser(admin_client, model):
    record = model.objects.first()
    listing = admin_client.get(_url(model, "changelist"))
    assert listing.status_code == 200
    assert str(model._meta.verbose_name_plural) in listing.content.decode()
    assert admin_client.get(_url(model, "changelist"), {"q": "江门"}).status_code == 200
    page = admin_client.get(_url(model, "change", record.pk))
    assert page.status_code == 200 and str(record.document.title) in page.content.decode()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_filing_records_cannot_be_added_changed_or_deleted(admin_client, model):
    record = model.objects.first()
    before = list(model.objects.order_by("pk").values())
    assert admin_client.get(_url(model, "add")).status_code == 403
    assert admin_client.post(_url(model, "add"), {}).status_code == 403
    assert admin_client.post(_url(model, "change", record.pk), {}).status_code == 403
    assert admin_client.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    assert list(model.objects.order_by("pk").values()) == before
    assert 'name="_save"' not in admin_client.get(_url(model, "change", record.pk)).content.decode()


def test_a_review_suggestion_shows_its_receipt_code_not_the_submitters_text(admin_client):
    suggestion = ReviewSuggestion.objects.get()
    page = admin_client.get(_url(ReviewSuggestion, "change", suggestion.pk)).content.decode()
    assert suggestion.submission.receipt_code in page and SUGGESTION["subject"] not in page
