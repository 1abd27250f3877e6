"""API of 行政应诉 and 检察监督 (thin): the scoped registers of court cases, their hearings and
judgments, and procuratorial suggestions; registering a case or a suggestion; every step an
action; the year's statistics (seed art. 32). The plaintiff's name shows in full only to the
defendant body and its legal office."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses, step_data
from fazhi.core.errors import InvalidInput
from fazhi.litigation import selectors, services, workflow
from fazhi.litigation.choices import (
    AbsenceReason,
    Appellant,
    CaseKind,
    CaseStatus,
    CourtMeasure,
    DecisionType,
    Level,
    Outcome,
    SuggestionKind,
    SuggestionStatus,
)
from fazhi.litigation.models import Hearing, Judgment

STEP_ERRORS = error_responses(400, 403, 404, 409)


def _choices(choices) -> str:
    return "、".join(f"{value} {label}" for value, label in choices.choices)


class LitigationActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class LitigationDueSerializer(serializers.Serializer):
    label = serializers.CharField()
    start_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    done_on = serializers.DateField(allow_null=True, help_text="办结（答辩、上诉或生效、履行、回复）日期")
    source = serializers.CharField(help_text="期限的法律依据")
    open = serializers.BooleanField()
    late = serializers.BooleanField(help_text="逾期办结，或已过期限仍未办结")


class LitigationHearingSerializer(serializers.ModelSerializer):
    absence_reason = serializers.CharField(read_only=True, help_text=_choices(AbsenceReason))
    absence_reason_label = serializers.CharField(source="get_absence_reason_display", read_only=True)

    class Meta:
        model = Hearing
        fields = [
            "id",
            "case",
            "held_on",
            "court",
            "head_appeared",
            "head_name",
            "head_title",
            "entrusted_staff",
            "absence_reason",
            "absence_reason_label",
            "absence_note",
        ]
        read_only_fields = fields


class LitigationJudgmentSerializer(serializers.ModelSerializer):
    decision_type_label = serializers.CharField(source="get_decision_type_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    appealed_by = serializers.CharField(read_only=True, help_text=_choices(Appellant))
    outcome = serializers.CharField(read_only=True, help_text=_choices(Outcome))

    class Meta:
        model = Judgment
        fields = [
            "id",
            "case",
            "decision_type",
            "decision_type_label",
            "outcome",
            "outcome_label",
            "lost",
            "summary",
            "served_on",
            "appeal_until",
            "appealed_by",
            "appealed_on",
            "effective_on",
        ]
        read_only_fields = fields


class LitigationExecutionSerializer(serializers.Serializer):
    requirement = serializers.CharField()
    due_on = serializers.DateField()
    performed_on = serializers.DateField(allow_null=True)
    performance = serializers.CharField(allow_blank=True)
    late = serializers.BooleanField()
    refused_on = serializers.DateField(allow_null=True)
    court_measures = serializers.ListField(child=serializers.CharField(), help_text=_choices(CourtMeasure))
    refusal_note = serializers.CharField(allow_blank=True)


class LitigationMajorFields(serializers.Serializer):
    major = serializers.BooleanField()
    major_reason = serializers.CharField(allow_blank=True)
    major_marked_on = serializers.DateField(allow_null=True)
    reported_to = serializers.CharField(allow_blank=True)
    reported_on = serializers.DateField(allow_null=True)


class LitigationCaseSummarySerializer(LitigationMajorFields):
    id = serializers.IntegerField()
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    court = serializers.CharField()
    case_number = serializers.CharField()
    level = serializers.CharField(help_text=_choices(Level))
    level_label = serializers.CharField(source="get_level_display")
    kind = serializers.CharField(help_text=_choices(CaseKind))
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.CharField(help_text=_choices(CaseStatus))
    status_label = serializers.CharField(source="get_status_display")
    plaintiff = serializers.SerializerMethodField(help_text="原告：被告单位及其法制机构以外的用户只见姓氏")
    cause = serializers.CharField()
    received_on = serializers.DateField()

    def get_plaintiff(self, case) -> str:
        return selectors.plaintiff_text(self.context["request"].user, case)


class LitigationCaseSerializer(LitigationCaseSummarySerializer):
    co_defendants = serializers.CharField(allow_blank=True)
    act = serializers.CharField()
    first_instance = serializers.IntegerField(source="first_instance_id", allow_null=True)
    suggestion = serializers.IntegerField(source="suggestion_id", allow_null=True)
    defended_on = serializers.DateField(allow_null=True)
    defence = serializers.CharField(allow_blank=True)
    closed_on = serializers.DateField(allow_null=True)
    hearings = LitigationHearingSerializer(many=True, source="hearings.all")
    judgment = serializers.SerializerMethodField()
    execution = serializers.SerializerMethodField()
    due_dates = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    @extend_schema_field(LitigationJudgmentSerializer(allow_null=True))
    def get_judgment(self, case):
        judgment = getattr(case, "judgment", None)
        return LitigationJudgmentSerializer(judgment).data if judgment else None

    @extend_schema_field(LitigationExecutionSerializer(allow_null=True))
    def get_execution(self, case):
        execution = getattr(case, "execution", None)
        return LitigationExecutionSerializer(execution).data if execution else None

    @extend_schema_field(LitigationDueSerializer(many=True))
    def get_due_dates(self, case) -> list[dict]:
        return selectors.case_due_dates(case)

    @extend_schema_field(LitigationActionSerializer(many=True))
    def get_actions(self, case) -> list[dict]:
        return _actions(workflow.CASE_WORKFLOW, case, self.context["request"].user)


class LitigationSuggestionSummarySerializer(LitigationMajorFields):
    id = serializers.IntegerField()
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    kind = serializers.CharField(help_text=_choices(SuggestionKind))
    kind_label = serializers.CharField(source="get_kind_display")
    procuratorate = serializers.CharField()
    number = serializers.CharField()
    subject = serializers.CharField()
    received_on = serializers.DateField()
    urgent = serializers.BooleanField()
    status = serializers.CharField(help_text=_choices(SuggestionStatus))
    status_label = serializers.CharField(source="get_status_display")


class LitigationSuggestionSerializer(LitigationSuggestionSummarySerializer):
    content = serializers.CharField()
    replied_on = serializers.DateField(allow_null=True)
    measures_taken = serializers.CharField(allow_blank=True)
    measures_in_progress = serializers.CharField(allow_blank=True)
    followed_on = serializers.DateField(allow_null=True)
    satisfied = serializers.BooleanField(allow_null=True)
    follow_up_note = serializers.CharField(allow_blank=True)
    suits = serializers.SerializerMethodField(help_text="检察机关据此提起的行政公益诉讼案件")
    due_dates = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    def get_suits(self, suggestion) -> list[int]:
        return list(suggestion.suits.values_list("pk", flat=True))

    @extend_schema_field(LitigationDueSerializer(many=True))
    def get_due_dates(self, suggestion) -> list[dict]:
        return selectors.suggestion_due_dates(suggestion)

    @extend_schema_field(LitigationActionSerializer(many=True))
    def get_actions(self, suggestion) -> list[dict]:
        return _actions(workflow.SUGGESTION_WORKFLOW, suggestion, self.context["request"].user)


def _actions(flow, record, user) -> list[dict]:
    return [
        {"name": transition.name, "label": str(transition.label), "refusal": refusal}
        for transition, refusal in workflow.actions(flow, record, user)
    ]


# --- requests -------------------------------------------------------------------------------------


def _request(name: str, fields: dict):
    return inline_serializer(name, fields)


DAY = serializers.DateField
TEXT = serializers.CharField
CaseRequest = _request(
    "LitigationCaseRegister",
    {
        "body": serializers.IntegerField(help_text="被告：本机关，或本级政府法制机构联系的部门"),
        "court": TEXT(),
        "case_number": TEXT(help_text="案号，如（2026）粤0703行初12号"),
        "level": TEXT(required=False, help_text=_choices(Level)),
        "kind": serializers.ChoiceField(choices=CaseKind.choices, required=False),
        "plaintiff": TEXT(),
        "cause": TEXT(help_text="案由"),
        "act": TEXT(help_text="被诉行政行为"),
        "co_defendants": TEXT(required=False, help_text="共同被告，如维持原行政行为的复议机关"),
        "received_on": DAY(help_text="收到起诉状副本之日，答辩期自次日起算"),
        "first_instance": serializers.IntegerField(required=False, help_text="二审案件所属的一审案件"),
    },
)
SuggestionRequest = _request(
    "LitigationSuggestionRegister",
    {
        "body": serializers.IntegerField(help_text="被建议机关"),
        "kind": serializers.ChoiceField(choices=SuggestionKind.choices),
        "procuratorate": TEXT(),
        "number": TEXT(help_text="检察建议书文号"),
        "subject": TEXT(),
        "content": TEXT(),
        "received_on": DAY(),
        "urgent": serializers.BooleanField(required=False, help_text="紧急情形：15日内书面回复"),
    },
)
MAJOR_REQUESTS = {
    "mark-major": _request("LitigationMarkMajor", {"reason": TEXT(help_text="认定为重大、复杂或社会影响较大的理由")}),
    "report-major": _request("LitigationReportMajor", {"reported_to": TEXT(), "reported_on": DAY()}),
}
CASE_REQUESTS = {
    "defend": _request("LitigationDefend", {"defended_on": DAY(), "defence": TEXT(help_text="证据、依据和答辩要点")}),
    "hearing": _request(
        "LitigationHearing",
        {
            "held_on": DAY(),
            "court": TEXT(required=False),
            "head_appeared": serializers.BooleanField(),
            "head_name": TEXT(required=False),
            "head_title": TEXT(required=False),
            "entrusted_staff": TEXT(required=False, help_text="负责人不能出庭时委托的工作人员"),
            "absence_reason": serializers.ChoiceField(choices=AbsenceReason.choices, required=False),
            "absence_note": TEXT(required=False),
        },
    ),
    "decide": _request(
        "LitigationDecide",
        {
            "decision_type": serializers.ChoiceField(choices=DecisionType.choices),
            "outcome": TEXT(help_text=_choices(Outcome)),
            "served_on": DAY(),
            "lost": serializers.BooleanField(required=False, help_text="不填时按裁判结果判断"),
            "summary": TEXT(required=False),
        },
    ),
    "appeal": _request(
        "LitigationAppeal",
        {"appealed_by": serializers.ChoiceField(choices=Appellant.choices), "appealed_on": DAY()},
    ),
    "effective": _request("LitigationEffective", {}),
    "execution": _request("LitigationExecution", {"requirement": TEXT(), "due_on": DAY()}),
    "refusal": _request(
        "LitigationRefusal",
        {
            "refused_on": DAY(),
            "court_measures": serializers.ListField(child=serializers.ChoiceField(choices=CourtMeasure.choices)),
            "note": TEXT(),
        },
    ),
    "perform": _request("LitigationPerform", {"performed_on": DAY(), "performance": TEXT()}),
    "close": _request("LitigationClose", {}),
    **MAJOR_REQUESTS,
}
SUGGESTION_REQUESTS = {
    "reply": _request(
        "LitigationReply",
        {"replied_on": DAY(), "measures_taken": TEXT(), "measures_in_progress": TEXT(required=False)},
    ),
    "follow-up": _request(
        "LitigationFollowUp",
        {"followed_on": DAY(), "satisfied": serializers.BooleanField(), "note": TEXT(required=False)},
    ),
    "sue": _request(
        "LitigationSue",
        {
            "followed_on": DAY(),
            "case": serializers.IntegerField(
                required=False, help_text="关联已登记的行政公益诉讼案件；不填则按下列字段登记"
            ),
            "court": TEXT(required=False),
            "case_number": TEXT(required=False),
            "complaint_received_on": DAY(required=False),
            "cause": TEXT(required=False),
            "note": TEXT(required=False),
        },
    ),
    **MAJOR_REQUESTS,
}


def _year_parameter():
    return OpenApiParameter("year", int, description="收到年度（四位数字）")


def _check_filters(request, statuses) -> dict:
    params = request.query_params
    errors = {}
    if params.get("status") and params["status"] not in statuses.values:
        errors["status"] = [_("不是有效的状态。")]
    if params.get("year") and selectors._year(params["year"]) is None:
        errors["year"] = [_("年度应为四位数字。")]
    if params.get("body") and selectors._pk(params["body"]) is None:
        errors["body"] = [_("单位应为编号。")]
    if errors:
        raise InvalidInput(_("查询条件有误。"), errors=errors)
    return {key: params.get(key, "") for key in ("body", "year", "kind", "status")} | {
        "overdue": params.get("overdue") in ("1", "true")
    }


FILTERS = [
    OpenApiParameter("body", int, description="单位"),
    _year_parameter(),
    OpenApiParameter("overdue", bool, description="只看逾期"),
]


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政诉讼案件：被告单位登记、答辩、记录开庭（负责人出庭）、裁判、上诉、生效、履行；本级政府法制机构
    可查看和记录所联系部门的案件；依法行政办只读。"""

    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_serializer_class(self):
        return LitigationCaseSummarySerializer if self.action == "list" else LitigationCaseSerializer

    def get_queryset(self):
        return selectors.office_cases(self.request.user)

    @extend_schema(
        parameters=[
            *FILTERS,
            OpenApiParameter("kind", str, enum=CaseKind.values, description="案件类型"),
            OpenApiParameter("status", str, enum=CaseStatus.values, description="状态"),
        ],
        responses={200: LitigationCaseSummarySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        found = selectors.office_cases(request.user, **_check_filters(request, CaseStatus))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=CaseRequest, responses={201: LitigationCaseSerializer, **error_responses(400, 409)})
    def create(self, request, *args, **kwargs):
        """登记行政诉讼案件（收到起诉状副本之日起15日内提交答辩状，行政诉讼法第六十七条）。"""
        data = step_data(request, services.CASE_REGISTER_FIELDS)
        case = services.register_case_from(data, actor=request.user)
        return Response(self._out(case.pk), status=201)

    def _out(self, pk):
        return LitigationCaseSerializer(
            selectors.visible_case(self.request.user, pk), context=self.get_serializer_context()
        ).data

    def _step(self, name: str):
        case = selectors.visible_case(self.request.user, self.kwargs["pk"])
        data = step_data(self.request, services.CASE_FIELDS[name])
        services.run_case_step(case, name, actor=self.request.user, data=data)
        return Response(self._out(case.pk))

    @extend_schema(request=CASE_REQUESTS["defend"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def defend(self, request, pk=None):
        """提交证据、依据和答辩状（第六十七条）；晚于期限的标为逾期。"""
        return self._step("defend")

    @extend_schema(request=CASE_REQUESTS["hearing"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def hearing(self, request, pk=None):
        """记录开庭：负责人出庭，或委托的工作人员及负责人不能出庭的情形（第三条第三款）。"""
        return self._step("hearing")

    @extend_schema(request=CASE_REQUESTS["decide"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """记录判决、裁定：一审、再审起算上诉期（判决15日、裁定10日，第八十五条）；二审送达即生效。"""
        return self._step("decide")

    @extend_schema(request=CASE_REQUESTS["appeal"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        """记录上诉（上诉期内）。"""
        return self._step("appeal")

    @extend_schema(request=CASE_REQUESTS["effective"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def effective(self, request, pk=None):
        """上诉期届满未上诉：裁判自期满次日生效。"""
        return self._step("effective")

    @extend_schema(request=CASE_REQUESTS["execution"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def execution(self, request, pk=None):
        """败诉的生效裁判要求履行的内容和履行期限（第九十四条）。"""
        return self._step("execution")

    @extend_schema(request=CASE_REQUESTS["refusal"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def refusal(self, request, pk=None):
        """记录拒绝履行及第一审人民法院采取的措施（第九十六条）。"""
        return self._step("refusal")

    @extend_schema(request=CASE_REQUESTS["perform"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def perform(self, request, pk=None):
        """记录履行完毕并结案；晚于履行期限的标为逾期履行。"""
        return self._step("perform")

    @extend_schema(request=CASE_REQUESTS["close"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """结案：生效裁判无须本机关履行，或已上诉（二审另案登记）。"""
        return self._step("close")

    @extend_schema(request=MAJOR_REQUESTS["mark-major"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="mark-major")
    def mark_major(self, request, pk=None):
        """认定为重大、复杂或社会影响较大的案件（意见第三十二条）。"""
        return self._step("mark-major")

    @extend_schema(request=MAJOR_REQUESTS["report-major"], responses={200: LitigationCaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="report-major")
    def report_major(self, request, pk=None):
        """重大案件上报备案：报送机关和日期。"""
        return self._step("report-major")


class HearingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """庭审记录（本人可见的案件）：负责人是否出庭、委托的工作人员和理由。"""

    serializer_class = LitigationHearingSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        cases = selectors.office_cases(self.request.user).values("pk")
        return Hearing.objects.filter(case__in=cases).order_by("-held_on", "-pk")


class JudgmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """判决、裁定（本人可见的案件）：结果、是否败诉、上诉期、生效日期。"""

    serializer_class = LitigationJudgmentSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        cases = selectors.office_cases(self.request.user).values("pk")
        return Judgment.objects.filter(case__in=cases).order_by("-served_on", "-pk")


class SuggestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """检察建议和诉前检察建议：被建议机关登记、书面回复（两个月，紧急15日）、记录跟进监督和公益诉讼。"""

    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_serializer_class(self):
        return LitigationSuggestionSummarySerializer if self.action == "list" else LitigationSuggestionSerializer

    def get_queryset(self):
        return selectors.office_suggestions(self.request.user)

    @extend_schema(
        parameters=[
            *FILTERS,
            OpenApiParameter("kind", str, enum=SuggestionKind.values, description="类型"),
            OpenApiParameter("status", str, enum=SuggestionStatus.values, description="状态"),
        ],
        responses={200: LitigationSuggestionSummarySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        found = selectors.office_suggestions(request.user, **_check_filters(request, SuggestionStatus))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=SuggestionRequest, responses={201: LitigationSuggestionSerializer, **error_responses(400, 409)}
    )
    def create(self, request, *args, **kwargs):
        """登记检察建议（两高解释第二十一条：两个月内书面回复，紧急情形15日内）。"""
        data = step_data(request, services.SUGGESTION_REGISTER_FIELDS)
        suggestion = services.register_suggestion_from(data, actor=request.user)
        return Response(self._out(suggestion.pk), status=201)

    def _out(self, pk):
        found = selectors.visible_suggestion(self.request.user, pk)
        return LitigationSuggestionSerializer(found, context=self.get_serializer_context()).data

    def _step(self, name: str):
        suggestion = selectors.visible_suggestion(self.request.user, self.kwargs["pk"])
        data = step_data(self.request, services.SUGGESTION_FIELDS[name])
        services.run_suggestion_step(suggestion, name, actor=self.request.user, data=data)
        return Response(self._out(suggestion.pk))

    @extend_schema(request=SUGGESTION_REQUESTS["reply"], responses={200: LitigationSuggestionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        """书面回复：已采取的措施和正在推进的措施；晚于期限的标为逾期。"""
        return self._step("reply")

    @extend_schema(
        request=SUGGESTION_REQUESTS["follow-up"], responses={200: LitigationSuggestionSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        """记录检察机关跟进监督：是否认可整改。"""
        return self._step("follow-up")

    @extend_schema(request=SUGGESTION_REQUESTS["sue"], responses={200: LitigationSuggestionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def sue(self, request, pk=None):
        """诉前检察建议之后检察机关提起行政公益诉讼：登记为行政公益诉讼案件（两高解释第二十一条第三款）。"""
        return self._step("sue")

    @extend_schema(request=MAJOR_REQUESTS["mark-major"], responses={200: LitigationSuggestionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="mark-major")
    def mark_major(self, request, pk=None):
        """认定为重大、复杂或社会影响较大的案件（意见第三十二条）。"""
        return self._step("mark-major")

    @extend_schema(
        request=MAJOR_REQUESTS["report-major"], responses={200: LitigationSuggestionSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="report-major")
    def report_major(self, request, pk=None):
        """重大案件上报备案：报送机关和日期。"""
        return self._step("report-major")


StatisticsSerializer = inline_serializer(
    "LitigationStatistics",
    {
        "year": serializers.IntegerField(),
        **{key: serializers.IntegerField(help_text=str(label)) for key, label in selectors.FIGURES},
        "cases_by_level": serializers.DictField(child=serializers.IntegerField()),
        "cases_by_kind": serializers.DictField(child=serializers.IntegerField()),
        "judgments_by_outcome": serializers.DictField(child=serializers.IntegerField()),
        "head_rate": serializers.FloatField(allow_null=True, help_text="负责人出庭应诉率"),
        "loss_rate": serializers.FloatField(allow_null=True, help_text="败诉率"),
    },
)


class StatisticsView(APIView):
    """行政应诉与检察监督年度统计（意见第三十二条），本人可见的单位合计。"""

    @extend_schema(parameters=[_year_parameter()], responses={200: StatisticsSerializer, **error_responses(400)})
    def get(self, request):
        text = request.query_params.get("year", "")
        year = selectors._year(text) if text else timezone.localdate().year
        if year is None:
            raise InvalidInput(_("年度应为四位数字。"), errors={"year": [_("年度应为四位数字。")]})
        return Response(selectors.statistics(selectors.statistics_body_ids(request.user), year))


ROUTES = [
    ("litigation/cases", CaseViewSet, "litigation-case"),
    ("litigation/hearings", HearingViewSet, "litigation-hearing"),
    ("litigation/judgments", JudgmentViewSet, "litigation-judgment"),
    ("litigation/suggestions", SuggestionViewSet, "litigation-suggestion"),
]
PATHS = [path("litigation/statistics/", StatisticsView.as_view(), name="api-litigation-statistics")]
