"""Issuing, voiding and reserving numbers: sequences per year, nothing given twice, all audited."""

import json

import pytest
from django.utils import timezone

from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.core.models import AuditEvent
from fazhi.numbering import services
from fazhi.numbering.choices import FormatKind, NumberStatus
from fazhi.numbering.models import IssuedNumber, NumberFormat, NumberSequence

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


def issue(number_format, actor, year=THIS_YEAR, **kwargs):
    return services.issue_number(number_format, year, actor=actor, **kwargs)


def test_numbers_follow_each_other_in_the_gb_t_9704_shape(number_formats, numberers):
    texts = [issue(number_formats["gov_rules"], numberers["gov_office"]).text for _ in range(3)]
    assert texts == [f"江府规〔{THIS_YEAR}〕{serial}号" for serial in (1, 2, 3)]
    assert NumberSequence.objects.get(format=number_formats["gov_rules"], year=THIS_YEAR).last_serial == 3


def test_a_new_year_restarts_at_one(number_formats, numberers):
    gov = number_formats["gov_rules"]
    issue(gov, numberers["gov_office"])
    issue(gov, numberers["gov_office"])
    first_next = issue(gov, numberers["gov_office"], year=THIS_YEAR + 1)
    assert (first_next.year, first_next.serial, first_next.text) == (THIS_YEAR + 1, 1, f"江府规〔{THIS_YEAR + 1}〕1号")
    assert issue(gov, numberers["gov_office"]).serial == 3, "the old year's sequence carries on"


def test_default_year_is_this_year(number_formats, numberers):
    number = services.issue_number(number_formats["gov_rules"], actor=numberers["gov_office"])
    assert number.year == THIS_YEAR


def test_each_format_has_its_own_sequence(number_formats, numberers):
    legal = numberers["market_legal"]
    assert issue(number_formats["registration"], legal).text == f"JMSJ-{THIS_YEAR}-0001"
    assert issue(number_formats["market_rules"], legal).text == f"江市监规〔{THIS_YEAR}〕1号"
    assert issue(number_formats["registration"], legal).text == f"JMSJ-{THIS_YEAR}-0002"


def test_order_numbers_continue_across_years(number_formats, numberers):
    order = number_formats["order"]
    first = issue(order, numberers["gov_office"])
    second = issue(order, numberers["gov_office"], year=THIS_YEAR + 1)
    assert [first.text, second.text] == ["江门市人民政府令第1号", "江门市人民政府令第2号"]
    assert {first.year, second.year} == {0}


@pytest.mark.parametrize("year", [THIS_YEAR - 2, THIS_YEAR + 2, 26, "2026", 2026.0, True])
def test_a_year_far_from_now_or_not_a_number_is_refused(number_formats, numberers, year):
    with pytest.raises(InvalidInput) as caught:
        services.issue_number(number_formats["gov_rules"], year, actor=numberers["gov_office"])
    assert "year" in caught.value.errors
    assert not IssuedNumber.objects.exists()


def test_a_voided_number_is_kept_and_never_reused(number_formats, numberers):
    gov, actor = number_formats["gov_rules"], numberers["gov_office"]
    first = issue(gov, actor)
    second = issue(gov, actor)
    voided = services.void_number(second, actor=actor, reason="文件撤回，不再印发")
    assert (voided.status, voided.void_reason, voided.voided_by) == (NumberStatus.VOIDED, "文件撤回，不再印发", actor)
    assert voided.voided_at is not None
    assert issue(gov, actor).serial == 3
    assert IssuedNumber.objects.filter(format=gov).count() == 3
    with pytest.raises(Conflict, match="已作废"):
        services.void_number(second, actor=actor, reason="再次作废")
    assert first.serial == 1


@pytest.mark.parametrize("reason", ["", "   ", None, 5])
def test_voiding_needs_a_reason(number_formats, numberers, reason):
    number = issue(number_formats["gov_rules"], numberers["gov_office"])
    with pytest.raises(InvalidInput, match="请填写作废理由"):
        services.void_number(number, actor=numberers["gov_office"], reason=reason)
    number.refresh_from_db()
    assert number.status == NumberStatus.ISSUED


def test_reserved_legacy_numbers_are_skipped(number_formats, numberers):
    gov, actor = number_formats["gov_rules"], numberers["gov_office"]
    issue(gov, actor)
    for text in (f"江府规〔{THIS_YEAR}〕2号", f"江府规〔{THIS_YEAR}〕3号", f"江府规〔{THIS_YEAR}〕5号"):
        reserved = services.reserve_number(gov, text, actor=actor, note="历史文件导入")
        assert reserved.status == NumberStatus.RESERVED
    serials = [issue(gov, actor).serial for _ in range(3)]
    assert serials == [4, 6, 7]


