"""What the portal shows before enforcement (行政处罚法第三十九条; 意见第十九条 and 广东省行政执法公示办法):
each enforcement body as a subject, its certified officers, its powers, its published legal-review
catalog and benchmarks, and the procedures and remedies. Nothing here shows a draft."""

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.choices import BodyKind
from fazhi.core.models import Body
from fazhi.enforcement.choices import PenaltyKind
from fazhi.powers.models import PowerListVersion


def enforcement_bodies():
    """The enforcement bodies that exist today, in the tree's order."""
    return Body.objects.current().filter(is_enforcement_agency=True).select_related("parent").order_by("tree_path")


def power_list_url(body: Body) -> str | None:
    """The body's current power list on the powers portal, once one is published."""
    if PowerListVersion.objects.current().filter(body=body).exists():
        return reverse("powers:public-body", args=[body.pk])
    return None


def penalty_kind_labels(entry) -> list[str]:
    labels = dict(PenaltyKind.choices)
    return [str(labels.get(kind, kind)) for kind in entry.penalty_kinds or []]


def reconsideration_organ(body: Body) -> str:
    """Where a party applies for 行政复议 (行政复议法 2023): the nearest government above that reviews
    (第二十四条); for a vertically led body, the department one level up (第二十七条)."""
    if body.kind == BodyKind.VERTICAL:
        return _("上一级主管部门（行政复议法第二十七条）")
    ancestors = [pk for pk in body.ancestor_ids() if pk != body.pk]
    organs = {organ.pk: organ for organ in Body.objects.filter(pk__in=ancestors, is_reconsideration_body=True)}
    for pk in reversed(ancestors):
        if pk in organs:
            return organs[pk].name
    return _("本级人民政府（行政复议法第二十四条）")
