"""API of complaints and reports (thin): categories and routing rules, channels (the public's and
a body's own), cases with every step as an action, and the submitter's satisfaction.

Office querysets start from `restrict()` (another body's case is a 404); the submitter's name and
contacts are shown only to members of the handling body (`masked_identity`).
"""

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses, step_data
from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.intake import selectors, services, workflow
from fazhi.intake.choices import ChannelKind, Result, Satisfaction
from fazhi.intake.models import Case, Category, Channel, RoutingRule

STEP_ERRORS = error_responses(400, 403, 404, 409)


class IntakeCategorySerializer(serializers.ModelSerializer):
    accept_matter = serializers.CharField(read_only=True, help_text="受理期限事项（空为不设）")
    handle_matter = serializers.CharField(read_only=True, help_text="办理期限事项")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    route_label = serializers.CharField(source="get_route_display", read_only=True)

    class Meta:
        model = Category
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "route",
            "route_label",
            "accept_matter",
            "handle_matter",
            "legal_source",
            "active",
        ]
        read_only_fields = fields


class CategoryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """投诉举报类别及其办理期限、依据（由依法行政办在管理后台维护）。"""

    serializer_class = IntakeCategorySerializer
    filterset_fields = ["kind", "active"]
    permission_classes = [AllowAny]
    queryset = Category.objects.all()


class IntakeRoutingRuleSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = RoutingRule
        fields = ["id", "category", "category_name", "area", "area_name", "body", "body_name"]
        read_only_fields = fields


class RoutingRuleViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """受理规则：类别 × 地区 → 受理单位（无本地区规则的，由市级受理）。"""

    serializer_class = IntakeRoutingRuleSerializer
    filterset_fields = ["category", "area", "body"]
    permission_classes = [AllowAny]
    queryset = RoutingRule.objects.select_related("category", "area", "body")


class IntakeChannelSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Channel
        fields = ["id", "body", "body_name", "kind", "kind_label", "value", "hours", "note"]
        read_only_fields = fields


ChannelRequest = inline_serializer(
    "IntakeChannelCreate",
    {
        "body": serializers.IntegerField(),
        "kind": serializers.ChoiceField(choices=ChannelKind.choices),
        "value": serializers.CharField(required=False, help_text="电话号码、通讯地址或电子邮箱；网上渠道可不填"),
        "hours": serializers.CharField(required=False),
        "note": serializers.CharField(required=False),
    },
)


class ChannelViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """本单位公布的投诉举报渠道（电话、通讯地址、电子邮箱、网上）。"""

    serializer_class = IntakeChannelSerializer
    filterset_fields = ["body", "kind"]

    def get_queryset(self):
        return Channel.objects.restrict(self.request.user).select_related("body")

    @extend_schema(request=ChannelRequest, responses={201: IntakeChannelSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = step_data(request, {"body", "kind", "value", "hours", "note"})
        channel = services.add_channel(actor=request.user, **data)
        return Response(self.get_serializer(channel).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        services.remove_channel(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PublicChannelViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """各单位向社会公布的投诉举报渠道。"""

    serializer_class = IntakeChannelSerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    pagination_class = None

    def get_queryset(self):
        return Channel.objects.filter(body__in=Body.objects.current()).select_related("body")


class IntakeDueSerializer(serializers.Serializer):
    label = serializers.CharField()
    start_on = serializers.DateField()
    due_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    source = serializers.CharField()


class IntakeTransferSerializer(serializers.Serializer):
    from_body_name = serializers.CharField(source="from_body.name")
    to_body_name = serializers.CharField(source="to_body.name")
    direction = serializers.CharField()
    direction_label = serializers.CharField(source="get_direction_display")
    reason = serializers.CharField()
    transferred_on = serializers.DateField()


class IntakeNoteSerializer(serializers.Serializer):
    body_name = serializers.CharField(source="body.name")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class IntakeCaseSerializer(serializers.ModelSerializer):
    receipt_code = serializers.CharField(source="submission.receipt_code", read_only=True)
    subject = serializers.CharField(source="submission.subject", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    submitter = serializers.SerializerMethodField()
    result = serializers.CharField(read_only=True, help_text="处理结果（未办结为空）")
    satisfaction = serializers.CharField(read_only=True, help_text="满意度（未评价为空）")

    class Meta:
        model = Case
        fields = [
            "id",
            "receipt_code",
            "kind",
            "kind_label",
            "category",
            "category_name",
            "area",
            "respondent",
            "body",
            "body_name",
            "status",
            "status_label",
            "subject",
            "submitter",
            "received_on",
            "accepted_on",
            "refused_on",
            "concluded_on",
            "result",
            "satisfaction",
        ]
        read_only_fields = fields

    @extend_schema_field(
        inline_serializer(
            "IntakeSubmitter",
            {
                "submitter_name": serializers.CharField(),
                "submitter_phone": serializers.CharField(),
                "submitter_email": serializers.CharField(),
            },
        )
    )
    def get_submitter(self, case) -> dict:
        return submission_services.masked_identity(self.context["request"].user, case.submission)


class IntakeCaseDetailSerializer(IntakeCaseSerializer):
    content = serializers.CharField(source="submission.content", read_only=True)
    steps = serializers.SerializerMethodField()
    due_dates = serializers.SerializerMethodField()
    transfers = IntakeTransferSerializer(many=True, read_only=True)
    notes = IntakeNoteSerializer(many=True, read_only=True)

    class Meta(IntakeCaseSerializer.Meta):
        fields = [
            *IntakeCaseSerializer.Meta.fields,
            "content",
            "refusal_reason",
            "result_detail",
            "enforcement_case_number",
            "reply",
            "satisfaction_comment",
            "steps",
            "due_dates",
            "transfers",
            "notes",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_steps(self, case) -> list[str]:
        return workflow.steps(case, self.context["request"].user)

    @extend_schema_field(IntakeDueSerializer(many=True))
    def get_due_dates(self, case) -> list[dict]:
        return IntakeDueSerializer(selectors.due_dates(case), many=True).data


RefuseRequest = inline_serializer("IntakeRefuse", {"reason": serializers.CharField()})
TransferRequest = inline_serializer(
    "IntakeTransfer", {"to_body": serializers.IntegerField(help_text="接收单位"), "reason": serializers.CharField()}
)
NoteRequest = inline_serializer("IntakeNote", {"text": serializers.CharField()})
ConcludeRequest = inline_serializer(
    "IntakeConclude",
    {
        "result": serializers.ChoiceField(choices=Result.choices),
        "reply": serializers.CharField(),
        "detail": serializers.CharField(required=False),
        "enforcement_case_number": serializers.CharField(required=False),
    },
)
STEP_FIELDS = {
    "accept": set(),
    "refuse": {"reason"},
    "transfer": {"to_body", "reason"},
    "note": {"text"},
    "conclude": {"result", "reply", "detail", "enforcement_case_number"},
}


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """投诉举报件：本单位办理的，或所辖单位的（投诉举报人信息仅办理单位可见）。"""

    filterset_fields = ["kind", "status", "body", "category"]

    def get_queryset(self):
        return selectors.office_cases(self.request.user).prefetch_related(
            "transfers__from_body", "transfers__to_body", "notes__body"
        )

    def get_serializer_class(self):
        return IntakeCaseDetailSerializer if self.action != "list" else IntakeCaseSerializer

    def _step(self, request, name):
        case = self.get_object()
        services.run_step(case, name, actor=request.user, data=step_data(request, STEP_FIELDS[name]))
        return Response(
            IntakeCaseDetailSerializer(self.get_queryset().get(pk=case.pk), context={"request": request}).data
        )

    @extend_schema(request=None, responses={200: IntakeCaseDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """受理。"""
        return self._step(request, "accept")

    @extend_schema(request=RefuseRequest, responses={200: IntakeCaseDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        """不予受理（写明理由，投诉举报人可见）。"""
        return self._step(request, "refuse")

    @extend_schema(request=TransferRequest, responses={200: IntakeCaseDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        """转交下级机关或有处理权限的机关（写明理由）。转交后本单位不再可见该件。"""
        case = self.get_object()
        services.run_step(case, "transfer", actor=request.user, data=step_data(request, STEP_FIELDS["transfer"]))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=NoteRequest, responses={200: IntakeCaseDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def note(self, request, pk=None):
        """记录核查情况。"""
        return self._step(request, "note")

    @extend_schema(request=ConcludeRequest, responses={200: IntakeCaseDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """办结：处理结果与给投诉举报人的答复。"""
        return self._step(request, "conclude")


RateRequest = inline_serializer(
    "IntakeSatisfaction",
    {
        "receipt_code": serializers.CharField(),
        "secret": serializers.CharField(),
        "rating": serializers.ChoiceField(choices=Satisfaction.choices),
        "comment": serializers.CharField(required=False),
    },
)
RateResponse = inline_serializer(
    "IntakeSatisfactionResult", {"receipt_code": serializers.CharField(), "rating": serializers.CharField()}
)


class SatisfactionView(APIView):
    """投诉举报人对办理结果的评价（凭回执编号和查询码，答复后一次）。"""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=RateRequest, responses={200: RateResponse, **error_responses(400, 404, 409, 429)})
    def post(self, request):
        data = step_data(request, {"receipt_code", "secret", "rating", "comment"})
        case = services.rate(
            data.get("receipt_code"),
            data.get("secret"),
            rating=data.get("rating"),
            comment=data.get("comment", ""),
            client_ip=submission_services.client_ip(request),
        )
        return Response({"receipt_code": case.submission.receipt_code, "rating": case.satisfaction})


ROUTES = [
    ("intake-categories", CategoryViewSet, "intake-category"),
    ("intake-routing-rules", RoutingRuleViewSet, "intake-routing-rule"),
    ("intake-channels", ChannelViewSet, "intake-channel"),
    ("intake-cases", CaseViewSet, "intake-case"),
    ("public/intake-channels", PublicChannelViewSet, "public-intake-channel"),
]
PATHS = [path("public/intake-satisfaction/", SatisfactionView.as_view(), name="api-intake-satisfaction")]
