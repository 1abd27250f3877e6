import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core.choices import BodyKind
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, User
from fazhi.core.testing import Role, api_client, make_body, make_user
from fazhi.decisions import catalogs
from fazhi.decisions.choices import CatalogStatus, DecisionStatus
from fazhi.decisions.models import CatalogItem, Decision, DecisionCatalog
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

TODAY = timezone.localdate
SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def _refused(run, fragment, exc=Conflict):
    with pytest.raises(exc) as caught:
        run()
    assert fragment in str(caught.value.detail), caught.value.detail


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def elsewhere(db):
    """A government outside the city's tree."""
    return make_body("珠海市人民政府", kind=BodyKind.CITY_GOVERNMENT)


@pytest.fixture
def mayor(city):
    return make_user("mayor", full_name="市长甲", roles=[(city["government"], Role.HEAD)])


def _item_data(unit, **overrides):
    return {
        "title": "潭江流域水环境综合整治实施方案",
        "category": "resources",
        "basis": "《中华人民共和国水污染防治法》",
        "planned_timing": "第三季度",
        "undertaking_unit": unit,
        **overrides,
    }


def _catalog(city, people, *, year=None, items=1):
    catalog = catalogs.create_catalog(actor=people["office"], body=city["government"], year=year or TODAY().year)
    for number in range(items):
        catalogs.add_item(catalog, actor=people["office"], **_item_data(city["ecology"], title=f"决策事项{number + 1}"))
    return catalog


def _published(city, people, mayor, **kwargs):
    catalog = _catalog(city, people, **kwargs)
    catalogs.record_agreement(catalog, actor=mayor, agreed_on=TODAY(), agreement="经中共江门市委常委会会议同意")
    return catalogs.publish(catalog, actor=mayor)


# --- services --------------------------------------------------------------------------------


def test_each_step_refused_with_its_reason_then_allowed(city, people, mayor):
    catalog = catalogs.create_catalog(actor=people["office"], body=city["government"], year=TODAY().year)
    assert catalog.title == f"江门市人民政府{TODAY().year}年度重大行政决策事项目录"
    assert catalog.status == CatalogStatus.DRAFT

    _refused(lambda: catalogs.publish(catalog, actor=mayor), "须经同级党委同意后方可向社会公布")
    _refused(
        lambda: catalogs.record_agreement(catalog, actor=mayor, agreed_on=TODAY(), agreement="经市委同意"),
        "目录中还没有决策事项",
    )
    catalogs.add_item(catalog, actor=people["office"], **_item_data(city["ecology"]))
    _refused(
        lambda: catalogs.record_agreement(catalog, actor=people["office"], agreed_on=TODAY(), agreement="经市委同意"),
        "您没有“记录党委同意”的权限",
        Forbidden,
    )
    catalog = catalogs.record_agreement(
        catalog, actor=mayor, agreed_on=TODAY(), agreement="经中共江门市委常委会会议同意"
    )
    assert catalog.status == CatalogStatus.AGREED and catalog.party_agreed_on == TODAY()
    _refused(lambda: catalogs.publish(catalog, actor=people["office"]), "您没有“向社会公布”的权限", Forbidden)
    catalog = catalogs.publish(catalog, actor=mayor)
    assert catalog.status == CatalogStatus.PUBLISHED and catalog.published_on == TODAY()
    _refused(
        lambda: catalogs.record_agreement(catalog, actor=mayor, agreed_on=TODAY(), agreement="再次同意"),
        "当前状态为“已公布”，不能进行“记录党委同意”",
    )
    _refused(lambda: catalogs.reopen(catalog, actor=mayor), "当前状态为“已公布”")
    actions = list(AuditEvent.objects.filter(object_type="decisions.decisioncatalog").values_list("action", flat=True))
    assert actions == ["decisions.catalog_created", "decisions.catalog_agreed", "decisions.catalog_published"]
    assert AuditEvent.objects.filter(action="decisions.catalog_item_added", body_id=city["government"].pk).exists()


