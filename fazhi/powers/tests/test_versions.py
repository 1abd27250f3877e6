"""Versions: every change lands in a new version with its reason; published versions never change."""

import pytest

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.core.testing import Role, make_user
from fazhi.powers import selectors, services
from fazhi.powers.choices import VersionStatus
from fazhi.powers.models import Power, PowerListVersion
from fazhi.powers.tests.conftest import power_data, published_list


@pytest.fixture
def market(city):
    return city["market"]


def test_changing_a_published_list_opens_a_new_version_and_keeps_the_old(market, people):
    clerk, head = people["market_clerk"], people["market_head"]
    first = published_list(
        market, clerk, head, power_data(), power_data(code="SCJ-XK-001", name="食品生产许可", category="licensing")
    )
    original = {p.code: (p.name, p.responsible_unit) for p in first.powers.all()}

    penalty = first.powers.get(code="SCJ-CF-001")
    changed = services.update_power(
        penalty,
        actor=clerk,
        reason_kind="law_amended",
        reason="《中华人民共和国行政处罚法》修订。",
        responsible_unit="法规科",
    )

    draft = changed.version
    assert draft.status == VersionStatus.DRAFT and draft.number == 2 and draft.based_on == first
    assert draft.reason_kind == "law_amended"
    assert changed.pk != penalty.pk and changed.lineage == penalty.lineage
    first.refresh_from_db()
    assert first.status == VersionStatus.PUBLISHED
    assert {p.code: (p.name, p.responsible_unit) for p in first.powers.all()} == original

    services.remove_power(first.powers.get(code="SCJ-XK-001"), actor=clerk)  # goes into the same draft
    assert draft.powers.count() == 1 and first.powers.count() == 2

    second = services.publish_version(draft, actor=head)
    first.refresh_from_db()
    assert second.status == VersionStatus.PUBLISHED and first.status == VersionStatus.SUPERSEDED
    assert first.superseded_at is not None
    assert {p.code: (p.name, p.responsible_unit) for p in first.powers.all()} == original
    assert services.current_version(market) == second


def test_a_change_to_a_published_list_needs_a_reason(market, people):
    first = published_list(market, people["market_clerk"], people["market_head"])
    with pytest.raises(InvalidInput) as refused:
        services.update_power(first.powers.get(), actor=people["market_clerk"], name="新名称")
    assert "调整原因" in refused.value.detail
    assert PowerListVersion.objects.count() == 1


def test_superseded_versions_are_immutable(market, people):
    clerk, head = people["market_clerk"], people["market_head"]
    first = published_list(market, clerk, head)
    services.add_power(
        market, actor=clerk, reason_kind="functions_adjusted", reason="职能调整。", **power_data(code="SCJ-CF-002")
    )
    services.publish_version(services.draft_version(market), actor=head)

    old_power = Power.objects.get(version=first)
    with pytest.raises(Conflict):
        services.update_power(old_power, actor=clerk, reason_kind="other", reason="试图改历史。", name="改历史")
    with pytest.raises(Conflict):
        services.remove_power(old_power, actor=clerk, reason_kind="other", reason="试图删历史。")
    old_power.refresh_from_db()
    assert old_power.name == power_data()["name"]


def test_only_one_draft_at_a_time(market, people):
    services.open_draft(market, actor=people["market_clerk"], reason_kind="initial", reason="初次编制。")
    with pytest.raises(Conflict):
        services.open_draft(market, actor=people["market_clerk"], reason_kind="other", reason="再开一个。")


def test_comparison_lists_added_removed_and_changed_fields(market, people):
    clerk, head = people["market_clerk"], people["market_head"]
    first = published_list(
        market,
        clerk,
        head,
        power_data(),
        power_data(
            code="SCJ-XK-001",
            name="食品生产许可",
            category="licensing",
            bases=["《中华人民共和国食品安全法》第三十五条"],
        ),
    )
    services.open_draft(market, actor=clerk, reason_kind="law_amended", reason="法律修改。")
    draft = services.draft_version(market)
    services.update_power(
        draft.powers.get(code="SCJ-CF-001"),
        actor=clerk,
        code="SCJ-CF-001A",
        category="coercion",
        bases=["《中华人民共和国食品安全法》第一百一十条"],
    )
    services.remove_power(draft.powers.get(code="SCJ-XK-001"), actor=clerk)
    services.add_power(
        market, actor=clerk, **power_data(code="SCJ-JC-001", name="食品生产经营监督检查", category="inspection")
    )
    second = services.publish_version(draft, actor=head)

    comparison = selectors.compare(first, second)

    assert [p.code for p in comparison.added] == ["SCJ-JC-001"]
    assert [p.code for p in comparison.removed] == ["SCJ-XK-001"]
    (change,) = comparison.changed
    fields = {item.name: (item.old, item.new) for item in change.fields}
    assert fields["code"] == ("SCJ-CF-001", "SCJ-CF-001A")
    assert fields["category"] == ("行政处罚", "行政强制")
    assert fields["bases"][1] == "《中华人民共和国食品安全法》第一百一十条"
    assert "name" not in fields and comparison.unchanged == 0
    assert selectors.compare(second, first).added == comparison.added  # order of the arguments does not matter


