"""API of random inspections (thin): item lists, the entity directory, plans with their draw, tasks
with their results, coverage; and the public lists, plans and results.

Office querysets start from `restrict()` (another body's record is a 404), public ones from the
published selectors; the services check the rest and refuse with the pages' messages.
"""

from django.db.models import Q
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.access import scope_body_ids
from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput
from fazhi.core.masking import mask_text
from fazhi.core.models import Body
from fazhi.inspections import draw as draws
from fazhi.inspections import selectors, services, workflow
from fazhi.inspections.choices import EntityKind, InspectionMethod, ItemOutcome, TaskOutcome
from fazhi.inspections.models import Draw, Entity, InspectionItem, InspectionPlan, InspectionTask

STEP_ERRORS = error_responses(400, 403, 404, 409)


class InspectionActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


def _actions(machine, obj, user) -> list[dict]:
    return [
        {"name": transition.name, "label": str(transition.label), "refusal": refusal}
        for transition, refusal in workflow.actions(machine, obj, user)
    ]


def _year(value, name: str = "year") -> int | None:
    if value in (None, ""):
        return None
    if not (isinstance(value, str) and value.isdigit() and len(value) == 4):
        raise InvalidInput(_("查询条件有误。"), errors={name: [_("应为四位年份。")]})
    return int(value)


def _id(value, name: str) -> int | None:
    if value in (None, ""):
        return None
    if not (isinstance(value, str) and value.isdigit() and len(value) <= 9):
        raise InvalidInput(_("查询条件有误。"), errors={name: [_("应为编号。")]})
    return int(value)


# --- items -----------------------------------------------------------------------------------


class ItemSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    method_label = serializers.CharField(source="get_method_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = InspectionItem
        fields = [
            "id",
            "body",
            "body_name",
            "name",
            "basis",
            "subject_type",
            "method",
            "method_label",
            "status",
            "status_label",
            "published_on",
            "withdrawn_on",
            "withdraw_reason",
        ]
        read_only_fields = fields


class OfficeItemSerializer(ItemSerializer):
    actions = serializers.SerializerMethodField()

    class Meta(ItemSerializer.Meta):
        fields = [*ItemSerializer.Meta.fields, "created_at", "updated_at", "actions"]
        read_only_fields = fields

    @extend_schema_field(InspectionActionSerializer(many=True))
    def get_actions(self, item) -> list[dict]:
        return _actions(workflow.ITEM, item, self.context["request"].user)


ItemRequest = inline_serializer(
    "InspectionItemCreate",
    {
        "body": serializers.IntegerField(help_text="执法主体"),
        "name": serializers.CharField(),
        "basis": serializers.CharField(),
        "subject_type": serializers.CharField(help_text="例如：食品销售经营者"),
        "method": serializers.ChoiceField(choices=InspectionMethod.choices),
    },
)
ItemChangeRequest = inline_serializer(
    "InspectionItemChange",
    {
        "name": serializers.CharField(required=False),
        "basis": serializers.CharField(required=False),
        "subject_type": serializers.CharField(required=False),
        "method": serializers.ChoiceField(choices=InspectionMethod.choices, required=False),
    },
)
PublishListRequest = inline_serializer(
    "InspectionItemListPublish",
    {
        "body": serializers.IntegerField(help_text="公布其清单的执法主体"),
        "published_on": serializers.DateField(required=False, help_text="默认今天"),
    },
)
WithdrawRequest = inline_serializer(
    "InspectionItemWithdraw",
    {"reason": serializers.CharField(), "withdrawn_on": serializers.DateField(required=False)},
)


class ItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """随机抽查事项清单：执法主体的工作人员编制事项，负责人公布清单或将事项调出清单。"""

    serializer_class = OfficeItemSerializer
    filterset_fields = ["body", "status", "method"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.office_items(self.request.user)

    def _done(self, item, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data, status=code)

    @extend_schema(request=ItemRequest, responses={201: OfficeItemSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = services.body_from(data.pop("body", None), "body", _("执法主体"))
        return self._done(services.add_item(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=ItemChangeRequest, responses={200: OfficeItemSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        return self._done(services.change_item(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        services.remove_item(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=PublishListRequest, responses={200: OfficeItemSerializer(many=True), **STEP_ERRORS})
    @action(detail=False, methods=["post"], url_path="publish")
    def publish(self, request):
        """负责人公布本单位清单中全部编制中的事项。"""
        data = request_data(request)
        body = services.body_from(data.get("body"), "body", _("执法主体"))
        published = services.publish_items(body, actor=request.user, published_on=data.get("published_on"))
        found = self.get_queryset().filter(pk__in=[item.pk for item in published])
        return Response(self.get_serializer(found, many=True).data)

    @extend_schema(request=WithdrawRequest, responses={200: OfficeItemSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """负责人将事项调出清单（注明理由）。"""
        data = request_data(request)
        return self._done(
            services.withdraw_item(
                self.get_object(), actor=request.user, reason=data.get("reason"), withdrawn_on=data.get("withdrawn_on")
            )
        )


# --- entities --------------------------------------------------------------------------------


class EntitySerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Entity
        fields = [
            "id",
            "body",
            "body_name",
            "code",
            "name",
            "kind",
            "kind_label",
            "industry",
            "area",
            "address",
            "active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


EntityRequest = inline_serializer(
    "InspectionEntityCreate",
    {
        "body": serializers.IntegerField(),
        "code": serializers.CharField(help_text="统一社会信用代码（18位）"),
        "name": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=EntityKind.choices),
        "industry": serializers.CharField(required=False),
        "area": serializers.CharField(required=False),
        "address": serializers.CharField(required=False),
        "active": serializers.BooleanField(required=False),
    },
)
EntityChangeRequest = inline_serializer(
    "InspectionEntityChange",
    {
        "name": serializers.CharField(required=False),
        "kind": serializers.ChoiceField(choices=EntityKind.choices, required=False),
        "industry": serializers.CharField(required=False),
        "area": serializers.CharField(required=False),
        "address": serializers.CharField(required=False),
        "active": serializers.BooleanField(required=False),
    },
)


class EntityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """检查对象名录：执法主体维护；大批量的请在后台页面从 Excel 导入。"""

    serializer_class = EntitySerializer
    filterset_fields = ["body", "kind", "area", "industry", "active", "code"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.office_entities(self.request.user)

    def _done(self, entity, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=entity.pk)).data, status=code)

    @extend_schema(request=EntityRequest, responses={201: EntitySerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = services.body_from(data.pop("body", None), "body", _("执法主体"))
        return self._done(services.add_entity(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=EntityChangeRequest, responses={200: EntitySerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        return self._done(services.change_entity(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


# --- plans -----------------------------------------------------------------------------------


class DrawSerializer(serializers.ModelSerializer):
    class Meta:
        model = Draw
        fields = [
            "public_value",
            "seed",
            "algorithm",
            "drawn_on",
            "drawn_at",
            "candidate_count",
            "candidates_digest",
            "sample_size",
            "inspector_pool_digest",
        ]
        read_only_fields = fields


class PlanItemSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = InspectionItem
        fields = ["id", "body", "body_name", "name", "basis", "subject_type", "method"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    joint_bodies = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    items = PlanItemSerializer(many=True, read_only=True)
    draw = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = InspectionPlan
        fields = [
            "id",
            "body",
            "body_name",
            "joint_bodies",
            "year",
            "title",
            "items",
            "entity_kinds",
            "areas",
            "industries",
            "sample_ratio",
            "sample_count",
            "inspectors_per_entity",
            "seed_source",
            "status",
            "status_label",
            "published_on",
            "finished_on",
            "draw",
            "created_at",
            "updated_at",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(DrawSerializer(allow_null=True))
    def get_draw(self, plan) -> dict | None:
        record = getattr(plan, "draw", None) if plan.status != "draft" else None
        return DrawSerializer(record).data if record is not None else None

    @extend_schema_field(InspectionActionSerializer(many=True))
    def get_actions(self, plan) -> list[dict]:
        return _actions(workflow.PLAN, plan, self.context["request"].user)


def _plan_fields(required: bool) -> dict:
    optional = {"required": False}
    needed = {} if required else optional
    return {
        "year": serializers.IntegerField(**needed),
        "title": serializers.CharField(**needed),
        "items": serializers.ListField(
            child=serializers.IntegerField(), help_text="参加单位已公布清单中的事项", **needed
        ),
        "joint_bodies": serializers.ListField(
            child=serializers.IntegerField(), help_text="联合抽查的其他参加单位", **optional
        ),
        "entity_kinds": serializers.ListField(child=serializers.ChoiceField(choices=EntityKind.choices), **optional),
        "areas": serializers.ListField(child=serializers.CharField(), **optional),
        "industries": serializers.ListField(child=serializers.CharField(), **optional),
        "sample_ratio": serializers.DecimalField(
            max_digits=5, decimal_places=2, allow_null=True, help_text="抽查比例（%），与抽查数量二选一", **optional
        ),
        "sample_count": serializers.IntegerField(allow_null=True, **optional),
        "inspectors_per_entity": serializers.IntegerField(help_text="默认2，至少2", **optional),
        "seed_source": serializers.CharField(help_text="抽取时录入的公开随机数的来源", **needed),
    }


PlanRequest = inline_serializer("InspectionPlanCreate", {"body": serializers.IntegerField(), **_plan_fields(True)})
PlanChangeRequest = inline_serializer("InspectionPlanChange", _plan_fields(False))
DrawRequest = inline_serializer(
    "InspectionPlanDraw", {"public_value": serializers.CharField(help_text="按计划所定来源取得的公开数值")}
)
PublishRequest = inline_serializer(
    "InspectionPlanPublish", {"published_on": serializers.DateField(required=False, help_text="默认今天")}
)


class PlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """抽查计划：编制、抽取（一经抽取不可重做）、公布（负责人）、办结。"""

    serializer_class = PlanSerializer
    filterset_fields = ["body", "year", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.plan_detail(InspectionPlan.objects.restrict(self.request.user)).order_by("-year", "-id")

    def _done(self, plan, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data, status=code)

    @extend_schema(request=PlanRequest, responses={201: PlanSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = services.body_from(data.pop("body", None), "body", _("组织实施单位"))
        return self._done(services.create_plan(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=PlanChangeRequest, responses={200: PlanSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        return self._done(services.change_plan(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=DrawRequest, responses={200: PlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def draw(self, request, pk=None):
        """按随机种子抽取检查对象和持证执法人员；抽取记录不可更改。"""
        data = dict(request_data(request))
        public_value = data.pop("public_value", None)
        draws.draw(self.get_object(), actor=request.user, public_value=public_value, **data)
        return self._done(self.get_object())

    @extend_schema(request=PublishRequest, responses={200: PlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """负责人公布计划、随机种子和抽取结果。"""
        data = request_data(request)
        return self._done(
            services.publish_plan(self.get_object(), actor=request.user, published_on=data.get("published_on"))
        )

    @extend_schema(request=None, responses={200: PlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        """全部检查结果公示后办结计划。"""
        return self._done(services.finish_plan(self.get_object(), actor=request.user))


# --- tasks -----------------------------------------------------------------------------------


class InspectorSerializer(serializers.Serializer):
    officer = serializers.IntegerField(source="officer_id")
    name = serializers.CharField(source="officer.name")
    body_name = serializers.CharField(source="officer.body.name")
    certificate = serializers.CharField(source="certificate.number")


class ResultSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    item_name = serializers.CharField(source="item.name")
    outcome = serializers.ChoiceField(choices=ItemOutcome.choices)
    outcome_label = serializers.CharField(source="get_outcome_display")
    note = serializers.CharField()


class TaskSerializer(serializers.ModelSerializer):
    entity_code = serializers.CharField(source="entity.code", read_only=True)
    entity_name = serializers.CharField(source="entity.name", read_only=True)
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    inspectors = InspectorSerializer(source="drawn_inspectors", many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True)
    publicity_due_on = serializers.DateField(source="publicity_deadline.due_on", read_only=True, allow_null=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = InspectionTask
        fields = [
            "id",
            "plan",
            "plan_title",
            "entity",
            "entity_code",
            "entity_name",
            "rank",
            "inspectors",
            "status",
            "status_label",
            "inspected_on",
            "concluded_on",
            "outcome",
            "outcome_label",
            "problems",
            "handling",
            "results",
            "publicity_due_on",
            "published_on",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(InspectionActionSerializer(many=True))
    def get_actions(self, task) -> list[dict]:
        return _actions(workflow.TASK, task, self.context["request"].user)


RecordRequest = inline_serializer(
    "InspectionResultRecord",
    {
        "inspected_on": serializers.DateField(),
        "concluded_on": serializers.DateField(required=False, help_text="默认今天；结果公示期限自该日起算"),
        "outcome": serializers.ChoiceField(choices=TaskOutcome.choices),
        "problems": serializers.CharField(required=False),
        "handling": serializers.CharField(required=False),
        "results": serializers.DictField(
            child=serializers.ChoiceField(choices=ItemOutcome.choices),
            help_text="计划中每一事项的检查情况：{事项编号: compliant|problem|not_inspected}",
        ),
    },
)
PublishResultRequest = inline_serializer(
    "InspectionResultPublish", {"published_on": serializers.DateField(required=False, help_text="默认今天")}
)


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """抽查任务：抽中的检查对象、抽中的执法人员、逐项检查结果及其公示。"""

    serializer_class = TaskSerializer
    filterset_fields = ["plan", "status", "outcome"]

    def get_queryset(self):
        return selectors.office_tasks(self.request.user)

    def _done(self, task):
        return Response(self.get_serializer(self.get_queryset().get(pk=task.pk)).data)

    @extend_schema(request=RecordRequest, responses={200: TaskSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        """录入检查结果（逐项），结果公示期限（20个工作日）随之起算。"""
        return self._done(services.record_result(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(request=PublishResultRequest, responses={200: TaskSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """公示检查结果。"""
        data = request_data(request)
        return self._done(
            services.publish_result(self.get_object(), actor=request.user, published_on=data.get("published_on"))
        )


# --- coverage --------------------------------------------------------------------------------

CoverageSerializer = inline_serializer(
    "InspectionCoverage",
    {
        "body": serializers.IntegerField(),
        "body_name": serializers.CharField(),
        "year": serializers.IntegerField(),
        "total": serializers.IntegerField(help_text="清单中的事项数"),
        "covered": serializers.IntegerField(help_text="本年度已抽查的事项数"),
        "items": inline_serializer(
            "InspectionCoverageItem",
            {
                "item": serializers.IntegerField(),
                "name": serializers.CharField(),
                "inspections": serializers.IntegerField(help_text="本年度检查过该事项的检查对象数"),
            },
            many=True,
        ),
    },
    many=True,
)


def coverage_rows(user, year: int, body_id: int | None = None) -> list[dict]:
    """Coverage of the bodies in the user's scope that have a list (or the one asked for)."""
    today = timezone.localdate()
    listed = InspectionItem.objects.exclude(status="draft").values("body")
    bodies = Body.objects.filter(pk__in=listed)
    if not user.is_superuser:
        bodies = bodies.filter(pk__in=scope_body_ids(user, "view"))
    if body_id is not None:
        bodies = bodies.filter(pk=body_id)
    bodies = list(bodies.order_by("tree_path"))
    found = selectors.coverage([body.pk for body in bodies], year, today)
    return [
        {
            "body": body.pk,
            "body_name": body.name,
            "year": year,
            "total": found[body.pk].total,
            "covered": found[body.pk].covered,
            "items": [
                {"item": entry.item.pk, "name": entry.item.name, "inspections": entry.inspections}
                for entry in found[body.pk].items
            ],
        }
        for body in bodies
    ]


class CoverageView(APIView):
    """抽查事项覆盖情况：本人范围内各执法主体的清单事项在该年度是否均已抽查。"""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="年度，默认今年"),
            OpenApiParameter("body", int, description="执法主体"),
        ],
        responses={200: CoverageSerializer, **error_responses(400)},
    )
    def get(self, request):
        year = _year(request.query_params.get("year")) or timezone.localdate().year
        return Response(coverage_rows(request.user, year, _id(request.query_params.get("body"), "body")))


# --- public ----------------------------------------------------------------------------------


class PublicDrawSerializer(DrawSerializer):
    picks = serializers.JSONField(read_only=True, help_text="按抽取顺序：统一社会信用代码、名称、执法人员")
    inspector_pool = serializers.JSONField(read_only=True, help_text="执法人员备选库：证件编号、姓名、执法人员编号")

    class Meta(DrawSerializer.Meta):
        fields = [*DrawSerializer.Meta.fields, "picks", "inspector_pool"]
        read_only_fields = fields


class PublicPlanSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    joint_body_names = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    items = PlanItemSerializer(many=True, read_only=True)
    draw = PublicDrawSerializer(read_only=True)

    class Meta:
        model = InspectionPlan
        fields = [
            "id",
            "body",
            "body_name",
            "joint_body_names",
            "year",
            "title",
            "items",
            "entity_kinds",
            "areas",
            "industries",
            "sample_ratio",
            "sample_count",
            "inspectors_per_entity",
            "seed_source",
            "status",
            "status_label",
            "published_on",
            "draw",
        ]
        read_only_fields = fields

    def get_joint_body_names(self, plan) -> list[str]:
        return [body.name for body in plan.participants()[1:]]


class PublicResultSerializer(serializers.ModelSerializer):
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    body_name = serializers.CharField(source="plan.body.name", read_only=True)
    entity_code = serializers.CharField(source="entity.code", read_only=True)
    entity_name = serializers.CharField(source="entity.name", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    problems = serializers.SerializerMethodField(help_text="个人信息已屏蔽")
    handling = serializers.SerializerMethodField(help_text="个人信息已屏蔽")
    inspectors = InspectorSerializer(source="drawn_inspectors", many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True)

    class Meta:
        model = InspectionTask
        fields = [
            "id",
            "plan",
            "plan_title",
            "body_name",
            "entity_code",
            "entity_name",
            "inspectors",
            "inspected_on",
            "concluded_on",
            "outcome",
            "outcome_label",
            "problems",
            "handling",
            "results",
            "published_on",
        ]
        read_only_fields = fields

    def get_problems(self, task) -> str:
        return mask_text(task.problems)

    def get_handling(self, task) -> str:
        return mask_text(task.handling)


class PublicItemViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """已公布的随机抽查事项清单（公开）：编制中的事项不显示。"""

    serializer_class = ItemSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_items(timezone.localdate())

    @extend_schema(
        parameters=[OpenApiParameter("body", int, description="执法主体")],
        responses={200: ItemSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        body_id = _id(request.query_params.get("body"), "body")
        found = self.get_queryset()
        if body_id is not None:
            found = found.filter(body_id=body_id)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PublicPlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的抽查计划（公开）：随机种子、候选对象清单摘要、抽取结果和执法人员备选库，任何人可复验。"""

    serializer_class = PublicPlanSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_plans()

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="组织实施单位或参加单位"),
            OpenApiParameter("year", int, description="年度"),
        ],
        responses={200: PublicPlanSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        body_id = _id(request.query_params.get("body"), "body")
        year = _year(request.query_params.get("year"))
        found = self.get_queryset()
        if body_id is not None:
            found = found.filter(Q(body_id=body_id) | Q(joint_bodies=body_id)).distinct()
        if year is not None:
            found = found.filter(year=year)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PublicResultViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公示的随机抽查检查结果（公开）。"""

    serializer_class = PublicResultSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_results()

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", int, description="抽查计划"),
            OpenApiParameter("q", str, description="检查对象名称或统一社会信用代码"),
        ],
        responses={200: PublicResultSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        plan_id = _id(request.query_params.get("plan"), "plan")
        text = (request.query_params.get("q") or "").strip()[:100]
        found = self.get_queryset()
        if plan_id is not None:
            found = found.filter(plan_id=plan_id)
        if text:
            found = found.filter(Q(entity__name__contains=text) | Q(entity__code=text.upper()))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ROUTES = [
    ("inspection-items", ItemViewSet, "inspection-item"),
    ("inspection-entities", EntityViewSet, "inspection-entity"),
    ("inspection-plans", PlanViewSet, "inspection-plan"),
    ("inspection-tasks", TaskViewSet, "inspection-task"),
    ("public/inspection-items", PublicItemViewSet, "public-inspection-item"),
    ("public/inspection-plans", PublicPlanViewSet, "public-inspection-plan"),
    ("public/inspection-results", PublicResultViewSet, "public-inspection-result"),
]
PATHS = [path("inspection-coverage/", CoverageView.as_view(), name="api-inspection-coverage")]
