"""The yearly scheme (seed art. 48): the default tree, validation, the approval workflow, the lock
and the copy to the next year."""

from decimal import Decimal

import pytest

from fazhi.assessment import services
from fazhi.assessment.choices import Method, SchemeStatus, Scoring
from fazhi.assessment.models import Indicator, Member, Scheme
from fazhi.core.choices import EvaluationGroup
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.obligations import checks


@pytest.fixture
def scheme(grouped, people):
    return services.create_scheme(actor=people["office"], government=grouped["government"], year=2026)


def _ready(scheme, people):
    services.set_evaluators(scheme, actor=people["office"], users=[people["evaluator"].pk])
    return scheme


def _events(scheme) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="assessment.scheme", object_id=str(scheme.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_default_tree_has_the_seven_areas_of_art_47_summing_to_100(scheme):
    tops = list(scheme.indicators.filter(parent=None).order_by("position"))
    assert [t.name for t in tops] == [
        "依法行政制度建设",
        "行政决策",
        "规范文明行政执法",
        "推进政务公开",
        "自觉接受监督",
        "依法有效化解社会矛盾纠纷",
        "依法行政能力和保障",
    ]
    assert sum(t.points for t in tops) == 100
    leaves = Indicator.objects.filter(scheme=scheme, children__isnull=True)
    assert all(leaf.parent.parent.parent_id is None for leaf in leaves)  # three levels
    by_article = {leaf.articles[0]: leaf for leaf in leaves}
    assert by_article[10].method == Method.AUTOMATIC and by_article[10].scoring == Scoring.PROPORTIONAL
    assert by_article[43].method == Method.MANUAL  # 宣传法治政府建设 is scored by evaluators
    for article, leaf in by_article.items():
        assert (leaf.method == Method.AUTOMATIC) == (checks.get_check(article) is not None), article


def test_members_come_from_the_bodies_evaluation_groups(scheme, grouped):
    members = dict(Member.objects.filter(scheme=scheme).values_list("body__name", "group"))
    assert members == {
        "江门市市场监督管理局": EvaluationGroup.CITY_DEPARTMENTS,
        "江门市生态环境局": EvaluationGroup.CITY_DEPARTMENTS,
        "蓬江区人民政府": EvaluationGroup.COUNTY_GOVERNMENTS,
    }
    assert scheme.title == "江门市人民政府2026年度依法行政考评方案"


def test_the_default_only_lacks_its_evaluators(scheme, people):
    assert services.problems(scheme) == ["有人工评分指标，但尚未确定考评组成人员"]
    _ready(scheme, people)
    assert services.problems(scheme) == []


def test_points_that_do_not_add_up_are_named(scheme, people):
    _ready(scheme, people)
    area = scheme.indicators.get(parent=None, position=1)
    services.update_indicator(area, actor=people["office"], points="16")
    found = services.problems(scheme)
    assert "一级指标分值合计为101.00分，应为100分" in found
    assert "“依法行政制度建设”的下级指标合计15.00分，与其分值16.00分不符" in found
    with pytest.raises(Conflict, match="方案尚不完整"):
        services.submit(scheme, actor=people["office"])
    assert Scheme.objects.get(pk=scheme.pk).status == SchemeStatus.DRAFT


def test_a_weight_under_10_percent_is_refused_and_nothing_changes(scheme, people):
    with pytest.raises(InvalidInput, match="不得低于百分之十"):
        services.update_scheme(scheme, actor=people["office"], performance_weight="9.99", bonus_cap="3")
    scheme.refresh_from_db()
    assert scheme.performance_weight == 10 and scheme.bonus_cap == 5
    services.update_scheme(scheme, actor=people["office"], performance_weight="12.5")
    scheme.refresh_from_db()
    assert scheme.performance_weight == Decimal("12.50")


def test_internal_and_social_weights_must_add_to_100(scheme, people):
    _ready(scheme, people)
    scheme = services.update_scheme(scheme, actor=people["office"], social_weight="30")
    assert services.problems(scheme) == ["内部考核与社会评议权重合计为110.00%，应为100%"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("internal_weight", "abc", "应为数字"),
        ("internal_weight", "101", "应在0至100之间"),
        ("bonus_cap", "1.234", "最多保留两位小数"),
        ("share", "20.5", "应为1至50的整数"),
        ("quota", "ceiling", "应为以下之一"),
        ("exclusive_bounds", "maybe", "应为“是”或“否”"),
        ("title", "", "请填写方案名称"),
        ("status", "approved", "未知字段"),
    ],
)
def test_bad_settings_are_refused(scheme, people, field, value, message):
    with pytest.raises(InvalidInput, match=message):
        services.update_scheme(scheme, actor=people["office"], **{field: value})


