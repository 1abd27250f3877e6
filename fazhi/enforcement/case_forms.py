"""Forms of the case pages: filing, the on-the-spot decision, and one form per step or record taken
on the case's page. They only shape what the browser posts; the services check every value again."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body
from fazhi.enforcement import instruments
from fazhi.enforcement.choices import Harm, NoPenaltyGround, PartyKind, PenaltyKind, ServiceMethod
from fazhi.enforcement.models import Benchmark, Officer, Seizure
from fazhi.procedures.choices import MeetingOutcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0, "required": False}


def _rows(n: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": n})


def names(text: str) -> list[str]:
    """One name a line (or separated by 、，,), as the services take them."""
    for separator in "、，,":
        text = text.replace(separator, "\n")
    return [name.strip() for name in text.splitlines() if name.strip()]


def officer_label(officer: Officer) -> str:
    """The officer with the certificate numbers valid today (`selectors.certified_officers`)."""
    numbers = "、".join(getattr(officer, "certificate_numbers", []))
    return f"{officer.name}（{_('执法证号')} {numbers}）" if numbers else officer.name


class StepForm(forms.Form):
    """A form on the case page: its ids carry the step's name, so that two forms' fields do not
    share an id; the service's refusal lands on its fields."""

    def __init__(self, data=None, *, step: str, **kwargs):
        super().__init__(data, auto_id=f"id_{step}_%s", **kwargs)
        self.step = step

    def add_service_errors(self, exc) -> None:
        placed = False
        for name, messages in (exc.errors or {}).items():
            if name in self.fields:
                for message in messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, exc.detail)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class OfficerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return officer_label(obj)


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return officer_label(obj)


class BenchmarkChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.violation}"


class PartyFields(forms.Form):
    cause = forms.CharField(label=_("案由"), max_length=300)
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    party_name = forms.CharField(label=_("当事人"), max_length=200)
    party_code = forms.CharField(
        label=_("统一社会信用代码或身份证件号码"), max_length=40, required=False, help_text=_("公开时按规定隐去")
    )
    party_address = forms.CharField(label=_("住所或地址"), max_length=300, required=False)


class CaseForm(StepForm, PartyFields):
    """立案: the party and cause, at least two officers certified today, the benchmark if one applies."""

    body = forms.ModelChoiceField(label=_("执法主体"), queryset=Body.objects.none())
    filed_on = forms.DateField(label=_("立案日期"), required=False, widget=DATE, help_text=_("默认今天"))
    officers = OfficerChoices(
        label=_("办案的执法人员"),
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("持有效行政执法证的本机关执法人员，不少于两人（行政处罚法第四十二条）"),
    )
    benchmark = BenchmarkChoice(label=_("裁量基准"), queryset=Benchmark.objects.none(), required=False)
    field_order = ["body", "cause", "party_kind", "party_name", "party_code", "party_address", "filed_on"]

    def __init__(self, data=None, *, bodies, officers, benchmarks):
        super().__init__(data, step="case")
        self.fields["body"].queryset = bodies
        self.fields["officers"].queryset = Officer.objects.filter(pk__in=[o.pk for o in officers])
        self.fields["officers"].choices = [(o.pk, officer_label(o)) for o in officers]
        self.fields["benchmark"].queryset = benchmarks

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("body")
        data["officers"] = [officer.pk for officer in data["officers"]]
        data["benchmark"] = data["benchmark"].pk if data["benchmark"] else None
        return data


class OnTheSpotForm(StepForm, PartyFields):
    """当场处罚 (第五十一条): a warning, or a fine of up to ¥200 (citizen) or ¥3,000 (organisation)."""

    body = forms.ModelChoiceField(label=_("执法主体"), queryset=Body.objects.none())
    officer = OfficerChoice(label=_("执法人员"), queryset=Officer.objects.none())
    penalty_kinds = forms.MultipleChoiceField(
        label=_("处罚种类"),
        choices=[(PenaltyKind.WARNING, PenaltyKind.WARNING.label), (PenaltyKind.FINE, PenaltyKind.FINE.label)],
        widget=forms.CheckboxSelectMultiple,
    )
    fine = forms.DecimalField(label=_("罚款金额（元）"), **MONEY)
    facts = forms.CharField(label=_("违法事实"), widget=_rows(3))
    field_order = ["body", "officer", "cause", "party_kind", "party_name", "party_code", "party_address"]

    def __init__(self, data=None, *, bodies, officers):
        super().__init__(data, step="spot")
        self.fields["body"].queryset = bodies
        self.fields["officer"].queryset = Officer.objects.filter(pk__in=[o.pk for o in officers])
        self.fields["officer"].choices = [("", "---------"), *[(o.pk, officer_label(o)) for o in officers]]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("body")
        data["officer"] = data["officer"].pk
        return data


