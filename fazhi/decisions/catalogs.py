"""The yearly catalog of major decisions (年度重大行政决策事项目录; seed art. 10, 条例第三条第三款).

Each deciding body — a government, or a department deciding its own matters — keeps one catalog a
year. Its staff draft the matters (title, category, basis, planned timing, undertaking unit); the
head records the same-level party committee's agreement and then publishes it on the portal.
Once agreed the matters no longer change unless the head takes the catalog back to drafting (the
agreement then has to be given again); once published they are frozen, a public record.

draft → agreed (党委已同意) → published; agreed → draft again by `reopen`.

Every change is one function here: it locks the catalog, asks `CATALOG` (which refuses with the
Chinese reason), cleans the input, applies the change and writes the audit event.
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import audit
from fazhi.core.access import require, scope_body_ids
from fazhi.core.choices import BodyKind
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import clean_choice, clean_date, clean_text, reject_unknown
from fazhi.core.models import Body
from fazhi.core.workflow import Transition, Workflow
from fazhi.decisions.choices import CatalogStatus, DecisionCategory
from fazhi.decisions.models import CatalogItem, Decision, DecisionCatalog

S = CatalogStatus
# 各市（区）人民政府和各行政机关 (seed art. 10): governments at every level and their departments.
DECIDING_KINDS = (
    BodyKind.CITY_GOVERNMENT,
    BodyKind.COUNTY_GOVERNMENT,
    BodyKind.TOWN,
    BodyKind.CITY_DEPARTMENT,
    BodyKind.COUNTY_DEPARTMENT,
    BodyKind.VERTICAL,
)
ITEM_FIELDS = ("title", "category", "basis", "planned_timing", "undertaking_unit")
CATALOG_FIELDS = ["status", "party_agreed_on", "party_agreement", "published_on"]


# --- the workflow ----------------------------------------------------------------------------


def _has_items(catalog) -> str | None:
    if not catalog.items.exists():
        return _("目录中还没有决策事项，请先增加事项再报请党委同意。")
    return None


def _agreed(catalog) -> str | None:
    if catalog.status != S.AGREED or catalog.party_agreed_on is None:
        return _("目录须经同级党委同意后方可向社会公布（重大行政决策程序暂行条例第三条第三款），尚未记录党委同意情况。")
    return None


CATALOG = Workflow(
    [
        Transition(
            "agree",
            gettext_lazy("记录党委同意"),
            (S.DRAFT,),
            S.AGREED,
            action="approve",
            gates=(_has_items,),
        ),
        # From the draft too, so that publishing too early is refused with the reason, not the state.
        Transition(
            "publish",
            gettext_lazy("向社会公布"),
            (S.DRAFT, S.AGREED),
            S.PUBLISHED,
            action="approve",
            gates=(_agreed,),
        ),
        Transition("reopen", gettext_lazy("退回修改"), (S.AGREED,), S.DRAFT, action="approve"),
    ]
)


def actions(catalog, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take on the catalog now, each with the reason it would be refused."""
    result = []
    for transition in CATALOG.available(catalog, actor):
        refusal = next((reason for gate in transition.gates if (reason := gate(catalog))), None)
        result.append((transition, refusal))
    return result


