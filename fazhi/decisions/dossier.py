"""The decision's archive (决策过程记录和材料归档, 条例第三十三条): one ZIP with everything.

`build(decision, actor=...)` gathers every record the procedure produced — the decision, its
catalog item, consultations with the adoption ledger, reviews and their stages, hearings, expert
opinions, risk assessments, legal advisers' opinions, meeting records, implementation reports,
post-decision evaluations, accountability cases — each as JSON, every file attached to any of
them, and the audit trail of all of them, with a PDF index (WeasyPrint, CJK fonts) listing each
entry with its SHA-256 so that the archive can be checked later (`fazhi.core.archive` builds it).
"""

from django.db.models import Model
from django.utils.translation import gettext as _

from fazhi.core import archive, audit
from fazhi.core.errors import NotFound
from fazhi.decisions import selectors, workflow
from fazhi.decisions.models import Decision
from fazhi.procedures import selectors as procedures
from fazhi.procedures.models import ReviewStage


def _records(decision: Decision) -> list[tuple[str, Model]]:
    """(section, record) for every record of the procedure, in the order the procedure runs."""
    records: list[tuple[str, Model]] = [(_("决策事项"), decision)]
    if decision.catalog_item is not None:
        records += [(_("决策事项目录"), decision.catalog_item.catalog), (_("目录事项"), decision.catalog_item)]
    for consultation in procedures.consultations_of(decision).order_by("id"):
        records.append((_("公开征求意见"), consultation))
        records += [(_("公众意见及采纳情况"), comment) for comment in consultation.comments.order_by("id")]
    records += [(_("听证会"), hearing) for hearing in decision.hearings.order_by("id")]
    records += [(_("专家论证意见"), opinion) for opinion in decision.expert_opinions.order_by("id")]
    records += [(_("风险评估"), assessment) for assessment in decision.risk_assessments.order_by("id")]
    for review in procedures.reviews_of(decision).order_by("id"):
        records.append((review.get_kind_display(), review))
        records += [(_("审查阶段"), stage) for stage in ReviewStage.objects.filter(review=review).order_by("number")]
    records += [(_("法律顾问意见"), opinion) for opinion in selectors.adviser_opinions_of(decision).order_by("id")]
    records += [(_("集体讨论记录"), meeting) for meeting in procedures.meetings_of(decision).order_by("id")]
    records += [(_("决策执行情况报告"), report) for report in decision.implementation_reports.order_by("id")]
    records += [(_("决策后评估"), evaluation) for evaluation in decision.post_evaluations.order_by("id")]
    records += [(_("决策责任追究"), case) for case in decision.accountability_cases.order_by("id")]
    return records


def build(decision: Decision, *, actor) -> tuple[str, bytes]:
    """The archive's file name and bytes; refused (404) for a decision the actor cannot see."""
    if not Decision.objects.restrict(actor).filter(pk=decision.pk).exists():
        raise NotFound()
    content, entries, trail = archive.build(
        _records(decision),
        template="decisions/dossier_index.html",
        context={"decision": decision, "steps": workflow.required_steps(decision)},
        actor=actor,
    )
    audit.record(
        decision,
        "decisions.dossier_exported",
        actor=actor,
        extra={"entries": len(entries), "events": len(trail)},
    )
    return f"重大行政决策档案-{decision.pk}.zip", content
