"""Public submissions on the portal: the form, the receipt (shown once) and tracking (thin views)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import InvalidInput
from fazhi.core.services import attachments as attachment_services
from fazhi.core.services import submissions as submission_services


def _form_page(request, kind, *, errors=None, status=200):
    errors = errors or {}
    form = kind.form_class(data=request.POST if request.method == "POST" else None)
    rows = [(form[name], errors.get(name, [])) for name in form.fields]
    known = {"body", "attachments", *form.fields}
    return render(
        request,
        "portal/submissions/form.html",
        {
            "kind": kind,
            "routed": kind.router is not None,
            "rows": rows,
            "bodies": submission_services.receiving_bodies(kind),
            "selected_body": request.POST.get("body", "") if request.method == "POST" else "",
            "errors": errors,
            "other_errors": [m for name, messages in errors.items() if name not in known for m in messages],
            "accept": attachment_services.ACCEPT_ATTRIBUTE,
            "max_attachments": kind.max_attachments,
            "max_size_mb": attachment_services.max_size_mb(),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request, kind):
    """The generic form serves kinds addressed to a body; a kind about one record has its own page."""
    kind = submission_services.get_kind(kind)
    if kind.target is not None:
        raise Http404
    if request.method != "POST":
        return _form_page(request, kind)
    try:
        receipt = submission_services.submit(
            kind,
            request.POST,
            client_ip=submission_services.client_ip(request),
            body=request.POST.get("body"),
            files=request.FILES.getlist("attachments"),
        )
    except InvalidInput as exc:
        return _form_page(request, kind, errors=exc.errors or {"non_field_errors": [exc.detail]}, status=400)
    return render(request, "portal/submissions/receipt.html", {"kind": kind, "receipt": receipt})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """The form, or — given a receipt code and secret — the status; 404 alike for any mismatch."""
    source = request.POST if request.method == "POST" else request.GET
    if "receipt_code" not in source and "secret" not in source:
        return render(request, "portal/submissions/track.html", {})
    try:
        submission = submission_services.find_by_receipt(source.get("receipt_code"), source.get("secret"))
    except InvalidInput as exc:
        values = {"receipt_code": source.get("receipt_code", "")}
        return render(request, "portal/submissions/track.html", {"errors": exc.errors, "values": values}, status=400)
    return render(
        request,
        "portal/submissions/status.html",
        {"status": submission_services.public_status(submission)},
    )
