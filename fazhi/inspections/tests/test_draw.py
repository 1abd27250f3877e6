"""The draw: reproducible from the published seed, different for another seed, fair, certified."""

import datetime
import hashlib
import os
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.errors import Conflict
from fazhi.enforcement.choices import CertificateStatus
from fazhi.inspections import draw, services, testing
from fazhi.inspections.choices import PlanStatus
from fazhi.inspections.models import Draw, ImmutableDraw, InspectionTask

pytestmark = pytest.mark.django_db


def _independent_picks(seed: str, codes: list[str], n: int) -> list[str]:
    """The few lines anyone can run, written here without the module under test."""
    return sorted(codes, key=lambda code: (hashlib.new("sm3", (seed + "|" + code).encode()).hexdigest(), code))[:n]


def test_same_seed_same_picks_and_another_seed_others():
    codes = [testing.credit_code(n) for n in range(1, 501)]
    first = draw.pick_entities("7|3287.45", codes, 25)
    assert first == draw.pick_entities("7|3287.45", list(reversed(codes)), 25)
    assert first == draw.rank_entities("7|3287.45", codes)[:25]
    assert first == _independent_picks("7|3287.45", codes, 25)
    other = draw.pick_entities("7|3287.46", codes, 25)
    assert other != first and len(set(other) & set(first)) < 10


def test_the_draw_is_fair_over_many_seeds():
    """2,000 draws of 10 of 100 entities: each entity's count is Binomial(2000, 0.1) — mean 200,
    standard deviation 13.4 — so within 5 standard deviations of the mean."""
    codes = [testing.credit_code(n) for n in range(1, 101)]
    counts = Counter()
    for seed in range(2000):
        picks = draw.pick_entities(f"{seed}|fair", codes, 10)
        assert len(set(picks)) == 10
        counts.update(picks)
    mean, deviation = 2000 * 0.1, (2000 * 0.1 * 0.9) ** 0.5
    assert set(counts) == set(codes)
    assert all(abs(count - mean) <= 5 * deviation for count in counts.values()), counts.most_common(3)


def test_inspectors_are_distinct_officers_ranked_on_the_seed():
    pool = [("A1", 1), ("A2", 1), ("B1", 2), ("C1", 3)]
    chosen = draw.pick_inspectors("5|x", "CODE", pool, 2)
    assert len(chosen) == 2 and len({officer for _number, officer in chosen}) == 2
    ranked = sorted(pool, key=lambda p: (hashlib.new("sm3", f"5|x|CODE|{p[0]}".encode()).hexdigest(), p[0]))
    expected, seen = [], set()
    for number, officer in ranked:
        if officer not in seen:
            seen.add(officer)
            expected.append((number, officer))
    assert chosen == expected[:2]


def test_sample_size_rounds_up_and_never_exceeds_the_candidates():
    assert draw.sample_size(50000, ratio=Decimal("5"), count=None) == 2500
    assert draw.sample_size(199, ratio=Decimal("5"), count=None) == 10
    assert draw.sample_size(3, ratio=None, count=10) == 3


def test_without_sm3_the_draw_refuses_rather_than_fall_back(monkeypatch):
    monkeypatch.setattr(hashlib, "algorithms_available", {"sha256"})
    with pytest.raises(Conflict, match="SM3"):
        draw.pick_entities("1|2", ["A"], 1)


