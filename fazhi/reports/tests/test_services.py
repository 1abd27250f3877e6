"""Generating, writing and moving a report through its workflow: the figures from the year's
records, the head's duty prefilled, every refusal in Chinese with nothing changed, figures frozen at
submission, the send to every recipient, every step audited."""

import datetime

import pytest

from fazhi.capacity.models import HeadDuty
from fazhi.core.choices import BodyKind
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, Notification
from fazhi.core.testing import make_body
from fazhi.litigation import testing as litigation
from fazhi.reports import services, testing
from fazhi.reports.choices import ReportStatus
from fazhi.reports.models import ReportDelivery, YearlyReport

D = datetime.date


def _article(report, number):
    return next(
        entry for chapter in report.figures["chapters"] for entry in chapter["articles"] if entry["article"] == number
    )


def test_generate_takes_each_chapter_and_article_from_the_year_records(today, city, staff):
    today.set(D(2026, 5, 1))
    litigation.heard(city["market"], staff["clerk"], on="2026-04-10", head=True)
    litigation.heard(city["market"], staff["clerk"], on="2026-04-10", head=False)
    today.set(D(2027, 1, 15))

    report = services.generate(actor=staff["clerk"], body=city["market"].pk, year=2026)

    assert report.status == ReportStatus.DRAFT and report.figures_as_of == D(2027, 1, 15)
    assert [chapter["number"] for chapter in report.figures["chapters"]] == [2, 3, 4, 5, 6, 7, 8, 9]
    articles = [entry["article"] for chapter in report.figures["chapters"] for entry in chapter["articles"]]
    assert 35 not in articles and 44 not in articles and 3 not in articles
    court = _article(report, 36)
    assert (court["status"], court["numerator"], court["denominator"]) == ("met", 1, 2)
    assert "出庭应诉率 50.0%" in court["summary"]
    assert _article(report, 45) == {**_article(report, 45), "status": "", "manual": True}
    assert "aggregate" not in report.figures
    assert AuditEvent.objects.filter(action="reports.generated", object_id=str(report.pk)).exists()


def test_the_head_duty_is_prefilled_from_the_year_end_report(today, city, staff):
    HeadDuty.objects.create(
        body=city["market"],
        year=2026,
        head_name="何建华",
        head_post="局长",
        reported_on=D(2026, 12, 28),
        text="带头学法，主持专题会议研究法治建设。",
    )
    report = services.generate(actor=staff["clerk"], body=city["market"].pk, year=2026)
    assert report.head_duty == "局长何建华于2026年12月28日年终述职时报告：\n带头学法，主持专题会议研究法治建设。"
    other = services.generate(actor=staff["clerk"], body=city["market"].pk, year=2025)
    assert other.head_duty == ""


def test_a_government_report_adds_how_the_bodies_under_it_stand(today, city, staff, host):
    report = services.generate(actor=staff["office"], body=city["government"].pk, year=2026)
    aggregate = report.figures["aggregate"]
    assert aggregate["bodies"] == 5  # 市场监管局, 生态环境局, 蓬江区政府, 蓬江区市场监管局, 司法局
    row = next(row for row in aggregate["rows"] if row["article"] == 35)
    assert (row["bound"], row["met"], row["not_met"], row["not_yet_due"]) == (5, 0, 0, 5)


@pytest.mark.parametrize(
    ("body", "year", "field", "message"),
    [
        ("ecology", 2026, "body", "请选择本人所在、可以编制报告的单位。"),
        (999999999, 2026, "body", "请选择本人所在、可以编制报告的单位。"),
        ("x", 2026, "body", "请指定报告单位。"),
        ("market", "二〇二六", "year", "年度应为2000至2027之间的年份。"),
        ("market", 2028, "year", "年度应为2000至2027之间的年份。"),
        ("market", True, "year", "年度应为2000至2027之间的年份。"),
        ("market", None, "year", "年度应为2000至2027之间的年份。"),
    ],
)
def test_generate_refuses_bad_input_in_chinese_and_stores_nothing(today, city, staff, body, year, field, message):
    value = city[body].pk if body in ("ecology", "market") else body
    with pytest.raises(InvalidInput) as refused:
        services.generate(actor=staff["clerk"], body=value, year=year)
    assert refused.value.errors == {field: [message]}
    assert not YearlyReport.objects.exists()


def test_generate_refuses_a_second_report_and_a_body_the_articles_do_not_bind(today, city, staff):
    services.generate(actor=staff["clerk"], body=city["market"].pk, year=2026)
    with pytest.raises(Conflict, match="江门市市场监督管理局的2026年度报告已经编制。"):
        services.generate(actor=staff["clerk"], body=city["market"].pk, year=2026)
    centre = make_body("江门市住房公积金管理中心", parent=city["government"], kind=BodyKind.AUTHORISED_ORGANISATION)
    clerk = _clerk_of(centre)
    with pytest.raises(InvalidInput, match="无需报送"):
        services.generate(actor=clerk, body=centre.pk, year=2026)
    assert YearlyReport.objects.count() == 1


