"""Court cases and procuratorial suggestions through their services: periods over real 2026
holidays, every gate, who may act, bad input with nothing stored, audit events, statistics."""

import datetime

import pytest

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.litigation import selectors, services, testing, workflow
from fazhi.litigation.choices import CaseStatus as C
from fazhi.litigation.choices import SuggestionStatus as P
from fazhi.litigation.models import CourtCase, Hearing, ProcuratorialSuggestion

D = datetime.date


def _events(record) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=record._meta.label_lower, object_id=str(record.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- periods --------------------------------------------------------------------------------------


def test_defence_due_15_days_after_the_complaint_copy_runs_past_national_day(today, city, staff):
    today.set(D(2026, 9, 21))
    case = testing.register(city["market"], staff["market"], received_on="2026-09-20")
    # 5 October is inside 国庆 (1–7 October 2026): the period runs to the next working day.
    assert case.defence_deadline.due_on == D(2026, 10, 8)
    assert case.status == C.RECEIVED and case.government == city["government"]
    today.set(D(2026, 10, 9))
    services.defend(case, actor=staff["market"], defended_on="2026-10-08", defence="答辩状及证据目录。")
    case.refresh_from_db()
    row = selectors.case_due_dates(case)[0]
    assert row["done_on"] == D(2026, 10, 8) and not row["late"] and "第六十七条" in row["source"]
    assert _events(case) == ["litigation.case_registered", "litigation.defended"]


def test_a_defence_after_its_due_date_is_late(today, city, staff):
    case = testing.register(city["market"], staff["market"], received_on="2026-03-02")
    today.set(D(2026, 3, 20))
    services.defend(case, actor=staff["market"], defended_on="2026-03-18", defence="答辩状。")
    case.refresh_from_db()
    assert case.defence_deadline.due_on == D(2026, 3, 17)
    assert selectors.case_due_dates(case)[0]["late"]
    figures = selectors.statistics([city["market"].pk], 2026)
    assert (figures["defences_due"], figures["defences_late"]) == (1, 1)


@pytest.mark.parametrize(
    ("decision_type", "outcome", "served", "until"),
    [
        ("judgment", "revoke", "2026-09-22", D(2026, 10, 8)),  # 15 days → 7 October, 国庆 → 8 October
        ("ruling", "dismiss_suit", "2026-09-25", D(2026, 10, 8)),  # 10 days → 5 October → 8 October
        ("judgment", "dismiss_claims", "2026-04-10", D(2026, 4, 27)),  # 25 April a Saturday
        ("ruling", "withdrawal", "2026-04-10", D(2026, 4, 20)),
    ],
)
def test_the_appeal_window_is_15_days_for_a_judgment_and_10_for_a_ruling(
    today, city, staff, decision_type, outcome, served, until
):
    today.set(D(2026, 9, 28))
    case = testing.heard(city["market"], staff["market"], on="2026-04-08")
    judgment = services.decide(
        case, actor=staff["market"], decision_type=decision_type, outcome=outcome, served_on=served
    )
    assert judgment.appeal_until == until
    case.refresh_from_db()
    assert case.status == C.DECIDED
    row = selectors.case_due_dates(case)[1]
    assert row["due_on"] == until and "第八十五条" in row["source"]


def test_reply_to_a_suggestion_is_due_in_two_months_or_15_days_when_urgent(today, city, staff):
    plain = testing.suggest(city["market"], staff["market"], received_on="2026-03-02")
    # 2 May is in the 劳动节 holiday (1–5 May 2026).
    assert plain.reply_deadline.due_on == D(2026, 5, 6)
    assert "第二十一条" in plain.reply_deadline.period.source
    today.set(D(2026, 2, 6))
    urgent = testing.suggest(city["market"], staff["market"], received_on="2026-02-05", urgent=True)
    # 20 February is inside 春节 (15–23 February 2026).
    assert urgent.reply_deadline.due_on == D(2026, 2, 24)


# --- the case's way through the court --------------------------------------------------------------


def test_a_case_lost_runs_to_execution_and_is_late_when_performed_after_its_due_date(today, city, staff):
    today.set(D(2026, 3, 10))
    case = testing.heard(city["market"], staff["market"], on="2026-03-10")
    today.set(D(2026, 4, 10))
    services.decide(case, actor=staff["market"], decision_type="judgment", outcome="revoke", served_on="2026-04-10")
    with pytest.raises(Conflict, match="上诉期至2026年4月27日届满"):
        services.make_effective(case, actor=staff["market"])
    today.set(D(2026, 4, 28))
    with pytest.raises(Conflict, match="已于2026年4月27日届满"):
        services.appeal(case, actor=staff["market"], appealed_by="plaintiff", appealed_on="2026-04-28")
    services.make_effective(case, actor=staff["market"])
    case = CourtCase.objects.get(pk=case.pk)
    window = selectors.case_due_dates(case)[1]
    assert not window["late"] and not window["open"]  # a window for the parties, not a duty
    assert case.status == C.EFFECTIVE and case.judgment.effective_on == D(2026, 4, 28) and case.judgment.lost
    with pytest.raises(Conflict, match="须先记录履行要求"):
        services.close(case, actor=staff["market"])
    services.require_execution(
        case, actor=staff["market"], requirement="撤销原处罚决定并退还罚款。", due_on="2026-05-28"
    )
    services.record_refusal(
        case,
        actor=staff["market"],
        refused_on="2026-04-28",
        court_measures=["transfer", "announce"],
        note="财政拨款未到位。",
    )
    today.set(D(2026, 6, 3))
    execution = services.perform(case, actor=staff["market"], performed_on="2026-06-02", performance="已退还罚款。")
    assert execution.late and execution.court_measures == ["transfer", "announce"]
    case.refresh_from_db()
    assert case.status == C.CLOSED
    with pytest.raises(Conflict, match="当前状态为“已结案”"):
        services.mark_major(case, actor=staff["market"], reason="社会影响较大")
    figures = selectors.statistics([city["market"].pk], 2026)
    assert figures["executed"] == 1 and figures["executed_late"] == 1 and figures["lost"] == 1
    assert figures["judgments_by_outcome"] == {"revoke": 1} and figures["loss_rate"] == 1.0
    assert _events(case)[-4:] == [
        "litigation.effective",
        "litigation.execution_required",
        "litigation.refusal_recorded",
        "litigation.performed",
    ]


def test_no_judgment_before_a_hearing_but_a_ruling_may_end_the_case(today, city, staff):
    case = testing.register(city["market"], staff["market"])
    with pytest.raises(Conflict, match="尚未记录开庭"):
        services.decide(case, actor=staff["market"], decision_type="judgment", outcome="revoke", served_on="2026-03-02")
    assert not hasattr(CourtCase.objects.get(pk=case.pk), "judgment")
    judgment = services.decide(
        case, actor=staff["market"], decision_type="ruling", outcome="withdrawal", served_on="2026-03-02"
    )
    assert not judgment.lost and judgment.appeal_until == D(2026, 3, 12)


def test_an_outcome_must_fit_the_decision_type(today, city, staff):
    case = testing.heard(city["market"], staff["market"], on="2026-03-02")
    with pytest.raises(InvalidInput, match="裁定的结果应为") as refused:
        services.decide(case, actor=staff["market"], decision_type="ruling", outcome="revoke", served_on="2026-03-02")
    assert "outcome" in refused.value.errors


def test_no_execution_before_the_judgment_is_effective(today, city, staff):
    case = testing.heard(city["market"], staff["market"], on="2026-03-02")
    services.decide(case, actor=staff["market"], decision_type="judgment", outcome="perform", served_on="2026-03-02")
    with pytest.raises(Conflict, match="不能进行“记录履行要求”"):
        services.require_execution(case, actor=staff["market"], requirement="履行职责。", due_on="2026-05-01")


def test_a_won_case_closes_without_execution(today, city, staff):
    case = testing.heard(city["market"], staff["market"], on="2026-03-02")
    services.decide(
        case, actor=staff["market"], decision_type="judgment", outcome="dismiss_claims", served_on="2026-03-02"
    )
    today.set(D(2026, 3, 18))
    services.make_effective(case, actor=staff["market"])
    with pytest.raises(Conflict, match="本机关未败诉"):
        services.require_execution(case, actor=staff["market"], requirement="无。", due_on="2026-05-01")
    services.close(case, actor=staff["market"])
    assert CourtCase.objects.get(pk=case.pk).status == C.CLOSED


def test_an_appeal_links_the_second_instance_which_is_final(today, city, staff):
    first = testing.heard(city["market"], staff["market"], on="2026-03-02")
    services.decide(first, actor=staff["market"], decision_type="judgment", outcome="revoke", served_on="2026-03-02")
    with pytest.raises(InvalidInput, match="尚未记录上诉"):
        testing.register(city["market"], staff["market"], level="second", first_instance=first.pk)
    today.set(D(2026, 3, 10))
    services.appeal(first, actor=staff["market"], appealed_by="defendant", appealed_on="2026-03-09")
    second = testing.register(
        city["market"], staff["market"], level="second", first_instance=first.pk, court="江门市中级人民法院"
    )
    assert second.first_instance == first and second.defence_deadline is None
    with pytest.raises(Conflict, match="二审裁判是终审裁判"):
        workflow.CASE_WORKFLOW.require(second, "decide", staff["market"])
    # The page offers the one step 记录判决、裁定, unrefused; the service picks the final transition.
    offered = [(t.name, refusal) for t, refusal in workflow.actions(workflow.CASE_WORKFLOW, second, staff["market"])]
    assert ("decide", None) in offered and "decide-final" not in [name for name, _r in offered]
    judgment = services.decide(
        second, actor=staff["market"], decision_type="judgment", outcome="uphold", served_on="2026-03-10", lost=True
    )
    second.refresh_from_db()
    assert second.status == C.EFFECTIVE and judgment.effective_on == D(2026, 3, 10) and judgment.appeal_until is None
    services.close(first, actor=staff["market"])


# --- hearings and the head ------------------------------------------------------------------------


def test_hearings_record_the_head_or_the_entrusted_staff_and_the_rate(today, city, staff):
    market = city["market"]
    testing.heard(market, staff["market"], on="2026-03-02", head=True)
    testing.heard(market, staff["market"], on="2026-03-02", head=False)
    case = testing.register(market, staff["market"])
    with pytest.raises(InvalidInput, match="应当委托相应的工作人员出庭"):
        services.record_hearing(case, actor=staff["market"], held_on="2026-03-02", head_appeared=False)
    with pytest.raises(InvalidInput, match="请填写出庭负责人"):
        services.record_hearing(case, actor=staff["market"], held_on="2026-03-02", head_appeared=True)
    with pytest.raises(InvalidInput, match="其他正当事由"):
        services.record_hearing(
            case,
            actor=staff["market"],
            held_on="2026-03-02",
            head_appeared="false",
            entrusted_staff="周丽华",
            absence_reason="other",
        )
    services.record_hearing(
        case, actor=staff["market"], held_on="2026-03-02", head_appeared=False, entrusted_staff="周丽华"
    )
    assert Hearing.objects.count() == 3
    figures = selectors.statistics([market.pk], 2026)
    assert (figures["cases_heard"], figures["heads_appeared"], figures["hearings_unexplained"]) == (3, 1, 1)
    assert figures["head_rate"] == round(1 / 3, 4)


# --- access ---------------------------------------------------------------------------------------


def test_only_the_defendant_and_its_legal_office_record(today, city, staff):
    case = testing.register(city["market"], staff["market"])
    # The city's 司法局 organises 行政应诉 for the government's departments: it sees and records.
    services.defend(case, actor=staff["justice"], defended_on="2026-03-02", defence="答辩状。")
    assert CourtCase.objects.restrict(staff["justice"], "change").filter(pk=case.pk).exists()
    # The leading-group office reads, but does not record.
    assert CourtCase.objects.restrict(staff["office"]).filter(pk=case.pk).exists()
    with pytest.raises(Forbidden):
        services.record_hearing(
            case, actor=staff["office"], held_on="2026-03-02", head_appeared=True, head_name="何建华"
        )
    # Another body, and another district's office: not found.
    for stranger in (staff["ecology"], staff["county_office"], staff["county_market"]):
        with pytest.raises(NotFound):
            services.mark_major(case, actor=stranger, reason="越权")
        with pytest.raises(NotFound):
            selectors.visible_case(stranger, case.pk)
    # Nor may anyone register a case against a body they do not act for.
    with pytest.raises(InvalidInput, match="请选择本人可以登记的单位") as refused:
        testing.register(city["market"], staff["ecology"])
    assert "body" in refused.value.errors
    assert CourtCase.objects.count() == 1


def test_the_plaintiff_is_masked_outside_the_defendant_and_its_legal_office(today, city, staff):
    case = testing.register(city["market"], staff["market"], plaintiff="张三丰")
    assert selectors.plaintiff_text(staff["market"], case) == "张三丰"
    assert selectors.plaintiff_text(staff["justice"], case) == "张三丰"
    assert selectors.plaintiff_text(staff["office"], case) == "张**"
    event = AuditEvent.objects.get(action="litigation.case_registered")
    assert "张三丰" not in event.data


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"court": ""}, "court"),
        ({"case_number": ["（2026）粤0703行初1号"]}, "case_number"),
        ({"received_on": "2026-02-30"}, "received_on"),
        ({"received_on": "2026-03-03"}, "received_on"),  # after today
        ({"level": "supreme"}, "level"),
        ({"kind": 3}, "kind"),
        ({"body": "abc"}, "body"),
        ({"plaintiff": None}, "plaintiff"),
    ],
)
def test_bad_case_input_is_refused_and_nothing_stored(today, city, staff, overrides, field):
    with pytest.raises(InvalidInput) as refused:
        testing.register(city["market"], staff["market"], **overrides)
    assert field in refused.value.errors
    assert not CourtCase.objects.exists()


