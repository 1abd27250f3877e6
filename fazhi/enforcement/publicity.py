"""What the portal shows before enforcement (行政处罚法第三十九条; 意见第十九条 and 广东省行政执法公示办法):
each enforcement body as a subject, its certified officers, its powers, its published legal-review
catalog and benchmarks, and the procedures and remedies. Nothing here shows a draft."""

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.choices import BodyKind
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Body
from fazhi.enforcement.choices import PenaltyKind
from fazhi.powers.models import PowerListVersion
from fazhi.reconsideration import jurisdiction


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
    """Where a party applies for 行政复议 against `body`'s acts: the reconsideration body the
    reconsideration app's jurisdiction names, or, when that body keeps no records here, the one the
    law names (行政复议法第二十四条、第二十七条)."""
    try:
        return jurisdiction.resolve(body).reconsideration_body.name
    except InvalidInput:
        if body.kind == BodyKind.VERTICAL:
            return _("上一级主管部门（行政复议法第二十七条）")
        return _("上一级人民政府（行政复议法第二十四条）")