def test_a_legacy_number_of_an_earlier_year_is_reserved_in_that_year(number_formats, numberers):
    gov, actor = number_formats["gov_rules"], numberers["gov_office"]
    reserved = services.reserve_number(gov, "江府规〔2019〕5号", actor=actor)
    assert (reserved.year, reserved.serial, reserved.text) == (2019, 5, "江府规〔2019〕5号")
    assert issue(gov, actor).serial == 1


def test_a_number_already_recorded_cannot_be_reserved(number_formats, numberers):
    gov, actor = number_formats["gov_rules"], numberers["gov_office"]
    issued = issue(gov, actor)
    with pytest.raises(Conflict, match="已有记录（已编号）"):
        services.reserve_number(gov, issued.text, actor=actor)
    services.reserve_number(gov, "江府规〔2019〕5号", actor=actor)
    with pytest.raises(Conflict, match="已有记录（历史文号（预留））"):
        services.reserve_number(gov, "江府规〔2019〕5号", actor=actor)


def test_a_reserved_number_cannot_be_voided(number_formats, numberers):
    reserved = services.reserve_number(number_formats["gov_rules"], "江府规〔2019〕5号", actor=numberers["gov_office"])
    with pytest.raises(Conflict, match="不能作废"):
        services.void_number(reserved, actor=numberers["gov_office"], reason="误录")


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("gov_rules", "江府办〔2019〕5号", "与编号格式的机关代字“江府规”不符"),
        ("gov_rules", "江府规〔2019〕05号", "不加前导零"),
        ("registration", "JMSJ-2019-5", "应为 JMSJ-2019-0005"),
        ("order", "江门市人民政府令5号", "不符合该编号格式"),
    ],
)
def test_a_legacy_number_not_of_the_format_is_refused(number_formats, numberers, key, text, message):
    actor = numberers["gov_office"] if key in ("gov_rules", "order") else numberers["market_legal"]
    with pytest.raises(InvalidInput, match=message):
        services.reserve_number(number_formats[key], text, actor=actor)
    assert not IssuedNumber.objects.exists()


def test_registration_numbers_are_reserved_by_their_pattern(number_formats, numberers):
    registration, actor = number_formats["registration"], numberers["market_legal"]
    services.reserve_number(registration, f"JMSJ-{THIS_YEAR}-0001", actor=actor)
    assert issue(registration, actor).text == f"JMSJ-{THIS_YEAR}-0002"


def test_only_those_who_number_at_the_body_may_issue_void_or_reserve(number_formats, numberers, people):
    gov, market_rules = number_formats["gov_rules"], number_formats["market_rules"]
    number = issue(gov, numberers["gov_office"])
    refused = [
        lambda: issue(gov, numberers["market_legal"]),  # a bureau's legal office, not the 市府办
        lambda: issue(market_rules, people["market_clerk"]),  # may see the bureau's, not number
        lambda: issue(market_rules, people["office"]),  # 依法行政办 oversees, does not number
        lambda: services.void_number(number, actor=people["market_head"], reason="越权"),
        lambda: services.reserve_number(gov, "江府规〔2019〕5号", actor=people["outsider"]),
    ]
    for attempt in refused:
        with pytest.raises(Forbidden):
            attempt()
    # The 市府办 reaches the departments below the government.
    assert issue(market_rules, numberers["gov_office"]).serial == 1
    assert IssuedNumber.objects.count() == 2


def test_an_inactive_format_gives_no_numbers(number_formats, numberers):
    gov = services.update_format(number_formats["gov_rules"], actor=numberers["gov_office"], is_active=False)
    with pytest.raises(Conflict, match="已停用"):
        issue(gov, numberers["gov_office"])


def test_numbers_remember_the_record_they_were_given_to(number_formats, numberers, city):
    number = issue(number_formats["gov_rules"], numberers["gov_office"], record=city["market"])
    assert number.record == city["market"]


def test_every_change_is_audited(number_formats, numberers, django_capture_on_commit_callbacks):
    gov, actor = number_formats["gov_rules"], numberers["gov_office"]
    with django_capture_on_commit_callbacks(execute=True):
        number = issue(gov, actor)
        services.void_number(number, actor=actor, reason="印发前发现错误")
        services.reserve_number(gov, "江府规〔2019〕5号", actor=actor)
    events = {event.action: event for event in AuditEvent.objects.filter(action__startswith="numbering.number_")}
    assert set(events) == {"numbering.number_issued", "numbering.number_voided", "numbering.number_reserved"}
    for event in events.values():
        assert (event.actor_id, event.body_id, event.object_type) == (actor.pk, gov.body_id, "numbering.issuednumber")
    issued = json.loads(events["numbering.number_issued"].data)["after"]
    assert (issued["text"], issued["serial"], issued["status"]) == (f"江府规〔{THIS_YEAR}〕1号", 1, "issued")
    assert json.loads(events["numbering.number_voided"].data)["after"]["reason"] == "印发前发现错误"
    assert AuditEvent.objects.filter(action="numbering.format_created").count() == 4
    assert AuditEvent.objects.filter(action="numbering.format_updated").count() == 0