def _clerk_of(body):
    from fazhi.core.testing import Role, make_user

    return make_user(roles=[(body, Role.CLERK)])


def test_submission_is_refused_while_a_required_part_is_empty(today, city, staff):
    report = services.generate(actor=staff["clerk"], body=city["market"].pk, year=2026)
    services.edit(report, actor=staff["clerk"], achievements="成效。", next_year="安排。")
    with pytest.raises(Conflict) as refused:
        services.submit(report, actor=staff["clerk"])
    assert refused.value.detail == (
        "“存在的不足和原因”“主要负责人履行推进法治建设第一责任人职责情况”尚未填写，不能提交审批。"
    )
    assert YearlyReport.objects.get().status == ReportStatus.DRAFT


def test_steps_out_of_order_are_refused_with_the_reason(today, city, staff):
    report = testing.written(city["market"], staff["clerk"], year=2026)
    with pytest.raises(Conflict, match="报告经主要负责人审批后方可报送。"):
        services.send(report, actor=staff["clerk"], sent_on="2027-01-15", means="exchange")
    with pytest.raises(Conflict, match="报告报送后方可向社会公开。"):
        services.publish(report, actor=staff["clerk"])
    services.submit(report, actor=staff["clerk"])
    with pytest.raises(Conflict, match="报告已提交主要负责人审批，不能修改；需要修改的，请负责人退回。"):
        services.edit(report, actor=staff["clerk"], achievements="改。")
    with pytest.raises(Conflict, match="报告经主要负责人审批后方可报送。"):
        services.send(report, actor=staff["clerk"], sent_on="2027-01-15")
    services.approve(report, actor=staff["head"])
    with pytest.raises(Conflict, match="报告已经审批，不能再修改。"):
        services.edit(report, actor=staff["clerk"], achievements="改。")
    with pytest.raises(Conflict, match="报告已经审批，不能再修改。"):
        services.regenerate(report, actor=staff["clerk"])
    with pytest.raises(Conflict, match="报告报送后方可向社会公开。"):
        services.publish(report, actor=staff["clerk"])
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.achievements == testing.TEXTS["achievements"]


def test_only_the_head_approves_and_a_return_needs_the_reason(today, city, staff):
    report = testing.written(city["market"], staff["clerk"], year=2026)
    services.submit(report, actor=staff["clerk"])
    with pytest.raises(Forbidden, match="您没有“审批同意”的权限。"):
        services.approve(report, actor=staff["clerk"])
    with pytest.raises(NotFound):
        services.approve(report, actor=staff["mayor"])  # the government's head sees it once it is sent
    with pytest.raises(InvalidInput, match="请填写退回修改意见。"):
        services.return_for_changes(report, actor=staff["head"], reason=" ")
    services.return_for_changes(report, actor=staff["head"], reason="请补充执法案卷评查情况。")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.return_reason == "请补充执法案卷评查情况。"
    assert Notification.objects.filter(recipient=staff["clerk"], title__startswith="已退回修改").exists()


def test_another_body_gets_404_and_a_reader_403(today, city, staff):
    report = testing.approved(city["market"], staff["clerk"], staff["head"], year=2026)
    for stranger in (staff["ecology"], staff["county_office"], staff["outsider"], staff["office"]):
        with pytest.raises(NotFound):
            services.send(report, actor=stranger, sent_on="2027-01-15")
    services.send(report, actor=staff["clerk"], sent_on="2027-01-15")
    with pytest.raises(Forbidden):
        services.publish(report, actor=staff["office"])  # the office above reads a sent report, no more
    with pytest.raises(Forbidden):
        services.publish(report, actor=staff["mayor"])
    assert YearlyReport.objects.get().status == ReportStatus.SENT


def test_figures_are_frozen_at_submission(today, city, staff):
    report = testing.written(city["market"], staff["clerk"], year=2026)
    assert _article(report, 36)["status"] == "not_applicable"
    today.set(D(2027, 1, 18))
    services.submit(report, actor=staff["clerk"])
    frozen = YearlyReport.objects.get().figures
    today.set(D(2026, 6, 1))
    litigation.heard(city["market"], staff["clerk"], on="2026-06-01", head=True)
    today.set(D(2027, 1, 19))
    report.refresh_from_db()
    assert report.figures == frozen and report.figures_as_of == D(2027, 1, 18)
    with pytest.raises(Conflict):
        services.regenerate(report, actor=staff["clerk"])
    services.return_for_changes(report, actor=staff["head"], reason="数据需更新。")
    services.regenerate(report, actor=staff["clerk"])
    report.refresh_from_db()
    assert _article(report, 36)["status"] == "met" and report.figures_as_of == D(2027, 1, 19)


