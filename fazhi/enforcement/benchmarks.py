"""Discretion benchmarks (意见第十八条), the legal-review catalog (意见第二十一条) and each body's settings.

A benchmark (行政处罚裁量基准) is drafted by an enforcement body's staff for one violation: its code,
the provision violated and the penalty provision, and its bands — the facts that put a case in a
band (涉案金额, 初次违法, 危害后果; an empty condition matches any case) and the penalty the band
allows. Its legal section reviews it (`review`), its head publishes it (`approve`, 按程序报经审查后
向社会公开; 行政处罚法第三十四条), and from then on it is frozen: a change is a new version that
`replaces` it, and publishing that version marks the old one superseded.

draft → reviewed → published → superseded; reviewed → draft again by `reopen`.

The legal-review catalog (重大执法决定法制审核目录) lists the matters whose decisions need legal
review: penalty kinds, or fines from an amount. Staff add entries, the head publishes them, and a
published entry is a public record that no longer changes.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from fazhi.clock import periods
from fazhi.core import audit
from fazhi.core.access import may, require
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import (
    clean_amount,
    clean_choice,
    clean_choices,
    clean_date,
    clean_flag,
    clean_text,
    reject_unknown,
)
from fazhi.core.models import Body
from fazhi.core.workflow import Transition, Workflow
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import BenchmarkStatus, Harm, PenaltyKind
from fazhi.enforcement.models import Benchmark, BenchmarkBand, EnforcementSettings, ReviewCatalogEntry
from fazhi.enforcement.officers import require_enforcement_body

B = BenchmarkStatus
BENCHMARK_FIELDS = ("code", "violation", "violated_provision", "penalty_provision")
BAND_FIELDS = (
    "order",
    "label",
    "amount_from",
    "amount_below",
    "first_violation",
    "harm",
    "no_penalty",
    "fine_min",
    "fine_max",
    "other_penalties",
)
ENTRY_FIELDS = ("matter", "penalty_kinds", "fine_from")
SETTINGS_FIELDS = (
    "decision_period",
    "hearing_fine_person",
    "hearing_fine_organisation",
    "publish_within_days",
    "publish_for_days",
    "serious_fine_from",
)
BENCHMARK_LABEL = gettext_noop("制定行政处罚裁量基准")
CATALOG_LABEL = gettext_noop("编制重大执法决定法制审核目录")
PUBLISH_CATALOG_LABEL = gettext_noop("公布重大执法决定法制审核目录")
SETTINGS_LABEL = gettext_noop("配置行政执法")
DECISION_PERIOD_PREFIX = "penalty-decide"


# --- the benchmark's workflow ----------------------------------------------------------------------


def _has_bands(benchmark) -> str | None:
    if not benchmark.bands.all():  # the prefetched bands on lists; a benchmark has a handful
        return _("裁量基准还没有裁量阶次，请先增加阶次再审核。")
    return None


def _reviewed(benchmark) -> str | None:
    if benchmark.status != B.REVIEWED or benchmark.reviewed_on is None:
        return _("裁量基准须经法制机构审核后方可向社会公布（意见第十八条：按程序报经审查后，向社会公开）。")
    return None


BENCHMARK = Workflow(
    [
        Transition(
            "review", gettext_lazy("法制审核通过"), (B.DRAFT,), B.REVIEWED, action="review", gates=(_has_bands,)
        ),
        # From the draft too, so that publishing too early is refused with the reason, not the state.
        Transition(
            "publish",
            gettext_lazy("向社会公布"),
            (B.DRAFT, B.REVIEWED),
            B.PUBLISHED,
            action="approve",
            gates=(_reviewed,),
        ),
        Transition("reopen", gettext_lazy("退回修改"), (B.REVIEWED,), B.DRAFT, action="change"),
    ]
)


def actions(benchmark, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take on the benchmark now, each with the reason it would be refused."""
    result = []
    for transition in BENCHMARK.available(benchmark, actor):
        refusal = next((reason for gate in transition.gates if (reason := gate(benchmark))), None)
        result.append((transition, refusal))
    return result


