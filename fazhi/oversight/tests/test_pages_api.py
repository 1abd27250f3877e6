"""The office pages and the API: what the office and a body see and do, refusals in Chinese with
nothing stored, another body's records a 404, scripts escaped, the register's filters (htmx), the
portal's published answers, and pinned query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.testing import api_client
from fazhi.oversight import services, testing
from fazhi.oversight.models import CongressReport, Inspection, Measure, Proposal

D = datetime.date
API = "/api/v1/oversight"


# --- pages ----------------------------------------------------------------------------------------


def test_the_office_assigns_on_the_page_and_sees_the_due_date_with_its_source(today, client, city, staff):
    client.force_login(staff["office"])
    page = client.get(reverse("oversight:proposal-new")).content.decode()
    assert "江门市市场监督管理局" in page and "蓬江区市场监督管理局" in page
    data = testing.proposal_data(city["market"], co_handlers=[city["ecology"].pk], complex="true")
    response = client.post(reverse("oversight:proposal-new"), data)
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "oversight:proposal-detail", args=[proposal.pk]
    )
    assert proposal.complex and proposal.participants.get().body == city["ecology"]
    page = client.get(response["Location"]).content.decode()
    assert "2026年9月2日" in page and "代表法（2025）第五十一条" in page and "会办单位" in page
    assert "您在此环节没有可办理的操作" in page  # the office waits for the body's answer


def test_a_bad_form_shows_the_message_and_stores_nothing(today, client, city, staff):
    client.force_login(staff["office"])
    response = client.post(
        reverse("oversight:proposal-new"), testing.proposal_data(city["market"], assigned_on="2026-13-01")
    )
    assert response.status_code == 400 and "交办日期应为日期" in response.content.decode()
    client.force_login(staff["market"])
    response = client.post(reverse("oversight:proposal-new"), testing.proposal_data(city["market"]))
    assert response.status_code == 400 and "请选择本人可以交办的单位" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_body_answers_on_the_page_and_a_refusal_shows_above_the_form(today, client, city, staff):
    proposal = testing.assign(city["market"], staff["office"])
    client.force_login(staff["market"])
    url = reverse("oversight:proposal-step", args=[proposal.pk, "reply"])
    response = client.post(url, {"replied_on": "2026-03-02", "category": "Z", "text": "答复"})
    assert response.status_code == 400 and "答复类别应为以下之一" in response.content.decode()
    response = client.post(
        url, {"replied_on": "2026-03-02", "category": "A", "text": "<script>alert('答')</script>已办", "public": "true"}
    )
    assert response.status_code == 302
    page = client.get(reverse("oversight:proposal-detail", args=[proposal.pk])).content.decode()
    assert "按期答复" in page and "<script>alert" not in page and "&lt;script&gt;" in page
    response = client.post(
        reverse("oversight:proposal-step", args=[proposal.pk, "feedback"]),
        {"feedback": "satisfied", "feedback_on": "2026-03-02"},
    )
    assert response.status_code == 403
    response = client.post(reverse("oversight:proposal-step", args=[proposal.pk, "nonsense"]), {})
    assert response.status_code == 404
    client.force_login(staff["ecology"])
    assert client.get(reverse("oversight:proposal-detail", args=[proposal.pk])).status_code == 404
    assert client.post(url, {"replied_on": "2026-03-02", "category": "A", "text": "越权"}).status_code == 404


def test_the_public_reads_the_published_answer_masked_and_nothing_else(today, client, city, staff):
    published = testing.assign(city["market"], staff["office"], title="关于规范校外培训收费的建议")
    services.reply(
        published,
        actor=staff["market"],
        replied_on="2026-03-02",
        category="A",
        text="咨询电话13912345678。",
        public=True,
    )
    hidden = testing.answered(
        city["market"], staff["office"], staff["market"], replied_on="2026-03-02", title="未公开的答复"
    )
    page = client.get(reverse("oversight:public-replies")).content.decode()
    assert "关于规范校外培训收费的建议" in page and "未公开的答复" not in page
    reply = published.replies.get()
    page = client.get(reverse("oversight:public-reply", args=[reply.pk])).content.decode()
    assert "139****5678" in page and "13912345678" not in page and "李明华、陈少芬" in page
    assert client.get(reverse("oversight:public-reply", args=[hidden.replies.get().pk])).status_code == 404
    assert client.get(reverse("oversight:public-reply", args=[10**8])).status_code == 404
    assert "建议提案答复" in client.get(reverse("portal:home")).content.decode()


def test_the_register_filters_with_htmx_and_shows_late_answers(today, client, city, staff):
    today.set(D(2026, 7, 1))
    late = testing.answered(
        city["market"], staff["office"], staff["market"], replied_on="2026-06-30", assigned_on="2026-03-02"
    )
    running = testing.assign(
        city["ecology"], staff["office"], kind="cppcc", assigned_on="2026-06-01", title="关于湿地保护的提案"
    )
    client.force_login(staff["office"])
    page = client.get(reverse("oversight:proposals")).content.decode()
    assert "逾期答复" in page and "关于湿地保护的提案" in page
    partial = client.get(
        reverse("oversight:proposals"),
        {"kind": "cppcc"},
        headers={"HX-Request": "true", "HX-Target": "oversight-results"},
    ).content.decode()
    assert "<html" not in partial and "关于湿地保护的提案" in partial and str(late) not in partial
    assert client.get(reverse("oversight:proposals"), {"year": "abcd", "body": "x", "kind": "?"}).status_code == 200
    client.force_login(staff["market"])
    assert "关于湿地保护的提案" not in client.get(reverse("oversight:proposals")).content.decode()
    assert running.pk


def test_inspection_measure_and_task_pages_walk_their_steps(today, client, city, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff["office"])
    response = client.post(
        reverse("oversight:inspection-new"),
        {**testing.inspection_data(city["government"], [city["market"]]), "targets": [city["market"].pk]},
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    conclude = reverse("oversight:inspection-step", args=[inspection.pk, "conclude"])
    assert client.post(conclude, {"concluded_on": "2026-03-02", "conclusion": "报告"}).status_code == 409
    client.post(reverse("oversight:inspection-step", args=[inspection.pk, "start"]), {"started_on": "2026-03-02"})
    response = client.post(
        reverse("oversight:inspection-step", args=[inspection.pk, "finding"]),
        {
            "body": city["market"].pk,
            "severity": "general",
            "problem": "案卷不规范",
            "rectification_required": "true",
            "found_on": "2026-03-02",
        },
    )
    assert response.status_code == 302
    finding = inspection.findings.get()
    page = client.get(reverse("oversight:inspection-detail", args=[inspection.pk])).content.decode()
    assert f"?finding={finding.pk}" in page
    response = client.post(
        reverse("oversight:measure-new") + f"?finding={finding.pk}",
        {**testing.measure_data(city["government"], city["market"]), "finding": finding.pk},
    )
    measure = Measure.objects.get()
    assert response.status_code == 302 and measure.finding == finding
    client.force_login(staff["market"])
    page = client.get(reverse("oversight:measure-detail", args=[measure.pk])).content.decode()
    assert "2026年4月30日" in page and "责令整改通知确定的期限" in page and 'data-transition="report"' in page
    client.force_login(staff["office"])
    split = testing.plan(city["government"], staff["office"], tasks=[(city["market"], "执法三项制度", "2026-04-15")])
    task = split.tasks.get()
    client.force_login(staff["market"])
    upload = reverse("oversight:task-step", args=[task.pk, "upload"])
    assert client.post(upload, {}).status_code == 400
    response = client.post(upload, {"file": SimpleUploadedFile("台账.txt", "法制审核台账".encode())})
    assert response.status_code == 302
    assert client.post(reverse("oversight:task-step", args=[task.pk, "submit"]), {"note": "请审核"}).status_code == 302
    page = client.get(reverse("oversight:task-detail", args=[task.pk])).content.decode()
    assert "台账.txt" in page and "已报送，待审核" in page


def test_the_congress_page_records_an_opinion_and_its_report(today, client, city, staff):
    client.force_login(staff["market"])
    response = client.post(reverse("oversight:report-new"), testing.report_data(city["market"]))
    report = CongressReport.objects.get()
    assert response.status_code == 302
    step = reverse("oversight:congress-step", args=[report.pk, "opinion"])
    assert client.post(step, {"kind": "resolution", "received_on": "2026-03-02", "content": "决议"}).status_code == 400
    client.post(step, {"kind": "opinion", "received_on": "2026-03-02", "content": "加强监管"})
    opinion = report.opinions.get()
    page = client.get(reverse("oversight:congress-detail", args=[report.pk])).content.decode()
    assert "2026年6月2日" in page and "监督法（2024）第十七条" in page
    response = client.post(
        reverse("oversight:congress-step", args=[report.pk, "report-opinion"]),
        {"opinion": opinion.pk, "reported_on": "2026-03-02", "handling": "已整改"},
    )
    assert response.status_code == 302
    assert client.post(
        reverse("oversight:congress-step", args=[report.pk, "report-opinion"]),
        {"opinion": 10**12, "reported_on": "2026-03-02", "handling": "x"},
    ).status_code in (400, 404)


# --- API ------------------------------------------------------------------------------------------


def test_the_api_assigns_answers_and_records_feedback(today, city, staff):
    office, body = api_client(staff["office"]), api_client(staff["market"])
    response = office.post(
        f"{API}/proposals/", testing.proposal_data(city["market"], assistants=[city["ecology"].pk]), format="json"
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["due_dates"][1]["due_on"] == "2026-06-02" and created["participants"][0]["role"] == "assistant"
    assert created["actions"] == []
    pk = created["id"]
    assert [a["name"] for a in body.get(f"{API}/proposals/{pk}/").json()["actions"]] == ["request-reassign", "reply"]
    response = body.post(
        f"{API}/proposals/{pk}/reply/",
        {"replied_on": "2026-03-02", "category": "A", "text": "已办", "extra": 1},
        format="json",
    )
    assert response.status_code == 400 and "extra" in response.json()["errors"]
    response = body.post(
        f"{API}/proposals/{pk}/reply/",
        {"replied_on": "2026-03-02", "category": "A", "text": "已办", "public": True},
        format="json",
    )
    assert response.status_code == 200 and response.json()["replies"][0]["late"] is False
    response = office.post(
        f"{API}/proposals/{pk}/feedback/", {"feedback": "satisfied", "feedback_on": "2026-03-02"}, format="json"
    )
    assert response.json()["status"] == "closed"
    assert api_client().get(f"{API}/public-replies/").json()["results"][0]["title"] == created["title"]
    assert api_client(staff["county_office"]).get(f"{API}/proposals/{pk}/").status_code == 404
    assert office.get(f"{API}/proposals/", {"status": "nonsense"}).status_code == 400
    assert office.get(f"{API}/proposals/{10**12}/").status_code == 404
    response = office.post(f"{API}/proposals/", [1, 2], format="json")
    assert response.status_code == 400


def test_the_api_measures_inspections_and_tasks(today, city, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office, body = api_client(staff["office"]), api_client(staff["market"])
    response = office.post(
        f"{API}/inspections/", testing.inspection_data(city["government"], [city["market"]]), format="json"
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert (
        office.post(
            f"{API}/inspections/{pk}/conclude/", {"concluded_on": "2026-03-02", "conclusion": "x"}, format="json"
        ).status_code
        == 409
    )
    office.post(f"{API}/inspections/{pk}/start/", {"started_on": "2026-03-02"}, format="json")
    response = office.post(
        f"{API}/inspections/{pk}/finding/",
        {"body": city["market"].pk, "severity": "none", "found_on": "2026-03-02"},
        format="json",
    )
    assert response.json()["findings"][0]["severity_label"] == "未发现问题"
    assert body.get(f"{API}/findings/").json()["count"] == 1
    assert api_client(staff["ecology"]).get(f"{API}/findings/").json()["count"] == 0
    response = office.post(f"{API}/measures/", testing.measure_data(city["government"], city["market"]), format="json")
    measure = response.json()
    assert response.status_code == 201 and measure["rounds"][0]["due_on"] == "2026-04-30"
    response = body.post(
        f"{API}/measures/{measure['id']}/report/", {"reported_on": "2026-03-02", "report": "已整改"}, format="json"
    )
    assert response.json()["status"] == "reported"
    response = office.post(
        f"{API}/measures/{measure['id']}/verify/", {"verified_on": "2026-03-02", "passed": "maybe"}, format="json"
    )
    assert response.status_code == 400
    split = testing.plan(city["government"], staff["office"], tasks=[(city["market"], "指标", "2026-04-15")])
    task = split.tasks.get()
    response = body.post(
        f"{API}/evaluation-tasks/{task.pk}/upload/",
        {"file": SimpleUploadedFile("材料.txt", "材料".encode())},
        format="multipart",
    )
    assert response.status_code == 200 and response.json()["files"][0]["original_name"] == "材料.txt"
    assert body.post(f"{API}/evaluation-tasks/{task.pk}/upload/", {}, format="multipart").status_code == 400
    assert body.post(f"{API}/evaluation-tasks/{task.pk}/submit/", {}, format="json").json()["status"] == "submitted"
    response = office.post(f"{API}/evaluation-tasks/{task.pk}/return/", {"reason": "材料不全"}, format="json")
    assert response.json()["status"] == "returned"
    assert api_client(staff["ecology"]).get(f"{API}/evaluation-tasks/{task.pk}/").status_code == 404


def test_list_pages_and_api_lists_take_a_fixed_number_of_queries(today, city, staff):
    def count(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    from django.test import Client

    page = Client()
    page.force_login(staff["office"])
    api = api_client(staff["office"])
    testing.answered(city["market"], staff["office"], staff["market"], replied_on="2026-03-02")
    count(api, f"{API}/proposals/")  # the user's scope is computed once and kept on the user
    before = (count(page, reverse("oversight:proposals")), count(api, f"{API}/proposals/"))
    for _i in range(5):
        testing.answered(city["market"], staff["office"], staff["market"], replied_on="2026-03-02")
        testing.order(city["government"], city["ecology"], staff["office"])
    after = (count(page, reverse("oversight:proposals")), count(api, f"{API}/proposals/"))
    assert after == before
    assert count(page, reverse("oversight:measures")) == count(
        page, reverse("oversight:measures") + "?kind=rectification"
    )


@pytest.mark.parametrize("name", ["home", "proposals", "reports", "inspections", "measures", "plans"])
def test_every_register_answers_for_a_clerk_and_the_office(today, client, city, staff, name):
    for user in (staff["market"], staff["office"], staff["outsider"]):
        client.force_login(user)
        assert client.get(reverse(f"oversight:{name}")).status_code == 200


# --- bad input on every form and every API create --------------------------------------------------


@pytest.fixture
def records(today, city, staff):
    """One of each record, at the stage where its step takes input."""
    inspection = testing.inspect(city["government"], [city["market"]], staff["office"])
    services.start_inspection(inspection, actor=staff["office"], started_on="2026-03-02")
    split = testing.plan(city["government"], staff["office"], tasks=[(city["market"], "指标", "2026-04-15")])
    return {
        "proposal": testing.assign(city["market"], staff["office"]),
        "report": testing.report(city["market"], staff["market"]),
        "inspection": inspection,
        "measure": testing.order(city["government"], city["market"], staff["office"]),
        "plan": split,
        "task": split.tasks.get(),
    }


BAD_FORMS = [
    ("office", "oversight:report-new", None, {"kind": "speech"}, "类型应为以下之一"),
    ("office", "oversight:inspection-new", None, {"year": "二〇二六"}, "年度应为四位数字"),
    ("office", "oversight:measure-new", None, {"rectify_by": "四月底"}, "整改期限应为日期"),
    ("office", "oversight:plan-new", None, {"year": "26"}, "年度应为四位数字"),
    ("market", "oversight:proposal-step", ("proposal", "request-reassign"), {"reason": " "}, "请填写申请理由"),
    (
        "market",
        "oversight:congress-step",
        ("report", "opinion"),
        {"kind": "opinion", "received_on": "2026-03-02"},
        "请填写审议意见",
    ),
    ("office", "oversight:inspection-step", ("inspection", "finding"), {"body": "abc"}, "请指定督查对象"),
    ("office", "oversight:inspection-step", ("inspection", "targets"), {}, "当前状态为"),
    (
        "market",
        "oversight:measure-step",
        ("measure", "report"),
        {"reported_on": "2026-02-30", "report": "x"},
        "报送整改情况日期应为日期",
    ),
    ("office", "oversight:plan-step", ("plan", "task"), {"body": "", "indicator": "x"}, "请指定责任单位"),
    ("market", "oversight:task-step", ("task", "remove"), {"attachment": "1; drop"}, "请指定材料"),
]


@pytest.mark.parametrize(
    ("who", "name", "record", "data", "message"), BAD_FORMS, ids=[f"{b[1]}-{b[2]}" for b in BAD_FORMS]
)
def test_every_form_refuses_bad_input_in_chinese_and_stores_nothing(
    client, staff, city, records, who, name, record, data, message
):
    from fazhi.oversight.testing import state

    before = state()
    client.force_login(staff[who])
    if record is None:
        base = {
            "oversight:report-new": testing.report_data(city["market"]),
            "oversight:inspection-new": testing.inspection_data(city["government"], [city["market"]]),
            "oversight:measure-new": testing.measure_data(city["government"], city["market"]),
            "oversight:plan-new": {"government": city["government"].pk, "year": 2027, "title": "迎考"},
        }[name]
        url = reverse(name)
    else:
        base = {}
        url = reverse(name, args=[records[record[0]].pk, record[1]])
    response = client.post(url, {**base, **data})
    assert response.status_code in (400, 409), response.status_code
    assert message in response.content.decode()
    assert state() == before


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("proposals/", {"kind": 1, "body": "abc", "assigned_on": 20260302}),
        ("congress-reports/", {"body": None, "kind": "special", "reported_on": "yesterday"}),
        ("inspections/", {"government": True, "targets": "all"}),
        ("measures/", {"issuer": [1], "body": {}, "kind": "fine"}),
        ("evaluation-plans/", {"government": "", "year": 1999, "title": "x" * 300}),
    ],
)
def test_every_api_create_refuses_wrong_types_with_the_error_body(today, city, staff, path, data):
    response = api_client(staff["office"]).post(f"{API}/{path}", data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "detail", "errors"} and body["errors"]


def test_an_oversized_upload_is_refused(today, city, staff, settings, tmp_path, records):
    settings.MEDIA_ROOT = tmp_path
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    response = api_client(staff["market"]).post(
        f"{API}/evaluation-tasks/{records['task'].pk}/upload/",
        {"file": SimpleUploadedFile("大文件.txt", "材料".encode() * 1000)},
        format="multipart",
    )
    assert response.status_code == 400 and "超过上限" in response.json()["detail"]
    assert not list(tmp_path.rglob("*.txt"))