# --- helpers ----------------------------------------------------------------------------------


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _int(value, name: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        raise _refuse(name, _("%(label)s应为整数。") % {"label": label})
    if len(str(value).strip()) > 9:
        raise _refuse(name, _("%(label)s超出范围。") % {"label": label})
    return int(value)


def _not_future(value, name: str, label: str):
    if value > timezone.localdate():
        raise _refuse(name, _("%(label)s不能晚于今天。") % {"label": label})
    return value


def _locked(catalog: DecisionCatalog) -> DecisionCatalog:
    return DecisionCatalog.objects.select_for_update().select_related("body").get(pk=catalog.pk)


def _editable(catalog: DecisionCatalog) -> None:
    """Matters change only while the catalog is drafted."""
    if catalog.status == S.PUBLISHED:
        raise Conflict(_("目录已向社会公布，决策事项不能再修改。"), code="locked")
    if catalog.status != S.DRAFT:
        raise Conflict(
            _("目录已经党委同意，不能再修改决策事项；确需修改的，请负责人先退回修改。"),
            code="locked",
        )


def _undertaking_unit(value, catalog: DecisionCatalog) -> Body:
    """The deciding body itself or a body under it (决策承办单位, 条例第十一条)."""
    if not isinstance(value, Body):
        pk = _int(value, "undertaking_unit", _("承办单位"))
        value = Body.objects.filter(pk=pk).first()
    if value is None or not value.tree_path.startswith(catalog.body.tree_path):
        raise _refuse(
            "undertaking_unit",
            _("承办单位应为%(body)s或其所属单位。") % {"body": catalog.body.name},
        )
    return value


def _item_values(data: dict, catalog: DecisionCatalog, *, partial: bool) -> dict:
    reject_unknown(data, ITEM_FIELDS)
    values = {}
    texts = (
        ("title", _("决策事项"), 200),
        ("basis", _("决策依据"), 5000),
        ("planned_timing", _("计划完成时间"), 50),
    )
    for name, label, limit in texts:
        if not partial or name in data:
            values[name] = clean_text(data.get(name), name, label, required=True, limit=limit)
    if not partial or "category" in data:
        values["category"] = clean_choice(data.get("category"), DecisionCategory, "category", _("事项类别"))
    if not partial or "undertaking_unit" in data:
        values["undertaking_unit"] = _undertaking_unit(data.get("undertaking_unit"), catalog)
    return values


def _item_snapshot(item: CatalogItem) -> dict:
    return audit.snapshot(item, ["title", "category", "basis", "planned_timing", "undertaking_unit"])


# --- the catalog -------------------------------------------------------------------------------


@transaction.atomic
def create_catalog(*, actor, body: Body, year, title=None) -> DecisionCatalog:
    """A draft catalog of `body` for `year`; one per body and year."""
    require(actor, "change", body, _("编制年度重大行政决策事项目录"))
    if body.kind not in DECIDING_KINDS:
        raise _refuse("body", _("%(body)s不是行政机关，不编制重大行政决策事项目录。") % {"body": body.name})
    year = _int(year, "year", _("年度"))
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise _refuse("year", _("年度应在2000年至明年之间。"))
    default = _("%(body)s%(year)d年度重大行政决策事项目录") % {"body": body.name, "year": year}
    title = clean_text(title, "title", _("名称"), limit=200) or default
    duplicate = Conflict(
        _("%(body)s%(year)d年度的重大行政决策事项目录已经存在。") % {"body": body.name, "year": year},
        code="duplicate",
    )
    if DecisionCatalog.objects.filter(body=body, year=year).exists():
        raise duplicate
    try:
        with transaction.atomic():
            catalog = DecisionCatalog.objects.create(body=body, year=year, title=title, created_by=actor)
    except IntegrityError:
        raise duplicate from None
    audit.record(catalog, "decisions.catalog_created", actor=actor, after=audit.snapshot(catalog))
    return catalog


@transaction.atomic
def add_item(catalog: DecisionCatalog, *, actor, **data) -> CatalogItem:
    """A matter of a draft catalog, undertaken by the deciding body or a body under it."""
    require(actor, "change", catalog.body, _("编制年度重大行政决策事项目录"))
    catalog = _locked(catalog)
    _editable(catalog)
    item = CatalogItem.objects.create(catalog=catalog, **_item_values(data, catalog, partial=False))
    audit.record(item, "decisions.catalog_item_added", actor=actor, body_id=catalog.body_id, after=_item_snapshot(item))
    return item


@transaction.atomic
def change_item(item: CatalogItem, *, actor, **data) -> CatalogItem:
    """Change the given fields of a matter while its catalog is drafted."""
    catalog = item.catalog
    require(actor, "change", catalog.body, _("编制年度重大行政决策事项目录"))
    catalog = _locked(catalog)
    _editable(catalog)
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    values = _item_values(data, catalog, partial=True)
    before = _item_snapshot(item)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    audit.record(
        item,
        "decisions.catalog_item_changed",
        actor=actor,
        body_id=catalog.body_id,
        before=before,
        after=_item_snapshot(item),
    )
    return item


@transaction.atomic
def remove_item(item: CatalogItem, *, actor) -> None:
    """Take a matter out of a draft catalog; refused once a decision was started on it."""
    catalog = item.catalog
    require(actor, "change", catalog.body, _("编制年度重大行政决策事项目录"))
    catalog = _locked(catalog)
    _editable(catalog)
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    if Decision.objects.filter(catalog_item=item).exists():
        raise Conflict(_("已就该事项启动决策程序，不能从目录中删除。"), code="in_use")
    audit.record(
        item, "decisions.catalog_item_removed", actor=actor, body_id=catalog.body_id, before=_item_snapshot(item)
    )
    item.delete()


@transaction.atomic
def record_agreement(catalog: DecisionCatalog, *, actor, agreed_on, agreement) -> DecisionCatalog:
    """经同级党委同意 (条例第三条第三款): the date and how the committee agreed, recorded by the head."""
    catalog = _locked(catalog)
    CATALOG.require(catalog, "agree", actor)
    agreed_on = _not_future(clean_date(agreed_on, "agreed_on", _("党委同意日期")), "agreed_on", _("党委同意日期"))
    agreement = clean_text(agreement, "agreement", _("党委同意情况"), required=True, limit=300)
    before, after = CATALOG.apply(catalog, "agree", actor)
    catalog.party_agreed_on, catalog.party_agreement = agreed_on, agreement
    catalog.save(update_fields=[*CATALOG_FIELDS, "updated_at"])
    audit.record(
        catalog,
        "decisions.catalog_agreed",
        actor=actor,
        before={"status": before},
        after={"status": after, "party_agreed_on": agreed_on, "party_agreement": agreement},
    )
    return catalog


@transaction.atomic
def publish(catalog: DecisionCatalog, *, actor, published_on=None) -> DecisionCatalog:
    """向社会公布: on the portal from then on, its matters frozen."""
    catalog = _locked(catalog)
    CATALOG.require(catalog, "publish", actor)
    label = _("公布日期")
    published_on = clean_date(published_on, "published_on", label, required=False) or timezone.localdate()
    _not_future(published_on, "published_on", label)
    if published_on < catalog.party_agreed_on:
        raise _refuse(
            "published_on",
            _("公布日期不能早于党委同意日期（%(date)s）。") % {"date": day_text(catalog.party_agreed_on)},
        )
    before, after = CATALOG.apply(catalog, "publish", actor)
    catalog.published_on = published_on
    catalog.save(update_fields=[*CATALOG_FIELDS, "updated_at"])
    audit.record(
        catalog,
        "decisions.catalog_published",
        actor=actor,
        before={"status": before},
        after={"status": after, "published_on": published_on},
    )
    return catalog


@transaction.atomic
def reopen(catalog: DecisionCatalog, *, actor) -> DecisionCatalog:
    """Back to drafting after the agreement, to change the matters; the agreement record is cleared."""
    catalog = _locked(catalog)
    CATALOG.require(catalog, "reopen", actor)
    before = audit.snapshot(catalog, CATALOG_FIELDS)
    CATALOG.apply(catalog, "reopen", actor)
    catalog.party_agreed_on, catalog.party_agreement = None, ""
    catalog.save(update_fields=[*CATALOG_FIELDS, "updated_at"])
    audit.record(
        catalog, "decisions.catalog_reopened", actor=actor, before=before, after=audit.snapshot(catalog, CATALOG_FIELDS)
    )
    return catalog


# --- read side ---------------------------------------------------------------------------------


def _items():
    """The matters, each with the decision made on it and whether that decision is public."""
    published = Decision.objects.published().filter(catalog_item=OuterRef("pk"))
    return Prefetch(
        "items",
        queryset=CatalogItem.objects.select_related("undertaking_unit", "decision")
        .annotate(decision_published=Exists(published))
        .order_by("id"),
    )


def office_catalogs(user):
    """The catalogs of the bodies the user sees, with their matters and any decision on them."""
    return (
        DecisionCatalog.objects.restrict(user)
        .select_related("body")
        .prefetch_related(_items())
        .order_by("-year", "body__tree_path", "id")
    )


def office_items(user, action: str = "view"):
    """Catalog matters of the bodies in the user's scope for `action`."""
    items = CatalogItem.objects.select_related("catalog", "catalog__body", "undertaking_unit")
    if not user.is_authenticated:
        return items.none()
    if user.is_superuser:
        return items
    return items.filter(catalog__body__in=scope_body_ids(user, action))


def public_catalogs(*, body=None, year=None):
    """Published catalogs only: a draft or an agreed-but-unpublished catalog is never public."""
    catalogs = DecisionCatalog.objects.published().select_related("body").prefetch_related(_items())
    if body is not None:
        catalogs = catalogs.filter(body=body)
    if year is not None:
        catalogs = catalogs.filter(year=year)
    return catalogs.order_by("-year", "body__tree_path", "id")
