import datetime

import pytest

from fazhi.assessment import evaluation as running
from fazhi.assessment import services, testing
from fazhi.assessment.models import Indicator
from fazhi.core.choices import EvaluationGroup, Role
from fazhi.core.testing import make_user
from fazhi.litigation import services as litigation
from fazhi.litigation import testing as litigation_testing

D = datetime.date


@pytest.fixture
def grouped(city):
    """The `city` tree with its departments and county government in their evaluation groups."""
    for key, group in (
        ("market", EvaluationGroup.CITY_DEPARTMENTS),
        ("ecology", EvaluationGroup.CITY_DEPARTMENTS),
        ("county", EvaluationGroup.COUNTY_GOVERNMENTS),
    ):
        city[key].evaluation_group = group
        city[key].save(update_fields=["evaluation_group"])
    return city


@pytest.fixture
def mayor(city):
    return make_user("mayor", roles=[(city["government"], Role.HEAD)])


@pytest.fixture
def today(monkeypatch):
    """A movable frozen clock: `today.set(date)`."""

    class Clock:
        day = datetime.date(2026, 3, 2)

        def set(self, day):
            self.day = day

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock.day)
    return clock


def small_scheme(city, people, mayor, today):
    """2026: 检察监督 (60, from art. 37's check, proportional) and 法治宣传 (40, manual), at least one
    优秀 and one 一般 per group, approved by the mayor."""
    today.set(D(2026, 3, 2))
    scheme = services.create_scheme(actor=people["office"], government=city["government"], year=2026)
    testing.small_tree(scheme, people["office"])
    services.set_evaluators(scheme, actor=people["office"], users=[people["evaluator"].pk])
    services.update_scheme(scheme, actor=people["office"], quota="at-least-one")
    services.submit(scheme, actor=people["office"])
    return services.approve(scheme, actor=mayor, reference="江府函〔2026〕9号")


def seed_suggestions(city, people):
    """市市场监管局: one suggestion answered on time, one late; 市生态环境局: one on time."""
    market, ecology = people["market_clerk"], people["ecology_clerk"]
    on_time = litigation_testing.suggest(city["market"], market, received_on="2026-03-02")
    litigation.reply(on_time, actor=market, replied_on="2026-04-01", measures_taken="已开展专项检查。")
    late = litigation_testing.suggest(city["market"], market, received_on="2026-03-02")
    litigation.reply(late, actor=market, replied_on="2026-06-15", measures_taken="已整改。")
    answered = litigation_testing.suggest(city["ecology"], ecology, received_on="2026-03-02")
    litigation.reply(answered, actor=ecology, replied_on="2026-03-20", measures_taken="已督促整改。")


@pytest.fixture
def evaluation(grouped, people, mayor, today):
    """The 2026 evaluation opened on 15 January 2027 over the seeded suggestions."""
    scheme = small_scheme(grouped, people, mayor, today)
    today.set(D(2026, 6, 30))
    seed_suggestions(grouped, people)
    today.set(D(2027, 1, 15))
    return running.open_evaluation(scheme, actor=people["office"])


def score_all(evaluation, city, people):
    """Every manual score, the social workbook and one adjustment of each kind."""
    leaf = Indicator.objects.get(scheme=evaluation.scheme, name="宣传法治政府建设")
    for key, points in (("market", "30"), ("ecology", "40"), ("county", "20")):
        running.score_manual(
            evaluation,
            actor=people["evaluator"],
            body=city[key].pk,
            indicator=leaf.pk,
            points=points,
            comment="宣传材料不全。",
        )
    running.import_social(
        evaluation,
        actor=people["office"],
        data=testing.workbook([("江门市市场监督管理局", 90), ("江门市生态环境局", 80), ("蓬江区人民政府", 70)]),
        source="2026年度社会评议.xlsx",
    )
    office = people["office"]
    running.add_adjustment(
        evaluation, actor=office, body=city["market"].pk, kind="deduction", points="2", reason="被约谈一次"
    )
    running.add_adjustment(
        evaluation, actor=office, body=city["ecology"].pk, kind="bonus", points="3", reason="创新经验获推广"
    )
    running.add_adjustment(
        evaluation, actor=office, body=city["county"].pk, kind="spot_check", points="-1", reason="省抽查发现问题"
    )


@pytest.fixture
def scored(evaluation, grouped, people):
    score_all(evaluation, grouped, people)
    return evaluation


@pytest.fixture
def notified(scored, people, mayor, today):
    """Submitted, approved and notified on Monday 1 March 2027 (objections until 8 March)."""
    running.submit(scored, actor=people["office"])
    running.approve(scored, actor=mayor)
    today.set(D(2027, 3, 1))
    return running.notify(scored, actor=people["office"], notice_number="江府通〔2027〕3号")
