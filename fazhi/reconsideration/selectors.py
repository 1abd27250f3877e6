"""What the reconsideration pages, the API, the checks and seed art. 32 read."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock import periods
from fazhi.core.errors import NotFound
from fazhi.core.models import Body
from fazhi.reconsideration.choices import CORRECTING, CaseStatus, DecisionType
from fazhi.reconsideration.models import AnalysisReport, Case, Guide, OpinionLetter

_RELATED = (
    "submission",
    "office",
    "reconsideration_body",
    "respondent",
    "acting_body",
    "incidental_review",
    "forward_deadline",
    "accept_deadline",
    "notice_deadline",
    "copy_deadline",
    "reply_deadline",
    "decide_deadline",
)


def office_cases(user, *, status: str = "", query: str = ""):
    found = Case.objects.restrict(user).select_related(*_RELATED)
    if status in CaseStatus.values:
        found = found.filter(status=status)
    query = (query or "").strip()[:100]
    if query:
        found = found.filter(
            Q(submission__receipt_code__iexact=query)
            | Q(number__icontains=query)
            | Q(submission__subject__icontains=query)
        )
    return found.order_by("-created_at", "-pk")


def visible_case(user, pk) -> Case:
    if not str(pk).isdigit() or len(str(pk)) > 9:
        raise NotFound(_("未找到该行政复议案件。"))
    case = Case.objects.restrict(user).select_related(*_RELATED).filter(pk=pk).first()
    if case is None:
        raise NotFound(_("未找到该行政复议案件。"))
    return case


def visible_letter(user, pk) -> OpinionLetter:
    if not str(pk).isdigit() or len(str(pk)) > 9:
        raise NotFound(_("未找到该意见书。"))
    letter = (
        OpinionLetter.objects.restrict(user)
        .select_related("case", "case__reconsideration_body", "recipient", "deadline")
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise NotFound(_("未找到该意见书。"))
    return letter


def letters(user):
    return OpinionLetter.objects.restrict(user).select_related("case", "recipient", "deadline")


DEADLINE_FIELDS = (
    ("forward_deadline", gettext_lazy("被申请人转送申请")),
    ("accept_deadline", gettext_lazy("审查受理")),
    ("notice_deadline", gettext_lazy("通知补正")),
    ("copy_deadline", gettext_lazy("发送申请书副本")),
    ("reply_deadline", gettext_lazy("被申请人书面答复")),
    ("decide_deadline", gettext_lazy("作出行政复议决定")),
)


def due_dates(case: Case) -> list[dict]:
    """Each period of the case with its due date and source; the applicant's windows too."""
    rows = []
    for attr, label in DEADLINE_FIELDS:
        deadline = getattr(case, attr)
        if deadline is None:
            continue
        rows.append(
            {
                "label": str(label),
                "body": deadline.body.name if deadline.body_id else "",
                "start_on": deadline.effective_start,
                "due_on": deadline.due_on,
                "closed_on": deadline.closed_on,
                "extension": deadline.extension_length,
                "source": deadline.period.source,
                "open": deadline.closed_on is None,
            }
        )
    extra = []
    if case.known_on:
        extra.append((periods.get("reconsideration-apply"), _("申请期限（自知道之日起）"), _apply_until(case)))
    if case.completion_until:
        extra.append((periods.get("reconsideration-complete-submit"), _("申请人补正期限"), case.completion_until))
    for period, label, day in extra:
        rows.append(
            {
                "label": label,
                "body": "",
                "start_on": None,
                "due_on": day,
                "closed_on": None,
                "extension": None,
                "source": period.source,
                "open": False,
            }
        )
    if case.performance_due_on:
        rows.append(
            {
                "label": _("被申请人履行"),
                "body": case.respondent.name,
                "start_on": case.served_on,
                "due_on": case.performance_due_on,
                "closed_on": case.performance_reported_on,
                "extension": None,
                "source": _("行政复议决定书、调解书（行政复议法第七十七条）"),
                "open": case.performance_reported_on is None,
            }
        )
    return rows


