"""Discretion benchmarks (seed art. 18), the legal-review catalog (art. 21) and enforcement settings:
services, band selection, the checks, the API and pages, the portal."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, User
from fazhi.core.testing import Role, api_client, make_body, make_user
from fazhi.enforcement import benchmarks, selectors
from fazhi.enforcement.choices import BenchmarkStatus as B
from fazhi.enforcement.models import Benchmark, BenchmarkBand, Case, EnforcementSettings, ReviewCatalogEntry
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def _refused(run, fragment, exc=Conflict):
    with pytest.raises(exc) as caught:
        run()
    assert fragment in str(caught.value.detail), caught.value.detail
    return caught.value


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def staff(city, people):
    """The market bureau's clerk drafts, its legal section reviews, its head publishes."""
    market = city["market"]
    return {
        "clerk": people["market_clerk"],
        "legal": make_user("market_legal", roles=[(market, Role.LEGAL_REVIEWER)]),
        "head": people["market_head"],
    }


FOOD = {
    "code": "SCJ-SP-124",
    "violation": "销售不符合食品安全标准的食品",
    "violated_provision": "《中华人民共和国食品安全法》第三十四条第二项",
    "penalty_provision": "《中华人民共和国食品安全法》第一百二十四条第一款第一项",
}
BANDS = [
    {"label": "首违不罚", "first_violation": True, "harm": "none", "amount_below": "1000", "no_penalty": True},
    {"label": "从轻", "amount_below": "10000", "harm": "minor", "fine_min": "50000", "fine_max": "65000"},
    {"label": "从重", "amount_below": "10000", "harm": "serious", "fine_min": "85000", "fine_max": "100000"},
    {"label": "一般", "amount_below": "10000", "fine_min": "65000", "fine_max": "85000"},
    {"label": "货值一万元以上", "amount_from": "10000", "other_penalties": "处货值金额十倍以上二十倍以下罚款"},
]


def _draft(city, staff, *, bands=BANDS, **overrides):
    benchmark = benchmarks.create_benchmark(actor=staff["clerk"], body=city["market"], **{**FOOD, **overrides})
    for band in bands:
        benchmarks.add_band(benchmark, actor=staff["clerk"], **band)
    return benchmark


def _published(city, staff, **kwargs):
    benchmark = _draft(city, staff, **kwargs)
    benchmarks.review(benchmark, actor=staff["legal"])
    return benchmarks.publish(benchmark, actor=staff["head"])


# --- benchmarks --------------------------------------------------------------------------------


def test_each_step_refused_with_its_reason_then_allowed(city, people, staff):
    benchmark = _draft(city, staff, bands=[])
    assert benchmark.status == B.DRAFT
    _refused(lambda: benchmarks.publish(benchmark, actor=staff["head"]), "须经法制机构审核后方可向社会公布")
    _refused(lambda: benchmarks.review(benchmark, actor=staff["legal"]), "还没有裁量阶次")
    benchmarks.add_band(benchmark, actor=staff["clerk"], **BANDS[3])
    _refused(lambda: benchmarks.review(benchmark, actor=staff["clerk"]), "您没有“法制审核通过”的权限", Forbidden)
    _refused(lambda: benchmarks.review(benchmark, actor=people["ecology_clerk"]), "未找到", NotFound)
    benchmark = benchmarks.review(benchmark, actor=staff["legal"])
    assert (
        benchmark.status == B.REVIEWED and benchmark.reviewed_on == TODAY() and benchmark.reviewed_by == staff["legal"]
    )
    _refused(lambda: benchmarks.publish(benchmark, actor=staff["clerk"]), "您没有“向社会公布”的权限", Forbidden)
    _refused(
        lambda: benchmarks.publish(benchmark, actor=staff["head"], published_on=TODAY() - DAY),
        "公布日期不能早于审核日期",
        InvalidInput,
    )
    benchmark = benchmarks.publish(benchmark, actor=staff["head"])
    assert benchmark.status == B.PUBLISHED and benchmark.published_on == TODAY()
    _refused(lambda: benchmarks.publish(benchmark, actor=staff["head"]), "当前状态为“已公布”")
    events = AuditEvent.objects.filter(object_type="enforcement.benchmark").values_list("action", flat=True)
    assert list(events) == [
        "enforcement.benchmark_created",
        "enforcement.benchmark_reviewed",
        "enforcement.benchmark_published",
    ]


