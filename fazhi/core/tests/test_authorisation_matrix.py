"""The authorisation matrix (decision 40): every page and API endpoint, read by each kind of person.

Routes and their classification come from `test_url_scoping.py` (PUBLIC, SCOPED, the canaries of
市场监管局); the API's published schema must have no endpoint the walk misses. Each route is read
(GET) by six people: the anonymous public, a clerk of another body (市生态环境局), the owning body's
clerk, head and legal reviewer, and the office (依法行政办) of the city government above it. The
designed answer:

- a public route answers everyone, or — a route that only takes writes — refuses the method (405)
  alike for all;
- the portal's (or public API's) page of one record answers everyone for records public by nature
  (a body, a law's article, a penalty publication) and no one for the unpublished canaries;
- every other route refuses the anonymous public (401/403/404/405, or the login page; writes are
  `test_url_scoping.py`'s);
- a record of a private kind refuses the other body's clerk;
- the owning body's people and the office above read the body's records and their own lists;
- where the design refuses one of them (a role without that action), `REFUSED` names it and why.

"Allowed" is 2xx or a redirect other than to the login page; "refused" is 401/403/404/405 or the
login page. Anything else — a 5xx, a 400, a 409 on a read — fails.
"""

import re

import pytest
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse

from fazhi.core.choices import Role
from fazhi.core.testing import FAST_HASHERS, make_city, make_people, make_user
from fazhi.core.tests.test_url_scoping import (
    CHECKED,
    PRIVATE_KINDS,
    PUBLIC,
    ROUTES,
    SCOPED,
    Route,
    _url,
    make_canaries,
)

ANONYMOUS = "匿名公众"
OTHER_BODY = "其他单位经办人"
CLERK = "本单位经办人"
HEAD = "本单位负责人"
LEGAL = "本单位法制审核人员"
OFFICE_ABOVE = "上级政府依法行政办"
OWNERS = (CLERK, HEAD, LEGAL, OFFICE_ABOVE)

# Reads that need a query to answer (a search term, what to compare): (query, what it is).
NEEDS_QUERY = {
    "api-search": (lambda ids: {"q": "江门"}, "检索词"),
    "obligations:evidence": (lambda ids: {"article": "38"}, "哪一条（哨兵的发现在第 38 条）"),
    "power-version-compare": (lambda ids: {"against": ids["power_version"]}, "与哪一版本比较"),
}

# A body's public page of what it has published: 市场监管局 has published none of these.
NOTHING_PUBLISHED = {
    "api-public-reconsideration-guide",
    "reconsideration:public-guide",
    "disclosure:public-guide",
    "powers:public-body",
    "powers:public-compare",
}

# Where the design refuses a read to someone the rules above would let in: route → {person: why}.
_EVALUATION = "市政府的考评由其依法行政办组织、考评员评分；被考评单位的人员不看方案和考评全貌"
_MARKET = (CLERK, HEAD, LEGAL)
_SETTINGS = "单位的配置只由管理它的依法行政办查看和修改"
REFUSED: dict[str, dict[str, str]] = {
    **{
        name: dict.fromkeys(_MARKET, _EVALUATION)
        for name in (
            "assessment-evaluation-detail",
            "assessment-indicator-detail",
            "assessment-scheme-detail",
            "assessment:evaluation",
            "assessment:notice-docx",
            "assessment:notice-pdf",
            "assessment:ranking-export",
            "assessment:scheme",
            "assessment:scorecards-export",
            "assessment:social-template",
        )
    },
    "assessment:scoring": {
        **dict.fromkeys(_MARKET, "评分页只给考评员"),
        OFFICE_ABOVE: "评分页只给考评员；依法行政办看考评页",
    },
    **{
        name: dict.fromkeys(_MARKET, "哨兵是市政府的常务会议：属于政府，不属于市场监管局")
        for name in ("capacity-meetings-detail", "capacity:meetings-detail")
    },
    "api-root": {ANONYMOUS: "API 目录要求登录（令牌或会话）；公开接口各自可匿名调用"},
    "core:otp-enrol": dict.fromkeys((OTHER_BODY, CLERK, HEAD), "双因素验证面向依法行政办和法制审核人员"),
    "capacity:body": {OTHER_BODY: "单位的依法行政能力页只给本单位和上级"},
    "documents:settings-edit": dict.fromkeys((*OWNERS, OTHER_BODY), _SETTINGS),
    "enforcement:settings-edit": {**dict.fromkeys((CLERK, LEGAL, OTHER_BODY), "执法配置由单位负责人和依法行政办维护")},
    "enforcement-settings-detail": {OTHER_BODY: "执法配置只给本单位和上级"},
    "filing:incidental-new": dict.fromkeys((*_MARKET, OTHER_BODY), "附带审查的登记限依法行政办（司法局）"),
    "inbox-detail": dict.fromkeys(OWNERS, "通知只给收件人本人（哨兵经办人）"),
    "membership-detail": dict.fromkeys(_MARKET, "任职记录给本人和管理该单位人员的依法行政办"),
    **{
        name: dict.fromkeys(_MARKET, "规章制定计划属于市政府，不属于市场监管局")
        for name in ("rule-plan-detail", "rules:plan-detail")
    },
    **{
        name: {OFFICE_ABOVE: "年度报告的草稿只给本单位；报送后上级依法行政办只读"}
        for name in (
            "reports:detail",
            "reports:docx",
            "reports:pdf",
            "yearly-report-detail",
            "yearly-report-docx",
            "yearly-report-pdf",
        )
    },
}