def test_agreement_needs_a_past_date_and_its_text(city, people, mayor):
    catalog = _catalog(city, people)
    tomorrow = TODAY() + datetime.timedelta(days=1)
    for agreed_on, agreement, field in (
        (tomorrow, "经市委同意", "agreed_on"),
        ("昨天", "经市委同意", "agreed_on"),
        (TODAY(), "  ", "agreement"),
        (TODAY(), ["经市委同意"], "agreement"),
    ):
        with pytest.raises(InvalidInput) as caught:
            catalogs.record_agreement(catalog, actor=mayor, agreed_on=agreed_on, agreement=agreement)
        assert field in caught.value.errors
    catalog.refresh_from_db()
    assert catalog.status == CatalogStatus.DRAFT and catalog.party_agreed_on is None


def test_publication_date_not_before_the_agreement(city, people, mayor):
    catalog = _catalog(city, people)
    catalogs.record_agreement(catalog, actor=mayor, agreed_on=TODAY(), agreement="经市委同意")
    _refused(
        lambda: catalogs.publish(catalog, actor=mayor, published_on=TODAY() - datetime.timedelta(days=1)),
        "公布日期不能早于党委同意日期",
        InvalidInput,
    )
    assert DecisionCatalog.objects.get(pk=catalog.pk).status == CatalogStatus.AGREED


def test_items_change_only_while_drafted_and_are_frozen_once_published(city, people, mayor):
    catalog = _catalog(city, people)
    item = catalog.items.get()
    catalogs.change_item(item, actor=people["office"], planned_timing="第四季度")
    assert CatalogItem.objects.get(pk=item.pk).planned_timing == "第四季度"
    catalogs.record_agreement(catalog, actor=mayor, agreed_on=TODAY(), agreement="经市委同意")
    _refused(lambda: catalogs.change_item(item, actor=people["office"], title="改名"), "已经党委同意")
    catalog = catalogs.reopen(catalog, actor=mayor)
    assert catalog.status == CatalogStatus.DRAFT and catalog.party_agreed_on is None and not catalog.party_agreement
    catalogs.change_item(item, actor=people["office"], title="潭江流域水环境综合整治方案")
    catalogs.record_agreement(catalog, actor=mayor, agreed_on=TODAY(), agreement="经市委再次同意")
    catalogs.publish(catalog, actor=mayor)
    for run in (
        lambda: catalogs.change_item(item, actor=people["office"], title="公布后改名"),
        lambda: catalogs.remove_item(item, actor=people["office"]),
        lambda: catalogs.add_item(catalog, actor=people["office"], **_item_data(city["ecology"])),
    ):
        _refused(run, "目录已向社会公布，决策事项不能再修改")
    assert list(catalog.items.values_list("title", flat=True)) == ["潭江流域水环境综合整治方案"]


def test_one_catalog_per_body_and_year_of_an_administrative_body(city, people):
    fund = make_body("江门市住房公积金管理中心", parent=city["government"], kind=BodyKind.AUTHORISED_ORGANISATION)
    _catalog(city, people)
    _refused(
        lambda: catalogs.create_catalog(actor=people["office"], body=city["government"], year=TODAY().year),
        "年度的重大行政决策事项目录已经存在",
    )
    _refused(
        lambda: catalogs.create_catalog(actor=people["office"], body=fund, year=TODAY().year),
        "不是行政机关",
        InvalidInput,
    )
    for year in ("明年", 1999, TODAY().year + 2, True):
        with pytest.raises(InvalidInput) as caught:
            catalogs.create_catalog(actor=people["office"], body=city["market"], year=year)
        assert "year" in caught.value.errors
    _refused(
        lambda: catalogs.create_catalog(actor=people["ecology_clerk"], body=city["market"], year=TODAY().year),
        "未找到",
        NotFound,
    )
    _refused(
        lambda: catalogs.create_catalog(actor=people["evaluator"], body=city["market"], year=TODAY().year),
        "没有“编制年度重大行政决策事项目录”的权限",
        Forbidden,
    )
    assert DecisionCatalog.objects.count() == 1


def test_undertaking_unit_is_the_deciding_body_or_under_it(city, people):
    catalog = catalogs.create_catalog(actor=people["market_clerk"], body=city["market"], year=TODAY().year)
    with pytest.raises(InvalidInput) as caught:
        catalogs.add_item(catalog, actor=people["market_clerk"], **_item_data(city["ecology"]))
    assert caught.value.errors["undertaking_unit"] == ["承办单位应为江门市市场监督管理局或其所属单位。"]
    assert catalogs.add_item(catalog, actor=people["market_clerk"], **_item_data(city["market"]))
    city_catalog = _catalog(city, people, items=0)
    assert catalogs.add_item(city_catalog, actor=people["office"], **_item_data(city["county_market"].pk))
    with pytest.raises(InvalidInput) as caught:
        catalogs.add_item(catalog, actor=people["market_clerk"], **_item_data(city["market"], colour="红"))
    assert "未知字段" in caught.value.detail


