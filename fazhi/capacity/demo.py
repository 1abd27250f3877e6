"""The Jiangmen demo's capacity records for 2026 (and the 2025 year-end 述职), entered through the
services as the bodies' own staff would:

江门市市场监督管理局 (login `scj_clerk`; its head `scj_head` publishes the duty list):
- the director's year-end report for 2025 on his duty as first responsible (述职 on 16 January);
- the 2026 work points issued on 26 February (江市监〔2026〕12号), three measures, two followed up;
- three 学法活动: a training, a thematic lecture, 会前学法 — the art. 40 minimum met;
- two leaders appointed: one tested before the appointment, one only after it (art. 41 fails);
- the initial training of new civil servants with 12 of its 48 hours on law;
- the 2026 普法责任清单 (three items) published, 普法 activities under two of them;
- two publicity records and the legal office's staff and budget.

蓬江区人民政府 (login `pj_office`, the district's 依法行政办, records for its government):
- a leadership 法治专题讲座 and a 会前学法 (one lecture of the two a year so far);
- the executive meeting that heard the 2025 report (art. 54 met);
- its 2026 work points, still a draft.

The people named are fictional.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.capacity import registers, services

MARKET, DISTRICT = "jm-scjgj", "pj"


def load(*, bodies, users) -> None:
    clerk, head, district_office = users["scj_clerk"], users["scj_head"], users["pj_office"]
    market, district = bodies[MARKET], bodies[DISTRICT]

    def record(register, actor, body, **data):
        return services.record(register, actor=actor, body=body.pk, data=data)

    record(
        registers.HEAD_DUTY,
        clerk,
        market,
        year=2025,
        head_name="何建华",
        head_post="局长",
        reported_on="2026-01-16",
        text=(
            "一、带头学法用法：全年主持局党组理论学习中心组学法4次，带头参加行政诉讼出庭应诉1次。\n"
            "二、部署推进依法行政：主持制定2025年依法行政工作要点，局务会议专题研究法治建设工作3次。\n"
            "三、落实行政执法“三项制度”：重大执法决定法制审核率100%，行政处罚案卷评查合格率96%。\n"
            "四、存在的不足和2026年打算：基层执法队伍法律专业人员偏少，将通过招录和培训逐步补齐。"
        ),
    )

    plan = services.create_work_points(
        actor=clerk,
        body=market.pk,
        year=2026,
        title="江门市市场监督管理局2026年依法行政工作要点",
        goals="全面落实行政执法“三项制度”，提升市场监管执法规范化水平；健全“谁执法谁普法”责任制；推进法治机关建设。",
    )
    measures = [
        services.add_measure(plan, actor=clerk, content=content, responsible_unit=unit, due_on=due)
        for content, unit, due in (
            ("修订市场监管领域行政处罚裁量基准，报市司法局审核后公布。", "法规科", "2026-06-30"),
            ("开展年度行政处罚案卷评查，评查结果通报全局。", "法规科", "2026-10-31"),
            ("组织执法人员参加行政执法资格考试和年度法律知识轮训。", "人事科", "2026-12-15"),
        )
    ]
    services.adopt(
        plan,
        actor=clerk,
        adopted_on="2026-02-26",
        document_number="江市监〔2026〕12号",
        file=SimpleUploadedFile(
            "2026年依法行政工作要点.txt", "江门市市场监督管理局2026年依法行政工作要点（全文）".encode()
        ),
    )
    services.record_progress(
        plan,
        actor=clerk,
        measure=measures[0].pk,
        reported_on="2026-06-28",
        text="裁量基准已修订，经市司法局审核后于6月28日公布。",
        completed=True,
    )
    services.record_progress(
        plan,
        actor=clerk,
        measure=measures[1].pk,
        reported_on="2026-10-20",
        text="抽查行政处罚案卷60宗，合格57宗，问题已通报整改。",
        completed=True,
    )

    for held_on, kind, topic, speaker, attendees in (
        ("2026-03-12", "training", "新修订《行政复议法》及配套制度专题培训", "广东省行政学院 林教授", 86),
        ("2026-06-18", "lecture", "民法典与市场监管执法专题法治讲座", "江门市中级人民法院 陈法官", 120),
        ("2026-09-08", "pre_meeting", "局务会议会前学法：《公平竞争审查条例》", "法规科 周丽华", 15),
    ):
        record(
            registers.LEARNING,
            clerk,
            market,
            held_on=held_on,
            kind=kind,
            topic=topic,
            speaker=speaker,
            attendees=attendees,
            leaders_present="何建华、李志明、黄慧",
        )

    record(
        registers.APPOINTMENTS,
        clerk,
        market,
        person_name="李志明",
        post="副局长",
        appointed_on="2026-04-01",
        test_kind="knowledge",
        tested_on="2026-03-18",
        test_form="written",
        score="86",
    )
    record(
        registers.APPOINTMENTS,
        clerk,
        market,
        person_name="黄慧",
        post="总经济师",
        appointed_on="2026-07-01",
        test_kind="ability",
        tested_on="2026-07-06",
        test_form="online",
        result="合格",
    )
    record(
        registers.TRAININGS,
        clerk,
        market,
        kind="initial",
        title="2026年新录用公务员初任培训班",
        started_on="2026-05-11",
        ended_on="2026-05-16",
        trainees=24,
        total_hours="48",
        legal_hours="12",
        legal_content="宪法、行政处罚法、行政许可法、行政强制法、市场监管执法程序。",
    )

    duty_list = services.create_duty_list(actor=clerk, body=market.pk, year=2026)
    items = [
        services.add_item(
            duty_list, actor=clerk, subject=subject, audience=audience, measures=how, responsible_unit=unit
        )
        for subject, audience, how, unit in (
            (
                "《中华人民共和国食品安全法》",
                "食品生产经营者、消费者",
                "执法检查中同步普法；校园周边食品安全宣传月。",
                "食品安全协调科",
            ),
            (
                "《中华人民共和国广告法》",
                "广告主、广告经营者、直播营销人员",
                "以案释法，发布典型案例；直播营销合规指引。",
                "广告监督管理科",
            ),
            (
                "《中华人民共和国消费者权益保护法》",
                "经营者、消费者",
                "3·15集中宣传；消费维权进社区。",
                "消费者权益保护科",
            ),
        )
    ]
    services.publish_duty_list(duty_list, actor=head, published_on="2026-02-20")
    for held_on, form, topic, audience, reached, item in (
        ("2026-03-15", "lecture", "3·15国际消费者权益日集中宣传", "市民、经营者", 1500, items[2]),
        ("2026-04-22", "case", "直播带货虚假广告典型案例发布", "直播营销人员", 300, items[1]),
        ("2026-09-10", "on_site", "校园周边食品经营者执法检查中的普法", "食品经营者", 85, None),
    ):
        record(
            registers.EDUCATION,
            clerk,
            market,
            held_on=held_on,
            form=form,
            topic=topic,
            audience=audience,
            reached=reached,
            item=item.pk if item else None,
        )

    record(
        registers.PUBLICITY,
        clerk,
        market,
        published_on="2026-05-20",
        channel="newspaper",
        medium="江门日报",
        title="市市场监管局推行“首违不罚”清单 护航市场主体发展",
    )
    record(
        registers.PUBLICITY,
        clerk,
        market,
        published_on="2026-08-05",
        channel="new_media",
        medium="“江门市场监管”微信公众号",
        title="法治政府建设进行时｜行政处罚裁量基准修订解读",
        link="https://www.jiangmen.gov.cn/",
    )
    record(
        registers.STAFFING,
        clerk,
        market,
        year=2026,
        posts=6,
        staff=5,
        qualified=4,
        budget_included=True,
        budget_amount="380000",
        note="法规科编制6名，在岗5名，1名空编拟于年内招录。",
    )

    record(
        registers.LEARNING,
        district_office,
        district,
        held_on="2026-04-23",
        kind="pre_meeting",
        topic="区政府常务会议会前学法：《中华人民共和国行政复议法》",
        speaker="蓬江区司法局局长",
        attendees=22,
        leaders_present="区长、常务副区长、副区长",
    )
    record(
        registers.LEARNING,
        district_office,
        district,
        held_on="2026-07-15",
        kind="lecture",
        topic="区政府领导班子法治专题讲座：依法行政与法治政府建设",
        speaker="中山大学法学院 黄教授",
        attendees=45,
        leaders_present="区长、常务副区长、副区长",
        leadership_lecture=True,
    )
    record(
        registers.MEETINGS,
        district_office,
        district,
        name="蓬江区人民政府2026年第8次常务会议",
        held_on="2026-04-23",
        topic="听取2025年度法治政府建设工作情况汇报",
        problems=(
            "研究解决镇街综合行政执法人员不足、执法装备保障问题：决定从区级执法部门下沉执法人员12名，"
            "追加镇街执法装备经费60万元；要求区司法局牵头于6月底前完成镇街执法事项目录调整。"
        ),
    )
    services.create_work_points(
        actor=district_office,
        body=district.pk,
        year=2026,
        title="蓬江区2026年依法行政工作要点",
        goals="深化法治政府建设示范创建，提升镇街综合行政执法规范化水平。",
    )
