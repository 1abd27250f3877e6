"""The capacity services: what a clerk records, what is refused and why, who may do it, and
what the audit log keeps (names masked)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.capacity import registers, services, testing
from fazhi.capacity.models import Appointment, HeadDuty, LearningActivity, Staffing, WorkMeasure
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Attachment, AuditEvent

D = datetime.date


def _errors(exc) -> dict:
    return exc.value.errors


# --- the simple registers -------------------------------------------------------------------------


def test_a_clerk_records_revises_and_removes_a_learning_activity(today, city, staff):
    clerk = staff["market"]
    activity = testing.learn(city["market"], clerk, topic="行政复议法解读", leaders_present="何建华、李明")
    assert activity.body == city["market"] and activity.held_on == D(2026, 3, 5) and activity.attendees == 45
    services.revise(activity, actor=clerk, data={"attendees": "60"})
    activity.refresh_from_db()
    assert activity.attendees == 60 and activity.topic == "行政复议法解读"
    events = list(AuditEvent.objects.filter(object_type="capacity.learningactivity").order_by("pk"))
    assert [event.action for event in events] == [
        "capacity.learningactivity_recorded",
        "capacity.learningactivity_revised",
    ]
    assert "何建华" not in events[0].data and "何**、李*" in events[0].data and "王**" in events[0].data
    services.remove(activity, actor=clerk)
    assert not LearningActivity.objects.exists()
    assert AuditEvent.objects.filter(action="capacity.learningactivity_removed").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"held_on": ""}, "held_on", "请填写举办日期。"),
        ({"held_on": "2026-13-01"}, "held_on", "举办日期应为日期（YYYY-MM-DD）。"),
        ({"held_on": "2026-11-21"}, "held_on", "举办日期不能晚于今天。"),
        ({"kind": "party"}, "kind", "形式应为以下之一："),
        ({"topic": ""}, "topic", "请填写主题。"),
        ({"topic": "题" * 201}, "topic", "主题不能超过 200 个字。"),
        ({"topic": 12}, "topic", "应为文本。"),
        ({"attendees": "many"}, "attendees", "参加人数应为不超过"),
        ({"attendees": -3}, "attendees", "参加人数应为不超过"),
        ({"attendees": 0}, "attendees", "参加人数应大于零。"),
        ({"attendees": True}, "attendees", "参加人数应为不超过"),
        ({"leadership_lecture": "maybe"}, "leadership_lecture", "应为“是”或“否”"),
        ({"leadership_lecture": True}, "leadership_lecture", "领导班子法治专题讲座的形式应为“专题法治讲座”。"),
    ],
)
def test_bad_learning_input_is_refused_in_chinese_and_nothing_is_saved(today, city, staff, overrides, field, message):
    with pytest.raises(InvalidInput) as refused:
        testing.learn(city["market"], staff["market"], **overrides)
    assert field in _errors(refused)
    assert message in _errors(refused)[field][0]
    assert not LearningActivity.objects.exists() and not AuditEvent.objects.exists()


def test_only_a_government_marks_a_leadership_lecture(today, city, staff):
    with pytest.raises(InvalidInput) as refused:
        testing.learn(city["market"], staff["market"], kind="lecture", leadership_lecture=True)
    assert "本单位不是人民政府" in _errors(refused)["leadership_lecture"][0]
    assert testing.learn(city["county"], staff["county"], kind="lecture", leadership_lecture="on").leadership_lecture


def test_who_records_own_members_only_the_office_above_reads(today, city, staff):
    market = city["market"]
    for outsider in (staff["ecology"], staff["office"], staff["evaluator"]):
        with pytest.raises(InvalidInput) as refused:
            testing.learn(market, outsider)
        assert _errors(refused) == {"body": ["请选择本人所在、可以录入的单位。"]}
    activity = testing.learn(market, staff["market"])
    with pytest.raises(Forbidden):
        services.revise(activity, actor=staff["office"], data={"topic": "改"})
    with pytest.raises(NotFound):
        services.revise(activity, actor=staff["ecology"], data={"topic": "改"})
    with pytest.raises(NotFound):
        services.remove(activity, actor=staff["county"])
    for body in ("99999999999", "abc", None, city["ecology"].pk):
        with pytest.raises(InvalidInput):
            services.record(registers.LEARNING, actor=staff["market"], body=body, data=testing.learning_data())
    assert LearningActivity.objects.get().topic == activity.topic


def test_materials_are_checked_files_and_only_members_attach(today, city, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = testing.learn(city["market"], staff["market"])
    attachment = services.attach(activity, SimpleUploadedFile("课件.txt", "依法行政".encode()), actor=staff["market"])
    assert attachment.body == city["market"] and attachment.original_name == "课件.txt"
    with pytest.raises(InvalidInput):
        services.attach(activity, SimpleUploadedFile("课件.exe", b"MZ\x90\x00"), actor=staff["market"])
    settings.FAZHI_UPLOAD_MAX_BYTES = 10
    with pytest.raises(InvalidInput, match="超过上限"):
        services.attach(activity, SimpleUploadedFile("大.txt", "很长的文字材料".encode()), actor=staff["market"])
    with pytest.raises(Forbidden):
        services.attach(activity, SimpleUploadedFile("a.txt", b"x"), actor=staff["office"])
    with pytest.raises(NotFound):
        services.attach(
            testing.meeting(city["county"], staff["county"]), SimpleUploadedFile("a.txt", b"x"), actor=staff["county"]
        )
    assert Attachment.objects.count() == 1


def test_the_head_duty_report_is_year_end_and_once_a_year(today, city, staff):
    data = {"year": 2025, "head_name": "何建华", "head_post": "局长", "reported_on": "2025-11-30", "text": "述职。"}
    with pytest.raises(InvalidInput) as refused:
        services.record(registers.HEAD_DUTY, actor=staff["market"], body=city["market"].pk, data=data)
    assert _errors(refused)["reported_on"] == ["2025年度的年终述职日期应在2025年12月1日以后。"]
    with pytest.raises(InvalidInput) as refused:
        services.record(
            registers.HEAD_DUTY, actor=staff["market"], body=city["market"].pk, data={**data, "year": "2027"}
        )
    assert _errors(refused)["year"] == ["年度应在2000年至2026年之间。"]
    with pytest.raises(InvalidInput) as refused:
        services.record(
            registers.HEAD_DUTY, actor=staff["market"], body=city["market"].pk, data={**data, "year": "二五"}
        )
    assert _errors(refused)["year"] == ["年度应为四位数字的年份。"]
    record = services.record(
        registers.HEAD_DUTY, actor=staff["market"], body=city["market"].pk, data={**data, "reported_on": "2026-01-10"}
    )
    with pytest.raises(Conflict, match="2025年度的第一责任人年终述职已经录入"):
        services.record(
            registers.HEAD_DUTY,
            actor=staff["market"],
            body=city["market"].pk,
            data={**data, "reported_on": "2026-01-11"},
        )
    services.revise(record, actor=staff["market"], data={"year": 2024, "text": "补充述职内容。"})
    record.refresh_from_db()
    assert (record.year, record.text) == (2025, "补充述职内容。")
    assert HeadDuty.objects.count() == 1
    event = AuditEvent.objects.get(action="capacity.headduty_recorded")
    assert "何建华" not in event.data and "何**" in event.data


def test_an_appointment_test_needs_its_date_kind_form_and_a_score_or_result(today, city, staff):
    base = {"person_name": "李明", "post": "副局长", "appointed_on": "2026-05-01"}
    record = lambda data: services.record(  # noqa: E731
        registers.APPOINTMENTS, actor=staff["market"], body=city["market"].pk, data=data
    )
    with pytest.raises(InvalidInput) as refused:
        record({**base, "score": "90"})
    assert "test_kind" in _errors(refused)
    with pytest.raises(InvalidInput) as refused:
        record({**base, "test_kind": "knowledge", "tested_on": "2026-04-01", "test_form": "written"})
    assert _errors(refused) == {"score": ["请填写考查测试成绩或结果。"]}
    with pytest.raises(InvalidInput) as refused:
        record({**base, "test_kind": "knowledge", "tested_on": "2026-04-01", "test_form": "written", "score": "101"})
    assert _errors(refused) == {"score": ["成绩（分）应为0至100之间、最多保留一位小数的数字。"]}
    with pytest.raises(InvalidInput):
        record({**base, "test_kind": "knowledge", "tested_on": "2026-04-01", "test_form": "written", "score": "88.25"})
    found = record({**base, "test_kind": "ability", "tested_on": "2026-04-01", "test_form": "online", "result": "合格"})
    assert found.tested_before and str(found) == "副局长（2026-05-01任职）"
    later = record({**base, "test_kind": "ability", "tested_on": "2026-05-03", "test_form": "online", "score": "75.5"})
    assert not later.tested_before and later.score == Decimal("75.5")
    assert Appointment.objects.count() == 2


def test_training_hours_and_dates_hold_together(today, city, staff):
    data = {
        "kind": "in_post",
        "title": "任职培训班",
        "started_on": "2026-04-10",
        "ended_on": "2026-04-01",
        "trainees": 12,
        "total_hours": "40",
        "legal_hours": "8",
    }
    record = lambda **changes: services.record(  # noqa: E731
        registers.TRAININGS, actor=staff["market"], body=city["market"].pk, data={**data, **changes}
    )
    with pytest.raises(InvalidInput, match="结业日期不能早于开班日期"):
        record()
    with pytest.raises(InvalidInput, match="法律知识学时不能超过总学时"):
        record(ended_on="2026-04-12", legal_hours="41")
    with pytest.raises(InvalidInput, match="总学时应大于零"):
        record(ended_on="2026-04-12", total_hours="0", legal_hours="0")
    with pytest.raises(InvalidInput, match="最多保留一位小数"):
        record(ended_on="2026-04-12", legal_hours="8.25")
    with pytest.raises(InvalidInput, match="法律知识学时应为0至10000之间"):
        record(ended_on="2026-04-12", legal_hours="-1")
    assert record(ended_on="2026-04-12").legal_hours == Decimal("8.0")


def test_staffing_budget_amount_goes_with_the_budget_flag(today, city, staff):
    data = {"year": 2026, "posts": 5, "staff": 4, "qualified": 3, "budget_included": True}
    record = lambda **changes: services.record(  # noqa: E731
        registers.STAFFING, actor=staff["market"], body=city["market"].pk, data={**data, **changes}
    )
    with pytest.raises(InvalidInput, match="请填写预算金额"):
        record()
    with pytest.raises(InvalidInput, match="未列入年度预算的，不填写预算金额"):
        record(budget_included="false", budget_amount="1000")
    with pytest.raises(InvalidInput, match="不能超过在岗人数"):
        record(qualified=5, budget_amount="1000")
    with pytest.raises(InvalidInput, match="年度应在2000年至2027年之间"):
        record(year=2028, budget_amount="1000")
    found = record(budget_amount="350000.50")
    assert found.budget_amount == Decimal("350000.50") and Staffing.objects.count() == 1


def test_publicity_links_are_web_addresses(today, city, staff):
    data = {"published_on": "2026-05-01", "channel": "website", "title": "我局法治政府建设工作纪实"}
    record = lambda **changes: services.record(  # noqa: E731
        registers.PUBLICITY, actor=staff["market"], body=city["market"].pk, data={**data, **changes}
    )
    with pytest.raises(InvalidInput, match="网址"):
        record(link="javascript:alert(1)")
    assert record(link="https://www.jiangmen.gov.cn/a.html").link == "https://www.jiangmen.gov.cn/a.html"


def test_executive_meetings_are_a_government_s(today, city, staff):
    with pytest.raises(InvalidInput) as refused:
        testing.meeting(city["market"], staff["market"])
    assert "只由人民政府录入" in _errors(refused)["body"][0]
    assert testing.meeting(city["county"], staff["county"]).body == city["county"]


def test_a_legal_education_activity_names_an_item_of_its_own_published_list(today, city, staff):
    market = city["market"]
    draft = testing.duty_list(market, staff["market"], staff["market_head"], published_on=None)
    with pytest.raises(InvalidInput) as refused:
        testing.educate(market, staff["market"], item=draft.items.first().pk)
    assert _errors(refused) == {"item": ["请选择本单位2026年度已公布的普法责任清单中的事项。"]}
    other = testing.duty_list(city["ecology"], staff["ecology"], staff["ecology"], published_on=None)
    assert other.pk
    services.publish_duty_list(draft, actor=staff["market_head"], published_on="2026-02-01")
    found = testing.educate(market, staff["market"], item=draft.items.first().pk)
    assert found.item.duty_list == draft
    with pytest.raises(InvalidInput):
        testing.educate(market, staff["market"], item=other.items.first().pk)
    with pytest.raises(InvalidInput):
        testing.educate(market, staff["market"], item=draft.items.first().pk, held_on="2025-12-01")


# --- work points ----------------------------------------------------------------------------------


def test_work_points_draft_adopt_follow_up_assess(today, city, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clerk = staff["market"]
    today.set(D(2026, 3, 1))
    plan = testing.plan(city["market"], clerk, measures=0)
    with pytest.raises(Conflict, match="还没有工作措施"):
        services.adopt(plan, actor=clerk, adopted_on="2026-03-01", document_number="江市监〔2026〕5号")
    first = services.add_measure(
        plan, actor=clerk, content="修订行政处罚裁量基准", responsible_unit="法规科", due_on="2026-06-30"
    )
    with pytest.raises(InvalidInput) as refused:
        services.add_measure(plan, actor=clerk, content="x", responsible_unit="法规科", due_on="2027-01-05")
    assert _errors(refused)["due_on"] == ["计划完成时间不能晚于2026年12月31日。"]
    second = services.add_measure(
        plan, actor=clerk, content="开展案卷评查", responsible_unit="法规科", due_on="2026-10-31"
    )
    third = services.add_measure(
        plan, actor=clerk, content="多余的措施", responsible_unit="法规科", due_on="2026-10-31"
    )
    services.remove_measure(plan, actor=clerk, measure=second.pk)
    assert list(plan.measures.values_list("pk", "position")) == [(first.pk, 1), (third.pk, 2)]
    with pytest.raises(Conflict, match="请填写印发文号，或上传印发的文件"):
        services.adopt(plan, actor=clerk, adopted_on="2026-03-01")
    with pytest.raises(Conflict, match="不能进行“记录落实情况”"):
        services.record_progress(plan, actor=clerk, measure=first.pk, reported_on="2026-03-01", text="已启动。")
    plan = services.adopt(
        plan, actor=clerk, adopted_on="2026-03-01", file=SimpleUploadedFile("工作要点.txt", "工作要点正文".encode())
    )
    assert plan.status == "adopted" and plan.adopted_on == D(2026, 3, 1)
    with pytest.raises(Conflict, match="不能进行“添加工作措施”"):
        services.add_measure(plan, actor=clerk, content="x", responsible_unit="y", due_on="2026-05-01")

    today.set(D(2026, 11, 20))
    services.record_progress(
        plan, actor=clerk, measure=first.pk, reported_on="2026-06-28", text="已修订并公布。", completed="on"
    )
    with pytest.raises(InvalidInput) as refused:
        services.record_progress(plan, actor=clerk, measure=third.pk, reported_on="2026-02-01", text="x")
    assert _errors(refused)["reported_on"] == ["落实日期不能早于印发日期（2026年3月1日）。"]
    with pytest.raises(InvalidInput, match="不属于本工作要点"):
        services.record_progress(plan, actor=clerk, measure="999999", reported_on="2026-06-28", text="x")
    with pytest.raises(Conflict, match="第2项工作措施还没有落实情况"):
        services.assess(plan, actor=clerk, assessed_on="2026-11-20", assessment="基本完成。")
    services.record_progress(plan, actor=clerk, measure=third.pk, reported_on="2026-10-30", text="已完成。")
    with pytest.raises(Conflict, match="年终考核自2026年12月1日起进行"):
        services.assess(plan, actor=clerk, assessed_on="2026-11-20", assessment="基本完成。")
    today.set(D(2026, 12, 10))
    with pytest.raises(InvalidInput, match="请填写年终考核情况"):
        services.assess(plan, actor=clerk, assessed_on="2026-12-10", assessment=" ")
    plan = services.assess(plan, actor=clerk, assessed_on="2026-12-10", assessment="全部完成。")
    assert plan.status == "assessed"
    actions = list(AuditEvent.objects.filter(object_type="capacity.workpoints").values_list("action", flat=True))
    assert actions == [
        "capacity.work_points_created",
        "capacity.work_points_adopted",
        "capacity.work_points_assessed",
    ]


def test_work_points_are_once_a_year_and_only_their_body_s_members_act(today, city, staff):
    plan = testing.plan(city["market"], staff["market"], measures=1)
    with pytest.raises(Conflict, match="已经起草"):
        testing.plan(city["market"], staff["market"])
    with pytest.raises(Forbidden):
        services.add_measure(plan, actor=staff["office"], content="x", responsible_unit="y", due_on="2026-05-01")
    with pytest.raises(NotFound):
        services.edit_work_points(plan, actor=staff["ecology"], title="改")
    services.edit_work_points(plan, actor=staff["market"], goals="新的目标。")
    plan.refresh_from_db()
    assert plan.goals == "新的目标。" and WorkMeasure.objects.count() == 1
    with pytest.raises(InvalidInput, match="印发日期不能晚于今天"):
        services.adopt(plan, actor=staff["market"], adopted_on="2026-12-01", document_number="x")
    with pytest.raises(InvalidInput, match="印发日期不能早于上一年1月1日"):
        services.adopt(plan, actor=staff["market"], adopted_on="2024-12-31", document_number="x")


# --- the 普法责任清单 ----------------------------------------------------------------------------------


def test_the_duty_list_is_published_by_the_head_with_items(today, city, staff):
    clerk, head = staff["market"], staff["market_head"]
    listed = testing.duty_list(city["market"], clerk, head, items=0, published_on=None)
    with pytest.raises(Conflict, match="还没有事项"):
        services.publish_duty_list(listed, actor=head, published_on="2026-02-01")
    services.add_item(
        listed, actor=clerk, subject="食品安全法", audience="食品经营者", measures="培训。", responsible_unit="食品科"
    )
    with pytest.raises(Forbidden, match="审定公布"):
        services.publish_duty_list(listed, actor=clerk, published_on="2026-02-01")
    with pytest.raises(InvalidInput) as refused:
        services.add_item(listed, actor=clerk, subject="", audience="x", measures="x", responsible_unit="x")
    assert _errors(refused) == {"subject": ["请填写普法内容（法律法规）。"]}
    listed = services.publish_duty_list(listed, actor=head, published_on="2026-02-01")
    assert listed.status == "published"
    with pytest.raises(Conflict, match="当前状态为“已公布”"):
        services.add_item(listed, actor=clerk, subject="x", audience="x", measures="x", responsible_unit="x")
    with pytest.raises(Conflict, match="已经编制"):
        services.create_duty_list(actor=clerk, body=city["market"].pk, year=2026)