# --- the steps on the case page ------------------------------------------------------------------


class FactsForm(StepForm):
    facts = forms.CharField(label=_("违法事实"), widget=_rows(4), required=False)
    amount_involved = forms.DecimalField(label=_("涉案金额（元）"), **MONEY)
    first_violation = forms.NullBooleanField(label=_("初次违法"), widget=forms.NullBooleanSelect)
    harm = forms.ChoiceField(label=_("危害后果"), choices=[("", _("未查明")), *Harm.choices], required=False)
    corrected = forms.BooleanField(label=_("及时改正"), required=False)
    major_public_interest = forms.BooleanField(label=_("涉及重大公共利益"), required=False)
    complex_case = forms.BooleanField(label=_("案件情况疑难复杂、涉及多个法律关系"), required=False)
    law_requires_review = forms.BooleanField(label=_("法律、法规规定应当法制审核"), required=False)
    serious = forms.BooleanField(label=_("情节复杂或者重大违法行为"), required=False)
    benchmark = BenchmarkChoice(label=_("裁量基准"), queryset=Benchmark.objects.none(), required=False)

    def __init__(self, data=None, *, step, case, benchmarks):
        initial = {name: getattr(case, name) for name in self.base_fields if name != "benchmark"}
        initial["benchmark"] = case.benchmark_id
        super().__init__(data, step=step, initial=initial)
        self.fields["benchmark"].queryset = benchmarks

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["benchmark"] = data["benchmark"].pk if data["benchmark"] else None
        return data


class ProposeForm(StepForm):
    penalty_kinds = forms.MultipleChoiceField(
        label=_("拟作出的处罚种类"), choices=PenaltyKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    fine = forms.DecimalField(label=_("罚款金额（元）"), **MONEY)
    confiscated = forms.DecimalField(label=_("没收金额（元）"), **MONEY)
    no_penalty_ground = forms.ChoiceField(
        label=_("不予处罚的情形"), choices=[("", "—"), *NoPenaltyGround.choices], required=False
    )
    out_of_band_reason = forms.CharField(
        label=_("超出裁量基准的理由"), widget=_rows(2), required=False, help_text=_("意见第十八条")
    )

    def __init__(self, data=None, *, step, case):
        initial = {name: getattr(case, name) for name in self.base_fields}
        super().__init__(data, step=step, initial=initial)


class NotifyForm(StepForm):
    notified_on = forms.DateField(label=_("告知日期"), required=False, widget=DATE, help_text=_("默认今天"))


class RequestHearingForm(StepForm):
    requested_on = forms.DateField(label=_("要求听证日期"), required=False, widget=DATE, help_text=_("默认今天"))


class HearingForm(StepForm):
    notice_on = forms.DateField(label=_("听证通知日期"), widget=DATE, help_text=_("应在举行听证的七日前"))
    held_on = forms.DateField(label=_("听证日期"), widget=DATE)
    record = forms.CharField(label=_("听证笔录"), widget=_rows(4))


class StatementForm(StepForm):
    statement = forms.CharField(
        label=_("陈述、申辩意见及采纳情况"), widget=_rows(3), help_text=_("当事人明确放弃的，如实记录")
    )


class MeetingForm(StepForm):
    session = forms.CharField(label=_("会议名称"), max_length=200)
    held_on = forms.DateField(label=_("会议日期"), widget=DATE)
    presided_by = forms.CharField(label=_("主持人"), max_length=100, required=False)
    agenda_item = forms.CharField(label=_("议题"), max_length=300)
    entitled_members = forms.CharField(label=_("应出席人员"), widget=_rows(2), help_text=_("以顿号或换行分隔"))
    attendees = forms.CharField(label=_("实际出席人员"), widget=_rows(2))
    outcome = forms.ChoiceField(label=_("讨论结果"), choices=MeetingOutcome.choices)
    conclusion = forms.CharField(label=_("讨论结论"), widget=_rows(2), required=False)
    dissent = forms.CharField(label=_("不同意见"), widget=_rows(2), required=False)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["entitled_members"] = names(data["entitled_members"])
        data["attendees"] = names(data["attendees"])
        return data


class DecideForm(StepForm):
    decision_text = forms.CharField(label=_("决定内容"), widget=_rows(4))
    decision_number = forms.CharField(label=_("决定书文号"), max_length=60, required=False)
    decided_on = forms.DateField(label=_("决定日期"), required=False, widget=DATE, help_text=_("默认今天"))


class ServeForm(StepForm):
    method = forms.ChoiceField(label=_("送达方式"), choices=ServiceMethod.choices)
    served_on = forms.DateField(label=_("送达日期"), required=False, widget=DATE, help_text=_("默认今天"))


class ExecuteForm(StepForm):
    executed_on = forms.DateField(label=_("执行完毕日期"), required=False, widget=DATE, help_text=_("默认今天"))
    note = forms.CharField(label=_("执行情况"), widget=_rows(2), required=False)


class AssignForm(StepForm):
    officer = OfficerChoice(label=_("增派执法人员"), queryset=Officer.objects.none())

    def __init__(self, data=None, *, step, officers):
        super().__init__(data, step=step)
        self.fields["officer"].queryset = Officer.objects.filter(pk__in=[o.pk for o in officers])
        self.fields["officer"].choices = [("", "---------"), *[(o.pk, officer_label(o)) for o in officers]]

    def service_data(self) -> dict:
        return {"officer": self.cleaned_data["officer"].pk}


class PublishForm(StepForm):
    published_on = forms.DateField(label=_("公开日期"), required=False, widget=DATE, help_text=_("默认今天"))


class WithdrawForm(StepForm):
    changed_on = forms.DateField(label=_("决定被变更、撤销或确认违法、无效的日期"), widget=DATE)
    statement = forms.CharField(label=_("撤回说明"), widget=_rows(2), help_text=_("随撤回在门户公开"))


class DocumentForm(StepForm):
    kind = forms.ChoiceField(label=_("文书种类"))

    def __init__(self, data=None, *, step, case):
        super().__init__(data, step=step)
        self.fields["kind"].choices = [
            (kind, label) for kind, label, refusal in instruments.available(case) if refusal is None
        ]


class EvidenceForm(StepForm):
    file = forms.FileField(label=_("证据材料"), help_text=_("视听资料截图、照片、现场笔录等（PDF、Word、图片）"))


# --- seizures and the transfer, on the case page --------------------------------------------------


class SeizureChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.decided_on.isoformat()} {obj.items[:40]}"


