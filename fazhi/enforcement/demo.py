"""The Jiangmen demo's enforcement groundwork at 市市场监督管理局: certified officers, a qualified legal
reviewer, two published discretion benchmarks, a published legal-review catalog and the bureau's
settings — all entered through the services, by the people whose step it is.

The bureau's clerk enters the officers; the city's 依法行政办 issues their certificates (one runs
out within 60 days, so the officers page and the expiry notice have something to show); the head
appoints the legal reviewer, whose qualification number is fictional, as are the officers'
certificate numbers. The benchmarks are demo texts modelled on common market-regulation practice:
the bands and amounts follow 食品安全法第一百二十四条 and 价格法第四十二条, not any bureau's
actual published benchmark.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.enforcement import benchmarks, officers
from fazhi.enforcement.choices import Harm, PenaltyKind

MARKET = "jm-scjgj"

OFFICERS = [
    # name, account, staff number, position, certificate number, days left
    ("吴国栋", "scj_officer1", "SC0101", "执法稽查科科长", "44070021010101", 900),
    ("谭伟明", "scj_officer2", "SC0102", "执法稽查科科员", "44070021010102", 700),
    ("李志明", None, "SC0103", "执法稽查科科员", "44070018010103", 45),
]
AREA = "江门市 市场监督管理（食品安全、价格、产品质量）"

BENCHMARKS = [
    {
        "code": "JMSCJ-SP-124-01",
        "violation": "销售不符合食品安全标准的食品（污染物质含量超过食品安全标准限量）",
        "violated_provision": "《中华人民共和国食品安全法》第三十四条第二项",
        "penalty_provision": "《中华人民共和国食品安全法》第一百二十四条第一款第一项",
        "bands": [
            {
                "label": "从轻",
                "amount_below": "10000",
                "harm": Harm.MINOR,
                "fine_min": "50000",
                "fine_max": "65000",
                "other_penalties": "没收违法所得和违法经营的食品",
            },
            {
                "label": "从重",
                "amount_below": "10000",
                "harm": Harm.SERIOUS,
                "fine_min": "85000",
                "fine_max": "100000",
                "other_penalties": "没收违法所得和违法经营的食品；情节严重的，吊销许可证",
            },
            {
                "label": "一般",
                "amount_below": "10000",
                "fine_min": "65000",
                "fine_max": "85000",
                "other_penalties": "没收违法所得和违法经营的食品",
            },
            {
                "label": "货值金额一万元以上",
                "amount_from": "10000",
                "other_penalties": (
                    "没收违法所得和违法经营的食品，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证"
                ),
            },
        ],
    },
    {
        "code": "JMSCJ-JG-42-01",
        "violation": "经营者未按照规定明码标价",
        "violated_provision": "《中华人民共和国价格法》第十三条第一款；《明码标价和禁止价格欺诈规定》第五条",
        "penalty_provision": "《中华人民共和国价格法》第四十二条；《明码标价和禁止价格欺诈规定》第二十二条",
        "bands": [
            {"label": "首违不罚", "first_violation": True, "harm": Harm.NONE, "no_penalty": True},
            {
                "label": "轻微",
                "harm": Harm.MINOR,
                "fine_min": "0",
                "fine_max": "1500",
                "other_penalties": "责令改正，没收违法所得",
            },
            {
                "label": "严重",
                "harm": Harm.SERIOUS,
                "fine_min": "3500",
                "fine_max": "5000",
                "other_penalties": "责令改正，没收违法所得",
            },
            {
                "label": "一般",
                "fine_min": "1500",
                "fine_max": "3500",
                "other_penalties": "责令改正，没收违法所得",
            },
        ],
    },
]

CATALOG = [
    {
        "matter": "拟作出降低资质等级、吊销许可证件、限制开展生产经营活动、责令停产停业、责令关闭、限制从业的行政处罚",
        "penalty_kinds": [
            PenaltyKind.DOWNGRADE,
            PenaltyKind.REVOKE_LICENCE,
            PenaltyKind.RESTRICT_ACTIVITY,
            PenaltyKind.SUSPEND_BUSINESS,
            PenaltyKind.CLOSE,
            PenaltyKind.RESTRICT_PRACTICE,
        ],
    },
    {"matter": "拟处以十万元以上罚款的行政处罚", "fine_from": "100000"},
]


@transaction.atomic
def load(*, bodies, users) -> None:
    market = bodies[MARKET]
    clerk, office, head, legal = users["scj_clerk"], users["office"], users["scj_head"], users["scj_legal"]
    today = timezone.localdate()
    for name, account, staff_number, position, number, days_left in OFFICERS:
        officer = officers.add_officer(
            actor=clerk,
            body=market,
            name=name,
            staff_number=staff_number,
            position=position,
            user=users[account] if account else None,
        )
        expires_on = today + datetime.timedelta(days=days_left)
        officers.issue_certificate(
            officer,
            actor=office,
            number=number,
            area=AREA,
            issued_on=expires_on - datetime.timedelta(days=5 * 365),
            expires_on=expires_on,
        )
    officers.register_reviewer(
        actor=head,
        body=market,
        user=legal,
        appointed_on=datetime.date(2022, 3, 1),
        qualification_number="A20214407000123",
    )
    reviewed_on, published_on = today - datetime.timedelta(days=10), today - datetime.timedelta(days=7)
    for item in BENCHMARKS:
        data = {key: value for key, value in item.items() if key != "bands"}
        benchmark = benchmarks.create_benchmark(actor=clerk, body=market, **data)
        for band in item["bands"]:
            benchmarks.add_band(benchmark, actor=clerk, **band)
        benchmarks.review(benchmark, actor=legal, reviewed_on=reviewed_on)
        benchmarks.publish(benchmark, actor=head, published_on=published_on)
    for entry in CATALOG:
        benchmarks.add_entry(actor=clerk, body=market, **entry)
    benchmarks.publish_catalog(actor=head, body=market, published_on=published_on)
    benchmarks.save_settings(market, actor=head, serious_fine_from="500000")