def test_only_enforcement_bodies_draft_benchmarks_with_unique_codes(city, people, staff):
    _draft(city, staff, bands=[])
    _refused(lambda: _draft(city, staff, bands=[]), "已有编码为SCJ-SP-124的裁量基准")
    _refused(
        lambda: benchmarks.create_benchmark(actor=people["office"], body=city["government"], **FOOD),
        "不是行政执法机关",
        InvalidInput,
    )
    _refused(
        lambda: benchmarks.create_benchmark(actor=people["ecology_clerk"], body=city["market"], **FOOD),
        "未找到",
        NotFound,
    )
    for data, field in (({**FOOD, "code": ""}, "code"), ({**FOOD, "colour": "红"}, "colour")):
        with pytest.raises(InvalidInput) as caught:
            benchmarks.create_benchmark(actor=staff["clerk"], body=city["market"], **data)
        assert field in caught.value.errors
    assert Benchmark.objects.count() == 1


def test_band_conditions_and_penalties_are_checked(city, staff):
    benchmark = _draft(city, staff, bands=[])
    bad = [
        ({"label": "甲", "fine_min": "500", "fine_max": "100"}, "fine_max", "罚款上限不能低于罚款下限"),
        ({"label": "甲", "no_penalty": True, "fine_max": "100"}, "no_penalty", "不予处罚的阶次不能设定罚款"),
        ({"label": "甲"}, "fine_max", "请写明该阶次的罚款幅度或其他处罚"),
        ({"label": "甲", "amount_from": "100", "amount_below": "100", "fine_max": "1"}, "amount_below", "应大于"),
        ({"label": "甲", "fine_max": "-1"}, "fine_max", "不能为负数"),
        ({"label": "甲", "fine_max": "1.001"}, "fine_max", "最多保留两位小数"),
        ({"label": "甲", "fine_max": "很多"}, "fine_max", "应为数字"),
        ({"label": "甲", "fine_max": "1", "harm": "fatal"}, "harm", "危害后果应为以下之一"),
        ({"label": "甲", "fine_max": "1", "first_violation": "maybe"}, "first_violation", "应为“是”或“否”"),
        ({"label": "", "fine_max": "1"}, "label", "请填写裁量阶次"),
        ({"label": "甲", "fine_max": "1", "order": 0}, "order", "序号应在1至999之间"),
    ]
    for data, field, message in bad:
        with pytest.raises(InvalidInput) as caught:
            benchmarks.add_band(benchmark, actor=staff["clerk"], **data)
        assert field in caught.value.errors and message in caught.value.detail, (data, caught.value.detail)
    assert not BenchmarkBand.objects.exists()
    first = benchmarks.add_band(benchmark, actor=staff["clerk"], label="一般", fine_min="100", fine_max="1000")
    second = benchmarks.add_band(benchmark, actor=staff["clerk"], label="较重", fine_min="1000", fine_max="3000")
    assert (first.order, second.order) == (1, 2)
    _refused(
        lambda: benchmarks.change_band(second, actor=staff["clerk"], order=1), "序号1已被其他阶次使用", InvalidInput
    )
    changed = benchmarks.change_band(first, actor=staff["clerk"], fine_max="900")
    assert changed.fine_max == Decimal("900.00") and changed.fine_min == Decimal("100.00")
    _refused(
        lambda: benchmarks.change_band(first, actor=staff["clerk"], fine_min="950"), "罚款上限不能低于", InvalidInput
    )


def test_band_for_picks_the_first_band_whose_conditions_all_match(city, staff):
    benchmark = _draft(city, staff)

    def band(amount, first, harm):
        found = selectors.band_for(benchmark, amount_involved=amount, first_violation=first, harm=harm)
        return found.label if found else None

    assert band(Decimal("500"), True, "none") == "首违不罚"
    assert band(Decimal("500"), False, "none") == "一般", "not a first violation: the no-penalty band does not match"
    assert band(Decimal("5000"), True, "minor") == "从轻"
    assert band(Decimal("5000"), None, "serious") == "从重"
    assert band(Decimal("9999.99"), None, "") == "一般"
    assert band(Decimal("10000"), True, "none") == "货值一万元以上", "the lower bound is included, the upper one not"
    assert band(None, None, "") is None, "an amount condition does not match an unknown amount"
    only_harm = _draft(city, staff, code="SCJ-X", bands=[{"label": "严重", "harm": "serious", "fine_max": "1"}])
    assert selectors.band_for(only_harm, amount_involved=None, first_violation=None, harm="minor") is None


