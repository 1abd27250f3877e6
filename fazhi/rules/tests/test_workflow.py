import datetime

import pytest
from django.utils import timezone

from fazhi.clock.models import Deadline
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.numbering.models import NumberSequence
from fazhi.rules import services, testing
from fazhi.rules.choices import PlanStatus, RulePublicStatus
from fazhi.rules.choices import RuleStatus as S
from fazhi.rules.models import Rule

TODAY = timezone.localdate


def _refused(run, fragment, exc=Conflict):
    with pytest.raises(exc) as caught:
        run()
    assert fragment in str(caught.value.detail), caught.value.detail


def test_the_whole_workflow_audited_and_numbered(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.PUBLISHED, actors)
    assert rule.order_number == "江门市人民政府令第1号"
    assert rule.signer_name == "市长甲" and rule.adopted_on == TODAY()
    assert rule.public_status() == RulePublicStatus.NOT_YET_EFFECTIVE
    actions = set(AuditEvent.objects.filter(object_type="rules.rule").values_list("action", flat=True))
    assert {"rules.created", "rules.signed", "rules.numbered", "rules.published"} <= actions


def test_drafting_refused_outside_the_plan_without_a_reason_then_allowed_from_the_plan(city, actors):
    rule = testing.draft(city["market"], actors["clerk"], unplanned_reason="")
    _refused(lambda: services.start_drafting(rule, actor=actors["clerk"]), "年度规章制定工作计划")
    item = testing.plan_with_item(city["government"], city["market"], actors["office"], actors["mayor"])
    planned = services.create_rule(actor=actors["clerk"], body=city["market"], plan_item=item.pk)
    assert planned.title == item.title
    assert services.start_drafting(planned, actor=actors["clerk"]).status == S.DRAFTING
    services.update_rule(rule, actor=actors["clerk"], unplanned_reason="上位法修改，急需配套。")
    assert services.start_drafting(rule, actor=actors["clerk"]).status == S.DRAFTING


def test_comment_period_at_least_30_days(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.DRAFTING, actors)
    with pytest.raises(InvalidInput) as caught:
        services.start_consultation(rule, actor=actors["clerk"], closes_on=TODAY() + datetime.timedelta(days=20))
    assert "30日" in caught.value.detail and "规章制定程序条例第十五条" in caught.value.detail
    assert Rule.objects.get(pk=rule.pk).status == S.DRAFTING
    empty = testing.walk(testing.draft(city["market"], actors["clerk"], text=""), S.DRAFTING, actors)
    _refused(lambda: services.start_consultation(empty, actor=actors["clerk"], closes_on=TODAY()), "正文")


def test_review_refused_before_the_consultation_ends_then_allowed(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.CONSULTING, actors)
    _refused(lambda: services.submit_review(rule, actor=actors["clerk"]), "征求意见尚未截止")
    testing.finish_consultation(rule, actors["clerk"])
    assert services.submit_review(rule, actor=actors["clerk"]).status == S.LEGALITY_REVIEW


def test_review_refused_without_the_legal_office_configured(city, people):
    rule = testing.draft(city["market"], people["market_clerk"])
    actors = {"clerk": people["market_clerk"]}
    rule = testing.walk(rule, S.CONSULTING, actors)
    testing.finish_consultation(rule, people["market_clerk"])
    _refused(lambda: services.submit_review(rule, actor=people["market_clerk"]), "尚未配置规章审查的法制机构")


def test_decision_refused_until_review_passed_and_an_executive_meeting_agreed(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.LEGALITY_REVIEW, actors)
    _refused(lambda: services.conclude_review(rule, actor=actors["clerk"]), "审查尚在进行中")
    testing.pass_review(rule, actors["legal_reviewer"])
    rule = services.conclude_review(rule, actor=actors["clerk"])
    _refused(lambda: services.record_decision(rule, actor=actors["clerk"]), "尚未经集体讨论")
    testing.hold_meeting(rule, actors["clerk"], actors["mayor"], meeting_kind="bureau")
    _refused(lambda: services.record_decision(rule, actor=actors["clerk"]), "政府常务会议或者全体会议")
    testing.hold_meeting(rule, actors["clerk"], actors["mayor"])
    assert services.record_decision(rule, actor=actors["clerk"]).status == S.DECIDED


