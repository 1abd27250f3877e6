"""The draft form of the office pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body
from fazhi.documents.choices import DocumentKind
from fazhi.numbering.choices import FormatKind
from fazhi.numbering.models import NumberFormat
from fazhi.procedures.choices import MeetingKind, MeetingOutcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrors:
    def add_service_errors(self, exc) -> None:
        """The service's refusal shown on the form: on its fields where it names them."""
        placed = False
        for name, messages in (exc.errors or {}).items():
            if name in self.fields:
                for message in messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, exc.detail)


class DocumentForm(ServiceErrors, forms.Form):
    body = forms.ModelChoiceField(label=_("起草单位"), queryset=Body.objects.none())
    kind = forms.ChoiceField(label=_("文件类别"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    doc_number = forms.CharField(
        label=_("发文字号"), max_length=60, required=False, help_text=_("如 江府规〔2026〕3号")
    )
    text = forms.CharField(label=_("正文"), required=False, widget=forms.Textarea(attrs={"rows": 12}))
    drafting_note = forms.CharField(label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_policy_document = forms.BooleanField(label=_("政策性文件（须同步发布解读材料）"), required=False)
    interpretation = forms.CharField(label=_("解读材料"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    touches_market = forms.BooleanField(label=_("涉及市场主体经济活动（须经公平竞争审查）"), required=False)
    is_provisional = forms.BooleanField(label=_("暂行或试行"), required=False)
    long_term = forms.BooleanField(label=_("长期执行"), required=False)
    long_term_reason = forms.CharField(
        label=_("长期执行的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    effective_on = forms.DateField(label=_("施行日期"), required=False, widget=DATE)
    expires_on = forms.DateField(label=_("有效期至"), required=False, widget=DATE)

    def __init__(self, data=None, *, bodies=None, instance=None):
        initial = {}
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.base_fields if name != "body"}
        super().__init__(data, initial=initial)
        if instance is not None:
            del self.fields["body"]
        else:
            self.fields["body"].queryset = bodies


def _names(text: str) -> list[str]:
    """One name a line (or separated by 、，,), as the meeting service takes them."""
    for separator in "、，,":
        text = text.replace(separator, "\n")
    return [name.strip() for name in text.splitlines() if name.strip()]


class MeetingForm(ServiceErrors, forms.Form):
    """集体讨论记录 started from the document page; minutes and signing follow on the record's page."""

    meeting_kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    session = forms.CharField(label=_("会议名称"), max_length=200, help_text=_("例如：2026年第3次局务会议"))
    held_on = forms.DateField(label=_("会议日期"), widget=DATE)
    presided_by = forms.CharField(label=_("主持人"), max_length=50, required=False)
    agenda_item = forms.CharField(label=_("议题"), max_length=300)
    entitled_members = forms.CharField(
        label=_("应出席人员"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("每行一人，或以顿号分隔")
    )
    attendees = forms.CharField(
        label=_("实际出席人员"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("每行一人，或以顿号分隔")
    )
    outcome = forms.ChoiceField(
        label=_("讨论结果"), choices=[("", _("（签署前填写）")), *MeetingOutcome.choices], required=False
    )
    conclusion = forms.CharField(label=_("会议决定"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    dissent = forms.CharField(label=_("不同意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("entitled_members", "attendees"):
            data[name] = _names(data[name])
        return data


class SettingsForm(ServiceErrors, forms.Form):
    """A government's unified registration and numbering, for its 依法行政办."""

    legal_office = forms.ModelChoiceField(label=_("统一登记的法制机构"), queryset=Body.objects.none())
    two_stage_review = forms.BooleanField(
        label=_("两级审查"),
        required=False,
        help_text=_("部门规范性文件先由本部门法制机构审查，再由同级政府法制机构审查"),
    )
    government_number_format = forms.ModelChoiceField(
        label=_("政府规范性文件登记号格式"), queryset=NumberFormat.objects.none(), required=False
    )
    department_number_format = forms.ModelChoiceField(
        label=_("部门规范性文件登记号格式"), queryset=NumberFormat.objects.none(), required=False
    )

    def __init__(self, data=None, *, government, instance=None):
        initial = {"two_stage_review": True}
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.base_fields}
        super().__init__(data, initial=initial)
        bodies = Body.objects.filter(tree_path__startswith=government.tree_path).order_by("tree_path")
        self.fields["legal_office"].queryset = bodies
        formats = NumberFormat.objects.filter(kind=FormatKind.REGISTRATION, body__in=bodies).select_related("body")
        self.fields["government_number_format"].queryset = formats
        self.fields["department_number_format"].queryset = formats
