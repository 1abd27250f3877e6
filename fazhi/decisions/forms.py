"""Forms of the decision pages: the draft, and one form per step or record taken on the decision's
page. They only shape what the browser posts; the services check every value again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Body
from fazhi.decisions.choices import (
    AccountabilityGround,
    ArgumentationForm,
    DecisionCategory,
    EvaluationConclusion,
    EvaluationTrigger,
    HeadDecision,
    RiskArea,
    RiskLevel,
)
from fazhi.decisions.models import CatalogItem, Decision
from fazhi.procedures.choices import MeetingKind, MeetingOutcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _rows(n: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": n})


def names(text: str) -> list[str]:
    """One name a line (or separated by 、，,), as the services take them."""
    for separator in "、，,":
        text = text.replace(separator, "\n")
    return [name.strip() for name in text.splitlines() if name.strip()]


class StepForm(forms.Form):
    """A form on the decision page: its ids carry the step's name, so that two forms' fields
    (each step's `reason`, say) do not share an id; the service's refusal lands on its fields."""

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


# --- the draft -----------------------------------------------------------------------------


class DecisionForm(StepForm):
    """Start a decision (from a catalog item of the user's body, or declared major) or revise its draft."""

    body = forms.ModelChoiceField(label=_("承办单位"), queryset=Body.objects.none())
    catalog_item = forms.ModelChoiceField(
        label=_("年度目录事项"),
        queryset=CatalogItem.objects.none(),
        required=False,
        help_text=_("已公布目录中由本单位承办的事项；未列入目录的，须记录认定为重大行政决策的情况"),
    )
    deciding_body = forms.ModelChoiceField(
        label=_("决策机关"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("未选目录事项时填写：承办单位本身或其上级机关"),
    )
    adjusts = forms.ModelChoiceField(
        label=_("调整的决策"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("调整已公布的决策的，选择被调整的决策（条例第三十七条）"),
    )
    declared_on = forms.DateField(label=_("认定为重大行政决策的日期"), required=False, widget=DATE)
    declaration = forms.CharField(
        label=_("认定情况"), required=False, widget=_rows(2), help_text=_("会议名称、认定理由（意见第十条）")
    )
    title = forms.CharField(
        label=_("决策事项"), max_length=200, required=False, help_text=_("选目录事项的，默认为目录中的名称")
    )
    category = forms.ChoiceField(
        label=_("事项类别"), choices=[("", _("（按目录事项）")), *DecisionCategory.choices], required=False
    )
    draft_text = forms.CharField(label=_("决策草案"), required=False, widget=_rows(10))
    explanation = forms.CharField(label=_("起草说明"), required=False, widget=_rows(3))
    is_technical = forms.BooleanField(label=_("专业性、技术性较强（须专家论证）"), required=False)
    risk_areas = forms.MultipleChoiceField(
        label=_("可能造成重大影响或风险的方面（须风险评估）"),
        choices=RiskArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    touches_market = forms.BooleanField(label=_("涉及市场主体经济活动（须公平竞争审查）"), required=False)
    disclosure_exempt = forms.BooleanField(label=_("依法不予公开（不公开征求意见）"), required=False)
    disclosure_exempt_reason = forms.CharField(label=_("不予公开的依据"), required=False, widget=_rows(2))
    is_exploratory_reform = forms.BooleanField(label=_("探索性改革决策事项"), required=False)
    legal_risk_statement = forms.CharField(
        label=_("明示的法律风险"), required=False, widget=_rows(2), help_text=_("条例第二十五条")
    )

    CREATE_ONLY = ("body", "catalog_item", "deciding_body", "adjusts")

    def __init__(self, data=None, *, bodies=None, items=None, deciding_bodies=None, adjustable=None, instance=None):
        initial = {}
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.base_fields if name not in self.CREATE_ONLY}
        super().__init__(data, step="decision", initial=initial)
        if instance is not None:
            for name in self.CREATE_ONLY:
                del self.fields[name]
            self.fields["title"].required = True
            self.fields["category"].required = True
            self.fields["category"].choices = DecisionCategory.choices
        else:
            self.fields["body"].queryset = bodies
            self.fields["catalog_item"].queryset = items
            self.fields["deciding_body"].queryset = deciding_bodies
            self.fields["adjusts"].queryset = adjustable

    def service_data(self) -> dict:
        """What the service takes: a catalog item's title and category stand unless given."""
        data = dict(self.cleaned_data)
        data.pop("body", None)
        if data.get("adjusts", "") is None:
            data.pop("adjusts")
        if "catalog_item" in self.fields:
            if data.get("catalog_item") is None:
                data.pop("catalog_item")
            else:
                data.pop("deciding_body", None)
                for name in ("title", "category", "declared_on", "declaration"):
                    if not data.get(name):
                        data.pop(name, None)
        return data


# --- drafting: participation, experts, risk ------------------------------------------------


class ConsultationForm(StepForm):
    closes_on = forms.DateField(label=_("征求意见截止日期（一般不少于30日）"), widget=DATE)
    shortened_reason = forms.CharField(label=_("缩短期限的理由（如有，随公告公布）"), required=False, widget=_rows(2))


class HearingForm(StepForm):
    held_on = forms.DateField(label=_("听证日期"), widget=DATE)
    place = forms.CharField(label=_("听证地点"), max_length=200)
    participants = forms.CharField(label=_("听证参加人"), widget=_rows(3), help_text=_("每行一人，或以顿号分隔"))
    materials_sent_on = forms.DateField(
        label=_("材料送达日期"), required=False, widget=DATE, help_text=_("应于听证会7日前送达")
    )
    record = forms.CharField(label=_("听证会记录"), widget=_rows(5))
    participants_signed = forms.BooleanField(label=_("听证参加人已确认记录并签字"), required=False)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["participants"] = names(data["participants"])
        return data


class ExpertOpinionForm(StepForm):
    expert_name = forms.CharField(label=_("专家或专业机构"), max_length=100)
    organisation = forms.CharField(label=_("工作单位"), max_length=100, required=False)
    expertise = forms.CharField(label=_("专业领域"), max_length=100)
    form = forms.ChoiceField(label=_("论证方式"), choices=ArgumentationForm.choices)
    no_conflict = forms.BooleanField(label=_("与决策事项无直接利害关系"), required=False)
    opinion = forms.CharField(label=_("论证意见"), widget=_rows(4))
    signed_on = forms.DateField(label=_("署名日期"), required=False, widget=DATE)


class RiskAssessmentForm(StepForm):
    assessor = forms.CharField(label=_("评估单位"), max_length=100)
    methods = forms.CharField(label=_("评估方式"), required=False, widget=_rows(2))
    departments_heard = forms.CharField(label=_("听取有关部门意见情况"), required=False, widget=_rows(2))
    risk_points = forms.CharField(label=_("风险点"), widget=_rows(3))
    level = forms.ChoiceField(label=_("风险等级"), choices=RiskLevel.choices)
    measures = forms.CharField(label=_("风险防范措施和处置预案"), widget=_rows(3))
    controllable = forms.TypedChoiceField(
        label=_("风险是否可控"),
        choices=[("true", _("风险可控")), ("false", _("风险不可控"))],
        coerce=lambda value: value == "true",
    )
    concluded_on = forms.DateField(label=_("评估完成日期"), widget=DATE)


# --- review, discussion, decision ----------------------------------------------------------


class SubmitReviewForm(StepForm):
    due_on = forms.DateField(
        label=_("审查期限"), required=False, widget=DATE, help_text=_("默认不少于7个工作日（条例第二十六条）")
    )
    shortened_reason = forms.CharField(label=_("缩短审查期限的理由（如有）"), required=False, widget=_rows(2))

    def service_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value}


class MeetingForm(StepForm):
    """集体讨论记录 started from the decision page; minutes and signing follow on the record's page."""

    meeting_kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    session = forms.CharField(label=_("会议名称"), max_length=200, help_text=_("例如：市政府第十六届第20次常务会议"))
    held_on = forms.DateField(label=_("会议日期"), widget=DATE)
    presided_by = forms.CharField(label=_("主持人"), max_length=50, required=False)
    agenda_item = forms.CharField(label=_("议题"), max_length=300)
    entitled_members = forms.CharField(label=_("应出席人员"), widget=_rows(3), help_text=_("每行一人，或以顿号分隔"))
    attendees = forms.CharField(label=_("实际出席人员"), widget=_rows(3), help_text=_("每行一人，或以顿号分隔"))
    outcome = forms.ChoiceField(
        label=_("讨论结果"), choices=[("", _("（签署前填写）")), *MeetingOutcome.choices], required=False
    )
    conclusion = forms.CharField(label=_("会议决定"), required=False, widget=_rows(3))
    dissent = forms.CharField(label=_("不同意见"), required=False, widget=_rows(2))

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("entitled_members", "attendees"):
            data[name] = names(data[name])
        return data


class HeadDecisionForm(StepForm):
    head_decision = forms.ChoiceField(label=_("行政首长的决定"), choices=HeadDecision.choices)
    departs_from_majority = forms.BooleanField(label=_("与会议组成人员多数人的意见不一致"), required=False)
    departure_reason = forms.CharField(
        label=_("不一致的理由"), required=False, widget=_rows(2), help_text=_("不一致的，应当说明理由（第三十条）")
    )


class PartyReportForm(StepForm):
    reported_on = forms.DateField(label=_("请示报告日期"), widget=DATE)
    report = forms.CharField(label=_("请示报告情况"), widget=_rows(2), help_text=_("例如：已报市委常委会会议同意"))


class PublishForm(StepForm):
    decision_text = forms.CharField(label=_("公布的决策内容"), widget=_rows(8))
    adoption_explanation = forms.CharField(
        label=_("公众意见、专家论证意见采纳情况"), required=False, widget=_rows(3), help_text=_("第三十二条")
    )
    executing_unit = forms.ModelChoiceField(label=_("执行单位"), queryset=Body.objects.none())
    published_on = forms.DateField(label=_("公布日期"), required=False, widget=DATE, help_text=_("默认今天"))

    def __init__(self, data=None, *, step: str, units, **kwargs):
        super().__init__(data, step=step, **kwargs)
        self.fields["executing_unit"].queryset = units


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("理由"), widget=_rows(2))


# --- execution and accountability ----------------------------------------------------------


class ImplementationReportForm(StepForm):
    reported_on = forms.DateField(label=_("报告日期"), required=False, widget=DATE)
    progress = forms.CharField(label=_("执行情况"), widget=_rows(3))
    problems = forms.CharField(label=_("存在问题"), required=False, widget=_rows(2))
    major_change = forms.BooleanField(label=_("存在严重影响决策目标实现的情形（即报决策机关负责人）"), required=False)


class PostEvaluationForm(StepForm):
    trigger = forms.ChoiceField(label=_("评估情形"), choices=EvaluationTrigger.choices)
    evaluator = forms.CharField(label=_("评估单位"), max_length=100)
    started_on = forms.DateField(label=_("启动日期"), required=False, widget=DATE)


class ConcludeEvaluationForm(StepForm):
    evaluation = forms.IntegerField(widget=forms.HiddenInput)
    findings = forms.CharField(label=_("评估结论"), widget=_rows(3))
    conclusion = forms.ChoiceField(label=_("评估建议"), choices=EvaluationConclusion.choices)
    concluded_on = forms.DateField(label=_("完成日期"), required=False, widget=DATE)


class AccountabilityForm(StepForm):
    body = forms.ModelChoiceField(label=_("追责单位"), queryset=Body.objects.none())
    ground = forms.ChoiceField(label=_("追责情形"), choices=AccountabilityGround.choices)
    opened_on = forms.DateField(label=_("立案日期"), required=False, widget=DATE)
    facts = forms.CharField(label=_("基本事实"), widget=_rows(3))
    persons = forms.CharField(
        label=_("责任人员"),
        widget=_rows(3),
        help_text=_("每行一人：姓名，职务；曾在集体讨论中表示不同意见的，在行末加“，不同意见”"),
    )

    def __init__(self, data=None, *, step: str, bodies, **kwargs):
        super().__init__(data, step=step, **kwargs)
        self.fields["body"].queryset = bodies

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        persons = []
        for line in data["persons"].splitlines():
            parts = [part.strip() for part in line.replace(",", "，").split("，")]
            if not parts[0]:
                continue
            dissented = len(parts) > 2 and parts[-1] == "不同意见"
            persons.append({"name": parts[0], "position": parts[1] if len(parts) > 1 else "", "dissented": dissented})
        data["persons"] = persons
        return data


class ConcludeAccountabilityForm(StepForm):
    case = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.CharField(label=_("处理结果"), widget=_rows(3))
    concluded_on = forms.DateField(label=_("办结日期"), required=False, widget=DATE)