# --- Formats -------------------------------------------------------------------------------------


def test_a_doc_number_format_takes_the_standard_pattern(number_formats):
    assert number_formats["gov_rules"].pattern == "{prefix}〔{year}〕{serial}号"
    assert number_formats["order"].pattern == "{prefix}第{serial}号"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": FormatKind.DOC_NUMBER, "prefix": "江府函", "pattern": "{prefix}-{year}-{serial}"}, "pattern", "GB/T"),
        ({"kind": FormatKind.DOC_NUMBER, "prefix": ""}, "prefix", "请填写机关代字"),
        ({"kind": FormatKind.DOC_NUMBER, "prefix": "江府 函"}, "prefix", "不能有空格"),
        ({"kind": FormatKind.DOC_NUMBER, "prefix": "江府函", "yearly": False}, "yearly", "每年重新编号"),
        ({"kind": FormatKind.REGISTRATION, "prefix": "X", "pattern": ""}, "pattern", "请填写编号模式"),
        ({"kind": FormatKind.REGISTRATION, "prefix": "X", "pattern": "{prefix.__init__}{serial}"}, "pattern", "占位符"),
        ({"kind": "nonsense", "prefix": "X", "pattern": "{year}-{serial}"}, "kind", ""),
    ],
)
def test_a_bad_format_is_refused_when_saved(city, fields, field, message):
    with pytest.raises(InvalidInput) as caught:
        services.create_format(actor=None, body=city["government"], name="测试格式", **fields)
    assert field in caught.value.errors
    assert message in str(caught.value.detail) + " ".join(caught.value.errors[field])
    assert not NumberFormat.objects.filter(name="测试格式").exists()


def test_a_doc_number_prefix_belongs_to_one_format(number_formats, city):
    with pytest.raises(InvalidInput):
        services.create_format(
            actor=None, body=city["ecology"], kind=FormatKind.DOC_NUMBER, name="另一个", prefix="江府规"
        )


@pytest.mark.parametrize(
    ("prefix", "pattern"),
    [("JMSJ", "{prefix}-{year}-{serial:04d}"), ("", "JMSJ-{year}-{serial:04d}"), ("JMSJ", "{prefix}-{year}-{serial}")],
)
def test_a_format_whose_numbers_would_look_like_anothers_is_refused(number_formats, city, prefix, pattern):
    with pytest.raises(InvalidInput, match="会与“市市场监管局规范性文件登记号”（江门市市场监督管理局）的编号重复"):
        services.create_format(
            actor=None,
            body=city["ecology"],
            kind=FormatKind.REGISTRATION,
            name="生态登记号",
            prefix=prefix,
            pattern=pattern,
        )
    ecology = services.create_format(
        actor=None,
        body=city["ecology"],
        kind=FormatKind.REGISTRATION,
        name="生态登记号",
        prefix="JMST",
        pattern=pattern.replace("JMSJ", "JMST"),
    )
    assert ecology.example().startswith("JMST-")


def test_the_shape_of_a_used_format_cannot_change(number_formats, numberers):
    registration, actor = number_formats["registration"], numberers["market_legal"]
    services.update_format(registration, actor=actor, pattern="{prefix}/{year}/{serial}")
    issue(registration, actor)
    with pytest.raises(Conflict, match="已有编号"):
        services.update_format(registration, actor=actor, pattern="{prefix}-{year}-{serial}")
    renamed = services.update_format(registration, actor=actor, name="登记号（新）")
    assert renamed.name == "登记号（新）"


def test_formats_are_created_only_by_those_who_number_there(city, people):
    with pytest.raises(Forbidden):
        services.create_format(
            actor=people["market_clerk"], body=city["market"], kind=FormatKind.DOC_NUMBER, name="x", prefix="江市监"
        )


def test_restrict_shows_formats_and_numbers_of_the_users_bodies(number_formats, numberers, people):
    issue(number_formats["gov_rules"], numberers["gov_office"])
    issue(number_formats["registration"], numberers["market_legal"])
    visible = set(NumberFormat.objects.restrict(people["market_clerk"]).values_list("name", flat=True))
    assert visible == {"市市场监管局规范性文件", "市市场监管局规范性文件登记号"}
    assert not NumberFormat.objects.restrict(people["ecology_clerk"]).exists()
    assert not NumberFormat.objects.restrict(people["market_clerk"], "number").exists()
    assert NumberFormat.objects.restrict(numberers["gov_office"], "number").count() == 4
    assert [n.text for n in IssuedNumber.objects.restrict(people["market_clerk"])] == [f"JMSJ-{THIS_YEAR}-0001"]
    assert not IssuedNumber.objects.restrict(people["outsider"]).exists()
