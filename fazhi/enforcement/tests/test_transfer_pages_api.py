"""Criminal transfers and seizures through the API and the office pages: each step refused with its
Chinese reason (400/403/409) then taken; the deadlines shown with their sources; another body's
transfer a 404; the procuratorate granted sight of the city's government sees the city's transfers,
not the county's, and takes no step; bad input refused with nothing changed; the seizure's 30 days,
the head's one extension of up to 30, and the release, on the case page and through the API."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.clock.models import Deadline
from fazhi.core.models import AccessGrant, AuditEvent, User
from fazhi.core.testing import Role, api_client, make_body, make_user
from fazhi.enforcement import services, transfers
from fazhi.enforcement.choices import CaseStatus, TransferStatus
from fazhi.enforcement.models import Case, Certificate, Officer, Seizure, Transfer
from fazhi.enforcement.tests.conftest import YEAR_AGO

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
API = "/api/v1/enforcement-transfers/"


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _refused(response, fragment, status=409):
    assert response.status_code == status, (response.status_code, response.content.decode()[:600])
    assert fragment in response.json()["detail"], response.json()
    return response


def _ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.content.decode()[:800])
    return response.json()


def _proposal(subject, crew, **overrides):
    return {
        "case": subject.pk,
        "suspected_offence": "生产、销售不符合安全标准的食品罪",
        "team": [crew["a"].pk, crew["b"].pk],
        "receiving_organ": "江门市公安局",
        **overrides,
    }


def _propose(case, crew):
    data = _proposal(case, crew)
    data.pop("case")
    return transfers.propose(case, actor=crew["user"], **data)


def _state():
    return (
        list(Transfer.objects.order_by("pk").values_list("pk", "status", "approved_on", "sent_on", "police_outcome")),
        list(Case.objects.order_by("pk").values_list("pk", "status")),
        list(Seizure.objects.order_by("pk").values_list("pk", "released_on", "release_reason")),
        list(Deadline.objects.order_by("pk").values_list("pk", "due_on", "closed_on", "extension_length")),
        AuditEvent.objects.count(),
    )


# --- the API ------------------------------------------------------------------------------------------


def test_the_api_takes_a_transfer_from_proposal_to_handover(city, crew, open_case):
    case = open_case()
    officer, head = api_client(crew["user"]), api_client(crew["head"])
    _refused(
        officer.post(API, _proposal(case, crew, team=[crew["a"].pk, crew["expired"].pk]), format="json"),
        "2名或者2名以上",
        400,
    )
    created = _ok(officer.post(API, _proposal(case, crew), format="json"), 201)
    assert created["status"] == TransferStatus.PROPOSED and created["status_label"] == "拟移送"
    assert created["area_name"] == "江门市人民政府" and [m["name"] for m in created["team"]] == ["执法乙", "执法甲"]
    periods = {row["matter"]: row for row in created["deadlines"]}
    assert periods["criminal-transfer-approve"]["started"] and periods["criminal-transfer-approve"]["due_on"]
    assert "第五条" in periods["criminal-transfer-approve"]["source"]
    assert (
        "第八条" in periods["criminal-transfer-police"]["source"] and not periods["criminal-transfer-police"]["started"]
    )
    assert "第十二条" in periods["criminal-transfer-handover"]["source"]
    assert created["actions"] == [], "approval is the head's"
    url = f"{API}{created['id']}/"
    _refused(officer.post(API, _proposal(case, crew), format="json"), "已有办理中的移送")

    _refused(officer.post(url + "decide/", {"approve": True}, format="json"), "您没有“批准移送”的权限", 403)
    _refused(head.post(url + "decide/", {"approve": False}, format="json"), "不批准移送的理由", 400)
    _refused(officer.post(url + "send/", {}, format="json"), "不能进行“移送公安机关”")
    assert [a["name"] for a in _ok(head.get(url))["actions"]] == ["decide"]
    approved = _ok(head.post(url + "decide/", {"approve": True}, format="json"))
    assert approved["status"] == TransferStatus.APPROVED and approved["approver"] == "局长甲"
    _refused(head.post(url + "decide/", {"approve": True}, format="json"), "不能进行“批准移送”")

    late = (TODAY() + datetime.timedelta(days=1)).isoformat()
    _refused(officer.post(url + "send/", {"sent_on": late}, format="json"), "不能晚于今天", 400)
    sent = _ok(officer.post(url + "send/", {}, format="json"))
    assert sent["status"] == TransferStatus.SENT and Case.objects.get(pk=case.pk).status == CaseStatus.TRANSFERRED
    assert [a["name"] for a in sent["actions"]] == ["police_decision", "take_back"]
    _refused(officer.post(url + "handover/", {}, format="json"), "公安机关立案后才能移交涉案物品和材料")
    _refused(officer.post(url + "police-decision/", {"accepted": "perhaps"}, format="json"), "是否立案", 400)
    accepted = _ok(officer.post(url + "police-decision/", {"accepted": True}, format="json"))
    assert accepted["status"] == TransferStatus.ACCEPTED and accepted["acknowledged_on"] == TODAY().isoformat()
    running = {row["matter"]: row for row in accepted["deadlines"]}["criminal-transfer-handover"]
    assert running["started"] and running["closed_on"] is None
    handed = _ok(officer.post(url + "handover/", {}, format="json"))
    assert handed["handed_over_on"] == TODAY().isoformat()
    assert {row["matter"]: row for row in handed["deadlines"]}["criminal-transfer-handover"]["closed_on"]
    _refused(officer.post(url + "handover/", {}, format="json"), "已经办结交接手续")

    listed = _ok(officer.get(API))["results"]
    assert [row["id"] for row in listed] == [created["id"]] and listed[0]["running"] is None
    assert _ok(officer.get(API, {"status": "proposed"}))["results"] == []
    assert _ok(api_client(crew["user"]).get(f"/api/v1/enforcement-cases/{case.pk}/"))["transfers"] == [created["id"]]


def test_a_case_the_police_send_back_is_filed_again_through_the_api(city, crew, open_case):
    case = open_case()
    transfer = transfers.send(
        transfers.decide(_propose(case, crew), actor=crew["head"], approve=True), actor=crew["user"]
    )
    officer = api_client(crew["user"])
    url = f"{API}{transfer.pk}/"
    _refused(officer.post(url + "police-decision/", {"accepted": False}, format="json"), "公安机关处理结果", 400)
    refused = {"accepted": False, "outcome": "犯罪事实显著轻微，不需要追究刑事责任。"}
    assert _ok(officer.post(url + "police-decision/", refused, format="json"))["status"] == "not_accepted"
    _refused(
        officer.post(url + "take-back/", {"officers": [crew["a"].pk], "reason": "移回。"}, format="json"),
        "不得少于两人",
        400,
    )
    back = {"officers": [crew["a"].pk, crew["b"].pk], "reason": "公安机关移回，依法给予行政处罚。"}
    returned = _ok(officer.post(url + "take-back/", back, format="json"))
    assert returned["status"] == TransferStatus.RETURNED and len(returned["returned_cases"]) == 1
    again = _ok(officer.get(f"/api/v1/enforcement-cases/{returned['returned_cases'][0]}/"))
    assert again["status"] == CaseStatus.FILED and again["returned_from"] == transfer.pk
    assert again["party_name"] == case.party_name


def test_bad_input_is_refused_with_nothing_changed(city, crew, open_case):
    case = open_case()
    transfer = _propose(open_case(party_name="另一家公司"), crew)
    officer, head = api_client(crew["user"]), api_client(crew["head"])
    before = _state()
    url = f"{API}{transfer.pk}/"
    bad = [
        (officer, API, _proposal(case, crew, case="abc"), "case"),
        (officer, API, _proposal(case, crew, team="1,2"), "team"),
        (officer, API, _proposal(case, crew, team=["x"]), "team"),
        (officer, API, _proposal(case, crew, suspected_offence=""), "suspected_offence"),
        (officer, API, _proposal(case, crew, receiving_organ=5), "receiving_organ"),
        (officer, API, _proposal(case, crew, proposed_on="昨天"), "proposed_on"),
        (officer, API, _proposal(case, crew, proposed_on="2000-01-01"), "proposed_on"),
        (officer, API, _proposal(case, crew, colour="blue"), "colour"),
        (head, url + "decide/", {"approve": "maybe"}, "approve"),
        (head, url + "decide/", {"approve": True, "decided_on": "x"}, "decided_on"),
        (head, url + "decide/", {"approve": True, "colour": "blue"}, "colour"),
        (officer, url + "take-back/", {"officers": "1", "reason": "x"}, "officers"),
    ]
    for client, path, data, field in bad:
        response = client.post(path, data, format="json")
        assert response.status_code == 400, (path, data, response.status_code, response.content.decode()[:300])
        assert field in response.json()["errors"], (path, data, response.json())
    assert officer.post(url + "send/", [1], format="json").status_code == 400
    assert officer.get(API, {"status": "lost"}).status_code == 400
    assert officer.get(API, {"year": "20x6"}).status_code == 400
    assert officer.post(API, _proposal(case, crew, case=999999), format="json").status_code == 404
    assert _state() == before


def test_another_bodys_transfer_is_a_404_and_the_procuratorate_sees_only_its_area(city, crew, people, open_case):
    transfer = _propose(open_case(), crew)
    # A transfer of the county's market bureau: the county's area, not the city's.
    county = city["county_market"]
    county_user = make_user("county_officer", roles=[(county, Role.ENFORCEMENT_OFFICER)])
    county_officers = []
    for number in ("44079001", "44079002"):
        officer = Officer.objects.create(body=county, name=f"区执法{number[-1]}")
        Certificate.objects.create(
            officer=officer,
            number=number,
            area="蓬江区",
            issued_on=YEAR_AGO,
            expires_on=TODAY() + datetime.timedelta(days=99),
        )
        county_officers.append(officer.pk)
    county.is_enforcement_agency = True
    county.save(update_fields=["is_enforcement_agency"])
    county_case = services.open_case(
        actor=county_user,
        body=county,
        officers=county_officers,
        cause="无照经营案",
        party_kind="person",
        party_name="赵某",
    )
    county_transfer = transfers.propose(
        county_case,
        actor=county_user,
        suspected_offence="非法经营罪",
        team=county_officers,
        receiving_organ="江门市公安局蓬江分局",
    )
    assert county_transfer.area == city["county"]

    intruder = people["ecology_clerk"]
    for client in (api_client(intruder), _client(intruder)):
        assert client.get(f"{API}{transfer.pk}/").status_code == 404
        assert client.post(f"{API}{transfer.pk}/send/", {}, format="json").status_code == 404
    page = _client(intruder)
    assert page.get(reverse("enforcement:transfer-detail", args=[transfer.pk])).status_code == 404
    assert page.post(reverse("enforcement:transfer-action", args=[transfer.pk, "decide"])).status_code == 404
    assert "生产、销售不符合安全标准的食品罪" not in page.get(reverse("enforcement:transfer-list")).content.decode()
    assert api_client(intruder).get(API).json()["results"] == []

    procuratorate = make_body("江门市人民检察院", code="jm-jcy")
    prosecutor = make_user("prosecutor", roles=[(procuratorate, Role.CLERK)])
    AccessGrant.objects.create(
        grantee_user=prosecutor, body=city["government"], reason="行政执法与刑事司法衔接信息共享"
    )
    api = api_client(prosecutor)
    assert [row["id"] for row in _ok(api.get(API))["results"]] == [transfer.pk]
    seen = _ok(api.get(f"{API}{transfer.pk}/"))
    assert seen["case_number"] == transfer.case.number and seen["actions"] == []
    assert api.get(f"{API}{county_transfer.pk}/").status_code == 404
    _refused(api.post(f"{API}{transfer.pk}/decide/", {"approve": True}, format="json"), "仅供查阅", 403)
    assert api.get(f"/api/v1/enforcement-cases/{transfer.case_id}/").status_code == 404, "the case itself stays private"
    client = _client(prosecutor)
    listing = client.get(reverse("enforcement:transfer-list")).content.decode()
    assert "生产、销售不符合安全标准的食品罪" in listing and "非法经营罪" not in listing
    detail = client.get(reverse("enforcement:transfer-detail", args=[transfer.pk])).content.decode()
    assert 'id="transfer-shared"' in detail and 'id="transfer-actions"' not in detail
    assert reverse("enforcement:case-detail", args=[transfer.case_id]) not in detail
    refused = client.post(reverse("enforcement:transfer-action", args=[transfer.pk, "decide"]), {"approve": "true"})
    assert refused.status_code == 403 and "仅供查阅" in refused.content.decode()
    assert client.get(reverse("enforcement:transfer-detail", args=[county_transfer.pk])).status_code == 404
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.PROPOSED


def test_the_transfer_list_takes_no_more_queries_for_more_transfers(city, crew, open_case):
    def count(url, api):
        user = User.objects.get(pk=crew["user"].pk)  # a fresh user: the scope is cached on the object
        client = api_client(user) if api else _client(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = [(reverse("enforcement:transfer-list"), False), (API, True)]
    transfers.decide(_propose(open_case(), crew), actor=crew["head"], approve=True)
    before = [count(*row) for row in urls]
    for n in range(3):
        _propose(open_case(party_name=f"当事人{n}"), crew)
    assert [count(*row) for row in urls] == before
    assert api_client(crew["user"]).get(API).json()["count"] == 4


# --- the pages ----------------------------------------------------------------------------------------


def _step(client, url_name, pk, step, data=None, status=302):
    response = client.post(reverse(url_name, args=[pk, step]), data or {})
    assert response.status_code == status, (step, response.status_code, response.content.decode()[-1500:])
    return response


def test_the_pages_take_a_transfer_from_the_case_page_to_the_new_case(city, crew, open_case):
    case = open_case()
    officer, head = _client(crew["user"]), _client(crew["head"])
    case_page = officer.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    assert 'id="step-transfer"' in case_page and "执法乙（执法证号 44070002）" in case_page
    assert 'id="step-transfer"' not in head.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    proposal = {
        "suspected_offence": "生产、销售不符合安全标准的食品罪",
        "team": [crew["a"].pk],
        "receiving_organ": "江门市公安局",
    }
    refused = _step(officer, "enforcement:case-action", case.pk, "transfer", proposal, 400)
    assert "2名或者2名以上" in refused.content.decode()
    assert not Transfer.objects.exists()
    done = _step(
        officer, "enforcement:case-action", case.pk, "transfer", {**proposal, "team": [crew["a"].pk, crew["b"].pk]}
    )
    transfer = Transfer.objects.get()
    url = reverse("enforcement:transfer-detail", args=[transfer.pk])
    assert done["Location"] == url
    page = officer.get(url).content.decode()
    assert "拟移送" in page and "第五条" in page and "第八条" in page and "第十二条" in page
    assert 'id="step-decide"' not in page, "approval is the head's"
    assert 'id="step-transfer"' not in officer.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()

    head_page = head.get(url).content.decode()
    assert 'id="step-decide"' in head_page and 'id="step-send"' not in head_page
    _step(officer, "enforcement:transfer-action", transfer.pk, "decide", {"approve": "true"}, 403)
    refused = _step(head, "enforcement:transfer-action", transfer.pk, "decide", {"approve": "false"}, 400)
    assert "不批准移送的理由" in refused.content.decode()
    _step(head, "enforcement:transfer-action", transfer.pk, "decide", {"approve": "true"})
    _step(head, "enforcement:transfer-action", transfer.pk, "nonsense", {}, 404)
    _step(officer, "enforcement:transfer-action", transfer.pk, "send")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.TRANSFERRED
    refused = _step(officer, "enforcement:transfer-action", transfer.pk, "police_decision", {"accepted": "false"}, 400)
    assert "公安机关处理结果" in refused.content.decode()
    _step(
        officer,
        "enforcement:transfer-action",
        transfer.pk,
        "police_decision",
        {"accepted": "false", "outcome": "不构成犯罪，建议依法给予行政处罚。"},
    )
    page = officer.get(url).content.decode()
    assert 'id="step-take_back"' in page and 'id="step-handover"' not in page
    back = _step(
        officer,
        "enforcement:transfer-action",
        transfer.pk,
        "take_back",
        {"officers": [crew["a"].pk, crew["b"].pk], "reason": "公安机关移回。"},
    )
    again = Case.objects.get(returned_from=transfer)
    assert back["Location"] == reverse("enforcement:case-detail", args=[again.pk])
    again_page = officer.get(back["Location"]).content.decode()
    assert "本案系公安机关移回" in again_page and url in again_page

    listing = officer.get(reverse("enforcement:transfer-list")).content.decode()
    assert "退回行政处罚" in listing and "批准或者不批准移送涉嫌犯罪案件" in listing and "第五条" in listing
    timeline = officer.get(url).content.decode()
    for label in ("提出移送涉嫌犯罪案件", "批准移送", "移送公安机关", "记录公安机关决定", "接收公安机关移回的案件"):
        assert label in timeline, label


# --- seizures -----------------------------------------------------------------------------------------


def test_seizures_through_the_api(city, crew, open_case):
    case = open_case()
    officer, head = api_client(crew["user"]), api_client(crew["head"])
    url = f"/api/v1/enforcement-cases/{case.pk}/"
    _refused(officer.post(url + "seize/", {}, format="json"), "查封、扣押的场所", 400)
    seized = _ok(officer.post(url + "seize/", {"items": "过期食品120箱"}, format="json"))["seizures"]
    (row,) = seized
    assert row["items"] == "过期食品120箱" and row["extended_days"] is None and "第二十五条" in row["source"]
    due = datetime.date.fromisoformat(row["due_on"])
    extend = {"seizure": row["id"], "days": 30, "reason": "需要检验检测，情况复杂。"}
    _refused(officer.post(url + "extend-seizure/", extend, format="json"), "延长查封、扣押期限", 403)
    over = _refused(head.post(url + "extend-seizure/", {**extend, "days": 31}, format="json"), "1至30", 400)
    assert "days" in over.json()["errors"]
    _refused(head.post(url + "extend-seizure/", {**extend, "reason": ""}, format="json"), "延长的理由", 400)
    _refused(head.post(url + "extend-seizure/", {**extend, "seizure": 999999}, format="json"), "本案的查封", 400)
    extended = _ok(head.post(url + "extend-seizure/", extend, format="json"))["seizures"][0]
    assert extended["extended_days"] == 30 and datetime.date.fromisoformat(extended["due_on"]) > due
    _refused(head.post(url + "extend-seizure/", extend, format="json"), "已经延长过一次")
    _refused(officer.post(url + "release-seizure/", {"seizure": row["id"]}, format="json"), "解除或处理情况", 400)
    released = _ok(
        officer.post(url + "release-seizure/", {"seizure": row["id"], "reason": "检验合格，予以解除。"}, format="json")
    )["seizures"][0]
    assert released["released_on"] == TODAY().isoformat()
    assert Deadline.objects.get(matter="seizure").closed_on == TODAY()
    _refused(
        officer.post(url + "release-seizure/", {"seizure": row["id"], "reason": "再次"}, format="json"), "已经解除"
    )
    actions = [event["action"] for event in _ok(officer.get(url + "history/"))["timeline"]]
    assert {"enforcement.seized", "enforcement.seizure_extended", "enforcement.seizure_released"} <= set(actions)


def test_seizures_on_the_case_page(city, crew, open_case, people):
    case = open_case()
    officer, head = _client(crew["user"]), _client(crew["head"])
    url = reverse("enforcement:case-detail", args=[case.pk])
    page = officer.get(url).content.decode()
    assert 'id="step-seize"' in page and 'id="step-extend_seizure"' not in page
    _step(officer, "enforcement:case-action", case.pk, "seize", {"items": ""}, 400)
    future = (TODAY() + datetime.timedelta(days=2)).isoformat()
    refused = _step(
        officer, "enforcement:case-action", case.pk, "seize", {"items": "冷柜一台", "decided_on": future}, 400
    )
    assert "不能晚于今天" in refused.content.decode()
    _step(officer, "enforcement:case-action", case.pk, "seize", {"items": "冷柜一台"})
    seizure = Seizure.objects.get()
    page = officer.get(url).content.decode()
    assert "冷柜一台" in page and "第二十五条" in page and 'id="step-release_seizure"' in page
    assert 'id="step-extend_seizure"' not in page, "the extension is the head's"
    assert 'id="step-extend_seizure"' in head.get(url).content.decode()
    _step(
        officer,
        "enforcement:case-action",
        case.pk,
        "extend_seizure",
        {"seizure": seizure.pk, "days": 10, "reason": "复杂"},
        403,
    )
    _step(
        head,
        "enforcement:case-action",
        case.pk,
        "extend_seizure",
        {"seizure": seizure.pk, "days": 31, "reason": "复杂"},
        400,
    )
    _step(
        head,
        "enforcement:case-action",
        case.pk,
        "extend_seizure",
        {"seizure": seizure.pk, "days": 10, "reason": "需要鉴定。"},
    )
    assert Deadline.objects.get(matter="seizure").extension_length == 10
    assert 'id="step-extend_seizure"' not in head.get(url).content.decode(), "extended once only"
    _step(officer, "enforcement:case-action", case.pk, "release_seizure", {"seizure": seizure.pk, "reason": "解除。"})
    page = officer.get(url).content.decode()
    assert 'id="step-release_seizure"' not in page and "经批准延长10日" in page
    intruder = _client(people["ecology_clerk"])
    _step(intruder, "enforcement:case-action", case.pk, "seize", {"items": "越权"}, 404)
    assert Seizure.objects.count() == 1
