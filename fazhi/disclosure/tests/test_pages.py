"""The office and portal pages: a request walked on the page, identity masked for the office
above, another body's request 404, the public form's bad input stores nothing."""

import datetime

from django.test import Client
from django.urls import reverse

from fazhi.core.models import PublicSubmission
from fazhi.disclosure import services, testing
from fazhi.disclosure.models import DisclosureRequest

D = datetime.date


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_request_pages_steps_identity_and_scope(staff, today):
    today(D(2026, 11, 2))
    receipt = testing.submit_request(staff["market"], submitter_name="陈<script>x</script>")
    request_ = DisclosureRequest.objects.get(submission=receipt.submission)
    clerk = _client(staff["clerk"])
    page = clerk.get(reverse("disclosure:request", args=[request_.pk]))
    assert page.status_code == 200
    assert "440703199001011234" in page.content.decode()
    assert "<script>x</script>" not in page.content.decode()
    answered = clerk.post(
        reverse("disclosure:request-action", args=[request_.pk, "answer"]),
        {"answer_type": "disclosed", "text": "已公开"},
    )
    assert answered.status_code == 409
    assert "待确认收到" in answered.content.decode()
    assert clerk.post(reverse("disclosure:request-action", args=[request_.pk, "confirm"])).status_code == 302
    assert DisclosureRequest.objects.get(pk=request_.pk).answer_deadline.due_on == D(2026, 11, 30)
    office = _client(staff["office"]).get(reverse("disclosure:request", args=[request_.pk]))
    assert office.status_code == 200
    assert "440703199001011234" not in office.content.decode()
    assert "仅受理单位可见" in office.content.decode()
    other = _client(staff["other_clerk"]).get(reverse("disclosure:request", args=[request_.pk]))
    assert other.status_code == 404


def test_portal_form_bad_input_stores_nothing(staff, today):
    today(D(2026, 11, 2))
    client = Client()
    url = reverse("portal:submit", args=["disclosure_request"])
    data = testing.request_data(applicant_kind="alien", delivery="post", address="", body=staff["market"].pk)
    response = client.post(url, data)
    assert response.status_code == 400
    assert not PublicSubmission.objects.exists()
    api = client.post(
        "/api/v1/public/submissions/",
        {
            "kind": "disclosure_request",
            "body": staff["market"].pk,
            "fields": {**testing.request_data(), "id_number": 5},
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert not DisclosureRequest.objects.exists()


def test_portal_catalogue_and_guide(staff, today):
    today(D(2026, 11, 2))
    item = services.add_item(
        actor=staff["clerk"],
        body=staff["market"],
        category="budget",
        title="公开的预算",
        content="x",
        made_on="2026-11-02",
    )
    services.add_item(
        actor=staff["clerk"],
        body=staff["market"],
        category="budget",
        title="草稿信息",
        content="x",
        made_on="2026-11-02",
    )
    services.publish_item(item, actor=staff["clerk"])
    page = Client().get(reverse("disclosure:public-catalogue"), {"key_area": "", "category": "budget"}).content.decode()
    assert "公开的预算" in page and "草稿信息" not in page
    assert Client().get(reverse("disclosure:public-guide", args=[staff["market"].pk])).status_code == 404
