"""Seed arts. 30 and 31 (行政复议), checked.

Art. 30 binds two kinds of body through its two clauses (`obligations.registry`):

- `handling` — a reconsideration body: every application it received in the year reviewed within 5
  working days (accepted, refused or completion asked; 视为受理 counts as on time, the law makes it
  so), the copy sent to the respondent within 7 (3) working days, and the decision made within
  60 (30) days, extended or suspended as recorded (行政复议法 arts. 30, 48, 54, 62);
- `performance` — any body as respondent or as recipient of an opinion letter: performance of a
  decision or mediation reported by the date it set (seed art. 30 ¶2; art. 77), and the
  corrections an opinion letter asks for reported within 60 days (art. 76).

A period done late, or still open after its date, fails the article and is named; periods still
running leave it 未到期; a body with none is 不适用. Art. 31: the body's 行政复议指南 published
on the platform by `as_of` (the staffing and funds it also asks for are scored by hand).
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock.models import Deadline
from fazhi.core.dates import day_text
from fazhi.core.models import Body
from fazhi.litigation.models import CourtCase, ProcuratorialSuggestion
from fazhi.obligations import checks, registry
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.reconsideration import analysis
from fazhi.reconsideration.models import AnalysisReport, Case, Guide, OpinionLetter

CASE = Case._meta.label_lower
LETTER = OpinionLetter._meta.label_lower
EVIDENCE_LIMIT = 20
HANDLING = (
    ("accept_deadline", gettext_lazy("审查受理")),
    ("copy_deadline", gettext_lazy("发送申请书副本")),
    ("decide_deadline", gettext_lazy("作出行政复议决定")),
)


class _Tally:
    """Periods that fell due to one body: on time, late (named), still running."""

    def __init__(self):
        self.on_time, self.running, self.late, self.evidence = 0, 0, [], []

    def add(self, label: str, ref: tuple[str, int], due, done, as_of: datetime.date) -> None:
        if done is not None and due is not None and done <= due:
            self.on_time += 1
            self.evidence.append(RecordRef(*ref, label))
        elif done is not None:
            text = _("%(what)s逾期（应于%(due)s前，%(done)s完成）") % {
                "what": label,
                "due": day_text(due),
                "done": day_text(done),
            }
            self.late.append(RecordRef(*ref, text))
        elif due is not None and due < as_of:
            self.late.append(
                RecordRef(*ref, _("%(what)s逾期未完成（应于%(due)s前）") % {"what": label, "due": day_text(due)})
            )
        else:
            self.running += 1

    def result(self, summary: str, none: str) -> CheckResult:
        done = self.on_time + len(self.late)
        if self.late:
            status = CheckStatus.NOT_MET
        elif done:
            status = CheckStatus.MET
        elif self.running:
            status = CheckStatus.NOT_YET_DUE
        else:
            return CheckResult(CheckStatus.NOT_APPLICABLE, none)
        return CheckResult(
            status=status,
            summary=summary % {"done": done, "on_time": self.on_time, "late": len(self.late), "running": self.running},
            numerator=self.on_time,
            denominator=done,
            failing=self.late,
            evidence=self.evidence[:EVIDENCE_LIMIT],
        )


def _combine(parts: list[CheckResult]) -> CheckResult:
    applicable = [part for part in parts if part.status != CheckStatus.NOT_APPLICABLE]
    if not applicable:
        return parts[0]
    order = (CheckStatus.NOT_MET, CheckStatus.NOT_YET_DUE, CheckStatus.MET)
    status = next(s for s in order if any(part.status == s for part in applicable))
    return CheckResult(
        status=status,
        summary="".join(part.summary for part in applicable),
        numerator=sum(part.numerator or 0 for part in applicable),
        denominator=sum(part.denominator or 0 for part in applicable),
        failing=[ref for part in applicable for ref in part.failing],
        evidence=[ref for part in applicable for ref in part.evidence][:EVIDENCE_LIMIT],
    )


@checks.register(30, label=gettext_lazy("畅通行政复议渠道、依法办结；履行复议决定并报告"))
def reconsideration_handled(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    day = min(last, as_of)
    handling = {pk: _Tally() for pk in ids}
    performing = {pk: _Tally() for pk in ids}
    cases = Case.objects.filter(reconsideration_body__in=ids).select_related(*(attr for attr, _label in HANDLING))
    for case in cases:
        for attr, label in HANDLING:
            deadline = getattr(case, attr)
            if deadline is None or not first <= deadline.start_on <= day:
                continue
            handling[case.reconsideration_body_id].add(
                f"{case.number} {label}", (CASE, case.pk), deadline.due_on, deadline.closed_on, as_of
            )
    for case in Case.objects.filter(respondent__in=ids, performance_due_on__gte=first, performance_due_on__lte=day):
        performing[case.respondent_id].add(
            _("%(number)s 报告履行情况") % {"number": case.number},
            (CASE, case.pk),
            case.performance_due_on,
            case.performance_reported_on,
            as_of,
        )
    letters = OpinionLetter.objects.filter(recipient__in=ids, issued_on__gte=first, issued_on__lte=day)
    for letter in letters.select_related("deadline", "case"):
        deadline = letter.deadline
        performing[letter.recipient_id].add(
            _("%(number)s 意见书纠正情况") % {"number": letter.case.number},
            (LETTER, letter.pk),
            deadline.due_on if deadline else None,
            letter.reported_on,
            as_of,
        )
    obligation = registry.get(30)
    results = {}
    for body in bodies:
        parts = []
        if obligation.applies_to(body, "handling") or handling[body.pk].on_time or handling[body.pk].late:
            parts.append(
                handling[body.pk].result(
                    _(
                        "行政复议办理期限到期 %(done)d 个，按期 %(on_time)d 个，"
                        "逾期 %(late)d 个，进行中 %(running)d 个。"
                    ),
                    _("本年度没有行政复议案件。"),
                )
            )
        parts.append(
            performing[body.pk].result(
                _(
                    "履行行政复议决定、报送意见书纠正情况到期 %(done)d 项，"
                    "按期 %(on_time)d 项，逾期 %(late)d 项，进行中 %(running)d 项。"
                ),
                _("本年度没有需要履行的行政复议决定或意见书。"),
            )
        )
        results[body.pk] = _combine(parts)
    return results


@checks.register(31, label=gettext_lazy("公开复议受理范围、条件、程序；人员经费保障"))
def guide_published(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    day = min(checks.year_bounds(year)[1], as_of)
    latest = {}
    for guide in Guide.objects.filter(body__in=[b.pk for b in bodies], published_on__lte=day).order_by(
        "body", "version"
    ):
        latest[guide.body_id] = guide
    results = {}
    for body in bodies:
        guide = latest.get(body.pk)
        if guide is None:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET,
                _("截至%(day)s未在平台公开行政复议指南（受理范围、条件、程序）。") % {"day": day_text(day)},
            )
        else:
            results[body.pk] = CheckResult(
                CheckStatus.MET,
                _("已公开行政复议指南第%(version)d版（%(day)s）。")
                % {"version": guide.version, "day": day_text(guide.published_on)},
                evidence=[
                    RecordRef(
                        Guide._meta.label_lower, guide.pk, _("行政复议指南第%(version)d版") % {"version": guide.version}
                    )
                ],
            )
    return results


def _major_reports(year: int, day: datetime.date) -> list[tuple[int, tuple[str, int], str, object, object]]:
    """Every `dispute-major-report` that started in the year: (the body it falls to, the record,
    its handle, due, done). A reconsideration case's falls to its reconsideration body."""
    first, _last = checks.year_bounds(year)
    rows = list(
        Deadline.objects.filter(matter=analysis.MAJOR_REPORT, start_on__gte=first, start_on__lte=day).values_list(
            "content_type__app_label", "content_type__model", "object_id", "body_id", "due_on", "closed_on"
        )
    )
    handles = {}
    for model, number_field, body_field in (
        (Case, "number", "reconsideration_body"),
        (CourtCase, "case_number", "body"),
        (ProcuratorialSuggestion, "number", "body"),
    ):
        label = model._meta.label_lower
        ids = [int(row[2]) for row in rows if f"{row[0]}.{row[1]}" == label]
        for pk, number, body in model.objects.filter(pk__in=ids).values_list("pk", number_field, body_field):
            handles[label, pk] = (number, body)
    found = []
    for app_label, model_name, object_id, body, due, done in rows:
        ref = (f"{app_label}.{model_name}", int(object_id))
        number, owner = handles.get(ref, (object_id, body))
        found.append((owner, ref, number, due, done))
    return found


