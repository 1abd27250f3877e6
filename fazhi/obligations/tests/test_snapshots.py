"""The daily snapshot: what it keeps equals what the checks say; once a day, however many sweeps run
at once; unchanged results stored once; last year kept until its duties close; the command."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from fazhi.core import jobs
from fazhi.core.models import AuditEvent, Body
from fazhi.core.testing.commands import call_fazhi
from fazhi.litigation import services as litigation
from fazhi.obligations import checks, registry, services
from fazhi.obligations.choices import CODE_STATUSES, BoardStatus, CheckStatus
from fazhi.obligations.models import Finding, Snapshot, Standing
from fazhi.obligations.tasks import SNAPSHOT_JOB

D = datetime.date


def _standing(snapshot, body) -> Standing:
    return Standing.objects.get(snapshot=snapshot, body=body)


def _finding(standing, article) -> Finding:
    return Finding.objects.get(body=standing.body, article=article, digest=standing.digest(article))


def test_the_snapshot_keeps_every_check_result_of_every_body(grouped, suggestions, today):
    snapshot = services.take_snapshot()

    bodies = list(Body.objects.order_by("tree_path"))
    expected = checks.run_all(bodies, 2026, today.day)
    assert (snapshot.year, snapshot.as_of, snapshot.body_count) == (2026, today.day, len(bodies))
    assert snapshot.articles == checks.checked_articles()
    for body in bodies:
        standing = _standing(snapshot, body)
        assert len(standing.statuses) == registry.ARTICLE_COUNT
        for obligation in registry.all_obligations():
            status = standing.status(obligation.article)
            if obligation.article in expected:
                result = expected[obligation.article][body.pk]
                assert status == result.status, (body.name, obligation.article)
                finding = _finding(standing, obligation.article)
                assert (finding.status, finding.summary) == (result.status, result.summary)
                assert (finding.numerator, finding.denominator) == (result.numerator, result.denominator)
                assert finding.failing == [ref.as_dict() for ref in result.failing]
                assert finding.evidence == [ref.as_dict() for ref in result.evidence]
            elif obligation.applies_to(body):
                assert status == BoardStatus.MANUAL and not standing.digest(obligation.article)
            else:
                assert status == BoardStatus.NOT_APPLICABLE
    market = _standing(snapshot, grouped["market"])
    assert market.status(37) == CheckStatus.NOT_MET
    assert suggestions["unanswered"].number in _finding(market, 37).failing[0]["description"]
    assert _standing(snapshot, grouped["ecology"]).status(37) == CheckStatus.MET
    event = AuditEvent.objects.get(action="obligations.snapshot_taken")
    assert event.object_id == str(snapshot.pk)


def test_the_job_takes_the_day_once(grouped, suggestions, today):
    first = jobs.run([SNAPSHOT_JOB])[0]
    second = jobs.run([SNAPSHOT_JOB])[0]

    assert first.succeeded and first.items == Body.objects.count()
    assert second.succeeded and second.items == 0
    assert Snapshot.objects.count() == 1
    assert Standing.objects.count() == Body.objects.count()
    assert AuditEvent.objects.filter(action="obligations.snapshot_taken").count() == 1


def test_the_day_is_unique_in_the_database(grouped, today):
    services.take_snapshot()
    with pytest.raises(IntegrityError), transaction.atomic():
        Snapshot.objects.create(year=2026, as_of=today.day, runner="other", started_at=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_store_the_day_once(grouped, suggestions, today):
    start = threading.Barrier(2)
    records, errors = [], []

    def sweep():
        try:
            start.wait()
            records.extend(jobs.run([SNAPSHOT_JOB]))
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert all(record.succeeded for record in records), [record.message for record in records]
    assert sorted(record.items for record in records) == [0, Body.objects.count()]
    assert Snapshot.objects.count() == 1
    assert Standing.objects.count() == Body.objects.count()


def test_a_dead_sweeps_claim_is_taken_over_after_an_hour(grouped, today):
    claim = Snapshot.objects.create(
        year=2026, as_of=today.day, runner="dead", started_at=timezone.now() - datetime.timedelta(minutes=20)
    )
    assert services.take_snapshot() is None  # still within the hour: that sweep may be running

    Snapshot.objects.filter(pk=claim.pk).update(started_at=timezone.now() - datetime.timedelta(hours=2))
    snapshot = services.take_snapshot(runner="alive")

    assert snapshot.pk == claim.pk and snapshot.finished_at is not None
    assert Snapshot.objects.get().runner == "alive"
    assert Standing.objects.filter(snapshot=snapshot).count() == Body.objects.count()


def test_a_day_is_taken_again_only_when_asked(grouped, suggestions, people, today):
    snapshot = services.take_snapshot()
    litigation.reply(
        suggestions["unanswered"], actor=people["market_clerk"], replied_on="2026-11-16", measures_taken="已整改。"
    )
    assert services.take_snapshot() is None
    assert _standing(snapshot, grouped["market"]).status(37) == CheckStatus.NOT_MET

    again = services.take_snapshot(replace=True)

    assert again.pk == snapshot.pk
    standing = _standing(again, grouped["market"])
    assert "逾期" in _finding(standing, 37).failing[0]["description"]  # answered, but late: still not met
    assert Standing.objects.count() == Body.objects.count()
    assert AuditEvent.objects.filter(action="obligations.snapshot_taken").count() == 2


def test_unchanged_results_are_stored_once_across_days(grouped, suggestions, today):
    first = services.take_snapshot()
    today.set(D(2026, 11, 17))
    second = services.take_snapshot()

    assert first.new_findings == Finding.objects.filter(first_seen=first.as_of).count()
    assert second.new_findings < first.new_findings / 2
    assert Finding.objects.count() == first.new_findings + second.new_findings
    for standing in Standing.objects.filter(snapshot=second):
        for article in checks.checked_articles():
            assert _finding(standing, article).status == standing.status(article)


def test_last_year_is_snapshotted_until_its_duties_close(grouped, today):
    today.set(D(2027, 1, 15))
    jobs.run([SNAPSHOT_JOB])
    today.set(D(2027, 3, 31))
    jobs.run([SNAPSHOT_JOB])
    today.set(D(2027, 4, 1))
    jobs.run([SNAPSHOT_JOB])

    assert list(Snapshot.objects.order_by("as_of", "year").values_list("as_of", "year")) == [
        (D(2027, 1, 15), 2026),
        (D(2027, 1, 15), 2027),
        (D(2027, 3, 31), 2026),
        (D(2027, 3, 31), 2027),
        (D(2027, 4, 1), 2027),
    ]


def test_a_snapshot_covers_the_bodies_of_its_year(grouped, today):
    grouped["ecology"].valid_to = D(2025, 12, 31)
    grouped["ecology"].save(update_fields=["valid_to"])
    grouped["county_market"].valid_from = D(2026, 12, 1)
    grouped["county_market"].save(update_fields=["valid_from"])

    snapshot = services.take_snapshot()

    covered = set(Standing.objects.filter(snapshot=snapshot).values_list("body_id", flat=True))
    assert grouped["ecology"].pk not in covered and grouped["county_market"].pk not in covered
    assert grouped["market"].pk in covered


def test_bad_days_and_years_are_refused(grouped, today):
    from fazhi.core.errors import InvalidInput

    for values in ({"as_of": D(2026, 11, 17)}, {"as_of": "2026-02-30"}, {"year": 2027}, {"year": "二〇二六"}):
        with pytest.raises(InvalidInput):
            services.take_snapshot(**values)
    assert not Snapshot.objects.exists()


def test_the_snapshot_queries_do_not_grow_with_the_bodies(grouped, today):
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.testing import make_body

    def queries(count: int, day: datetime.date) -> int:
        for number in range(count):
            make_body(f"测试局{day.day}-{number}", parent=grouped["government"])
        today.set(day)
        checks.autodiscover()
        with CaptureQueriesContext(connection) as captured:
            services.take_snapshot()
        return len([q for q in captured.captured_queries if not q["sql"].startswith("INSERT")])  # batched writes

    queries(1, D(2026, 11, 16))  # the holiday table and content types, read once per process
    assert queries(3, D(2026, 11, 17)) == queries(30, D(2026, 11, 18))


@pytest.mark.django_db
def test_the_snapshot_command(grouped, suggestions):
    day = timezone.localdate()
    taken = call_fazhi("obligations", "snapshot")
    assert taken.returncode == 0, taken.stderr
    assert f"已生成{day.year}年度合规快照" in taken.stdout
    again = call_fazhi("obligations", "snapshot")
    assert again.returncode == 0 and "已经生成" in again.stdout and "--replace" in again.stdout
    replaced = call_fazhi("obligations", "snapshot", "--replace")
    assert replaced.returncode == 0 and "已生成" in replaced.stdout
    earlier = call_fazhi("obligations", "snapshot", "--date", "2026-06-30", "--year", "2026")
    assert earlier.returncode == 0, earlier.stderr
    assert Snapshot.objects.filter(as_of=D(2026, 6, 30), year=2026).exists()

    for arguments, message in (
        (["--date", "2026-02-30"], "日期无效"),
        (["--date", (day + datetime.timedelta(days=1)).isoformat()], "不能晚于今天"),
        (["--year", "2017"], "年度应为"),
        (["--date", "2026-06-30", "--year", "2027"], "年度应为"),
    ):
        refused = call_fazhi("obligations", "snapshot", *arguments)
        assert refused.returncode == 2, arguments
        assert message in refused.stderr, refused.stderr
    assert Snapshot.objects.count() == 2


def test_statuses_are_letters_of_the_board(grouped, today):
    snapshot = services.take_snapshot()
    letters = set("".join(Standing.objects.filter(snapshot=snapshot).values_list("statuses", flat=True)))
    assert letters <= set(CODE_STATUSES)
