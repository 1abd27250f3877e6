import datetime

from django.urls import reverse

from fazhi.core.testing import api_client
from fazhi.procedures import services
from fazhi.procedures.choices import ConsultationStatus
from fazhi.procedures.models import Consultation
from fazhi.procedures.tests.conftest import comment, open_consultation, today

SCRIPT = "<script>alert(1)</script>"


def test_public_sees_open_consultation_and_comments_through_the_form(client, subject, people):
    consultation = open_consultation(subject, people["market_clerk"], text=f"第一条 {SCRIPT}")
    listing = client.get(reverse("procedures:public-list"))
    assert consultation.title in listing.content.decode()

    page = client.get(reverse("procedures:public-detail", args=[consultation.pk]))
    html = page.content.decode()
    assert SCRIPT not in html and "&lt;script&gt;" in html

    response = client.post(
        reverse("procedures:public-detail", args=[consultation.pk]),
        {"subject": "第一条", "content": f"建议修改。{SCRIPT}", "submitter_name": "赵六"},
    )
    assert response.status_code == 200
    assert "ZQ-" in response.content.decode()
    bad = client.post(reverse("procedures:public-detail", args=[consultation.pk]), {"content": "短"})
    assert bad.status_code == 400


def test_public_never_sees_drafts_or_closed(client, subject, people):
    draft = services.start_consultation(
        subject,
        actor=people["market_clerk"],
        title="未发布的草稿标题",
        text="正文",
        period="decision-comment",
        opens_on=today(),
        closes_on=today() + datetime.timedelta(days=40),
    )
    assert client.get(reverse("procedures:public-detail", args=[draft.pk])).status_code == 404
    assert "未发布的草稿标题" not in client.get(reverse("procedures:public-list")).content.decode()
    assert api_client().get(f"/api/v1/public/consultations/{draft.pk}/").status_code == 404
    response = api_client().post(
        f"/api/v1/public/consultations/{draft.pk}/comment/",
        {"subject": "第一条", "content": "对草稿的意见。", "submitter_name": "钱七"},
        format="json",
    )
    assert response.status_code == 404


def test_api_comment_refused_when_closed(subject, people):
    consultation = open_consultation(subject, people["market_clerk"])
    url = f"/api/v1/public/consultations/{consultation.pk}/comment/"
    ok = api_client().post(
        url, {"subject": "第一条", "content": "接口提交的意见。", "submitter_name": "孙八"}, format="json"
    )
    assert ok.status_code == 201 and ok.json()["receipt_code"].startswith("ZQ-")
    wrong = api_client().post(url, {"subject": "第一条", "content": 5, "submitter_name": "孙八"}, format="json")
    assert wrong.status_code == 400 and "content" in wrong.json()["errors"]
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=today() - datetime.timedelta(days=1))
    late = api_client().post(
        url, {"subject": "第一条", "content": "截止后的意见。", "submitter_name": "孙八"}, format="json"
    )
    assert late.status_code == 409
    assert set(late.json()) == {"code", "detail", "errors"}


def test_published_statement_masks_personal_data(client, subject, people):
    clerk = people["market_clerk"]
    consultation = open_consultation(subject, clerk)
    comment(consultation, content=f"请致电 13912345678。{SCRIPT}")
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=today() - datetime.timedelta(days=1))
    consultation = services.close_consultation(Consultation.objects.get(pk=consultation.pk), actor=clerk)
    assert client.get(reverse("procedures:public-detail", args=[consultation.pk])).status_code == 404
    entry = consultation.comments.get()
    refused = api_client(clerk).post(f"/api/v1/consultations/{consultation.pk}/publish-feedback/", {}, format="json")
    assert refused.status_code == 409
    api_client(clerk).post(f"/api/v1/consultation-comments/{entry.pk}/decide/", {"decision": "adopted"}, format="json")
    published = api_client(clerk).post(f"/api/v1/consultations/{consultation.pk}/publish-feedback/", {}, format="json")
    assert published.json()["status"] == ConsultationStatus.FEEDBACK_PUBLISHED
    html = client.get(reverse("procedures:public-detail", args=[consultation.pk])).content.decode()
    assert "139****5678" in html and "13912345678" not in html and "张三丰" not in html
    assert SCRIPT not in html


def test_another_body_clerk_gets_404(client, subject, people):
    consultation = open_consultation(subject, people["market_clerk"])
    review = services.open_review(
        subject, actor=people["market_clerk"], kind="legality", title="草案", stages=[{"reviewer_body": subject}]
    )
    client.force_login(people["ecology_clerk"])
    assert client.get(reverse("procedures:consultation-detail", args=[consultation.pk])).status_code == 404
    assert client.get(reverse("procedures:review-detail", args=[review.pk])).status_code == 404
    other = api_client(people["ecology_clerk"])
    assert other.get(f"/api/v1/consultations/{consultation.pk}/").status_code == 404
    assert other.post(f"/api/v1/reviews/{review.pk}/conclude/", {"outcome": "pass"}, format="json").status_code == 404
    client.force_login(people["market_clerk"])
    assert client.get(reverse("procedures:consultation-detail", args=[consultation.pk])).status_code == 200
    assert client.get(reverse("procedures:review-detail", args=[review.pk])).status_code == 200


def test_reviewer_of_a_later_stage_sees_the_review(subject, people, reviewers):
    review = services.open_review(
        subject,
        actor=people["market_clerk"],
        kind="legality",
        title="草案",
        stages=[{"reviewer_body": subject}, {"reviewer_body": reviewers["justice"]}],
    )
    justice = api_client(reviewers["justice_legal"])
    assert justice.get(f"/api/v1/reviews/{review.pk}/").status_code == 200
    early = justice.post(
        f"/api/v1/reviews/{review.pk}/conclude/", {"outcome": "pass", "opinion": "同意"}, format="json"
    )
    # Stage 1 is the market bureau's own legal office: not the 司法局's to conclude.
    assert early.status_code == 404


def test_meeting_api_locked_after_signing(subject, people):
    from fazhi.procedures.tests.conftest import minutes_file

    record = services.record_meeting(
        subject,
        actor=people["market_clerk"],
        meeting_kind="bureau",
        session="局务会议",
        held_on=today(),
        agenda_item="议题",
        entitled_members=["甲", "乙", "丙"],
        attendees=["甲", "乙"],
        outcome="agreed",
    )
    services.attach_minutes(record, minutes_file(), actor=people["market_clerk"])
    head = api_client(people["market_head"])
    assert head.post(f"/api/v1/meetings/{record.pk}/sign/").status_code == 200
    late = api_client(people["market_clerk"]).patch(
        f"/api/v1/meetings/{record.pk}/", {"dissent": "补记"}, format="json"
    )
    assert late.status_code == 409