def test_publish_by_head_or_office_only(market, people, city):
    clerk = people["market_clerk"]
    services.open_draft(market, actor=clerk, reason_kind="initial", reason="初次编制。")
    services.add_power(market, actor=clerk, **power_data())
    draft = services.draft_version(market)

    with pytest.raises(Forbidden) as refused:
        services.publish_version(draft, actor=clerk)
    assert "发布权责清单" in refused.value.detail
    with pytest.raises(NotFound):
        services.publish_version(draft, actor=people["ecology_clerk"])
    with pytest.raises(NotFound):
        services.publish_version(draft, actor=people["county_office"])
    assert services.draft_version(market) == draft

    published = services.publish_version(draft, actor=people["office"])  # the city's 依法行政办
    assert published.status == VersionStatus.PUBLISHED and published.published_by == people["office"]
    assert AuditEvent.objects.filter(action="powers.version_published", object_id=str(draft.pk)).exists()


def test_publish_refused_without_powers_or_bases(market, people):
    draft = services.open_draft(market, actor=people["market_clerk"], reason_kind="initial", reason="初次编制。")
    with pytest.raises(Conflict) as refused:
        services.publish_version(draft, actor=people["market_head"])
    assert "还没有职权事项" in refused.value.detail
    assert PowerListVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_discarded_draft_leaves_the_current_list(market, people):
    first = published_list(market, people["market_clerk"], people["market_head"])
    draft = services.open_draft(market, actor=people["market_clerk"], reason_kind="other", reason="试编。")
    services.discard_draft(draft, actor=people["market_clerk"])
    assert services.current_version(market) == first
    assert PowerListVersion.objects.get(pk=draft.pk).status == VersionStatus.DISCARDED


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"category": "penalties"}, "category", "职权类别应为以下之一"),
        ({"category": None}, "category", "职权类别应为以下之一"),
        ({"name": "  "}, "name", "请填写事项名称"),
        ({"name": 12}, "name", "事项名称应为文本"),
        ({"bases": []}, "bases", "请至少填写一项设定依据"),
        ({"bases": ["行政处罚法第十八条"]}, "bases", "应写作《法律法规名称》加条款"),
        ({"bases": "《》第一条"}, "bases", "应写作《法律法规名称》加条款"),
        ({"status": "gone"}, "status", "实施状态应为以下之一"),
        ({"code": "x" * 51}, "code", "不能超过 50 个字"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(market, people, overrides, field, message):
    clerk = people["market_clerk"]
    services.open_draft(market, actor=clerk, reason_kind="initial", reason="初次编制。")
    with pytest.raises(InvalidInput) as refused:
        services.add_power(market, actor=clerk, **power_data(**overrides))
    assert message in refused.value.detail and field in refused.value.errors
    assert not Power.objects.exists()


def test_missing_name_and_wrong_reason_kind(market, people):
    data = power_data()
    del data["name"]
    with pytest.raises(InvalidInput) as refused:
        services.add_power(market, actor=people["market_clerk"], reason_kind="initial", reason="初次编制。", **data)
    assert "name" in refused.value.errors
    with pytest.raises(InvalidInput):
        services.open_draft(market, actor=people["market_clerk"], reason_kind="law_changed", reason="原因")
    assert not PowerListVersion.objects.exists()


def test_duplicate_code_in_a_version_is_refused(market, people):
    clerk = people["market_clerk"]
    services.open_draft(market, actor=clerk, reason_kind="initial", reason="初次编制。")
    services.add_power(market, actor=clerk, **power_data())
    with pytest.raises(InvalidInput) as refused:
        services.add_power(market, actor=clerk, **power_data(name="另一事项"))
    assert "已被使用" in refused.value.detail


def test_another_bodys_clerk_cannot_change_the_list(market, people, city):
    first = published_list(market, people["market_clerk"], people["market_head"])
    intruder = people["ecology_clerk"]
    with pytest.raises(NotFound):
        services.add_power(market, actor=intruder, reason_kind="other", reason="越权。", **power_data(code="X-1"))
    with pytest.raises(NotFound):
        services.update_power(first.powers.get(), actor=intruder, reason_kind="other", reason="越权。", name="越权")
    evaluator = make_user(roles=[(city["government"], Role.EVALUATOR)])  # sees, may not change
    with pytest.raises(Forbidden):
        services.open_draft(market, actor=evaluator, reason_kind="other", reason="越权。")
    assert PowerListVersion.objects.count() == 1
