"""Office pages for normative documents and the public registry (thin: services and selectors do the work)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import FazhiError, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.core.services import attachments as attachment_services
from fazhi.documents import selectors, services, workflow
from fazhi.documents.choices import DocumentKind, DocumentStatus, EvaluationDecision, PublicStatus
from fazhi.documents.forms import DocumentForm, MeetingForm, SettingsForm
from fazhi.documents.models import DocumentSettings, InterpretationFile, NormativeDocument, ValidityEvaluation

PAGE_SIZE = 50


def _visible(user, pk, action="view") -> NormativeDocument:
    document = NormativeDocument.objects.restrict(user, action).select_related("body", "government").filter(pk=pk)
    document = document.first()
    if document is None:
        raise NotFound()
    return document


# --- office --------------------------------------------------------------------------------


@login_required
@require_GET
def office_list(request):
    status = request.GET.get("status", "")
    if status not in DocumentStatus.values:
        status = ""
    documents = selectors.office_documents(request.user, status=status)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    bodies = Body.objects.restrict(request.user, "change").order_by("tree_path")
    return render(
        request,
        "documents/office_list.html",
        {"page": page, "status": status, "statuses": DocumentStatus.choices, "can_create": bodies.exists()},
    )


def _form_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("body", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def office_create(request):
    bodies = Body.objects.restrict(request.user, "change").order_by("tree_path")
    form = DocumentForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_draft(actor=request.user, body=form.cleaned_data["body"], **_form_data(form))
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("草稿已创建。"))
            return redirect("documents:office-detail", pk=document.pk)
    return render(request, "documents/office_form.html", {"form": form, "document": None}, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def office_edit(request, pk):
    document = _visible(request.user, pk, "change")
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(document, actor=request.user, **_form_data(form))
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("documents:office-detail", pk=document.pk)
    return render(request, "documents/office_form.html", {"form": form, "document": document}, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _changeable(user, document) -> bool:
    return NormativeDocument.objects.restrict(user, "change").filter(pk=document.pk).exists()


def _meeting_form(document, data=None) -> MeetingForm:
    return MeetingForm(
        data,
        initial={
            "held_on": timezone.localdate(),
            "agenda_item": _("审议《%(title)s》") % {"title": document.title},
        },
    )


def _detail_page(request, document, *, meeting_form=None, status=200):
    found = selectors.procedures_of(document)
    changeable = _changeable(request.user, document)
    return render(
        request,
        "documents/office_detail.html",
        {
            "document": document,
            "procedures": found,
            "timeline": selectors.timeline(document, found),
            "due_dates": selectors.due_dates(document, found),
            "actions": workflow.actions(document, request.user),
            "evaluations": document.evaluations.order_by("-due_on"),
            "decisions": EvaluationDecision.choices,
            "editable": document.status in workflow.EDITABLE_STATUSES and changeable,
            "interpretation_files": document.interpretation_files.select_related("attachment"),
            "accept": attachment_services.ACCEPT_ATTRIBUTE,
            # Collective discussion is recorded once the legality review has passed (services.record_meeting).
            "meeting_form": (meeting_form or _meeting_form(document))
            if changeable and document.status == DocumentStatus.REVIEWED
            else None,
        },
        status=status,
    )


@login_required
@require_GET
def office_detail(request, pk):
    return _detail_page(request, _visible(request.user, pk))


@login_required
@require_POST
def office_meeting(request, pk):
    """Start the collective-discussion record; its minutes and signature are added on its own page."""
    document = _visible(request.user, pk)
    form = _meeting_form(document, request.POST)
    if form.is_valid():
        try:
            record = services.record_meeting(document, actor=request.user, **form.service_data())
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已记录集体讨论，请上传会议纪要并由负责人签署。"))
            return redirect("procedures:meeting-detail", pk=record.pk)
    return _detail_page(request, document, meeting_form=form, status=400)


@login_required
@require_POST
def office_interpretation_file(request, pk):
    document = _visible(request.user, pk)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        raise InvalidInput(_("请选择解读材料文件。"))
    services.attach_interpretation_file(document, uploaded, actor=request.user)
    messages.success(request, _("已上传解读材料文件，将与文件同步发布。"))
    return redirect("documents:office-detail", pk=document.pk)


@login_required
@require_POST
def office_interpretation_file_remove(request, pk):
    """Remove a file of a draft's interpretation material; the service refuses once the document is published."""
    visible = NormativeDocument.objects.restrict(request.user)
    item = InterpretationFile.objects.filter(pk=pk, document__in=visible).select_related("document__body").first()
    if item is None:
        raise NotFound()
    document = services.remove_interpretation_file(item, actor=request.user)
    messages.success(request, _("已删除解读材料文件。"))
    return redirect("documents:office-detail", pk=document.pk)


