"""Enforcement officers and their certificates (意见第十七条), and legal reviewers (行政处罚法第五十八条第二款).

An enforcement body's staff keep the list of its officers (行政执法人员; a town or street office with
delegated powers is an enforcement body too). Certificates (行政执法证) are issued, renewed, suspended
and revoked by the 依法行政办 whose scope reaches the body (`manage_people`): Guangdong's certificates
are managed by the 司法行政部门, not by the body that uses them, so an officer cannot certify
themselves. A certificate is never edited: renewal issues a new one, suspension and revocation are
dated, so what a certificate allowed on an earlier day stays true (`CertificateQuerySet.valid_on`).

Legal reviewers (法制审核人员) are appointed by the body's head: one first appointed on or after
15 July 2021 must hold the legal-profession qualification, whose certificate number is recorded.

Every change is one function here: it checks who may act, cleans the input, applies the change and
writes the audit event. `announce_expiring_certificates` is the daily job's work.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from fazhi.core import audit
from fazhi.core.access import may, require
from fazhi.core.choices import Role
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import clean_date, clean_flag, clean_text, reject_unknown
from fazhi.core.models import Body, Membership, User
from fazhi.core.services.notifications import notify
from fazhi.core.services.people import members
from fazhi.core.workflow import Transition, Workflow
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import CertificateStatus
from fazhi.enforcement.models import Certificate, LegalReviewer, Officer

C = CertificateStatus
OFFICER_FIELDS = ("name", "staff_number", "position", "user")
CERTIFICATE_FIELDS = ("number", "area", "issued_on", "expires_on")
REVIEWER_FIELDS = ("appointed_on", "qualification_number", "active")
OFFICERS_LABEL = gettext_noop("管理行政执法人员")
CERTIFICATE_LABEL = gettext_noop("发放行政执法证")
REVIEWER_LABEL = gettext_noop("任命法制审核人员")
# Who hears of an expiring certificate: the body's clerks and head, and the 依法行政办 that renews it.
NOTICE_ROLES = (Role.CLERK, Role.HEAD)


# --- the certificate's workflow ----------------------------------------------------------------


def _not_expired(certificate) -> str | None:
    today = timezone.localdate()
    if certificate.expires_on < today:
        return _("执法证已于%(date)s过期，不能再暂扣。") % {"date": day_text(certificate.expires_on)}
    return None


CERTIFICATE = Workflow(
    [
        Transition(
            "suspend", gettext_lazy("暂扣"), (C.VALID,), C.SUSPENDED, action="manage_people", gates=(_not_expired,)
        ),
        Transition("revoke", gettext_lazy("注销"), (C.VALID, C.SUSPENDED), C.REVOKED, action="manage_people"),
        # Renewal issues a new certificate; the old one keeps its status and runs out on its date.
        Transition("renew", gettext_lazy("换发新证"), (C.VALID,), C.VALID, action="manage_people"),
    ]
)


def certificate_actions(certificate, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take on the certificate now, each with the reason it would be refused."""
    result = []
    for transition in CERTIFICATE.available(certificate, actor):
        refusal = next((reason for gate in transition.gates if (reason := gate(certificate))), None)
        result.append((transition, refusal))
    return result


# --- helpers -----------------------------------------------------------------------------------


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _pk(value, name: str, message: str) -> int:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 9:
        raise _refuse(name, message)
    return int(text)


def _not_future(value: datetime.date, name: str, label: str) -> datetime.date:
    if value > timezone.localdate():
        raise _refuse(name, _("%(label)s不能晚于今天。") % {"label": label})
    return value


def require_enforcement_body(body: Body, name: str = "body") -> None:
    """Officers, benchmarks and catalogs belong to enforcement bodies that exist today."""
    if not body.is_enforcement_agency:
        raise _refuse(name, _("%(body)s不是行政执法机关。") % {"body": body.name})
    if not body.is_current():
        raise _refuse(name, _("%(body)s已撤销。") % {"body": body.name})


def _member(value, body: Body) -> User | None:
    """The platform account linked to an officer: none, or an active member of the body."""
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, User) else _pk(value, "user", _("请选择平台账号。"))
    if not Membership.objects.active().filter(user_id=pk, body=body, user__is_active=True).exists():
        raise _refuse("user", _("平台账号应为%(body)s在职人员的账号。") % {"body": body.name})
    return User.objects.get(pk=pk)


