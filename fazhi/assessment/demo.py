"""The Jiangmen demo's yearly evaluation, moved through the services (the city's 依法行政办 is login
`office`, the mayor `mayor`, the evaluator `evaluator`):

- last year's scheme (the default tree of art. 47's seven areas, every body the data puts in a
  group), approved by the mayor in March of that year;
- its evaluation, opened in January with the records as they stood, the three manual leaves scored
  by the evaluator, the social survey's workbook imported, the 约谈 the city imposed on 市城市管理和综合执法局
  that year deducted from the oversight records, innovation points for 市司法局 and a provincial
  spot-check finding for 台山市; submitted, approved, notified, final and published in
  February, so the portal shows its results;
- this year's scheme, drafted as a copy of last year's.

"Last year" is the year before the one that ended at least 60 days before the demo is loaded, so
that every step from January to publication lies in the past. Scores and survey results are
fictional.
"""

import datetime

from django.utils import timezone

from fazhi.assessment import evaluation as running
from fazhi.assessment import services
from fazhi.assessment.choices import Method
from fazhi.assessment.models import Member
from fazhi.assessment.testing import workbook
from fazhi.oversight import services as oversight

CITY, URBAN, JUSTICE, TAISHAN = "jm", "jm-cgj", "jm-sfj", "ts"


def load(*, bodies, users) -> None:
    today = timezone.localdate()
    year = (today - datetime.timedelta(days=60)).year - 1
    january = datetime.date(year + 1, 1, 1)

    def day(offset: int) -> datetime.date:
        return january + datetime.timedelta(days=offset)

    office, mayor, evaluator = users["office"], users["mayor"], users["evaluator"]
    city = bodies[CITY]

    scheme = services.create_scheme(actor=office, government=city, year=year)
    services.update_scheme(
        scheme,
        actor=office,
        method_text="内部考核由考评组根据平台记录自动计分，人工评分指标由考评员依据各单位上传的佐证材料评分；"
        "社会评议委托第三方调查机构开展。",
        requirements_text="各单位于次年1月10日前在平台上传人工评分指标的佐证材料。",
    )
    services.set_evaluators(scheme, actor=office, users=[evaluator.pk])
    services.submit(scheme, actor=office, submitted_on=datetime.date(year, 3, 1))
    services.approve(scheme, actor=mayor, approved_on=datetime.date(year, 3, 6), reference=f"江府函〔{year}〕12号")

    oversight.issue_measure(
        actor=office,
        issuer=city.pk,
        body=bodies[URBAN].pk,
        kind="interview",
        number=f"江法治办〔{year}〕8号",
        issued_on=datetime.date(year, 9, 15),
        reasons="行政执法案卷评查中发现多宗案件未按规定进行法制审核，约谈主要负责人。",
    )

    evaluation = running.open_evaluation(scheme, actor=office, as_of=day(14))
    members = list(Member.objects.filter(scheme=scheme).select_related("body").order_by("group", "body__tree_path"))
    for number, leaf in enumerate(scheme.indicators.filter(method=Method.MANUAL).order_by("pk")):
        scores = {}
        for index, member in enumerate(members):
            short = (index + number) % 4 == 0
            points = leaf.points * 2 / 3 if short else leaf.points
            scores[member.body_id] = (f"{points:.2f}", "佐证材料未反映全年工作情况。" if short else "")
        running.score_manual_many(evaluation, actor=evaluator, indicator=leaf.pk, scores=scores)
    survey = [(member.body.name, 78 + (index * 7) % 20) for index, member in enumerate(members)]
    running.import_social(evaluation, actor=office, data=workbook(survey), source=f"{year}年度社会评议结果.xlsx")
    running.import_deductions(evaluation, actor=office)
    running.add_adjustment(
        evaluation,
        actor=office,
        body=bodies[JUSTICE].pk,
        kind="bonus",
        points="2",
        reason="“镇街法治审核一站式”工作机制被省司法厅作为典型经验推广（若干意见第（五十五）项）。",
    )
    running.add_adjustment(
        evaluation,
        actor=office,
        body=bodies[TAISHAN].pk,
        kind="spot_check",
        points="-1.5",
        reason="省政府依法行政考评抽查发现重大行政决策未经合法性审查即提交讨论。",
    )
    running.submit(evaluation, actor=office, submitted_on=day(19))
    running.approve(evaluation, actor=mayor, approved_on=day(23))
    running.notify(evaluation, actor=office, notice_number=f"江府通〔{year + 1}〕2号", notified_on=day(26))
    evaluation.refresh_from_db()
    final_on = evaluation.objection_until + datetime.timedelta(days=3)
    running.finalise(evaluation, actor=office, final_on=final_on)
    running.publish(evaluation, actor=office, published_on=final_on + datetime.timedelta(days=2))

    services.copy_to_next_year(scheme, actor=office)
