"""The Jiangmen demo's reconsideration, moved through the services on the day the demo is loaded.

Against 江门市市场监督管理局 (respondent, login `scj_clerk`), handled by 江门市人民政府 through
江门市司法局 (login `reviewer`; its head `sfj_head` approves extensions and conversions):

- an online application awaiting acceptance (5 working days);
- one in completion (10 working days to complete, on the portal by receipt);
- one accepted in the ordinary procedure, the copy sent, the respondent's reply due;
- one suspended (art. 39(5));
- one decided (撤销并责令重新作出), served and published, the redo due; marked major and reported;
- one decided (责令履行), served, and the respondent reported performance;
- one lodged with the market regulator against an on-the-spot penalty, to be forwarded (art. 32);
- an opinion letter to the respondent (60 days).

Also one against 蓬江区市场监督管理局, accepted by 蓬江区人民政府 (login `pj_office`), and one against
the vertically managed 江门市生态环境局蓬江区分局, handled by 江门市生态环境局 (login `sthj_clerk`).
Case-number formats are seeded for the three bodies, and a guide drafted from the law for the two
governments. The
applicants are fictional.
"""

import datetime
import uuid

from django.utils import timezone

from fazhi.reconsideration import services, testing
from fazhi.reconsideration.models import CaseNumberFormat

CITY, COUNTY, ECOLOGY = "jm", "pj", "jm-sthjj"
MARKET, COUNTY_MARKET, BRANCH = "jm-scjgj", "pj-scjgj", "pj-sthj"
PREFIXES = {CITY: "江府行复", COUNTY: "蓬府行复", ECOLOGY: "江环行复"}
CONTACTS = {
    CITY: ("江门市蓬江区迎宾大道中118号江门市司法局行政复议窗口", "0750-3500000"),
    COUNTY: ("江门市蓬江区白沙大道西1号蓬江区司法局行政复议窗口", "0750-3600000"),
}


def _apply(respondent, **fields):
    """An application as a fresh client: loading the demo never meets the hourly limit."""
    return testing.apply(respondent, client_ip=f"demo-{uuid.uuid4()}", **fields)


def _known(days: int) -> dict:
    today = timezone.localdate()
    return {
        "known_on": (today - datetime.timedelta(days=days)).isoformat(),
        "act_date": (today - datetime.timedelta(days=days + 2)).isoformat(),
    }


