"""Every change to a yearly rule-of-law report, one function each (seed arts. 35 and 44).

A body's staff generate the report for a year (its figures from the year's obligation checks, the
head's duty prefilled from the year-end 述职 recorded in `capacity`), write its parts, regenerate
the figures while it is a draft, and submit it; the figures are frozen then. The head approves it
or returns it with a reason; the staff send it — to every recipient at once, on the day given,
the platform's own told in their inbox — and publish it on the portal. Each step locks the report,
runs its transition (who, when, the gates) and is audited.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.capacity.selectors import head_duty
from fazhi.core import audit
from fazhi.core.access import member_body_ids, scope_body_ids
from fazhi.core.choices import Role
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_id, clean_text
from fazhi.core.models import Body, Membership
from fazhi.core.services.notifications import notify
from fazhi.obligations import registry
from fazhi.reports import report as content
from fazhi.reports import selectors
from fazhi.reports.choices import SendMeans
from fazhi.reports.models import RecipientName, ReportDelivery, ReportSetting, YearlyReport
from fazhi.reports.workflow import REQUIRED_TEXTS, WORKFLOW

TEXT_LIMIT = 20000
TEXT_FIELDS = {**dict(REQUIRED_TEXTS), "other_matters": gettext_lazy("其他需要报告的情况")}
FIRST_YEAR = 2000


def _today() -> datetime.date:
    return timezone.localdate()


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def may_prepare(actor, body: Body) -> bool:
    """A body's own members with a changing role prepare its report (the office of a government
    prepares the government's)."""
    if actor is None or not actor.is_authenticated:
        return False
    return actor.is_superuser or body.pk in (member_body_ids(actor) & scope_body_ids(actor, "change"))


def bound(body: Body) -> bool:
    return registry.applies_to(35, body) or registry.applies_to(44, body)


def preparable_bodies(actor):
    """The bodies `actor` may generate a report for (checked again by `generate`)."""
    bodies = Body.objects.current().order_by("tree_path")
    if not actor.is_superuser:
        bodies = bodies.filter(pk__in=member_body_ids(actor) & scope_body_ids(actor, "change"))
    return [body for body in bodies if bound(body)]


def _year(value) -> int:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    this_year = _today().year
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= this_year:
        raise _refuse("year", _("年度应为%(first)d至%(last)d之间的年份。") % {"first": FIRST_YEAR, "last": this_year})
    return int(text)


def prefilled_head_duty(body: Body, year: int) -> str:
    """The head's year-end 述职 on the duty (seed art. 3), as recorded in `capacity`, to start from."""
    duty = head_duty(body, year)
    if duty is None:
        return ""
    lead = _("%(post)s%(name)s于%(day)s年终述职时报告：") % {
        "post": duty.head_post,
        "name": duty.head_name,
        "day": day_text(duty.reported_on),
    }
    return f"{lead}\n{duty.text}"


