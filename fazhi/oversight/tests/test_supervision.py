"""The office's inspections (seed art. 56), the measures against a body (art. 53) and the
provincial evaluation's task split (art. 52): the gates in Chinese, the rectification rounds over
real 2026 dates, the materials through core attachments, access and bad input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Attachment, AuditEvent
from fazhi.oversight import selectors, services, testing
from fazhi.oversight.choices import InspectionStatus as I
from fazhi.oversight.choices import MeasureStatus as M
from fazhi.oversight.choices import TaskStatus as T
from fazhi.oversight.models import EvaluationTask, Finding, Inspection, Measure

D = datetime.date


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- inspections ----------------------------------------------------------------------------------


def test_an_inspection_cannot_start_without_bodies_nor_conclude_without_a_finding_for_each(today, city, staff):
    inspection = testing.inspect(city["government"], [], staff["office"])
    with pytest.raises(Conflict) as refused:
        services.start_inspection(inspection, actor=staff["office"], started_on="2026-03-02")
    assert refused.value.detail == "请先确定督查对象。"
    with pytest.raises(Conflict):  # findings only while in progress
        services.record_finding(
            inspection, actor=staff["office"], body=city["market"].pk, severity="none", found_on="2026-03-02"
        )
    with pytest.raises(InvalidInput):  # the government itself is not inspected by its own office
        services.set_targets(inspection, actor=staff["office"], targets=[city["government"].pk])
    services.set_targets(inspection, actor=staff["office"], targets=[city["market"].pk, city["ecology"].pk])
    services.start_inspection(inspection, actor=staff["office"], started_on="2026-03-02")
    with pytest.raises(Conflict):  # the bodies are fixed once it started
        services.set_targets(inspection, actor=staff["office"], targets=[city["market"].pk])
    services.record_finding(
        inspection,
        actor=staff["office"],
        body=city["market"].pk,
        severity="general",
        problem="3宗行政处罚案件未经法制审核。",
        rectification_required=True,
        found_on="2026-03-02",
    )
    with pytest.raises(Conflict) as refused:
        services.conclude_inspection(inspection, actor=staff["office"], concluded_on="2026-03-02", conclusion="报告")
    assert "江门市生态环境局" in refused.value.detail and "未发现问题的，也请如实记录" in refused.value.detail
    services.record_finding(
        inspection, actor=staff["office"], body=city["ecology"].pk, severity="none", found_on="2026-03-02"
    )
    services.conclude_inspection(
        inspection, actor=staff["office"], concluded_on="2026-03-02", conclusion="督查2个单位，发现问题1个。"
    )
    inspection.refresh_from_db()
    assert inspection.status == I.CONCLUDED
    assert list(
        AuditEvent.objects.filter(object_id=str(inspection.pk), action__startswith="oversight.inspection")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "oversight.inspection_planned",
        "oversight.inspection_targets_set",
        "oversight.inspection_started",
        "oversight.inspection_concluded",
    ]


def test_findings_refuse_bad_input(today, city, staff):
    inspection = testing.inspect(city["government"], [city["market"]], staff["office"])
    services.start_inspection(inspection, actor=staff["office"], started_on="2026-03-02")
    cases = [
        ({"body": city["ecology"].pk}, "body"),  # not inspected
        ({"severity": "fatal"}, "severity"),
        ({"severity": "general", "problem": ""}, "problem"),
        ({"severity": "none", "rectification_required": True}, "rectification_required"),
        ({"found_on": "2026-03-01"}, "found_on"),  # before the inspection began
        ({"found_on": "三月二日"}, "found_on"),
    ]
    for overrides, field in cases:
        values = {"body": city["market"].pk, "severity": "minor", "problem": "问题", "found_on": "2026-03-02"}
        with pytest.raises(InvalidInput) as refused:
            services.record_finding(inspection, actor=staff["office"], **{**values, **overrides})
        assert field in refused.value.errors, overrides
    assert not Finding.objects.exists()
    for values, field in (
        ({"kind": "audit"}, "kind"),
        ({"year": "二〇二六"}, "year"),
        ({"planned_on": "2027-01-05"}, "planned_on"),
        ({"targets": [city["county"].pk, 10**12]}, "targets"),
        ({"government": city["market"].pk}, "government"),
    ):
        with pytest.raises(InvalidInput) as refused:
            testing.inspect(city["government"], [city["market"]], staff["office"], **values)
        assert field in refused.value.errors, values
    with pytest.raises(InvalidInput):  # another subtree's office cannot plan for the city
        testing.inspect(city["government"], [city["market"]], staff["county_office"])
    assert Inspection.objects.count() == 1


def test_an_inspected_body_sees_its_own_findings_only_and_acts_on_none(today, city, staff):
    inspection = testing.inspect(city["government"], [city["market"], city["ecology"]], staff["office"])
    services.start_inspection(inspection, actor=staff["office"], started_on="2026-03-02")
    for body, problem in ((city["market"], "市场问题"), (city["ecology"], "环境问题")):
        services.record_finding(
            inspection, actor=staff["office"], body=body.pk, severity="minor", problem=problem, found_on="2026-03-02"
        )
    assert [f.problem for f in selectors.visible_findings(staff["market"], inspection)] == ["市场问题"]
    assert len(selectors.visible_findings(staff["office"], inspection)) == 2
    with pytest.raises(Forbidden):
        services.conclude_inspection(inspection, actor=staff["market"], concluded_on="2026-03-02", conclusion="越权")
    with pytest.raises(NotFound):
        selectors.visible_inspection(staff["county_office"], inspection.pk)
    assert selectors.visible_inspection(staff["market"], inspection.pk) == inspection


# --- measures -------------------------------------------------------------------------------------


def test_a_rectification_order_reported_late_fails_verification_and_passes_in_a_second_round(today, city, staff):
    order = testing.order(city["government"], city["market"], staff["office"], rectify_by="2026-04-30")
    assert order.status == M.RECTIFYING and order.rectify_by == D(2026, 4, 30)
    rows = selectors.measure_due_dates(order)
    assert rows[0]["due_on"] == D(2026, 4, 30) and "责令整改通知确定的期限" in rows[0]["source"]
    with pytest.raises(Forbidden):  # the issuer does not report for the body
        services.report_rectification(order, actor=staff["office"], reported_on="2026-03-02", report="整改")
    with pytest.raises(Conflict):  # nothing to verify yet
        services.verify_rectification(order, actor=staff["office"], verified_on="2026-03-02", passed=True)
    today.set(D(2026, 5, 6))
    assert selectors.measure_due_dates(order)[0]["late"]
    period = services.report_rectification(
        order, actor=staff["market"], reported_on="2026-05-06", report="已补充法制审核，修订审核制度。"
    )
    assert period.late
    with pytest.raises(Forbidden):
        services.verify_rectification(order, actor=staff["market"], verified_on="2026-05-06", passed=True)
    with pytest.raises(InvalidInput) as refused:
        services.verify_rectification(
            order, actor=staff["office"], verified_on="2026-05-06", passed=False, note="不到位"
        )
    assert "new_due_on" in refused.value.errors
    with pytest.raises(InvalidInput):
        services.verify_rectification(
            order, actor=staff["office"], verified_on="2026-05-06", passed=False, note="不到位", new_due_on="2026-05-06"
        )
    services.verify_rectification(
        order,
        actor=staff["office"],
        verified_on="2026-05-06",
        passed=False,
        note="审核制度未印发。",
        new_due_on="2026-06-30",
    )
    order.refresh_from_db()
    assert order.status == M.RECTIFYING and order.rectify_by == D(2026, 6, 30)
    today.set(D(2026, 6, 20))
    with pytest.raises(InvalidInput):  # the second report cannot predate the verification
        services.report_rectification(order, actor=staff["market"], reported_on="2026-05-05", report="整改")
    services.report_rectification(order, actor=staff["market"], reported_on="2026-06-19", report="制度已印发。")
    services.verify_rectification(order, actor=staff["office"], verified_on="2026-06-20", passed=True)
    order.refresh_from_db()
    assert order.status == M.PASSED
    assert [(r.round, r.late, r.passed) for r in order.rounds.all()] == [(1, True, False), (2, False, True)]
    with pytest.raises(Conflict):
        services.report_rectification(order, actor=staff["market"], reported_on="2026-06-20", report="再报")


def test_measures_go_only_to_bodies_below_the_issuer_and_only_orders_have_a_date(today, city, staff):
    cases = [
        ({"body": city["ecology"].pk, "issuer": city["market"].pk}, "body"),  # a sibling is not below
        ({"body": city["government"].pk}, "body"),
        ({"kind": "fine"}, "kind"),
        ({"rectify_by": "2026-03-01"}, "rectify_by"),
        ({"rectify_by": ""}, "rectify_by"),
        ({"kind": "interview"}, "rectify_by"),
        ({"reasons": ""}, "reasons"),
        ({"finding": 10**6}, "finding"),
        ({"issued_on": "2026-03-03"}, "issued_on"),
    ]
    for overrides, field in cases:
        with pytest.raises(InvalidInput) as refused:
            testing.order(city["government"], city["market"], staff["office"], **overrides)
        assert field in refused.value.errors, overrides
    with pytest.raises(InvalidInput) as refused:
        testing.order(city["government"], city["market"], staff["market"])
    assert "请选择本人可以代表作出处理的机关" in refused.value.errors["issuer"][0]
    assert not Measure.objects.exists()
    interview = testing.order(city["government"], city["market"], staff["office"], kind="interview", rectify_by=None)
    assert interview.status == M.ISSUED and not interview.rounds.exists()
    with pytest.raises(Conflict):
        services.report_rectification(interview, actor=staff["market"], reported_on="2026-03-02", report="无")


def test_an_order_from_a_finding_and_measures_for_the_evaluation(today, city, staff):
    inspection = testing.inspect(city["government"], [city["market"]], staff["office"])
    services.start_inspection(inspection, actor=staff["office"], started_on="2026-03-02")
    finding = services.record_finding(
        inspection,
        actor=staff["office"],
        body=city["market"].pk,
        severity="serious",
        problem="未公示行政处罚决定。",
        rectification_required=True,
        found_on="2026-03-02",
    )
    order = testing.order(city["government"], city["market"], staff["office"], finding=finding.pk, number="")
    assert order.finding == finding
    testing.order(city["government"], city["market"], staff["office"], kind="criticism", rectify_by=None)
    testing.order(city["government"], city["ecology"], staff["office"], kind="interview", rectify_by=None)
    today.set(D(2027, 1, 5))
    testing.order(city["government"], city["market"], staff["office"], issued_on="2027-01-05", rectify_by="2027-02-01")
    found = selectors.measures_for(2026)
    assert sorted(found) == sorted([city["market"].pk, city["ecology"].pk])
    market = found[city["market"].pk]
    assert [(m["kind"], m["status"]) for m in market] == [("rectification", "rectifying"), ("criticism", "issued")]
    assert market[0]["late"] and market[0]["issued_on"] == D(2026, 3, 2) and market[0]["issuer"] == "江门市人民政府"
    assert selectors.measures_for(2026, bodies=[city["ecology"]])[city["ecology"].pk][0]["kind_label"] == "约谈"
    assert selectors.measures_for(2025) == {}


# --- the provincial evaluation --------------------------------------------------------------------


def _upload(name="自评报告.txt", content=None):
    return SimpleUploadedFile(name, content or "本单位2026年依法行政自评报告。".encode())


def test_the_task_split_materials_submission_and_the_office_review(today, city, staff, media):
    split = testing.plan(city["government"], staff["office"], tasks=[], issue=False)
    with pytest.raises(Conflict) as refused:
        services.issue_plan(split, actor=staff["office"])
    assert refused.value.detail == "请先分解任务。"
    task = services.add_task(
        split,
        actor=staff["office"],
        body=city["market"].pk,
        indicator="行政执法“三项制度”落实情况",
        materials="执法公示、全过程记录、法制审核制度文件及落实台账",
        due_on="2026-04-15",
    )
    with pytest.raises(NotFound):  # not issued: the body does not see its task yet
        selectors.visible_task(staff["market"], task.pk)
    services.issue_plan(split, actor=staff["office"])
    assert selectors.visible_task(staff["market"], task.pk) == task
    assert selectors.task_due_dates(task)[0]["due_on"] == D(2026, 4, 15)
    with pytest.raises(Conflict) as refused:
        services.submit_task(task, actor=staff["market"])
    assert refused.value.detail == "请先上传应考材料。"
    with pytest.raises(Forbidden):  # the office does not upload for the body
        services.upload_material(task, actor=staff["office"], file=_upload())
    with pytest.raises(InvalidInput):
        services.upload_material(task, actor=staff["market"], file=_upload("病毒.exe", b"MZ\x90\x00binary"))
    with pytest.raises(InvalidInput):
        services.upload_material(task, actor=staff["market"], file="not a file")
    attachment = services.upload_material(task, actor=staff["market"], file=_upload())
    assert attachment.body == city["market"]
    spare = services.upload_material(task, actor=staff["market"], file=_upload("多余.txt"))
    services.remove_material(task, actor=staff["market"], attachment=spare.pk)
    assert list(Attachment.objects.values_list("pk", flat=True)) == [attachment.pk]
    today.set(D(2026, 4, 10))
    services.submit_task(task, actor=staff["market"], note="请审核。")
    task.refresh_from_db()
    assert (task.status, task.first_submitted_on) == (T.SUBMITTED, D(2026, 4, 10))
    with pytest.raises(InvalidInput):
        services.return_task(task, actor=staff["office"], reason="")
    with pytest.raises(Forbidden):
        services.accept_task(task, actor=staff["market"])
    services.return_task(task, actor=staff["office"], reason="缺少法制审核台账。")
    task.refresh_from_db()
    assert task.status == T.RETURNED and task.return_reason == "缺少法制审核台账。"
    today.set(D(2026, 4, 20))
    services.upload_material(task, actor=staff["market"], file=_upload("法制审核台账.txt"))
    services.submit_task(task, actor=staff["market"])
    services.accept_task(task, actor=staff["office"])
    task.refresh_from_db()
    assert (task.status, task.first_submitted_on, task.submitted_on) == (T.ACCEPTED, D(2026, 4, 10), D(2026, 4, 20))
    with pytest.raises(Conflict):
        services.upload_material(task, actor=staff["market"], file=_upload())


def test_the_split_is_one_per_year_and_tasks_go_below_the_government(today, city, staff):
    split = testing.plan(city["government"], staff["office"], tasks=[], issue=False)
    with pytest.raises(Conflict):
        testing.plan(city["government"], staff["office"], tasks=[], issue=False)
    for values, field in (
        ({"body": city["government"].pk}, "body"),
        ({"due_on": "2026-03-01"}, "due_on"),  # already past
        ({"indicator": ""}, "indicator"),
        ({"materials": None}, "materials"),
    ):
        base = {"body": city["market"].pk, "indicator": "指标", "materials": "材料", "due_on": "2026-04-15"}
        with pytest.raises(InvalidInput) as refused:
            services.add_task(split, actor=staff["office"], **{**base, **values})
        assert field in refused.value.errors, values
    with pytest.raises(NotFound):
        services.add_task(
            split, actor=staff["market"], body=city["market"].pk, indicator="x", materials="y", due_on="2026-04-15"
        )
    assert not EvaluationTask.objects.exists()
