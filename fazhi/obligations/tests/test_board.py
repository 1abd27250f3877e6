"""The board's pages and API: who sees which bodies, the filters, a cell's evidence, the deadlines, the
trend, bad input answered in Chinese, and a query count that does not grow with the bodies."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.testing import Role, api_client, make_body, make_user
from fazhi.obligations import services
from fazhi.obligations.models import Finding, Standing

D = datetime.date
BOARD = "/office/board/"


@pytest.fixture
def snapshot(suggestions, today):
    return services.take_snapshot()


def _page(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def _chart(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="board-data" type="application/json">') + len(
        '<script id="board-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def _evidence_url(body) -> str:
    return reverse("obligations:evidence", args=[body.pk])


def test_the_office_sees_every_body_of_its_subtree(client, grouped, people, snapshot):
    response = _page(client, people["office"], BOARD)

    assert response.status_code == 200
    chart = _chart(response)
    names = [b["name"] for b in chart["bodies"]]
    assert names[0] == "江门市人民政府"  # the tree's order: the government above its departments
    assert sorted(names) == sorted(
        ["江门市人民政府", "江门市市场监督管理局", "江门市生态环境局", "蓬江区人民政府", "蓬江区市场监督管理局"]
    )
    assert len(chart["articles"]) == 56 and all(len(row) == 56 for row in chart["rows"])
    market = names.index("江门市市场监督管理局")
    assert chart["rows"][market][36] == "n"  # art. 37: the unanswered suggestion
    html = response.content.decode()
    assert "2026年11月16日" in html and "vendor/echarts/echarts.min.js" in html
    assert "<script>" not in html.split('id="board-data"')[0].split("</h1>")[-1]  # no inline script


def test_a_county_office_sees_its_county_and_a_clerk_only_their_body(client, grouped, people, snapshot):
    county = _chart(_page(client, people["county_office"], BOARD))
    clerk = _chart(_page(client, people["market_clerk"], BOARD))

    assert [b["name"] for b in county["bodies"]] == ["蓬江区人民政府", "蓬江区市场监督管理局"]
    assert [b["name"] for b in clerk["bodies"]] == ["江门市市场监督管理局"]


def test_filters_by_group_chapter_and_kind(client, grouped, people, snapshot):
    office = people["office"]

    by_group = _chart(_page(client, office, BOARD, group="city_departments"))
    by_chapter = _chart(_page(client, office, BOARD, chapter="6"))
    manual = _chart(_page(client, office, BOARD, kind="manual", group="county_governments"))
    outside = _chart(_page(client, office, BOARD, group="none"))

    assert [b["name"] for b in by_group["bodies"]] == ["江门市市场监督管理局", "江门市生态环境局"]
    assert [a["article"] for a in by_chapter["articles"]] == [30, 31, 32, 33]
    assert all(len(row) == 4 for row in by_chapter["rows"])
    assert [a["article"] for a in manual["articles"]] == [1, 2, 29, 31, 43, 45, 55]
    assert [b["name"] for b in manual["bodies"]] == ["蓬江区人民政府"]
    assert [b["name"] for b in outside["bodies"]] == ["江门市人民政府", "蓬江区市场监督管理局"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"group": "provincial"}, "考评组别只能是"),
        ({"chapter": "10"}, "部分应为 1 至 9 的整数"),
        ({"chapter": "一"}, "部分应为 1 至 9 的整数"),
        ({"kind": "magic"}, "落实方式只能是"),
        ({"year": "2017"}, "年度应为"),
        ({"date": "2026-02-30"}, "快照日期应为日期"),
    ],
)
def test_unknown_filters_are_refused_in_chinese(client, people, snapshot, params, message):
    page = _page(client, people["office"], BOARD, **params)
    api = api_client(people["office"]).get("/api/v1/board/", params)

    assert page.status_code == 400 and message in page.content.decode()
    assert api.status_code == 400 and message in api.json()["detail"]


def test_a_day_without_a_snapshot_is_404(client, people, snapshot):
    response = _page(client, people["office"], BOARD, date="2026-11-01")

    assert response.status_code == 404
    assert "2026年11月1日没有合规快照" in response.content.decode()


def test_a_not_met_cell_opens_its_failing_record(client, grouped, people, suggestions, snapshot):
    client.force_login(people["office"])
    url = _evidence_url(grouped["market"])

    fragment = client.get(url, {"article": "37"}, headers={"HX-Request": "true"})
    page = client.get(url, {"article": "37"})

    html = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in html
    assert "未落实" in html and suggestions["unanswered"].number in html
    detail = reverse("litigation:suggestion-detail", args=[suggestions["unanswered"].pk])
    assert f'href="{detail}"' in html
    assert "自2026年11月16日起如此" in html
    assert page.status_code == 200 and suggestions["unanswered"].number in page.content.decode()


def test_manual_and_not_applicable_cells_say_why(client, grouped, people, snapshot):
    client.force_login(people["office"])

    manual = client.get(_evidence_url(grouped["market"]), {"article": "43"}).content.decode()
    not_applicable = client.get(_evidence_url(grouped["market"]), {"article": "54"}).content.decode()

    assert "人工评分" in manual and "考评员" in manual
    assert "不适用" in not_applicable and "市人民政府和各市（区）人民政府" in not_applicable


def test_text_in_a_finding_is_escaped(client, grouped, people, snapshot):
    standing = Standing.objects.get(snapshot=snapshot, body=grouped["market"])
    Finding.objects.filter(body=grouped["market"], article=37, digest=standing.digest(37)).update(
        summary="<script>alert(1)</script>"
    )
    client.force_login(people["office"])

    html = client.get(_evidence_url(grouped["market"]), {"article": "37"}).content.decode()
    body_page = client.get(reverse("obligations:body-board", args=[grouped["market"].pk])).content.decode()

    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<script>alert(1)" not in body_page and "&lt;script&gt;alert(1)" in body_page


@pytest.mark.parametrize("article", ["0", "57", "x", ""])
def test_a_bad_article_is_refused(client, grouped, people, snapshot, article):
    response = _page(client, people["office"], _evidence_url(grouped["market"]), article=article)

    assert response.status_code == 400
    assert "条款应为 1 至 56 的整数" in response.content.decode()


def test_another_bodys_board_and_cells_are_404(client, grouped, people, snapshot):
    market = grouped["market"]
    pages = [reverse("obligations:body-board", args=[market.pk]), _evidence_url(market) + "?article=37"]
    for user in (people["county_office"], people["ecology_clerk"], people["outsider"]):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 404, (user, url)
        assert api_client(user).get(f"/api/v1/board/{market.pk}/").status_code == 404
    client.logout()
    assert client.get(BOARD).status_code == 302
    assert api_client().get("/api/v1/board/").status_code in (401, 403)
    assert api_client(people["office"]).get("/api/v1/board/99999999999999/").status_code == 404


def test_a_body_sees_its_own_board(client, grouped, people, suggestions, snapshot):
    response = _page(client, people["market_clerk"], reverse("obligations:body-board", args=[grouped["market"].pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "江门市市场监督管理局合规看板" in html
    assert 'id="article-37"' in html and "未落实" in html
    assert "一、依法行政基本要求" in html and "九、" in html
    assert 'id="overdue"' in html and "书面回复检察建议" in html  # its own open deadline, overdue


def test_the_office_sees_the_citys_overdue_and_upcoming_deadlines(client, grouped, people, suggestions, snapshot):
    office = _page(client, people["office"], BOARD).content.decode()
    county = _page(client, people["county_office"], BOARD).content.decode()

    assert "已逾期 1 项" in office and "江门市市场监督管理局" in office.split('id="overdue"')[1]
    assert "已逾期 0 项" in county


def test_the_trend_follows_the_snapshots_of_the_year(client, grouped, people, suggestions, today):
    services.take_snapshot()
    today.set(D(2026, 11, 23))
    services.take_snapshot()

    trend = api_client(people["office"]).get("/api/v1/board/trend/", {"chapter": "6"}).json()

    assert trend["dates"] == ["2026-11-16", "2026-11-23"]
    assert [s["name"] for s in trend["series"]] == ["六、有效化解社会矛盾"]
    assert all(value is None or 0 <= value <= 100 for value in trend["series"][0]["values"])
    older = api_client(people["office"]).get("/api/v1/board/trend/", {"date": "2026-11-16"}).json()
    assert older["dates"] == ["2026-11-16"]


def test_the_api_gives_the_board_and_a_bodys_snapshot(grouped, people, suggestions, snapshot):
    client = api_client(people["office"])

    board = client.get("/api/v1/board/", {"group": "city_departments"}).json()
    body = client.get(f"/api/v1/board/{grouped['market'].pk}/", {"chapter": "6"}).json()
    whole = client.get(f"/api/v1/board/{grouped['market'].pk}/").json()

    assert board["snapshot"]["as_of"] == "2026-11-16" and board["snapshot"]["year"] == 2026
    assert [b["name"] for b in board["bodies"]] == ["江门市市场监督管理局", "江门市生态环境局"]
    assert board["bodies"][0]["statuses"][36] == "not_met"
    assert sum(board["counts"].values()) == 2 * 56
    assert [r["article"] for r in body["results"]] == [30, 31, 32, 33]
    art37 = next(r for r in whole["results"] if r["article"] == 37)
    assert art37["status"] == "not_met" and art37["failing_total"] == 1
    assert art37["failing"][0]["description"].startswith(suggestions["unanswered"].number)
    assert art37["failing"][0]["url"] == reverse("litigation:suggestion-detail", args=[suggestions["unanswered"].pk])
    manual = next(r for r in whole["results"] if r["article"] == 43)
    assert manual["status"] == "manual" and manual["summary"] is None


def test_without_a_snapshot_the_board_says_so(client, grouped, people, today):
    html = _page(client, people["office"], BOARD).content.decode()
    api = api_client(people["office"]).get("/api/v1/board/").json()

    assert "尚未生成合规快照" in html
    assert api == {"snapshot": None, "articles": [], "bodies": [], "counts": {}}


def test_the_board_queries_do_not_grow_with_the_bodies(client, grouped, people, suggestions, today):
    def queries(count: int, day: datetime.date) -> int:
        for number in range(count):
            body = make_body(f"测试局{day.day}-{number}", parent=grouped["government"])
            make_user(roles=[(body, Role.CLERK)])
        today.set(day)
        services.take_snapshot()
        client.force_login(people["office"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BOARD).status_code == 200
        return len(captured.captured_queries)

    queries(1, D(2026, 11, 16))  # sessions, content types and the holiday table, read once
    assert queries(3, D(2026, 11, 17)) == queries(30, D(2026, 11, 18))


def test_the_scoping_canary_shows_to_its_own_body(client, grouped, people, today):
    from fazhi.obligations.testing import make_canaries

    markers = {"content": "哨兵说明", "subject": "哨兵记录"}
    ids = make_canaries(grouped["market"], markers)
    client.force_login(people["market_clerk"])

    html = client.get(reverse("obligations:evidence", args=[ids["board"]]), {"article": "38"}).content.decode()

    assert markers["content"] in html and markers["subject"] in html


def test_overdue_from_the_day_after_the_due_day_upcoming_for_30_days(grouped, people, suggestions, today):
    """The due day itself is still in time (民法典 第二百零一条: the period ends at its last day)."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.clock.models import Deadline
    from fazhi.obligations import selectors

    Deadline.objects.all().delete()
    subject = suggestions["answered"]
    for days in (-1, 0, 30, 31):
        Deadline.objects.create(
            body=grouped["ecology"],
            content_type=ContentType.objects.get_for_model(subject),
            object_id=str(subject.pk),
            matter="procuratorial-reply",
            start_on=D(2026, 9, 1),
            due_on=today.day + datetime.timedelta(days=days),
        )

    found = selectors.deadlines(people["office"])

    assert [row["due_on"] for row in found["overdue"]] == [D(2026, 11, 15)]
    assert found["overdue"][0]["days"] == 1 and found["overdue"][0]["label"] == "书面回复检察建议"
    assert [row["due_on"] for row in found["upcoming"]] == [D(2026, 11, 16), D(2026, 12, 16)]
    assert found["upcoming"][0]["url"] == reverse("litigation:suggestion-detail", args=[subject.pk])
    assert selectors.deadlines(people["county_office"])["upcoming_total"] == 0
