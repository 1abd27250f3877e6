"""The Jiangmen demo's complaints and reports: the categories with their periods and routing rules
for the city and 蓬江区, each government's receiving body (市府办, 蓬江区政府办), the channels a few
bodies publish, and cases in different states, all through the public mechanism and the services:

- a food-safety report at the city level, transferred by 市市场监管局 down to 蓬江区市场监管局
  (the place of the violation), accepted there and being investigated;
- a price report concluded by 蓬江区市场监管局 with 已责令整改, rated by the reporter;
- a consumer complaint to 市市场监管局 awaiting its decision to accept;
- a complaint about a 蓬江区 bureau's window staff, at 蓬江区政府办.

Names and contents are fictional.
"""

import uuid

from django.db import transaction

from fazhi.core.services import submissions as submission_services
from fazhi.intake import services
from fazhi.intake.choices import IntakeKind, Result, Route
from fazhi.intake.models import Case, Category, Channel, ReceivingDesk, RoutingRule

MARKET_REPORT = "市场监督管理行政处罚程序规定（2022）第十八条；市场监督管理投诉举报处理暂行办法（2022）第三十一条"
CATEGORIES = [
    # name, kind, route, accept period, handle period, legal source, {area code: body code}
    ("食品安全", IntakeKind.REPORT, Route.RULES, "", "intake-report-verify", MARKET_REPORT,
     {"jm": "jm-scjgj", "pj": "pj-scjgj"}),
    ("产品质量", IntakeKind.REPORT, Route.RULES, "", "intake-report-verify", MARKET_REPORT,
     {"jm": "jm-scjgj", "pj": "pj-scjgj"}),
    ("价格收费", IntakeKind.REPORT, Route.RULES, "", "intake-report-verify", MARKET_REPORT,
     {"jm": "jm-scjgj", "pj": "pj-scjgj"}),
    ("环境污染", IntakeKind.REPORT, Route.RULES, "", "intake-report-handle", "环境保护法（2014）第五十七条",
     {"jm": "jm-sthjj", "pj": "pj-sthj"}),
    ("城市管理", IntakeKind.REPORT, Route.RULES, "", "intake-report-handle", "江门市行政行为投诉举报登记制度（可配置）",
     {"jm": "jm-cgj", "pj": "pj-cgj"}),
    ("劳动保障", IntakeKind.REPORT, Route.RULES, "", "intake-report-handle", "劳动保障监察条例（2004）第十四条",
     {"jm": "jm-rsj"}),
    ("消费投诉", IntakeKind.COMPLAINT, Route.RULES, "intake-complaint-accept", "intake-complaint-mediate",
     "市场监督管理投诉举报处理暂行办法（2022）", {"jm": "jm-scjgj", "pj": "pj-scjgj"}),
    ("机关作风/服务态度", IntakeKind.COMPLAINT, Route.SUPERVISOR, "intake-conduct-register", "intake-conduct-handle",
     "江府办〔2018〕7号第（三十八）项；江门市行政行为投诉举报登记制度（可配置）", {}),
]  # fmt: skip
CHANNELS = [
    ("jm-scjgj", "phone", "12315", "工作日 8:30—12:00，14:30—17:30"),
    ("jm-scjgj", "post", "江门市蓬江区港口一路（演示地址）市场监督管理局投诉举报中心", ""),
    ("jm-scjgj", "email", "ts12315@jmscjgj.example.cn", ""),
    ("jm-scjgj", "online", "", "全天"),
    ("pj-scjgj", "phone", "0750-3000000", "工作日 8:30—17:30"),
    ("pj-scjgj", "online", "", "全天"),
    ("jm-zfb", "phone", "12345", "全天"),
    ("pj-zfb", "phone", "0750-3100000", "工作日 8:30—17:30"),
]


def _submit(kind, data):
    receipt = submission_services.submit(kind, data, client_ip=f"demo-{uuid.uuid4()}")
    return Case.objects.get(submission=receipt.submission), receipt


@transaction.atomic
def load(*, bodies, users) -> None:
    categories = {}
    for name, kind, route, accept, handle, source, rules in CATEGORIES:
        category = Category.objects.create(
            name=name, kind=kind, route=route, accept_matter=accept, handle_matter=handle, legal_source=source
        )
        categories[name] = category
        for area, body in rules.items():
            RoutingRule.objects.create(category=category, area=bodies[area], body=bodies[body])
    ReceivingDesk.objects.create(government=bodies["jm"], receiver=bodies["jm-zfb"])
    ReceivingDesk.objects.create(government=bodies["pj"], receiver=bodies["pj-zfb"])
    scj_clerk, pj_clerk = users["scj_clerk"], users["pj_clerk"]
    for code, kind, value, hours in CHANNELS:
        body = bodies[code]
        actor = scj_clerk if code == "jm-scjgj" else pj_clerk if code == "pj-scjgj" else None
        if actor is None:
            Channel.objects.create(body=body, kind=kind, value=value, hours=hours)
        else:
            services.add_channel(actor=actor, body=body, kind=kind, value=value, hours=hours)

    food, _receipt = _submit(
        IntakeKind.REPORT,
        {
            "category": str(categories["食品安全"].pk),
            "area": str(bodies["jm"].pk),
            "subject": "白沙某小食店使用过期调味品",
            "content": "蓬江区白沙街道某小食店后厨存放多瓶过期调味品，仍在使用。",
            "submitter_name": "陈志强",
            "submitter_phone": "13912345678",
        },
    )
    services.transfer(
        food,
        actor=scj_clerk,
        to_body=bodies["pj-scjgj"].pk,
        reason="违法行为发生地在蓬江区，按照管辖权限转交蓬江区市场监督管理局查处",
    )
    services.accept(food, actor=pj_clerk)
    services.add_note(food, actor=pj_clerk, text="已安排执法人员现场检查，初步核实存放过期调味品 4 瓶。")

    price, receipt = _submit(
        IntakeKind.REPORT,
        {
            "category": str(categories["价格收费"].pk),
            "area": str(bodies["pj"].pk),
            "subject": "某停车场未明码标价",
            "content": "蓬江区某商场地下停车场收费未公示收费标准，按次收费 20 元。",
            "submitter_name": "梁小玲",
            "submitter_email": "liang@example.com",
        },
    )
    services.accept(price, actor=pj_clerk)
    services.conclude(
        price,
        actor=pj_clerk,
        result=Result.RECTIFIED,
        reply="经核查，该停车场未在显著位置公示收费标准，已责令其立即改正，现已公示。感谢您的监督。",
        detail="现场检查，责令改正通知书已送达。",
    )
    services.rate(
        receipt.receipt_code, receipt.secret, rating="satisfied", comment="处理及时。", client_ip=f"demo-{uuid.uuid4()}"
    )

    _submit(
        IntakeKind.COMPLAINT,
        {
            "category": str(categories["消费投诉"].pk),
            "area": str(bodies["jm"].pk),
            "subject": "网购家电无法退货",
            "content": "在本市某电器商行购买的电饭煲七日内申请无理由退货被拒。",
            "submitter_name": "黄晓明",
            "submitter_phone": "13700001111",
        },
    )
    _submit(
        IntakeKind.COMPLAINT,
        {
            "category": str(categories["机关作风/服务态度"].pk),
            "respondent": str(bodies["pj-cgj"].pk),
            "subject": "窗口工作人员推诿",
            "content": "到蓬江区城市管理和综合执法局办理占道经营审批，工作人员多次推诿。",
            "submitter_name": "李慧",
            "submitter_phone": "13600002222",
        },
    )
