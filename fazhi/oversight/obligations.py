"""Seed arts. 34, 52, 53 and 56, checked.

Art. 34 — a body meets it for a year when, as known on `as_of`:
- every deputy's suggestion and CPPCC proposal it leads was answered within its period (3 months,
  6 when complex, 代表法 第五十一条; proposals local practice), and every second answer after
  不满意 within a month (local practice);
- every 审议意见 of the standing committee on its reports had the written report on its handling
  within the period (监督法 第十七条等, local practice) or by the date a 决议 set;
- every rule and normative document it published was filed in time — the filing part is
  `documents.filing_obligations.filed_on_time`, kept with the filing records.
Art. 52 — `comply` (各市（区）政府、市直单位): every task of an issued split submitted by its date;
`organise` (the office's host body): its government's split for the year issued — 未到期 until
the year ends.
Art. 53 — every rectification order's round that fell due was reported on by the date the order
set and passed verification; a failed verification is a shortfall, the new date a new round.
Art. 56 — the office's government ran (started) at least one 定期检查 and one 专项督查 of the year —
未到期 until the year ends.

A late or missing step fails the article and is named by its public handle (the proposal's
session and number, the report's title, the order's number, the task's indicator); steps still
within their period leave it 未到期; a body with nothing to answer for is 不适用. A fixed number of
queries, whatever the number of bodies.
"""

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.core.models import Body
from fazhi.documents.filing_obligations import filed_on_time
from fazhi.documents.services import GOVERNMENT_KINDS
from fazhi.obligations import checks, registry
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.oversight.choices import InspectionKind, MeasureKind, PlanStatus, TaskStatus
from fazhi.oversight.models import (
    CongressOpinion,
    EvaluationPlan,
    EvaluationTask,
    Inspection,
    Measure,
    Proposal,
    RectificationRound,
)

PROPOSAL = Proposal._meta.label_lower
OPINION = CongressOpinion._meta.label_lower
MEASURE = Measure._meta.label_lower
TASK = EvaluationTask._meta.label_lower
PLAN = EvaluationPlan._meta.label_lower
INSPECTION = Inspection._meta.label_lower
EVIDENCE_LIMIT = 20
_OTHER_KINDS = (MeasureKind.INTERVIEW, MeasureKind.CRITICISM)


class Ledger:
    """Duties of one body: done on time (evidence), failing (named), still running."""

    def __init__(self):
        self.on_time, self.running, self.failing, self.evidence = 0, 0, [], []

    def timely(self, ref: tuple[str, int], what: str, due, done, as_of: datetime.date) -> None:
        """A duty with a date: done by it, done after it, not done after it, or still running."""
        values = {"what": what, "due": day_text(due), "done": day_text(done)}
        if done is not None and due is not None and done <= due:
            self.on_time += 1
            self.evidence.append(RecordRef(*ref, what))
        elif done is not None and due is not None:
            self.failing.append(RecordRef(*ref, _("%(what)s逾期（应于%(due)s前，%(done)s完成）") % values))
        elif due is not None and due < as_of:
            self.failing.append(RecordRef(*ref, _("%(what)s逾期未完成（应于%(due)s前）") % values))
        else:
            self.running += 1

    @property
    def done(self) -> int:
        return self.on_time + len(self.failing)

    def result(self, summary: str, none: str) -> CheckResult:
        if self.failing:
            status = CheckStatus.NOT_MET
        elif self.on_time:
            status = CheckStatus.MET
        elif self.running:
            status = CheckStatus.NOT_YET_DUE
        else:
            return CheckResult(CheckStatus.NOT_APPLICABLE, none)
        counts = {"done": self.done, "on_time": self.on_time, "late": len(self.failing), "running": self.running}
        return CheckResult(
            status=status,
            summary=summary % counts,
            numerator=self.on_time,
            denominator=self.done,
            failing=self.failing,
            evidence=self.evidence[:EVIDENCE_LIMIT],
        )


def combine(parts: list[CheckResult]) -> CheckResult:
    """One result from an article's parts: not met if any part fails, met if any part was kept,
    else 未到期; a part that is not applicable, or met with nothing counted, does not weigh."""
    applicable = [part for part in parts if part.status != CheckStatus.NOT_APPLICABLE]
    weighing = [part for part in applicable if part.status != CheckStatus.MET or part.denominator]
    if not weighing:
        return applicable[0] if applicable else parts[0]
    order = (CheckStatus.NOT_MET, CheckStatus.MET, CheckStatus.NOT_YET_DUE)
    status = next(s for s in order if any(part.status == s for part in weighing))
    return CheckResult(
        status=status,
        summary="".join(part.summary for part in applicable),
        numerator=sum(part.numerator or 0 for part in weighing),
        denominator=sum(part.denominator or 0 for part in weighing),
        failing=[ref for part in weighing for ref in part.failing],
        evidence=[ref for part in weighing for ref in part.evidence][:EVIDENCE_LIMIT],
    )


