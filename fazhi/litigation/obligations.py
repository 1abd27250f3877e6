"""Seed arts. 36 (行政应诉: defences, heads in court, judgments performed) and 37 (检察建议 answered),
checked.

Art. 36 — a body meets it for a year when, as known on `as_of`:
- every defence fell due was filed within 15 days of the complaint copy (`litigation-defence`,
  行政诉讼法 第六十七条);
- every hearing had the head in court, or the staff entrusted and a recorded reason why the head
  could not come (第三条第三款; 出庭应诉规定 第八条) — the heads' appearance rate (cases heard with the
  head present at least once, 第七条) is reported as the article's rate;
- every effective judgment the body lost was performed by the date it set (第九十四条).
Art. 37 — every procuratorial suggestion received in the year was answered in writing within two
months, or 15 days when urgent (两高解释 第二十一条).

A late or missing step fails the article and is named by its case or document number; steps
still within their period leave it 未到期; a body with no records for the article is 不适用. A
fixed number of queries, whatever the number of bodies.
"""

import datetime
from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.litigation.models import CourtCase, Execution, Hearing, ProcuratorialSuggestion
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

CASE = CourtCase._meta.label_lower
SUGGESTION = ProcuratorialSuggestion._meta.label_lower
EVIDENCE_LIMIT = 20


def _status(failing, done: int, running: int) -> str:
    if failing:
        return CheckStatus.NOT_MET
    if done:
        return CheckStatus.MET
    if running:
        return CheckStatus.NOT_YET_DUE
    return CheckStatus.NOT_APPLICABLE


def _timely(rows, as_of: datetime.date, label: str, model: str):
    """(on time, running, late refs, evidence) over (pk, number, due, done) rows."""
    on_time, running, late, evidence = 0, 0, [], []
    for pk, number, due, done in rows:
        if done is not None and done <= due:
            on_time += 1
            evidence.append(RecordRef(model, pk, f"{number} {label}"))
        elif done is not None:
            late.append(
                RecordRef(
                    model,
                    pk,
                    _("%(number)s逾期%(step)s（应于%(due)s前，%(done)s完成）")
                    % {"number": number, "step": label, "due": day_text(due), "done": day_text(done)},
                )
            )
        elif due < as_of:
            late.append(
                RecordRef(
                    model,
                    pk,
                    _("%(number)s逾期未%(step)s（应于%(due)s前）")
                    % {"number": number, "step": label, "due": day_text(due)},
                )
            )
        else:
            running += 1
    return on_time, running, late, evidence