def test_a_published_benchmark_is_frozen_and_a_new_version_supersedes_it(city, people, staff):
    benchmark = _published(city, staff)
    band = benchmark.bands.first()
    for run in (
        lambda: benchmarks.add_band(benchmark, actor=staff["clerk"], label="新", fine_max="1"),
        lambda: benchmarks.change_band(band, actor=staff["clerk"], label="改"),
        lambda: benchmarks.remove_band(band, actor=staff["clerk"]),
        lambda: benchmarks.change_benchmark(benchmark, actor=staff["clerk"], violation="改"),
        lambda: benchmarks.discard_benchmark(benchmark, actor=staff["clerk"]),
    ):
        _refused(run, "已向社会公布，不能再修改")
    assert [b.label for b in benchmark.bands.order_by("order")] == [b["label"] for b in BANDS]
    draft = benchmarks.new_version(benchmark, actor=staff["clerk"])
    assert draft.status == B.DRAFT and draft.replaces == benchmark and draft.code == benchmark.code
    assert draft.bands.count() == len(BANDS)
    _refused(lambda: benchmarks.new_version(benchmark, actor=staff["clerk"]), "已有制定中的新版本")
    benchmarks.change_band(draft.bands.get(order=2), actor=staff["clerk"], fine_min="55000")
    benchmarks.review(draft, actor=staff["legal"])
    _refused(lambda: benchmarks.change_band(draft.bands.get(order=2), actor=staff["clerk"], label="x"), "已经法制审核")
    benchmarks.reopen(draft, actor=staff["clerk"])
    assert Benchmark.objects.get(pk=draft.pk).reviewed_on is None
    benchmarks.review(draft, actor=staff["legal"])
    assert Benchmark.objects.get(pk=benchmark.pk).status == B.PUBLISHED, "in force until the new version is published"
    benchmarks.publish(draft, actor=staff["head"])
    assert Benchmark.objects.get(pk=benchmark.pk).status == B.SUPERSEDED
    assert benchmark.bands.get(order=2).fine_min == Decimal("50000.00"), "the old version is untouched"
    assert AuditEvent.objects.filter(action="enforcement.benchmark_superseded", object_id=str(benchmark.pk)).exists()


# --- the legal-review catalog ------------------------------------------------------------------


def test_catalog_entries_are_published_by_the_head_and_then_frozen(city, people, staff):
    _refused(
        lambda: benchmarks.add_entry(actor=staff["clerk"], body=city["market"], matter="吊销许可证件"),
        "请选择处罚种类或填写罚款数额",
        InvalidInput,
    )
    _refused(
        lambda: benchmarks.add_entry(actor=staff["clerk"], body=city["market"], matter="甲", penalty_kinds=["jail"]),
        "处罚种类应为以下选项的列表",
        InvalidInput,
    )
    _refused(
        lambda: benchmarks.add_entry(actor=staff["clerk"], body=city["market"], matter="甲", fine_from="0"),
        "应大于零",
        InvalidInput,
    )
    revoke = benchmarks.add_entry(
        actor=staff["clerk"],
        body=city["market"],
        matter="吊销许可证件、责令停产停业",
        penalty_kinds=["revoke_licence", "suspend_business"],
    )
    big = benchmarks.add_entry(actor=staff["clerk"], body=city["market"], matter="较大数额罚款", fine_from="100000")
    case = Case(body=city["market"], penalty_kinds=["fine"], fine=Decimal("200000"))
    assert selectors.review_required_by_catalog(case) is None, "not published yet"
    _refused(
        lambda: benchmarks.publish_catalog(actor=staff["clerk"], body=city["market"]),
        "您没有“公布重大执法决定法制审核目录”的权限",
        Forbidden,
    )
    published = benchmarks.publish_catalog(actor=staff["head"], body=city["market"])
    assert [entry.pk for entry in published] == [revoke.pk, big.pk]
    assert selectors.review_required_by_catalog(case) == big
    assert selectors.review_required_by_catalog(Case(body=city["market"], penalty_kinds=["revoke_licence"])) == revoke
    assert (
        selectors.review_required_by_catalog(Case(body=city["market"], penalty_kinds=["fine"], fine=Decimal("99999")))
        is None
    )
    assert selectors.review_required_by_catalog(Case(body=city["ecology"], penalty_kinds=["revoke_licence"])) is None
    _refused(lambda: benchmarks.remove_entry(big, actor=staff["clerk"]), "已向社会公布，不能删除")
    _refused(lambda: benchmarks.publish_catalog(actor=staff["head"], body=city["market"]), "没有待公布的目录事项")
    draft = benchmarks.add_entry(
        actor=staff["clerk"], body=city["market"], matter="没收较大数额违法所得", penalty_kinds=["confiscate_gains"]
    )
    benchmarks.remove_entry(draft, actor=staff["clerk"])
    assert ReviewCatalogEntry.objects.count() == 2