# --- helpers -----------------------------------------------------------------------------------------


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _int(value, name: str, label: str, *, low: int, high: int) -> int:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 9:
        raise _refuse(name, _("%(label)s应为整数。") % {"label": label})
    number = int(text)
    if not low <= number <= high:
        raise _refuse(name, _("%(label)s应在%(low)d至%(high)d之间。") % {"label": label, "low": low, "high": high})
    return number


def _day(value, name: str, label: str):
    day = clean_date(value, name, label, required=False) or timezone.localdate()
    if day > timezone.localdate():
        raise _refuse(name, _("%(label)s不能晚于今天。") % {"label": label})
    return day


def _locked(benchmark: Benchmark) -> Benchmark:
    return Benchmark.objects.select_for_update().select_related("body").get(pk=benchmark.pk)


def _editable(benchmark: Benchmark) -> None:
    """Bands and texts change only while the benchmark is drafted."""
    if benchmark.status in (B.PUBLISHED, B.SUPERSEDED):
        raise Conflict(_("裁量基准已向社会公布，不能再修改；请制定新版本。"), code="locked")
    if benchmark.status != B.DRAFT:
        raise Conflict(_("裁量基准已经法制审核，不能再修改；确需修改的，请先退回修改。"), code="locked")


def _benchmark_values(data: dict, *, partial: bool) -> dict:
    reject_unknown(data, BENCHMARK_FIELDS)
    values = {}
    texts = (
        ("code", _("编码"), 40),
        ("violation", _("违法行为"), 300),
        ("violated_provision", _("违法依据"), 5000),
        ("penalty_provision", _("处罚依据"), 5000),
    )
    for name, label, limit in texts:
        if not partial or name in data:
            values[name] = clean_text(data.get(name), name, label, required=True, limit=limit)
    return values


def _code_free(body: Body, code: str, *, exclude=(), replaces: Benchmark | None = None) -> None:
    """One benchmark per code in force or in preparation; a new version may keep its predecessor's code."""
    others = Benchmark.objects.filter(body=body, code=code).exclude(status=B.SUPERSEDED).exclude(pk__in=exclude)
    if replaces is not None:
        others = others.exclude(pk=replaces.pk)
    if others.exists():
        raise Conflict(
            _("%(body)s已有编码为%(code)s的裁量基准。") % {"body": body.name, "code": code}, code="duplicate"
        )


def _snapshot(benchmark: Benchmark) -> dict:
    return audit.snapshot(benchmark, [*BENCHMARK_FIELDS, "status", "reviewed_on", "published_on", "replaces"])


def _band_snapshot(band: BenchmarkBand) -> dict:
    return audit.snapshot(band, list(BAND_FIELDS))


# --- benchmarks ----------------------------------------------------------------------------------------


@transaction.atomic
def create_benchmark(*, actor, body: Body, **data) -> Benchmark:
    """A draft benchmark of an enforcement body for one violation."""
    require(actor, "change", body, _(BENCHMARK_LABEL))
    require_enforcement_body(body)
    values = _benchmark_values(data, partial=False)
    _code_free(body, values["code"])
    benchmark = Benchmark.objects.create(body=body, **values)
    audit.record(benchmark, "enforcement.benchmark_created", actor=actor, after=_snapshot(benchmark))
    return benchmark


@transaction.atomic
def change_benchmark(benchmark: Benchmark, *, actor, **data) -> Benchmark:
    """Change the given texts of a draft benchmark."""
    require(actor, "change", benchmark.body, _(BENCHMARK_LABEL))
    benchmark = _locked(benchmark)
    _editable(benchmark)
    values = _benchmark_values(data, partial=True)
    if "code" in values:
        _code_free(benchmark.body, values["code"], exclude=[benchmark.pk], replaces=benchmark.replaces)
    before = _snapshot(benchmark)
    for name, value in values.items():
        setattr(benchmark, name, value)
    benchmark.save()
    audit.record(benchmark, "enforcement.benchmark_changed", actor=actor, before=before, after=_snapshot(benchmark))
    return benchmark


