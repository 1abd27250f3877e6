"""依法行政能力 walked in Chromium on the Jiangmen demo: the ecology bureau's clerk records two
legal trainings on the pages and watches the art. 40 minimum go from 0 / 2 to met."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.dates import day_text

pytestmark = pytest.mark.browser


def test_a_clerk_records_two_trainings_and_sees_the_minimum_met(login):
    today = timezone.localdate()
    page = login("sthj_clerk")
    page.get_by_role("link", name="依法行政能力", exact=True).click()
    page.get_by_role("link", name="江门市生态环境局").click()
    expect(page.locator("#minimum-learning .count")).to_have_text("0 / 2")
    expect(page.locator("#minimum-learning")).to_contain_text("意见第四十条第二款")
    expect(page.locator("#check-40")).to_contain_text("未到期")

    for topic in ("《生态环境行政处罚办法》专题培训", "新《行政复议法》专题法治讲座<script>alert(1)</script>"):
        page.locator("nav.tabs").get_by_role("link", name="学法活动").click()
        page.locator("#new-record").click()
        page.get_by_label("举办日期").fill(today.isoformat())
        page.get_by_label("形式").select_option(label="法律知识培训")
        page.get_by_label("主题").fill(topic)
        page.get_by_label("主讲人（选填）").fill("省生态环境厅法规处")
        page.get_by_label("参加人数").fill("52")
        page.get_by_role("button", name="保存").click()
        expect(page.locator("#record")).to_contain_text(day_text(today))
        expect(page.locator("#record")).to_contain_text(topic)

    page.get_by_role("link", name="江门市生态环境局").first.click()
    expect(page.locator("#minimum-learning .count")).to_have_text("2 / 2")
    expect(page.locator("#minimum-learning")).to_contain_text("已达到")
    expect(page.locator("#check-40")).to_contain_text("已落实")
    expect(page.locator("#count-learning")).to_have_text("2")