def test_a_duplicate_case_number_is_a_conflict(today, city, staff):
    testing.register(city["market"], staff["market"], case_number="（2026）粤0703行初1号")
    with pytest.raises(Conflict, match="已经登记"):
        testing.register(city["market"], staff["market"], case_number="（2026）粤0703行初1号")
    assert CourtCase.objects.count() == 1


def test_step_dates_cannot_precede_what_they_follow(today, city, staff):
    case = testing.register(city["market"], staff["market"], received_on="2026-03-02")
    with pytest.raises(InvalidInput, match="不能早于收到起诉状副本日期"):
        services.defend(case, actor=staff["market"], defended_on="2026-03-01", defence="答辩状。")
    with pytest.raises(InvalidInput, match="应为“是”或“否”"):
        services.record_hearing(case, actor=staff["market"], held_on="2026-03-02", head_appeared=[1], head_name="何")
    with pytest.raises(Conflict, match="当前状态为“待答辩”，不能进行“记录上诉”"):
        services.run_case_step(
            case, "appeal", actor=staff["market"], data={"appealed_by": "plaintiff", "appealed_on": "2026-03-02"}
        )
    with pytest.raises(NotFound):
        services.run_case_step(case, "delete", actor=staff["market"], data={})
    assert not Hearing.objects.exists() and CourtCase.objects.get(pk=case.pk).status == C.RECEIVED