@transaction.atomic
def discard_benchmark(benchmark: Benchmark, *, actor) -> None:
    """Delete a draft that will not be published, with its bands."""
    require(actor, "change", benchmark.body, _(BENCHMARK_LABEL))
    benchmark = _locked(benchmark)
    _editable(benchmark)
    audit.record(
        benchmark,
        "enforcement.benchmark_discarded",
        actor=actor,
        before={**_snapshot(benchmark), "bands": [_band_snapshot(band) for band in benchmark.bands.all()]},
    )
    benchmark.delete()


@transaction.atomic
def new_version(benchmark: Benchmark, *, actor) -> Benchmark:
    """A draft copy of a published benchmark, with its bands, that will replace it once published."""
    require(actor, "change", benchmark.body, _(BENCHMARK_LABEL))
    benchmark = _locked(benchmark)
    if benchmark.status != B.PUBLISHED:
        raise Conflict(_("只有现行（已公布）的裁量基准才能制定新版本。"), code="invalid_transition")
    if Benchmark.objects.filter(replaces=benchmark).exists():
        raise Conflict(_("该裁量基准已有制定中的新版本。"), code="duplicate")
    draft = Benchmark.objects.create(
        body=benchmark.body, replaces=benchmark, **{name: getattr(benchmark, name) for name in BENCHMARK_FIELDS}
    )
    BenchmarkBand.objects.bulk_create(
        BenchmarkBand(benchmark=draft, **{name: getattr(band, name) for name in BAND_FIELDS})
        for band in benchmark.bands.all()
    )
    audit.record(
        draft,
        "enforcement.benchmark_version_started",
        actor=actor,
        after=_snapshot(draft),
        extra={"replaces": benchmark.pk},
    )
    return draft


@transaction.atomic
def review(benchmark: Benchmark, *, actor, reviewed_on=None) -> Benchmark:
    """法制审核: the body's legal section passes the draft (it must have bands)."""
    benchmark = _locked(benchmark)
    BENCHMARK.require(benchmark, "review", actor)
    reviewed_on = _day(reviewed_on, "reviewed_on", _("审核日期"))
    before, after = BENCHMARK.apply(benchmark, "review", actor)
    benchmark.reviewed_on, benchmark.reviewed_by = reviewed_on, actor
    benchmark.save(update_fields=["status", "reviewed_on", "reviewed_by", "updated_at"])
    audit.record(
        benchmark,
        "enforcement.benchmark_reviewed",
        actor=actor,
        before={"status": before},
        after={"status": after, "reviewed_on": reviewed_on},
    )
    return benchmark


@transaction.atomic
def reopen(benchmark: Benchmark, *, actor) -> Benchmark:
    """Back to drafting after review, to change it; it must be reviewed again."""
    benchmark = _locked(benchmark)
    BENCHMARK.require(benchmark, "reopen", actor)
    before = _snapshot(benchmark)
    BENCHMARK.apply(benchmark, "reopen", actor)
    benchmark.reviewed_on, benchmark.reviewed_by = None, None
    benchmark.save(update_fields=["status", "reviewed_on", "reviewed_by", "updated_at"])
    audit.record(benchmark, "enforcement.benchmark_reopened", actor=actor, before=before, after=_snapshot(benchmark))
    return benchmark


