"""`GET /api/v1/obligations/`: the registry of the seed's 56 articles, read-only (thin)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from fazhi.core.errors import InvalidInput
from fazhi.obligations import registry
from fazhi.obligations.choices import ObligationKind


class ClauseSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    applies_to = serializers.CharField(source="applicability.label")


class ObligationSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    number = serializers.CharField(help_text="条文序号，如（十四）")
    chapter = serializers.IntegerField()
    chapter_title = serializers.CharField()
    text = serializers.CharField()
    requirement = serializers.CharField()
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=ObligationKind.choices))
    module = serializers.CharField()
    modules = serializers.ListField(child=serializers.CharField())
    applies_to = serializers.CharField(source="applicability.label")
    clauses = ClauseSerializer(many=True)
    automatic = serializers.BooleanField()


class ObligationViewSet(viewsets.ViewSet):
    """依法行政义务：江府办〔2018〕7号的56条，各条的落实方式、实施模块、适用单位和是否已有自动检查。"""

    @extend_schema(
        parameters=[
            OpenApiParameter("chapter", OpenApiTypes.INT, description="部分（1–9）"),
            OpenApiParameter("module", OpenApiTypes.STR, description="实施模块，如 documents"),
        ],
        responses=ObligationSerializer(many=True),
    )
    def list(self, request):
        obligations = registry.all_obligations()
        chapter = request.query_params.get("chapter")
        if chapter:
            if not (chapter.isascii() and chapter.isdecimal() and 1 <= int(chapter) <= 9):
                message = _("部分应为 1 至 9 的整数。")
                raise InvalidInput(message, errors={"chapter": [message]})
            obligations = [o for o in obligations if o.chapter == int(chapter)]
        module = request.query_params.get("module")
        if module:
            obligations = [o for o in obligations if module in o.modules]
        return Response(ObligationSerializer(obligations, many=True).data)


ROUTES = [("obligations", ObligationViewSet, "obligation")]
