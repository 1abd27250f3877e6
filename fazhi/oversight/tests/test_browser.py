"""A deputy's suggestion walked in Chromium on the Jiangmen demo: the city's 依法行政办 assigns it to
江门市市场监督管理局 and reads the due date with its source; the bureau's clerk answers it and
marks the answer public; the office sees it answered on time and records the deputy's
satisfaction; the public reads the published answer on the portal, the phone number masked."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.clock.services import due_for
from fazhi.core.dates import day_text

pytestmark = pytest.mark.browser

MARKET = "江门市市场监督管理局"
TITLE = "关于在农贸市场设置公平秤的建议"


def _open(page, title: str):
    page.get_by_role("link", name="监督督查", exact=True).first.click()
    page.get_by_role("link", name="建议提案", exact=True).first.click()
    page.locator("#proposal-register tr", has_text=title).get_by_role("link").first.click()


def test_the_office_assigns_the_body_answers_on_time_and_the_public_reads_it(page, context, login, demo):
    today = timezone.localdate()
    login("office")
    page.get_by_role("link", name="监督督查", exact=True).first.click()
    page.get_by_role("link", name="建议提案", exact=True).first.click()
    page.get_by_role("link", name="交办建议、提案").click()
    page.get_by_label("类型").select_option("deputy")
    page.get_by_label("届次会议").fill("市十六届人大五次会议")
    page.get_by_label("编号").fill("20269001")
    page.get_by_label("提出人（代表或委员，多人用顿号分隔）").fill("陈志华")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("内容").fill("建议在全市农贸市场设置公平秤，方便群众复核。<script>alert(1)</script>")
    page.get_by_label("主办单位").select_option(label=MARKET)
    page.get_by_role("button", name="交办").click()

    expect(page.locator("#proposal-title")).to_have_text(TITLE)
    expect(page.locator("#proposal-status")).to_have_text("办理中")
    due = due_for("deputy-suggestion-reply", today).due
    expect(page.locator("#due-dates")).to_contain_text(day_text(due))
    expect(page.locator("#due-dates")).to_contain_text("代表法（2025）第五十一条")

    context.clear_cookies()
    login("scj_clerk")
    _open(page, TITLE)
    expect(page.locator("#proposal-body")).to_have_text(MARKET)
    page.locator("#id_category").select_option("A")
    page.locator("#id_text").fill("陈志华代表：我局已在全市42个农贸市场设置公平秤。咨询电话13912345678。")
    page.locator("#id_public").check()
    page.locator('[data-transition="reply"]').click()
    expect(page.locator("#proposal-status")).to_have_text("已答复，待征询意见")
    expect(page.locator("#reply-1")).to_contain_text("按期答复")

    context.clear_cookies()
    login("office")
    _open(page, TITLE)
    expect(page.locator("#reply-1")).to_contain_text("按期答复")
    expect(page.locator("#reply-1")).to_contain_text("已公开")
    page.locator("#id_feedback").select_option("satisfied")
    page.locator('[data-transition="feedback"]').click()
    expect(page.locator("#proposal-status")).to_have_text("已办结")
    page.get_by_role("link", name="建议提案", exact=True).first.click()
    row = page.locator("#proposal-register tr", has_text=TITLE)
    expect(row).to_contain_text("按期答复")
    expect(row).to_contain_text("已办结")

    context.clear_cookies()
    page.goto("/")
    page.get_by_role("link", name="查阅建议提案答复").click()
    page.locator("#public-replies").get_by_role("link", name=TITLE).click()
    expect(page.locator("#reply-title")).to_have_text(TITLE)
    expect(page.locator("#reply-date")).to_have_text(day_text(today))
    expect(page.locator("#reply-text")).to_contain_text("已在全市42个农贸市场设置公平秤")
    expect(page.locator("#reply-text")).to_contain_text("139****5678")
    expect(page.locator("#reply-text")).not_to_contain_text("13912345678")
