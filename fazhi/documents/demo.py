"""The Jiangmen demo's normative documents: the city's unified registration and numbering set up as
data (江府规 and 江府办 发文字号, two registration formats), and documents of 市市场监管局 walked
through the whole workflow by the demo's own users — two published, one open for comment."""

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.clock.workdays import add_months
from fazhi.documents import testing
from fazhi.documents.choices import DocumentStatus
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind

GOVERNMENT, LEGAL_OFFICE, BODY = "jm", "jm-sfj", "jm-scjgj"
DOCUMENTS = [
    {
        "title": "江门市市场监督管理局关于食品小作坊登记管理的规定",
        "doc_number": "江市监规〔2026〕1号",
        "text": "第一条 为加强食品小作坊登记管理，保障食品安全，"
        "根据《广东省食品生产加工小作坊和食品摊贩管理条例》，结合本市实际，制定本规定。\n"
        "第二条 本市行政区域内食品小作坊的登记及其监督管理，适用本规定。\n"
        "第三条 食品小作坊应当向所在地县级市场监督管理部门申请登记，取得登记证后方可从事食品生产加工活动。",
        "until": DocumentStatus.IN_FORCE,
    },
    {
        "title": "江门市市场监督管理局关于促进个体工商户发展的若干措施",
        "doc_number": "江市监规〔2026〕2号",
        "text": "一、简化个体工商户登记程序，推行全程电子化登记。\n二、对首次轻微违法的个体工商户依法不予行政处罚。",
        "is_policy_document": True,
        "interpretation": "一、制定背景：落实国家关于促进个体工商户发展的部署。\n"
        "二、主要内容：简化登记、包容审慎监管。",
        "touches_market": True,
        "is_provisional": True,
        "valid_years": 1,
        "until": DocumentStatus.IN_FORCE,
    },
    {
        "title": "江门市市场监督管理局关于农贸市场计量器具管理的规定（征求意见稿）",
        "text": "第一条 为规范农贸市场计量器具使用，保护消费者合法权益，制定本规定。",
        "until": DocumentStatus.CONSULTING,
    },
]


@transaction.atomic
def load(*, bodies, users) -> None:
    government, legal_office, body = bodies[GOVERNMENT], bodies[LEGAL_OFFICE], bodies[BODY]
    for prefix, name in (("江府规", "江门市人民政府规范性文件"), ("江府办", "江门市人民政府办公室文件")):
        numbering.create_format(actor=None, body=government, kind=FormatKind.DOC_NUMBER, name=name, prefix=prefix)
    testing.configure(government, legal_office)
    people = {
        "clerk": users["scj_clerk"],
        "head": users["scj_head"],
        "body_reviewer": users["scj_legal"],
        "legal_reviewer": users["reviewer"],
        "numberer": users["reviewer"],
        "publisher": users["govoffice"],
    }
    for spec in DOCUMENTS:
        spec = dict(spec)
        until = spec.pop("until")
        years = spec.pop("valid_years", 3)
        spec["expires_on"] = add_months(timezone.localdate(), 12 * years) - datetime.timedelta(days=1)
        testing.walk(testing.draft(body, people["clerk"], **spec), until, people)
