"""The check interface: the query bound, registration."""

import datetime
import itertools

import pytest

from fazhi.core.choices import BodyKind
from fazhi.core.models import PublicSubmission
from fazhi.core.testing import make_body
from fazhi.obligations import checks, registry
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.obligations.testing import assert_check_queries_bounded

_codes = itertools.count(1)
YEAR = 2025


def check38(bodies, as_of: str, year: int = YEAR):
    return checks.run(38, bodies, year, datetime.date.fromisoformat(as_of))


@pytest.fixture
def department(db):
    return make_body("江门市城市管理和综合执法局", kind=BodyKind.CITY_DEPARTMENT)


def test_query_bound_helper_catches_a_check_that_queries_per_body(db, monkeypatch):
    def per_body(bodies, year, as_of):
        return {
            b.pk: CheckResult(CheckStatus.MET, numerator=PublicSubmission.objects.filter(body=b).count())
            for b in bodies
        }

    checks.autodiscover()  # the real check is registered first, then replaced for this test
    monkeypatch.setitem(checks._CHECKS, 38, checks.Check(38, per_body, "逐个单位查询"))
    with pytest.raises(AssertionError, match="次查询"):
        assert_check_queries_bounded(
            38, lambda n: [make_body() for _i in range(n)], year=YEAR, as_of=datetime.date(2025, 6, 30)
        )


def test_registration_refuses_unknown_articles_and_a_second_check():
    checks.autodiscover()
    with pytest.raises(ValueError, match="no article"):
        checks.register(0)
    with pytest.raises(ValueError, match="no article"):
        checks.register(57)

    def another(bodies, year, as_of):
        return {}

    with pytest.raises(ValueError, match="already has a check"):
        checks.register(38)(another)


def test_articles_without_records_are_not_automatic():
    assert {5, 38} <= set(checks.checked_articles())
    assert registry.get(38).automatic is True
    for article in (29, 43, 45, 50):
        assert registry.get(article).automatic is False
    with pytest.raises(LookupError):
        checks.run(45, [], YEAR, datetime.date(2025, 6, 30))


def test_a_check_must_answer_for_every_body(department, monkeypatch):
    checks.autodiscover()
    monkeypatch.setitem(checks._CHECKS, 38, checks.Check(38, lambda bodies, year, as_of: {}, "无答复"))
    with pytest.raises(RuntimeError, match="did not answer"):
        check38([department], "2025-06-30")


def test_result_as_dict():
    result = CheckResult(
        CheckStatus.NOT_MET,
        numerator=0,
        denominator=1,
        failing=[RecordRef("intake.case", 7, "TS-2025-ABCDEFGH 逾期未受理")],
        summary="收到 1 件，按期办理 0 件。",
    )
    data = result.as_dict()
    assert data["status"] == "not_met"
    assert data["status_label"] == "未落实"
    assert (data["numerator"], data["denominator"], data["rate"]) == (0, 1, 0.0)
    assert data["failing"] == [{"model": "intake.case", "id": 7, "description": "TS-2025-ABCDEFGH 逾期未受理"}]
