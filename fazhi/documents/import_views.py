"""The office's legacy-import page: upload a workbook or documents for one's own body, see the row
report or confirm what the parser read. Thin: `fazhi.documents.imports` checks and saves."""

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import FazhiError, InvalidInput
from fazhi.core.models import Body
from fazhi.documents import imports
from fazhi.documents.choices import DocumentKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_FILES = 50


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern for `multiple`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(imports.SUFFIXES)}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files]
        if len(cleaned) > MAX_FILES:
            raise forms.ValidationError(gettext_lazy("一次最多上传 %(n)d 个文件。") % {"n": MAX_FILES})
        return cleaned


class UploadForm(forms.Form):
    body = forms.ModelChoiceField(label=gettext_lazy("文件所属单位"), queryset=Body.objects.none())
    files = MultipleFileField(
        label=gettext_lazy("文件"),
        help_text=gettext_lazy("一份 .xlsx 表格（连同其“正文文件名”所指的文件），或若干 .txt、.md、.docx 文件"),
    )
    draft = forms.BooleanField(label=gettext_lazy("导入为草稿（而非已发布的历史文件）"), required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(item.name.lower().endswith(imports.WORKBOOK_SUFFIX) for item in files) > 1:
            raise forms.ValidationError(gettext_lazy("一次只能导入一份 Excel 表格。"))
        return files


class ConfirmForm(forms.Form):
    """One proposal as the clerk corrects it; `imports.confirm` checks every value again."""

    body = forms.ModelChoiceField(queryset=Body.objects.none(), widget=forms.HiddenInput)
    source_sha256 = forms.CharField(widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput)
    draft = forms.BooleanField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=gettext_lazy("标题"), required=False)
    doc_number = forms.CharField(label=gettext_lazy("发文字号"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("类别"), choices=[("", gettext_lazy("按单位判断")), *DocumentKind.choices], required=False
    )
    occurred_on = forms.DateField(label=gettext_lazy("成文日期"), required=False, widget=DATE)
    published_on = forms.DateField(label=gettext_lazy("发布日期"), required=False, widget=DATE)
    effective_on = forms.DateField(label=gettext_lazy("施行日期"), required=False, widget=DATE)
    expires_on = forms.DateField(label=gettext_lazy("有效期至"), required=False, widget=DATE)
    long_term = forms.BooleanField(label=gettext_lazy("长期有效"), required=False)
    long_term_reason = forms.CharField(label=gettext_lazy("长期有效理由"), required=False)
    text = forms.CharField(label=gettext_lazy("正文"), required=False, widget=forms.Textarea(attrs={"rows": 10}))

    VALUES = (
        "title",
        "doc_number",
        "kind",
        "occurred_on",
        "published_on",
        "effective_on",
        "expires_on",
        "long_term",
        "long_term_reason",
        "text",
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.VALUES}

    def add_service_errors(self, exc: FazhiError) -> None:
        placed = False
        for name, problems in (exc.errors or {}).items():
            if name in self.fields and name in self.VALUES:
                for problem in problems:
                    self.add_error(name, problem)
                placed = True
        if not placed:
            self.add_error(None, exc.detail)


def _bodies(user):
    return Body.objects.restrict(user, "change").order_by("tree_path")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
@require_GET
def template(request):
    return _xlsx(imports.template_workbook(), _("规范性文件导入模板.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    bodies = _bodies(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, bodies=bodies)
    context = {"form": form, "report": None, "proposals": [], "unreadable": []}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            body, draft, files = form.cleaned_data["body"], form.cleaned_data["draft"], form.cleaned_data["files"]
            workbook = next((item for item in files if item.name.lower().endswith(imports.WORKBOOK_SUFFIX)), None)
            if workbook is not None:
                response = _import_workbook(request, context, body, draft, workbook, files)
                if response is not None:
                    return response
            else:
                _propose(request, context, body, draft, files, bodies)
            status = 400 if context["unreadable"] or (context["report"] and not context["report"].ok) else 200
    return render(request, "documents/import.html", context, status=status)


def _import_workbook(request, context, body, draft, workbook, files):
    """The row report, or the workbook back with its 错误 column when the clerk asked for that."""
    data = workbook.read()
    attachments = {item.name: item.read() for item in files if item is not workbook}
    try:
        report = imports.import_workbook(
            data, actor=request.user, body=body, draft=draft, read_attachment=attachments.get, source=workbook.name
        )
    except InvalidInput as exc:
        context["unreadable"].append((workbook.name, exc.detail))
        return None
    if not report.ok and "error_report" in request.POST:
        stem = workbook.name.rsplit(".", 1)[0]
        return _xlsx(imports.error_workbook(data, report.errors), _("%(name)s（错误）.xlsx") % {"name": stem})
    if report.ok:
        messages.success(
            request,
            _("已导入 %(created)d 份，%(skipped)d 份此前已导入。")
            % {"created": len(report.created), "skipped": len(report.skipped)},
        )
    context["report"] = report
    return None


def _propose(request, context, body, draft, files, bodies) -> None:
    for item in files:
        try:
            proposal = imports.propose(item.name, item.read(), actor=request.user, body=body)
        except InvalidInput as exc:
            context["unreadable"].append((item.name, exc.detail))
            continue
        initial = {
            "body": body.pk,
            "source_sha256": proposal.source_sha256,
            "filename": proposal.filename,
            "draft": draft,
            **proposal.values,
        }
        confirm_form = ConfirmForm(initial=initial, bodies=bodies, prefix=f"p{len(context['proposals'])}")
        problems = [(imports.COLUMN_BY_KEY[key].header, problem) for key, problem in proposal.errors.items()]
        context["proposals"].append({"proposal": proposal, "form": confirm_form, "problems": problems})


@login_required
@require_POST
def confirm(request):
    bodies = _bodies(request.user)
    prefix = next((key.split("-", 1)[0] for key in request.POST if key.endswith("-source_sha256")), None)
    form = ConfirmForm(request.POST, bodies=bodies, prefix=prefix)
    if form.is_valid():
        try:
            document, created = imports.confirm(
                form.values(),
                actor=request.user,
                body=form.cleaned_data["body"],
                source_sha256=form.cleaned_data["source_sha256"],
                filename=form.cleaned_data["filename"],
                draft=form.cleaned_data["draft"],
            )
        except FazhiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已导入。") if created else _("该文件此前已导入。"))
            return redirect("documents:office-detail", pk=document.pk)
    context = {"form": None, "report": None, "proposals": [{"form": form}], "unreadable": []}
    return render(request, "documents/import.html", context, status=400)
