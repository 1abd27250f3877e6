"""What the report pages, the API and the checks read: the due days and recipients as configured,
where each body stands on its report for a year, and the scoped lists of reports."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.access import member_body_ids, scope_body_ids
from fazhi.core.choices import BodyKind, Role
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body, Membership, User
from fazhi.documents.services import government_of
from fazhi.obligations import registry
from fazhi.reports.choices import SENT_STATUSES, RecipientKind, ReportStatus, Standing
from fazhi.reports.models import RecipientName, ReportSetting, YearlyReport

GOVERNMENT_KINDS = frozenset({BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT})
SEED_SOURCE = "江府办〔2018〕7号第四十四条"
# Who hears in the inbox that a report reached a body on the platform.
NOTIFIED_ROLES = (Role.HEAD, Role.OFFICE, Role.GOVERNMENT_OFFICE)


def _pk(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


def _year(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def default_year(today: datetime.date | None = None) -> int:
    """The year whose report is in hand: last year's until the first quarter is over (it falls due
    then), this year's after."""
    today = today or timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


# --- the schedule ---------------------------------------------------------------------------------


def seed_setting(kind: str) -> ReportSetting:
    """The seed's rule for a kind without a row (art. 44): by 31 January, reported and published;
    a government to its party committee, its people's congress standing committee and the
    government above; any other body to its own government."""
    government = kind in GOVERNMENT_KINDS
    return ReportSetting(
        body_kind=kind,
        due_month=1,
        due_day=31,
        publish_month=1,
        publish_day=31,
        to_party_committee=government,
        to_congress=government,
        to_higher_government=government,
        to_own_government=not government,
        source=SEED_SOURCE,
    )


def settings_table() -> dict[str, ReportSetting]:
    """Every body kind's setting: the office's rows, the seed's rule for the others. One query."""
    rows = {row.body_kind: row for row in ReportSetting.objects.all()}
    return {kind: rows.get(kind) or seed_setting(kind) for kind in BodyKind.values}


