"""What the 政务公开 pages, API, report and checks read."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.core.choices import BodyKind
from fazhi.core.dates import day_text
from fazhi.disclosure.choices import (
    GROUNDS,
    AnswerType,
    ApplicantKind,
    Category,
    GuideStatus,
    ReportKind,
    ReportStatus,
    RequestStatus,
)
from fazhi.disclosure.models import (
    AnnualReport,
    CatalogueItem,
    DisclosureRequest,
    Guide,
    ReportSchedule,
    WebsiteReport,
)

GOVERNMENT_KINDS = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT)
# 条例 art. 49 when the office has set nothing: the government's own report by 31 March, a
# department's by 31 January; the website report by 31 January (国办发〔2019〕61号 and practice).
DEFAULT_SCHEDULE = {ReportKind.ANNUAL: {"government": (3, 31), "other": (1, 31)}, ReportKind.WEBSITE: {"any": (1, 31)}}
REQUEST_RELATED = ("body", "submission", "answer_deadline", "correction_deadline", "third_party_deadline")


# --- catalogue and guides ----------------------------------------------------------------------


def office_items(user):
    return CatalogueItem.objects.restrict(user).select_related("body", "deadline")


def public_items(*, body=None, category="", key_area=""):
    found = CatalogueItem.objects.published().select_related("body")
    if body is not None:
        found = found.filter(body_id=body)
    if category in Category.values:
        found = found.filter(category=category)
    if key_area == "any":
        found = found.exclude(key_area="")
    elif key_area:
        found = found.filter(key_area=key_area)
    return found


def current_guide(body_id: int) -> Guide | None:
    return Guide.objects.filter(body_id=body_id, status=GuideStatus.PUBLISHED).order_by("-version").first()


def public_guides():
    return Guide.objects.filter(status=GuideStatus.PUBLISHED).select_related("body").order_by("body__tree_path")


def public_reports():
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("body")


def office_website_reports(user):
    return WebsiteReport.objects.restrict(user).select_related("body")


def public_website_reports():
    """Every recorded 政府网站工作年度报表: it is recorded once published, so all are public."""
    return WebsiteReport.objects.select_related("body").order_by("-year", "body__tree_path")


# --- requests ----------------------------------------------------------------------------------


def office_requests(user):
    return DisclosureRequest.objects.restrict(user).select_related(*REQUEST_RELATED)


def request_for_submission(submission) -> DisclosureRequest | None:
    return DisclosureRequest.objects.select_related(*REQUEST_RELATED).filter(submission=submission).first()


def deadline_text(deadline) -> str:
    if deadline is None:
        return ""
    if deadline.due_on is None:
        return _("中止计算")
    return day_text(deadline.due_on)


def due_entries(request: DisclosureRequest) -> list[dict]:
    """Each of the request's periods: what, until when (or stopped), closed or not, and its source."""
    entries = []
    for label, deadline in (
        (_("答复期限"), request.answer_deadline),
        (_("告知补正期限"), request.correction_deadline),
        (_("第三方提出意见期限"), request.third_party_deadline),
    ):
        if deadline is None:
            continue
        period = deadline.period
        note = ""
        if deadline.extension_length:
            note = _("经%(who)s于%(on)s批准延长%(n)d个工作日：%(reason)s") % {
                "who": deadline.extension_approved_by,
                "on": day_text(deadline.extension_approved_on),
                "n": deadline.extension_length,
                "reason": deadline.extension_reason,
            }
        entries.append(
            {
                "label": label,
                "due_on": deadline.due_on,
                "closed_on": deadline.closed_on,
                "source": period.source,
                "period": period.describe(),
                "note": note,
            }
        )
    return entries


