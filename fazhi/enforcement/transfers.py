"""涉嫌犯罪案件移送 (seed art. 22; 行政执法机关移送涉嫌犯罪案件的规定 (2020)), one function per step.

A team of at least two officers reports the case (第五条); the body's head approves or refuses
within 3 days, recording the reason for a refusal; an approved case goes to the police within 24
hours, and the case itself is then 已移送; the police decide within 3 days of receipt (第八条);
where they open a case, the materials are handed over within 3 days (第十二条); where they find
no crime but an administrative penalty due, the case comes back (第十三条; 行政处罚法第二十七条) and
is filed again. Each period is a `clock` deadline of the transfer; each step is audited.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.access import may, require, scope_body_ids
from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.core.inputs import clean_date, clean_flag, clean_text
from fazhi.core.models import Body
from fazhi.enforcement import case_selectors, selectors, services, workflow
from fazhi.enforcement.choices import TransferStatus
from fazhi.enforcement.models import Case, Officer, Transfer

T = TransferStatus
APPROVE_PERIOD = "criminal-transfer-approve"
POLICE_PERIOD = "criminal-transfer-police"
HANDOVER_PERIOD = "criminal-transfer-handover"
GOVERNMENT_KINDS = ("city_government", "county_government")
ENDED = (T.NOT_APPROVED, T.RETURNED, T.NOT_ACCEPTED)  # a case may be proposed again after these


def _day(value, name: str, label: str, *, not_before: datetime.date | None = None) -> datetime.date:
    day = clean_date(value, name, label, required=False) or timezone.localdate()
    if day > timezone.localdate():
        message = _("%(label)s不能晚于今天。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    if not_before is not None and day < not_before:
        message = _("%(label)s不能早于%(day)s。") % {"label": label, "day": not_before.isoformat()}
        raise InvalidInput(message, errors={name: [message]})
    return day


def _locked(transfer: Transfer) -> Transfer:
    return Transfer.objects.select_for_update().select_related("case", "body").get(pk=transfer.pk)


def _set_status(transfer: Transfer, transition: str, *, actor, event: str, extra: dict) -> Transfer:
    before, status = workflow.TRANSFER.apply(transfer, transition, actor)
    transfer.save()
    audit.record(
        transfer,
        event,
        actor=actor,
        body_id=transfer.body_id,
        before={"status": before},
        after={"status": status, **extra},
    )
    return transfer


def _close(transfer: Transfer, matter: str, on: datetime.date) -> None:
    deadline = case_selectors.deadline_of(transfer, matter)
    if deadline is not None and deadline.closed_on is None:
        clock.close_deadline(deadline, closed_on=max(on, deadline.start_on), actor=None)


def area_of(body: Body) -> Body:
    """The administrative area whose procuratorate and court share the transfer: the nearest government."""
    candidates = Body.objects.filter(pk__in=[*body.ancestor_ids(), body.pk], kind__in=GOVERNMENT_KINDS)
    return max(candidates, key=lambda candidate: len(candidate.tree_path), default=body)


@transaction.atomic
def propose(case: Case, *, actor, suspected_offence, team, receiving_organ, proposed_on=None) -> Transfer:
    """专案组 of two or more certified officers reports a case suspected of being a crime (第五条)."""
    case = Case.objects.select_for_update().select_related("body").get(pk=case.pk)
    require(actor, "enforce", case.body, _("提出移送涉嫌犯罪案件"))
    if case.status not in workflow.OPEN_BEFORE_DECISION:
        raise Conflict(_("案件已经作出决定或已移送，不能再提出移送。"), code="invalid_transition")
    if case.transfers.exclude(status__in=ENDED).exists():
        raise Conflict(_("该案件已有办理中的移送。"), code="duplicate")
    proposed_on = _day(proposed_on, "proposed_on", _("提出移送日期"), not_before=case.filed_on)
    if not isinstance(team, list | tuple):
        team = []
    officers = list(Officer.objects.filter(body=case.body, pk__in=[pk for pk in team if str(pk).isdigit()]))
    certified = [officer for officer in officers if selectors.valid_certificate(officer, proposed_on)]
    if len(certified) < 2:
        message = _("应当指定2名或者2名以上持有有效执法证的行政执法人员组成专案组（第五条）。")
        raise InvalidInput(message, errors={"team": [message]})
    transfer = Transfer.objects.create(
        case=case,
        body=case.body,
        suspected_offence=clean_text(suspected_offence, "suspected_offence", _("涉嫌罪名"), required=True, limit=100),
        receiving_organ=clean_text(
            receiving_organ, "receiving_organ", _("接受移送的公安机关"), required=True, limit=100
        ),
        proposed_on=proposed_on,
        area=area_of(case.body),
    )
    transfer.team.set(certified)
    clock.open_deadline(subject=transfer, matter=APPROVE_PERIOD, start_on=proposed_on, body=case.body, actor=None)
    audit.record(transfer, "enforcement.transfer_proposed", actor=actor, after=audit.snapshot(transfer))
    return transfer


@transaction.atomic
def decide(transfer: Transfer, *, actor, approve, reason=None, decided_on=None) -> Transfer:
    """正职负责人 approves or refuses within 3 days; a refusal's reason is recorded (第五条)."""
    transfer = _locked(transfer)
    workflow.TRANSFER.require(transfer, "approve", actor)
    approve = clean_flag(approve, "approve", _("是否批准移送"))
    reason = clean_text(reason, "reason", _("不批准移送的理由"), required=not approve, limit=5000)
    transfer.approved_on = _day(decided_on, "decided_on", _("审批日期"), not_before=transfer.proposed_on)
    transfer.approver = (actor.full_name or actor.get_username())[:50]
    _close(transfer, APPROVE_PERIOD, transfer.approved_on)
    if not approve:
        transfer.police_outcome = reason
    return _set_status(
        transfer,
        "approve" if approve else "refuse",
        actor=actor,
        event="enforcement.transfer_approved" if approve else "enforcement.transfer_refused",
        extra={"approved_on": transfer.approved_on, "reason": reason},
    )