def test_an_item_with_a_decision_started_on_it_cannot_be_removed(city, people):
    catalog = _catalog(city, people)
    item = catalog.items.get()
    Decision.objects.create(
        body=city["ecology"],
        deciding_body=city["government"],
        title=item.title,
        category="resources",
        catalog_item=item,
    )
    _refused(lambda: catalogs.remove_item(item, actor=people["office"]), "已就该事项启动决策程序")
    other = catalogs.add_item(catalog, actor=people["office"], **_item_data(city["ecology"], title="另一事项"))
    catalogs.remove_item(other, actor=people["office"])
    assert list(catalog.items.values_list("pk", flat=True)) == [item.pk]
    assert AuditEvent.objects.filter(action="decisions.catalog_item_removed", object_id=str(other.pk)).exists()


# --- API -------------------------------------------------------------------------------------


def test_api_walk_with_refusals_and_bad_input(city, people, mayor, elsewhere):
    office = api_client(people["office"])
    created = office.post("/api/v1/decision-catalogs/", {"body": city["government"].pk, "year": TODAY().year})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["status"] == "draft" and created.json()["actions"] == []
    url = f"/api/v1/decision-catalogs/{pk}/"

    bad_inputs = [
        ({}, "title"),
        (_item_data(city["ecology"].pk, category="taxes"), "category"),
        (_item_data(city["ecology"].pk, category=5), "category"),
        (_item_data(city["ecology"].pk, undertaking_unit="abc"), "undertaking_unit"),
        (_item_data(city["ecology"].pk, undertaking_unit=elsewhere.pk), "undertaking_unit"),
        (_item_data(city["ecology"].pk, title=["列表"]), "title"),
        (_item_data(city["ecology"].pk, basis=""), "basis"),
        (_item_data(city["ecology"].pk, planned_timing="x" * 51), "planned_timing"),
    ]
    for data, field in bad_inputs:
        response = office.post(f"{url}add-item/", data, format="json")
        assert response.status_code == 400, data
        assert field in response.json()["errors"] and response.json()["detail"], response.json()
    assert not CatalogItem.objects.exists()
    assert office.post(f"{url}add-item/", ["not", "a", "dict"], format="json").status_code == 400

    added = office.post(f"{url}add-item/", _item_data(city["ecology"].pk, title=SCRIPT), format="json")
    assert added.status_code == 201 and added.json()["title"] == SCRIPT
    assert added.json()["undertaking_unit_name"] == "江门市生态环境局" and added.json()["decision"] is None
    item_url = f"/api/v1/decision-catalog-items/{added.json()['id']}/"
    assert office.patch(item_url, {"planned_timing": "第四季度"}, format="json").json()["planned_timing"] == "第四季度"

    head = api_client(mayor)
    early = head.post(f"{url}publish/", {}, format="json")
    assert early.status_code == 409 and "党委同意" in early.json()["detail"]
    assert office.post(f"{url}agree/", {"agreed_on": TODAY().isoformat(), "agreement": "同意"}).status_code == 403
    bad = head.post(f"{url}agree/", {"agreed_on": "去年", "agreement": "同意"}, format="json")
    assert bad.status_code == 400 and "agreed_on" in bad.json()["errors"]
    actions = {action["name"] for action in head.get(url).json()["actions"]}
    assert actions == {"agree", "publish"}
    agreed = head.post(f"{url}agree/", {"agreed_on": TODAY().isoformat(), "agreement": "经市委同意"}, format="json")
    assert agreed.status_code == 200 and agreed.json()["status_label"] == "党委已同意"
    assert office.patch(item_url, {"title": "改名"}, format="json").status_code == 409
    published = head.post(f"{url}publish/", {}, format="json")
    assert published.status_code == 200 and published.json()["published_on"] == TODAY().isoformat()
    assert office.delete(item_url).status_code == 409
    assert CatalogItem.objects.get().title == SCRIPT


