"""The admin shows petitions and notices but cannot change them."""

from django.test import Client
from django.urls import reverse

from fazhi.core.testing import make_user
from fazhi.petitions import testing
from fazhi.petitions.models import Notice, Petition


def test_the_admin_lists_and_shows_but_refuses_changes(today, city, staff):
    testing.accepted(city["market"], staff["market"])
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    for model in (Petition, Notice):
        name = f"admin:petitions_{model._meta.model_name}"
        record = model.objects.first()
        assert client.get(reverse(f"{name}_changelist")).status_code == 200, model
        assert client.get(reverse(f"{name}_change", args=[record.pk])).status_code == 200, model
        assert client.post(reverse(f"{name}_change", args=[record.pk]), {}).status_code == 403, model
        assert client.get(reverse(f"{name}_add")).status_code == 403, model
    assert Petition.objects.get().status == "accepted"
