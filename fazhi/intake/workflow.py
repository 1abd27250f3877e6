"""The handling of a complaint or report, one table:

received (待受理) → accepted (办理中) → concluded (已办结, with the result and the reply);
received → refused (不予受理, with the reason the submitter reads);
received or accepted → transferred (转交) → received again, at the body that takes it over, whose
clock starts on the day it receives it.

Every step is the handling body's staff's (`change`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.access import may
from fazhi.core.workflow import Transition, Workflow
from fazhi.intake.choices import CaseStatus


def _reason_given(case) -> str | None:
    if not case.refusal_reason.strip():
        return _("不予受理须写明理由。")
    return None


def _result_and_reply(case) -> str | None:
    if not case.result:
        return _("请选择处理结果。")
    if not case.reply.strip():
        return _("请填写给投诉举报人的答复。")
    return None


CASE = Workflow(
    [
        Transition("accept", gettext_lazy("受理"), (CaseStatus.RECEIVED,), CaseStatus.ACCEPTED),
        Transition(
            "refuse", gettext_lazy("不予受理"), (CaseStatus.RECEIVED,), CaseStatus.REFUSED, gates=(_reason_given,)
        ),
        Transition("transfer", gettext_lazy("转交"), (CaseStatus.RECEIVED, CaseStatus.ACCEPTED), CaseStatus.RECEIVED),
        Transition(
            "conclude",
            gettext_lazy("办结答复"),
            (CaseStatus.ACCEPTED,),
            CaseStatus.CONCLUDED,
            gates=(_result_and_reply,),
        ),
    ]
)
OPEN = (CaseStatus.RECEIVED, CaseStatus.ACCEPTED)


def steps(case, user) -> list[str]:
    """The names of the steps `user` may take on `case` now (the forms the case page shows)."""
    names = [t.name for t in CASE.available(case, user)]
    if case.status in OPEN and may(user, "change", case.body):
        names.append("note")
    return names