@checks.register(36, label=gettext_lazy("负责人出庭应诉；按期答辩；执行生效裁判"))
def litigation_handled(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    day = min(last, as_of)
    defences, hearings, executions = defaultdict(list), defaultdict(list), defaultdict(list)
    for body, pk, number, due, done in (
        CourtCase.objects.filter(
            body__in=ids, defence_deadline__isnull=False, received_on__gte=first, received_on__lte=day
        )
        .order_by("received_on", "pk")
        .values_list("body_id", "pk", "case_number", "defence_deadline__due_on", "defence_deadline__closed_on")
    ):
        defences[body].append((pk, number, due, done))
    for body, case, number, appeared, reason, held in (
        Hearing.objects.filter(case__body__in=ids, held_on__gte=first, held_on__lte=day)
        .order_by("held_on", "pk")
        .values_list("case__body_id", "case_id", "case__case_number", "head_appeared", "absence_reason", "held_on")
    ):
        hearings[body].append((case, number, appeared, reason, held))
    for body, pk, number, due, done in (
        Execution.objects.filter(case__body__in=ids, due_on__gte=first, due_on__lte=last)
        .order_by("due_on", "pk")
        .values_list("case__body_id", "case_id", "case__case_number", "due_on", "performed_on")
    ):
        executions[body].append((pk, number, due, done))
    results = {}
    for body in bodies:
        d_on_time, d_running, d_late, evidence = _timely(defences[body.pk], as_of, _("提交答辩状"), CASE)
        e_on_time, e_running, e_late, e_evidence = _timely(executions[body.pk], as_of, _("履行生效裁判"), CASE)
        heard: dict[int, bool] = {}
        unexplained = []
        for case, number, appeared, reason, held in hearings[body.pk]:
            heard[case] = heard.get(case, False) or appeared
            if not appeared and not reason:
                unexplained.append(
                    RecordRef(
                        CASE,
                        case,
                        _("%(number)s %(day)s开庭，负责人未出庭且未记录不能出庭的理由")
                        % {"number": number, "day": day_text(held)},
                    )
                )
        appeared = sum(heard.values())
        failing = d_late + unexplained + e_late
        done = d_on_time + len(d_late) + len(heard) + e_on_time + len(e_late)
        status = _status(failing, done, d_running + e_running)
        if status == CheckStatus.NOT_APPLICABLE:
            summary = _("本年度没有行政诉讼案件。")
        else:
            summary = _(
                "本年度答辩到期 %(defences)d 件，逾期 %(d_late)d 件；开庭审理 %(heard)d 件，负责人出庭应诉 "
                "%(appeared)d 件（出庭应诉率 %(rate)s），负责人未出庭且未记录理由的庭审 %(unexplained)d 次；"
                "应履行的生效裁判 %(executions)d 件，逾期 %(e_late)d 件。"
            ) % {
                "defences": d_on_time + len(d_late),
                "d_late": len(d_late),
                "heard": len(heard),
                "appeared": appeared,
                "rate": f"{appeared * 100 / len(heard):.1f}%" if heard else "—",
                "unexplained": len(unexplained),
                "executions": e_on_time + len(e_late),
                "e_late": len(e_late),
            }
        results[body.pk] = CheckResult(
            status=status,
            summary=summary,
            numerator=appeared if heard else None,
            denominator=len(heard) if heard else None,
            failing=failing,
            evidence=(evidence + e_evidence)[:EVIDENCE_LIMIT],
        )
    return results


@checks.register(37, label=gettext_lazy("检察建议按期书面回复；公益诉讼诉前程序"))
def suggestions_answered(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    day = min(last, as_of)
    rows = defaultdict(list)
    for body, pk, number, due, done in (
        ProcuratorialSuggestion.objects.filter(
            body__in=ids, reply_deadline__isnull=False, received_on__gte=first, received_on__lte=day
        )
        .order_by("received_on", "pk")
        .values_list("body_id", "pk", "number", "reply_deadline__due_on", "reply_deadline__closed_on")
    ):
        rows[body].append((pk, number, due, done))
    suits = dict(
        CourtCase.objects.filter(
            suggestion__body__in=ids, suggestion__received_on__gte=first, suggestion__received_on__lte=day
        )
        .values("suggestion__body")
        .annotate(n=Count("pk"))
        .values_list("suggestion__body", "n")
    )
    results = {}
    for body in bodies:
        on_time, running, late, evidence = _timely(rows[body.pk], as_of, _("书面回复检察建议"), SUGGESTION)
        done = on_time + len(late)
        status = _status(late, done, running)
        if status == CheckStatus.NOT_APPLICABLE:
            summary = _("本年度没有收到检察建议。")
        else:
            summary = _(
                "本年度收到检察建议 %(received)d 件，回复到期 %(done)d 件，按期 %(on_time)d 件，逾期 %(late)d 件，"
                "回复期内 %(running)d 件；检察机关提起行政公益诉讼 %(suits)d 件。"
            ) % {
                "received": len(rows[body.pk]),
                "done": done,
                "on_time": on_time,
                "late": len(late),
                "running": running,
                "suits": suits.get(body.pk, 0),
            }
        results[body.pk] = CheckResult(
            status=status,
            summary=summary,
            numerator=on_time,
            denominator=done,
            failing=late,
            evidence=evidence[:EVIDENCE_LIMIT],
        )
    return results
