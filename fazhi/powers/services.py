"""Every change to a body's 权责清单, one function each.

A change never touches a published version: adding, changing or removing a power goes into the
body's draft, the next version, opened from the current one with the reason for the adjustment
(seed art. 5: a law amended, the body's functions adjusted). Publishing the draft makes it the
current list and turns the previous one into history, unchanged. Each function owns its
transaction, checks access and the workflow, and writes the audit event; pages, the API, the
demo and the tests all call them.
"""

import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import clean_choice, clean_text
from fazhi.core.models import Body
from fazhi.powers import workflow
from fazhi.powers.choices import ChangeReason, PowerCategory, PowerStatus, VersionStatus
from fazhi.powers.models import Power, PowerBasis, PowerListVersion
from fazhi.texts.search import service as search

POWER_FIELDS = ("code", "name", "category", "responsible_unit", "accountability", "status", "bases")
MAX_BASES = 20
_CITATION = re.compile(r"^《(?P<law>[^《》]+)》\s*(?P<article>.*)$")


# --- input ---------------------------------------------------------------------------------


def _invalid(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def parse_citation(text: str) -> dict:
    """《中华人民共和国行政处罚法》第十八条 → law title and article; a Chinese refusal otherwise."""
    match = _CITATION.match(text.strip()) if isinstance(text, str) else None
    if match is None or not match["law"].strip():
        raise _invalid(
            "bases",
            _("设定依据“%(text)s”应写作《法律法规名称》加条款，例如：《中华人民共和国行政处罚法》第十八条。")
            % {"text": str(text)[:100]},
        )
    return {"law_title": match["law"].strip(), "article": match["article"].strip()}


def _bases(value) -> list[dict]:
    """Legal bases from a list of citations or of {law_title, article}, or lines of text."""
    if isinstance(value, str):
        value = [line for line in value.splitlines() if line.strip()]
    if not isinstance(value, list | tuple):
        raise _invalid("bases", _("设定依据应为依据列表。"))
    bases = []
    for item in value:
        if isinstance(item, str):
            basis = parse_citation(item)
        elif isinstance(item, dict):
            basis = {
                "law_title": clean_text(
                    item.get("law_title"), "bases", _("法律法规名称"), limit=200, required=True
                ).strip("《》"),
                "article": clean_text(item.get("article"), "bases", _("条款"), limit=100, required=False),
            }
        else:
            raise _invalid("bases", _("设定依据应为依据列表。"))
        if len(basis["law_title"]) > 200 or len(basis["article"]) > 100:
            raise _invalid("bases", _("设定依据过长。"))
        if basis not in bases:
            bases.append(basis)
    if not bases:
        raise _invalid("bases", _("请至少填写一项设定依据。"))
    if len(bases) > MAX_BASES:
        raise _invalid("bases", _("设定依据不能超过 %(n)d 项。") % {"n": MAX_BASES})
    return bases


def _power_values(data: dict) -> dict:
    values = {}
    for name, label, limit in (
        ("code", _("事项编码"), 50),
        ("name", _("事项名称"), 200),
        ("responsible_unit", _("承办机构"), 200),
        ("accountability", _("追责情形"), 5000),
    ):
        if name in data:
            values[name] = clean_text(data[name], name, label, limit=limit, required=True)
    if "category" in data:
        values["category"] = clean_choice(data["category"], PowerCategory, "category", _("职权类别"))
    if "status" in data:
        values["status"] = clean_choice(data["status"] or PowerStatus.IN_FORCE, PowerStatus, "status", _("实施状态"))
    if "bases" in data:
        values["bases"] = _bases(data["bases"])
    return values


# --- access and snapshots ------------------------------------------------------------------


def power_snapshot(power: Power) -> dict:
    """A power as the audit log and the version comparison see it: fields and citations."""
    return {
        "code": power.code,
        "name": power.name,
        "category": power.category,
        "responsible_unit": power.responsible_unit,
        "accountability": power.accountability,
        "status": power.status,
        "bases": [str(basis) for basis in power.bases.all()],
    }


def _set_bases(power: Power, bases: list[dict]) -> None:
    power.bases.all().delete()
    PowerBasis.objects.bulk_create(
        PowerBasis(power=power, ordinal=number, law_title=basis["law_title"], article=basis["article"])
        for number, basis in enumerate(bases, start=1)
    )


# --- versions ------------------------------------------------------------------------------


def current_version(body: Body) -> PowerListVersion | None:
    return PowerListVersion.objects.current().filter(body=body).first()


def draft_version(body: Body) -> PowerListVersion | None:
    return PowerListVersion.objects.filter(body=body, status=VersionStatus.DRAFT).first()


@transaction.atomic
def open_draft(body: Body, *, actor, reason_kind, reason) -> PowerListVersion:
    """The next version as a draft: a copy of the current list (or empty), with the reason for it."""
    require(actor, "change", body, _("编制权责清单"))
    reason_kind = clean_choice(reason_kind, ChangeReason, "reason_kind", _("调整原因"))
    reason = clean_text(reason, "reason", _("调整说明"), limit=2000, required=True)
    # The body's row is the lock under which its version numbers and its one draft are decided.
    Body.objects.select_for_update().filter(pk=body.pk).first()
    existing = draft_version(body)
    if existing is not None:
        raise Conflict(
            _("本单位已有正在编制的第%(n)d版草稿，请在该草稿中修改。") % {"n": existing.number}, code="draft_exists"
        )
    current = current_version(body)
    number = (PowerListVersion.objects.filter(body=body).aggregate(n=Max("number"))["n"] or 0) + 1
    version = PowerListVersion.objects.create(
        body=body, number=number, based_on=current, reason_kind=reason_kind, reason=reason, created_by=actor
    )
    if current is not None:
        for power in current.powers.prefetch_related("bases"):
            bases = [{"law_title": b.law_title, "article": b.article} for b in power.bases.all()]
            power.pk, power.version = None, version
            power.save(force_insert=True)
            _set_bases(power, bases)
    audit.record(
        version,
        "powers.draft_opened",
        actor=actor,
        after={**audit.snapshot(version), "powers": version.powers.count()},
    )
    return version


def _draft_for_change(body: Body, *, actor, reason_kind, reason) -> PowerListVersion:
    """The body's draft, opened now from the current list when there is none (a reason is then needed)."""
    require(actor, "change", body, _("编制权责清单"))
    draft = draft_version(body)
    if draft is not None:
        return draft
    if reason_kind in (None, "") and reason in (None, ""):
        raise _invalid("reason", _("修改已发布的权责清单将形成新版本，请说明调整原因（如法律修改、机构职能调整）。"))
    return open_draft(body, actor=actor, reason_kind=reason_kind, reason=reason)


def _in_draft(power: Power, *, actor, reason_kind, reason) -> Power:
    """The editable copy of `power`: itself in a draft, its copy in a new draft if it is current."""
    if power.version.status == VersionStatus.DRAFT:
        return power
    if power.version.status != VersionStatus.PUBLISHED:
        raise Conflict(_("该事项属于历史版本，不能修改；请在现行清单上调整。"), code="locked")
    draft = _draft_for_change(power.body, actor=actor, reason_kind=reason_kind, reason=reason)
    copy = draft.powers.filter(lineage=power.lineage).first()
    if copy is None:
        raise Conflict(_("该事项已从正在编制的草稿中删除。"), code="removed_in_draft")
    return copy


def _check_code_free(version: PowerListVersion, code: str, *, exclude: int | None = None) -> None:
    taken = version.powers.filter(code=code).exclude(pk=exclude)
    if taken.exists():
        raise _invalid("code", _("事项编码“%(code)s”在本清单中已被使用。") % {"code": code})


@transaction.atomic
def add_power(body: Body, *, actor, reason_kind=None, reason=None, **data) -> Power:
    """A new power in the body's draft (the next version, opened here if need be)."""
    require(actor, "change", body, _("编制权责清单"))
    missing = {name: None for name in POWER_FIELDS if name not in data and name != "status"}
    values = _power_values({**missing, **data})
    draft = _draft_for_change(body, actor=actor, reason_kind=reason_kind, reason=reason)
    _check_code_free(draft, values["code"])
    bases = values.pop("bases")
    ordinal = (draft.powers.aggregate(n=Max("ordinal"))["n"] or 0) + 1
    power = Power.objects.create(version=draft, body=body, ordinal=ordinal, **values)
    _set_bases(power, bases)
    audit.record(power, "powers.power_added", actor=actor, after=power_snapshot(power), extra=_where(draft))
    return power


@transaction.atomic
def update_power(power: Power, *, actor, reason_kind=None, reason=None, **data) -> Power:
    """Change a power: in the draft; a current one is first copied into a new draft."""
    require(actor, "change", power.body, _("修改职权事项"))
    values = _power_values({name: value for name, value in data.items() if name in POWER_FIELDS})
    power = _in_draft(power, actor=actor, reason_kind=reason_kind, reason=reason)
    if "code" in values:
        _check_code_free(power.version, values["code"], exclude=power.pk)
    before = power_snapshot(power)
    bases = values.pop("bases", None)
    for name, value in values.items():
        setattr(power, name, value)
    power.save()
    if bases is not None:
        _set_bases(power, bases)
    audit.record(
        power,
        "powers.power_changed",
        actor=actor,
        before=before,
        after=power_snapshot(power),
        extra=_where(power.version),
    )
    return power


@transaction.atomic
def remove_power(power: Power, *, actor, reason_kind=None, reason=None) -> PowerListVersion:
    """Take a power out of the draft (a current one out of a new draft); returns the draft."""
    require(actor, "change", power.body, _("删除职权事项"))
    power = _in_draft(power, actor=actor, reason_kind=reason_kind, reason=reason)
    draft = power.version
    before = power_snapshot(power)
    audit.record(power, "powers.power_removed", actor=actor, before=before, extra=_where(draft))
    power.delete()
    return draft


def _where(version: PowerListVersion) -> dict:
    return {"version": version.pk, "number": version.number}


@transaction.atomic
def publish_version(version: PowerListVersion, *, actor) -> PowerListVersion:
    """Make the draft the current list; the list it replaces stays as it was, marked 已被替代."""
    version = PowerListVersion.objects.select_for_update().select_related("body").get(pk=version.pk)
    before, after = workflow.VERSION.apply(version, workflow.publish_transition(version, actor), actor)
    previous = current_version(version.body)
    now = timezone.now()
    if previous is not None:
        previous.status, previous.superseded_at = VersionStatus.SUPERSEDED, now
        previous.save(update_fields=["status", "superseded_at", "updated_at"])
        audit.record(
            previous,
            "powers.version_superseded",
            actor=actor,
            before={"status": VersionStatus.PUBLISHED},
            after={"status": VersionStatus.SUPERSEDED, "by": version.pk},
        )
    version.published_at, version.published_by = now, actor
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit.record(
        version,
        "powers.version_published",
        actor=actor,
        before={"status": before},
        after={"status": after, "powers": version.powers.count(), "replaces": previous.pk if previous else None},
    )
    if previous is not None:
        for power in previous.powers.all():
            search.index(power)
    for power in version.powers.select_related("body", "version").prefetch_related("bases"):
        search.index(power)
    return version


@transaction.atomic
def discard_draft(version: PowerListVersion, *, actor) -> PowerListVersion:
    """Abandon a draft; it stays on record as 已放弃 and the current list is untouched."""
    version = PowerListVersion.objects.select_for_update().select_related("body").get(pk=version.pk)
    before, after = workflow.VERSION.apply(version, "discard", actor)
    version.save(update_fields=["status", "updated_at"])
    audit.record(version, "powers.draft_discarded", actor=actor, before={"status": before}, after={"status": after})
    return version
