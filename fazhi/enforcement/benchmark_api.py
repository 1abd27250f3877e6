"""API for discretion benchmarks and their bands, the legal-review catalog, enforcement settings and
the published benchmarks (thin).

Office querysets start from `restrict()` (another body's benchmark, band, entry or settings is a
404), the public ones from `public_benchmarks()`; the services in `benchmarks.py` check the rest
and refuse with the pages' messages.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.access import scope_body_ids
from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.enforcement import benchmarks, publicity, selectors
from fazhi.enforcement.choices import BenchmarkStatus, Harm, PenaltyKind
from fazhi.enforcement.models import Benchmark, BenchmarkBand, EnforcementSettings, ReviewCatalogEntry
from fazhi.enforcement.officer_api import EnforcementActionSerializer, body_from

STEP_ERRORS = error_responses(400, 403, 404, 409)
MONEY = {"max_digits": 14, "decimal_places": 2}


class BandSerializer(serializers.ModelSerializer):
    harm = serializers.ChoiceField(choices=Harm.choices, allow_blank=True, read_only=True, help_text="为空表示不限")
    harm_label = serializers.CharField(source="get_harm_display", read_only=True)

    class Meta:
        model = BenchmarkBand
        fields = [
            "id",
            "benchmark",
            "order",
            "label",
            "amount_from",
            "amount_below",
            "first_violation",
            "harm",
            "harm_label",
            "no_penalty",
            "fine_min",
            "fine_max",
            "other_penalties",
        ]
        read_only_fields = fields


class PublicBenchmarkSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    bands = serializers.SerializerMethodField()

    class Meta:
        model = Benchmark
        fields = [
            "id",
            "body",
            "body_name",
            "code",
            "violation",
            "violated_provision",
            "penalty_provision",
            "status",
            "status_label",
            "reviewed_on",
            "published_on",
            "replaces",
            "bands",
        ]
        read_only_fields = fields

    @extend_schema_field(BandSerializer(many=True))
    def get_bands(self, benchmark) -> list[dict]:
        bands = sorted(benchmark.bands.all(), key=lambda band: band.order)
        return BandSerializer(bands, many=True).data


class BenchmarkSerializer(PublicBenchmarkSerializer):
    actions = serializers.SerializerMethodField()

    class Meta(PublicBenchmarkSerializer.Meta):
        fields = [*PublicBenchmarkSerializer.Meta.fields, "created_at", "updated_at", "actions"]
        read_only_fields = fields

    @extend_schema_field(EnforcementActionSerializer(many=True))
    def get_actions(self, benchmark) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in benchmarks.actions(benchmark, user)
        ]


BenchmarkRequest = inline_serializer(
    "BenchmarkCreate",
    {
        "body": serializers.IntegerField(help_text="制定单位（行政执法机关）"),
        "code": serializers.CharField(help_text="本单位内不重复"),
        "violation": serializers.CharField(help_text="违法行为"),
        "violated_provision": serializers.CharField(help_text="违法依据"),
        "penalty_provision": serializers.CharField(help_text="处罚依据"),
    },
)
BenchmarkChangeRequest = inline_serializer(
    "BenchmarkChange",
    {
        "code": serializers.CharField(required=False),
        "violation": serializers.CharField(required=False),
        "violated_provision": serializers.CharField(required=False),
        "penalty_provision": serializers.CharField(required=False),
    },
)
_BAND_FIELDS = {
    "order": serializers.IntegerField(required=False, help_text="默认排在最后；按序号取第一个条件全部符合的阶次"),
    "amount_from": serializers.DecimalField(required=False, allow_null=True, help_text="涉案金额（起，含）", **MONEY),
    "amount_below": serializers.DecimalField(
        required=False, allow_null=True, help_text="涉案金额（止，不含）", **MONEY
    ),
    "first_violation": serializers.BooleanField(required=False, allow_null=True, help_text="为空表示不限"),
    "harm": serializers.ChoiceField(choices=Harm.choices, allow_blank=True, required=False, help_text="为空表示不限"),
    "no_penalty": serializers.BooleanField(required=False, help_text="不予处罚的阶次不设罚款或其他处罚"),
    "fine_min": serializers.DecimalField(required=False, allow_null=True, **MONEY),
    "fine_max": serializers.DecimalField(required=False, allow_null=True, help_text="不低于罚款下限", **MONEY),
    "other_penalties": serializers.CharField(required=False),
}
BandRequest = inline_serializer(
    "BenchmarkBandCreate", {"label": serializers.CharField(help_text="例如：轻微、一般、较重、严重"), **_BAND_FIELDS}
)
BandChangeRequest = inline_serializer(
    "BenchmarkBandChange", {"label": serializers.CharField(required=False), **_BAND_FIELDS}
)
ReviewRequest = inline_serializer(
    "BenchmarkReview", {"reviewed_on": serializers.DateField(required=False, help_text="默认今天")}
)
PublishRequest = inline_serializer(
    "BenchmarkPublish", {"published_on": serializers.DateField(required=False, help_text="默认今天；不早于审核日期")}
)


class BenchmarkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """行政处罚裁量基准：执法机关起草，法制机构审核，负责人向社会公布；公布后不再修改，修订为新版本。"""

    serializer_class = BenchmarkSerializer
    filterset_fields = ["body", "status", "code"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            Benchmark.objects.restrict(self.request.user)
            .select_related("body")
            .prefetch_related("bands")
            .order_by("body__tree_path", "code", "-id")
        )

    def _done(self, benchmark, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=benchmark.pk)).data, status=code)

    @extend_schema(request=BenchmarkRequest, responses={201: BenchmarkSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = body_from(data.pop("body", None), "body", _("制定单位"))
        return self._done(benchmarks.create_benchmark(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=BenchmarkChangeRequest, responses={200: BenchmarkSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        benchmark = self.get_object()
        data = dict(request_data(request))
        data.pop("body", None)
        return self._done(benchmarks.change_benchmark(benchmark, actor=request.user, **data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        """删除起草中的裁量基准。"""
        benchmarks.discard_benchmark(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=BandRequest, responses={201: BandSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="add-band")
    def add_band(self, request, pk=None):
        """增加裁量阶次（仅起草中）。"""
        band = benchmarks.add_band(self.get_object(), actor=request.user, **dict(request_data(request)))
        return Response(BandSerializer(band).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewRequest, responses={200: BenchmarkSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """法制机构审核通过（须有裁量阶次）。"""
        benchmark = benchmarks.review(
            self.get_object(), actor=request.user, reviewed_on=request_data(request).get("reviewed_on")
        )
        return self._done(benchmark)

    @extend_schema(request=PublishRequest, responses={200: BenchmarkSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """负责人向社会公布（须经审核）；所替代的版本同时标为已被替代。"""
        benchmark = benchmarks.publish(
            self.get_object(), actor=request.user, published_on=request_data(request).get("published_on")
        )
        return self._done(benchmark)

    @extend_schema(request=None, responses={200: BenchmarkSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """审核后退回修改（须重新审核）。"""
        return self._done(benchmarks.reopen(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses={201: BenchmarkSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        """以现行裁量基准为底稿制定新版本（含裁量阶次）。"""
        return self._done(benchmarks.new_version(self.get_object(), actor=request.user), status.HTTP_201_CREATED)


class BandViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """裁量阶次：起草中可修改、删除；审核后不再修改。"""

    serializer_class = BandSerializer
    filterset_fields = ["benchmark"]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            BenchmarkBand.objects.filter(benchmark__in=Benchmark.objects.restrict(self.request.user))
            .select_related("benchmark", "benchmark__body")
            .order_by("benchmark", "order")
        )

    @extend_schema(request=BandChangeRequest, responses={200: BandSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        band = benchmarks.change_band(self.get_object(), actor=request.user, **dict(request_data(request)))
        return Response(self.get_serializer(band).data)

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        benchmarks.remove_band(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- the legal-review catalog --------------------------------------------------------------------


class EntrySerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    penalty_kind_labels = serializers.SerializerMethodField()

    class Meta:
        model = ReviewCatalogEntry
        fields = [
            "id",
            "body",
            "body_name",
            "matter",
            "penalty_kinds",
            "penalty_kind_labels",
            "fine_from",
            "published_on",
            "created_at",
        ]
        read_only_fields = fields

    def get_penalty_kind_labels(self, entry) -> list[str]:
        return publicity.penalty_kind_labels(entry)


EntryRequest = inline_serializer(
    "ReviewCatalogEntryCreate",
    {
        "body": serializers.IntegerField(help_text="行政执法机关"),
        "matter": serializers.CharField(help_text="审核事项"),
        "penalty_kinds": serializers.ListField(
            child=serializers.ChoiceField(choices=PenaltyKind.choices),
            required=False,
            help_text="拟作出这些处罚的须经法制审核",
        ),
        "fine_from": serializers.DecimalField(
            required=False, allow_null=True, help_text="罚款达到该数额的须经法制审核", **MONEY
        ),
    },
)
CatalogPublishRequest = inline_serializer(
    "ReviewCatalogPublish",
    {
        "body": serializers.IntegerField(help_text="行政执法机关"),
        "published_on": serializers.DateField(required=False, help_text="默认今天"),
    },
)


class EntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """重大执法决定法制审核目录：工作人员增加事项，负责人向社会公布；已公布的事项不再删除（意见第二十一条）。"""

    serializer_class = EntrySerializer
    filterset_fields = ["body"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return ReviewCatalogEntry.objects.restrict(self.request.user).select_related("body").order_by("body", "id")

    @extend_schema(request=EntryRequest, responses={201: EntrySerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = body_from(data.pop("body", None), "body", _("执法机关"))
        entry = benchmarks.add_entry(actor=request.user, body=body, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=entry.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None, **STEP_ERRORS})
    def destroy(self, request, *args, **kwargs):
        benchmarks.remove_entry(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=CatalogPublishRequest, responses={200: EntrySerializer(many=True), **STEP_ERRORS})
    @action(detail=False, methods=["post"])
    def publish(self, request):
        """负责人公布本单位尚未公布的目录事项。"""
        data = request_data(request)
        body = body_from(data.get("body"), "body", _("执法机关"))
        published = benchmarks.publish_catalog(actor=request.user, body=body, published_on=data.get("published_on"))
        found = self.get_queryset().filter(pk__in=[entry.pk for entry in published])
        return Response(self.get_serializer(found, many=True).data)


# --- settings -----------------------------------------------------------------------------------


class SettingsSerializer(serializers.ModelSerializer):
    body = serializers.IntegerField(source="body_id", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    decision_period_label = serializers.SerializerMethodField()
    saved = serializers.SerializerMethodField(help_text="是否已保存；未保存的为本平台的默认值")

    class Meta:
        model = EnforcementSettings
        fields = [
            "body",
            "body_name",
            "decision_period",
            "decision_period_label",
            "hearing_fine_person",
            "hearing_fine_organisation",
            "serious_fine_from",
            "publish_within_days",
            "publish_for_days",
            "saved",
        ]
        read_only_fields = fields

    def get_decision_period_label(self, settings) -> str:
        period = benchmarks.periods.PERIODS.get(settings.decision_period)
        return f"{period.label}（{period.describe()}）" if period else settings.decision_period

    def get_saved(self, settings) -> bool:
        return settings.pk is not None


SettingsRequest = inline_serializer(
    "EnforcementSettingsChange",
    {
        "decision_period": serializers.CharField(required=False, help_text="法定期限表中以 penalty-decide 开头的事项"),
        "hearing_fine_person": serializers.DecimalField(required=False, help_text="较大数额罚款（公民）", **MONEY),
        "hearing_fine_organisation": serializers.DecimalField(
            required=False, help_text="较大数额罚款（法人或者其他组织）", **MONEY
        ),
        "serious_fine_from": serializers.DecimalField(required=False, allow_null=True, **MONEY),
        "publish_within_days": serializers.IntegerField(required=False, help_text="决定公开期限（工作日）"),
        "publish_for_days": serializers.IntegerField(required=False, help_text="公开期限（日）"),
    },
)


class SettingsViewSet(viewsets.GenericViewSet):
    """执法配置：每个执法机关一份（作出决定的期限、较大数额罚款、公开期限）；`id` 为执法机关的 id。
    负责人或上级依法行政办修改；未保存的显示本平台的默认值。"""

    serializer_class = SettingsSerializer
    pagination_class = None

    def get_queryset(self):
        return (
            EnforcementSettings.objects.restrict(self.request.user).select_related("body").order_by("body__tree_path")
        )

    def _body(self, pk) -> Body:
        text = str(pk)
        body = None
        if text.isdigit() and len(text) <= 9:
            body = Body.objects.filter(pk=int(text), is_enforcement_agency=True).first()
        user = self.request.user
        if body is None or not (user.is_superuser or body.pk in scope_body_ids(user, "view")):
            raise NotFound()
        return body

    @extend_schema(responses={200: SettingsSerializer(many=True)})
    def list(self, request):
        """已保存的执法配置（本人可见的单位）。"""
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    @extend_schema(responses={200: SettingsSerializer, **error_responses(404)})
    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(selectors.settings_of(self._body(pk))).data)

    @extend_schema(request=SettingsRequest, responses={200: SettingsSerializer, **STEP_ERRORS})
    def partial_update(self, request, pk=None):
        body = self._body(pk)
        data = dict(request_data(request))
        settings = benchmarks.save_settings(body, actor=request.user, **data)
        return Response(self.get_serializer(settings).data)


# --- public --------------------------------------------------------------------------------------


class PublicBenchmarkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的行政处罚裁量基准（公开）：起草中、已审核未公布的一律不显示；已被替代的版本可按 id 查阅。"""

    serializer_class = PublicBenchmarkSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        if self.action == "retrieve":
            return (
                Benchmark.objects.filter(status__in=[BenchmarkStatus.PUBLISHED, BenchmarkStatus.SUPERSEDED])
                .select_related("body")
                .prefetch_related("bands")
            )
        return selectors.public_benchmarks()

    @extend_schema(
        parameters=[OpenApiParameter("body", int, description="制定单位")],
        responses={200: PublicBenchmarkSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        body = request.query_params.get("body", "")
        if body and not (body.isdigit() and len(body) <= 9):
            raise InvalidInput(_("查询条件有误。"), errors={"body": [_("应为单位编号。")]})
        found = self.get_queryset()
        if body:
            found = found.filter(body_id=int(body))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ROUTES = [
    ("enforcement-benchmarks", BenchmarkViewSet, "benchmark"),
    ("enforcement-benchmark-bands", BandViewSet, "benchmark-band"),
    ("review-catalog-entries", EntryViewSet, "review-catalog-entry"),
    ("enforcement-settings", SettingsViewSet, "enforcement-settings"),
    ("public/enforcement-benchmarks", PublicBenchmarkViewSet, "public-benchmark"),
]
PATHS = []
