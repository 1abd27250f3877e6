"""API for power lists: versions and powers for the body's staff, published lists for the public (thin).

Every office queryset starts from `restrict()` and every public one from `public()`; the services
decide the rest. Writing a power into a list whose current version is published opens the next
version's draft, so such a write carries `reason_kind` and `reason`.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.access import may
from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.powers import selectors, services
from fazhi.powers.choices import ChangeReason, PowerCategory, PowerStatus
from fazhi.powers.models import LawArticle, Power, PowerBasis, PowerListVersion


class BasisSerializer(serializers.ModelSerializer):
    citation = serializers.CharField(source="__str__", read_only=True)
    law_article = serializers.SerializerMethodField(help_text="已收录条文的编号（可据此查看条文）；未收录为 null")

    class Meta:
        model = PowerBasis
        fields = ["law_title", "article", "citation", "law_article"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_law_article(self, basis) -> int | None:
        article = getattr(basis, "law_article", None)
        return article.pk if article is not None else None


class PowerSerializer(serializers.ModelSerializer):
    category = serializers.CharField(read_only=True, help_text="职权类别代码；category_label 为中文名称")
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    status = serializers.CharField(read_only=True, help_text="实施状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    bases = BasisSerializer(many=True, read_only=True)

    class Meta:
        model = Power
        fields = [
            "id",
            "version",
            "lineage",
            "code",
            "name",
            "category",
            "category_label",
            "bases",
            "responsible_unit",
            "accountability",
            "status",
            "status_label",
        ]
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="版本状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    reason_kind = serializers.CharField(read_only=True, help_text="调整原因代码；reason_kind_label 为中文名称")
    reason_kind_label = serializers.CharField(source="get_reason_kind_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = PowerListVersion
        fields = [
            "id",
            "body",
            "body_name",
            "number",
            "based_on",
            "status",
            "status_label",
            "reason_kind",
            "reason_kind_label",
            "reason",
            "created_at",
            "published_at",
            "superseded_at",
        ]
        read_only_fields = fields


class VersionDetailSerializer(VersionSerializer):
    powers = serializers.SerializerMethodField()

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "powers"]
        read_only_fields = fields

    @extend_schema_field(PowerSerializer(many=True))
    def get_powers(self, version) -> list:
        return PowerSerializer(selectors.powers_of(version), many=True).data


_REASON_FIELDS = {
    "reason_kind": serializers.ChoiceField(
        choices=ChangeReason.choices, required=False, help_text="调整原因；清单已发布且无草稿时必填"
    ),
    "reason": serializers.CharField(required=False, help_text="调整说明；清单已发布且无草稿时必填"),
}
_CITATIONS = serializers.ListField(
    child=serializers.CharField(),
    help_text="设定依据，每项写作《法律法规名称》加条款，如《中华人民共和国行政处罚法》第十八条",
)
DraftRequest = inline_serializer(
    "PowerDraftOpen",
    {
        "body": serializers.IntegerField(),
        "reason_kind": serializers.ChoiceField(choices=ChangeReason.choices),
        "reason": serializers.CharField(),
    },
)
PowerCreateRequest = inline_serializer(
    "PowerCreate",
    {
        "body": serializers.IntegerField(),
        "code": serializers.CharField(max_length=50),
        "name": serializers.CharField(max_length=200),
        "category": serializers.ChoiceField(choices=PowerCategory.choices),
        "bases": _CITATIONS,
        "responsible_unit": serializers.CharField(max_length=200),
        "accountability": serializers.CharField(),
        "status": serializers.ChoiceField(choices=PowerStatus.choices, required=False),
        **_REASON_FIELDS,
    },
)
PowerUpdateRequest = inline_serializer(
    "PowerUpdate",
    {
        "code": serializers.CharField(max_length=50, required=False),
        "name": serializers.CharField(max_length=200, required=False),
        "category": serializers.ChoiceField(choices=PowerCategory.choices, required=False),
        "bases": serializers.ListField(child=serializers.CharField(), required=False),
        "responsible_unit": serializers.CharField(max_length=200, required=False),
        "accountability": serializers.CharField(required=False),
        "status": serializers.ChoiceField(choices=PowerStatus.choices, required=False),
        **_REASON_FIELDS,
    },
)
PowerRemoveRequest = inline_serializer("PowerRemove", _REASON_FIELDS)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class ComparedPowerSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    lineage = serializers.UUIDField(help_text="事项标识：同一事项在各版本中相同")
    fields = FieldChangeSerializer(many=True, required=False, help_text="修改的字段（仅 changed 中有）")


class ComparedVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()


class ComparisonSerializer(serializers.Serializer):
    old = ComparedVersionSerializer()
    new = ComparedVersionSerializer()
    added = ComparedPowerSerializer(many=True)
    removed = ComparedPowerSerializer(many=True)
    changed = ComparedPowerSerializer(many=True)
    unchanged = serializers.IntegerField()


_AGAINST = OpenApiParameter("against", int, required=True, description="与之比较的另一版本编号（同一单位）")


def _body(data, user) -> Body:
    """The body named in a request; one outside the user's sight is 404 like any other id."""
    raw = data.get("body")
    if isinstance(raw, str) and raw.isdigit():
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise InvalidInput("请指定单位。", errors={"body": ["请指定单位编号。"]})
    body = Body.objects.filter(pk=raw).first()
    if body is None or not may(user, "view", body):
        raise NotFound()
    return body


def _compare(viewset, version, versions):
    raw = viewset.request.query_params.get("against", "")
    other = versions.filter(pk=int(raw), body_id=version.body_id).first() if raw.isdigit() else None
    if other is None:
        raise InvalidInput("请指定同一单位的另一版本。", errors={"against": ["版本不存在。"]})
    return Response(selectors.comparison_as_dict(selectors.compare(other, version)))


class VersionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """权责清单版本（本单位）：编制新版本、发布、放弃草稿、比较两个版本。"""

    filterset_fields = ["status", "body"]

    def get_queryset(self):
        return PowerListVersion.objects.restrict(self.request.user).select_related("body").order_by("body", "-number")

    def get_serializer_class(self):
        return VersionSerializer if self.action == "list" else VersionDetailSerializer

    def _done(self, version, code=status.HTTP_200_OK):
        return Response(VersionDetailSerializer(self.get_queryset().get(pk=version.pk)).data, status=code)

    @extend_schema(
        request=DraftRequest, responses={201: VersionDetailSerializer, **error_responses(400, 403, 404, 409)}
    )
    def create(self, request):
        """编制新版本：以现行清单为基础形成草稿，须说明调整原因。"""
        data = request_data(request)
        body = _body(data, request.user)
        version = services.open_draft(
            body, actor=request.user, reason_kind=data.get("reason_kind"), reason=data.get("reason")
        )
        return self._done(version, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: VersionDetailSerializer, **error_responses(403, 404, 409)})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """发布（单位负责人或依法行政办）：成为现行清单，原现行版本标为已被替代、原样保留。"""
        return self._done(services.publish_version(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses={200: VersionDetailSerializer, **error_responses(403, 404, 409)})
    @action(detail=True, methods=["post"])
    def discard(self, request, pk=None):
        """放弃草稿。"""
        return self._done(services.discard_draft(self.get_object(), actor=request.user))

    @extend_schema(parameters=[_AGAINST], responses={200: ComparisonSerializer, **error_responses(400, 404)})
    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        """与同一单位的另一版本比较：新增、删除、修改的事项及字段。"""
        return _compare(self, self.get_object(), self.get_queryset())


class PowerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """职权事项（本单位）：增删改均进入草稿（新版本），已发布版本不变。"""

    serializer_class = PowerSerializer
    filterset_fields = ["version", "category", "status"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            Power.objects.restrict(self.request.user)
            .select_related("version")
            .prefetch_related(Prefetch("bases", queryset=PowerBasis.objects.order_by("ordinal", "id")))
        )

    def _done(self, power, code=status.HTTP_200_OK):
        return Response(PowerSerializer(self.get_queryset().get(pk=power.pk)).data, status=code)

    @extend_schema(request=PowerCreateRequest, responses={201: PowerSerializer, **error_responses(400, 403, 404, 409)})
    def create(self, request):
        """添加事项：进入本单位草稿；无草稿时以现行清单为基础形成新版本（须说明调整原因）。"""
        data = request_data(request)
        body = _body(data, request.user)
        fields = {name: data[name] for name in services.POWER_FIELDS if name in data}
        power = services.add_power(
            body, actor=request.user, reason_kind=data.get("reason_kind"), reason=data.get("reason"), **fields
        )
        return self._done(power, status.HTTP_201_CREATED)

    @extend_schema(request=PowerUpdateRequest, responses={200: PowerSerializer, **error_responses(400, 403, 404, 409)})
    def partial_update(self, request, *args, **kwargs):
        """修改事项：草稿中直接修改；现行清单中的事项先形成新版本草稿再修改，返回草稿中的事项。"""
        data = request_data(request)
        fields = {name: data[name] for name in services.POWER_FIELDS if name in data}
        power = services.update_power(
            self.get_object(),
            actor=request.user,
            reason_kind=data.get("reason_kind"),
            reason=data.get("reason"),
            **fields,
        )
        return self._done(power)

    @extend_schema(
        request=PowerRemoveRequest, responses={200: VersionDetailSerializer, **error_responses(400, 403, 404, 409)}
    )
    def destroy(self, request, *args, **kwargs):
        """删除事项：从草稿（新版本）中删除，返回草稿。"""
        data = request_data(request)
        draft = services.remove_power(
            self.get_object(), actor=request.user, reason_kind=data.get("reason_kind"), reason=data.get("reason")
        )
        return Response(VersionDetailSerializer(draft).data)


class PublicVersionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的权责清单（公众，无需登录）：现行版本与历次版本，及任意两个版本的比较。"""

    permission_classes = [AllowAny]
    authentication_classes = []
    filterset_fields = ["status", "body"]

    def get_queryset(self):
        return selectors.public_versions().order_by("body__tree_path", "-number")

    def get_serializer_class(self):
        return VersionSerializer if self.action == "list" else VersionDetailSerializer

    @extend_schema(parameters=[_AGAINST], responses={200: ComparisonSerializer, **error_responses(400, 404)})
    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        """与同一单位已公布的另一版本比较。"""
        return _compare(self, self.get_object(), self.get_queryset())


class LawArticleSerializer(serializers.ModelSerializer):
    law_title = serializers.CharField(source="law.title", read_only=True)
    law_amended_on = serializers.DateField(source="law.amended_on", read_only=True, allow_null=True)

    class Meta:
        model = LawArticle
        fields = ["id", "law", "law_title", "law_amended_on", "number", "ordinal", "text"]
        read_only_fields = fields


class LawArticleViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """权责清单引用的法律条文（公众，无需登录）。"""

    serializer_class = LawArticleSerializer
    permission_classes = [AllowAny]
    authentication_classes = []

    def get_queryset(self):
        return LawArticle.objects.select_related("law")


ROUTES = [
    ("power-versions", VersionViewSet, "power-version"),
    ("powers", PowerViewSet, "power"),
    ("public/power-versions", PublicVersionViewSet, "public-power-version"),
    ("public/law-articles", LawArticleViewSet, "public-law-article"),
]
PATHS = []
