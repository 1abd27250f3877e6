"""The portal form, the office pages and the API of reconsideration: what a user sees and is refused,
bad input with nothing stored, another body's case a 404, the applicant masked where it must be."""

import datetime

import pytest
from django.urls import reverse

from fazhi.core.jobs import REGISTRY
from fazhi.core.models import PublicSubmission
from fazhi.core.testing import api_client
from fazhi.reconsideration import selectors, services, testing
from fazhi.reconsideration.choices import CaseStatus as S
from fazhi.reconsideration.models import Case, Guide

D = datetime.date
pytestmark = pytest.mark.django_db
SUBMIT = "/api/v1/public/submissions/"


def _form(body, **overrides):
    return {**testing.application_data(body), **overrides}


# --- portal -------------------------------------------------------------------------------------


def test_the_portal_form_routes_the_application_to_the_justice_bureau(tree, client, today):
    page = client.get(reverse("portal:submit", args=["reconsideration"]))
    assert page.status_code == 200 and "被申请人" in page.content.decode()
    response = client.post(reverse("portal:submit", args=["reconsideration"]), _form(tree["market"]))
    assert response.status_code == 200 and "FY-2026-" in response.content.decode()
    case = Case.objects.get()
    assert case.office == tree["justice"] and case.status == S.RECEIVED
    assert case.request == "请求撤销该行政处罚决定。" and case.known_on == D(2026, 2, 12)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"respondent": ""}, "respondent", "请选择被申请人。"),
        ({"respondent": "999999"}, "respondent", "所选行政机关不存在或已撤销。"),
        ({"known_on": "2026-02-30"}, "known_on", "日期应为真实存在的日期，格式 YYYY-MM-DD。"),
        ({"known_on": "2027-01-01"}, "known_on", "日期不能晚于今天。"),
        ({"request": ""}, "request", "请填写行政复议请求。"),
        ({"incidental_document": "江门市某规定"}, "incidental_clauses", "请写明申请附带审查的条款及理由。"),
    ],
)
def test_bad_input_on_the_portal_form_stores_nothing(tree, client, today, overrides, field, message):
    response = client.post(reverse("portal:submit", args=["reconsideration"]), _form(tree["market"], **overrides))
    assert response.status_code == 400 and message in response.content.decode()
    assert not PublicSubmission.objects.exists() and not Case.objects.exists()


def test_an_act_of_the_city_government_is_refused_with_where_to_apply(tree, today):
    response = api_client().post(SUBMIT, {**_form(tree["government"]), "kind": "reconsideration"}, format="json")
    assert response.status_code == 400 and "省人民政府" in response.json()["errors"]["respondent"][0]
    response = api_client().post(
        SUBMIT, {**_form(tree["market"], request=["撤销"]), "kind": "reconsideration"}, format="json"
    )
    assert response.status_code == 400 and "request" in response.json()["errors"]
    assert not Case.objects.exists()


