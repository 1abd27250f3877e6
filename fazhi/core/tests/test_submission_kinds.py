"""The hooks a module's submission kind uses: routing by content, its own workflow, the
public-facing status it keeps, reassignment, and the submitter's identity for the handling body
only."""

import io
import json

import pytest
from django import forms
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.choices import SubmissionStatus
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.models import AuditEvent, PublicSubmission
from fazhi.core.services import submissions as services
from fazhi.core.testing import api_client


class RoutedForm(services.SuggestionForm):
    area = forms.ChoiceField(
        label="地区", choices=[("city", "市本级"), ("pj", "蓬江区")], error_messages={"required": "请选择地区。"}
    )


@pytest.fixture
def routed_kind(city):
    """A kind routed by its area and handled on its module's own page, as issue 7's kinds are."""

    def route(cleaned):
        return city["county_market"] if cleaned["area"] == "pj" else city["market"]

    kind = services.register(
        services.SubmissionKind(
            key="routed_test",
            label="测试事项",
            code_prefix="QT",
            form_class=RoutedForm,
            router=route,
            office_url=lambda submission: f"/office/test/{submission.pk}/",
            public_lines=lambda submission: [("办理期限", "2026年12月25日（测试依据）")],
        )
    )
    yield kind
    services._KINDS.pop(kind.key)


def filed(area="pj", **overrides):
    data = {
        "subject": "某超市销售过期食品",
        "content": "在某超市购买的牛奶已过保质期。",
        "submitter_name": "王五",
        "submitter_phone": "13900139000",
        "area": area,
        **overrides,
    }
    return services.submit("routed_test", data, client_ip="203.0.113.9")


def test_a_routed_kind_goes_where_its_content_says_whatever_body_is_sent(routed_kind, city):
    assert filed("pj").submission.body == city["county_market"]
    assert filed("city", subject="另一件").submission.body == city["market"]
    data = {"subject": "第三件", "content": "内容足够长的说明。", "submitter_name": "王五", "area": "pj"}
    receipt = services.submit("routed_test", data, client_ip="203.0.113.9", body=city["ecology"].pk)
    assert receipt.submission.body == city["county_market"]


def test_a_routed_kind_without_its_routing_field_is_refused_and_nothing_is_stored(routed_kind):
    with pytest.raises(InvalidInput) as refused:
        filed(area="")
    assert refused.value.errors["area"] == ["请选择地区。"]
    assert not PublicSubmission.objects.exists()


def test_generic_steps_are_refused_for_a_kind_with_its_own_workflow(routed_kind, people, city):
    submission = filed("city").submission
    clerk = people["market_clerk"]
    assert services.available_transitions(submission, clerk) == []
    with pytest.raises(Conflict) as refused:
        services.accept(submission, actor=clerk)
    assert "专门的办理页面" in str(refused.value.detail)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RECEIVED


def test_the_generic_office_page_links_to_the_module_page(routed_kind, people, client):
    submission = filed("city").submission
    client.force_login(people["market_clerk"])
    page = client.get(reverse("core:submission-detail", args=[submission.pk])).content.decode()
    assert f"/office/test/{submission.pk}/" in page
    assert 'id="submission-actions"' not in page


def test_progress_sets_the_status_the_public_reads_and_audits_it(routed_kind, people):
    receipt = filed("city")
    submission = services.progress(receipt.submission, status=SubmissionStatus.HANDLING, actor=people["market_clerk"])
    assert submission.accepted_at is not None
    services.progress(submission, status=SubmissionStatus.ANSWERED, actor=people["market_clerk"], reply="已查处。")
    status = services.public_status(services.find_by_receipt(receipt.receipt_code, receipt.secret))
    assert status["status"] == SubmissionStatus.ANSWERED
    assert status["reply"] == "已查处。"
    assert status["lines"] == [{"label": "办理期限", "text": "2026年12月25日（测试依据）"}]
    events = AuditEvent.objects.filter(action="core.submission_progressed", object_type="core.publicsubmission")
    assert events.count() == 2


def test_progress_is_only_for_kinds_with_their_own_workflow(city, people):
    submission = services.submit(
        "suggestion",
        {"subject": "建议", "content": "建议增加停车位。", "submitter_name": "李四"},
        client_ip="203.0.113.9",
        body=city["market"],
    ).submission
    with pytest.raises(ValueError):
        services.progress(submission, status=SubmissionStatus.ANSWERED, actor=people["market_clerk"], reply="好")


def test_the_public_status_page_shows_the_kinds_lines(routed_kind, client):
    receipt = filed("city")
    page = client.post(reverse("portal:track"), {"receipt_code": receipt.receipt_code, "secret": receipt.secret})
    assert "2026年12月25日（测试依据）" in page.content.decode()
    api = api_client().post(
        "/api/v1/public/submissions/status/",
        {"receipt_code": receipt.receipt_code, "secret": receipt.secret},
        format="json",
    )
    assert api.json()["lines"] == [{"label": "办理期限", "text": "2026年12月25日（测试依据）"}]


def test_the_routed_form_offers_no_body_choice(routed_kind, client):
    page = client.get(reverse("portal:submit", args=["routed_test"])).content.decode()
    assert 'name="body"' not in page
    assert "分派给有管辖权的单位" in page


def test_identity_follows_the_submission_when_it_is_reassigned(routed_kind, city, people, client):
    from fazhi.core.choices import Role
    from fazhi.core.testing import make_user

    county_clerk = make_user("county_market_clerk", roles=[(city["county_market"], Role.CLERK)])
    submission = filed("city").submission
    assert services.identity_visible(people["market_clerk"], submission)
    assert not services.identity_visible(county_clerk, submission)

    submission = services.reassign(
        submission, to_body=city["county_market"], actor=people["market_clerk"], reason="属地管辖"
    )
    assert services.identity_visible(county_clerk, submission)
    assert not services.identity_visible(people["market_clerk"], submission)
    event = AuditEvent.objects.get(action="core.submission_reassigned", object_type="core.publicsubmission")
    assert json.loads(event.data)["after"]["body"] == city["county_market"].pk


def test_a_supervisor_looking_from_above_sees_the_matter_but_not_who_submitted(city, people, client):
    submission = services.submit(
        "suggestion",
        {
            "subject": "投诉窗口服务态度",
            "content": "窗口工作人员态度恶劣。",
            "submitter_name": "赵六",
            "submitter_phone": "13700137000",
            "submitter_email": "zhao@example.com",
        },
        client_ip="203.0.113.9",
        body=city["market"],
    ).submission
    office = people["office"]  # the city government's office: the whole tree is in its scope

    client.force_login(office)
    page = client.get(reverse("core:submission-detail", args=[submission.pk])).content.decode()
    assert "投诉窗口服务态度" in page
    assert "赵六" not in page and "13700137000" not in page and "zhao@example.com" not in page
    assert "赵*" in page

    api = api_client(office).get(f"/api/v1/submissions/{submission.pk}/").json()
    assert api["submitter_name"] == "赵*"
    assert api["submitter_phone"] == "（仅受理单位可见）"

    workbook = load_workbook(io.BytesIO(client.get(reverse("core:submission-export")).content))
    cells = [str(cell.value) for row in workbook.active.iter_rows() for cell in row]
    assert "赵六" not in cells and "13700137000" not in cells

    client.force_login(people["market_clerk"])
    page = client.get(reverse("core:submission-detail", args=[submission.pk])).content.decode()
    assert "赵六" in page and "13700137000" in page
    assert (
        api_client(people["market_clerk"]).get(f"/api/v1/submissions/{submission.pk}/").json()["submitter_name"]
        == "赵六"
    )
