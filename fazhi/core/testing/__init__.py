"""Small explicit factories for tests; every app's tests build their data with these."""

import itertools

from rest_framework.test import APIClient

from fazhi.core.choices import BodyKind, Role
from fazhi.core.models import Body, Membership, User

_counter = itertools.count(1)
PASSWORD = "test-Passw0rd!"


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
