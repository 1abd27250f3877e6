"""The administrative-penalty case (行政处罚法 2021; seed art. 20): one table, its gates.

Ordinary procedure: filed (two certified officers, 第四十二条) → investigated → notified of the
intended penalty and of the right to state a defence and, where 第六十三条 applies, to a hearing
→ hearing (when requested within 5 working days, 第六十四条) → legal review where the catalog or
第五十八条 requires it → decided (collective discussion of complex or serious cases, 第五十七条;
a penalty outside the discretion benchmark's band only with a recorded reason, seed art. 18) or
not penalised (第三十三条) → served → executed → closed. The on-the-spot procedure (第五十一条)
decides at once. Each gate answers the Chinese sentence a refusal shows, whatever the path.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.workflow import Transition, Workflow
from fazhi.enforcement import case_selectors, selectors
from fazhi.enforcement.choices import HEARING_PENALTIES, CaseStatus, PartyKind, PenaltyKind, Procedure, TransferStatus
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import MeetingKind, MeetingStatus, ReviewKind

S = CaseStatus
OPEN_BEFORE_DECISION = (S.FILED, S.INVESTIGATED, S.NOTIFIED, S.HEARING, S.UNDER_REVIEW)
MIN_OFFICERS = 2  # 行政处罚法第四十二条
# 第五十一条: on the spot, a warning or a fine up to ¥200 for a citizen, ¥3,000 for an organisation.
ON_THE_SPOT_LIMITS = {PartyKind.PERSON: 200, PartyKind.ORGANISATION: 3000}


# --- what the law asks of this case -------------------------------------------------------------


def officers_refusal(case, on: datetime.date | None = None) -> str | None:
    """At least two officers holding a certificate valid on `on` (one for an on-the-spot penalty)."""
    on = on or case.filed_on
    needed = 1 if case.procedure == Procedure.ON_THE_SPOT else MIN_OFFICERS
    certified = [a for a in case.assignments.select_related("officer") if selectors.valid_certificate(a.officer, on)]
    if len(certified) < needed:
        if needed == 1:
            return _("当场作出行政处罚决定的执法人员应当持有有效的行政执法证（行政处罚法第四十二条）。")
        return _("行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人（行政处罚法第四十二条）。")
    return None


def hearing_right(case) -> bool:
    """第六十三条: a 较大数额 fine (the body's threshold for the party's kind) or a penalty of the list."""
    if set(case.penalty_kinds) & HEARING_PENALTIES:
        return True
    if case.fine is None:
        return False
    settings = selectors.settings_of(case.body)
    threshold = (
        settings.hearing_fine_person if case.party_kind == PartyKind.PERSON else settings.hearing_fine_organisation
    )
    return case.fine >= threshold


def review_grounds(case) -> list[str]:
    """Why the case needs legal review before decision: the body's catalog or 第五十八条第一款(一)至(四)."""
    grounds = []
    entry = selectors.review_required_by_catalog(case)
    if entry is not None:
        grounds.append(_("属于本机关法制审核目录事项：%(matter)s") % {"matter": entry.matter})
    if case.major_public_interest:
        grounds.append(_("涉及重大公共利益（第五十八条第一款第一项）"))
    if case.hearing_held_on:
        grounds.append(_("直接关系当事人重大权益，经过听证程序（第五十八条第一款第二项）"))
    if case.complex_case:
        grounds.append(_("案件情况疑难复杂、涉及多个法律关系（第五十八条第一款第三项）"))
    if case.law_requires_review:
        grounds.append(_("法律、法规规定应当进行法制审核（第五十八条第一款第四项）"))
    return grounds


def needs_collective_discussion(case) -> bool:
    """第五十七条第二款: complex or serious cases, or a fine at or above the body's serious threshold."""
    if case.serious or case.complex_case:
        return True
    threshold = selectors.settings_of(case.body).serious_fine_from
    return threshold is not None and case.fine is not None and case.fine >= threshold


