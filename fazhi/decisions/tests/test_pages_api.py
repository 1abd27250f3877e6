"""The decision's API, office pages and portal: every gate refused (409, its Chinese reason) then
allowed through the API; bad input refused with nothing changed; another body's decision a 404
everywhere; only the user's own steps on the page; the portal shows only what is published."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import AuditEvent
from fazhi.core.services import submissions as submission_services
from fazhi.core.testing import api_client
from fazhi.decisions import services, testing
from fazhi.decisions.choices import DecisionStatus as S
from fazhi.decisions.models import Decision, ExpertOpinion, Hearing, RiskAssessment
from fazhi.procedures import selectors as procedure_selectors
from fazhi.procedures import services as procedures
from fazhi.procedures.choices import CommentPeriod, ReviewKind
from fazhi.procedures.models import Consultation, ConsultationComment, MeetingRecord
from fazhi.procedures.testing import MEMBERS, check_competition, finish_consultation, hold_meeting, pass_review

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _refused(response, fragment, status=409):
    assert response.status_code == status, (response.status_code, response.content.decode()[:500])
    assert fragment in response.json()["detail"], response.json()
    return response


def _ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.content.decode()[:800])
    return response.json()


def test_the_api_walks_a_decision_through_every_gate(city, actors):
    clerk, head, office = (api_client(actors[name]) for name in ("clerk", "head", "office"))
    created = _ok(
        clerk.post(
            "/api/v1/decisions/",
            {
                "body": city["market"].pk,
                "deciding_body": city["government"].pk,
                "title": "城区餐饮油烟污染综合治理方案",
                "category": "public_policy",
                "draft_text": testing.DRAFT,
                "is_technical": True,
                "risk_areas": ["social_stability"],
                "touches_market": True,
            },
            format="json",
        ),
        201,
    )
    assert created["status"] == S.DRAFTING and created["status_label"] == "拟订决策草案"
    steps = {row["step"]: row for row in created["required_steps"]}
    assert {"专家论证", "风险评估", "公平竞争审查"} <= steps.keys() and not steps["专家论证"]["met"]
    url = f"/api/v1/decisions/{created['id']}/"
    decision = Decision.objects.get(pk=created["id"])

    def submit():
        return clerk.post(url + "submit-review/", {}, format="json")

    # Declared major, then public participation for at least 30 days with its feedback published.
    _refused(submit(), "意见第十条")
    _ok(clerk.patch(url, {"declared_on": TODAY().isoformat(), "declaration": "市政府党组会议认定。"}, format="json"))
    _refused(submit(), "尚未公开征求意见")
    short = (TODAY() + datetime.timedelta(days=10)).isoformat()
    _refused(clerk.post(url + "consultation/", {"closes_on": short}, format="json"), "30", 400)
    closes_on = (TODAY() + datetime.timedelta(days=40)).isoformat()
    _ok(clerk.post(url + "consultation/", {"closes_on": closes_on}, format="json"))
    _refused(submit(), "尚未截止")
    finish_consultation(decision, actors["clerk"])
    # A hearing's record is confirmed by its participants.
    hearing = {
        "held_on": TODAY().isoformat(),
        "place": "市政府第一会议室",
        "participants": ["餐饮企业代表甲", "居民代表乙"],
        "record": "听证参加人对治理标准发表了意见。",
    }
    body = _ok(clerk.post(url + "hearings/", hearing, format="json"))
    _refused(submit(), "听证会记录尚未经听证参加人确认")
    _ok(clerk.post(url + "hearings/confirm/", {"hearing": body["hearings"][0]["id"]}, format="json"))
    # Expert argumentation for a technical matter: signed and independent.
    _refused(submit(), "专家")
    expert = {
        "expert_name": "王教授",
        "expertise": "大气环境",
        "form": "meeting",
        "no_conflict": True,
        "opinion": "治理标准可行。",
        "signed_on": TODAY().isoformat(),
    }
    _ok(clerk.post(url + "expert-opinions/", expert, format="json"))
    # Risk assessment: an uncontrolled risk stops the procedure.
    _refused(submit(), "风险评估")
    risk = {
        "assessor": "市社会稳定风险评估中心",
        "risk_points": "部分餐饮商户经营受影响。",
        "level": "medium",
        "measures": "分批改造，给予补助。",
        "controllable": False,
        "concluded_on": TODAY().isoformat(),
    }
    _ok(clerk.post(url + "risk-assessments/", risk, format="json"))
    _refused(submit(), "风险不可控")
    _ok(clerk.post(url + "risk-assessments/", {**risk, "controllable": True}, format="json"))
    # Fair-competition review where the measure touches market activity.
    _refused(submit(), "公平竞争审查")
    _ok(clerk.post(url + "competition-review/", {}, format="json"))
    _refused(submit(), "进行中")
    check_competition(decision, actors["body_reviewer"])
    pass_review(decision, actors["body_reviewer"], ReviewKind.FAIR_COMPETITION)
    assert _ok(submit())["status"] == S.LEGALITY_REVIEW

    # Legality review: no collective discussion before it has passed.
    _refused(clerk.post(url + "conclude-review/", {}, format="json"), "尚在进行中")
    pass_review(decision, actors["legal_reviewer"])
    assert _ok(clerk.post(url + "conclude-review/", {}, format="json"))["status"] == S.REVIEWED

    # Collective discussion: an adviser's opinion, a signed executive-meeting record, the head decides.
    def decide(data=None):
        return head.post(url + "decide/", data or {"head_decision": "adopted"}, format="json")

    _refused(decide(), "法律顾问")
    testing.give_adviser_opinion(decision)
    _refused(decide(), "会议记录")
    meeting = {
        "meeting_kind": "executive",
        "session": "市政府第16届第20次常务会议",
        "held_on": TODAY().isoformat(),
        "agenda_item": "审议城区餐饮油烟污染综合治理方案",
        "entitled_members": MEMBERS,
        "attendees": MEMBERS,
        "outcome": "agreed",
        "dissent": "副市长乙：建议推迟实施。",
    }
    body = _ok(clerk.post(url + "meetings/", meeting, format="json"))
    (meeting_id,) = [row["id"] for row in body["procedures"] if row["kind"] == "meeting"]
    record = MeetingRecord.objects.get(pk=meeting_id)
    procedures.attach_minutes(record, SimpleUploadedFile("纪要.txt", "会议纪要。".encode()), actor=actors["clerk"])
    procedures.sign_meeting(record, actor=actors["head"])
    assert clerk.post(url + "decide/", {"head_decision": "adopted"}, format="json").status_code == 403
    _refused(decide({"head_decision": "adopted", "departs_from_majority": True}), "说明理由")
    decided = _ok(decide())
    assert decided["status"] == S.DECIDED and decided["head_name"] == "市长甲"
    assert decided["decided_on"] == TODAY().isoformat()
    assert all(row["met"] for row in decided["required_steps"]), decided["required_steps"]

    # Party report before issue, then publication with how opinions were taken up.
    publish = {"decision_text": "一、治理目标……", "executing_unit": city["market"].pk}
    _refused(office.post(url + "publish/", publish, format="json"), "不能")
    _refused(
        office.post(url + "report-party/", {"reported_on": TODAY().isoformat(), "report": ""}, format="json"),
        "请示报告",
    )
    _ok(
        office.post(
            url + "report-party/", {"reported_on": TODAY().isoformat(), "report": "已报市委同意。"}, format="json"
        )
    )
    _refused(office.post(url + "publish/", publish, format="json"), "采纳情况")
    published = _ok(office.post(url + "publish/", {**publish, "adoption_explanation": "采纳意见1条。"}, format="json"))
    assert published["status"] == S.PUBLISHED and published["published_on"] == TODAY().isoformat()

    # Execution: reports, suspension and resumption, post-decision evaluation, accountability.
    report = {"progress": "已完成300家商户改造。"}
    assert _ok(clerk.post(url + "implementation-reports/", report, format="json"))["implementation_reports"]
    _refused(head.post(url + "suspend/", {"reason": ""}, format="json"), "中止执行的理由")
    assert _ok(head.post(url + "suspend/", {"reason": "设备供应不足。"}, format="json"))["status"] == S.SUSPENDED
    assert _ok(head.post(url + "resume/", {}, format="json"))["status"] == S.PUBLISHED
    evaluations = _ok(
        office.post(url + "post-evaluations/", {"trigger": "many_opinions", "evaluator": "市社科院"}, format="json")
    )["post_evaluations"]
    conclude = {"evaluation": evaluations[0]["id"], "findings": "总体达到预期。", "conclusion": "continue"}
    concluded = _ok(office.post(url + "post-evaluations/conclude/", conclude, format="json"))
    assert concluded["post_evaluations"][0]["conclusion_label"] == "继续执行"
    case = {
        "body": city["government"].pk,
        "ground": "deciding_body",
        "facts": "决策执行中造成损失。",
        "persons": [{"name": "副市长甲", "position": "副市长", "dissented": True}],
    }
    _refused(office.post(url + "accountability-cases/", case, format="json"), "未载明", 400)
    case["persons"] = [{"name": "副市长乙", "position": "副市长", "dissented": True}]
    cases = _ok(office.post(url + "accountability-cases/", case, format="json"))["accountability_cases"]
    assert cases[0]["persons"][0]["dissented"] is True
    done = {"case": cases[0]["id"], "outcome": "免予追责。"}
    assert (
        _ok(office.post(url + "accountability-cases/conclude/", done, format="json"))["accountability_cases"][0][
            "status"
        ]
        == "concluded"
    )
    assert "accountability_cases" in clerk.get(url).json() and clerk.get(url).json()["accountability_cases"] == []

    history = _ok(clerk.get(url + "history/"))
    actions = [event["action"] for event in history["timeline"]]
    for action in ("decisions.created", "decisions.submitted_for_review", "decisions.decided", "decisions.published"):
        assert action in actions, action
    assert any("合法性审查" in row["label"] for row in history["due_dates"])


def test_bad_input_is_refused_with_nothing_changed(city, actors):
    decision = testing.draft(city["market"], actors["clerk"])
    clerk = api_client(actors["clerk"])
    url = f"/api/v1/decisions/{decision.pk}/"

    def state():
        return (
            list(Decision.objects.values_list("pk", "title", "is_technical", "risk_areas", "status")),
            Hearing.objects.count(),
            ExpertOpinion.objects.count(),
            RiskAssessment.objects.count(),
            Consultation.objects.count(),
            AuditEvent.objects.count(),
        )

    before = state()
    hearing = {"held_on": TODAY().isoformat(), "place": "会议室", "participants": ["甲"], "record": "记录"}
    expert = {"expert_name": "王", "expertise": "环境", "form": "meeting", "opinion": "可行"}
    risk = {
        "assessor": "中心",
        "risk_points": "x",
        "level": "low",
        "measures": "x",
        "concluded_on": TODAY().isoformat(),
    }
    new = {"body": city["market"].pk, "deciding_body": city["government"].pk, "title": "x", "category": "other"}
    bad = [
        ("patch", url, {"title": 123}, "title"),
        ("patch", url, {"is_technical": "perhaps"}, "is_technical"),
        ("patch", url, {"risk_areas": "fiscal"}, "risk_areas"),
        ("patch", url, {"colour": "blue"}, None),
        ("post", url + "consultation/", {}, "closes_on"),
        ("post", url + "consultation/", {"closes_on": "下个月"}, "closes_on"),
        ("post", url + "consultation/", {"closes_on": "2099-01-01", "colour": 1}, "colour"),
        ("post", url + "hearings/", {**hearing, "held_on": "昨天"}, "held_on"),
        ("post", url + "hearings/", {**hearing, "participants": "甲"}, "participants"),
        ("post", url + "expert-opinions/", {"expertise": "环境"}, "expert_name"),
        ("post", url + "expert-opinions/", {**expert, "form": "telepathy"}, "form"),
        ("post", url + "risk-assessments/", risk, "controllable"),
        ("post", url + "hearings/confirm/", {"hearing": "abc"}, "hearing"),
        ("post", "/api/v1/decisions/", {"body": "abc"}, "body"),
        ("post", "/api/v1/decisions/", {**new, "title": ["x"]}, "title"),
        ("post", "/api/v1/decisions/", {**new, "colour": 1}, None),
        ("post", "/api/v1/decisions/", {**new, "deciding_body": None}, "deciding_body"),
    ]
    for method, path, data, field in bad:
        response = getattr(clerk, method)(path, data, format="json")
        assert response.status_code == 400, (path, data, response.status_code, response.content.decode()[:300])
        body = response.json()
        assert body["code"] == "invalid" and body["detail"], body
        if field:
            assert field in body["errors"], (path, data, body)
    assert clerk.post(url + "consultation/", [1, 2], format="json").status_code == 400
    assert state() == before


def test_another_bodys_decision_is_a_404_in_the_api_and_the_pages(city, actors, people):
    decision = testing.draft(city["market"], actors["clerk"])
    intruder = people["ecology_clerk"]
    client, api = _client(intruder), api_client(intruder)
    assert api.get(f"/api/v1/decisions/{decision.pk}/").status_code == 404
    assert api.get("/api/v1/decisions/").json()["results"] == []
    assert api.post(f"/api/v1/decisions/{decision.pk}/withdraw/", {"reason": "越权"}, format="json").status_code == 404
    assert api.patch(f"/api/v1/decisions/{decision.pk}/", {"title": "越权"}, format="json").status_code == 404
    assert client.get(reverse("decisions:decision-detail", args=[decision.pk])).status_code == 404
    assert client.get(reverse("decisions:decision-edit", args=[decision.pk])).status_code == 404
    page = client.post(reverse("decisions:decision-action", args=[decision.pk, "withdraw"]), {"reason": "越权"})
    assert page.status_code == 404
    assert client.post(reverse("decisions:decision-action", args=[decision.pk, "dossier"])).status_code == 404
    assert "潭江" not in client.get(reverse("decisions:decision-list")).content.decode()
    assert Decision.objects.get(pk=decision.pk).status == S.DRAFTING


def test_the_page_shows_only_the_steps_the_user_may_take(city, actors):
    decision = testing.walk(testing.draft(city["market"], actors["clerk"]), S.REVIEWED, actors)
    testing.give_adviser_opinion(decision)
    hold_meeting(decision, actors["clerk"], actors["head"])
    url = reverse("decisions:decision-detail", args=[decision.pk])
    clerk_page = _client(actors["clerk"]).get(url).content.decode()
    assert "记录集体讨论决定" not in clerk_page and 'data-transition="decide"' not in clerk_page
    assert 'data-transition="withdraw"' in clerk_page
    for section in ("decision-checklist", "decision-procedures", "decision-timeline", "decision-due-dates"):
        assert f'id="{section}"' in clerk_page, section
    assert "合法性审查第1阶段（江门市司法局）" in clerk_page
    assert reverse("procedures:meeting-detail", args=[procedure_selectors.meetings_of(decision).get().pk]) in clerk_page
    head_page = _client(actors["head"]).get(url).content.decode()
    assert "记录集体讨论决定" in head_page
    action = reverse("decisions:decision-action", args=[decision.pk, "decide"])
    assert _client(actors["clerk"]).post(action, {"head_decision": "adopted"}).status_code == 403
    refused = _client(actors["head"]).post(action, {"head_decision": "adopted", "departs_from_majority": "on"})
    assert refused.status_code == 409 and "说明理由" in refused.content.decode()
    assert _client(actors["head"]).post(action, {"head_decision": "maybe"}).status_code == 400
    assert Decision.objects.get(pk=decision.pk).status == S.REVIEWED
    response = _client(actors["head"]).post(action, {"head_decision": "adopted"})
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == S.DECIDED
    office_page = _client(actors["office"]).get(url).content.decode()
    assert 'data-transition="report_party"' in office_page and "请示报告日期" in office_page
    archive = _client(actors["clerk"]).post(reverse("decisions:decision-action", args=[decision.pk, "dossier"]))
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    assert "attachment" in archive["Content-Disposition"]
    assert "目录.pdf" in zipfile.ZipFile(io.BytesIO(archive.content)).namelist()


def test_drafting_on_the_pages_from_a_declaration_to_the_legality_review(city, actors):
    clerk = _client(actors["clerk"])
    created = clerk.post(
        reverse("decisions:decision-create"),
        {
            "body": city["market"].pk,
            "deciding_body": city["government"].pk,
            "declared_on": TODAY().isoformat(),
            "declaration": "市政府党组会议认定。",
            "title": "<script>alert('决策')</script>",
            "category": "public_policy",
            "draft_text": "<script>alert(1)</script>第一条",
            "is_technical": "on",
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    decision = Decision.objects.get()
    page = clerk.get(created["Location"]).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;第一条" in page
    assert "专家论证" in page and "须组织专家" in page

    def step(name, data=None):
        return clerk.post(reverse("decisions:decision-action", args=[decision.pk, name]), data or {})

    refused = step("submit_review")
    assert refused.status_code == 409 and "尚未公开征求意见" in refused.content.decode()
    assert step("consultation", {"closes_on": "不知道"}).status_code == 400
    closes_on = (TODAY() + datetime.timedelta(days=40)).isoformat()
    assert step("consultation", {"closes_on": closes_on}).status_code == 302
    finish_consultation(decision, actors["clerk"])
    expert = {"expert_name": "王教授", "expertise": "环境工程", "form": "written", "opinion": "可行。"}
    assert step("expert_opinion", {**expert, "signed_on": TODAY().isoformat(), "no_conflict": "on"}).status_code == 302
    assert step("submit_review").status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == S.LEGALITY_REVIEW
    edit = clerk.post(
        reverse("decisions:decision-edit", args=[decision.pk]),
        {"title": "潭江整治方案", "category": "planning", "is_technical": "on"},
    )
    assert edit.status_code == 302 and Decision.objects.get(pk=decision.pk).title == "潭江整治方案"


def test_a_catalogued_matter_starts_from_its_catalog_item(city, actors):
    from fazhi.decisions.models import CatalogItem, DecisionCatalog

    catalog = DecisionCatalog.objects.create(
        body=city["government"], year=TODAY().year, title="年度目录", status="published", published_on=TODAY()
    )
    item = CatalogItem.objects.create(
        catalog=catalog,
        title="江门市公共停车场建设规划",
        category="planning",
        basis="《城乡规划法》",
        planned_timing="第四季度",
        undertaking_unit=city["market"],
    )
    clerk = _client(actors["clerk"])
    form = clerk.get(reverse("decisions:decision-create")).content.decode()
    assert "江门市公共停车场建设规划" in form
    response = clerk.post(reverse("decisions:decision-create"), {"body": city["market"].pk, "catalog_item": item.pk})
    assert response.status_code == 302
    decision = Decision.objects.get(catalog_item=item)
    assert decision.title == item.title and decision.deciding_body == city["government"]
    again = clerk.post(reverse("decisions:decision-create"), {"body": city["market"].pk, "catalog_item": item.pk})
    assert again.status_code == 400 and Decision.objects.count() == 1


def test_the_portal_shows_published_decisions_only_with_their_feedback(city, actors):
    draft = testing.walk(
        testing.draft(city["market"], actors["clerk"], title="草案中的停车收费调整"), S.LEGALITY_REVIEW, actors
    )
    exempt = testing.walk(
        testing.draft(
            city["market"],
            actors["clerk"],
            title="不予公开的应急物资储备方案",
            disclosure_exempt=True,
            disclosure_exempt_reason="涉及国家秘密。",
        ),
        S.PUBLISHED,
        actors,
    )
    published = testing.draft(city["market"], actors["clerk"], title="已公布的潭江整治方案")
    closes_on = (TODAY() + datetime.timedelta(days=40)).isoformat()
    consultation = procedures.start_consultation(
        published,
        actor=actors["clerk"],
        title="关于公开征求《已公布的潭江整治方案》意见的公告",
        text=published.draft_text,
        period=CommentPeriod.DECISION,
        opens_on=TODAY(),
        closes_on=closes_on,
    )
    procedures.open_consultation(consultation, actor=actors["clerk"])
    listing = _client().get(reverse("decisions:decision-public-list")).content.decode()
    assert "已公布的潭江整治方案" in listing, "an open consultation is listed with its draft"
    assert reverse("procedures:public-detail", args=[consultation.pk]) in listing
    receipt = submission_services.submit(
        "consultation_comment",
        {"subject": "排污口", "content": "建议公开入河排污口名录。", "submitter_name": "李市民"},
        client_ip="203.0.113.20",
        target=consultation.pk,
    )
    comment = ConsultationComment.objects.get(submission=receipt.submission)
    procedures.decide_comment(comment, actor=actors["clerk"], decision="adopted", reason="已在方案中增加。")
    finish_consultation(published, actors["clerk"], summary="共收到意见1条，已采纳。")
    published = testing.walk(published, S.PUBLISHED, actors)

    anonymous = _client()
    listing = anonymous.get(reverse("decisions:decision-public-list")).content.decode()
    assert "已公布的潭江整治方案" in listing
    assert "草案中的停车收费调整" not in listing and "不予公开的应急物资储备方案" not in listing
    for hidden in (draft, exempt):
        assert anonymous.get(reverse("decisions:decision-public-detail", args=[hidden.pk])).status_code == 404
        assert api_client().get(f"/api/v1/public/decisions/{hidden.pk}/").status_code == 404
    detail = anonymous.get(reverse("decisions:decision-public-detail", args=[published.pk])).content.decode()
    for text in (
        "江门市人民政府",
        "潭江干流水质",
        "公众意见采纳情况见反馈说明",
        "共收到意见1条，已采纳。",
        "建议公开入河排污口名录",
    ):
        assert text in detail, text
    assert "李市民" not in detail, "the commenter's name is masked"
    ids = [row["id"] for row in api_client().get("/api/v1/public/decisions/").json()["results"]]
    assert ids == [published.pk]
    public = api_client().get(f"/api/v1/public/decisions/{published.pk}/").json()
    assert public["feedback"][0]["entries"][0]["decision_label"] == "采纳"
    assert api_client().get("/api/v1/public/decisions/", {"year": "20x6"}).status_code == 400
    last_year = anonymous.get(reverse("decisions:decision-public-list"), {"year": TODAY().year - 1}).content.decode()
    assert "已公布的潭江整治方案" not in last_year
    by_body = {"body": city["government"].pk, "year": TODAY().year}
    assert "已公布的潭江整治方案" in anonymous.get(reverse("decisions:decision-public-list"), by_body).content.decode()


def test_decision_lists_take_no_more_queries_for_more_decisions(city, actors):
    def count(user, url, api):
        client = api_client(user) if api else _client(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = [
        (actors["office"], reverse("decisions:decision-list"), False),
        (actors["office"], "/api/v1/decisions/", True),
        (None, reverse("decisions:decision-public-list"), False),
        (None, "/api/v1/public/decisions/", True),
    ]

    def make(title):
        return testing.walk(testing.draft(city["market"], actors["clerk"], title=title), S.PUBLISHED, actors)

    make("第一项决策")
    testing.draft(city["market"], actors["clerk"], title="草案一")
    before = [count(*row) for row in urls]
    for n in range(3):
        make(f"又一项决策{n}")
        testing.draft(city["market"], actors["clerk"], title=f"草案{n}")
    assert [count(*row) for row in urls] == before


def test_execution_evaluation_accountability_and_adjustment_on_the_pages(city, actors):
    decision = testing.walk(testing.draft(city["market"], actors["clerk"]), S.REVIEWED, actors)
    testing.give_adviser_opinion(decision)
    hold_meeting(decision, actors["clerk"], actors["head"], dissent="副市长乙：不同意。")
    decision = services.record_head_decision(decision, actor=actors["head"], head_decision="adopted")
    decision = testing.walk(decision, S.PUBLISHED, actors)
    clerk, head, office = (_client(actors[name]) for name in ("clerk", "head", "office"))

    def step(client, name, data=None, status=302):
        response = client.post(reverse("decisions:decision-action", args=[decision.pk, name]), data or {})
        assert response.status_code == status, (name, response.status_code, response.content.decode()[-1500:])
        return response

    step(clerk, "implementation_report", {"progress": "管网建设完成30公里。", "major_change": "on"})
    assert decision.implementation_reports.get().major_change
    step(clerk, "suspend", {"reason": "越权"}, 403)
    step(head, "suspend", {}, 400)
    step(head, "suspend", {"reason": "上游突发污染，暂停施工。"})
    assert Decision.objects.get(pk=decision.pk).status == S.SUSPENDED
    step(head, "resume")
    step(office, "post_evaluation", {"trigger": "deemed_necessary", "evaluator": "市社科院"})
    evaluation = decision.post_evaluations.get()
    page = office.get(reverse("decisions:decision-detail", args=[decision.pk])).content.decode()
    assert f'id="id_conclude_evaluation_{evaluation.pk}_findings"' in page
    step(office, "conclude_evaluation", {"evaluation": evaluation.pk, "findings": "效果良好。", "conclusion": "adjust"})
    evaluation.refresh_from_db()
    assert evaluation.conclusion == "adjust"
    opened = {
        "body": city["government"].pk,
        "ground": "deciding_body",
        "facts": "决策执行造成损失。",
        "persons": "副市长甲，副市长，不同意见",
    }
    refused = step(office, "accountability", opened, 400)
    assert "未载明" in refused.content.decode()
    step(office, "accountability", {**opened, "persons": "副市长乙，副市长，不同意见\n秘书长，秘书长"})
    case = decision.accountability_cases.get()
    assert [person["dissented"] for person in case.persons] == [True, False]
    assert "副市长乙" not in clerk.get(reverse("decisions:decision-detail", args=[decision.pk])).content.decode()
    step(office, "conclude_accountability", {"case": case.pk, "outcome": "对秘书长诫勉谈话。"})
    case.refresh_from_db()
    assert case.status == "concluded"

    # An adjustment is a new decision through the whole procedure, started from the published one.
    page = clerk.get(reverse("decisions:decision-detail", args=[decision.pk])).content.decode()
    create = reverse("decisions:decision-create")
    assert f"{create}?adjusts={decision.pk}" in page
    form = clerk.get(create, {"adjusts": decision.pk}).content.decode()
    assert f'<option value="{decision.pk}" selected>' in form
    response = clerk.post(
        f"{create}?adjusts={decision.pk}",
        {
            "body": city["market"].pk,
            "adjusts": decision.pk,
            "deciding_body": city["government"].pk,
            "title": "潭江流域水环境综合整治实施方案（调整）",
            "category": "public_policy",
            "declared_on": TODAY().isoformat(),
            "declaration": "市政府常务会议决定调整。",
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get(title__endswith="（调整）").adjusts_id == decision.pk
