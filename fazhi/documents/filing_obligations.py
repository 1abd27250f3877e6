"""Seed art. 34 (报备规章、规范性文件), checked over the normative documents and the government rules
each body published in the year: the filing part of the art. 34 check, which `oversight.obligations`
registers together with the article's other duties (proposals answered, 审议意见 reported on).

A normative document is filed on every route (`FilingRecord`), each with its own deadline; a rule
is filed with every receiving organ under one deadline (规章制定程序条例第三十四条), closed with the
last filing. The rate is the published items filed by their deadlines over the items published
in the year; one filed late or overdue fails the article, one still within its period does not
(yet) count either way. Fixed queries: the documents, their filings, the rules, the deadlines.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from fazhi.clock.models import Deadline
from fazhi.core.dates import day_text
from fazhi.documents.filing import FILING_PERIOD
from fazhi.documents.models import FilingRecord
from fazhi.documents.obligations import EVIDENCE_LIMIT, LABEL, _name, _published
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.rules.models import Rule
from fazhi.rules.workflow import FILING_PERIOD as RULE_FILING_PERIOD

GOOD, PENDING, BAD = "good", "pending", "bad"
LATE, OVERDUE = "late", "overdue"


@dataclass
class Filed:
    """One published item and how its filing stands: GOOD, PENDING or BAD with the problems."""

    label: str
    pk: int
    body_id: int
    name: str
    outcome: str
    problems: list[str]


def _due(model, pks, matter) -> dict[str, Deadline]:
    return {
        deadline.object_id: deadline
        for deadline in Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks], matter=matter
        )
    }


def _standing(filed_on, due_on, as_of) -> str:
    """GOOD, PENDING, LATE (filed after the deadline) or OVERDUE (not filed, deadline passed)."""
    if filed_on is not None:
        return LATE if due_on is not None and filed_on > due_on else GOOD
    return OVERDUE if due_on is not None and as_of > due_on else PENDING


def _documents(bodies, year, as_of) -> list[Filed]:
    documents = _published(bodies, year, as_of)
    filings = list(FilingRecord.objects.filter(document__in=[d.pk for d in documents]).order_by("pk"))
    due = _due(FilingRecord, [f.pk for f in filings], FILING_PERIOD)
    by_document: dict[int, list[FilingRecord]] = {}
    for record in filings:
        by_document.setdefault(record.document_id, []).append(record)
    items = []
    for document in documents:
        mine = by_document.get(document.pk, [])
        problems, pending = ([] if mine else [_("未报送备案")]), False
        for record in mine:
            due_on = due[str(record.pk)].due_on if str(record.pk) in due else None
            values = {"route": record.get_route_display(), "day": day_text(due_on)}
            standing = _standing(record.submitted_on, due_on, as_of)
            if standing == LATE:
                problems.append(_("%(route)s逾期报送") % values)
            elif standing == OVERDUE:
                problems.append(_("%(route)s逾期未报送（期限至%(day)s）") % values)
            pending |= standing == PENDING
        outcome = BAD if problems else PENDING if pending else GOOD
        items.append(Filed(LABEL, document.pk, document.body_id, _name(document), outcome, problems))
    return items


def _rules(bodies, year, as_of) -> list[Filed]:
    end = min(datetime.date(year, 12, 31), as_of)
    rules = list(
        Rule.objects.filter(
            government__in=[body.pk for body in bodies],
            published_on__gte=datetime.date(year, 1, 1),
            published_on__lte=end,
        ).order_by("published_on", "pk")
    )
    due = _due(Rule, [rule.pk for rule in rules], RULE_FILING_PERIOD)
    items = []
    for rule in rules:
        deadline = due.get(str(rule.pk))
        if deadline is None:
            continue  # published before the platform kept rule filings
        closed_on = deadline.closed_on if deadline.closed_on and deadline.closed_on <= as_of else None
        standing = _standing(closed_on, deadline.due_on, as_of)
        problems = {
            LATE: [_("逾期报送备案")],
            OVERDUE: [_("逾期未报送备案（期限至%(day)s）") % {"day": day_text(deadline.due_on)}],
        }.get(standing, [])
        outcome = BAD if problems else standing
        items.append(Filed(Rule._meta.label_lower, rule.pk, rule.government_id, str(rule), outcome, problems))
    return items


def filed_on_time(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each document and rule published in the year was filed with every organ within the filing period."""
    items = _documents(bodies, year, as_of) + _rules(bodies, year, as_of)
    grouped = checks.by_body(items, lambda item: item.body_id)
    results = {}
    for body in bodies:
        mine = grouped[body.pk]
        counts = {GOOD: 0, PENDING: 0, BAD: 0}
        failing, evidence = [], []
        for item in mine:
            counts[item.outcome] += 1
            if item.problems:
                failing.append(RecordRef(item.label, item.pk, f"{item.name}：{'；'.join(item.problems)}"))
            elif item.outcome == GOOD and len(evidence) < EVIDENCE_LIMIT:
                evidence.append(RecordRef(item.label, item.pk, item.name))
        if not mine:
            summary = _("本年度未发布规章、规范性文件。")
        else:
            summary = _("本年度发布 %(total)d 件，按时报送备案 %(good)d 件，尚在报送期限内 %(pending)d 件。") % {
                "total": len(mine),
                "good": counts[GOOD],
                "pending": counts[PENDING],
            }
        results[body.pk] = CheckResult(
            status=CheckStatus.NOT_MET if failing else CheckStatus.MET,
            summary=summary,
            numerator=counts[GOOD],
            denominator=len(mine),
            failing=failing,
            evidence=evidence,
        )
    return results