# --- settings ------------------------------------------------------------------------------------


def test_settings_default_to_guangdong_practice_and_are_saved_by_the_head(city, people, staff):
    defaults = selectors.settings_of(city["market"])
    assert defaults.pk is None and defaults.hearing_fine_person == Decimal("10000.00")
    assert (defaults.hearing_fine_organisation, defaults.publish_within_days) == (Decimal("100000.00"), 7)
    assert defaults.publish_for_days == 365 * 3 and defaults.decision_period == "penalty-decide"
    _refused(
        lambda: benchmarks.save_settings(city["market"], actor=staff["clerk"], hearing_fine_person="5000"),
        "您没有“配置行政执法”的权限",
        Forbidden,
    )
    bad = [
        ({"decision_period": "petition-handle"}, "decision_period"),
        ({"hearing_fine_person": "0"}, "hearing_fine_person"),
        ({"hearing_fine_organisation": "-5"}, "hearing_fine_organisation"),
        ({"publish_within_days": 0}, "publish_within_days"),
        ({"publish_for_days": "三年"}, "publish_for_days"),
        ({"colour": "红"}, "colour"),
    ]
    for data, field in bad:
        with pytest.raises(InvalidInput) as caught:
            benchmarks.save_settings(city["market"], actor=staff["head"], **data)
        assert field in caught.value.errors, data
    assert not EnforcementSettings.objects.exists()
    saved = benchmarks.save_settings(
        city["market"], actor=staff["head"], hearing_fine_person="5000", serious_fine_from="500000"
    )
    assert (
        saved.pk
        and saved.hearing_fine_person == Decimal("5000.00")
        and saved.hearing_fine_organisation == Decimal("100000.00")
    )
    assert selectors.settings_of(city["market"]) == saved
    assert (
        benchmarks.save_settings(city["market"], actor=people["office"], publish_within_days=5).publish_within_days == 5
    )


# --- arts. 18 and 21 -----------------------------------------------------------------------------


def _decided(body, benchmark, *, fine, reason="", **facts):
    return Case.objects.create(
        body=body,
        cause="销售不符合食品安全标准的食品案",
        party_kind="organisation",
        party_name="某食品公司",
        filed_on=TODAY(),
        decided_on=TODAY(),
        benchmark=benchmark,
        penalty_kinds=["fine"],
        fine=fine,
        out_of_band_reason=reason,
        **facts,
    )


def test_art_18_a_published_benchmark_and_reasons_for_penalties_outside_the_band(city, people, staff):
    checks.autodiscover()
    market, year = city["market"], TODAY().year
    draft = _draft(city, staff)
    result = checks.run(18, [market], year, TODAY())[market.pk]
    assert result.status == "not_met" and "尚未公布" in result.summary
    benchmarks.review(draft, actor=staff["legal"])
    benchmark = benchmarks.publish(draft, actor=staff["head"])
    assert checks.run(18, [market], year, TODAY())[market.pk].status == "met"
    assert checks.run(18, [market], year, TODAY() - DAY)[market.pk].status == "not_met", "not yet published then"
    _decided(market, benchmark, fine=Decimal("60000"), amount_involved=Decimal("5000"), harm="minor")
    outside = _decided(market, benchmark, fine=Decimal("30000"), amount_involved=Decimal("5000"), harm="minor")
    explained = _decided(
        market,
        benchmark,
        fine=Decimal("40000"),
        amount_involved=Decimal("5000"),
        harm="minor",
        reason="主动消除危害后果，减轻处罚",
    )
    result = checks.run(18, [market], year, TODAY())[market.pk]
    assert result.status == "not_met" and [ref.id for ref in result.failing] == [outside.pk]
    assert (result.numerator, result.denominator) == (2, 3) and explained.pk in [ref.id for ref in result.evidence]
    Case.objects.filter(pk=outside.pk).update(out_of_band_reason="当事人系初次违法且积极配合调查，依法减轻处罚")
    assert checks.run(18, [market], year, TODAY())[market.pk].status == "met"


