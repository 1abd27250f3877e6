"""Seed arts. 19 (publicity after the decision), 20 (the procedure's periods kept), 22 (criminal
transfers on time) and 25 (case-file review), checked over each body's records of the year.

Each item is good, pending (its period still running on `as_of`) or bad, with the problem named;
a body meets an article when none of its items is bad. A fixed number of queries whatever the
number of bodies.
"""

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock.models import Deadline
from fazhi.clock.workdays import add_working_days
from fazhi.core.dates import day_text
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import CaseStatus, TransferStatus
from fazhi.enforcement.models import Case, EnforcementSettings, FileReview, Publication, ReviewSheet, Transfer
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

GOOD, PENDING, BAD = "good", "pending", "bad"
EVIDENCE_LIMIT = 20
CASE = Case._meta.label_lower
S = CaseStatus
PENALISED = (S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED)


def _span(year: int, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), as_of)


def _deadlines(model, pks: Iterable[int], matters) -> dict[tuple[str, str], Deadline]:
    pks = [str(pk) for pk in pks]
    if not pks:
        return {}
    rows = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=pks, matter__in=list(matters)
    )
    return {(row.object_id, row.matter): row for row in rows}


def _kept(deadline: Deadline | None, as_of: datetime.date) -> str:
    """GOOD when closed by its due date, BAD when closed late or still open past it, else PENDING."""
    if deadline is None or deadline.due_on is None:
        return PENDING
    if deadline.closed_on is not None and deadline.closed_on <= as_of:
        return GOOD if deadline.closed_on <= deadline.due_on else BAD
    return BAD if as_of > deadline.due_on else PENDING


def _results(bodies, items: list[tuple[int, str, int, str, str]], *, none_text: str) -> dict[int, CheckResult]:
    """`items`: (body id, model label, record id, name, outcome — GOOD/PENDING/BAD with a problem
    as `BAD:problem`)."""
    grouped = checks.by_body(items, lambda item: item[0])
    results = {}
    for body in bodies:
        mine = grouped[body.pk]
        failing, evidence, good, pending = [], [], 0, 0
        for _body, label, pk, name, outcome in mine:
            if outcome.startswith(BAD):
                failing.append(RecordRef(label, pk, f"{name}：{outcome.split(':', 1)[1]}"))
            elif outcome == PENDING:
                pending += 1
            else:
                good += 1
                if len(evidence) < EVIDENCE_LIMIT:
                    evidence.append(RecordRef(label, pk, name))
        summary = (
            _("共 %(total)d 项：符合 %(good)d 项，尚在期限内 %(pending)d 项。")
            % {"total": len(mine), "good": good, "pending": pending}
            if mine
            else none_text
        )
        results[body.pk] = CheckResult(
            status=CheckStatus.NOT_MET if failing else CheckStatus.MET,
            summary=summary,
            numerator=good,
            denominator=len(mine),
            failing=failing,
            evidence=evidence,
        )
    return results


def _settings(bodies) -> dict[int, EnforcementSettings]:
    """Each body's settings (the defaults where none are saved), in one query."""
    saved = {item.body_id: item for item in EnforcementSettings.objects.filter(body__in=[b.pk for b in bodies])}
    return {b.pk: saved.get(b.pk) or EnforcementSettings(body_id=b.pk, **selectors.DEFAULT_SETTINGS) for b in bodies}


def _name(case: Case) -> str:
    return case.number or _("案件%(id)d") % {"id": case.pk}


