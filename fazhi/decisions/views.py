"""Office pages for major decisions and the published decisions on the portal (thin: the services
check and change, the selectors read).

The decision page shows the procedure as a checklist, the steps the user may take now (from
`workflow.actions`) and the forms for the records the procedure gathers on the way — each form
only to whoever may submit it. Every form posts to `decision-action` with its step's name; a
refusal comes back on the same page, on the form that was sent, with the service's status.
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
from fazhi.decisions import decision_selectors as selectors
from fazhi.decisions import dossier, forms, services, workflow
from fazhi.decisions.choices import CatalogStatus, DecisionStatus, RiskArea
from fazhi.decisions.models import CatalogItem, Decision
from fazhi.decisions.selectors import adviser_opinions_of

PAGE_SIZE = 50
S = DecisionStatus
IN_EXECUTION = (S.PUBLISHED, S.SUSPENDED)


def _visible(user, pk) -> Decision:
    decision = (
        Decision.objects.restrict(user)
        .select_related("body", "deciding_body", "catalog_item__catalog", "executing_unit", "adjusts")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise NotFound()
    return decision


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- office: list, start, edit -------------------------------------------------------------


@login_required
@require_GET
def office_list(request):
    status = request.GET.get("status", "")
    if status not in S.values:
        status = ""
    decisions = selectors.office_decisions(request.user, status=status)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/decision_list.html",
        {
            "page": page,
            "status": status,
            "statuses": S.choices,
            "can_create": Body.objects.restrict(request.user, "change").exists(),
        },
    )


def _create_form(user, data=None, initial_adjusts=None) -> forms.DecisionForm:
    bodies = Body.objects.restrict(user, "change").current().order_by("tree_path")
    items = CatalogItem.objects.filter(
        catalog__status=CatalogStatus.PUBLISHED, undertaking_unit__in=bodies, decision__isnull=True
    ).select_related("catalog")
    above = {pk for body in bodies for pk in body.ancestor_ids()} | {body.pk for body in bodies}
    form = forms.DecisionForm(
        data,
        bodies=bodies,
        items=items,
        deciding_bodies=Body.objects.filter(pk__in=above).order_by("tree_path"),
        adjustable=Decision.objects.restrict(user).filter(status__in=IN_EXECUTION),
    )
    if initial_adjusts is not None:
        form.initial.update(
            adjusts=initial_adjusts.pk,
            deciding_body=initial_adjusts.deciding_body_id,
            title=initial_adjusts.title,
            category=initial_adjusts.category,
        )
    return form


@login_required
@require_http_methods(["GET", "POST"])
def office_create(request):
    """Start a decision: from an item of a published catalog the user's body undertakes, or declared
    major by the leadership, or adjusting a published decision (`?adjusts=<id>`)."""
    adjusts = None
    adjusts_text = request.GET.get("adjusts", "")
    if adjusts_text.isdigit() and len(adjusts_text) <= 9:
        adjusts = Decision.objects.restrict(request.user).filter(pk=int(adjusts_text), status__in=IN_EXECUTION).first()
    form = _create_form(request.user, request.POST or None, adjusts)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.create_decision(
                actor=request.user, body=form.cleaned_data["body"], **form.service_data()
            )
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            status = exc.status_code
        else:
            messages.success(request, _("已启动重大行政决策程序。"))
            return redirect("decisions:decision-detail", pk=decision.pk)
    else:
        status = _status(form)
    return render(request, "decisions/decision_form.html", {"form": form, "decision": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def office_edit(request, pk):
    decision = Decision.objects.restrict(request.user, "change").filter(pk=pk).first()
    if decision is None:
        raise NotFound()
    form = forms.DecisionForm(request.POST or None, instance=decision)
    status = _status(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_decision(decision, actor=request.user, **form.service_data())
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            status = exc.status_code
        else:
            messages.success(request, _("决策草案已保存。"))
            return redirect("decisions:decision-detail", pk=decision.pk)
    return render(request, "decisions/decision_form.html", {"form": form, "decision": decision}, status=status)


# --- office: the decision page and its steps -----------------------------------------------


def _units(decision):
    """Who may execute the decision: the deciding body and the bodies below it."""
    deciding = decision.deciding_body
    return Body.objects.current().filter(tree_path__startswith=deciding.tree_path).order_by("tree_path")


def _accountability_bodies(user, decision):
    """The deciding body and the bodies above it (第三十八条) where the user may act."""
    candidates = Body.objects.filter(pk__in=[*decision.deciding_body.ancestor_ids(), decision.deciding_body_id])
    return Body.objects.filter(pk__in=[body.pk for body in candidates if may(user, "change", body)]).order_by(
        "tree_path"
    )


def _form(step: str, decision: Decision, user, data=None):
    """The form of `step` on `decision` (bound to `data` when posted); None for a step without input."""
    today = timezone.localdate()
    F = forms
    if step == "consultation":
        return F.ConsultationForm(data, step=step)
    if step == "hearing":
        return F.HearingForm(data, step=step)
    if step == "expert_opinion":
        return F.ExpertOpinionForm(data, step=step, initial={"signed_on": today})
    if step == "risk_assessment":
        return F.RiskAssessmentForm(data, step=step, initial={"concluded_on": today})
    if step == "submit_review":
        return F.SubmitReviewForm(data, step=step)
    if step == "meeting":
        initial = {"held_on": today, "agenda_item": _("审议《%(title)s》") % {"title": decision.title}}
        return F.MeetingForm(data, step=step, initial=initial)
    if step == "decide":
        return F.HeadDecisionForm(data, step=step)
    if step == "report_party":
        return F.PartyReportForm(data, step=step, initial={"reported_on": today})
    if step == "publish":
        initial = {
            "decision_text": decision.decision_text or decision.draft_text,
            "adoption_explanation": decision.adoption_explanation,
            "executing_unit": decision.executing_unit_id or decision.body_id,
        }
        return F.PublishForm(data, step=step, units=_units(decision), initial=initial)
    if step in ("suspend", "withdraw"):
        return F.ReasonForm(data, step=step)
    if step == "implementation_report":
        return F.ImplementationReportForm(data, step=step, initial={"reported_on": today})
    if step == "post_evaluation":
        return F.PostEvaluationForm(data, step=step, initial={"started_on": today})
    if step == "accountability":
        bodies = _accountability_bodies(user, decision)
        return F.AccountabilityForm(data, step=step, bodies=bodies, initial={"opened_on": today})
    return None


def _record_form(step: str, record, data=None):
    """A form about one record of the decision: its id in a hidden field, its ids unique on the page."""
    if step == "conclude_evaluation":
        return forms.ConcludeEvaluationForm(data, step=f"{step}_{record.pk}", initial={"evaluation": record.pk})
    return forms.ConcludeAccountabilityForm(data, step=f"{step}_{record.pk}", initial={"case": record.pk})


def _page(request, decision, *, failed=None, failed_step="", error=None, status=200):
    """The decision page; `failed` is a posted form to show again with its errors."""
    user = request.user
    found = selectors.procedures_of(decision)
    drafting = decision.status == S.DRAFTING and may(user, "change", decision.body)

    def form_of(step, *, offered=True):
        if not offered:
            return None
        if failed is not None and failed_step == step:
            return failed
        return _form(step, decision, user)

    steps = []
    for transition, refusal in workflow.actions(decision, user):
        if transition.name == "reject":  # one form for the head's decision, whichever it is
            continue
        steps.append({"transition": transition, "refusal": refusal, "form": form_of(transition.name)})
    in_execution = decision.status in IN_EXECUTION
    evaluations = list(decision.post_evaluations.order_by("-started_on", "-id"))
    cases = list(selectors.accountability_cases(decision, user))
    may_evaluate = may(user, "change", decision.deciding_body)

    def record_forms(step, records, allowed):
        rows = []
        for record in records:
            form = None
            if allowed(record):
                key = f"{step}_{record.pk}"
                form = failed if failed is not None and failed_step == key else _record_form(step, record)
            rows.append((record, form))
        return rows

    accountability_form = form_of("accountability")
    context = {
        "decision": decision,
        "checklist": workflow.required_steps(decision),
        "risk_labels": [str(RiskArea(value).label) for value in decision.risk_areas if value in RiskArea.values],
        "steps": steps,
        "procedures": found,
        "timeline": selectors.timeline(decision, found),
        "due_dates": selectors.due_dates(decision, found),
        "editable": decision.status in workflow.EDITABLE_STATUSES and may(user, "change", decision.body),
        "drafting": drafting,
        "consultation_form": form_of("consultation", offered=drafting and not decision.disclosure_exempt),
        "can_competition_review": drafting and decision.touches_market,
        "hearing_form": form_of("hearing", offered=drafting),
        "hearings": decision.hearings.order_by("held_on", "id"),
        "expert_form": form_of("expert_opinion", offered=drafting),
        "expert_opinions": decision.expert_opinions.order_by("created_at", "id"),
        "risk_form": form_of("risk_assessment", offered=drafting),
        "risk_assessments": decision.risk_assessments.order_by("-concluded_on", "-id"),
        "adviser_opinions": adviser_opinions_of(decision).order_by("-given_on", "-id"),
        "meeting_form": form_of(
            "meeting", offered=decision.status == S.REVIEWED and may(user, "change", decision.body)
        ),
        "reports": decision.implementation_reports.order_by("-reported_on", "-id"),
        "report_form": form_of(
            "implementation_report",
            offered=in_execution and may(user, "change", decision.executing_unit or decision.body),
        ),
        "evaluations": record_forms(
            "conclude_evaluation", evaluations, lambda e: may_evaluate and e.concluded_on is None
        ),
        "evaluation_form": form_of("post_evaluation", offered=in_execution and may_evaluate),
        "cases": record_forms(
            "conclude_accountability", cases, lambda c: c.status == "open" and may(user, "change", c.body)
        ),
        "accountability_form": accountability_form if accountability_form.fields["body"].queryset.exists() else None,
        "can_adjust": decision.status in IN_EXECUTION and may(user, "change", decision.body),
        "adjustments": Decision.objects.restrict(user).filter(adjusts=decision).order_by("-id"),
        "failed_step": failed_step,
        "error": error,
    }
    return render(request, "decisions/decision_detail.html", context, status=status)


@login_required
@require_GET
def office_detail(request, pk):
    return _page(request, _visible(request.user, pk))


def _record(queryset, value):
    record = queryset.filter(pk=int(value)).first() if str(value or "").isdigit() and len(str(value)) <= 9 else None
    if record is None:
        raise NotFound()
    return record


RUNNERS = {
    "submit_review": services.submit_review,
    "decide": services.record_head_decision,
    "report_party": services.report_to_party,
    "publish": services.publish,
    "suspend": services.suspend,
    "withdraw": services.withdraw,
    "consultation": services.start_consultation,
    "hearing": services.record_hearing,
    "expert_opinion": services.add_expert_opinion,
    "risk_assessment": services.record_risk_assessment,
    "meeting": services.record_meeting,
    "implementation_report": services.report_implementation,
    "post_evaluation": services.start_post_evaluation,
    "accountability": services.open_accountability_case,
}
WITHOUT_INPUT = {
    "conclude_review": services.conclude_review,
    "resume": services.resume,
    "competition_review": services.submit_competition_review,
}
DONE = {
    "consultation": _("已发布征求意见公告，公众可在门户提出意见。"),
    "hearing": _("已记录听证会。"),
    "confirm_hearing": _("听证会记录已确认。"),
    "expert_opinion": _("已录入专家论证意见。"),
    "risk_assessment": _("已录入风险评估。"),
    "competition_review": _("已送公平竞争审查。"),
    "implementation_report": _("已报告执行情况。"),
    "post_evaluation": _("已启动决策后评估。"),
    "conclude_evaluation": _("决策后评估已完成。"),
    "accountability": _("已立案决策责任追究。"),
    "conclude_accountability": _("决策责任追究已办结。"),
}


@login_required
@require_POST
def office_action(request, pk, step):
    """Take one step on the decision, or record one of its records; see the module's docstring."""
    decision = _visible(request.user, pk)
    user, data = request.user, request.POST
    if step == "dossier":
        return _dossier_response(decision, user)
    form, key = None, step
    try:
        if step in WITHOUT_INPUT:
            WITHOUT_INPUT[step](decision, actor=user)
        elif step == "confirm_hearing":
            services.confirm_hearing(_record(decision.hearings, data.get("hearing")), actor=user)
        elif step in ("conclude_evaluation", "conclude_accountability"):
            if step == "conclude_evaluation":
                record = _record(decision.post_evaluations, data.get("evaluation"))
            else:
                record = _record(selectors.accountability_cases(decision, user), data.get("case"))
            key = f"{step}_{record.pk}"
            form = _record_form(step, record, data)
            if not form.is_valid():
                return _page(request, decision, failed=form, failed_step=key, status=400)
            values = form.service_data()
            values.pop("evaluation", None)
            values.pop("case", None)
            if step == "conclude_evaluation":
                services.conclude_post_evaluation(record, actor=user, **values)
            else:
                services.conclude_accountability_case(record, actor=user, **values)
        elif step in RUNNERS:
            form = _form(step, decision, user, data)
            if not form.is_valid():
                return _page(request, decision, failed=form, failed_step=key, status=400)
            done = RUNNERS[step](decision, actor=user, **form.service_data())
            if step == "meeting":
                messages.success(request, _("已记录集体讨论，请上传会议纪要并由负责人签署。"))
                return redirect("procedures:meeting-detail", pk=done.pk)
        else:
            raise NotFound()
    except (InvalidInput, Conflict) as exc:
        if form is None:
            return _page(request, decision, failed_step=key, error=exc.detail, status=exc.status_code)
        form.add_service_errors(exc)
        return _page(request, decision, failed=form, failed_step=key, status=exc.status_code)
    decision.refresh_from_db()
    done_message = DONE.get(step) or _("已办理：现为“%(status)s”。") % {"status": decision.get_status_display()}
    messages.success(request, done_message)
    return redirect("decisions:decision-detail", pk=decision.pk)


