"""Seed art. 34 (报备规章、规范性文件), checked over the normative documents each body published.

The rate is the documents whose every filing was submitted by its deadline over the documents
published in the year; a filing submitted late or overdue fails the article, one still within
its period does not (yet) count either way. Fixed queries: the documents, their filings, the
filings' deadlines.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock.models import Deadline
from fazhi.documents.filing import FILING_PERIOD
from fazhi.documents.models import FilingRecord
from fazhi.documents.obligations import EVIDENCE_LIMIT, LABEL, _name, _published
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus


def _day(value: datetime.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


@checks.register(34, label=gettext_lazy("规章、规范性文件按时报送备案"))
def filed_on_time(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each document published in the year was filed on every route within the filing period."""
    documents = _published(bodies, year, as_of)
    filings = list(FilingRecord.objects.filter(document__in=[d.pk for d in documents]).order_by("pk"))
    due = dict(
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(FilingRecord),
            object_id__in=[str(f.pk) for f in filings],
            matter=FILING_PERIOD,
        ).values_list("object_id", "due_on")
    )
    by_document: dict[int, list[FilingRecord]] = {}
    for record in filings:
        by_document.setdefault(record.document_id, []).append(record)

    def verdict(document) -> tuple[str, list[str]]:
        """("good" | "pending" | "bad", problems)."""
        mine = by_document.get(document.pk, [])
        if not mine:
            return "bad", [_("未报送备案")]
        problems, pending = [], False
        for record in mine:
            due_on = due.get(str(record.pk))
            if record.submitted_on is not None:
                if due_on is not None and record.submitted_on > due_on:
                    problems.append(_("%(route)s逾期报送") % {"route": record.get_route_display()})
            elif due_on is not None and as_of > due_on:
                problems.append(
                    _("%(route)s逾期未报送（期限至%(day)s）")
                    % {"route": record.get_route_display(), "day": _day(due_on)}
                )
            else:
                pending = True
        return ("bad" if problems else "pending" if pending else "good"), problems

    results = {}
    for body in bodies:
        mine = [document for document in documents if document.body_id == body.pk]
        counts = {"good": 0, "pending": 0, "bad": 0}
        failing, evidence = [], []
        for document in mine:
            outcome, problems = verdict(document)
            counts[outcome] += 1
            if problems:
                failing.append(RecordRef(LABEL, document.pk, f"{_name(document)}：{'；'.join(problems)}"))
            elif outcome == "good" and len(evidence) < EVIDENCE_LIMIT:
                evidence.append(RecordRef(LABEL, document.pk, _name(document)))
        if not mine:
            summary = _("本年度未发布规范性文件。")
        else:
            summary = _("本年度发布 %(total)d 件，按时报送备案 %(good)d 件，尚在报送期限内 %(pending)d 件。") % {
                "total": len(mine),
                "good": counts["good"],
                "pending": counts["pending"],
            }
        results[body.pk] = CheckResult(
            status=CheckStatus.NOT_MET if failing else CheckStatus.MET,
            summary=summary,
            numerator=counts["good"],
            denominator=len(mine),
            failing=failing,
            evidence=evidence,
        )
    return results
