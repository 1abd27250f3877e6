"""Deputies' suggestions and CPPCC proposals (seed art. 34; 代表法 第五十一条) and the reports to the
People's Congress with their 审议意见 (监督法): periods over real 2026 dates, reassignment, the
proposer's feedback reopening, refusals out of order, access, bad input with nothing stored."""

import datetime

import pytest

from fazhi.clock.models import Deadline
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.oversight import selectors, services, testing
from fazhi.oversight.choices import ProposalStatus as S
from fazhi.oversight.models import CongressOpinion, Proposal, ProposalReply

D = datetime.date


@pytest.mark.parametrize(
    ("kind", "complex_", "assigned_on", "due", "matter"),
    [
        ("deputy", False, "2026-03-02", D(2026, 6, 2), "deputy-suggestion-reply"),
        ("deputy", True, "2026-03-02", D(2026, 9, 2), "deputy-suggestion-reply-complex"),
        ("cppcc", False, "2026-03-02", D(2026, 6, 2), "cppcc-proposal-reply"),
        # 3 months from 1 July end on 1 October, in the National Day holiday: the next working day.
        ("deputy", False, "2026-07-01", D(2026, 10, 8), "deputy-suggestion-reply"),
        ("cppcc", True, "2026-04-04", D(2026, 10, 8), "cppcc-proposal-reply-complex"),
    ],
)
def test_the_answer_is_due_in_three_or_six_months(today, city, staff, kind, complex_, assigned_on, due, matter):
    today.set(D(2026, 7, 1))
    proposal = testing.assign(city["market"], staff["office"], kind=kind, complex=complex_, assigned_on=assigned_on)
    assert proposal.reply_deadline.matter == matter and proposal.reply_deadline.due_on == due
    rows = selectors.proposal_due_dates(proposal)
    assert rows[1]["due_on"] == due
    assert ("代表法" in rows[1]["source"]) == (kind == "deputy")
    assert AuditEvent.objects.filter(action="oversight.proposal_assigned", object_id=str(proposal.pk)).exists()


def test_only_the_office_assigns_and_bad_input_stores_nothing(today, city, staff):
    for actor in (staff["market"], staff["county_office"]):
        with pytest.raises(InvalidInput) as refused:
            testing.assign(city["market"], actor)
        assert "请选择本人可以交办的单位" in refused.value.detail
    bad = [
        ({"kind": "senate"}, "kind"),
        ({"assigned_on": "2026-02-30"}, "assigned_on"),
        ({"assigned_on": "2026-03-03"}, "assigned_on"),  # tomorrow
        ({"title": ""}, "title"),
        ({"complex": "maybe"}, "complex"),
        ({"co_handlers": [city["market"].pk]}, "co_handlers"),
        ({"co_handlers": "all"}, "co_handlers"),
        ({"assistants": [city["county"].pk, city["county"].pk], "co_handlers": [city["county"].pk]}, "assistants"),
        ({"body": 10**12}, "body"),
    ]
    for overrides, field in bad:
        with pytest.raises(InvalidInput) as refused:
            testing.assign(city["market"], staff["office"], **overrides)
        assert field in refused.value.errors, overrides
    assert not Proposal.objects.exists() and not Deadline.objects.exists()
    testing.assign(city["market"], staff["office"], number="20260001")
    with pytest.raises(Conflict):
        testing.assign(city["market"], staff["office"], number="20260001")


def test_reassignment_within_five_working_days_then_the_clock_starts_again(today, city, staff):
    proposal = testing.assign(city["market"], staff["office"], co_handlers=[city["ecology"].pk])
    assert proposal.reassign_until == D(2026, 3, 9)
    with pytest.raises(Forbidden):  # the office above may see it, but asking is the body's own step
        services.request_reassign(proposal, actor=staff["office"], reason="不属于本单位职责")
    with pytest.raises(NotFound):
        services.request_reassign(proposal, actor=staff["county_market"], reason="越权")
    today.set(D(2026, 3, 9))
    services.request_reassign(
        proposal,
        actor=staff["market"],
        reason="校园周边摊贩占道经营属城市管理部门职责。",
        suggested_body=city["ecology"].pk,
    )
    with pytest.raises(Conflict):  # not while the request is pending
        services.reply(proposal, actor=staff["market"], replied_on="2026-03-09", category="A", text="答复")
    with pytest.raises(Forbidden):
        services.reassign(proposal, actor=staff["market"], to_body=city["ecology"].pk)
    with pytest.raises(InvalidInput):
        services.reassign(proposal, actor=staff["office"], to_body=city["market"].pk)
    today.set(D(2026, 3, 11))
    proposal = services.reassign(proposal, actor=staff["office"], to_body=city["ecology"].pk, note="改由生态环境局办理")
    proposal.refresh_from_db()
    assert proposal.body == city["ecology"] and proposal.status == S.ASSIGNED
    assert proposal.reply_deadline.start_on == D(2026, 3, 11) and proposal.reply_deadline.due_on == D(2026, 6, 11)
    assert not proposal.participants.exists()  # the co-handler became the lead
    old = Deadline.objects.filter(object_id=str(proposal.pk)).exclude(pk=proposal.reply_deadline_id).get()
    assert old.closed_on == D(2026, 3, 11) and old.body == city["market"]
    request = proposal.reassignments.get()
    assert (request.decision, request.to_body, request.decided_on) == ("approved", city["ecology"], D(2026, 3, 11))
    # The new body has its own window from the reassignment; the old one no longer acts.
    assert proposal.reassign_until == D(2026, 3, 18)
    with pytest.raises(NotFound):
        services.reply(proposal, actor=staff["market"], replied_on="2026-03-11", category="A", text="答复")


