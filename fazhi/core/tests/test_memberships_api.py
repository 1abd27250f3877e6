from fazhi.core.choices import Role
from fazhi.core.models import Membership
from fazhi.core.testing import api_client


def test_member_sees_own_memberships_office_sees_subtree(city, people):
    clerk = api_client(people["market_clerk"]).get("/api/v1/memberships/").json()
    assert {m["username"] for m in clerk["results"]} == {"market_clerk"}
    county = api_client(people["county_office"]).get("/api/v1/memberships/").json()
    assert {m["username"] for m in county["results"]} == {"county_office"}
    city_office = api_client(people["office"]).get("/api/v1/memberships/").json()
    assert {"market_clerk", "ecology_clerk", "market_head"} <= {m["username"] for m in city_office["results"]}


def test_office_adds_and_ends_membership(city, people):
    office = api_client(people["county_office"])
    response = office.post(
        "/api/v1/memberships/",
        {"user": people["outsider"].pk, "body": city["county_market"].pk, "role": Role.CLERK},
        format="json",
    )
    assert response.status_code == 201
    membership_id = response.json()["id"]
    again = office.post(
        "/api/v1/memberships/",
        {"user": people["outsider"].pk, "body": city["county_market"].pk, "role": Role.CLERK},
        format="json",
    )
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    ended = office.post(f"/api/v1/memberships/{membership_id}/end/")
    assert ended.status_code == 200 and ended.json()["valid_to"]
    assert office.post(f"/api/v1/memberships/{membership_id}/end/").status_code == 409


def test_office_cannot_add_people_outside_its_subtree(city, people):
    response = api_client(people["county_office"]).post(
        "/api/v1/memberships/",
        {"user": people["outsider"].pk, "body": city["market"].pk, "role": Role.CLERK},
        format="json",
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=people["outsider"]).exists()


def test_membership_of_another_body_is_404(city, people):
    other = Membership.objects.get(user=people["ecology_clerk"])
    client = api_client(people["market_clerk"])
    assert client.get(f"/api/v1/memberships/{other.pk}/").status_code == 404
    assert client.post(f"/api/v1/memberships/{other.pk}/end/").status_code == 404


def test_me_reports_scope(city, people):
    me = api_client(people["market_head"]).get("/api/v1/me/").json()
    assert me["scope"]["approve"] == [city["market"].pk]
    assert [m["role"] for m in me["memberships"]] == [Role.HEAD]
