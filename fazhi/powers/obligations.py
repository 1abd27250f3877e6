"""Seed art. 5: every administrative body compiles and publishes its 权责清单 and adjusts it when the
laws, regulations and rules behind it are amended or its functions change.

A check over records can see two of the three: whether a list is published, and whether a law a
current power cites was amended after that list was published (the law's dates come from the
corpus import; a law without dates cannot be judged and is passed over). A change of functions
leaves no trace in the records, so it stays with the evaluator.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.models import Body
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.powers.choices import VersionStatus
from fazhi.powers.models import NATIONAL_PREFIX, LawText, PowerBasis, PowerListVersion


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


@checks.register(5, label=gettext_lazy("权责清单编制、公开并适时调整"))
def power_list_kept(bodies: list[Body], year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Met: the list in force on `as_of` was published, and no law it cites was amended after that.

    The list in force on `as_of` is the last version published by that day (a later replacement
    does not count yet). Not met: no list published by then, or a cited law amended after the
    list's publication and by `as_of`. Three queries whatever the number of bodies.
    """
    ids = [body.pk for body in bodies]
    zone = timezone.get_current_timezone()
    known_until = datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time(), zone)
    in_force: dict[int, PowerListVersion] = {}
    published = (
        PowerListVersion.objects.filter(
            body_id__in=ids,
            status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED],
            published_at__lt=known_until,
        )
        .only("id", "body_id", "number", "published_at")
        .order_by("body_id", "-published_at", "-id")
    )
    for version in published:
        in_force.setdefault(version.body_id, version)

    cited: dict[int, set[str]] = {}
    for version_id, title in PowerBasis.objects.filter(
        power__version_id__in=[version.pk for version in in_force.values()]
    ).values_list("power__version_id", "law_title"):
        cited.setdefault(version_id, set()).add(title)
    titles = {title for group in cited.values() for title in group}
    candidates = titles | {NATIONAL_PREFIX + title for title in titles}
    amended = dict(
        LawText.objects.filter(title__in=candidates, amended_on__isnull=False, amended_on__lte=as_of).values_list(
            "title", "amended_on"
        )
    )

    results = {}
    for body in bodies:
        version = in_force.get(body.pk)
        if version is None:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET, _("截至 %(as_of)s，本单位尚未发布权责清单。") % {"as_of": as_of.isoformat()}
            )
            continue
        published_on = _day(version.published_at)
        ref = RecordRef.of(
            version,
            version.pk,
            _("权责清单第%(n)d版，%(on)s 发布") % {"n": version.number, "on": published_on.isoformat()},
        )
        stale = []
        for title in sorted(cited.get(version.pk, ())):
            day = amended.get(title) or amended.get(NATIONAL_PREFIX + title)
            if day is not None and day > published_on:
                stale.append(_("《%(law)s》于 %(on)s 修改") % {"law": title, "on": day.isoformat()})
        if stale:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET,
                _("现行权责清单第%(n)d版（%(on)s 发布）所依据的%(laws)s，清单尚未相应调整。")
                % {"n": version.number, "on": published_on.isoformat(), "laws": "、".join(stale)},
                failing=[ref],
            )
        else:
            results[body.pk] = CheckResult(
                CheckStatus.MET,
                _("现行权责清单第%(n)d版于 %(on)s 发布。") % {"n": version.number, "on": published_on.isoformat()},
                evidence=[ref],
            )
    return results
