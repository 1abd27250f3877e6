"""Seed arts. 19, 20, 22 and 25 read from the cases, publications, transfers and file reviews."""

import datetime

import pytest
from django.utils import timezone

from fazhi.clock.models import Deadline
from fazhi.core.testing import make_body
from fazhi.enforcement import services, transfers
from fazhi.enforcement.models import Case, FileReview, ReviewSheet
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _run(article, body, as_of=None):
    checks.autodiscover()
    return checks.run(article, [body], TODAY().year, as_of or TODAY())[body.pk]


def _decided(crew, open_case):
    case = open_case()
    services.record_facts(case, actor=crew["user"], facts="违法事实。")
    services.conclude_investigation(case, actor=crew["user"])
    services.propose(case, actor=crew["user"], penalty_kinds=["warning"])
    services.notify(case, actor=crew["user"])
    services.record_statement(case, actor=crew["user"], statement="已听取。")
    return services.decide(case, actor=crew["head"], decision_text="警告。")


def test_art_19_publication_within_the_configured_working_days(city, crew, open_case):
    case = _decided(crew, open_case)
    assert _run(19, city["market"]).status == "met" and _run(19, city["market"]).numerator == 0, "pending"
    later = TODAY() + datetime.timedelta(days=30)
    result = _run(19, city["market"], as_of=later)
    assert result.status == "not_met" and "未公开" in result.failing[0].description
    services.publish_decision(case, actor=crew["user"])
    assert _run(19, city["market"]).numerator == 1


def test_art_20_the_decision_period_kept(city, crew, open_case):
    case = _decided(crew, open_case)
    services.serve(case, actor=crew["user"], method="in_person")
    assert _run(20, city["market"]).status == "met"
    late = open_case(cause="另案")
    Deadline.objects.filter(object_id=str(late.pk), matter="penalty-decide").update(
        due_on=TODAY() - datetime.timedelta(days=1)
    )
    result = _run(20, city["market"])
    assert result.status == "not_met" and result.failing[0].id == late.pk


def test_art_22_transfers_decided_within_three_days(city, crew, open_case):
    transfer = transfers.propose(
        open_case(),
        actor=crew["user"],
        suspected_offence="非法经营罪",
        team=[crew["a"].pk, crew["b"].pk],
        receiving_organ="江门市公安局",
    )
    assert _run(22, city["market"]).status == "met"
    Deadline.objects.filter(object_id=str(transfer.pk), matter="criminal-transfer-approve").update(
        due_on=TODAY() - datetime.timedelta(days=1)
    )
    assert "3日内" in _run(22, city["market"]).failing[0].description


def test_art_25_files_below_the_pass_mark_fail(city, crew, open_case):
    case = open_case()
    sheet = ReviewSheet.objects.create(
        year=TODAY().year, items=[{"key": "1", "label": "程序", "max": "100"}], pass_mark=60
    )
    review = FileReview.objects.create(sheet=sheet, case=case, body=city["market"])
    assert _run(25, city["market"]).status == "met", "not yet scored, the year not over"
    FileReview.objects.filter(pk=review.pk).update(total=55)
    assert "低于合格分数" in _run(25, city["market"]).failing[0].description
    assert isinstance(Case.objects.get(pk=case.pk), Case)


@pytest.mark.parametrize("article", [19, 20, 22, 25])
def test_query_count_is_bounded(city, article):
    def make_bodies(n):
        return [make_body(f"执法{n}-{i}", parent=city["government"], is_enforcement_agency=True) for i in range(n)]

    assert_check_queries_bounded(article, make_bodies, year=TODAY().year, as_of=TODAY(), max_queries=12)
