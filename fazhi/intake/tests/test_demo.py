"""The Jiangmen demo: categories, rules, channels, and reports and complaints in several states."""

import pytest
from django.test import Client

from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.intake.models import Case, CaseTransfer, Channel

pytestmark = pytest.mark.django_db


def test_the_demo_has_cases_in_several_states_and_a_transfer_down():
    demo.load()
    states = dict(Case.objects.values_list("submission__subject", "status"))
    assert states["白沙某小食店使用过期调味品"] == "accepted"
    assert states["某停车场未明码标价"] == "concluded"
    assert states["网购家电无法退货"] == "received"
    transfer = CaseTransfer.objects.get()
    assert transfer.from_body.code == "jm-scjgj" and transfer.to_body.code == "pj-scjgj"
    assert transfer.direction == "down"
    conduct = Case.objects.get(submission__subject="窗口工作人员推诿")
    assert conduct.body.code == "pj-zfb"
    assert Channel.objects.filter(body__code="jm-scjgj").count() == 4

    client = Client()
    client.force_login(User.objects.get(username="pj_clerk"))
    food = Case.objects.get(submission__subject="白沙某小食店使用过期调味品")
    page = client.get(f"/office/intake/cases/{food.pk}/").content.decode()
    assert "陈志强" in page and "蓬江区市场监督管理局" in page
    client.force_login(User.objects.get(username="scj_clerk"))
    assert client.get(f"/office/intake/cases/{food.pk}/").status_code == 404
    register = client.get("/office/intake/").content.decode()
    assert transfer.trace in register and "陈志强" not in register
    public = Client().get("/complaints/channels/").content.decode()
    assert "12315" in public and Body.objects.get(code="jm-scjgj").name in public
