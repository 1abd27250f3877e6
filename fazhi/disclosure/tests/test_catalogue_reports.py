"""The catalogue's 20 working days, the guide's versions, the yearly report's figures and DOCX,
and the checks of seed arts. 26 and 27."""

import datetime
import io

import docx
import pytest

from fazhi.core.errors import Conflict, InvalidInput
from fazhi.disclosure import obligations, report, selectors, services, testing
from fazhi.disclosure.choices import ItemStatus
from fazhi.disclosure.models import CatalogueItem, DisclosureRequest
from fazhi.obligations.choices import CheckStatus

D = datetime.date


def _item(staff, **overrides):
    data = {
        "category": "budget",
        "key_area": "budget",
        "title": "2026年部门预算",
        "content": "预算全文",
        "made_on": "2026-09-28",
    }
    data.update(overrides)
    return services.add_item(actor=staff["clerk"], body=staff["market"], **data)


def test_item_deadline_over_national_day_published_in_time_gets_an_index_number(staff, today):
    today(D(2026, 9, 29))
    item = _item(staff)
    # 20 working days from 28 September: 29, 30 Sep; 8–10 Oct (10th worked) … Friday 30 October.
    assert item.deadline.due_on == D(2026, 10, 30)
    today(D(2026, 10, 30))
    item = services.publish_item(item, actor=staff["clerk"])
    assert not item.late
    assert item.index_number == "jm-scj/2026-00001"
    second = services.publish_item(_item(staff, title="第二条"), actor=staff["clerk"])
    assert second.index_number == "jm-scj/2026-00002"
    assert list(selectors.public_items(body=staff["market"].pk, key_area="budget")) == [second, item]


def test_item_published_late_is_marked_and_fails_art_26(staff, today):
    today(D(2026, 9, 29))
    late = _item(staff)
    today(D(2026, 11, 2))
    late = services.publish_item(late, actor=staff["clerk"])
    assert late.late
    results = obligations.proactive_disclosure([staff["market"]], 2026, D(2026, 11, 2))
    result = results[staff["market"].pk]
    assert result.status == CheckStatus.NOT_MET
    assert "逾期公开" in result.failing[0].description


def test_no_catalogue_fails_art_26_and_a_prompt_one_meets_it(staff, city, today):
    today(D(2026, 11, 2))
    services.publish_item(_item(staff, made_on="2026-10-30"), actor=staff["clerk"])
    results = obligations.proactive_disclosure([staff["market"], city["ecology"]], 2026, D(2026, 11, 2))
    assert results[staff["market"].pk].status == CheckStatus.MET
    assert results[city["ecology"].pk].status == CheckStatus.NOT_MET


def test_revision_is_a_new_made_on_and_withdrawal_needs_a_reason(staff, today):
    today(D(2026, 11, 2))
    item = services.publish_item(_item(staff, made_on="2026-10-30"), actor=staff["clerk"])
    with pytest.raises(InvalidInput):
        services.revise_item(item, actor=staff["clerk"], title="新标题")
    today(D(2026, 11, 20))
    item = services.revise_item(item, actor=staff["clerk"], title="2026年部门预算（调整）", made_on="2026-11-16")
    assert item.deadline.start_on == D(2026, 11, 16)
    assert item.published_on == D(2026, 11, 20) and not item.late
    assert item.index_number == "jm-scj/2026-00001"
    with pytest.raises(InvalidInput):
        services.withdraw_item(item, actor=staff["clerk"], reason="")
    item = services.withdraw_item(item, actor=staff["clerk"], reason="信息有误")
    assert item.status == ItemStatus.WITHDRAWN
    assert not selectors.public_items().exists()
    with pytest.raises(Conflict):
        services.publish_item(item, actor=staff["clerk"])


def test_item_bad_input_stores_nothing(staff, today):
    today(D(2026, 11, 2))
    for bad in (
        {"category": "nope"},
        {"made_on": "2026-12-01"},
        {"content": "", "link": "javascript:alert(1)"},
        {"title": 5},
        {"colour": "red"},
    ):
        with pytest.raises(InvalidInput):
            _item(staff, **bad)
    assert not CatalogueItem.objects.exists()


def _guide(staff, **overrides):
    data = {
        "office_name": "办公室",
        "address": "江门市蓬江区建设三路",
        "phone": "0750-1234567",
        "online": "https://www.jiangmen.gov.cn/",
        "hours": "工作日 8:30—12:00，14:30—17:30",
        "procedure": "申请人通过网上平台、当面或信函提出申请。",
    }
    data.update(overrides)
    return services.draft_guide(actor=staff["clerk"], body=staff["market"], **data)


