"""The Jiangmen demo's court cases and procuratorial suggestions, dated back from the day the demo
is loaded and moved through the services:

against 江门市市场监督管理局 (login `scj_clerk`):
- a case whose defence is due (complaint copy received 3 days ago);
- a case heard with the director in court, marked major and reported to the 司法局;
- a case heard without the director, a deputy entrusted, for an official duty no one else could do;
- a case whose judgment (驳回诉讼请求) was served 5 days ago: the appeal window is running;
- a case lost (撤销), effective and performed on time;
- a case lost (判决给付), effective, refused for a while (the court transferred the money and
  announced the refusal) and performed late;
- procuratorial suggestions: one urgent (15 days), one answered and accepted by the procuratorate,
  one unanswered past its two months;

to 江门市生态环境局 (login `sthj_clerk`): a pre-litigation notice answered, then a public-interest
suit by the city procuratorate — the bureau's court case, its defence due.

The plaintiffs are fictional.
"""

import datetime

from django.utils import timezone

from fazhi.litigation import services
from fazhi.litigation.models import CourtCase

MARKET, ECOLOGY = "jm-scjgj", "jm-sthjj"
COURT, MID_COURT = "江门市蓬江区人民法院", "江门市中级人民法院"


def load(*, bodies, users) -> None:
    today = timezone.localdate()

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    clerk, ecology_clerk = users["scj_clerk"], users["sthj_clerk"]
    market, ecology = bodies[MARKET], bodies[ECOLOGY]

    def case(number: str, plaintiff: str, cause: str, act: str, received: int):
        return services.register_case(
            actor=clerk,
            body=market.pk,
            court=COURT,
            case_number=f"（{ago(received).year}）粤0703行初{number}号",
            plaintiff=plaintiff,
            cause=cause,
            act=act,
            received_on=ago(received),
        )

    def defended_and_heard(record, *, defended: int, heard: int, head: bool):
        services.defend(
            record,
            actor=clerk,
            defended_on=ago(defended),
            defence="提交作出行政行为的证据、所依据的规范性文件及答辩状。",
        )
        if head:
            hearing = {"head_appeared": True, "head_name": "何建华", "head_title": "局长"}
        else:
            hearing = {
                "head_appeared": False,
                "entrusted_staff": "周丽华（法规科科长）",
                "absence_reason": "official_duty",
                "absence_note": "局长同日参加省市场监管局召开的食品安全专项会议。",
            }
        services.record_hearing(record, actor=clerk, held_on=ago(heard), **hearing)

    case("215", "江门市鑫达贸易有限公司", "市场监督管理（价格）", "江市监价罚〔2026〕18号行政处罚决定书", 3)

    major = case("188", "陈立华", "市场监督管理（食品安全）", "江市监食罚〔2026〕9号行政处罚决定书", 60)
    defended_and_heard(major, defended=50, heard=20, head=True)
    services.mark_major(major, actor=clerk, reason="涉及校园周边食品安全，媒体关注，社会影响较大。")
    services.report_major(major, actor=clerk, reported_to="江门市司法局", reported_on=ago(18))

    absent = case("176", "梁少芬", "市场监督管理（登记）", "撤销公司登记决定", 70)
    defended_and_heard(absent, defended=60, heard=15, head=False)

    appeal_window = case("140", "江门市蓬江区好味食品店", "市场监督管理（食品安全）", "责令停产停业决定", 100)
    defended_and_heard(appeal_window, defended=90, heard=40, head=True)
    services.decide(
        appeal_window,
        actor=clerk,
        decision_type="judgment",
        outcome="dismiss_claims",
        served_on=ago(5),
        summary="驳回原告江门市蓬江区好味食品店的诉讼请求。",
    )

    performed = case("66", "黄国强", "市场监督管理（广告）", "江市监广罚〔2025〕31号行政处罚决定书", 200)
    defended_and_heard(performed, defended=190, heard=150, head=True)
    services.decide(
        performed,
        actor=clerk,
        decision_type="judgment",
        outcome="revoke",
        served_on=ago(120),
        summary="撤销被诉行政处罚决定。",
    )
    services.make_effective(performed, actor=clerk)
    services.require_execution(performed, actor=clerk, requirement="撤销处罚决定，退还已缴罚款2万元。", due_on=ago(60))
    services.perform(performed, actor=clerk, performed_on=ago(70), performance="已撤销处罚决定并退还罚款。")

    late = case("51", "江门市恒信装饰工程有限公司", "市场监督管理（行政赔偿）", "查封、扣押财物的行政强制措施", 220)
    defended_and_heard(late, defended=210, heard=180, head=False)
    services.decide(
        late,
        actor=clerk,
        decision_type="judgment",
        outcome="pay",
        served_on=ago(150),
        summary="被告赔偿原告损失人民币8.6万元，于判决生效之日起30日内支付。",
    )
    services.make_effective(late, actor=clerk)
    effective = CourtCase.objects.get(pk=late.pk).judgment.effective_on
    services.require_execution(
        late, actor=clerk, requirement="支付赔偿金人民币8.6万元。", due_on=effective + datetime.timedelta(days=30)
    )
    services.record_refusal(
        late,
        actor=clerk,
        refused_on=effective + datetime.timedelta(days=40),
        court_measures=["transfer", "announce"],
        note="赔偿资金预算未及时安排，逾期未支付。",
    )
    services.perform(
        late, actor=clerk, performed_on=effective + datetime.timedelta(days=55), performance="赔偿金已由法院划拨支付。"
    )

    def suggest(number: str, received: int, **fields):
        return services.register_suggestion(
            actor=fields.pop("actor", clerk),
            body=fields.pop("body", market.pk),
            kind=fields.pop("kind", "suggestion"),
            procuratorate=fields.pop("procuratorate", "江门市蓬江区人民检察院"),
            number=number,
            received_on=ago(received),
            **fields,
        )

    suggest(
        f"蓬检行建〔{ago(5).year}〕21号",
        5,
        subject="校园周边无证食品摊贩监管不到位",
        content="建议立即开展校园周边食品安全专项整治，依法查处无证经营行为。",
        urgent=True,
    )
    answered = suggest(
        f"蓬检行建〔{ago(40).year}〕15号",
        40,
        subject="电动自行车产品质量监管",
        content="建议加强对辖区电动自行车销售企业的产品质量监督抽查。",
    )
    services.reply(
        answered,
        actor=clerk,
        replied_on=ago(20),
        measures_taken="已对辖区42家电动自行车销售企业开展专项检查，立案查处3宗。",
        measures_in_progress="建立电动自行车产品质量季度抽查机制。",
    )
    services.follow_up(answered, actor=clerk, followed_on=ago(10), satisfied=True, note="检察机关回访，认可整改成效。")
    suggest(
        f"蓬检行建〔{ago(80).year}〕9号",
        80,
        subject="农贸市场计量器具检定",
        content="建议对辖区农贸市场在用计量器具开展强制检定，查处缺斤短两行为。",
    )

    notice = suggest(
        f"江检行公建〔{ago(100).year}〕3号",
        100,
        actor=ecology_clerk,
        body=ecology.pk,
        kind="pre_litigation",
        procuratorate="江门市人民检察院",
        subject="某工业园区企业超标排放废水",
        content="建议依法履行生态环境监督管理职责，责令超标排放企业停止违法行为并修复受损水体。",
    )
    services.reply(
        notice,
        actor=ecology_clerk,
        replied_on=ago(45),
        measures_taken="已对涉事企业立案调查并责令限期整改。",
        measures_in_progress="受损水体生态修复方案正在论证。",
    )
    services.sue(
        notice,
        actor=ecology_clerk,
        followed_on=ago(10),
        court=MID_COURT,
        case_number=f"（{ago(8).year}）粤07行初12号",
        complaint_received_on=ago(8),
        cause="行政公益诉讼（生态环境保护）",
        note="检察机关跟进监督认为受损水体仍未修复，向人民法院提起行政公益诉讼。",
    )