def test_a_plan_draws_certified_officers_two_per_entity(city, staff, officers, items, directory):
    today = timezone.localdate()
    testing.make_officer(city["market"], "过期人员", expires_on=today - datetime.timedelta(days=1))
    testing.make_officer(city["market"], "暂扣人员", status=CertificateStatus.SUSPENDED)
    testing.make_officer(city["market"], "未生效人员", issued_on=today + datetime.timedelta(days=1))
    testing.make_officer(city["ecology"], "他单位人员")
    plan = testing.make_plan(city["market"], staff["clerk"], items)
    record = draw.draw(plan, actor=staff["clerk"], public_value="3287.45")

    assert record.seed == f"{plan.pk}|3287.45" and record.algorithm == "SM3"
    assert record.candidate_count == 200 and record.sample_size == 10
    codes = record.candidates.split("\n")
    assert codes == sorted(codes)
    assert record.candidates_digest == hashlib.new("sm3", record.candidates.encode()).hexdigest()
    assert [pick["code"] for pick in record.picks] == _independent_picks(record.seed, codes, 10)
    tasks = list(InspectionTask.objects.filter(plan=plan).order_by("rank"))
    assert [task.entity.code for task in tasks] == [pick["code"] for pick in record.picks]
    certified = {officer.pk for officer in officers}
    for task in tasks:
        drawn = list(task.taskinspector_set.all())
        assert len(drawn) == 2 and len({row.officer_id for row in drawn}) == 2
        assert {row.officer_id for row in drawn} <= certified
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAWN

    with pytest.raises(Conflict, match="当前状态为“已抽取”"):
        draw.draw(plan, actor=staff["clerk"], public_value="1")
    with pytest.raises(ImmutableDraw):
        record.save()
    assert Draw.objects.get(plan=plan).seed == record.seed


def test_too_few_certified_officers_refuses_the_draw(city, staff, items, directory):
    testing.make_officer(city["market"], "唯一持证人员")
    testing.make_officer(city["market"], "注销人员", status=CertificateStatus.REVOKED)
    plan = testing.make_plan(city["market"], staff["clerk"], items)
    with pytest.raises(Conflict, match="持有效执法证的执法人员只有 1 名"):
        draw.draw(plan, actor=staff["clerk"], public_value="1")
    testing.make_officer(city["market"], "新持证人员")
    assert draw.draw(plan, actor=staff["clerk"], public_value="1").sample_size == 10


def test_a_joint_plan_draws_inspectors_from_each_body(city, staff, officers, items, directory, people):
    ecology = city["ecology"]
    eco_officers = {testing.make_officer(ecology, f"环境执法{n}").pk for n in range(3)}
    plan = testing.make_plan(city["market"], staff["clerk"], items, joint_bodies=[ecology.pk], sample_count=5)
    assert plan.is_joint
    record = draw.draw(plan, actor=staff["clerk"], public_value="88")
    for task in InspectionTask.objects.filter(plan=plan):
        drawn = [row.officer_id for row in task.taskinspector_set.order_by("order")]
        assert len(drawn) == 4 and len(set(drawn)) == 4
        assert set(drawn[:2]) <= {o.pk for o in officers} and set(drawn[2:]) <= eco_officers
    assert {row["body"] for row in record.inspector_pool} == {city["market"].name, ecology.name}


def test_the_rerun_snippet_on_the_page_reproduces_the_picks(city, staff, officers, items, directory, tmp_path):
    plan = testing.make_plan(city["market"], staff["clerk"], items)
    record = draw.draw(plan, actor=staff["clerk"], public_value="3287.45")
    services.publish_plan(plan, actor=staff["head"])
    (tmp_path / "candidates.txt").write_text(record.candidates, encoding="utf-8")
    snippet = draw.RERUN.format(seed=record.seed, digest=record.candidates_digest, size=record.sample_size)
    namespace = {}
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(snippet, namespace)  # the published lines, run as a citizen would
    finally:
        os.chdir(cwd)
    assert namespace["picks"] == [pick["code"] for pick in record.picks]
    pool = [(row["certificate"], row["officer_id"]) for row in record.inspector_pool]
    first = record.picks[0]
    chosen = namespace["inspectors"](first["code"], pool, 2)
    numbers = {row["certificate"]: row["officer_id"] for row in record.inspector_pool}
    assert chosen == [numbers[inspector["certificate"]] for inspector in first["inspectors"]]
    assert re.search(r"seed = '\d+\|3287\.45'", snippet)
