"""Seed arts. 24 and 38, checked on the periods the cases ran.

Each period a case runs at a body (to accept, to handle) is one `Deadline` at that body; the body
answers for it. It is kept when it was closed on or before its due date — by a decision to accept
or refuse, by the conclusion, or by passing the case on (a transfer closes the period at the body
that transferred it; the receiving body's own period starts that day). It is broken when closed
late, or still open after its due date. Periods due after `as_of` are still running.

**Art. 24** (群众举报的违法行为及时查处或者按照管辖权限转交下级机关查处): an enforcement body, the
periods of the reports it received in the year. A body that is not an enforcement body: not
applicable. An enforcement body that received no report through the platform: met, with the note
that nothing was received — the article's duty arises from a report, and there was none left
unhandled (saying 不适用 would hide that the body is subject to the article).

**Art. 38** (公布投诉电话、通讯地址及电子邮箱；登记并及时处理): every body publishes its channels (a
body with none fails), and the periods of the complaints it received in the year. (It replaced the
interim check over the generic submissions that `core` held before this module: a suggestion is
not a complaint, and the article is about the complaint-registration system.)

A fixed number of queries whatever the number of bodies.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock.models import Deadline
from fazhi.core.dates import day_text
from fazhi.intake.choices import IntakeKind
from fazhi.intake.models import Case, Channel
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

CASE = Case._meta.label_lower
EVIDENCE_LIMIT = 20


def _periods(ids: list[int], kind: str, year: int, as_of: datetime.date) -> dict[int, dict]:
    """Per body: the periods of `kind` cases it ran that started in the year, judged on `as_of`."""
    first, last = checks.year_bounds(year)
    content_type = ContentType.objects.get_for_model(Case)
    rows = list(
        Deadline.objects.filter(
            content_type=content_type, body_id__in=ids, start_on__gte=first, start_on__lte=min(last, as_of)
        )
        .order_by("start_on", "pk")
        .values_list("object_id", "body_id", "matter", "due_on", "closed_on")
    )
    cases = dict(
        Case.objects.filter(pk__in={int(row[0]) for row in rows}, kind=kind).values_list(
            "pk", "submission__receipt_code"
        )
    )
    tallies = {pk: {"due": 0, "kept": 0, "running": 0, "cases": set(), "failing": [], "evidence": []} for pk in ids}
    for object_id, body_id, _matter, due_on, closed_on in rows:
        code = cases.get(int(object_id))
        if code is None or due_on is None:
            continue
        tally = tallies[body_id]
        tally["cases"].add(object_id)
        values = {"code": code, "due": day_text(due_on)}
        if closed_on is not None and closed_on <= as_of:
            tally["due"] += 1
            if closed_on <= due_on:
                tally["kept"] += 1
                if len(tally["evidence"]) < EVIDENCE_LIMIT:
                    tally["evidence"].append(RecordRef(CASE, int(object_id), _("%(code)s 按期办理") % values))
            else:
                tally["failing"].append(
                    RecordRef(CASE, int(object_id), _("%(code)s 逾期办理（应于%(due)s前）") % values)
                )
        elif due_on < as_of:
            tally["due"] += 1
            tally["failing"].append(RecordRef(CASE, int(object_id), _("%(code)s 逾期未办理（应于%(due)s前）") % values))
        else:
            tally["running"] += 1
    return tallies


def _result(tally: dict, noun: str) -> CheckResult:
    counts = {"n": len(tally["cases"]), "due": tally["due"], "kept": tally["kept"], "noun": noun}
    if tally["failing"]:
        status = CheckStatus.NOT_MET
        summary = _("本年度收到%(noun)s %(n)d 件，已到期的办理期限 %(due)s 个，按期 %(kept)d 个。") % counts
    elif tally["due"] == 0:
        status = CheckStatus.NOT_YET_DUE
        summary = _("本年度收到%(noun)s %(n)d 件，均在办理期限内。") % counts
    else:
        status = CheckStatus.MET
        summary = _("本年度收到%(noun)s %(n)d 件，已到期的办理期限 %(due)s 个，均按期办理或转交。") % counts
    return CheckResult(
        status=status,
        summary=summary,
        numerator=tally["kept"],
        denominator=tally["due"],
        failing=tally["failing"],
        evidence=tally["evidence"],
    )


@checks.register(24, label=gettext_lazy("群众举报的违法行为及时查处或转交"))
def reports_handled(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    enforcement = [body.pk for body in bodies if body.is_enforcement_agency]
    tallies = _periods(enforcement, IntakeKind.REPORT, year, as_of)
    results = {}
    for body in bodies:
        if not body.is_enforcement_agency:
            results[body.pk] = CheckResult(CheckStatus.NOT_APPLICABLE, _("非行政执法机关，不承担举报查处职责。"))
            continue
        tally = tallies[body.pk]
        if not tally["cases"]:
            results[body.pk] = CheckResult(
                CheckStatus.MET,
                _("截至%(date)s本年度未通过平台收到举报，无逾期未查处的举报。") % {"date": day_text(as_of)},
                numerator=0,
                denominator=0,
            )
            continue
        results[body.pk] = _result(tally, _("举报"))
    return results


@checks.register(38, label=gettext_lazy("投诉举报登记与及时处理"))
def channels_and_complaints(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Art. 38: channels published, and the complaints' periods kept (see the module's note)."""
    ids = [body.pk for body in bodies]
    published = set(Channel.objects.filter(body_id__in=ids).values_list("body_id", flat=True).distinct())
    tallies = _periods(ids, IntakeKind.COMPLAINT, year, as_of)
    results = {}
    for body in bodies:
        if body.pk not in published:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET, _("未向社会公布投诉电话、通讯地址或电子邮箱等投诉举报渠道。")
            )
            continue
        tally = tallies[body.pk]
        if not tally["cases"]:
            results[body.pk] = CheckResult(
                CheckStatus.MET, _("已公布投诉举报渠道；本年度未收到投诉。"), numerator=0, denominator=0
            )
            continue
        results[body.pk] = _result(tally, _("投诉"))
    return results
