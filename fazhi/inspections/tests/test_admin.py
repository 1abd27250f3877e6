"""The admin shows lists, the directory, plans, draws and results but cannot change them."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.testing import make_user
from fazhi.inspections import draw, testing
from fazhi.inspections.models import Draw, Entity, InspectionItem, InspectionPlan, InspectionTask

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_shows_but_refuses_changes(city, staff, officers, items, directory):
    plan = testing.make_plan(city["market"], staff["clerk"], items, sample_count=2)
    draw.draw(plan, actor=staff["clerk"], public_value="1")
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    for model in (InspectionItem, Entity, InspectionPlan, Draw, InspectionTask):
        name = f"admin:inspections_{model._meta.model_name}"
        record = model.objects.first()
        assert client.get(reverse(f"{name}_changelist")).status_code == 200, model
        assert client.get(reverse(f"{name}_change", args=[record.pk])).status_code == 200, model
        assert client.post(reverse(f"{name}_change", args=[record.pk]), {}).status_code == 403, model
        assert client.get(reverse(f"{name}_add")).status_code == 403, model
    assert Draw.objects.get(plan=plan).seed == f"{plan.pk}|1"
