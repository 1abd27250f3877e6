"""Taking the board's daily snapshot: every check run once over every body, its answer kept.

`take_snapshot` is what the scheduled job (`tasks.py`) and `fazhi obligations snapshot` call. It
claims the day first — a row unique on (year, as_of), inserted in its own transaction — so that
two sweeps at once take it once: the loser sees the row and stops. The checks then run outside any
transaction (they only read, and a write lock held for the seconds they take would stall every
clerk on SQLite); the standings and the new findings are written in one short transaction, and
only then is the snapshot marked finished, so the board never shows half a day.

The checks are `checks.run_all`, the very calls the year-end evaluation makes (`assessment.
evaluation._score_automatic` runs `checks.run` per article over its members with its `as_of`), so
a snapshot of day D and an evaluation read as of D rest on the same results.
"""

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import clean_date
from fazhi.core.jobs import new_runner_id
from fazhi.core.models import Body
from fazhi.obligations import checks, registry
from fazhi.obligations.choices import STATUS_CODES, BoardStatus
from fazhi.obligations.models import Finding, Snapshot, Standing

FIRST_YEAR = 2018  # the seed was issued in 2018
# A claim this old and unfinished belongs to a sweep that died: another may take the day over.
STALE_CLAIM_AFTER = datetime.timedelta(hours=1)
# Failing and evidence records kept per finding (the totals are kept too).
RECORD_LIMIT = 50
# The previous year keeps being snapshotted daily until this day of the next (month, day): the last
# yearly duties of a year fall due in the first quarter of the next (the rule-of-law report by
# 31 January, seed art. 44; the government's disclosure report by 31 March, 政府信息公开条例 art. 49).
PREVIOUS_YEAR_UNTIL = (3, 31)


def bodies_of(year: int, as_of: datetime.date):
    """The bodies a snapshot covers: those that existed during the year, up to `as_of`."""
    first, last = checks.year_bounds(year)
    return (
        Body.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=min(as_of, last)))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("tree_path")
    )


def years_due(today: datetime.date) -> list[int]:
    """The years the daily job snapshots on `today`: this one, and the last one until its duties close."""
    years = [today.year]
    if (today.month, today.day) <= PREVIOUS_YEAR_UNTIL:
        years.insert(0, today.year - 1)
    return years


def _clean_year(year, as_of: datetime.date) -> int:
    if year in (None, ""):
        return as_of.year
    text = str(year).strip()
    if not (text.isascii() and text.isdecimal() and len(text) == 4) or not FIRST_YEAR <= int(text) <= as_of.year:
        message = _("年度应为 %(first)d 至 %(last)d 之间的四位年份（不晚于数据日期所在年度）。") % {
            "first": FIRST_YEAR,
            "last": as_of.year,
        }
        raise InvalidInput(message, errors={"year": [message]})
    return int(text)