def _day(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 29 February in a common year: the last day of February
        return datetime.date(year, month, day - 1)


def due_on(setting: ReportSetting, year: int) -> datetime.date:
    """The day the report for `year` must be sent by (in `year + 1`)."""
    return _day(year + 1, setting.due_month, setting.due_day)


def publish_by(setting: ReportSetting, year: int) -> datetime.date:
    """The day the report for `year` must be public by (in `year + 1`)."""
    return _day(year + 1, setting.publish_month, setting.publish_day)


# --- recipients -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """One addressee of a report: a platform body (`body`) or a name off the platform. For the
    leading-group office, `government` is the government whose office it is."""

    kind: str
    name: str
    body: Body | None = None
    government: Body | None = None

    @property
    def kind_label(self) -> str:
        return str(RecipientKind(self.kind).label)


def _place(body: Body) -> str:
    """江门市人民政府 → 江门市: the place a government governs, for the names of its organs."""
    return body.name.removesuffix("人民政府") or body.name


def _government(body: Body | None) -> Body | None:
    if body is None:
        return None
    try:
        return government_of(body)
    except InvalidInput:
        return None


def level_government(body: Body) -> Body | None:
    """The government whose leading-group office receives the body's report (art. 35): a
    department's or a town's own government; for a government, the one above it (the city
    evaluates its county-level governments, seed art. 50), or itself at the top."""
    if body.kind in GOVERNMENT_KINDS:
        return _government(body.parent) or body
    return _government(body)


def leading_group_office(body: Body) -> Recipient | None:
    """The 依法行政工作领导小组办公室 at the body's level: the department of that government flagged
    as hosting it, else the government itself (where its office's members sit)."""
    government = level_government(body)
    if government is None:
        return None
    host = (
        Body.objects.current()
        .filter(Q(parent=government) | Q(pk=government.pk), hosts_leading_group_office=True)
        .order_by("sort_order", "tree_path")
        .first()
    )
    name = _("%(place)s依法行政工作领导小组办公室") % {"place": _place(government)}
    if host is not None and host.pk != government.pk:
        name += _("（设在%(host)s）") % {"host": host.name}
    return Recipient(RecipientKind.LEADING_GROUP_OFFICE, name, host or government, government)


def recipients_of(body: Body, setting: ReportSetting | None = None) -> list[Recipient]:
    """Everyone the body's report goes to, in the order the addressees are written."""
    setting = setting or settings_table()[body.kind]
    names = dict(RecipientName.objects.filter(body=body).values_list("kind", "name"))
    own = _government(body)
    place = _place(own or body)
    found = []
    if setting.to_party_committee:
        name = names.get(RecipientKind.PARTY_COMMITTEE) or _("中共%(place)s委员会") % {"place": place}
        found.append(Recipient(RecipientKind.PARTY_COMMITTEE, name))
    if setting.to_congress:
        name = names.get(RecipientKind.CONGRESS) or _("%(place)s人民代表大会常务委员会") % {"place": place}
        found.append(Recipient(RecipientKind.CONGRESS, name))
    if setting.to_higher_government:
        above = _government(body.parent if body.kind in GOVERNMENT_KINDS else own and own.parent)
        if above is not None:
            found.append(Recipient(RecipientKind.HIGHER_GOVERNMENT, above.name, above))
        else:
            name = names.get(RecipientKind.HIGHER_GOVERNMENT) or str(RecipientKind.HIGHER_GOVERNMENT.label)
            found.append(Recipient(RecipientKind.HIGHER_GOVERNMENT, name))
    if setting.to_own_government and own is not None and own.pk != body.pk:
        found.append(Recipient(RecipientKind.OWN_GOVERNMENT, own.name, own))
    office = leading_group_office(body)
    if office is not None:
        found.append(office)
    return found


def recipient_users(recipient: Recipient) -> list[User]:
    """Whom to tell in the inbox: the heads, office and government-office staff of the platform body,
    and for the leading-group office the 依法行政办 members of its government."""
    if recipient.body is None:
        return []
    query = Q(body=recipient.body)
    if recipient.government is not None:
        query |= Q(body=recipient.government, role=Role.OFFICE)
    memberships = Membership.objects.active().filter(query, role__in=NOTIFIED_ROLES).select_related("user")
    return [membership.user for membership in memberships]


# --- standing -------------------------------------------------------------------------------------


def standing(status: str | None, sent_on: datetime.date | None, due: datetime.date, as_of: datetime.date) -> str:
    """Where a body stands on its report: sent on or before the due day, sent after it, still in
    hand after it (逾期未报), or the report's own stage before it. Days in Asia/Shanghai."""
    if status in SENT_STATUSES and sent_on is not None:
        return Standing.ON_TIME if sent_on <= due else Standing.LATE
    if as_of > due:
        return Standing.OVERDUE
    return {
        None: Standing.MISSING,
        ReportStatus.DRAFT: Standing.DRAFT,
        ReportStatus.SUBMITTED: Standing.SUBMITTED,
        ReportStatus.APPROVED: Standing.APPROVED,
    }[status]


def bound_bodies(bodies, year: int):
    """The bodies of `bodies` that arts. 35 or 44 bind and that existed during `year`."""
    rule = registry.get(35).applicability | registry.get(44).applicability
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        bodies.filter(rule.q())
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    )


def tracking(bodies, year: int, as_of: datetime.date, *, table: dict | None = None) -> list[dict]:
    """For each body, its report for `year` (if any), the due days and its standing. Two queries."""
    bodies = list(bodies)
    table = table or settings_table()
    reports = {
        report.body_id: report
        for report in YearlyReport.objects.filter(body__in=[body.pk for body in bodies], year=year).only(
            "pk", "body_id", "year", "status", "sent_on", "published_on"
        )
    }
    rows = []
    for body in bodies:
        setting = table[body.kind]
        report = reports.get(body.pk)
        due = due_on(setting, year)
        standing_now = standing(report.status if report else None, report.sent_on if report else None, due, as_of)
        rows.append(
            {
                "body": body,
                "report": report,
                "due_on": due,
                "publish_by": publish_by(setting, year),
                "standing": standing_now,
                "standing_label": Standing(standing_now).label,
            }
        )
    return rows


def office_tracking(user, *, year: int, kind: str = "", as_of: datetime.date | None = None) -> list[dict]:
    """The tracking rows of the bodies in `user`'s sight: the leading-group office's subtree, a
    government's departments for its heads, a body's own row for its staff."""
    bodies = Body.objects.all() if user.is_superuser else Body.objects.filter(pk__in=scope_body_ids(user, "view"))
    if kind in BodyKind.values:
        bodies = bodies.filter(kind=kind)
    bodies = bound_bodies(bodies, year).order_by("tree_path")
    rows = tracking(bodies, year, as_of or timezone.localdate())
    visible = set(YearlyReport.objects.restrict(user).filter(year=year).values_list("pk", flat=True))
    for row in rows:
        row["visible"] = row["report"] is not None and row["report"].pk in visible
    return rows


# --- reports --------------------------------------------------------------------------------------

RELATED = ("body", "submitted_by", "approved_by", "sent_by", "created_by")


def office_reports(user, *, body="", year="", status=""):
    """The reports `user` sees, filtered (bad filter values are ignored)."""
    found = YearlyReport.objects.restrict(user).select_related(*RELATED)
    if _pk(body):
        found = found.filter(body_id=_pk(body))
    if _year(year):
        found = found.filter(year=_year(year))
    if status in ReportStatus.values:
        found = found.filter(status=status)
    return found.order_by("-year", "body__tree_path", "pk")


def visible_report(user, pk) -> YearlyReport:
    report = YearlyReport.objects.restrict(user).select_related(*RELATED).filter(pk=_pk(pk) or 0).first()
    if report is None:
        raise NotFound(_("未找到该年度报告。"))
    return report


def own_reports(user):
    """The reports of the bodies `user` is a member of, every year: the body's own page."""
    return YearlyReport.objects.filter(body__in=member_body_ids(user)).select_related("body").order_by("-year")


def public_reports(*, body="", year=""):
    found = YearlyReport.objects.published().select_related("body")
    if _pk(body):
        found = found.filter(body_id=_pk(body))
    if _year(year):
        found = found.filter(year=_year(year))
    return found.order_by("-year", "body__tree_path", "pk")


def public_report(pk) -> YearlyReport:
    report = YearlyReport.objects.published().select_related("body").filter(pk=_pk(pk) or 0).first()
    if report is None:
        raise NotFound(_("未找到该年度报告。"))
    return report
