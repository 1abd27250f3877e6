"""Building litigation records for tests, the URL-scoping walk and the demo: through the services,
so every gate is met."""

import itertools

from django.utils import timezone

from fazhi.litigation import services
from fazhi.litigation.models import CourtCase, Hearing, ProcuratorialSuggestion

_numbers = itertools.count(1)


def case_data(body, /, **overrides) -> dict:
    number = next(_numbers)
    return {
        "body": body.pk,
        "court": "江门市蓬江区人民法院",
        "case_number": f"（2026）粤0703行初{100 + number}号",
        "plaintiff": "张三",
        "cause": "工商行政管理（工商）",
        "act": f"行政处罚决定书江市监罚〔2026〕{number}号",
        "received_on": "2026-03-02",
        **overrides,
    }


def register(body, clerk, /, **overrides) -> CourtCase:
    return services.register_case(actor=clerk, **case_data(body, **overrides))


def heard(body, clerk, *, on="2026-04-10", head=True, **overrides) -> CourtCase:
    """A case defended and heard (the head appearing, or staff entrusted with a reason)."""
    case = register(body, clerk, **overrides)
    services.defend(case, actor=clerk, defended_on=case.received_on, defence="证据清单、法律依据及答辩状。")
    hearing = {"head_appeared": True, "head_name": "何建华", "head_title": "局长"}
    if not head:
        hearing = {"head_appeared": False, "entrusted_staff": "周丽华", "absence_reason": "official_duty"}
    services.record_hearing(case, actor=clerk, held_on=on, **hearing)
    return CourtCase.objects.get(pk=case.pk)


def suggestion_data(body, /, **overrides) -> dict:
    number = next(_numbers)
    return {
        "body": body.pk,
        "kind": "suggestion",
        "procuratorate": "江门市蓬江区人民检察院",
        "number": f"蓬检行建〔2026〕{number}号",
        "subject": "农贸市场食品安全监管不到位",
        "content": "建议依法履行食品安全监督管理职责，对辖区农贸市场开展专项检查。",
        "received_on": "2026-03-02",
        **overrides,
    }


def suggest(body, clerk, /, **overrides) -> ProcuratorialSuggestion:
    return services.register_suggestion(actor=clerk, **suggestion_data(body, **overrides))


def make_canaries(body, markers) -> dict:
    """A court case at `body`, heard and ended by a ruling, and a suggestion to it, carrying the
    markers (for the URL-scoping walk)."""
    from fazhi.core.models import Membership

    clerk = Membership.objects.filter(body=body, role="clerk").select_related("user").first().user
    day = timezone.localdate()
    case = services.register_case(
        actor=clerk, **case_data(body, plaintiff=markers["submitter"], act=markers["content"], received_on=day)
    )
    hearing = services.record_hearing(
        case, actor=clerk, held_on=day, head_appeared=True, head_name=markers["member"], head_title="局长"
    )
    judgment = services.decide(
        case, actor=clerk, decision_type="ruling", outcome="withdrawal", served_on=day, summary=markers["content"]
    )
    suggestion = services.register_suggestion(
        actor=clerk, **suggestion_data(body, subject=markers["subject"], content=markers["content"], received_on=day)
    )
    return {
        "litigation_case": case.pk,
        "litigation_hearing": hearing.pk,
        "litigation_judgment": judgment.pk,
        "litigation_suggestion": suggestion.pk,
    }


def state() -> dict:
    """What an intruder must not change."""
    return {
        "court_cases": list(CourtCase.objects.order_by("pk").values_list("pk", "status", "major", "defended_on")),
        "hearings": list(Hearing.objects.order_by("pk").values_list("pk", flat=True)),
        "suggestions": list(
            ProcuratorialSuggestion.objects.order_by("pk").values_list("pk", "status", "major", "replied_on")
        ),
    }
