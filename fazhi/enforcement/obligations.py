"""Seed arts. 17 (certified officers), 18 (discretion benchmarks) and 21 (the legal-review catalog), checked.

Art. 17: no one enforces without a valid certificate. A body meets it when every officer assigned
to a case it filed in the year (up to `as_of`) held a certificate valid on the day of assignment —
the certificate the assignment recorded, suspended or revoked only later if at all. The summary
says how many of the body's officers hold a valid certificate on `as_of`.

Art. 18: a body has published at least one discretion benchmark by `as_of`, and every case it
decided in the year under a benchmark either stays within the band its facts fall in or records
the reason for departing from it (the reason case-file review reads).

Art. 21: a body has published its catalog of enforcement decisions that need legal review by `as_of`.

Each runs a fixed number of queries, whatever the number of bodies.
"""

import datetime

from django.db.models import Count, Max, Min, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import BenchmarkStatus
from fazhi.enforcement.models import Benchmark, BenchmarkBand, Case, CaseOfficer, Certificate, ReviewCatalogEntry
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

CASE = Case._meta.label_lower
BENCHMARK = Benchmark._meta.label_lower
ENTRY = ReviewCatalogEntry._meta.label_lower
EVIDENCE_LIMIT = 20


def _case_name(case: Case) -> str:
    return case.number or _("案件%(id)d") % {"id": case.pk}


def _valid_on_assignment(assignment: CaseOfficer) -> bool:
    certificate = assignment.certificate
    return certificate.officer_id == assignment.officer_id and selectors.certificate_valid_on(
        certificate, assignment.assigned_on
    )