# --- officers ----------------------------------------------------------------------------------


def _officer_values(data: dict, body: Body, officer: Officer | None) -> dict:
    reject_unknown(data, OFFICER_FIELDS)
    partial = officer is not None
    values = {}
    if not partial or "name" in data:
        values["name"] = clean_text(data.get("name"), "name", _("姓名"), required=True, limit=50)
    if not partial or "staff_number" in data:
        values["staff_number"] = clean_text(data.get("staff_number"), "staff_number", _("工号"), limit=30)
    if not partial or "position" in data:
        values["position"] = clean_text(data.get("position"), "position", _("职务"), limit=50)
    if not partial or "user" in data:
        values["user"] = _member(data.get("user"), body)
    others = Officer.objects.filter(body=body).exclude(pk=officer.pk if officer else None)
    if values.get("staff_number") and others.filter(staff_number=values["staff_number"]).exists():
        raise Conflict(
            _("%(body)s已有工号为%(number)s的执法人员。") % {"body": body.name, "number": values["staff_number"]},
            code="duplicate",
        )
    if values.get("user") is not None and others.filter(user=values["user"]).exists():
        raise Conflict(_("该平台账号已关联%(body)s的另一名执法人员。") % {"body": body.name}, code="duplicate")
    return values


def _officer_snapshot(officer: Officer) -> dict:
    return audit.snapshot(officer, list(OFFICER_FIELDS))


@transaction.atomic
def add_officer(*, actor, body: Body, **data) -> Officer:
    """An officer of an enforcement body (a town with delegated powers included)."""
    require(actor, "change", body, _(OFFICERS_LABEL))
    require_enforcement_body(body)
    officer = Officer.objects.create(body=body, **_officer_values(data, body, None))
    audit.record(officer, "enforcement.officer_added", actor=actor, after=_officer_snapshot(officer))
    return officer


@transaction.atomic
def change_officer(officer: Officer, *, actor, **data) -> Officer:
    """Correct or update the given fields of an officer."""
    require(actor, "change", officer.body, _(OFFICERS_LABEL))
    officer = Officer.objects.select_for_update().select_related("body").get(pk=officer.pk)
    values = _officer_values(data, officer.body, officer)
    before = _officer_snapshot(officer)
    for name, value in values.items():
        setattr(officer, name, value)
    officer.save()
    audit.record(officer, "enforcement.officer_changed", actor=actor, before=before, after=_officer_snapshot(officer))
    return officer


# --- certificates ------------------------------------------------------------------------------


def _certificate_values(data: dict, *, defaults: dict | None = None) -> dict:
    reject_unknown(data, CERTIFICATE_FIELDS)
    values = dict(defaults or {})
    values["number"] = clean_text(data.get("number"), "number", _("证件编号"), required=True, limit=40)
    if "area" in data or "area" not in values:
        values["area"] = clean_text(data.get("area"), "area", _("执法区域和类别"), required=True, limit=200)
    values["issued_on"] = clean_date(data.get("issued_on"), "issued_on", _("发证日期"))
    values["expires_on"] = clean_date(data.get("expires_on"), "expires_on", _("有效期至"))
    _not_future(values["issued_on"], "issued_on", _("发证日期"))
    if values["expires_on"] < values["issued_on"]:
        raise _refuse("expires_on", _("有效期至不能早于发证日期。"))
    return values


def _create_certificate(officer: Officer, values: dict) -> Certificate:
    duplicate = Conflict(_("证件编号%(number)s已经登记。") % {"number": values["number"]}, code="duplicate")
    if Certificate.objects.filter(number=values["number"]).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return Certificate.objects.create(officer=officer, **values)
    except IntegrityError:
        raise duplicate from None


def _certificate_snapshot(certificate: Certificate) -> dict:
    return audit.snapshot(certificate, ["officer", *CERTIFICATE_FIELDS, "status", "status_reason", "status_changed_on"])


