"""Every operation in /api/schema/, fed generated and deliberately malformed requests.

The schema is loaded from the WSGI application, so what is tested is what the API publishes.
Each request is sent as one of several demo accounts, drawn with the request: the city's
依法行政办 (the widest scope), the market bureau's clerk and its head, a clerk of another body,
the mayor, and the anonymous public. For each operation schemathesis sends a bounded number of
requests, valid and invalid (about 6,000 in all); the API must never answer 5xx, must answer
every 4xx with the one error body `{code, detail, errors}` in JSON, and every 2xx must match the
documented response schema.
"""

import json
import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)
from schemathesis.generation import GenerationMode

from fazhi.core.models import Body, Membership, User
from fazhi.core.services import submissions
from fazhi.core.services.notifications import notify

EXAMPLES_PER_OPERATION = 10


ROLES = ["office", "scj_clerk", "scj_head", "sthj_clerk", "mayor", None]


@pytest.fixture
def api_token(module_demo, db):
    return Token.objects.create(user=User.objects.get(username="office")).key


@pytest.fixture
def role_headers(api_token):
    """The Authorization header of each role (none for the anonymous public)."""
    headers = {"office": {"Authorization": f"Token {api_token}"}, None: {}}
    for username in ROLES:
        if username not in headers:
            token = Token.objects.create(user=User.objects.get(username=username))
            headers[username] = {"Authorization": f"Token {token.key}"}
    return headers


@pytest.fixture
def known_ids(api_token):
    """Ids of real records in the office's scope, so that valid requests reach real objects too."""
    office = User.objects.get(username="office")
    (notification,) = notify([office], "年度依法行政工作报告报送提醒")
    market = Body.objects.get(code="jm-scjgj")
    receipt = submissions.submit(
        "suggestion",
        {"subject": "关于规范涉企检查的建议", "content": "建议公布年度涉企检查计划。", "submitter_name": "陈大文"},
        client_ip="203.0.113.7",
        body=market,
    )
    return {
        "bodies": market.pk,
        "memberships": Membership.objects.get(user__username="scj_clerk").pk,
        "inbox": notification.pk,
        "submissions": receipt.submission.pk,
    }


@pytest.fixture(autouse=True)
def _requests_share_the_test_transaction():
    """Like Django's test client, keep the connection open between requests: closing it would
    end the transaction that keeps each test's data apart."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded once at collection, from the application itself: one test per published operation.
# (Plain pytest parametrisation: schemathesis's own item naming collapses under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())
OPERATIONS = {operation.label: operation for operation in (result.ok() for result in schema.get_all_operations())}


@schemathesis.check
def error_contract(ctx, response, case):
    """A 4xx is JSON with the project's three keys, and a Chinese message in `detail`."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), (
        f"{response.status_code} 应返回 JSON，实际为 {content_type!r}：{response.text[:200]}"
    )
    body = json.loads(response.text)
    assert isinstance(body, dict) and {"code", "detail", "errors"} <= body.keys(), (
        f"{response.status_code} 的错误体缺少 code/detail/errors：{body}"
    )
    assert isinstance(body["code"], str) and body["code"], body
    assert isinstance(body["detail"], str) and re.search(r"[\u4e00-\u9fff]", body["detail"]), (
        f"detail 应为中文说明：{body}"
    )
    assert isinstance(body["errors"], dict), body
    return None


CHECKS = [not_a_server_error, error_contract, content_type_conformance, response_schema_conformance]


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_api_operation_answers_within_the_error_contract(label, role_headers, known_ids):
    operation = OPERATIONS[label]
    strategies = [operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)]
    collection = operation.path.removeprefix("/api/v1/").split("/")[0]
    if "{id}" in operation.path and collection in known_ids:
        strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters={"id": known_ids[collection]}))
    cases = st.one_of(strategies)

    @given(case=cases, role=st.sampled_from(ROLES))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers(case, role):
        case.call_and_validate(headers=role_headers[role], checks=CHECKS)

    answers()


def test_unknown_api_url_answers_the_json_error_body(client):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"code": "not_found", "detail": "未找到该记录。", "errors": {}}


def test_unknown_page_still_answers_the_chinese_error_page(client):
    response = client.get("/office/no-such-page/")

    assert response.status_code == 404
    assert "您访问的页面不存在，或您无权查看。" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/inbox/abc/read/", "/api/v1/memberships/1,2/end/"])
def test_malformed_id_in_an_action_is_404_not_500(path, api_token, client):
    response = client.post(path, headers={"Authorization": f"Token {api_token}"})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
