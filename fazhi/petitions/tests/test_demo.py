"""The Jiangmen demo: a petition forwarded from 市信访局 to 市自然资源局, one referred to
reconsideration, one answered and under review, one being handled; art. 33 met."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.obligations import checks
from fazhi.petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_the_demo_petitions_in_their_states():
    demo.load()
    land = Body.objects.get(code="jm-zrzyj")
    states = dict(Petition.objects.values_list("submission__subject", "status"))
    assert states["棠下镇某村集体土地征收补偿安置费未发放"] == "forwarded"
    assert states["对价格违法行为行政处罚决定不服"] == "referred"
    assert states["预付卡商家停业后拒不退款"] == "review"
    assert states["建议公开国土空间规划调整的征求意见情况"] == "accepted"
    forwarded = Petition.objects.get(status="forwarded")
    assert forwarded.body == land and forwarded.forwarded_from.code == "jm-xfj"
    review = Petition.objects.get(status="review")
    assert review.review_body.code == "pj"

    client = Client()
    client.force_login(User.objects.get(username="zrzy_clerk"))
    page = client.get(reverse("petitions:detail", args=[forwarded.pk])).content.decode()
    assert "黄志坚" in page and 'data-transition="object"' in page
    client.force_login(User.objects.get(username="xfj_clerk"))
    page = client.get(reverse("petitions:detail", args=[forwarded.pk])).content.decode()
    assert "黄志坚" not in page and "黄*" in page

    checks.autodiscover()
    today = timezone.localdate()
    results = checks.run(33, [land, Body.objects.get(code="jm-scjgj")], today.year, today)
    assert results[Body.objects.get(code="jm-scjgj").pk].status == "met"