@checks.register(19, label=gettext_lazy("行政处罚决定按期公开，变更撤销后按期撤回"))
def decisions_published(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each penalty decided in the year is published within the body's configured working days
    (意见第十九条), and a published one withdrawn within 3 working days of its change (第四十八条)."""
    start, end = _span(year, as_of)
    cases = list(
        Case.objects.filter(
            body__in=[body.pk for body in bodies], status__in=PENALISED, decided_on__gte=start, decided_on__lte=end
        ).exclude(penalty_kinds=[])
    )
    publications = {p.case_id: p for p in Publication.objects.filter(case__in=[case.pk for case in cases])}
    within = {pk: item.publish_within_days for pk, item in _settings(bodies).items()}
    items = []
    for case in cases:
        due = add_working_days(case.decided_on, within[case.body_id]).due
        publication = publications.get(case.pk)
        if publication is not None and publication.published_on <= as_of:
            late = publication.published_on > due
            outcome = f"{BAD}:" + _("逾期公开（期限至%(day)s）") % {"day": day_text(due)} if late else GOOD
        else:
            outcome = f"{BAD}:" + _("未公开（期限至%(day)s）") % {"day": day_text(due)} if as_of > due else PENDING
        items.append((case.body_id, CASE, case.pk, _name(case), outcome))
    return _results(bodies, items, none_text=_("本年度未作出需公开的行政处罚决定。"))


@checks.register(20, label=gettext_lazy("行政处罚在法定期限内作出决定并送达"))
def periods_kept(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each case filed in the year is decided within its decision period (90 days unless the sector's
    law says otherwise) and its decision served within 7 days (行政处罚法第六十条、第六十一条)."""
    start, end = _span(year, as_of)
    cases = list(
        Case.objects.filter(
            body__in=[body.pk for body in bodies], procedure="ordinary", filed_on__gte=start, filed_on__lte=end
        ).exclude(status=S.TRANSFERRED)
    )
    decision_period = {pk: item.decision_period for pk, item in _settings(bodies).items()}
    deadlines = _deadlines(Case, [case.pk for case in cases], {*decision_period.values(), "penalty-delivery"})
    items = []
    for case in cases:
        decision = _kept(deadlines.get((str(case.pk), decision_period[case.body_id])), as_of)
        delivery = _kept(deadlines.get((str(case.pk), "penalty-delivery")), as_of) if case.decided_on else PENDING
        if decision == BAD:
            outcome = f"{BAD}:" + _("超过法定期限未作出决定或逾期作出决定")
        elif delivery == BAD:
            outcome = f"{BAD}:" + _("决定书未在法定期限内送达")
        else:
            outcome = GOOD if decision == GOOD and delivery == GOOD else PENDING
        items.append((case.body_id, CASE, case.pk, _name(case), outcome))
    return _results(bodies, items, none_text=_("本年度未立案。"))


@checks.register(22, label=gettext_lazy("涉嫌犯罪案件依法按时移送"))
def transfers_on_time(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each transfer proposed in the year was decided within 3 days and, where the police opened a
    case, its materials handed over within 3 days (行政执法机关移送涉嫌犯罪案件的规定第五条、第十二条)."""
    start, end = _span(year, as_of)
    transfers = list(
        Transfer.objects.filter(
            body__in=[body.pk for body in bodies], proposed_on__gte=start, proposed_on__lte=end
        ).select_related("case")
    )
    deadlines = _deadlines(
        Transfer, [t.pk for t in transfers], ["criminal-transfer-approve", "criminal-transfer-handover"]
    )
    items = []
    for transfer in transfers:
        approval = _kept(deadlines.get((str(transfer.pk), "criminal-transfer-approve")), as_of)
        handover = (
            _kept(deadlines.get((str(transfer.pk), "criminal-transfer-handover")), as_of)
            if transfer.status == TransferStatus.ACCEPTED
            else GOOD
        )
        if approval == BAD:
            outcome = f"{BAD}:" + _("未在3日内作出是否批准移送的决定")
        elif handover == BAD:
            outcome = f"{BAD}:" + _("未在3日内移交涉案物品和材料")
        else:
            outcome = GOOD if approval == GOOD and handover == GOOD else PENDING
        items.append((transfer.body_id, Transfer._meta.label_lower, transfer.pk, _name(transfer.case), outcome))
    return _results(bodies, items, none_text=_("本年度无涉嫌犯罪案件移送。"))


@checks.register(25, label=gettext_lazy("案卷评查合格"))
def files_reviewed(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """The body's files sampled for the year's review are scored at or above the pass mark; an
    unscored file is pending until the year is over."""
    sheet = ReviewSheet.objects.filter(year=year).first()
    reviews = list(FileReview.objects.filter(sheet=sheet, body__in=[b.pk for b in bodies]).select_related("case"))
    year_over = as_of > datetime.date(year, 12, 31)
    items = []
    for review in reviews:
        if review.total is None:
            outcome = f"{BAD}:" + _("抽取的案卷未评查") if year_over else PENDING
        elif review.total < sheet.pass_mark:
            outcome = f"{BAD}:" + _("评查得分%(total)s，低于合格分数%(mark)s") % {
                "total": review.total,
                "mark": sheet.pass_mark,
            }
        else:
            outcome = GOOD
        items.append((review.body_id, CASE, review.case_id, _name(review.case), outcome))
    return _results(bodies, items, none_text=_("本年度未抽取本单位案卷评查。"))
