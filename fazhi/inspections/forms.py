"""Forms of the back-office pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body
from fazhi.inspections.choices import EntityKind, InspectionMethod, ItemOutcome, TaskOutcome
from fazhi.inspections.models import InspectionItem


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


class ItemForm(ServiceErrorsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("执法主体"), queryset=Body.objects.none())
    name = forms.CharField(label=_("抽查事项"), max_length=200)
    basis = forms.CharField(label=_("检查依据"), widget=forms.Textarea(attrs={"rows": 3}))
    subject_type = forms.CharField(label=_("检查对象"), max_length=200, help_text=_("例如：食品销售经营者"))
    method = forms.ChoiceField(label=_("检查方式"), choices=InspectionMethod.choices)

    def __init__(self, data=None, *, bodies=None, item=None):
        initial = {name: getattr(item, name) for name in ("name", "basis", "subject_type", "method")} if item else {}
        super().__init__(data, initial=initial)
        if item is not None:
            del self.fields["body"]
        else:
            self.fields["body"].queryset = bodies

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("body", None)
        return data


class ImportForm(forms.Form):
    body = forms.ModelChoiceField(label=_("执法主体"), queryset=Body.objects.none())
    workbook = forms.FileField(
        label=_("Excel 表格"),
        help_text=_("按模板填写的 .xlsx 文件"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class PlanForm(ServiceErrorsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("组织实施单位"), queryset=Body.objects.none())
    joint_bodies = forms.ModelMultipleChoiceField(
        label=_("联合抽查参加单位"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("跨部门联合抽查的，选择其他参加单位；按住 Ctrl 可多选"),
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("计划名称"), max_length=200)
    items = forms.ModelMultipleChoiceField(
        label=_("抽查事项"), queryset=InspectionItem.objects.none(), help_text=_("从参加单位已公布的清单中选择")
    )
    entity_kinds = forms.MultipleChoiceField(
        label=_("主体类型"), choices=EntityKind.choices, required=False, help_text=_("不选表示不限")
    )
    areas = forms.CharField(label=_("所属区域"), required=False, help_text=_("多个以顿号或逗号分隔；不填表示不限"))
    industries = forms.CharField(label=_("行业"), required=False, help_text=_("多个以顿号或逗号分隔；不填表示不限"))
    sample_ratio = forms.DecimalField(
        label=_("抽查比例（%）"), required=False, max_digits=5, decimal_places=2, help_text=_("与抽查数量二选一")
    )
    sample_count = forms.IntegerField(label=_("抽查数量"), required=False, min_value=1)
    inspectors_per_entity = forms.IntegerField(
        label=_("每个检查对象的执法人员数"),
        initial=2,
        min_value=2,
        max_value=10,
        help_text=_("联合抽查的，每个参加单位各抽取该数量"),
    )
    seed_source = forms.CharField(
        label=_("随机数来源"),
        max_length=300,
        help_text=_("抽取时录入的公开数值从何而来，例如：抽取当日上证综合指数收盘点位"),
    )

    def __init__(self, data=None, *, bodies, partners, items, plan=None):
        initial = {}
        if plan is not None:
            initial = {
                name: getattr(plan, name)
                for name in ("year", "title", "sample_ratio", "sample_count", "inspectors_per_entity", "seed_source")
            }
            initial.update(
                {
                    "entity_kinds": plan.entity_kinds,
                    "areas": "、".join(plan.areas),
                    "industries": "、".join(plan.industries),
                    "items": [item.pk for item in plan.items.all()],
                    "joint_bodies": [body.pk for body in plan.joint_bodies.all()],
                }
            )
        super().__init__(data, initial=initial)
        if plan is not None:
            del self.fields["body"]
        else:
            self.fields["body"].queryset = bodies
        self.fields["joint_bodies"].queryset = partners
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda item: f"{item.body.name}：{item.name}"

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("body", None)
        data["items"] = [item.pk for item in data["items"]]
        data["joint_bodies"] = [body.pk for body in data["joint_bodies"]]
        return data


class ResultForm(ServiceErrorsMixin, forms.Form):
    """The overall result and one choice per item of the plan (`item_<id>`)."""

    inspected_on = forms.DateField(label=_("检查日期"), widget=DateInput())
    concluded_on = forms.DateField(
        label=_("检查结论日期"), required=False, widget=DateInput(), help_text=_("默认今天；结果公示期限自该日起算")
    )
    outcome = forms.ChoiceField(label=_("检查结果"), choices=TaskOutcome.choices)
    problems = forms.CharField(label=_("发现的问题"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    handling = forms.CharField(label=_("处理情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, items):
        super().__init__(data)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.name, choices=ItemOutcome.choices, initial=ItemOutcome.COMPLIANT
            )

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ("inspected_on", "concluded_on", "outcome")}
        data.update({name: self.cleaned_data[name] for name in ("problems", "handling")})
        data["results"] = {str(item.pk): self.cleaned_data[f"item_{item.pk}"] for item in self.items}
        return data

    def add_service_errors(self, exc) -> None:
        if "results" in (exc.errors or {}):
            for message in exc.errors["results"]:
                self.add_error(None, message)
            exc.errors = {key: value for key, value in exc.errors.items() if key != "results"}
            if not exc.errors:
                return
        super().add_service_errors(exc)