def government_ids(bodies) -> dict[int, int | None]:
    """Each body's same-level government (itself when it is one), in one query."""
    paths = {body.pk: body.ancestor_ids() or [body.pk] for body in bodies}
    governments = dict(
        Body.objects.filter(pk__in={pk for ids in paths.values() for pk in ids}, kind__in=GOVERNMENT_KINDS).values_list(
            "pk", "tree_path"
        )
    )
    return {
        body: max((pk for pk in ids if pk in governments), key=lambda pk: len(governments[pk]), default=None)
        for body, ids in paths.items()
    }


def _year_over(year: int, as_of: datetime.date) -> bool:
    return as_of > checks.year_bounds(year)[1]


# --- art. 34 --------------------------------------------------------------------------------------


def _handle(session: str, number: str) -> str:
    return _("%(session)s第%(number)s号") % {"session": session, "number": number}


@checks.register(34, label=gettext_lazy("办理人大代表建议和政协提案；报告审议意见研究处理情况；规章、规范性文件报备"))
def congress_duties(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    day = min(last, as_of)
    answers = {pk: Ledger() for pk in ids}
    opinions = {pk: Ledger() for pk in ids}
    started = Q(reply_deadline__start_on__gte=first, reply_deadline__start_on__lte=day)
    reopened = Q(second_reply_deadline__start_on__gte=first, second_reply_deadline__start_on__lte=day)
    for body, pk, session, number, due, done, second_start, second_due, second_done in (
        Proposal.objects.filter(started | reopened, body__in=ids)
        .order_by("assigned_on", "pk")
        .values_list(
            "body_id",
            "pk",
            "session",
            "number",
            "reply_deadline__due_on",
            "reply_deadline__closed_on",
            "second_reply_deadline__start_on",
            "second_reply_deadline__due_on",
            "second_reply_deadline__closed_on",
        )
    ):
        handle = _handle(session, number)
        answers[body].timely((PROPOSAL, pk), _("%(p)s答复") % {"p": handle}, due, done, as_of)
        if second_start is not None and first <= second_start <= day:
            answers[body].timely((PROPOSAL, pk), _("%(p)s再次答复") % {"p": handle}, second_due, second_done, as_of)
    for body, pk, title, due, resolution_due, done in (
        CongressOpinion.objects.filter(body__in=ids, received_on__gte=first, received_on__lte=day)
        .order_by("received_on", "pk")
        .values_list("body_id", "pk", "report__title", "deadline__due_on", "resolution_due_on", "reported_on")
    ):
        what = _("《%(title)s》审议意见研究处理情况报告") % {"title": title}
        opinions[body].timely((OPINION, pk), what, due or resolution_due, done, as_of)
    filing = filed_on_time(bodies, year, as_of)
    results = {}
    for body in bodies:
        parts = [
            filing[body.pk],
            answers[body.pk].result(
                _(
                    "建议、提案答复到期 %(done)d 件次，按期 %(on_time)d 件次，逾期 %(late)d 件次，"
                    "办理期内 %(running)d 件次。"
                ),
                _("本年度没有交办的建议、提案。"),
            ),
            opinions[body.pk].result(
                _(
                    "审议意见研究处理情况报告到期 %(done)d 件，按期 %(on_time)d 件，逾期 %(late)d 件，"
                    "期限内 %(running)d 件。"
                ),
                _("本年度没有收到审议意见。"),
            ),
        ]
        results[body.pk] = combine(parts)
    return results


# --- art. 52 --------------------------------------------------------------------------------------


@checks.register(52, label=gettext_lazy("组织迎接省考评；服从任务分工、按期报送应考材料"))
def provincial_evaluation(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    obligation = registry.get(52)
    ids = [body.pk for body in bodies]
    tasks = {pk: Ledger() for pk in ids}
    for body, pk, indicator, due, first_submitted, status in (
        EvaluationTask.objects.filter(body__in=ids, plan__year=year, plan__status=PlanStatus.ISSUED)
        .order_by("due_on", "pk")
        .values_list("body_id", "pk", "indicator", "due_on", "first_submitted_on", "status")
    ):
        what = _("“%(indicator)s”应考材料报送") % {"indicator": indicator}
        if status == TaskStatus.RETURNED and first_submitted is not None and first_submitted <= due:
            tasks[body].running += 1  # sent in time, returned to be completed: waiting for it again
            continue
        tasks[body].timely((TASK, pk), what, due, first_submitted, as_of)
    organisers = [body for body in bodies if obligation.applies_to(body, "organise")]
    governments = government_ids(organisers)
    plans = {
        government: (pk, title, status)
        for government, pk, title, status in EvaluationPlan.objects.filter(
            government__in=[pk for pk in governments.values() if pk], year=year
        ).values_list("government_id", "pk", "title", "status")
    }
    results = {}
    for body in bodies:
        parts = []
        if obligation.applies_to(body, "comply") or tasks[body.pk].done or tasks[body.pk].running:
            parts.append(
                tasks[body.pk].result(
                    _(
                        "迎接省考评任务到期 %(done)d 项，按期报送 %(on_time)d 项，逾期 %(late)d 项，"
                        "期限内 %(running)d 项。"
                    ),
                    _("本年度没有分解给本单位的迎接省考评任务。"),
                )
            )
        if body.pk in governments:
            parts.append(_organised(plans.get(governments[body.pk]), year, as_of))
        results[body.pk] = combine(parts)
    return results


def _organised(plan, year: int, as_of: datetime.date) -> CheckResult:
    if plan is not None and plan[2] == PlanStatus.ISSUED:
        pk, title, _status = plan
        return CheckResult(
            CheckStatus.MET,
            _("已下发《%(title)s》。") % {"title": title},
            numerator=1,
            denominator=1,
            evidence=[RecordRef(PLAN, pk, title)],
        )
    if not _year_over(year, as_of):
        return CheckResult(CheckStatus.NOT_YET_DUE, _("%(year)d年迎接省考评任务分工尚未下发。") % {"year": year})
    failing = [RecordRef(PLAN, plan[0], _("《%(title)s》未下发") % {"title": plan[1]})] if plan else []
    return CheckResult(
        CheckStatus.NOT_MET,
        _("%(year)d年未下发迎接省考评任务分工。") % {"year": year},
        numerator=0,
        denominator=1,
        failing=failing,
    )


# --- art. 53 --------------------------------------------------------------------------------------


@checks.register(53, label=gettext_lazy("责令整改按期整改到位并经核查"))
def rectified(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    ledgers = {pk: Ledger() for pk in ids}
    for body, pk, number, issued, round_, due, reported, passed in (
        RectificationRound.objects.filter(measure__body__in=ids, due_on__gte=first, due_on__lte=last)
        .order_by("due_on", "pk")
        .values_list(
            "measure__body_id",
            "measure_id",
            "measure__number",
            "measure__issued_on",
            "round",
            "due_on",
            "reported_on",
            "passed",
        )
    ):
        handle = number or _("%(day)s责令整改") % {"day": day_text(issued)}
        what = _("%(order)s第%(round)d轮整改") % {"order": handle, "round": round_}
        ledger = ledgers[body]
        if reported is not None and reported <= due and passed is None:
            ledger.running += 1  # reported in time, waiting for the issuer's verification
        elif reported is not None and reported <= due and passed is False:
            ledger.failing.append(RecordRef(MEASURE, pk, _("%(what)s核查未通过") % {"what": what}))
        else:
            ledger.timely((MEASURE, pk), what, due, reported, as_of)
    others = Counter()
    for body, kind, n in (
        Measure.objects.filter(
            body__in=ids, issued_on__gte=first, issued_on__lte=min(last, as_of), kind__in=_OTHER_KINDS
        )
        .values("body_id", "kind")
        .annotate(n=Count("pk"))
        .values_list("body_id", "kind", "n")
    ):
        others[(body, kind)] = n
    results = {}
    for body in bodies:
        result = ledgers[body.pk].result(
            _(
                "责令整改到期 %(done)d 轮，按期整改到位 %(on_time)d 轮，未按期或未通过核查 %(late)d 轮，"
                "整改期内 %(running)d 轮。"
            ),
            _("本年度没有责令整改事项。"),
        )
        interviews, criticisms = others[(body.pk, MeasureKind.INTERVIEW)], others[(body.pk, MeasureKind.CRITICISM)]
        if interviews or criticisms:
            result.summary += _("本年度被约谈 %(i)d 次，被通报批评 %(c)d 次。") % {"i": interviews, "c": criticisms}
        results[body.pk] = result
    return results


# --- art. 56 --------------------------------------------------------------------------------------


@checks.register(56, label=gettext_lazy("开展定期检查和专项督查"))
def inspections_run(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    governments = government_ids(bodies)
    run, planned = defaultdict(dict), defaultdict(list)
    for government, pk, kind, title, started in (
        Inspection.objects.filter(government__in=[pk for pk in governments.values() if pk], year=year)
        .order_by("planned_on", "pk")
        .values_list("government_id", "pk", "kind", "title", "started_on")
    ):
        if started is not None and started <= as_of:
            run[government].setdefault(kind, (pk, title))
        else:
            planned[government].append((pk, title))
    results = {}
    for body in bodies:
        government = governments[body.pk]
        done = run[government]
        evidence = [RecordRef(INSPECTION, pk, title) for pk, title in done.values()]
        summary = _("%(year)d年已开展定期检查 %(periodic)s、专项督查 %(special)s。") % {
            "year": year,
            "periodic": _("是") if InspectionKind.PERIODIC in done else _("否"),
            "special": _("是") if InspectionKind.SPECIAL in done else _("否"),
        }
        if len(done) == len(InspectionKind.values):
            status, failing = CheckStatus.MET, []
        elif not _year_over(year, as_of):
            status, failing = CheckStatus.NOT_YET_DUE, []
        else:
            status = CheckStatus.NOT_MET
            failing = [
                RecordRef(INSPECTION, pk, _("“%(title)s”未开展") % {"title": title})
                for pk, title in planned[government]
            ]
        results[body.pk] = CheckResult(
            status=status,
            summary=summary,
            numerator=len(done),
            denominator=len(InspectionKind.values),
            failing=failing,
            evidence=evidence,
        )
    return results
