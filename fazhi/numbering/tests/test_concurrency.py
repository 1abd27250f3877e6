"""Several processes numbering at once, as several gunicorn workers do: no serial is given twice.

Real OS processes, each with its own connection, against the test database (SQLite or
PostgreSQL, whichever the run uses), released together from a barrier.
"""

import pytest
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.models import AuditEvent
from fazhi.core.testing.processes import describe, python_in_parallel
from fazhi.numbering import services
from fazhi.numbering.choices import NumberStatus
from fazhi.numbering.models import IssuedNumber, NumberSequence

WORKERS = 3
PER_WORKER = 40
REGISTRATIONS_PER_WORKER = 10
YEAR = timezone.localdate().year
RESERVED = {7, 50, 51}

ISSUER = f"""
from fazhi.core.models import User
from fazhi.numbering import services
from fazhi.numbering.models import NumberFormat

gov_office = User.objects.get(username="gov_office")
market_legal = User.objects.get(username="market_legal")
rules = NumberFormat.objects.get(prefix="江府规")
registration = NumberFormat.objects.get(prefix="JMSJ")
for step in range({PER_WORKER}):
    print("rules", services.issue_number(rules, {YEAR}, actor=gov_office).serial, flush=True)
    if step % 4 == 0:
        print("registration", services.issue_number(registration, {YEAR}, actor=market_legal).text, flush=True)
"""


def _issued(results, label):
    per_worker = []
    for result in results:
        values = [line.split()[1] for line in result.stdout.splitlines() if line.startswith(label + " ")]
        per_worker.append(values)
    return per_worker


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_parallel_processes_never_get_the_same_number(number_formats, numberers):
    rules = number_formats["gov_rules"]
    for serial in sorted(RESERVED):
        services.reserve_number(rules, f"江府规〔{YEAR}〕{serial}号", actor=None, note="历史文件")
    assert not NumberSequence.objects.filter(format=number_formats["registration"]).exists(), (
        "the registration sequence row is created under the race too"
    )

    results = python_in_parallel(ISSUER, WORKERS)
    assert all(result.returncode == 0 for result in results), describe(results)

    per_worker = [[int(serial) for serial in serials] for serials in _issued(results, "rules")]
    assert all(len(serials) == PER_WORKER for serials in per_worker), describe(results)
    assert all(serials == sorted(serials) for serials in per_worker), "each process's numbers rise"
    given = [serial for serials in per_worker for serial in serials]
    total = WORKERS * PER_WORKER
    expected = [serial for serial in range(1, total + len(RESERVED) + 1) if serial not in RESERVED]
    assert sorted(given) == expected, "distinct, contiguous but for the reserved legacy numbers"

    stored = IssuedNumber.objects.filter(format=rules, year=YEAR)
    assert stored.filter(status=NumberStatus.ISSUED).count() == total
    assert set(stored.filter(status=NumberStatus.RESERVED).values_list("serial", flat=True)) == RESERVED
    assert NumberSequence.objects.get(format=rules, year=YEAR).last_serial == expected[-1]

    registrations = [text for texts in _issued(results, "registration") for text in texts]
    per_process = len(range(0, PER_WORKER, 4))
    assert sorted(registrations) == [f"JMSJ-{YEAR}-{serial:04d}" for serial in range(1, WORKERS * per_process + 1)]

    issued_events = AuditEvent.objects.filter(action="numbering.number_issued").count()
    assert issued_events == total + len(registrations)
    result = audit.verify()
    assert (result.ok, result.pending) == (True, 0), result.reason


VOIDER = """
from fazhi.core.errors import Conflict
from fazhi.core.models import User
from fazhi.numbering import services
from fazhi.numbering.models import IssuedNumber

number = IssuedNumber.objects.get(text__startswith="江府规")
try:
    services.void_number(number, actor=User.objects.get(username="gov_office"), reason=f"作废{WORKER}")
    print("voided")
except Conflict as exc:
    print("refused", exc.detail)
"""


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_a_number_voided_at_once_by_several_processes_is_voided_once(number_formats, numberers):
    number = services.issue_number(number_formats["gov_rules"], YEAR, actor=numberers["gov_office"])

    results = python_in_parallel(VOIDER, WORKERS)

    assert all(result.returncode == 0 for result in results), describe(results)
    outcomes = sorted(result.stdout.split()[0] for result in results)
    assert outcomes == ["refused"] * (WORKERS - 1) + ["voided"], describe(results)
    number.refresh_from_db()
    assert number.status == NumberStatus.VOIDED
    assert AuditEvent.objects.filter(action="numbering.number_voided").count() == 1
