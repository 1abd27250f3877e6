"""Read-side queries of the decision pages, the API and the portal: the office list, the procedure
records about a decision, its timeline from the audit chain, its due dates, and what is public."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy

from fazhi.core.models import AuditEvent
from fazhi.decisions import selectors
from fazhi.decisions.models import AccountabilityCase, Decision
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import ConsultationStatus
from fazhi.procedures.models import Consultation, ReviewStage


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
    "procedures.consultation_created": gettext_lazy("起草征求意见公告"),
    "procedures.consultation_changed": gettext_lazy("修改征求意见公告"),
    "procedures.consultation_opened": gettext_lazy("发布征求意见"),
    "procedures.consultation_closed": gettext_lazy("征求意见截止"),
    "procedures.feedback_published": gettext_lazy("公布意见采纳情况"),
    "procedures.comment_received": gettext_lazy("收到公众意见"),
    "procedures.comment_decided": gettext_lazy("处理公众意见"),
    "procedures.review_opened": gettext_lazy("送审"),
    "procedures.review_stage_started": gettext_lazy("送阶段审查"),
    "procedures.review_stage_concluded": gettext_lazy("出具审查意见"),
    "procedures.review_passed": gettext_lazy("审查通过"),
    "procedures.review_failed": gettext_lazy("审查不通过"),
    "procedures.review_resubmitted": gettext_lazy("修改后重新报送"),
    "procedures.competition_checked": gettext_lazy("填写公平竞争审查标准"),
    "procedures.meeting_recorded": gettext_lazy("记录集体讨论"),
    "procedures.meeting_changed": gettext_lazy("修改会议记录"),
    "procedures.meeting_signed": gettext_lazy("签署会议记录"),
}


def procedures_of(decision: Decision) -> dict:
    """The procedures records about the decision: consultations, reviews (with stages), meetings."""
    return {
        "consultations": list(procedures.consultations_of(decision).order_by("created_at", "id")),
        "reviews": list(
            procedures.reviews_of(decision).prefetch_related("stages__reviewer_body").order_by("kind", "round", "id")
        ),
        "meetings": list(procedures.meetings_of(decision).order_by("held_on", "id")),
    }


def timeline(decision: Decision, found: dict | None = None) -> list[dict]:
    """The decision's history from the audit chain: its own events, its procedures' and its records'."""
    found = found or procedures_of(decision)
    related = {
        "procedures.consultation": [c.pk for c in found["consultations"]],
        "procedures.consultationcomment": [
            pk for c in found["consultations"] for pk in c.comments.values_list("pk", flat=True)
        ],
        "procedures.review": [r.pk for r in found["reviews"]],
        "procedures.reviewstage": list(
            ReviewStage.objects.filter(review__in=[r.pk for r in found["reviews"]]).values_list("pk", flat=True)
        ),
        "procedures.meetingrecord": [m.pk for m in found["meetings"]],
        "decisions.hearing": list(decision.hearings.values_list("pk", flat=True)),
        "decisions.expertopinion": list(decision.expert_opinions.values_list("pk", flat=True)),
        "decisions.riskassessment": list(decision.risk_assessments.values_list("pk", flat=True)),
        "decisions.adviseropinion": list(selectors.adviser_opinions_of(decision).values_list("pk", flat=True)),
        "decisions.implementationreport": list(decision.implementation_reports.values_list("pk", flat=True)),
        "decisions.postevaluation": list(decision.post_evaluations.values_list("pk", flat=True)),
    }
    objects = Q(object_type=Decision._meta.label_lower, object_id=str(decision.pk))
    for object_type, ids in related.items():
        if ids:
            objects |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    return [
        {
            "occurred_at": event.occurred_at,
            "action": event.action,
            "label": str(EVENT_LABELS.get(event.action, event.action)),
            "actor": event.actor_label,
            "object": event.object_repr,
        }
        for event in AuditEvent.objects.filter(objects).order_by("occurred_at", "id")
    ]


def due_dates(decision: Decision, found: dict | None = None) -> list[dict]:
    """Every date the decision's procedures run to, with the source of its period: the consultation's
    closing day and each review stage's due date (the legality review's at least 7 working days)."""
    found = found or procedures_of(decision)
    dates = [
        {"label": str(gettext_lazy("征求意见截止")), "due_on": c.closes_on, "source": c.get_period_display()}
        for c in found["consultations"]
    ]
    for review in found["reviews"]:
        for stage in review.stages.all():
            if stage.due_on:
                dates.append(
                    {
                        "label": gettext_lazy("%(kind)s第%(n)d阶段（%(body)s）")
                        % {"kind": review.get_kind_display(), "n": stage.number, "body": stage.reviewer_body.name},
                        "due_on": stage.due_on,
                        "source": stage.due_source,
                    }
                )
    return dates
