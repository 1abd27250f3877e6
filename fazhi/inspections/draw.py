"""The draw (双随机): which entities are inspected, and by whom — reproducible by anyone.

Every candidate entity is ranked by the SM3 hash (hex digest) of `seed + "|" + code`, ascending,
ties broken by the code, and the first N are drawn. For each drawn entity every certificate valid
on the draw date of an officer of a participating body is ranked by SM3 of
`seed + "|" + entity code + "|" + certificate number` (ties by the number), and the officers of
the best-ranked certificates are taken — N per participating body, never one officer twice (an
officer with two valid certificates counts once, at their better-ranked one).

The seed is `<plan id>|<public value>`: the public value is entered at the draw and comes from the
source the plan named beforehand (`seed_source`), so the office cannot choose it; the plan id makes
two plans drawing on the same day differ. No pseudo-random generator is involved — Python's
`random` is never used — so a published seed, the published candidates and a few lines of code
give the same picks on any machine (`RERUN` is what the plan's public page shows).

SM3 comes from `hashlib` (OpenSSL). Where it is missing the draw refuses with a clear message
rather than fall back to another algorithm: a draw that others cannot re-run is no draw.
"""

import datetime
import hashlib
import heapq
import math
from decimal import Decimal

from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.errors import Conflict
from fazhi.core.inputs import clean_text, reject_unknown
from fazhi.enforcement.models import Certificate
from fazhi.inspections.models import Draw, Entity, InspectionPlan, InspectionTask, TaskInspector
from fazhi.inspections.workflow import PLAN, require

ALGORITHM = "SM3"
SEPARATOR = "|"
DIGEST_BYTES = 32
PUBLIC_VALUE_MAX = 100

# What the plan's public page shows, filled with the plan's own values: anyone with Python 3 and
# OpenSSL re-runs the draw from the published seed and candidate list.
RERUN = """import hashlib

def sm3(text):
    return hashlib.new("sm3", text.encode("utf-8")).hexdigest()

seed = {seed!r}
codes = open("candidates.txt", encoding="utf-8").read().split()
assert sm3("\\n".join(codes)) == {digest!r}  # 候选对象清单未被改动
picks = sorted(codes, key=lambda code: (sm3(seed + "|" + code), code))[:{size}]

def inspectors(code, pool, n):  # pool: 本页所列 [(证件编号, 执法人员编号), ...]
    chosen = []
    for number, officer in sorted(pool, key=lambda p: (sm3(seed + "|" + code + "|" + p[0]), p[0])):
        if officer not in chosen:
            chosen.append(officer)
    return chosen[:n]
"""


# --- pure functions ----------------------------------------------------------------------------


def require_sm3() -> None:
    if "sm3" not in hashlib.algorithms_available:
        raise Conflict(
            _(
                "本服务器的 Python hashlib 不提供 SM3 算法（需 OpenSSL 1.1.1 及以上版本），无法进行可复验的抽取；"
                "请在提供 SM3 的服务器上抽取。"
            ),
            code="sm3_unavailable",
        )


def sm3(text: str) -> str:
    """The SM3 hex digest of `text` in UTF-8."""
    require_sm3()
    return hashlib.new("sm3", text.encode("utf-8")).hexdigest()


def seed_for(plan_id: int, public_value: str) -> str:
    return f"{plan_id}{SEPARATOR}{public_value}"


def _keys(prefix: str, names) -> list[bytes]:
    """For each name, its SM3 digest of prefix + name followed by the name itself, as bytes.

    The prefix is hashed once and copied. A raw digest orders exactly as its hex text does, and a
    digest is always 32 bytes, so these keys sort by (digest, name) — the published order — while
    comparing as plain bytes, which is what makes ranking 50,000 candidates fast.
    """
    require_sm3()
    copy = hashlib.new("sm3", prefix.encode("utf-8")).copy
    keys = []
    append = keys.append
    for name in names:
        encoded = name.encode("utf-8")
        hasher = copy()
        hasher.update(encoded)
        append(hasher.digest() + encoded)
    return keys


def _name(key: bytes) -> str:
    return key[DIGEST_BYTES:].decode("utf-8")


