"""The board and the year-end evaluation agree on what was known when: the snapshot of day D and an
evaluation read as of D rest on the same check results, body by body, article by article."""

import datetime

from fazhi.assessment import evaluation as running
from fazhi.assessment import services as schemes
from fazhi.assessment.choices import Method
from fazhi.assessment.models import Score
from fazhi.core.choices import Role
from fazhi.core.testing import make_user
from fazhi.obligations import services
from fazhi.obligations.models import Finding, Standing

D = datetime.date


def test_the_snapshot_of_a_day_and_the_evaluation_as_of_that_day_give_the_same_statuses(
    grouped, suggestions, people, today
):
    office, mayor = people["office"], make_user("mayor", roles=[(grouped["government"], Role.HEAD)])
    scheme = schemes.create_scheme(actor=office, government=grouped["government"], year=2026)
    schemes.set_evaluators(scheme, actor=office, users=[people["evaluator"].pk])
    schemes.submit(scheme, actor=office)
    schemes.approve(scheme, actor=mayor)
    day = D(2027, 1, 20)
    today.set(day)

    snapshot = services.take_snapshot(year=2026)
    evaluation = running.open_evaluation(scheme, actor=office, as_of=day)

    compared = 0
    scores = Score.objects.filter(evaluation=evaluation, indicator__method=Method.AUTOMATIC).select_related("body")
    for score in scores:
        standing = Standing.objects.get(snapshot=snapshot, body=score.body)
        for result in score.detail["articles"]:
            article = result["article"]
            assert standing.status(article) == result["status"], (score.body.name, article)
            finding = Finding.objects.get(body=score.body, article=article, digest=standing.digest(article))
            assert (finding.summary, finding.numerator, finding.denominator) == (
                result["summary"],
                result["numerator"],
                result["denominator"],
            )
            compared += 1
    members = scheme.members.count()
    assert members == 3 and compared >= members * 30
    market = Standing.objects.get(snapshot=snapshot, body=grouped["market"])
    assert market.status(37) == "not_met"
