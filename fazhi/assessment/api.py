"""API of the yearly evaluation (thin): schemes with their settings, indicators, members, evaluators
and deduction rules, each step an action; evaluations with their steps, the social workbook, the
deductions and the adjustments; scores (the evaluator's manual scoring); results and objections —
all scoped (`restrict`): the government's office and evaluators see the whole evaluation, a body its
own scorecard from the notice on; the public list shows published results only."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.assessment import evaluation as running
from fazhi.assessment import selectors, services
from fazhi.assessment.choices import (
    AdjustmentKind,
    EvaluationStatus,
    MeasureKind,
    Method,
    ObjectionOutcome,
    QuotaRounding,
    SchemeStatus,
    ScoreSource,
    Scoring,
)
from fazhi.assessment.models import (
    Adjustment,
    DeductionRule,
    Evaluation,
    Indicator,
    Member,
    Objection,
    Result,
    Scheme,
    Score,
)
from fazhi.assessment.workflow import EVALUATION_WORKFLOW, SCHEME_WORKFLOW, actions
from fazhi.core.api_submissions import AttachmentSerializer
from fazhi.core.apitools import error_responses, request_data, step_data
from fazhi.core.choices import EvaluationGroup
from fazhi.core.errors import InvalidInput

STEP_ERRORS = error_responses(400, 403, 404, 409)


def _choices(choices) -> str:
    return "、".join(f"{value} {label}" for value, label in choices.choices if value)


# --- serializers ----------------------------------------------------------------------------------


class AssessmentActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


def _actions(flow, record, user) -> list[dict]:
    return [
        {"name": transition.name, "label": str(transition.label), "refusal": refusal}
        for transition, refusal in actions(flow, record, user)
    ]


class AssessmentDeductionRuleSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text=_choices(MeasureKind))
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = DeductionRule
        fields = ["kind", "kind_label", "points", "cap"]
        read_only_fields = fields


SCHEME_SETTINGS = list(services.SCHEME_FIELDS)


class AssessmentSchemeSerializer(serializers.ModelSerializer):
    government_name = serializers.CharField(source="government.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=_choices(SchemeStatus))
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    quota = serializers.CharField(read_only=True, help_text=_choices(QuotaRounding))
    deduction_rules = AssessmentDeductionRuleSerializer(many=True, read_only=True)
    evaluation = serializers.SerializerMethodField(help_text="年度考评（已组织时）")
    problems = serializers.SerializerMethodField(help_text="报请批准前须解决的问题")
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Scheme
        fields = [
            "id",
            "government",
            "government_name",
            "year",
            "status",
            "status_label",
            *SCHEME_SETTINGS,
            "evaluators",
            "deduction_rules",
            "submitted_on",
            "approved_on",
            "approval_reference",
            "returned_reason",
            "copied_from",
            "evaluation",
            "problems",
            "actions",
        ]
        read_only_fields = fields

    def get_evaluation(self, scheme) -> int | None:
        evaluation = getattr(scheme, "evaluation", None)
        return evaluation.pk if evaluation else None

    def get_problems(self, scheme) -> list[str]:
        return services.problems(scheme)

    @extend_schema_field(AssessmentActionSerializer(many=True))
    def get_actions(self, scheme) -> list[dict]:
        return _actions(SCHEME_WORKFLOW, scheme, self.context["request"].user)


class AssessmentIndicatorSerializer(serializers.ModelSerializer):
    method = serializers.CharField(read_only=True, help_text=_choices(Method))
    scoring = serializers.CharField(read_only=True, help_text=_choices(Scoring))
    articles = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "scheme",
            "parent",
            "position",
            "name",
            "points",
            "method",
            "articles",
            "scoring",
            "deduction",
            "floor",
            "evaluator",
            "guidance",
        ]
        read_only_fields = fields


class AssessmentMemberSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    group = serializers.CharField(read_only=True, help_text=_choices(EvaluationGroup))
    group_label = serializers.CharField(source="get_group_display", read_only=True)

    class Meta:
        model = Member
        fields = ["id", "scheme", "body", "body_name", "group", "group_label"]
        read_only_fields = fields


class AssessmentManualLeafSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    indicator__name = serializers.CharField()
    indicator__evaluator__full_name = serializers.CharField(allow_null=True)
    scored = serializers.IntegerField()
    pending = serializers.IntegerField()


class AssessmentAdjustmentTotalSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    points = serializers.DecimalField(max_digits=8, decimal_places=2)


class AssessmentProgressSerializer(serializers.Serializer):
    members = serializers.IntegerField()
    automatic = serializers.IntegerField()
    not_applicable = serializers.IntegerField()
    manual_scored = serializers.IntegerField()
    manual_pending = serializers.IntegerField()
    manual_leaves = AssessmentManualLeafSerializer(many=True)
    social = serializers.IntegerField()
    adjustments = AssessmentAdjustmentTotalSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())


class AssessmentEvaluationSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="scheme.year", read_only=True)
    government = serializers.IntegerField(source="scheme.government_id", read_only=True)
    status = serializers.CharField(read_only=True, help_text=_choices(EvaluationStatus))
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    progress = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "scheme",
            "year",
            "government",
            "status",
            "status_label",
            "as_of",
            "computed_at",
            "submitted_on",
            "returned_reason",
            "approved_on",
            "notified_on",
            "notice_number",
            "objection_until",
            "final_on",
            "published_on",
            "progress",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(AssessmentProgressSerializer)
    def get_progress(self, evaluation) -> dict:
        return AssessmentProgressSerializer(selectors.progress(evaluation)).data

    @extend_schema_field(AssessmentActionSerializer(many=True))
    def get_actions(self, evaluation) -> list[dict]:
        return _actions(EVALUATION_WORKFLOW, evaluation, self.context["request"].user)


class AssessmentScoreSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    source = serializers.CharField(read_only=True, help_text=_choices(ScoreSource))
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    detail = serializers.JSONField(
        read_only=True, help_text="自动计分所依据的检查结果：各条的状态、达标率、未达标和依据记录"
    )
    scored_by = serializers.CharField(source="scored_by.get_full_name", read_only=True, allow_null=True)

    class Meta:
        model = Score
        fields = [
            "id",
            "evaluation",
            "body",
            "body_name",
            "indicator",
            "indicator_name",
            "source",
            "source_label",
            "points",
            "detail",
            "comment",
            "scored_by",
            "scored_at",
        ]
        read_only_fields = fields


class AssessmentAdjustmentSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=_choices(AdjustmentKind))
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    evidence = serializers.JSONField(read_only=True, help_text="依据记录（如约谈、责令整改、通报批评）")

    class Meta:
        model = Adjustment
        fields = [
            "id",
            "evaluation",
            "body",
            "body_name",
            "kind",
            "kind_label",
            "points",
            "reason",
            "record",
            "evidence",
        ]
        read_only_fields = fields


class AssessmentPublicResultSerializer(serializers.ModelSerializer):
    """What the portal shows of a result: the body, its rank, composite and grade in its group."""

    year = serializers.IntegerField(source="evaluation.scheme.year", read_only=True)
    government_name = serializers.CharField(source="evaluation.scheme.government.name", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    group = serializers.CharField(read_only=True, help_text=_choices(EvaluationGroup))
    group_label = serializers.CharField(source="get_group_display", read_only=True)

    class Meta:
        model = Result
        fields = ["id", "evaluation", "year", "government_name", "group", "group_label", "body_name"]
        fields += ["rank", "composite", "grade"]
        read_only_fields = fields


class AssessmentResultSerializer(AssessmentPublicResultSerializer):
    """A result in full, for the organising government and, from the notice on, the body."""

    class Meta:
        model = Result
        fields = ["id", "evaluation", "year", "government_name", "body", "body_name", "group_label"]
        fields += running.RESULT_FIELDS
        read_only_fields = fields


class AssessmentObjectionSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="result.body.name", read_only=True)
    outcome = serializers.CharField(read_only=True, help_text=_choices(ObjectionOutcome))
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)

    class Meta:
        model = Objection
        fields = [
            "id",
            "result",
            "body_name",
            "indicator",
            "text",
            "filed_on",
            "outcome",
            "outcome_label",
            "answer",
            "answered_on",
        ]
        read_only_fields = fields


# --- requests -------------------------------------------------------------------------------------

DAY = serializers.DateField
TEXT = serializers.CharField
NUMBER = serializers.DecimalField


def _request(name: str, fields: dict):
    return inline_serializer(name, fields)


def _points(**options):
    return NUMBER(max_digits=6, decimal_places=2, **options)


SchemeCreate = _request(
    "AssessmentSchemeCreate",
    {
        "government": serializers.IntegerField(help_text="组织考评的人民政府"),
        "year": serializers.IntegerField(),
        "title": TEXT(required=False),
    },
)
SchemeChange = _request(
    "AssessmentSchemeChange",
    {
        "title": TEXT(required=False),
        "internal_weight": _points(required=False),
        "social_weight": _points(required=False),
        "performance_weight": _points(required=False, help_text="不低于10（若干意见第（五十一）项）"),
        "bonus_cap": _points(required=False),
        "spot_check_cap": _points(required=False),
        "bound": _points(required=False),
        "share": serializers.IntegerField(required=False),
        "disqualify_below": _points(required=False),
        "exclusive_bounds": serializers.BooleanField(required=False),
        "quota": TEXT(required=False, help_text=_choices(QuotaRounding)),
        "objection_days": serializers.IntegerField(required=False),
        "method_text": TEXT(required=False, allow_blank=True),
        "requirements_text": TEXT(required=False, allow_blank=True),
    },
)
INDICATOR_FIELDS = {
    "name": TEXT(required=False),
    "points": _points(required=False),
    "method": TEXT(required=False, allow_blank=True, help_text=_choices(Method)),
    "articles": serializers.ListField(child=serializers.IntegerField(), required=False),
    "scoring": TEXT(required=False, allow_blank=True, help_text=_choices(Scoring)),
    "deduction": _points(required=False, allow_null=True),
    "floor": _points(required=False),
    "evaluator": serializers.IntegerField(required=False, allow_null=True),
    "guidance": TEXT(required=False, allow_blank=True),
}
IndicatorCreate = _request(
    "AssessmentIndicatorCreate",
    {
        "scheme": serializers.IntegerField(),
        "parent": serializers.IntegerField(required=False, allow_null=True, help_text="上级指标；不填为一级指标"),
        "position": serializers.IntegerField(required=False),
        **INDICATOR_FIELDS,
    },
)
IndicatorChange = _request(
    "AssessmentIndicatorChange", {"position": serializers.IntegerField(required=False), **INDICATOR_FIELDS}
)
GROUP = TEXT(help_text=_choices(EvaluationGroup))
MemberCreate = _request(
    "AssessmentMemberCreate", {"scheme": serializers.IntegerField(), "body": serializers.IntegerField(), "group": GROUP}
)
MemberChange = _request("AssessmentMemberChange", {"group": GROUP})


def _on(**fields) -> dict:
    """The step's date (a fresh field each time: a serializer takes its fields out of the dict)."""
    return {"on": DAY(required=False, help_text="办理日期，默认今天"), **fields}


