"""The Jiangmen demo: the market bureau's 2026 year (and its 2025 述职), 蓬江区's lectures and
executive meeting; what each login sees and how the checks stand on 27 November 2026."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.capacity import selectors
from fazhi.capacity.models import DutyList, ExecutiveMeeting, LearningActivity, WorkPoints
from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.obligations import checks

pytestmark = pytest.mark.django_db


def test_the_demo_capacity_year(today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today.set(datetime.date(2026, 11, 27))
    demo.load()
    market, district = Body.objects.get(code="jm-scjgj"), Body.objects.get(code="pj")
    assert selectors.head_duty(market, 2025).head_name == "何建华"
    assert WorkPoints.objects.get(body=market, year=2026).status == "adopted"
    assert WorkPoints.objects.get(body=district, year=2026).status == "draft"
    assert LearningActivity.objects.filter(body=market).count() == 3
    assert LearningActivity.objects.filter(body=district, leadership_lecture=True).count() == 1
    assert ExecutiveMeeting.objects.filter(body=district).count() == 1
    assert DutyList.objects.get(body=market, year=2026).status == "published"

    checks.autodiscover()
    as_of = datetime.date(2026, 11, 27)
    standing = {article: checks.run(article, [market, district], 2026, as_of) for article in (4, 40, 41, 42, 54)}
    assert standing[40][market.pk].status == "met"
    assert standing[40][district.pk].status == "not_yet_due"
    assert "领导班子法治专题讲座至今 1 次" in standing[40][district.pk].summary
    assert standing[54][district.pk].status == "met" and standing[54][market.pk].status == "not_applicable"
    assert standing[4][market.pk].status == "met"
    assert (standing[4][market.pk].numerator, standing[4][market.pk].denominator) == (2, 3)
    assert standing[4][district.pk].status == "not_met"
    assert standing[41][market.pk].status == "not_met"
    assert [ref.description for ref in standing[41][market.pk].failing] == [
        "2026年7月1日任职的总经济师：任职后（2026年7月6日）才进行考查测试"
    ]
    assert standing[42][market.pk].status == "not_yet_due"
    assert (standing[42][market.pk].numerator, standing[42][market.pk].denominator) == (2, 3)
    assert checks.run(3, [market], 2025, as_of)[market.pk].status == "met"

    client = Client()
    client.force_login(User.objects.get(username="scj_clerk"))
    page = client.get(reverse("capacity:body", args=[market.pk]), {"year": "2026"}).content.decode()
    assert '<span class="count">3 / 2</span>' in page and "已达到" in page
    client.force_login(User.objects.get(username="office"))
    page = client.get(reverse("capacity:overview"), {"year": "2026"}).content.decode()
    row = page.split('id="overview-pj"')[1].split("</tr>")[0]
    assert '<td class="minimum-lectures">1 / 2</td>' in row and '<td class="minimum-meetings">1 / 1</td>' in row
    page = client.get(reverse("capacity:appointments"), {"body": market.pk}).content.decode()
    assert "李**" in page and "李志明" not in page
    client.logout()
    page = client.get(reverse("capacity:public-duty-lists")).content.decode()
    assert "江门市市场监督管理局" in page
    client.force_login(User.objects.get(username="pj_office"))
    assert client.get(reverse("capacity:body", args=[market.pk])).status_code == 404