def test_a_script_in_a_text_field_is_kept_as_text(today, city, staff):
    case = testing.register(city["market"], staff["market"], act="<script>alert(1)</script>处罚决定")
    assert CourtCase.objects.get(pk=case.pk).act.startswith("<script>")


# --- procuratorial suggestions --------------------------------------------------------------------


def test_a_reply_in_time_then_the_follow_up(today, city, staff):
    suggestion = testing.suggest(city["market"], staff["market"])
    today.set(D(2026, 4, 1))
    services.reply(
        suggestion,
        actor=staff["market"],
        replied_on="2026-03-31",
        measures_taken="已开展专项检查12次。",
        measures_in_progress="长效监管机制正在制定。",
    )
    with pytest.raises(Conflict, match="只有诉前检察建议"):
        services.sue(
            suggestion,
            actor=staff["market"],
            followed_on="2026-04-01",
            court="江门市蓬江区人民法院",
            case_number="（2026）粤0703行初9号",
            complaint_received_on="2026-04-01",
        )
    services.follow_up(suggestion, actor=staff["market"], followed_on="2026-04-01", satisfied=True, note="认可整改。")
    suggestion.refresh_from_db()
    assert suggestion.status == P.CLOSED and suggestion.satisfied
    row = selectors.suggestion_due_dates(suggestion)[0]
    assert not row["late"] and row["done_on"] == D(2026, 3, 31)
    figures = selectors.statistics([city["market"].pk], 2026)
    assert (figures["suggestions_received"], figures["suggestions_answered_in_time"], figures["suggestions_late"]) == (
        1,
        1,
        0,
    )
    assert _events(suggestion) == [
        "litigation.suggestion_registered",
        "litigation.suggestion_replied",
        "litigation.suggestion_followed_up",
    ]


