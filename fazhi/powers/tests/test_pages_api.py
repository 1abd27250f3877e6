"""Pages and API: the office edits drafts within its scope; the public sees published versions only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.testing import api_client
from fazhi.powers import services
from fazhi.powers.choices import VersionStatus
from fazhi.powers.models import Power, PowerListVersion
from fazhi.powers.tests.conftest import power_data, published_list
from fazhi.texts.search import service as search

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def market(city):
    return city["market"]


def _adjusted(market, people):
    """Version 1 published, version 2 published with one power renamed, version 3 an open draft."""
    clerk, head = people["market_clerk"], people["market_head"]
    first = published_list(market, clerk, head)
    services.update_power(
        first.powers.get(), actor=clerk, reason_kind="law_amended", reason="法律修改。", name="改名后的事项"
    )
    second = services.publish_version(services.draft_version(market), actor=head)
    services.add_power(
        market, actor=clerk, reason_kind="other", reason="草稿。", **power_data(code="D-1", name="未发布的草稿事项")
    )
    return first, second, services.draft_version(market)


def test_public_sees_current_list_history_and_comparison_but_never_drafts(client, market, people):
    first, second, draft = _adjusted(market, people)

    listing = client.get(reverse("powers:public-list")).content.decode()
    assert market.name in listing
    page = client.get(reverse("powers:public-body", args=[market.pk])).content.decode()
    assert "改名后的事项" in page and "未发布的草稿事项" not in page
    assert "第1版" in page and "第2版" in page and "<del>" in page and "<ins>" in page

    assert client.get(reverse("powers:public-version", args=[first.pk])).status_code == 200
    assert client.get(reverse("powers:public-version", args=[draft.pk])).status_code == 404
    compare = reverse("powers:public-compare", args=[market.pk])
    assert client.get(compare, {"from": first.pk, "to": draft.pk}).status_code == 400
    fragment = client.get(compare, {"from": first.pk, "to": second.pk}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and fragment.content.decode().lstrip().startswith('<div id="comparison">')

    api = api_client()
    listed = api.get("/api/v1/public/power-versions/").json()["results"]
    assert {item["id"] for item in listed} == {first.pk, second.pk}
    assert api.get(f"/api/v1/public/power-versions/{draft.pk}/").status_code == 404
    diff = api.get(f"/api/v1/public/power-versions/{second.pk}/compare/", {"against": first.pk}).json()
    assert diff["changed"][0]["fields"][0] == {
        "field": "name",
        "label": "事项名称",
        "old": power_data()["name"],
        "new": "改名后的事项",
    }
    assert api.get(f"/api/v1/public/power-versions/{second.pk}/compare/", {"against": draft.pk}).status_code == 400


def test_body_without_a_published_list_is_not_on_the_portal(client, market, people):
    services.open_draft(market, actor=people["market_clerk"], reason_kind="initial", reason="初次编制。")
    assert client.get(reverse("powers:public-body", args=[market.pk])).status_code == 404
    assert market.name not in client.get(reverse("powers:public-list")).content.decode()


def test_scripts_are_escaped_everywhere(client, market, people):
    version = published_list(
        market, people["market_clerk"], people["market_head"], power_data(name=f"事项{SCRIPT}", accountability=SCRIPT)
    )
    for url in (reverse("powers:public-body", args=[market.pk]), reverse("powers:public-version", args=[version.pk])):
        html = client.get(url).content.decode()
        assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_office_edits_the_draft_through_pages(client, market, people):
    clerk = people["market_clerk"]
    client.force_login(clerk)
    response = client.post(
        reverse("powers:draft-start"), {"body": market.pk, "reason_kind": "initial", "reason": "初次编制。"}
    )
    draft = PowerListVersion.objects.get(body=market)
    assert response.status_code == 302

    data = {**power_data(), "bases": "\n".join(power_data()["bases"]), "status": "in_force"}
    assert client.post(reverse("powers:power-add", args=[draft.pk]), data).status_code == 302
    bad = client.post(reverse("powers:power-add", args=[draft.pk]), {**data, "code": "X", "category": "wrong"})
    assert bad.status_code == 400 and "职权类别" in bad.content.decode()
    power = Power.objects.get()
    assert client.post(reverse("powers:power-edit", args=[power.pk]), {**data, "name": "新名称"}).status_code == 302
    assert Power.objects.get().name == "新名称"

    page = client.get(reverse("powers:version-detail", args=[draft.pk])).content.decode()
    assert reverse("powers:power-edit", args=[power.pk]) in page
    assert "放弃草稿" in page and "发布权责清单" not in page  # the clerk may not publish
    assert client.post(reverse("powers:version-transition", args=[draft.pk, "publish"])).status_code == 403

    client.force_login(people["market_head"])
    page = client.get(reverse("powers:version-detail", args=[draft.pk])).content.decode()
    assert "发布权责清单" in page
    assert client.post(reverse("powers:version-transition", args=[draft.pk, "publish"])).status_code == 302
    assert PowerListVersion.objects.get(pk=draft.pk).status == VersionStatus.PUBLISHED
    page = client.get(reverse("powers:version-detail", args=[draft.pk])).content.decode()
    assert reverse("powers:power-edit", args=[power.pk]) not in page  # a published version has no edit links


def test_another_bodys_clerk_gets_404_in_pages_and_api(client, market, people):
    _first, second, draft = _adjusted(market, people)
    power = draft.powers.first()
    client.force_login(people["ecology_clerk"])
    for url in (
        reverse("powers:version-detail", args=[draft.pk]),
        reverse("powers:version-detail", args=[second.pk]),
        reverse("powers:power-edit", args=[power.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("powers:version-transition", args=[draft.pk, "discard"])).status_code == 404
    assert (
        client.post(
            reverse("powers:draft-start"), {"body": market.pk, "reason_kind": "other", "reason": "越权"}
        ).status_code
        == 404
    )

    api = api_client(people["ecology_clerk"])
    assert api.get(f"/api/v1/power-versions/{draft.pk}/").status_code == 404
    assert api.patch(f"/api/v1/powers/{power.pk}/", {"name": "越权"}, format="json").status_code == 404
    refused = api.post("/api/v1/powers/", {**power_data(code="Z"), "body": market.pk}, format="json")
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert PowerListVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_api_changes_go_into_a_new_version_with_a_reason(market, people):
    first = published_list(market, people["market_clerk"], people["market_head"])
    api = api_client(people["market_clerk"])
    power = first.powers.get()

    missing_reason = api.patch(f"/api/v1/powers/{power.pk}/", {"name": "新名称"}, format="json")
    assert missing_reason.status_code == 400
    assert set(missing_reason.json()) == {"code", "detail", "errors"}

    changed = api.patch(
        f"/api/v1/powers/{power.pk}/",
        {"name": "新名称", "reason_kind": "law_amended", "reason": "法律修改。"},
        format="json",
    ).json()
    assert changed["version"] != first.pk and changed["name"] == "新名称"
    bad = api.post("/api/v1/powers/", {**power_data(code="N-1", category="wrong"), "body": market.pk}, format="json")
    assert bad.status_code == 400 and "category" in bad.json()["errors"]
    assert api.post(f"/api/v1/power-versions/{changed['version']}/publish/").status_code == 403

    head = api_client(people["market_head"])
    published = head.post(f"/api/v1/power-versions/{changed['version']}/publish/").json()
    assert published["status"] == "published" and published["powers"][0]["name"] == "新名称"
    assert head.post(f"/api/v1/power-versions/{changed['version']}/publish/").status_code == 409
    diff = head.get(f"/api/v1/power-versions/{changed['version']}/compare/", {"against": first.pk}).json()
    assert diff["changed"][0]["code"] == power.code


def test_published_powers_are_publicly_searchable_and_drafts_are_not(market, people):
    clerk, head = people["market_clerk"], people["market_head"]
    first = published_list(market, clerk, head, power_data(name="特种设备安全监督检查"))
    services.update_power(
        first.powers.get(), actor=clerk, reason_kind="other", reason="改名。", name="电梯安全监督抽查"
    )

    assert search.search("特种设备安全", user=None).total == 1
    assert search.search("电梯安全", user=None).total == 0  # still a draft
    services.publish_version(services.draft_version(market), actor=head)
    assert search.search("特种设备安全", user=None).total == 0
    assert search.search("电梯安全", user=None).total == 1


def _new_version(market, people, codes):
    clerk = people["market_clerk"]
    services.open_draft(market, actor=clerk, reason_kind="other", reason="增项。")
    for code in codes:
        services.add_power(market, actor=clerk, **power_data(code=code))
    services.publish_version(services.draft_version(market), actor=people["market_head"])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_public_list_page_query_count_does_not_grow(client, market, people):
    published_list(market, people["market_clerk"], people["market_head"], power_data(code="C-0"))
    _new_version(market, people, ["C-1"])
    url = reverse("powers:public-body", args=[market.pk])
    few = _queries(client, url)
    _new_version(market, people, [f"C-{n}" for n in range(10, 30)])
    assert _queries(client, url) == few
