"""Admin for system administrators: plans, rules and filings are read-only (they change through the
workflow); a government's rule settings are saved through the service, checked and audited."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.errors import Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, Body, User
from fazhi.numbering.models import NumberFormat
from fazhi.rules import services
from fazhi.rules.choices import FilingRecipient
from fazhi.rules.models import LegislativePlan, PlanItem, Rule, RuleFiling, RuleSettings

READ_ONLY = [LegislativePlan, PlanItem, Rule, RuleFiling]


@pytest.fixture(scope="module")
def demo_with_filing(module_demo, django_db_blocker):
    """The Jiangmen demo (a published plan, a published rule, the city's settings) and a filing of
    its rule, built once for the module; each test's changes are rolled back (`module_db`)."""
    with django_db_blocker.unblock():
        rule = Rule.objects.published().get()
        services.record_filing(
            rule,
            actor=User.objects.get(username="reviewer"),
            recipient=FilingRecipient.PROVINCIAL_GOVERNMENT,
            receiving_body="广东省人民政府",
            filed_on=rule.published_on,
        )


@pytest.fixture
def loaded(demo_with_filing, db):
    """The module's demo, inside this test's own transaction."""


@pytest.fixture
def admin_client(loaded):
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", [*READ_ONLY, RuleSettings], ids=lambda model: model.__name__)
def test_list_and_record_pages_render_for_a_superuser(admin_client, model):
    record = model.objects.first()
    listing = admin_client.get(_url(model, "changelist"))
    assert listing.status_code == 200
    assert str(model._meta.verbose_name_plural) in listing.content.decode()
    assert admin_client.get(_url(model, "changelist"), {"q": "江门"}).status_code == 200
    page = admin_client.get(_url(model, "change", record.pk))
    assert page.status_code == 200 and str(record) in page.content.decode()


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda model: model.__name__)
def test_workflow_records_cannot_be_added_changed_or_deleted(admin_client, model):
    record = model.objects.first()
    before = list(model.objects.order_by("pk").values())
    assert admin_client.get(_url(model, "add")).status_code == 403
    assert admin_client.post(_url(model, "add"), {}).status_code == 403
    assert admin_client.post(_url(model, "change", record.pk), {}).status_code == 403
    assert admin_client.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    changelist = admin_client.post(
        _url(model, "changelist"), {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
    )
    assert changelist.status_code in (200, 302, 403)
    assert list(model.objects.order_by("pk").values()) == before
    page = admin_client.get(_url(model, "change", record.pk)).content.decode()
    assert 'name="_save"' not in page


def test_rule_settings_are_saved_through_the_service(admin_client):
    settings = RuleSettings.objects.get()
    url = _url(RuleSettings, "change", settings.pk)
    county_body = Body.objects.get(code="pj-scjgj")
    response = admin_client.post(url, {"legal_office": county_body.pk, "order_format": settings.order_format_id})
    # The service's refusal reaches the error middleware, shown as its Chinese message.
    assert response.status_code == 400 and "法制机构应为" in response.content.decode()
    settings.refresh_from_db()
    assert settings.legal_office.code == "jm-sfj"

    legal_office = Body.objects.get(code="jm-zfb")
    response = admin_client.post(url, {"legal_office": legal_office.pk, "order_format": settings.order_format_id})
    assert response.status_code == 302
    settings.refresh_from_db()
    assert settings.legal_office == legal_office
    event = AuditEvent.objects.filter(action="rules.settings_saved").latest("id")
    assert event.actor_label == "admin" and str(legal_office.pk) in event.data

    assert admin_client.post(_url(RuleSettings, "delete", settings.pk), {"post": "yes"}).status_code == 403
    assert RuleSettings.objects.filter(pk=settings.pk).exists()


def test_rule_settings_service_checks_the_government_the_formats_and_who_saves(loaded):
    government, settings = Body.objects.get(code="jm"), RuleSettings.objects.get()
    with pytest.raises(InvalidInput):
        services.save_settings(Body.objects.get(code="pj"), actor=None, legal_office=settings.legal_office)
    registration = NumberFormat.objects.exclude(kind="order").first()
    with pytest.raises(InvalidInput) as refused:
        services.save_settings(government, actor=None, order_format=registration)
    assert refused.value.errors == {"order_format": ["应为政府令序号格式。"]}
    for username in ("scj_clerk", "pj_office"):
        with pytest.raises((Forbidden, NotFound)):
            services.save_settings(government, actor=User.objects.get(username=username), order_format=None)
    saved = services.save_settings(government, actor=User.objects.get(username="office"), order_format=None)
    assert saved.pk == settings.pk and saved.order_format is None
    assert AuditEvent.objects.filter(action="rules.settings_saved", actor_label="office").exists()
