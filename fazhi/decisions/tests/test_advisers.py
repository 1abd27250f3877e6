import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, User
from fazhi.core.testing import Role, api_client, make_body, make_user
from fazhi.decisions import advisers, selectors, workflow
from fazhi.decisions.choices import CatalogStatus, DecisionStatus
from fazhi.decisions.models import AdviserOpinion, Decision, DecisionCatalog, LegalAdviser
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

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


def _data(**overrides):
    return {
        "name": "林志诚",
        "kind": "lawyer",
        "organisation": "广东示例律师事务所",
        "qualification": "律师执业证 00001",
        "term_start": TODAY() - datetime.timedelta(days=365),
        "term_end": TODAY() + datetime.timedelta(days=365),
        **overrides,
    }


def _adviser(body, actor, **overrides):
    return advisers.add_adviser(actor=actor, body=body, **_data(**overrides))


def _decision(body, deciding_body=None, **fields):
    """A decision record made directly: the procedure's services are tested in their own module."""
    fields.setdefault("title", "公共停车场收费标准调整")
    fields.setdefault("category", "public_policy")
    return Decision.objects.create(body=body, deciding_body=deciding_body or body, **fields)


# --- the roster ------------------------------------------------------------------------------


def test_roster_kept_by_the_bodys_staff_only(city, people):
    adviser = _adviser(city["market"], people["market_clerk"])
    assert adviser.body == city["market"] and adviser.created_by == people["market_clerk"]
    assert AuditEvent.objects.filter(action="decisions.adviser_added", body_id=city["market"].pk).exists()
    _refused(lambda: _adviser(city["market"], people["ecology_clerk"]), "未找到", NotFound)
    _refused(lambda: _adviser(city["market"], people["evaluator"]), "没有“管理法律顾问名册”的权限", Forbidden)
    _refused(lambda: advisers.change_adviser(adviser, actor=people["ecology_clerk"], name="越权"), "未找到", NotFound)
    assert LegalAdviser.objects.get().name == "林志诚"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": ["林"]}, "name"),
        ({"kind": "judge"}, "kind"),
        ({"kind": 3}, "kind"),
        ({"organisation": None}, "organisation"),
        ({"qualification": "x" * 101}, "qualification"),
        ({"term_start": "上个月"}, "term_start"),
        ({"term_start": None}, "term_start"),
        ({"term_end": 20260101}, "term_end"),
        ({"term_end": TODAY() - datetime.timedelta(days=400)}, "term_end"),
    ],
)
def test_bad_roster_input_is_refused_and_nothing_saved(city, people, overrides, field):
    with pytest.raises(InvalidInput) as caught:
        _adviser(city["market"], people["market_clerk"], **overrides)
    assert field in caught.value.errors and caught.value.detail
    assert not LegalAdviser.objects.exists()


def test_the_same_person_is_not_listed_twice_for_the_same_term(city, people):
    first = _adviser(city["market"], people["market_clerk"], term_end=TODAY() - DAY)
    _refused(
        lambda: _adviser(city["market"], people["market_clerk"], term_start=TODAY() - datetime.timedelta(days=30)),
        "在该聘期内已在江门市市场监督管理局的名册中",
    )
    renewed = _adviser(city["market"], people["market_clerk"], term_start=TODAY(), term_end=None)
    assert renewed.pk != first.pk
    assert _adviser(city["ecology"], people["ecology_clerk"]).qualification == first.qualification
    _refused(lambda: advisers.change_adviser(first, actor=people["market_clerk"], term_end=None), "已在")


def test_a_term_ends_once_and_never_before_an_opinion_given(city, people):
    adviser = _adviser(city["market"], people["market_clerk"], term_end=None)
    decision = _decision(city["market"])
    advisers.give_opinion(
        decision, actor=people["market_clerk"], adviser=adviser, opinion="合法。", given_on=TODAY() - 10 * DAY
    )
    _refused(
        lambda: advisers.end_term(adviser, actor=people["market_clerk"], ended_on=TODAY() - 20 * DAY),
        "出具意见，聘期结束日期不能早于该日",
    )
    _refused(
        lambda: advisers.change_adviser(adviser, actor=people["market_clerk"], term_start=TODAY() - 5 * DAY),
        "聘期开始日期不能晚于该日",
    )
    _refused(
        lambda: advisers.end_term(adviser, actor=people["market_clerk"], ended_on="明天"), "应为日期", InvalidInput
    )
    adviser = advisers.end_term(adviser, actor=people["market_clerk"], ended_on=TODAY() - DAY)
    assert adviser.term_end == TODAY() - DAY
    assert not LegalAdviser.objects.serving().exists()
    _refused(lambda: advisers.end_term(adviser, actor=people["market_clerk"], ended_on=TODAY()), "的聘期已于")
    assert AuditEvent.objects.filter(action="decisions.adviser_term_ended", object_id=str(adviser.pk)).count() == 1