@transaction.atomic
def issue_certificate(officer: Officer, *, actor, **data) -> Certificate:
    """Record a certificate issued to the officer: its unique number, area and dates."""
    require(actor, "manage_people", officer.body, _(CERTIFICATE_LABEL))
    officer = Officer.objects.select_for_update().select_related("body").get(pk=officer.pk)
    certificate = _create_certificate(officer, _certificate_values(data))
    audit.record(
        certificate,
        "enforcement.certificate_issued",
        actor=actor,
        body_id=officer.body_id,
        after=_certificate_snapshot(certificate),
    )
    return certificate


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().select_related("officer", "officer__body").get(pk=certificate.pk)


@transaction.atomic
def renew_certificate(certificate: Certificate, *, actor, **data) -> Certificate:
    """换发: a new certificate for the same officer, running on after the old one (area kept unless given)."""
    certificate = _locked(certificate)
    CERTIFICATE.require(certificate, "renew", actor)
    values = _certificate_values(data, defaults={"area": certificate.area})
    if values["expires_on"] <= certificate.expires_on:
        raise _refuse(
            "expires_on",
            _("新证的有效期应晚于原证（%(date)s）。") % {"date": day_text(certificate.expires_on)},
        )
    renewed = _create_certificate(certificate.officer, values)
    audit.record(
        renewed,
        "enforcement.certificate_renewed",
        actor=actor,
        body_id=certificate.officer.body_id,
        after=_certificate_snapshot(renewed),
        extra={"renews": certificate.number},
    )
    return renewed


def _change_status(certificate: Certificate, name: str, event: str, *, actor, reason, on) -> Certificate:
    certificate = _locked(certificate)
    CERTIFICATE.require(certificate, name, actor)
    reason = clean_text(reason, "reason", _("理由"), required=True, limit=500)
    label = _("生效日期")
    on = clean_date(on, "on", label, required=False) or timezone.localdate()
    _not_future(on, "on", label)
    if on < certificate.issued_on:
        raise _refuse("on", _("生效日期不能早于发证日期（%(date)s）。") % {"date": day_text(certificate.issued_on)})
    before = _certificate_snapshot(certificate)
    CERTIFICATE.apply(certificate, name, actor)
    certificate.status_reason = reason
    if certificate.status_changed_on is None:  # a suspended certificate revoked stays invalid from its suspension
        certificate.status_changed_on = on
    certificate.save(update_fields=["status", "status_reason", "status_changed_on"])
    audit.record(
        certificate,
        event,
        actor=actor,
        body_id=certificate.officer.body_id,
        before=before,
        after={**_certificate_snapshot(certificate), "effective_on": on},
    )
    return certificate


@transaction.atomic
def suspend_certificate(certificate: Certificate, *, actor, reason, on=None) -> Certificate:
    """暂扣: from `on` (today by default) the officer may not enforce with it."""
    return _change_status(
        certificate, "suspend", "enforcement.certificate_suspended", actor=actor, reason=reason, on=on
    )


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, actor, reason, on=None) -> Certificate:
    """注销: the certificate ends from `on`; a suspended one stays invalid from its suspension."""
    return _change_status(certificate, "revoke", "enforcement.certificate_revoked", actor=actor, reason=reason, on=on)


def warning_days() -> int:
    return settings.FAZHI_CERTIFICATE_WARNING_DAYS


def expiring(user, today: datetime.date | None = None, days: int | None = None):
    """The expiring certificates of the bodies the user sees (`FAZHI_CERTIFICATE_WARNING_DAYS` ahead)."""
    today = today or timezone.localdate()
    found = selectors.expiring_certificates(today, warning_days() if days is None else days)
    return found.filter(officer__in=Officer.objects.restrict(user))


