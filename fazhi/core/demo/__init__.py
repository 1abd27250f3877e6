"""Demo data: a real city's structure, loaded through the same services a user would use.

Jiangmen is the shipped demo; another city is another JSON file of the same shape.
"""

import datetime
import importlib
import json
from pathlib import Path

from django.apps import apps
from django.db import transaction

from fazhi.core.models import Body, User
from fazhi.core.services import bodies as body_services
from fazhi.core.services import people as people_services

JIANGMEN = Path(__file__).with_name("jiangmen.json")
_BODY_FIELDS = set(body_services.EDITABLE_FIELDS) - {"code"}


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def load(path: Path = JIANGMEN, *, password: str | None = None) -> dict:
    """Create the bodies, former names, users and grants of a demo file; returns counts."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    password = password or data["password"]
    by_code: dict[str, Body] = {}
    pending_successors = []
    for item in data["bodies"]:
        fields = {key: value for key, value in item.items() if key in _BODY_FIELDS}
        fields["valid_from"] = _date(fields.get("valid_from"))
        fields.pop("valid_to", None)
        parent = by_code[item["parent"]] if item.get("parent") else None
        by_code[item["code"]] = body_services.create_body(actor=None, parent=parent, code=item["code"], **fields)
        if item.get("valid_to"):
            pending_successors.append((item["code"], _date(item["valid_to"]), item.get("successor")))
    for code, ended_on, successor in pending_successors:
        body_services.retire_body(
            by_code[code], actor=None, on=ended_on, successor=by_code[successor] if successor else None
        )
    for item in data.get("former_names", []):
        by_code[item["body"]].names.create(
            name=item["name"], valid_to=_date(item.get("valid_to")), note=item.get("note", "")
        )
    users: dict[str, User] = {}
    for item in data["users"]:
        user = people_services.create_user(
            actor=None,
            username=item["username"],
            full_name=item["full_name"],
            password=password,
            email=item.get("email", ""),
        )
        if item.get("superuser"):
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        for body_code, role in item["roles"]:
            people_services.add_membership(actor=None, user=user, body=by_code[body_code], role=role)
        users[item["username"]] = user
    for item in data.get("grants", []):
        people_services.grant_access(
            actor=None,
            body=by_code[item["body"]],
            grantee_user=users.get(item.get("grantee_user")),
            grantee_body=by_code.get(item.get("grantee_body")),
            include_subtree=item.get("include_subtree", False),
            allows_change=item.get("allows_change", False),
            reason=item["reason"],
        )
    # A step that reads the other apps' demo records (the board's snapshot) says so and runs last.
    for step in sorted(_app_steps(), key=lambda step: getattr(step, "after_other_apps", False)):
        step(bodies=by_code, users=users)
    return {
        "bodies": len(by_code),
        "users": len(users),
        "name": data["name"],
        "password": password,
        "logins": [(u["username"], u["full_name"], u.get("note", "")) for u in data["users"]],
    }


def _app_steps():
    """Each app may add its own demo records in `<app>/demo.py`: `load(*, bodies, users)`, called
    after the bodies and users exist, in the same transaction, with both keyed by code and name."""
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi.") or config.name == "fazhi.core":
            continue
        module = f"{config.name}.demo"
        try:
            yield importlib.import_module(module).load
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def is_loaded(path: Path = JIANGMEN) -> bool:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Body.objects.filter(code=data["bodies"][0]["code"]).exists()
