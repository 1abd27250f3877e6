"""行政应诉 walked in Chromium on the Jiangmen demo: the market bureau's clerk registers a court
case, records the defence, a hearing with the director in court and a judgment, and reads the
appeal deadline with its source; then registers a procuratorial suggestion and replies to it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.clock.services import due_for
from fazhi.core.dates import day_text

pytestmark = pytest.mark.browser

MARKET = "江门市市场监督管理局"


def test_the_clerk_records_a_court_case_and_a_procuratorial_suggestion(login):
    today = timezone.localdate()
    received = today - datetime.timedelta(days=5)
    page = login("scj_clerk")
    page.get_by_role("link", name="行政应诉", exact=True).first.click()
    page.get_by_role("link", name="登记案件").click()
    page.get_by_label("被告（本机关，或本级政府法制机构联系的部门）").select_option(label=MARKET)
    page.get_by_label("受诉人民法院").fill("江门市蓬江区人民法院")
    page.get_by_label("案号").fill("（2026）粤0703行初999号")
    page.get_by_label("原告（公益诉讼起诉人）").fill("何先生")
    page.get_by_label("案由").fill("市场监督管理（食品安全）")
    page.get_by_label("被诉行政行为").fill("江市监食罚〔2026〕77号行政处罚决定书<script>alert(1)</script>")
    page.get_by_label("收到起诉状副本日期").fill(received.isoformat())
    page.get_by_role("button", name="登记").click()

    expect(page.locator("#case-number")).to_have_text("（2026）粤0703行初999号")
    expect(page.locator("#case-status")).to_have_text("待答辩")
    defence_due = due_for("litigation-defence", received).due
    expect(page.locator("#due-dates")).to_contain_text(day_text(defence_due))
    expect(page.locator("#due-dates")).to_contain_text("行政诉讼法（2017）第六十七条")

    page.locator("#id_defence").fill("提交处罚决定的证据、依据及答辩状。")
    page.locator('[data-transition="defend"]').click()
    expect(page.locator("#case-status")).to_have_text("已答辩")

    page.locator("#id_head_yes").check()
    page.locator("#id_head_name").fill("何建华")
    page.locator("#id_head_title").fill("局长")
    page.locator('[data-transition="hearing"]').click()
    expect(page.locator("#case-status")).to_have_text("已开庭")
    expect(page.locator("#hearings")).to_contain_text("何建华 局长")

    page.locator("#id_decision_type").select_option("judgment")
    page.locator("#id_outcome").select_option("dismiss_claims")
    page.locator('[data-transition="decide"]').click()
    expect(page.locator("#case-status")).to_have_text("已判决（裁定），上诉期内")
    appeal_until = due_for("litigation-appeal-judgment", today).due
    expect(page.locator("#appeal-until")).to_have_text(day_text(appeal_until))
    expect(page.locator("#due-dates")).to_contain_text(day_text(appeal_until))
    expect(page.locator("#due-dates")).to_contain_text("行政诉讼法（2017）第八十五条")

    page.get_by_role("link", name="检察建议", exact=True).first.click()
    page.get_by_role("link", name="登记检察建议").click()
    page.get_by_label("被建议机关").select_option(label=MARKET)
    page.get_by_label("类型").select_option("suggestion")
    page.get_by_label("人民检察院").fill("江门市蓬江区人民检察院")
    page.get_by_label("检察建议书文号").fill("蓬检行建〔2026〕99号")
    page.get_by_label("事由").fill("直播带货虚假宣传监管")
    page.get_by_label("建议内容").fill("建议加强对直播营销活动的广告监测。")
    page.get_by_label("收到检察建议书日期").fill(today.isoformat())
    page.get_by_role("button", name="登记").click()
    expect(page.locator("#suggestion-status")).to_have_text("待回复")
    expect(page.locator("#due-dates")).to_contain_text(day_text(due_for("procuratorial-reply", today).due))
    expect(page.locator("#due-dates")).to_contain_text("第二十一条")
    page.locator("#id_measures_taken").fill("已建立直播营销广告监测机制，立案3宗。")
    page.locator('[data-transition="reply"]').click()
    expect(page.locator("#suggestion-status")).to_have_text("已书面回复")
    expect(page.locator("#reply")).to_have_text(day_text(today))
