"""Building 政务公开 records for tests, the URL-scoping walk and the demo, through the services."""

import itertools

from fazhi.core.services import submissions as submission_services

_clients = itertools.count(1)


def request_data(**overrides) -> dict:
    data = {
        "submitter_name": "陈小明",
        "applicant_kind": "person",
        "id_number": "440703199001011234",
        "submitter_phone": "13800138000",
        "submitter_email": "chen@example.com",
        "address": "江门市蓬江区示例路1号",
        "subject": "2025年度食品安全抽检计划",
        "content": "申请公开2025年度本市食品安全监督抽检计划及抽检结果汇总。",
        "info_form": "electronic",
        "delivery": "email",
    }
    data.update(overrides)
    return data


def submit_request(body, **overrides):
    """An online request to `body`, as the portal would send it; returns the receipt."""
    return submission_services.submit(
        "disclosure_request", request_data(**overrides), client_ip=f"10.9.0.{next(_clients) % 250 + 1}", body=body.pk
    )