# --- opinions --------------------------------------------------------------------------------


def test_opinion_by_a_serving_adviser_of_the_body_or_a_government_above(city, people):
    decision = _decision(city["market"])
    own = _adviser(city["market"], people["market_clerk"])
    city_adviser = _adviser(city["government"], people["office"], name="梁志远", qualification="A0002")
    ecology = _adviser(city["ecology"], people["ecology_clerk"], name="黄某", qualification="A0003")
    county = _adviser(city["county"], people["county_office"], name="区某", qualification="A0004")
    clerk = people["market_clerk"]
    assert workflow.adviser_refusal(decision) is not None

    for other in (ecology, county, ecology.pk, "abc", None, True):
        error = _refused(
            lambda other=other: advisers.give_opinion(
                decision, actor=clerk, adviser=other, opinion="意见", given_on=TODAY()
            ),
            "法律顾问",
            InvalidInput,
        )
        assert "adviser" in error.errors
    _refused(
        lambda: advisers.give_opinion(decision, actor=clerk, adviser=own, opinion="意见", given_on=TODAY() + DAY),
        "出具日期不能晚于今天",
        InvalidInput,
    )
    _refused(
        lambda: advisers.give_opinion(
            decision, actor=clerk, adviser=own, opinion="意见", given_on=TODAY() - datetime.timedelta(days=400)
        ),
        "林志诚在",
        InvalidInput,
    )
    _refused(
        lambda: advisers.give_opinion(decision, actor=clerk, adviser=own, opinion=" ", given_on=TODAY()),
        "请填写法律意见",
        InvalidInput,
    )
    assert not AdviserOpinion.objects.exists()

    opinion = advisers.give_opinion(decision, actor=clerk, adviser=own, opinion="程序合法。", given_on=TODAY())
    assert opinion.matter == decision.title and opinion.body == city["market"]
    advisers.give_opinion(
        decision, actor=clerk, adviser=city_adviser.pk, opinion="建议补充依据。", given_on=TODAY(), matter="合法性"
    )
    assert [o.adviser.name for o in selectors.adviser_opinions_of(decision).order_by("id")] == ["林志诚", "梁志远"]
    assert workflow.adviser_refusal(decision) is None
    event = AuditEvent.objects.get(action="decisions.adviser_opinion_given", object_id=str(opinion.pk))
    assert f"decisions.decision:{decision.pk}" in event.data


def test_opinion_on_a_departments_decision_made_by_the_government(city, people):
    """The deciding body's staff record it too, with the deciding body's advisers."""
    decision = _decision(city["market"], city["government"])
    city_adviser = _adviser(city["government"], people["office"])
    assert advisers.give_opinion(
        decision, actor=people["office"], adviser=city_adviser, opinion="意见", given_on=TODAY()
    )
    _refused(
        lambda: advisers.give_opinion(
            decision, actor=people["ecology_clerk"], adviser=city_adviser, opinion="意见", given_on=TODAY()
        ),
        "未找到",
        NotFound,
    )
    _refused(
        lambda: advisers.give_opinion(
            decision, actor=people["evaluator"], adviser=city_adviser, opinion="意见", given_on=TODAY()
        ),
        "没有“记录法律顾问意见”的权限",
        Forbidden,
    )
    assert AdviserOpinion.objects.count() == 1


def test_opinion_on_any_record_with_a_body(city, people):
    """A catalog (or a dispute, later) takes opinions the same way."""
    catalog = DecisionCatalog.objects.create(body=city["market"], year=TODAY().year, title="市场监管局目录")
    adviser = _adviser(city["market"], people["market_clerk"])
    opinion = advisers.give_opinion(
        catalog, actor=people["market_clerk"], adviser=adviser, opinion="目录事项无不当。", given_on=TODAY()
    )
    assert opinion.subject == catalog and opinion.matter == "市场监管局目录"
    assert list(selectors.adviser_opinions_of(catalog)) == [opinion]


# --- API -------------------------------------------------------------------------------------