def rank_entities(seed: str, codes) -> list[str]:
    """Every code, best first: SM3(seed|code) ascending, ties by code."""
    return [_name(key) for key in sorted(_keys(seed + SEPARATOR, codes))]


def pick_entities(seed: str, codes, size: int) -> list[str]:
    """The first `size` codes of `rank_entities`, without sorting the rest."""
    return [_name(key) for key in heapq.nsmallest(size, _keys(seed + SEPARATOR, codes))]


def pick_inspectors(seed: str, entity_code: str, pool, size: int) -> list[tuple[str, object]]:
    """`size` distinct officers for one entity from `pool`, a list of (certificate number, officer key):
    the certificates ranked by SM3(seed|entity code|number), ties by number; an officer counts once."""
    chosen: list[tuple[str, object]] = []
    seen = set()
    ranked = sorted(_keys(f"{seed}{SEPARATOR}{entity_code}{SEPARATOR}", [number for number, _officer in pool]))
    officer_of = dict(pool)
    for key in ranked:
        number = _name(key)
        officer = officer_of[number]
        if officer in seen:
            continue
        seen.add(officer)
        chosen.append((number, officer))
        if len(chosen) == size:
            break
    return chosen


def list_text(codes) -> str:
    """The candidate list as published: sorted, one per line."""
    return "\n".join(sorted(codes))


def sample_size(total: int, *, ratio: Decimal | None, count: int | None) -> int:
    """How many of `total` candidates to draw: `count` (at most all), or `ratio` percent rounded up."""
    if count is not None:
        return min(count, total)
    return min(total, math.ceil(total * Decimal(ratio) / 100))


# --- candidates --------------------------------------------------------------------------------


def candidate_codes(plan: InspectionPlan, participants) -> list[str]:
    """The codes of the active entities in the participants' directories that pass the plan's
    filter, each once (a code several bodies list is one candidate). Read from an index that covers
    the code, one column only: the directory can hold tens of thousands of entities."""
    entities = Entity.objects.filter(body__in=[body.pk for body in participants], active=True).order_by()
    if plan.entity_kinds:
        entities = entities.filter(kind__in=plan.entity_kinds)
    if plan.areas:
        entities = entities.filter(area__in=plan.areas)
    if plan.industries:
        entities = entities.filter(industry__in=plan.industries)
    codes = [code for (code,) in _rows(entities.values_list("code"))]
    return codes if len(participants) == 1 else list(set(codes))


def picked_entities(codes: list[str], participants) -> dict[str, tuple[int, str]]:
    """For the drawn codes, (entity id, name): the organising body's record where several bodies
    list the same code, else the first participant's."""
    order = {body.pk: position for position, body in enumerate(participants)}
    found: dict[str, tuple[int, int, str]] = {}
    rows = Entity.objects.filter(body__in=list(order), code__in=codes).values_list("code", "body_id", "id", "name")
    for code, body_id, pk, name in rows:
        if code not in found or order[body_id] < found[code][0]:
            found[code] = (order[body_id], pk, name)
    return {code: (pk, name) for code, (_position, pk, name) in found.items()}