def test_api_another_bodys_ids_are_404_and_change_nothing(city, people):
    catalog = catalogs.create_catalog(actor=people["market_clerk"], body=city["market"], year=TODAY().year)
    item = catalogs.add_item(catalog, actor=people["market_clerk"], **_item_data(city["market"]))
    intruder = api_client(people["ecology_clerk"])
    assert intruder.get(f"/api/v1/decision-catalogs/{catalog.pk}/").status_code == 404
    assert intruder.get("/api/v1/decision-catalogs/").json()["results"] == []
    assert (
        intruder.post(f"/api/v1/decision-catalogs/{catalog.pk}/add-item/", _item_data(city["market"].pk)).status_code
        == 404
    )
    assert intruder.get(f"/api/v1/decision-catalog-items/{item.pk}/").status_code == 404
    assert intruder.patch(f"/api/v1/decision-catalog-items/{item.pk}/", {"title": "越权"}).status_code == 404
    assert intruder.delete(f"/api/v1/decision-catalog-items/{item.pk}/").status_code == 404
    made = intruder.post("/api/v1/decision-catalogs/", {"body": city["market"].pk, "year": TODAY().year - 1})
    assert made.status_code == 404
    assert api_client(people["market_clerk"]).get(f"/api/v1/decision-catalogs/{catalog.pk}/").status_code == 200
    assert list(CatalogItem.objects.values_list("title", flat=True)) == [item.title]
    assert DecisionCatalog.objects.count() == 1


# --- pages -----------------------------------------------------------------------------------


def test_office_page_shows_only_the_users_actions(city, people, mayor):
    catalog = _catalog(city, people)
    url = reverse("decisions:catalog-detail", args=[catalog.pk])
    office_page = _client(people["office"]).get(url).content.decode()
    assert 'data-transition="agree"' not in office_page and "增加决策事项" in office_page
    assert "决策事项1" in office_page
    mayor_page = _client(mayor).get(url).content.decode()
    assert 'data-transition="agree"' in mayor_page and 'data-transition="publish"' in mayor_page
    assert "目录须经同级党委同意后方可向社会公布" in mayor_page
    evaluator_page = _client(people["evaluator"]).get(url).content.decode()
    assert "增加决策事项" not in evaluator_page and "当前没有您可以办理的事项" in evaluator_page


def test_office_pages_walk_with_refusals_shown_on_the_page(city, people, mayor, elsewhere):
    office, head = _client(people["office"]), _client(mayor)
    response = office.post(reverse("decisions:catalog-list"), {"body": city["government"].pk, "year": TODAY().year})
    catalog = DecisionCatalog.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "decisions:catalog-detail", args=[catalog.pk]
    )
    add = reverse("decisions:catalog-action", args=[catalog.pk, "add_item"])
    bad = office.post(add, {**_item_data(city["ecology"].pk), "title": ""})
    assert bad.status_code == 400 and "该字段是必填项" in bad.content.decode()
    assert not CatalogItem.objects.exists()
    wrong_unit = office.post(add, _item_data(elsewhere.pk))
    assert wrong_unit.status_code == 400 and not CatalogItem.objects.exists()
    assert office.post(add, _item_data(city["ecology"].pk, title=SCRIPT)).status_code == 302
    page = office.get(reverse("decisions:catalog-detail", args=[catalog.pk])).content.decode()
    assert ESCAPED in page and SCRIPT not in page

    agree = reverse("decisions:catalog-action", args=[catalog.pk, "agree"])
    future = (TODAY() + datetime.timedelta(days=3)).isoformat()
    refused = head.post(agree, {"agreed_on": future, "agreement": "经市委同意"})
    assert refused.status_code == 400 and "党委同意日期不能晚于今天" in refused.content.decode()
    assert office.post(agree, {"agreed_on": TODAY().isoformat(), "agreement": "经市委同意"}).status_code == 403
    assert head.post(agree, {"agreed_on": TODAY().isoformat(), "agreement": "经市委同意"}).status_code == 302
    item = CatalogItem.objects.get()
    locked = office.post(reverse("decisions:catalog-item-edit", args=[item.pk]), _item_data(city["ecology"].pk))
    assert locked.status_code == 409 and "已经党委同意" in locked.content.decode()
    assert head.post(reverse("decisions:catalog-action", args=[catalog.pk, "publish"])).status_code == 302
    assert DecisionCatalog.objects.get().status == CatalogStatus.PUBLISHED
    assert office.post(reverse("decisions:catalog-item-remove", args=[item.pk])).status_code == 409
    assert CatalogItem.objects.get().title == SCRIPT


