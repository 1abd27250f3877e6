"""The Jiangmen demo's oversight records, dated back from the day the demo is loaded and moved
through the services (the city's 依法行政办 is login `office`):

- suggestions and proposals: to 江门市市场监督管理局 (`scj_clerk`) a deputy's suggestion answered in
  time and published, one answered late that the deputies found unsatisfactory (its second answer
  due), a CPPCC proposal it asked to hand over this week; to 江门市生态环境局 (`sthj_clerk`) a
  suggestion answered and published, and a complex CPPCC proposal with the market bureau as
  co-handler, still within its six months;
- reports to the People's Congress: the market bureau's special report whose 审议意见 it reported on
  in time, the city government's audit report with 审议意见 still within the three months, the
  ecology bureau's answers to a 专题询问;
- a 专项督查 of law enforcement (both bureaus, a problem found at one, none at the other, the report
  made) and a 定期检查 under way;
- a 责令整改 from that finding: reported in time, failed verification, a new date, reported again
  and passed; an interview (约谈) of 蓬江区人民政府;
- the year's split of the provincial evaluation's tasks, issued to three bodies.

The deputies and members are fictional.
"""

import datetime

from django.utils import timezone

from fazhi.oversight import services

MARKET, ECOLOGY, CITY, PENGJIANG = "jm-scjgj", "jm-sthjj", "jm", "pj"
NUMERALS = "一二三四五六七八九十"


def session(kind: str, year: int) -> str:
    """The yearly session of the 16th city People's Congress and the 13th CPPCC committee (from 2022)."""
    ordinal = NUMERALS[min(max(year - 2022, 0), 9)]
    return f"市十六届人大{ordinal}次会议" if kind == "deputy" else f"市政协十三届{ordinal}次会议"


