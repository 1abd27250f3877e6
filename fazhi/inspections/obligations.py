"""Seed art. 23 (随机抽查全覆盖；跨部门联合抽查), checked.

An enforcement body meets the article for a year when, as known on `as_of`:

- it has published its list of random-inspection items (an item on the list on `as_of`);
- every item on its list was inspected at least once in the year (`selectors.coverage`) — until
  the year ends an item not yet inspected leaves the article 未到期, not 未达标;
- every result it recorded in the year was published within its 20 working days
  (`inspection-result-publicity`): one published late, or still unpublished after its deadline,
  fails the article and is named.

Joint inspections count for each participant's own items. A fixed number of queries, whatever the
number of bodies.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.inspections import selectors
from fazhi.inspections.models import InspectionItem, InspectionTask
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

EVIDENCE_LIMIT = 20
ITEM = InspectionItem._meta.label_lower
TASK = InspectionTask._meta.label_lower


@checks.register(23, label=gettext_lazy("随机抽查全覆盖；跨部门联合抽查"))
def random_inspections(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    day = min(last, as_of)
    coverage = selectors.coverage(ids, year, as_of)
    tasks = list(
        InspectionTask.objects.filter(body__in=ids, concluded_on__gte=first, concluded_on__lte=day)
        .values_list("pk", "body_id", "published_on", "publicity_deadline__due_on", "entity__name")
        .order_by("concluded_on", "pk")
    )
    grouped = checks.by_body(tasks, lambda task: task[1])
    results = {}
    for body in bodies:
        entry = coverage[body.pk]
        if not entry.items:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET, _("%(date)s尚未公布随机抽查事项清单。") % {"date": day_text(day)}
            )
            continue
        late = []
        on_time = 0
        mine = grouped[body.pk]
        for pk, _body, published_on, due_on, name in mine:
            if due_on is None:
                continue
            if published_on is not None and published_on <= due_on:
                on_time += 1
            elif published_on is not None:
                late.append(
                    RecordRef(
                        TASK,
                        pk,
                        _("%(name)s的检查结果逾期公示（应于%(due)s前）") % {"name": name, "due": day_text(due_on)},
                    )
                )
            elif due_on < as_of:
                late.append(
                    RecordRef(
                        TASK,
                        pk,
                        _("%(name)s的检查结果逾期未公示（应于%(due)s前）") % {"name": name, "due": day_text(due_on)},
                    )
                )
        uncovered = [
            RecordRef(ITEM, item.pk, _("“%(item)s”本年度尚未抽查") % {"item": item.name}) for item in entry.uncovered
        ]
        parts = [
            _("清单事项 %(total)d 项，本年度已抽查 %(covered)d 项。")
            % {"total": entry.total, "covered": entry.covered},
            _("本年度录入检查结果 %(count)d 个，按期公示 %(on_time)d 个。") % {"count": len(mine), "on_time": on_time},
        ]
        if late:
            status = CheckStatus.NOT_MET
        elif uncovered:
            status = CheckStatus.NOT_MET if as_of >= last else CheckStatus.NOT_YET_DUE
            if status == CheckStatus.NOT_YET_DUE:
                parts.append(_("年度结束前完成全覆盖即可。"))
        else:
            status = CheckStatus.MET
        results[body.pk] = CheckResult(
            status=status,
            summary="".join(parts),
            numerator=entry.covered,
            denominator=entry.total,
            failing=[*late, *(uncovered if status == CheckStatus.NOT_MET else [])],
            evidence=[
                RecordRef(ITEM, covered.item.pk, covered.item.name) for covered in entry.items if covered.covered
            ][:EVIDENCE_LIMIT],
        )
    return results