SCHEME_REQUESTS = {
    "submit": _request("AssessmentSchemeSubmit", _on()),
    "return": _request("AssessmentSchemeReturn", {"reason": TEXT()}),
    "approve": _request("AssessmentSchemeApprove", _on(reference=TEXT(required=False, help_text="批准文件"))),
    "copy": _request("AssessmentSchemeCopy", {}),
    "evaluators": _request(
        "AssessmentEvaluators", {"evaluators": serializers.ListField(child=serializers.IntegerField())}
    ),
    "deduction-rules": _request(
        "AssessmentDeductionRuleSet",
        {"kind": TEXT(help_text=_choices(MeasureKind)), "points": _points(), "cap": _points()},
    ),
    "open": _request("AssessmentOpen", {"as_of": DAY(required=False, help_text="数据截止日期，不早于考评年度末")}),
}
EVALUATION_REQUESTS = {
    "rescore": _request("AssessmentRescore", {"as_of": DAY(required=False)}),
    "deductions": _request("AssessmentImportDeductions", {}),
    "submit": _request("AssessmentEvaluationSubmit", _on()),
    "return": _request("AssessmentEvaluationReturn", {"reason": TEXT()}),
    "approve": _request("AssessmentEvaluationApprove", _on()),
    "notify": _request("AssessmentNotify", _on(notice_number=TEXT(required=False))),
    "finalise": _request("AssessmentFinalise", _on()),
    "publish": _request("AssessmentPublish", _on()),
    "adjustments": _request(
        "AssessmentAdjustmentAdd",
        {
            "body": serializers.IntegerField(),
            "kind": TEXT(help_text=_choices(AdjustmentKind)),
            "points": _points(help_text="扣分、加分填正数；省抽查调整可为负数"),
            "reason": TEXT(),
        },
    ),
}
SocialFile = _request("AssessmentSocialWorkbook", {"file": serializers.FileField(help_text="Excel：单位、得分")})
EvidenceFile = _request(
    "AssessmentEvidence", {"indicator": serializers.IntegerField(), "file": serializers.FileField()}
)
ScoreRequest = _request("AssessmentManualScore", {"points": _points(), "comment": TEXT(required=False)})
ObjectionCreate = _request(
    "AssessmentObjectionCreate",
    {"result": serializers.IntegerField(), "text": TEXT(), "indicator": serializers.IntegerField(required=False)},
)
ObjectionAnswer = _request(
    "AssessmentObjectionAnswer",
    {
        "outcome": TEXT(help_text=_choices(ObjectionOutcome)),
        "answer": TEXT(),
        "points": _points(required=False, help_text="异议成立且涉及指标时：调整后得分"),
    },
)


