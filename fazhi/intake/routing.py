"""Where a complaint or report goes: data the office maintains, not code.

A report goes to the body a `RoutingRule` names for its category in its area, else to the rule's
city-level body; a complaint about a body's conduct goes to the body's supervising government's
designated receiving body (`ReceivingDesk`), else to that government itself.
"""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from fazhi.core.choices import BodyKind
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Body
from fazhi.intake.choices import IntakeKind, Route
from fazhi.intake.models import Category, ReceivingDesk, RoutingRule

GOVERNMENTS = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT)


def _refuse(field: str, message: str):
    raise InvalidInput(message, errors={field: [message]})


def areas():
    """The areas the public chooses from: the city level and each county-level government."""
    return Body.objects.current().filter(kind__in=GOVERNMENTS).order_by("tree_path")


def categories(kind: str):
    return Category.objects.filter(kind=kind, active=True).order_by("sort_order", "pk")


def _pk(value) -> int | None:
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        return int(value.strip())
    return None


def category_from(value, kind: str) -> Category:
    found = categories(kind).filter(pk=_pk(value)).first() if _pk(value) else None
    if found is None:
        _refuse("category", _("请选择%(kind)s类别。") % {"kind": IntakeKind(kind).label})
    return found


def area_from(value) -> Body:
    found = areas().filter(pk=_pk(value)).first() if _pk(value) else None
    if found is None:
        _refuse("area", _("请选择事发地区（市级或所在市（区））。"))
    return found


def respondent_from(value) -> Body:
    found = Body.objects.current().filter(pk=_pk(value)).first() if _pk(value) else None
    if found is None:
        _refuse("respondent", _("请选择被投诉的单位。"))
    return found


def competent_body(category: Category, area: Body) -> Body:
    """The body the category's rules name for the area, else for the city level; 400 when none."""
    current = Body.objects.current()
    rules = {
        rule.area_id: rule.body
        for rule in RoutingRule.objects.filter(category=category, body__in=current).select_related("body", "area")
        if rule.area_id == area.pk or rule.area.kind == BodyKind.CITY_GOVERNMENT
    }
    if area.pk in rules:
        return rules[area.pk]
    city = [body for pk, body in rules.items() if pk != area.pk]
    if city:
        return city[0]
    _refuse(
        "category",
        _("“%(category)s”在%(area)s没有受理单位，请改选类别或通过其他渠道反映。")
        % {"category": category.name, "area": area.name},
    )


def government_of(body: Body) -> Body:
    """The government a body belongs to: its nearest government ancestor; a government's own is the
    government above it (the city government is its own)."""
    ancestors = {b.pk: b for b in Body.objects.filter(pk__in=body.ancestor_ids())}
    node = body
    while node.parent_id is not None:
        node = ancestors.get(node.parent_id) or Body.objects.get(pk=node.parent_id)
        if node.kind in GOVERNMENTS:
            return node
    return body  # the top of the tree


def supervisor_of(body: Body) -> Body:
    """Where a complaint about `body` goes: its government's designated receiving body."""
    government = government_of(body)
    desk = ReceivingDesk.objects.filter(government=government).select_related("receiver").first()
    if desk is not None and desk.receiver.is_current():
        return desk.receiver
    return government


def route(kind: str, cleaned: Mapping) -> Body:
    """The `router` hook: the handling body for the submitted fields, or a 400 naming the field."""
    errors: dict[str, list[str]] = {}

    def gather(check, *args):
        try:
            return check(*args)
        except InvalidInput as exc:
            for name, messages in exc.errors.items():
                errors.setdefault(name, []).extend(messages)
            return None

    category = gather(category_from, cleaned.get("category"), kind)
    if category is not None and category.route == Route.SUPERVISOR:
        respondent = gather(respondent_from, cleaned.get("respondent"))
        body = supervisor_of(respondent) if respondent is not None else None
    else:
        area = gather(area_from, cleaned.get("area"))
        body = gather(competent_body, category, area) if category is not None and area is not None else None
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    return body


def is_lower(target: Body, source: Body) -> bool:
    """Whether `target` is at a lower level than `source`: its government is below source's."""
    above, below = government_of(source), government_of(target)
    if source.kind in GOVERNMENTS:
        above = source
    return below.pk != above.pk and below.tree_path.startswith(above.tree_path)