def _dossier_response(decision, user) -> HttpResponse:
    """决策档案 (条例第三十三条): the ZIP of every record, file and audit event, with its PDF index."""
    name, content = dossier.build(decision, actor=user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


# --- portal --------------------------------------------------------------------------------


@require_GET
def public_list(request):
    """Published decisions by deciding body and year, and the drafts now open for comment."""
    published = Decision.objects.published()
    bodies = Body.objects.filter(pk__in=published.values("deciding_body")).order_by("tree_path")
    years = sorted({day.year for day in published.values_list("published_on", flat=True)}, reverse=True)
    body_text, year_text = request.GET.get("body", ""), request.GET.get("year", "")
    body = bodies.filter(pk=int(body_text)).first() if body_text.isdigit() and len(body_text) <= 9 else None
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    page = Paginator(selectors.public_decisions(body=body, year=year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/decision_public_list.html",
        {
            "page": page,
            "bodies": bodies,
            "years": years,
            "body": body,
            "year": year,
            "consultations": selectors.open_consultations(),
        },
    )


@require_GET
def public_detail(request, pk):
    decision = Decision.objects.published().select_related("deciding_body", "executing_unit").filter(pk=pk).first()
    if decision is None:
        raise NotFound()
    adjustments = decision.adjustments.filter(pk__in=Decision.objects.published()).order_by("-published_on")
    return render(
        request,
        "decisions/decision_public_detail.html",
        {
            "decision": decision,
            "feedback": selectors.published_feedback(decision),
            "adjusts": Decision.objects.published().filter(pk=decision.adjusts_id).first(),
            "adjustments": adjustments,
        },
    )
