"""Deductions from the oversight records (seed art. 53): per member and kind of treatment, the rule's
points for each one imposed in the year, at most the cap; imported again in place; in the composite."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.assessment import evaluation as running
from fazhi.assessment.choices import AdjustmentKind
from fazhi.assessment.models import Adjustment, Result
from fazhi.core.errors import Conflict, NotFound
from fazhi.core.models import AuditEvent
from fazhi.oversight import testing as oversight

D = datetime.date


def _measures(city, office, kind, body, count, *, issued_on="2026-05-06"):
    return [
        oversight.order(city["government"], city[body], office, kind=kind, rectify_by=None, issued_on=issued_on)
        if kind != "rectification"
        else oversight.order(city["government"], city[body], office, issued_on=issued_on, rectify_by="2026-06-30")
        for _ in range(count)
    ]


@pytest.fixture
def measured(scored, grouped, people):
    """市市场监管局: four interviews and one rectification order in 2026; 市生态环境局: two criticisms;
    蓬江区: an interview in 2025, which does not count for 2026."""
    office = people["office"]
    interviews = _measures(grouped, office, "interview", "market", 4)
    rectification = _measures(grouped, office, "rectification", "market", 1)
    criticisms = _measures(grouped, office, "criticism", "ecology", 2)
    _measures(grouped, office, "interview", "county", 1, issued_on="2025-06-01")
    return {"interviews": interviews, "rectification": rectification, "criticisms": criticisms}


def _deductions(evaluation) -> dict:
    return {
        (a.body.code, a.record.split(":")[1].split("@")[0]): a
        for a in Adjustment.objects.filter(evaluation=evaluation, record__startswith="oversight.measure:")
    }


def test_each_kind_costs_its_points_per_measure_up_to_the_cap(scored, measured, people):
    assert running.import_deductions(scored, actor=people["office"]) == 3
    found = _deductions(scored)
    assert {key: a.points for key, a in found.items()} == {
        ("jm-scj", "interview"): Decimal("-3.00"),  # 4 × 1, capped at 3
        ("jm-scj", "rectification"): Decimal("-2.00"),
        ("jm-sthj", "criticism"): Decimal("-6.00"),  # 2 × 3, the cap
    }
    interview = found[("jm-scj", "interview")]
    assert interview.kind == AdjustmentKind.DEDUCTION
    assert interview.reason.startswith("约谈4次：江法治办〔2026〕")
    assert "每次扣1.00分，最多扣3.00分（若干意见第（五十三）项）" in interview.reason
    assert [ref["id"] for ref in interview.evidence] == [m.pk for m in measured["interviews"]]
    assert all(ref["model"] == "oversight.measure" for ref in interview.evidence)


def test_importing_again_changes_nothing_until_the_records_do(scored, measured, grouped, people):
    office = people["office"]
    running.import_deductions(scored, actor=office)
    before = {key: (a.pk, a.points) for key, a in _deductions(scored).items()}
    assert running.import_deductions(scored, actor=office) == 3
    assert {key: (a.pk, a.points) for key, a in _deductions(scored).items()} == before
    _measures(grouped, office, "interview", "ecology", 1)
    assert running.import_deductions(scored, actor=office) == 4
    found = _deductions(scored)
    assert found[("jm-sthj", "interview")].points == Decimal("-1.00")
    assert found[("jm-scj", "interview")].pk == before[("jm-scj", "interview")][0]
    events = AuditEvent.objects.filter(action="assessment.deductions_imported").count()
    assert events == 3


def test_the_composite_takes_the_imported_deductions(scored, measured, people):
    running.import_deductions(scored, actor=people["office"])
    running.submit(scored, actor=people["office"])
    results = {r.body.code: r for r in Result.objects.filter(evaluation=scored).select_related("body")}
    # 市市场监管局: 60 × 0.8 + 90 × 0.2 = 66; − 2 (entered by hand) − 3 − 2 = 59.
    assert (results["jm-scj"].deductions, results["jm-scj"].composite) == (Decimal("7.00"), Decimal("59.00"))
    # 市生态环境局: 100 × 0.8 + 80 × 0.2 = 96; + 3 − 6 = 93.
    assert results["jm-sthj"].composite == Decimal("93.00")
    assert results["pj"].deductions == Decimal("0.00")


def test_only_the_office_imports_and_only_while_scoring(scored, measured, people, mayor):
    with pytest.raises(NotFound):
        running.import_deductions(scored, actor=people["market_clerk"])
    running.submit(scored, actor=people["office"])
    with pytest.raises(Conflict, match="不能导入扣分"):
        running.import_deductions(scored, actor=people["office"])
    assert not _deductions(scored)


def test_the_page_names_and_links_the_measures(client, scored, measured, people):
    client.force_login(people["office"])
    response = client.post(reverse("assessment:evaluation-step", args=[scored.pk, "deductions"]))
    assert response.status_code == 302
    page = client.get(reverse("assessment:evaluation", args=[scored.pk])).content.decode()
    measure = measured["criticisms"][0]
    assert reverse("oversight:measure-detail", args=[measure.pk]) in page and measure.number in page
    assert "通报批评2次" in page