def _filter(request, name: str, label: str) -> int | None:
    """An id filter from the query string: absent is None, anything but an id is a 400."""
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    pk = selectors.pk_of(value)
    if pk is None:
        raise InvalidInput(_("查询条件有误。"), errors={name: [_("%(label)s应为编号。") % {"label": label}]})
    return pk


def _id_parameter(name: str, description) -> OpenApiParameter:
    return OpenApiParameter(name, int, description=str(description))


class _Scoped(viewsets.GenericViewSet):
    filter_backends = []
    lookup_value_regex = r"[0-9]+"


class _Listed(mixins.ListModelMixin):
    """A scoped list filtered by the ids the query names (`id_filters`: parameter, label)."""

    id_filters: tuple = ()

    def list(self, request, *args, **kwargs):
        found = self.get_queryset()
        for name, label in self.id_filters:
            value = _filter(request, name, str(label))
            if value is not None:
                found = found.filter(**{name: value})
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def _listed(serializer, *filters):
    """The list's documentation: its id filters and its answers."""
    return extend_schema_view(
        list=extend_schema(
            parameters=[_id_parameter(*item) for item in filters],
            responses={200: serializer(many=True), **error_responses(400)},
        )
    )


SCHEME = ("scheme", gettext_lazy("考评方案"))
EVALUATION = ("evaluation", gettext_lazy("年度考评"))
SCORE_FILTERS = (EVALUATION, ("body", gettext_lazy("考评对象")), ("indicator", gettext_lazy("考评指标")))


