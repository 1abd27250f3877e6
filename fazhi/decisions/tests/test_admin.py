"""The admin shows decisions and their records but cannot change them: no path around the gates."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.testing import make_user
from fazhi.decisions import services, testing
from fazhi.decisions.choices import DecisionStatus as S
from fazhi.decisions.models import (
    AccountabilityCase,
    AdviserOpinion,
    Decision,
    ExpertOpinion,
    ImplementationReport,
    LegalAdviser,
    PostEvaluation,
    RiskAssessment,
)

pytestmark = pytest.mark.django_db
MODELS = [
    Decision,
    ExpertOpinion,
    RiskAssessment,
    ImplementationReport,
    PostEvaluation,
    AccountabilityCase,
    LegalAdviser,
    AdviserOpinion,
]


@pytest.fixture
def admin_client(city, actors):
    decision = testing.draft(city["market"], actors["clerk"], is_technical=True, risk_areas=["fiscal"])
    decision = testing.walk(decision, S.PUBLISHED, actors)
    services.report_implementation(decision, actor=actors["clerk"], progress="按计划推进。")
    services.start_post_evaluation(decision, actor=actors["office"], trigger="deemed_necessary", evaluator="第三方机构")
    services.open_accountability_case(
        decision,
        actor=actors["office"],
        body=city["government"],
        ground="executing_unit",
        facts="执行单位拖延执行。",
        persons=[{"name": "某科长", "position": "科长"}],
    )
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_records_are_shown_and_cannot_be_added_changed_or_deleted(admin_client, model):
    record = model.objects.first()
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "潭江"}).status_code == 200
    page = admin_client.get(_url(model, "change", record.pk))
    assert page.status_code == 200 and str(record) in page.content.decode()
    before = list(model.objects.order_by("pk").values())
    assert admin_client.get(_url(model, "add")).status_code == 403
    assert admin_client.post(_url(model, "change", record.pk), {"status": "published"}).status_code == 403
    assert admin_client.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    assert list(model.objects.order_by("pk").values()) == before


def test_the_admin_cannot_decide_a_decision_under_review(admin_client, city, actors):
    decision = testing.walk(
        testing.draft(city["market"], actors["clerk"], title="未审查的决策"), S.LEGALITY_REVIEW, actors
    )
    response = admin_client.post(
        _url(Decision, "change", decision.pk), {"status": S.DECIDED, "head_decision": "adopted"}
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.status == S.LEGALITY_REVIEW
