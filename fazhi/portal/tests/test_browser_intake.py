"""The public's ways in, walked in Chromium on the Jiangmen demo (issue 7): a member of the public
files a disclosure request and a consumer complaint on the portal, the market bureau's clerk
handles both on the office pages, and the public reads each status and answer by its receipt."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MARKET = "江门市市场监督管理局"


def _receipt(page) -> tuple[str, str]:
    expect(page.get_by_role("heading", name="提交成功")).to_be_visible()
    return page.locator("#receipt-code").inner_text(), page.locator("#receipt-secret").inner_text()


def _track(page, code: str, secret: str):
    page.goto("/track/")
    page.get_by_label("回执编号").fill(code)
    page.get_by_label("查询码").fill(secret)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name="办理进度")).to_be_visible()


def _file_complaint(page) -> tuple[str, str]:
    page.goto("/")
    page.get_by_role("link", name="我要投诉").first.click()
    page.get_by_label("投诉类别").select_option(label="消费投诉")
    page.get_by_label("事发地区").select_option(label="江门市人民政府")
    page.get_by_label("标题").fill("网购电饭煲无法退货")
    page.get_by_label("内容").fill("在某电器店购买的电饭煲有质量问题，商家拒绝退货。<script>alert(1)</script>")
    page.get_by_label("姓名").fill("陈小姐")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_role("button", name="提交").click()
    return _receipt(page)


def _handle_complaint(page, code: str):
    page.get_by_role("link", name="投诉举报", exact=True).first.click()
    page.get_by_role("link", name=code).click()
    expect(page.locator("#case-status")).to_have_text("待受理")
    expect(page.locator("#case-submitter")).to_have_text("陈小姐")  # the handling body sees who complained
    expect(page.locator("#case-deadlines")).to_contain_text("市场监督管理投诉举报处理暂行办法")
    page.locator("#case-steps").get_by_role("button", name="受理", exact=True).click()
    expect(page.locator("#case-status")).to_have_text("办理中")
    page.get_by_label("处理结果").select_option(index=1)
    page.get_by_label("答复投诉举报人").fill("经调解，商家同意退货退款。")
    page.locator("#case-steps").get_by_role("button", name="办结答复").click()
    expect(page.locator("#case-result")).to_be_visible()


def _file_disclosure_request(page) -> tuple[str, str]:
    page.goto("/")
    page.get_by_role("link", name="申请政府信息公开").first.click()
    page.get_by_label("受理单位").select_option(label=MARKET)
    page.get_by_label("申请人姓名或名称").fill("李先生")
    page.get_by_label("申请人类型").select_option(index=1)
    page.get_by_label("身份证明号码").fill("440703199001011234")
    page.get_by_label("联系电话").fill("13900001111")
    page.get_by_label("通信地址").fill("江门市蓬江区某路1号")
    page.get_by_label("所需信息的名称或文号").fill("2025年食品安全抽检结果")
    page.get_by_label("所需信息的特征描述").fill("2025年全市食品安全监督抽检的汇总结果。")
    page.get_by_label("信息的形式").select_option(index=1)
    page.get_by_label("获取信息的方式").select_option(index=1)
    page.get_by_role("button", name="提交").click()
    return _receipt(page)


def _handle_disclosure_request(page, code: str):
    page.get_by_role("link", name="政务公开", exact=True).first.click()
    page.get_by_role("link", name="依申请公开").first.click()
    page.get_by_role("link", name=code).click()
    expect(page.locator("#request-status")).to_have_text("待确认收到")
    expect(page.locator("#applicant")).to_contain_text("李先生")
    page.locator('[data-transition="confirm"]').click()
    expect(page.locator("#request-status")).to_have_text("办理中")
    expect(page.locator("#due-dates")).to_contain_text("政府信息公开条例")
    page.locator("#id_answer_answer_type").select_option(label="予以公开")
    page.locator("#id_answer_text").fill("您申请的信息已于附件提供，请查收。")
    page.locator('[data-transition="answer"]').click()
    expect(page.locator("#request-status")).to_have_text("已答复")
    expect(page.locator("#answer-type")).to_contain_text("予以公开")


def test_the_public_files_a_request_and_a_complaint_the_clerk_handles_them_and_the_public_reads_the_answers(
    page, context, login, demo, browser_problems
):
    request_code, request_secret = _file_disclosure_request(page)
    assert request_code.startswith("GK-")
    complaint_code, complaint_secret = _file_complaint(page)
    assert complaint_code.startswith("TS-")

    _track(page, request_code, request_secret)
    expect(page.locator("#submission-status")).to_have_text("已收到")
    expect(page.locator("body")).to_contain_text("待受理机关确认收到")
    _track(page, complaint_code, complaint_secret)
    expect(page.locator("#submission-status")).to_have_text("已收到")
    expect(page.get_by_text(MARKET)).to_be_visible()

    login("scj_clerk")
    _handle_disclosure_request(page, request_code)
    _handle_complaint(page, complaint_code)

    context.clear_cookies()
    _track(page, request_code, request_secret)
    expect(page.locator("#submission-status")).to_have_text("已答复")
    expect(page.locator("#submission-reply")).to_have_text("您申请的信息已于附件提供，请查收。")
    expect(page.locator("body")).to_contain_text("予以公开")
    expect(page.locator("body")).not_to_contain_text("440703199001011234")
    _track(page, complaint_code, complaint_secret)
    expect(page.locator("#submission-status")).to_have_text("已答复")
    expect(page.locator("#submission-reply")).to_have_text("经调解，商家同意退货退款。")
    expect(page.locator("body")).not_to_contain_text("13812345678")
