"""The Jiangmen demo: 市市场监督管理局's published list, its directory, a published plan with results."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.models import Body
from fazhi.inspections.models import Entity, InspectionItem, InspectionPlan
from fazhi.obligations import checks

pytestmark = pytest.mark.django_db


def test_the_demo_bureau_has_a_list_a_directory_and_a_published_draw_with_results():
    demo.load()
    market = Body.objects.get(code="jm-scjgj")
    assert InspectionItem.objects.filter(body=market, status="published").count() == 3
    assert Entity.objects.filter(body=market).count() == 200
    plan = InspectionPlan.objects.get(body=market)
    record = plan.draw
    assert plan.status == "published" and record.sample_size == 10 and record.candidate_count == 200
    codes = record.candidates.split("\n")
    picks = sorted(codes, key=lambda code: (hashlib.new("sm3", f"{record.seed}|{code}".encode()).hexdigest(), code))
    assert [pick["code"] for pick in record.picks] == picks[:10]
    assert all(len(pick["inspectors"]) == 2 for pick in record.picks)
    assert plan.tasks.filter(status="published").count() == 10

    checks.autodiscover()
    result = checks.run(23, [market], timezone.localdate().year, timezone.localdate())[market.pk]
    assert result.status == "met", result.summary
    page = Client().get(reverse("inspections:public-plan-detail", args=[plan.pk])).content.decode()
    assert record.seed in page and "进货查验记录不完整" in page
