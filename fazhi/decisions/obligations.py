"""Seed arts. 10 (the yearly catalog of major decisions) and 46 (legal advisers), checked.

Art. 10: every government and administrative body compiles its catalog of the year's major
decisions and publishes it on the portal. The seed sets no date; the catalog is a plan for the
year, so this platform expects it in the first quarter (`CATALOG_DUE`) — before then a body
without one is 未到期, after it 未达标, and one published by `as_of` meets the article.

Art. 46: every such body has a legal-adviser team, and major decisions get an adviser's opinion.
A body meets it when at least one adviser of its own roster is serving on `as_of` and every
decision it made in the year (the deciding body's; `decided_on` in the year, up to `as_of`) has at
least one adviser's opinion on record. A fixed number of queries, whatever the number of bodies.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.decisions.choices import CatalogStatus, DecisionStatus
from fazhi.decisions.models import AdviserOpinion, Decision, DecisionCatalog, LegalAdviser
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

# This platform's practice, not the seed's: the catalog is due by 1 April of its year (the end of
# the first quarter). Change the month and day here to configure another city's practice.
CATALOG_DUE = (4, 1)
EVIDENCE_LIMIT = 20
CATALOG = DecisionCatalog._meta.label_lower
DECISION = Decision._meta.label_lower
ADVISER = LegalAdviser._meta.label_lower
# The decisions that were made (or refused) by the deciding body, whatever happened to them later.
DECIDED_STATUSES = (
    DecisionStatus.DECIDED,
    DecisionStatus.NOT_ADOPTED,
    DecisionStatus.REPORTED,
    DecisionStatus.PUBLISHED,
    DecisionStatus.SUSPENDED,
    DecisionStatus.ADJUSTED,
)


def catalog_due(year: int) -> datetime.date:
    return datetime.date(year, *CATALOG_DUE)


@checks.register(10, label=gettext_lazy("年度重大行政决策事项目录编制并公开"))
def catalog_published(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """The body's catalog for `year`, published by `as_of`; not yet due before `CATALOG_DUE`."""
    published = {
        catalog.body_id: catalog
        for catalog in DecisionCatalog.objects.filter(
            body__in=[body.pk for body in bodies],
            year=year,
            status=CatalogStatus.PUBLISHED,
            published_on__lte=as_of,
        ).annotate(item_count=Count("items"))
    }
    due = catalog_due(year)
    results = {}
    for body in bodies:
        catalog = published.get(body.pk)
        if catalog is not None:
            summary = _("%(date)s公布，列入决策事项 %(count)d 项。") % {
                "date": day_text(catalog.published_on),
                "count": catalog.item_count,
            }
            if catalog.published_on >= due:
                summary += _("（晚于本平台要求的%(due)s）") % {"due": day_text(due)}
            results[body.pk] = CheckResult(
                CheckStatus.MET, summary, evidence=[RecordRef(CATALOG, catalog.pk, catalog.title)]
            )
        elif as_of < due:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_YET_DUE,
                _("%(year)d年度目录尚未公布；本平台要求在%(due)s前公布。") % {"year": year, "due": day_text(due)},
            )
        else:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET,
                _("%(year)d年度重大行政决策事项目录未经党委同意并向社会公布（应于%(due)s前）。")
                % {"year": year, "due": day_text(due)},
            )
    return results


@checks.register(46, label=gettext_lazy("法律顾问制度；重大行政决策经法律顾问提出意见"))
def advisers_consulted(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """A serving adviser on `as_of`, and an adviser's opinion on every decision made in the year."""
    ids = [body.pk for body in bodies]
    serving = dict(
        LegalAdviser.objects.filter(body__in=ids)
        .serving(as_of)
        .order_by()
        .values("body_id")
        .annotate(count=Count("id"))
        .values_list("body_id", "count")
    )
    first, last = checks.year_bounds(year)
    decisions = list(
        Decision.objects.filter(
            deciding_body__in=ids,
            status__in=DECIDED_STATUSES,
            decided_on__gte=first,
            decided_on__lte=min(last, as_of),
        )
        .only("id", "title", "deciding_body_id")
        .order_by("decided_on", "id")
    )
    consulted = set(
        AdviserOpinion.objects.filter(
            content_type=ContentType.objects.get_for_model(Decision),
            object_id__in=[str(decision.pk) for decision in decisions],
            given_on__lte=as_of,
        ).values_list("object_id", flat=True)
    )
    grouped = checks.by_body(decisions, lambda decision: decision.deciding_body_id)
    results = {}
    for body in bodies:
        mine = grouped[body.pk]
        failing = [
            RecordRef(DECISION, decision.pk, _("《%(title)s》未经法律顾问提出意见") % {"title": decision.title})
            for decision in mine
            if str(decision.pk) not in consulted
        ]
        evidence = [
            RecordRef(DECISION, decision.pk, decision.title) for decision in mine if str(decision.pk) in consulted
        ][:EVIDENCE_LIMIT]
        good = len(mine) - len(failing)
        count = serving.get(body.pk, 0)
        parts = []
        if count:
            parts.append(_("在聘法律顾问 %(count)d 名。") % {"count": count})
        else:
            parts.append(_("%(date)s没有在聘的法律顾问。") % {"date": day_text(as_of)})
        if mine:
            parts.append(
                _("本年度作出重大行政决策 %(total)d 项，经法律顾问提出意见 %(good)d 项。")
                % {"total": len(mine), "good": good}
            )
        else:
            parts.append(_("本年度尚未作出重大行政决策。"))
        status = CheckStatus.MET if count and not failing else CheckStatus.NOT_MET
        results[body.pk] = CheckResult(
            status=status,
            summary="".join(parts),
            numerator=good if mine else None,
            denominator=len(mine) if mine else None,
            failing=failing,
            evidence=evidence,
        )
    return results


# Arts. 11–16 read the procedure's records; kept in their own module, registered with these.
from fazhi.decisions import procedure_obligations  # noqa: E402, F401
