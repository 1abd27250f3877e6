"""Pages of the yearly rule-of-law report (thin): the office's tracking of every body's report for
a year with the form to generate one, the report's page with its parts, figures, recipients and
steps, its DOCX and PDF; on the portal, the published reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.choices import BodyKind
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.reports import report as content
from fazhi.reports import selectors, services, workflow
from fazhi.reports.choices import OFF_PLATFORM_MEANS, SENT_STATUSES, Standing

STEP_ERRORS = (InvalidInput, Conflict, Forbidden)
TEXT_STEPS = ("edit", "regenerate")


def _years():
    this_year = timezone.localdate().year
    return range(this_year, this_year - 6, -1)


def _tracking_page(request, *, error=None, posted=None, status=200):
    year = selectors._year(request.GET.get("year")) or selectors.default_year()
    kind = request.GET.get("kind", "")
    rows = selectors.office_tracking(request.user, year=year, kind=kind)
    context = {
        "year": year,
        "years": _years(),
        "kind": kind,
        "kinds": BodyKind.choices,
        "rows": rows,
        "counts": [(label, sum(row["standing"] == value for row in rows)) for value, label in Standing.choices],
        "own": selectors.own_reports(request.user),
        "preparable": services.preparable_bodies(request.user),
        "error": error,
        "posted": posted or {},
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "reports-results":
        return render(request, "reports/_tracking_rows.html", context)
    return render(request, "reports/tracking.html", context, status=status)


@login_required
@require_GET
def tracking(request):
    """法治政府建设年度报告报送情况: every body in sight, its report for the year and its standing."""
    return _tracking_page(request)


@login_required
@require_POST
def generate(request):
    try:
        report = services.generate(actor=request.user, body=request.POST.get("body"), year=request.POST.get("year"))
    except STEP_ERRORS as exc:
        return _tracking_page(request, error=exc, posted=request.POST, status=exc.status_code)
    messages.success(request, _("已生成报告草稿，指标数据截至今日。"))
    return redirect("reports:detail", pk=report.pk)


def _report_page(request, report, *, failed="", error=None, values=None, status=200):
    setting = selectors.settings_table()[report.body.kind]
    due = selectors.due_on(setting, report.year)
    actions = workflow.actions(report, request.user)
    sent = report.status in SENT_STATUSES
    editable = any(transition.name == "edit" for transition, _refusal in actions)
    steps = [(transition, refusal) for transition, refusal in actions if transition.name not in TEXT_STEPS]
    in_a_form = failed in {transition.name for transition, _refusal in actions}
    recipients = None if sent else selectors.recipients_of(report.body, setting)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "data": content.sections(report),
            "texts": [
                (name, label, (values or {}).get(name, getattr(report, name)))
                for name, label in services.TEXT_FIELDS.items()
            ],
            "editable": editable,
            "steps": steps,
            "error_above": error if error is not None and not in_a_form else None,
            "regenerate": any(transition.name == "regenerate" for transition, _refusal in actions),
            "recipients": recipients,
            "off_platform": [recipient.name for recipient in recipients or () if recipient.body is None],
            "deliveries": report.deliveries.select_related("recipient") if sent else None,
            "due_on": due,
            "publish_by": selectors.publish_by(setting, report.year),
            "source": setting.source,
            "standing": Standing(selectors.standing(report.status, report.sent_on, due, timezone.localdate())),
            "means": OFF_PLATFORM_MEANS,
            "failed": failed,
            "error": error,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk):
    return _report_page(request, selectors.visible_report(request.user, pk))


@login_required
@require_POST
def step(request, pk, step):
    report = selectors.visible_report(request.user, pk)
    if step not in workflow.STEPS:
        raise NotFound()
    try:
        services.run_step(report, step, actor=request.user, data=request.POST)
    except STEP_ERRORS as exc:
        values = request.POST if step == "edit" else None
        page = selectors.visible_report(request.user, pk)
        return _report_page(request, page, failed=step, error=exc, values=values, status=exc.status_code)
    messages.success(request, _("已保存。") if step == "edit" else _("已办理。"))
    return redirect("reports:detail", pk=pk)


@login_required
@require_GET
def docx(request, pk):
    return content.docx_response(selectors.visible_report(request.user, pk))


@login_required
@require_GET
def pdf(request, pk):
    return content.pdf_response(selectors.visible_report(request.user, pk))


# --- portal ---------------------------------------------------------------------------------------


@require_GET
def public_list(request):
    body, year = request.GET.get("body", ""), request.GET.get("year", "")
    context = {
        "reports": selectors.public_reports(body=body, year=year)[:300],
        "bodies": Body.objects.filter(pk__in=selectors.public_reports().values("body")).order_by("tree_path"),
        "years": _years(),
        "selected": {"body": body, "year": year},
    }
    return render(request, "reports/public_list.html", context)


@require_GET
def public_detail(request, pk):
    report = selectors.public_report(pk)
    return render(request, "reports/public_detail.html", {"report": report, "data": content.sections(report)})


@require_GET
def public_docx(request, pk):
    return content.docx_response(selectors.public_report(pk))


@require_GET
def public_pdf(request, pk):
    return content.pdf_response(selectors.public_report(pk))