def load(*, bodies, users) -> None:
    today = timezone.localdate()

    def ago(days: int) -> str:
        return (today - datetime.timedelta(days=days)).isoformat()

    def ahead(days: int) -> str:
        return (today + datetime.timedelta(days=days)).isoformat()

    office, market_clerk, ecology_clerk = users["office"], users["scj_clerk"], users["sthj_clerk"]
    market, ecology, city = bodies[MARKET], bodies[ECOLOGY], bodies[CITY]

    def assign(kind: str, number: str, days: int, body, **fields):
        return services.register_proposal(
            actor=office,
            kind=kind,
            body=body.pk,
            session=session(kind, (today - datetime.timedelta(days=days)).year),
            number=number,
            assigned_on=ago(days),
            **fields,
        )

    answered = assign(
        "deputy",
        "20260012",
        200,
        market,
        proposers="李明华、陈少芬",
        title="关于加强校园周边食品安全监管的建议",
        content="校园周边流动摊贩多，食品来源不明。建议加大日常检查频次，建立校园周边食品安全网格化监管，公开检查结果。",
    )
    services.reply(
        answered,
        actor=market_clerk,
        replied_on=ago(150),
        category="A",
        text="李明华、陈少芬代表：您提出的建议收悉。我局已会同教育、城管部门开展校园周边食品安全专项整治，"
        "检查食品经营者1,326家次，查处无证经营43宗，并将校园周边纳入网格化监管，检查结果每月在局网站公开。"
        "联系人：食品经营监管科，电话0750-3271234。",
        public=True,
    )
    services.record_feedback(answered, actor=office, feedback="satisfied", feedback_on=ago(140))

    late = assign(
        "deputy",
        "20260047",
        130,
        market,
        proposers="黄志坚",
        title="关于规范农贸市场计量器具管理的建议",
        content="部分农贸市场电子秤未经检定，缺斤短两投诉多。建议开展强制检定全覆盖，设立公平秤。",
    )
    services.reply(
        late,
        actor=market_clerk,
        replied_on=ago(20),
        category="B",
        text="我局已将农贸市场在用计量器具强制检定列入年度计划，逐步推进。",
    )
    services.record_feedback(
        late, actor=office, feedback="unsatisfied", feedback_on=ago(15), note="未明确公平秤设置时间表，请重新研究答复。"
    )

    handed_over = assign(
        "cppcc",
        "0163",
        2,
        market,
        proposers="区惠玲",
        title="关于加快城市内涝治理的提案",
        content="建议加快老城区排水管网改造，完善内涝预警。",
    )
    services.request_reassign(
        handed_over,
        actor=market_clerk,
        reason="城市排水管网改造和内涝预警属住房城乡建设、水利部门职责，非本局职责范围。",
        suggested_body=bodies["jm-zjj"].pk,
    )

    ecology_answered = assign(
        "deputy",
        "20260031",
        100,
        ecology,
        proposers="梁伟强",
        title="关于加强潭江流域水污染防治的建议",
        content="建议加强潭江沿岸工业企业排污监管，推进入河排污口整治。",
    )
    services.reply(
        ecology_answered,
        actor=ecology_clerk,
        replied_on=ago(60),
        category="B",
        text="梁伟强代表：我局已完成潭江干流入河排污口排查，整治任务列入三年行动计划逐步推进。",
        public=True,
    )
    services.record_feedback(ecology_answered, actor=office, feedback="basically_satisfied", feedback_on=ago(50))

    assign(
        "cppcc",
        "0088",
        40,
        ecology,
        proposers="吴嘉敏、谭子健",
        title="关于建立跨部门生态环境与市场监管联合执法机制的提案",
        content="建议生态环境、市场监管部门建立机动车排放检验机构联合检查机制，共享检查结果。",
        complex=True,
        co_handlers=[market.pk],
    )

    special = services.register_report(
        actor=market_clerk,
        body=market.pk,
        kind="special",
        title="关于全市食品安全工作情况的报告",
        congress="江门市人大常委会",
        meeting="市十六届人大常委会会议",
        reported_on=ago(160),
        reporter="何建华（市市场监督管理局局长）",
    )
    opinion = services.add_opinion(
        special,
        actor=market_clerk,
        kind="opinion",
        received_on=ago(150),
        content="加强农村地区食品安全监管，完善食品安全追溯体系。",
    )
    services.report_opinion(
        opinion,
        actor=market_clerk,
        reported_on=ago(100),
        handling="已在全市镇街设立食品安全工作站73个，冷链食品追溯平台覆盖全部农批市场。",
    )
    audit = services.register_report(
        actor=office,
        body=city.pk,
        kind="audit",
        title="关于市本级预算执行和其他财政收支的审计工作报告",
        congress="江门市人大常委会",
        reported_on=ago(45),
        reporter="市审计局局长（受市人民政府委托）",
    )
    services.add_opinion(
        audit,
        actor=office,
        kind="opinion",
        received_on=ago(40),
        content="抓紧整改审计查出的专项资金闲置问题，健全整改长效机制。",
    )
    services.register_report(
        actor=ecology_clerk,
        body=ecology.pk,
        kind="inquiry",
        title="水污染防治工作专题询问",
        congress="江门市人大常委会",
        reported_on=ago(70),
        reporter="市生态环境局局长",
        question="潭江流域水质改善的时间表和措施？",
        answer_mode="oral",
    )

    inspection = services.plan_inspection(
        actor=office,
        government=city.pk,
        kind="special",
        year=(today - datetime.timedelta(days=95)).year,
        title="行政执法规范化专项督查",
        key_work="法治政府建设年度工作要点：全面落实行政执法“三项制度”",
        planned_on=ago(95),
        targets=[market.pk, ecology.pk],
    )
    services.start_inspection(inspection, actor=office, started_on=ago(90))
    finding = services.record_finding(
        inspection,
        actor=office,
        body=market.pk,
        severity="general",
        problem="抽查行政处罚案卷12宗，3宗重大执法决定未经法制审核即作出。",
        rectification_required=True,
        found_on=ago(85),
    )
    services.record_finding(inspection, actor=office, body=ecology.pk, severity="none", found_on=ago(85))
    services.conclude_inspection(
        inspection,
        actor=office,
        concluded_on=ago(70),
        conclusion="督查2个单位，抽查案卷24宗，发现问题1项，已责令整改。",
    )
    periodic = services.plan_inspection(
        actor=office,
        government=city.pk,
        kind="periodic",
        year=(today - datetime.timedelta(days=25)).year,
        title="法治政府建设定期检查",
        key_work="法治政府建设年度工作要点落实情况",
        planned_on=ago(25),
        targets=[market.pk, ecology.pk, bodies[PENGJIANG].pk],
    )
    services.start_inspection(periodic, actor=office, started_on=ago(20))
    services.record_finding(
        periodic,
        actor=office,
        body=bodies[PENGJIANG].pk,
        severity="minor",
        problem="年度法治政府建设报告未在门户网站公开。",
        rectification_required=True,
        found_on=ago(10),
    )

    order = services.issue_measure(
        actor=office,
        issuer=city.pk,
        body=market.pk,
        kind="rectification",
        number=f"江法治办〔{(today - datetime.timedelta(days=68)).year}〕12号",
        issued_on=ago(68),
        reasons="行政执法规范化专项督查发现3宗重大执法决定未经法制审核即作出，违反意见第二十一条。",
        finding=finding.pk,
        rectify_by=ago(38),
    )
    services.report_rectification(
        order, actor=market_clerk, reported_on=ago(40), report="已对3宗案件补充法制审核，起草重大执法决定法制审核办法。"
    )
    services.verify_rectification(
        order,
        actor=office,
        verified_on=ago(35),
        passed=False,
        note="法制审核办法尚未印发实施。",
        new_due_on=ago(5),
    )
    services.report_rectification(
        order, actor=market_clerk, reported_on=ago(7), report="《重大执法决定法制审核办法》已印发实施。"
    )
    services.verify_rectification(order, actor=office, verified_on=ago(2), passed=True, note="整改到位。")
    services.issue_measure(
        actor=office,
        issuer=city.pk,
        body=bodies[PENGJIANG].pk,
        kind="interview",
        issued_on=ago(30),
        reasons="行政复议纠错率偏高，行政机关负责人出庭应诉率低于全市平均水平。",
    )

    plan = services.create_plan(
        actor=office,
        government=city.pk,
        year=today.year,
        title=f"{today.year}年迎接省政府依法行政考评任务分工",
        requirements="各责任单位对照考评指标整理应考材料，按期在平台报送，市依法行政办审核后统一报省。",
    )
    for body, indicator, materials, days in (
        (market, "行政执法“三项制度”落实情况", "执法公示、全过程记录、法制审核制度文件及落实台账", 20),
        (ecology, "行政处罚裁量基准公布和适用情况", "裁量基准文本、公布截图和适用案卷清单", 20),
        (bodies[PENGJIANG], "法治政府建设年度报告报送和公开情况", "年度报告文本及公开网址", 30),
    ):
        services.add_task(
            plan, actor=office, body=body.pk, indicator=indicator, materials=materials, due_on=ahead(days)
        )
    services.issue_plan(plan, actor=office)
