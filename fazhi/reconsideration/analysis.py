"""Seed art. 32: reconsideration and litigation statistics, analysed and reported, and major cases
reported up in time (行政复议法实施条例 arts. 58–59).

The figures are the records' own (`reconsideration.selectors.statistics` as reconsideration body
and as respondent, `litigation.selectors.statistics`); a body that had any such case in a year
reports its analysis of them, the figures frozen into the report, within a month of the year's end
(`dispute-analysis-report`). A case marked major — in either app — opens `dispute-major-report`,
closed when it is reported up. Both periods are local practice, in the one periods table.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.clock.models import Deadline
from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_id, clean_text
from fazhi.core.models import Body
from fazhi.litigation import selectors as litigation_selectors
from fazhi.litigation.models import CourtCase, ProcuratorialSuggestion
from fazhi.reconsideration import selectors
from fazhi.reconsideration.models import AnalysisReport, Case

MAJOR_REPORT = "dispute-major-report"
ANALYSIS_REPORT = "dispute-analysis-report"
ANALYSIS_LIMIT = 20000


def open_major_report(record, *, body: Body, on: datetime.date) -> Deadline:
    """A case is marked major: its report up falls due (`dispute-major-report`)."""
    return clock.open_deadline(subject=record, matter=MAJOR_REPORT, start_on=on, body=body, actor=None)


def close_major_report(record, *, on: datetime.date) -> None:
    for deadline in Deadline.objects.open().filter(
        content_type__app_label=record._meta.app_label,
        content_type__model=record._meta.model_name,
        object_id=str(record.pk),
        matter=MAJOR_REPORT,
    ):
        clock.close_deadline(deadline, closed_on=max(on, deadline.start_on), actor=None)


def report_due(year: int) -> datetime.date:
    return clock.due_for(ANALYSIS_REPORT, datetime.date(year, 12, 31)).due


def bodies_with_cases(body_ids, year: int, *, until: datetime.date | None = None) -> set[int]:
    """The bodies that had a case in the year (received by `until`): as reconsideration body or
    respondent, as defendant, or as the recipient of a procuratorial suggestion."""
    first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), until or datetime.date.max)
    ids = list(body_ids)
    within = {"received_on__gte": first, "received_on__lte": last}
    found = set()
    for body, respondent in Case.objects.filter(
        Q(reconsideration_body__in=ids) | Q(respondent__in=ids), **within
    ).values_list("reconsideration_body", "respondent"):
        found |= {body, respondent}
    for model in (CourtCase, ProcuratorialSuggestion):
        found |= set(model.objects.filter(body__in=ids, **within).values_list("body", flat=True))
    return found & set(ids)


def figures(body: Body, year: int) -> dict:
    """The body's year as the records say it: as reconsideration body, as respondent, in court and
    before the procuratorate."""
    values = {
        "reconsideration": selectors.statistics([body.pk], year) if body.is_reconsideration_body else None,
        "respondent": selectors.statistics([body.pk], year, side="respondent"),
        "litigation": litigation_selectors.statistics([body.pk], year),
    }
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _year(value) -> int:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not (text.isdigit() and 2000 <= int(text) <= 2100):
        message = _("年度应为2000至2100之间的整数。")
        raise InvalidInput(message, errors={"year": [message]})
    year = int(text)
    if year >= timezone.localdate().year:
        message = _("%(year)d年度尚未结束，年度结束后才能报送该年度的统计分析报告。") % {"year": year}
        raise InvalidInput(message, errors={"year": [message]})
    return year


@transaction.atomic
def submit_report(*, actor, body, year, analysis) -> AnalysisReport:
    """报送 a year's statistics and analysis (seed art. 32), the figures frozen from the records."""
    body = Body.objects.filter(pk=clean_id(body, "body", _("报送单位"))).first()
    if body is None:
        raise NotFound(_("单位不存在。"))
    require(actor, "change", body, _("报送统计分析报告"))
    year = _year(year)
    analysis = clean_text(analysis, "analysis", _("分析"), required=True, limit=ANALYSIS_LIMIT)
    already = Conflict(_("%(body)s已报送%(year)d年度的统计分析报告。") % {"body": body.name, "year": year})
    if AnalysisReport.objects.filter(body=body, year=year).exists():
        raise already
    try:
        with transaction.atomic():
            report = AnalysisReport.objects.create(
                body=body,
                year=year,
                figures=figures(body, year),
                analysis=analysis,
                submitted_on=timezone.localdate(),
                submitted_by=actor,
            )
    except IntegrityError:
        raise already from None
    audit.record(
        report,
        "reconsideration.analysis_report_submitted",
        actor=actor,
        body_id=body.pk,
        after={"year": year, "submitted_on": report.submitted_on, "figures": report.figures},
    )
    return report