def test_api_roster_and_opinion_with_bad_input(city, people):
    clerk = api_client(people["market_clerk"])
    payload = {**_data(term_start=(TODAY() - 30 * DAY).isoformat(), term_end=None), "body": city["market"].pk}
    for bad, field in (
        ({**payload, "term_end": (TODAY() - 60 * DAY).isoformat()}, "term_end"),
        ({**payload, "term_start": "x"}, "term_start"),
        ({**payload, "kind": ["lawyer"]}, "kind"),
        ({key: value for key, value in payload.items() if key != "name"}, "name"),
        ({**payload, "body": "市场监管局"}, "body"),
    ):
        response = clerk.post("/api/v1/legal-advisers/", bad, format="json")
        assert response.status_code == 400 and field in response.json()["errors"], response.json()
    assert not LegalAdviser.objects.exists()
    created = clerk.post("/api/v1/legal-advisers/", {**payload, "name": SCRIPT}, format="json")
    assert created.status_code == 201 and created.json()["serving"] is True and created.json()["name"] == SCRIPT
    pk = created.json()["id"]
    changed = clerk.patch(f"/api/v1/legal-advisers/{pk}/", {"name": "林志诚"}, format="json")
    assert changed.status_code == 200 and changed.json()["name"] == "林志诚"
    assert clerk.get("/api/v1/legal-advisers/", {"serving_on": "不是日期"}).status_code == 400
    listed = clerk.get("/api/v1/legal-advisers/", {"serving_on": (TODAY() - 31 * DAY).isoformat()}).json()
    assert listed["results"] == []

    decision = _decision(city["market"])
    opinion = {"decision": decision.pk, "adviser": pk, "opinion": "程序合法。", "given_on": TODAY().isoformat()}
    for bad, field in (
        ({**opinion, "decision": "x"}, "decision"),
        ({**opinion, "adviser": 999999}, "adviser"),
        ({**opinion, "given_on": "2026/01/01"}, "given_on"),
        ({**opinion, "opinion": 7}, "opinion"),
    ):
        response = clerk.post("/api/v1/adviser-opinions/", bad, format="json")
        assert response.status_code == 400 and field in response.json()["errors"], response.json()
    given = clerk.post("/api/v1/adviser-opinions/", opinion, format="json")
    assert given.status_code == 201 and given.json()["adviser_name"] == "林志诚"
    assert given.json()["subject_type"] == "decisions.decision" and given.json()["object_id"] == str(decision.pk)
    ended = clerk.post(f"/api/v1/legal-advisers/{pk}/end-term/", {"ended_on": (TODAY() - DAY).isoformat()})
    assert ended.status_code == 409 and "出具意见" in ended.json()["detail"]
    assert clerk.post(f"/api/v1/legal-advisers/{pk}/end-term/", {"ended_on": TODAY().isoformat()}).status_code == 200


def test_api_another_bodys_ids_are_404(city, people):
    adviser = _adviser(city["market"], people["market_clerk"])
    decision = _decision(city["market"])
    opinion = advisers.give_opinion(
        decision, actor=people["market_clerk"], adviser=adviser, opinion="意见", given_on=TODAY()
    )
    intruder = api_client(people["ecology_clerk"])
    assert intruder.get(f"/api/v1/legal-advisers/{adviser.pk}/").status_code == 404
    assert intruder.patch(f"/api/v1/legal-advisers/{adviser.pk}/", {"name": "越权"}).status_code == 404
    assert (
        intruder.post(f"/api/v1/legal-advisers/{adviser.pk}/end-term/", {"ended_on": "2026-01-01"}).status_code == 404
    )
    assert intruder.get(f"/api/v1/adviser-opinions/{opinion.pk}/").status_code == 404
    assert intruder.get("/api/v1/adviser-opinions/").json()["results"] == []
    own = _adviser(city["ecology"], people["ecology_clerk"])
    given = intruder.post(
        "/api/v1/adviser-opinions/",
        {"decision": decision.pk, "adviser": own.pk, "opinion": "越权", "given_on": TODAY().isoformat()},
        format="json",
    )
    assert given.status_code == 404
    made = intruder.post(
        "/api/v1/legal-advisers/",
        {**_data(term_start="2026-01-01", term_end=None), "body": city["market"].pk},
        format="json",
    )
    assert made.status_code == 404
    assert LegalAdviser.objects.get(pk=adviser.pk).name == "林志诚" and AdviserOpinion.objects.count() == 1


# --- pages -----------------------------------------------------------------------------------


