"""The power-list version's state machine: which transitions exist, their gates and who may run them.

A list is published by the body's head (the "approve" action) or by the leading-group office
that configures the bodies under it (the "manage_bodies" action, which only the office holds):
the seed puts the list under the body's responsibility and the office's oversight. The two are
separate transitions with one label, so that each is checked against its own role and a page
shows one 发布 button whoever may press it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.access import may
from fazhi.core.workflow import Transition, Workflow
from fazhi.powers.choices import VersionStatus


def _has_powers(version) -> str | None:
    if not version.powers.exists():
        return _("清单中还没有职权事项，不能发布。")
    return None


def _every_power_has_basis(version) -> str | None:
    missing = list(version.powers.filter(bases__isnull=True).values_list("code", flat=True)[:10])
    if missing:
        return _("以下事项缺少设定依据，补充后才能发布：%(codes)s。") % {"codes": "、".join(missing)}
    return None


def _reason_given(version) -> str | None:
    if not version.reason.strip():
        return _("请填写本次调整的说明后再发布。")
    return None


PUBLISH_LABEL = gettext_lazy("发布权责清单")
_PUBLISH_GATES = (_has_powers, _every_power_has_basis, _reason_given)

VERSION = Workflow(
    [
        Transition(
            "publish",
            PUBLISH_LABEL,
            (VersionStatus.DRAFT,),
            VersionStatus.PUBLISHED,
            action="approve",
            gates=_PUBLISH_GATES,
        ),
        Transition(
            "publish_by_office",
            PUBLISH_LABEL,
            (VersionStatus.DRAFT,),
            VersionStatus.PUBLISHED,
            action="manage_bodies",
            gates=_PUBLISH_GATES,
        ),
        Transition("discard", gettext_lazy("放弃草稿"), (VersionStatus.DRAFT,), VersionStatus.DISCARDED),
    ]
)


def publish_transition(version, actor) -> str:
    """The publishing transition that applies to `actor`: the head's, else the office's."""
    return "publish" if may(actor, "approve", version.body) else "publish_by_office"


def available(version, actor) -> list[Transition]:
    """The buttons to show: one 发布 whichever role allows it, and 放弃草稿."""
    shown, names = [], set()
    for transition in VERSION.available(version, actor):
        key = "publish" if transition.name == "publish_by_office" else transition.name
        if key not in names:
            names.add(key)
            shown.append(transition)
    return shown
