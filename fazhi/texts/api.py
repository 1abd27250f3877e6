"""API for search: GET /api/v1/search/?q= (thin: `search.service` does the work and the scoping)."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses
from fazhi.texts.search import service
from fazhi.texts.search.models import Visibility

MAX_LIMIT = 50


class SearchHitSerializer(serializers.Serializer):
    content_type = serializers.CharField(help_text="记录类别（app_label.model）")
    id = serializers.CharField(help_text="记录编号（同 object_id）")
    object_id = serializers.CharField(help_text="记录编号")
    title = serializers.CharField()
    doc_number = serializers.CharField(help_text="发文字号（没有的为空）")
    chunk = serializers.IntegerField(help_text="命中的分段序号（长文本分段索引）")
    snippet = serializers.CharField(help_text="命中片段（HTML：命中处以 <mark> 标出，其余已转义）")
    score = serializers.FloatField(help_text="相关度")
    body = serializers.IntegerField(allow_null=True, help_text="所属单位编号")
    visibility = serializers.ChoiceField(choices=Visibility.choices)


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField(help_text="命中记录数，最多计到上限")
    total_capped = serializers.BooleanField(help_text="为 true 时实际命中数超过 total")
    hits = SearchHitSerializer(many=True)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, help_text="检索词")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_LIMIT, default=20)


class SearchView(APIView):
    """全文检索：匿名用户只检索公开内容；登录用户另可检索其范围内单位的内部内容。"""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter("q", str, required=True, description="检索词（1–100 字；以空格分隔的多个词须同时出现）"),
            OpenApiParameter("limit", int, description=f"返回结果数，1–{MAX_LIMIT}，默认 20"),
        ],
        responses={200: SearchResultSerializer, **error_responses(400)},
    )
    def get(self, request):
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        result = service.search(
            params.validated_data.get("q", ""), user=request.user, limit=params.validated_data["limit"]
        )
        return Response(result.as_dict())


PATHS = [path("search/", SearchView.as_view(), name="api-search")]
