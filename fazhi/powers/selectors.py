"""Read-side queries for the power lists: pages, the API and the art. 5 check use these.

Citations are linked to the imported law texts here, in two queries for a whole list, rather
than stored as foreign keys: a snapshot keeps the citation as written whatever is imported later.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from fazhi.core.models import Body
from fazhi.powers.choices import PowerCategory, PowerStatus, VersionStatus
from fazhi.powers.models import LawArticle, LawText, Power, PowerBasis, PowerListVersion

COMPARED_FIELDS = ("code", "name", "category", "responsible_unit", "status", "bases", "accountability")


def powers_of(version: PowerListVersion):
    """The version's powers with their bases, in list order, each basis linked to its law text."""
    powers = list(
        version.powers.prefetch_related(Prefetch("bases", queryset=PowerBasis.objects.order_by("ordinal", "id")))
    )
    link_bases([basis for power in powers for basis in power.bases.all()])
    return powers


def link_bases(bases: list[PowerBasis]) -> None:
    """Set `law` and `law_article` on each basis whose law (and article) was imported; None otherwise."""
    titles = {title for basis in bases for title in basis.title_candidates}
    laws = {law.title: law for law in LawText.objects.filter(title__in=titles)} if titles else {}
    wanted = set()
    for basis in bases:
        basis.law = next((laws[t] for t in basis.title_candidates if t in laws), None)
        if basis.law is not None and basis.article_number:
            wanted.add((basis.law.pk, basis.article_number))
    articles = {}
    if wanted:
        rows = LawArticle.objects.filter(
            law_id__in={law_id for law_id, _number in wanted}, number__in={number for _law, number in wanted}
        ).only("id", "law_id", "number")
        articles = {(row.law_id, row.number): row for row in rows}
    for basis in bases:
        basis.law_article = articles.get((basis.law.pk, basis.article_number)) if basis.law else None


def public_versions():
    return PowerListVersion.objects.public().select_related("body")


def bodies_with_lists():
    """Bodies with a published list, in tree order, each with its current version."""
    current = PowerListVersion.objects.current()
    return (
        Body.objects.filter(power_list_versions__status=VersionStatus.PUBLISHED)
        .prefetch_related(Prefetch("power_list_versions", queryset=current, to_attr="current_versions"))
        .order_by("tree_path")
    )


def history_of(body: Body):
    return public_versions().filter(body=body).order_by("-number")


def category_counts(powers: list[Power]) -> list[tuple[str, int]]:
    counts = {}
    for power in powers:
        counts[power.category] = counts.get(power.category, 0) + 1
    return [(str(label), counts[value]) for value, label in PowerCategory.choices if value in counts]


# --- comparison ----------------------------------------------------------------------------


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass
class PowerChange:
    old: Power
    new: Power
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Comparison:
    old: PowerListVersion
    new: PowerListVersion
    added: list[Power] = field(default_factory=list)
    removed: list[Power] = field(default_factory=list)
    changed: list[PowerChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _labels() -> dict[str, str]:
    return {
        "code": _("事项编码"),
        "name": _("事项名称"),
        "category": _("职权类别"),
        "responsible_unit": _("承办机构"),
        "status": _("实施状态"),
        "bases": _("设定依据"),
        "accountability": _("追责情形"),
    }


def _shown(power: Power, name: str) -> str:
    if name == "category":
        return str(PowerCategory(power.category).label)
    if name == "status":
        return str(PowerStatus(power.status).label)
    if name == "bases":
        return "\n".join(str(basis) for basis in power.bases.all())
    return getattr(power, name)


def compare(old: PowerListVersion, new: PowerListVersion) -> Comparison:
    """What changed from `old` to `new`: powers added, removed, and changed field by field.

    Powers are matched by lineage, so a power whose code or name changed is one changed power,
    not one removed and one added.
    """
    if old.number > new.number:
        old, new = new, old
    before = {power.lineage: power for power in powers_of(old)}
    after = {power.lineage: power for power in powers_of(new)}
    labels = _labels()
    result = Comparison(old, new)
    for lineage, power in after.items():
        previous = before.get(lineage)
        if previous is None:
            result.added.append(power)
            continue
        changes = [
            FieldChange(name, labels[name], _shown(previous, name), _shown(power, name))
            for name in COMPARED_FIELDS
            if _shown(previous, name) != _shown(power, name)
        ]
        if changes:
            result.changed.append(PowerChange(previous, power, changes))
        else:
            result.unchanged += 1
    result.removed = [power for lineage, power in before.items() if lineage not in after]
    return result


def comparison_as_dict(comparison: Comparison) -> dict:
    def brief(power: Power) -> dict:
        return {"code": power.code, "name": power.name, "lineage": str(power.lineage)}

    return {
        "old": {"id": comparison.old.pk, "number": comparison.old.number},
        "new": {"id": comparison.new.pk, "number": comparison.new.number},
        "added": [brief(power) for power in comparison.added],
        "removed": [brief(power) for power in comparison.removed],
        "changed": [
            {
                **brief(change.new),
                "fields": [
                    {"field": item.name, "label": item.label, "old": item.old, "new": item.new}
                    for item in change.fields
                ],
            }
            for change in comparison.changed
        ],
        "unchanged": comparison.unchanged,
    }
