"""Office pages of penalty cases and the published decisions on the portal (thin: the services check
and change, the selectors read).

The case page shows the case's record, its officers with their certificate numbers, the band the
benchmark proposes, the deadlines with their sources, the legal review and collective discussion,
the instruments and evidence, the publication and the timeline; and only the steps the user may
take now (`workflow.actions` for the procedure's transitions, the user's `enforce` right for the
records kept on the way), each with its form. Every form posts to `case-action` with its step's
name; a refusal comes back on the same page, on the form that was sent, with the service's status.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.enforcement import (
    archive,
    case_forms,
    case_selectors,
    instruments,
    selectors,
    services,
    transfers,
    workflow,
)
from fazhi.enforcement.choices import CaseStatus, PenaltyKind, Procedure
from fazhi.enforcement.models import Benchmark, Case, Publication

PAGE_SIZE = 50
S = CaseStatus
DECIDED = (S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED)


def _visible(user, pk) -> Case:
    case = Case.objects.restrict(user).select_related("body", "benchmark", "band").filter(pk=pk).first()
    if case is None:
        raise NotFound()
    return case


def _enforcing_bodies(user):
    return Body.objects.restrict(user, "enforce").current().filter(is_enforcement_agency=True).order_by("tree_path")


def _certified(bodies) -> list:
    today = timezone.localdate()
    return [officer for body in bodies for officer in selectors.certified_officers(body, today)]


def _benchmarks(bodies):
    return Benchmark.objects.published().filter(body__in=bodies).order_by("code", "id")


def _number(text: str, length: int) -> int | None:
    return int(text) if text.isdigit() and len(text) <= length else None


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2999 else None


# --- office: list, file, on the spot ------------------------------------------------------------------


@login_required
@require_GET
def case_list(request):
    params = request.GET
    status = params.get("status", "") if params.get("status", "") in S.values else ""
    procedure = params.get("procedure", "") if params.get("procedure", "") in Procedure.values else ""
    year = _year(params.get("year", ""))
    bodies = Body.objects.restrict(request.user).filter(is_enforcement_agency=True).order_by("tree_path")
    body_id = _number(params.get("body", ""), 9)
    cases = case_selectors.office_cases(request.user, status=status, year=year, procedure=procedure, body_id=body_id)
    page = Paginator(cases, PAGE_SIZE).get_page(params.get("page"))
    today = timezone.localdate()
    enforcing = _enforcing_bodies(request.user).exists()
    query = {"status": status, "procedure": procedure, "year": year or "", "body": body_id or ""}
    return render(
        request,
        "enforcement/case_list.html",
        {
            "page": page,
            "status": status,
            "statuses": S.choices,
            "procedure": procedure,
            "procedures": Procedure.choices,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "bodies": bodies,
            "body_id": body_id,
            "query": "&".join(f"{key}={value}" for key, value in query.items()),
            "can_file": enforcing,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    """立案: the user's enforcement body, the party, and at least two of its certified officers."""
    bodies = _enforcing_bodies(request.user)
    form = case_forms.CaseForm(
        request.POST or None, bodies=bodies, officers=_certified(bodies), benchmarks=_benchmarks(bodies)
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(actor=request.user, body=form.cleaned_data["body"], **form.service_data())
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            status = exc.status_code
        else:
            messages.success(request, _("已立案：%(number)s。") % {"number": case.number})
            return redirect("enforcement:case-detail", pk=case.pk)
    return render(request, "enforcement/case_form.html", {"form": form, "bodies": bodies}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_on_the_spot(request):
    """当场作出行政处罚决定 (第五十一条): decided, handed over and recorded at once by one officer."""
    bodies = _enforcing_bodies(request.user)
    form = case_forms.OnTheSpotForm(request.POST or None, bodies=bodies, officers=_certified(bodies))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.decide_on_the_spot(
                actor=request.user, body=form.cleaned_data["body"], **form.service_data()
            )
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            status = exc.status_code
        else:
            messages.success(request, _("已当场作出行政处罚决定：%(number)s。") % {"number": case.number})
            return redirect("enforcement:case-detail", pk=case.pk)
    return render(request, "enforcement/case_on_the_spot.html", {"form": form, "bodies": bodies}, status=status)


# --- office: the case page and its steps -------------------------------------------------------------


def _form(step: str, case: Case, data=None, files=None):
    """The form of `step` on `case` (bound to `data` when posted); None for a step without input."""
    F = case_forms
    today = timezone.localdate()
    if step == "facts":
        return F.FactsForm(data, step=step, case=case, benchmarks=_benchmarks([case.body]))
    if step == "propose":
        return F.ProposeForm(data, step=step, case=case)
    if step == "notify":
        return F.NotifyForm(data, step=step)
    if step == "request_hearing":
        return F.RequestHearingForm(data, step=step)
    if step == "hearing":
        return F.HearingForm(data, step=step)
    if step == "statement":
        return F.StatementForm(data, step=step)
    if step == "meeting":
        initial = {"held_on": today, "agenda_item": _("讨论%(cause)s") % {"cause": case.cause}}
        return F.MeetingForm(data, step=step, initial=initial)
    if step in ("decide", "not_penalise"):
        return F.DecideForm(data, step=step, initial={"decided_on": today})
    if step == "serve":
        return F.ServeForm(data, step=step)
    if step == "execute":
        return F.ExecuteForm(data, step=step)
    if step == "assign_officer":
        assigned = set(case.assignments.values_list("officer_id", flat=True))
        officers = [o for o in _certified([case.body]) if o.pk not in assigned]
        return F.AssignForm(data, step=step, officers=officers)
    if step == "publish":
        return F.PublishForm(data, step=step)
    if step == "withdraw_publication":
        return F.WithdrawForm(data, step=step)
    if step == "document":
        return F.DocumentForm(data, step=step, case=case)
    if step == "evidence":
        return F.EvidenceForm(data, files=files, step=step)
    if step == "seize":
        return F.SeizeForm(data, step=step)
    if step in ("extend_seizure", "release_seizure"):
        unreleased = [row for row in case_selectors.seizure_rows(case) if row["released_on"] is None]
        if step == "extend_seizure":
            extendable = [row["seizure"] for row in unreleased if not row["extended_days"]]
            return F.ExtendSeizureForm(data, step=step, seizures=extendable)
        return F.ReleaseSeizureForm(data, step=step, seizures=[row["seizure"] for row in unreleased])
    if step == "transfer":
        return F.TransferForm(data, step=step, officers=_certified([case.body]))
    return None


def _offered(case: Case, user) -> dict[str, bool]:
    """The records the user may keep on the case now, besides the procedure's transitions."""
    enforce = may(user, "enforce", case.body)
    before_decision = case.status in workflow.OPEN_BEFORE_DECISION
    publication = Publication.objects.filter(case=case).first()
    return {
        "facts": enforce and case.status in (S.FILED, S.INVESTIGATED),
        "propose": enforce and case.status in (S.INVESTIGATED, S.NOTIFIED, S.HEARING),
        "hearing": enforce and case.status == S.HEARING,
        "statement": enforce and case.status in (S.NOTIFIED, S.HEARING, S.UNDER_REVIEW),
        "meeting": before_decision
        and may(user, "change", case.body)
        and workflow.needs_collective_discussion(case)
        and case.procedure == Procedure.ORDINARY,
        "assign_officer": enforce and before_decision,
        "publish": enforce and case.status in DECIDED and bool(case.penalty_kinds) and publication is None,
        "withdraw_publication": enforce and publication is not None and publication.withdrawn_on is None,
        "document": enforce and case.status != S.CLOSED,
        "evidence": enforce and case.status != S.CLOSED,
        "seize": enforce and before_decision,
        "extend_seizure": may(user, "approve", case.body) and case.status != S.CLOSED,
        "release_seizure": enforce,
        "transfer": enforce and before_decision and not case.transfers.exclude(status__in=transfers.ENDED).exists(),
    }


def _page(request, case, *, failed=None, failed_step="", error=None, status=200):
    """The case page; `failed` is a posted form to show again with its errors."""
    user = request.user

    def form_of(step):
        if failed is not None and failed_step == step:
            return failed
        return _form(step, case)

    hearing_right = workflow.hearing_right(case)
    steps = [
        {"transition": transition, "refusal": refusal, "form": form_of(transition.name)}
        for transition, refusal in workflow.actions(case, user)
        if transition.name != "request_hearing" or hearing_right
    ]
    offered = _offered(case, user)
    forms = {step: form_of(step) if allowed else None for step, allowed in offered.items()}
    if forms["document"] is not None and not forms["document"].fields["kind"].choices:
        forms["document"] = None
    if forms["assign_officer"] is not None and not forms["assign_officer"].fields["officer"].choices[1:]:
        forms["assign_officer"] = None
    for step in ("extend_seizure", "release_seizure"):
        if forms[step] is not None and not forms[step].fields["seizure"].choices[1:]:
            forms[step] = None
    found = case_selectors.procedures_of(case)
    context = {
        "case": case,
        "steps": steps,
        "forms": forms,
        "officers": case.assignments.select_related("officer", "certificate").order_by("-lead", "id"),
        "band": case_selectors.proposed_band(case),
        "review_grounds": workflow.review_grounds(case),
        "needs_discussion": workflow.needs_collective_discussion(case),
        "hearing_right": hearing_right,
        "procedures": found,
        "deadlines": case_selectors.deadlines(case, found),
        "timeline": case_selectors.timeline(case, found),
        "documents": instruments.documents_of(case),
        "instruments": instruments.available(case),
        "evidence": instruments.evidence_of(case),
        "publication": Publication.objects.filter(case=case).first(),
        "penalty_labels": _penalty_labels(case),
        "seizures": case_selectors.seizure_rows(case),
        "transfers": case.transfers.order_by("-proposed_on", "-id"),
        "failed_step": failed_step,
        "error": error,
    }
    return render(request, "enforcement/case_detail.html", context, status=status)


def _penalty_labels(case: Case) -> list[str]:
    labels = dict(PenaltyKind.choices)
    return [str(labels.get(kind, kind)) for kind in case.penalty_kinds or []]


@login_required
@require_GET
def case_detail(request, pk):
    return _page(request, _visible(request.user, pk))


def _on_seizure(run):
    """A seizure's step, taken on the case page with the seizure chosen in its form."""

    def step(case, *, actor, seizure, **data):
        return run(seizure, actor=actor, **data)

    return step


RUNNERS = {
    "facts": services.record_facts,
    "propose": services.propose,
    "notify": services.notify,
    "request_hearing": services.request_hearing,
    "hearing": services.record_hearing,
    "statement": services.record_statement,
    "meeting": services.record_meeting,
    "decide": services.decide,
    "not_penalise": services.not_penalise,
    "serve": services.serve,
    "execute": services.execute,
    "assign_officer": services.assign_officer,
    "publish": services.publish_decision,
    "withdraw_publication": services.withdraw_publication,
    "seize": services.seize,
    "extend_seizure": _on_seizure(services.extend_seizure),
    "release_seizure": _on_seizure(services.release_seizure),
    "transfer": transfers.propose,
}
WITHOUT_INPUT = {
    "conclude_investigation": services.conclude_investigation,
    "submit_review": services.submit_review,
    "close": services.close,
}
DONE = {
    "facts": _("已记录调查情况。"),
    "propose": _("已记录处理意见。"),
    "hearing": _("已记录听证。"),
    "statement": _("已记录陈述、申辩。"),
    "assign_officer": _("已增派执法人员。"),
    "publish": _("已在门户公开行政处罚决定（已隐去个人信息）。"),
    "withdraw_publication": _("已撤回公开的决定信息，撤回说明已公开。"),
    "document": _("已制作执法文书。"),
    "evidence": _("已上传证据材料。"),
    "seize": _("已记录查封、扣押，期限自决定之日起计算。"),
    "extend_seizure": _("已延长查封、扣押期限。"),
    "release_seizure": _("已解除查封、扣押。"),
}


@login_required
@require_POST
def case_action(request, pk, step):
    """Take one step on the case, or keep one of its records; see the module's docstring."""
    case = _visible(request.user, pk)
    user = request.user
    if step == "archive":
        try:
            return _archive_response(case, user)
        except Conflict as exc:
            return _page(request, case, failed_step=step, error=exc.detail, status=exc.status_code)
    form = None
    try:
        if step in WITHOUT_INPUT:
            WITHOUT_INPUT[step](case, actor=user)
        elif step in RUNNERS or step in ("document", "evidence"):
            form = _form(step, case, request.POST, request.FILES)
            if not form.is_valid():
                return _page(request, case, failed=form, failed_step=step, status=400)
            if step == "document":
                instruments.generate(case, form.cleaned_data["kind"], actor=user)
            elif step == "evidence":
                instruments.attach_evidence(case, form.cleaned_data["file"], actor=user)
            else:
                done = RUNNERS[step](case, actor=user, **form.service_data())
                if step == "meeting":
                    messages.success(request, _("已记录集体讨论，请上传会议纪要并由负责人签署。"))
                    return redirect("procedures:meeting-detail", pk=done.pk)
                if step == "transfer":
                    messages.success(request, _("已提出移送，请负责人在3日内审批。"))
                    return redirect("enforcement:transfer-detail", pk=done.pk)
        else:
            raise NotFound()
    except (InvalidInput, Conflict) as exc:
        if form is None:
            return _page(request, case, failed_step=step, error=exc.detail, status=exc.status_code)
        form.add_service_errors(exc)
        return _page(request, case, failed=form, failed_step=step, status=exc.status_code)
    case.refresh_from_db()
    messages.success(request, DONE.get(step) or _("已办理：现为“%(status)s”。") % {"status": case.get_status_display()})
    return redirect("enforcement:case-detail", pk=case.pk)


def _archive_response(case, user) -> HttpResponse:
    """案卷 (意见第二十条): the closed case's ZIP of every instrument, evidence file, record and event."""
    name, content = archive.build(case, actor=user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


# --- portal ----------------------------------------------------------------------------------------


@require_GET
def public_list(request):
    """行政处罚决定公开: what shows today, by body and year, the party masked."""
    today = timezone.localdate()
    showing = Publication.objects.showing(today)
    bodies = Body.objects.filter(pk__in=showing.values("body")).order_by("tree_path")
    years = sorted({day.year for day in showing.values_list("published_on", flat=True)}, reverse=True)
    body_id = _number(request.GET.get("body", ""), 9)
    year = _year(request.GET.get("year", ""))
    found = case_selectors.public_decisions(body_id=body_id, year=year, today=today)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/case_public_list.html",
        {"page": page, "bodies": bodies, "years": years, "body_id": body_id, "year": year},
    )


@require_GET
def public_detail(request, pk):
    """One published decision; a withdrawn one shows only its withdrawal statement, an expired one nothing."""
    publication = case_selectors.public_publications(timezone.localdate()).filter(pk=pk).first()
    if publication is None:
        raise NotFound()
    return render(request, "enforcement/case_public_detail.html", {"publication": publication})
