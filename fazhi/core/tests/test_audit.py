"""The audit chain: chained at commit, masked at write time, one unbroken chain under concurrency."""

import hashlib
import itertools
import json
from unittest import mock

import pytest
from django.db import DatabaseError, connection, transaction

from fazhi.core import audit
from fazhi.core.choices import BodyKind
from fazhi.core.models import AuditEvent, Body, JobRun
from fazhi.core.services.bodies import create_body
from fazhi.core.testing import make_body, make_user
from fazhi.core.testing.processes import describe, python_in_parallel, run_fazhi


def _create(code: str, name: str | None = None) -> Body:
    return create_body(actor=None, code=code, name=name or f"单位{code}", kind=BodyKind.CITY_DEPARTMENT)


def _raw_data(sequence: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM core_auditevent WHERE sequence = %s", [sequence])
        return cursor.fetchone()[0]


def test_canonical_json_is_sorted_compact_and_keeps_chinese():
    assert audit.canonical_json({"b": 1, "a": "规范性文件"}) == '{"a":"规范性文件","b":1}'


def test_event_waits_unchained_until_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _create("pending")
        event = AuditEvent.objects.get()
        assert (event.sequence, event.hash, event.prev_hash) == (None, "", "")
    assert callbacks, "chaining is scheduled for commit"
    assert AuditEvent.objects.get().sequence is None


def test_events_are_chained_at_commit_with_sm3_and_previous_hash(db, django_capture_on_commit_callbacks):
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            _create(f"b{number}")

    events = list(AuditEvent.objects.order_by("sequence"))
    assert [event.sequence for event in events] == [1, 2, 3]
    assert {event.algorithm for event in events} == {"sm3"}
    assert events[0].prev_hash == ""
    for previous, event in itertools.pairwise(events):
        assert event.prev_hash == previous.hash
    for event in events:
        text = audit.canonical_text(event)
        assert event.hash == hashlib.new("sm3", text.encode("utf-8")).hexdigest()
        assert len(event.hash) == 64
        assert event.hash not in text, "the hash is not part of what it is taken over"
    result = audit.verify()
    assert (result.ok, result.checked, result.head_sequence, result.head_hash) == (True, 3, 3, events[-1].hash)


def test_events_of_one_transaction_are_chained_in_order(db, django_capture_on_commit_callbacks):
    body = make_body("江门市司法局")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for step in range(4):
            audit.record(body, "core.test_step", actor=None, extra={"step": step})
    steps = [event.payload["extra"]["step"] for event in AuditEvent.objects.order_by("sequence")]
    assert steps == [0, 1, 2, 3]


def test_an_event_left_unchained_is_chained_by_the_next_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        _create("first")
    with django_capture_on_commit_callbacks(execute=True):
        _create("second")
    assert list(AuditEvent.objects.order_by("id").values_list("sequence", flat=True)) == [1, 2]
    assert audit.verify().ok


def test_failed_chaining_does_not_undo_the_committed_change(db, django_capture_on_commit_callbacks):
    def chain_pending(using="default"):
        raise DatabaseError("database is locked")

    with mock.patch("fazhi.core.audit.chain_pending", chain_pending), django_capture_on_commit_callbacks(execute=True):
        _create("kept")
    assert Body.objects.filter(code="kept").exists()
    assert AuditEvent.objects.get().sequence is None, "left for the audit.chain sweep"


def test_personal_data_is_masked_before_it_is_written(db, django_capture_on_commit_callbacks):
    user = make_user("zhang", full_name="张三丰", phone="13812345678", email="zhangsan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(
            user,
            "core.user_updated",
            actor=None,
            before={"phone": "13812345678", "email": "zhangsan@example.com"},
            after={
                "full_name": "张三丰",
                "id_number": "440703199001011234",
                "note": "来电13912345678，身份证440703199001011234",
            },
        )
    raw = _raw_data(1)
    for secret in ("13812345678", "13912345678", "440703199001011234", "zhangsan@", "张三丰"):
        assert secret not in raw
    assert json.loads(raw) == {
        "before": {"phone": "138****5678", "email": "z***@example.com"},
        "after": {
            "full_name": "张**",
            "id_number": "440703********1234",
            "note": "来电139****5678，身份证440703********1234",
        },
    }
    assert audit.verify().ok, "the chain is taken over the masked text"


def test_personal_numbers_in_a_records_text_are_masked(db, django_capture_on_commit_callbacks):
    body = make_body("联系电话13812345678的单位")
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(body, "core.test_named", actor=None)
    assert AuditEvent.objects.get().object_repr == "联系电话138****5678的单位"


def test_unnamespaced_action_is_refused(db):
    with pytest.raises(ValueError):
        audit.record(make_body(), "created", actor=None)


def test_verify_names_the_first_tampered_event(db, django_capture_on_commit_callbacks):
    for number in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            _create(f"t{number}")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET actor_label = %s WHERE sequence = 2", ["篡改者"])
    result = audit.verify()
    assert (result.ok, result.broken_sequence, result.checked) == (False, 2, 1)
    assert "已被改动" in result.reason


# ---------------------------------------------------------------------------- several processes

WRITERS = 3
BODIES_PER_WRITER = 30
EVENTS_PER_BATCH = 3

WRITER = f"""
from django.db import transaction
from fazhi.core import audit
from fazhi.core.choices import BodyKind
from fazhi.core.services.bodies import create_body

for step in range({BODIES_PER_WRITER}):
    body = create_body(
        actor=None, code=f"w{{WORKER}}-{{step}}", name=f"并发单位{{WORKER}}-{{step}}",
        kind=BodyKind.CITY_DEPARTMENT,
    )
    if step % 5 == 0:
        with transaction.atomic():
            for part in range({EVENTS_PER_BATCH}):
                audit.record(body, "core.test_batch", actor=None, extra={{"worker": WORKER, "step": step}})
"""


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_make_one_unbroken_chain():
    results = python_in_parallel(WRITER, WRITERS)
    assert all(result.returncode == 0 for result in results), describe(results)

    batches = len(range(0, BODIES_PER_WRITER, 5))
    expected = WRITERS * (BODIES_PER_WRITER + batches * EVENTS_PER_BATCH)
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, expected + 1)), "contiguous, nothing left unchained"
    result = audit.verify()
    assert (result.ok, result.checked, result.pending) == (True, expected, 0), result.reason

    # Each writer's events are chained in the order it committed them.
    for worker in range(WRITERS):
        names = list(
            AuditEvent.objects.filter(action="core.body_created", object_repr__startswith=f"并发单位{worker}-")
            .order_by("sequence")
            .values_list("object_repr", flat=True)
        )
        assert names == [f"并发单位{worker}-{step}" for step in range(BODIES_PER_WRITER)]

    verified = run_fazhi("audit", "verify")
    assert verified.returncode == 0, verified.describe()
    assert f"已校验 {expected} 个审计事件" in verified.stdout


INTERRUPTED = """
from django.db import transaction
from fazhi.core import audit
from fazhi.core.models import Body

with transaction.atomic():
    # Registered before audit.record's own callback: the process dies after the commit and
    # before the event is chained, as a killed worker would.
    transaction.on_commit(lambda: os._exit(0))
    audit.record(Body.objects.get(code="kept"), "core.test_interrupted", actor=None)
"""


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_interrupted_chaining_is_completed_by_the_audit_chain_sweep():
    _create("kept")
    results = python_in_parallel(INTERRUPTED, 1)
    assert results[0].returncode == 0, describe(results)
    orphan = AuditEvent.objects.get(action="core.test_interrupted")
    assert orphan.sequence is None
    assert audit.verify().pending == 1

    swept = run_fazhi("sweep", "--job", "audit.chain")
    assert swept.returncode == 0, swept.describe()
    assert "处理 1 条" in swept.stdout
    orphan.refresh_from_db()
    assert orphan.sequence == 2
    assert orphan.prev_hash == AuditEvent.objects.get(sequence=1).hash
    result = audit.verify()
    assert (result.ok, result.checked, result.pending) == (True, 2, 0)
    assert JobRun.objects.get(job="audit.chain").items == 1
