"""Seed articles that the records kept in `core` can already answer (see `fazhi.obligations`).

Art. 38 asks every administrative body to publish channels for the public's complaints and
reports, to register what comes in, and to handle it 依法及时. Until the intake module lands,
what the public sends a body through the platform is a `PublicSubmission` (意见建议 today); the
portal lists the bodies that receive each kind, which is the published channel. The seed sets no
period of its own, so the check borrows the closest statutory ones, from 信访工作条例 (2022):
take the matter up (受理) or refuse it with reasons within 15 days of receipt (art. 22–23), and
answer within 60 days of taking it up (art. 34). The intake module will replace this check with
one over complaints and reports proper; the rule it applies is then its own.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock import services as clock
from fazhi.clock.workdays import WorkCalendar
from fazhi.core.choices import SubmissionStatus
from fazhi.core.models import Body, PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

# The submission kinds that are "人民群众举报、反映的问题" under art. 38. Disclosure requests,
# reconsideration applications and petitions have their own articles (26, 30, 33).
ART38_KINDS = ("suggestion", "complaint", "report")
REGISTER_PERIOD = "petition-register"
HANDLE_PERIOD = "petition-handle"
EVIDENCE_LIMIT = 20
_HANDLED = (SubmissionStatus.ANSWERED, SubmissionStatus.CLOSED, SubmissionStatus.REJECTED)


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _year_window(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


@checks.register(38, label=gettext_lazy("投诉举报登记与及时处理"))
def complaints_handled(bodies: list[Body], year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Channels open, and what the public sent in the year taken up and answered in time.

    Not met: the body receives none of the art. 38 kinds on the portal, or a submission was left
    untaken past 15 days, or unanswered past 60 days after it was taken up (or answered late).
    Rate: handled (answered, closed or refused with reasons) by `as_of` over received in the
    year up to `as_of`. Not yet due: everything received is still inside its period.
    """
    ids = [body.pk for body in bodies]
    kinds = [kind for kind in submission_services.kinds() if kind.key in ART38_KINDS]
    open_channel: set[int] = set()
    for kind in kinds:
        receivers = kind.receivers(Body.objects.current(as_of)).filter(pk__in=ids)
        open_channel.update(receivers.values_list("pk", flat=True))

    start, end = _year_window(year)
    known_until = datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time(), start.tzinfo)
    rows = (
        PublicSubmission.objects.filter(
            Q(body_id__in=ids),
            kind__in=[kind.key for kind in kinds],
            created_at__gte=start,
            created_at__lt=min(end, known_until),
        )
        .order_by("body_id", "created_at", "id")
        .values("id", "body_id", "receipt_code", "status", "created_at", "accepted_at", "replied_at", "rejected_at")
    )
    calendar = WorkCalendar()
    tallies = {pk: {"received": 0, "handled": 0, "pending": 0, "failing": [], "evidence": []} for pk in ids}
    for row in rows:
        tally = tallies[row["body_id"]]
        tally["received"] += 1
        outcome = _judge(row, as_of, calendar)
        ref = RecordRef("core.publicsubmission", row["id"], outcome["description"])
        if outcome["handled"]:
            tally["handled"] += 1
        if outcome["failing"]:
            tally["failing"].append(ref)
        elif outcome["handled"]:
            if len(tally["evidence"]) < EVIDENCE_LIMIT:
                tally["evidence"].append(ref)
        else:
            tally["pending"] += 1

    results = {}
    for body in bodies:
        tally = tallies[body.pk]
        received, handled = tally["received"], tally["handled"]
        counts = {"received": received, "handled": handled, "pending": tally["pending"], "as_of": as_of.isoformat()}
        if body.pk not in open_channel:
            status = CheckStatus.NOT_MET
            summary = _("平台门户未向社会公布本单位的投诉举报受理渠道。")
        elif tally["failing"]:
            status = CheckStatus.NOT_MET
            summary = _("截至 %(as_of)s，收到 %(received)d 件，已办理 %(handled)d 件，逾期 %(late)d 件。") % {
                **counts,
                "late": len(tally["failing"]),
            }
        elif received == 0:
            status = CheckStatus.MET
            summary = _("受理渠道已在平台门户公布；截至 %(as_of)s 本年度未收到投诉举报。") % counts
        elif tally["pending"] == received:
            status = CheckStatus.NOT_YET_DUE
            summary = _("截至 %(as_of)s，收到 %(received)d 件，均在办理期限内。") % counts
        else:
            status = CheckStatus.MET
            summary = _(
                "截至 %(as_of)s，收到 %(received)d 件，已办理 %(handled)d 件，在期限内办理中 %(pending)d 件。"
            ) % (counts)
        results[body.pk] = CheckResult(
            status=status,
            summary=summary,
            numerator=handled,
            denominator=received,
            failing=tally["failing"],
            evidence=tally["evidence"],
        )
    return results


def _judge(row: dict, as_of: datetime.date, calendar: WorkCalendar) -> dict:
    """One submission as known on `as_of`: handled or not, and whether it breaks its period."""
    code = row["receipt_code"]
    received = _local_date(row["created_at"])
    accepted = _local_date(row["accepted_at"])
    if accepted is not None and accepted > as_of:
        accepted = None
    finished = _local_date(row["replied_at"] or row["rejected_at"])
    if row["status"] not in _HANDLED or finished is None or finished > as_of:
        finished = None
    register_due = clock.due_for(REGISTER_PERIOD, received, work_calendar=calendar).due
    handle_due = clock.due_for(HANDLE_PERIOD, accepted, work_calendar=calendar).due if accepted else None

    if finished is not None:
        due = handle_due if accepted is not None else register_due
        if accepted is not None and accepted > register_due:
            return _outcome(
                True, True, _("%(code)s 于 %(on)s 受理，超过受理期限 %(due)s") % _d(code, accepted, register_due)
            )
        if finished > due:
            return _outcome(True, True, _("%(code)s 于 %(on)s 办结，超过期限 %(due)s") % _d(code, finished, due))
        return _outcome(True, False, _("%(code)s 于 %(on)s 办结") % _d(code, finished, due))
    if accepted is None:
        if as_of > register_due:
            return _outcome(
                False,
                True,
                _("%(code)s 逾期未受理（应于 %(due)s 前受理或告知不予受理）") % _d(code, None, register_due),
            )
        return _outcome(False, False, _("%(code)s 待受理（期限 %(due)s）") % _d(code, None, register_due))
    if accepted > register_due:
        return _outcome(
            False, True, _("%(code)s 于 %(on)s 受理，超过受理期限 %(due)s") % _d(code, accepted, register_due)
        )
    if as_of > handle_due:
        return _outcome(False, True, _("%(code)s 逾期未答复（应于 %(due)s 前答复）") % _d(code, None, handle_due))
    return _outcome(False, False, _("%(code)s 办理中（期限 %(due)s）") % _d(code, None, handle_due))


def _d(code: str, on: datetime.date | None, due: datetime.date) -> dict:
    return {"code": code, "on": on.isoformat() if on else "", "due": due.isoformat()}


def _outcome(handled: bool, failing: bool, description: str) -> dict:
    return {"handled": handled, "failing": failing, "description": description}
