"""The admin shows enforcement records but cannot change them: no path around the gates."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.testing import make_user
from fazhi.enforcement import services
from fazhi.enforcement.models import Case, Certificate, Officer, Publication

pytestmark = pytest.mark.django_db
MODELS = [Officer, Certificate, Case, Publication]


@pytest.fixture
def admin_client(city, crew, open_case):
    case = open_case(party_kind="person", party_name="王小明")
    services.record_facts(case, actor=crew["user"], facts="违法事实。")
    services.conclude_investigation(case, actor=crew["user"])
    services.propose(case, actor=crew["user"], penalty_kinds=["warning"])
    services.notify(case, actor=crew["user"])
    services.record_statement(case, actor=crew["user"], statement="已听取。")
    services.publish_decision(services.decide(case, actor=crew["head"], decision_text="警告。"), actor=crew["user"])
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_records_are_shown_and_cannot_be_changed(admin_client, model):
    record = model.objects.first()
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "change", record.pk)).status_code == 200
    before = list(model.objects.order_by("pk").values())
    assert admin_client.get(_url(model, "add")).status_code == 403
    assert admin_client.post(_url(model, "change", record.pk), {"status": "closed"}).status_code == 403
    assert admin_client.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    assert list(model.objects.order_by("pk").values()) == before