@transaction.atomic
def send(transfer: Transfer, *, actor, sent_on=None) -> Transfer:
    """移送 to the police within 24 hours of approval; the case is then 已移送司法机关."""
    transfer = _locked(transfer)
    workflow.TRANSFER.require(transfer, "send", actor)
    transfer.sent_on = _day(sent_on, "sent_on", _("移送日期"), not_before=transfer.approved_on)
    if (transfer.sent_on - transfer.approved_on).days > 1:
        message = _("决定批准的，应当在24小时内向公安机关移送（第五条）。")
        raise InvalidInput(message, errors={"sent_on": [message]})
    case = Case.objects.select_for_update().get(pk=transfer.case_id)
    case_before = case.status
    workflow.CASE.apply(case, "transfer", actor)
    case.save()
    audit.record(
        case, "enforcement.case_transferred", actor=actor, before={"status": case_before}, after={"status": case.status}
    )
    clock.open_deadline(
        subject=transfer, matter=POLICE_PERIOD, start_on=transfer.sent_on, body=transfer.body, actor=None
    )
    return _set_status(
        transfer, "send", actor=actor, event="enforcement.transfer_sent", extra={"sent_on": transfer.sent_on}
    )


@transaction.atomic
def record_police_decision(transfer: Transfer, *, actor, accepted, decided_on=None, outcome=None) -> Transfer:
    """The police's decision to open a criminal case or not (第八条), as their notice says."""
    transfer = _locked(transfer)
    workflow.TRANSFER.require(transfer, "police_accept", actor)
    accepted = clean_flag(accepted, "accepted", _("公安机关是否立案"))
    transfer.acknowledged_on = transfer.acknowledged_on or transfer.sent_on
    transfer.police_decided_on = _day(decided_on, "decided_on", _("公安机关决定日期"), not_before=transfer.sent_on)
    transfer.police_outcome = clean_text(outcome, "outcome", _("公安机关处理结果"), required=not accepted, limit=5000)
    _close(transfer, POLICE_PERIOD, transfer.police_decided_on)
    if accepted:
        clock.open_deadline(
            subject=transfer,
            matter=HANDOVER_PERIOD,
            start_on=transfer.police_decided_on,
            body=transfer.body,
            actor=None,
        )
    return _set_status(
        transfer,
        "police_accept" if accepted else "police_refuse",
        actor=actor,
        event="enforcement.transfer_police_decided",
        extra={"accepted": accepted, "decided_on": transfer.police_decided_on},
    )


