"""The Jiangmen demo's yearly rule-of-law reports, moved through the services.

Last year's reports (the year whose due day, 31 January, has passed) were written and sent in
January; the demo replays those steps on their days — the services take today from
`django.utils.timezone.localdate` — so every date on them is consistent (figures as of, submitted,
approved, sent, published), while the audit log records that they were entered now:

- 江门市市场监督管理局 (logins `scj_clerk`, `scj_head`): sent on 26 January, published — on time;
- 江门市司法局 (logins `reviewer`, `sfj_head`): sent on 10 February — late, and published;
- every other body has none: 逾期未报 on the office's page (login `office`).

This year's drafts: 江门市人民政府 (the office prepares it; it carries the city's aggregate) and
江门市生态环境局 (`sthj_clerk`). 江门市市场监督管理局's is left for its clerk to generate.

The names of the city's and 蓬江区's recipients off the platform are data (`RecipientName`).
"""

import contextlib
import datetime
from unittest import mock

from django.utils import timezone

from fazhi.reports import services, testing
from fazhi.reports.choices import RecipientKind
from fazhi.reports.models import RecipientName

NAMES = {
    "jm": {
        RecipientKind.PARTY_COMMITTEE: "中共江门市委员会",
        RecipientKind.CONGRESS: "江门市人民代表大会常务委员会",
        RecipientKind.HIGHER_GOVERNMENT: "广东省人民政府",
    },
    "pj": {
        RecipientKind.PARTY_COMMITTEE: "中共江门市蓬江区委员会",
        RecipientKind.CONGRESS: "江门市蓬江区人民代表大会常务委员会",
    },
}
MARKET_TEXTS = {
    "achievements": (
        "一是完成权责清单动态调整，公布行政执法事项；二是全面落实行政执法公示、执法全过程记录、重大执法决定"
        "法制审核制度；三是规范性文件全部经合法性审查并按期报备。"
    ),
    "shortcomings": "基层执法人员法律素养参差不齐，个别执法案卷证据材料不够完整。原因是新进人员培训覆盖不足。",
    "head_duty": "局长作为第一责任人，主持党组会议四次专题研究法治建设，带头出庭应诉一次，年终述职报告法治建设情况。",
    "next_year": "开展执法案卷评查全覆盖，完善行政裁量权基准，推进“谁执法谁普法”责任清单落实。",
}


@contextlib.contextmanager
def _on(day: datetime.date):
    """Steps taken on `day`: the services read today from `timezone.localdate`."""
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        yield


def _last_year_report(body, clerk, head, *, year: int, sent: datetime.date, texts: dict) -> None:
    january = datetime.date(year + 1, 1, 1)
    with _on(january + datetime.timedelta(days=9)):
        report = testing.written(body, clerk, year=year, **texts)
    with _on(january + datetime.timedelta(days=14)):
        services.submit(report, actor=clerk)
    with _on(january + datetime.timedelta(days=19)):
        services.approve(report, actor=head)
    with _on(sent):
        services.send(report, actor=clerk, sent_on=sent, means="exchange", note="机要文件交换")
        services.publish(report, actor=clerk)


def load(*, bodies, users) -> None:
    for code, names in NAMES.items():
        for kind, name in names.items():
            services.save_setting(RecipientName(body=bodies[code], kind=kind, name=name), actor=None)
    today = timezone.localdate()
    last = today.year - 1 if today > datetime.date(today.year, 2, 15) else today.year - 2
    _last_year_report(
        bodies["jm-scjgj"],
        users["scj_clerk"],
        users["scj_head"],
        year=last,
        sent=datetime.date(last + 1, 1, 26),
        texts=MARKET_TEXTS,
    )
    _last_year_report(
        bodies["jm-sfj"],
        users["reviewer"],
        users["sfj_head"],
        year=last,
        sent=datetime.date(last + 1, 2, 10),
        texts={"achievements": "统筹推进全市法治政府建设，组织行政复议、行政应诉工作，开展依法行政考评。"},
    )
    city = services.generate(actor=users["office"], body=bodies["jm"].pk, year=today.year)
    services.edit(city, actor=users["office"], achievements="（起草中）全市法治政府建设年度工作总结。")
    services.generate(actor=users["sthj_clerk"], body=bodies["jm-sthjj"].pk, year=today.year)