@transaction.atomic
def publish(benchmark: Benchmark, *, actor, published_on=None) -> Benchmark:
    """向社会公布: on the portal from then on and frozen; the version it replaces is superseded."""
    benchmark = _locked(benchmark)
    BENCHMARK.require(benchmark, "publish", actor)
    published_on = _day(published_on, "published_on", _("公布日期"))
    if published_on < benchmark.reviewed_on:
        raise _refuse(
            "published_on", _("公布日期不能早于审核日期（%(date)s）。") % {"date": day_text(benchmark.reviewed_on)}
        )
    replaced = None
    if benchmark.replaces_id is not None:
        replaced = Benchmark.objects.select_for_update().get(pk=benchmark.replaces_id)
        if replaced.status != B.PUBLISHED:
            raise Conflict(_("被替代的版本已不是现行版本。"), code="invalid_transition")
    before, after = BENCHMARK.apply(benchmark, "publish", actor)
    benchmark.published_on = published_on
    benchmark.save(update_fields=["status", "published_on", "updated_at"])
    audit.record(
        benchmark,
        "enforcement.benchmark_published",
        actor=actor,
        before={"status": before},
        after={"status": after, "published_on": published_on},
    )
    if replaced is not None:
        replaced.status = B.SUPERSEDED
        replaced.save(update_fields=["status", "updated_at"])
        audit.record(
            replaced,
            "enforcement.benchmark_superseded",
            actor=actor,
            before={"status": B.PUBLISHED},
            after={"status": B.SUPERSEDED},
            extra={"replaced_by": benchmark.pk},
        )
    return benchmark


# --- bands -------------------------------------------------------------------------------------------------


def _tristate(value, name: str, label: str) -> bool | None:
    """初次违法 as a band condition: yes, no, or left empty (any case)."""
    if value is None or value == "":
        return None
    return clean_flag(value, name, label)


def _band_values(data: dict, band: BenchmarkBand | None) -> dict:
    """The band's values after the change, checked whole (a partial change keeps the rest)."""
    reject_unknown(data, BAND_FIELDS)
    partial = band is not None
    values = {name: getattr(band, name) for name in BAND_FIELDS} if partial else {}

    def given(name):
        return not partial or name in data

    if given("order") and data.get("order") not in (None, ""):
        values["order"] = _int(data.get("order"), "order", _("序号"), low=1, high=999)
    if given("label"):
        values["label"] = clean_text(data.get("label"), "label", _("裁量阶次"), required=True, limit=50)
    amounts = (
        ("amount_from", _("涉案金额（起）")),
        ("amount_below", _("涉案金额（止，不含）")),
        ("fine_min", _("罚款下限")),
        ("fine_max", _("罚款上限")),
    )
    for name, label in amounts:
        if given(name):
            values[name] = clean_amount(data.get(name), name, label)
    if given("first_violation"):
        values["first_violation"] = _tristate(data.get("first_violation"), "first_violation", _("初次违法"))
    if given("harm"):
        values["harm"] = clean_choice(data.get("harm"), Harm, "harm", _("危害后果"), required=False)
    if given("no_penalty"):
        values["no_penalty"] = clean_flag(
            False if data.get("no_penalty") is None else data.get("no_penalty"), "no_penalty", _("不予处罚")
        )
    if given("other_penalties"):
        values["other_penalties"] = clean_text(data.get("other_penalties"), "other_penalties", _("其他处罚"), limit=300)
    low, high = values.get("amount_from"), values.get("amount_below")
    if low is not None and high is not None and low >= high:
        raise _refuse("amount_below", _("涉案金额（止）应大于涉案金额（起）。"))
    if values["no_penalty"]:
        if values["fine_min"] is not None or values["fine_max"] is not None or values["other_penalties"]:
            raise _refuse("no_penalty", _("不予处罚的阶次不能设定罚款或其他处罚。"))
    elif values["fine_min"] is None and values["fine_max"] is None and not values["other_penalties"]:
        raise _refuse("fine_max", _("请写明该阶次的罚款幅度或其他处罚。"))
    if values["fine_min"] is not None and values["fine_max"] is not None and values["fine_min"] > values["fine_max"]:
        raise _refuse("fine_max", _("罚款上限不能低于罚款下限。"))
    return values


