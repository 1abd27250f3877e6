"""Forms of the officer, reviewer, benchmark, catalog and settings pages; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body, User
from fazhi.enforcement.choices import Harm, PenaltyKind

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


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

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("body", None)
        return data


class BodyChoiceMixin:
    """A `body` field limited to the bodies given; left out when the record already has its body."""

    def _bodies(self, bodies):
        if bodies is None:
            del self.fields["body"]
        else:
            self.fields["body"].queryset = bodies


# --- officers ----------------------------------------------------------------------------------


class OfficerForm(BodyChoiceMixin, ServiceErrorsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("所属执法主体"), queryset=Body.objects.none())
    name = forms.CharField(label=_("姓名"), max_length=50)
    staff_number = forms.CharField(label=_("工号"), max_length=30, required=False)
    position = forms.CharField(label=_("职务"), max_length=50, required=False)
    user = forms.ModelChoiceField(
        label=_("平台账号"), queryset=User.objects.none(), required=False, help_text=_("本单位在职人员，可不填")
    )

    def __init__(self, data=None, *, bodies=None, users=None, officer=None):
        initial = {}
        if officer is not None:
            initial = {name: getattr(officer, name) for name in ("name", "staff_number", "position")}
            initial["user"] = officer.user_id
        super().__init__(data, initial=initial)
        self._bodies(bodies)
        if users is None:  # a new officer's account is linked on the officer's page, once the body is known
            del self.fields["user"]
        else:
            self.fields["user"].queryset = users
            self.fields["user"].label_from_instance = lambda user: user.full_name or user.get_username()


class CertificateForm(ServiceErrorsMixin, forms.Form):
    number = forms.CharField(label=_("证件编号"), max_length=40)
    area = forms.CharField(label=_("执法区域和类别"), max_length=200)
    issued_on = forms.DateField(label=_("发证日期"), widget=DateInput())
    expires_on = forms.DateField(label=_("有效期至"), widget=DateInput())


class RenewForm(CertificateForm):
    area = forms.CharField(label=_("执法区域和类别"), max_length=200, required=False, help_text=_("默认沿用原证"))

    def service_data(self) -> dict:
        data = super().service_data()
        if not data.get("area"):
            data.pop("area", None)
        return data


class ReviewerForm(BodyChoiceMixin, ServiceErrorsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("执法机关"), queryset=Body.objects.none())
    user = forms.ModelChoiceField(label=_("法制审核人员"), queryset=User.objects.none())
    appointed_on = forms.DateField(label=_("初次从事法制审核日期"), widget=DateInput())
    qualification_number = forms.CharField(
        label=_("法律职业资格证书编号"),
        max_length=40,
        required=False,
        help_text=_("2021年7月15日起初次从事行政处罚决定法制审核的，必须填写"),
    )
    active = forms.BooleanField(label=_("在岗"), required=False)

    def __init__(self, data=None, *, bodies=None, users=None, reviewer=None):
        initial = {"active": True}
        if reviewer is not None:
            initial = {name: getattr(reviewer, name) for name in ("appointed_on", "qualification_number", "active")}
        super().__init__(data, initial=initial)
        self._bodies(bodies)
        if reviewer is not None:
            del self.fields["user"]
        else:
            del self.fields["active"]
            self.fields["user"].queryset = users if users is not None else User.objects.none()
            self.fields["user"].label_from_instance = lambda user: user.full_name or user.get_username()


# --- benchmarks ----------------------------------------------------------------------------------


class BenchmarkForm(BodyChoiceMixin, ServiceErrorsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("制定单位"), queryset=Body.objects.none())
    code = forms.CharField(label=_("编码"), max_length=40)
    violation = forms.CharField(label=_("违法行为"), max_length=300)
    violated_provision = forms.CharField(label=_("违法依据"), widget=forms.Textarea(attrs={"rows": 3}))
    penalty_provision = forms.CharField(label=_("处罚依据"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data=None, *, bodies=None, benchmark=None):
        initial = {}
        if benchmark is not None:
            initial = {name: getattr(benchmark, name) for name in self.base_fields if name != "body"}
        super().__init__(data, initial=initial)
        self._bodies(bodies)


FIRST_VIOLATION_CHOICES = [("", _("不限")), ("true", _("初次违法")), ("false", _("非初次违法"))]


class BandForm(ServiceErrorsMixin, forms.Form):
    order = forms.IntegerField(label=_("序号"), min_value=1, max_value=999, required=False, help_text=_("默认排在最后"))
    label = forms.CharField(label=_("裁量阶次"), max_length=50, help_text=_("例如：轻微、一般、较重、严重"))
    amount_from = forms.DecimalField(label=_("涉案金额（起）"), required=False, **MONEY)
    amount_below = forms.DecimalField(label=_("涉案金额（止，不含）"), required=False, **MONEY)
    first_violation = forms.ChoiceField(label=_("初次违法"), choices=FIRST_VIOLATION_CHOICES, required=False)
    harm = forms.ChoiceField(label=_("危害后果"), choices=[("", _("不限")), *Harm.choices], required=False)
    no_penalty = forms.BooleanField(label=_("不予处罚"), required=False)
    fine_min = forms.DecimalField(label=_("罚款下限"), required=False, **MONEY)
    fine_max = forms.DecimalField(label=_("罚款上限"), required=False, **MONEY)
    other_penalties = forms.CharField(label=_("其他处罚"), max_length=300, required=False)

    def __init__(self, data=None, *, band=None, prefix=None):
        initial = {}
        if band is not None:
            initial = {name: getattr(band, name) for name in self.base_fields}
            initial["first_violation"] = "" if band.first_violation is None else str(band.first_violation).lower()
        super().__init__(data, initial=initial, prefix=prefix)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("order") is None:
            data.pop("order", None)
        return data


class EntryForm(BodyChoiceMixin, ServiceErrorsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("执法机关"), queryset=Body.objects.none())
    matter = forms.CharField(label=_("审核事项"), max_length=300)
    penalty_kinds = forms.MultipleChoiceField(
        label=_("处罚种类"), choices=PenaltyKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    fine_from = forms.DecimalField(label=_("罚款数额（起）"), required=False, **MONEY)

    def __init__(self, data=None, *, bodies=None):
        super().__init__(data)
        self._bodies(bodies)


class SettingsForm(ServiceErrorsMixin, forms.Form):
    decision_period = forms.ChoiceField(label=_("作出决定的期限事项"))
    hearing_fine_person = forms.DecimalField(label=_("较大数额罚款（公民）"), **MONEY)
    hearing_fine_organisation = forms.DecimalField(label=_("较大数额罚款（法人或者其他组织）"), **MONEY)
    serious_fine_from = forms.DecimalField(
        label=_("重大案件罚款数额（起）"), required=False, help_text=_("达到该数额的，负责人集体讨论决定"), **MONEY
    )
    publish_within_days = forms.IntegerField(label=_("决定公开期限（工作日）"), min_value=1, max_value=60)
    publish_for_days = forms.IntegerField(label=_("公开期限（日）"), min_value=1, max_value=3650)

    def __init__(self, data=None, *, settings, periods):
        initial = {name: getattr(settings, name) for name in self.base_fields}
        super().__init__(data, initial=initial)
        self.fields["decision_period"].choices = [
            (period.key, f"{period.label}（{period.describe()}，{period.source}）") for period in periods
        ]
