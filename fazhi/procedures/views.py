"""Office pages for consultations, reviews and meeting records, and the public consultation pages (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.services import attachments as attachment_services
from fazhi.core.services import submissions as submission_services
from fazhi.procedures import selectors, services, workflow
from fazhi.procedures.choices import ReviewOutcome
from fazhi.procedures.forms import ConcludeForm, DecideForm
from fazhi.procedures.models import Consultation, ConsultationComment, MeetingRecord, Review
from fazhi.procedures.submissions import CONSULTATION_COMMENT


def _visible(model, user, pk, action="view"):
    record = model.objects.restrict(user, action).select_related("body").filter(pk=pk).first()
    if record is None:
        raise NotFound()
    return record


# --- office: consultations -----------------------------------------------------------------


@login_required
@require_GET
def consultation_list(request):
    consultations = Consultation.objects.restrict(request.user).select_related("body")[:200]
    return render(request, "procedures/consultation_list.html", {"consultations": consultations})


@login_required
@require_GET
def consultation_detail(request, pk):
    consultation = _visible(Consultation, request.user, pk)
    return render(
        request,
        "procedures/consultation_detail.html",
        {
            "consultation": consultation,
            "minimum": workflow.minimum_close(consultation),
            "comments": selectors.comments_for_office(request.user, consultation),
            "counts": selectors.ledger_counts(consultation),
            "transitions": workflow.CONSULTATION.available(consultation, request.user),
            "decide_form": DecideForm(),
        },
    )


_CONSULTATION_ACTIONS = {
    "open": services.open_consultation,
    "close": services.close_consultation,
    "publish_feedback": services.publish_feedback,
}


@login_required
@require_POST
def consultation_transition(request, pk, transition):
    consultation = _visible(Consultation, request.user, pk)
    run = _CONSULTATION_ACTIONS.get(transition)
    if run is None:
        raise NotFound()
    if transition == "publish_feedback":
        consultation = run(consultation, actor=request.user, summary=request.POST.get("summary"))
    else:
        consultation = run(consultation, actor=request.user)
    messages.success(request, _("已办理：现为“%(status)s”。") % {"status": consultation.get_status_display()})
    return redirect("procedures:consultation-detail", pk=consultation.pk)


@login_required
@require_POST
def comment_decide(request, pk):
    comment = _visible(ConsultationComment, request.user, pk)
    data = request.POST
    services.decide_comment(
        comment, actor=request.user, decision=data.get("decision"), reason=data.get("reason"), gist=data.get("gist")
    )
    messages.success(request, _("已记录采纳情况。"))
    return redirect("procedures:consultation-detail", pk=comment.consultation_id)


# --- office: reviews -----------------------------------------------------------------------


@login_required
@require_GET
def review_list(request):
    reviews = Review.objects.restrict(request.user).select_related("body")[:200]
    return render(request, "procedures/review_list.html", {"reviews": reviews})


@login_required
@require_GET
def review_detail(request, pk):
    review = _visible(Review, request.user, pk)
    return render(
        request,
        "procedures/review_detail.html",
        {
            "review": review,
            "stages": review.stages.select_related("reviewer_body"),
            "transitions": workflow.REVIEW.available(review, request.user),
            "problems": workflow.competition_refusals(review) if review.kind == "fair_competition" else [],
            "conclude_form": ConcludeForm(),
            "outcomes": ReviewOutcome.choices,
        },
    )


@login_required
@require_POST
def review_action(request, pk, transition):
    review = _visible(Review, request.user, pk)
    post = request.POST
    if transition == "start-stage":
        services.start_next_stage(
            review, actor=request.user, due_on=post.get("due_on"), shortened_reason=post.get("shortened_reason")
        )
    elif transition == "conclude":
        services.conclude_stage(
            review,
            actor=request.user,
            outcome=post.get("outcome"),
            opinion=post.get("opinion"),
            issues=post.get("issues", ""),
        )
    elif transition == "resubmit":
        review = services.resubmit_review(review, actor=request.user)
    else:
        raise NotFound()
    messages.success(request, _("已办理。"))
    return redirect("procedures:review-detail", pk=review.pk)


# --- office: meetings ----------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request):
    meetings = MeetingRecord.objects.restrict(request.user).select_related("body")[:200]
    return render(request, "procedures/meeting_list.html", {"meetings": meetings})


@login_required
@require_GET
def meeting_detail(request, pk):
    record = _visible(MeetingRecord, request.user, pk)
    return render(
        request,
        "procedures/meeting_detail.html",
        {
            "record": record,
            "minutes": attachment_services.attachments_of(record),
            "transitions": workflow.MEETING.available(record, request.user),
            "accept": attachment_services.ACCEPT_ATTRIBUTE,
        },
    )


@login_required
@require_POST
def meeting_minutes(request, pk):
    record = _visible(MeetingRecord, request.user, pk)
    uploaded = request.FILES.get("minutes")
    if uploaded is None:
        raise InvalidInput(_("请选择会议纪要文件。"))
    services.attach_minutes(record, uploaded, actor=request.user)
    messages.success(request, _("已上传会议纪要。"))
    return redirect("procedures:meeting-detail", pk=record.pk)


@login_required
@require_POST
def meeting_sign(request, pk):
    record = services.sign_meeting(_visible(MeetingRecord, request.user, pk), actor=request.user)
    messages.success(request, _("会议记录已签署。"))
    return redirect("procedures:meeting-detail", pk=record.pk)


# --- public --------------------------------------------------------------------------------


@require_GET
def public_list(request):
    return render(request, "procedures/portal/list.html", {"consultations": selectors.public_consultations()[:200]})


def _public_page(request, consultation, *, errors=None, status=200):
    form = CONSULTATION_COMMENT.form_class(data=request.POST if request.method == "POST" else None)
    errors = errors or {}
    return render(
        request,
        "procedures/portal/detail.html",
        {
            "consultation": consultation,
            "rows": [(form[name], errors.get(name, [])) for name in form.fields],
            "errors": errors,
            "refusal": services.comment_refusal(consultation),
            "statement": selectors.feedback_statement(consultation)
            if consultation.status == "feedback_published"
            else None,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_detail(request, pk):
    """The draft and the comment form while open; the feedback statement once published."""
    consultation = selectors.public_consultations().filter(pk=pk).first()
    if consultation is None:
        raise NotFound()
    if request.method != "POST":
        return _public_page(request, consultation)
    try:
        receipt = submission_services.submit(
            CONSULTATION_COMMENT,
            request.POST,
            client_ip=submission_services.client_ip(request),
            target=consultation.pk,
        )
    except InvalidInput as exc:
        return _public_page(request, consultation, errors=exc.errors or {"content": [exc.detail]}, status=400)
    return render(request, "portal/submissions/receipt.html", {"kind": CONSULTATION_COMMENT, "receipt": receipt})
