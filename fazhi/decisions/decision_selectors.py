"""Read-side queries of the decision pages, the API and the portal: the office list, the procedure
records about a decision, its timeline from the audit chain, its due dates, and what is public."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy

from fazhi.core import audit
from fazhi.decisions import selectors
from fazhi.decisions.models import AccountabilityCase, Decision
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import ConsultationStatus
from fazhi.procedures.models import Consultation


def office_decisions(user, *, status: str = ""):
    decisions = Decision.objects.restrict(user).select_related("body", "deciding_body")
    if status:
        decisions = decisions.filter(status=status)
    return decisions.order_by("-updated_at", "-id")


def public_decisions(*, body=None, year=None):
    """The portal's list: published, never exempt from disclosure (`Decision.objects.published`)."""
    decisions = Decision.objects.published().select_related("deciding_body")
    if body is not None:
        decisions = decisions.filter(deciding_body=body)
    if year:
        decisions = decisions.filter(published_on__year=year)
    return decisions.order_by("-published_on", "-id")


def open_consultations() -> list[tuple[Decision, Consultation]]:
    """Decision drafts whose consultation is open for comment, with it (two queries whatever their number)."""
    consultations = Consultation.objects.public().filter(
        content_type=ContentType.objects.get_for_model(Decision), status=ConsultationStatus.OPEN
    )
    by_decision = {int(c.object_id): c for c in consultations.order_by("closes_on", "id")}
    decisions = Decision.objects.filter(pk__in=by_decision, disclosure_exempt=False).select_related("body")
    return [(decision, by_decision[decision.pk]) for decision in decisions.order_by("-updated_at", "-id")]


def published_feedback(decision: Decision) -> list[dict]:
    """The decision's consultations whose feedback statement is published, each with the statement."""
    consultations = procedures.consultations_of(decision).filter(status=ConsultationStatus.FEEDBACK_PUBLISHED)
    return [{"consultation": c, "statement": procedures.feedback_statement(c)} for c in consultations.order_by("id")]


def accountability_cases(decision: Decision, user):
    """The decision's accountability cases the user may see: those of bodies in their scope."""
    return AccountabilityCase.objects.restrict(user).filter(decision=decision).select_related("body").order_by("-id")


# --- the decision page: procedures, timeline, due dates ------------------------------------

EVENT_LABELS = {
    "decisions.created": gettext_lazy("启动决策程序"),
    "decisions.changed": gettext_lazy("修改决策草案"),
    "decisions.consultation_started": gettext_lazy("公开征求意见"),
    "decisions.hearing_recorded": gettext_lazy("记录听证会"),
    "decisions.hearing_confirmed": gettext_lazy("确认听证会记录"),
    "decisions.expert_opinion_added": gettext_lazy("录入专家论证意见"),
    "decisions.risk_assessed": gettext_lazy("录入风险评估"),
    "decisions.competition_review_submitted": gettext_lazy("送公平竞争审查"),
    "decisions.submitted_for_review": gettext_lazy("送请合法性审查"),
    "decisions.review_concluded": gettext_lazy("确认合法性审查结论"),
    "decisions.adviser_opinion_given": gettext_lazy("法律顾问出具意见"),
    "decisions.decided": gettext_lazy("集体讨论决定"),
    "decisions.not_adopted": gettext_lazy("决定不予通过"),
    "decisions.reported_to_party": gettext_lazy("向党委请示报告"),
    "decisions.published": gettext_lazy("公布决策"),
    "decisions.adjusted": gettext_lazy("决策已调整"),
    "decisions.suspended": gettext_lazy("中止执行"),
    "decisions.resumed": gettext_lazy("恢复执行"),
    "decisions.withdrawn": gettext_lazy("撤回"),
    "decisions.implementation_reported": gettext_lazy("报告执行情况"),
    "decisions.post_evaluation_started": gettext_lazy("启动决策后评估"),
    "decisions.post_evaluation_concluded": gettext_lazy("完成决策后评估"),
    "decisions.accountability_opened": gettext_lazy("决策责任追究立案"),
    "decisions.accountability_concluded": gettext_lazy("决策责任追究办结"),
    "decisions.dossier_exported": gettext_lazy("导出决策档案"),
}


def procedures_of(decision: Decision) -> dict:
    """The procedures records about the decision: consultations, reviews (with stages), meetings."""
    return procedures.records_of(decision)


def timeline(decision: Decision, found: dict | None = None) -> list[dict]:
    """The decision's history from the audit chain: its own events, its procedures' and its records'."""
    related = {
        **procedures.related_records(found or procedures_of(decision)),
        "decisions.hearing": list(decision.hearings.values_list("pk", flat=True)),
        "decisions.expertopinion": list(decision.expert_opinions.values_list("pk", flat=True)),
        "decisions.riskassessment": list(decision.risk_assessments.values_list("pk", flat=True)),
        "decisions.adviseropinion": list(selectors.adviser_opinions_of(decision).values_list("pk", flat=True)),
        "decisions.implementationreport": list(decision.implementation_reports.values_list("pk", flat=True)),
        "decisions.postevaluation": list(decision.post_evaluations.values_list("pk", flat=True)),
    }
    return audit.history(decision, related, {**procedures.EVENT_LABELS, **EVENT_LABELS})


def due_dates(decision: Decision, found: dict | None = None) -> list[dict]:
    """Every date the decision's procedures run to, with the source of its period: the consultation's
    closing day and each review stage's due date (the legality review's at least 7 working days)."""
    return procedures.due_dates(found or procedures_of(decision))
