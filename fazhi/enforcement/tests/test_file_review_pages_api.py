"""The yearly case-file review through the API and the office pages: the leading group office's
evaluator sets the sheet, draws a body's closed cases on a public value (the seed and picks shown
and re-runnable) and scores each file item by item; each step refused with its Chinese reason
(400/403/404/409) then taken; the reviewed body sees its own files and draws, another body nothing;
bad input refused with nothing changed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import AuditEvent
from fazhi.core.testing import api_client, make_body
from fazhi.enforcement.choices import CaseStatus, PartyKind
from fazhi.enforcement.models import Case, FileReview, ReviewSheet
from fazhi.inspections.draw import pick_entities

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
SHEETS = "/api/v1/enforcement-review-sheets/"
REVIEWS = "/api/v1/enforcement-file-reviews/"
ITEMS = [
    {"key": "1", "label": "执法主体与执法人员资格", "max": "20"},
    {"key": "2", "label": "事实认定与证据", "max": "40"},
    {"key": "3", "label": "程序与文书", "max": "40"},
]


@pytest.fixture
def office(city):
    """市司法局, which hosts the 依法行政工作领导小组办公室."""
    return make_body("江门市司法局", parent=city["government"], code="jm-sfj", hosts_leading_group_office=True)


def _closed(body, n: int, *, year=None) -> list[Case]:
    closed_on = datetime.date(year, 6, 1) if year else TODAY()
    return [
        Case.objects.create(
            body=body,
            number=f"{body.code}-{closed_on.year}-{i:06d}",
            status=CaseStatus.CLOSED,
            cause=f"案由{i}",
            party_kind=PartyKind.ORGANISATION,
            party_name=f"江门市某某{i}有限公司",
            filed_on=closed_on,
            decided_on=closed_on,
            closed_on=closed_on,
        )
        for i in range(1, n + 1)
    ]


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


def _state():
    return (
        list(ReviewSheet.objects.order_by("pk").values_list("pk", "year", "items", "pass_mark")),
        list(FileReview.objects.order_by("pk").values_list("pk", "case_id", "scores", "total", "findings")),
        AuditEvent.objects.count(),
    )


def test_the_api_sets_the_sheet_draws_and_scores(city, people, office):
    cases = _closed(city["market"], 5)
    _closed(city["market"], 2, year=TODAY().year - 1)
    evaluator, clerk = api_client(people["evaluator"]), api_client(people["market_clerk"])
    sheet = {"year": TODAY().year, "items": ITEMS, "pass_mark": "60"}
    _refused(clerk.post(SHEETS, sheet, format="json"), "组织案卷评查", 403)
    _refused(evaluator.post(SHEETS, {**sheet, "pass_mark": "101"}, format="json"), "合格分数不能高于", 400)
    huge = [{"key": "1", "label": "全部", "max": "10000"}]
    _refused(evaluator.post(SHEETS, {**sheet, "items": huge, "pass_mark": "1"}, format="json"), "9999.99", 400)
    twice = [*ITEMS, {"key": "1", "label": "重复", "max": "1"}]
    _refused(evaluator.post(SHEETS, {**sheet, "items": twice}, format="json"), "编号重复", 400)
    created = _ok(evaluator.post(SHEETS, sheet, format="json"), 201)
    assert [item["max"] for item in created["items"]] == ["20.00", "40.00", "40.00"] and created["draws"] == []
    _refused(evaluator.post(SHEETS, sheet, format="json"), "已经存在")
    url = f"{SHEETS}{created['id']}/"

    assert clerk.get(url).status_code == 404, "the body sees the sheet only once its files are sampled"
    draw = {"body": city["market"].pk, "count": 2, "public_value": "20261127-0815"}
    _refused(evaluator.post(url + "draw/", {**draw, "count": 0}, format="json"), "抽取数量应为1至200", 400)
    _refused(evaluator.post(url + "draw/", {**draw, "public_value": ""}, format="json"), "公开随机值", 400)
    _refused(evaluator.post(url + "draw/", {**draw, "body": city["ecology"].pk}, format="json"), "没有已结案的案件")
    done = _ok(evaluator.post(url + "draw/", draw, format="json"))
    seed = f"{TODAY().year}|{city['market'].pk}|20261127-0815"
    numbers = sorted(case.number for case in cases)
    assert done["draw"]["seed"] == seed and done["draw"]["picks"] == pick_entities(seed, numbers, 2)
    assert sorted(row["case_number"] for row in done["created"]) == sorted(done["draw"]["picks"])
    assert all(row["passed"] is None for row in done["created"])
    again = _ok(evaluator.post(url + "draw/", draw, format="json"))
    assert again["draw"]["picks"] == done["draw"]["picks"] and again["created"] == [], "the same seed, the same files"
    event = AuditEvent.objects.filter(action="enforcement.files_sampled").order_by("id").first()
    assert event.payload["extra"]["seed"] == seed and event.payload["extra"]["picks"] == done["draw"]["picks"]

    # The reviewed body sees the sheet with its draws, and its files; scoring is the evaluator's.
    assert [row["seed"] for row in _ok(clerk.get(url))["draws"]] == [seed, seed]
    listed = _ok(clerk.get(REVIEWS))["results"]
    assert len(listed) == 2 and {row["body_name"] for row in listed} == {"江门市市场监督管理局"}
    review_url = f"{REVIEWS}{listed[0]['id']}/"
    scores = {"1": "18", "2": "30", "3": "35.5"}
    _refused(clerk.post(review_url + "score/", {"scores": scores}, format="json"), "评查案卷", 403)
    _refused(evaluator.post(review_url + "score/", {"scores": {"1": "18"}}, format="json"), "每一项打分", 400)
    _refused(evaluator.post(review_url + "score/", {"scores": {**scores, "2": "41"}}, format="json"), "0至40", 400)
    _refused(evaluator.post(review_url + "score/", {"scores": {**scores, "3": "NaN"}}, format="json"), "0至40", 400)
    scored = _ok(
        evaluator.post(review_url + "score/", {"scores": scores, "findings": "证据目录不完整。"}, format="json")
    )
    assert scored["total"] == "83.50" and scored["passed"] is True and scored["reviewed_on"] == TODAY().isoformat()
    low = _ok(evaluator.post(review_url + "score/", {"scores": {"1": "10", "2": "20", "3": "20"}}, format="json"))
    assert low["total"] == "50.00" and low["passed"] is False
    assert _ok(clerk.get(review_url))["findings"] == ""
    assert _ok(clerk.get(REVIEWS, {"year": TODAY().year - 1}))["results"] == []


def test_another_bodys_reviews_are_a_404(city, people, office):
    _closed(city["market"], 3)
    evaluator = api_client(people["evaluator"])
    sheet = _ok(evaluator.post(SHEETS, {"year": TODAY().year, "items": ITEMS, "pass_mark": "60"}, format="json"), 201)
    draw = {"body": city["market"].pk, "count": 1, "public_value": "42"}
    (review,) = _ok(evaluator.post(f"{SHEETS}{sheet['id']}/draw/", draw, format="json"))["created"]
    intruder = people["ecology_clerk"]
    api, client = api_client(intruder), _client(intruder)
    assert api.get(f"{SHEETS}{sheet['id']}/").status_code == 404
    assert api.get(f"{REVIEWS}{review['id']}/").status_code == 404
    assert api.get(REVIEWS).json()["results"] == [] and api.get(SHEETS).json()["results"] == []
    assert api.post(f"{REVIEWS}{review['id']}/score/", {"scores": {"1": 1}}, format="json").status_code == 404
    assert api.post(f"{SHEETS}{sheet['id']}/draw/", draw, format="json").status_code == 404
    for name, pk in (
        ("enforcement:review-sheet-detail", sheet["id"]),
        ("enforcement:file-review-detail", review["id"]),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    assert (
        client.post(reverse("enforcement:file-review-score", args=[review["id"]]), {"item_1": "1"}).status_code == 404
    )
    assert client.post(reverse("enforcement:review-sheet-draw", args=[sheet["id"]]), draw).status_code == 404
    assert review["case_number"] not in client.get(reverse("enforcement:review-sheet-list")).content.decode()
    # The head of the reviewed body sees it; he may not draw another body's files.
    head = api_client(people["market_head"])
    assert head.get(f"{REVIEWS}{review['id']}/").status_code == 200
    ecology = {"body": city["ecology"].pk, "count": 1, "public_value": "42"}
    assert head.post(f"{SHEETS}{sheet['id']}/draw/", ecology, format="json").status_code == 404
    assert FileReview.objects.get(pk=review["id"]).total is None


def test_bad_input_is_refused_with_nothing_changed(city, people, office):
    _closed(city["market"], 2)
    evaluator = api_client(people["evaluator"])
    sheet = _ok(evaluator.post(SHEETS, {"year": TODAY().year, "items": ITEMS, "pass_mark": "60"}, format="json"), 201)
    (review,) = _ok(
        evaluator.post(
            f"{SHEETS}{sheet['id']}/draw/",
            {"body": city["market"].pk, "count": 1, "public_value": "7"},
            format="json",
        )
    )["created"]
    before = _state()
    draw_url, score_url = f"{SHEETS}{sheet['id']}/draw/", f"{REVIEWS}{review['id']}/score/"
    good = {"year": TODAY().year + 1, "items": ITEMS, "pass_mark": "60"}
    bad = [
        (SHEETS, {**good, "year": "明年"}, "year"),
        (SHEETS, {**good, "year": 1999}, "year"),
        (SHEETS, {**good, "items": "1,2"}, "items"),
        (SHEETS, {**good, "items": []}, "items"),
        (SHEETS, {**good, "items": [{"key": "1", "label": "x", "max": "-1"}]}, "items"),
        (SHEETS, {**good, "items": [{"key": "1", "label": "", "max": "1"}]}, "items"),
        (SHEETS, {**good, "pass_mark": "及格"}, "pass_mark"),
        (SHEETS, {**good, "colour": "blue"}, "colour"),
        (draw_url, {"body": "x", "count": 1, "public_value": "7"}, "body"),
        (draw_url, {"body": city["market"].pk, "count": "两卷", "public_value": "7"}, "count"),
        (draw_url, {"body": city["market"].pk, "count": True, "public_value": "7"}, "count"),
        (draw_url, {"body": city["market"].pk, "count": 201, "public_value": "7"}, "count"),
        (score_url, {"scores": "18,30,35"}, "scores"),
        (score_url, {"scores": {"1": True, "2": 1, "3": 1}}, "scores"),
        (score_url, {"scores": {"1": [1], "2": 1, "3": 1}}, "scores"),
        (score_url, {"scores": {"1": "-1", "2": 1, "3": 1}}, "scores"),
        (score_url, {"scores": {"1": "Infinity", "2": 1, "3": 1}}, "scores"),
        (score_url, {"scores": {"1": 1, "2": 1, "3": 1}, "findings": ["x"]}, "findings"),
        (score_url, {"scores": {"1": 1, "2": 1, "3": 1}, "colour": "blue"}, "colour"),
    ]
    for path, data, field in bad:
        response = evaluator.post(path, data, format="json")
        assert response.status_code == 400, (path, data, response.status_code, response.content.decode()[:300])
        assert field in response.json()["errors"], (path, data, response.json())
    assert evaluator.post(score_url, [1], format="json").status_code == 400
    assert evaluator.get(REVIEWS, {"year": "20x6"}).status_code == 400
    assert evaluator.get(REVIEWS, {"body": "市局"}).status_code == 400
    assert _state() == before


def test_the_pages_set_the_sheet_draw_and_score(city, people, office):
    cases = _closed(city["market"], 4)
    evaluator, clerk = _client(people["evaluator"]), _client(people["market_clerk"])
    listing = reverse("enforcement:review-sheet-list")
    assert 'id="sheet-create"' in evaluator.get(listing).content.decode()
    assert 'id="sheet-create"' not in clerk.get(listing).content.decode()
    assert clerk.post(listing, {"year": TODAY().year}).status_code == 403
    rows = {
        "items-TOTAL_FORMS": "8",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "100",
    }
    for number, item in enumerate(ITEMS):
        rows[f"items-{number}-label"] = item["label"]
        rows[f"items-{number}-max"] = item["max"]
    refused = evaluator.post(listing, {"year": TODAY().year, "pass_mark": "120", **rows})
    assert refused.status_code == 400 and "合格分数不能高于各项满分之和" in refused.content.decode()
    no_max = {**rows, "items-3-label": "案卷装订"}
    refused = evaluator.post(listing, {"year": TODAY().year, "pass_mark": "60", **no_max})
    assert refused.status_code == 400 and "满分" in refused.content.decode()
    assert not ReviewSheet.objects.exists()
    created = evaluator.post(listing, {"year": TODAY().year, "pass_mark": "60", **rows})
    sheet = ReviewSheet.objects.get()
    assert created["Location"] == reverse("enforcement:review-sheet-detail", args=[sheet.pk])
    assert [item["key"] for item in sheet.items] == ["1", "2", "3"]

    page = evaluator.get(created["Location"]).content.decode()
    assert 'id="step-draw"' in page and "事实认定与证据" in page
    draw_url = reverse("enforcement:review-sheet-draw", args=[sheet.pk])
    empty = evaluator.post(draw_url, {"body": city["ecology"].pk, "count": 2, "public_value": "8"})
    assert empty.status_code == 409 and "没有已结案的案件" in empty.content.decode()
    assert evaluator.post(draw_url, {"body": city["market"].pk, "count": 0, "public_value": "8"}).status_code == 400
    drawn = evaluator.post(draw_url, {"body": city["market"].pk, "count": 2, "public_value": "8"}, follow=True)
    seed = f"{TODAY().year}|{city['market'].pk}|8"
    picks = pick_entities(seed, sorted(case.number for case in cases), 2)
    page = drawn.content.decode()
    assert seed in page and all(number in page for number in picks)
    assert "抽取 2 卷，已评查 0 卷" in page

    review = FileReview.objects.get(case__number=picks[0])
    review_url = reverse("enforcement:file-review-detail", args=[review.pk])
    score_url = reverse("enforcement:file-review-score", args=[review.pk])
    form = evaluator.get(review_url).content.decode()
    assert 'name="item_1"' in form and 'name="item_3"' in form and "满分40.00" in form
    over = evaluator.post(score_url, {"item_1": "18", "item_2": "41", "item_3": "30"})
    assert over.status_code == 400 and FileReview.objects.get(pk=review.pk).total is None
    assert clerk.post(score_url, {"item_1": "18", "item_2": "30", "item_3": "30"}).status_code == 403
    evaluator.post(score_url, {"item_1": "18", "item_2": "30", "item_3": "30", "findings": "文书规范。"})
    assert FileReview.objects.get(pk=review.pk).total == 78
    sheet_page = evaluator.get(reverse("enforcement:review-sheet-detail", args=[sheet.pk])).content.decode()
    assert "抽取 2 卷，已评查 1 卷：合格 1 卷，不合格 0 卷" in sheet_page

    # The reviewed body's clerk reads its sheet, draws and files, and scores nothing.
    body_page = clerk.get(reverse("enforcement:review-sheet-detail", args=[sheet.pk])).content.decode()
    assert seed in body_page and 'id="step-draw"' not in body_page
    mine = clerk.get(review_url).content.decode()
    assert "78.00" in mine and "合格" in mine and "文书规范。" in mine and 'id="step-score"' not in mine
