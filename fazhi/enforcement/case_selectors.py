"""Read-side queries about cases: what the workflow's gates, the case page and the portal ask."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from fazhi.clock import periods
from fazhi.clock.models import Deadline
from fazhi.clock.workdays import add_working_days
from fazhi.core import audit
from fazhi.core.models import Attachment
from fazhi.enforcement import selectors
from fazhi.enforcement.models import Case, Publication, Seizure
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import ReviewKind, ReviewStatus, StageStatus

HEARING_PERIOD = "penalty-hearing-request"
DELIVERY_PERIOD = "penalty-delivery"
WITHDRAWAL_PERIOD = "penalty-withdraw-publicity"
SEIZURE_PERIOD = "seizure"


def deadline_of(subject, matter: str) -> Deadline | None:
    """The latest deadline of `matter` running for a case (or a transfer, a seizure)."""
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk), matter=matter
        )
        .order_by("-id")
        .first()
    )


def hearing_period_over(case: Case, today=None) -> bool:
    """The 5 working days to ask for a hearing (第六十四条) have run out without a request."""
    deadline = deadline_of(case, HEARING_PERIOD)
    if deadline is None or deadline.due_on is None:
        return False
    return (today or timezone.localdate()) > deadline.due_on


def review_by_qualified_reviewer(case: Case) -> bool:
    """The passed legality review's concluding reviewer is a registered reviewer of the case's body,
    qualified on the day (第五十八条第二款)."""
    review = (
        procedures.reviews_of(case, ReviewKind.LEGALITY)
        .filter(status=ReviewStatus.PASSED)
        .order_by("-round", "-id")
        .first()
    )
    if review is None:
        return False
    stage = review.stages.filter(status=StageStatus.CONCLUDED).order_by("-number").first()
    if stage is None or stage.reviewer_id is None:
        return False
    concluded_on = timezone.localdate(stage.concluded_at) if stage.concluded_at else timezone.localdate()
    return selectors.qualified_reviewer(stage.reviewer, case.body, concluded_on) is not None


# --- the case pages, the API and the portal ---------------------------------------------------------

TRANSFER_EVENT_LABELS = {
    "enforcement.transfer_proposed": gettext_lazy("提出移送涉嫌犯罪案件"),
    "enforcement.transfer_approved": gettext_lazy("批准移送"),
    "enforcement.transfer_refused": gettext_lazy("不批准移送"),
    "enforcement.transfer_sent": gettext_lazy("移送公安机关"),
    "enforcement.transfer_police_decided": gettext_lazy("记录公安机关决定"),
    "enforcement.transfer_handed_over": gettext_lazy("移交涉案物品和材料"),
    "enforcement.transfer_returned": gettext_lazy("接收公安机关移回的案件"),
}
EVENT_LABELS = {
    "enforcement.case_filed": gettext_lazy("立案"),
    "enforcement.officer_assigned": gettext_lazy("指派执法人员"),
    "enforcement.facts_recorded": gettext_lazy("记录调查情况"),
    "enforcement.investigation_concluded": gettext_lazy("调查终结"),
    "enforcement.penalty_proposed": gettext_lazy("提出处理意见"),
    "enforcement.notified": gettext_lazy("告知拟作出的行政处罚"),
    "enforcement.hearing_requested": gettext_lazy("当事人要求听证"),
    "enforcement.hearing_held": gettext_lazy("举行听证"),
    "enforcement.statement_recorded": gettext_lazy("记录陈述、申辩"),
    "enforcement.submitted_for_review": gettext_lazy("送法制审核"),
    "enforcement.decided": gettext_lazy("作出行政处罚决定"),
    "enforcement.not_penalised": gettext_lazy("作出不予行政处罚决定"),
    "enforcement.served": gettext_lazy("送达"),
    "enforcement.executed": gettext_lazy("执行完毕"),
    "enforcement.closed": gettext_lazy("结案"),
    "enforcement.transferred": gettext_lazy("移送司法机关"),
    "enforcement.decided_on_the_spot": gettext_lazy("当场作出行政处罚决定"),
    "enforcement.decision_published": gettext_lazy("公开行政处罚决定"),
    "enforcement.publication_withdrawn": gettext_lazy("撤回公开的决定信息"),
    "enforcement.instrument_generated": gettext_lazy("制作执法文书"),
    "enforcement.evidence_attached": gettext_lazy("上传证据材料"),
    "enforcement.case_archived": gettext_lazy("导出案卷"),
    "core.attachment_added": gettext_lazy("上传文件"),
    "enforcement.seized": gettext_lazy("查封、扣押"),
    "enforcement.seizure_extended": gettext_lazy("延长查封、扣押期限"),
    "enforcement.seizure_released": gettext_lazy("解除查封、扣押"),
    "enforcement.case_transferred": gettext_lazy("移送公安机关"),
    **TRANSFER_EVENT_LABELS,
}


def office_cases(user, *, status: str = "", year: int | None = None, procedure: str = "", body_id: int | None = None):
    """The cases the user may see, newest filing first; a year is a range on the filing date (Django
    turns `__year` on a date into BETWEEN), which the (body, filed_on) index serves."""
    cases = Case.objects.restrict(user).select_related("body")
    if status:
        cases = cases.filter(status=status)
    if procedure:
        cases = cases.filter(procedure=procedure)
    if body_id is not None:
        cases = cases.filter(body_id=body_id)
    if year:
        cases = cases.filter(filed_on__year=year)
    return cases.order_by("-filed_on", "-id")


def public_decisions(*, body_id: int | None = None, year: int | None = None, today=None):
    """The portal's list: publications showing today (published, not withdrawn, not expired)."""
    found = Publication.objects.showing(today or timezone.localdate()).select_related("body")
    if body_id is not None:
        found = found.filter(body_id=body_id)
    if year:
        found = found.filter(published_on__year=year)
    return found.order_by("-published_on", "-id")


