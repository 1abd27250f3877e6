"""Forms for the office pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.powers.choices import ChangeReason, PowerCategory, PowerStatus


class DraftForm(forms.Form):
    reason_kind = forms.ChoiceField(label=_("调整原因"), choices=ChangeReason.choices)
    reason = forms.CharField(
        label=_("调整说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：《中华人民共和国行政处罚法》修订，相应调整行政处罚事项。"),
    )


class PowerForm(forms.Form):
    code = forms.CharField(label=_("事项编码"), max_length=50)
    name = forms.CharField(label=_("事项名称"), max_length=200)
    category = forms.ChoiceField(label=_("职权类别"), choices=PowerCategory.choices)
    bases = forms.CharField(
        label=_("设定依据（每行一项）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("写作《法律法规名称》加条款，例如：《中华人民共和国行政处罚法》第十八条"),
    )
    responsible_unit = forms.CharField(label=_("承办机构"), max_length=200)
    accountability = forms.CharField(label=_("追责情形"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("实施状态"), choices=PowerStatus.choices)
