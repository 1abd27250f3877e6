"""Office pages of officers, certificates and legal reviewers, and the portal's 执法公示 of each body (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may, require
from fazhi.core.choices import Role
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.models import Body, Membership, User
from fazhi.enforcement import officers, publicity, selectors
from fazhi.enforcement.forms import CertificateForm, OfficerForm, RenewForm, ReviewerForm
from fazhi.enforcement.models import Certificate, LegalReviewer, Officer

PAGE_SIZE = 100


def _enforcement_bodies(user, action: str):
    return Body.objects.restrict(user, action).current().filter(is_enforcement_agency=True).order_by("tree_path")


def _chosen_body(request):
    text = request.GET.get("body", "")
    return int(text) if text.isdigit() and len(text) <= 9 else None


def _with_current(officer_list, today):
    """Each officer's certificate valid today, from the prefetched certificates."""
    for officer in officer_list:
        valid = [c for c in officer.certificates.all() if selectors.certificate_valid_on(c, today)]
        officer.current = max(valid, key=lambda c: (c.expires_on, c.pk)) if valid else None
    return officer_list


# --- officers --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def officer_list(request):
    """The officers of the bodies the user sees, with the certificates expiring soon; staff add officers here."""
    bodies = _enforcement_bodies(request.user, "change")
    form = OfficerForm(request.POST or None, bodies=bodies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            body = form.cleaned_data["body"]
            try:
                officer = officers.add_officer(actor=request.user, body=body, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已录入执法人员%(name)s。") % {"name": officer.name})
                return redirect("enforcement:officer-detail", pk=officer.pk)
        elif not bodies.filter(pk=request.POST.get("body") if (request.POST.get("body") or "").isdigit() else 0):
            raise NotFound()
    today = timezone.localdate()
    found = Officer.objects.restrict(request.user).select_related("body").prefetch_related("certificates")
    body_id = _chosen_body(request)
    if body_id is not None:
        found = found.filter(body_id=body_id)
    page = Paginator(found.order_by("body__tree_path", "body_id", "name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _with_current(page.object_list, today)
    return render(
        request,
        "enforcement/officer_list.html",
        {
            "page": page,
            "form": form if bodies.exists() else None,
            "chosen": Body.objects.filter(pk=body_id).first() if body_id else None,
            "expiring": officers.expiring(request.user, today),
            "warning_days": officers.warning_days(),
            "today": today,
        },
        status=status,
    )


def _officer(user, pk) -> Officer:
    officer = Officer.objects.restrict(user).select_related("body", "user").filter(pk=pk).first()
    if officer is None:
        raise NotFound()
    return officer


def _members(body):
    return (
        User.objects.filter(is_active=True, memberships__in=Membership.objects.active().filter(body=body))
        .distinct()
        .order_by("full_name", "username")
    )


def _officer_page(
    request, officer, *, form=None, issue_form=None, failed=None, error=None, renew_form=None, status=200
):
    today = timezone.localdate()
    can_manage = may(request.user, "manage_people", officer.body)
    certificates = list(officer.certificates.order_by("-expires_on", "-id"))
    rows = [
        {
            "certificate": certificate,
            "status": certificate.status_on(today),
            "actions": officers.certificate_actions(certificate, request.user),
        }
        for certificate in certificates
    ]
    return render(
        request,
        "enforcement/officer_detail.html",
        {
            "officer": officer,
            "rows": rows,
            "can_change": may(request.user, "change", officer.body),
            "form": form or OfficerForm(officer=officer, users=_members(officer.body)),
            "issue_form": issue_form or (CertificateForm() if can_manage else None),
            "renew_form": renew_form or RenewForm(),
            "failed": failed,
            "error": error,
            "posted": request.POST if failed else {},
            "today": today,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def officer_detail(request, pk):
    """An officer with their certificates; the body's staff correct the officer's details here."""
    officer = _officer(request.user, pk)
    if request.method == "GET":
        return _officer_page(request, officer)
    require(request.user, "change", officer.body, _(officers.OFFICERS_LABEL))
    form = OfficerForm(request.POST, officer=officer, users=_members(officer.body))
    status = 400
    if form.is_valid():
        try:
            officers.change_officer(officer, actor=request.user, **form.service_data())
        except (InvalidInput, Conflict) as exc:
            form.add_service_errors(exc)
            status = exc.status_code
        else:
            messages.success(request, _("已保存。"))
            return redirect("enforcement:officer-detail", pk=officer.pk)
    return _officer_page(request, officer, form=form, status=status)


@login_required
@require_POST
def officer_action(request, pk, step):
    """Issue a certificate to the officer (the 依法行政办 above the body)."""
    officer = _officer(request.user, pk)
    if step != "issue":
        raise NotFound()
    require(request.user, "manage_people", officer.body, _(officers.CERTIFICATE_LABEL))
    form = CertificateForm(request.POST)
    if not form.is_valid():
        return _officer_page(request, officer, issue_form=form, status=400)
    try:
        certificate = officers.issue_certificate(officer, actor=request.user, **form.service_data())
    except (InvalidInput, Conflict) as exc:
        form.add_service_errors(exc)
        return _officer_page(request, officer, issue_form=form, status=exc.status_code)
    messages.success(request, _("已登记执法证%(number)s。") % {"number": certificate.number})
    return redirect("enforcement:officer-detail", pk=officer.pk)


@login_required
@require_POST
def certificate_action(request, pk, step):
    """Suspend, revoke or renew a certificate; a refusal is shown on the officer's page."""
    certificate = (
        Certificate.objects.filter(officer__in=Officer.objects.restrict(request.user))
        .select_related("officer", "officer__body")
        .filter(pk=pk)
        .first()
    )
    if certificate is None or step not in officers.CERTIFICATE.transitions:
        raise NotFound()
    officer = certificate.officer
    data = request.POST
    try:
        if step == "renew":
            officers.CERTIFICATE.require(certificate, "renew", request.user, gates=False)
            form = RenewForm(data)
            if not form.is_valid():
                return _officer_page(request, officer, renew_form=form, failed=certificate.pk, status=400)
            try:
                renewed = officers.renew_certificate(certificate, actor=request.user, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                return _officer_page(request, officer, renew_form=form, failed=certificate.pk, status=exc.status_code)
            messages.success(request, _("已换发新证%(number)s。") % {"number": renewed.number})
            return redirect("enforcement:officer-detail", pk=officer.pk)
        run = officers.suspend_certificate if step == "suspend" else officers.revoke_certificate
        done = run(certificate, actor=request.user, reason=data.get("reason"), on=data.get("on"))
    except (InvalidInput, Conflict) as exc:
        return _officer_page(request, officer, failed=certificate.pk, error=exc, status=exc.status_code)
    messages.success(
        request, _("执法证%(number)s现为“%(status)s”。") % {"number": done.number, "status": done.status_on()}
    )
    return redirect("enforcement:officer-detail", pk=officer.pk)


# --- legal reviewers ----------------------------------------------------------------------------


def _reviewer_accounts(bodies):
    return (
        User.objects.filter(
            is_active=True,
            memberships__in=Membership.objects.active().filter(body__in=bodies, role=Role.LEGAL_REVIEWER),
        )
        .distinct()
        .order_by("full_name", "username")
    )


@login_required
@require_http_methods(["GET", "POST"])
def reviewer_list(request):
    """The legal reviewers of the bodies the user sees; the head appoints them here."""
    bodies = _enforcement_bodies(request.user, "approve")
    form = ReviewerForm(request.POST or None, bodies=bodies, users=_reviewer_accounts(bodies))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            body = form.cleaned_data["body"]
            try:
                officers.register_reviewer(actor=request.user, body=body, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已登记法制审核人员。"))
                return redirect(f"{reverse('enforcement:reviewer-list')}?body={body.pk}")
        elif not bodies.filter(pk=request.POST.get("body") if (request.POST.get("body") or "").isdigit() else 0):
            raise NotFound()
    today = timezone.localdate()
    found = LegalReviewer.objects.restrict(request.user).select_related("body", "user")
    body_id = _chosen_body(request)
    if body_id is not None:
        found = found.filter(body_id=body_id)
    page = Paginator(found.order_by("body__tree_path", "body_id", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for reviewer in page.object_list:
        reviewer.qualified = selectors.reviewer_qualified(reviewer, today)
    return render(
        request,
        "enforcement/officer_reviewer_list.html",
        {
            "page": page,
            "form": form if bodies.exists() else None,
            "chosen": Body.objects.filter(pk=body_id).first() if body_id else None,
            "qualification_from": selectors.REVIEW_QUALIFICATION_FROM,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reviewer_edit(request, pk):
    reviewer = LegalReviewer.objects.restrict(request.user).select_related("body", "user").filter(pk=pk).first()
    if reviewer is None:
        raise NotFound()
    form = ReviewerForm(request.POST or None, reviewer=reviewer)
    status = 200
    if request.method == "POST":
        require(request.user, "approve", reviewer.body, _(officers.REVIEWER_LABEL))
        status = 400
        if form.is_valid():
            try:
                officers.change_reviewer(reviewer, actor=request.user, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已保存。"))
                return redirect(f"{reverse('enforcement:reviewer-list')}?body={reviewer.body_id}")
    return render(
        request,
        "enforcement/officer_reviewer_form.html",
        {"reviewer": reviewer, "form": form, "can_change": may(request.user, "approve", reviewer.body)},
        status=status,
    )


# --- portal: 执法公示 --------------------------------------------------------------------------------


@require_GET
def public_body_list(request):
    """The enforcement bodies, each linking to its publicity page."""
    return render(request, "enforcement/officer_public_bodies.html", {"bodies": publicity.enforcement_bodies()})


@require_GET
def public_body_detail(request, pk):
    """Before enforcement (行政处罚法第三十九条): the subject, its certified officers, powers, catalog,
    benchmarks, procedures and remedies. Nothing of a draft and no uncertified officer is shown."""
    body = publicity.enforcement_bodies().filter(pk=pk).first()
    if body is None:
        raise NotFound()
    entries = list(selectors.published_catalog(body))
    for entry in entries:
        entry.kind_labels = publicity.penalty_kind_labels(entry)
    return render(
        request,
        "enforcement/officer_public_body.html",
        {
            "body": body,
            "officers": selectors.certified_officers(body, timezone.localdate()),
            "power_list_url": publicity.power_list_url(body),
            "entries": entries,
            "benchmarks": selectors.public_benchmarks().filter(body=body),
            "reconsideration": publicity.reconsideration_organ(body),
            "today": timezone.localdate(),
        },
    )
