"""Seed arts. 26 and 27 (政务公开), checked over many bodies in a fixed number of queries.

Art. 26 — proactive disclosure, catalogue kept current: a body meets it for a year when it keeps
a catalogue (at least one item published by `as_of`) and every item whose 20 working days
(`proactive-disclosure`, 条例 art. 26) ended in the year was published within them; an item
published late, or still unpublished after its deadline, fails and is named. The rate is items
on time over items due.

Art. 27 — guide, yearly report, website report, key areas: the guide published and current; the
yearly report for the previous year published by its day (`ReportSchedule`; before that day the
article is 未到期 unless already published); for governments the website report likewise and key-
area information (意见第二十七条) in the catalogue.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock.models import Deadline
from fazhi.core.dates import day_text
from fazhi.disclosure import selectors
from fazhi.disclosure.choices import GuideStatus, ItemStatus, ReportKind, ReportStatus
from fazhi.disclosure.models import AnnualReport, CatalogueItem, Guide, WebsiteReport
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

ITEM = CatalogueItem._meta.label_lower
REPORT = AnnualReport._meta.label_lower
GUIDE = Guide._meta.label_lower
EVIDENCE_LIMIT = 20


@checks.register(26, label=gettext_lazy("主动公开；政府信息公开目录及时更新"))
def proactive_disclosure(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    with_catalogue = set(
        CatalogueItem.objects.filter(body__in=ids, published_on__lte=as_of)
        .exclude(status=ItemStatus.DRAFT)
        .values_list("body_id", flat=True)
        .distinct()
    )
    deadlines = list(
        Deadline.objects.filter(
            body__in=ids, matter="proactive-disclosure", due_on__gte=first, due_on__lte=min(last, as_of)
        )
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .values_list("pk", "body_id", "object_id", "due_on", "closed_on")
    )
    titles = dict(CatalogueItem.objects.filter(pk__in=[int(row[2]) for row in deadlines]).values_list("pk", "title"))
    withdrawn = set(
        CatalogueItem.objects.filter(pk__in=[int(row[2]) for row in deadlines], status=ItemStatus.WITHDRAWN)
        .filter(published_on__isnull=True)
        .values_list("pk", flat=True)
    )
    results = {}
    for body in bodies:
        if body.pk not in with_catalogue:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_MET, _("%(date)s尚无已公开的政府信息公开目录。") % {"date": day_text(as_of)}
            )
            continue
        due = [row for row in deadlines if row[1] == body.pk and int(row[2]) not in withdrawn]
        late = []
        on_time = 0
        for _pk, _body, object_id, due_on, closed_on in due:
            title = titles.get(int(object_id), "")
            if closed_on is not None and closed_on <= due_on:
                on_time += 1
            elif closed_on is not None:
                late.append(
                    RecordRef(
                        ITEM, int(object_id), _("“%(t)s”逾期公开（应于%(d)s前）") % {"t": title, "d": day_text(due_on)}
                    )
                )
            elif due_on < as_of:
                late.append(
                    RecordRef(
                        ITEM,
                        int(object_id),
                        _("“%(t)s”逾期未公开（应于%(d)s前）") % {"t": title, "d": day_text(due_on)},
                    )
                )
            else:
                on_time += 1  # due today, still open
        status = CheckStatus.NOT_MET if late else CheckStatus.MET
        results[body.pk] = CheckResult(
            status=status,
            summary=_("本年度到期应公开的信息 %(n)d 条，按期公开 %(ok)d 条。") % {"n": len(due), "ok": on_time},
            numerator=on_time,
            denominator=len(due),
            failing=late,
        )
    return results


@checks.register(27, label=gettext_lazy("公开指南、年度报告、网站年度报表、重点领域信息"))
def guide_and_reports(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """For `year`: the guide current on `as_of`; the report for `year - 1` published by its day in
    `year`; for governments the website report for `year - 1` and key-area items."""
    ids = [body.pk for body in bodies]
    guides = dict(
        Guide.objects.filter(body__in=ids, status=GuideStatus.PUBLISHED, published_on__lte=as_of).values_list(
            "body_id", "pk"
        )
    )
    reports = {
        row[0]: row
        for row in AnnualReport.objects.filter(body__in=ids, year=year - 1, status=ReportStatus.PUBLISHED).values_list(
            "body_id", "pk", "published_on"
        )
    }
    websites = dict(WebsiteReport.objects.filter(body__in=ids, year=year - 1).values_list("body_id", "published_on"))
    key_area = set(
        CatalogueItem.objects.filter(body__in=ids, status=ItemStatus.PUBLISHED, published_on__lte=as_of)
        .exclude(key_area="")
        .values_list("body_id", flat=True)
        .distinct()
    )
    report_days = selectors.schedule_dates(ReportKind.ANNUAL, bodies, year - 1)
    website_days = selectors.schedule_dates(ReportKind.WEBSITE, bodies, year - 1)
    results = {}
    for body in bodies:
        government = body.kind in selectors.GOVERNMENT_KINDS
        problems, waiting = [], []
        if body.pk not in guides:
            problems.append(_("未发布政府信息公开指南。"))
        row = reports.get(body.pk)
        day = report_days[body.pk]
        if row is not None and row[2] is not None and row[2] <= day and row[2] <= as_of:
            pass
        elif row is not None and row[2] is not None and row[2] <= as_of:
            problems.append(
                _("%(y)d年度报告于%(on)s公布，晚于%(due)s。")
                % {"y": year - 1, "on": day_text(row[2]), "due": day_text(day)}
            )
        elif as_of <= day:
            waiting.append(_("%(y)d年度报告应于%(due)s前公布。") % {"y": year - 1, "due": day_text(day)})
        else:
            problems.append(_("%(y)d年度报告逾期未公布（应于%(due)s前）。") % {"y": year - 1, "due": day_text(day)})
        if government:
            published = websites.get(body.pk)
            wday = website_days[body.pk]
            if published is not None and published <= wday and published <= as_of:
                pass
            elif published is not None and published <= as_of:
                problems.append(_("政府网站工作年度报表晚于%(due)s公布。") % {"due": day_text(wday)})
            elif as_of <= wday:
                waiting.append(_("政府网站工作年度报表应于%(due)s前公布。") % {"due": day_text(wday)})
            else:
                problems.append(_("政府网站工作年度报表逾期未公布（应于%(due)s前）。") % {"due": day_text(wday)})
            if body.pk not in key_area:
                problems.append(_("政府信息公开目录中没有重点领域信息。"))
        if problems:
            status = CheckStatus.NOT_MET
        elif waiting:
            status = CheckStatus.NOT_YET_DUE
        else:
            status = CheckStatus.MET
        failing = [RecordRef(REPORT, row[1], _("年度报告"))] if row is not None and problems else []
        results[body.pk] = CheckResult(
            status=status,
            summary="".join([*problems, *waiting]) or _("指南现行，年度报告按期公布。"),
            failing=failing,
            evidence=[RecordRef(GUIDE, guides[body.pk], _("政府信息公开指南"))] if body.pk in guides else [],
        )
    return results
