"""The Jiangmen demo: last year's scheme approved and its evaluation published (the portal shows it),
this year's scheme drafted as a copy; what the office, a body and the public see."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.assessment.choices import AdjustmentKind, EvaluationStatus, SchemeStatus
from fazhi.assessment.models import Adjustment, Evaluation, Member, Result, Scheme
from fazhi.core import demo
from fazhi.core.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("loaded_on", "year"), [(datetime.date(2026, 11, 27), 2025), (datetime.date(2027, 3, 2), 2026)]
)
def test_last_years_evaluation_is_published_and_this_years_scheme_drafted(today, loaded_on, year):
    today.set(loaded_on)
    demo.load()
    published = Evaluation.objects.get(scheme__year=year)
    assert published.status == EvaluationStatus.PUBLISHED and published.published_on <= loaded_on
    assert published.scheme.status == SchemeStatus.APPROVED
    assert published.notified_on < published.objection_until < published.final_on < published.published_on
    draft = Scheme.objects.get(year=year + 1)
    assert draft.status == SchemeStatus.DRAFT and draft.copied_from == published.scheme
    assert draft.members.count() == published.scheme.members.count() == 43
    results = Result.objects.filter(evaluation=published)
    assert results.count() == 43
    assert set(results.values_list("group", flat=True)) == {"city_departments", "county_governments"}
    assert results.filter(grade="一般").exists() and results.filter(grade="良好").exists()
    deduction = Adjustment.objects.get(evaluation=published, kind=AdjustmentKind.DEDUCTION, body__code="jm-cgj")
    assert deduction.points == Decimal("-1.00") and "约谈1次" in deduction.reason
    assert Result.objects.get(evaluation=published, body__code="jm-sfj").bonus == Decimal("2.00")
    assert Result.objects.get(evaluation=published, body__code="ts").spot_check == Decimal("-1.50")


def test_the_demo_as_the_office_a_body_and_the_public_see_it(today):
    today.set(datetime.date(2026, 11, 27))
    demo.load()
    evaluation = Evaluation.objects.get(scheme__year=2025)
    public = Client()
    page = public.get(reverse("assessment:public-result", args=[evaluation.pk])).content.decode()
    assert "江门市人民政府2025年度依法行政考评结果" in page and "江门市市场监督管理局" in page
    assert "江府通〔2026〕2号" in public.get(reverse("assessment:public-results")).content.decode()
    clerk = Client()
    clerk.force_login(User.objects.get(username="scj_clerk"))
    member = Member.objects.get(scheme=evaluation.scheme, body__code="jm-scjgj")
    page = clerk.get(reverse("assessment:scorecard", args=[member.pk])).content.decode()
    composite = Result.objects.get(evaluation=evaluation, body__code="jm-scjgj").composite
    assert f'<dd id="composite">{composite}</dd>' in page
    assert clerk.get(reverse("assessment:evaluation", args=[evaluation.pk])).status_code == 404
    office = Client()
    office.force_login(User.objects.get(username="office"))
    page = office.get(reverse("assessment:home")).content.decode()
    assert "江门市人民政府2025年度依法行政考评方案" in page and "江门市人民政府2026年度依法行政考评方案" in page
    draft = Scheme.objects.get(year=2026)
    assert office.get(reverse("assessment:scheme", args=[draft.pk])).status_code == 200
    evaluator = Client()
    evaluator.force_login(User.objects.get(username="evaluator"))
    assert evaluator.get(reverse("assessment:scoring", args=[evaluation.pk])).status_code == 200
