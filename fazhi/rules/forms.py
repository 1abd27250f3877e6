"""The rule form of the office pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body
from fazhi.rules.choices import SubjectArea
from fazhi.rules.models import PlanItem


class RuleForm(forms.Form):
    body = forms.ModelChoiceField(label=_("起草单位"), queryset=Body.objects.none())
    plan_item = forms.ModelChoiceField(
        label=_("年度计划项目"),
        queryset=PlanItem.objects.none(),
        required=False,
        help_text=_("未列入计划的，请写明计划外立项的理由"),
    )
    title = forms.CharField(label=_("规章名称"), max_length=200)
    subject_area = forms.ChoiceField(label=_("立法事项"), choices=SubjectArea.choices)
    unplanned_reason = forms.CharField(
        label=_("计划外立项的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(label=_("正文"), required=False, widget=forms.Textarea(attrs={"rows": 12}))
    drafting_note = forms.CharField(label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data=None, *, bodies=None, items=None, instance=None):
        initial = {}
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.base_fields if name not in ("body", "plan_item")}
        super().__init__(data, initial=initial)
        if instance is not None:
            del self.fields["body"]
            del self.fields["plan_item"]
        else:
            self.fields["body"].queryset = bodies
            self.fields["plan_item"].queryset = items

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("plan_item") is None:
            data.pop("plan_item", None)
        return data

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
