"""The draft form of the office pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body
from fazhi.documents.choices import DocumentKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentForm(forms.Form):
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