def test_art_21_met_once_the_catalog_is_published(city, staff):
    checks.autodiscover()
    market, year = city["market"], TODAY().year
    benchmarks.add_entry(actor=staff["clerk"], body=market, matter="吊销许可证件", penalty_kinds=["revoke_licence"])
    assert checks.run(21, [market], year, TODAY())[market.pk].status == "not_met"
    benchmarks.publish_catalog(actor=staff["head"], body=market, published_on=TODAY() - 2 * DAY)
    result = checks.run(21, [market, city["government"]], year, TODAY())
    assert result[market.pk].status == "met" and "现列事项 1 项" in result[market.pk].summary
    assert result[city["government"].pk].status == "not_applicable"
    assert checks.run(21, [market], year, TODAY() - 3 * DAY)[market.pk].status == "not_met"


@pytest.mark.parametrize("article", [18, 21])
def test_arts_18_and_21_query_bound(city, staff, article):
    benchmark = _published(city, staff)
    _decided(city["market"], benchmark, fine=Decimal("60000"), amount_involved=Decimal("5000"), harm="minor")
    benchmarks.add_entry(
        actor=staff["clerk"], body=city["market"], matter="吊销许可证件", penalty_kinds=["revoke_licence"]
    )
    benchmarks.publish_catalog(actor=staff["head"], body=city["market"])

    def make(n):
        return [
            city["market"],
            *(make_body(parent=city["government"], is_enforcement_agency=True) for _ in range(n - 1)),
        ]

    assert_check_queries_bounded(article, make, year=TODAY().year, as_of=TODAY(), max_queries=4)


# --- API -------------------------------------------------------------------------------------------


def test_api_walk_with_refusals_and_bad_input(city, people, staff):
    clerk, legal, head = api_client(staff["clerk"]), api_client(staff["legal"]), api_client(staff["head"])
    created = clerk.post(
        "/api/v1/enforcement-benchmarks/", {"body": city["market"].pk, **FOOD, "violation": SCRIPT}, format="json"
    )
    assert created.status_code == 201 and created.json()["status"] == "draft" and created.json()["violation"] == SCRIPT
    url = f"/api/v1/enforcement-benchmarks/{created.json()['id']}/"
    for data, field in (
        ({"label": "甲", "fine_min": 500, "fine_max": 100}, "fine_max"),
        ({"label": "甲", "no_penalty": True, "fine_max": "1"}, "no_penalty"),
        ({"label": ["甲"], "fine_max": "1"}, "label"),
        ({"label": "甲", "fine_max": True}, "fine_max"),
    ):
        response = clerk.post(f"{url}add-band/", data, format="json")
        assert response.status_code == 400 and field in response.json()["errors"], (data, response.json())
    assert not BenchmarkBand.objects.exists()
    assert clerk.post(f"{url}add-band/", ["x"], format="json").status_code == 400
    early = head.post(f"{url}publish/", {}, format="json")
    assert early.status_code == 409 and "法制机构审核" in early.json()["detail"]
    added = clerk.post(f"{url}add-band/", {"label": "一般", "fine_min": "65000", "fine_max": "85000"}, format="json")
    assert added.status_code == 201 and added.json()["order"] == 1 and added.json()["fine_max"] == "85000.00"
    band_url = f"/api/v1/enforcement-benchmark-bands/{added.json()['id']}/"
    assert clerk.patch(band_url, {"harm": "general"}, format="json").json()["harm_label"] == "造成一定危害后果"
    assert clerk.post(f"{url}review/", {}, format="json").status_code == 403
    assert {a["name"] for a in legal.get(url).json()["actions"]} == {"review"}
    assert legal.post(f"{url}review/", {}, format="json").json()["status"] == "reviewed"
    assert clerk.patch(band_url, {"label": "改"}, format="json").status_code == 409
    published = head.post(f"{url}publish/", {}, format="json")
    assert published.status_code == 200 and published.json()["published_on"] == TODAY().isoformat()
    assert clerk.delete(url).status_code == 409
    version = clerk.post(f"{url}new-version/", {}, format="json")
    assert version.status_code == 201 and version.json()["replaces"] == created.json()["id"]
    assert len(version.json()["bands"]) == 1
    public = api_client().get("/api/v1/public/enforcement-benchmarks/").json()["results"]
    assert [row["id"] for row in public] == [created.json()["id"]], "the new draft is not public"