def _order_free(benchmark: Benchmark, order: int, *, exclude=None) -> None:
    others = benchmark.bands.filter(order=order)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise _refuse("order", _("序号%(order)d已被其他阶次使用。") % {"order": order})


@transaction.atomic
def add_band(benchmark: Benchmark, *, actor, **data) -> BenchmarkBand:
    """A band of a draft benchmark; numbered after the last one unless an order is given."""
    require(actor, "change", benchmark.body, _(BENCHMARK_LABEL))
    benchmark = _locked(benchmark)
    _editable(benchmark)
    values = _band_values(data, None)
    if "order" not in values:
        values["order"] = (benchmark.bands.aggregate(last=Max("order"))["last"] or 0) + 1
    _order_free(benchmark, values["order"])
    try:
        with transaction.atomic():
            band = BenchmarkBand.objects.create(benchmark=benchmark, **values)
    except IntegrityError:
        raise _refuse("order", _("序号%(order)d已被其他阶次使用。") % {"order": values["order"]}) from None
    audit.record(band, "enforcement.band_added", actor=actor, body_id=benchmark.body_id, after=_band_snapshot(band))
    return band


@transaction.atomic
def change_band(band: BenchmarkBand, *, actor, **data) -> BenchmarkBand:
    """Change the given fields of a band while its benchmark is drafted."""
    benchmark = band.benchmark
    require(actor, "change", benchmark.body, _(BENCHMARK_LABEL))
    benchmark = _locked(benchmark)
    _editable(benchmark)
    band = BenchmarkBand.objects.select_for_update().get(pk=band.pk)
    values = _band_values(data, band)
    _order_free(benchmark, values["order"], exclude=band)
    before = _band_snapshot(band)
    for name, value in values.items():
        setattr(band, name, value)
    band.save()
    audit.record(
        band,
        "enforcement.band_changed",
        actor=actor,
        body_id=benchmark.body_id,
        before=before,
        after=_band_snapshot(band),
    )
    return band


@transaction.atomic
def remove_band(band: BenchmarkBand, *, actor) -> None:
    benchmark = band.benchmark
    require(actor, "change", benchmark.body, _(BENCHMARK_LABEL))
    benchmark = _locked(benchmark)
    _editable(benchmark)
    band = BenchmarkBand.objects.select_for_update().get(pk=band.pk)
    audit.record(band, "enforcement.band_removed", actor=actor, body_id=benchmark.body_id, before=_band_snapshot(band))
    band.delete()


# --- the legal-review catalog -------------------------------------------------------------------------


def _entry_values(data: dict) -> dict:
    reject_unknown(data, ENTRY_FIELDS)
    values = {
        "matter": clean_text(data.get("matter"), "matter", _("审核事项"), required=True, limit=300),
        "penalty_kinds": clean_choices(data.get("penalty_kinds"), PenaltyKind, "penalty_kinds", _("处罚种类")),
        "fine_from": clean_amount(data.get("fine_from"), "fine_from", _("罚款数额（起）"), positive=True),
    }
    if not values["penalty_kinds"] and values["fine_from"] is None:
        raise _refuse("penalty_kinds", _("请选择处罚种类或填写罚款数额（起），写明哪些案件须经法制审核。"))
    return values


@transaction.atomic
def add_entry(*, actor, body: Body, **data) -> ReviewCatalogEntry:
    """A matter of the body's legal-review catalog, public once the head publishes it."""
    require(actor, "change", body, _(CATALOG_LABEL))
    require_enforcement_body(body)
    entry = ReviewCatalogEntry.objects.create(body=body, **_entry_values(data))
    audit.record(entry, "enforcement.review_entry_added", actor=actor, after=audit.snapshot(entry, list(ENTRY_FIELDS)))
    return entry