def announce_expiring_certificates(today: datetime.date) -> int:
    """Tell each expiring certificate's body (its clerks and head, the 依法行政办 above it, and the
    officer) once: each notice is claimed by a conditional update, so two sweeps at once send it once."""
    announced = 0
    for certificate in selectors.expiring_certificates(today, warning_days()).filter(expiry_announced_on__isnull=True):
        claimed = Certificate.objects.filter(pk=certificate.pk, expiry_announced_on__isnull=True).update(
            expiry_announced_on=today
        )
        if not claimed:
            continue
        officer = certificate.officer
        recipients = {user.pk: user for user in members([officer.body_id], NOTICE_ROLES)}
        recipients.update({user.pk: user for user in members(officer.body.ancestor_ids(), (Role.OFFICE,))})
        if officer.user_id and officer.user.is_active:
            recipients[officer.user_id] = officer.user
        values = {
            "name": officer.name,
            "number": certificate.number,
            "body": officer.body.name,
            "date": day_text(certificate.expires_on),
        }
        notify(
            list(recipients.values()),
            _("行政执法证即将到期：%(body)s %(name)s（证号%(number)s），有效期至%(date)s") % values,
            message=_("请及时办理换证；执法证过期后不得从事执法活动（意见第十七条）。"),
            link=reverse("enforcement:officer-detail", args=[officer.pk]),
        )
        announced += 1
    return announced


# --- legal reviewers ----------------------------------------------------------------------------


def _reviewer_values(data: dict, reviewer: LegalReviewer | None) -> dict:
    reject_unknown(data, REVIEWER_FIELDS)
    partial = reviewer is not None
    values = {}
    label = _("初次从事法制审核日期")
    if not partial or "appointed_on" in data:
        values["appointed_on"] = _not_future(
            clean_date(data.get("appointed_on"), "appointed_on", label), "appointed_on", label
        )
    if not partial or "qualification_number" in data:
        values["qualification_number"] = clean_text(
            data.get("qualification_number"), "qualification_number", _("法律职业资格证书编号"), limit=40
        )
    if partial and "active" in data:
        values["active"] = clean_flag(data.get("active"), "active", _("在岗"))
    appointed_on = values.get("appointed_on", reviewer.appointed_on if reviewer else None)
    qualification = values.get("qualification_number", reviewer.qualification_number if reviewer else "")
    if appointed_on >= selectors.REVIEW_QUALIFICATION_FROM and not qualification:
        raise _refuse(
            "qualification_number",
            _(
                "2021年7月15日起初次从事行政处罚决定法制审核的人员，应当取得法律职业资格"
                "（行政处罚法第五十八条第二款），请填写法律职业资格证书编号。"
            ),
        )
    return values


def _reviewer_snapshot(reviewer: LegalReviewer) -> dict:
    return audit.snapshot(reviewer, ["user", *REVIEWER_FIELDS])


@transaction.atomic
def register_reviewer(*, actor, body: Body, user, **data) -> LegalReviewer:
    """Appoint a member of the body's legal section (who may review there) as a legal reviewer."""
    require(actor, "approve", body, _(REVIEWER_LABEL))
    require_enforcement_body(body)
    if not isinstance(user, User):
        pk = _pk(user, "user", _("请选择平台账号。"))
        user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not may(user, "review", body):
        raise _refuse("user", _("应为%(body)s法制审核岗位人员的平台账号。") % {"body": body.name})
    values = _reviewer_values(data, None)
    duplicate = Conflict(_("该人员已登记为%(body)s的法制审核人员。") % {"body": body.name}, code="duplicate")
    if LegalReviewer.objects.filter(body=body, user=user).exists():
        raise duplicate
    try:
        with transaction.atomic():
            reviewer = LegalReviewer.objects.create(body=body, user=user, **values)
    except IntegrityError:
        raise duplicate from None
    audit.record(reviewer, "enforcement.reviewer_registered", actor=actor, after=_reviewer_snapshot(reviewer))
    return reviewer


@transaction.atomic
def change_reviewer(reviewer: LegalReviewer, *, actor, **data) -> LegalReviewer:
    """Correct the appointment date or qualification, or take the reviewer off (or back on) the post."""
    require(actor, "approve", reviewer.body, _(REVIEWER_LABEL))
    reviewer = LegalReviewer.objects.select_for_update().select_related("body", "user").get(pk=reviewer.pk)
    values = _reviewer_values(data, reviewer)
    before = _reviewer_snapshot(reviewer)
    for name, value in values.items():
        setattr(reviewer, name, value)
    reviewer.save()
    audit.record(
        reviewer, "enforcement.reviewer_changed", actor=actor, before=before, after=_reviewer_snapshot(reviewer)
    )
    return reviewer
