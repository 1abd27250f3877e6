"""Explicit transition tables: a status changes only through a transition whose gate is met.

Each workflow lists its transitions once; services call `require()` before changing a status,
and pages ask `available()` which buttons to show, so the two can never disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fazhi.core.access import may
from fazhi.core.errors import Conflict, Forbidden, NotFound

Gate = Callable[[object], str | None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the step keeps the status
    action: str = "change"
    gates: tuple[Gate, ...] = ()
    # Where another office runs this step (市府办 numbers and publishes a department's document),
    # the attribute naming the body whose scope decides; the workflow's `body_attr` otherwise.
    body_attr: str | None = None


class Workflow:
    def __init__(self, transitions: list[Transition], *, field: str = "status", body_attr: str = "body"):
        self.transitions = {t.name: t for t in transitions}
        self.field = field
        self.body_attr = body_attr

    def _label(self, obj, value: str) -> str:
        field = obj._meta.get_field(self.field)
        return str(dict(field.flatchoices).get(value, value))

    def require(self, obj, name: str, actor, *, gates: bool = True) -> Transition:
        """The transition, if `actor` may run it on `obj` now; otherwise a clear refusal.

        With `gates=False` only who and when are checked: a step that takes input checks those
        before reading it, so that a stranger is told 404, not what their input lacked."""
        transition = self.transitions.get(name)
        if transition is None:
            raise NotFound(_("没有名为“%(name)s”的操作。") % {"name": name})
        self.check_access(obj, transition, actor)
        self.check_state(obj, transition, gates=gates)
        return transition

    def check_access(self, obj, transition: Transition, actor) -> None:
        """Who: 404 for one who cannot see the record, 403 for one who sees it but may not act."""
        body = getattr(obj, transition.body_attr or self.body_attr)
        home = getattr(obj, self.body_attr, None)
        if not may(actor, "view", home) and not may(actor, "view", body) and not may(actor, transition.action, body):
            raise NotFound()
        if not may(actor, transition.action, body):
            raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": transition.label})

    def check_state(self, obj, transition: Transition, *, gates: bool = True) -> None:
        """When: the current status is one the step leaves from, and its gates are met. The system's
        own steps (a daily sweep) are checked by this alone."""
        current = getattr(obj, self.field)
        if current not in transition.sources:
            raise Conflict(
                _("当前状态为“%(state)s”，不能进行“%(label)s”。")
                % {"state": self._label(obj, current), "label": transition.label},
                code="invalid_transition",
            )
        for gate in transition.gates if gates else ():
            refusal = gate(obj)
            if refusal:
                raise Conflict(refusal, code="gate_not_met")

    def apply(self, obj, name: str, actor) -> tuple[str, str]:
        """Check and set the new status; returns (before, after) for the audit event."""
        return self.move(obj, self.require(obj, name, actor))

    def move(self, obj, transition: Transition) -> tuple[str, str]:
        """Set the status a checked transition leads to (a `target` of None keeps it)."""
        before = getattr(obj, self.field)
        if transition.target is not None:
            setattr(obj, self.field, transition.target)
        return before, getattr(obj, self.field)

    def available(self, obj, actor) -> list[Transition]:
        current = getattr(obj, self.field)
        return [
            t
            for t in self.transitions.values()
            if current in t.sources and may(actor, t.action, getattr(obj, t.body_attr or self.body_attr))
        ]