class SeizeForm(StepForm):
    items = forms.CharField(label=_("查封、扣押的场所、设施或者财物"), widget=_rows(3))
    decided_on = forms.DateField(label=_("查封、扣押决定日期"), required=False, widget=DATE, help_text=_("默认今天"))


class _SeizureStepForm(StepForm):
    seizure = SeizureChoice(label=_("查封、扣押"), queryset=Seizure.objects.none())

    def __init__(self, data=None, *, step, seizures):
        super().__init__(data, step=step)
        self.fields["seizure"].queryset = Seizure.objects.filter(pk__in=[s.pk for s in seizures])
        self.fields["seizure"].choices = [
            ("", "---------"),
            *[(s.pk, self.fields["seizure"].label_from_instance(s)) for s in seizures],
        ]


class ExtendSeizureForm(_SeizureStepForm):
    days = forms.IntegerField(label=_("延长日数"), min_value=1, max_value=30, help_text=_("不超过30日，只能延长一次"))
    reason = forms.CharField(label=_("延长的理由"), widget=_rows(2), help_text=_("情况复杂，经负责人批准"))


class ReleaseSeizureForm(_SeizureStepForm):
    reason = forms.CharField(label=_("解除或处理情况"), widget=_rows(2))
    released_on = forms.DateField(label=_("解除日期"), required=False, widget=DATE, help_text=_("默认今天"))


class TransferForm(StepForm):
    """移送涉嫌犯罪案件 (行政执法机关移送涉嫌犯罪案件的规定第五条): the team of two or more certified officers."""

    suspected_offence = forms.CharField(label=_("涉嫌罪名"), max_length=100)
    team = OfficerChoices(
        label=_("专案组成员"),
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("2名以上持有效执法证的本机关执法人员"),
    )
    receiving_organ = forms.CharField(label=_("接受移送的公安机关"), max_length=100)
    proposed_on = forms.DateField(label=_("提出移送日期"), required=False, widget=DATE, help_text=_("默认今天"))

    def __init__(self, data=None, *, step, officers):
        super().__init__(data, step=step)
        self.fields["team"].queryset = Officer.objects.filter(pk__in=[o.pk for o in officers])
        self.fields["team"].choices = [(o.pk, officer_label(o)) for o in officers]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["team"] = [officer.pk for officer in data["team"]]
        return data


# --- the transfer page ------------------------------------------------------------------------------


