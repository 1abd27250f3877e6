"""Seed arts. 11–16, checked over the major decisions each deciding body decided in the year.

The workflow already refuses to skip a step; these checks read the records, so that the board and
the evaluation show each body's rate and the decisions that fall short (one recorded before the
gates existed, or changed by hand). A decision counts in the year of its decision date. Each
check runs a fixed number of queries whatever the number of bodies.
"""

import datetime
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.decisions.choices import DecisionStatus
from fazhi.decisions.models import Decision, ExpertOpinion, ImplementationReport, RiskAssessment
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.procedures.choices import CommentPeriod, ConsultationStatus, MeetingStatus, ReviewKind, ReviewStatus
from fazhi.procedures.models import Consultation, MeetingRecord, Review

S = DecisionStatus
DECIDED = (S.DECIDED, S.NOT_ADOPTED, S.REPORTED, S.PUBLISHED, S.SUSPENDED, S.ADJUSTED)
EVIDENCE_LIMIT = 20
LABEL = Decision._meta.label_lower


def _decided(bodies, year: int, as_of: datetime.date) -> list[Decision]:
    end = min(datetime.date(year, 12, 31), as_of)
    return list(
        Decision.objects.filter(
            deciding_body__in=[body.pk for body in bodies],
            status__in=DECIDED,
            decided_on__gte=datetime.date(year, 1, 1),
            decided_on__lte=end,
        ).order_by("decided_on", "pk")
    )


def _subjects(model, decisions, **filters) -> set[int]:
    """The decisions with a procedures record of `model` matching `filters` (one query)."""
    if not decisions:
        return set()
    rows = model.objects.filter(
        content_type=ContentType.objects.get_for_model(Decision),
        object_id__in=[str(decision.pk) for decision in decisions],
        **filters,
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows}


def _tally(bodies, decisions, applies: Callable, problem: Callable, *, none_text: str) -> dict[int, CheckResult]:
    """Per deciding body: met when no decision it applies to has a problem; the rate is those without."""
    grouped = checks.by_body((d for d in decisions if applies(d)), lambda d: d.deciding_body_id)
    results = {}
    for body in bodies:
        mine = grouped[body.pk]
        failing, evidence = [], []
        for decision in mine:
            found = problem(decision)
            if found:
                failing.append(RecordRef(LABEL, decision.pk, f"《{decision.title}》：{found}"))
            elif len(evidence) < EVIDENCE_LIMIT:
                evidence.append(RecordRef(LABEL, decision.pk, decision.title))
        good = len(mine) - len(failing)
        results[body.pk] = CheckResult(
            status=CheckStatus.NOT_MET if failing else CheckStatus.MET,
            summary=(
                _("本年度作出决定的 %(total)d 项中，%(good)d 项符合要求。") % {"total": len(mine), "good": good}
                if mine
                else none_text
            ),
            numerator=good,
            denominator=len(mine),
            failing=failing,
            evidence=evidence,
        )
    return results


NONE_DECIDED = gettext_lazy("本年度未作出重大行政决策。")


@checks.register(11, label=gettext_lazy("重大行政决策公开征求意见并反馈采纳情况"))
def public_participation(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    decisions = _decided(bodies, year, as_of)
    answered = _subjects(
        Consultation, decisions, period=CommentPeriod.DECISION, status=ConsultationStatus.FEEDBACK_PUBLISHED
    )
    return _tally(
        bodies,
        decisions,
        lambda d: not d.disclosure_exempt,
        lambda d: None if d.pk in answered else _("未公开征求意见或未公布意见采纳情况"),
        none_text=str(NONE_DECIDED),
    )


@checks.register(12, label=gettext_lazy("专业性、技术性较强的决策事项经专家论证"))
def expert_argumentation(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    decisions = _decided(bodies, year, as_of)
    argued = set(
        ExpertOpinion.objects.filter(
            decision__in=[d.pk for d in decisions if d.is_technical], signed_on__isnull=False
        ).values_list("decision_id", flat=True)
    )
    return _tally(
        bodies,
        decisions,
        lambda d: d.is_technical,
        lambda d: None if d.pk in argued else _("未经专家论证"),
        none_text=_("本年度无专业性、技术性较强的决策事项。"),
    )


@checks.register(13, label=gettext_lazy("可能造成重大影响的决策事项经风险评估"))
def risk_assessment(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    decisions = _decided(bodies, year, as_of)
    assessed = set(
        RiskAssessment.objects.filter(
            decision__in=[d.pk for d in decisions if d.needs_risk_assessment], controllable=True
        ).values_list("decision_id", flat=True)
    )
    return _tally(
        bodies,
        decisions,
        lambda d: d.needs_risk_assessment,
        lambda d: None if d.pk in assessed else _("未经风险评估或风险评估未认定风险可控"),
        none_text=_("本年度无需要风险评估的决策事项。"),
    )


@checks.register(14, label=gettext_lazy("重大行政决策集体讨论前经合法性审查"))
def legality_review(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    decisions = _decided(bodies, year, as_of)
    passed = _subjects(Review, decisions, kind=ReviewKind.LEGALITY, status=ReviewStatus.PASSED)

    def problem(decision):
        if decision.pk in passed or (decision.is_exploratory_reform and decision.legal_risk_statement.strip()):
            return None
        return _("未经合法性审查或审查未通过")

    return _tally(bodies, decisions, lambda d: True, problem, none_text=str(NONE_DECIDED))


@checks.register(15, label=gettext_lazy("重大行政决策经集体讨论决定并如实记录"))
def collective_discussion(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    decisions = _decided(bodies, year, as_of)
    discussed = _subjects(MeetingRecord, decisions, status=MeetingStatus.SIGNED)
    return _tally(
        bodies,
        decisions,
        lambda d: True,
        lambda d: None if d.pk in discussed else _("无已签署的集体讨论记录"),
        none_text=str(NONE_DECIDED),
    )


@checks.register(16, label=gettext_lazy("重大行政决策执行情况报告"))
def implementation_reported(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Every decision in execution during the year has an implementation report dated in it
    (条例第三十四条), the basis of the accountability the article asks for; until the year is over a
    missing report is not yet a failure."""
    end = min(datetime.date(year, 12, 31), as_of)
    executing = list(
        Decision.objects.filter(
            deciding_body__in=[body.pk for body in bodies],
            status__in=(S.PUBLISHED, S.SUSPENDED),
            published_on__lte=end,
        ).order_by("published_on", "pk")
    )
    reported = set(
        ImplementationReport.objects.filter(
            decision__in=[d.pk for d in executing], reported_on__gte=datetime.date(year, 1, 1), reported_on__lte=end
        ).values_list("decision_id", flat=True)
    )
    year_over = as_of > datetime.date(year, 12, 31)
    results = _tally(
        bodies,
        executing,
        lambda d: True,
        lambda d: None if d.pk in reported or not year_over else _("本年度未报告执行情况"),
        none_text=_("本年度没有正在执行的重大行政决策。"),
    )
    grouped = checks.by_body((d for d in executing if d.pk not in reported), lambda d: d.deciding_body_id)
    for body in bodies:
        result = results[body.pk]
        pending = grouped[body.pk]
        if result.status == CheckStatus.MET and pending and not year_over:
            result.status = CheckStatus.NOT_YET_DUE
            result.summary = _("正在执行的决策 %(total)d 项，尚未报告本年度执行情况 %(pending)d 项。") % {
                "total": result.denominator,
                "pending": len(pending),
            }
            result.numerator = result.denominator - len(pending)
    return results