def test_office_pages_edit_and_remove_a_draft_item(city, people):
    catalog = _catalog(city, people, items=2)
    first, second = catalog.items.order_by("id")
    office = _client(people["office"])
    edit = reverse("decisions:catalog-item-edit", args=[first.pk])
    assert "决策事项1" in office.get(edit).content.decode()
    response = office.post(edit, _item_data(city["ecology"].pk, title="修改后的事项"))
    assert response.status_code == 302
    assert office.post(reverse("decisions:catalog-item-remove", args=[second.pk])).status_code == 302
    assert list(catalog.items.values_list("title", flat=True)) == ["修改后的事项"]


def test_another_bodys_catalog_pages_are_404(city, people):
    catalog = catalogs.create_catalog(actor=people["market_clerk"], body=city["market"], year=TODAY().year)
    item = catalogs.add_item(catalog, actor=people["market_clerk"], **_item_data(city["market"]))
    intruder = _client(people["ecology_clerk"])
    assert intruder.get(reverse("decisions:catalog-detail", args=[catalog.pk])).status_code == 404
    assert intruder.post(reverse("decisions:catalog-action", args=[catalog.pk, "add_item"]), {}).status_code == 404
    assert intruder.get(reverse("decisions:catalog-item-edit", args=[item.pk])).status_code == 404
    assert intruder.post(reverse("decisions:catalog-item-remove", args=[item.pk])).status_code == 404
    assert catalog.title not in intruder.get(reverse("decisions:catalog-list")).content.decode()
    assert (
        intruder.post(reverse("decisions:catalog-list"), {"body": city["market"].pk, "year": 2025}).status_code == 404
    )
    assert CatalogItem.objects.filter(pk=item.pk).exists() and DecisionCatalog.objects.count() == 1


# --- portal ----------------------------------------------------------------------------------


def test_the_public_never_sees_a_draft_or_an_unpublished_agreed_catalog(city, people, mayor):
    draft = catalogs.create_catalog(actor=people["market_clerk"], body=city["market"], year=TODAY().year)
    catalogs.add_item(draft, actor=people["market_clerk"], **_item_data(city["market"], title="草稿独有事项"))
    agreed = _catalog(city, people, year=TODAY().year - 1)
    catalogs.record_agreement(agreed, actor=mayor, agreed_on=TODAY(), agreement="经市委同意")
    published = _published(city, people, mayor)
    anonymous = _client()
    for hidden in (draft, agreed):
        assert anonymous.get(reverse("decisions:catalog-public-detail", args=[hidden.pk])).status_code == 404
        assert api_client().get(f"/api/v1/public/decision-catalogs/{hidden.pk}/").status_code == 404
    listing = anonymous.get(reverse("decisions:catalog-public-list")).content.decode()
    assert published.title in listing and draft.title not in listing and agreed.title not in listing
    ids = [row["id"] for row in api_client().get("/api/v1/public/decision-catalogs/").json()["results"]]
    assert ids == [published.pk]
    detail = anonymous.get(reverse("decisions:catalog-public-detail", args=[published.pk])).content.decode()
    assert "决策事项1" in detail and "经中共江门市委常委会会议同意" in detail and "江门市生态环境局" in detail
    assert "草稿独有事项" not in anonymous.get(reverse("decisions:catalog-public-list"), {"q": "草稿"}).content.decode()


def test_the_portal_filters_by_body_and_year_and_validates_the_api_filters(city, people, mayor):
    published = _published(city, people, mayor)
    page = _client().get(reverse("decisions:catalog-public-list"), {"body": city["market"].pk}).content.decode()
    assert published.title not in page and "没有符合条件的目录" in page
    page = _client().get(reverse("decisions:catalog-public-list"), {"year": TODAY().year, "body": "x"}).content.decode()
    assert published.title in page
    found = api_client().get("/api/v1/public/decision-catalogs/", {"body": city["government"].pk, "year": TODAY().year})
    assert [row["id"] for row in found.json()["results"]] == [published.pk]
    bad = api_client().get("/api/v1/public/decision-catalogs/", {"year": "今年"})
    assert bad.status_code == 400 and "year" in bad.json()["errors"]


