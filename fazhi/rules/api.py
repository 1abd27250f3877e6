"""API for government rules and legislative plans: the office's steps and the public registry (thin).

Every queryset starts from `restrict()` (the registry from `published()`); the services check the
rest and refuse with the same Chinese messages as the pages.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import HistorySerializer, error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.rules import selectors, services, workflow
from fazhi.rules.choices import FilingRecipient, RulePublicStatus, SubjectArea
from fazhi.rules.models import LegislativePlan, PlanItem, Rule, RuleFiling

STEP_ERRORS = error_responses(400, 403, 404, 409)


class RuleActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class RuleFilingSerializer(serializers.ModelSerializer):
    recipient_label = serializers.CharField(source="get_recipient_display", read_only=True)

    class Meta:
        model = RuleFiling
        fields = ["id", "recipient", "recipient_label", "receiving_body", "filed_on"]
        read_only_fields = fields


class RuleSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    public_status = serializers.SerializerMethodField(help_text="门户显示的效力（按日期推定）；未公布为空")
    filings = RuleFilingSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Rule
        fields = [
            "id",
            "government",
            "body",
            "body_name",
            "plan_item",
            "unplanned_reason",
            "title",
            "subject_area",
            "status",
            "status_label",
            "public_status",
            "text",
            "drafting_note",
            "adopted_on",
            "signed_on",
            "signer_name",
            "order_number",
            "published_on",
            "effective_on",
            "immediate_reason",
            "amended_on",
            "amended_by",
            "replaces",
            "repealed_on",
            "end_reason",
            "filings",
            "created_at",
            "updated_at",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_public_status(self, rule) -> str | None:
        return rule.public_status()

    @extend_schema_field(RuleActionSerializer(many=True))
    def get_actions(self, rule) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in workflow.actions(rule, user)
        ]


RuleRequest = inline_serializer(
    "GovernmentRuleDraft",
    {
        "body": serializers.IntegerField(help_text="起草单位（仅创建时）"),
        "plan_item": serializers.IntegerField(required=False, allow_null=True, help_text="计划项目（仅创建时）"),
        "title": serializers.CharField(required=False),
        "subject_area": serializers.ChoiceField(choices=SubjectArea.choices, required=False),
        "text": serializers.CharField(required=False),
        "drafting_note": serializers.CharField(required=False),
        "unplanned_reason": serializers.CharField(required=False),
        "replaces": serializers.IntegerField(required=False, allow_null=True),
    },
)
ConsultationRequest = inline_serializer(
    "GovernmentRuleConsultation",
    {
        "closes_on": serializers.DateField(help_text="截止日期，一般不少于30日"),
        "shortened_reason": serializers.CharField(required=False),
    },
)
PublishRequest = inline_serializer(
    "GovernmentRulePublish",
    {
        "published_on": serializers.DateField(required=False),
        "effective_on": serializers.DateField(required=False, help_text="默认公布之日起30日后"),
        "immediate_reason": serializers.CharField(required=False, help_text="早于30日施行的理由（第三十二条）"),
    },
)
ReasonRequest = inline_serializer("GovernmentRuleReason", {"reason": serializers.CharField()})
FilingRequest = inline_serializer(
    "GovernmentRuleFiling",
    {
        "recipient": serializers.ChoiceField(choices=FilingRecipient.choices),
        "receiving_body": serializers.CharField(),
        "filed_on": serializers.DateField(required=False),
    },
)


def _body(value, name: str, label: str) -> Body:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit() or len(str(value)) > 9:
        message = f"请指定{label}。"
        raise InvalidInput(message, errors={name: [message]})
    body = Body.objects.filter(pk=int(value)).first()
    if body is None:
        raise NotFound("未找到该单位。")
    return body


class RuleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """政府规章：起草单位、法制机构、市长与政府办公室可见；每一步由服务办理并校验。"""

    serializer_class = RuleSerializer
    filterset_fields = ["status", "body"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            Rule.objects.restrict(self.request.user)
            .select_related("body", "government")
            .prefetch_related("filings")
            .order_by("-updated_at", "-id")
        )

    def _done(self, rule, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=rule.pk)).data, status=code)

    @extend_schema(request=RuleRequest, responses={201: RuleSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = _body(data.pop("body", None), "body", "起草单位")
        return self._done(services.create_rule(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=RuleRequest, responses={200: RuleSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        rule = self.get_object()
        data = dict(request_data(request))
        data.pop("body", None)
        data.pop("plan_item", None)
        return self._done(services.update_rule(rule, actor=request.user, **data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses={200: HistorySerializer})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """办理记录（审计链）与各项期限。"""
        rule = self.get_object()
        found = selectors.procedures_of(rule)
        return Response({"timeline": selectors.timeline(rule, found), "due_dates": selectors.due_dates(rule, found)})

    def _step(self, run):
        return self._done(run(self.get_object(), actor=self.request.user))

    @extend_schema(request=None, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="start-drafting")
    def start_drafting(self, request, pk=None):
        return self._step(services.start_drafting)

    @extend_schema(request=ConsultationRequest, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="start-consultation")
    def start_consultation(self, request, pk=None):
        data = request_data(request)
        rule = services.start_consultation(
            self.get_object(),
            actor=request.user,
            closes_on=data.get("closes_on"),
            shortened_reason=data.get("shortened_reason"),
        )
        return self._done(rule)

    @extend_schema(request=None, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="submit-review")
    def submit_review(self, request, pk=None):
        """报送法制机构审查。"""
        return self._step(services.submit_review)

    @extend_schema(request=None, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="conclude-review")
    def conclude_review(self, request, pk=None):
        return self._step(services.conclude_review)

    @extend_schema(request=None, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="record-decision")
    def record_decision(self, request, pk=None):
        """确认政府常务会议或者全体会议决定。"""
        return self._step(services.record_decision)

    @extend_schema(request=None, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        """市长签署公布规章的命令。"""
        return self._step(services.sign)

    @extend_schema(request=None, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def number(self, request, pk=None):
        """政府办公室编政府令序号（跨年度连续编号）。"""
        return self._step(services.assign_number)

    @extend_schema(request=PublishRequest, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """政府办公室公布：自公布之日起30日后施行，另有理由的除外；备案期限起算。"""
        data = request_data(request)
        rule = services.publish(
            self.get_object(),
            actor=request.user,
            published_on=data.get("published_on"),
            effective_on=data.get("effective_on"),
            immediate_reason=data.get("immediate_reason"),
        )
        return self._done(rule)

    @extend_schema(request=ReasonRequest, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def repeal(self, request, pk=None):
        return self._done(
            services.repeal(self.get_object(), actor=request.user, reason=request_data(request).get("reason"))
        )

    @extend_schema(request=ReasonRequest, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._done(
            services.withdraw(self.get_object(), actor=request.user, reason=request_data(request).get("reason"))
        )

    @extend_schema(request=FilingRequest, responses={200: RuleSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def file(self, request, pk=None):
        """法制机构报送备案（公布后30日内）。"""
        data = request_data(request)
        rule = self.get_object()
        services.record_filing(
            rule,
            actor=request.user,
            recipient=data.get("recipient"),
            receiving_body=data.get("receiving_body"),
            filed_on=data.get("filed_on"),
        )
        return self._done(rule)


class LegislativePlanItemSerializer(serializers.ModelSerializer):
    drafting_body_name = serializers.CharField(source="drafting_body.name", read_only=True)
    rule = serializers.SerializerMethodField(help_text="由该项目立项的规章；公开接口只给已公布的")

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "title",
            "subject_area",
            "drafting_body",
            "drafting_body_name",
            "planned_submission_on",
            "note",
            "unfinished_reason",
            "reason_recorded_on",
            "rule",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_rule(self, item) -> int | None:
        rule = getattr(item, "rule", None)
        if rule is None or (self.context.get("public") and not rule.is_published):
            return None
        return rule.pk


class LegislativePlanSerializer(serializers.ModelSerializer):
    items = LegislativePlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = LegislativePlan
        fields = ["id", "government", "year", "title", "status", "published_on", "items"]
        read_only_fields = fields


PlanRequest = inline_serializer(
    "LegislativePlanCreate",
    {
        "government": serializers.IntegerField(),
        "year": serializers.IntegerField(),
        "title": serializers.CharField(required=False),
    },
)
ItemRequest = inline_serializer(
    "LegislativePlanItem",
    {
        "title": serializers.CharField(),
        "subject_area": serializers.ChoiceField(choices=SubjectArea.choices),
        "drafting_body": serializers.IntegerField(),
        "planned_submission_on": serializers.DateField(),
        "note": serializers.CharField(required=False),
    },
)
ItemReasonRequest = inline_serializer(
    "LegislativePlanItemReason", {"item": serializers.IntegerField(), "reason": serializers.CharField()}
)


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """年度规章制定工作计划：法制机构（依法行政办）拟订，市长批准后公布。"""

    serializer_class = LegislativePlanSerializer
    filterset_fields = ["year", "status"]

    def get_queryset(self):
        return selectors.office_plans(self.request.user)

    @extend_schema(request=PlanRequest, responses={201: LegislativePlanSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = request_data(request)
        government = _body(data.get("government"), "government", "人民政府")
        plan = services.create_plan(
            actor=request.user, government=government, year=data.get("year"), title=data.get("title")
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ItemRequest, responses={200: LegislativePlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="add-item")
    def add_item(self, request, pk=None):
        plan = self.get_object()
        services.add_plan_item(plan, actor=request.user, **dict(request_data(request)))
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=None, responses={200: LegislativePlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        plan = services.publish_plan(self.get_object(), actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=ItemReasonRequest, responses={200: LegislativePlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="item-reason")
    def item_reason(self, request, pk=None):
        """记录计划项目未按计划完成的理由。"""
        plan = self.get_object()
        data = request_data(request)
        item_id = data.get("item")
        item = (
            plan.items.filter(pk=item_id).first()
            if isinstance(item_id, int) and not isinstance(item_id, bool)
            else None
        )
        if item is None:
            raise InvalidInput("请指定本计划中的项目。", errors={"item": ["请指定本计划中的项目。"]})
        services.record_item_reason(item, actor=request.user, reason=data.get("reason"))
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)


class PublicRuleSerializer(serializers.ModelSerializer):
    government_name = serializers.CharField(source="government.name", read_only=True)
    public_status = serializers.SerializerMethodField(
        help_text="valid 有效 / not_yet_effective 尚未施行 / amended 已修改 / repealed 已废止"
    )
    public_status_label = serializers.SerializerMethodField()

    class Meta:
        model = Rule
        fields = [
            "id",
            "government",
            "government_name",
            "title",
            "order_number",
            "public_status",
            "public_status_label",
            "adopted_on",
            "signer_name",
            "published_on",
            "effective_on",
            "amended_on",
            "amended_by",
            "replaces",
            "repealed_on",
            "text",
        ]
        read_only_fields = fields

    def get_public_status(self, rule) -> str:
        return rule.public_status() or ""

    def get_public_status_label(self, rule) -> str:
        return rule.public_status_label()


class PublicRuleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """政府规章库（公开）：只有已公布的规章；可按检索词、公布年度和效力查询。"""

    serializer_class = PublicRuleSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return Rule.objects.published().select_related("government").order_by("-published_on", "-id")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="检索词（全文检索）"),
            OpenApiParameter("year", int, description="公布年度"),
            OpenApiParameter("status", str, enum=RulePublicStatus.values, description="效力"),
        ],
        responses={200: PublicRuleSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        year, public_status = params.get("year", ""), params.get("status", "")
        errors = {}
        if year and not (year.isdigit() and len(year) == 4):
            errors["year"] = ["应为四位年份。"]
        if public_status and public_status not in RulePublicStatus.values:
            errors["status"] = ["不是有效的效力状态。"]
        if errors:
            raise InvalidInput("查询条件有误。", errors=errors)
        rules = selectors.public_rules(
            today=timezone.localdate(),
            query=params.get("q", "").strip(),
            year=int(year) if year else None,
            status=public_status,
        )
        page = self.paginate_queryset(rules)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PublicPlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的年度规章制定工作计划（公开）。"""

    serializer_class = LegislativePlanSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_plans()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "public": True}


ROUTES = [
    ("rules", RuleViewSet, "rule"),
    ("rule-plans", PlanViewSet, "rule-plan"),
    ("public/rules", PublicRuleViewSet, "public-rule"),
    ("public/rule-plans", PublicPlanViewSet, "public-rule-plan"),
]
PATHS = []