def _apply_until(case: Case) -> datetime.date:
    from fazhi.clock import services as clock

    return clock.due_for("reconsideration-apply", case.known_on).due


def application_late(case: Case) -> bool:
    """Received after 60 days from knowing of the act (art. 20): a ground to refuse, unless the
    applicant had a good reason or was never told of the right — for the office to judge."""
    return bool(case.known_on and case.received_on and case.received_on > _apply_until(case))


def performance_overdue(case: Case, today: datetime.date) -> bool:
    return bool(case.performance_due_on and case.performance_reported_on is None and today > case.performance_due_on)


def published(body_id=None):
    """Published decisions, newest first: what the portal lists (art. 79)."""
    found = Case.objects.filter(published_on__isnull=False).select_related("reconsideration_body", "respondent")
    if body_id is not None:
        found = found.filter(reconsideration_body_id=body_id)
    return found.order_by("-published_on", "-pk")


def current_guide(body_id) -> Guide | None:
    return Guide.objects.filter(body_id=body_id, published_on__isnull=False).order_by("-version").first()


def public_guide(body_id) -> Guide | None:
    """The guide the portal shows for a reconsideration body named in a URL (an id of any size)."""
    body = Body.objects.filter(pk=body_id, is_reconsideration_body=True).first()
    return current_guide(body.pk) if body is not None else None


def statistics(body_ids, year: int, *, side: str = "reconsideration_body") -> dict:
    """The year's figures for seed art. 32, over the cases the given bodies decided as reconsideration
    bodies (or, with `side="respondent"`, the cases against them): received, accepted, refused,
    decisions by type, corrected and the correction rate, mediated and settled, terminated, decided
    late, pending at the year's end, major cases and how many were reported."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    cases = Case.objects.filter(**{f"{side}__in": list(body_ids)})

    def within(field):
        return Q(**{f"{field}__gte": first, f"{field}__lte": last})

    def ended_by(day):
        return (
            Q(refused_on__lte=day)
            | Q(withdrawn_on__lte=day)
            | Q(decided_on__lte=day)
            | Q(mediated_on__lte=day)
            | Q(terminated_on__lte=day)
        )

    counted = cases.aggregate(  # named apart from the fields they count (major, settled)
        n_received=Count("pk", filter=within("received_on")),
        n_accepted=Count("pk", filter=within("accepted_on")),
        n_deemed_accepted=Count("pk", filter=within("accepted_on") & Q(deemed_accepted=True)),
        n_refused=Count("pk", filter=within("refused_on")),
        n_withdrawn=Count("pk", filter=within("withdrawn_on")),
        n_decided=Count("pk", filter=within("decided_on")),
        n_mediated=Count("pk", filter=within("mediated_on")),
        n_settled=Count("pk", filter=within("terminated_on") & Q(settled=True)),
        n_terminated=Count("pk", filter=within("terminated_on")),
        n_decided_late=Count("pk", filter=(within("decided_on") | within("mediated_on")) & Q(decided_late=True)),
        n_pending_at_year_end=Count("pk", filter=Q(received_on__lte=last) & ~ended_by(last)),
        n_major=Count("pk", filter=within("received_on") & Q(major=True)),
        n_major_reported=Count("pk", filter=within("received_on") & Q(major=True, reported_on__isnull=False)),
    )
    totals = {name.removeprefix("n_"): value for name, value in counted.items()}
    by_type = dict(
        cases.filter(within("decided_on"))
        .values("decision_type")
        .annotate(n=Count("pk"))
        .values_list("decision_type", "n")
    )
    by_decision = {value: by_type.get(value, 0) for value in DecisionType.values}
    corrected = sum(by_decision[value] for value in CORRECTING)
    decided = totals["decided"]
    return {
        **totals,
        "year": year,
        "by_decision": by_decision,
        "corrected": corrected,
        "correction_rate": round(corrected / decided, 4) if decided else None,
    }


def analysis_reports(user, year: int):
    """The statistics and analysis reports of the year the user sees (the body's own and its subtree's)."""
    return AnalysisReport.objects.restrict(user).filter(year=year).select_related("body", "submitted_by")
