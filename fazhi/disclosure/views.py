"""政务公开 pages: the office's catalogue, guides, request register and yearly reports; the public
catalogue, guides and published reports. Thin: every change goes through `services`, whose
refusals are shown on the page they came from (the middleware answers 403/404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.access import scope_body_ids
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.disclosure import api, report, selectors, services, workflow
from fazhi.disclosure.choices import AnswerType, Category, Channel, Ground, KeyArea
from fazhi.disclosure.models import AnnualReport, CatalogueItem, Guide
from fazhi.disclosure.submissions import DisclosureRequestForm

FAILURES = (InvalidInput, Conflict)

# The fields each request step asks for on the page: (name, label, input type).
STEP_FIELDS = {
    "confirm": [("received_on", gettext_lazy("收到申请日期（默认今天）"), "date")],
    "ask_correction": [
        ("items", gettext_lazy("需要补正的事项"), "textarea"),
        ("due_on", gettext_lazy("补正期限"), "date"),
    ],
    "corrected": [("corrected_on", gettext_lazy("收到补正日期（默认今天）"), "date")],
    "correction_lapsed": [("text", gettext_lazy("答复内容（可不填，使用标准表述）"), "textarea")],
    "extend": [
        ("length", gettext_lazy("延长工作日数（1至20）"), "number"),
        ("reason", gettext_lazy("延长理由"), "textarea"),
    ],
    "consult": [("third_party", gettext_lazy("第三方"), "text")],
    "resume": [("replied_on", gettext_lazy("第三方答复日期（逾期未答复的不填）"), "date")],
    "answer": [
        ("answer_type", gettext_lazy("办理结果"), "answer_type"),
        ("ground", gettext_lazy("理由（不予公开、无法提供、不予处理、其他处理须选择）"), "ground"),
        ("text", gettext_lazy("答复内容"), "textarea"),
        ("answered_on", gettext_lazy("答复日期（默认今天）"), "date"),
    ],
}


def _posted(request) -> dict:
    return {name: value for name, value in request.POST.items() if name != "csrfmiddlewaretoken"}


def _bodies(user, action="change"):
    return Body.objects.current().filter(pk__in=scope_body_ids(user, action)).order_by("tree_path")


def _one(queryset, pk):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


# --- catalogue ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def catalogue(request):
    error, status = None, 200
    if request.method == "POST":
        data = _posted(request)
        try:
            body = services.body_from(data.pop("body", None), "body", _("公开主体"))
            services.add_item(actor=request.user, body=body, **data)
        except FAILURES as exc:
            error, status = exc, exc.status_code
        else:
            messages.success(request, _("已录入；请在20个工作日内公开。"))
            return redirect("disclosure:catalogue")
    items = selectors.office_items(request.user)[:200]
    rows = [(item, workflow.actions(workflow.ITEM, item, request.user)) for item in items]
    context = {
        "rows": rows,
        "bodies": _bodies(request.user),
        "categories": Category.choices,
        "key_areas": KeyArea.choices,
        "error": error,
        "today": timezone.localdate(),
    }
    return render(request, "disclosure/catalogue.html", context, status=status)


@login_required
@require_POST
def item_action(request, pk, step):
    item = _one(selectors.office_items(request.user), pk)
    data = _posted(request)
    try:
        if step == "publish":
            services.publish_item(item, actor=request.user, published_on=data.get("published_on"))
        elif step == "withdraw":
            services.withdraw_item(item, actor=request.user, reason=data.get("reason"))
        elif step == "revise":
            services.revise_item(item, actor=request.user, **{k: v for k, v in data.items() if v != ""})
        else:
            raise NotFound()
    except FAILURES as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("已办理。"))
    return redirect("disclosure:catalogue")


# --- guides ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def guides(request):
    error, status = None, 200
    if request.method == "POST":
        data = _posted(request)
        try:
            body = services.body_from(data.pop("body", None), "body", _("单位"))
            services.draft_guide(actor=request.user, body=body, **data)
        except FAILURES as exc:
            error, status = exc, exc.status_code
        else:
            messages.success(request, _("已编制新版本；发布后成为现行指南。"))
            return redirect("disclosure:guides")
    found = Guide.objects.restrict(request.user).select_related("body")
    context = {"guides": found, "bodies": _bodies(request.user), "error": error}
    return render(request, "disclosure/guides.html", context, status=status)


@login_required
@require_POST
def guide_publish(request, pk):
    guide = _one(Guide.objects.restrict(request.user).select_related("body"), pk)
    try:
        services.publish_guide(guide, actor=request.user)
    except FAILURES as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("指南已发布。"))
    return redirect("disclosure:guides")


# --- requests ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def requests(request):
    error, status, secret = None, 200, None
    if request.method == "POST":
        data = _posted(request)
        try:
            body = services.body_from(data.pop("body", None), "body", _("受理机关"))
            entered, secret = services.enter_request(
                actor=request.user,
                body=body,
                channel=data.pop("channel", None),
                submitted_on=data.pop("submitted_on", None),
                data=data,
            )
        except FAILURES as exc:
            error, status = exc, exc.status_code
        else:
            messages.success(
                request,
                _("已登记，回执编号 %(code)s，查询码 %(secret)s（仅显示这一次，请交给申请人）。")
                % {"code": entered.submission.receipt_code, "secret": secret},
            )
            return redirect("disclosure:request", pk=entered.pk)
    found = selectors.office_requests(request.user)[:200]
    context = {
        "requests": found,
        "bodies": _bodies(request.user),
        "channels": [c for c in Channel.choices if c[0] != Channel.ONLINE],
        "form": DisclosureRequestForm(),
        "error": error,
    }
    return render(request, "disclosure/requests.html", context, status=status)


def _request_page(request, request_, *, failed=None, error=None, status=200):
    user = request.user
    visible = submission_services.identity_visible(user, request_.submission)
    steps = [
        (transition, refusal, STEP_FIELDS.get(transition.name, []))
        for transition, refusal in workflow.actions(workflow.REQUEST, request_, user)
    ]
    context = {
        "r": request_,
        "identity": submission_services.masked_identity(user, request_.submission),
        "id_number": request_.id_number if visible else _("（仅受理单位可见）"),
        "address": request_.address if visible else ("—" if not request_.address else _("（仅受理单位可见）")),
        "due": selectors.due_entries(request_),
        "steps": steps,
        "answer_types": AnswerType.choices,
        "grounds": Ground.choices,
        "failed": failed,
        "error": error,
    }
    return render(request, "disclosure/request_detail.html", context, status=status)


@login_required
def request_detail(request, pk):
    return _request_page(request, _one(selectors.office_requests(request.user), pk))


@login_required
@require_POST
def request_action(request, pk, step):
    request_ = _one(selectors.office_requests(request.user), pk)
    name = step.replace("-", "_")
    data = {k: v for k, v in _posted(request).items() if v != "" or k in ("text",)}
    try:
        services.run_step(request_, name, actor=request.user, data=data)
    except FAILURES as exc:
        request_ = _one(selectors.office_requests(request.user), pk)
        return _request_page(request, request_, failed=name, error=exc, status=exc.status_code)
    messages.success(request, _("已办理。"))
    return redirect("disclosure:request", pk=pk)


# --- yearly reports ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reports(request):
    """The yearly reports, and each body's 政府网站工作年度报表 with its due day and a form to record
    one (`form=website`)."""
    error, website_error, status = None, None, 200
    last_year = timezone.localdate().year - 1
    if request.method == "POST":
        data = _posted(request)
        if data.pop("form", "") == "website":
            try:
                body = services.body_from(data.get("body"), "body", _("单位"))
                services.record_website_report(
                    actor=request.user,
                    body=body,
                    year=data.get("year"),
                    published_on=data.get("published_on"),
                    link=data.get("link"),
                )
            except FAILURES as exc:
                website_error, status = exc, exc.status_code
            else:
                messages.success(request, _("已登记政府网站工作年度报表。"))
                return redirect("disclosure:reports")
        else:
            try:
                body = services.body_from(data.get("body"), "body", _("单位"))
                opened = services.open_report(actor=request.user, body=body, year=data.get("year"))
            except FAILURES as exc:
                error, status = exc, exc.status_code
            else:
                return redirect("disclosure:report", pk=opened.pk)
    found = AnnualReport.objects.restrict(request.user).select_related("body")
    seen = Body.objects.current().filter(pk__in=scope_body_ids(request.user, "view")).order_by("tree_path")
    context = {
        "reports": found,
        "bodies": _bodies(request.user),
        "error": error,
        "website_error": website_error,
        "last_year": last_year,
        "website_rows": selectors.website_report_rows(seen, last_year),
        "website_reports": selectors.office_website_reports(request.user).order_by("-year", "body__tree_path"),
        "posted": _posted(request) if website_error else {},
    }
    return render(request, "disclosure/reports.html", context, status=status)


def _report_page(request, annual, *, error=None, status=200):
    context = {
        "report": annual,
        "data": report.sections(annual),
        "review_labels": list(zip(report.review_labels(), selectors_review(annual), strict=True)),
        "steps": workflow.actions(workflow.REPORT, annual, request.user),
        "error": error,
    }
    return render(request, "disclosure/report_detail.html", context, status=status)


def selectors_review(annual):
    from fazhi.disclosure.models import REVIEW_FIGURES

    figures = annual.review_figures or {}
    return [(name, figures.get(name, 0)) for name in REVIEW_FIGURES]


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    annual = _one(AnnualReport.objects.restrict(request.user).select_related("body"), pk)
    if request.method == "POST":
        from fazhi.disclosure.models import REVIEW_FIGURES

        data = _posted(request)
        values = {name: data.get(name, "") for name in services.REPORT_TEXTS}
        values["review_figures"] = {name: data.get(name) or "0" for name in REVIEW_FIGURES}
        try:
            services.change_report(annual, actor=request.user, **values)
        except FAILURES as exc:
            return _report_page(request, annual, error=exc, status=exc.status_code)
        messages.success(request, _("报告已保存。"))
        return redirect("disclosure:report", pk=pk)
    return _report_page(request, annual)


@login_required
@require_POST
def report_action(request, pk, step):
    annual = _one(AnnualReport.objects.restrict(request.user).select_related("body"), pk)
    try:
        services.report_step(annual, step, actor=request.user)
    except FAILURES as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("已办理。"))
    return redirect("disclosure:report", pk=pk)


@login_required
def report_docx(request, pk):
    annual = _one(AnnualReport.objects.restrict(request.user).select_related("body"), pk)
    return api.docx_response(annual)


# --- portal ------------------------------------------------------------------------------------


def _query_id(value):
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) <= 9 else None


def public_catalogue(request):
    body = _query_id(request.GET.get("body"))
    category = request.GET.get("category") or ""
    key_area = request.GET.get("key_area") or ""
    items = selectors.public_items(body=body, category=category, key_area=key_area)[:300]
    context = {
        "items": items,
        "bodies": Body.objects.current().order_by("tree_path"),
        "categories": Category.choices,
        "key_areas": KeyArea.choices,
        "selected": {"body": body, "category": category, "key_area": key_area},
        "guides": selectors.public_guides(),
    }
    return render(request, "disclosure/public_catalogue.html", context)


def public_guide(request, pk):
    guide = selectors.current_guide(pk)
    if guide is None:
        raise NotFound(_("该单位尚未发布政府信息公开指南。"))
    return render(request, "disclosure/public_guide.html", {"guide": guide})


def public_reports(request):
    context = {"reports": selectors.public_reports(), "website_reports": selectors.public_website_reports()}
    return render(request, "disclosure/public_reports.html", context)


def public_report(request, pk):
    annual = _one(selectors.public_reports(), pk)
    return render(request, "disclosure/public_report.html", {"report": annual, "data": report.sections(annual)})


__all__ = ["CatalogueItem"]
