import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.testing import api_client
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded
from fazhi.rules import services, testing
from fazhi.rules.choices import RuleStatus as S
from fazhi.rules.models import Rule
from fazhi.texts.search import service as search

TODAY = timezone.localdate


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_office_page_shows_only_the_users_actions_and_the_timeline(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.DECIDED, actors)
    url = reverse("rules:office-detail", args=[rule.pk])
    clerk_page = _client(actors["clerk"]).get(url).content.decode()
    assert 'data-transition="sign"' not in clerk_page and 'data-transition="withdraw"' in clerk_page
    mayor_page = _client(actors["mayor"]).get(url).content.decode()
    assert 'data-transition="sign"' in mayor_page
    assert "政府常务会议决定" in mayor_page and "公开征求意见" in mayor_page
    response = _client(actors["mayor"]).post(reverse("rules:office-action", args=[rule.pk, "sign"]))
    assert response.status_code == 302
    assert Rule.objects.get(pk=rule.pk).status == S.SIGNED


def test_office_refusal_is_a_chinese_409_and_changes_nothing(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.CONSULTING, actors)
    response = api_client(actors["clerk"]).post(f"/api/v1/rules/{rule.pk}/submit-review/", {}, format="json")
    assert response.status_code == 409
    assert "征求意见尚未截止" in response.json()["detail"]
    assert Rule.objects.get(pk=rule.pk).status == S.CONSULTING
    page = _client(actors["clerk"]).post(reverse("rules:office-action", args=[rule.pk, "submit_review"]))
    assert page.status_code == 409


def test_another_bodys_clerk_gets_404_everywhere(city, actors, people):
    rule = testing.draft(city["market"], actors["clerk"])
    intruder = people["ecology_clerk"]
    assert _client(intruder).get(reverse("rules:office-detail", args=[rule.pk])).status_code == 404
    assert api_client(intruder).get(f"/api/v1/rules/{rule.pk}/").status_code == 404
    assert api_client(intruder).post(f"/api/v1/rules/{rule.pk}/start-drafting/").status_code == 404
    assert Rule.objects.get(pk=rule.pk).status == S.PLANNED


def test_the_public_never_sees_a_draft(city, actors):
    draft = testing.walk(
        testing.draft(city["market"], actors["clerk"], title="草案市容规定", text="第一条 草案独有的哨兵文字。"),
        S.CONSULTING,
        actors,
    )
    published = testing.walk(
        testing.draft(city["market"], actors["clerk"], title="已公布历史文化保护规定", subject_area="heritage"),
        S.PUBLISHED,
        actors,
    )
    anonymous = _client()
    assert anonymous.get(reverse("rules:public-detail", args=[draft.pk])).status_code == 404
    listing = anonymous.get(reverse("rules:public-list")).content.decode()
    assert "已公布历史文化保护规定" in listing and "草案市容规定" not in listing
    assert api_client().get(f"/api/v1/public/rules/{draft.pk}/").status_code == 404
    ids = [row["id"] for row in api_client().get("/api/v1/public/rules/").json()["results"]]
    assert ids == [published.pk]
    assert not search.search("哨兵文字", public=True).hits
    assert search.search("哨兵文字", user=actors["clerk"]).hits
    found = anonymous.get(reverse("rules:public-list"), {"q": "历史文化"}).content.decode()
    assert "已公布历史文化保护规定" in found
    detail = anonymous.get(reverse("rules:public-detail", args=[published.pk])).content.decode()
    assert "江门市人民政府令第1号" in detail and "尚未施行" in detail


def test_api_walk_for_the_government_office_and_bad_input(city, actors):
    rule = testing.walk(testing.draft(city["market"], actors["clerk"]), S.SIGNED, actors)
    office = api_client(actors["government_office"])
    response = office.post(f"/api/v1/rules/{rule.pk}/number/")
    assert response.status_code == 200 and response.json()["order_number"] == "江门市人民政府令第1号"
    bad = office.post(f"/api/v1/rules/{rule.pk}/publish/", {"effective_on": "明天"}, format="json")
    assert bad.status_code == 400 and "effective_on" in bad.json()["errors"]
    early = office.post(f"/api/v1/rules/{rule.pk}/publish/", {"effective_on": TODAY().isoformat()}, format="json")
    assert early.status_code == 409 and "30日后施行" in early.json()["detail"]
    done = office.post(f"/api/v1/rules/{rule.pk}/publish/", {}, format="json")
    assert done.status_code == 200
    assert done.json()["effective_on"] == (TODAY() + datetime.timedelta(days=30)).isoformat()
    filing = api_client(actors["legal_reviewer"]).post(
        f"/api/v1/rules/{rule.pk}/file/", {"recipient": "nowhere", "receiving_body": "x"}, format="json"
    )
    assert filing.status_code == 400
    created = api_client(actors["clerk"]).post(
        "/api/v1/rules/",
        {"body": city["market"].pk, "title": "<script>x</script>", "subject_area": "tax"},
        format="json",
    )
    assert created.status_code == 400
    missing = api_client(actors["clerk"]).post("/api/v1/rules/", {"body": "abc"}, format="json")
    assert missing.status_code == 400