def _rows(queryset) -> list[tuple]:
    """The rows of a `values_list` query straight from the cursor: tens of thousands of plain tuples
    without the ORM's per-row work, which is most of the time a large directory takes to read."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def inspector_pools(participants, day: datetime.date) -> dict[int, list[Certificate]]:
    """Per participating body, the certificates valid on `day` of its officers."""
    pools: dict[int, list[Certificate]] = {body.pk: [] for body in participants}
    certificates = (
        Certificate.objects.valid_on(day)
        .filter(officer__body__in=list(pools))
        .select_related("officer")
        .order_by("number")
    )
    for certificate in certificates:
        pools[certificate.officer.body_id].append(certificate)
    return pools


# --- the service -------------------------------------------------------------------------------


@transaction.atomic
def draw(plan: InspectionPlan, *, actor, public_value, **extra) -> Draw:
    """抽取: rank the candidates and the certified inspectors on the seed, record the draw and its tasks.

    Made once: the draw, its candidates and its picks are never changed afterwards.
    """
    plan = InspectionPlan.objects.select_for_update().select_related("body").get(pk=plan.pk)
    require(PLAN, plan, "draw", actor, gates=False)
    reject_unknown(extra, ())
    require_sm3()
    public_value = clean_text(public_value, "public_value", _("公开随机数"), required=True, limit=PUBLIC_VALUE_MAX)
    PLAN.require(plan, "draw", actor)
    today = timezone.localdate()
    participants = plan.participants()
    seed = seed_for(plan.pk, public_value)

    candidates = candidate_codes(plan, participants)
    size = sample_size(len(candidates), ratio=plan.sample_ratio, count=plan.sample_count)
    if size == 0:
        raise Conflict(_("名录中没有符合计划条件的在册检查对象，无法抽取。"), code="no_candidates")
    picked = pick_entities(seed, candidates, size)

    pools = inspector_pools(participants, today)
    need = plan.inspectors_per_entity
    for body in participants:
        officers = {certificate.officer_id for certificate in pools[body.pk]}
        if len(officers) < need:
            raise Conflict(
                _("%(body)s在%(date)s持有效执法证的执法人员只有 %(have)d 名，每个检查对象需要 %(need)d 名。")
                % {"body": body.name, "date": today.isoformat(), "have": len(officers), "need": need},
                code="too_few_inspectors",
            )
    by_number = {certificate.number: certificate for pool in pools.values() for certificate in pool}
    pool_keys = {body_id: [(c.number, c.officer_id) for c in pool] for body_id, pool in pools.items()}

    entities = picked_entities(picked, participants)
    picks, assignments = [], []
    for code in picked:
        chosen = []
        for body in participants:
            chosen.extend(pick_inspectors(seed, code, pool_keys[body.pk], need))
        picks.append(
            {
                "code": code,
                "name": entities[code][1],
                "inspectors": [
                    {"certificate": number, "officer": by_number[number].officer.name} for number, _o in chosen
                ],
            }
        )
        assignments.append((code, [by_number[number] for number, _officer in chosen]))

    pool = [
        {
            "body": body.name,
            "certificate": certificate.number,
            "officer_id": certificate.officer_id,
            "officer": certificate.officer.name,
        }
        for body in participants
        for certificate in pools[body.pk]
    ]
    candidates_text = list_text(candidates)
    record = Draw.objects.create(
        plan=plan,
        public_value=public_value,
        seed=seed,
        algorithm=ALGORITHM,
        drawn_on=today,
        drawn_at=timezone.now(),
        drawn_by=actor if getattr(actor, "is_authenticated", False) else None,
        candidate_count=len(candidates),
        candidates=candidates_text,
        candidates_digest=sm3(candidates_text),
        sample_size=size,
        picks=picks,
        inspector_pool=pool,
        inspector_pool_digest=sm3(
            "\n".join(
                f"{row['certificate']}{SEPARATOR}{row['officer_id']}" for row in sorted(pool, key=_by_certificate)
            )
        ),
    )
    tasks = InspectionTask.objects.bulk_create(
        InspectionTask(plan=plan, body=plan.body, entity_id=entities[code][0], rank=rank)
        for rank, code in enumerate(picked, start=1)
    )
    TaskInspector.objects.bulk_create(
        TaskInspector(task=task, officer_id=certificate.officer_id, certificate=certificate, order=order)
        for task, (_code, certificates) in zip(tasks, assignments, strict=True)
        for order, certificate in enumerate(certificates, start=1)
    )
    before, after = PLAN.apply(plan, "draw", actor)
    plan.save(update_fields=["status", "updated_at"])
    audit.record(
        plan,
        "inspections.plan_drawn",
        actor=actor,
        before={"status": before},
        after={
            "status": after,
            "seed": seed,
            "algorithm": ALGORITHM,
            "candidate_count": len(candidates),
            "candidates_digest": record.candidates_digest,
            "sample_size": size,
            "picks_digest": sm3("\n".join(picked)),
        },
    )
    return record


def _by_certificate(row: dict) -> str:
    return row["certificate"]
