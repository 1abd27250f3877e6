"""Building 政务公开 records for tests, the URL-scoping walk and the demo, through the services."""

import uuid

from fazhi.core.services import submissions as submission_services


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
        "disclosure_request", request_data(**overrides), client_ip=f"test-{uuid.uuid4()}", body=body.pk
    )


def make_canaries(body, markers: dict) -> dict:
    """Records of `body` with the URL walk's markers, none of them public: a draft catalogue item,
    a draft guide, a request (the applicant's name and identity number are markers) and a draft
    yearly report. Made directly: the walk only reads them."""
    import datetime

    from django.utils import timezone

    from fazhi.core.models import PublicSubmission
    from fazhi.disclosure.models import AnnualReport, CatalogueItem, DisclosureRequest, Guide

    today = timezone.localdate()
    item = CatalogueItem.objects.create(
        body=body, category="budget", title=markers["subject"], content=markers["content"], made_on=today
    )
    guide = Guide.objects.create(
        body=body,
        version=1,
        office_name=markers["subject"],
        address=markers["content"],
        phone=markers["phone"],
        hours="9-17",
        procedure=markers["content"],
    )
    submission = PublicSubmission.objects.create(
        kind="disclosure_request",
        body=body,
        receipt_code="GK-2026-CANARY01",
        secret_digest="0" * 64,
        subject=markers["subject"],
        content=markers["content"],
        submitter_name=markers["submitter"],
        submitter_phone=markers["phone"],
    )
    request_ = DisclosureRequest.objects.create(
        submission=submission,
        body=body,
        applicant_kind="person",
        id_number=markers["phone"],
        address=markers["content"],
        info_form="electronic",
        delivery="collect",
        submitted_on=today - datetime.timedelta(days=1),
    )
    report = AnnualReport.objects.create(body=body, year=today.year - 1, overview=markers["content"])
    return {
        "disclosure_item": item.pk,
        "disclosure_guide": guide.pk,
        "disclosure_request": request_.pk,
        "disclosure_report": report.pk,
    }


def state() -> dict:
    """What the walk's intruders must not change."""
    from fazhi.disclosure.models import AnnualReport, CatalogueItem, DisclosureRequest, Guide

    return {
        "disclosure_items": list(CatalogueItem.objects.order_by("pk").values_list("pk", "status", "title", "content")),
        "disclosure_guides": list(Guide.objects.order_by("pk").values_list("pk", "status", "phone")),
        "disclosure_requests": list(
            DisclosureRequest.objects.order_by("pk").values_list("pk", "status", "received_on", "answer_text")
        ),
        "disclosure_reports": list(AnnualReport.objects.order_by("pk").values_list("pk", "status", "overview")),
    }
