"""The scheme's state machine (seed art. 48): drafted by the leading-group office (报请), approved or
returned by the government; approved means locked.

draft (拟定中) → submitted (报请政府批准; gate: the scheme is complete and consistent) → approved
(批准, locked) | draft again (退回, with a reason). Who drafts is whoever may change records at the
government (its 依法行政办); who approves or returns is whoever may approve there (its head).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.assessment.choices import SchemeStatus as S
from fazhi.core.workflow import Transition, Workflow


def _complete(scheme) -> str | None:
    from fazhi.assessment import services

    problems = services.problems(scheme)
    if problems:
        return _("方案尚不完整，不能报请批准：%(problems)s") % {"problems": "；".join(problems)}
    return None


SCHEME_WORKFLOW = Workflow(
    [
        Transition("submit", gettext_lazy("报请政府批准"), (S.DRAFT,), S.SUBMITTED, "change", (_complete,)),
        Transition("return", gettext_lazy("退回修改"), (S.SUBMITTED,), S.DRAFT, "approve"),
        Transition("approve", gettext_lazy("批准方案"), (S.SUBMITTED,), S.APPROVED, "approve", (_complete,)),
    ],
    body_attr="government",
)
