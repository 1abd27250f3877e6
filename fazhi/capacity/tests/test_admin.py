"""The admin shows the capacity records but cannot change them; the settings row — the seed's
minimums and the local dates — is changed there, checked and audited."""

from django.test import Client
from django.urls import reverse

from fazhi.capacity import registers, selectors, testing
from fazhi.capacity.models import CapacitySettings, DutyList, WorkPoints
from fazhi.core.models import AuditEvent
from fazhi.core.testing import make_user


def test_the_admin_lists_and_shows_records_but_refuses_changes(today, city, staff):
    testing.learn(city["market"], staff["market"], speaker="王大明")
    testing.meeting(city["county"], staff["county"])
    testing.plan(city["market"], staff["market"])
    testing.duty_list(city["market"], staff["market"], staff["market_head"])
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    for model in (*(register.model for register in registers.REGISTERS.values()), WorkPoints, DutyList):
        name = f"admin:capacity_{model._meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200, model
        record = model.objects.first()
        if record is not None:
            page = client.get(reverse(f"{name}_change", args=[record.pk]))
            assert page.status_code == 200, model
            assert "王大明" not in page.content.decode()
            assert client.post(reverse(f"{name}_change", args=[record.pk]), {}).status_code == 403, model


def test_the_settings_are_changed_in_the_admin_and_audited(today, city):
    assert selectors.settings().training_minimum == 2 and not CapacitySettings.objects.exists()
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    form = {
        "training_minimum": "3",
        "leadership_lecture_minimum": "2",
        "executive_meeting_minimum": "1",
        "work_points_month": "2",
        "work_points_day": "30",
        "duty_report_month": "1",
        "duty_report_day": "31",
    }
    response = client.post(reverse("admin:capacity_capacitysettings_add"), form)
    assert response.status_code == 200 and "月、日不是有效的日期。" in response.content.decode()
    response = client.post(reverse("admin:capacity_capacitysettings_add"), {**form, "work_points_day": "28"})
    assert response.status_code == 302
    config = selectors.settings()
    assert config.training_minimum == 3 and config.work_points_due(2026).isoformat() == "2026-02-28"
    assert AuditEvent.objects.get(action="capacity.settings_changed").actor_label == "root"
    assert client.get(reverse("admin:capacity_capacitysettings_add")).status_code == 403
    response = client.post(
        reverse("admin:capacity_capacitysettings_change", args=[1]), {**form, "training_minimum": "0"}
    )
    assert response.status_code == 200 and selectors.settings().training_minimum == 3
