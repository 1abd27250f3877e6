"""The Jiangmen demo's power list: 江门市市场监督管理局, with real legal bases, in two versions.

The laws it cites are imported from the corpus first (when the corpus is at hand) so that the
citations link to their articles; version 2 shows an adjustment and what the portal's comparison
of two versions looks like.
"""

from fazhi.powers import laws, services

BODY = "jm-scjgj"
CLERK, HEAD = "scj_clerk", "scj_head"
CITED_LAWS = [
    "行政处罚法(",
    "食品安全法(",
    "明码标价和禁止价格欺诈规定",
    "市场监督管理行政处罚信息公示规定",
    "食品生产经营监督检查管理办法",
]
_ACCOUNTABLE = "因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：{cases}。"
FOOD_INSPECTION = {
    "code": "JM-SCJ-JC-001",
    "name": "食品生产经营监督检查",
    "category": "inspection",
    "bases": ["《中华人民共和国食品安全法》第一百一十条", "《食品生产经营监督检查管理办法》第二条"],
    "responsible_unit": "食品生产安全监督管理科、食品经营安全监督管理科",
    "accountability": _ACCOUNTABLE.format(cases="1. 未按规定实施监督检查的；2. 监督检查中发现违法行为不依法处理的"),
}
POWERS = [
    {
        "code": "JM-SCJ-XK-001",
        "name": "食品生产许可",
        "category": "licensing",
        "bases": ["《中华人民共和国食品安全法》第三十五条"],
        "responsible_unit": "食品生产安全监督管理科",
        "accountability": _ACCOUNTABLE.format(
            cases="1. 对符合法定条件的申请不予受理、不予许可的；2. 对不符合法定条件的申请准予许可的"
        ),
    },
    {
        "code": "JM-SCJ-CF-001",
        "name": "对未取得食品生产经营许可从事食品生产经营活动的行政处罚",
        "category": "penalty",
        "bases": ["《中华人民共和国食品安全法》第一百二十二条", "《中华人民共和国行政处罚法》第二十二条"],
        "responsible_unit": "执法稽查科",
        "accountability": _ACCOUNTABLE.format(
            cases="1. 没有法律依据实施处罚的；2. 擅自改变处罚种类、幅度的；3. 违反法定程序实施处罚的"
        ),
    },
    {
        "code": "JM-SCJ-CF-002",
        "name": "对经营者不按规定明码标价的行政处罚",
        "category": "penalty",
        "bases": ["《明码标价和禁止价格欺诈规定》第二十二条", "《中华人民共和国行政处罚法》第二十二条"],
        "responsible_unit": "价格监督检查和反不正当竞争科",
        "accountability": _ACCOUNTABLE.format(cases="1. 应当依法处罚而未处罚的；2. 违反法定程序实施处罚的"),
    },
    {
        "code": "JM-SCJ-QT-001",
        "name": "行政处罚信息公示",
        "category": "other",
        "bases": ["《市场监督管理行政处罚信息公示规定》第二条"],
        "responsible_unit": "法规科",
        "accountability": _ACCOUNTABLE.format(cases="1. 未按规定公示行政处罚信息的；2. 公示信息不准确的"),
    },
]


def load(*, bodies: dict, users: dict) -> None:
    body = bodies.get(BODY)
    if body is None or CLERK not in users or HEAD not in users:
        return
    if laws.corpus_root().is_dir():
        laws.import_laws(laws.corpus_root(), match=CITED_LAWS)
    clerk, head = users[CLERK], users[HEAD]
    services.open_draft(body, actor=clerk, reason_kind="initial", reason="依据“三定”规定和法律法规规章初次编制。")
    for power in POWERS:
        services.add_power(body, actor=clerk, **power)
    first = services.publish_version(services.draft_version(body), actor=head)
    # Version 2: an adjustment after a change of functions — one power added, one narrowed.
    services.add_power(
        body,
        actor=clerk,
        reason_kind="functions_adjusted",
        reason="内设机构调整，食品经营安全监督管理科承接食品经营监督检查职责。",
        **FOOD_INSPECTION,
    )
    price = first.powers.get(code="JM-SCJ-CF-002")
    services.update_power(price, actor=clerk, responsible_unit="价格监督检查和反不正当竞争科、执法稽查科")
    services.publish_version(services.draft_version(body), actor=head)