@transaction.atomic
def generate(*, actor, body, year) -> YearlyReport:
    """编制 the body's report for a year: its figures from the records as they stand today."""
    pk = clean_id(body, "body", _("报告单位"))
    found = Body.objects.filter(pk=pk).first()
    if found is None or not may_prepare(actor, found):
        raise _refuse("body", _("请选择本人所在、可以编制报告的单位。"))
    if not bound(found):
        message = _("意见第三十五条、第四十四条适用于各级人民政府和行政机关，%(body)s无需报送。")
        raise _refuse("body", message % {"body": found.name})
    year = _year(year)
    message = _("%(body)s的%(year)d年度报告已经编制。") % {"body": found.name, "year": year}
    duplicate = Conflict(message, code="duplicate")
    if YearlyReport.objects.filter(body=found, year=year).exists():
        raise duplicate
    today = _today()
    report = YearlyReport(
        body=found,
        year=year,
        figures=content.compute(found, year, today),
        figures_as_of=today,
        head_duty=prefilled_head_duty(found, year),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise duplicate from None
    audit.record(
        report, "reports.generated", actor=actor, body_id=found.pk, after={"year": year, "figures_as_of": today}
    )
    return report


def _locked(report: YearlyReport) -> YearlyReport:
    return YearlyReport.objects.select_for_update(of=("self",)).select_related("body").get(pk=report.pk)


def _save(report: YearlyReport, event: str, *, actor, before: str, after: dict | None = None) -> YearlyReport:
    report.save()
    audit.record(
        report,
        event,
        actor=actor,
        body_id=report.body_id,
        before={"status": before},
        after={"status": report.status, **(after or {})},
    )
    return report


@transaction.atomic
def regenerate(report: YearlyReport, *, actor) -> YearlyReport:
    """重新生成 the figures from the records as they stand today (a draft only)."""
    report = _locked(report)
    before, _after = WORKFLOW.apply(report, "regenerate", actor)
    report.figures, report.figures_as_of = content.compute(report.body, report.year, _today()), _today()
    return _save(report, "reports.regenerated", actor=actor, before=before, after={"figures_as_of": _today()})


@transaction.atomic
def edit(report: YearlyReport, *, actor, **texts) -> YearlyReport:
    """Write the report's parts (a draft only); a part not given is left as it is."""
    report = _locked(report)
    WORKFLOW.require(report, "edit", actor)
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown parts {sorted(unknown)}")
    changed = []
    for name, value in texts.items():
        if value is None:
            continue
        text = clean_text(value, name, TEXT_FIELDS[name], limit=TEXT_LIMIT)
        if text != getattr(report, name):
            setattr(report, name, text)
            changed.append(name)
    if changed:
        _save(report, "reports.edited", actor=actor, before=report.status, after={"changed": changed})
    return report


def _heads(body: Body):
    return [m.user for m in Membership.objects.active().filter(body=body, role=Role.HEAD).select_related("user")]


@transaction.atomic
def submit(report: YearlyReport, *, actor) -> YearlyReport:
    """提交主要负责人审批: every required part written; the figures computed once more and frozen."""
    report = _locked(report)
    before, _after = WORKFLOW.apply(report, "submit", actor)
    today = _today()
    report.figures, report.figures_as_of = content.compute(report.body, report.year, today), today
    report.submitted_on, report.submitted_by, report.return_reason = today, actor, ""
    _save(report, "reports.submitted", actor=actor, before=before, after={"figures_as_of": today})
    notify(
        _heads(report.body),
        _("待审批：%(title)s") % {"title": report.title},
        message=_("%(who)s提交了年度报告，请审批。") % {"who": actor},
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def return_for_changes(report: YearlyReport, *, actor, reason) -> YearlyReport:
    """退回修改: the head sends the report back to draft with what to change."""
    report = _locked(report)
    WORKFLOW.require(report, "return", actor)
    reason = clean_text(reason, "reason", _("退回修改意见"), required=True, limit=TEXT_LIMIT)
    before, _after = WORKFLOW.apply(report, "return", actor)
    report.return_reason = reason
    _save(report, "reports.returned", actor=actor, before=before, after={"reason": reason})
    if report.submitted_by is not None:
        notify(
            [report.submitted_by],
            _("已退回修改：%(title)s") % {"title": report.title},
            message=reason,
            link=report.get_absolute_url(),
        )
    return report


@transaction.atomic
def approve(report: YearlyReport, *, actor) -> YearlyReport:
    """审批同意: the head approves the report; its date is the date written on it (成文日期)."""
    report = _locked(report)
    before, _after = WORKFLOW.apply(report, "approve", actor)
    report.approved_on, report.approved_by = _today(), actor
    _save(report, "reports.approved", actor=actor, before=before, after={"approved_on": report.approved_on})
    if report.submitted_by is not None:
        notify(
            [report.submitted_by],
            _("已审批，可以报送：%(title)s") % {"title": report.title},
            link=report.get_absolute_url(),
        )
    return report


@transaction.atomic
def send(report: YearlyReport, *, actor, sent_on, means=None, note=None) -> YearlyReport:
    """报送 to every recipient on one day: the platform's own see it at once and are told in their
    inbox; those off the platform are recorded with the means. Late when after the due day."""
    report = _locked(report)
    WORKFLOW.require(report, "send", actor)
    day = clean_date(
        sent_on,
        "sent_on",
        _("报送日期"),
        not_before=report.approved_on,
        not_before_label=_("审批日期"),
        not_after=_today(),
    )
    note = clean_text(note, "note", _("备注"), limit=200)
    setting = selectors.settings_table()[report.body.kind]
    recipients = selectors.recipients_of(report.body, setting)
    off_platform = [recipient for recipient in recipients if recipient.body is None]
    if off_platform and means in (None, "", SendMeans.PLATFORM):
        names = "、".join(recipient.name for recipient in off_platform)
        raise _refuse("means", _("%(names)s不在本平台，请选择实际的报送方式。") % {"names": names})
    means = clean_choice(means, SendMeans, "means", _("报送方式"), required=False)
    before, _after = WORKFLOW.apply(report, "send", actor)
    report.sent_on, report.sent_by = day, actor
    ReportDelivery.objects.bulk_create(
        ReportDelivery(
            report=report,
            kind=recipient.kind,
            recipient=recipient.body,
            name=recipient.name,
            sent_on=day,
            means=SendMeans.PLATFORM if recipient.body is not None else means,
            note=note if recipient.body is None else "",
        )
        for recipient in recipients
    )
    due = selectors.due_on(setting, report.year)
    _save(
        report,
        "reports.sent",
        actor=actor,
        before=before,
        after={"sent_on": day, "due_on": due, "late": day > due, "to": [r.name for r in recipients]},
    )
    users = {user.pk: user for recipient in recipients for user in selectors.recipient_users(recipient)}
    notify(
        list(users.values()),
        _("收到报告：%(title)s") % {"title": report.title},
        message=_("%(body)s于%(day)s报送。") % {"body": report.body.name, "day": day_text(day)},
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def publish(report: YearlyReport, *, actor) -> YearlyReport:
    """向社会公开 (seed art. 44): the report on the portal from today."""
    report = _locked(report)
    before, _after = WORKFLOW.apply(report, "publish", actor)
    report.published_on = _today()
    return _save(report, "reports.published", actor=actor, before=before, after={"published_on": report.published_on})


# --- one entry for pages and the API --------------------------------------------------------------

FIELDS = {
    "edit": tuple(TEXT_FIELDS),
    "regenerate": (),
    "submit": (),
    "return": ("reason",),
    "approve": (),
    "send": ("sent_on", "means", "note"),
    "publish": (),
}
_STEPS = {
    "edit": edit,
    "regenerate": regenerate,
    "submit": submit,
    "return": return_for_changes,
    "approve": approve,
    "send": send,
    "publish": publish,
}


def run_step(report: YearlyReport, name: str, *, actor, data) -> YearlyReport:
    """A step by its name, with the fields it takes from `data` (plain values)."""
    function = _STEPS.get(name)
    if function is None:
        raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
    return function(report, actor=actor, **{field: data.get(field) for field in FIELDS[name]})


# --- settings (the admin saves through these) ---------------------------------------------------


@transaction.atomic
def save_setting(setting: ReportSetting | RecipientName, *, actor) -> ReportSetting | RecipientName:
    """Save a due-day or recipient setting, audited with what it now says."""
    setting.full_clean()
    created = setting.pk is None
    setting.save()
    audit.record(
        setting,
        "reports.setting_created" if created else "reports.setting_changed",
        actor=actor,
        after=audit.snapshot(setting),
    )
    return setting


@transaction.atomic
def delete_setting(setting: ReportSetting | RecipientName, *, actor) -> None:
    """Remove a setting: the seed's rule (or the name made from the place) applies again."""
    audit.record(setting, "reports.setting_deleted", actor=actor, before=audit.snapshot(setting))
    setting.delete()
