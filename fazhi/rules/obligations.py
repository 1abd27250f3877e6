"""Seed art. 6 (制定政府规章), checked against the year's legislative plan.

A city government meets it when it published its plan for the year (规章制定程序条例第十二条)
and every project of the plan was published as a rule or has a recorded reason for not being; a
department meets it for the projects it was to draft. Until the year is over a project still
under way is not a failure: the body's standing is then 未到期. Three queries, whatever the
number of bodies.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.choices import BodyKind
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.rules.choices import PlanStatus
from fazhi.rules.models import PUBLISHED_STATUSES, LegislativePlan, PlanItem, Rule

EVIDENCE_LIMIT = 20
# The statute sets no date for the yearly plan; governments publish it in the first quarter, so a
# missing plan is a failure from 1 April (this platform's practice, one line to change).
PLAN_EXPECTED_BY = (4, 1)
ITEM = PlanItem._meta.label_lower


@checks.register(6, label=gettext_lazy("年度规章制定工作计划的执行"))
def planned_rules_made(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each project of the year's published plan: rule published by `as_of`, or a reason recorded."""
    ids = [body.pk for body in bodies]
    planned = set(
        LegislativePlan.objects.filter(
            government__in=ids, year=year, status=PlanStatus.PUBLISHED, published_on__lte=as_of
        ).values_list("government_id", flat=True)
    )
    items = list(
        PlanItem.objects.filter(
            Q(plan__government__in=ids) | Q(drafting_body__in=ids),
            plan__year=year,
            plan__status=PlanStatus.PUBLISHED,
            plan__published_on__lte=as_of,
        )
        .select_related("plan")
        .order_by("planned_submission_on", "pk")
    )
    published = dict(
        Rule.objects.filter(
            plan_item__in=[item.pk for item in items], status__in=PUBLISHED_STATUSES, published_on__lte=as_of
        ).values_list("plan_item_id", "order_number")
    )
    year_over = as_of > datetime.date(year, 12, 31)
    results = {}
    for body in bodies:
        mine = [item for item in items if body.pk in (item.plan.government_id, item.drafting_body_id)]
        failing, pending, evidence = [], [], []
        for item in mine:
            done = item.pk in published or (
                item.unfinished_reason.strip() and item.reason_recorded_on and item.reason_recorded_on <= as_of
            )
            if done:
                if len(evidence) < EVIDENCE_LIMIT:
                    evidence.append(RecordRef(ITEM, item.pk, published.get(item.pk) or item.title))
            elif year_over:
                failing.append(RecordRef(ITEM, item.pk, _("《%(title)s》未公布，亦未说明理由") % {"title": item.title}))
            else:
                pending.append(item)
        good = len(mine) - len(failing) - len(pending)
        if body.kind == BodyKind.CITY_GOVERNMENT and body.pk not in planned:
            status = CheckStatus.NOT_YET_DUE if as_of < datetime.date(year, *PLAN_EXPECTED_BY) else CheckStatus.NOT_MET
            summary = _("本年度尚未公布规章制定工作计划（规章制定程序条例第十二条）。")
        elif failing:
            status = CheckStatus.NOT_MET
            summary = _("计划项目 %(total)d 项，已公布或已说明理由 %(good)d 项。") % {"total": len(mine), "good": good}
        elif pending:
            status = CheckStatus.NOT_YET_DUE
            summary = _("计划项目 %(total)d 项，尚在办理 %(pending)d 项。") % {
                "total": len(mine),
                "pending": len(pending),
            }
        else:
            status = CheckStatus.MET
            summary = (
                _("计划项目 %(total)d 项，均已公布或已说明理由。") % {"total": len(mine)}
                if mine
                else _("本年度计划未安排本单位起草规章。")
            )
        results[body.pk] = CheckResult(
            status=status,
            summary=summary,
            numerator=good,
            denominator=len(mine),
            failing=failing,
            evidence=evidence,
        )
    return results
