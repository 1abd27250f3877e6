"""From the records to the points (seed art. 49), as plain functions over check results.

A leaf indicator scored automatically reads the obligation checks of its articles for a body:
- an article that does not bind the body (不适用), or is not yet due on the evaluation's date
  (未到期), does not count; a leaf none of whose articles count is left out of the body's
  internal score, which is then taken over the points that do count (缺项按比例折算), so that a
  body is not marked down for duties it does not have;
- all or nothing: full points when every counted article is met;
- proportional: points × the mean of each counted article's rate (met without a rate is 1, not
  met without a rate is 0);
- per failure: points less the deduction for each failing record, not below the floor.
Points are rounded to two decimals, half up.

The composite: internal (out of 100) and social evaluation by the scheme's weights, less
deductions (art. 53), plus innovation points up to the cap (art. 55), plus the provincial spot
check's adjustment within its cap (art. 49), never below zero.
"""

from dataclasses import dataclass
from decimal import Decimal

from fazhi.assessment.choices import AdjustmentKind, ScoreSource, Scoring
from fazhi.assessment.grading import rounded
from fazhi.obligations.checks import CheckResult
from fazhi.obligations.choices import CheckStatus

ZERO = Decimal(0)
HUNDRED = Decimal(100)
COUNTED = (CheckStatus.MET, CheckStatus.NOT_MET)
EVIDENCE_LIMIT = 20


def _ratio(result: CheckResult) -> Decimal:
    if result.numerator is not None and result.denominator:
        ratio = Decimal(result.numerator) / Decimal(result.denominator)
        return min(max(ratio, ZERO), Decimal(1))
    return Decimal(1) if result.status == CheckStatus.MET else ZERO


def _failures(result: CheckResult) -> int:
    if result.status != CheckStatus.NOT_MET:
        return 0
    if result.numerator is not None and result.denominator and result.denominator > result.numerator:
        return result.denominator - result.numerator
    return max(len(result.failing), 1)


def _as_detail(article: int, result: CheckResult) -> dict:
    return {
        "article": article,
        "status": result.status,
        "summary": result.summary,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "failing": [ref.as_dict() for ref in result.failing[:EVIDENCE_LIMIT]],
        "evidence": [ref.as_dict() for ref in result.evidence[:EVIDENCE_LIMIT]],
    }


def leaf_score(indicator, results: list[tuple[int, CheckResult]]) -> tuple[str, Decimal | None, dict]:
    """(source, points, detail) of an automatic leaf for one body, from its articles' results."""
    detail = {"articles": [_as_detail(article, result) for article, result in results]}
    counted = [result for _article, result in results if result.status in COUNTED]
    if not counted:
        return ScoreSource.NOT_APPLICABLE, None, detail
    points = indicator.points
    if indicator.scoring == Scoring.ALL_OR_NOTHING:
        earned = points if all(r.status == CheckStatus.MET for r in counted) else ZERO
    elif indicator.scoring == Scoring.PROPORTIONAL:
        earned = points * sum((_ratio(r) for r in counted), ZERO) / len(counted)
    else:
        failures = sum(_failures(r) for r in counted)
        detail["failures"] = failures
        earned = max(points - (indicator.deduction or ZERO) * failures, indicator.floor)
    return ScoreSource.AUTOMATIC, rounded(earned), detail


@dataclass(frozen=True)
class Composite:
    internal: Decimal
    social: Decimal | None
    deductions: Decimal
    bonus: Decimal
    spot_check: Decimal
    composite: Decimal


def internal_score(scores: list[tuple[Decimal, Decimal | None, str]]) -> Decimal:
    """Out of 100, from `(indicator points, earned, source)` of a body's leaves: those not applicable
    are left out and the rest scaled to 100."""
    counted = [(points, earned) for points, earned, source in scores if source != ScoreSource.NOT_APPLICABLE]
    possible = sum((points for points, _earned in counted), ZERO)
    if not possible:
        return ZERO
    return rounded(sum((earned or ZERO for _points, earned in counted), ZERO) * HUNDRED / possible)


def composite(scheme, internal: Decimal, social: Decimal | None, adjustments: list[tuple[str, Decimal]]) -> Composite:
    """The body's composite under `scheme` from its internal and social scores and its adjustments
    (`(kind, points)`, deductions negative)."""

    def total(kind):
        return sum((points for k, points in adjustments if k == kind), ZERO)

    deductions = -total(AdjustmentKind.DEDUCTION)
    bonus = min(total(AdjustmentKind.BONUS), scheme.bonus_cap)
    spot_check = min(max(total(AdjustmentKind.SPOT_CHECK), -scheme.spot_check_cap), scheme.spot_check_cap)
    weighted = internal * scheme.internal_weight / HUNDRED
    if social is not None:
        weighted += social * scheme.social_weight / HUNDRED
    value = max(weighted - deductions + bonus + spot_check, ZERO)
    return Composite(internal, social, rounded(deductions), rounded(bonus), rounded(spot_check), rounded(value))
