"""The compliance board in Chromium on the Jiangmen demo: the city's 依法行政办 opens the board, filters
it to 市直单位, clicks the red cell of 江门市市场监督管理局 on art. 37 (a procuratorial suggestion left
unanswered past its two months) and reads the failing record, linked to its page."""

import json
import re

import pytest
from playwright.sync_api import expect

from fazhi.obligations.models import Finding, Snapshot, Standing

pytestmark = pytest.mark.browser

MARKET = "市市场监管局"


def _click_cell(page, row: int, column: int) -> None:
    """Scroll the heatmap to the row (as the slider would) and click the cell's centre on the canvas."""
    point = page.evaluate(
        """([row, column]) => {
            const chart = echarts.getInstanceByDom(document.getElementById("board-heatmap"));
            chart.dispatchAction({ type: "dataZoom", dataZoomIndex: 0, startValue: row, endValue: row + 10 });
            return chart.convertToPixel({ seriesIndex: 0 }, [column, row]);
        }""",
        [row, column],
    )
    box = page.locator("#board-heatmap").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def test_the_office_filters_the_board_and_opens_a_not_met_cell(login, demo):
    market = demo["bodies"]["jm-scjgj"]
    snapshot = Snapshot.objects.complete().order_by("-as_of", "year").first()
    standing = Standing.objects.get(snapshot=snapshot, body=market)
    assert standing.status(37) == "not_met"
    failing = Finding.objects.get(body=market, article=37, digest=standing.digest(37)).failing[0]["description"]

    page = login("office")
    page.get_by_role("link", name="合规看板").click()
    expect(page.get_by_role("heading", name="依法行政合规看板")).to_be_visible()
    page.get_by_label("考评组别").select_option(label="市直单位")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("#board-heatmap canvas").first).to_be_visible()
    assert "group=city_departments" in page.url

    data = json.loads(page.locator("#board-data").text_content())
    names = [body["name"] for body in data["bodies"]]
    assert "蓬江区人民政府" not in names and MARKET in names
    row = names.index(MARKET)
    column = [article["article"] for article in data["articles"]].index(37)
    assert data["rows"][row][column] == "n"

    _click_cell(page, row, column)

    evidence = page.locator("#cell-evidence")
    expect(evidence).to_contain_text("江门市市场监督管理局 · 第37条")
    expect(evidence.locator("#evidence-status")).to_have_text("未落实")
    expect(evidence.locator("#evidence-failing")).to_contain_text(failing)
    evidence.locator("#evidence-failing a").first.click()
    expect(page).to_have_url(re.compile(r"/office/litigation/suggestions/\d+/$"))