@pytest.fixture(scope="module")
def world(module_db, django_db_blocker, tmp_path_factory):
    """The city, its people, 市场监管局's canaries and a signed-in client for each person, built once
    for the module (`module_db`): a login per request would be most of the module's time."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        city = make_city()
        people = make_people(city)
        canaries = make_canaries(city, people)
        legal = make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)])
        users = {
            OTHER_BODY: people["ecology_clerk"],
            CLERK: people["market_clerk"],
            HEAD: people["market_head"],
            LEGAL: legal,
            OFFICE_ABOVE: people["office"],
        }
        clients = {ANONYMOUS: Client()}
        for person, user in users.items():
            clients[person] = Client()
            clients[person].force_login(user)
    yield canaries, clients
    media.disable()


def _answer(response) -> str:
    status = response.status_code
    if status in (401, 403, 404, 405):
        return "refused"
    if status in (301, 302, 303, 307, 308):
        return "refused" if response["Location"].startswith(reverse("core:login")) else "allowed"
    if 200 <= status < 300:
        return "allowed"
    return f"unexpected {status}"


def _is_public_detail(route: Route) -> bool:
    """The portal's page (or the public API's) of one record: the canaries are never published."""
    if route.route.startswith("api/"):
        return route.route.startswith("api/v1/public/") or "public-" in (route.name or "")
    return not route.route.startswith("office/")


def _designed(route: Route, person: str) -> str:
    if person in REFUSED.get(route.name, {}):
        return "refused"
    if route.name in PUBLIC:
        return "allowed"
    kind, _why = SCOPED[route.name]
    if kind is not None and _is_public_detail(route):
        return "refused" if kind in PRIVATE_KINDS or route.name in NOTHING_PUBLISHED else "allowed"
    if person == ANONYMOUS:
        return "refused"
    if person == OTHER_BODY and kind in PRIVATE_KINDS:
        return "refused"
    return "allowed"


@pytest.mark.parametrize("route", CHECKED, ids=lambda route: route.route)
def test_each_person_gets_the_designed_answer(route, world, db):
    canaries, clients = world
    url = _url(route, canaries)
    query = NEEDS_QUERY[route.name][0](canaries) if route.name in NEEDS_QUERY else {}
    answers = {person: client.get(url, query) for person, client in clients.items()}
    # A route that takes only writes answers 405 to a read, from the office above (who may do most).
    write_only = answers[OFFICE_ABOVE].status_code == 405
    problems = []
    for person, response in answers.items():
        got = _answer(response)
        designed = _designed(route, person)
        if write_only and designed == "allowed":
            designed, got = "405", "405" if response.status_code == 405 else got
        if got != designed:
            problems.append(f"{route.name} | {person} GET {url} → {response.status_code}：应为 {designed}")
    assert not problems, "\n".join(problems)


def test_refusals_name_known_routes_and_people():
    names = {route.name for route in ROUTES}
    for name, people in REFUSED.items():
        assert name in names, name
        assert set(people) <= {ANONYMOUS, OTHER_BODY, *OWNERS}, name


def test_every_api_endpoint_of_the_schema_is_in_the_matrix(client, db):
    """The published API (/api/schema/) has no operation that the URL walk above misses."""
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    checked = {route.name for route in CHECKED}
    missing = []
    for path in schema["paths"]:
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        try:
            match = resolve(concrete)
        except Resolver404:
            missing.append(f"{path}：无法解析")
            continue
        if match.view_name not in checked:
            missing.append(f"{path}（{match.view_name}）")
    assert len(schema["paths"]) > 100
    assert not missing, "接口未进入授权矩阵：\n" + "\n".join(missing)