def load(*, bodies, users) -> None:
    for code, prefix in PREFIXES.items():
        CaseNumberFormat.objects.create(body=bodies[code], case_prefix=prefix)
    for code, user in ((CITY, "reviewer"), (COUNTY, "pj_office")):
        address, phone = CONTACTS[code]
        guide = services.default_guide(bodies[code])
        services.publish_guide(
            actor=users[user], body=bodies[code].pk, data={**guide, "address": address, "phone": phone}
        )

    reviewer, market_clerk = users["reviewer"], users["scj_clerk"]
    market = bodies[MARKET]

    _apply(
        market,
        subject="江市监罚〔2026〕101号行政处罚决定书",
        request="请求撤销被申请人作出的罚款5万元的行政处罚决定。",
        content="本公司销售的商品标签符合国家标准，被申请人认定标签不合格缺乏检验依据。",
        submitter_name="江门市某贸易有限公司（法定代表人陈国华）",
        **_known(10),
    )

    completion, _secret = _apply(
        market,
        subject="江市监罚〔2026〕96号行政处罚决定书",
        request="请求变更罚款数额。",
        content="被申请人对本店处以罚款8000元，处罚明显过重。",
        submitter_name="梁淑仪",
        **_known(12),
    )
    services.ask_completion(completion, actor=reviewer, items="1. 行政处罚决定书复印件；2. 申请人身份证明复印件。")

    replying, _secret = _apply(
        market,
        subject="江市监罚〔2026〕88号行政处罚决定书",
        request="请求撤销没收违法所得的处罚。",
        content="涉案产品系合法进货，有进货凭证，不存在违法所得。",
        submitter_name="何志明",
        **_known(15),
    )
    services.accept(replying, actor=reviewer)
    services.send_copy(replying, actor=reviewer)

    suspended, _secret = _apply(
        market,
        subject="江市监罚〔2026〕80号行政处罚决定书",
        request="请求撤销吊销营业执照的处罚。",
        content="被申请人未告知听证权利，程序违法。",
        submitter_name="吴美华",
        **_known(20),
    )
    services.accept(suspended, actor=reviewer)
    services.suspend(suspended, actor=reviewer, reason="5", note="申请人因病住院，暂不能参加行政复议。")

    published, _secret = _apply(
        market,
        subject="江市监罚〔2026〕72号行政处罚决定书",
        request="请求撤销该行政处罚决定。",
        content="被申请人仅凭举报人陈述认定本店虚假宣传，未调查核实。",
        submitter_name="黄丽珍",
        submitter_phone="13800002468",
        **_known(25),
    )
    services.accept(published, actor=reviewer)
    services.send_copy(published, actor=reviewer)
    services.reply(
        published, actor=market_clerk, text="认定事实清楚，证据确凿。", evidence="1. 举报材料；2. 现场检查笔录。"
    )
    services.mark_major(published, actor=reviewer, reason="涉及同一商圈多家经营者，社会关注度高。")
    services.report_major(published, actor=reviewer, reported_to="广东省司法厅")
    services.decide(
        published,
        actor=reviewer,
        decision_type="revoke",
        reasons="被申请人认定虚假宣传的主要事实仅有举报人陈述，证据不足（行政复议法第六十四条第一款第一项）。",
        text="申请人黄丽珍不服被申请人江门市市场监督管理局作出的江市监罚〔2026〕72号行政处罚决定，"
        "本机关依法受理并审查。经审查，被申请人认定事实的主要证据不足。根据《中华人民共和国行政复议法》"
        "第六十四条第一款第一项，决定撤销该行政处罚决定，责令被申请人自本决定书送达之日起30日内重新作出处理。",
        performance_required="重新调查并作出处理决定",
        performance_days=30,
    )
    services.serve(published, actor=reviewer)
    services.publish(published, actor=reviewer)

    performed, _secret = _apply(
        market,
        subject="申请查处无证经营的举报未获答复",
        request="请求责令被申请人依法履行查处职责。",
        content="申请人于两个月前举报某无证经营的食品作坊，被申请人至今未处理也未答复。",
        submitter_name="冯永强",
        **_known(30),
    )
    services.accept(performed, actor=reviewer, procedure="simplified", simplified_ground="consent")
    services.send_copy(performed, actor=reviewer)
    services.decide(
        performed,
        actor=reviewer,
        decision_type="order_performance",
        reasons="被申请人收到举报后未依法处理（行政复议法第六十六条）。",
        text="责令被申请人自本决定书送达之日起15日内对申请人的举报依法作出处理并告知申请人。",
        performance_required="对举报依法作出处理并告知申请人",
        performance_days=15,
    )
    services.serve(performed, actor=reviewer)
    services.report_performance(
        performed,
        actor=market_clerk,
        performed_on=timezone.localdate().isoformat(),
        text="已立案查处该无证经营作坊，并书面告知申请人处理结果。",
    )
    services.issue_letter(
        performed,
        actor=reviewer,
        recipient=market.pk,
        text="建议建立举报件办理台账，确保举报件依法按期处理并告知举报人。",
    )

    services.lodge(
        actor=market_clerk,
        lodged_on=timezone.localdate().isoformat(),
        data=testing.application_data(
            market,
            subject="江市监简罚〔2026〕15号当场处罚决定书",
            request="请求撤销当场作出的警告处罚。",
            content="执法人员当场认定本店未明码标价，实际价签已张贴。",
            submitter_name="谭志坚",
            **_known(3),
        ),
    )

    county, _secret = _apply(
        bodies[COUNTY_MARKET],
        subject="蓬市监罚〔2026〕31号行政处罚决定书",
        request="请求撤销该行政处罚决定。",
        content="被申请人认定本店销售过期食品，涉案商品系待退货商品。",
        submitter_name="区嘉欣",
        **_known(8),
    )
    services.accept(county, actor=users["pj_office"])

    _apply(
        bodies[BRANCH],
        subject="江环（蓬）罚〔2026〕9号行政处罚决定书",
        request="请求撤销按日连续处罚的决定。",
        content="本厂已按期完成整改，被申请人未复查即作出按日连续处罚。",
        submitter_name="江门市某五金制品厂（负责人李建平）",
        **_known(6),
    )