@checks.register(32, label=gettext_lazy("复议、应诉案件统计分析；重大案件报备"))
def disputes_analysed(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """A body with a reconsideration, court or procuratorial case in the year reports its statistics
    and analysis within a month of the year's end; every case it marked major is reported up within
    15 days (`analysis`, both periods local practice)."""
    ids = [body.pk for body in bodies]
    day = min(checks.year_bounds(year)[1], as_of)
    majors = {pk: _Tally() for pk in ids}
    for owner, ref, number, due, done in _major_reports(year, day):
        if owner in majors:
            majors[owner].add(_("%(number)s 重大案件上报备案") % {"number": number}, ref, due, done, as_of)
    reports = {
        body: (pk, submitted)
        for body, pk, submitted in AnalysisReport.objects.filter(
            body__in=ids, year=year, submitted_on__lte=as_of
        ).values_list("body", "pk", "submitted_on")
    }
    active = analysis.bodies_with_cases(ids, year, until=as_of)
    due = analysis.report_due(year)
    label = _("%(year)d年度复议、应诉案件统计分析报告") % {"year": year}
    results = {}
    for body in bodies:
        reporting = _Tally()
        if body.pk in active or body.pk in reports:
            pk, submitted = reports.get(body.pk, (body.pk, None))
            ref = (AnalysisReport._meta.label_lower if submitted else Body._meta.label_lower, pk)
            reporting.add(label, ref, due, submitted, as_of)
        results[body.pk] = _combine(
            [
                reporting.result(
                    _("统计分析报告到期 %(done)d 份，按期 %(on_time)d 份，逾期 %(late)d 份，未到期 %(running)d 份。"),
                    _("本年度没有行政复议、行政应诉或检察监督案件。"),
                ),
                majors[body.pk].result(
                    _(
                        "重大案件上报备案到期 %(done)d 件，按期 %(on_time)d 件，"
                        "逾期 %(late)d 件，未到期 %(running)d 件。"
                    ),
                    _("本年度没有重大、复杂或社会影响较大的案件。"),
                ),
            ]
        )
    return results
