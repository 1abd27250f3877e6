"""Seed arts. 7, 8, 9, 28 and 39, checked over the normative documents each body published.

Every check looks at the documents a body published in the year up to `as_of` (legacy imports
aside: they predate the platform's records) and answers from a fixed number of queries: the
documents, then one query per procedure kind for all of them at once. A body that published
nothing in the year has met the article (nothing was issued without the procedure).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.documents.choices import DocumentStatus
from fazhi.documents.models import InterpretationFile, NormativeDocument, Registration, ValidityEvaluation
from fazhi.documents.workflow import latest_expiry
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.procedures.choices import ConsultationStatus, MeetingOutcome, MeetingStatus, ReviewKind, ReviewStatus
from fazhi.procedures.models import Consultation, MeetingRecord, Review

EVIDENCE_LIMIT = 20
LABEL = NormativeDocument._meta.label_lower


def _published(bodies, year: int, as_of: datetime.date, **filters) -> list[NormativeDocument]:
    end = min(datetime.date(year, 12, 31), as_of)
    return list(
        NormativeDocument.objects.filter(
            body__in=[body.pk for body in bodies],
            is_legacy=False,
            published_on__gte=datetime.date(year, 1, 1),
            published_on__lte=end,
            **filters,
        ).order_by("published_on", "pk")
    )


def _ids(model, documents, **filters) -> set[int]:
    """The documents with a procedure record of `model` matching `filters` (one query)."""
    if not documents:
        return set()
    rows = model.objects.filter(
        content_type=ContentType.objects.get_for_model(NormativeDocument),
        object_id__in=[str(document.pk) for document in documents],
        **filters,
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows}


def _name(document) -> str:
    return document.doc_number or document.title


def _tally(bodies, documents, problems_of) -> dict[int, CheckResult]:
    """Per body: met when every document has no problem; the rate is documents without problems."""
    by_body = {body.pk: [] for body in bodies}
    for document in documents:
        by_body[document.body_id].append(document)
    results = {}
    for body in bodies:
        mine = by_body[body.pk]
        failing, evidence = [], []
        for document in mine:
            problems = problems_of(document)
            if problems:
                failing.append(RecordRef(LABEL, document.pk, f"{_name(document)}：{'；'.join(problems)}"))
            elif len(evidence) < EVIDENCE_LIMIT:
                evidence.append(RecordRef(LABEL, document.pk, _name(document)))
        total, good = len(mine), len(mine) - len(failing)
        if not mine:
            summary = _("本年度未发布规范性文件。")
        else:
            summary = _("本年度发布 %(total)d 件，符合要求 %(good)d 件。") % {"total": total, "good": good}
        results[body.pk] = CheckResult(
            status=CheckStatus.NOT_MET if failing else CheckStatus.MET,
            summary=summary,
            numerator=good,
            denominator=total,
            failing=failing,
            evidence=evidence,
        )
    return results


@checks.register(7, label=gettext_lazy("规范性文件征求意见、合法性审查、集体讨论"))
def procedure_followed(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each document published: consultation with its feedback, legality review passed, collective discussion."""
    documents = _published(bodies, year, as_of)
    consulted = _ids(Consultation, documents, status=ConsultationStatus.FEEDBACK_PUBLISHED)
    reviewed = _ids(Review, documents, kind=ReviewKind.LEGALITY, status=ReviewStatus.PASSED)
    discussed = _ids(
        MeetingRecord,
        documents,
        status=MeetingStatus.SIGNED,
        outcome__in=[MeetingOutcome.AGREED, MeetingOutcome.AGREED_IN_PRINCIPLE],
    )

    def problems(document):
        found = []
        if document.pk not in consulted:
            found.append(_("未公开征求意见"))
        if document.pk not in reviewed:
            found.append(_("未经合法性审查"))
        if document.pk not in discussed:
            found.append(_("未经集体讨论决定"))
        return found

    return _tally(bodies, documents, problems)


@checks.register(8, label=gettext_lazy("规范性文件统一登记、统一编号、统一发布"))
def three_unifications(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each document published was registered with the legal office, given a registration number and
    published by the government office."""
    documents = _published(bodies, year, as_of)
    registered = set(
        Registration.objects.filter(document__in=[d.pk for d in documents]).values_list("document_id", flat=True)
    )

    def problems(document):
        found = []
        if document.pk not in registered:
            found.append(_("未统一登记"))
        if not document.registration_number:
            found.append(_("未统一编号"))
        if document.published_by_id is None:
            found.append(_("未经统一发布"))
        return found

    return _tally(bodies, documents, problems)


@checks.register(9, label=gettext_lazy("规范性文件有效期及届满前评估"))
def validity_kept(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Documents in force during the year: a validity within the maximum (or long-term with a reason),
    and, for those that expired by `as_of`, an evaluation decided before expiry."""
    documents = list(
        NormativeDocument.objects.filter(
            body__in=[body.pk for body in bodies],
            status__in=[DocumentStatus.IN_FORCE, DocumentStatus.EXPIRED],
            published_on__lte=min(datetime.date(year, 12, 31), as_of),
        ).order_by("published_on", "pk")
    )
    decided = {
        (document_id, for_expiry)
        for document_id, for_expiry, decided_at in ValidityEvaluation.objects.filter(
            document__in=[d.pk for d in documents]
        )
        .exclude(decision="")
        .values_list("document_id", "for_expiry", "decided_at")
        if decided_at is not None and timezone.localtime(decided_at).date() <= for_expiry
    }

    def problems(document):
        found = []
        if document.long_term:
            if not document.long_term_reason.strip():
                found.append(_("长期执行未说明理由"))
            return found
        if document.expires_on is None:
            found.append(_("未设定有效期"))
            return found
        start = document.effective_on or document.published_on
        if start and document.expires_on > latest_expiry(document, start):
            found.append(_("有效期超过上限"))
        if document.expires_on < as_of and (document.pk, document.expires_on) not in decided:
            found.append(_("有效期届满前未评估"))
        return found

    return _tally(bodies, documents, problems)


@checks.register(28, label=gettext_lazy("政策性文件与解读材料同步发布"))
def interpretation_published(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each policy document published in the year came with its interpretation, as text or as files."""
    documents = _published(bodies, year, as_of, is_policy_document=True)
    with_files = set(
        InterpretationFile.objects.filter(document__in=[d.pk for d in documents]).values_list("document_id", flat=True)
    )
    return _tally(
        bodies,
        documents,
        lambda d: [] if d.interpretation.strip() or d.pk in with_files else [_("未同步发布解读材料")],
    )


@checks.register(39, label=gettext_lazy("公平竞争审查"))
def competition_reviewed(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    """Each published document touching market activity passed a fair-competition review."""
    documents = _published(bodies, year, as_of, touches_market=True)
    passed = _ids(Review, documents, kind=ReviewKind.FAIR_COMPETITION, status=ReviewStatus.PASSED)
    return _tally(bodies, documents, lambda d: [] if d.pk in passed else [_("未经公平竞争审查")])


# Art. 34 (filing) lives with the filing records.
from fazhi.documents import filing_obligations  # noqa: E402, F401