def test_a_late_reply_and_an_unanswered_one_are_late(today, city, staff):
    today.set(D(2026, 2, 6))
    urgent = testing.suggest(city["market"], staff["market"], received_on="2026-02-05", urgent=True)
    testing.suggest(city["market"], staff["market"], received_on="2026-02-05")
    today.set(D(2026, 2, 26))
    services.reply(urgent, actor=staff["market"], replied_on="2026-02-25", measures_taken="已整改。")
    assert selectors.suggestion_due_dates(ProcuratorialSuggestion.objects.get(pk=urgent.pk))[0]["late"]
    figures = selectors.statistics([city["market"].pk], 2026, as_of=D(2026, 4, 8))
    assert figures["suggestions_late"] == 2 and figures["suggestions_answered_in_time"] == 0


def test_a_pre_litigation_notice_ends_in_a_public_interest_suit(today, city, staff):
    notice = testing.suggest(city["ecology"], staff["ecology"], kind="pre_litigation", procuratorate="江门市人民检察院")
    today.set(D(2026, 5, 20))
    case = services.sue(
        notice,
        actor=staff["ecology"],
        followed_on="2026-05-18",
        court="江门市中级人民法院",
        case_number="（2026）粤07行初3号",
        complaint_received_on="2026-05-20",
        note="逾期未依法履行职责。",
    )
    assert case.kind == "public_interest" and case.plaintiff == "江门市人民检察院" and case.suggestion == notice
    assert case.defence_deadline.due_on == D(2026, 6, 4)
    notice.refresh_from_db()
    assert notice.status == P.SUED and notice.satisfied is False
    # A procuratorate is an organ, not a person: never masked.
    assert selectors.plaintiff_text(staff["office"], case) == "江门市人民检察院"
    figures = selectors.statistics([city["ecology"].pk], 2026)
    assert figures["public_interest_suits"] == 1 and figures["pre_litigation_notices"] == 1
    assert figures["cases_by_kind"] == {"ordinary": 0, "public_interest": 1}


