"""The registers' pages and API lists, the overview and the API standing take as many queries
for many records or bodies as for few (no query per row)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.capacity import testing
from fazhi.core.testing import BodyKind, Role, api_client, make_body, make_user


def _count(call) -> int:
    call()  # the user's scope is computed once and cached on the user: not what is measured
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_register_lists_do_not_grow_with_their_rows(today, client, city, staff):
    market, clerk = city["market"], staff["market"]
    listed = testing.duty_list(market, clerk, staff["market_head"], items=1)
    item = listed.items.get()
    client.force_login(staff["office"])
    api = api_client(staff["office"])
    counts = []
    for _round in range(2):
        for _i in range(5):
            testing.learn(market, clerk)
            testing.educate(market, clerk, item=item.pk)
        counts.append(
            (
                _count(lambda: client.get(reverse("capacity:learning"))),
                _count(lambda: client.get(reverse("capacity:education"))),
                _count(lambda: api.get("/api/v1/capacity/learning/")),
                _count(lambda: api.get("/api/v1/capacity/education/")),
            )
        )
    assert counts[0] == counts[1], counts


def test_the_overview_does_not_grow_with_the_bodies(today, client, city, staff):
    client.force_login(staff["office"])
    api = api_client(staff["office"])
    counts = []
    for round_ in range(2):
        for number in range(4):
            body = make_body(
                f"测试区{round_}{number}",
                parent=city["government"],
                kind=BodyKind.COUNTY_GOVERNMENT,
                code=f"q{round_}{number}",
            )
            clerk = make_user(f"q-clerk-{round_}{number}", roles=[(body, Role.CLERK)])
            testing.learn(body, clerk, kind="lecture", leadership_lecture=True)
            testing.meeting(body, clerk)
        counts.append(
            (
                _count(lambda: client.get(reverse("capacity:overview"), {"year": "2026"})),
                _count(lambda: api.get("/api/v1/capacity/standing/", {"year": "2026"})),
            )
        )
    assert counts[0] == counts[1], counts