def test_roster_page_adds_advisers_and_shows_bad_input(city, people):
    clerk = _client(people["market_clerk"])
    url = reverse("decisions:adviser-list")
    form = {**_data(name=SCRIPT), "body": city["market"].pk, "term_end": ""}
    bad = clerk.post(url, {**form, "term_start": "2026-13-01"})
    assert bad.status_code == 400 and "输入一个有效的日期" in bad.content.decode()
    backwards = clerk.post(url, {**form, "term_end": (TODAY() - 400 * DAY).isoformat()})
    assert backwards.status_code == 400 and "聘期结束日期不能早于聘期开始日期" in backwards.content.decode()
    elsewhere = clerk.post(url, {**form, "body": city["ecology"].pk})
    assert elsewhere.status_code == 400
    assert not LegalAdviser.objects.exists()
    assert clerk.post(url, form).status_code == 302
    page = clerk.get(url, {"body": city["market"].pk}).content.decode()
    assert ESCAPED in page and SCRIPT not in page and "江门市市场监督管理局" in page and "在聘" in page
    other = _client(people["ecology_clerk"]).get(url).content.decode()
    assert ESCAPED not in other


def test_roster_edit_and_end_pages(city, people):
    adviser = _adviser(city["market"], people["market_clerk"], term_end=None)
    clerk = _client(people["market_clerk"])
    edit = reverse("decisions:adviser-edit", args=[adviser.pk])
    assert "结束聘期" in clerk.get(edit).content.decode()
    assert "结束聘期" not in _client(people["evaluator"]).get(edit).content.decode()
    assert _client(people["evaluator"]).post(edit, _data()).status_code == 403
    changed = clerk.post(edit, _data(organisation="广东侨乡示例律师事务所", term_end=""))
    assert changed.status_code == 302
    assert LegalAdviser.objects.get().organisation == "广东侨乡示例律师事务所"
    end = reverse("decisions:adviser-end", args=[adviser.pk])
    early = clerk.post(end, {"ended_on": "1999-01-01"})
    assert early.status_code == 400 and "聘期结束日期不能早于聘期开始日期" in early.content.decode()
    assert clerk.post(end, {"ended_on": TODAY().isoformat()}).status_code == 302
    assert LegalAdviser.objects.get().term_end == TODAY()
    intruder = _client(people["ecology_clerk"])
    assert intruder.get(edit).status_code == 404
    assert intruder.post(edit, _data(name="越权")).status_code == 404
    assert intruder.post(end, {"ended_on": TODAY().isoformat()}).status_code == 404
    assert LegalAdviser.objects.get().name == "林志诚"


def test_opinion_page_records_an_opinion_on_a_decision(city, people):
    decision = _decision(city["market"], city["government"])
    own = _adviser(city["market"], people["market_clerk"])
    city_adviser = _adviser(city["government"], people["office"], name="梁志远", qualification="A0002")
    ecology = _adviser(city["ecology"], people["ecology_clerk"], name="黄某", qualification="A0003")
    url = reverse("decisions:adviser-opinion-new", args=[decision.pk])
    clerk = _client(people["market_clerk"])
    page = clerk.get(url).content.decode()
    assert "林志诚" in page and "梁志远" in page and "黄某" not in page and "尚无法律顾问意见" in page
    form = {"adviser": own.pk, "given_on": TODAY().isoformat(), "opinion": SCRIPT, "matter": ""}
    assert clerk.post(url, {**form, "adviser": ecology.pk}).status_code == 400
    late = clerk.post(url, {**form, "given_on": (TODAY() + DAY).isoformat()})
    assert late.status_code == 400 and "出具日期不能晚于今天" in late.content.decode()
    assert not AdviserOpinion.objects.exists()
    done = clerk.post(url, form)
    assert done.status_code == 302
    assert clerk.post(url, {**form, "adviser": city_adviser.pk, "opinion": "同意。"}).status_code == 302
    page = clerk.get(url).content.decode()
    assert ESCAPED in page and SCRIPT not in page and "同意。" in page
    assert AdviserOpinion.objects.count() == 2
    viewer = _client(people["evaluator"])
    assert "记录法律顾问意见" not in viewer.get(url).content.decode()
    assert viewer.post(url, form).status_code == 403
    intruder = _client(people["ecology_clerk"])
    assert intruder.get(url).status_code == 404 and intruder.post(url, form).status_code == 404
    assert AdviserOpinion.objects.count() == 2


