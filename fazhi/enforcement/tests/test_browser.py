"""A penalty case walked in Chromium from filing to a published decision by the Jiangmen demo's
市市场监督管理局 — its certified officers file, investigate, propose, notify and hear the party,
its head decides, the officer serves, makes the decision instrument and publishes — and the
decision found on the portal with the party's name masked (issue 6)."""

import pytest
from playwright.sync_api import expect

from fazhi.enforcement.models import Case

pytestmark = pytest.mark.browser

PARTY = "陈志坚"
MASKED = "陈**"


def _as(context, login, username):
    """Switch the browser to another user (a fresh session, as on a shared office computer)."""
    context.clear_cookies()
    return login(username)


def _step(page, label, status):
    """Press a step's button on the case page and wait for the new status."""
    page.locator("#case-actions").get_by_role("button", name=label).click()
    expect(page.locator("#case-status")).to_have_text(status)


def test_a_case_from_filing_to_a_published_decision_found_masked_on_the_portal(
    context, page, login, demo, browser_problems
):
    # 吴国栋 files the case with 谭伟明, both certified; the price-marking benchmark applies.
    login("scj_officer1")
    page.get_by_role("link", name="行政执法", exact=True).click()
    page.get_by_role("link", name="案件", exact=True).click()
    page.get_by_role("link", name="立案", exact=True).click()
    form = page.locator("#case-form")
    form.get_by_label("执法主体").select_option(label="江门市市场监督管理局")
    form.get_by_label("案由").fill("经营者未按照规定明码标价案")
    form.get_by_label("当事人类型").select_option(label="公民")
    form.locator("#id_case_party_name").fill(PARTY)
    form.get_by_label("统一社会信用代码或身份证件号码").fill("440703198805061234")
    form.get_by_label("住所或地址").fill("江门市蓬江区港口路8号")
    form.get_by_label("吴国栋（执法证号 44070021010101）").check()
    form.get_by_label("谭伟明（执法证号 44070021010102）").check()
    form.get_by_label("裁量基准").select_option(label="JMSCJ-JG-42-01 经营者未按照规定明码标价")
    form.get_by_role("button", name="立案").click()
    expect(page.locator("#case-status")).to_have_text("已立案")
    expect(page.locator("#case-officers")).to_contain_text("44070021010102")
    expect(page.locator("#case-deadlines")).to_contain_text("作出行政处罚决定")
    case_url = page.url

    # Investigation: the facts put the case in the benchmark's 轻微 band; the proposal stays in it.
    facts = page.locator("#step-facts")
    facts.get_by_label("违法事实").fill(f"当事人{PARTY}经营的水果店未对所售商品明码标价，经责令已当场改正。")
    facts.get_by_label("初次违法").select_option(label="否")
    facts.get_by_label("危害后果").select_option(label="危害后果轻微")
    facts.get_by_role("button", name="记录调查情况").click()
    expect(page.get_by_text("已记录调查情况。")).to_be_visible()
    expect(page.locator("#case-band")).to_contain_text("轻微")
    _step(page, "调查终结", "调查终结")
    proposal = page.locator("#step-propose")
    proposal.get_by_label("警告", exact=True).check()
    proposal.get_by_label("罚款", exact=True).check()
    proposal.get_by_label("罚款金额（元）").fill("500")
    proposal.get_by_role("button", name="记录处理意见").click()
    expect(page.locator("#case-proposal")).to_contain_text("罚款500")

    # Notice of the intended penalty, then the party's statement; the officer cannot decide.
    _step(page, "告知拟作出的行政处罚", "已告知")
    statement = page.locator("#step-statement")
    statement.get_by_label("陈述、申辩意见及采纳情况").fill("当事人承认违法事实，请求从轻处理；已在裁量阶次内考虑。")
    statement.get_by_role("button", name="记录陈述、申辩").click()
    expect(page.locator("#case-statement")).to_contain_text("请求从轻处理")
    expect(page.locator("#case-actions").get_by_role("button", name="作出行政处罚决定")).to_have_count(0)

    # The head decides on the case's page.
    _as(context, login, "scj_head")
    page.goto(case_url)
    decide = page.locator("#step-decide")
    decide.get_by_label("决定内容").fill(f"对{PARTY}给予警告，并处罚款人民币500元。")
    decide.get_by_label("决定书文号").fill("江市监价罚〔2026〕12号")
    _step(page, "作出行政处罚决定", "已决定")
    expect(page.locator("#case-timeline")).to_contain_text("作出行政处罚决定")

    # The officer serves it, makes the decision instrument and publishes the decision.
    _as(context, login, "scj_officer1")
    page.goto(case_url)
    page.locator("#step-serve").get_by_label("送达方式").select_option(label="直接送达")
    _step(page, "送达", "已送达")
    instrument = page.locator("#step-document")
    instrument.get_by_label("文书种类").select_option(label="行政处罚决定书")
    instrument.get_by_role("button", name="制作文书（Word）").click()
    expect(page.locator("#case-documents").get_by_role("link", name="行政处罚决定书")).to_be_visible()
    page.locator("#step-publish").get_by_role("button", name="公开行政处罚决定").click()
    expect(page.locator("#publication-summary")).to_contain_text(MASKED)
    assert Case.objects.get(decision_number="江市监价罚〔2026〕12号").publication.party == MASKED

    # Anyone finds it on the portal, the party masked.
    context.clear_cookies()
    page.goto("/enforcement/decisions/")
    page.locator("#penalty-results").get_by_role("link", name=MASKED).click()
    expect(page.locator("#penalty-party")).to_have_text(MASKED)
    expect(page.locator("#penalty-summary")).to_contain_text("江市监价罚〔2026〕12号")
    expect(page.locator("#penalty-summary")).to_contain_text(f"对{MASKED}给予警告")
    expect(page.get_by_text(PARTY)).to_have_count(0)
    expect(page.get_by_text("440703198805061234")).to_have_count(0)