def test_the_public_sees_a_decisions_status_only_once_it_is_published(city, people, mayor):
    catalog = _published(city, people, mayor, items=2)
    first, second = catalog.items.order_by("id")
    Decision.objects.create(
        body=city["ecology"],
        deciding_body=city["government"],
        title=first.title,
        category="resources",
        catalog_item=first,
    )
    url = reverse("decisions:catalog-public-detail", args=[catalog.pk])
    assert "拟订决策草案" not in _client().get(url).content.decode()
    items = api_client().get(f"/api/v1/public/decision-catalogs/{catalog.pk}/").json()["items"]
    assert [item["decision_status_label"] for item in items] == [None, None]
    Decision.objects.create(
        body=city["ecology"],
        deciding_body=city["government"],
        title=second.title,
        category="resources",
        catalog_item=second,
        status=DecisionStatus.PUBLISHED,
        published_on=TODAY(),
    )
    assert "已公布执行" in _client().get(url).content.decode()
    items = api_client().get(f"/api/v1/public/decision-catalogs/{catalog.pk}/").json()["items"]
    assert [item["decision_status_label"] for item in items] == [None, "已公布执行"]
    office_items = api_client(people["office"]).get(f"/api/v1/decision-catalogs/{catalog.pk}/").json()["items"]
    assert [item["decision_status_label"] for item in office_items] == ["拟订决策草案", "已公布执行"]


# --- art. 10 ---------------------------------------------------------------------------------


def test_art_10_due_on_1_april_met_once_published(city, people, mayor):
    checks.autodiscover()
    year = TODAY().year - 1
    bodies = [city["government"], city["market"]]
    before = checks.run(10, bodies, year, datetime.date(year, 3, 31))
    assert before[city["government"].pk].status == "not_yet_due"
    assert "4月1日" in before[city["government"].pk].summary
    after = checks.run(10, bodies, year, datetime.date(year, 4, 1))
    assert after[city["government"].pk].status == "not_met"
    catalog = _catalog(city, people, year=year)
    catalogs.record_agreement(catalog, actor=mayor, agreed_on=datetime.date(year, 2, 1), agreement="经市委同意")
    assert checks.run(10, bodies, year, datetime.date(year, 4, 1))[city["government"].pk].status == "not_met"
    catalogs.publish(catalog, actor=mayor, published_on=datetime.date(year, 3, 1))
    met = checks.run(10, bodies, year, datetime.date(year, 4, 1))
    assert met[city["government"].pk].status == "met"
    assert met[city["government"].pk].evidence[0].id == catalog.pk
    assert "列入决策事项 1 项" in met[city["government"].pk].summary
    assert checks.run(10, bodies, year, datetime.date(year, 2, 28))[city["government"].pk].status == "not_yet_due"
    assert met[city["market"].pk].status == "not_met"


def test_art_10_late_publication_is_met_and_says_so(city, people, mayor):
    checks.autodiscover()
    _published(city, people, mayor)
    result = checks.run(10, [city["government"]], TODAY().year, TODAY())[city["government"].pk]
    if TODAY() >= datetime.date(TODAY().year, 4, 1):
        assert result.status == "met" and "晚于" in result.summary
    else:
        assert result.status == "met" and "晚于" not in result.summary


def test_art_10_query_bound(city, people, mayor):
    _published(city, people, mayor)

    def make(n):
        return [city["government"], *(make_body(parent=city["government"]) for _ in range(n - 1))]

    assert_check_queries_bounded(10, make, year=TODAY().year, as_of=TODAY(), max_queries=3)


def test_catalog_lists_take_no_more_queries_for_more_catalogs(city, people, mayor):
    def count(name, url):
        user = User.objects.get(pk=people["office"].pk) if name.startswith("office") else None
        client = api_client(user) if name.endswith("api") else _client(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = {
        "office": reverse("decisions:catalog-list"),
        "office_api": "/api/v1/decision-catalogs/",
        "public": reverse("decisions:catalog-public-list"),
        "public_api": "/api/v1/public/decision-catalogs/",
    }
    _published(city, people, mayor, year=TODAY().year - 1)
    _catalog(city, people)
    before = {name: count(name, url) for name, url in urls.items()}
    _published(city, people, mayor, year=TODAY().year - 2, items=3)
    for body in (city["market"], city["ecology"]):
        catalog = catalogs.create_catalog(actor=people["office"], body=body, year=TODAY().year)
        catalogs.add_item(catalog, actor=people["office"], **_item_data(body))
    after = {name: count(name, url) for name, url in urls.items()}
    assert after == before
