"""What the litigation pages, the API, the checks and the lead's art. 32 report read: the scoped
registers, one record with its due dates and sources, and the yearly statistics."""

import datetime
from collections import Counter, defaultdict

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock import periods
from fazhi.core.errors import NotFound
from fazhi.litigation.choices import CaseKind, CaseStatus, Level, SuggestionKind, SuggestionStatus
from fazhi.litigation.models import CourtCase, Execution, Hearing, Judgment, ProcuratorialSuggestion

CASE_RELATED = ("body", "government", "defence_deadline", "first_instance", "suggestion", "judgment", "execution")
SUGGESTION_RELATED = ("body", "government", "reply_deadline")


def _year(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def _pk(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


def office_cases(user, *, body="", year="", kind="", status="", overdue=False, query=""):
    """The court cases `user` sees, filtered as the register asks (bad filter values are ignored)."""
    found = CourtCase.objects.restrict(user).select_related(*CASE_RELATED)
    if _pk(body):
        found = found.filter(body_id=_pk(body))
    if _year(year):
        found = found.filter(received_on__year=_year(year))
    if kind in CaseKind.values:
        found = found.filter(kind=kind)
    if status in CaseStatus.values:
        found = found.filter(status=status)
    if overdue:
        today = timezone.localdate()
        found = found.filter(
            Q(defence_deadline__closed_on__isnull=True, defence_deadline__due_on__lt=today)
            | Q(execution__performed_on__isnull=True, execution__due_on__lt=today, status=CaseStatus.EXECUTING)
        )
    query = (query or "").strip()[:100]
    if query:
        found = found.filter(Q(case_number__icontains=query) | Q(cause__icontains=query))
    return found.order_by("-received_on", "-pk")


def visible_case(user, pk) -> CourtCase:
    case = CourtCase.objects.restrict(user).select_related(*CASE_RELATED).filter(pk=_pk(pk) or 0).first()
    if case is None:
        raise NotFound(_("未找到该行政诉讼案件。"))
    return case


def office_suggestions(user, *, body="", year="", kind="", status="", overdue=False):
    found = ProcuratorialSuggestion.objects.restrict(user).select_related(*SUGGESTION_RELATED)
    if _pk(body):
        found = found.filter(body_id=_pk(body))
    if _year(year):
        found = found.filter(received_on__year=_year(year))
    if kind in SuggestionKind.values:
        found = found.filter(kind=kind)
    if status in SuggestionStatus.values:
        found = found.filter(status=status)
    if overdue:
        found = found.filter(reply_deadline__closed_on__isnull=True, reply_deadline__due_on__lt=timezone.localdate())
    return found.order_by("-received_on", "-pk")


def visible_suggestion(user, pk) -> ProcuratorialSuggestion:
    found = ProcuratorialSuggestion.objects.restrict(user).select_related(*SUGGESTION_RELATED)
    suggestion = found.filter(pk=_pk(pk) or 0).first()
    if suggestion is None:
        raise NotFound(_("未找到该检察建议。"))
    return suggestion


def _row(label, due_on, source, *, start_on=None, done_on=None) -> dict:
    """A period the body must keep: late when done after its due date, or still not done after it."""
    return {
        "label": str(label),
        "start_on": start_on,
        "due_on": due_on,
        "done_on": done_on,
        "source": source,
        "open": done_on is None,
        "late": _late(due_on, done_on, timezone.localdate()),
    }


def _deadline_row(label, deadline) -> dict:
    return _row(
        label,
        deadline.due_on,
        deadline.period.source,
        start_on=deadline.start_on,
        done_on=deadline.closed_on,
    )


def case_due_dates(case: CourtCase) -> list[dict]:
    """Every date the case runs to, with its source: the defence, the appeal window, the execution."""
    rows = []
    if case.defence_deadline is not None:
        rows.append(_deadline_row(_("提交答辩状"), case.defence_deadline))
    judgment = getattr(case, "judgment", None)
    if judgment is not None and judgment.appeal_until is not None:
        matter = "litigation-appeal-judgment" if judgment.decision_type == "judgment" else "litigation-appeal-ruling"
        # A window for the parties, not a duty of the body: never late; open while it runs.
        rows.append(
            {
                "label": _("上诉期（期满未上诉的，次日生效）"),
                "start_on": judgment.served_on,
                "due_on": judgment.appeal_until,
                "done_on": judgment.appealed_on,
                "source": periods.get(matter).source,
                "open": case.status == CaseStatus.DECIDED,
                "late": False,
            }
        )
    execution = getattr(case, "execution", None)
    if execution is not None:
        rows.append(
            _row(
                _("履行生效裁判"),
                execution.due_on,
                _("生效裁判确定的履行期限（行政诉讼法第九十四条）"),
                start_on=judgment.effective_on if judgment else None,
                done_on=execution.performed_on,
            )
        )
    return rows


def suggestion_due_dates(suggestion: ProcuratorialSuggestion) -> list[dict]:
    if suggestion.reply_deadline is None:
        return []
    return [_deadline_row(_("书面回复检察建议"), suggestion.reply_deadline)]


def running_due(rows: list[dict]) -> dict | None:
    return next((row for row in rows if row["open"]), None)


def plaintiff_text(user, case: CourtCase) -> str:
    """The plaintiff's name, masked (张*) for anyone outside the defendant and its legal office; a
    procuratorate bringing a public-interest suit is an organ and is never masked."""
    from fazhi.core.masking import mask_name
    from fazhi.litigation.services import details_visible

    if case.kind == CaseKind.PUBLIC_INTEREST or details_visible(user, case):
        return case.plaintiff
    return mask_name(case.plaintiff)


# --- statistics (seed art. 32) --------------------------------------------------------------------


def statistics_body_ids(user) -> list[int]:
    """The bodies whose figures `user` may read: those with a case or a suggestion in their sight."""
    cases = CourtCase.objects.restrict(user).values_list("body_id", flat=True).distinct()
    suggestions = ProcuratorialSuggestion.objects.restrict(user).values_list("body_id", flat=True).distinct()
    return sorted(set(cases) | set(suggestions))


FIGURES = (
    ("cases_received", gettext_lazy("受理（收到起诉状副本）案件")),
    ("cases_first", gettext_lazy("其中一审")),
    ("cases_second", gettext_lazy("其中二审")),
    ("cases_retrial", gettext_lazy("其中再审")),
    ("public_interest_suits", gettext_lazy("其中行政公益诉讼")),
    ("cases_heard", gettext_lazy("开庭审理的案件")),
    ("heads_appeared", gettext_lazy("负责人出庭应诉的案件")),
    ("hearings_unexplained", gettext_lazy("负责人未出庭且未记录理由的庭审")),
    ("judgments", gettext_lazy("判决、裁定")),
    ("lost", gettext_lazy("败诉")),
    ("appealed", gettext_lazy("提起上诉")),
    ("executions_due", gettext_lazy("应履行的生效裁判")),
    ("executed", gettext_lazy("已履行")),
    ("executed_late", gettext_lazy("逾期履行")),
    ("defences_due", gettext_lazy("应提交答辩状")),
    ("defences_late", gettext_lazy("逾期答辩")),
    ("suggestions_received", gettext_lazy("收到检察建议")),
    ("pre_litigation_notices", gettext_lazy("其中诉前检察建议")),
    ("suggestions_answered_in_time", gettext_lazy("按期书面回复")),
    ("suggestions_late", gettext_lazy("逾期回复或逾期未回复")),
    ("major_cases", gettext_lazy("重大、复杂或社会影响较大的案件")),
    ("major_reported", gettext_lazy("已上报备案")),
)


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _late(due_on, done_on, today) -> bool:
    if due_on is None:
        return False
    return done_on > due_on if done_on is not None else due_on < today


def statistics_by_body(body_ids, year: int, *, as_of: datetime.date | None = None) -> dict[int, dict]:
    """`statistics` for each body; five queries whatever their number."""
    today = as_of or timezone.localdate()
    ids = list(body_ids)
    rows: dict[int, Counter] = defaultdict(Counter)
    outcomes: dict[int, Counter] = defaultdict(Counter)
    for body, level, kind, major, reported, due, closed in CourtCase.objects.filter(
        body__in=ids, received_on__year=year
    ).values_list(
        "body_id", "level", "kind", "major", "reported_on", "defence_deadline__due_on", "defence_deadline__closed_on"
    ):
        row = rows[body]
        row["cases_received"] += 1
        row[f"cases_{level}"] += 1
        row["public_interest_suits"] += kind == CaseKind.PUBLIC_INTEREST
        row["major_cases"] += major
        row["major_reported"] += major and reported is not None
        if due is not None and (closed is not None or due < today):
            row["defences_due"] += 1
            row["defences_late"] += _late(due, closed, today)
    heard: dict[int, dict[int, bool]] = defaultdict(dict)
    for body, case, appeared, reason in Hearing.objects.filter(case__body__in=ids, held_on__year=year).values_list(
        "case__body_id", "case_id", "head_appeared", "absence_reason"
    ):
        heard[body][case] = heard[body].get(case, False) or appeared
        rows[body]["hearings_unexplained"] += not appeared and not reason
    for body, cases in heard.items():
        rows[body]["cases_heard"] = len(cases)
        rows[body]["heads_appeared"] = sum(cases.values())
    for body, outcome, lost, appealed in Judgment.objects.filter(case__body__in=ids, served_on__year=year).values_list(
        "case__body_id", "outcome", "lost", "appealed_on"
    ):
        rows[body]["judgments"] += 1
        rows[body]["lost"] += lost
        rows[body]["appealed"] += appealed is not None
        outcomes[body][outcome] += 1
    for body, due, performed in Execution.objects.filter(case__body__in=ids, due_on__year=year).values_list(
        "case__body_id", "due_on", "performed_on"
    ):
        if performed is not None or due < today:
            rows[body]["executions_due"] += 1
        rows[body]["executed"] += performed is not None
        rows[body]["executed_late"] += _late(due, performed, today)
    for body, kind, major, reported, due, closed in ProcuratorialSuggestion.objects.filter(
        body__in=ids, received_on__year=year
    ).values_list("body_id", "kind", "major", "reported_on", "reply_deadline__due_on", "reply_deadline__closed_on"):
        row = rows[body]
        row["suggestions_received"] += 1
        row["pre_litigation_notices"] += kind == SuggestionKind.PRE_LITIGATION
        row["major_cases"] += major
        row["major_reported"] += major and reported is not None
        if closed is not None and due is not None and closed <= due:
            row["suggestions_answered_in_time"] += 1
        row["suggestions_late"] += _late(due, closed, today)
    return {body: _figures(rows[body], outcomes[body]) for body in ids}


def _figures(row: Counter, outcomes: Counter) -> dict:
    figures = {key: int(row[key]) for key, _label in FIGURES}
    figures["cases_by_level"] = {level: int(row[f"cases_{level}"]) for level in Level.values}
    figures["cases_by_kind"] = {
        CaseKind.ORDINARY.value: figures["cases_received"] - figures["public_interest_suits"],
        CaseKind.PUBLIC_INTEREST.value: figures["public_interest_suits"],
    }
    figures["judgments_by_outcome"] = dict(sorted(outcomes.items()))
    figures["head_rate"] = _rate(figures["heads_appeared"], figures["cases_heard"])
    figures["loss_rate"] = _rate(figures["lost"], figures["judgments"])
    return figures


def statistics(body_ids, year: int, *, as_of: datetime.date | None = None) -> dict:
    """行政应诉与检察监督 figures of the bodies for the year (seed art. 32): cases received by level and
    kind, hearings and the heads' appearance rate (cases heard with the head present at least once,
    出庭应诉规定 第七条), judgments by outcome, losses and the loss rate, appeals, executions on time and
    late, defences late, suggestions answered in time and late, public-interest suits, major cases
    and how many were reported. Cases count in the year their complaint copy arrived, hearings,
    judgments and executions in the year they were held, served or due, suggestions in the year
    received."""
    rows = Counter()
    outcomes = Counter()
    for figures in statistics_by_body(body_ids, year, as_of=as_of).values():
        rows.update({key: figures[key] for key, _label in FIGURES})
        outcomes.update(figures["judgments_by_outcome"])
    return {"year": year, **_figures(rows, outcomes)}