def band_refusal(case) -> str | None:
    """A penalty outside the benchmark's band for the case's facts needs a recorded reason (seed art. 18)."""
    if case.benchmark_id is None or case.out_of_band_reason.strip():
        return None
    band = selectors.band_for(
        case.benchmark, amount_involved=case.amount_involved, first_violation=case.first_violation, harm=case.harm
    )
    if not selectors.outside_band(case, band):
        return None
    if band is None:
        return _("案件事实不在裁量基准的任何阶次内，请写明适用的理由。")
    if band.no_penalty:
        return _("依裁量基准，该情节属于“%(band)s”（不予处罚）；作出处罚须写明理由。") % {"band": band.label}
    return _("罚款金额超出裁量基准“%(band)s”阶次的幅度（%(low)s—%(high)s元），须写明理由。") % {
        "band": band.label,
        "low": band.fine_min if band.fine_min is not None else "—",
        "high": band.fine_max if band.fine_max is not None else "—",
    }


# --- gates ------------------------------------------------------------------------------------------


def _officers_on_decision(case) -> str | None:
    return officers_refusal(case, case.decided_on or case.filed_on)


def _facts(case) -> str | None:
    if not case.facts.strip():
        return _("请写明调查认定的违法事实。")
    return None


def _proposal(case) -> str | None:
    if not case.penalty_kinds and not case.no_penalty_ground:
        return _("请写明拟作出的行政处罚种类，或不予处罚的情形。")
    if PenaltyKind.FINE in case.penalty_kinds and case.fine is None:
        return _("请写明罚款金额。")
    return band_refusal(case)


def _hearing_settled(case) -> str | None:
    """The party was told of the hearing right and either did not ask in time or was heard."""
    if not case.notified_on:
        return _(
            "作出行政处罚决定前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据和依法享有的权利（第四十四条）。"
        )
    if case.hearing_requested_on and not case.hearing_held_on:
        return _("当事人已要求听证，应当组织听证后再作出决定（第六十三条）。")
    if hearing_right(case) and not case.hearing_requested_on and not case_selectors.hearing_period_over(case):
        return _("当事人要求听证的期限（告知后5个工作日）尚未届满（第六十四条）。")
    return None


def _statement_heard(case) -> str | None:
    if not case.statement.strip():
        return _("未听取当事人的陈述、申辩（或记录其明确放弃），不得作出行政处罚决定（第六十二条）。")
    return None


def legal_review_refusal(case) -> str | None:
    """第五十八条: where review is required, a passed review by a qualified reviewer before decision."""
    grounds = review_grounds(case)
    if not grounds:
        return None
    ok, reason = procedures.review_passed(case, ReviewKind.LEGALITY)
    if not ok:
        return _("该案件须经法制审核（%(grounds)s）：%(reason)s") % {"grounds": "；".join(grounds), "reason": reason}
    if not case_selectors.review_by_qualified_reviewer(case):
        return _("法制审核应当由取得法律职业资格的法制审核人员进行（第五十八条第二款）。")
    return None


def discussion_refusal(case) -> str | None:
    if not needs_collective_discussion(case):
        return None
    signed = procedures.meetings_of(case).filter(status=MeetingStatus.SIGNED, meeting_kind=MeetingKind.CASE_REVIEW)
    if not signed.exists():
        return _("对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（第五十七条第二款）。")
    return None


def _no_penalty_ground(case) -> str | None:
    if not case.no_penalty_ground:
        return _("请选择不予行政处罚的情形。")
    return None


def _penalty_given(case) -> str | None:
    if case.no_penalty_ground:
        return _("已选择不予处罚的情形，请作出不予行政处罚决定。")
    return None


def _decision_recorded(case) -> str | None:
    if not case.decision_text.strip():
        return _("请填写决定内容。")
    return None


def _served(case) -> str | None:
    if not case.served_on or not case.service_method:
        return _("请记录送达日期和送达方式。")
    return None


def _executed(case) -> str | None:
    if not case.executed_on:
        return _("请记录执行完毕日期。")
    return None


def close_refusal(case) -> str | None:
    """A case is closed once executed, or served where nothing is to be executed (不予处罚)."""
    if case.status == S.SERVED and case.penalty_kinds:
        return _("行政处罚决定尚未执行完毕，不能结案。")
    return None


