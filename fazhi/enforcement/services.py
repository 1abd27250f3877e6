"""Every change to a penalty case, one function each (行政处罚法 2021; seed arts. 19–20).

Each owns its transaction, locks the case, asks `workflow.CASE` (which refuses with the Chinese
reason), applies the change and writes the audit event; the statutory periods are `clock`
deadlines opened and closed here. Pages, the API, the admin and the demo call these functions;
nothing else sets a status. The legal review and the collective discussion are `procedures`
records about the case, started here and moved on through that app's services.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.clock.workdays import add_working_days
from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import (
    clean_amount,
    clean_choice,
    clean_choices,
    clean_date,
    clean_flag,
    clean_text,
    reject_unknown,
)
from fazhi.core.masking import mask_address, mask_id_number, mask_name, mask_text
from fazhi.core.models import Body
from fazhi.enforcement import case_selectors, selectors, workflow
from fazhi.enforcement.choices import (
    CaseStatus,
    Harm,
    NoPenaltyGround,
    PartyKind,
    PenaltyKind,
    Procedure,
    ServiceMethod,
)
from fazhi.enforcement.models import Benchmark, Case, CaseOfficer, Officer, Publication, Seizure
from fazhi.procedures import services as procedures
from fazhi.procedures.choices import MeetingKind, ReviewKind

S = CaseStatus
TEXT_MAX = 20000


def _today() -> datetime.date:
    return timezone.localdate()


def _date_not_future(value, name: str, label: str, *, required: bool = False) -> datetime.date | None:
    day = clean_date(value, name, label, required=required)
    if day is not None and day > _today():
        message = _("%(label)s不能晚于今天。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return day


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("body", "benchmark").get(pk=case.pk)


def _move(case: Case, name: str, *, actor, event: str, extra: dict | None = None) -> Case:
    before, after = workflow.CASE.apply(case, name, actor)
    case.save()
    audit.record(case, event, actor=actor, before={"status": before}, after={"status": after, **(extra or {})})
    return case


def _require_status(case: Case, statuses, label: str) -> None:
    if case.status not in statuses:
        raise Conflict(
            _("案件状态为“%(status)s”，不能%(label)s。") % {"status": case.get_status_display(), "label": label},
            code="invalid_transition",
        )


def _close_deadline(subject, matter: str, on: datetime.date) -> None:
    deadline = case_selectors.deadline_of(subject, matter)
    if deadline is not None and deadline.closed_on is None:
        clock.close_deadline(deadline, closed_on=max(on, deadline.start_on), actor=None)


# --- filing and officers (第四十二条、第五十四条) -----------------------------------------------------------


def _officer(value, body: Body, on: datetime.date):
    """An officer of the body holding a certificate valid on `on`, with that certificate."""
    pk = value.pk if isinstance(value, Officer) else value
    officer = Officer.objects.filter(pk=pk if str(pk).isdigit() else None, body=body).first()
    if officer is None:
        message = _("执法人员应为本执法主体的执法人员。")
        raise InvalidInput(message, errors={"officers": [message]})
    certificate = selectors.valid_certificate(officer, on)
    if certificate is None:
        message = _("%(name)s没有有效的行政执法证，不能办理案件（意见第十七条）。") % {"name": officer.name}
        raise InvalidInput(message, errors={"officers": [message]})
    return officer, certificate


def _assign(case: Case, officers, on: datetime.date) -> list[CaseOfficer]:
    if not isinstance(officers, list | tuple) or not officers:
        message = _("请指派办案的执法人员。")
        raise InvalidInput(message, errors={"officers": [message]})
    assigned = []
    for index, value in enumerate(dict.fromkeys(officers)):
        officer, certificate = _officer(value, case.body, on)
        assigned.append(
            CaseOfficer.objects.create(
                case=case, officer=officer, certificate=certificate, lead=index == 0, assigned_on=on
            )
        )
    return assigned


PARTY_FIELDS = ("cause", "party_kind", "party_name", "party_code", "party_address")


def _party_values(data: dict) -> dict:
    return {
        "cause": clean_text(data.get("cause"), "cause", _("案由"), required=True, limit=300),
        "party_kind": clean_choice(data.get("party_kind"), PartyKind, "party_kind", _("当事人类型")),
        "party_name": clean_text(data.get("party_name"), "party_name", _("当事人"), required=True, limit=200),
        "party_code": clean_text(data.get("party_code"), "party_code", _("统一社会信用代码或身份证件号码"), limit=40),
        "party_address": clean_text(data.get("party_address"), "party_address", _("住所或地址"), limit=300),
    }


def _benchmark(value, body: Body) -> Benchmark | None:
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, Benchmark) else value
    benchmark = Benchmark.objects.published().filter(pk=pk if str(pk).isdigit() else None, body=body).first()
    if benchmark is None:
        message = _("裁量基准应为本执法主体已公布的裁量基准。")
        raise InvalidInput(message, errors={"benchmark": [message]})
    return benchmark


def _number(case: Case) -> str:
    return f"{case.body.code or case.body.pk}-{case.filed_on.year}-{case.pk:06d}"


def _require_enforcement_body(body: Body) -> None:
    if not body.is_enforcement_agency:
        raise InvalidInput(_("%(body)s不是行政执法主体，不能办理行政处罚案件。") % {"body": body.name})


@transaction.atomic
def open_case(*, actor, body: Body, officers, filed_on=None, benchmark=None, **data) -> Case:
    """立案 (第五十四条): the case with its party, cause and at least two certified officers; the
    decision period (90 days unless the body's sector has another) starts."""
    require(actor, "enforce", body, _("立案"))
    _require_enforcement_body(body)
    reject_unknown(data, PARTY_FIELDS)
    filed_on = _date_not_future(filed_on, "filed_on", _("立案日期")) or _today()
    case = Case(body=body, filed_on=filed_on, created_by=actor, **_party_values(data))
    case.benchmark = _benchmark(benchmark, body)
    case.save()
    _assign(case, officers, filed_on)
    refusal = workflow.officers_refusal(case, filed_on)
    if refusal:
        raise InvalidInput(refusal, errors={"officers": [refusal]})
    case.number = _number(case)
    case.save(update_fields=["number"])
    clock.open_deadline(
        subject=case, matter=selectors.settings_of(body).decision_period, start_on=filed_on, body=body, actor=None
    )
    audit.record(case, "enforcement.case_filed", actor=actor, after=audit.snapshot(case))
    return case


@transaction.atomic
def assign_officer(case: Case, *, actor, officer) -> CaseOfficer:
    case = _locked(case)
    require(actor, "enforce", case.body, _("指派执法人员"))
    _require_status(case, workflow.OPEN_BEFORE_DECISION, _("指派执法人员"))
    officer, certificate = _officer(officer, case.body, _today())
    if case.assignments.filter(officer=officer).exists():
        raise Conflict(_("%(name)s已是本案办案人员。") % {"name": officer.name}, code="duplicate")
    assignment = CaseOfficer.objects.create(case=case, officer=officer, certificate=certificate, assigned_on=_today())
    audit.record(case, "enforcement.officer_assigned", actor=actor, extra={"officer": officer.pk})
    return assignment


# --- investigation and the proposal (第五十五条、第五十七条; 意见第十八条) -----------------------------------

FACT_FIELDS = (
    "facts",
    "amount_involved",
    "first_violation",
    "harm",
    "corrected",
    "major_public_interest",
    "complex_case",
    "law_requires_review",
    "serious",
    "benchmark",
)
PROPOSAL_FIELDS = ("penalty_kinds", "fine", "confiscated", "no_penalty_ground", "out_of_band_reason")


@transaction.atomic
def record_facts(case: Case, *, actor, **data) -> Case:
    """调查取证: the facts found and those that set the band, review and discussion."""
    case = _locked(case)
    require(actor, "enforce", case.body, _("记录调查情况"))
    _require_status(case, (S.FILED, S.INVESTIGATED), _("修改调查认定的事实"))
    reject_unknown(data, FACT_FIELDS)
    values = {}
    if "facts" in data:
        values["facts"] = clean_text(data["facts"], "facts", _("违法事实"), limit=TEXT_MAX)
    if "amount_involved" in data:
        values["amount_involved"] = clean_amount(data["amount_involved"], "amount_involved", _("涉案金额"))
    if "first_violation" in data:
        value = data["first_violation"]
        values["first_violation"] = None if value in (None, "") else clean_flag(value, "first_violation", _("初次违法"))
    if "harm" in data:
        values["harm"] = clean_choice(data["harm"], Harm, "harm", _("危害后果"), required=False)
    for name, label in (
        ("corrected", _("及时改正")),
        ("major_public_interest", _("涉及重大公共利益")),
        ("complex_case", _("案件情况疑难复杂")),
        ("law_requires_review", _("法律、法规规定应当法制审核")),
        ("serious", _("情节复杂或者重大违法行为")),
    ):
        if name in data:
            values[name] = clean_flag(data[name], name, label)
    if "benchmark" in data:
        values["benchmark"] = _benchmark(data["benchmark"], case.body)
    before = audit.snapshot(case, list(values))
    for name, value in values.items():
        setattr(case, name, value)
    case.save()
    audit.record(
        case, "enforcement.facts_recorded", actor=actor, before=before, after=audit.snapshot(case, list(values))
    )
    return case


@transaction.atomic
def conclude_investigation(case: Case, *, actor) -> Case:
    case = _locked(case)
    case.investigated_on = _today()
    return _move(case, "conclude_investigation", actor=actor, event="enforcement.investigation_concluded")


@transaction.atomic
def propose(case: Case, *, actor, **data) -> Case:
    """拟作出的处罚 (or 不予处罚): the band the benchmark gives for the facts is recorded with it."""
    case = _locked(case)
    require(actor, "enforce", case.body, _("提出处理意见"))
    _require_status(case, (S.INVESTIGATED, S.NOTIFIED, S.HEARING), _("提出处理意见"))
    reject_unknown(data, PROPOSAL_FIELDS)
    case.penalty_kinds = clean_choices(data.get("penalty_kinds"), PenaltyKind, "penalty_kinds", _("处罚种类"))
    case.fine = clean_amount(data.get("fine"), "fine", _("罚款金额"))
    case.confiscated = clean_amount(data.get("confiscated"), "confiscated", _("没收金额"))
    case.no_penalty_ground = clean_choice(
        data.get("no_penalty_ground"), NoPenaltyGround, "no_penalty_ground", _("不予处罚的情形"), required=False
    )
    if case.no_penalty_ground and (case.penalty_kinds or case.fine):
        message = _("不予处罚的，不能同时提出处罚种类或罚款金额。")
        raise InvalidInput(message, errors={"no_penalty_ground": [message]})
    if case.fine is not None and PenaltyKind.FINE not in case.penalty_kinds:
        case.penalty_kinds = [*case.penalty_kinds, PenaltyKind.FINE]
    case.out_of_band_reason = clean_text(
        data.get("out_of_band_reason"), "out_of_band_reason", _("超出裁量基准的理由"), limit=5000
    )
    case.band = (
        selectors.band_for(
            case.benchmark, amount_involved=case.amount_involved, first_violation=case.first_violation, harm=case.harm
        )
        if case.benchmark_id
        else None
    )
    case.save()
    audit.record(
        case,
        "enforcement.penalty_proposed",
        actor=actor,
        after=audit.snapshot(case, [*PROPOSAL_FIELDS, "band"]),
    )
    return case


# --- notice, hearing, statement (第四十四条、第四十五条、第六十三条、第六十四条) ------------------------------------


@transaction.atomic
def notify(case: Case, *, actor, notified_on=None) -> Case:
    """告知 the intended penalty and the party's rights; where a hearing is a right, its 5 working days start."""
    case = _locked(case)
    workflow.CASE.require(case, "notify", actor, gates=False)
    case.notified_on = _date_not_future(notified_on, "notified_on", _("告知日期")) or _today()
    if case.notified_on < case.filed_on:
        message = _("告知日期不能早于立案日期。")
        raise InvalidInput(message, errors={"notified_on": [message]})
    _move(
        case, "notify", actor=actor, event="enforcement.notified", extra={"hearing_right": workflow.hearing_right(case)}
    )
    if workflow.hearing_right(case):
        clock.open_deadline(
            subject=case, matter=case_selectors.HEARING_PERIOD, start_on=case.notified_on, body=case.body, actor=None
        )
    return case


@transaction.atomic
def request_hearing(case: Case, *, actor, requested_on=None) -> Case:
    """当事人要求听证, within 5 working days of the notice (第六十四条第一项)."""
    case = _locked(case)
    workflow.CASE.require(case, "request_hearing", actor, gates=False)
    if not workflow.hearing_right(case):
        raise Conflict(_("拟作出的行政处罚不属于应当告知听证权利的情形（第六十三条）。"), code="gate_not_met")
    case.hearing_requested_on = _date_not_future(requested_on, "requested_on", _("要求听证日期")) or _today()
    deadline = case_selectors.deadline_of(case, case_selectors.HEARING_PERIOD)
    if deadline is not None and deadline.due_on and case.hearing_requested_on > deadline.due_on:
        message = _("当事人应当在告知后五个工作日内要求听证（第六十四条），期限已于%(day)s届满。") % {
            "day": deadline.due_on.isoformat()
        }
        raise InvalidInput(message, errors={"requested_on": [message]})
    if case.hearing_requested_on < case.notified_on:
        message = _("要求听证日期不能早于告知日期。")
        raise InvalidInput(message, errors={"requested_on": [message]})
    _close_deadline(case, case_selectors.HEARING_PERIOD, case.hearing_requested_on)
    return _move(case, "request_hearing", actor=actor, event="enforcement.hearing_requested")


@transaction.atomic
def record_hearing(case: Case, *, actor, notice_on, held_on, record) -> Case:
    """听证 (第六十四条): notified 7 days ahead, held, its record confirmed."""
    case = _locked(case)
    require(actor, "enforce", case.body, _("记录听证"))
    _require_status(case, (S.HEARING,), _("记录听证"))
    notice_on = _date_not_future(notice_on, "notice_on", _("听证通知日期"), required=True)
    held_on = _date_not_future(held_on, "held_on", _("听证日期"), required=True)
    if (held_on - notice_on).days < 7:
        message = _("行政机关应当在举行听证的七日前通知当事人（第六十四条第二项）。")
        raise InvalidInput(message, errors={"notice_on": [message]})
    record = clean_text(record, "record", _("听证笔录"), required=True, limit=TEXT_MAX)
    case.hearing_held_on = held_on
    case.save()
    audit.record(
        case,
        "enforcement.hearing_held",
        actor=actor,
        extra={"notice_on": notice_on, "held_on": held_on, "record": record},
    )
    return case


@transaction.atomic
def record_statement(case: Case, *, actor, statement) -> Case:
    """陈述、申辩 heard (or waived) and how it was taken up (第四十五条)."""
    case = _locked(case)
    require(actor, "enforce", case.body, _("记录陈述申辩"))
    _require_status(case, (S.NOTIFIED, S.HEARING, S.UNDER_REVIEW), _("记录陈述申辩"))
    case.statement = clean_text(statement, "statement", _("陈述、申辩意见及采纳情况"), required=True, limit=TEXT_MAX)
    case.save()
    audit.record(case, "enforcement.statement_recorded", actor=actor, after={"statement": case.statement})
    return case


# --- legal review and decision (第五十七条至第五十九条) -----------------------------------------------------


@transaction.atomic
def submit_review(case: Case, *, actor) -> Case:
    """送法制审核: a legality review of the case by the body's legal reviewers."""
    case = _locked(case)
    workflow.CASE.require(case, "submit_review", actor)
    review = procedures.open_review(
        case, actor=actor, kind=ReviewKind.LEGALITY, title=case.cause, stages=[{"reviewer_body": case.body}]
    )
    return _move(
        case, "submit_review", actor=actor, event="enforcement.submitted_for_review", extra={"review": review.pk}
    )


@transaction.atomic
def record_meeting(case: Case, *, actor, **data):
    """负责人集体讨论 (第五十七条第二款) recorded as a procedures meeting record about the case (a
    案件集体讨论会议 unless said otherwise), then given its minutes and signed on that record's page."""
    case = _locked(case)
    require(actor, "change", case.body, _("记录集体讨论"))
    _require_status(case, workflow.OPEN_BEFORE_DECISION, _("记录集体讨论"))
    reject_unknown(data, procedures.MEETING_FIELDS)
    return procedures.record_meeting(case, actor=actor, **{"meeting_kind": MeetingKind.CASE_REVIEW, **data})


DECISION_FIELDS = ("decision_text", "decision_number", "decided_on")


def _decision_values(case: Case, data: dict) -> None:
    reject_unknown(data, DECISION_FIELDS)
    case.decision_text = clean_text(data.get("decision_text"), "decision_text", _("决定内容"), limit=TEXT_MAX)
    case.decision_number = clean_text(data.get("decision_number"), "decision_number", _("决定书文号"), limit=60)
    case.decided_on = _date_not_future(data.get("decided_on"), "decided_on", _("决定日期")) or _today()
    if case.decided_on < case.filed_on:
        message = _("决定日期不能早于立案日期。")
        raise InvalidInput(message, errors={"decided_on": [message]})


def _after_decision(case: Case) -> None:
    _close_deadline(case, selectors.settings_of(case.body).decision_period, case.decided_on)
    clock.open_deadline(
        subject=case, matter=case_selectors.DELIVERY_PERIOD, start_on=case.decided_on, body=case.body, actor=None
    )


@transaction.atomic
def decide(case: Case, *, actor, **data) -> Case:
    """行政处罚决定 by the body's head, once every gate of the procedure is met."""
    case = _locked(case)
    workflow.CASE.require(case, "decide", actor, gates=False)
    _decision_values(case, data)
    _move(
        case,
        "decide",
        actor=actor,
        event="enforcement.decided",
        extra={"penalty_kinds": case.penalty_kinds, "fine": case.fine, "decided_on": case.decided_on},
    )
    _after_decision(case)
    return case


@transaction.atomic
def not_penalise(case: Case, *, actor, **data) -> Case:
    """不予行政处罚决定 (第三十三条、第五十七条第一款第二项、第三项), with the ground recorded."""
    case = _locked(case)
    workflow.CASE.require(case, "not_penalise", actor, gates=False)
    _decision_values(case, data)
    _move(
        case,
        "not_penalise",
        actor=actor,
        event="enforcement.not_penalised",
        extra={"ground": case.no_penalty_ground, "decided_on": case.decided_on},
    )
    _after_decision(case)
    return case


@transaction.atomic
def serve(case: Case, *, actor, served_on=None, method) -> Case:
    """送达 (第六十一条): handed over at once, else within 7 days; electronic service with consent."""
    case = _locked(case)
    workflow.CASE.require(case, "serve", actor, gates=False)
    case.served_on = _date_not_future(served_on, "served_on", _("送达日期")) or _today()
    case.service_method = clean_choice(method, ServiceMethod, "method", _("送达方式"))
    if case.served_on < case.decided_on:
        message = _("送达日期不能早于决定日期。")
        raise InvalidInput(message, errors={"served_on": [message]})
    _move(case, "serve", actor=actor, event="enforcement.served", extra={"method": case.service_method})
    _close_deadline(case, case_selectors.DELIVERY_PERIOD, case.served_on)
    return case


@transaction.atomic
def execute(case: Case, *, actor, executed_on=None, note=None) -> Case:
    case = _locked(case)
    workflow.CASE.require(case, "execute", actor, gates=False)
    case.executed_on = _date_not_future(executed_on, "executed_on", _("执行完毕日期")) or _today()
    case.execution_note = clean_text(note, "note", _("执行情况"), limit=5000)
    return _move(case, "execute", actor=actor, event="enforcement.executed")


@transaction.atomic
def close(case: Case, *, actor) -> Case:
    """结案: the case file is complete and archived (第四十七条)."""
    case = _locked(case)
    case.closed_on = _today()
    return _move(case, "close", actor=actor, event="enforcement.closed")


# --- the on-the-spot procedure (第五十一条、第五十二条) -------------------------------------------------------


@transaction.atomic
def decide_on_the_spot(*, actor, body: Body, officer, penalty_kinds, fine=None, facts, **data) -> Case:
    """当场处罚: a warning or a small fine, decided, handed over and recorded at once by one officer."""
    require(actor, "enforce", body, _("当场作出行政处罚决定"))
    _require_enforcement_body(body)
    reject_unknown(data, PARTY_FIELDS)
    today = _today()
    case = Case(body=body, procedure=Procedure.ON_THE_SPOT, filed_on=today, created_by=actor, **_party_values(data))
    case.penalty_kinds = clean_choices(penalty_kinds, PenaltyKind, "penalty_kinds", _("处罚种类"))
    case.fine = clean_amount(fine, "fine", _("罚款金额"))
    if case.fine is not None and PenaltyKind.FINE not in case.penalty_kinds:
        case.penalty_kinds = [*case.penalty_kinds, PenaltyKind.FINE]
    allowed = {PenaltyKind.WARNING, PenaltyKind.FINE}
    limit = workflow.ON_THE_SPOT_LIMITS[case.party_kind]
    if not case.penalty_kinds or set(case.penalty_kinds) - allowed or (case.fine is not None and case.fine > limit):
        message = _(
            "当场只能作出警告或者罚款：对公民二百元以下、对法人或者其他组织三千元以下（行政处罚法第五十一条）。"
        )
        raise InvalidInput(message, errors={"fine": [message]})
    case.facts = clean_text(facts, "facts", _("违法事实"), required=True, limit=TEXT_MAX)
    case.statement = _("当场听取陈述、申辩。")
    case.decided_on = case.served_on = case.investigated_on = case.notified_on = today
    case.service_method = ServiceMethod.IN_PERSON
    case.status = S.SERVED
    case.save()
    _assign(case, [officer], today)
    case.number = _number(case)
    case.save(update_fields=["number"])
    audit.record(case, "enforcement.decided_on_the_spot", actor=actor, after=audit.snapshot(case))
    return case


# --- publicity (意见第十九条; 第四十八条) --------------------------------------------------------------------


def publication_due(case: Case) -> datetime.date:
    """The last day to publish the decision: the body's configured working days after it."""
    return add_working_days(case.decided_on, selectors.settings_of(case.body).publish_within_days).due


def _masked_party(case: Case) -> str:
    if case.party_kind == PartyKind.PERSON:
        return mask_name(case.party_name)
    return case.party_name


def _masked_text(case: Case, text: str) -> str:
    """Free text as published: ID and phone numbers masked, and a citizen party's name and address
    wherever the text repeats them."""
    text = mask_text(text)
    if case.party_kind == PartyKind.PERSON:
        for value, masked in (
            (case.party_name, _masked_party(case)),
            (case.party_address, mask_address(case.party_address)),
        ):
            if value and value.strip():
                text = text.replace(value.strip(), masked)
    return text


def _penalty_text(case: Case) -> str:
    """The penalty in words, for a decision recorded without a text (the on-the-spot decision)."""
    labels = dict(PenaltyKind.choices)
    parts = [str(labels.get(kind, kind)) for kind in case.penalty_kinds if kind != PenaltyKind.FINE]
    if case.fine is not None:
        parts.append(_("罚款%(fine)s元") % {"fine": case.fine})
    return "，".join(parts)


@transaction.atomic
def publish_decision(case: Case, *, actor, published_on=None) -> Publication:
    """公开 the decision with personal data masked, shown for the body's configured period."""
    case = _locked(case)
    require(actor, "enforce", case.body, _("公开行政处罚决定"))
    _require_status(case, (S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED), _("公开行政处罚决定"))
    if not case.penalty_kinds:
        raise Conflict(_("不予处罚的决定不在此公开。"), code="gate_not_met")
    if hasattr(case, "publication"):
        raise Conflict(_("该决定已经公开。"), code="duplicate")
    published_on = _date_not_future(published_on, "published_on", _("公开日期")) or _today()
    settings = selectors.settings_of(case.body)
    code = mask_id_number(case.party_code) if case.party_kind == PartyKind.PERSON else case.party_code
    lines = [
        _("决定书文号：%(number)s") % {"number": case.decision_number or case.number},
        _("当事人：%(party)s") % {"party": _masked_party(case)},
    ]
    if code:
        lines.append(_("证件号码：%(code)s") % {"code": code})
    lines += [
        _("案由：%(cause)s") % {"cause": _masked_text(case, case.cause)},
        _("处罚内容：%(text)s") % {"text": _masked_text(case, case.decision_text or _penalty_text(case))},
        _("作出决定日期：%(day)s") % {"day": case.decided_on.isoformat()},
    ]
    publication = Publication.objects.create(
        case=case,
        body=case.body,
        published_on=published_on,
        show_until=published_on + datetime.timedelta(days=settings.publish_for_days),
        party=_masked_party(case),
        summary="\n".join(lines),
    )
    audit.record(
        publication,
        "enforcement.decision_published",
        actor=actor,
        after=audit.snapshot(publication, ["case", "published_on", "show_until"]),
        extra={"due": publication_due(case), "late": published_on > publication_due(case)},
    )
    return publication


@transaction.atomic
def withdraw_publication(case: Case, *, actor, changed_on, statement) -> Publication:
    """撤回 a published decision that was changed, revoked, confirmed illegal or void, with a public
    statement, within 3 working days of that (第四十八条第二款)."""
    case = _locked(case)
    require(actor, "enforce", case.body, _("撤回行政处罚决定信息"))
    publication = Publication.objects.select_for_update().filter(case=case).first()
    if publication is None:
        raise Conflict(_("该决定尚未公开。"), code="invalid_transition")
    if publication.withdrawn_on is not None:
        raise Conflict(_("该决定信息已经撤回。"), code="duplicate")
    changed_on = _date_not_future(changed_on, "changed_on", _("决定被变更、撤销或确认违法、无效的日期"), required=True)
    publication.withdrawal_statement = clean_text(statement, "statement", _("撤回说明"), required=True, limit=5000)
    publication.withdrawn_on = _today()
    publication.save()
    due = clock.due_for(case_selectors.WITHDRAWAL_PERIOD, changed_on).due
    audit.record(
        publication,
        "enforcement.publication_withdrawn",
        actor=actor,
        after={"withdrawn_on": publication.withdrawn_on, "statement": publication.withdrawal_statement},
        extra={"changed_on": changed_on, "due": due, "late": publication.withdrawn_on > due},
    )
    return publication


# --- seizure (行政强制法第二十五条) ------------------------------------------------------------------------

SEIZURE_PERIOD = case_selectors.SEIZURE_PERIOD


@transaction.atomic
def seize(case: Case, *, actor, items, decided_on=None) -> Seizure:
    """查封、扣押 during the investigation: its 30 days start on the decision."""
    case = _locked(case)
    require(actor, "enforce", case.body, _("查封、扣押"))
    _require_status(case, workflow.OPEN_BEFORE_DECISION, _("查封、扣押"))
    decided_on = _date_not_future(decided_on, "decided_on", _("查封、扣押决定日期")) or _today()
    if decided_on < case.filed_on:
        message = _("查封、扣押决定日期不能早于立案日期。")
        raise InvalidInput(message, errors={"decided_on": [message]})
    seizure = Seizure.objects.create(
        case=case,
        decided_on=decided_on,
        items=clean_text(items, "items", _("查封、扣押的场所、设施或者财物"), required=True, limit=TEXT_MAX),
    )
    clock.open_deadline(subject=seizure, matter=SEIZURE_PERIOD, start_on=decided_on, body=case.body, actor=None)
    audit.record(seizure, "enforcement.seized", actor=actor, body_id=case.body_id, after=audit.snapshot(seizure))
    return seizure


@transaction.atomic
def extend_seizure(seizure: Seizure, *, actor, days, reason) -> Seizure:
    """The one extension of up to 30 days, approved by the body's head (第二十五条第一款)."""
    seizure = Seizure.objects.select_for_update().select_related("case__body").get(pk=seizure.pk)
    require(actor, "approve", seizure.case.body, _("延长查封、扣押期限"))
    _require_status(seizure.case, workflow.OPEN_BEFORE_DECISION, _("延长查封、扣押期限"))
    if seizure.released_on is not None:
        raise Conflict(_("查封、扣押已经解除。"), code="invalid_transition")
    if isinstance(days, bool) or not str(days).strip().isdigit():
        message = _("延长期间应为天数。")
        raise InvalidInput(message, errors={"days": [message]})
    try:
        clock.extend_deadline(
            case_selectors.deadline_of(seizure, SEIZURE_PERIOD),
            length=int(days),
            approved_by=(actor.full_name or actor.get_username())[:100],
            approved_on=_today(),
            reason=clean_text(reason, "reason", _("延长的理由"), required=True, limit=2000),
            actor=None,
        )
    except InvalidInput as exc:
        # The clock names the extension `length`; the request names it `days`.
        if "length" not in exc.errors:
            raise
        raise InvalidInput(exc.detail, errors={"days": exc.errors["length"]}) from exc
    audit.record(
        seizure, "enforcement.seizure_extended", actor=actor, body_id=seizure.case.body_id, extra={"days": days}
    )
    return seizure


@transaction.atomic
def release_seizure(seizure: Seizure, *, actor, reason, released_on=None) -> Seizure:
    """解除 (or the seized goods dealt with by the decision): the deadline is closed."""
    seizure = Seizure.objects.select_for_update().select_related("case__body").get(pk=seizure.pk)
    require(actor, "enforce", seizure.case.body, _("解除查封、扣押"))
    if seizure.released_on is not None:
        raise Conflict(_("查封、扣押已经解除。"), code="duplicate")
    seizure.released_on = _date_not_future(released_on, "released_on", _("解除日期")) or _today()
    if seizure.released_on < seizure.decided_on:
        message = _("解除日期不能早于查封、扣押决定日期。")
        raise InvalidInput(message, errors={"released_on": [message]})
    seizure.release_reason = clean_text(reason, "reason", _("解除或处理情况"), required=True, limit=5000)
    seizure.save()
    _close_deadline(seizure, SEIZURE_PERIOD, seizure.released_on)
    audit.record(seizure, "enforcement.seizure_released", actor=actor, body_id=seizure.case.body_id)
    return seizure
