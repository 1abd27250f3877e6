"""Seed arts. 35 and 44 (the yearly rule-of-law report), checked over many bodies in two queries.

The report for year Y is due in year Y + 1, on the day `ReportSetting` gives the body's kind (31
January by the seed). The check for year Y, as known on `as_of`:

Art. 35 — the written report reached the leading-group office by the due day: every send goes to
the office, so the report's `sent_on` is the day it did. Not sent and the day not past: 未到期;
sent after it, or not sent when it is past: 未落实.
Art. 44 — the report went to its recipients (a government: its party committee, its people's
congress standing committee and the government above; a department or a town: its own
government) by the due day, and was made public by the publication day (by the seed the same 31
January). Each part is judged like art. 35, and the article is 未落实 if either part fails, 未到期
while either still may be done in time, 已落实 when both were.

A late or missing report is named by its title, which carries only the body and the year.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.reports import selectors
from fazhi.reports.choices import SENT_STATUSES, ReportStatus
from fazhi.reports.models import YearlyReport

REPORT = YearlyReport._meta.label_lower


def _reports(bodies, year: int) -> dict[int, YearlyReport]:
    return {
        report.body_id: report
        for report in YearlyReport.objects.filter(body__in=[body.pk for body in bodies], year=year).only(
            "pk", "body_id", "year", "status", "sent_on", "published_on"
        )
    }


def _done_on(report: YearlyReport | None, field: str, as_of: datetime.date) -> datetime.date | None:
    """The day the report was sent (or published), if that was known on `as_of`."""
    if report is None or report.status not in SENT_STATUSES:
        return None
    day = getattr(report, field)
    return day if day is not None and day <= as_of else None


def _part(done: datetime.date | None, due: datetime.date, as_of: datetime.date, what: str) -> tuple[str, str]:
    """(status, words) for one thing to be done by a day: done in time, late, waiting, or missed."""
    values = {"what": what, "due": day_text(due), "done": day_text(done)}
    if done is not None and done <= due:
        return CheckStatus.MET, _("已于%(done)s%(what)s（应于%(due)s前）。") % values
    if done is not None:
        return CheckStatus.NOT_MET, _("%(done)s%(what)s，晚于%(due)s。") % values
    if as_of <= due:
        return CheckStatus.NOT_YET_DUE, _("应于%(due)s前%(what)s。") % values
    return CheckStatus.NOT_MET, _("逾期未%(what)s（应于%(due)s前）。") % values


def _combined(parts: list[tuple[str, str]]) -> str:
    statuses = {status for status, _words in parts}
    for status in (CheckStatus.NOT_MET, CheckStatus.NOT_YET_DUE):
        if status in statuses:
            return status
    return CheckStatus.MET


def _result(report: YearlyReport | None, parts: list[tuple[str, str]], year: int) -> CheckResult:
    status = _combined(parts)
    stage = ""
    if report is not None and report.status not in SENT_STATUSES:
        stage = _("（报告目前：%(status)s）") % {"status": ReportStatus(report.status).label}
    elif report is None:
        stage = _("（%(year)d年度报告尚未编制）") % {"year": year}
    summary = "".join(words for _status, words in parts) + stage
    ref = [RecordRef(REPORT, report.pk, _("%(year)d年度法治政府建设年度报告") % {"year": year})] if report else []
    return CheckResult(
        status=status,
        summary=summary,
        failing=ref if status == CheckStatus.NOT_MET else [],
        evidence=ref if status != CheckStatus.NOT_MET else [],
    )


@checks.register(35, label=gettext_lazy("每年向依法行政工作领导小组办公室报送书面报告"))
def report_to_office(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    table = selectors.settings_table()
    reports = _reports(bodies, year)
    what = _("向依法行政工作领导小组办公室报送")
    results = {}
    for body in bodies:
        report = reports.get(body.pk)
        due = selectors.due_on(table[body.kind], year)
        results[body.pk] = _result(report, [_part(_done_on(report, "sent_on", as_of), due, as_of, what)], year)
    return results


@checks.register(44, label=gettext_lazy("每年1月底前报告上年度法治政府建设情况并向社会公开"))
def report_and_publish(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    table = selectors.settings_table()
    reports = _reports(bodies, year)
    results = {}
    for body in bodies:
        report = reports.get(body.pk)
        setting = table[body.kind]
        if body.kind in selectors.GOVERNMENT_KINDS:
            what = _("向同级党委、人大常委会和上一级人民政府报告")
        else:
            what = _("向本级人民政府报告")
        parts = [
            _part(_done_on(report, "sent_on", as_of), selectors.due_on(setting, year), as_of, what),
            _part(_done_on(report, "published_on", as_of), selectors.publish_by(setting, year), as_of, _("向社会公开")),
        ]
        results[body.pk] = _result(report, parts, year)
    return results
