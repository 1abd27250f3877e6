"""The reconsideration case's state machine, one table with its gates (行政复议法 arts. 30–79).

forwarding → received (转送, art. 32, the respondent);
received → accepted (受理, or 视为受理 by the sweep) | refused (不予受理) | completion (通知补正, once);
completion → received (补正材料到达：审查期限重新起算) | withdrawn (逾期未补正，视为放弃) | refused;
accepted ⇄ suspended (中止 / 恢复); accepted | suspended → terminated (终止) | mediated (调解书);
accepted → decided (复议决定, incl. 驳回申请 art. 33).

Steps that keep the status (send the copy, the reply, hearings, conversion, extension, opinion
letters, service, publication, performance, major cases) are transitions from and to the same
statuses; `require` checks them like any other. The office's staff run the office's steps
(`change` at the office), its head the approvals (`approve`: conversion, extension); the
respondent's staff forward, reply and report performance (`change` at the respondent).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.core.workflow import Transition, Workflow
from fazhi.reconsideration.choices import TERMINABLE_AFTER_60_DAYS, Procedure, SuspensionReason
from fazhi.reconsideration.choices import CaseStatus as S

FINAL = (S.DECIDED, S.MEDIATED)
HEARD = (S.ACCEPTED, S.SUSPENDED)
AFTER_ACCEPTANCE = (S.ACCEPTED, S.SUSPENDED, S.DECIDED, S.MEDIATED, S.TERMINATED)
ALL = tuple(S.values)


def _not_notified(case) -> str | None:
    if case.completion_notified_on is not None:
        return _("补正通知应当一次性载明需要补正的事项（行政复议法第三十一条），已于%(day)s通知过，不能再次通知。") % {
            "day": day_text(case.completion_notified_on)
        }
    return None


def _completion_overdue(case) -> str | None:
    if case.completion_until is None or timezone.localdate() <= case.completion_until:
        return _("补正期限至%(day)s，期限届满前不能视为放弃申请。") % {
            "day": day_text(case.completion_until) if case.completion_until else "—"
        }
    return None


def _completion_open(case) -> str | None:
    if case.completion_until is None or timezone.localdate() > case.completion_until:
        return _("补正期限已于%(day)s届满。") % {
            "day": day_text(case.completion_until) if case.completion_until else "—"
        }
    return None


def _copy_not_sent(case) -> str | None:
    if case.copy_sent_on is not None:
        return _("已于%(day)s发送申请书副本。") % {"day": day_text(case.copy_sent_on)}
    return None


def _copy_sent(case) -> str | None:
    if case.copy_sent_on is None:
        return _("行政复议机构尚未发送申请书副本。")
    if case.reply_received_on is not None:
        return _("已于%(day)s提交书面答复。") % {"day": day_text(case.reply_received_on)}
    return None


def _simplified(case) -> str | None:
    if case.procedure != Procedure.SIMPLIFIED:
        return _("本案适用普通程序，无需转换。")
    return None


def _ordinary_not_extended(case) -> str | None:
    if case.procedure != Procedure.ORDINARY:
        return _("简易程序的审理期限不能延长；情况复杂的，可经批准转为普通程序（第五十五条）。")
    deadline = case.decide_deadline
    if deadline is not None and deadline.extension_length:
        return _("审理期限已经延长过一次，依行政复议法第六十二条不能再次延长。")
    return None


def _may_resume(case) -> str | None:
    if case.suspension_reason == SuspensionReason.INCIDENTAL_REVIEW and case.incidental_review_id:
        from fazhi.documents.filing_choices import IncidentalStatus

        if case.incidental_review.status != IncidentalStatus.CONCLUDED:
            return _("规范性文件附带审查尚未处理完毕，不能恢复审理。")
    return None


def suspended_days(case) -> int:
    if case.suspended_since is None:
        return 0
    return (timezone.localdate() - case.suspended_since).days


def terminate_refusal(case, reason: str) -> str | None:
    """Art. 41(5): only after 60 days suspended for art. 39(1)(2)(4), the cause still there."""
    from fazhi.reconsideration.choices import TerminationReason

    if reason != TerminationReason.SUSPENDED_60_DAYS:
        return None
    if case.status != S.SUSPENDED or case.suspension_reason not in TERMINABLE_AFTER_60_DAYS:
        return _("只有依第三十九条第一款第一、二、四项中止的案件，才能以中止满六十日为由终止。")
    if suspended_days(case) < 60:
        return _("自%(day)s中止，尚未满六十日，不能以此为由终止（第四十一条第五项）。") % {
            "day": day_text(case.suspended_since)
        }
    return None


def _copy_before_decision(case) -> str | None:
    if case.copy_sent_on is None:
        return _("尚未向被申请人发送申请书副本，不能作出决定（第四十八条、第五十四条）。")
    return None


def _not_served(case) -> str | None:
    if case.served_on is not None:
        return _("已于%(day)s送达。") % {"day": day_text(case.served_on)}
    return None


def _served_not_published(case) -> str | None:
    if case.served_on is None:
        return _("决定书送达生效后才能公开。")
    if case.published_on is not None:
        return _("已于%(day)s公开。") % {"day": day_text(case.published_on)}
    return None


def _performance_open(case) -> str | None:
    if not case.performance_required:
        return _("本案的决定或调解书没有要求被申请人履行的事项。")
    if case.performance_reported_on is not None:
        return _("被申请人已于%(day)s报告履行情况。") % {"day": day_text(case.performance_reported_on)}
    return None


def _not_major(case) -> str | None:
    return _("已列为重大案件。") if case.major else None


def _major_not_reported(case) -> str | None:
    if not case.major:
        return _("请先列为重大、复杂或社会影响较大的案件。")
    if case.reported_on is not None:
        return _("已于%(day)s上报备案。") % {"day": day_text(case.reported_on)}
    return None


def _no_incidental_review(case) -> str | None:
    if case.incidental_review_id is not None:
        return _("本案已提请规范性文件附带审查。")
    return None


def _t(name, label, sources, target, action="change", gates=(), body_attr=None):
    return Transition(name, label, tuple(sources), target, action, tuple(gates), body_attr)


WORKFLOW = Workflow(
    [
        _t("forward", gettext_lazy("转送行政复议机关"), (S.FORWARDING,), S.RECEIVED, body_attr="acting_body"),
        _t("accept", gettext_lazy("受理"), (S.RECEIVED,), S.ACCEPTED),
        _t("refuse", gettext_lazy("不予受理"), (S.RECEIVED, S.COMPLETION), S.REFUSED),
        _t("ask-completion", gettext_lazy("通知补正"), (S.RECEIVED,), S.COMPLETION, gates=(_not_notified,)),
        _t("extend-completion", gettext_lazy("延长补正期限"), (S.COMPLETION,), S.COMPLETION),
        _t("complete", gettext_lazy("收到补正材料"), (S.COMPLETION,), S.RECEIVED, gates=(_completion_open,)),
        _t(
            "deem-withdrawn",
            gettext_lazy("逾期未补正，视为放弃申请"),
            (S.COMPLETION,),
            S.WITHDRAWN,
            gates=(_completion_overdue,),
        ),
        _t("send-copy", gettext_lazy("发送申请书副本"), (S.ACCEPTED,), S.ACCEPTED, gates=(_copy_not_sent,)),
        _t(
            "reply",
            gettext_lazy("提交书面答复和证据"),
            (S.ACCEPTED, S.SUSPENDED),
            S.ACCEPTED,
            gates=(_copy_sent,),
            body_attr="respondent",
        ),
        _t("convert", gettext_lazy("简易程序转为普通程序"), (S.ACCEPTED,), S.ACCEPTED, "approve", gates=(_simplified,)),
        _t(
            "extend",
            gettext_lazy("延长审理期限"),
            (S.ACCEPTED,),
            S.ACCEPTED,
            "approve",
            gates=(_ordinary_not_extended,),
        ),
        _t("suspend", gettext_lazy("中止审理"), (S.ACCEPTED,), S.SUSPENDED),
        _t("resume", gettext_lazy("恢复审理"), (S.SUSPENDED,), S.ACCEPTED, gates=(_may_resume,)),
        _t(
            "incidental-review",
            gettext_lazy("提请规范性文件附带审查"),
            (S.ACCEPTED,),
            S.SUSPENDED,
            gates=(_no_incidental_review,),
        ),
        _t("terminate", gettext_lazy("终止行政复议"), HEARD, S.TERMINATED),
        _t("proceeding", gettext_lazy("记录听取意见、听证"), HEARD, S.ACCEPTED),
        _t("mediate", gettext_lazy("制作调解书"), HEARD, S.MEDIATED),
        _t("decide", gettext_lazy("作出行政复议决定"), (S.ACCEPTED,), S.DECIDED, gates=(_copy_before_decision,)),
        _t("serve", gettext_lazy("送达决定书"), (S.DECIDED,), S.DECIDED, gates=(_not_served,)),
        _t("publish", gettext_lazy("公开决定书"), (S.DECIDED,), S.DECIDED, gates=(_served_not_published,)),
        _t("letter", gettext_lazy("制发行政复议意见书"), AFTER_ACCEPTANCE, S.ACCEPTED),
        _t(
            "report-performance",
            gettext_lazy("报告履行情况"),
            FINAL,
            S.DECIDED,
            gates=(_performance_open,),
            body_attr="respondent",
        ),
        _t("order-performance", gettext_lazy("责令限期履行"), FINAL, S.DECIDED, gates=(_performance_open,)),
        _t("mark-major", gettext_lazy("列为重大案件"), ALL, S.ACCEPTED, gates=(_not_major,)),
        _t("report-major", gettext_lazy("上报备案"), ALL, S.ACCEPTED, gates=(_major_not_reported,)),
    ]
)
# Steps after which the status stays where it was (their `target` is not applied).
KEEP_STATUS = frozenset(
    {
        "extend-completion",
        "send-copy",
        "reply",
        "convert",
        "extend",
        "proceeding",
        "serve",
        "publish",
        "letter",
        "report-performance",
        "order-performance",
        "mark-major",
        "report-major",
    }
)
STEPS = tuple(WORKFLOW.transitions)


def actions(case, user):
    """The steps `user` may take on the case now, each with the refusal it would meet (or None)."""
    found = []
    for transition in WORKFLOW.available(case, user):
        refusal = None
        for gate in transition.gates:
            refusal = gate(case)
            if refusal:
                break
        found.append((transition, refusal))
    return found
