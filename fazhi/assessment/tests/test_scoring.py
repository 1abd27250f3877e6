"""Leaf points from check results, and the composite (seed art. 49), on hand-worked numbers."""

from decimal import Decimal
from types import SimpleNamespace

from fazhi.assessment.choices import AdjustmentKind, ScoreSource, Scoring
from fazhi.assessment.scoring import composite, internal_score, leaf_score
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

D = Decimal
MET, NOT_MET = CheckStatus.MET, CheckStatus.NOT_MET


def leaf(scoring, points="6", deduction=None, floor="0"):
    return SimpleNamespace(
        scoring=scoring, points=D(points), deduction=D(deduction) if deduction else None, floor=D(floor)
    )


def result(status, numerator=None, denominator=None, failing=0):
    refs = [RecordRef("x.y", i, f"第{i}件") for i in range(failing)]
    return CheckResult(status, "摘要", numerator, denominator, refs)


def test_all_or_nothing():
    assert leaf_score(leaf(Scoring.ALL_OR_NOTHING), [(5, result(MET)), (7, result(MET))])[1] == D(6)
    assert leaf_score(leaf(Scoring.ALL_OR_NOTHING), [(5, result(MET)), (7, result(NOT_MET))])[1] == D(0)


def test_proportional_uses_each_articles_rate_and_rounds_half_up():
    # (2/3 + 1) / 2 × 6 = 5.00; 1/3 × 6 = 2.00; 1/7 × 6 = 0.857… → 0.86
    assert leaf_score(leaf(Scoring.PROPORTIONAL), [(5, result(NOT_MET, 2, 3)), (7, result(MET))])[1] == D("5.00")
    assert leaf_score(leaf(Scoring.PROPORTIONAL), [(5, result(NOT_MET, 1, 3))])[1] == D("2.00")
    assert leaf_score(leaf(Scoring.PROPORTIONAL), [(5, result(NOT_MET, 1, 7))])[1] == D("0.86")
    assert leaf_score(leaf(Scoring.PROPORTIONAL), [(5, result(NOT_MET))])[1] == D("0.00")


def test_per_failure_counts_failing_records_down_to_the_floor():
    per = leaf(Scoring.PER_FAILURE, points="5", deduction="1.5", floor="1")
    assert leaf_score(per, [(5, result(MET))])[1] == D(5)
    _source, points, detail = leaf_score(per, [(5, result(NOT_MET, 8, 10))])
    assert (points, detail["failures"]) == (D("2.00"), 2)
    assert leaf_score(per, [(5, result(NOT_MET, failing=9))])[1] == D(1)  # 5 − 13.5, floored


def test_not_applicable_and_not_yet_due_do_not_count():
    source, points, detail = leaf_score(
        leaf(Scoring.ALL_OR_NOTHING),
        [(5, CheckResult(CheckStatus.NOT_APPLICABLE)), (7, CheckResult(CheckStatus.NOT_YET_DUE))],
    )
    assert (source, points) == (ScoreSource.NOT_APPLICABLE, None)
    assert [a["status"] for a in detail["articles"]] == ["not_applicable", "not_yet_due"]
    # One counted article decides alone.
    assert leaf_score(leaf(Scoring.ALL_OR_NOTHING), [(5, result(MET)), (7, CheckResult(CheckStatus.NOT_APPLICABLE))])[
        1
    ] == D(6)


def test_the_detail_names_the_failing_records():
    detail = leaf_score(leaf(Scoring.ALL_OR_NOTHING), [(37, result(NOT_MET, failing=2))])[2]
    assert detail["articles"][0]["failing"][1] == {"model": "x.y", "id": 1, "description": "第1件"}


def test_internal_score_rescales_over_what_applies():
    assert internal_score([(D(60), D(30), "automatic"), (D(40), D(30), "manual")]) == D("60.00")
    assert internal_score([(D(60), None, "not_applicable"), (D(40), D(20), "manual")]) == D("50.00")
    assert internal_score([(D(3), D(1), "automatic")]) == D("33.33")
    assert internal_score([]) == D(0)


def test_composite_weights_caps_and_floor():
    scheme = SimpleNamespace(internal_weight=D(80), social_weight=D(20), bonus_cap=D(5), spot_check_cap=D(2))
    figures = composite(
        scheme,
        D(60),
        D(90),
        [(AdjustmentKind.DEDUCTION, D(-2)), (AdjustmentKind.BONUS, D(4)), (AdjustmentKind.BONUS, D(3))],
    )
    # 60 × 0.8 + 90 × 0.2 = 66; − 2; + min(7, 5) = 69
    assert (figures.deductions, figures.bonus, figures.composite) == (D(2), D(5), D("69.00"))
    spot = composite(scheme, D(100), D(100), [(AdjustmentKind.SPOT_CHECK, D(-3))])
    assert (spot.spot_check, spot.composite) == (D(-2), D("98.00"))
    assert composite(scheme, D(0), D(0), [(AdjustmentKind.DEDUCTION, D(-10))]).composite == D(0)
