"""The yearly rule-of-law report walked in Chromium on the Jiangmen demo: the market bureau's clerk
records two legal trainings, generates this year's report (whose art. 40 line counts them) and
writes it, the director approves it, the clerk sends it, and the
city's leading-group office sees it on its page, sent on time, and opens it. Nothing is frozen:
a report for this year sent today is within its 31 January."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.dates import day_text

pytestmark = pytest.mark.browser

MARKET = "江门市市场监督管理局"
TITLE = "江门市市场监督管理局关于{year}年度法治政府建设情况的报告"


def _as(context, login, username):
    """Switch the browser to another user (a fresh session, as on a shared office computer)."""
    context.clear_cookies()
    return login(username)


def test_the_clerk_records_trainings_writes_the_head_approves_the_clerk_sends_and_the_office_sees_it_on_time(
    context, login, demo
):
    today = timezone.localdate()
    title = TITLE.format(year=today.year)

    page = login("scj_clerk")
    page.get_by_role("link", name="依法行政能力", exact=True).click()
    page.get_by_role("link", name=MARKET).first.click()
    trainings = int(page.locator("#count-learning").inner_text())
    for topic in ("《市场监督管理行政处罚程序规定》专题培训", "新《行政复议法》专题法治讲座"):
        page.locator("nav.tabs").get_by_role("link", name="学法活动").click()
        page.locator("#new-record").click()
        page.get_by_label("举办日期").fill(today.isoformat())
        page.get_by_label("形式").select_option(label="法律知识培训")
        page.get_by_label("主题").fill(topic)
        page.get_by_label("参加人数").fill("60")
        page.get_by_role("button", name="保存").click()
        expect(page.locator("#record")).to_contain_text(topic)
    page.get_by_role("link", name=MARKET).first.click()
    expect(page.locator("#count-learning")).to_have_text(str(trainings + 2))

    page.get_by_role("link", name="法治政府建设报告", exact=True).click()
    page.get_by_label("报告单位").select_option(label=MARKET)
    page.get_by_label("报告年度").select_option(str(today.year))
    page.get_by_role("button", name="生成报告草稿").click()
    expect(page.locator("#report-title")).to_have_text(title)
    expect(page.locator("#report-status")).to_have_text("草稿")
    expect(page.locator("#report-due")).to_contain_text(f"{today.year + 1}年1月31日")
    expect(page.locator("#recipients")).to_contain_text("江门市依法行政工作领导小组办公室（设在江门市司法局）")
    expect(page.locator("#report-document")).to_contain_text("（一）完善依法行政制度")
    expect(page.locator("#report-document")).to_contain_text(f"{today.year}年度学法活动 {trainings + 2} 次")

    page.get_by_label("主要举措和成效").fill("全面落实行政执法“三项制度”，权责清单动态调整。<script>alert(1)</script>")
    page.get_by_label("存在的不足和原因").fill("基层执法人员培训覆盖不足。")
    page.get_by_label("主要负责人履行推进法治建设第一责任人职责情况").fill("局长主持专题会议四次，带头出庭应诉。")
    page.get_by_label("下一年度工作安排").fill("开展执法案卷评查全覆盖。")
    page.locator('[data-transition="edit"]').click()
    expect(page.locator("#part-achievements + .report-text")).to_contain_text("<script>alert(1)</script>")
    page.locator('[data-transition="submit"]').click()
    expect(page.locator("#report-status")).to_have_text("待审批")

    page = _as(context, login, "scj_head")
    page.get_by_role("link", name=re.compile(r"^通知")).click()
    page.locator("li.notification", has_text=f"待审批：{title}").get_by_role("link", name="查看").click()
    expect(page.locator("#report-title")).to_have_text(title)
    page.locator('[data-transition="approve"]').click()
    expect(page.locator("#report-status")).to_have_text("已审批")

    page = _as(context, login, "scj_clerk")
    page.get_by_role("link", name="法治政府建设报告", exact=True).click()
    page.locator("#own-reports").get_by_role("link", name=str(today.year)).click()
    page.get_by_label("报送日期").fill(today.isoformat())
    page.locator('[data-transition="send"]').click()
    expect(page.locator("#report-status")).to_have_text("已报送")
    expect(page.locator("#report-standing")).to_have_text("已按期报送")
    expect(page.locator("#sent-on")).to_have_text(day_text(today))

    page = _as(context, login, "office")
    page.get_by_role("link", name="法治政府建设报告", exact=True).click()
    page.get_by_label("年度", exact=True).select_option(str(today.year))
    row = page.locator(f"#tracking-{demo['bodies']['jm-scjgj'].pk}")
    expect(row).to_contain_text("已按期报送")
    expect(row).to_contain_text(day_text(today))
    row.get_by_role("link", name=MARKET).click()
    expect(page.locator("#report-title")).to_have_text(title)
    expect(page.locator("#report-actions")).to_contain_text("您在此环节没有可办理的操作。")
