"""Test scaffolding for complaints and reports: categories, rules and submissions through the
public mechanism (as a member of the public would send them)."""

from fazhi.core.choices import BodyKind
from fazhi.core.services import submissions as submission_services
from fazhi.core.testing import make_body
from fazhi.intake.choices import IntakeKind, Route
from fazhi.intake.models import Case, Category, ReceivingDesk, RoutingRule

MARKET_REPORT = "市场监督管理行政处罚程序规定（2022）第十八条"


def setup(city) -> dict:
    """Categories and rules over the `city` fixture: 食品安全 goes to 蓬江区市场监管局 in 蓬江区 and
    to 市市场监管局 at the city level; 环境污染 only at the city level; 机关作风 to the supervisor;
    消费投诉 by area. 江门市人民政府's desk is its 办公室."""
    office = make_body("江门市人民政府办公室", parent=city["government"], code="jm-zfb")
    county_office = make_body(
        "蓬江区人民政府办公室", parent=city["county"], kind=BodyKind.COUNTY_DEPARTMENT, code="pj-zfb"
    )
    food = Category.objects.create(
        name="食品安全", kind=IntakeKind.REPORT, handle_matter="intake-report-verify", legal_source=MARKET_REPORT
    )
    pollution = Category.objects.create(
        name="环境污染", kind=IntakeKind.REPORT, handle_matter="intake-report-handle", legal_source="环境保护法"
    )
    unrouted = Category.objects.create(
        name="无规则", kind=IntakeKind.REPORT, handle_matter="intake-report-handle", legal_source="—"
    )
    conduct = Category.objects.create(
        name="机关作风",
        kind=IntakeKind.COMPLAINT,
        route=Route.SUPERVISOR,
        accept_matter="intake-conduct-register",
        handle_matter="intake-conduct-handle",
        legal_source="江府办〔2018〕7号第（三十八）项",
    )
    consumer = Category.objects.create(
        name="消费投诉",
        kind=IntakeKind.COMPLAINT,
        accept_matter="intake-complaint-accept",
        handle_matter="intake-complaint-mediate",
        legal_source="市场监督管理投诉举报处理暂行办法（2022）",
    )
    RoutingRule.objects.create(category=food, area=city["county"], body=city["county_market"])
    RoutingRule.objects.create(category=food, area=city["government"], body=city["market"])
    RoutingRule.objects.create(category=pollution, area=city["government"], body=city["ecology"])
    RoutingRule.objects.create(category=consumer, area=city["government"], body=city["market"])
    RoutingRule.objects.create(category=consumer, area=city["county"], body=city["county_market"])
    ReceivingDesk.objects.create(government=city["government"], receiver=office)
    ReceivingDesk.objects.create(government=city["county"], receiver=county_office)
    return {
        "food": food,
        "pollution": pollution,
        "unrouted": unrouted,
        "conduct": conduct,
        "consumer": consumer,
        "office": office,
        "county_office": county_office,
    }


def report_data(category, area, **fields) -> dict:
    return {
        "category": str(category.pk),
        "area": str(area.pk),
        "subject": "某餐馆使用过期食材",
        "content": "某餐馆后厨使用过期食材，多次发现。",
        "submitter_name": "李四",
        "submitter_phone": "13800000000",
        **fields,
    }


def complaint_data(category, *, respondent=None, area=None, **fields) -> dict:
    data = {
        "category": str(category.pk),
        "subject": "窗口工作人员态度恶劣",
        "content": "办事窗口工作人员推诿，态度恶劣。",
        "submitter_name": "王五",
        "submitter_email": "wang@example.com",
        **fields,
    }
    if respondent is not None:
        data["respondent"] = str(respondent.pk)
    if area is not None:
        data["area"] = str(area.pk)
    return data


_ips = iter(range(1, 10**6))


def submit(kind: str, data: dict, **kwargs):
    """Submit through the public mechanism from a fresh address; returns (case, receipt)."""
    ip = f"10.{next(_ips) // 65536 % 256}.{next(_ips) // 256 % 256}.{next(_ips) % 256}"
    receipt = submission_services.submit(kind, data, client_ip=kwargs.pop("client_ip", ip), **kwargs)
    return Case.objects.get(submission=receipt.submission), receipt


def make_canaries(body, markers: dict) -> dict:
    """A report handled by `body` carrying the walk's markers, and one of its channels (whose
    value is public, so not a marker)."""
    from fazhi.core.models import Body
    from fazhi.intake.models import Channel

    area = Body.objects.filter(pk__in=body.ancestor_ids()).exclude(pk=body.pk).order_by("tree_path").first() or body
    category = Category.objects.create(
        name="哨兵类别", kind=IntakeKind.REPORT, handle_matter="intake-report-handle", legal_source="—"
    )
    RoutingRule.objects.create(category=category, area=area, body=body)
    receipt = submission_services.submit(
        IntakeKind.REPORT,
        {
            "category": str(category.pk),
            "area": str(area.pk),
            "subject": markers["subject"],
            "content": markers["content"],
            "submitter_name": markers["submitter"],
            "submitter_phone": markers["phone"],
        },
        client_ip="203.0.113.19",
    )
    channel = Channel.objects.create(body=body, kind="phone", value="0750-0000000")
    return {"intake_case": Case.objects.get(submission=receipt.submission).pk, "intake_channel": channel.pk}


def state() -> dict:
    from fazhi.intake.models import CaseNote, CaseTransfer, Channel

    return {
        "intake_cases": list(Case.objects.order_by("pk").values_list("pk", "status", "body", "result", "reply")),
        "intake_notes": list(CaseNote.objects.order_by("pk").values_list("pk", flat=True)),
        "intake_transfers": list(CaseTransfer.objects.order_by("pk").values_list("pk", flat=True)),
        "intake_channels": list(Channel.objects.order_by("pk").values_list("pk", "value")),
    }
