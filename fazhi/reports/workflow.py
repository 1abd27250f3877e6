"""The report's state machine, one table with its gates.

draft (草稿: the texts edited, the figures regenerated) → submitted (提交主要负责人审批; the
figures frozen) → approved (审批) → sent (报送 to every recipient on one day) → published (向社会公开).
The head may return a submitted report to draft with a reason. Who acts is the body's own members
(`YearlyReportQuerySet.restrict`): any member with a changing role for the clerk's steps, its
head (`approve`) to approve or return; whoever else sees the report — its government, the
leading-group office — reads only (403 on a step), and anyone else gets 404.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.errors import Conflict, Forbidden, NotFound
from fazhi.core.workflow import Transition, Workflow
from fazhi.reports.choices import ReportStatus as S

# The parts of the report that must be written before it goes to the head (seed art. 35: 指标落实
# 情况、存在的不足及问题、有关对策; the head's duty: seed art. 3). 其他需要报告的情况 is optional.
REQUIRED_TEXTS = (
    ("achievements", gettext_lazy("主要举措和成效")),
    ("shortcomings", gettext_lazy("存在的不足和原因")),
    ("head_duty", gettext_lazy("主要负责人履行推进法治建设第一责任人职责情况")),
    ("next_year", gettext_lazy("下一年度工作安排")),
)


def _texts_written(report) -> str | None:
    missing = [str(label) for name, label in REQUIRED_TEXTS if not getattr(report, name).strip()]
    if missing:
        return _("“%(parts)s”尚未填写，不能提交审批。") % {"parts": "”“".join(missing)}
    return None


def _editable(report) -> str:
    if report.status == S.SUBMITTED:
        return _("报告已提交主要负责人审批，不能修改；需要修改的，请负责人退回。")
    return _("报告已经审批，不能再修改。")


# Why a step is refused in a state it does not leave from, where the plain “当前状态为…” says too little.
OUT_OF_ORDER = {
    "edit": _editable,
    "regenerate": _editable,
    "send": lambda report: _("报告经主要负责人审批后方可报送。"),
    "publish": lambda report: _("报告报送后方可向社会公开。"),
}


class ReportWorkflow(Workflow):
    """`core.workflow.Workflow` with the report's own scope: the body's members act, the
    recipients read."""

    def _scoped(self, report, actor, action: str) -> bool:
        return type(report).objects.restrict(actor, action).filter(pk=report.pk).exists()

    def check_access(self, report, transition, actor) -> None:
        if not self._scoped(report, actor, transition.action):
            if not self._scoped(report, actor, "view"):
                raise NotFound()
            raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": transition.label})

    def check_state(self, report, transition, *, gates: bool = True) -> None:
        explain = OUT_OF_ORDER.get(transition.name)
        if explain is not None and report.status not in transition.sources:
            raise Conflict(explain(report), code="invalid_transition")
        super().check_state(report, transition, gates=gates)

    def available(self, report, actor) -> list[Transition]:
        return [
            transition
            for transition in self.transitions.values()
            if report.status in transition.sources and self._scoped(report, actor, transition.action)
        ]


WORKFLOW = ReportWorkflow(
    [
        Transition("edit", gettext_lazy("保存"), (S.DRAFT,), None),
        Transition("regenerate", gettext_lazy("重新生成指标数据"), (S.DRAFT,), None),
        Transition("submit", gettext_lazy("提交主要负责人审批"), (S.DRAFT,), S.SUBMITTED, gates=(_texts_written,)),
        Transition("return", gettext_lazy("退回修改"), (S.SUBMITTED,), S.DRAFT, action="approve"),
        Transition("approve", gettext_lazy("审批同意"), (S.SUBMITTED,), S.APPROVED, action="approve"),
        Transition("send", gettext_lazy("报送"), (S.APPROVED,), S.SENT),
        Transition("publish", gettext_lazy("向社会公开"), (S.SENT,), S.PUBLISHED),
    ]
)
STEPS = tuple(WORKFLOW.transitions)


def actions(report, user) -> list[tuple[Transition, str | None]]:
    """The steps `user` may take now, each with the refusal its gates would give (or None)."""
    return [
        (transition, next((text for text in (gate(report) for gate in transition.gates) if text), None))
        for transition in WORKFLOW.available(report, user)
    ]