def test_leaves_must_be_scorable(scheme, people):
    _ready(scheme, people)
    area = scheme.indicators.get(parent=None, position=7)
    middle = services.add_indicator(scheme, actor=people["office"], parent=area.pk, name="创新示范", points="0")
    leaf = services.add_indicator(
        scheme, actor=people["office"], parent=middle.pk, name="按项扣分", points="0", method="automatic"
    )
    found = services.problems(scheme)
    assert "自动计分指标“按项扣分”未对应若干意见条目" in found
    assert "自动计分指标“按项扣分”未设计分规则" in found
    services.update_indicator(leaf, actor=people["office"], articles=[48], scoring="per_failure")
    found = services.problems(scheme)
    assert "自动计分指标“按项扣分”对应的第48项尚无义务检查" in found
    assert "指标“按项扣分”按项扣分，须设每项扣分" in found


def test_indicators_are_at_most_three_levels(scheme, people):
    leaf = Indicator.objects.filter(scheme=scheme, children__isnull=True).first()
    with pytest.raises(InvalidInput, match="最多分三级"):
        services.add_indicator(scheme, actor=people["office"], parent=leaf.pk, name="第四级", points="1")
    with pytest.raises(InvalidInput, match="若干意见没有第57项"):
        services.update_indicator(leaf, actor=people["office"], articles=[57])
    with pytest.raises(InvalidInput, match="有下级指标的指标不直接评分"):
        services.update_indicator(leaf.parent, actor=people["office"], method="manual")


def test_another_schemes_indicator_is_not_a_parent(scheme, grouped, people):
    other = services.create_scheme(actor=people["office"], government=grouped["government"], year=2027)
    with pytest.raises(InvalidInput, match="上级指标不属于本方案"):
        services.add_indicator(scheme, actor=people["office"], parent=other.indicators.first().pk, name="x", points=1)


def test_submitted_approved_then_locked(scheme, people, mayor):
    _ready(scheme, people)
    services.submit(scheme, actor=people["office"])
    with pytest.raises(Conflict, match="不能修改"):
        services.update_scheme(scheme, actor=people["office"], bonus_cap="3")
    with pytest.raises(Forbidden):
        services.approve(scheme, actor=people["office"])
    services.approve(scheme, actor=mayor, reference="江府函〔2026〕12号")
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.APPROVED and scheme.approved_by == mayor
    for change in (
        lambda: services.update_indicator(scheme.indicators.first(), actor=people["office"], points="1"),
        lambda: services.remove_indicator(scheme.indicators.first(), actor=people["office"]),
        lambda: services.set_member(
            scheme, actor=people["office"], body=scheme.members.first().body, group="city_departments"
        ),
        lambda: services.set_deduction_rule(scheme, actor=people["office"], kind="interview", points=1, cap=2),
    ):
        with pytest.raises(Conflict):
            change()
    with pytest.raises(Conflict, match="当前状态为“已批准（锁定）”"):
        services.return_scheme(scheme, actor=mayor, reason="再议")
    assert _events(scheme) == [
        "assessment.scheme_created",
        "assessment.evaluators_set",
        "assessment.scheme_submit",
        "assessment.scheme_approve",
    ]