def test_reassignment_after_the_window_is_refused_and_a_refusal_keeps_the_clock(today, city, staff):
    proposal = testing.assign(city["market"], staff["office"])
    today.set(D(2026, 3, 10))
    with pytest.raises(Conflict) as refused:
        services.request_reassign(proposal, actor=staff["market"], reason="不属于本单位职责")
    assert "已于2026年3月9日届满" in refused.value.detail
    other = testing.assign(city["market"], staff["office"], assigned_on="2026-03-10")
    services.request_reassign(other, actor=staff["market"], reason="不属于本单位职责")
    with pytest.raises(InvalidInput):
        services.refuse_reassign(other, actor=staff["office"], note="")
    services.refuse_reassign(other, actor=staff["office"], note="食品安全监管属本单位职责，请认真办理。")
    other.refresh_from_db()
    assert other.status == S.ASSIGNED and other.body == city["market"]
    assert other.reply_deadline.due_on == D(2026, 6, 10) and other.reply_deadline.closed_on is None
    assert other.reassignments.get().decision == "refused"


def test_an_answer_late_then_unsatisfied_reopens_once_for_a_second_answer(today, city, staff):
    proposal = testing.assign(city["market"], staff["office"])
    with pytest.raises(Conflict):  # no feedback before an answer
        services.record_feedback(proposal, actor=staff["office"], feedback="satisfied", feedback_on="2026-03-02")
    with pytest.raises(Forbidden):  # the office does not answer for the body
        services.reply(proposal, actor=staff["office"], replied_on="2026-03-02", category="A", text="答复")
    today.set(D(2026, 6, 10))
    for bad, field in (
        ({"category": "D"}, "category"),
        ({"replied_on": "2026-03-01"}, "replied_on"),
        ({"replied_on": "2026-06-11"}, "replied_on"),
        ({"text": "  "}, "text"),
        ({"public": "perhaps"}, "public"),
    ):
        values = {"replied_on": "2026-06-05", "category": "B", "text": "已列入计划逐步解决。", **bad}
        with pytest.raises(InvalidInput) as refused:
            services.reply(proposal, actor=staff["market"], **values)
        assert field in refused.value.errors
    first = services.reply(
        proposal, actor=staff["market"], replied_on="2026-06-05", category="B", text="已列入计划。", public=True
    )
    assert first.late and first.round == 1
    proposal.refresh_from_db()
    assert proposal.status == S.ANSWERED and proposal.reply_deadline.closed_on == D(2026, 6, 5)
    with pytest.raises(Forbidden):  # the body does not record its own satisfaction
        services.record_feedback(proposal, actor=staff["market"], feedback="satisfied", feedback_on="2026-06-08")
    with pytest.raises(InvalidInput) as refused:
        services.record_feedback(proposal, actor=staff["office"], feedback="unsatisfied", feedback_on="2026-06-08")
    assert "note" in refused.value.errors
    services.record_feedback(
        proposal, actor=staff["office"], feedback="unsatisfied", feedback_on="2026-06-08", note="检查频次仍偏低。"
    )
    proposal.refresh_from_db()
    assert proposal.status == S.REOPENED
    assert proposal.second_reply_deadline.due_on == D(2026, 7, 8)
    assert selectors.proposal_due_dates(proposal)[2]["due_on"] == D(2026, 7, 8)
    today.set(D(2026, 7, 1))
    with pytest.raises(InvalidInput):  # not before the unsatisfied feedback
        services.reply(proposal, actor=staff["market"], replied_on="2026-06-07", category="A", text="再次答复。")
    second = services.reply(proposal, actor=staff["market"], replied_on="2026-06-30", category="A", text="已解决。")
    assert second.round == 2 and not second.late
    services.record_feedback(
        proposal, actor=staff["office"], feedback="unsatisfied", feedback_on="2026-07-01", note="仍不满意。"
    )
    proposal.refresh_from_db()
    assert proposal.status == S.CLOSED  # a second 不满意 closes it: reopened only once
    with pytest.raises(Conflict):
        services.reply(proposal, actor=staff["market"], replied_on="2026-07-01", category="A", text="第三次")
    assert [r.feedback for r in ProposalReply.objects.filter(proposal=proposal)] == ["unsatisfied", "unsatisfied"]


