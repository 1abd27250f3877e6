"""The petition's state machine, one table with its gates (信访工作条例 arts. 22–36).

received → accepted (登记受理) | forwarded (转送、交办) | referred (导入法定途径) | informed (告知向有权机关提出);
forwarded → accepted | forwarded (on down the system) | received again at the forwarding body (异议) | referred;
accepted → answered (处理意见书) | referred; accepted → accepted (延长办理期限, once, the head);
answered → review (请求复查, within 30 days) → reviewed (复查意见) → recheck (请求复核, within 30 days)
→ closed (复核意见：信访终结); a hearing in the re-check stops its clock.

Registration and handling are the handling body's staff (`change`); the extension is its head's
(`approve`); a review request is recorded by, and answered by, the next level up (`upper_body`,
then `review_body`); a re-check by the level above that (`recheck_body`).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict
from fazhi.core.workflow import Transition, Workflow
from fazhi.petitions.choices import PetitionStatus as S

OPEN_FOR_REGISTRATION = (S.RECEIVED, S.FORWARDED)
ON_THE_CLOCK = (S.RECEIVED, S.FORWARDED, S.ACCEPTED)


def _was_forwarded(petition) -> str | None:
    if petition.forwarded_from_id is None:
        return _("该信访事项不是转送、交办来的，不能提出异议。")
    return None


def _within_object_period(petition) -> str | None:
    if petition.object_until is None or timezone.localdate() > petition.object_until:
        return _("提出异议的期限（收到之日起5个工作日，信访工作条例第二十三条）已于%(day)s届满，不能再提出异议。") % {
            "day": day_text(petition.object_until) if petition.object_until else "—"
        }
    return None


def _not_extended(petition) -> str | None:
    deadline = petition.handle_deadline
    if deadline is not None and deadline.extension_length:
        return _("办理期限已经延长过一次，依信访工作条例第三十四条不能再次延长。")
    return None


def _has_upper(petition) -> str | None:
    if petition.upper_body is None:
        return _("%(body)s在本平台没有上一级机关，请向上一级机关直接提出。") % {
            "body": _current_reviewer(petition).name
        }
    return None


def _current_reviewer(petition):
    if petition.status in (S.REVIEWED, S.RECHECK) and petition.review_body_id:
        return petition.review_body
    return petition.body


def _within_review_window(petition) -> str | None:
    if petition.review_until is None or timezone.localdate() > petition.review_until:
        return _(
            "请求复查的期限（收到处理意见书之日起30日，信访工作条例第三十五条）已于%(day)s届满，不再受理复查请求。"
        ) % {"day": day_text(petition.review_until) if petition.review_until else "—"}
    return None


def _within_recheck_window(petition) -> str | None:
    if petition.recheck_until is None or timezone.localdate() > petition.recheck_until:
        return _(
            "请求复核的期限（收到复查意见之日起30日，信访工作条例第三十六条）已于%(day)s届满，不再受理复核请求。"
        ) % {"day": day_text(petition.recheck_until) if petition.recheck_until else "—"}
    return None


def _no_hearing(petition) -> str | None:
    if petition.hearing_since is not None:
        return _("听证正在进行（自%(day)s起，不计入复核期限），请先记录听证结束。") % {
            "day": day_text(petition.hearing_since)
        }
    return None


def _in_hearing(petition) -> str | None:
    if petition.hearing_since is None:
        return _("没有正在进行的听证。")
    return None


WORKFLOW = Workflow(
    [
        Transition("accept", gettext_lazy("登记受理"), OPEN_FOR_REGISTRATION, S.ACCEPTED),
        Transition("forward", gettext_lazy("转送、交办"), OPEN_FOR_REGISTRATION, S.FORWARDED),
        Transition(
            "object",
            gettext_lazy("提出异议并退回"),
            (S.FORWARDED,),
            S.RECEIVED,
            gates=(_was_forwarded, _within_object_period),
        ),
        Transition("refer", gettext_lazy("导入法定途径"), ON_THE_CLOCK, S.REFERRED),
        Transition("inform", gettext_lazy("告知向有权机关提出"), OPEN_FOR_REGISTRATION, S.INFORMED),
        Transition(
            "extend", gettext_lazy("延长办理期限"), (S.ACCEPTED,), S.ACCEPTED, "approve", gates=(_not_extended,)
        ),
        Transition("answer", gettext_lazy("出具处理意见书"), (S.ACCEPTED,), S.ANSWERED),
        Transition(
            "request-review",
            gettext_lazy("请求复查"),
            (S.ANSWERED,),
            S.REVIEW,
            gates=(_has_upper, _within_review_window),
            body_attr="upper_body",
        ),
        Transition("review", gettext_lazy("出具复查意见"), (S.REVIEW,), S.REVIEWED, body_attr="review_body"),
        Transition(
            "request-recheck",
            gettext_lazy("请求复核"),
            (S.REVIEWED,),
            S.RECHECK,
            gates=(_has_upper, _within_recheck_window),
            body_attr="upper_body",
        ),
        Transition(
            "hearing-start",
            gettext_lazy("举行听证（中止计算复核期限）"),
            (S.RECHECK,),
            S.RECHECK,
            gates=(_no_hearing,),
            body_attr="recheck_body",
        ),
        Transition(
            "hearing-end",
            gettext_lazy("听证结束（恢复计算复核期限）"),
            (S.RECHECK,),
            S.RECHECK,
            gates=(_in_hearing,),
            body_attr="recheck_body",
        ),
        Transition(
            "recheck",
            gettext_lazy("出具复核意见"),
            (S.RECHECK,),
            S.CLOSED,
            gates=(_no_hearing,),
            body_attr="recheck_body",
        ),
    ]
)
STEPS = tuple(WORKFLOW.transitions)
PUBLIC_STEPS = ("request-review", "request-recheck")


def public_refusal(petition, name: str) -> None:
    """The petitioner's own request (复查, 复核) on the portal: the status and the gates, without a
    login; each refusal says why."""
    transition = WORKFLOW.transitions[name]
    if petition.status == S.REFERRED:
        raise Conflict(
            _("该信访事项已导入法定途径（%(channel)s），不适用复查、复核，请按告知的途径办理。")
            % {"channel": petition.get_channel_display()},
            code="invalid_transition",
        )
    if petition.status == S.CLOSED:
        raise Conflict(
            _("该信访事项已经复核，信访终结；以同一事实和理由再次提出的，不再受理（信访工作条例第三十六条）。"),
            code="invalid_transition",
        )
    if petition.status not in transition.sources:
        raise Conflict(
            _("当前状态为“%(state)s”，不能%(label)s。")
            % {"state": petition.get_status_display(), "label": transition.label},
            code="invalid_transition",
        )
    for gate in transition.gates:
        refusal = gate(petition)
        if refusal:
            raise Conflict(refusal, code="gate_not_met")


def actions(petition, user) -> list[tuple[Transition, str | None]]:
    """The steps `user` may take on the petition now, each with the refusal it would meet (or None)."""
    found = []
    for transition in WORKFLOW.available(petition, user):
        if getattr(petition, transition.body_attr or "body", None) is None:
            continue
        refusal = None
        for gate in transition.gates:
            refusal = gate(petition)
            if refusal:
                break
        found.append((transition, refusal))
    return found