def test_guide_versions_the_current_is_the_latest_published(staff, today):
    today(D(2026, 11, 2))
    first = services.publish_guide(_guide(staff), actor=staff["clerk"])
    second = _guide(staff, phone="0750-7654321")
    assert selectors.current_guide(staff["market"].pk) == first
    services.publish_guide(second, actor=staff["clerk"])
    current = selectors.current_guide(staff["market"].pk)
    assert (current.version, current.phone) == (2, "0750-7654321")
    with pytest.raises(Conflict):
        services.change_guide(current, actor=staff["clerk"], phone="1")


def _answered(staff, today, *, kind, answer_type, ground="", received, answered=None):
    today(received)
    receipt = testing.submit_request(staff["market"], applicant_kind=kind, subject=f"信息{received}{kind}")
    request_ = services.confirm(DisclosureRequest.objects.get(submission=receipt.submission), actor=staff["clerk"])
    if answered:
        today(answered)
        services.answer(request_, actor=staff["clerk"], answer_type=answer_type, ground=ground, text="答复。")
    return request_


def test_yearly_report_table_matches_the_records_and_the_docx_opens_with_them(staff, today):
    _answered(staff, today, kind="person", answer_type="disclosed", received=D(2025, 12, 22), answered=D(2026, 1, 5))
    _answered(
        staff,
        today,
        kind="commercial",
        answer_type="withheld",
        ground="secret",
        received=D(2026, 3, 2),
        answered=D(2026, 3, 10),
    )
    _answered(
        staff,
        today,
        kind="legal_service",
        answer_type="unable",
        ground="not_held",
        received=D(2026, 5, 6),
        answered=D(2026, 5, 8),
    )
    _answered(staff, today, kind="person", answer_type="", received=D(2026, 12, 28))
    today(D(2026, 12, 31))
    services.publish_item(_item(staff, made_on="2026-12-30"), actor=staff["clerk"])
    table = selectors.request_table([staff["market"].pk], 2026)[staff["market"].pk]
    assert table["new"] == {"commercial": 1, "legal_service": 1, "person": 1, "total": 3}
    assert table["carried_in"] == {"person": 1, "total": 1}
    assert table["disclosed"]["person"] == 1
    assert table["withheld:secret"] == {"commercial": 1, "total": 1}
    assert table["unable:not_held"] == {"legal_service": 1, "total": 1}
    assert table["finished"]["total"] == 3
    assert table["carried_out"] == {"person": 1, "total": 1}

    annual = services.open_report(actor=staff["clerk"], body=staff["market"], year=2026)
    services.change_report(
        annual,
        actor=staff["clerk"],
        overview="本年度公开工作总体情况<script>x</script>",
        review_figures={"review_upheld": "2", "review_total": 2},
    )
    with pytest.raises(InvalidInput):
        services.change_report(annual, actor=staff["clerk"], review_figures={"review_upheld": -1})
    today(D(2027, 1, 20))
    annual = services.report_step(annual, "submit", actor=staff["clerk"])
    annual = services.report_step(annual, "publish", actor=staff["head"])
    assert annual.figures["requests"]["finished"]["total"] == 3
    document = docx.Document(io.BytesIO(report.docx_bytes(annual)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "江门市市场监督管理局2026年政府信息公开工作年度报告" in text
    assert "本年度公开工作总体情况<script>x</script>" in text
    cells = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in document.tables[3].rows}
    assert cells["一、本年新收政府信息公开申请数量"] == ["1", "1", "0", "0", "1", "0", "3"]
    assert cells["1．属于国家秘密"] == ["0", "1", "0", "0", "0", "0", "1"]
    results = obligations.guide_and_reports([staff["market"]], 2027, D(2027, 1, 20))
    assert "未发布政府信息公开指南" in results[staff["market"].pk].summary


def test_art_27_not_yet_due_before_the_day_then_not_met(staff, city, today):
    today(D(2027, 1, 10))
    services.publish_guide(_guide(staff), actor=staff["clerk"])
    results = obligations.guide_and_reports([staff["market"]], 2027, D(2027, 1, 10))
    assert results[staff["market"].pk].status == CheckStatus.NOT_YET_DUE
    results = obligations.guide_and_reports([staff["market"]], 2027, D(2027, 2, 1))
    assert results[staff["market"].pk].status == CheckStatus.NOT_MET
    # the government's own report is due by 31 March, and it needs its website report and key areas
    results = obligations.guide_and_reports([city["government"]], 2027, D(2027, 2, 1))
    assert "重点领域" in results[city["government"].pk].summary
