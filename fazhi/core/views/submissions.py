"""The back office's view of public submissions: list, detail with the workflow, export (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.choices import SubmissionStatus
from fazhi.core.services import attachments as attachment_services
from fazhi.core.services import submissions as submission_services


def _filters(request) -> dict:
    return {
        "status": request.GET.get("status", ""),
        "kind": request.GET.get("kind", ""),
        "query": request.GET.get("q", "")[:100],
    }


@login_required
def submission_list(request):
    filters = _filters(request)
    submissions = submission_services.for_office(request.user, **filters)
    page = Paginator(submissions, 30).get_page(request.GET.get("page"))
    for submission in page.object_list:
        submission.kind_label = submission_services.kind_label(submission.kind)
    context = {
        "page": page,
        "filters": filters,
        "statuses": SubmissionStatus.choices,
        "kinds": submission_services.kinds(),
        "querystring": request.GET.urlencode(),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "submission-results":
        return render(request, "core/submissions/_results.html", context)
    return render(request, "core/submissions/list.html", context)


@login_required
def submission_detail(request, pk):
    submission = submission_services.visible_submission(request.user, pk)
    return render(
        request,
        "core/submissions/detail.html",
        {
            "submission": submission,
            "kind_label": submission_services.kind_label(submission.kind),
            "details": submission.details if submission_services.identity_visible(request.user, submission) else {},
            "attachments": attachment_services.attachments_of(submission),
            "transitions": submission_services.available_transitions(submission, request.user),
            "identity": submission_services.masked_identity(request.user, submission),
            "office_url": submission_services.office_url(submission),
        },
    )


@login_required
@require_POST
def submission_transition(request, pk, transition):
    submission = submission_services.visible_submission(request.user, pk)
    submission = submission_services.run_transition(
        submission, transition, actor=request.user, text=request.POST.get("text")
    )
    messages.success(
        request,
        _("已办理：%(code)s 现为“%(status)s”。")
        % {"code": submission.receipt_code, "status": submission.get_status_display()},
    )
    return redirect("core:submission-detail", pk=submission.pk)


@login_required
def submission_export(request):
    submissions = submission_services.for_office(request.user, **_filters(request))
    content = submission_services.export_workbook(submissions, user=request.user)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = _("公众提交事项-%(date)s.xlsx") % {"date": timezone.localdate().strftime("%Y%m%d")}
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def attachment_download(request, pk):
    """A file, for users whose scope covers its body; always as a download, never rendered inline."""
    attachment = attachment_services.open_for_download(pk, actor=request.user)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
