#!/usr/bin/env python3
"""Benchmark of the random-inspection draw (issue 6 item 7): 5% of 50,000 entities, against a naive draw.

On a fresh database of the chosen backend: one enforcement body with a published item list,
`--officers` certified officers and `--entities` entities in its directory (inserted in bulk; the
Excel import of the same directory is timed separately unless `--skip-import`). Then, each timed
`--repeat` times after a warm-up, against a naive version measured in the same run:

- **entities**: the candidates read from the directory and ranked on SM3(seed|code), the first 5%
  taken and their records read (`draw.candidate_codes`, `pick_entities`, `picked_entities`); naive:
  every candidate's id read, then each entity fetched by its own query and hashed with a fresh
  `hashlib.new`, the whole list sorted;
- **inspectors**: two distinct certified officers for each drawn entity
  (`draw.inspector_pools` once + `draw.pick_inspectors`); naive: each entity's certificates queried
  again, each pair hashed with a fresh `hashlib.new`;
- **the service**: `draw.draw` on a new plan each time — the above plus the immutable draw record,
  the tasks and their inspectors written, and the audit event (no naive counterpart).

Both versions must pick the same entities and the same inspectors.

    .venv/bin/python bench/inspections_draw.py [--backend sqlite|postgresql] [--entities N] [--repeat R]

SQLite uses a file in a temporary directory; PostgreSQL the database fazhi_bench at 127.0.0.1:5432
(user postgres), dropped and created afresh. docs/performance.md records the figures.
"""

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench"
TARGET_MS = 100


