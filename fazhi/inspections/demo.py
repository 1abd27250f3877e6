"""The Jiangmen demo's random inspections at 市市场监督管理局: a published list of three inspection
items, a directory of 200 entities imported from a workbook, and this year's plan drawn on a seed,
published with its picks, and every drawn entity's result recorded and published.

The entities, their names, codes and addresses are fictional (the codes are well formed, with their
check character); the items are modelled on the kind of item a market regulator lists. The bureau's
clerk drafts the list, imports the directory, drafts and draws the plan and records the results;
its head publishes the list and the plan. The inspectors are the bureau's certified officers from
the enforcement demo, which runs before this one; without them two are created here.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.enforcement.models import Certificate, Officer
from fazhi.inspections import draw, imports, services, testing
from fazhi.inspections.choices import TaskOutcome
from fazhi.inspections.models import InspectionTask

MARKET = "jm-scjgj"
AREAS = {
    "蓬江区": "440703",
    "江海区": "440704",
    "新会区": "440705",
    "台山市": "440781",
    "开平市": "440783",
    "鹤山市": "440784",
    "恩平市": "440785",
}
WORDS = ["顺景", "侨乡", "五邑", "潭江", "圭峰", "银湖", "白沙", "北街", "东湖", "江华", "新宁", "长塘", "荷塘", "杜阮"]
TRADES = [
    ("食品销售", "食品商行", "食品有限公司"),
    ("餐饮服务", "餐馆", "餐饮管理有限公司"),
    ("药品零售", "大药房", "医药连锁有限公司"),
    ("特种设备使用", "机电维修部", "物业管理有限公司"),
    ("网络交易", "网店", "电子商务有限公司"),
]
# The results of the drawn entities by their rank; every other one found nothing wrong.
OUTCOMES = {
    3: (TaskOutcome.CORRECTED, "进货查验记录不完整，缺少两批次食品的供货者许可证明", "已当场责令改正，七日内复查"),
    7: (TaskOutcome.UNREACHABLE, "", "已按规定核查其登记的住所（经营场所）"),
}


def _code(number: int, region: str, individual: bool) -> str:
    first17 = f"{'92' if individual else '91'}{region}{number:09d}"
    return first17 + services.check_character(first17)


def entity_rows(count: int = 200) -> list[dict]:
    areas = list(AREAS)
    rows = []
    for number in range(1, count + 1):
        area = areas[number % len(areas)]
        industry, shop, company = TRADES[number % len(TRADES)]
        individual = number % 5 == 0
        first = number % len(WORDS)
        second = (first + 1 + (number // len(WORDS)) % (len(WORDS) - 1)) % len(WORDS)  # never the same word twice
        word = WORDS[first] + WORDS[second]
        name = f"江门市{area}{word}{shop}" if individual else f"江门市{word}{company}"
        rows.append(
            {
                "code": _code(70000 + number, AREAS[area], individual),
                "name": f"{name}（演示{number:03d}）",
                "kind": "个体工商户" if individual else "企业",
                "industry": industry,
                "area": area,
                "address": f"江门市{area}{word}路{number}号",
                "active": "是",
            }
        )
    return rows


def _officers(body) -> None:
    """Two certified officers of the bureau, unless the enforcement demo already made some."""
    today = timezone.localdate()
    if Certificate.objects.valid_on(today).filter(officer__body=body).values("officer").distinct().count() >= 2:
        return
    for number, name in enumerate(("吴国栋", "谭伟明"), start=1):
        officer = Officer.objects.create(body=body, name=name, position="执法稽查科")
        Certificate.objects.create(
            officer=officer,
            number=f"440700219901{number:02d}",
            area="江门市 市场监督管理",
            issued_on=today - datetime.timedelta(days=400),
            expires_on=today + datetime.timedelta(days=800),
        )


@transaction.atomic
def load(*, bodies, users) -> None:
    market = bodies[MARKET]
    clerk, head = users["scj_clerk"], users["scj_head"]
    year = timezone.localdate().year
    _officers(market)
    items = testing.publish_items(market, clerk, head)
    report = imports.import_workbook(
        imports.workbook(entity_rows()), actor=clerk, body=market, source="检查对象名录（演示）.xlsx"
    )
    assert report.ok, report.errors
    plan = services.create_plan(
        actor=clerk,
        body=market,
        year=year,
        title=f"江门市市场监督管理局{year}年度食品安全和企业公示信息双随机抽查计划",
        items=[item.pk for item in items],
        sample_ratio="5",
        inspectors_per_entity=2,
        seed_source="抽取当日上证综合指数收盘点位（演示）",
    )
    draw.draw(plan, actor=clerk, public_value="3287.45")
    services.publish_plan(plan, actor=head)
    for task in InspectionTask.objects.filter(plan=plan).order_by("rank"):
        outcome, problems, handling = OUTCOMES.get(task.rank, (TaskOutcome.NO_PROBLEM, "", ""))
        task = testing.record(task, clerk, outcome=outcome, problems=problems, handling=handling)
        services.publish_result(task, actor=clerk)