def test_sending_records_every_recipient_and_tells_those_on_the_platform(today, city, staff, host):
    report = testing.approved(city["market"], staff["clerk"], staff["head"], year=2026)
    services.send(report, actor=staff["clerk"], sent_on="2027-01-15")
    rows = list(ReportDelivery.objects.values_list("kind", "name", "recipient", "sent_on", "means"))
    assert rows == [
        ("own_government", "江门市人民政府", city["government"].pk, D(2027, 1, 15), "platform"),
        (
            "leading_group_office",
            "江门市依法行政工作领导小组办公室（设在江门市司法局）",
            host.pk,
            D(2027, 1, 15),
            "platform",
        ),
    ]
    told = set(Notification.objects.filter(title__startswith="收到报告").values_list("recipient__username", flat=True))
    assert told == {"mayor", "office", "sfj_head"}
    event = AuditEvent.objects.get(action="reports.sent")
    assert '"late":false' in event.data.replace(" ", "")


def test_a_government_names_how_it_sent_to_those_off_the_platform(today, city, staff):
    report = testing.approved(city["county"], staff["county_office"], staff["county_head"], year=2026)
    with pytest.raises(InvalidInput) as refused:
        services.send(report, actor=staff["county_office"], sent_on="2027-01-15")
    assert refused.value.errors == {
        "means": ["中共蓬江区委员会、蓬江区人民代表大会常务委员会不在本平台，请选择实际的报送方式。"]
    }
    with pytest.raises(InvalidInput, match="不在本平台，请选择实际的报送方式"):
        services.send(report, actor=staff["county_office"], sent_on="2027-01-15", means="platform")
    with pytest.raises(InvalidInput, match="报送方式应为以下之一"):
        services.send(report, actor=staff["county_office"], sent_on="2027-01-15", means="pigeon")
    services.send(report, actor=staff["county_office"], sent_on="2027-01-15", means="paper", note="蓬府函〔2027〕3号")
    rows = list(ReportDelivery.objects.values_list("name", "means", "note"))
    assert rows == [
        ("中共蓬江区委员会", "paper", "蓬府函〔2027〕3号"),
        ("蓬江区人民代表大会常务委员会", "paper", "蓬府函〔2027〕3号"),
        ("江门市人民政府", "platform", ""),
        ("江门市依法行政工作领导小组办公室（设在江门市司法局）", "platform", ""),
    ]


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        ("2027-01-16", "报送日期不能晚于今天。"),
        ("2027-01-14", "报送日期不能早于审批日期（2027年1月15日）。"),
        ("15/01/2027", "报送日期应为日期（YYYY-MM-DD）。"),
        (None, "请填写报送日期。"),
    ],
)
def test_the_send_date_is_a_real_day_between_approval_and_today(today, city, staff, sent_on, message):
    report = testing.approved(city["market"], staff["clerk"], staff["head"], year=2026)
    with pytest.raises(InvalidInput) as refused:
        services.send(report, actor=staff["clerk"], sent_on=sent_on)
    assert refused.value.errors == {"sent_on": [message]}
    assert not ReportDelivery.objects.exists() and YearlyReport.objects.get().status == ReportStatus.APPROVED


def test_bad_text_is_refused_and_every_step_is_audited(today, city, staff):
    report = services.generate(actor=staff["clerk"], body=city["market"].pk, year=2026)
    with pytest.raises(InvalidInput, match="主要举措和成效应为文本。"):
        services.edit(report, actor=staff["clerk"], achievements=["列表"])
    with pytest.raises(InvalidInput, match="不能超过 20000 个字"):
        services.edit(report, actor=staff["clerk"], shortcomings="长" * 20001)
    services.edit(report, actor=staff["clerk"], **testing.TEXTS)
    services.regenerate(report, actor=staff["clerk"])
    services.submit(report, actor=staff["clerk"])
    services.approve(report, actor=staff["head"])
    services.send(report, actor=staff["clerk"], sent_on="2027-01-15")
    services.publish(report, actor=staff["clerk"])
    actions = list(AuditEvent.objects.filter(object_id=str(report.pk)).order_by("id").values_list("action", flat=True))
    assert [a for a in actions if a.startswith("reports.")] == [
        "reports.generated",
        "reports.edited",
        "reports.regenerated",
        "reports.submitted",
        "reports.approved",
        "reports.sent",
        "reports.published",
    ]
