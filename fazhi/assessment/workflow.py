"""The two state machines: the scheme's (seed art. 48) and the evaluation's (art. 49).

The scheme is drafted by the leading-group office (报请), approved or returned by the government;
approved means locked.

draft (拟定中) → submitted (报请政府批准; gate: the scheme is complete and consistent) → approved
(批准, locked) | draft again (退回, with a reason). Who drafts is whoever may change records at the
government (its 依法行政办); who approves or returns is whoever may approve there (its head).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.assessment.choices import EvaluationStatus
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


# --- the evaluation (art. 49) ----------------------------------------------------------------------
#
# scoring (评分中) → submitted (报请审定; gate: every manual indicator scored, every social score in)
# → approved (政府审定) | scoring again (退回) → notified (通报; the objection period runs) → final
# (结果确定; gate: the period is over and every objection answered) → published (向社会公布).


def _all_scored(evaluation) -> str | None:
    from fazhi.assessment import evaluation as running

    missing = running.missing(evaluation)
    if missing:
        return _("尚不能报请审定：%(missing)s") % {"missing": "；".join(missing)}
    return None


def _objections_settled(evaluation) -> str | None:
    from django.utils import timezone

    from fazhi.assessment.models import Objection
    from fazhi.core.dates import day_text

    if evaluation.objection_until and timezone.localdate() <= evaluation.objection_until:
        return _("异议期至%(day)s届满，届满后方可确定结果。") % {"day": day_text(evaluation.objection_until)}
    open_objections = Objection.objects.filter(result__evaluation=evaluation, outcome="").count()
    if open_objections:
        return _("还有%(count)d件异议未答复。") % {"count": open_objections}
    return None


E = EvaluationStatus
EVALUATION_WORKFLOW = Workflow(
    [
        Transition("submit", gettext_lazy("报请政府审定"), (E.SCORING,), E.SUBMITTED, "change", (_all_scored,)),
        Transition("return", gettext_lazy("退回重新评分"), (E.SUBMITTED,), E.SCORING, "approve"),
        Transition("approve", gettext_lazy("审定考评结果"), (E.SUBMITTED,), E.APPROVED, "approve"),
        Transition("notify", gettext_lazy("通报考评结果"), (E.APPROVED,), E.NOTIFIED, "change"),
        Transition("finalise", gettext_lazy("确定考评结果"), (E.NOTIFIED,), E.FINAL, "change", (_objections_settled,)),
        Transition("publish", gettext_lazy("向社会公布"), (E.FINAL,), E.PUBLISHED, "change"),
    ],
    body_attr="government",
)


def actions(workflow: Workflow, obj, user) -> list[tuple[Transition, str | None]]:
    """The steps `user` may take on `obj` now, each with the refusal its gates would give (or None)."""
    return [
        (transition, next((text for gate in transition.gates if (text := gate(obj))), None))
        for transition in workflow.available(obj, user)
    ]