def test_only_the_mayor_signs_and_only_the_government_office_numbers_and_publishes(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.DECIDED, actors)
    _refused(lambda: services.sign(rule, actor=actors["clerk"]), "市长签署命令", Forbidden)
    _refused(lambda: services.sign(rule, actor=actors["government_office"]), "市长签署命令", Forbidden)
    _refused(lambda: services.assign_number(rule, actor=actors["government_office"]), "不能进行")
    rule = services.sign(rule, actor=actors["mayor"])
    _refused(lambda: services.assign_number(rule, actor=actors["mayor"]), "编政府令序号", Forbidden)
    rule = services.assign_number(rule, actor=actors["government_office"])
    _refused(lambda: services.publish(rule, actor=actors["mayor"]), "公布", Forbidden)
    assert services.publish(rule, actor=actors["government_office"]).status == S.PUBLISHED


def test_numbering_refused_without_an_order_format(city, actors, rule_settings):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.SIGNED, actors)
    type(rule_settings).objects.filter(pk=rule_settings.pk).update(order_format=None)
    rule = Rule.objects.get(pk=rule.pk)
    _refused(lambda: services.assign_number(rule, actor=actors["government_office"]), "政府令序号格式")


def test_order_numbers_run_on_across_years(city, actors, rule_settings):
    first = testing.walk(testing.draft(city["market"], actors["clerk"]), S.NUMBERED, actors)
    # The next year's order: the sequence is continuous (year 0), so no restart at 1.
    assert NumberSequence.objects.get(format=rule_settings.order_format).year == 0
    second = testing.draft(city["market"], actors["clerk"], title="江门市历史文化街区保护规定", subject_area="heritage")
    second = testing.walk(second, S.SIGNED, actors)
    from fazhi.numbering import services as numbering

    numbering.issue_number(rule_settings.order_format, TODAY().year + 1, actor=actors["government_office"])
    second = services.assign_number(second, actor=actors["government_office"])
    assert first.order_number == "江门市人民政府令第1号"
    assert second.order_number == "江门市人民政府令第3号"


def test_effect_thirty_days_after_publication_unless_a_reason(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.NUMBERED, actors)
    published = TODAY()
    _refused(
        lambda: services.publish(
            rule, actor=actors["government_office"], published_on=published, effective_on=published
        ),
        "30日后施行",
    )
    assert Rule.objects.get(pk=rule.pk).status == S.NUMBERED
    rule = services.publish(rule, actor=actors["government_office"], published_on=published)
    assert rule.effective_on == published + datetime.timedelta(days=30)
    assert rule.public_status() == RulePublicStatus.NOT_YET_EFFECTIVE
    assert rule.public_status(rule.effective_on) == RulePublicStatus.VALID


def test_immediate_effect_with_a_recorded_reason(city, actors):
    rule = testing.walk(
        testing.draft(city["market"], actors["clerk"]),
        S.PUBLISHED,
        actors,
        effective_on=TODAY(),
        immediate_reason="公布后不立即施行将有碍规章施行。",
    )
    assert rule.effective_on == rule.published_on == TODAY()
    assert rule.public_status() == RulePublicStatus.VALID


def test_filing_deadline_thirty_days_and_closed_by_the_last_filing(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.PUBLISHED, actors)
    deadline = Deadline.objects.get(object_id=str(rule.pk), matter="rule-filing")
    assert deadline.due_on >= rule.published_on + datetime.timedelta(days=30)
    _refused(
        lambda: services.record_filing(rule, actor=actors["clerk"], recipient="state_council", receiving_body="国务院"),
        "报送备案",
        Forbidden,
    )
    recipients = {
        "state_council": "国务院",
        "local_congress": "江门市人民代表大会常务委员会",
        "provincial_congress": "广东省人民代表大会常务委员会",
        "provincial_government": "广东省人民政府",
    }
    for recipient, name in recipients.items():
        services.record_filing(rule, actor=actors["legal_reviewer"], recipient=recipient, receiving_body=name)
    _refused(
        lambda: services.record_filing(
            rule, actor=actors["legal_reviewer"], recipient="state_council", receiving_body="国务院"
        ),
        "已向国务院报送备案",
    )
    deadline.refresh_from_db()
    assert deadline.closed_on == TODAY()
    assert rule.filings.count() == 4


def test_filing_refused_before_publication(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.NUMBERED, actors)
    _refused(
        lambda: services.record_filing(
            rule, actor=actors["legal_reviewer"], recipient="state_council", receiving_body="国务院"
        ),
        "公布后才能报送备案",
    )