def test_the_government_returns_a_scheme_with_a_reason(scheme, people, mayor):
    _ready(scheme, people)
    services.submit(scheme, actor=people["office"])
    with pytest.raises(InvalidInput, match="请填写退回理由"):
        services.return_scheme(scheme, actor=mayor, reason=" ")
    services.return_scheme(scheme, actor=mayor, reason="社会评议权重偏低")
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.DRAFT and scheme.returned_reason == "社会评议权重偏低"


def test_only_the_office_of_the_government_drafts(grouped, people):
    with pytest.raises(NotFound):
        services.create_scheme(actor=people["market_clerk"], government=grouped["government"], year=2026)
    with pytest.raises(InvalidInput, match="请选择人民政府"):
        services.create_scheme(actor=people["office"], government=grouped["market"], year=2026)
    with pytest.raises(InvalidInput, match="考评年度应为2000至2100"):
        services.create_scheme(actor=people["office"], government=grouped["government"], year="二〇二六")
    services.create_scheme(actor=people["office"], government=grouped["government"], year=2026)
    with pytest.raises(Conflict, match="已经存在"):
        services.create_scheme(actor=people["office"], government=grouped["government"], year=2026)
    assert Scheme.objects.count() == 1


def test_members_are_bodies_of_the_government(scheme, grouped, people):
    from fazhi.core.testing import make_body

    elsewhere = make_body("广州市司法局", code="gz-sfj")
    with pytest.raises(InvalidInput, match="本级政府所属的单位"):
        services.set_member(scheme, actor=people["office"], body=elsewhere.pk, group="city_departments")
    with pytest.raises(InvalidInput, match="不是考评对象"):
        services.set_member(scheme, actor=people["office"], body=grouped["government"].pk, group="city_departments")
    with pytest.raises(InvalidInput, match="请选择考评组别"):
        services.set_member(scheme, actor=people["office"], body=grouped["county_market"].pk, group="")
    services.set_member(scheme, actor=people["office"], body=grouped["county_market"].pk, group="city_departments")
    services.remove_member(scheme, actor=people["office"], body=grouped["ecology"].pk)
    assert set(scheme.members.values_list("body__code", flat=True)) == {"jm-scj", "pj", "pj-scj"}


def test_evaluators_must_reach_the_government(scheme, people):
    with pytest.raises(InvalidInput, match="不是本级考评员"):
        services.set_evaluators(scheme, actor=people["office"], users=[people["market_clerk"].pk])
    with pytest.raises(InvalidInput, match="请指定考评组成人员"):
        services.set_evaluators(scheme, actor=people["office"], users=["99999999999"])
    assert not scheme.evaluators.exists()


def test_copied_to_the_next_year_as_a_draft_with_everything(scheme, people, mayor):
    _ready(scheme, people)
    services.update_scheme(scheme, actor=people["office"], bonus_cap="4", quota="nearest")
    services.submit(scheme, actor=people["office"])
    services.approve(scheme, actor=mayor)
    copy = services.copy_to_next_year(scheme, actor=people["office"])
    assert (copy.year, copy.status, copy.copied_from) == (2027, SchemeStatus.DRAFT, scheme)
    assert copy.title == "江门市人民政府2027年度依法行政考评方案"
    assert (copy.bonus_cap, copy.quota) == (Decimal("4.00"), "nearest")
    assert copy.indicators.count() == scheme.indicators.count()
    assert copy.indicators.filter(parent=None).count() == 7
    assert not copy.indicators.filter(parent__scheme=scheme).exists()
    assert copy.members.count() == scheme.members.count() == 3
    assert list(copy.evaluators.all()) == [people["evaluator"]]
    assert services.problems(copy) == []
    with pytest.raises(Conflict, match="2027年度的考评方案已经存在"):
        services.copy_to_next_year(scheme, actor=people["office"])
