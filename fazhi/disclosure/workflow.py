"""The state machines of 政务公开, each one table with its gates.

catalogue item: draft (待公开) → published → withdrawn (a draft may also be withdrawn);
guide: draft → published (the current version) → superseded by the next one published;
request: received (online, waiting for 确认收到) → handling → answered, with the side-steps
correcting (条例 art. 30: asked once; corrected → handling, the clock restarted; not corrected in
time → answered as 其他处理) and consulting (art. 32: the clock stops until the third party
answers or its 15 working days run out). The extension (art. 33) does not change the status;
its gate refuses a second one. Annual report: draft → submitted → published (the head's).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.core.workflow import Transition, Workflow
from fazhi.disclosure.choices import GuideStatus, ItemStatus, ReportStatus, RequestStatus

ITEM = Workflow(
    [
        Transition("publish", gettext_lazy("公开"), (ItemStatus.DRAFT,), ItemStatus.PUBLISHED, "change"),
        Transition("revise", gettext_lazy("更新"), (ItemStatus.PUBLISHED,), ItemStatus.PUBLISHED, "change"),
        Transition(
            "withdraw",
            gettext_lazy("撤回"),
            (ItemStatus.DRAFT, ItemStatus.PUBLISHED),
            ItemStatus.WITHDRAWN,
            "change",
        ),
    ]
)

GUIDE = Workflow(
    [Transition("publish", gettext_lazy("发布指南"), (GuideStatus.DRAFT,), GuideStatus.PUBLISHED, "change")]
)


def _not_corrected_before(request) -> str | None:
    if request.correction_asked_on is not None:
        return _("已于%(date)s一次性告知补正，不能再次要求补正（条例第三十条）。") % {
            "date": day_text(request.correction_asked_on)
        }
    return None


def _within_correction_period(request) -> str | None:
    deadline = request.correction_deadline
    if deadline is not None and deadline.due_on is not None and timezone.localdate() > deadline.due_on:
        return _("告知补正应在收到申请之日起7个工作日内（%(date)s前）作出，已经超过（条例第三十条）。") % {
            "date": day_text(deadline.due_on)
        }
    return None


def _not_extended(request) -> str | None:
    deadline = request.answer_deadline
    if deadline is not None and deadline.extension_length:
        return _("答复期限已经延长过一次，不能再次延长（条例第三十三条）。")
    return None


def _correction_period_over(request) -> str | None:
    if request.correction_due_on is not None and timezone.localdate() <= request.correction_due_on:
        return _("补正期限（%(date)s）尚未届满，不能按逾期不补正处理。") % {"date": day_text(request.correction_due_on)}
    return None


def _answer_running(request) -> str | None:
    if request.answer_deadline is None:
        return _("尚未确认收到申请，答复期限还没有起算。")
    return None


REQUEST = Workflow(
    [
        Transition("confirm", gettext_lazy("确认收到"), (RequestStatus.RECEIVED,), RequestStatus.HANDLING, "change"),
        Transition(
            "ask_correction",
            gettext_lazy("告知补正"),
            (RequestStatus.HANDLING,),
            RequestStatus.CORRECTING,
            "change",
            gates=(_not_corrected_before, _within_correction_period),
        ),
        Transition(
            "corrected", gettext_lazy("收到补正"), (RequestStatus.CORRECTING,), RequestStatus.HANDLING, "change"
        ),
        Transition(
            "correction_lapsed",
            gettext_lazy("逾期未补正，不再处理"),
            (RequestStatus.CORRECTING,),
            RequestStatus.ANSWERED,
            "change",
            gates=(_correction_period_over,),
        ),
        Transition(
            "extend",
            gettext_lazy("延长答复期限"),
            (RequestStatus.HANDLING, RequestStatus.CONSULTING),
            "",  # the status stays; see `services.extend`
            "approve",
            gates=(_answer_running, _not_extended),
        ),
        Transition(
            "consult",
            gettext_lazy("征求第三方意见"),
            (RequestStatus.HANDLING,),
            RequestStatus.CONSULTING,
            "change",
        ),
        Transition(
            "resume",
            gettext_lazy("第三方意见已回复或逾期，恢复计算"),
            (RequestStatus.CONSULTING,),
            RequestStatus.HANDLING,
            "change",
        ),
        Transition(
            "answer",
            gettext_lazy("答复"),
            (RequestStatus.HANDLING,),
            RequestStatus.ANSWERED,
            "change",
            gates=(_answer_running,),
        ),
    ]
)

REPORT = Workflow(
    [
        Transition("submit", gettext_lazy("提交"), (ReportStatus.DRAFT,), ReportStatus.SUBMITTED, "change"),
        Transition("return", gettext_lazy("退回修改"), (ReportStatus.SUBMITTED,), ReportStatus.DRAFT, "approve"),
        Transition("publish", gettext_lazy("公布"), (ReportStatus.SUBMITTED,), ReportStatus.PUBLISHED, "approve"),
    ]
)


def actions(workflow: Workflow, obj, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take on `obj` now, each with the reason it would be refused."""
    result = []
    for transition in workflow.available(obj, actor):
        refusal = next((reason for gate in transition.gates if (reason := gate(obj))), None)
        result.append((transition, refusal))
    return result
