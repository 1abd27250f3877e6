"""The yearly evaluation walked in Chromium on the Jiangmen demo: the office submits this year's
scheme (the demo's copy of last year's), the mayor approves it; once the year is over the office
opens the evaluation on the demo's records, the evaluator scores the manual leaves, the office
imports the survey's workbook (filled in from the template it downloads) and the oversight
deductions and submits; the mayor approves; the office notifies, and after the objection period
finalises and publishes; the portal shows the results per group."""

import datetime
import io

import openpyxl
import pytest
from playwright.sync_api import expect

from fazhi.assessment.models import Evaluation, Result, Scheme

pytestmark = pytest.mark.browser


def _as(context, login, username):
    """Switch the browser to another user (a fresh session, as on a shared office computer)."""
    context.clear_cookies()
    return login(username)


def test_the_office_runs_the_year_and_the_portal_shows_the_results(context, login, demo, monkeypatch, tmp_path):
    draft = Scheme.objects.get(status="draft")
    clock = {"day": datetime.date(draft.year + 1, 1, 15)}  # the year is over: the evaluation may open
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock["day"])

    page = login("office")
    page.get_by_role("link", name="依法行政考评", exact=True).click()
    page.get_by_role("link", name=draft.title).click()
    expect(page.locator("#scheme-status")).to_have_text("拟定中")
    expect(page.locator("#problems")).to_contain_text("方案完整")
    page.get_by_label("异议期（工作日）").fill("3")
    page.get_by_role("button", name="保存设置").click()  # htmx: the page part is swapped in place
    expect(page.locator("#scheme-page")).to_contain_text("方案设置已保存")
    page.locator('[data-transition="submit"]').click()
    expect(page.locator("#scheme-status")).to_have_text("已报请政府批准")

    page = _as(context, login, "mayor")
    page.get_by_role("link", name="依法行政考评", exact=True).click()
    page.get_by_role("link", name=draft.title).click()
    page.locator("#id_reference").fill(f"江府函〔{draft.year}〕5号")
    page.locator('[data-transition="approve"]').click()
    expect(page.locator("#scheme-status")).to_have_text("已批准（锁定）")

    page = _as(context, login, "office")
    page.get_by_role("link", name="依法行政考评", exact=True).click()
    page.get_by_role("link", name=draft.title).click()
    page.locator('[data-transition="open"]').click()
    expect(page.locator("#evaluation-status")).to_have_text("评分中")
    expect(page.locator("#missing")).to_contain_text("项人工评分指标尚未评分")
    evaluation = Evaluation.objects.get(scheme=draft)

    page = _as(context, login, "evaluator")
    page.get_by_role("link", name="依法行政考评", exact=True).click()
    page.locator("#scoring-to-do").get_by_role("link").click()
    for form in page.locator("form[id^=scoring-]").all():
        leaf = evaluation.scheme.indicators.get(pk=form.get_attribute("id").removeprefix("scoring-"))
        for field in form.locator("input[name^=points-]").all():
            field.fill(str(leaf.points))
        form.get_by_role("button", name="保存本指标的得分").click()
        expect(page.locator(".messages")).to_contain_text("已保存43个考评对象的得分")

    page = _as(context, login, "office")
    page.goto(f"/office/assessment/evaluations/{evaluation.pk}/")
    with page.expect_download() as download:
        page.locator("#social-template").click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = book.active
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=0):
        row[1].value = 80 + number % 15
    filled = tmp_path / "社会评议结果.xlsx"
    book.save(filled)
    page.locator("#id_social_file").set_input_files(str(filled))
    page.get_by_role("button", name="导入社会评议结果").click()
    expect(page.locator("#social-progress")).to_contain_text("已导入 43 / 43 个单位")
    page.locator('[data-transition="deductions"]').click()
    expect(page.locator(".messages")).to_contain_text("已办理")
    page.locator('[data-transition="submit"]').click()
    expect(page.locator("#evaluation-status")).to_have_text("已报请政府审定")
    expect(page.locator("#results")).to_contain_text("市直单位")

    page = _as(context, login, "mayor")
    page.goto(f"/office/assessment/evaluations/{evaluation.pk}/")
    page.locator('[data-transition="approve"]').click()
    expect(page.locator("#evaluation-status")).to_have_text("已审定")

    page = _as(context, login, "office")
    page.goto(f"/office/assessment/evaluations/{evaluation.pk}/")
    page.locator("#id_notice_number").fill(f"江府通〔{draft.year + 1}〕1号")
    page.locator('[data-transition="notify"]').click()
    expect(page.locator("#evaluation-status")).to_have_text("已通报（异议期）")
    evaluation.refresh_from_db()
    clock["day"] = evaluation.objection_until + datetime.timedelta(days=1)
    page.reload()
    page.locator('[data-transition="finalise"]').click()
    expect(page.locator("#evaluation-status")).to_have_text("结果已确定")
    page.locator('[data-transition="publish"]').click()
    expect(page.locator("#evaluation-status")).to_have_text("已公布")

    context.clear_cookies()
    page.goto("/")
    page.get_by_role("link", name="查阅考评结果").click()
    page.get_by_role("link", name=f"{draft.year}年度").click()
    expect(page.locator("#public-title")).to_have_text(f"江门市人民政府{draft.year}年度依法行政考评结果")
    first = Result.objects.filter(evaluation=evaluation, group="city_departments", rank=1).first()
    group = page.locator(".public-group").first
    expect(group).to_contain_text(first.body.name)
    expect(group).to_contain_text(str(first.composite))
    expect(page.locator("main")).to_contain_text("各市（区）政府")