def public_lines(request: DisclosureRequest) -> list[tuple[str, str]]:
    """What the applicant sees with the receipt: no personal data, nothing internal."""
    lines = []
    if request.status == RequestStatus.RECEIVED:
        lines.append(
            (_("收到申请日期"), _("待受理机关确认收到；确认之日为收到申请之日（政府信息公开条例（2019）第三十一条）"))
        )
        return lines
    lines.append((_("收到申请日期"), day_text(request.received_on)))
    deadline = request.answer_deadline
    if request.status == RequestStatus.ANSWERED:
        label = AnswerType(request.answer_type).label if request.answer_type else ""
        if request.ground:
            label = f"{label}（{request.get_ground_display()}）"
        lines.append((_("办理结果"), label))
        lines.append((_("答复日期"), day_text(request.answered_on)))
        return lines
    if request.status == RequestStatus.CORRECTING:
        lines.append(
            (
                _("需要补正"),
                _("请于%(date)s前补正：%(items)s。答复期限自收到补正之日起重新计算（政府信息公开条例（2019）第三十条）")
                % {"date": day_text(request.correction_due_on), "items": request.correction_items},
            )
        )
    elif request.status == RequestStatus.CONSULTING:
        lines.append(
            (_("答复期限"), _("征求第三方意见期间不计算在答复期限内（政府信息公开条例（2019）第三十二条、第三十三条）"))
        )
    elif deadline is not None and deadline.due_on is not None:
        lines.append((_("答复期限"), f"{day_text(deadline.due_on)}（{deadline.period.source}）"))
    if deadline is not None and deadline.extension_length:
        lines.append(
            (
                _("延长答复期限"),
                _("经政府信息公开工作机构负责人同意，答复期限延长%(n)d个工作日。理由：%(reason)s")
                % {"n": deadline.extension_length, "reason": deadline.extension_reason},
            )
        )
    return lines


# --- yearly reports ----------------------------------------------------------------------------

COLUMNS = [ApplicantKind.PERSON, *[kind for kind in ApplicantKind if kind != ApplicantKind.PERSON]]


def result_rows() -> list[tuple[str, str, str]]:
    """The rows of 三、本年度办理结果: (key, label, indent) in the national format's order."""
    rows = []
    for answer_type in AnswerType:
        grounds = GROUNDS[answer_type]
        if not grounds:
            rows.append((answer_type.value, str(answer_type.label), ""))
            continue
        rows.append((answer_type.value, str(answer_type.label), ""))
        for n, ground in enumerate(grounds, start=1):
            rows.append((f"{answer_type.value}:{ground.value}", f"{n}．{ground.label}", "sub"))
    return rows


def request_table(body_ids, year: int) -> dict[int, dict]:
    """The national table 三、收到和处理政府信息公开申请情况 per body, from the requests.

    Cells are keyed by row then column (the applicant kinds, then `total`): `new` (received in
    the year), `carried_in` (received earlier, not finished by the year's start), each answer type
    and `type:ground` finished in the year, `finished` (七、总计) and `carried_out` (not finished
    at the year's end). One query whatever the number of bodies.
    """
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = (
        DisclosureRequest.objects.filter(body__in=list(body_ids), received_on__isnull=False, received_on__lte=last)
        .filter(Q(answered_on__isnull=True) | Q(answered_on__gte=first))
        .values_list("body_id", "applicant_kind", "received_on", "answered_on", "answer_type", "ground")
    )
    tables = {pk: {} for pk in body_ids}

    def add(table, row, column):
        cells = table.setdefault(row, {})
        cells[column] = cells.get(column, 0) + 1
        cells["total"] = cells.get("total", 0) + 1

    for body_id, kind, received_on, answered_on, answer_type, ground in rows:
        table = tables.setdefault(body_id, {})
        column = kind if kind in ApplicantKind.values else ApplicantKind.OTHER
        add(table, "new" if received_on >= first else "carried_in", column)
        if answered_on is not None and answered_on <= last:
            add(table, answer_type, column)
            if ground:
                add(table, f"{answer_type}:{ground}", column)
            add(table, "finished", column)
        else:
            add(table, "carried_out", column)
    return tables


