"""The Jiangmen demo's decision catalog and legal advisers: this year's catalog of 江门市人民政府 with
four matters, agreed by 中共江门市委 and published; the legal-adviser rosters of the city government
and of 市市场监督管理局. The matters are demo texts modelled on the kind of matter a city lists, and
the advisers, their firms and licence numbers are fictional.

The city's 依法行政办 drafts the catalog and keeps the government's roster; the mayor (the demo's
head of the city government) records the party committee's agreement and publishes it.

Two decisions show the procedure: 潭江流域水环境综合整治实施方案, undertaken by 市生态环境局 from the
catalog, technical and with a social-stability risk, walked through every step to publication
(its consultation answered one public comment in the ledger); and a matter 市市场监督管理局
declared major itself, now open for public comment on the portal.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from fazhi.clock import services as clock
from fazhi.core.services import submissions
from fazhi.decisions import advisers, catalogs, services, testing
from fazhi.decisions.choices import AdviserKind, DecisionCategory, DecisionStatus
from fazhi.procedures import selectors as procedure_selectors
from fazhi.procedures import services as procedures
from fazhi.procedures.choices import CommentPeriod

GOVERNMENT, MARKET, ECOLOGY = "jm", "jm-scjgj", "jm-sthjj"

ITEMS = [
    {
        "title": "江门市国土空间总体规划（2021—2035年）实施方案",
        "category": DecisionCategory.PLANNING,
        "basis": "《中华人民共和国土地管理法》《中华人民共和国城乡规划法》《广东省国土空间规划条例》",
        "planned_timing": "{year}年第二季度",
        "unit": "jm-zrzyj",
    },
    {
        "title": "潭江流域水环境综合整治实施方案",
        "category": DecisionCategory.RESOURCES,
        "basis": "《中华人民共和国水污染防治法》《广东省水污染防治条例》",
        "planned_timing": "{year}年第三季度",
        "unit": "jm-sthjj",
    },
    {
        "title": "江门市区公共停车场收费标准调整",
        "category": DecisionCategory.PUBLIC_POLICY,
        "basis": "《中华人民共和国价格法》《政府制定价格行为规则》《广东省定价目录》",
        "planned_timing": "{year}年第三季度",
        "unit": "jm-fgj",
    },
    {
        "title": "江门市中心城区排水防涝能力提升工程",
        "category": DecisionCategory.CONSTRUCTION,
        "basis": "《城镇排水与污水处理条例》《广东省城镇排水管理办法》",
        "planned_timing": "{year}年第四季度",
        "unit": "jm-zjj",
    },
]

ADVISERS = {
    GOVERNMENT: [
        ("梁志远", AdviserKind.LEGAL_OFFICE_STAFF, "江门市司法局", "法律职业资格证书 A2016440000001（演示）"),
        ("区慧仪", AdviserKind.SCHOLAR, "五邑大学政法学院", "法律职业资格证书 A2009440000002（演示）"),
        ("司徒家明", AdviserKind.LAWYER, "广东侨乡示例律师事务所", "律师执业证 14407201000000001（演示）"),
    ],
    MARKET: [
        ("周丽华", AdviserKind.PUBLIC_LAWYER, "江门市市场监督管理局", "公职律师证 G440700000001（演示）"),
        ("黄颖欣", AdviserKind.LAWYER, "江门江海示例律师事务所", "律师执业证 14407201000000002（演示）"),
    ],
}


@transaction.atomic
def load(*, bodies, users) -> None:
    government = bodies[GOVERNMENT]
    office, mayor = users["office"], users["mayor"]
    today = timezone.localdate()
    year = today.year
    catalog = catalogs.create_catalog(actor=office, body=government, year=year)
    for item in ITEMS:
        catalogs.add_item(
            catalog,
            actor=office,
            title=item["title"],
            category=item["category"],
            basis=item["basis"],
            planned_timing=item["planned_timing"].format(year=year),
            undertaking_unit=bodies[item["unit"]],
        )
    published_on = min(today, datetime.date(year, 3, 20))
    agreed_on = max(datetime.date(year, 1, 1), published_on - datetime.timedelta(days=10))
    catalogs.record_agreement(
        catalog, actor=mayor, agreed_on=agreed_on, agreement="经中共江门市委常委会会议研究同意（演示）"
    )
    catalogs.publish(catalog, actor=mayor, published_on=published_on)
    term_start = datetime.date(year, 1, 1)
    term_end = datetime.date(year + 1, 12, 31)
    for code, actor in ((GOVERNMENT, office), (MARKET, users["scj_clerk"])):
        for name, kind, organisation, qualification in ADVISERS[code]:
            advisers.add_adviser(
                actor=actor,
                body=bodies[code],
                name=name,
                kind=kind,
                organisation=organisation,
                qualification=qualification,
                term_start=term_start,
                term_end=term_end,
            )

    _published_decision(catalog, bodies, users, mayor)
    _decision_in_consultation(bodies, users)


def _published_decision(catalog, bodies, users, mayor) -> None:
    item = catalog.items.get(undertaking_unit=bodies[ECOLOGY])
    clerk = users["sthj_clerk"]
    decision = services.create_decision(
        actor=clerk,
        body=bodies[ECOLOGY],
        catalog_item=item,
        draft_text=testing.DRAFT,
        explanation="落实水污染防治行动计划，改善潭江流域水环境质量（演示）。",
        is_technical=True,
        risk_areas=["social_stability"],
    )
    closes_on = clock.due_for(CommentPeriod.DECISION, timezone.localdate()).due
    services.start_consultation(decision, actor=clerk, closes_on=closes_on)
    consultation = procedure_selectors.consultations_of(decision).get()
    receipt = submissions.submit(
        "consultation_comment",
        {
            "subject": "第三部分 保障措施",
            "content": "建议每季度在政府网站公开污水管网建设进度和各断面水质监测数据，便于群众监督。",
            "submitter_name": "李先生",
        },
        # The demo is not a member of the public: its one comment must not count against the hourly
        # limit of a real client (and demo loads in one hour, as the tests do, against each other).
        client_ip=f"demo-{uuid.uuid4()}",
        target=consultation.pk,
    )
    comment = consultation.comments.get(submission=receipt.submission)
    procedures.decide_comment(
        comment, actor=clerk, decision="adopted", reason="已在方案保障措施中增加按季度公开的要求。"
    )
    testing.finish_consultation(decision, clerk, summary="共收到意见1条，采纳1条。")
    people = {"clerk": clerk, "legal_reviewer": users["reviewer"], "head": mayor, "office": users["office"]}
    testing.walk(decision, DecisionStatus.PUBLISHED, people)


def _decision_in_consultation(bodies, users) -> None:
    clerk = users["scj_clerk"]
    decision = services.create_decision(
        actor=clerk,
        body=bodies[MARKET],
        deciding_body=bodies[MARKET],
        title="江门市食品生产经营企业信用风险分级分类监管办法",
        category=DecisionCategory.PUBLIC_POLICY,
        declared_on=timezone.localdate(),
        declaration="经局党组会议集体讨论，认定为重大行政决策事项（演示）。",
        draft_text="第一条 为了提升食品安全监管效能，根据《中华人民共和国食品安全法》，制定本办法。\n"
        "第二条 市场监督管理部门按照信用风险等级对食品生产经营企业实施差异化监管。",
        touches_market=True,
    )
    closes_on = clock.due_for(CommentPeriod.DECISION, timezone.localdate()).due
    services.start_consultation(decision, actor=clerk, closes_on=closes_on)