def test_api_catalog_and_settings(city, people, staff):
    clerk, head = api_client(staff["clerk"]), api_client(staff["head"])
    bad = clerk.post("/api/v1/review-catalog-entries/", {"body": city["market"].pk, "matter": "甲"}, format="json")
    assert bad.status_code == 400 and "penalty_kinds" in bad.json()["errors"]
    entry = clerk.post(
        "/api/v1/review-catalog-entries/",
        {"body": city["market"].pk, "matter": "吊销许可证件", "penalty_kinds": ["revoke_licence"]},
        format="json",
    )
    assert entry.status_code == 201 and entry.json()["penalty_kind_labels"] == ["吊销许可证件"]
    publish = "/api/v1/review-catalog-entries/publish/"
    assert clerk.post(publish, {"body": city["market"].pk}, format="json").status_code == 403
    done = head.post(publish, {"body": city["market"].pk}, format="json")
    assert done.status_code == 200 and done.json()[0]["published_on"] == TODAY().isoformat()
    assert clerk.delete(f"/api/v1/review-catalog-entries/{entry.json()['id']}/").status_code == 409
    settings_url = f"/api/v1/enforcement-settings/{city['market'].pk}/"
    shown = clerk.get(settings_url).json()
    assert shown["saved"] is False and shown["hearing_fine_person"] == "10000.00"
    assert clerk.patch(settings_url, {"hearing_fine_person": "5000"}, format="json").status_code == 403
    wrong = head.patch(settings_url, {"decision_period": "seizure"}, format="json")
    assert wrong.status_code == 400 and "decision_period" in wrong.json()["errors"]
    saved = head.patch(settings_url, {"hearing_fine_person": "5000"}, format="json")
    assert (
        saved.status_code == 200 and saved.json()["saved"] is True and saved.json()["hearing_fine_person"] == "5000.00"
    )
    assert api_client(people["ecology_clerk"]).get(settings_url).status_code == 404
    assert clerk.get(f"/api/v1/enforcement-settings/{city['government'].pk}/").status_code == 404


def test_api_another_bodys_ids_are_404_and_change_nothing(city, people, staff):
    benchmark = _draft(city, staff)
    band = benchmark.bands.first()
    entry = benchmarks.add_entry(
        actor=staff["clerk"], body=city["market"], matter="吊销", penalty_kinds=["revoke_licence"]
    )
    intruder = api_client(people["ecology_clerk"])
    assert intruder.get(f"/api/v1/enforcement-benchmarks/{benchmark.pk}/").status_code == 404
    assert (
        intruder.patch(
            f"/api/v1/enforcement-benchmarks/{benchmark.pk}/", {"violation": "越权"}, format="json"
        ).status_code
        == 404
    )
    assert intruder.delete(f"/api/v1/enforcement-benchmarks/{benchmark.pk}/").status_code == 404
    assert intruder.post(f"/api/v1/enforcement-benchmarks/{benchmark.pk}/add-band/", {"label": "x"}).status_code == 404
    assert (
        intruder.patch(f"/api/v1/enforcement-benchmark-bands/{band.pk}/", {"label": "越权"}, format="json").status_code
        == 404
    )
    assert intruder.delete(f"/api/v1/review-catalog-entries/{entry.pk}/").status_code == 404
    assert intruder.post("/api/v1/review-catalog-entries/publish/", {"body": city["market"].pk}).status_code == 404
    assert intruder.get("/api/v1/enforcement-benchmarks/").json()["results"] == []
    assert api_client().get(f"/api/v1/public/enforcement-benchmarks/{benchmark.pk}/").status_code == 404
    assert (
        Benchmark.objects.get().violation == FOOD["violation"]
        and band.label == BenchmarkBand.objects.get(pk=band.pk).label
    )
    assert ReviewCatalogEntry.objects.get().published_on is None


# --- pages ---------------------------------------------------------------------------------------


