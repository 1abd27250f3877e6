"""The body tree: services, reforms and the API."""

import datetime

import pytest

from fazhi.core.choices import BodyKind
from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.core.models import AuditEvent, Body
from fazhi.core.services import bodies as body_services
from fazhi.core.testing import api_client


def test_created_body_sits_in_the_tree_and_is_audited(city, people):
    body = body_services.create_body(
        actor=people["office"],
        parent=city["market"],
        code="jm-scj-zfdd",
        name="市场监管执法支队",
        kind=BodyKind.ENTRUSTED_ORGANISATION,
    )
    assert body.tree_path == f"{city['market'].tree_path}{body.pk}/"
    assert set(Body.objects.subtree_of([city["market"]])) == {city["market"], body}
    event = AuditEvent.objects.get(action="core.body_created", object_id=str(body.pk))
    assert event.actor_id == people["office"].pk
    assert event.payload["after"]["name"] == "市场监管执法支队"


def test_clerk_may_not_create_bodies(city, people):
    with pytest.raises(Forbidden):
        body_services.create_body(
            actor=people["market_clerk"], parent=city["market"], code="x", name="x", kind=BodyKind.TOWN
        )


def test_invalid_kind_is_refused_and_nothing_saved(city, people):
    before = Body.objects.count()
    with pytest.raises(InvalidInput):
        body_services.create_body(
            actor=people["office"], parent=city["government"], code="bad", name="坏", kind="ministry"
        )
    assert Body.objects.count() == before


def test_moving_a_body_moves_its_subtree(city, people):
    body_services.move_body(city["county_market"], actor=people["office"], new_parent=city["market"])
    city["county_market"].refresh_from_db()
    assert city["county_market"].tree_path.startswith(city["market"].tree_path)
    with pytest.raises(InvalidInput):
        body_services.move_body(city["market"], actor=people["office"], new_parent=city["county_market"])


def test_reform_rename_keeps_former_name_and_retire_points_to_successor(city, people):
    body_services.rename_body(
        city["ecology"],
        actor=people["office"],
        new_name="江门市生态环境和水务局",
        on=datetime.date(2026, 1, 1),
        note="演示改革",
    )
    assert body_services.resolve_name("江门市生态环境局") == city["ecology"]
    body_services.retire_body(
        city["market"], actor=people["office"], on=datetime.date(2026, 6, 30), successor=city["ecology"]
    )
    assert body_services.resolve_name("江门市市场监督管理局") == city["ecology"]
    assert city["market"] not in Body.objects.current(datetime.date(2026, 7, 1))
    with pytest.raises(Conflict):
        body_services.retire_body(city["market"], actor=people["office"], on=datetime.date(2026, 7, 1))


def test_api_lists_bodies_to_any_member(city, people):
    response = api_client(people["market_clerk"]).get("/api/v1/bodies/", {"kind": "county_government"})
    assert response.status_code == 200
    assert [b["name"] for b in response.json()["results"]] == ["蓬江区人民政府"]


def test_api_create_by_office_and_refusals(city, people):
    office = api_client(people["office"])
    response = office.post(
        "/api/v1/bodies/",
        {"code": "pj-new", "name": "新设机构", "kind": "county_department", "parent": city["county"].pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Body.objects.get(code="pj-new").parent == city["county"]

    response = office.post("/api/v1/bodies/", {"code": "x2", "kind": "county_department"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"code", "detail", "errors"}
    assert "name" in response.json()["errors"]

    response = office.post("/api/v1/bodies/", {"code": "x3", "name": 5, "kind": "nonsense"}, format="json")
    assert response.status_code == 400 and "kind" in response.json()["errors"]

    clerk = api_client(people["market_clerk"])
    response = clerk.patch(f"/api/v1/bodies/{city['ecology'].pk}/", {"name": "改名"}, format="json")
    assert response.status_code == 404
    assert Body.objects.get(pk=city["ecology"].pk).name == "江门市生态环境局"
    response = clerk.post(
        "/api/v1/bodies/", {"code": "x4", "name": "x", "kind": "town", "parent": city["market"].pk}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("只有上级单位")


def test_api_script_in_name_is_kept_as_text(city, people):
    response = api_client(people["office"]).post(
        "/api/v1/bodies/",
        {"code": "xss", "name": "<script>alert(1)</script>", "kind": "town", "parent": city["county"].pk},
        format="json",
    )
    assert response.status_code == 201
    from django.test import Client

    client = Client()
    client.force_login(people["office"])
    page = client.get(f"/office/bodies/{response.json()['id']}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
