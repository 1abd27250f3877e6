"""The Jiangmen demo: cases against 市市场监管局 in each state, one in 蓬江区, one vertical; guides out."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.reconsideration.models import Case

pytestmark = pytest.mark.django_db


def test_the_demo_cases_in_their_states():
    demo.load()
    market = Body.objects.get(code="jm-scjgj")
    states = sorted(Case.objects.filter(respondent=market).values_list("status", flat=True))
    assert states == sorted(["received", "completion", "accepted", "suspended", "decided", "decided", "forwarding"])
    published = Case.objects.get(published_on__isnull=False)
    assert published.number.startswith("江府行复〔") and published.office.code == "jm-sfj"
    assert published.major and published.reported_on
    assert Case.objects.filter(performance_reported_on__isnull=False).count() == 1
    assert Case.objects.get(respondent__code="pj-scjgj").reconsideration_body.code == "pj"
    assert Case.objects.get(respondent__code="pj-sthj").office.code == "jm-sthjj"

    client = Client()
    client.force_login(User.objects.get(username="scj_clerk"))
    page = client.get(reverse("reconsideration:detail", args=[published.pk])).content.decode()
    assert "黄丽珍" in page
    client.force_login(User.objects.get(username="reviewer"))
    assert client.get(reverse("reconsideration:register")).status_code == 200
    client.logout()
    public = client.get(reverse("reconsideration:public-decision", args=[published.pk])).content.decode()
    assert "黄丽珍" not in public and "黄**" in public
    assert (
        "江门市司法局行政复议窗口"
        in client.get(reverse("reconsideration:public-guide", args=[Body.objects.get(code="jm").pk])).content.decode()
    )