def test_office_pages_walk_a_benchmark_with_refusals_on_the_page(city, people, staff):
    clerk, legal, head = _client(staff["clerk"]), _client(staff["legal"]), _client(staff["head"])
    listing = reverse("enforcement:benchmark-list")
    bad = clerk.post(listing, {"body": city["market"].pk, **FOOD, "code": ""})
    assert bad.status_code == 400 and not Benchmark.objects.exists()
    assert clerk.post(listing, {"body": city["market"].pk, **FOOD, "violation": SCRIPT}).status_code == 302
    benchmark = Benchmark.objects.get()
    detail = reverse("enforcement:benchmark-detail", args=[benchmark.pk])
    page = clerk.get(detail).content.decode()
    assert ESCAPED in page and SCRIPT not in page and "增加裁量阶次" in page
    add = reverse("enforcement:benchmark-action", args=[benchmark.pk, "add_band"])
    wrong = clerk.post(add, {"band-label": "一般", "band-fine_min": "500", "band-fine_max": "100"})
    assert wrong.status_code == 400 and "罚款上限不能低于罚款下限" in wrong.content.decode()
    assert (
        clerk.post(
            add, {"band-label": "一般", "band-fine_min": "100", "band-fine_max": "500", "band-first_violation": "false"}
        ).status_code
        == 302
    )
    band = BenchmarkBand.objects.get()
    assert band.first_violation is False and band.fine_max == Decimal("500.00")
    assert (
        clerk.post(reverse("enforcement:band-edit", args=[band.pk]), {"label": "一般", "fine_max": "600"}).status_code
        == 302
    )
    publish = reverse("enforcement:benchmark-action", args=[benchmark.pk, "publish"])
    refused = head.post(publish)
    assert refused.status_code == 409 and "须经法制机构审核" in refused.content.decode()
    assert 'data-transition="review"' in legal.get(detail).content.decode()
    assert legal.post(reverse("enforcement:benchmark-action", args=[benchmark.pk, "review"])).status_code == 302
    assert head.post(publish).status_code == 302
    assert Benchmark.objects.get().status == B.PUBLISHED
    assert clerk.post(reverse("enforcement:band-remove", args=[band.pk])).status_code == 409
    assert clerk.post(reverse("enforcement:benchmark-action", args=[benchmark.pk, "new_version"])).status_code == 302
    assert Benchmark.objects.count() == 2


def test_office_pages_of_the_catalog_and_settings(city, people, staff):
    clerk, head = _client(staff["clerk"]), _client(staff["head"])
    catalog = reverse("enforcement:review-catalog")
    assert clerk.post(catalog, {"body": city["market"].pk, "matter": "甲"}).status_code == 400
    assert (
        clerk.post(
            catalog, {"body": city["market"].pk, "matter": "吊销许可证件", "penalty_kinds": ["revoke_licence"]}
        ).status_code
        == 302
    )
    assert 'data-publish="' not in clerk.get(catalog).content.decode()
    assert f'data-publish="{city["market"].pk}"' in head.get(catalog).content.decode()
    publish = reverse("enforcement:review-catalog-publish")
    assert clerk.post(publish, {"body": city["market"].pk}).status_code == 403
    assert head.post(publish, {"body": city["market"].pk}).status_code == 302
    refused = head.post(publish, {"body": city["market"].pk})
    assert refused.status_code == 409 and "没有待公布的目录事项" in refused.content.decode()
    entry = ReviewCatalogEntry.objects.get()
    assert clerk.post(reverse("enforcement:review-entry-remove", args=[entry.pk])).status_code == 409
    edit = reverse("enforcement:settings-edit", args=[city["market"].pk])
    assert clerk.get(edit).status_code == 404
    assert "江门市市场监督管理局" in head.get(reverse("enforcement:settings-list")).content.decode()
    form = {
        "decision_period": "penalty-decide",
        "hearing_fine_person": "5000",
        "hearing_fine_organisation": "100000",
        "publish_within_days": "7",
        "publish_for_days": "1095",
    }
    assert head.post(edit, {**form, "hearing_fine_person": "0"}).status_code == 400
    assert head.post(edit, form).status_code == 302
    assert EnforcementSettings.objects.get().hearing_fine_person == Decimal("5000.00")