class TransferDecideForm(StepForm):
    approve = forms.TypedChoiceField(
        label=_("审批意见"),
        choices=[("true", _("批准移送")), ("false", _("不批准移送"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("不批准移送的理由"), widget=_rows(2), required=False)
    decided_on = forms.DateField(label=_("审批日期"), required=False, widget=DATE, help_text=_("默认今天"))


class TransferSendForm(StepForm):
    sent_on = forms.DateField(
        label=_("移送日期"), required=False, widget=DATE, help_text=_("批准后24小时内移送；默认今天")
    )


class PoliceDecisionForm(StepForm):
    accepted = forms.TypedChoiceField(
        label=_("公安机关决定"),
        choices=[("true", _("立案")), ("false", _("不予立案"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("决定日期"), required=False, widget=DATE, help_text=_("默认今天"))
    outcome = forms.CharField(
        label=_("公安机关处理结果"), widget=_rows(2), required=False, help_text=_("不予立案的，写明理由")
    )


class HandoverForm(StepForm):
    handed_over_on = forms.DateField(
        label=_("移交日期"), required=False, widget=DATE, help_text=_("公安机关立案后3日内；默认今天")
    )


class TakeBackForm(StepForm):
    officers = OfficerChoices(
        label=_("重新立案的办案人员"),
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("持有效行政执法证的本机关执法人员，不少于两人"),
    )
    reason = forms.CharField(label=_("移回的理由"), widget=_rows(2))
    returned_on = forms.DateField(label=_("移回日期"), required=False, widget=DATE, help_text=_("默认今天"))

    def __init__(self, data=None, *, step, officers):
        super().__init__(data, step=step)
        self.fields["officers"].queryset = Officer.objects.filter(pk__in=[o.pk for o in officers])
        self.fields["officers"].choices = [(o.pk, officer_label(o)) for o in officers]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["officers"] = [officer.pk for officer in data["officers"]]
        return data


# --- the case-file review ---------------------------------------------------------------------------


class SheetItemForm(forms.Form):
    """One row of the sheet: rendered in a table, each input named by its column for screen readers."""

    label = forms.CharField(
        label=_("评查项目"), max_length=200, required=False, widget=forms.TextInput(attrs={"aria-label": _("评查项目")})
    )
    max = forms.DecimalField(
        label=_("满分"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"aria-label": _("满分")}),
    )


SheetItemFormSet = forms.formset_factory(SheetItemForm, extra=8, max_num=100)


class SheetForm(StepForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    pass_mark = forms.DecimalField(label=_("合格分数"), max_digits=6, decimal_places=2, min_value=0)

    def __init__(self, data=None, *, initial=None):
        super().__init__(data, step="sheet", initial=initial)
        self.items = SheetItemFormSet(data, prefix="items")

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.items.is_valid()])

    def service_data(self) -> dict:
        """The rows filled in, numbered in order; a row with a name and no maximum reaches the service."""
        rows = [row for row in self.items.cleaned_data if row and (row.get("label") or row.get("max") is not None)]
        items = [
            {"key": str(number), "label": row.get("label") or "", "max": row.get("max")}
            for number, row in enumerate(rows, start=1)
        ]
        return {"year": self.cleaned_data["year"], "pass_mark": self.cleaned_data["pass_mark"], "items": items}


class DrawForm(StepForm):
    body = forms.ModelChoiceField(label=_("被评查单位"), queryset=Body.objects.none())
    count = forms.IntegerField(label=_("抽取数量"), min_value=1, max_value=200)
    public_value = forms.CharField(
        label=_("公开随机值"), max_length=100, help_text=_("抽取时当场公开的数值，记入种子，任何人可据以复算")
    )

    def __init__(self, data=None, *, bodies):
        super().__init__(data, step="draw")
        self.fields["body"].queryset = bodies


class ScoreForm(StepForm):
    """One number per item of the sheet, each within its maximum, and the findings."""

    findings = forms.CharField(label=_("评查意见"), widget=_rows(3), required=False)

    def __init__(self, data=None, *, review):
        super().__init__(data, step="score")
        self.keys = {}
        fields = {}
        for number, item in enumerate(review.sheet.items, start=1):
            name = f"item_{number}"
            self.keys[name] = item["key"]
            fields[name] = forms.DecimalField(
                label=f"{item['key']}. {item['label']}",
                max_digits=6,
                decimal_places=2,
                min_value=0,
                max_value=Decimal(item["max"]),
                initial=(review.scores or {}).get(item["key"]),
                help_text=_("满分%(max)s") % {"max": item["max"]},
            )
        self.fields = {**fields, "findings": self.fields["findings"]}
        self.fields["findings"].initial = review.findings

    def service_data(self) -> dict:
        scores = {key: str(self.cleaned_data[name]) for name, key in self.keys.items()}
        return {"scores": scores, "findings": self.cleaned_data["findings"]}