def _run(request, document, name):
    data = request.POST
    if name == "start_consultation":
        return services.start_consultation(
            document, actor=request.user, closes_on=data.get("closes_on"), shortened_reason=data.get("shortened_reason")
        )
    if name == "publish":
        return services.publish(
            document, actor=request.user, effective_on=data.get("effective_on"), expires_on=data.get("expires_on")
        )
    if name in ("repeal", "withdraw"):
        run = services.repeal if name == "repeal" else services.withdraw
        return run(document, actor=request.user, reason=data.get("reason"))
    simple = {
        "submit_competition_review": services.submit_competition_review,
        "submit_legality_review": services.submit_legality_review,
        "conclude_review": services.conclude_review,
        "record_decision": services.record_decision,
        "number_government": services.assign_number,
        "number_department": services.assign_number,
    }
    if name not in simple:
        raise NotFound()
    return simple[name](document, actor=request.user)


@login_required
@require_POST
def office_action(request, pk, transition):
    document = _visible(request.user, pk)
    document = _run(request, document, transition)
    messages.success(request, _("已办理：现为“%(status)s”。") % {"status": document.get_status_display()})
    return redirect("documents:office-detail", pk=document.pk)


@login_required
@require_POST
def evaluation_decide(request, pk):
    evaluation = ValidityEvaluation.objects.restrict(request.user, "change").filter(pk=pk).first()
    if evaluation is None:
        raise NotFound()
    data = request.POST
    services.decide_evaluation(
        evaluation,
        actor=request.user,
        decision=data.get("decision"),
        reason=data.get("reason"),
        new_expires_on=data.get("new_expires_on"),
    )
    messages.success(request, _("已记录评估结论。"))
    return redirect("documents:office-detail", pk=evaluation.document_id)


# --- settings: the three unifications per government ---------------------------------------


@login_required
@require_GET
def settings_list(request):
    """The governments whose settings the user (their 依法行政办) may change."""
    governments = Body.objects.restrict(request.user, "manage_bodies").filter(kind__in=services.GOVERNMENT_KINDS)
    configured = {s.government_id: s for s in DocumentSettings.objects.select_related("legal_office")}
    rows = [(government, configured.get(government.pk)) for government in governments.order_by("tree_path")]
    return render(request, "documents/settings_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request, pk):
    government = (
        Body.objects.restrict(request.user, "manage_bodies").filter(pk=pk, kind__in=services.GOVERNMENT_KINDS).first()
    )
    if government is None:
        raise NotFound()
    current = DocumentSettings.objects.filter(government=government).first()
    form = SettingsForm(request.POST or None, government=government, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_settings(government, actor=request.user, **form.cleaned_data)
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存%(government)s的规范性文件管理配置。") % {"government": government.name})
            return redirect("documents:settings")
    return render(
        request, "documents/settings_form.html", {"form": form, "government": government}, status=_status(form)
    )


# --- public registry -----------------------------------------------------------------------


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) <= 9 else None


@require_GET
def public_list(request):
    today = timezone.localdate()
    params = request.GET
    query = params.get("q", "").strip()
    kind = params.get("kind", "") if params.get("kind", "") in DocumentKind.values else ""
    status = params.get("status", "") if params.get("status", "") in PublicStatus.values else ""
    year = _int(params.get("year")) if len(params.get("year", "")) == 4 else None
    body_id = _int(params.get("body"))
    body = Body.objects.filter(pk=body_id).first() if body_id else None
    error = ""
    try:
        documents = selectors.public_documents(today=today, query=query, body=body, year=year, kind=kind, status=status)
    except FazhiError as exc:
        documents, error = [], exc.detail
    page = Paginator(documents, PAGE_SIZE).get_page(params.get("page"))
    bodies = Body.objects.filter(pk__in=NormativeDocument.objects.published().values("body")).order_by("tree_path")
    years = range(today.year, today.year - 10, -1)
    return render(
        request,
        "documents/public_list.html",
        {
            "page": page,
            "today": today,
            "query": query,
            "kind": kind,
            "status": status,
            "year": year,
            "body": body,
            "bodies": bodies,
            "years": years,
            "kinds": DocumentKind.choices,
            "statuses": PublicStatus.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


@require_GET
def public_detail(request, pk):
    document = NormativeDocument.objects.published().select_related("body", "amended_by", "replaces").filter(pk=pk)
    document = document.first()
    if document is None:
        raise NotFound()
    consultation = selectors.procedures_of(document)["consultations"]
    return render(
        request,
        "documents/public_detail.html",
        {
            "document": document,
            "today": timezone.localdate(),
            "consultations": [c for c in consultation if c.status in ("open", "feedback_published")],
            "interpretation_files": document.interpretation_files.select_related("attachment"),
        },
    )


@require_GET
def public_interpretation_file(request, pk):
    """A file of a published document's interpretation, for anyone: it was published with the document."""
    item = (
        InterpretationFile.objects.filter(pk=pk, document__in=NormativeDocument.objects.published())
        .select_related("attachment")
        .first()
    )
    if item is None:
        raise NotFound()
    attachment = item.attachment
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def public_consultations(request):
    """Drafts open for comment: each links to the procedures consultation page, where the public comments."""
    return render(request, "documents/public_consultations.html", {"items": selectors.open_consultations()})
