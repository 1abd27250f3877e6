"""The API: every step of the scheme and the evaluation as an action calling its service, scoped
(the government's office, its head and evaluators see the whole; a body its own from the notice on;
another body's ids 404), bad input a 400 with `{code, detail, errors}` and nothing stored."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.assessment.choices import EvaluationStatus, SchemeStatus
from fazhi.assessment.models import Evaluation, Indicator, Member, Objection, Result, Scheme, Score
from fazhi.assessment.testing import workbook
from fazhi.core.choices import EvaluationGroup
from fazhi.core.testing import api_client

D = datetime.date
API = "/api/v1/assessment"


def _error(response, status: int, text: str = "") -> dict:
    body = response.json()
    assert response.status_code == status, body
    assert set(body) == {"code", "detail", "errors"}, body
    assert text in body["detail"] + "".join(m for ms in body["errors"].values() for m in ms), body
    return body


def test_the_office_drafts_edits_and_submits_the_mayor_approves(grouped, people, mayor, today):
    office = api_client(people["office"])
    response = office.post(f"{API}/schemes/", {"government": grouped["government"].pk, "year": 2026}, format="json")
    assert response.status_code == 201, response.json()
    scheme = response.json()
    assert scheme["problems"] == ["有人工评分指标，但尚未确定考评组成人员"]
    assert [a["name"] for a in scheme["actions"]] == ["submit"] and scheme["actions"][0]["refusal"]
    pk = scheme["id"]
    _error(office.patch(f"{API}/schemes/{pk}/", {"performance_weight": "9"}, format="json"), 400, "不得低于百分之十")
    _error(office.patch(f"{API}/schemes/{pk}/", {"colour": "red"}, format="json"), 400, "未知字段")
    _error(office.patch(f"{API}/schemes/{pk}/", {"share": "twenty"}, format="json"), 400, "应为1至50的整数")
    response = office.patch(f"{API}/schemes/{pk}/", {"quota": "nearest", "objection_days": 7}, format="json")
    assert response.json()["quota"] == "nearest" and response.json()["objection_days"] == 7
    _error(office.post(f"{API}/schemes/{pk}/submit/", {}, format="json"), 409, "方案尚不完整")
    _error(office.post(f"{API}/schemes/{pk}/evaluators/", {"evaluators": "x"}, format="json"), 400, "用户列表")
    office.post(f"{API}/schemes/{pk}/evaluators/", {"evaluators": [people["evaluator"].pk]}, format="json")
    _error(office.post(f"{API}/schemes/{pk}/approve/", {}, format="json"), 403, "批准方案")
    assert office.post(f"{API}/schemes/{pk}/submit/", {"on": "2026-03-02"}, format="json").status_code == 200
    _error(office.post(f"{API}/schemes/{pk}/approve/", {}, format="json"), 403)
    head = api_client(mayor)
    _error(head.post(f"{API}/schemes/{pk}/return/", {}, format="json"), 400, "请填写退回理由")
    response = head.post(f"{API}/schemes/{pk}/approve/", {"reference": "江府函〔2026〕9号"}, format="json")
    assert response.json()["status"] == SchemeStatus.APPROVED and response.json()["approval_reference"]
    _error(office.patch(f"{API}/schemes/{pk}/", {"title": "改"}, format="json"), 409, "不能修改")
    response = office.post(f"{API}/schemes/{pk}/copy/", {}, format="json")
    assert response.json()["year"] == 2027 and response.json()["status"] == SchemeStatus.DRAFT
    _error(office.post(f"{API}/schemes/{pk}/copy/", {}, format="json"), 409, "已经存在")


def test_indicators_and_members_through_the_api(grouped, people, today):
    office = api_client(people["office"])
    pk = office.post(f"{API}/schemes/", {"government": grouped["government"].pk, "year": 2026}, format="json").json()[
        "id"
    ]
    top = Indicator.objects.filter(scheme=pk, parent=None).order_by("position").first()
    response = office.post(
        f"{API}/indicators/",
        {"scheme": pk, "parent": top.pk, "name": "新增", "points": "1", "method": "wrong"},
        format="json",
    )
    _error(response, 400, "评分方式应为以下之一")
    response = office.post(
        f"{API}/indicators/", {"scheme": pk, "name": "<script>x</script>", "points": "5"}, format="json"
    )
    assert response.status_code == 201 and response.json()["name"] == "<script>x</script>"
    new = response.json()["id"]
    assert office.patch(f"{API}/indicators/{new}/", {"points": "6"}, format="json").json()["points"] == "6.00"
    assert office.delete(f"{API}/indicators/{new}/").status_code == 204
    listed = office.get(f"{API}/indicators/", {"scheme": pk}).json()
    assert listed["count"] == Indicator.objects.filter(scheme=pk).count()
    _error(office.get(f"{API}/indicators/", {"scheme": "abc"}), 400, "考评方案应为编号")
    member = Member.objects.get(scheme=pk, body=grouped["market"])
    response = office.patch(f"{API}/members/{member.pk}/", {"group": EvaluationGroup.COUNTY_GOVERNMENTS}, format="json")
    assert response.json()["group"] == EvaluationGroup.COUNTY_GOVERNMENTS
    _error(office.patch(f"{API}/members/{member.pk}/", {"group": ""}, format="json"), 400, "考评组别")
    response = office.post(
        f"{API}/members/",
        {"scheme": pk, "body": grouped["county_market"].pk, "group": EvaluationGroup.CITY_DEPARTMENTS},
        format="json",
    )
    assert response.status_code == 201
    assert office.delete(f"{API}/members/{response.json()['id']}/").status_code == 204
    # Another body, another subtree: nothing of the city's scheme.
    for user in (people["ecology_clerk"], people["county_office"]):
        client = api_client(user)
        assert client.get(f"{API}/schemes/{pk}/").status_code == 404
        assert client.get(f"{API}/indicators/{top.pk}/").status_code == 404
        assert client.patch(f"{API}/indicators/{top.pk}/", {"points": "1"}, format="json").status_code == 404
        assert client.delete(f"{API}/members/{member.pk}/").status_code == 404
    assert api_client().get(f"{API}/schemes/").status_code in (401, 403)


def test_the_evaluation_steps_through_the_api(evaluation, grouped, people, mayor, today):
    office, evaluator, head = api_client(people["office"]), api_client(people["evaluator"]), api_client(mayor)
    pk = evaluation.pk
    body = office.get(f"{API}/evaluations/{pk}/").json()
    assert body["progress"]["manual_pending"] == 3 and body["progress"]["members"] == 3
    assert body["progress"]["missing"] == ["3项人工评分指标尚未评分", "3个考评对象尚无社会评议得分"]
    _error(office.post(f"{API}/evaluations/{pk}/submit/", {}, format="json"), 409, "尚不能报请审定")
    scores = Score.objects.filter(evaluation=evaluation, indicator__name="宣传法治政府建设")
    _error(
        office.post(f"{API}/scores/{scores[0].pk}/score/", {"points": "40"}, format="json"), 403, "不是该指标的考评员"
    )
    _error(evaluator.post(f"{API}/scores/{scores[0].pk}/score/", {"points": "x"}, format="json"), 400, "得分应为数字")
    _error(evaluator.post(f"{API}/scores/{scores[0].pk}/score/", {"points": "39"}, format="json"), 400, "评分说明")
    automatic = Score.objects.filter(evaluation=evaluation, indicator__name="检察建议按期书面回复").first()
    _error(evaluator.post(f"{API}/scores/{automatic.pk}/score/", {"points": "1"}, format="json"), 400, "人工评分指标")
    for score in scores:
        response = evaluator.post(f"{API}/scores/{score.pk}/score/", {"points": "40"}, format="json")
        assert response.json()["source"] == "manual"
    url = f"{API}/evaluations/{pk}/social/"
    _error(office.post(url, {}, format="multipart"), 400, "请上传社会评议结果工作簿")
    bad = SimpleUploadedFile("x.xlsx", b"not a workbook")
    _error(office.post(url, {"file": bad}, format="multipart"), 400, "无法读取 Excel 文件")
    good = workbook([("江门市市场监督管理局", 90), ("江门市生态环境局", 80), ("蓬江区人民政府", 70)])
    assert office.post(url, {"file": SimpleUploadedFile("s.xlsx", good)}, format="multipart").status_code == 200
    adjustment = {"body": grouped["market"].pk, "kind": "deduction", "points": "2", "reason": "被约谈一次"}
    _error(office.post(f"{API}/evaluations/{pk}/adjustments/", {**adjustment, "kind": "x"}, format="json"), 400)
    _error(office.post(f"{API}/evaluations/{pk}/adjustments/", {**adjustment, "reason": ""}, format="json"), 400)
    office.post(f"{API}/evaluations/{pk}/adjustments/", adjustment, format="json")
    assert office.post(f"{API}/evaluations/{pk}/deductions/", {}, format="json").status_code == 200
    _error(office.post(f"{API}/evaluations/{pk}/rescore/", {"as_of": "2026-06-01"}, format="json"), 400, "不能早于")
    assert office.post(f"{API}/evaluations/{pk}/rescore/", {"as_of": "2027-01-10"}, format="json").status_code == 200
    response = office.post(f"{API}/evaluations/{pk}/submit/", {}, format="json")
    assert response.json()["status"] == EvaluationStatus.SUBMITTED
    _error(head.post(f"{API}/evaluations/{pk}/return/", {"reason": ""}, format="json"), 400, "请填写退回理由")
    response = head.post(f"{API}/evaluations/{pk}/return/", {"reason": "社会评议样本不足"}, format="json")
    assert response.json()["returned_reason"] == "社会评议样本不足"
    office.post(f"{API}/evaluations/{pk}/submit/", {}, format="json")
    head.post(f"{API}/evaluations/{pk}/approve/", {}, format="json")
    _error(office.post(f"{API}/evaluations/{pk}/publish/", {}, format="json"), 409, "不能进行“向社会公布”")
    today.set(D(2027, 3, 1))
    response = office.post(
        f"{API}/evaluations/{pk}/notify/", {"notice_number": "江府通〔2027〕3号", "on": "2027-02-26"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["objection_until"] == "2027-03-05"  # 5 working days from Friday 26 February
    results = office.get(f"{API}/results/", {"evaluation": pk}).json()["results"]
    market = next(r for r in results if r["body"] == grouped["market"].pk)
    # internal (30 + 40) = 70; 70 × 0.8 + 90 × 0.2 = 74; − 2 = 72.
    assert (market["internal"], market["composite"], market["deductions"]) == ("70.00", "72.00", "2.00")
    _error(office.post(f"{API}/evaluations/{pk}/finalise/", {}, format="json"), 409, "异议期至2027年3月5日届满")
    today.set(D(2027, 3, 8))
    _error(office.post(f"{API}/evaluations/{pk}/finalise/", {"on": "2027-03-05"}, format="json"), 409, "届满")
    assert office.post(f"{API}/evaluations/{pk}/finalise/", {}, format="json").json()["status"] == "final"
    assert office.post(f"{API}/evaluations/{pk}/publish/", {}, format="json").json()["published_on"] == "2027-03-08"


def test_a_body_sees_its_own_scores_and_results_from_the_notice_and_objects(notified, grouped, people, today):
    clerk = api_client(people["market_clerk"])
    results = clerk.get(f"{API}/results/").json()["results"]
    assert [r["body_name"] for r in results] == ["江门市市场监督管理局"]
    own = results[0]["id"]
    ecology = Result.objects.get(evaluation=notified, body=grouped["ecology"])
    assert clerk.get(f"{API}/results/{ecology.pk}/").status_code == 404
    scores = clerk.get(f"{API}/scores/", {"evaluation": notified.pk}).json()["results"]
    assert {s["body"] for s in scores} == {grouped["market"].pk} and len(scores) == 2
    leaf = Indicator.objects.get(scheme=notified.scheme, name="宣传法治政府建设")
    _error(clerk.post(f"{API}/objections/", {"result": ecology.pk, "text": "不服"}, format="json"), 404)
    _error(clerk.post(f"{API}/objections/", {"result": own, "text": ""}, format="json"), 400, "请填写异议内容")
    _error(api_client(people["office"]).post(f"{API}/objections/", {"result": own, "text": "代提"}, format="json"), 403)
    response = clerk.post(
        f"{API}/objections/", {"result": own, "text": "材料已补交", "indicator": leaf.pk}, format="json"
    )
    assert response.status_code == 201
    objection = response.json()["id"]
    _error(
        clerk.post(f"{API}/objections/{objection}/answer/", {"outcome": "rejected", "answer": "x"}, format="json"), 403
    )
    office = api_client(people["office"])
    _error(
        office.post(f"{API}/objections/{objection}/answer/", {"outcome": "maybe", "answer": "x"}, format="json"), 400
    )
    response = office.post(
        f"{API}/objections/{objection}/answer/", {"outcome": "rejected", "answer": "材料不足。"}, format="json"
    )
    assert response.json()["outcome_label"] == "异议不成立，维持"
    assert Objection.objects.get().outcome == "rejected"
    # Another body sees nothing of the market bureau's.
    other = api_client(people["ecology_clerk"])
    assert other.get(f"{API}/objections/{objection}/").status_code == 404
    assert {r["body"] for r in other.get(f"{API}/results/").json()["results"]} == {grouped["ecology"].pk}


def test_evidence_through_the_api(evaluation, grouped, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    member = Member.objects.get(scheme=evaluation.scheme, body=grouped["market"])
    leaf = Indicator.objects.get(scheme=evaluation.scheme, name="宣传法治政府建设")
    clerk = api_client(people["market_clerk"])
    url = f"{API}/members/{member.pk}/evidence/"
    _error(clerk.post(url, {"indicator": leaf.pk}, format="multipart"), 400, "请选择要上传的佐证材料")
    automatic = Indicator.objects.get(scheme=evaluation.scheme, name="检察建议按期书面回复")
    file = SimpleUploadedFile("台账.txt", "台账".encode())
    _error(clerk.post(url, {"indicator": automatic.pk, "file": file}, format="multipart"), 400, "人工评分指标")
    file = SimpleUploadedFile("台账.txt", "台账".encode())
    assert clerk.post(url, {"indicator": leaf.pk, "file": file}, format="multipart").status_code == 201
    assert [a["original_name"] for a in clerk.get(url).json()] == ["台账.txt"]
    file = SimpleUploadedFile("台账.txt", "台账".encode())
    assert api_client(people["ecology_clerk"]).post(url, {"indicator": leaf.pk, "file": file}).status_code == 404


def test_the_public_list_shows_published_results_only(notified, people, today):
    public = api_client()
    assert public.get("/api/v1/public/assessment-results/").json()["count"] == 0
    today.set(D(2027, 3, 9))
    office = api_client(people["office"])
    office.post(f"{API}/evaluations/{notified.pk}/finalise/", {}, format="json")
    office.post(f"{API}/evaluations/{notified.pk}/publish/", {}, format="json")
    found = public.get("/api/v1/public/assessment-results/", {"year": "2026"}).json()
    assert found["count"] == 3
    assert {r["body_name"]: (r["composite"], r["grade"]) for r in found["results"]} == {
        "江门市生态环境局": ("99.00", "优秀"),
        "江门市市场监督管理局": ("64.00", "一般"),
        "蓬江区人民政府": ("53.00", "一般"),
    }
    assert "internal" not in found["results"][0] and "flag" not in found["results"][0]
    _error(public.get("/api/v1/public/assessment-results/", {"year": "20x6"}), 400, "查询条件有误")


@pytest.mark.parametrize("payload", [[1, 2], "text"])
def test_a_request_body_that_is_not_an_object_is_a_400(notified, people, payload):
    office = api_client(people["office"])
    response = office.post(f"{API}/evaluations/{notified.pk}/publish/", payload, format="json")
    assert response.status_code == 400 and response.json()["code"]


def test_list_queries_do_not_grow_with_the_results(notified, people, django_assert_max_num_queries):
    office = api_client(people["office"])
    with django_assert_max_num_queries(8):
        office.get(f"{API}/results/", {"evaluation": notified.pk})
    with django_assert_max_num_queries(8):
        office.get(f"{API}/scores/", {"evaluation": notified.pk})
    assert Evaluation.objects.count() == 1 and Scheme.objects.count() == 1
    assert Result.objects.get(body__code="jm-sthj").composite == Decimal("99.00")
