"""The Jiangmen demo: the bureaus' suggestions and proposals in their states, the late answer, the
reports with their 审议意见, the inspection with its findings, the rectification order's two rounds,
the task split; what each login sees, the portal's published answers and the checks on them."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.obligations import checks
from fazhi.oversight import selectors
from fazhi.oversight.models import EvaluationTask, Inspection, Measure, Proposal

pytestmark = pytest.mark.django_db


def test_the_demo_oversight_records_and_who_sees_them(today):
    today.set(datetime.date(2026, 11, 27))
    demo.load()
    market, ecology = Body.objects.get(code="jm-scjgj"), Body.objects.get(code="jm-sthjj")
    states = sorted(Proposal.objects.filter(body=market).values_list("status", flat=True))
    assert states == ["closed", "reassign_requested", "reopened"]
    late = Proposal.objects.get(number="20260047")
    assert late.replies.get().late and late.second_reply_deadline.closed_on is None
    assert str(late) == "市十六届人大五次会议第20260047号"
    assert sorted(Proposal.objects.filter(body=ecology).values_list("status", flat=True)) == ["assigned", "closed"]
    order = Measure.objects.get(kind="rectification")
    assert order.status == "passed" and [r.passed for r in order.rounds.all()] == [False, True]
    special = Inspection.objects.get(kind="special")
    assert special.status == "concluded" and special.findings.count() == 2
    assert EvaluationTask.objects.filter(plan__status="issued").count() == 3

    clerk = User.objects.get(username="scj_clerk")
    assert {p.number for p in selectors.office_proposals(clerk)} == {"20260012", "20260047", "0163", "0088"}
    assert not selectors.office_proposals(User.objects.get(username="pj_office")).exists()
    assert [m["kind"] for m in selectors.measures_for(2026, [market])[market.pk]] == ["rectification"]

    client = Client()
    client.force_login(clerk)
    page = client.get(reverse("oversight:home")).content.decode()
    assert "关于规范农贸市场计量器具管理的建议" in page and "行政执法“三项制度”落实情况" in page
    page = client.get(reverse("oversight:proposals")).content.decode()
    assert "逾期答复" in page and "按期答复" in page
    client.force_login(User.objects.get(username="office"))
    page = client.get(reverse("oversight:home")).content.decode()
    assert 'id="office-queue"' in page and "关于加快城市内涝治理的提案" not in page  # listed by number
    assert "市政协十三届五次会议第0163号" in page
    page = client.get(reverse("oversight:inspection-detail", args=[special.pk])).content.decode()
    assert "3宗重大执法决定未经法制审核即作出" in page and "未发现问题" in page

    public = Client()
    page = public.get(reverse("oversight:public-replies")).content.decode()
    assert "关于加强校园周边食品安全监管的建议" in page and "关于规范农贸市场计量器具管理的建议" not in page
    reply = Proposal.objects.get(number="20260012").replies.get()
    page = public.get(reverse("oversight:public-reply", args=[reply.pk])).content.decode()
    assert "0750-***1234" in page and "0750-3271234" not in page

    checks.autodiscover()
    as_of = datetime.date(2026, 11, 27)
    article_34 = checks.run(34, [market, ecology], 2026, as_of)
    assert article_34[market.pk].status == "not_met"
    assert "第20260047号答复逾期" in article_34[market.pk].failing[0].description
    assert article_34[ecology.pk].status == "met"
    justice = Body.objects.get(code="jm-sfj")
    assert checks.run(56, [justice], 2026, as_of)[justice.pk].status == "met"
    assert checks.run(53, [market], 2026, as_of)[market.pk].status == "not_met"  # the first round failed
    assert checks.run(52, [justice], 2026, as_of)[justice.pk].status == "met"
