"""The Jiangmen demo's enforcement at 市市场监督管理局: certified officers, a qualified legal reviewer,
two published discretion benchmarks, a published legal-review catalog and the bureau's settings; a
handful of cases (one closed with its decision published, so the portal shows it masked; one decided
on the spot; one not penalised as a first violation; one under investigation with goods seized; one
sent to the police); and this year's case-file review sheet with the bureau's sample drawn and one
file scored — all entered through the services, by the people whose step it is.

The bureau's clerk enters the officers; the city's 依法行政办 issues their certificates (one runs
out within 60 days, so the officers page and the expiry notice have something to show); the head
appoints the legal reviewer, whose qualification number is fictional, as are the officers'
certificate numbers. The benchmarks are demo texts modelled on common market-regulation practice:
the bands and amounts follow 食品安全法第一百二十四条 and 价格法第四十二条, not any bureau's
actual published benchmark. The parties of the cases, their ID numbers and addresses are fictional.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.enforcement import benchmarks, file_reviews, officers, services, transfers
from fazhi.enforcement.choices import Harm, NoPenaltyGround, PenaltyKind
from fazhi.enforcement.models import Case, Officer

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
    published = {}
    for item in BENCHMARKS:
        data = {key: value for key, value in item.items() if key != "bands"}
        benchmark = benchmarks.create_benchmark(actor=clerk, body=market, **data)
        for band in item["bands"]:
            benchmarks.add_band(benchmark, actor=clerk, **band)
        benchmarks.review(benchmark, actor=legal, reviewed_on=reviewed_on)
        published[item["code"]] = benchmarks.publish(benchmark, actor=head, published_on=published_on)
    for entry in CATALOG:
        benchmarks.add_entry(actor=clerk, body=market, **entry)
    benchmarks.publish_catalog(actor=head, body=market, published_on=published_on)
    benchmarks.save_settings(market, actor=head, serious_fine_from="500000")
    _cases(market, users, published)
    _file_review(bodies, users)


def _cases(market, users, published) -> list[Case]:
    """Five cases of the bureau at their different stages; returns the closed ones."""
    officer, head = users["scj_officer1"], users["scj_head"]
    team = [o.pk for o in _officers(market, "吴国栋", "谭伟明")]
    price, food = published["JMSCJ-JG-42-01"], published["JMSCJ-SP-124-01"]
    today = timezone.localdate()

    # Closed, its decision published: the portal shows it with the citizen's name and number masked.
    case = services.open_case(
        actor=officer,
        body=market,
        officers=team,
        benchmark=price.pk,
        filed_on=today - datetime.timedelta(days=20),
        cause="未按规定明码标价案",
        party_kind="person",
        party_name="黄志强",
        party_code="440703198505050000",
        party_address="江门市蓬江区示例路88号",
    )
    services.record_facts(
        case,
        actor=officer,
        facts="当事人黄志强在其经营的水果摊销售水果，未按规定标示品名、产地、计价单位和价格，经责令改正后仍未改正。",
        first_violation=False,
        harm=Harm.MINOR,
    )
    services.conclude_investigation(case, actor=officer)
    services.propose(case, actor=officer, penalty_kinds=[PenaltyKind.WARNING], fine="800")
    services.notify(case, actor=officer)
    services.record_statement(case, actor=officer, statement="当事人放弃陈述、申辩。")
    services.decide(
        case,
        actor=head,
        decision_text="对黄志强给予警告，并处罚款800元。",
        decision_number=f"江市监价罚〔{today.year}〕1号",
    )
    services.serve(case, actor=officer, method="in_person")
    services.execute(case, actor=officer, note="当事人已缴纳罚款。")
    first = services.close(case, actor=head)
    services.publish_decision(first, actor=officer)

    # Decided on the spot by one officer, the fine paid there, then published and closed.
    spot = services.decide_on_the_spot(
        actor=officer,
        body=market,
        officer=team[0],
        penalty_kinds=[PenaltyKind.WARNING, PenaltyKind.FINE],
        fine="100",
        facts="当事人在经营场所未按规定悬挂食品经营许可证，现场责令改正。",
        cause="未在经营场所显著位置悬挂食品经营许可证案",
        party_kind="person",
        party_name="梁美华",
    )
    services.execute(spot, actor=officer, note="当场缴纳罚款100元。")
    spot = services.close(spot, actor=head)
    services.publish_decision(spot, actor=officer)

    # Not penalised: a first violation, no harm, corrected at once (首违不罚).
    spared = services.open_case(
        actor=officer,
        body=market,
        officers=team,
        benchmark=price.pk,
        filed_on=today - datetime.timedelta(days=12),
        cause="未按规定明码标价案",
        party_kind="organisation",
        party_name="江门市示例便利店有限公司",
        party_code="91440703MA5DEMO001",
    )
    services.record_facts(
        spared,
        actor=officer,
        facts="当事人部分商品价签未标示计价单位，系初次违法，未造成危害后果，检查当日即已改正。",
        first_violation=True,
        harm=Harm.NONE,
        corrected=True,
    )
    services.conclude_investigation(spared, actor=officer)
    services.propose(spared, actor=officer, no_penalty_ground=NoPenaltyGround.FIRST_VIOLATION)
    services.not_penalise(
        spared,
        actor=head,
        decision_text="当事人初次违法且危害后果轻微并及时改正，依据《中华人民共和国行政处罚法》第三十三条第一款，决定不予行政处罚。",
        decision_number=f"江市监不罚〔{today.year}〕1号",
    )
    services.serve(spared, actor=officer, method="in_person")
    spared = services.close(spared, actor=head)

    # Under investigation, the suspect goods seized for 30 days.
    rice = services.open_case(
        actor=officer,
        body=market,
        officers=team,
        benchmark=food.pk,
        filed_on=today - datetime.timedelta(days=3),
        cause="销售镉含量超标大米案",
        party_kind="organisation",
        party_name="江门市示例粮油贸易有限公司",
        party_code="91440703MA5DEMO002",
    )
    services.record_facts(
        rice,
        actor=officer,
        facts="抽检发现当事人销售的散装大米镉含量超过食品安全标准限量，货值金额约6000元。",
        amount_involved="6000",
        harm=Harm.MINOR,
    )
    services.seize(
        rice, actor=officer, items="涉案散装大米1200公斤（仓库封存）", decided_on=today - datetime.timedelta(days=3)
    )

    # Sent to the police: the goods' value suggests a crime (食品安全法第一百四十九条; 刑法第一百四十三条).
    oil = services.open_case(
        actor=officer,
        body=market,
        officers=team,
        filed_on=today - datetime.timedelta(days=2),
        cause="销售不符合食品安全标准的食用油案",
        party_kind="organisation",
        party_name="江门市示例食品有限公司",
        party_code="91440703MA5DEMO003",
    )
    services.record_facts(
        oil,
        actor=officer,
        facts="当事人销售的食用油经检验黄曲霉毒素B1严重超标，涉案货值金额约12万元，已售出部分流向多家餐馆。",
        amount_involved="120000",
        harm=Harm.SERIOUS,
    )
    transfer = transfers.propose(
        oil,
        actor=officer,
        suspected_offence="生产、销售不符合安全标准的食品罪",
        team=team,
        receiving_organ="江门市公安局",
    )
    transfer = transfers.decide(transfer, actor=head, approve=True)
    transfers.send(transfer, actor=officer)
    return [first, spot, spared]


def _officers(market, *names) -> list[Officer]:
    found = {officer.name: officer for officer in Officer.objects.filter(body=market, name__in=names)}
    return [found[name] for name in names]


REVIEW_ITEMS = [
    {"key": "1", "label": "执法主体与执法人员资格", "max": "10"},
    {"key": "2", "label": "事实认定与证据", "max": "30"},
    {"key": "3", "label": "法律适用与裁量", "max": "20"},
    {"key": "4", "label": "执法程序", "max": "25"},
    {"key": "5", "label": "执法文书与案卷管理", "max": "15"},
]


def _file_review(bodies, users) -> None:
    """This year's sheet, set by the city's evaluator for the leading group office; two of the
    bureau's closed files drawn on a public value, and the first of them scored."""
    evaluator = users["evaluator"]
    sheet = file_reviews.create_sheet(
        actor=evaluator, year=timezone.localdate().year, items=REVIEW_ITEMS, pass_mark="80"
    )
    drawn = file_reviews.draw_sample(sheet, actor=evaluator, body=bodies[MARKET], count=2, public_value="3816")
    file_reviews.score(
        drawn[0],
        actor=evaluator,
        scores={"1": "10", "2": "27", "3": "18", "4": "22", "5": "12"},
        findings="事实清楚，程序合法；送达回证未注明送达地点，文书填写有待规范。",
    )
