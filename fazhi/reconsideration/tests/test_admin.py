"""The admin shows cases and letters but cannot change them; case-number formats are data it keeps."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.testing import make_user
from fazhi.reconsideration import services, testing
from fazhi.reconsideration.models import Case, CaseNumberFormat, OpinionLetter

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_shows_but_refuses_changes(tree, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    services.issue_letter(case, actor=staff["clerk"], recipient=tree["market"].pk, text="请规范程序。")
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    for model in (Case, OpinionLetter):
        name = f"admin:reconsideration_{model._meta.model_name}"
        record = model.objects.first()
        assert client.get(reverse(f"{name}_changelist")).status_code == 200, model
        assert client.get(reverse(f"{name}_change", args=[record.pk])).status_code == 200, model
        assert client.post(reverse(f"{name}_change", args=[record.pk]), {}).status_code == 403, model
    response = client.post(
        reverse("admin:reconsideration_casenumberformat_add"),
        {"body": tree["county"].pk, "case_prefix": "蓬府行复", "number_format": "{prefix}〔{year}〕{serial}号"},
    )
    assert response.status_code == 302 and CaseNumberFormat.objects.get().case_prefix == "蓬府行复"
    assert Case.objects.get().status == "accepted"
