"""API for the yearly catalogs of major decisions: the office's steps and the public catalogs (thin).

Office querysets start from `restrict()` (another body's catalog is a 404), the public ones from
`published()`; the services in `catalogs.py` check the rest and refuse with the pages' messages.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.decisions import catalogs
from fazhi.decisions.choices import DecisionCategory
from fazhi.decisions.models import CatalogItem, DecisionCatalog

STEP_ERRORS = error_responses(400, 403, 404, 409)


def body_from(value, name: str, label: str) -> Body:
    """A body named by id in a request: bad input if malformed, 404 if there is none."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 9:
        message = _("请指定%(label)s。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    body = Body.objects.filter(pk=int(text)).first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body


class CatalogActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class CatalogItemSerializer(serializers.ModelSerializer):
    catalog = serializers.IntegerField(source="catalog_id", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    undertaking_unit_name = serializers.CharField(source="undertaking_unit.name", read_only=True)
    decision = serializers.SerializerMethodField(help_text="就该事项启动的重大行政决策；公开接口只给已公布的")
    decision_status_label = serializers.SerializerMethodField(help_text="该决策的状态；公开接口只给已公布的")

    class Meta:
        model = CatalogItem
        fields = [
            "id",
            "catalog",
            "title",
            "category",
            "category_label",
            "basis",
            "planned_timing",
            "undertaking_unit",
            "undertaking_unit_name",
            "decision",
            "decision_status_label",
        ]
        read_only_fields = fields

    def _decision(self, item):
        decision = getattr(item, "decision", None)
        if decision is None:
            return None
        if self.context.get("public") and not getattr(item, "decision_published", False):
            return None
        return decision

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_decision(self, item) -> int | None:
        decision = self._decision(item)
        return decision.pk if decision else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_decision_status_label(self, item) -> str | None:
        decision = self._decision(item)
        return decision.get_status_display() if decision else None


class PublicCatalogSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    items = CatalogItemSerializer(many=True, read_only=True)

    class Meta:
        model = DecisionCatalog
        fields = [
            "id",
            "body",
            "body_name",
            "year",
            "title",
            "status",
            "status_label",
            "party_agreed_on",
            "party_agreement",
            "published_on",
            "items",
        ]
        read_only_fields = fields


class CatalogSerializer(PublicCatalogSerializer):
    actions = serializers.SerializerMethodField()

    class Meta(PublicCatalogSerializer.Meta):
        fields = [*PublicCatalogSerializer.Meta.fields, "created_at", "updated_at", "actions"]
        read_only_fields = fields

    @extend_schema_field(CatalogActionSerializer(many=True))
    def get_actions(self, catalog) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in catalogs.actions(catalog, user)
        ]


CatalogRequest = inline_serializer(
    "DecisionCatalogCreate",
    {
        "body": serializers.IntegerField(help_text="决策机关（人民政府或其工作部门）"),
        "year": serializers.IntegerField(),
        "title": serializers.CharField(required=False, help_text="默认“××年度重大行政决策事项目录”"),
    },
)
ItemRequest = inline_serializer(
    "DecisionCatalogItemRequest",
    {
        "title": serializers.CharField(),
        "category": serializers.ChoiceField(choices=DecisionCategory.choices),
        "basis": serializers.CharField(),
        "planned_timing": serializers.CharField(help_text="例如：2026年第三季度"),
        "undertaking_unit": serializers.IntegerField(help_text="承办单位：决策机关或其所属单位"),
    },
)
ItemChangeRequest = inline_serializer(
    "DecisionCatalogItemChange",
    {
        "title": serializers.CharField(required=False),
        "category": serializers.ChoiceField(choices=DecisionCategory.choices, required=False),
        "basis": serializers.CharField(required=False),
        "planned_timing": serializers.CharField(required=False),
        "undertaking_unit": serializers.IntegerField(required=False),
    },
)
AgreementRequest = inline_serializer(
    "DecisionCatalogAgreement",
    {
        "agreed_on": serializers.DateField(help_text="同级党委同意的日期"),
        "agreement": serializers.CharField(help_text="例如：经中共江门市委常委会会议同意"),
    },
)
PublishRequest = inline_serializer(
    "DecisionCatalogPublish",
    {"published_on": serializers.DateField(required=False, help_text="默认今天；不早于党委同意日期")},
)


class CatalogViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """年度重大行政决策事项目录：决策机关的工作人员编制，负责人记录党委同意并向社会公布。"""

    serializer_class = CatalogSerializer
    filterset_fields = ["year", "status", "body"]

    def get_queryset(self):
        return catalogs.office_catalogs(self.request.user)

    def _done(self, catalog, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=catalog.pk)).data, status=code)

    @extend_schema(request=CatalogRequest, responses={201: CatalogSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = request_data(request)
        body = body_from(data.get("body"), "body", _("决策机关"))
        catalog = catalogs.create_catalog(actor=request.user, body=body, year=data.get("year"), title=data.get("title"))
        return self._done(catalog, status.HTTP_201_CREATED)

    @extend_schema(request=ItemRequest, responses={201: CatalogItemSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="add-item")
    def add_item(self, request, pk=None):
        """增加决策事项（仅编制中的目录）。"""
        item = catalogs.add_item(self.get_object(), actor=request.user, **dict(request_data(request)))
        item = catalogs.office_items(request.user).get(pk=item.pk)
        return Response(CatalogItemSerializer(item, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=AgreementRequest, responses={200: CatalogSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """负责人记录同级党委同意的日期和情况（目录须有事项）。"""
        data = request_data(request)
        catalog = catalogs.record_agreement(
            self.get_object(), actor=request.user, agreed_on=data.get("agreed_on"), agreement=data.get("agreement")
        )
        return self._done(catalog)

    @extend_schema(request=PublishRequest, responses={200: CatalogSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """负责人向社会公布（须经党委同意）；公布后事项不再修改。"""
        data = request_data(request)
        return self._done(
            catalogs.publish(self.get_object(), actor=request.user, published_on=data.get("published_on"))
        )

    @extend_schema(request=None, responses={200: CatalogSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """负责人将党委已同意、尚未公布的目录退回修改（党委同意记录随之清除）。"""
        return self._done(catalogs.reopen(self.get_object(), actor=request.user))


class CatalogItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """目录中的决策事项：编制中可修改、删除；党委同意后不再修改。"""

    serializer_class = CatalogItemSerializer
    filterset_fields = ["catalog", "category", "undertaking_unit"]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return catalogs.office_items(self.request.user).select_related("decision").order_by("catalog", "id")

    @extend_schema(request=ItemChangeRequest, responses={200: CatalogItemSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        item = catalogs.change_item(self.get_object(), actor=request.user, **dict(request_data(request)))
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        catalogs.remove_item(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PublicCatalogViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的年度重大行政决策事项目录（公开）：编制中或党委已同意而未公布的目录一律不显示。"""

    serializer_class = PublicCatalogSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return catalogs.public_catalogs()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "public": True}

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="决策机关"),
            OpenApiParameter("year", int, description="年度"),
        ],
        responses={200: PublicCatalogSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        body, year = params.get("body", ""), params.get("year", "")
        errors = {}
        if body and not (body.isdigit() and len(body) <= 9):
            errors["body"] = [_("应为单位编号。")]
        if year and not (year.isdigit() and len(year) == 4):
            errors["year"] = [_("应为四位年份。")]
        if errors:
            raise InvalidInput(_("查询条件有误。"), errors=errors)
        found = catalogs.public_catalogs()
        if body:
            found = found.filter(body_id=int(body))
        if year:
            found = found.filter(year=int(year))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ROUTES = [
    ("decision-catalogs", CatalogViewSet, "decision-catalog"),
    ("decision-catalog-items", CatalogItemViewSet, "decision-catalog-item"),
    ("public/decision-catalogs", PublicCatalogViewSet, "public-decision-catalog"),
]
PATHS = []