BEFORE_DECISION = (
    _officers_on_decision,
    _facts,
    _proposal,
    _hearing_settled,
    _statement_heard,
    legal_review_refusal,
    discussion_refusal,
)

CASE = Workflow(
    [
        Transition(
            "conclude_investigation",
            gettext_lazy("调查终结"),
            (S.FILED,),
            S.INVESTIGATED,
            action="enforce",
            gates=(_facts,),
        ),
        Transition(
            "notify",
            gettext_lazy("告知拟作出的行政处罚"),
            (S.INVESTIGATED,),
            S.NOTIFIED,
            action="enforce",
            gates=(_facts, _proposal),
        ),
        Transition("request_hearing", gettext_lazy("记录当事人要求听证"), (S.NOTIFIED,), S.HEARING, action="enforce"),
        Transition(
            "submit_review",
            gettext_lazy("送法制审核"),
            (S.NOTIFIED, S.HEARING),
            S.UNDER_REVIEW,
            action="enforce",
            gates=(_facts, _proposal, _statement_heard),
        ),
        Transition(
            "decide",
            gettext_lazy("作出行政处罚决定"),
            (S.NOTIFIED, S.HEARING, S.UNDER_REVIEW),
            S.DECIDED,
            action="approve",
            gates=(*BEFORE_DECISION, _penalty_given, _decision_recorded),
        ),
        Transition(
            "not_penalise",
            gettext_lazy("作出不予行政处罚决定"),
            (S.INVESTIGATED, S.NOTIFIED, S.HEARING, S.UNDER_REVIEW),
            S.NOT_PENALISED,
            action="approve",
            gates=(_facts, _no_penalty_ground, _decision_recorded),
        ),
        Transition(
            "serve", gettext_lazy("送达"), (S.DECIDED, S.NOT_PENALISED), S.SERVED, action="enforce", gates=(_served,)
        ),
        Transition("execute", gettext_lazy("执行完毕"), (S.SERVED,), S.EXECUTED, action="enforce", gates=(_executed,)),
        Transition(
            "close", gettext_lazy("结案"), (S.EXECUTED, S.SERVED), S.CLOSED, action="approve", gates=(close_refusal,)
        ),
        Transition("transfer", gettext_lazy("移送司法机关"), OPEN_BEFORE_DECISION, S.TRANSFERRED, action="enforce"),
    ]
)

# Steps that take input check their input gates with it; pages do not pre-judge those.
INPUT_GATES = {_decision_recorded, _served, _executed}
HIDDEN = {"transfer"}  # a case is transferred through its transfer record (意见第二十二条)


def actions(case, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take now, each with the reason it would be refused (None: it would not)."""
    result = []
    for transition in CASE.available(case, actor):
        if transition.name in HIDDEN:
            continue
        gates = [gate for gate in transition.gates if gate not in INPUT_GATES]
        refusal = next((reason for gate in gates if (reason := gate(case))), None)
        result.append((transition, refusal))
    return result


# 涉嫌犯罪案件移送 (`transfers.py`): the head decides, officers send and record the police's answer.
T = TransferStatus
TRANSFER = Workflow(
    [
        Transition("approve", gettext_lazy("批准移送"), (T.PROPOSED,), T.APPROVED, action="approve"),
        Transition("refuse", gettext_lazy("不批准移送"), (T.PROPOSED,), T.NOT_APPROVED, action="approve"),
        Transition("send", gettext_lazy("移送公安机关"), (T.APPROVED,), T.SENT, action="enforce"),
        Transition("police_accept", gettext_lazy("公安机关立案"), (T.SENT,), T.ACCEPTED, action="enforce"),
        Transition("police_refuse", gettext_lazy("公安机关不予立案"), (T.SENT,), T.NOT_ACCEPTED, action="enforce"),
        Transition(
            "take_back",
            gettext_lazy("接收移回的案件"),
            (T.SENT, T.ACCEPTED, T.NOT_ACCEPTED),
            T.RETURNED,
            action="enforce",
        ),
    ]
)
