"""The Jiangmen demo's petitions, moved through the services on the day the demo is loaded:

- a claim about land-acquisition compensation filed with 江门市信访局, registered and forwarded
  to 江门市自然资源局 (the petitioner's identity went with it; 5 working days to object);
- a claim against a market-regulation penalty filed with 江门市市场监督管理局, referred to
  administrative reconsideration (off the petition clock);
- a claim filed with 蓬江区市场监督管理局, accepted, answered (部分支持), and the petitioner asked
  蓬江区人民政府 for review (复查) on the portal;
- a suggestion filed with 江门市自然资源局, accepted and being handled (60 days).

The petitioners are fictional.
"""

import uuid

from fazhi.core.services import submissions as submission_services
from fazhi.petitions import services, testing
from fazhi.petitions.models import Petition

BUREAU, LAND, MARKET, COUNTY_MARKET = "jm-xfj", "jm-zrzyj", "jm-scjgj", "pj-scjgj"


def _demo_client() -> str:
    """A client of its own for each demo submission: loading the demo never meets the hourly limit."""
    return f"demo-{uuid.uuid4()}"


def _file(body, **fields) -> tuple[Petition, str]:
    return testing.file(body, client_ip=_demo_client(), **fields)


def load(*, bodies, users) -> None:
    bureau_clerk, land_clerk = users["xfj_clerk"], users["zrzy_clerk"]
    market_clerk, county_clerk = users["scj_clerk"], users["pj_clerk"]

    forwarded, _secret = _file(
        bodies[BUREAU],
        category="claim",
        subject="棠下镇某村集体土地征收补偿安置费未发放",
        content="本村2025年集体土地被征收，至今未收到土地补偿费和安置补助费，请求督促依法发放。",
        submitter_name="黄志坚",
        submitter_phone="13500001111",
        submitter_address="江门市蓬江区棠下镇某村",
    )
    services.forward(
        forwarded,
        actor=bureau_clerk,
        to_body=bodies[LAND].pk,
        mode="forward",
        notice="请留意江门市自然资源局的书面告知。",
    )

    referred, _secret = _file(
        bodies[MARKET],
        category="claim",
        subject="对价格违法行为行政处罚决定不服",
        content="市场监管局对本店作出罚款决定，认定事实有误，请求撤销该处罚决定。",
        submitter_name="谭美玲",
        submitter_phone="13600002222",
    )
    services.refer(
        referred,
        actor=market_clerk,
        channel="reconsideration",
        notice="请自知道该处罚决定之日起60日内向江门市人民政府申请行政复议，或者依法向人民法院提起行政诉讼。",
    )

    answered, secret = _file(
        bodies[COUNTY_MARKET],
        category="claim",
        subject="预付卡商家停业后拒不退款",
        content="白沙街道某美容店停业，本人预付卡余额2800元未退，投诉后至今未处理，请求依法处理。",
        submitter_name="冯秀英",
        submitter_phone="13700003333",
    )
    services.accept(answered, actor=county_clerk)
    services.answer(
        answered,
        actor=county_clerk,
        outcome="partly_supported",
        opinion="经调查，该店已停业，经营者已退还部分余额1200元；其余款项已告知您可依法向人民法院起诉。"
        "依据《中华人民共和国消费者权益保护法》第五十三条。",
    )
    services.public_request(
        receipt_code=answered.submission.receipt_code,
        secret=secret,
        step="request-review",
        reasons="剩余1600元商家仍未退还，市场监管部门应继续督促，请求复查。",
        client_ip=_demo_client(),
    )

    handling, _secret = _file(
        bodies[LAND],
        category="suggestion",
        subject="建议公开国土空间规划调整的征求意见情况",
        content="建议在规划调整批准后同时公开公众意见的采纳情况及理由。",
        submitter_name="梁文辉",
        submitter_email="liang@example.com",
        submitter_phone="",
    )
    services.accept(handling, actor=land_clerk, notice="本局将研究论证您的建议，并书面答复。")
    assert submission_services.identity_visible(land_clerk, Petition.objects.get(pk=forwarded.pk).submission)
