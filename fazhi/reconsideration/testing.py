"""Building reconsideration cases for tests, the URL-scoping walk and the demo: filed through the
public mechanism and moved on through the services, so every gate is met."""

import datetime
import itertools
import uuid

from fazhi.core.services import submissions as submission_services
from fazhi.reconsideration import services
from fazhi.reconsideration.models import AnalysisReport, Case, OpinionLetter

_numbers = itertools.count(1)


def application_data(respondent, **overrides) -> dict:
    number = next(_numbers)
    return {
        "respondent": str(respondent.pk),
        "subject": f"江市监罚〔2026〕{number}号行政处罚决定",
        "act_date": "2026-02-10",
        "known_on": "2026-02-12",
        "request": "请求撤销该行政处罚决定。",
        "content": "被申请人认定本店销售过期食品，但涉案商品系退货待处理商品，未对外销售，认定事实不清。",
        "submitter_name": "张三",
        "submitter_phone": "13900139000",
        **overrides,
    }


def apply(respondent, *, client_ip: str | None = None, files=(), **overrides) -> tuple[Case, str]:
    """An online application against `respondent`; returns the case and the receipt secret."""
    receipt = submission_services.submit(
        services.KIND,
        application_data(respondent, **overrides),
        client_ip=client_ip or f"test-{uuid.uuid4()}",
        files=files,
    )
    return Case.objects.get(submission=receipt.submission), receipt.secret


def accepted(respondent, clerk, *, procedure="ordinary", ground=None, **overrides) -> Case:
    case, _secret = apply(respondent, **overrides)
    return services.accept(case, actor=clerk, procedure=procedure, simplified_ground=ground)


def decided(respondent, clerk, *, decision_type="revoke", performance_days=30, **overrides) -> Case:
    case = accepted(respondent, clerk, **overrides)
    services.send_copy(case, actor=clerk)
    return services.decide(
        case,
        actor=clerk,
        decision_type=decision_type,
        reasons="被申请人认定事实不清、证据不足。",
        text="行政复议决定书：撤销被申请人作出的行政处罚决定，责令其在30日内重新作出处理。",
        performance_required="重新作出处理决定" if performance_days else None,
        performance_days=performance_days,
    )


def make_canaries(body, markers) -> dict:
    """A case against `body` carrying the markers, with an opinion letter to it (URL-scoping walk)."""
    from fazhi.core.choices import Role
    from fazhi.core.testing import make_user

    case, _secret = apply(
        body,
        client_ip="203.0.113.31",
        subject=markers["subject"],
        content=markers["content"],
        submitter_name=markers["submitter"],
        submitter_phone=markers["phone"],
    )
    clerk = make_user("recon_canary_clerk", roles=[(case.office, Role.CLERK)])
    services.accept(case, actor=clerk)
    letter = services.issue_letter(case, actor=clerk, recipient=body.pk, text=markers["content"])
    report = AnalysisReport.objects.create(
        body=body, year=2025, analysis=markers["content"], submitted_on=datetime.date(2026, 1, 20)
    )
    return {
        "reconsideration_case": case.pk,
        "reconsideration_letter": letter.pk,
        "reconsideration_analysis_report": report.pk,
    }


def state() -> dict:
    """What an intruder must not change."""
    return {
        "reconsideration_cases": list(
            Case.objects.order_by("pk").values_list("pk", "status", "reply_text", "performance_text", "major")
        ),
        "reconsideration_letters": list(OpinionLetter.objects.order_by("pk").values_list("pk", "status", "correction")),
    }
