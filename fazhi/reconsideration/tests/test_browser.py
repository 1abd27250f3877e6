"""Reconsideration walked in Chromium on the Jiangmen demo: a member of the public applies online
against 江门市市场监督管理局, 江门市司法局 accepts and decides (撤销并责令重新处理), serves and
publishes, the market bureau reports performance on its own page, and the applicant reads the
status, the decision and the performance by the receipt; the published decision hides the name."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MARKET = "江门市市场监督管理局"


def _apply(page) -> tuple[str, str]:
    known = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    page.goto("/")
    page.get_by_role("link", name="申请行政复议").first.click()
    page.get_by_label("被申请人（作出行政行为的行政机关）").select_option(label=MARKET)
    page.get_by_label("被申请复议的行政行为（名称、文号）").fill("江市监罚〔2026〕120号行政处罚决定书")
    page.get_by_label("知道该行政行为之日").fill(known)
    page.get_by_label("行政复议请求").fill("请求撤销该行政处罚决定。")
    page.get_by_label("主要事实和理由").fill(
        "被申请人认定本店无照经营，但本店营业执照在有效期内。<script>alert(1)</script>"
    )
    page.get_by_label("姓名").fill("欧阳明")
    page.get_by_label("联系电话").fill("13812340000")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", name="提交成功")).to_be_visible()
    return page.locator("#receipt-code").inner_text(), page.locator("#receipt-secret").inner_text()


def _open_case(page, code: str):
    page.get_by_role("link", name="行政复议", exact=True).first.click()
    page.get_by_label("案号、回执编号或行政行为").fill(code)
    page.get_by_role("button", name="筛选").click()
    page.locator("#reconsideration-register tbody a").first.click()


def _step(page, name: str):
    page.locator(f'[data-transition="{name}"]').click()
    page.wait_for_load_state()


def _office_accepts_and_decides(page, code: str):
    _open_case(page, code)
    expect(page.locator("#case-status")).to_have_text("待审查受理")
    expect(page.locator("#applicant")).to_have_text("欧阳明")
    expect(page.locator("#case-deadlines")).to_contain_text("行政复议法（2023）第三十条")
    page.locator("#id_accept_procedure").select_option("ordinary")
    _step(page, "accept")
    expect(page.locator("#case-status")).to_have_text("审理中")
    _step(page, "send-copy")
    expect(page.locator("#case-deadlines")).to_contain_text("被申请人书面答复")
    page.locator("#id_decide_decision_type").select_option("revoke")
    page.locator("#id_decide_reasons").fill("被申请人认定无照经营的主要事实不清。")
    page.locator("#id_decide_text").fill(
        "申请人欧阳明不服被申请人的处罚决定。经审查，决定撤销该处罚决定，责令被申请人重新作出处理。"
    )
    page.locator("#id_decide_performance_required").fill("重新调查并作出处理决定")
    page.locator("#id_decide_performance_days").fill("30")
    _step(page, "decide")
    expect(page.locator("#case-status")).to_have_text("已作出复议决定")
    expect(page.locator("#case-decision")).to_contain_text("撤销（第六十四条）")
    _step(page, "serve")
    _step(page, "publish")
    expect(page.locator("body")).to_contain_text("已公开")


def _respondent_reports(page, code: str):
    _open_case(page, code)
    expect(page.locator("#applicant")).to_have_text("欧阳明")  # the respondent receives the copy (art. 48)
    page.locator("#id_report-performance_performed_on").fill(timezone.localdate().isoformat())
    page.locator("#id_report-performance_text").fill("已撤销原处罚决定并重新调查。")
    _step(page, "report-performance")
    expect(page.locator("#case-performance")).to_contain_text("已撤销原处罚决定并重新调查")


def test_the_public_applies_the_office_decides_the_respondent_performs_and_the_applicant_reads_it(
    page, context, login, demo, browser_problems
):
    code, secret = _apply(page)
    assert code.startswith("FY-")

    login("reviewer")
    _office_accepts_and_decides(page, code)
    context.clear_cookies()
    login("scj_clerk")
    _respondent_reports(page, code)

    context.clear_cookies()
    page.goto("/track/")
    page.get_by_label("回执编号").fill(code)
    page.get_by_label("查询码").fill(secret)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#submission-status")).to_have_text("已答复")
    body = page.locator("body")
    expect(body).to_contain_text("撤销（第六十四条）")
    expect(body).to_contain_text("被申请人报告履行情况")
    expect(body).to_contain_text("已撤销原处罚决定并重新调查")
    expect(body).not_to_contain_text("13812340000")

    page.goto("/reconsideration/decisions/")
    page.locator("#public-decisions tbody a").first.click()
    expect(page.locator("#public-decision")).to_contain_text("欧**")
    expect(page.locator("#public-decision")).not_to_contain_text("欧阳明")