@transaction.atomic
def remove_entry(entry: ReviewCatalogEntry, *, actor) -> None:
    """Take out an entry not yet published; a published one is a public record."""
    require(actor, "change", entry.body, _(CATALOG_LABEL))
    entry = ReviewCatalogEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.published_on is not None:
        raise Conflict(_("该事项已向社会公布，不能删除。"), code="locked")
    audit.record(
        entry, "enforcement.review_entry_removed", actor=actor, before=audit.snapshot(entry, list(ENTRY_FIELDS))
    )
    entry.delete()


@transaction.atomic
def publish_catalog(*, actor, body: Body, published_on=None) -> list[ReviewCatalogEntry]:
    """向社会公开 (意见第二十一条): the body's head publishes the entries added since the last publication."""
    require(actor, "approve", body, _(PUBLISH_CATALOG_LABEL))
    published_on = _day(published_on, "published_on", _("公布日期"))
    pending = list(
        ReviewCatalogEntry.objects.select_for_update().filter(body=body, published_on__isnull=True).order_by("id")
    )
    if not pending:
        raise Conflict(_("没有待公布的目录事项，请先增加事项。"), code="gate_not_met")
    ReviewCatalogEntry.objects.filter(pk__in=[entry.pk for entry in pending]).update(published_on=published_on)
    for entry in pending:
        entry.published_on = published_on
    audit.record(
        body,
        "enforcement.review_catalog_published",
        actor=actor,
        after={"published_on": published_on, "entries": [entry.pk for entry in pending]},
    )
    return pending


# --- settings ---------------------------------------------------------------------------------------


def decision_periods() -> list:
    """The statutory periods a body may choose for its decisions: 作出行政处罚决定 and its sector variants."""
    return [period for key, period in periods.PERIODS.items() if key.startswith(DECISION_PERIOD_PREFIX)]


def may_configure(actor, body: Body) -> bool:
    return may(actor, "approve", body) or may(actor, "manage_bodies", body)


@transaction.atomic
def save_settings(body: Body, *, actor, **data) -> EnforcementSettings:
    """Create or change a body's `EnforcementSettings`: by its head or the 依法行政办 above it (or the
    system, for the demo or an installation). Fields not given keep their saved or default values."""
    if actor is not None and not may_configure(actor, body):
        require(actor, "approve", body, _(SETTINGS_LABEL))
    require_enforcement_body(body)
    reject_unknown(data, SETTINGS_FIELDS)
    current = EnforcementSettings.objects.select_for_update().filter(body=body).first()
    settings = current or selectors.settings_of(body)
    values = {}
    if "decision_period" in data:
        key = data.get("decision_period")
        if not isinstance(key, str) or key not in {period.key for period in decision_periods()}:
            options = "、".join(f"{period.key}（{period.label}）" for period in decision_periods())
            raise _refuse("decision_period", _("作出决定的期限事项应为以下之一：%(options)s。") % {"options": options})
        values["decision_period"] = key
    for name, label in (
        ("hearing_fine_person", _("较大数额罚款（公民）")),
        ("hearing_fine_organisation", _("较大数额罚款（法人或者其他组织）")),
    ):
        if name in data:
            values[name] = clean_amount(data.get(name), name, label, required=True, positive=True)
    if "serious_fine_from" in data:
        values["serious_fine_from"] = clean_amount(
            data.get("serious_fine_from"), "serious_fine_from", _("重大案件罚款数额（起）"), positive=True
        )
    if "publish_within_days" in data:
        values["publish_within_days"] = _int(
            data.get("publish_within_days"), "publish_within_days", _("决定公开期限（工作日）"), low=1, high=60
        )
    if "publish_for_days" in data:
        values["publish_for_days"] = _int(
            data.get("publish_for_days"), "publish_for_days", _("公开期限（日）"), low=1, high=3650
        )
    before = audit.snapshot(settings, list(SETTINGS_FIELDS)) if current else None
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    audit.record(
        settings,
        "enforcement.settings_saved",
        actor=actor,
        before=before,
        after=audit.snapshot(settings, list(SETTINGS_FIELDS)),
    )
    return settings
