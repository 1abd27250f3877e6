"""Small explicit factories for tests; every app's tests build their data with these."""

import itertools

from rest_framework.test import APIClient

from fazhi.core.choices import BodyKind, Role
from fazhi.core.models import Body, Membership, User

_counter = itertools.count(1)
PASSWORD = "test-Passw0rd!"
# Production hashing costs ~0.3 s a password; tests create many users.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_body(
    name: str | None = None, *, parent: Body | None = None, kind: str = BodyKind.CITY_DEPARTMENT, **fields
) -> Body:
    """A body in the tree, created directly (not audited): test scaffolding, not a user action."""
    number = next(_counter)
    body = Body.objects.create(
        code=fields.pop("code", f"body-{number}"),
        name=name or f"测试单位{number}",
        kind=kind,
        parent=parent,
        tree_path="pending",
        **fields,
    )
    body.tree_path = f"{parent.tree_path if parent else '/'}{body.pk}/"
    body.save(update_fields=["tree_path"])
    return body


def make_user(username: str | None = None, *, roles: list[tuple[Body, str]] = (), **fields) -> User:
    number = next(_counter)
    user = User.objects.create_user(
        username=username or f"user{number}",
        password=PASSWORD,
        full_name=fields.pop("full_name", f"测试{number}"),
        **fields,
    )
    for body, role in roles:
        Membership.objects.create(user=user, body=body, role=role)
    return user


def api_client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


__all__ = ["PASSWORD", "BodyKind", "Role", "api_client", "make_body", "make_user"]


def make_city() -> dict:
    """A small tree: the city government, two departments, a county government and its department."""
    government = make_body("江门市人民政府", kind=BodyKind.CITY_GOVERNMENT, code="jm", is_reconsideration_body=True)
    market = make_body(
        "江门市市场监督管理局",
        parent=government,
        code="jm-scj",
        is_enforcement_agency=True,
        has_legal_office=True,
    )
    ecology = make_body("江门市生态环境局", parent=government, code="jm-sthj", is_enforcement_agency=True)
    county = make_body(
        "蓬江区人民政府",
        parent=government,
        kind=BodyKind.COUNTY_GOVERNMENT,
        code="pj",
        is_reconsideration_body=True,
    )
    county_market = make_body("蓬江区市场监督管理局", parent=county, kind=BodyKind.COUNTY_DEPARTMENT, code="pj-scj")
    return {
        "government": government,
        "market": market,
        "ecology": ecology,
        "county": county,
        "county_market": county_market,
    }


def make_people(city: dict) -> dict:
    """One user per typical role over `make_city()`'s tree."""
    return {
        "office": make_user("office", roles=[(city["government"], Role.OFFICE)]),
        "county_office": make_user("county_office", roles=[(city["county"], Role.OFFICE)]),
        "market_clerk": make_user("market_clerk", roles=[(city["market"], Role.CLERK)]),
        "ecology_clerk": make_user("ecology_clerk", roles=[(city["ecology"], Role.CLERK)]),
        "market_head": make_user("market_head", roles=[(city["market"], Role.HEAD)]),
        "evaluator": make_user("evaluator", roles=[(city["government"], Role.EVALUATOR)]),
        "outsider": make_user("outsider"),
    }