@transaction.atomic
def record_handover(transfer: Transfer, *, actor, handed_over_on=None) -> Transfer:
    """涉案物品和材料 handed over within 3 days of the police's decision to open a case (第十二条)."""
    transfer = _locked(transfer)
    require(actor, "enforce", transfer.body, _("移交涉案物品和材料"))
    if transfer.status != T.ACCEPTED:
        raise Conflict(
            _("当前状态为“%(state)s”，公安机关立案后才能移交涉案物品和材料。")
            % {"state": transfer.get_status_display()},
            code="invalid_transition",
        )
    if transfer.handed_over_on is not None:
        raise Conflict(_("已经办结交接手续。"), code="duplicate")
    transfer.handed_over_on = _day(
        handed_over_on, "handed_over_on", _("移交日期"), not_before=transfer.police_decided_on
    )
    transfer.save()
    _close(transfer, HANDOVER_PERIOD, transfer.handed_over_on)
    audit.record(
        transfer, "enforcement.transfer_handed_over", actor=actor, after={"handed_over_on": transfer.handed_over_on}
    )
    return transfer


@transaction.atomic
def take_back(transfer: Transfer, *, actor, officers, reason, returned_on=None) -> Case:
    """公安机关移回 a case that needs an administrative penalty, not a criminal one (第十三条): the body
    files it again, linked to the transfer."""
    transfer = _locked(transfer)
    workflow.TRANSFER.require(transfer, "take_back", actor)
    reason = clean_text(reason, "reason", _("移回的理由"), required=True, limit=5000)
    returned_on = _day(returned_on, "returned_on", _("移回日期"), not_before=transfer.sent_on)
    original = transfer.case
    case = services.open_case(
        actor=actor,
        body=transfer.body,
        officers=officers,
        filed_on=returned_on,
        cause=original.cause,
        party_kind=original.party_kind,
        party_name=original.party_name,
        party_code=original.party_code,
        party_address=original.party_address,
    )
    case.returned_from = transfer
    case.facts = original.facts
    case.save(update_fields=["returned_from", "facts"])
    transfer.police_outcome = reason
    _close(transfer, POLICE_PERIOD, returned_on)
    _set_status(transfer, "take_back", actor=actor, event="enforcement.transfer_returned", extra={"case": case.pk})
    return case


def visible_to(user):
    """The transfers of the bodies in the user's scope, and — for the procuratorate and court of an
    area, granted sight of its government — every transfer of that area (information sharing, 第十四条)."""
    if user.is_authenticated and user.is_superuser:
        return Transfer.objects.all()
    scope = scope_body_ids(user, "view")
    return Transfer.objects.filter(Q(body__in=scope) | Q(area__in=scope))


# --- what the pages and the API offer --------------------------------------------------------------------

# The steps pages and the API offer, each with the transition that decides when it is open;
# the handover changes no status, so it is open while the police's acceptance awaits it.
STEPS = (
    ("decide", _lazy("审批移送"), "approve"),
    ("send", _lazy("移送公安机关"), "send"),
    ("police_decision", _lazy("记录公安机关决定"), "police_accept"),
    ("handover", _lazy("移交涉案物品和材料"), None),
    ("take_back", _lazy("接收移回的案件"), "take_back"),
)


def _handover_open(transfer: Transfer, user) -> bool:
    return transfer.status == T.ACCEPTED and transfer.handed_over_on is None and may(user, "enforce", transfer.body)


def steps(transfer: Transfer, user) -> list[tuple[str, str]]:
    """The steps `user` may take on the transfer now (name, label), from the same table the services
    run; the procuratorate and court, who see an area's transfers, take none."""
    open_now = {transition.name for transition in workflow.TRANSFER.available(transfer, user)}
    return [
        (name, str(label))
        for name, label, transition in STEPS
        if (transition in open_now if transition else _handover_open(transfer, user))
    ]


def require_own(transfer: Transfer, user) -> None:
    """Refuse a step to someone who sees the transfer only through the area's information sharing."""
    if not may(user, "view", transfer.body):
        raise Forbidden(_("检察机关、审判机关共享的移送信息仅供查阅，不能办理。"))