def test_amending_rule_marks_the_old_one_amended_and_repeal_needs_a_reason(city, actors):
    old = testing.walk(testing.draft(city["market"], actors["clerk"]), S.PUBLISHED, actors)
    new = testing.draft(
        city["market"], actors["clerk"], title="江门市城市市容和环境卫生管理规定（修订）", replaces=old.pk
    )
    testing.walk(new, S.PUBLISHED, actors)
    old.refresh_from_db()
    assert old.status == S.AMENDED and old.public_status() == RulePublicStatus.AMENDED
    new.refresh_from_db()
    with pytest.raises(InvalidInput):
        services.repeal(new, actor=actors["government_office"], reason="")
    new = services.repeal(new, actor=actors["government_office"], reason="上位法废止。")
    assert new.public_status() == RulePublicStatus.REPEALED


def test_plan_gates(city, actors):
    plan = services.create_plan(actor=actors["office"], government=city["government"], year=TODAY().year)
    _refused(lambda: services.publish_plan(plan, actor=actors["mayor"]), "还没有项目")
    with pytest.raises(Conflict):
        services.create_plan(actor=actors["office"], government=city["government"], year=TODAY().year)
    with pytest.raises(InvalidInput):
        services.add_plan_item(
            plan,
            actor=actors["office"],
            title="规定",
            subject_area="urban_rural",
            drafting_body=city["market"],
            planned_submission_on=datetime.date(TODAY().year + 1, 1, 1),
        )
    with pytest.raises(InvalidInput):
        services.add_plan_item(
            plan,
            actor=actors["office"],
            title="规定",
            subject_area="taxation",
            drafting_body=city["market"],
            planned_submission_on=TODAY(),
        )
    services.add_plan_item(
        plan,
        actor=actors["office"],
        title="规定",
        subject_area="urban_rural",
        drafting_body=city["market"].pk,
        planned_submission_on=TODAY(),
    )
    _refused(lambda: services.publish_plan(plan, actor=actors["office"]), "批准并公布", Forbidden)
    assert services.publish_plan(plan, actor=actors["mayor"]).status == PlanStatus.PUBLISHED
    with pytest.raises(Conflict):
        services.add_plan_item(
            plan,
            actor=actors["office"],
            title="x",
            subject_area="ecology",
            drafting_body=city["market"],
            planned_submission_on=TODAY(),
        )


def test_a_county_body_cannot_draft_rules(city, people):
    with pytest.raises(InvalidInput) as caught:
        testing.draft(city["county_market"], people["county_office"])
    assert "设区的市" in caught.value.detail


def test_another_body_cannot_act_on_the_draft(city, actors, people):
    rule = testing.draft(city["market"], actors["clerk"])
    with pytest.raises(NotFound):
        services.start_drafting(rule, actor=people["ecology_clerk"])
    with pytest.raises(NotFound):
        services.update_rule(rule, actor=people["ecology_clerk"], title="越权")
    assert Rule.objects.restrict(people["ecology_clerk"]).count() == 0
    assert Rule.objects.restrict(actors["legal_reviewer"]).count() == 1


def test_edits_locked_after_the_decision(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.DECIDED, actors)
    _refused(lambda: services.update_rule(rule, actor=actors["clerk"], title="改"), "不能再修改")


def test_art_34_counts_the_rules_filed_by_their_deadline(city, actors):
    from fazhi.obligations import checks

    checks.autodiscover()
    government = city["government"]

    def art34():
        return checks.run(34, [government], TODAY().year, TODAY())[government.pk]

    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.PUBLISHED, actors)
    result = art34()
    assert result.status == "met" and (result.numerator, result.denominator) == (0, 1), "within the period"
    deadline = Deadline.objects.get(object_id=str(rule.pk), matter="rule-filing")
    Deadline.objects.filter(pk=deadline.pk).update(due_on=TODAY() - datetime.timedelta(days=1))
    result = art34()
    assert result.status == "not_met" and "逾期未报送备案" in result.failing[0].description
    assert (result.failing[0].model, result.failing[0].id) == ("rules.rule", rule.pk)
    for recipient, name in {
        "state_council": "国务院",
        "local_congress": "江门市人民代表大会常务委员会",
        "provincial_congress": "广东省人民代表大会常务委员会",
        "provincial_government": "广东省人民政府",
    }.items():
        services.record_filing(rule, actor=actors["legal_reviewer"], recipient=recipient, receiving_body=name)
    result = art34()
    assert result.status == "not_met" and "逾期报送备案" in result.failing[0].description
    Deadline.objects.filter(pk=deadline.pk).update(due_on=TODAY())
    result = art34()
    assert result.status == "met" and (result.numerator, result.denominator) == (1, 1)