def test_satisfied_closes_and_public_answers_are_published_with_identifiers_masked(today, city, staff):
    proposal = testing.assign(city["market"], staff["office"], kind="cppcc", number="0088")
    today.set(D(2026, 4, 1))
    services.reply(
        proposal,
        actor=staff["market"],
        replied_on="2026-03-30",
        category="A",
        text="联系人：王科长，电话13912345678。已完成专项整治。",
        public=True,
    )
    hidden = testing.answered(city["market"], staff["office"], staff["market"], replied_on="2026-03-30")
    services.record_feedback(proposal, actor=staff["office"], feedback="basically_satisfied", feedback_on="2026-04-01")
    proposal.refresh_from_db()
    assert proposal.status == S.CLOSED
    published = list(selectors.published_replies())
    assert [reply.proposal for reply in published] == [proposal]
    assert hidden.replies.get().public is False
    with pytest.raises(NotFound):
        selectors.published_reply(hidden.replies.get().pk)


def test_who_sees_a_proposal(today, city, staff):
    proposal = testing.assign(city["market"], staff["office"], assistants=[city["ecology"].pk])
    county = testing.assign(city["county_market"], staff["county_office"], session="蓬江区十届人大五次会议")
    for user, expected in (
        (staff["office"], {proposal, county}),
        (staff["market"], {proposal}),
        (staff["ecology"], {proposal}),  # 协办单位
        (staff["county_office"], {county}),
        (staff["county_market"], {county}),
        (staff["outsider"], set()),
    ):
        assert set(selectors.office_proposals(user)) == expected, user
    with pytest.raises(NotFound):
        selectors.visible_proposal(staff["county_office"], proposal.pk)
    with pytest.raises(Forbidden):  # a joining body reads but does not answer for the lead
        services.reply(proposal, actor=staff["ecology"], replied_on="2026-03-02", category="A", text="答复")


# --- reports to the People's Congress ---------------------------------------------------------------


def test_a_special_report_its_opinion_and_the_handling_report_due_in_three_months(today, city, staff):
    report = testing.report(city["market"], staff["market"])
    opinion = services.add_opinion(
        report, actor=staff["market"], kind="opinion", received_on="2026-03-02", content="加强农村食品安全监管。"
    )
    assert opinion.deadline.matter == "congress-opinion-report" and opinion.due_on == D(2026, 6, 2)
    row = selectors.report_due_dates(report)[0]
    assert row["due_on"] == D(2026, 6, 2) and "监督法（2024）第十七条" in row["source"]
    with pytest.raises(NotFound):
        services.report_opinion(opinion, actor=staff["ecology"], reported_on="2026-03-02", handling="越权")
    today.set(D(2026, 6, 3))
    assert selectors.report_due_dates(report)[0]["late"]
    services.report_opinion(opinion, actor=staff["market"], reported_on="2026-06-03", handling="已开展专项整治。")
    opinion.refresh_from_db()
    assert opinion.status == "reported" and opinion.deadline.closed_on == D(2026, 6, 3)
    with pytest.raises(Conflict):
        services.report_opinion(opinion, actor=staff["market"], reported_on="2026-06-03", handling="再次")


def test_a_resolution_sets_its_own_date_and_questions_need_the_question(today, city, staff):
    report = testing.report(city["market"], staff["market"], kind="audit", title="2025年度审计工作报告")
    with pytest.raises(InvalidInput) as refused:
        services.add_opinion(report, actor=staff["market"], kind="resolution", received_on="2026-03-02", content="决议")
    assert "resolution_due_on" in refused.value.errors
    with pytest.raises(InvalidInput):
        services.add_opinion(
            report,
            actor=staff["market"],
            kind="opinion",
            received_on="2026-03-02",
            content="意见",
            resolution_due_on="2026-05-01",
        )
    resolution = services.add_opinion(
        report,
        actor=staff["market"],
        kind="resolution",
        received_on="2026-03-02",
        content="限期整改审计查出的问题。",
        resolution_due_on="2026-08-31",
    )
    assert resolution.deadline is None and resolution.due_on == D(2026, 8, 31)
    with pytest.raises(InvalidInput) as refused:
        testing.report(city["market"], staff["market"], kind="interpellation", title="质询案")
    assert {"question"} <= set(refused.value.errors)
    asked = testing.report(
        city["market"],
        staff["market"],
        kind="interpellation",
        title="关于食品安全监管的质询案",
        question="校园周边食品安全问题为何屡查屡犯？",
        answer_mode="written",
    )
    assert asked.get_answer_mode_display() == "书面答复"
    with pytest.raises(InvalidInput):
        testing.report(city["ecology"], staff["market"])
    with pytest.raises(InvalidInput):
        testing.report(city["market"], staff["market"], reported_on="2026-03-03")
    assert CongressOpinion.objects.count() == 1
