"""Building petitions for tests, the URL-scoping walk and the demo: filed through the public
mechanism and moved on through the services, so every gate is met."""

import itertools

from fazhi.core.services import submissions as submission_services
from fazhi.petitions import services
from fazhi.petitions.models import Petition

_numbers = itertools.count(1)


def petition_data(**overrides) -> dict:
    number = next(_numbers)
    return {
        "category": "claim",
        "subject": f"征地补偿款未足额发放（{number}）",
        "content": "本村2025年征地补偿款至今未足额发放到户，请求依法处理。",
        "submitter_name": "李四",
        "submitter_phone": "13800138000",
        "submitter_address": "江门市蓬江区白沙街道某村12号",
        **overrides,
    }


def file(body, *, client_ip: str = "198.51.100.7", **overrides) -> tuple[Petition, str]:
    """A petition filed with `body`; returns it and the receipt secret."""
    receipt = submission_services.submit(services.KIND, petition_data(**overrides), client_ip=client_ip, body=body.pk)
    return Petition.objects.get(submission=receipt.submission), receipt.secret


def accepted(body, clerk, **overrides) -> Petition:
    petition, _secret = file(body, **overrides)
    return services.accept(petition, actor=clerk)


def answered(body, clerk, **overrides) -> tuple[Petition, str]:
    petition, secret = file(body, **overrides)
    services.accept(petition, actor=clerk)
    petition = services.answer(
        petition, actor=clerk, outcome="partly_supported", opinion="经核查，部分补偿款已发放，其余款项限期发放。"
    )
    return petition, secret


def make_canaries(body, markers) -> dict:
    """A petition at `body` carrying the markers (for the URL-scoping walk)."""
    petition, _secret = file(
        body,
        client_ip="203.0.113.19",
        subject=markers["subject"],
        content=markers["content"],
        submitter_name=markers["submitter"],
        submitter_phone=markers["phone"],
    )
    return {"petition": petition.pk}


def state() -> dict:
    """What an intruder must not change."""
    return {
        "petitions": list(
            Petition.objects.order_by("pk").values_list("pk", "status", "body_id", "opinion", "review_reasons")
        )
    }
