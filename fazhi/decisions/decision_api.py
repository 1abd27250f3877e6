"""API for major decisions: the office's steps on a decision and the published decisions (thin).

Every office queryset starts from `Decision.objects.restrict()` (another body's decision is a 404),
the public one from `published()`; each step calls its service, which checks who, when and the
procedure's gates and refuses with the same Chinese messages as the pages. A step refuses fields
it does not take, so that a misspelt field is not silently dropped.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import HistorySerializer, error_responses, request_data, step_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_id
from fazhi.core.models import Body
from fazhi.decisions import decision_selectors as selectors
from fazhi.decisions import services, workflow
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
from fazhi.decisions.models import (
    AccountabilityCase,
    Decision,
    ExpertOpinion,
    Hearing,
    ImplementationReport,
    PostEvaluation,
    RiskAssessment,
)
from fazhi.decisions.selectors import adviser_opinions_of
from fazhi.procedures.choices import MeetingKind, MeetingOutcome

STEP_ERRORS = error_responses(400, 403, 404, 409)


def _body(value, name: str, label: str) -> Body:
    body = Body.objects.filter(pk=clean_id(value, name, label)).first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body


# --- what a decision looks like ------------------------------------------------------------


class DecisionActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class DecisionStepSerializer(serializers.Serializer):
    step = serializers.CharField(help_text="法定程序的一步")
    met = serializers.BooleanField()
    refusal = serializers.CharField(allow_null=True, help_text="尚未完成的原因；已完成为空")


class DecisionExpertOpinionSerializer(serializers.ModelSerializer):
    form_label = serializers.CharField(source="get_form_display", read_only=True)

    class Meta:
        model = ExpertOpinion
        fields = [
            "id",
            "expert_name",
            "organisation",
            "expertise",
            "form",
            "form_label",
            "no_conflict",
            "opinion",
            "signed_on",
            "created_at",
        ]
        read_only_fields = fields


class DecisionRiskAssessmentSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = RiskAssessment
        fields = [
            "id",
            "assessor",
            "methods",
            "departments_heard",
            "risk_points",
            "level",
            "level_label",
            "measures",
            "controllable",
            "concluded_on",
            "created_at",
        ]
        read_only_fields = fields


class DecisionHearingSerializer(serializers.ModelSerializer):
    participants = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Hearing
        fields = ["id", "held_on", "place", "participants", "materials_sent_on", "record", "participants_signed"]
        read_only_fields = fields


class DecisionImplementationReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImplementationReport
        fields = ["id", "reported_on", "progress", "problems", "major_change", "created_at"]
        read_only_fields = fields


class DecisionPostEvaluationSerializer(serializers.ModelSerializer):
    trigger_label = serializers.CharField(source="get_trigger_display", read_only=True)
    conclusion_label = serializers.CharField(source="get_conclusion_display", read_only=True)

    class Meta:
        model = PostEvaluation
        fields = [
            "id",
            "trigger",
            "trigger_label",
            "evaluator",
            "started_on",
            "findings",
            "conclusion",
            "conclusion_label",
            "concluded_on",
        ]
        read_only_fields = fields


class AccountabilityPersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    position = serializers.CharField(allow_blank=True)
    dissented = serializers.BooleanField(help_text="曾在集体讨论中表示不同意见（会议记录载明），可减免责任")


class DecisionAccountabilityCaseSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    ground_label = serializers.CharField(source="get_ground_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    persons = AccountabilityPersonSerializer(many=True, read_only=True)

    class Meta:
        model = AccountabilityCase
        fields = [
            "id",
            "body",
            "body_name",
            "ground",
            "ground_label",
            "opened_on",
            "facts",
            "persons",
            "status",
            "status_label",
            "outcome",
            "concluded_on",
        ]
        read_only_fields = fields


class DecisionAdviserOpinionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    adviser = serializers.IntegerField(source="adviser_id")
    adviser_name = serializers.CharField(source="adviser.name")
    opinion = serializers.CharField()
    given_on = serializers.DateField()


class DecisionProcedureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="consultation 征求意见 / legality、fair_competition 审查 / meeting 集体讨论")
    status = serializers.CharField()
    status_label = serializers.CharField()


class DecisionSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    head_decision = serializers.CharField(read_only=True, help_text="adopted / adopted_with_changes / not_adopted")
    body_name = serializers.CharField(source="body.name", read_only=True)
    deciding_body_name = serializers.CharField(source="deciding_body.name", read_only=True)
    risk_areas = serializers.ListField(child=serializers.ChoiceField(choices=RiskArea.choices), read_only=True)
    needs_consultation = serializers.BooleanField(read_only=True)
    needs_risk_assessment = serializers.BooleanField(read_only=True)
    required_steps = serializers.SerializerMethodField(help_text="法定程序清单：每一步是否已完成及原因")
    actions = serializers.SerializerMethodField(help_text="当前用户此时可以办理的步骤")
    procedures = serializers.SerializerMethodField(help_text="关于本决策的征求意见、审查和集体讨论记录")
    expert_opinions = DecisionExpertOpinionSerializer(many=True, read_only=True)
    risk_assessments = DecisionRiskAssessmentSerializer(many=True, read_only=True)
    hearings = DecisionHearingSerializer(many=True, read_only=True)
    adviser_opinions = serializers.SerializerMethodField()
    implementation_reports = DecisionImplementationReportSerializer(many=True, read_only=True)
    post_evaluations = DecisionPostEvaluationSerializer(many=True, read_only=True)
    accountability_cases = serializers.SerializerMethodField(help_text="当前用户范围内的决策责任追究")

    class Meta:
        model = Decision
        fields = [
            "id",
            "body",
            "body_name",
            "deciding_body",
            "deciding_body_name",
            "catalog_item",
            "declared_on",
            "declaration",
            "adjusts",
            "title",
            "category",
            "category_label",
            "draft_text",
            "explanation",
            "is_technical",
            "risk_areas",
            "touches_market",
            "disclosure_exempt",
            "disclosure_exempt_reason",
            "is_exploratory_reform",
            "legal_risk_statement",
            "needs_consultation",
            "needs_risk_assessment",
            "status",
            "status_label",
            "head_decision",
            "head_name",
            "departs_from_majority",
            "departure_reason",
            "decided_on",
            "party_reported_on",
            "party_report",
            "published_on",
            "decision_text",
            "adoption_explanation",
            "executing_unit",
            "suspended_on",
            "suspension_reason",
            "end_reason",
            "created_at",
            "updated_at",
            "required_steps",
            "actions",
            "procedures",
            "expert_opinions",
            "risk_assessments",
            "hearings",
            "adviser_opinions",
            "implementation_reports",
            "post_evaluations",
            "accountability_cases",
        ]
        read_only_fields = fields

    @extend_schema_field(DecisionStepSerializer(many=True))
    def get_required_steps(self, decision) -> list[dict]:
        return [
            {"step": str(label), "met": refusal is None, "refusal": refusal}
            for label, refusal in workflow.required_steps(decision)
        ]

    @extend_schema_field(DecisionActionSerializer(many=True))
    def get_actions(self, decision) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in workflow.actions(decision, user)
        ]

    @extend_schema_field(DecisionProcedureSerializer(many=True))
    def get_procedures(self, decision) -> list[dict]:
        found = selectors.procedures_of(decision)
        rows = [
            {"id": c.pk, "kind": "consultation", "status": c.status, "status_label": c.get_status_display()}
            for c in found["consultations"]
        ]
        rows += [
            {"id": r.pk, "kind": r.kind, "status": r.status, "status_label": r.get_status_display()}
            for r in found["reviews"]
        ]
        rows += [
            {"id": m.pk, "kind": "meeting", "status": m.status, "status_label": m.get_status_display()}
            for m in found["meetings"]
        ]
        return rows

    @extend_schema_field(DecisionAdviserOpinionSerializer(many=True))
    def get_adviser_opinions(self, decision) -> list[dict]:
        return DecisionAdviserOpinionSerializer(
            adviser_opinions_of(decision).order_by("given_on", "id"), many=True
        ).data

    @extend_schema_field(DecisionAccountabilityCaseSerializer(many=True))
    def get_accountability_cases(self, decision) -> list[dict]:
        cases = selectors.accountability_cases(decision, self.context["request"].user)
        return DecisionAccountabilityCaseSerializer(cases, many=True).data


class DecisionSummarySerializer(serializers.ModelSerializer):
    """A decision in a list: what it is and where it stands (the checklist and records are on its own GET)."""

    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    deciding_body_name = serializers.CharField(source="deciding_body.name", read_only=True)
    risk_areas = serializers.ListField(child=serializers.ChoiceField(choices=RiskArea.choices), read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "body",
            "body_name",
            "deciding_body",
            "deciding_body_name",
            "catalog_item",
            "title",
            "category",
            "category_label",
            "is_technical",
            "risk_areas",
            "touches_market",
            "disclosure_exempt",
            "status",
            "status_label",
            "decided_on",
            "published_on",
            "updated_at",
        ]
        read_only_fields = fields


# --- what the steps take -------------------------------------------------------------------

DRAFT_FIELDS = {
    "title": serializers.CharField(required=False),
    "category": serializers.ChoiceField(choices=DecisionCategory.choices, required=False),
    "draft_text": serializers.CharField(required=False),
    "explanation": serializers.CharField(required=False),
    "declared_on": serializers.DateField(required=False, allow_null=True, help_text="认定为重大行政决策的日期"),
    "declaration": serializers.CharField(required=False, help_text="未列入目录的：领导班子集体讨论认定的情况"),
    "is_technical": serializers.BooleanField(required=False, help_text="专业性、技术性较强：须专家论证"),
    "risk_areas": serializers.ListField(
        child=serializers.ChoiceField(choices=RiskArea.choices), required=False, help_text="不为空的须风险评估"
    ),
    "touches_market": serializers.BooleanField(required=False, help_text="涉及市场主体经济活动：须公平竞争审查"),
    "disclosure_exempt": serializers.BooleanField(required=False, help_text="依法不予公开：不公开征求意见"),
    "disclosure_exempt_reason": serializers.CharField(required=False),
    "is_exploratory_reform": serializers.BooleanField(required=False),
    "legal_risk_statement": serializers.CharField(required=False),
}
DecisionCreateRequest = inline_serializer(
    "DecisionCreate",
    {
        "body": serializers.IntegerField(help_text="承办单位"),
        "catalog_item": serializers.IntegerField(
            required=False, allow_null=True, help_text="已公布目录中由承办单位承办的事项"
        ),
        "deciding_body": serializers.IntegerField(
            required=False, allow_null=True, help_text="未选目录事项时必填：承办单位本身或其上级机关"
        ),
        "adjusts": serializers.IntegerField(required=False, allow_null=True, help_text="被调整的已公布决策"),
        **DRAFT_FIELDS,
    },
)
DecisionUpdateRequest = inline_serializer("DecisionDraft", dict(DRAFT_FIELDS))
DRAFT_NAMES = tuple(DRAFT_FIELDS)
ConsultationRequest = inline_serializer(
    "DecisionConsultation",
    {
        "closes_on": serializers.DateField(help_text="截止日期，一般不少于30日"),
        "opens_on": serializers.DateField(required=False, help_text="默认今天"),
        "shortened_reason": serializers.CharField(required=False, help_text="少于30日的理由，随公告公布"),
    },
)
HearingRequest = inline_serializer(
    "DecisionHearing",
    {
        "held_on": serializers.DateField(),
        "place": serializers.CharField(),
        "participants": serializers.ListField(child=serializers.CharField()),
        "materials_sent_on": serializers.DateField(required=False, allow_null=True, help_text="应于听证会7日前"),
        "record": serializers.CharField(),
        "participants_signed": serializers.BooleanField(required=False),
    },
)
HearingConfirmRequest = inline_serializer("DecisionHearingConfirm", {"hearing": serializers.IntegerField()})
ExpertOpinionRequest = inline_serializer(
    "DecisionExpertOpinionCreate",
    {
        "expert_name": serializers.CharField(),
        "organisation": serializers.CharField(required=False),
        "expertise": serializers.CharField(),
        "form": serializers.ChoiceField(choices=ArgumentationForm.choices),
        "no_conflict": serializers.BooleanField(required=False, help_text="与决策事项无直接利害关系"),
        "opinion": serializers.CharField(),
        "signed_on": serializers.DateField(required=False, allow_null=True),
    },
)
RiskAssessmentRequest = inline_serializer(
    "DecisionRiskAssessmentCreate",
    {
        "assessor": serializers.CharField(),
        "methods": serializers.CharField(required=False),
        "departments_heard": serializers.CharField(required=False),
        "risk_points": serializers.CharField(),
        "level": serializers.ChoiceField(choices=RiskLevel.choices),
        "measures": serializers.CharField(),
        "controllable": serializers.BooleanField(),
        "concluded_on": serializers.DateField(),
    },
)
SubmitReviewRequest = inline_serializer(
    "DecisionSubmitReview",
    {
        "due_on": serializers.DateField(required=False, help_text="审查期限，默认不少于7个工作日"),
        "shortened_reason": serializers.CharField(required=False),
    },
)
MeetingRequest = inline_serializer(
    "DecisionMeeting",
    {
        "meeting_kind": serializers.ChoiceField(choices=MeetingKind.choices),
        "session": serializers.CharField(),
        "held_on": serializers.DateField(),
        "presided_by": serializers.CharField(required=False),
        "agenda_item": serializers.CharField(),
        "entitled_members": serializers.ListField(child=serializers.CharField()),
        "attendees": serializers.ListField(child=serializers.CharField()),
        "outcome": serializers.ChoiceField(choices=MeetingOutcome.choices, required=False),
        "conclusion": serializers.CharField(required=False),
        "dissent": serializers.CharField(required=False),
    },
)
DecideRequest = inline_serializer(
    "DecisionHeadDecision",
    {
        "head_decision": serializers.ChoiceField(choices=HeadDecision.choices),
        "departs_from_majority": serializers.BooleanField(required=False),
        "departure_reason": serializers.CharField(required=False, help_text="与多数人意见不一致的理由"),
    },
)
PartyReportRequest = inline_serializer(
    "DecisionPartyReport", {"reported_on": serializers.DateField(), "report": serializers.CharField()}
)
PublishRequest = inline_serializer(
    "DecisionPublish",
    {
        "decision_text": serializers.CharField(),
        "executing_unit": serializers.IntegerField(help_text="决策机关本身或其所属单位"),
        "adoption_explanation": serializers.CharField(required=False, help_text="公众意见、专家论证意见采纳情况"),
        "published_on": serializers.DateField(required=False, help_text="默认今天"),
    },
)
SuspendRequest = inline_serializer(
    "DecisionSuspend", {"reason": serializers.CharField(), "suspended_on": serializers.DateField(required=False)}
)
ReasonRequest = inline_serializer("DecisionReason", {"reason": serializers.CharField()})
ImplementationReportRequest = inline_serializer(
    "DecisionImplementationReportCreate",
    {
        "reported_on": serializers.DateField(required=False),
        "progress": serializers.CharField(),
        "problems": serializers.CharField(required=False),
        "major_change": serializers.BooleanField(required=False),
    },
)
PostEvaluationRequest = inline_serializer(
    "DecisionPostEvaluationCreate",
    {
        "trigger": serializers.ChoiceField(choices=EvaluationTrigger.choices),
        "evaluator": serializers.CharField(),
        "started_on": serializers.DateField(required=False),
    },
)
PostEvaluationConcludeRequest = inline_serializer(
    "DecisionPostEvaluationConclude",
    {
        "evaluation": serializers.IntegerField(),
        "findings": serializers.CharField(),
        "conclusion": serializers.ChoiceField(choices=EvaluationConclusion.choices),
        "concluded_on": serializers.DateField(required=False),
    },
)
AccountabilityRequest = inline_serializer(
    "DecisionAccountabilityCaseCreate",
    {
        "body": serializers.IntegerField(help_text="追责单位：决策机关或其上级机关"),
        "ground": serializers.ChoiceField(choices=AccountabilityGround.choices),
        "opened_on": serializers.DateField(required=False),
        "facts": serializers.CharField(),
        "persons": AccountabilityPersonSerializer(many=True),
    },
)
AccountabilityConcludeRequest = inline_serializer(
    "DecisionAccountabilityCaseConclude",
    {
        "case": serializers.IntegerField(),
        "outcome": serializers.CharField(),
        "concluded_on": serializers.DateField(required=False),
    },
)


class DecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """重大行政决策：承办单位与决策机关可见；每一步由服务办理并校验法定程序。"""

    serializer_class = DecisionSerializer
    filterset_fields = ["status", "body", "deciding_body"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return DecisionSummarySerializer if self.action == "list" else DecisionSerializer

    def get_queryset(self):
        return (
            Decision.objects.restrict(self.request.user)
            .select_related("body", "deciding_body")
            .prefetch_related(
                "expert_opinions", "risk_assessments", "hearings", "implementation_reports", "post_evaluations"
            )
            .order_by("-updated_at", "-id")
        )

    def _done(self, decision, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=decision.pk)).data, status=code)

    @extend_schema(request=DecisionCreateRequest, responses={201: DecisionSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = _body(data.pop("body", None), "body", _("承办单位"))
        for name, label in (
            ("catalog_item", _("目录事项")),
            ("deciding_body", _("决策机关")),
            ("adjusts", _("调整的决策")),
        ):
            if data.get(name) not in (None, ""):
                data[name] = clean_id(data[name], name, label)
        decision = services.create_decision(actor=request.user, body=body, **data)
        return self._done(decision, status.HTTP_201_CREATED)

    @extend_schema(request=DecisionUpdateRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        decision = self.get_object()
        return self._done(services.update_decision(decision, actor=request.user, **step_data(request, DRAFT_NAMES)))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses={200: HistorySerializer})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """办理记录（审计链）与各项期限（征求意见截止、合法性审查期限等）。"""
        decision = self.get_object()
        found = selectors.procedures_of(decision)
        return Response(
            {"timeline": selectors.timeline(decision, found), "due_dates": selectors.due_dates(decision, found)}
        )

    def _step(self, run, allowed=(), required=()):
        """Run a step's service with the request's fields (only those the step takes); a required
        one left out reaches the service as empty, which refuses it by name."""
        decision = self.get_object()
        data = {**dict.fromkeys(required), **step_data(self.request, allowed)}
        run(decision, actor=self.request.user, **data)
        return self._done(decision)

    # --- drafting: participation, experts, risk, fair competition (条例第十四条至第二十四条、第二十九条)

    @extend_schema(request=ConsultationRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def consultation(self, request, pk=None):
        """向社会公开征求意见：在门户公布决策草案，一般不少于30日（第十五条）。"""
        return self._step(services.start_consultation, ("closes_on", "opens_on", "shortened_reason"), ("closes_on",))

    @extend_schema(request=HearingRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def hearings(self, request, pk=None):
        """记录听证会（第十六条、第十七条）。"""
        return self._step(services.record_hearing, HearingRequest.fields)

    @extend_schema(request=HearingConfirmRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="hearings/confirm")
    def confirm_hearing(self, request, pk=None):
        """听证参加人确认听证会记录并签字。"""
        decision = self.get_object()
        data = step_data(request, ("hearing",))
        hearing = decision.hearings.filter(pk=clean_id(data.get("hearing"), "hearing", _("听证会"))).first()
        if hearing is None:
            raise InvalidInput(_("请指定本决策的听证会。"), errors={"hearing": [_("请指定本决策的听证会。")]})
        services.confirm_hearing(hearing, actor=request.user)
        return self._done(decision)

    @extend_schema(request=ExpertOpinionRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="expert-opinions")
    def expert_opinions(self, request, pk=None):
        """录入专家论证意见（第十九条、第二十条）。"""
        return self._step(services.add_expert_opinion, ExpertOpinionRequest.fields)

    @extend_schema(request=RiskAssessmentRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="risk-assessments")
    def risk_assessments(self, request, pk=None):
        """录入风险评估（第二十二条至第二十四条）；风险不可控的，不得作出决策。"""
        return self._step(services.record_risk_assessment, RiskAssessmentRequest.fields)

    @extend_schema(request=None, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="competition-review")
    def competition_review(self, request, pk=None):
        """送公平竞争审查（涉及市场主体经济活动的，第二十九条）。"""
        return self._step(services.submit_competition_review)

    # --- review, discussion, decision (第二十五条至第三十二条)

    @extend_schema(request=SubmitReviewRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="submit-review")
    def submit_review(self, request, pk=None):
        """送请合法性审查：前置程序完成后方可送审，审查期限不少于7个工作日（第二十六条）。"""
        return self._step(services.submit_review, ("due_on", "shortened_reason"))

    @extend_schema(request=None, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="conclude-review")
    def conclude_review(self, request, pk=None):
        """确认合法性审查结论：未通过的不得提交讨论，探索性改革事项明示法律风险的除外（第二十五条）。"""
        return self._step(services.conclude_review)

    @extend_schema(request=MeetingRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def meetings(self, request, pk=None):
        """记录集体讨论（会议纪要与签署在会议记录上办理：/api/v1/meetings/{id}/）。"""
        return self._step(services.record_meeting, MeetingRequest.fields)

    @extend_schema(request=DecideRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """行政首长在集体讨论的基础上作出决定（第三十条）；不予通过的，决策即告终止。"""
        return self._step(services.record_head_decision, DecideRequest.fields, ("head_decision",))

    @extend_schema(request=PartyReportRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="report-party")
    def report_party(self, request, pk=None):
        """出台前向同级党委请示报告（第三十一条）。"""
        return self._step(services.report_to_party, ("reported_on", "report"), ("reported_on", "report"))

    @extend_schema(request=PublishRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """公布决策及公众意见、专家论证意见的采纳情况（第三十二条）。"""
        decision = self.get_object()
        data = step_data(request, PublishRequest.fields)
        if data.get("executing_unit") not in (None, ""):
            data["executing_unit"] = clean_id(data["executing_unit"], "executing_unit", _("执行单位"))
        services.publish(
            decision,
            actor=request.user,
            decision_text=data.get("decision_text"),
            executing_unit=data.get("executing_unit"),
            adoption_explanation=data.get("adoption_explanation"),
            published_on=data.get("published_on"),
        )
        return self._done(decision)

    @extend_schema(request=SuspendRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        """中止执行（第三十七条）。"""
        return self._step(services.suspend, ("reason", "suspended_on"), ("reason",))

    @extend_schema(request=None, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._step(services.resume)

    @extend_schema(request=ReasonRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """撤回尚未作出的决策；其程序记录仍予保留。"""
        return self._step(services.withdraw, ("reason",), ("reason",))

    # --- execution and accountability (第三十四条至第四十一条; seed art. 16)

    @extend_schema(request=ImplementationReportRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="implementation-reports")
    def implementation_reports(self, request, pk=None):
        """执行单位报告决策执行情况（第三十四条、第三十五条）。"""
        return self._step(services.report_implementation, ImplementationReportRequest.fields)

    @extend_schema(request=PostEvaluationRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="post-evaluations")
    def post_evaluations(self, request, pk=None):
        """决策机关组织决策后评估（第三十六条）。"""
        return self._step(
            services.start_post_evaluation, ("trigger", "evaluator", "started_on"), ("trigger", "evaluator")
        )

    @extend_schema(request=PostEvaluationConcludeRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="post-evaluations/conclude")
    def conclude_post_evaluation(self, request, pk=None):
        decision = self.get_object()
        data = step_data(request, PostEvaluationConcludeRequest.fields)
        evaluation = decision.post_evaluations.filter(
            pk=clean_id(data.pop("evaluation", None), "evaluation", _("评估"))
        ).first()
        if evaluation is None:
            raise InvalidInput(_("请指定本决策的后评估。"), errors={"evaluation": [_("请指定本决策的后评估。")]})
        services.conclude_post_evaluation(
            evaluation,
            actor=request.user,
            findings=data.get("findings"),
            conclusion=data.get("conclusion"),
            concluded_on=data.get("concluded_on"),
        )
        return self._done(decision)

    @extend_schema(request=AccountabilityRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="accountability-cases")
    def accountability_cases(self, request, pk=None):
        """决策责任追究立案：由决策机关或其上级机关办理；会议记录载明的不同意见可减免责任。"""
        decision = self.get_object()
        data = step_data(request, AccountabilityRequest.fields)
        body = _body(data.pop("body", None), "body", _("追责单位"))
        services.open_accountability_case(decision, actor=request.user, body=body, **data)
        return self._done(decision)

    @extend_schema(request=AccountabilityConcludeRequest, responses={200: DecisionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="accountability-cases/conclude")
    def conclude_accountability_case(self, request, pk=None):
        decision = self.get_object()
        data = step_data(request, AccountabilityConcludeRequest.fields)
        cases = selectors.accountability_cases(decision, request.user)
        case = cases.filter(pk=clean_id(data.pop("case", None), "case", _("责任追究"))).first()
        if case is None:
            raise NotFound()
        services.conclude_accountability_case(
            case, actor=request.user, outcome=data.get("outcome"), concluded_on=data.get("concluded_on")
        )
        return self._done(decision)


# --- the public's view ---------------------------------------------------------------------


class PublicFeedbackEntrySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    commenter = serializers.CharField(help_text="已遮蔽")
    gist = serializers.CharField()
    decision = serializers.CharField(help_text="adopted 采纳 / partly_adopted 部分采纳 / not_adopted 未采纳")
    decision_label = serializers.CharField()
    reason = serializers.CharField()


class PublicFeedbackSerializer(serializers.Serializer):
    consultation = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField())
    summary = serializers.CharField()
    entries = PublicFeedbackEntrySerializer(many=True)


class PublicDecisionSummarySerializer(serializers.ModelSerializer):
    deciding_body_name = serializers.CharField(source="deciding_body.name", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="published 已公布执行 / suspended 中止执行 / adjusted 已调整"
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "deciding_body", "deciding_body_name", "title", "status", "status_label", "published_on"]
        read_only_fields = fields


class PublicDecisionSerializer(serializers.ModelSerializer):
    deciding_body_name = serializers.CharField(source="deciding_body.name", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="published 已公布执行 / suspended 中止执行 / adjusted 已调整"
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    feedback = serializers.SerializerMethodField(help_text="公开征求意见的采纳情况反馈")

    class Meta:
        model = Decision
        fields = [
            "id",
            "deciding_body",
            "deciding_body_name",
            "title",
            "status",
            "status_label",
            "published_on",
            "decision_text",
            "adoption_explanation",
            "suspended_on",
            "suspension_reason",
            "feedback",
        ]
        read_only_fields = fields

    @extend_schema_field(PublicFeedbackSerializer(many=True))
    def get_feedback(self, decision) -> list[dict]:
        return [
            {"consultation": item["consultation"].pk, **item["statement"]}
            for item in selectors.published_feedback(decision)
        ]


class PublicDecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的重大行政决策（公开）：不含草案和依法不予公开的决策；可按决策机关和公布年度查询。"""

    serializer_class = PublicDecisionSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_serializer_class(self):
        return PublicDecisionSummarySerializer if self.action == "list" else PublicDecisionSerializer

    def get_queryset(self):
        return selectors.public_decisions()

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="决策机关"),
            OpenApiParameter("year", int, description="公布年度"),
        ],
        responses={200: PublicDecisionSummarySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        body_text, year_text = params.get("body", ""), params.get("year", "")
        errors = {}
        if body_text and not (body_text.isdigit() and len(body_text) <= 9):
            errors["body"] = [_("应为单位编号。")]
        if year_text and not (year_text.isdigit() and len(year_text) == 4):
            errors["year"] = [_("应为四位年份。")]
        if errors:
            raise InvalidInput(_("查询条件有误。"), errors=errors)
        body = Body.objects.filter(pk=int(body_text)).first() if body_text else None
        decisions = selectors.public_decisions(body=body, year=int(year_text) if year_text else None)
        if body_text and body is None:
            decisions = decisions.none()
        page = self.paginate_queryset(decisions)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ROUTES = [
    ("decisions", DecisionViewSet, "decision"),
    ("public/decisions", PublicDecisionViewSet, "public-decision"),
]
PATHS = []
