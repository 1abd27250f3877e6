"""Forms of the catalog and legal-adviser pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body
from fazhi.decisions.choices import AdviserKind, DecisionCategory
from fazhi.decisions.models import LegalAdviser


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ServiceErrorsMixin:
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


class CatalogItemForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("决策事项"), max_length=200)
    category = forms.ChoiceField(label=_("事项类别"), choices=DecisionCategory.choices)
    basis = forms.CharField(label=_("决策依据"), widget=forms.Textarea(attrs={"rows": 3}))
    planned_timing = forms.CharField(label=_("计划完成时间"), max_length=50, help_text=_("例如：2026年第三季度"))
    undertaking_unit = forms.ModelChoiceField(label=_("承办单位"), queryset=Body.objects.none())

    def __init__(self, data=None, *, units, item=None, prefix=None):
        initial = {}
        if item is not None:
            initial = {name: getattr(item, name) for name in ("title", "category", "basis", "planned_timing")}
            initial["undertaking_unit"] = item.undertaking_unit_id
        super().__init__(data, initial=initial, prefix=prefix)
        self.fields["undertaking_unit"].queryset = units


class AdviserForm(ServiceErrorsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("聘请单位"), queryset=Body.objects.none())
    name = forms.CharField(label=_("姓名"), max_length=50)
    kind = forms.ChoiceField(label=_("类别"), choices=AdviserKind.choices)
    organisation = forms.CharField(label=_("工作单位"), max_length=100)
    qualification = forms.CharField(
        label=_("资格"), max_length=100, help_text=_("例如：法律职业资格证书号、律师执业证号、公职律师证号")
    )
    term_start = forms.DateField(label=_("聘期开始"), widget=DateInput())
    term_end = forms.DateField(label=_("聘期结束"), required=False, widget=DateInput())

    def __init__(self, data=None, *, bodies=None, adviser=None):
        initial = {}
        if adviser is not None:
            initial = {name: getattr(adviser, name) for name in self.base_fields if name != "body"}
        super().__init__(data, initial=initial)
        if adviser is not None:
            del self.fields["body"]
        else:
            self.fields["body"].queryset = bodies

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("body", None)
        return data


class OpinionForm(ServiceErrorsMixin, forms.Form):
    adviser = forms.ModelChoiceField(label=_("法律顾问"), queryset=LegalAdviser.objects.none())
    given_on = forms.DateField(label=_("出具日期"), widget=DateInput())
    matter = forms.CharField(label=_("事项"), max_length=200, required=False, help_text=_("默认为决策事项名称"))
    opinion = forms.CharField(label=_("法律意见"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, data=None, *, advisers):
        super().__init__(data)
        field = self.fields["adviser"]
        field.queryset = advisers
        field.label_from_instance = lambda adviser: (
            f"{adviser.name}（{adviser.get_kind_display()}，{adviser.body.name}）"
        )
