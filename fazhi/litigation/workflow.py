"""The two state machines, each one table with its gates.

Court case (行政诉讼法 2017):
received (待答辩) → defended (答辩, art. 67) → heard (开庭, any number) → decided (判决/裁定 served; the
appeal window runs, art. 85) → appealed | effective (the day after the window) → executing (an
effective judgment the body lost: what it must do, by when, arts. 94–96) → closed. A ruling that
ends the case (驳回起诉、准许撤诉) needs no hearing; a judgment does, except at second instance (art.
86). A second-instance decision is final: `decide-final` makes it effective on service.

Procuratorial suggestion (两高 public-interest interpretation art. 21):
received (待回复) → replied (书面回复) → closed (跟进监督) | sued (行政公益诉讼, a pre-litigation notice only).

Marking a case or a suggestion major and reporting it up (seed art. 32) keep the status (`target`
None). Who may act is the app's own scope (`LitigationQuerySet.restrict`): the defendant body's
members and its government's legal office record; the leading-group office above reads only; a
stranger gets 404. A closed record refuses every step.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.core.errors import Forbidden, NotFound
from fazhi.core.workflow import Transition, Workflow
from fazhi.litigation.choices import CaseStatus as C
from fazhi.litigation.choices import Level, SuggestionKind
from fazhi.litigation.choices import SuggestionStatus as P


class LitigationWorkflow(Workflow):
    """`core.workflow.Workflow` with the app's scope (`LitigationQuerySet.restrict`) instead of the
    role scope."""

    def _scoped(self, obj, actor, action: str) -> bool:
        return type(obj).objects.restrict(actor, action).filter(pk=obj.pk).exists()

    def check_access(self, obj, transition, actor) -> None:
        if not self._scoped(obj, actor, "change"):
            if not self._scoped(obj, actor, "view"):
                raise NotFound()
            raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": transition.label})

    def available(self, obj, actor) -> list[Transition]:
        if not self._scoped(obj, actor, "change"):
            return []
        current = getattr(obj, self.field)
        return [t for t in self.transitions.values() if current in t.sources]


def actions(workflow: LitigationWorkflow, obj, user) -> list[tuple[Transition, str | None]]:
    """The steps `user` may take now, each with the refusal its gates would give (or None). The one
    step 记录判决、裁定 stands for the final decision too: on a second-instance case its gates are
    those of `decide-final`, the transition the service then takes."""
    found = []
    for transition in workflow.available(obj, user):
        if transition.name == "decide-final":
            continue
        checked = transition
        if transition.name == "decide" and obj.level == Level.SECOND:
            checked = workflow.transitions["decide-final"]
        refusal = next((text for text in (gate(obj) for gate in checked.gates) if text), None)
        found.append((transition, refusal))
    return found


# --- gates ----------------------------------------------------------------------------------------


def _not_major(record) -> str | None:
    if record.major:
        return _("已认定为重大、复杂或社会影响较大的案件。")
    return None


def _major_not_reported(record) -> str | None:
    if not record.major:
        return _("请先认定为重大、复杂或社会影响较大的案件，再上报备案。")
    if record.reported_on:
        return _("已于%(day)s上报备案。") % {"day": day_text(record.reported_on)}
    return None


def _not_second_instance(case) -> str | None:
    if case.level == Level.SECOND:
        return _("二审裁判是终审裁判，送达即发生法律效力，请记录终审裁判。")
    return None


def _second_instance(case) -> str | None:
    if case.level != Level.SECOND:
        return _("只有二审裁判是终审裁判；一审、再审裁判请记录裁判并等待上诉期届满。")
    return None


def _judgment(case):
    return getattr(case, "judgment", None) if case.pk else None


def _within_appeal_period(case) -> str | None:
    judgment = _judgment(case)
    if judgment is None or judgment.appeal_until is None:
        return _("没有上诉期。")
    if timezone.localdate() > judgment.appeal_until:
        return _("上诉期（行政诉讼法第八十五条）已于%(day)s届满，裁判已发生法律效力。") % {
            "day": day_text(judgment.appeal_until)
        }
    return None


def _appeal_period_over(case) -> str | None:
    judgment = _judgment(case)
    if judgment is None or judgment.appeal_until is None:
        return _("没有上诉期。")
    if timezone.localdate() <= judgment.appeal_until:
        return _("上诉期至%(day)s届满（行政诉讼法第八十五条），期满未上诉的，裁判次日发生法律效力。") % {
            "day": day_text(judgment.appeal_until)
        }
    return None


def _lost(case) -> str | None:
    judgment = _judgment(case)
    if judgment is None or not judgment.lost:
        return _("本机关未败诉，生效裁判没有要求本机关履行的内容。")
    return None


def _nothing_to_perform(case) -> str | None:
    judgment = _judgment(case)
    if case.status == C.EFFECTIVE and judgment is not None and judgment.lost:
        return _("本机关败诉的生效裁判须先记录履行要求和履行情况（行政诉讼法第九十四条），方可结案。")
    return None


def _pre_litigation(suggestion) -> str | None:
    if suggestion.kind != SuggestionKind.PRE_LITIGATION:
        return _("只有诉前检察建议（行政公益诉讼诉前程序）之后才有检察机关提起的行政公益诉讼。")
    return None


OPEN_CASE = (C.RECEIVED, C.DEFENDED, C.HEARD, C.DECIDED, C.APPEALED, C.EFFECTIVE, C.EXECUTING)
BEFORE_DECISION = (C.RECEIVED, C.DEFENDED, C.HEARD)
MAJOR_STEPS = ("mark-major", "report-major")


def _major_transitions(sources) -> list[Transition]:
    return [
        Transition("mark-major", gettext_lazy("认定为重大案件"), sources, None, gates=(_not_major,)),
        Transition("report-major", gettext_lazy("上报备案"), sources, None, gates=(_major_not_reported,)),
    ]


CASE_WORKFLOW = LitigationWorkflow(
    [
        Transition("defend", gettext_lazy("提交答辩状"), (C.RECEIVED,), C.DEFENDED),
        Transition("hearing", gettext_lazy("记录开庭"), BEFORE_DECISION, C.HEARD),
        Transition("decide", gettext_lazy("记录判决、裁定"), BEFORE_DECISION, C.DECIDED, gates=(_not_second_instance,)),
        Transition(
            "decide-final", gettext_lazy("记录终审判决、裁定"), BEFORE_DECISION, C.EFFECTIVE, gates=(_second_instance,)
        ),
        Transition("appeal", gettext_lazy("记录上诉"), (C.DECIDED,), C.APPEALED, gates=(_within_appeal_period,)),
        Transition("effective", gettext_lazy("确认裁判生效"), (C.DECIDED,), C.EFFECTIVE, gates=(_appeal_period_over,)),
        Transition("execution", gettext_lazy("记录履行要求"), (C.EFFECTIVE,), C.EXECUTING, gates=(_lost,)),
        Transition("refusal", gettext_lazy("记录拒绝履行及法院措施"), (C.EXECUTING,), None),
        Transition("perform", gettext_lazy("记录履行完毕"), (C.EXECUTING,), C.CLOSED),
        Transition("close", gettext_lazy("结案"), (C.EFFECTIVE, C.APPEALED), C.CLOSED, gates=(_nothing_to_perform,)),
        *_major_transitions(OPEN_CASE),
    ]
)
CASE_STEPS = tuple(CASE_WORKFLOW.transitions)

SUGGESTION_WORKFLOW = LitigationWorkflow(
    [
        Transition("reply", gettext_lazy("书面回复"), (P.RECEIVED,), P.REPLIED),
        Transition("follow-up", gettext_lazy("记录跟进监督"), (P.REPLIED,), P.CLOSED),
        Transition(
            "sue", gettext_lazy("记录提起行政公益诉讼"), (P.RECEIVED, P.REPLIED), P.SUED, gates=(_pre_litigation,)
        ),
        *_major_transitions((P.RECEIVED, P.REPLIED)),
    ]
)
SUGGESTION_STEPS = tuple(SUGGESTION_WORKFLOW.transitions)
