"""Pages for filing and the reviews reaching a document (thin: `filing` does the work).

The office sees the filings it makes and those it receives (`/office/filings/`), runs each step
from a filing's page, registers and answers incidental reviews; the public writes a review
suggestion from a published document's page and follows it with the receipt it gets.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import scope_body_ids
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.services import submissions as submission_services
from fazhi.documents import filing
from fazhi.documents.filing_choices import FilingStatus, IncidentalOrigin, IncidentalOutcome
from fazhi.documents.models import FilingRecord, IncidentalReview, NormativeDocument

LIST_LIMIT = 200


@login_required
@require_GET
def filing_list(request):
    """What the user's bodies file, and what their offices received, by status."""
    records = FilingRecord.objects.restrict(request.user).select_related("document", "filer", "recipient_office")
    received = request.GET.get("side") == "received"
    if received:
        records = records.filter(recipient_office__in=scope_body_ids(request.user, "view"))
    status = request.GET.get("status", "")
    if status in FilingStatus.values:
        records = records.filter(status=status)
    return render(
        request,
        "documents/filing/list.html",
        {
            "records": records.order_by("-created_at", "-id")[:LIST_LIMIT],
            "received": received,
            "status": status,
            "statuses": FilingStatus.choices,
        },
    )


@login_required
@require_GET
def filing_detail(request, pk):
    record = filing.visible_filing(request.user, pk)
    return render(
        request,
        "documents/filing/detail.html",
        {
            "record": record,
            "deadlines": filing.deadlines_of(record),
            "steps": [
                (step, filing.FILING_INPUTS[step.name]) for step in filing.FILING.available(record, request.user)
            ],
        },
    )


@login_required
@require_POST
def filing_step(request, pk, step):
    record = filing.visible_filing(request.user, pk)
    name = step.replace("-", "_")
    record = filing.run_filing_step(
        record, name, actor=request.user, text=request.POST.get("text"), on=request.POST.get("on") or None
    )
    messages.success(request, _("已办理：现为“%(status)s”。") % {"status": record.get_status_display()})
    return redirect("filing:filing-detail", pk=record.pk)


@login_required
@require_GET
def incidental_list(request):
    reviews = IncidentalReview.objects.restrict(request.user).select_related("document", "reconsideration_body")
    return render(
        request,
        "documents/filing/incidental_list.html",
        {"reviews": reviews[:LIST_LIMIT], "may_register": bool(filing.reconsideration_offices(request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def incidental_new(request):
    """Register an incidental review on a published document, as a reconsideration office."""
    offices = filing.reconsideration_offices(request.user)
    if not offices:
        raise NotFound()
    errors = {}
    if request.method == "POST":
        data = request.POST
        document_id = data.get("document", "").strip()
        document = (
            NormativeDocument.objects.published().filter(pk=int(document_id)).first() if document_id.isdigit() else None
        )
        if document is None:
            errors = {"document": [_("请填写已发布的规范性文件编号。")]}
        else:
            try:
                review = filing.request_incidental_review(
                    document,
                    actor=request.user,
                    **{name: data.get(name) for name in ("office", "case_number", "origin", "provisions", "grounds")},
                    requested_on=data.get("requested_on") or None,
                    notified_on=data.get("notified_on") or None,
                )
            except InvalidInput as exc:
                errors = exc.errors or {"document": [exc.detail]}
            else:
                messages.success(request, _("已登记附带审查并通知制定机关。"))
                return redirect("filing:incidental-detail", pk=review.pk)
    return render(
        request,
        "documents/filing/incidental_new.html",
        {"offices": offices, "origins": IncidentalOrigin.choices, "errors": errors, "data": request.POST},
        status=400 if errors else 200,
    )


@login_required
@require_GET
def incidental_detail(request, pk):
    review = filing.visible_incidental(request.user, pk)
    available = {step.name for step in filing.INCIDENTAL.available(review, request.user)}
    return render(
        request,
        "documents/filing/incidental_detail.html",
        {
            "review": review,
            "deadlines": filing.deadlines_of(review),
            "may_reply": "reply" in available,
            "may_conclude": "conclude" in available,
            "outcomes": IncidentalOutcome.choices,
        },
    )


@login_required
@require_POST
def incidental_reply(request, pk):
    review = filing.visible_incidental(request.user, pk)
    filing.reply_incidental_review(review, actor=request.user, reply=request.POST.get("reply"))
    messages.success(request, _("书面答复已提交。"))
    return redirect("filing:incidental-detail", pk=review.pk)


@login_required
@require_POST
def incidental_conclude(request, pk):
    review = filing.visible_incidental(request.user, pk)
    data = request.POST
    filing.conclude_incidental_review(
        review,
        actor=request.user,
        outcome=data.get("outcome"),
        reason=data.get("reason"),
        forwarded_to=data.get("forwarded_to"),
    )
    messages.success(request, _("已记录处理结果。"))
    return redirect("filing:incidental-detail", pk=review.pk)


# --- public ----------------------------------------------------------------------------------


def _suggestion_page(request, document, *, errors=None, status=200):
    form = filing.REVIEW_SUGGESTION.form_class(data=request.POST if request.method == "POST" else None)
    errors = errors or {}
    return render(
        request,
        "documents/filing/suggest.html",
        {
            "document": document,
            "office": filing.suggestion_office(document),
            "rows": [(form[name], errors.get(name, [])) for name in form.fields],
            "errors": errors,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def public_suggest(request, pk):
    """审查建议 on a published document; drafts and unknown ids are 404."""
    document = filing.document_for_suggestion(pk)
    if request.method != "POST":
        return _suggestion_page(request, document)
    try:
        receipt = submission_services.submit(
            filing.REVIEW_SUGGESTION,
            request.POST,
            client_ip=submission_services.client_ip(request),
            target=document.pk,
        )
    except InvalidInput as exc:
        return _suggestion_page(request, document, errors=exc.errors or {"content": [exc.detail]}, status=400)
    return render(request, "portal/submissions/receipt.html", {"kind": filing.REVIEW_SUGGESTION, "receipt": receipt})
