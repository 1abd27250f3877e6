"""A normative document walked from draft to published in Chromium by the Jiangmen demo's users,
each on the pages their office uses, then found on the portal by a Chinese query (issue 4)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.documents import testing
from fazhi.documents.models import NormativeDocument

pytestmark = pytest.mark.browser

TITLE = "江门市人民政府关于规范电动自行车销售经营活动的规定"


def _as(context, login, username):
    """Switch the browser to another demo user (a fresh session, as on a shared office computer)."""
    context.clear_cookies()
    return login(username)


def _document_page(page, title=TITLE):
    page.get_by_role("link", name="规范性文件", exact=True).first.click()
    page.get_by_role("link", name=title).click()
    expect(page.locator("#document-title")).to_have_text(title)


def _step(page, label, status):
    """Press a step's button on the document page and wait for the new status."""
    page.get_by_role("button", name=label).click()
    expect(page.locator("#document-status")).to_have_text(status)


def _conclude_review_stage(page):
    page.locator("#document-procedures").get_by_role("link", name=re.compile("合法性审查")).click()
    page.get_by_label("审查结论").select_option(label="通过")
    page.get_by_label("审查意见").fill("经审查，草案符合法律、法规规定，程序合法。")
    page.get_by_role("button", name="出具审查意见").click()
    expect(page.get_by_text("已办理。")).to_be_visible()


def test_government_document_from_draft_to_published_then_found_on_the_portal(
    browser, live_server, context, page, login, demo, browser_problems
):
    today = timezone.localdate()
    year = today.year

    # 市市场监管局's clerk drafts a government document for the city government.
    login("scj_clerk")
    page.get_by_role("link", name="规范性文件", exact=True).first.click()
    page.get_by_role("link", name="新建草稿").click()
    page.get_by_label("起草单位").select_option(label="江门市市场监督管理局")
    page.get_by_label("文件类别").select_option(label="政府规范性文件")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("发文字号").fill(f"江府规〔{year}〕9号")
    page.get_by_label("正文").fill(
        "第一条 为规范电动自行车销售经营活动，保障消费者人身财产安全，制定本规定。\n"
        "第二条 销售者不得销售未经强制性产品认证的电动自行车。"
    )
    page.get_by_label("有效期至").fill((today + datetime.timedelta(days=365 * 3)).isoformat())
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#document-status")).to_have_text("起草中")

    page.get_by_label("征求意见截止日期").fill((today + datetime.timedelta(days=30)).isoformat())
    _step(page, "公开征求意见", "公开征求意见")

    # A member of the public comments on the open draft from the portal and gets a receipt.
    public = browser.new_context(base_url=live_server.url, locale="zh-CN", timezone_id="Asia/Shanghai")
    public.on("page", browser_problems.watch)
    visitor = public.new_page()
    visitor.goto("/documents/consultations/")
    visitor.get_by_role("link", name=TITLE).click()
    visitor.get_by_label("针对的条款或内容").fill("第二条")
    visitor.get_by_label("内容 *", exact=True).fill("建议明确对销售改装电动自行车的处理，并公布举报渠道。")
    visitor.get_by_label("姓名").fill("李市民")
    visitor.get_by_role("button", name="提交意见").click()
    expect(visitor.get_by_role("heading", name="提交成功")).to_be_visible()
    expect(visitor.locator("#receipt-code")).to_have_text(re.compile(r"^ZQ"))
    public.close()

    # The statutory minimum period cannot pass during a test: the consultation's dates are moved
    # into the past by the test-only helper (as documents/testing.py does for the demo); closing,
    # the ledger and the feedback statement are then done on the pages.
    testing.backdate_consultation(NormativeDocument.objects.get(title=TITLE))
    page.reload()
    page.locator("#document-procedures").get_by_role("link", name="公开征求意见").click()
    page.get_by_role("button", name="截止征求意见").click()
    expect(page.locator("#consultation-status")).to_have_text("已截止")
    page.get_by_label("采纳情况").select_option(label="采纳")
    page.get_by_label("理由").fill("已在第二条增加相关规定。")
    page.get_by_role("button", name="记录采纳情况").click()
    expect(page.get_by_text("已记录采纳情况。")).to_be_visible()
    page.get_by_label("反馈说明").fill("共收到意见1条，已采纳。")
    page.get_by_role("button", name="公布意见采纳情况").click()
    expect(page.locator("#consultation-status")).to_have_text("已公布反馈")

    _document_page(page)
    _step(page, "报送合法性审查（统一登记）", "合法性审查中")

    # Legality review in two stages: the bureau's legal office, then 市司法局.
    _as(context, login, "scj_legal")
    _document_page(page)
    _conclude_review_stage(page)
    _as(context, login, "scj_clerk")
    _document_page(page)
    page.locator("#document-procedures").get_by_role("link", name=re.compile("合法性审查")).click()
    page.get_by_role("button", name="送下一阶段审查").click()
    expect(page.get_by_text("已办理。")).to_be_visible()
    _as(context, login, "reviewer")
    _document_page(page)
    _conclude_review_stage(page)
    expect(page.locator("#review-status")).to_have_text("审查通过")

    # Collective discussion: the clerk records the meeting, uploads the minutes; the head signs.
    _as(context, login, "scj_clerk")
    _document_page(page)
    _step(page, "确认审查通过", "审查通过，待集体讨论")
    meeting = page.locator("#document-meeting")
    meeting.get_by_label("会议类型").select_option(label="局务会议")
    meeting.get_by_label("会议名称").fill(f"{year}年第6次局务会议")
    meeting.get_by_label("应出席人员").fill("局长、副局长甲、副局长乙")
    meeting.get_by_label("实际出席人员").fill("局长、副局长甲")
    meeting.get_by_label("讨论结果").select_option(label="同意")
    meeting.get_by_role("button", name="保存会议记录").click()
    expect(page.locator("#meeting-status")).to_have_text("待签署")
    meeting_url = page.url
    page.get_by_label("上传会议纪要").set_input_files(
        {"name": "会议纪要.txt", "mimeType": "text/plain", "buffer": "会议纪要：同意提请市政府审议。".encode()}
    )
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_role("link", name="会议纪要.txt")).to_be_visible()
    _as(context, login, "scj_head")
    page.goto(meeting_url)
    page.get_by_role("button", name="签署").click()
    expect(page.locator("#meeting-status")).to_have_text("已签署")
    _as(context, login, "scj_clerk")
    _document_page(page)
    _step(page, "确认集体讨论决定", "已集体讨论，待统一编号")

    # 市府办 numbers and publishes it.
    _as(context, login, "govoffice")
    _document_page(page)
    _step(page, "统一编号（政府办公室）", "已统一编号，待统一发布")
    expect(page.locator("#registration-number")).to_have_text(re.compile(rf"-{year}-"))
    _step(page, "统一发布", "已发布")

    # Anyone finds it on the portal by a Chinese query.
    context.clear_cookies()
    page.goto("/")
    page.get_by_role("link", name="查阅规范性文件").click()
    page.get_by_label("检索").fill("电动自行车销售")
    page.get_by_role("button", name="查询").click()
    page.locator("#document-results").get_by_role("link", name=TITLE).click()
    expect(page.locator("#public-status")).to_have_text("有效")
    expect(page.get_by_text(f"江府规〔{year}〕9号")).to_be_visible()