# --- schemes --------------------------------------------------------------------------------------


class SchemeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    """考评方案（若干意见第（四十八）项）：依法行政办拟定（设置、指标、考评对象、考评组成人员、扣分规则），
    报政府批准；批准后锁定；可复制为下一年度方案；组织年度考评。"""

    serializer_class = AssessmentSchemeSerializer

    def get_queryset(self):
        return selectors.schemes(self.request.user).prefetch_related("deduction_rules", "evaluators")

    def _out(self, pk, status_code=200):
        scheme = selectors.visible_scheme(self.request.user, pk)
        return Response(self.get_serializer(scheme).data, status=status_code)

    @extend_schema(
        request=SchemeCreate, responses={201: AssessmentSchemeSerializer, **error_responses(400, 403, 404, 409)}
    )
    def create(self, request, *args, **kwargs):
        """拟定考评方案：默认指标体系（第（四十七）项七个方面）和按单位考评组别确定的考评对象。"""
        data = step_data(request, ("government", "year", "title"))
        government = selectors.visible_government(request.user, data.get("government"))
        scheme = services.create_scheme(
            actor=request.user, government=government, year=data.get("year"), title=data.get("title")
        )
        return self._out(scheme.pk, 201)

    @extend_schema(request=SchemeChange, responses={200: AssessmentSchemeSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        """修改拟定中方案的设置；占绩效考核总分的权重低于百分之十的不予接受。"""
        scheme = selectors.visible_scheme(request.user, kwargs["pk"])
        services.update_scheme(scheme, actor=request.user, **step_data(request, services.SCHEME_FIELDS))
        return self._out(scheme.pk)

    def _step(self, name: str, run):
        scheme = selectors.visible_scheme(self.request.user, self.kwargs["pk"])
        data = step_data(self.request, SCHEME_REQUESTS[name].fields)
        result = run(scheme, data)
        return self._out(result.pk if isinstance(result, Scheme) else scheme.pk)

    @extend_schema(request=SCHEME_REQUESTS["submit"], responses={200: AssessmentSchemeSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """报请政府批准（方案完整时）。"""
        return self._step("submit", lambda s, d: services.submit(s, actor=request.user, submitted_on=d.get("on")))

    @extend_schema(request=SCHEME_REQUESTS["return"], responses={200: AssessmentSchemeSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_scheme(self, request, pk=None):
        """政府负责人退回修改，写明理由。"""
        return self._step("return", lambda s, d: services.return_scheme(s, actor=request.user, reason=d.get("reason")))

    @extend_schema(request=SCHEME_REQUESTS["approve"], responses={200: AssessmentSchemeSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """政府负责人批准方案；批准后锁定。"""
        return self._step(
            "approve",
            lambda s, d: services.approve(
                s, actor=request.user, approved_on=d.get("on"), reference=d.get("reference", "")
            ),
        )

    @extend_schema(request=SCHEME_REQUESTS["copy"], responses={200: AssessmentSchemeSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """复制为下一年度方案（拟定中）：设置、指标、考评对象、扣分规则和考评组成人员。"""
        return self._step("copy", lambda s, d: services.copy_to_next_year(s, actor=request.user))

    @extend_schema(request=SCHEME_REQUESTS["evaluators"], responses={200: AssessmentSchemeSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def evaluators(self, request, pk=None):
        """确定考评组成人员（本级及以上的考评员）。"""
        return self._step(
            "evaluators", lambda s, d: services.set_evaluators(s, actor=request.user, users=d.get("evaluators"))
        )

    @extend_schema(
        request=SCHEME_REQUESTS["deduction-rules"], responses={200: AssessmentSchemeSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="deduction-rules")
    def deduction_rules(self, request, pk=None):
        """约谈、责令整改、通报批评的每次扣分和扣分上限（若干意见第（五十三）项）。"""
        return self._step(
            "deduction-rules",
            lambda s, d: services.set_deduction_rule(
                s, actor=request.user, kind=d.get("kind"), points=d.get("points"), cap=d.get("cap")
            ),
        )

    @extend_schema(request=SCHEME_REQUESTS["open"], responses={201: AssessmentEvaluationSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="open", url_name="open")
    def open_evaluation(self, request, pk=None):
        """组织年度考评：按已批准的方案，读取截至数据截止日期的记录自动计分。"""
        scheme = selectors.visible_scheme(request.user, pk)
        data = step_data(request, SCHEME_REQUESTS["open"].fields)
        opened = running.open_evaluation(scheme, actor=request.user, as_of=data.get("as_of"))
        evaluation = selectors.visible_evaluation(request.user, opened.pk)
        return Response(
            AssessmentEvaluationSerializer(evaluation, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


@_listed(AssessmentIndicatorSerializer, SCHEME)
class IndicatorViewSet(_Listed, mixins.RetrieveModelMixin, _Scoped):
    """考评指标：一、二、三级，末级指标自动计分（对应若干意见条目的义务检查）或由考评员评分；方案拟定中可增删改。"""

    serializer_class = AssessmentIndicatorSerializer
    id_filters = (SCHEME,)

    def get_queryset(self):
        found = Indicator.objects.filter(scheme__in=selectors.schemes(self.request.user)).order_by(
            "scheme_id", "parent_id", "position", "pk"
        )
        return found

    def _out(self, pk, status_code=200):
        return Response(
            self.get_serializer(selectors.visible_indicator(self.request.user, pk)).data, status=status_code
        )

    @extend_schema(request=IndicatorCreate, responses={201: AssessmentIndicatorSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = step_data(request, ("scheme", "parent", "position", *INDICATOR_FIELDS))
        scheme = selectors.visible_scheme(request.user, data.pop("scheme", None))
        indicator = services.add_indicator(scheme, actor=request.user, parent=data.pop("parent", None), **data)
        return self._out(indicator.pk, 201)

    @extend_schema(request=IndicatorChange, responses={200: AssessmentIndicatorSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        indicator = selectors.visible_indicator(request.user, kwargs["pk"])
        services.update_indicator(indicator, actor=request.user, **step_data(request, ("position", *INDICATOR_FIELDS)))
        return self._out(indicator.pk)

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        """删除指标及其下级指标。"""
        indicator = selectors.visible_indicator(request.user, kwargs["pk"])
        services.remove_indicator(indicator, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@_listed(AssessmentMemberSerializer, SCHEME)
class MemberViewSet(_Listed, mixins.RetrieveModelMixin, _Scoped):
    """考评对象及其组别（市直单位、各市（区）政府分开排名）；考评对象本单位可见本单位的记录并上传佐证材料。"""

    serializer_class = AssessmentMemberSerializer
    id_filters = (SCHEME,)

    def get_queryset(self):
        return (
            Member.objects.restrict(self.request.user)
            .select_related("body")
            .order_by("scheme_id", "group", "body__tree_path")
        )

    def _out(self, member, status_code=200):
        return Response(self.get_serializer(member).data, status=status_code)

    @extend_schema(request=MemberCreate, responses={201: AssessmentMemberSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = step_data(request, ("scheme", "body", "group"))
        scheme = selectors.visible_scheme(request.user, data.get("scheme"))
        member = services.set_member(scheme, actor=request.user, body=data.get("body"), group=data.get("group"))
        return self._out(selectors.visible_member(request.user, member.pk), 201)

    @extend_schema(request=MemberChange, responses={200: AssessmentMemberSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        """调整考评组别。"""
        member = selectors.visible_member(request.user, kwargs["pk"])
        data = step_data(request, ("group",))
        services.set_member(member.scheme, actor=request.user, body=member.body, group=data.get("group"))
        return self._out(selectors.visible_member(request.user, member.pk))

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        """移出考评对象。"""
        member = selectors.visible_member(request.user, kwargs["pk"])
        services.remove_member(member.scheme, actor=request.user, body=member.body)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["GET"], request=None, responses={200: AttachmentSerializer(many=True), **error_responses(404, 409)}
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": EvidenceFile},
        responses={201: AttachmentSerializer, **STEP_ERRORS},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
        pagination_class=None,
    )
    def evidence(self, request, pk=None):
        """人工评分指标的佐证材料：考评对象本单位在评分期间上传（文件类型按内容判断，大小有上限）。"""
        member = selectors.visible_member(request.user, pk)
        evaluation = selectors.evaluation_of(member)
        if request.method == "GET":
            found = running.evidence_of(evaluation, [member.body_id])
            return Response(AttachmentSerializer([a for items in found.values() for a in items], many=True).data)
        data = request_data(request)
        uploaded = request.FILES.get("file") if hasattr(request.FILES, "get") else None
        attachment = running.add_evidence(
            evaluation, actor=request.user, body=member.body, indicator=data.get("indicator"), file=uploaded
        )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


# --- evaluations ----------------------------------------------------------------------------------


class EvaluationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    """年度考评（若干意见第（四十九）项）：自动计分、导入社会评议和扣分、加减分、报请审定、审定、通报（异议期）、
    确定、向社会公布。"""

    serializer_class = AssessmentEvaluationSerializer

    def get_queryset(self):
        return Evaluation.objects.restrict(self.request.user).select_related("scheme__government")

    def _out(self, pk):
        evaluation = selectors.visible_evaluation(self.request.user, pk)
        return Response(self.get_serializer(evaluation).data)

    def _step(self, name: str, run):
        evaluation = selectors.visible_evaluation(self.request.user, self.kwargs["pk"])
        data = step_data(self.request, EVALUATION_REQUESTS[name].fields)
        run(evaluation, data)
        return self._out(evaluation.pk)

    @extend_schema(
        request=EVALUATION_REQUESTS["rescore"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def rescore(self, request, pk=None):
        """按记录重新自动计分（评分期间）。"""
        return self._step(
            "rescore", lambda e, d: running.rescore_automatic(e, actor=request.user, as_of=d.get("as_of"))
        )

    @extend_schema(
        request=EVALUATION_REQUESTS["deductions"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def deductions(self, request, pk=None):
        """按约谈、责令整改、通报批评的记录导入扣分（若干意见第（五十三）项）；可重复导入。"""
        return self._step("deductions", lambda e, d: running.import_deductions(e, actor=request.user))

    @extend_schema(
        request=EVALUATION_REQUESTS["adjustments"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def adjustments(self, request, pk=None):
        """录入扣分、创新加分（第（五十五）项）或省抽查结果调整（第（四十九）项），写明事由。"""
        return self._step(
            "adjustments",
            lambda e, d: running.add_adjustment(
                e,
                actor=request.user,
                body=d.get("body"),
                kind=d.get("kind"),
                points=d.get("points"),
                reason=d.get("reason"),
            ),
        )

    @extend_schema(
        request={"multipart/form-data": SocialFile},
        responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def social(self, request, pk=None):
        """导入社会评议结果（Excel：单位、得分）；整表导入，有一行出错则不导入。"""
        evaluation = selectors.visible_evaluation(request.user, pk)
        uploaded = request.FILES.get("file") if hasattr(request.FILES, "get") else None
        if uploaded is None:
            raise InvalidInput(_("请上传社会评议结果工作簿。"), errors={"file": [_("请上传社会评议结果工作簿。")]})
        running.import_social(
            evaluation,
            actor=request.user,
            data=uploaded.read(running.MAX_WORKBOOK_BYTES + 1),
            source=(uploaded.name or "")[:200],
        )
        return self._out(evaluation.pk)

    @extend_schema(
        request=EVALUATION_REQUESTS["submit"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """计算综合得分、排名和等次，报请政府审定（人工评分和社会评议齐全时）。"""
        return self._step("submit", lambda e, d: running.submit(e, actor=request.user, submitted_on=d.get("on")))

    @extend_schema(
        request=EVALUATION_REQUESTS["return"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_evaluation(self, request, pk=None):
        """政府负责人退回重新评分，写明理由。"""
        return self._step(
            "return", lambda e, d: running.return_evaluation(e, actor=request.user, reason=d.get("reason"))
        )

    @extend_schema(
        request=EVALUATION_REQUESTS["approve"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """政府负责人审定考评结果。"""
        return self._step("approve", lambda e, d: running.approve(e, actor=request.user, approved_on=d.get("on")))

    @extend_schema(
        request=EVALUATION_REQUESTS["notify"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        """通报考评结果：各单位可查看本单位得分，并在异议期内提出异议。"""
        return self._step(
            "notify",
            lambda e, d: running.notify(
                e, actor=request.user, notice_number=d.get("notice_number", ""), notified_on=d.get("on")
            ),
        )

    @extend_schema(
        request=EVALUATION_REQUESTS["finalise"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        """异议期届满、异议均已答复后确定考评结果。"""
        return self._step("finalise", lambda e, d: running.finalise(e, actor=request.user, final_on=d.get("on")))

    @extend_schema(
        request=EVALUATION_REQUESTS["publish"], responses={200: AssessmentEvaluationSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """向社会公布考评结果（门户：单位、综合得分、等次）。"""
        return self._step("publish", lambda e, d: running.publish(e, actor=request.user, published_on=d.get("on")))


@_listed(AssessmentScoreSerializer, *SCORE_FILTERS)
class ScoreViewSet(_Listed, mixins.RetrieveModelMixin, _Scoped):
    """指标得分：自动计分的附检查结果和依据记录；人工评分指标由考评员评分。考评对象自通报起可见本单位得分。"""

    serializer_class = AssessmentScoreSerializer
    id_filters = SCORE_FILTERS

    def get_queryset(self):
        return (
            Score.objects.restrict(self.request.user)
            .select_related("body", "indicator", "scored_by")
            .order_by("evaluation_id", "body__tree_path", "indicator_id")
        )

    @extend_schema(request=ScoreRequest, responses={200: AssessmentScoreSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        """考评员评分：不超过分值；低于满分须写明评分说明。"""
        score = self.get_object()
        data = step_data(request, ("points", "comment"))
        running.score_manual(
            score.evaluation,
            actor=request.user,
            body=score.body,
            indicator=score.indicator_id,
            points=data.get("points"),
            comment=data.get("comment", ""),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=score.pk)).data)


@_listed(AssessmentAdjustmentSerializer, EVALUATION)
class AdjustmentViewSet(_Listed, mixins.RetrieveModelMixin, _Scoped):
    """加减分：违反要求扣分（含按监督督查记录导入的）、创新加分、省抽查结果调整，各附事由和依据记录。"""

    serializer_class = AssessmentAdjustmentSerializer
    id_filters = (EVALUATION,)

    def get_queryset(self):
        return Adjustment.objects.restrict(self.request.user).select_related("body").order_by("evaluation_id", "pk")

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        """删除加减分（评分期间）。"""
        running.remove_adjustment(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@_listed(AssessmentResultSerializer, EVALUATION)
class ResultViewSet(_Listed, mixins.RetrieveModelMixin, _Scoped):
    """考评结果：综合得分、组内排名、等次和结果运用；组织考评的政府可见全部，考评对象自通报起可见本单位的。"""

    serializer_class = AssessmentResultSerializer
    id_filters = (EVALUATION,)

    def get_queryset(self):
        return Result.objects.restrict(self.request.user).select_related("body", "evaluation__scheme__government")


class ObjectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    """考评结果异议：考评对象在异议期内提出，依法行政办在确定结果前答复；异议成立的调整得分并重新计算结果。"""

    serializer_class = AssessmentObjectionSerializer

    def get_queryset(self):
        return Objection.objects.restrict(self.request.user).select_related("result__body").order_by("filed_on", "pk")

    @extend_schema(request=ObjectionCreate, responses={201: AssessmentObjectionSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = step_data(request, ("result", "text", "indicator"))
        result = selectors.visible_result(request.user, data.get("result"))
        objection = running.file_objection(
            result, actor=request.user, text=data.get("text"), indicator=data.get("indicator")
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=objection.pk)).data, status=201)

    @extend_schema(request=ObjectionAnswer, responses={200: AssessmentObjectionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """答复异议：成立的（涉及指标时）给出调整后得分，结果随之重新计算。"""
        objection = self.get_object()
        data = step_data(request, ("outcome", "answer", "points"))
        running.answer_objection(
            objection,
            actor=request.user,
            outcome=data.get("outcome"),
            answer=data.get("answer"),
            points=data.get("points"),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=objection.pk)).data)


class PublicResultViewSet(_Listed, mixins.RetrieveModelMixin, _Scoped):
    """已公布的依法行政考评结果（公众，无需登录）：年度、组别、单位、排名、综合得分、等次。"""

    serializer_class = AssessmentPublicResultSerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    id_filters = (EVALUATION,)

    def get_queryset(self):
        found = (
            Result.objects.published()
            .select_related("body", "evaluation__scheme__government")
            .order_by("-evaluation__scheme__year", "evaluation_id", "group", "rank", "body__tree_path")
        )
        if self.action != "list":
            return found
        text = self.request.query_params.get("year", "")
        if text and not (text.isdigit() and len(text) == 4):
            raise InvalidInput(_("查询条件有误。"), errors={"year": [_("年度应为四位数字。")]})
        return found.filter(evaluation__scheme__year=int(text)) if text else found

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="考评年度"), _id_parameter(*EVALUATION)],
        responses={200: AssessmentPublicResultSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


ROUTES = [
    ("assessment/schemes", SchemeViewSet, "assessment-scheme"),
    ("assessment/indicators", IndicatorViewSet, "assessment-indicator"),
    ("assessment/members", MemberViewSet, "assessment-member"),
    ("assessment/evaluations", EvaluationViewSet, "assessment-evaluation"),
    ("assessment/scores", ScoreViewSet, "assessment-score"),
    ("assessment/adjustments", AdjustmentViewSet, "assessment-adjustment"),
    ("assessment/results", ResultViewSet, "assessment-result"),
    ("assessment/objections", ObjectionViewSet, "assessment-objection"),
    ("public/assessment-results", PublicResultViewSet, "public-assessment-result"),
]