def table_cell(table: dict, row: str, column: str) -> int:
    return table.get(row, {}).get(column, 0)


def report_figures(body, year: int) -> dict:
    """Everything computed in the yearly report: proactive items by category, rules and normative
    documents made and repealed, penalty and coercion counts, and the request table."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    items = {}
    for category in (
        CatalogueItem.objects.filter(body=body, published_on__gte=first, published_on__lte=last)
        .exclude(status="draft")
        .values_list("category", flat=True)
    ):
        items[category] = items.get(category, 0) + 1
    figures = {"items": items, "items_total": sum(items.values())}
    figures.update(_made_and_repealed(body, first, last))
    figures.update(_enforcement_counts(body, first, last))
    figures["requests"] = request_table([body.pk], year)[body.pk]
    return figures


def _made_and_repealed(body, first, last) -> dict:
    from fazhi.documents.models import NormativeDocument
    from fazhi.rules.models import Rule

    rules = Rule.objects.filter(Q(government=body) | Q(body=body))
    documents = NormativeDocument.objects.filter(body=body)
    return {
        "rules_made": rules.filter(published_on__gte=first, published_on__lte=last).count(),
        "rules_repealed": rules.filter(repealed_on__gte=first, repealed_on__lte=last).count(),
        "documents_made": documents.filter(published_on__gte=first, published_on__lte=last).count(),
        "documents_repealed": documents.filter(repealed_on__gte=first, repealed_on__lte=last).count(),
    }


def _enforcement_counts(body, first, last) -> dict:
    from fazhi.enforcement.models import Case, Seizure

    return {
        "penalties": Case.objects.filter(body=body, decided_on__gte=first, decided_on__lte=last)
        .filter(no_penalty_ground="")
        .count(),
        "coercions": Seizure.objects.filter(case__body=body, decided_on__gte=first, decided_on__lte=last).count(),
    }


def schedule_table(report: str) -> dict[str, tuple[int, int]]:
    """The office's (month, day) per body kind for `report`; one query, reused for many bodies."""
    return {row.body_kind: (row.month, row.day) for row in ReportSchedule.objects.filter(report=report)}


def schedule_date(report: str, body, year: int, table: dict) -> datetime.date:
    """The day `body`'s report for `year` is due (in `year + 1`), from `schedule_table(report)`."""
    month_day = table.get(body.kind)
    if month_day is None:
        defaults = DEFAULT_SCHEDULE[report]
        if report == ReportKind.ANNUAL:
            month_day = defaults["government" if body.kind in GOVERNMENT_KINDS else "other"]
        else:
            month_day = defaults["any"]
    return datetime.date(year + 1, *month_day)


def schedule_dates(report: str, bodies, year: int) -> dict[int, datetime.date]:
    """The day each body's report for `year` is due (in `year + 1`), from `ReportSchedule`."""
    table = schedule_table(report)
    return {body.pk: schedule_date(report, body, year, table) for body in bodies}


def website_report_rows(bodies, year: int) -> list[dict]:
    """For the office page: each body's 政府网站工作年度报表 for `year` with its due day, whether
    recorded and whether late. Governments always have a row (art. 27 checks them); other bodies
    when they have recorded one."""
    bodies = list(bodies)
    recorded = {
        report.body_id: report for report in WebsiteReport.objects.filter(body__in=[b.pk for b in bodies], year=year)
    }
    table = schedule_table(ReportKind.WEBSITE)
    rows = []
    for body in bodies:
        report = recorded.get(body.pk)
        if report is None and body.kind not in GOVERNMENT_KINDS:
            continue
        due_on = schedule_date(ReportKind.WEBSITE, body, year, table)
        rows.append(
            {
                "body": body,
                "year": year,
                "due_on": due_on,
                "report": report,
                "late": report.published_on > due_on if report is not None else None,
            }
        )
    return rows