def public_publications(today: datetime.date):
    """Publications the portal answers for by id: those showing, and withdrawn ones (their statement
    only) whose publication period has not run out. Never one not yet published or expired."""
    return (
        Publication.objects.filter(published_on__lte=today)
        .filter(Q(show_until__isnull=True) | Q(show_until__gte=today))
        .select_related("body")
    )


def procedures_of(case: Case) -> dict:
    """The case's legal reviews (with their stages) and collective-discussion records."""
    return procedures.records_of(case)


def timeline(case: Case, found: dict | None = None) -> list[dict]:
    """The case's history from the audit chain: its own events, its procedures', publication's,
    seizures', transfers' and files'."""
    related = {
        **procedures.related_records(found or procedures_of(case)),
        "enforcement.publication": list(Publication.objects.filter(case=case).values_list("pk", flat=True)),
        "enforcement.seizure": list(case.seizures.values_list("pk", flat=True)),
        "enforcement.transfer": list(case.transfers.values_list("pk", flat=True)),
        "core.attachment": list(
            Attachment.objects.filter(
                content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk)
            ).values_list("pk", flat=True)
        ),
    }
    return audit.history(case, related, {**procedures.EVENT_LABELS, **EVENT_LABELS})


def deadlines(case: Case, found: dict | None = None) -> list[dict]:
    """Every period the case runs to, each with its source: the decision period (90 days from filing
    unless the body's sector has another), the hearing request and delivery periods, the publication
    period, and the legal review's stages."""
    rows = []
    found_deadlines = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk)
    ).order_by("start_on", "id")
    for deadline in found_deadlines:
        period = deadline.period
        rows.append(
            {
                "matter": deadline.matter,
                "label": str(period.label),
                "start_on": deadline.start_on,
                "due_on": deadline.due_on,
                "closed_on": deadline.closed_on,
                "source": f"{period.source}（{period.describe()}{'；' + str(period.note) if period.note else ''}）",
            }
        )
    if case.decided_on and case.penalty_kinds:
        settings = selectors.settings_of(case.body)
        publication = Publication.objects.filter(case=case).first()
        rows.append(
            {
                "matter": "publication",
                "label": str(gettext_lazy("公开行政处罚决定")),
                "start_on": case.decided_on,
                "due_on": add_working_days(case.decided_on, settings.publish_within_days).due,
                "closed_on": publication.published_on if publication else None,
                "source": str(
                    gettext_lazy("意见第十九条；行政处罚法第四十八条（本机关配置：%(days)d个工作日）")
                    % {"days": settings.publish_within_days}
                ),
            }
        )
    for item in procedures.due_dates(found or procedures_of(case)):
        rows.append({"matter": "review", "start_on": None, "closed_on": None, **item, "label": str(item["label"])})
    return rows


def proposed_band(case: Case):
    """The band the case's benchmark proposes for its recorded facts (意见第十八条), or None."""
    if case.benchmark_id is None:
        return None
    return selectors.band_for(
        case.benchmark, amount_involved=case.amount_involved, first_violation=case.first_violation, harm=case.harm
    )


# --- the periods of a transfer or a seizure ------------------------------------------------------------


def period_source(period) -> str:
    """A period's source with its length in words, as the deadline tables show it."""
    return f"{period.source}（{period.describe()}{'；' + str(period.note) if period.note else ''}）"


def deadlines_by_subject(model, pks, matters) -> dict[int, dict[str, Deadline]]:
    """The latest deadline of each of `matters` for each record of `model` in `pks`, in one query."""
    pks = [str(pk) for pk in pks]
    found: dict[int, dict[str, Deadline]] = {}
    if not pks:
        return found
    rows = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=pks, matter__in=list(matters)
    ).order_by("id")
    for deadline in rows:
        found.setdefault(int(deadline.object_id), {})[deadline.matter] = deadline
    return found


def deadline_rows(found: dict[str, Deadline], matters) -> list[dict]:
    """One row per period in `matters`' order: those started with their dates (and an approved
    extension), those not yet started with their length; each with its source."""
    rows = []
    for matter in matters:
        deadline = found.get(matter)
        period = periods.get(matter)
        rows.append(
            {
                "matter": matter,
                "label": str(period.label),
                "start_on": deadline.start_on if deadline else None,
                "due_on": deadline.due_on if deadline else None,
                "closed_on": deadline.closed_on if deadline else None,
                "extended_days": deadline.extension_length if deadline else None,
                "extension_reason": deadline.extension_reason if deadline else "",
                "started": deadline is not None,
                "source": period_source(period),
            }
        )
    return rows


def seizure_rows(case: Case) -> list[dict]:
    """The case's seizures, each with its period (行政强制法第二十五条: 30 days, once extended by up
    to 30 with the head's approval), the periods read in one query for them all."""
    seizures = list(case.seizures.order_by("decided_on", "id"))
    found = deadlines_by_subject(Seizure, [seizure.pk for seizure in seizures], (SEIZURE_PERIOD,))
    rows = []
    for seizure in seizures:
        (period,) = deadline_rows(found.get(seizure.pk, {}), (SEIZURE_PERIOD,))
        rows.append(
            {
                "seizure": seizure,
                "id": seizure.pk,
                "decided_on": seizure.decided_on,
                "items": seizure.items,
                "released_on": seizure.released_on,
                "release_reason": seizure.release_reason,
                "due_on": period["due_on"],
                "extended_days": period["extended_days"],
                "extension_reason": period["extension_reason"],
                "source": period["source"],
            }
        )
    return rows
