"""The check interface every module implements for its articles, and the runner over many bodies.

A check answers one article for many bodies at once: `check(bodies, year, as_of)` returns, per
body id, a `CheckResult` — met / not met / not yet due / not applicable, the rate where the
article is a rate, the failing records and the evidence. The leading-group office's board asks
every check for every body of the city, so a check must run a fixed number of queries whatever
the number of bodies (`fazhi.obligations.testing.assert_check_queries_bounded` pins that).

Apps register their checks in their own `obligations.py`:

    @obligations.register(38)
    def complaints_handled(bodies, year, as_of): ...

which `autodiscover()` imports, as `fazhi.core.jobs` imports `tasks.py`. The runner gives a
check only the bodies the article binds and that existed during the year; everyone else is
answered 不适用 without asking the check, and a year not yet begun is 未到期.
"""

from __future__ import annotations

import datetime
import importlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _

from fazhi.obligations.choices import CheckStatus

# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordRef:
    """A record a result rests on: model label (`core.publicsubmission`), id and a short description.

    Descriptions name records by their public handle (a receipt code, a document number), never
    by personal data, since results are shown on the board to the whole office.
    """

    model: str
    id: int | str
    description: str

    def as_dict(self) -> dict:
        return {"model": self.model, "id": self.id, "description": self.description}

    @classmethod
    def of(cls, instance_or_label, pk, description: str) -> RecordRef:
        label = instance_or_label if isinstance(instance_or_label, str) else instance_or_label._meta.label_lower
        return cls(label, pk, description)


@dataclass
class CheckResult:
    """A body's standing on one article in one year, as known on `as_of`."""

    status: str
    summary: str = ""  # the evidence in words, for the board and the evaluator
    numerator: int | None = None
    denominator: int | None = None
    failing: list[RecordRef] = field(default_factory=list)
    evidence: list[RecordRef] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        if self.denominator is None or self.numerator is None or self.denominator == 0:
            return None
        return self.numerator / self.denominator

    @property
    def status_label(self) -> str:
        return str(CheckStatus(self.status).label)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "status_label": self.status_label,
            "summary": self.summary,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if self.rate is None else round(self.rate, 4),
            "failing": [ref.as_dict() for ref in self.failing],
            "evidence": [ref.as_dict() for ref in self.evidence],
        }


CheckFunction = Callable[[list, int, datetime.date], dict[int, CheckResult]]


@dataclass(frozen=True)
class Check:
    article: int
    function: CheckFunction
    label: str


# --- registration --------------------------------------------------------------------------

_CHECKS: dict[int, Check] = {}
_discovered = False


def register(article: int, *, label: str = ""):
    """Register `function(bodies, year, as_of) -> {body_id: CheckResult}` as the check of an article.

    One check per article: a module that takes an article over from an interim check replaces
    that check in its own change, rather than two checks silently competing.
    """
    from fazhi.obligations import registry

    if not isinstance(article, int) or not 1 <= article <= registry.ARTICLE_COUNT:
        raise ValueError(f"the seed has no article {article!r}")

    def decorator(function: CheckFunction) -> CheckFunction:
        existing = _CHECKS.get(article)
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"article {article} already has a check: {existing.function.__module__}")
        _CHECKS[article] = Check(article, function, label or (function.__doc__ or "").strip().split("\n")[0])
        return function

    return decorator


def autodiscover() -> None:
    """Import every Fazhi app's `obligations.py`, once."""
    global _discovered
    if _discovered:
        return
    for config in apps.get_app_configs():
        if config.name.startswith("fazhi."):
            module = f"{config.name}.obligations"
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
    _discovered = True


def get_check(article: int) -> Check | None:
    autodiscover()
    return _CHECKS.get(article)


def checked_articles() -> list[int]:
    autodiscover()
    return sorted(_CHECKS)


# --- running -------------------------------------------------------------------------------


def by_body(rows, body_of) -> defaultdict:
    """`rows` grouped by the body `body_of(row)` names, in their order: a check reads its rows for all
    bodies in one query and then answers each body from its own group (linear, not bodies × rows)."""
    groups = defaultdict(list)
    for row in rows:
        groups[body_of(row)].append(row)
    return groups


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def existed_during(body, year: int) -> bool:
    first, last = year_bounds(year)
    return (body.valid_from is None or body.valid_from <= last) and (body.valid_to is None or body.valid_to >= first)


def run(article: int, bodies: Iterable, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """The article's check for every given body: 不适用 for those it does not bind, 未到期 before the year.

    `bodies` may be a queryset or a list of `core.Body`; the answer has one entry per body.
    """
    from fazhi.obligations import registry

    obligation = registry.get(article)
    check = get_check(article)
    if check is None:
        raise LookupError(f"article {article} has no check yet")
    bodies = list(bodies)
    results: dict[int, CheckResult] = {}
    bound = []
    for body in bodies:
        if not obligation.applies_to(body):
            results[body.pk] = CheckResult(
                CheckStatus.NOT_APPLICABLE,
                _("本条适用于%(who)s。") % {"who": obligation.applicability.label},
            )
        elif not existed_during(body, year):
            results[body.pk] = CheckResult(
                CheckStatus.NOT_APPLICABLE, _("该单位在 %(year)d 年度不存续。") % {"year": year}
            )
        else:
            bound.append(body)
    if as_of < year_bounds(year)[0]:
        for body in bound:
            results[body.pk] = CheckResult(CheckStatus.NOT_YET_DUE, _("%(year)d 年度尚未开始。") % {"year": year})
        return results
    if bound:
        answered = check.function(bound, year, as_of)
        missing = {body.pk for body in bound} - set(answered)
        if missing:
            raise RuntimeError(f"the check of article {article} did not answer for bodies {sorted(missing)}")
        results.update({body.pk: answered[body.pk] for body in bound})
    return results


def run_all(bodies: Iterable, year: int, as_of: datetime.date) -> dict[int, dict[int, CheckResult]]:
    """Every check that exists, for the given bodies: {article: {body_id: result}}."""
    bodies = list(bodies)
    return {article: run(article, bodies, year, as_of) for article in checked_articles()}