@checks.register(17, label=gettext_lazy("执法人员持证上岗"))
def officers_certified(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Every assignment to a case filed in the year rests on a certificate valid on its day."""
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    assignments = list(
        CaseOfficer.objects.filter(case__body__in=ids, case__filed_on__gte=first, case__filed_on__lte=min(last, as_of))
        .select_related("case", "officer", "certificate")
        .only(
            "assigned_on",
            "officer_id",
            "officer__name",
            "case__id",
            "case__number",
            "case__body_id",
            "certificate__officer_id",
            "certificate__number",
            "certificate__issued_on",
            "certificate__expires_on",
            "certificate__status",
            "certificate__status_changed_on",
        )
        .order_by("case__filed_on", "case_id", "id")
    )
    certified = dict(
        Certificate.objects.valid_on(as_of)
        .filter(officer__body__in=ids)
        .order_by()
        .values("officer__body_id")
        .annotate(count=Count("officer", distinct=True))
        .values_list("officer__body_id", "count")
    )
    grouped = checks.by_body(assignments, lambda assignment: assignment.case.body_id)
    results = {}
    for body in bodies:
        mine = grouped[body.pk]
        failing = [
            RecordRef(
                CASE,
                assignment.case.pk,
                _("%(case)s：执法人员%(name)s指派时（%(date)s）未持有效执法证")
                % {
                    "case": _case_name(assignment.case),
                    "name": assignment.officer.name,
                    "date": day_text(assignment.assigned_on),
                },
            )
            for assignment in mine
            if not _valid_on_assignment(assignment)
        ]
        cases = {assignment.case.pk: assignment.case for assignment in mine}
        parts = [
            _("%(date)s持有效执法证的执法人员 %(count)d 名。")
            % {"date": day_text(as_of), "count": certified.get(body.pk, 0)}
        ]
        if mine:
            parts.append(
                _("本年度立案 %(cases)d 件，指派执法人员 %(total)d 人次，持有效执法证 %(good)d 人次。")
                % {"cases": len(cases), "total": len(mine), "good": len(mine) - len(failing)}
            )
        else:
            parts.append(_("本年度尚无立案案件。"))
        results[body.pk] = CheckResult(
            CheckStatus.NOT_MET if failing else CheckStatus.MET,
            "".join(parts),
            numerator=len(mine) - len(failing) if mine else None,
            denominator=len(mine) if mine else None,
            failing=failing,
            evidence=[RecordRef(CASE, case.pk, _case_name(case)) for case in cases.values()][:EVIDENCE_LIMIT],
        )
    return results


@checks.register(18, label=gettext_lazy("行政裁量权基准公开并适用"))
def benchmarks_published_and_applied(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """A benchmark published by `as_of`; cases decided outside their band carry the reason."""
    ids = [body.pk for body in bodies]
    published = {
        row["body_id"]: row
        for row in Benchmark.objects.filter(
            body__in=ids,
            status__in=[BenchmarkStatus.PUBLISHED, BenchmarkStatus.SUPERSEDED],
            published_on__lte=as_of,
        )
        .order_by()
        .values("body_id")
        .annotate(count=Count("id"), first=Min("published_on"), last=Max("published_on"))
    }
    in_force = dict(
        Benchmark.objects.filter(body__in=ids, status=BenchmarkStatus.PUBLISHED, published_on__lte=as_of)
        .order_by()
        .values("body_id")
        .annotate(count=Count("id"))
        .values_list("body_id", "count")
    )
    first, last = checks.year_bounds(year)
    cases = list(
        Case.objects.filter(
            body__in=ids,
            benchmark__isnull=False,
            decided_on__gte=first,
            decided_on__lte=min(last, as_of),
        )
        .select_related("benchmark")
        .prefetch_related(Prefetch("benchmark__bands", queryset=BenchmarkBand.objects.order_by("order")))
        .only(
            "id",
            "number",
            "body_id",
            "amount_involved",
            "first_violation",
            "harm",
            "fine",
            "penalty_kinds",
            "out_of_band_reason",
            "benchmark__id",
        )
        .order_by("decided_on", "id")
    )
    grouped = checks.by_body(cases, lambda case: case.body_id)
    results = {}
    for body in bodies:
        mine = grouped[body.pk]
        outside = [
            case
            for case in mine
            if selectors.outside_band(
                case,
                selectors.matching_band(
                    case.benchmark.bands.all(),
                    amount_involved=case.amount_involved,
                    first_violation=case.first_violation,
                    harm=case.harm,
                ),
            )
        ]
        failing = [
            RecordRef(CASE, case.pk, _("%(case)s：处罚超出裁量基准，未写明理由") % {"case": _case_name(case)})
            for case in outside
            if not case.out_of_band_reason.strip()
        ]
        row = published.get(body.pk)
        parts = []
        if row is None:
            parts.append(_("截至%(date)s尚未公布行政处罚裁量基准。") % {"date": day_text(as_of)})
        else:
            parts.append(
                _("已公布裁量基准 %(count)d 项（现行 %(current)d 项），最近一次公布于%(date)s。")
                % {"count": row["count"], "current": in_force.get(body.pk, 0), "date": day_text(row["last"])}
            )
        if mine:
            parts.append(
                _("本年度依裁量基准决定 %(total)d 件，超出阶次 %(outside)d 件，其中未写明理由 %(missing)d 件。")
                % {"total": len(mine), "outside": len(outside), "missing": len(failing)}
            )
        results[body.pk] = CheckResult(
            CheckStatus.MET if row is not None and not failing else CheckStatus.NOT_MET,
            "".join(parts),
            numerator=len(mine) - len(failing) if mine else None,
            denominator=len(mine) if mine else None,
            failing=failing,
            evidence=[
                RecordRef(CASE, case.pk, _case_name(case)) for case in outside if case.out_of_band_reason.strip()
            ][:EVIDENCE_LIMIT],
        )
    return results


@checks.register(21, label=gettext_lazy("重大执法决定法制审核目录向社会公开"))
def review_catalog_published(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """The body's legal-review catalog, published by `as_of`."""
    rows = {
        row["body_id"]: row
        for row in ReviewCatalogEntry.objects.filter(
            body__in=[body.pk for body in bodies], published_on__isnull=False, published_on__lte=as_of
        )
        .order_by()
        .values("body_id")
        .annotate(count=Count("id"), first=Min("published_on"), last=Max("published_on"), sample=Min("id"))
    }
    results = {}
    for body in bodies:
        row = rows.get(body.pk)
        if row is None:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET,
                _("截至%(date)s尚未向社会公开重大执法决定法制审核目录。") % {"date": day_text(as_of)},
            )
            continue
        results[body.pk] = CheckResult(
            CheckStatus.MET,
            _("%(date)s公布重大执法决定法制审核目录，现列事项 %(count)d 项。")
            % {"date": day_text(row["first"]), "count": row["count"]},
            evidence=[
                RecordRef(ENTRY, row["sample"], _("法制审核目录（%(date)s更新）") % {"date": day_text(row["last"])})
            ],
        )
    return results


# Arts. 19, 20, 22 and 25 read the cases' records; kept in their own module, registered with these.
from fazhi.enforcement import case_obligations  # noqa: E402, F401