def _claim(year: int, as_of: datetime.date, runner: str, replace: bool) -> Snapshot | None:
    """The day's row, now held by `runner`; None when another sweep holds it or it is done."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return Snapshot.objects.create(year=year, as_of=as_of, runner=runner, started_at=now)
    except IntegrityError:
        pass
    stale = Q(finished_at__isnull=True, started_at__lt=now - STALE_CLAIM_AFTER)
    if replace:
        if Snapshot.objects.filter(year=year, as_of=as_of, finished_at__isnull=True).exclude(stale).exists():
            raise Conflict(_("该日的快照正在生成，请稍后再试。"), code="in_progress")
        stale |= Q(finished_at__isnull=False)
    claimed = Snapshot.objects.filter(stale, year=year, as_of=as_of).update(runner=runner, started_at=now)
    return Snapshot.objects.get(year=year, as_of=as_of) if claimed else None


def _detail(result: checks.CheckResult) -> dict:
    return {
        "status": str(result.status),
        "numerator": result.numerator,
        "denominator": result.denominator,
        "summary": result.summary,
        "failing": [ref.as_dict() for ref in result.failing[:RECORD_LIMIT]],
        "evidence": [ref.as_dict() for ref in result.evidence[:RECORD_LIMIT]],
        "failing_total": len(result.failing),
        "evidence_total": len(result.evidence),
    }


def _digest(detail: dict) -> str:
    return hashlib.sha256(audit.canonical_json(detail).encode()).hexdigest()[:16]


def _rows(snapshot: Snapshot, bodies: list, results: dict) -> tuple[list[Standing], list[Finding]]:
    """Each body's standing, and every finding it points to (new or not: the caller keeps the new)."""
    obligations = registry.all_obligations()
    standings, findings = [], []
    for body in bodies:
        codes, digests = [], []
        for obligation in obligations:
            per_body = results.get(obligation.article)
            if per_body is None:
                bound = obligation.applies_to(body) and checks.existed_during(body, snapshot.year)
                codes.append(STATUS_CODES[BoardStatus.MANUAL if bound else BoardStatus.NOT_APPLICABLE])
                digests.append("")
                continue
            detail = _detail(per_body[body.pk])
            digest = _digest(detail)
            codes.append(STATUS_CODES[detail["status"]])
            digests.append(digest)
            findings.append(
                Finding(body=body, article=obligation.article, digest=digest, first_seen=snapshot.as_of, **detail)
            )
        standings.append(Standing(snapshot=snapshot, body=body, statuses="".join(codes), findings=digests))
    return standings, findings


def _known_findings(snapshot: Snapshot) -> set[tuple[int, int, str]]:
    """(body, article, digest) of the findings the year's previous snapshot points to: kept already."""
    previous = (
        Snapshot.objects.complete()
        .filter(year=snapshot.year, as_of__lt=snapshot.as_of)
        .order_by("-as_of")
        .values_list("pk", flat=True)
        .first()
    )
    known = set()
    for body_id, digests in Standing.objects.filter(snapshot_id=previous).values_list("body_id", "findings"):
        known.update((body_id, article, digest) for article, digest in enumerate(digests, start=1) if digest)
    return known


def take_snapshot(*, as_of=None, year=None, replace: bool = False, runner: str | None = None, actor=None):
    """Store the board of `year` as of `as_of` (today and this year by default); returns the snapshot,
    or None when the day is taken already (or being taken by another sweep) and `replace` is not asked.

    With `replace` a finished day is taken again (after late entries, say); never a day being taken.
    """
    today = timezone.localdate()
    as_of = clean_date(
        as_of or today, "as_of", _("数据日期"), not_before=datetime.date(FIRST_YEAR, 1, 1), not_after=today
    )
    year = _clean_year(year, as_of)
    runner = runner or new_runner_id()
    snapshot = _claim(year, as_of, runner, replace)
    if snapshot is None:
        return None
    bodies = list(bodies_of(year, as_of))
    results = checks.run_all(bodies, year, as_of)
    standings, findings = _rows(snapshot, bodies, results)
    with transaction.atomic():
        if not Snapshot.objects.select_for_update().filter(pk=snapshot.pk, runner=runner).exists():
            return None  # taken over meanwhile (this sweep was thought dead): the other one writes
        Standing.objects.filter(snapshot=snapshot).delete()
        known = _known_findings(snapshot)
        new = [f for f in findings if (f.body_id, f.article, f.digest) not in known]
        Finding.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        Standing.objects.bulk_create(standings, batch_size=500)
        snapshot.finished_at = timezone.now()
        snapshot.body_count = len(bodies)
        snapshot.articles = sorted(results)
        snapshot.new_findings = len(new)
        snapshot.save(update_fields=["finished_at", "body_count", "articles", "new_findings"])
        audit.record(
            snapshot,
            "obligations.snapshot_taken",
            actor=actor,
            after={
                "year": year,
                "as_of": as_of,
                "bodies": len(bodies),
                "articles": len(results),
                "new_findings": len(new),
                "replaced": replace,
            },
        )
    return snapshot