def test_plan_api_and_public_plan(city, actors):
    office = api_client(actors["office"])
    plan = office.post(
        "/api/v1/rule-plans/", {"government": city["government"].pk, "year": TODAY().year}, format="json"
    )
    assert plan.status_code == 201
    pk = plan.json()["id"]
    item = office.post(
        f"/api/v1/rule-plans/{pk}/add-item/",
        {
            "title": "江门市城市绿化管理规定",
            "subject_area": "ecology",
            "drafting_body": city["market"].pk,
            "planned_submission_on": TODAY().isoformat(),
        },
        format="json",
    )
    assert item.status_code == 200
    assert api_client().get(f"/api/v1/public/rule-plans/{pk}/").status_code == 404
    assert api_client(actors["mayor"]).post(f"/api/v1/rule-plans/{pk}/publish/").status_code == 200
    assert api_client().get(f"/api/v1/public/rule-plans/{pk}/").json()["items"][0]["title"] == "江门市城市绿化管理规定"


def test_art_6_met_when_every_item_is_published_or_explained(city, actors):
    year = TODAY().year
    item = testing.plan_with_item(city["government"], city["market"], actors["office"], actors["mayor"])
    other = services.create_plan(actor=actors["office"], government=city["government"], year=year - 1)
    old = services.add_plan_item(
        other,
        actor=actors["office"],
        title="往年项目",
        subject_area="heritage",
        drafting_body=city["market"],
        planned_submission_on=datetime.date(year - 1, 6, 1),
    )
    services.publish_plan(other, actor=actors["mayor"])
    checks.autodiscover()
    bodies = [city["government"], city["market"], city["ecology"]]
    pending = checks.run(6, bodies, year, TODAY())
    assert pending[city["market"].pk].status == "not_yet_due"
    assert pending[city["ecology"].pk].status == "met"
    last_year = checks.run(6, bodies, year - 1, TODAY())
    assert last_year[city["government"].pk].status == "not_met"
    assert "往年项目" in last_year[city["market"].pk].failing[0].description
    services.record_item_reason(old, actor=actors["office"], reason="上位法尚未出台，调整至下一年度。")
    assert checks.run(6, bodies, year - 1, TODAY())[city["market"].pk].status == "met"
    rule = services.create_rule(actor=actors["clerk"], body=city["market"], plan_item=item, text=testing.TEXT)
    testing.walk(rule, S.PUBLISHED, actors)
    after = checks.run(6, bodies, year, datetime.date(year + 1, 1, 2))
    assert after[city["government"].pk].status == "met"
    assert (after[city["market"].pk].numerator, after[city["market"].pk].denominator) == (1, 1)
    assert checks.run(6, [city["county"]], year, TODAY())[city["county"].pk].status == "not_applicable"


def test_art_6_without_a_plan_and_query_bound(city, people):
    checks.autodiscover()
    result = checks.run(6, [city["government"]], TODAY().year, TODAY())[city["government"].pk]
    assert result.status == "not_met" and "工作计划" in result.summary

    def make(n):
        from fazhi.core.testing import make_body

        return [make_body(parent=city["government"]) for _ in range(n)]

    assert_check_queries_bounded(6, make, year=TODAY().year, as_of=TODAY(), max_queries=5)


def test_the_demo_publishes_a_rule_with_its_order_number(db):
    demo.load()
    rule = Rule.objects.get(title="江门市城市市容和环境卫生管理规定")
    assert rule.status == S.PUBLISHED and rule.order_number == "江门市人民政府令第1号"
    assert rule.plan_item is not None and "演示文本" in rule.text


def test_art_6_a_missing_plan_is_not_yet_due_in_the_first_quarter(city):
    checks.autodiscover()
    year = TODAY().year
    government = city["government"]
    january = checks.run(6, [government], year, datetime.date(year, 1, 15))[government.pk]
    assert january.status == "not_yet_due" and "尚未公布" in january.summary
    assert checks.run(6, [government], year, datetime.date(year, 4, 1))[government.pk].status == "not_met"
