"""A major decision walked in Chromium from a published catalog item to a published decision by the
Jiangmen demo's users, each on the pages their office uses, with a public comment made on the
portal and answered in the adoption ledger (issue 5)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.choices import Role
from fazhi.core.models import User
from fazhi.core.services import people as people_services
from fazhi.decisions.models import Decision
from fazhi.documents.testing import backdate_consultation

pytestmark = pytest.mark.browser

# A matter of the demo's published catalog of 江门市人民政府, undertaken by 市发展和改革局.
TITLE = "江门市区公共停车场收费标准调整"


def _as(context, login, username):
    """Switch the browser to another user (a fresh session, as on a shared office computer)."""
    context.clear_cookies()
    return login(username)


def _decision_page(page):
    page.get_by_role("link", name="重大行政决策", exact=True).first.click()
    page.locator("#decision-list").get_by_role("link", name=TITLE).click()
    expect(page.locator("#decision-title")).to_have_text(TITLE)


def _step(page, label, status):
    """Press a step's button on the decision page and wait for the new status."""
    page.locator("#decision-actions").get_by_role("button", name=label).click()
    expect(page.locator("#decision-status")).to_have_text(status)


def test_a_catalogued_matter_from_draft_to_published_decision_with_a_public_comment_answered(
    browser, live_server, context, page, login, demo, browser_problems
):
    today = timezone.localdate()
    # Not the journey: a clerk of the undertaking bureau, and a password for the demo's mayor.
    clerk = people_services.create_user(
        actor=None, username="fgj_clerk", full_name="发改局经办人", password=demo["password"]
    )
    people_services.add_membership(actor=None, user=clerk, body=demo["bodies"]["jm-fgj"], role=Role.CLERK)
    mayor = User.objects.get(username="mayor")
    mayor.set_password(demo["password"])
    mayor.save(update_fields=["password"])

    # 市发改局's clerk starts the procedure on the catalog item and puts the draft out for comment.
    login("fgj_clerk")
    page.get_by_role("link", name="重大行政决策", exact=True).first.click()
    page.get_by_role("link", name="启动决策程序").click()
    page.get_by_label("承办单位").select_option(label="江门市发展和改革局")
    page.get_by_label("年度目录事项").select_option(label=TITLE)
    page.get_by_label("决策草案").fill(
        "一、中心城区路内停车泊位实行分时段差别化收费。\n二、公共停车场首小时收费不超过5元。"
    )
    page.get_by_label("社会稳定").check()
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#decision-status")).to_have_text("拟订决策草案")
    expect(page.locator("#decision-checklist")).to_contain_text("尚未公开征求意见")
    consultation = page.locator("#step-consultation")
    consultation.get_by_label("征求意见截止日期").fill((today + datetime.timedelta(days=40)).isoformat())
    consultation.get_by_role("button", name="发布征求意见").click()
    expect(page.get_by_text("已发布征求意见公告")).to_be_visible()

    # A member of the public finds the draft on the portal and comments; a receipt comes back.
    public = browser.new_context(base_url=live_server.url, locale="zh-CN", timezone_id="Asia/Shanghai")
    public.on("page", browser_problems.watch)
    visitor = public.new_page()
    visitor.goto("/")
    visitor.get_by_role("link", name="查阅重大行政决策").click()
    visitor.locator("#decision-consultations").get_by_role("link", name=TITLE).click()
    visitor.get_by_label("针对的条款或内容").fill("第二条")
    visitor.get_by_label("内容 *", exact=True).fill("建议医院、学校周边停车场首小时免费，方便就医接送。")
    visitor.get_by_label("姓名").fill("陈市民")
    visitor.get_by_role("button", name="提交意见").click()
    expect(visitor.get_by_role("heading", name="提交成功")).to_be_visible()
    public.close()

    # The 30 days cannot pass in a test: the period is moved into the past by the test-only helper;
    # closing, the ledger and the feedback statement are then done on the consultation's page.
    backdate_consultation(Decision.objects.get(title=TITLE))
    page.reload()
    page.locator("#decision-procedures").get_by_role("link", name="公开征求意见").click()
    page.get_by_role("button", name="截止征求意见").click()
    expect(page.locator("#consultation-status")).to_have_text("已截止")
    page.get_by_label("采纳情况").select_option(label="部分采纳")
    page.get_by_label("理由").fill("医院周边停车场首小时免费已采纳；学校周边按现行规定执行。")
    page.get_by_role("button", name="记录采纳情况").click()
    expect(page.get_by_text("已记录采纳情况。")).to_be_visible()
    page.get_by_label("反馈说明").fill("共收到意见1条，部分采纳1条。")
    page.get_by_role("button", name="公布意见采纳情况").click()
    expect(page.locator("#consultation-status")).to_have_text("已公布反馈")

    # The risk assessment the social-stability flag requires, then to the legality review.
    _decision_page(page)
    risk = page.locator("#step-risk_assessment")
    risk.get_by_label("评估单位").fill("江门市社会稳定风险评估中心")
    risk.get_by_label("风险点").fill("收费上调可能引发部分车主不满。")
    risk.get_by_label("风险等级").select_option(label="中风险")
    risk.get_by_label("风险防范措施和处置预案").fill("分步实施，设置过渡期，做好政策解读。")
    risk.get_by_label("风险是否可控").select_option(label="风险可控")
    risk.get_by_role("button", name="录入风险评估").click()
    expect(page.get_by_text("已录入风险评估。")).to_be_visible()
    _step(page, "送请合法性审查", "合法性审查中")
    expect(page.locator("#decision-due-dates")).to_contain_text("合法性审查第1阶段（江门市司法局）")

    # 市司法局's reviewer gives the legality opinion on the review's own page.
    _as(context, login, "reviewer")
    page.get_by_role("navigation").get_by_role("link", name="审查", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("审查结论").select_option(label="通过")
    page.get_by_label("审查意见").fill("经审查，决策草案符合《价格法》等规定，程序合法。")
    page.get_by_role("button", name="出具审查意见").click()
    expect(page.locator("#review-status")).to_have_text("审查通过")

    # The clerk confirms the review, records a legal adviser's opinion and the executive meeting.
    _as(context, login, "fgj_clerk")
    _decision_page(page)
    _step(page, "确认合法性审查结论", "待集体讨论")
    expect(page.locator("#decision-actions").get_by_role("button", name="记录集体讨论决定")).to_have_count(0)
    page.locator("#decision-advisers").get_by_role("link", name="记录法律顾问意见").click()
    page.get_by_label("法律顾问").select_option(label="司徒家明（律师，江门市人民政府）")
    page.get_by_label("出具日期").fill(today.isoformat())
    page.get_by_label("法律意见").fill("调整事项属政府定价权限，程序完备，建议提交常务会议审议。")
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.locator("#decision-title")).to_have_text(TITLE)
    expect(page.locator("#decision-advisers")).to_contain_text("司徒家明")
    meeting = page.locator("#step-meeting")
    meeting.get_by_label("会议类型").select_option(label="常务会议")
    meeting.get_by_label("会议名称").fill(f"市政府第16届第{today.month}次常务会议")
    meeting.get_by_label("应出席人员").fill("市长、常务副市长、副市长甲、副市长乙、秘书长")
    meeting.get_by_label("实际出席人员").fill("市长、常务副市长、副市长甲、秘书长")
    meeting.get_by_label("讨论结果").select_option(label="同意")
    meeting.get_by_label("不同意见").fill("副市长甲：建议过渡期延长至六个月。")
    meeting.get_by_role("button", name="保存会议记录").click()
    expect(page.locator("#meeting-status")).to_have_text("待签署")
    meeting_url = page.url
    page.get_by_label("上传会议纪要").set_input_files(
        {"name": "会议纪要.txt", "mimeType": "text/plain", "buffer": "会议纪要：原则同意调整方案。".encode()}
    )
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_role("link", name="会议纪要.txt")).to_be_visible()

    # The mayor signs the record and makes the decision; the clerk could not.
    _as(context, login, "mayor")
    page.goto(meeting_url)
    page.get_by_role("button", name="签署").click()
    expect(page.locator("#meeting-status")).to_have_text("已签署")
    _decision_page(page)
    expect(page.locator("#decision-checklist li[data-met='no']")).to_have_count(0)
    page.get_by_label("行政首长的决定").select_option(label="通过")
    _step(page, "记录集体讨论决定", "已作出决定")
    expect(page.locator("#head-decision")).to_contain_text("通过")

    # 市依法行政办 records the report to the party committee and publishes the decision.
    _as(context, login, "office")
    _decision_page(page)
    page.get_by_label("请示报告情况").fill("已报中共江门市委常委会会议同意。")
    _step(page, "记录向党委请示报告", "已向党委请示报告")
    page.get_by_label("公众意见、专家论证意见采纳情况").fill(
        "公开征求意见收到意见1条，部分采纳：医院周边停车场首小时免费。"
    )
    _step(page, "公布决策", "已公布执行")
    expect(page.locator("#decision-timeline")).to_contain_text("公布决策")

    # Anyone reads it on the portal with the feedback on the public's comment.
    context.clear_cookies()
    page.goto("/decisions/")
    page.locator("#decision-results").get_by_role("link", name=TITLE).click()
    expect(page.locator("#deciding-body")).to_have_text("江门市人民政府")
    expect(page.locator("#decision-text")).to_contain_text("首小时收费不超过5元")
    expect(page.locator("#adoption-explanation")).to_contain_text("部分采纳")
    expect(page.get_by_text("共收到意见1条，部分采纳1条。")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("医院、学校周边停车场首小时免费"))).to_be_visible()
    expect(page.get_by_text("陈市民")).to_have_count(0)
