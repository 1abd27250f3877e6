import datetime

from django.utils import timezone

from fazhi.core.testing import make_body
from fazhi.documents import testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.models import NormativeDocument
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded


def _run(article, bodies):
    today = timezone.localdate()
    checks.autodiscover()
    return checks.run(article, bodies, today.year, today)


def test_documents_through_the_workflow_meet_arts_7_8_9_28_39(city, departmental):
    document = testing.draft(
        city["market"],
        departmental["clerk"],
        doc_number="江市监规〔2026〕50号",
        touches_market=True,
        is_policy_document=True,
        interpretation="解读：……",
    )
    testing.walk(document, S.IN_FORCE, departmental)
    for article in (7, 8, 9, 28, 39):
        result = _run(article, [city["market"]])[city["market"].pk]
        assert result.status == "met", (article, result.summary, result.failing)
        assert (result.numerator, result.denominator) == (1, 1)


def test_a_document_published_outside_the_workflow_fails(city, departmental):
    today = timezone.localdate()
    NormativeDocument.objects.create(
        kind="department",
        body=city["market"],
        government=city["government"],
        title="未经程序的文件",
        doc_number="江市监规〔2026〕51号",
        status=S.IN_FORCE,
        published_on=today,
        effective_on=today,
        touches_market=True,
        is_policy_document=True,
    )
    for article, fragment in (
        (7, "未公开征求意见"),
        (8, "未统一登记"),
        (9, "未设定有效期"),
        (28, "解读"),
        (39, "公平竞争"),
    ):
        result = _run(article, [city["market"]])[city["market"].pk]
        assert result.status == "not_met", article
        assert fragment in result.failing[0].description


def test_expired_without_evaluation_fails_art_9(city, departmental):
    document = testing.walk(
        testing.draft(city["market"], departmental["clerk"], doc_number="江市监规〔2026〕52号"),
        S.IN_FORCE,
        departmental,
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    NormativeDocument.objects.filter(pk=document.pk).update(effective_on=yesterday, expires_on=yesterday)
    result = _run(9, [city["market"]])[city["market"].pk]
    assert result.status == "not_met" and "未评估" in result.failing[0].description


def test_checks_query_count_is_bounded(city):
    def make_bodies(n):
        return [make_body(f"测试单位{n}-{i}", parent=city["government"]) for i in range(n)]

    today = timezone.localdate()
    for article in (7, 8, 9, 28, 39):
        assert_check_queries_bounded(article, make_bodies, year=today.year, as_of=today, max_queries=10)