def main() -> int:
    arguments = argparse.ArgumentParser(description="random-inspection draw benchmark")
    arguments.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    arguments.add_argument("--entities", type=int, default=50_000)
    arguments.add_argument("--ratio", default="5", help="percent of the candidates drawn")
    arguments.add_argument("--officers", type=int, default=40, help="certified officers of the body")
    arguments.add_argument("--repeat", type=int, default=20, help="timed runs of the fast versions")
    arguments.add_argument("--naive-repeat", type=int, default=3, help="timed runs of the naive versions")
    arguments.add_argument("--skip-import", action="store_true", help="do not time the Excel import")
    options = arguments.parse_args()

    workdir = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ["FAZHI_DATA_DIR"] = workdir
    if options.backend == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    else:
        os.environ["DATABASE_URL"] = PG_URL
        _recreate_postgres_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    sys.path.insert(0, str(REPO))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    world = _world(options)
    print(f"backend: {connection.vendor} ({_server_version(connection)})")
    print(
        f"directory: {options.entities:,} entities; {options.officers} certified officers; "
        f"draw {options.ratio}% = {world['size']:,} entities, 2 inspectors each"
    )
    if not options.skip_import:
        _import(world, options)
    print()

    failures = []
    fast_entities, picks = _time(options.repeat, lambda: _fast_entities(world))
    naive_entities, naive_picks = _time(options.naive_repeat, lambda: _naive_entities(world))
    if picks != naive_picks:
        failures.append("entities: the naive draw picked other entities")
    fast_inspectors, chosen = _time(options.repeat, lambda: _fast_inspectors(world, picks))
    naive_inspectors, naive_chosen = _time(options.naive_repeat, lambda: _naive_inspectors(world, picks))
    if chosen != naive_chosen:
        failures.append("inspectors: the naive draw chose other inspectors")
    service = [_service(world) for _ in range(max(3, options.repeat // 4))]

    header = f"{'step':<34}{'p50 ms':>9}{'p95 ms':>9}{'naive ms':>10}{'naive/fast':>11}"
    print(header)
    print("-" * len(header))
    rows = [
        ("entities (read, rank, take 5%)", fast_entities, naive_entities),
        ("inspectors (2 per drawn entity)", fast_inspectors, naive_inspectors),
        ("both (the draw)", _sum(fast_entities, fast_inspectors), _sum(naive_entities, naive_inspectors)),
        ("service draw.draw (with writes)", service, None),
    ]
    for label, fast, naive in rows:
        line = f"{label:<34}{statistics.median(fast):>9.1f}{_percentile(fast, 95):>9.1f}"
        if naive:
            naive_ms = statistics.median(naive)
            line += f"{naive_ms:>10.0f}{naive_ms / statistics.median(fast):>10.0f}×"
        print(line)
    if _percentile(fast_entities, 95) > TARGET_MS:
        failures.append(f"entities: p95 {_percentile(fast_entities, 95):.1f} ms over {TARGET_MS} ms")
    connection.close()
    shutil.rmtree(workdir, ignore_errors=True)
    print()
    print("targets met" if not failures else "targets missed:\n  " + "\n  ".join(failures))
    return 0 if not failures else 1


# --- the world ---------------------------------------------------------------------------------


def _world(options) -> dict:
    import datetime

    from django.utils import timezone

    from fazhi.core.choices import Role
    from fazhi.core.testing import make_body, make_user
    from fazhi.enforcement.models import Certificate, Officer
    from fazhi.inspections import draw, testing
    from fazhi.inspections.models import Entity

    today = timezone.localdate()
    body = make_body("江门市市场监督管理局", code="jm-scjgj", is_enforcement_agency=True)
    clerk = make_user("bench_clerk", roles=[(body, Role.CLERK)])
    head = make_user("bench_head", roles=[(body, Role.HEAD)])
    items = testing.publish_items(body, clerk, head)
    officers = Officer.objects.bulk_create(Officer(body=body, name=f"执法人员{n:03d}") for n in range(options.officers))
    Certificate.objects.bulk_create(
        Certificate(
            officer=officer,
            number=f"4407002100{n:04d}",
            area="市场监管",
            issued_on=today - datetime.timedelta(days=365),
            expires_on=today + datetime.timedelta(days=1000),
        )
        for n, officer in enumerate(officers)
    )
    rows = testing.entity_rows(options.entities)
    kinds = {"企业": "enterprise", "个体工商户": "individual"}
    Entity.objects.bulk_create(
        (
            Entity(
                body=body,
                code=row["code"],
                name=row["name"],
                kind=kinds[row["kind"]],
                industry=row["industry"],
                area=row["area"],
                address=row["address"],
            )
            for row in rows
        ),
        batch_size=2000,
    )
    plan = testing.make_plan(body, clerk, items, sample_ratio=options.ratio)
    candidates = draw.candidate_codes(plan, plan.participants())
    size = draw.sample_size(len(candidates), ratio=plan.sample_ratio, count=None)
    return {
        "body": body,
        "clerk": clerk,
        "items": items,
        "plan": plan,
        "rows": rows,
        "seed": draw.seed_for(plan.pk, "3287.45"),
        "size": size,
        "today": today,
        "plans": 0,
    }


def _import(world, options) -> None:
    from fazhi.core.testing import make_body
    from fazhi.inspections import imports

    body = make_body("江门市导入测试局", is_enforcement_agency=True)
    from fazhi.core.choices import Role
    from fazhi.core.models import Membership

    Membership.objects.create(user=world["clerk"], body=body, role=Role.CLERK)
    world["clerk"].__dict__.pop("_fazhi_scope", None)
    started = time.perf_counter()
    data = imports.workbook(world["rows"])
    built = time.perf_counter() - started
    started = time.perf_counter()
    report = imports.import_workbook(data, actor=world["clerk"], body=body)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = imports.import_workbook(data, actor=world["clerk"], body=body)
    second = time.perf_counter() - started
    assert report.ok and again.ok and again.unchanged == options.entities, (report.errors[:3], again.as_dict())
    print(
        f"Excel import of the directory ({len(data) / 1e6:.1f} MB, built in {built:.1f} s): "
        f"{first:.1f} s; again, unchanged: {second:.1f} s"
    )


# --- fast and naive ----------------------------------------------------------------------------


def _fast_entities(world):
    from fazhi.inspections import draw

    plan, participants = world["plan"], [world["body"]]
    picked = draw.pick_entities(world["seed"], draw.candidate_codes(plan, participants), world["size"])
    draw.picked_entities(picked, participants)  # the drawn entities' records, as the service reads them
    return picked


def _naive_entities(world):
    from fazhi.inspections.models import Entity

    seed = world["seed"]
    ids = list(Entity.objects.filter(body=world["body"], active=True).values_list("id", flat=True))
    ranked = []
    for pk in ids:
        entity = Entity.objects.get(pk=pk)
        ranked.append((hashlib.new("sm3", (seed + "|" + entity.code).encode()).hexdigest(), entity.code))
    ranked.sort()
    return [code for _digest, code in ranked[: world["size"]]]


def _fast_inspectors(world, picks):
    from fazhi.inspections import draw

    pool = draw.inspector_pools([world["body"]], world["today"])[world["body"].pk]
    keys = [(certificate.number, certificate.officer_id) for certificate in pool]
    return [[number for number, _officer in draw.pick_inspectors(world["seed"], code, keys, 2)] for code in picks]


def _naive_inspectors(world, picks):
    from fazhi.enforcement.models import Certificate

    seed, chosen = world["seed"], []
    for code in picks:
        certificates = Certificate.objects.valid_on(world["today"]).filter(officer__body=world["body"])
        ranked = sorted(
            (hashlib.new("sm3", f"{seed}|{code}|{c.number}".encode()).hexdigest(), c.number, c.officer_id)
            for c in certificates
        )
        numbers, officers = [], set()
        for _digest, number, officer in ranked:
            if officer not in officers:
                officers.add(officer)
                numbers.append(number)
        chosen.append(numbers[:2])
    return chosen


def _service(world) -> float:
    """Milliseconds of one `draw.draw` on a new plan (the plan's creation not counted)."""
    from fazhi.inspections import draw, testing

    world["plans"] += 1
    plan = testing.make_plan(world["body"], world["clerk"], world["items"], title=f"计划{world['plans']}")
    started = time.perf_counter()
    record = draw.draw(plan, actor=world["clerk"], public_value="3287.45")
    elapsed = (time.perf_counter() - started) * 1000
    assert record.sample_size == world["size"]
    return elapsed


# --- helpers -----------------------------------------------------------------------------------


def _time(repeat, run):
    """Milliseconds of each of `repeat` runs after one warm-up, and the last result."""
    result = run()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings, result


def _sum(first, second):
    return [a + b for a, b in zip(sorted(first), sorted(second), strict=False)]


def _percentile(values, percent):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def _server_version(connection):
    with connection.cursor() as cursor:
        cursor.execute("select sqlite_version()" if connection.vendor == "sqlite" else "show server_version")
        return cursor.fetchone()[0]


def _recreate_postgres_database():
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS fazhi_bench")
        admin.execute("CREATE DATABASE fazhi_bench")


if __name__ == "__main__":
    sys.exit(main())
