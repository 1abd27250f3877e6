"""A full evaluation over seeded records (seed arts. 49–51), totals worked out by hand; the
objection period; who sees what; a query count that does not grow with the number of bodies."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.assessment import evaluation as running
from fazhi.assessment import services
from fazhi.assessment.choices import EvaluationStatus, ScoreSource
from fazhi.assessment.models import Indicator, Result, Score
from fazhi.assessment.testing import workbook
from fazhi.assessment.tests.conftest import score_all
from fazhi.core.choices import EvaluationGroup, Role
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.testing import make_body, make_user

D = datetime.date


def test_automatic_scores_come_from_the_checks_with_their_evidence(evaluation, grouped):
    scores = {
        s.body.code: s
        for s in Score.objects.filter(evaluation=evaluation, indicator__name="检察建议按期书面回复").select_related(
            "body"
        )
    }
    assert scores["jm-scj"].points == Decimal("30.00")  # 1 of 2 on time × 60
    assert scores["jm-sthj"].points == Decimal("60.00")
    assert scores["pj"].source == ScoreSource.NOT_APPLICABLE and scores["pj"].points is None
    failing = scores["jm-scj"].detail["articles"][0]["failing"]
    assert len(failing) == 1 and "蓬检行建" in failing[0]["description"]
    manual = Score.objects.filter(evaluation=evaluation, indicator__name="宣传法治政府建设")
    assert set(manual.values_list("source", flat=True)) == {ScoreSource.PENDING}


def test_a_full_evaluation_equals_the_totals_worked_by_hand(evaluation, grouped, people, mayor, today):
    score_all(evaluation, grouped, people)
    running.submit(evaluation, actor=people["office"])
    results = {r.body.code: r for r in Result.objects.filter(evaluation=evaluation).select_related("body")}
    # 市市场监管局: internal (30 + 30) / 100 = 60; 60 × 0.8 + 90 × 0.2 = 66; − 2 = 64.
    market = results["jm-scj"]
    assert (market.internal, market.social, market.deductions, market.composite) == (
        Decimal("60.00"),
        Decimal("90.00"),
        Decimal("2.00"),
        Decimal("64.00"),
    )
    # 市生态环境局: 100 × 0.8 + 80 × 0.2 = 96; + 3 = 99.
    assert (results["jm-sthj"].internal, results["jm-sthj"].composite) == (Decimal("100.00"), Decimal("99.00"))
    # 蓬江区: art. 37 does not count; 20 of 40 = 50; 50 × 0.8 + 70 × 0.2 = 54; − 1 = 53.
    assert (results["pj"].internal, results["pj"].composite) == (Decimal("50.00"), Decimal("53.00"))
    # At least one per group: 市直单位 (2) — 99 优秀, 64 一般; 各市（区）政府 (1) — 53 一般, flagged.
    assert (results["jm-sthj"].rank, results["jm-sthj"].grade) == (1, "优秀")
    assert (results["jm-scj"].rank, results["jm-scj"].grade, results["jm-scj"].flag) == (2, "一般", "")
    assert (results["pj"].rank, results["pj"].grade, results["pj"].flag) == (1, "一般", "建议取消当年度评优评先资格")
    assert results["pj"].group == EvaluationGroup.COUNTY_GOVERNMENTS


def test_submission_waits_for_every_manual_and_social_score(evaluation, people):
    with pytest.raises(Conflict, match="3项人工评分指标尚未评分；3个考评对象尚无社会评议得分"):
        running.submit(evaluation, actor=people["office"])
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCORING


def test_the_whole_course_to_publication_with_an_objection(evaluation, grouped, people, mayor, today):
    score_all(evaluation, grouped, people)
    office = people["office"]
    running.submit(evaluation, actor=office)
    with pytest.raises(Forbidden):
        running.approve(evaluation, actor=office)
    running.approve(evaluation, actor=mayor)
    today.set(D(2027, 3, 1))
    evaluation = running.notify(evaluation, actor=office, notice_number="江府通〔2027〕3号")
    # 5 working days from Monday 1 March 2027.
    assert evaluation.objection_until == D(2027, 3, 8)
    market_result = Result.objects.get(evaluation=evaluation, body=grouped["market"])
    leaf = Indicator.objects.get(scheme=evaluation.scheme, name="宣传法治政府建设")
    market_head = make_user("market_head2", roles=[(grouped["market"], Role.HEAD)])
    with pytest.raises(NotFound):
        running.file_objection(market_result, actor=people["ecology_clerk"], text="不服")
    objection = running.file_objection(
        market_result, actor=market_head, text="宣传材料已于12月补交，请复核。", indicator=leaf.pk
    )
    with pytest.raises(Conflict, match="异议期至2027年3月8日届满"):
        running.finalise(evaluation, actor=office)
    running.answer_objection(objection, actor=office, outcome="upheld", answer="经复核，材料齐全。", points="40")
    market_result.refresh_from_db()
    # internal (30 + 40) = 70; 70 × 0.8 + 18 = 74; − 2 = 72.
    assert market_result.composite == Decimal("72.00")
    today.set(D(2027, 3, 9))
    with pytest.raises(Conflict, match="异议期已于2027年3月8日届满"):
        running.file_objection(market_result, actor=market_head, text="再议")
    running.finalise(evaluation, actor=office)
    evaluation = running.publish(evaluation, actor=office)
    assert evaluation.status == EvaluationStatus.PUBLISHED
    assert Result.objects.published().count() == 3


def test_before_publication_a_body_sees_only_its_own_result_and_only_from_the_notice(
    evaluation, grouped, people, mayor
):
    score_all(evaluation, grouped, people)
    running.submit(evaluation, actor=people["office"])
    assert not Result.objects.restrict(people["market_clerk"]).exists()  # the office's draft
    assert not Score.objects.restrict(people["market_clerk"]).exists()
    running.approve(evaluation, actor=mayor)
    running.notify(evaluation, actor=people["office"], notice_number="江府通〔2027〕3号")
    visible = Result.objects.restrict(people["market_clerk"])
    assert list(visible.values_list("body__code", flat=True)) == ["jm-scj"]
    assert set(Score.objects.restrict(people["market_clerk"]).values_list("body__code", flat=True)) == {"jm-scj"}
    assert Result.objects.restrict(people["office"]).count() == 3
    assert Result.objects.restrict(people["evaluator"]).count() == 3
    assert not Result.objects.restrict(people["county_office"]).exclude(body=grouped["county"]).exists()
    assert not Result.objects.published().exists()


def test_bad_input_changes_nothing(evaluation, grouped, people):
    leaf = Indicator.objects.get(scheme=evaluation.scheme, name="宣传法治政府建设")
    evaluator = people["evaluator"]
    with pytest.raises(InvalidInput, match=r"应在0至40\.00之间"):
        running.score_manual(evaluation, actor=evaluator, body=grouped["market"].pk, indicator=leaf.pk, points="41")
    with pytest.raises(InvalidInput, match="请填写评分说明"):
        running.score_manual(evaluation, actor=evaluator, body=grouped["market"].pk, indicator=leaf.pk, points="39")
    with pytest.raises(InvalidInput, match="请选择本次考评的考评对象"):
        running.score_manual(
            evaluation, actor=evaluator, body=grouped["county_market"].pk, indicator=leaf.pk, points="40"
        )
    with pytest.raises(Forbidden, match="不是该指标的考评员"):
        running.score_manual(
            evaluation, actor=people["office"], body=grouped["market"].pk, indicator=leaf.pk, points="40"
        )
    with pytest.raises(InvalidInput, match="第3行：“广州市司法局”不是本次考评对象；第4行：得分应在0至100之间"):
        running.import_social(
            evaluation,
            actor=people["office"],
            data=workbook([("江门市市场监督管理局", 90), ("广州市司法局", 80), ("江门市生态环境局", 120)]),
        )
    with pytest.raises(InvalidInput, match="无法读取 Excel 文件"):
        running.import_social(evaluation, actor=people["office"], data=b"<script>alert(1)</script>")
    with pytest.raises(InvalidInput, match=r"分值应在-5\.00至5\.00之间"):
        running.add_adjustment(
            evaluation, actor=people["office"], body=grouped["market"].pk, kind="spot_check", points="-6", reason="x"
        )
    assert not Score.objects.filter(evaluation=evaluation, source=ScoreSource.MANUAL).exists()
    assert not evaluation.social_scores.exists() and not evaluation.adjustments.exists()


def test_only_an_approved_scheme_is_evaluated_and_only_after_the_year(grouped, people, mayor, today):
    scheme = services.create_scheme(actor=people["office"], government=grouped["government"], year=2026)
    with pytest.raises(Conflict, match="尚未经政府批准"):
        running.open_evaluation(scheme, actor=people["office"])
    services.set_evaluators(scheme, actor=people["office"], users=[people["evaluator"].pk])
    services.submit(scheme, actor=people["office"])
    services.approve(scheme, actor=mayor)
    today.set(D(2026, 12, 1))
    with pytest.raises(InvalidInput, match="数据截止日期不能早于考评年度末"):
        running.open_evaluation(scheme, actor=people["office"])
    today.set(D(2027, 1, 10))
    with pytest.raises(NotFound):
        running.open_evaluation(scheme, actor=people["market_clerk"])
    running.open_evaluation(scheme, actor=people["office"])
    with pytest.raises(Conflict, match="已经组织"):
        running.open_evaluation(scheme, actor=people["office"])


BATCHED_WRITES = ('INSERT INTO "assessment_score"', 'INSERT INTO "assessment_result"', 'UPDATE "assessment_result"')


def _opened_with(count, grouped, people, mayor, today) -> list[str]:
    """The queries of opening an evaluation of `count` more bodies and computing its results, less
    the batches of bulk writes (one per so many rows, as the database limits parameters)."""
    for number in range(count):
        make_body(
            f"江门市测试局{count}-{number}",
            parent=grouped["government"],
            code=f"jm-test-{count}-{number}",
            evaluation_group=EvaluationGroup.CITY_DEPARTMENTS,
        )
    scheme = services.create_scheme(actor=people["office"], government=grouped["government"], year=2000 + count)
    services.set_evaluators(scheme, actor=people["office"], users=[people["evaluator"].pk])
    services.submit(scheme, actor=people["office"])
    services.approve(scheme, actor=mayor)
    with CaptureQueriesContext(connection) as queries:
        opened = running.open_evaluation(scheme, actor=people["office"])
        running.compute_results(opened)
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(BATCHED_WRITES)]


def test_the_query_count_does_not_grow_with_the_number_of_bodies(grouped, people, mayor, today):
    today.set(D(2031, 1, 10))
    _opened_with(1, grouped, people, mayor, today)  # the holiday table, read once per process
    assert len(_opened_with(4, grouped, people, mayor, today)) == len(_opened_with(12, grouped, people, mayor, today))