def test_another_bodys_benchmark_pages_are_404(city, people, staff):
    benchmark = _draft(city, staff)
    band = benchmark.bands.first()
    entry = benchmarks.add_entry(
        actor=staff["clerk"], body=city["market"], matter="吊销", penalty_kinds=["revoke_licence"]
    )
    intruder = _client(people["ecology_clerk"])
    assert intruder.get(reverse("enforcement:benchmark-detail", args=[benchmark.pk])).status_code == 404
    assert (
        intruder.post(reverse("enforcement:benchmark-action", args=[benchmark.pk, "add_band"]), {}).status_code == 404
    )
    assert intruder.get(reverse("enforcement:band-edit", args=[band.pk])).status_code == 404
    assert intruder.post(reverse("enforcement:band-remove", args=[band.pk])).status_code == 404
    assert intruder.post(reverse("enforcement:review-entry-remove", args=[entry.pk])).status_code == 404
    assert intruder.post(reverse("enforcement:review-catalog-publish"), {"body": city["market"].pk}).status_code == 404
    assert benchmark.violation not in intruder.get(reverse("enforcement:benchmark-list")).content.decode()
    assert intruder.post(reverse("enforcement:benchmark-list"), {"body": city["market"].pk, **FOOD}).status_code == 404
    assert Benchmark.objects.count() == 1 and BenchmarkBand.objects.count() == len(BANDS)


# --- portal ----------------------------------------------------------------------------------------


def test_the_portal_never_shows_a_draft_or_reviewed_benchmark_or_unpublished_entry(city, people, staff):
    draft = _draft(city, staff, code="DRAFT-1", violation="起草中的违法行为")
    reviewed = _draft(city, staff, code="REVIEWED-1", violation="已审核未公布的违法行为")
    benchmarks.review(reviewed, actor=staff["legal"])
    published = _published(city, staff)
    benchmarks.add_entry(actor=staff["clerk"], body=city["market"], matter="未公布的目录事项", penalty_kinds=["close"])
    anonymous = _client()
    for hidden in (draft, reviewed):
        assert anonymous.get(reverse("enforcement:public-benchmark-detail", args=[hidden.pk])).status_code == 404
        assert api_client().get(f"/api/v1/public/enforcement-benchmarks/{hidden.pk}/").status_code == 404
    listing = anonymous.get(reverse("enforcement:public-benchmark-list")).content.decode()
    assert "销售不符合食品安全标准的食品" in listing and "起草中" not in listing and "已审核未公布" not in listing
    detail = anonymous.get(reverse("enforcement:public-benchmark-detail", args=[published.pk])).content.decode()
    assert "首违不罚" in detail and "85000.00" in detail and "第一百二十四条" in detail
    body_page = anonymous.get(reverse("enforcement:public-body-detail", args=[city["market"].pk])).content.decode()
    assert "SCJ-SP-124" in body_page and "DRAFT-1" not in body_page and "REVIEWED-1" not in body_page
    assert "未公布的目录事项" not in body_page
    api = api_client().get(f"/api/v1/public/enforcement-bodies/{city['market'].pk}/").json()
    assert api["benchmark_count"] == 1 and api["review_catalog"] == [] and api["officers"] == []
    new = benchmarks.new_version(published, actor=staff["clerk"])
    benchmarks.review(new, actor=staff["legal"])
    benchmarks.publish(new, actor=staff["head"])
    old_page = anonymous.get(reverse("enforcement:public-benchmark-detail", args=[published.pk])).content.decode()
    assert "已被新版本替代" in old_page and reverse("enforcement:public-benchmark-detail", args=[new.pk]) in old_page
    ids = [row["id"] for row in api_client().get("/api/v1/public/enforcement-benchmarks/").json()["results"]]
    assert ids == [new.pk]


def test_benchmark_lists_take_no_more_queries_for_more_benchmarks(city, people, staff):
    def count(name, url):
        user = None if name.startswith("public") else User.objects.get(pk=staff["clerk"].pk)
        client = api_client(user) if name.endswith("api") else _client(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = {
        "office": reverse("enforcement:benchmark-list"),
        "office_api": "/api/v1/enforcement-benchmarks/",
        "public": reverse("enforcement:public-benchmark-list"),
        "public_api": "/api/v1/public/enforcement-benchmarks/",
        "public_body": reverse("enforcement:public-body-detail", args=[city["market"].pk]),
    }
    _published(city, staff)
    _draft(city, staff, code="SCJ-0")
    before = {name: count(name, url) for name, url in urls.items()}
    _published(city, staff, code="SCJ-2")
    _published(city, staff, code="SCJ-3")
    _draft(city, staff, code="SCJ-4")
    after = {name: count(name, url) for name, url in urls.items()}
    assert after == before