def test_a_suit_registered_first_is_linked_to_its_notice(today, city, staff):
    notice = testing.suggest(city["ecology"], staff["ecology"], kind="pre_litigation")
    other = testing.register(city["ecology"], staff["ecology"])
    suit = testing.register(city["ecology"], staff["ecology"], kind="public_interest", plaintiff="江门市人民检察院")
    with pytest.raises(InvalidInput, match="尚未关联诉前检察建议的行政公益诉讼案件") as refused:
        services.sue(notice, actor=staff["ecology"], followed_on="2026-03-02", case=other.pk)
    assert "case" in refused.value.errors
    linked = services.sue(notice, actor=staff["ecology"], followed_on="2026-03-02", case=suit.pk)
    assert linked.pk == suit.pk and CourtCase.objects.get(pk=suit.pk).suggestion == notice
    assert CourtCase.objects.count() == 2


def test_major_cases_are_marked_and_reported_once(today, city, staff):
    case = testing.register(city["market"], staff["market"])
    suggestion = testing.suggest(city["market"], staff["market"])
    with pytest.raises(Conflict, match="请先认定"):
        services.report_major(case, actor=staff["market"], reported_to="江门市人民政府", reported_on="2026-03-02")
    services.mark_major(case, actor=staff["market"], reason="涉及群体性利益，社会关注度高。")
    services.mark_major(suggestion, actor=staff["market"], reason="食品安全领域。")
    services.report_major(case, actor=staff["market"], reported_to="江门市司法局", reported_on="2026-03-02")
    with pytest.raises(Conflict, match="已于2026年3月2日上报备案"):
        services.report_major(case, actor=staff["market"], reported_to="江门市司法局", reported_on="2026-03-02")
    figures = selectors.statistics([city["market"].pk], 2026)
    assert (figures["major_cases"], figures["major_reported"]) == (2, 1)
    assert "litigation.case_reported" in _events(case)
    assert "litigation.suggestion_marked_major" in _events(suggestion)


def test_bad_suggestion_input_stores_nothing(today, city, staff):
    for overrides, field in (
        ({"kind": "other"}, "kind"),
        ({"urgent": "maybe"}, "urgent"),
        ({"number": ""}, "number"),
        ({"received_on": 20260302}, "received_on"),
    ):
        with pytest.raises(InvalidInput) as refused:
            testing.suggest(city["market"], staff["market"], **overrides)
        assert field in refused.value.errors
    assert not ProcuratorialSuggestion.objects.exists()
