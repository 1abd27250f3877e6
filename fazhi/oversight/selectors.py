"""What the oversight pages, the API, the portal, the checks and issue 10's evaluation read: the
scoped registers, one record with its due dates and their sources, the published answers, what
waits for a user, and `measures_for` — the year's measures per body (seed art. 53)."""

from collections import defaultdict

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import periods
from fazhi.core.errors import NotFound
from fazhi.core.masking import mask_text
from fazhi.oversight.choices import (
    CongressReportKind,
    InspectionKind,
    InspectionStatus,
    MeasureKind,
    MeasureStatus,
    OpinionStatus,
    PlanStatus,
    ProposalKind,
    ProposalStatus,
    TaskStatus,
)
from fazhi.oversight.models import (
    CongressOpinion,
    CongressReport,
    EvaluationPlan,
    EvaluationTask,
    Finding,
    Inspection,
    Measure,
    Proposal,
    ProposalReply,
    RectificationRound,
)
from fazhi.oversight.workflow import own_body_ids

PROPOSAL_RELATED = ("body", "government", "reply_deadline", "second_reply_deadline")
OPEN_PROPOSAL = (ProposalStatus.ASSIGNED, ProposalStatus.REASSIGN_REQUESTED, ProposalStatus.REOPENED)


def year_of(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def pk_of(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


def _visible(queryset, pk, message):
    found = queryset.filter(pk=pk_of(pk) or 0).first()
    if found is None:
        raise NotFound(message)
    return found


def _late(due_on, done_on, today) -> bool:
    if due_on is None:
        return False
    return done_on > due_on if done_on is not None else due_on < today


def _row(label, due_on, source, *, start_on=None, done_on=None, window=False, running=None) -> dict:
    """A date a record runs to, with its source. A `window` (the time to ask for reassignment) is
    a right, not a duty: never late, open while it runs."""
    today = timezone.localdate()
    return {
        "label": str(label),
        "start_on": start_on,
        "due_on": due_on,
        "done_on": done_on,
        "source": str(source),
        "open": (done_on is None) if running is None else running,
        "late": False if window else _late(due_on, done_on, today),
    }


def _deadline_row(label, deadline) -> dict:
    return _row(label, deadline.due_on, deadline.period.source, start_on=deadline.start_on, done_on=deadline.closed_on)


def running_due(rows: list[dict]) -> dict | None:
    return next((row for row in rows if row["open"]), None)


# --- 建议、提案 --------------------------------------------------------------------------------------


def office_proposals(user, *, body="", year="", kind="", status="", overdue=False, query=""):
    """The proposals `user` sees, filtered as the register asks (bad filter values are ignored)."""
    found = Proposal.objects.restrict(user).select_related(*PROPOSAL_RELATED)
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if year_of(year):
        found = found.filter(assigned_on__year=year_of(year))
    if kind in ProposalKind.values:
        found = found.filter(kind=kind)
    if status in ProposalStatus.values:
        found = found.filter(status=status)
    if overdue:
        today = timezone.localdate()
        found = found.filter(
            Q(reply_deadline__closed_on__isnull=True, reply_deadline__due_on__lt=today)
            | Q(second_reply_deadline__closed_on__isnull=True, second_reply_deadline__due_on__lt=today)
            | Q(replies__late=True)
        ).distinct()
    query = (query or "").strip()[:100]
    if query:
        found = found.filter(Q(title__icontains=query) | Q(number__icontains=query) | Q(proposers__icontains=query))
    return found.prefetch_related("replies").order_by("-assigned_on", "-pk")


def visible_proposal(user, pk) -> Proposal:
    return _visible(Proposal.objects.restrict(user).select_related(*PROPOSAL_RELATED), pk, _("未找到该建议、提案。"))


def proposal_due_dates(proposal: Proposal) -> list[dict]:
    """The window to ask for reassignment, the answer, and the second answer after 不满意."""
    window = periods.get("proposal-reassign-request")
    rows = [
        _row(
            _("申请调整承办单位（逾期不再调整）"),
            proposal.reassign_until,
            window.source,
            window=True,
            running=proposal.status == ProposalStatus.ASSIGNED
            and not proposal.replies.all()
            and timezone.localdate() <= proposal.reassign_until,
        )
    ]
    if proposal.reply_deadline is not None:
        rows.append(_deadline_row(_("答复提出人"), proposal.reply_deadline))
    if proposal.second_reply_deadline is not None:
        rows.append(_deadline_row(_("再次答复（提出人不满意）"), proposal.second_reply_deadline))
    return rows


def published_replies(*, body="", kind="", year=""):
    """The answers bodies marked public, newest first (代表法 第五十一条第三款: the handling is public)."""
    found = ProposalReply.objects.filter(public=True).select_related("proposal", "body")
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if kind in ProposalKind.values:
        found = found.filter(proposal__kind=kind)
    if year_of(year):
        found = found.filter(replied_on__year=year_of(year))
    return found.order_by("-replied_on", "-pk")


def published_reply(pk) -> ProposalReply:
    return _visible(published_replies(), pk, _("未找到该答复。"))


def public_text(reply: ProposalReply) -> str:
    """The answer as the portal shows it: ID numbers, phone numbers and e-mail addresses masked."""
    return mask_text(reply.text)


# --- 向人大报告工作 ---------------------------------------------------------------------------------


def office_reports(user, *, body="", year="", kind="", pending=False):
    found = CongressReport.objects.restrict(user).select_related("body")
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if year_of(year):
        found = found.filter(reported_on__year=year_of(year))
    if kind in CongressReportKind.values:
        found = found.filter(kind=kind)
    if pending:
        found = found.filter(opinions__status=OpinionStatus.RECEIVED).distinct()
    opinions = CongressOpinion.objects.select_related("deadline").order_by("received_on", "pk")
    return found.prefetch_related(Prefetch("opinions", queryset=opinions)).order_by("-reported_on", "-pk")


def visible_report(user, pk) -> CongressReport:
    return _visible(office_reports(user), pk, _("未找到该报告。"))


def opinion_due(opinion: CongressOpinion) -> dict:
    if opinion.deadline is not None:
        return _deadline_row(_("书面报告审议意见研究处理情况"), opinion.deadline)
    return _row(
        _("报告决议执行情况"),
        opinion.resolution_due_on,
        _("决议规定的期限（监督法第十七条、第二十九条、第三十七条）"),
        start_on=opinion.received_on,
        done_on=opinion.reported_on,
    )


def report_due_dates(report: CongressReport) -> list[dict]:
    return [opinion_due(opinion) for opinion in report.opinions.all()]


# --- 督查 ------------------------------------------------------------------------------------------


def office_inspections(user, *, year="", kind="", status=""):
    found = Inspection.objects.restrict(user).select_related("government")
    if year_of(year):
        found = found.filter(year=year_of(year))
    if kind in InspectionKind.values:
        found = found.filter(kind=kind)
    if status in InspectionStatus.values:
        found = found.filter(status=status)
    return found.order_by("-year", "-planned_on", "-pk")


def visible_inspection(user, pk) -> Inspection:
    return _visible(office_inspections(user), pk, _("未找到该督查。"))


def visible_findings(user, inspection: Inspection):
    """The findings `user` may read: the office all of them, an inspected body its own."""
    return Finding.objects.restrict(user).filter(inspection=inspection).select_related("body")


# --- 约谈、责令整改、通报批评 ---------------------------------------------------------------------------


def office_measures(user, *, body="", year="", kind="", status="", overdue=False):
    found = Measure.objects.restrict(user).select_related("issuer", "body", "finding__inspection")
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if year_of(year):
        found = found.filter(issued_on__year=year_of(year))
    if kind in MeasureKind.values:
        found = found.filter(kind=kind)
    if status in MeasureStatus.values:
        found = found.filter(status=status)
    if overdue:
        found = found.filter(status=MeasureStatus.RECTIFYING, rectify_by__lt=timezone.localdate())
    return found.prefetch_related("rounds").order_by("-issued_on", "-pk")


def visible_measure(user, pk) -> Measure:
    return _visible(office_measures(user), pk, _("未找到该处理记录。"))


def measure_due_dates(measure: Measure) -> list[dict]:
    return [
        _row(
            _("第%(n)d轮整改") % {"n": period.round},
            period.due_on,
            _("责令整改通知确定的期限（意见第五十三条）"),
            start_on=period_start,
            done_on=period.reported_on,
        )
        for period, period_start in _rounds_with_starts(measure)
    ]


def _rounds_with_starts(measure: Measure):
    start = measure.issued_on
    for period in measure.rounds.all():
        yield period, start
        start = period.verified_on


def measures_for(year: int, bodies=None) -> dict[int, list[dict]]:
    """The measures taken against each body in the year (seed art. 53), for the evaluation's
    deductions: `{body_id: [{"id", "kind", "kind_label", "issued_on", "status", "status_label",
    "number", "issuer", "rectify_by", "rectified_on", "late"}]}` — `rectified_on` is the day the
    passed report was sent, `late` whether any report came after its date or none by it. One
    query for the measures and one for their rounds, whatever the number of bodies; `bodies` (ids
    or `core.Body`) limits the answer, None means every body."""
    found = Measure.objects.filter(issued_on__year=year).select_related("issuer").order_by("issued_on", "pk")
    if bodies is not None:
        found = found.filter(body__in=[getattr(body, "pk", body) for body in bodies])
    today = timezone.localdate()
    rounds = defaultdict(list)
    for period in RectificationRound.objects.filter(measure__in=found.values("pk")).order_by("round"):
        rounds[period.measure_id].append(period)
    result: dict[int, list[dict]] = defaultdict(list)
    for measure in found:
        mine = rounds[measure.pk]
        passed = next((period for period in mine if period.passed), None)
        result[measure.body_id].append(
            {
                "id": measure.pk,
                "kind": measure.kind,
                "kind_label": str(measure.get_kind_display()),
                "issued_on": measure.issued_on,
                "status": measure.status,
                "status_label": str(measure.get_status_display()),
                "number": measure.number,
                "issuer": measure.issuer.name,
                "rectify_by": measure.rectify_by,
                "rectified_on": passed.reported_on if passed else None,
                "late": any(_late(period.due_on, period.reported_on, today) for period in mine),
            }
        )
    return dict(result)


# --- 迎接省考评 -------------------------------------------------------------------------------------


def office_plans(user, *, year=""):
    found = EvaluationPlan.objects.restrict(user).select_related("government")
    if year_of(year):
        found = found.filter(year=year_of(year))
    return found.order_by("-year", "-pk")


def visible_plan(user, pk) -> EvaluationPlan:
    return _visible(office_plans(user), pk, _("未找到该任务分工。"))


def visible_tasks(user, plan: EvaluationPlan | None = None, *, body="", status=""):
    found = EvaluationTask.objects.restrict(user).select_related("plan", "plan__government", "body")
    if plan is not None:
        found = found.filter(plan=plan)
    if pk_of(body):
        found = found.filter(body_id=pk_of(body))
    if status in TaskStatus.values:
        found = found.filter(status=status)
    return found.order_by("due_on", "pk")


def visible_task(user, pk) -> EvaluationTask:
    return _visible(visible_tasks(user), pk, _("未找到该任务。"))


def task_due_dates(task: EvaluationTask) -> list[dict]:
    return [
        _row(
            _("报送应考材料"),
            task.due_on,
            _("迎接省考评任务分工确定的期限（意见第五十二条）"),
            start_on=task.plan.issued_on,
            done_on=task.first_submitted_on,
        )
    ]


# --- what waits for a user ----------------------------------------------------------------------


def _within(queryset, ids, field="body"):
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def my_work(user) -> dict:
    """For the body's own staff, what it must still do, with due dates; for the office above, what
    waits for its decision. Each list is one query."""
    own = None if user.is_superuser else own_body_ids(user)
    proposals = _within(
        Proposal.objects.restrict(user).filter(status__in=OPEN_PROPOSAL).select_related(*PROPOSAL_RELATED), own
    ).order_by("reply_deadline__due_on", "pk")
    measures = _within(
        Measure.objects.restrict(user).filter(status=MeasureStatus.RECTIFYING).select_related("issuer", "body"), own
    ).order_by("rectify_by", "pk")
    tasks = _within(visible_tasks(user).filter(status__in=(TaskStatus.ASSIGNED, TaskStatus.RETURNED)), own).filter(
        plan__status=PlanStatus.ISSUED
    )
    opinions = _within(
        CongressOpinion.objects.restrict(user)
        .filter(status=OpinionStatus.RECEIVED)
        .select_related("report", "deadline"),
        own,
    ).order_by("received_on", "pk")
    return {
        "proposals": list(proposals),
        "measures": list(measures),
        "tasks": list(tasks),
        "opinions": [(opinion, opinion_due(opinion)) for opinion in opinions],
        "decisions": _office_queue(user),
    }


def _office_queue(user) -> dict:
    """What the upper level must decide: reassignment requests, feedback to record, reports to
    verify, materials to review."""
    from fazhi.core.access import scope_body_ids

    ids = None if user.is_superuser else scope_body_ids(user, "change")
    return {
        "reassignments": list(
            _within(Proposal.objects.filter(status=ProposalStatus.REASSIGN_REQUESTED), ids, "government")
        ),
        "feedback": list(_within(Proposal.objects.filter(status=ProposalStatus.ANSWERED), ids, "government")),
        "verifications": list(_within(Measure.objects.filter(status=MeasureStatus.REPORTED), ids, "issuer")),
        "materials": list(_within(EvaluationTask.objects.filter(status=TaskStatus.SUBMITTED), ids, "plan__government")),
    }


def years() -> range:
    today = timezone.localdate()
    return range(today.year, today.year - 6, -1)