def test_the_applicant_completes_on_the_portal_and_reads_the_status(tree, client, staff, today):
    case, secret = testing.apply(tree["market"])
    services.ask_completion(case, actor=staff["clerk"], items="行政处罚决定书复印件。")
    url = reverse("reconsideration:public-complete")
    wrong = client.post(url, {"receipt_code": case.submission.receipt_code, "secret": "AAAA", "text": "补正材料说明"})
    assert wrong.status_code == 404
    response = client.post(
        url, {"receipt_code": case.submission.receipt_code, "secret": secret, "text": "已补交决定书。"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "收到补正材料" in page and "审查受理期限" in page
    again = client.post(url, {"receipt_code": case.submission.receipt_code, "secret": secret, "text": "再次补正材料。"})
    assert again.status_code == 409


def test_a_script_is_stored_as_text_and_escaped(tree, client, staff, today):
    case, _secret = testing.apply(tree["market"], content="<script>alert('复议')</script>请依法撤销。")
    client.force_login(staff["clerk"])
    page = client.get(reverse("reconsideration:detail", args=[case.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


# --- office pages -------------------------------------------------------------------------------


def test_the_case_page_shows_deadlines_with_sources_and_who_sees_the_applicant(tree, client, staff, today):
    case, _secret = testing.apply(tree["market"], submitter_name="李大明")
    client.force_login(staff["clerk"])
    page = client.get(reverse("reconsideration:detail", args=[case.pk])).content.decode()
    assert "李大明" in page and "2026年10月10日" in page and "行政复议法（2023）第三十条" in page
    client.force_login(staff["market"])  # the respondent receives the application's copy (art. 48)
    assert "李大明" in client.get(reverse("reconsideration:detail", args=[case.pk])).content.decode()
    client.force_login(staff["office"])  # the 依法行政办 reads it, the applicant masked
    page = client.get(reverse("reconsideration:detail", args=[case.pk])).content.decode()
    assert "李大明" not in page and "李**" in page
    client.force_login(staff["ecology"])
    assert client.get(reverse("reconsideration:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("reconsideration:register")).content.decode().count(case.number) == 0


def test_steps_on_the_page_and_a_refusal_keeps_the_case(tree, client, staff, today):
    case, _secret = testing.apply(tree["market"])
    client.force_login(staff["clerk"])
    url = reverse("reconsideration:step", args=[case.pk, "accept"])
    response = client.post(url, {"procedure": "simplified"})
    assert response.status_code == 400 and "适用简易程序的情形" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == S.RECEIVED
    response = client.post(url, {"procedure": "ordinary"})
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).status == S.ACCEPTED
    response = client.post(url, {"procedure": "ordinary"})
    assert response.status_code == 409
    client.force_login(staff["market"])
    assert client.post(reverse("reconsideration:step", args=[case.pk, "send-copy"])).status_code == 403


def test_the_office_enters_a_letter_and_the_penalty_body_lodges_one(tree, client, staff, today):
    client.force_login(staff["clerk"])
    data = {**_form(tree["market"]), "channel": "letter", "day": "2026-09-25"}
    response = client.post(reverse("reconsideration:enter"), data)
    assert response.status_code == 200 and "FY-2026-" in response.content.decode()
    assert Case.objects.get().received_on == D(2026, 9, 25)
    response = client.post(reverse("reconsideration:enter"), {**data, "day": "tomorrow"})
    assert response.status_code == 400 and Case.objects.count() == 1
    client.force_login(staff["market"])
    response = client.post(reverse("reconsideration:lodge"), {**_form(tree["market"]), "day": "2026-09-28"})
    assert response.status_code == 200 and Case.objects.filter(status=S.FORWARDING).count() == 1
    client.force_login(staff["ecology"])
    response = client.post(reverse("reconsideration:lodge"), {**_form(tree["market"]), "day": "2026-09-28"})
    assert response.status_code in (403, 400) and Case.objects.count() == 2


def test_the_recipient_reports_corrections_on_its_letter_page(tree, client, staff, today):
    case = testing.accepted(tree["market"], staff["clerk"])
    letter = services.issue_letter(case, actor=staff["clerk"], recipient=tree["market"].pk, text="请规范送达程序。")
    client.force_login(staff["market"])
    assert case.number in client.get(reverse("reconsideration:letters")).content.decode()
    response = client.post(reverse("reconsideration:letter", args=[letter.pk]), {"correction": ""})
    assert response.status_code == 400
    response = client.post(reverse("reconsideration:letter", args=[letter.pk]), {"correction": "已修订送达规程。"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "reported"
    client.force_login(staff["ecology"])
    assert client.get(reverse("reconsideration:letter", args=[letter.pk])).status_code == 404


def test_the_guide_is_published_in_versions_and_shown_on_the_portal(tree, client, staff, today):
    from fazhi.core.testing import Role, make_user

    gov_clerk = make_user("gov_clerk", roles=[(tree["government"], Role.CLERK)])
    client.force_login(gov_clerk)
    data = {
        "body": tree["government"].pk,
        "scope": "对行政处罚、行政强制等行政行为不服的（行政复议法第十一条）。",
        "conditions": "有明确的申请人和被申请人（第三十条）。",
        "procedure": "收到申请之日起5个工作日内审查；60日内作出决定。",
        "where": "网上申请或到市司法局行政复议窗口提交。",
        "address": "江门市蓬江区某路1号",
        "phone": "0750-3000000",
    }
    response = client.post(reverse("reconsideration:guide"), {**data, "phone": ""})
    assert response.status_code == 400 and not Guide.objects.exists()
    assert client.post(reverse("reconsideration:guide"), data).status_code == 302
    assert client.post(reverse("reconsideration:guide"), {**data, "phone": "0750-3111111"}).status_code == 302
    assert list(Guide.objects.values_list("version", flat=True)) == [2, 1]
    client.logout()
    page = client.get(reverse("reconsideration:public-guide", args=[tree["government"].pk])).content.decode()
    assert "0750-3111111" in page and "第2版" in page
    assert client.get(reverse("reconsideration:public-guide", args=[tree["county"].pk])).status_code == 404
    assert "第2版" in client.get(reverse("reconsideration:public-index")).content.decode()


def test_published_decisions_on_the_portal_only_once_published(tree, client, staff, today):
    case = testing.decided(tree["market"], staff["clerk"], decision_type="maintain", performance_days=None)
    url = reverse("reconsideration:public-decision", args=[case.pk])
    assert client.get(url).status_code == 404
    services.serve(case, actor=staff["clerk"])
    services.publish(case, actor=staff["clerk"], text="申请人张三不服被申请人的处罚决定，本机关决定维持。")
    page = client.get(url).content.decode()
    assert client.get(url).status_code == 200 and "张*" in page and "张三" not in page
    assert case.number in client.get(reverse("reconsideration:public-decisions")).content.decode()
    response = api_client().get(f"/api/v1/public/reconsideration-decisions/{case.pk}/")
    assert response.status_code == 200 and "张三" not in response.json()["text"]


def test_statistics_for_seed_article_32(tree, client, staff, today):
    testing.decided(tree["market"], staff["clerk"], decision_type="revoke")
    testing.decided(tree["market"], staff["clerk"], decision_type="maintain", performance_days=None)
    refused, _secret = testing.apply(tree["market"])
    services.refuse(refused, actor=staff["clerk"], reason="超过申请期限。")
    major = testing.accepted(tree["market"], staff["clerk"])
    services.mark_major(major, actor=staff["clerk"], reason="群体性案件")
    figures = selectors.statistics([tree["government"].pk], 2026)
    assert figures["received"] == 4 and figures["accepted"] == 3 and figures["refused"] == 1
    assert figures["decided"] == 2 and figures["corrected"] == 1 and figures["correction_rate"] == 0.5
    assert figures["by_decision"]["revoke"] == 1 and figures["pending_at_year_end"] == 1
    assert figures["major"] == 1 and figures["major_reported"] == 0
    client.force_login(staff["clerk"])
    page = client.get(reverse("reconsideration:statistics"), {"year": "2026"}).content.decode()
    assert "纠错率" in page and "50%" in page


def test_the_sweep_is_a_scheduled_job(tree, today):
    assert "reconsideration.sweep" in REGISTRY


# --- API ----------------------------------------------------------------------------------------


def test_the_api_lists_in_scope_and_runs_steps_with_clear_refusals(tree, staff, today):
    case, _secret = testing.apply(tree["market"])
    other, _secret = testing.apply(tree["county_market"])
    clerk = api_client(staff["clerk"])
    listed = clerk.get("/api/v1/reconsideration/cases/").json()["results"]
    assert [row["id"] for row in listed] == [case.pk]
    base = f"/api/v1/reconsideration/cases/{case.pk}"
    assert clerk.post(f"{base}/accept/", {"procedure": 3}, format="json").status_code == 400
    assert clerk.post(f"{base}/accept/", {"procedure": "ordinary", "colour": "red"}, format="json").status_code == 400
    assert clerk.post(f"{base}/decide/", {}, format="json").status_code == 409
    assert clerk.post(f"/api/v1/reconsideration/cases/{other.pk}/accept/", {}, format="json").status_code == 404
    response = clerk.post(f"{base}/accept/", {"procedure": "ordinary"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert any(row["name"] == "send-copy" for row in response.json()["actions"])
    market = api_client(staff["market"])
    assert market.get(f"{base}/").json()["applicant"] == "张三"
    assert api_client(staff["office"]).get(f"{base}/").json()["applicant"] == "张*"
    assert api_client(staff["ecology"]).get(f"{base}/").status_code == 404
    assert market.post(f"{base}/reply/", {"text": "答复", "evidence": "证据"}, format="json").status_code == 409
    assert clerk.post(f"{base}/send-copy/", {}, format="json").status_code == 200
    response = market.post(f"{base}/reply/", {"text": "认定事实清楚。", "evidence": "现场笔录"}, format="json")
    assert response.status_code == 200 and response.json()["reply_received_on"] == "2026-09-28"
    response = clerk.post(
        f"{base}/decide/", {"decision_type": "revoke", "reasons": "证据不足", "text": "撤销。"}, format="json"
    )
    assert response.status_code == 200 and response.json()["decision_label"] == "撤销（第六十四条）"


def test_the_api_entry_and_public_completion(tree, staff, today):
    clerk = api_client(staff["clerk"])
    data = {**_form(tree["market"]), "channel": "in_person", "day": "2026-09-28"}
    response = clerk.post("/api/v1/reconsideration/cases/enter/", data, format="json")
    assert response.status_code == 201
    created = response.json()
    assert api_client(staff["ecology"]).post(
        "/api/v1/reconsideration/cases/enter/", data, format="json"
    ).status_code in (
        403,
        404,
    )
    case = Case.objects.get(pk=created["id"])
    services.ask_completion(case, actor=staff["clerk"], items="身份证明。")
    url = "/api/v1/public/reconsideration-completions/"
    public = api_client()
    body = {"receipt_code": created["receipt_code"], "secret": created["secret"], "text": ["x"]}
    assert public.post(url, body, format="json").status_code == 400
    response = public.post(url, {**body, "text": "已补交身份证明。"}, format="json")
    assert response.status_code == 200 and response.json()["receipt_code"] == created["receipt_code"]


def test_the_statistics_api(tree, staff, today):
    testing.decided(tree["market"], staff["clerk"])
    response = api_client(staff["clerk"]).get("/api/v1/reconsideration/statistics/", {"year": "2026"})
    assert response.status_code == 200 and response.json()["decided"] == 1
    assert api_client(staff["clerk"]).get("/api/v1/reconsideration/statistics/", {"year": "abc"}).status_code == 400


def test_the_register_and_the_api_list_take_a_fixed_number_of_queries(tree, client, staff, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path, user):
        api = api_client(user) if path.startswith("/api/") else None
        if api is None:
            client.force_login(user)
        (api or client).get(path)  # the user's scope is cached on the first request
        with CaptureQueriesContext(connection) as queries:
            response = (api or client).get(path)
        assert response.status_code == 200
        return len(queries)

    testing.accepted(tree["market"], staff["clerk"])
    few = [
        count(reverse("reconsideration:register"), staff["office"]),
        count("/api/v1/reconsideration/cases/", staff["office"]),
    ]
    for _i in range(5):
        testing.accepted(tree["market"], staff["clerk"])
    many = [
        count(reverse("reconsideration:register"), staff["office"]),
        count("/api/v1/reconsideration/cases/", staff["office"]),
    ]
    assert many == few


def test_fazhi_sweep_runs_the_job(tree, staff, today):
    from fazhi.core import jobs

    case, _secret = testing.apply(tree["market"])
    today.set(D(2026, 10, 11))
    (record,) = jobs.run(["reconsideration.sweep"])
    assert record.succeeded and record.items == 1
    assert Case.objects.get(pk=case.pk).status == S.ACCEPTED


@pytest.mark.parametrize(
    ("step", "data", "field"),
    [
        ("suspend", {"reason": ["5"]}, "reason"),
        ("extend", {"days": "三十", "reason": "复杂"}, "days"),
        ("proceeding", {"kind": "hearing", "held_on": "2026-13-01", "notes": "听证"}, "held_on"),
        ("proceeding", {"kind": "hearing", "held_on": "2026-10-30", "notes": "听证"}, "notified_on"),
        ("letter", {"recipient": {"id": 1}, "text": "意见"}, "recipient"),
        ("mark-major", {"reason": 42}, "reason"),
        ("terminate", {"reason": "1", "settled": "maybe"}, "settled"),
        ("decide", {"decision_type": "revoke", "reasons": "理由", "text": "决定书", "performance_days": [30]}, None),
    ],
)
def test_bad_input_on_the_office_steps_changes_nothing(tree, staff, today, step, data, field):
    case = testing.accepted(tree["market"], staff["clerk"])
    services.send_copy(case, actor=staff["clerk"])
    before = Case.objects.filter(pk=case.pk).values().get()
    actor = staff["head"] if step == "extend" else staff["clerk"]
    response = api_client(actor).post(f"/api/v1/reconsideration/cases/{case.pk}/{step}/", data, format="json")
    assert response.status_code == 400, response.json()
    if field:
        assert field in response.json()["errors"]
    after = Case.objects.filter(pk=case.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_overdue_performance_is_flagged_and_the_office_orders_it(tree, client, staff, today):
    case = testing.decided(tree["market"], staff["clerk"], decision_type="order_performance", performance_days=15)
    services.serve(case, actor=staff["clerk"])
    today.set(D(2026, 10, 14))
    client.force_login(staff["clerk"])
    url = reverse("reconsideration:detail", args=[case.pk])
    assert "逾期未报告履行情况" in client.get(url).content.decode()
    response = client.post(
        reverse("reconsideration:step", args=[case.pk, "order-performance"]), {"text": "限期履行", "days": "10"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.performance_due_on == D(2026, 10, 24) and case.performance_ordered_on == D(2026, 10, 14)


def test_the_public_guide_api(tree, staff, today):
    url = f"/api/v1/public/reconsideration-guides/{tree['government'].pk}/"
    assert api_client().get(url).status_code == 404
    services.publish_guide(
        actor=staff["office"],
        body=tree["government"].pk,
        data={**services.default_guide(tree["government"]), "address": "江门市某路1号", "phone": "0750-3000000"},
    )
    response = api_client().get(url)
    assert response.status_code == 200 and response.json()["version"] == 1 and "第十一条" in response.json()["scope"]
    for other in (tree["market"].pk, 2**64 * 10):  # not a reconsideration body; an id no database holds
        assert api_client().get(f"/api/v1/public/reconsideration-guides/{other}/").status_code == 404


def test_the_entry_pages_open(tree, client, staff, today):
    client.force_login(staff["clerk"])
    page = client.get(reverse("reconsideration:enter")).content.decode()
    assert "口头申请（当场记录）" in page and "江门市市场监督管理局" in page
    client.force_login(staff["market"])
    assert "第三十二条" in client.get(reverse("reconsideration:lodge")).content.decode()
