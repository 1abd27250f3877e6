"""API for the yearly case-file review (行政执法案卷评查, seed art. 25): the year's scoring sheet, the
reproducible sample of a body's closed cases, and each sampled file scored (thin).

The leading group office's evaluators (the `score` right) set the sheet, draw and score; a reviewed
body sees its own sampled files and their scores (`FileReview.objects.restrict()`), and a sheet only
once one of its files is sampled. Another body's review is a 404.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.access import scope_body_ids
from fazhi.core.apitools import request_data, step_data
from fazhi.core.errors import Forbidden, InvalidInput
from fazhi.core.inputs import reject_unknown
from fazhi.enforcement import file_reviews
from fazhi.enforcement.case_api import LIST_ERRORS, STEP_ERRORS, _body, _year
from fazhi.enforcement.models import FileReview, ReviewSheet


class ReviewSheetItemSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="项目编号")
    label = serializers.CharField(help_text="项目名称")
    max = serializers.DecimalField(max_digits=6, decimal_places=2, help_text="满分")


class SampleDrawSerializer(serializers.Serializer):
    body = serializers.IntegerField()
    body_name = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField()
    seed = serializers.CharField(help_text="种子：年度|单位编号|公开随机值")
    candidates = serializers.CharField(help_text="按案号排序的候选案卷清单的 SM3 摘要")
    picks = serializers.ListField(child=serializers.CharField(), help_text="抽中的案号，按 SM3 排名")


class ReviewSheetSerializer(serializers.ModelSerializer):
    items = ReviewSheetItemSerializer(many=True, read_only=True)
    draws = serializers.SerializerMethodField(help_text="本人可见单位的抽取记录（种子与抽中的案号，任何人可复算）")

    class Meta:
        model = ReviewSheet
        fields = ["id", "year", "items", "pass_mark", "created_at", "draws"]
        read_only_fields = fields

    @extend_schema_field(SampleDrawSerializer(many=True))
    def get_draws(self, sheet) -> list[dict]:
        user = self.context["request"].user
        return SampleDrawSerializer(file_reviews.draws(sheet, scope_body_ids(user, "view")), many=True).data


class ReviewSheetSummarySerializer(serializers.ModelSerializer):
    items = ReviewSheetItemSerializer(many=True, read_only=True)

    class Meta:
        model = ReviewSheet
        fields = ["id", "year", "items", "pass_mark", "created_at"]
        read_only_fields = fields


class FileReviewSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="sheet.year", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    cause = serializers.CharField(source="case.cause", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    reviewer_name = serializers.SerializerMethodField()
    scores = serializers.DictField(child=serializers.CharField(), read_only=True, help_text="各项得分，按项目编号")
    passed = serializers.SerializerMethodField(help_text="达到合格分数；未评查为空")

    class Meta:
        model = FileReview
        fields = [
            "id",
            "sheet",
            "year",
            "case",
            "case_number",
            "cause",
            "body",
            "body_name",
            "reviewer",
            "reviewer_name",
            "scores",
            "total",
            "passed",
            "findings",
            "reviewed_on",
            "created_at",
        ]
        read_only_fields = fields

    def get_reviewer_name(self, review) -> str:
        reviewer = review.reviewer
        return (reviewer.full_name or reviewer.get_username()) if reviewer else ""

    def get_passed(self, review) -> bool | None:
        return file_reviews.passed(review)


class SampleDrawResultSerializer(serializers.Serializer):
    draw = SampleDrawSerializer(help_text="本次抽取的记录")
    created = FileReviewSerializer(many=True, help_text="本次新抽取的案卷（此前已抽中的不再重复）")


SheetCreateRequest = inline_serializer(
    "EnforcementReviewSheetCreate",
    {
        "year": serializers.IntegerField(),
        "items": ReviewSheetItemSerializer(many=True),
        "pass_mark": serializers.DecimalField(max_digits=6, decimal_places=2, help_text="合格分数"),
    },
)
DrawRequest = inline_serializer(
    "EnforcementReviewSheetDraw",
    {
        "body": serializers.IntegerField(help_text="被评查的执法主体"),
        "count": serializers.IntegerField(help_text="抽取数量"),
        "public_value": serializers.CharField(help_text="抽取时公开的随机值（如当日公开的数值），记入种子"),
    },
)
ScoreRequest = inline_serializer(
    "EnforcementFileReviewScore",
    {
        "scores": serializers.DictField(child=serializers.DecimalField(max_digits=6, decimal_places=2)),
        "findings": serializers.CharField(required=False, help_text="评查意见"),
    },
)


class ReviewSheetViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """案卷评查评分表：领导小组办公室的考评人员制定并抽取案卷；被评查单位在本单位案卷被抽取后可见。"""

    serializer_class = ReviewSheetSerializer
    filter_backends = []
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return ReviewSheetSummarySerializer if self.action == "list" else ReviewSheetSerializer

    def get_queryset(self):
        return file_reviews.visible_sheets(self.request.user).order_by("-year")

    @extend_schema(request=SheetCreateRequest, responses={201: ReviewSheetSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        """制定年度评分表（每年一份）：各项目的编号、名称和满分，及合格分数。"""
        if not file_reviews.may_organise(request.user):
            raise Forbidden(_("您没有“组织案卷评查”的权限。"))
        data = {"year": None, "items": None, "pass_mark": None, **step_data(request, ("year", "items", "pass_mark"))}
        sheet = file_reviews.create_sheet(actor=request.user, **data)
        return Response(self.get_serializer(sheet).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DrawRequest, responses={200: SampleDrawResultSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def draw(self, request, pk=None):
        """抽取被评查单位当年已结案的案卷：以“年度|单位|公开随机值”为种子，按 SM3 排名，任何人可复算。"""
        sheet = self.get_object()
        data = step_data(request, ("body", "count", "public_value"))
        body = _body(data.pop("body", None))
        created = file_reviews.draw_sample(
            sheet, actor=request.user, body=body, count=data.get("count"), public_value=data.get("public_value")
        )
        draw = file_reviews.draws(sheet, [body.pk])[-1]
        reviews = FileReview.objects.filter(pk__in=[review.pk for review in created]).select_related(
            "sheet", "case", "body", "reviewer"
        )
        return Response(SampleDrawResultSerializer({"draw": draw, "created": reviews.order_by("id")}).data)


class FileReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """抽取的案卷及其评查得分：考评人员评分；被评查单位可查阅本单位的案卷。"""

    serializer_class = FileReviewSerializer
    filter_backends = []
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (
            FileReview.objects.restrict(self.request.user)
            .select_related("sheet", "case", "body", "reviewer")
            .order_by("-sheet__year", "body__tree_path", "id")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="评查年度"),
            OpenApiParameter("body", int, description="被评查单位"),
        ],
        responses={200: FileReviewSerializer(many=True), **LIST_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        errors = {}
        year = _year(params.get("year", ""), "year", errors)
        body_text = params.get("body", "")
        if body_text and not (body_text.isdigit() and len(body_text) <= 9):
            errors["body"] = [_("应为单位编号。")]
        if errors:
            raise InvalidInput(_("查询条件有误。"), errors=errors)
        found = self.get_queryset()
        if year:
            found = found.filter(sheet__year=year)
        if body_text:
            found = found.filter(body_id=int(body_text))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=ScoreRequest, responses={200: FileReviewSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        """逐项评分，每项不超过其满分；总分为各项之和，达到合格分数为合格。"""
        review = self.get_object()
        data = request_data(request)
        reject_unknown(data, ("scores", "findings"))
        file_reviews.score(review, actor=request.user, scores=data.get("scores"), findings=data.get("findings"))
        return Response(self.get_serializer(self.get_queryset().get(pk=review.pk)).data)


ROUTES = [
    ("enforcement-review-sheets", ReviewSheetViewSet, "enforcement-review-sheet"),
    ("enforcement-file-reviews", FileReviewViewSet, "enforcement-file-review"),
]
PATHS = []