def test_roster_and_opinion_lists_take_no_more_queries_for_more_records(city, people):
    def count(url, api):
        user = User.objects.get(pk=people["office"].pk)
        client = api_client(user) if api else _client(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = {
        "page": (reverse("decisions:adviser-list"), False),
        "api": ("/api/v1/legal-advisers/", True),
        "opinions": ("/api/v1/adviser-opinions/", True),
    }

    def add(body, number):
        adviser = _adviser(body, people["office"], name=f"顾问{number}", qualification=f"Q{number}")
        advisers.give_opinion(
            _decision(body), actor=people["office"], adviser=adviser, opinion="合法。", given_on=TODAY()
        )

    add(city["market"], 1)
    before = {name: count(url, api) for name, (url, api) in urls.items()}
    for number, body in enumerate((city["ecology"], city["county"], city["government"]), start=2):
        add(body, number)
    after = {name: count(url, api) for name, (url, api) in urls.items()}
    assert after == before


# --- art. 46 ---------------------------------------------------------------------------------


def test_art_46_needs_a_serving_adviser_and_an_opinion_on_every_decision(city, people):
    checks.autodiscover()
    year = TODAY().year
    bodies = [city["government"], city["market"]]
    none = checks.run(46, bodies, year, TODAY())
    assert none[city["market"].pk].status == "not_met" and "没有在聘的法律顾问" in none[city["market"].pk].summary
    adviser = _adviser(city["market"], people["market_clerk"])
    assert checks.run(46, bodies, year, TODAY())[city["market"].pk].status == "met"
    decided = _decision(city["market"], status=DecisionStatus.DECIDED, decided_on=TODAY(), title="停车收费调整")
    _decision(city["market"], status=DecisionStatus.DRAFTING, title="仍在拟订的决策")
    _decision(city["market"], status=DecisionStatus.PUBLISHED, decided_on=TODAY().replace(year=year - 1))
    result = checks.run(46, bodies, year, TODAY())[city["market"].pk]
    assert result.status == "not_met" and (result.numerator, result.denominator) == (0, 1)
    assert [ref.id for ref in result.failing] == [decided.pk] and "停车收费调整" in result.failing[0].description
    advisers.give_opinion(decided, actor=people["market_clerk"], adviser=adviser, opinion="合法。", given_on=TODAY())
    result = checks.run(46, bodies, year, TODAY())[city["market"].pk]
    assert result.status == "met" and result.rate == 1.0 and result.evidence[0].id == decided.pk
    after_term = checks.run(46, bodies, year + 1, adviser.term_end + DAY)[city["market"].pk]
    assert after_term.status == "not_met"
    assert checks.run(46, bodies, year, TODAY())[city["government"].pk].status == "not_met"


def test_art_46_query_bound(city, people):
    adviser = _adviser(city["market"], people["market_clerk"])
    decision = _decision(city["market"], status=DecisionStatus.DECIDED, decided_on=TODAY())
    advisers.give_opinion(decision, actor=people["market_clerk"], adviser=adviser, opinion="合法。", given_on=TODAY())

    def make(n):
        bodies = [make_body(parent=city["government"]) for _ in range(n)]
        clerk = make_user(roles=[(body, Role.CLERK) for body in bodies])
        for body in bodies:
            made = _decision(body, status=DecisionStatus.DECIDED, decided_on=TODAY())
            advisers.give_opinion(
                made,
                actor=clerk,
                adviser=_adviser(body, clerk, qualification=f"Q{body.pk}"),
                opinion="合法。",
                given_on=TODAY(),
            )
        return [city["market"], *bodies]

    assert_check_queries_bounded(46, make, year=TODAY().year, as_of=TODAY(), max_queries=4)


# --- demo ------------------------------------------------------------------------------------


def test_the_demo_publishes_the_citys_catalog_and_rosters(db):
    demo.load()
    catalog = DecisionCatalog.objects.get(body__code="jm")
    assert catalog.status == CatalogStatus.PUBLISHED and "中共江门市委" in catalog.party_agreement
    titles = list(catalog.items.values_list("title", flat=True))
    assert "潭江流域水环境综合整治实施方案" in titles and len(titles) == 4
    assert LegalAdviser.objects.serving().filter(body__code="jm").count() == 3
    assert LegalAdviser.objects.serving().filter(body__code="jm-scjgj").count() == 2
    page = _client().get(reverse("decisions:catalog-public-detail", args=[catalog.pk])).content.decode()
    assert "江门市国土空间总体规划" in page and "江门市自然资源局" in page
    checks.autodiscover()
    government = catalog.body
    assert checks.run(10, [government], TODAY().year, TODAY())[government.pk].status == "met"
    assert checks.run(46, [government], TODAY().year, TODAY())[government.pk].status == "met"
