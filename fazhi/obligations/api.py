"""`GET /api/v1/obligations/`: the registry of the seed's 56 articles, read-only (thin); and
`/api/v1/board/`: the compliance board from the daily snapshot — every body in the user's scope ×
every article, a body's snapshot with its findings, the trend of the share met."""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.obligations import registry, selectors
from fazhi.obligations.choices import BoardStatus, CheckStatus, ObligationKind


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


# --- the board -----------------------------------------------------------------------------------

SNAPSHOT_PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="考评年度（默认最新快照的年度）"),
    OpenApiParameter("date", OpenApiTypes.DATE, description="快照日期（默认最新）"),
]
FILTER_PARAMETERS = [
    OpenApiParameter("group", OpenApiTypes.STR, enum=list(selectors.GROUPS), description="考评组别"),
    OpenApiParameter("chapter", OpenApiTypes.INT, description="部分（1–9）"),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=ObligationKind.values, description="落实方式"),
]


class SnapshotSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    as_of = serializers.DateField(help_text="数据日期：各条检查以该日掌握的记录为准")
    finished_at = serializers.DateTimeField(help_text="快照生成时间")
    body_count = serializers.IntegerField()


class BoardArticleSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    chapter = serializers.IntegerField()
    requirement = serializers.CharField()
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=ObligationKind.choices))


class BoardBodySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    group = serializers.CharField(help_text="默认考评组别（空：不参加考评）")
    statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=BoardStatus.choices), help_text="与 articles 一一对应"
    )


BoardSerializer = inline_serializer(
    "Board",
    {
        "snapshot": SnapshotSerializer(allow_null=True),
        "articles": BoardArticleSerializer(many=True),
        "bodies": BoardBodySerializer(many=True),
        "counts": serializers.DictField(child=serializers.IntegerField(), help_text="各状态的格数"),
    },
)


class RecordRefSerializer(serializers.Serializer):
    model = serializers.CharField()
    id = serializers.CharField()
    description = serializers.CharField()
    url = serializers.CharField(help_text="记录页面的地址；记录没有页面时为空")


class FindingSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    status = serializers.ChoiceField(choices=BoardStatus.choices)
    status_label = serializers.CharField()
    check_status = serializers.ChoiceField(choices=CheckStatus.choices, allow_null=True, source="finding.status")
    numerator = serializers.IntegerField(allow_null=True, source="finding.numerator")
    denominator = serializers.IntegerField(allow_null=True, source="finding.denominator")
    summary = serializers.CharField(source="finding.summary", allow_null=True)
    failing = RecordRefSerializer(many=True)
    failing_total = serializers.IntegerField(allow_null=True, source="finding.failing_total")
    evidence = RecordRefSerializer(many=True)
    evidence_total = serializers.IntegerField(allow_null=True, source="finding.evidence_total")
    first_seen = serializers.DateField(
        allow_null=True, source="finding.first_seen", help_text="首次检出此结论的快照日期"
    )


BodySnapshotSerializer = inline_serializer(
    "BodySnapshot",
    {
        "snapshot": SnapshotSerializer(allow_null=True),
        "body": inline_serializer("BoardBodyRef", {"id": serializers.IntegerField(), "name": serializers.CharField()}),
        "results": FindingSerializer(many=True),
    },
)

TrendSerializer = inline_serializer(
    "BoardTrend",
    {
        "dates": serializers.ListField(child=serializers.DateField()),
        "series": inline_serializer(
            "BoardTrendSeries",
            {
                "chapter": serializers.IntegerField(),
                "name": serializers.CharField(),
                "values": serializers.ListField(
                    child=serializers.FloatField(allow_null=True), help_text="落实率（%），无可计数的条款时为空"
                ),
            },
            many=True,
        ),
    },
)


def _snapshot(snapshot) -> dict | None:
    return None if snapshot is None else SnapshotSerializer(snapshot).data


class BoardView(APIView):
    """依法行政合规看板：本人可见的各单位对各条的落实情况，取自每日合规快照（已落实、未落实、未到期、不适用、人工评分）。"""

    @extend_schema(
        operation_id="v1_board_list",
        parameters=SNAPSHOT_PARAMETERS + FILTER_PARAMETERS,
        responses={200: BoardSerializer, **error_responses(400, 404)},
    )
    def get(self, request):
        filters = selectors.clean_filters(request.query_params)
        snapshot = selectors.snapshot_for(request.query_params)
        if snapshot is None:
            return Response({"snapshot": None, "articles": [], "bodies": [], "counts": {}})
        data = selectors.board(request.user, snapshot, filters)
        codes = {code: status for status, code in selectors.STATUS_CODES.items()}
        return Response(
            {
                "snapshot": _snapshot(snapshot),
                "articles": [
                    {"article": o.article, "chapter": o.chapter, "requirement": o.requirement, "kinds": list(o.kinds)}
                    for o in data["articles"]
                ],
                "bodies": [
                    {
                        "id": body["id"],
                        "name": body["name"],
                        "group": body["group"],
                        "statuses": [codes[letter] for letter in letters],
                    }
                    for body, letters in zip(data["bodies"], data["rows"], strict=True)
                ],
                "counts": {str(codes[code]): count for code, count in data["counts"].items()},
            }
        )


class BoardViewSet(viewsets.ViewSet):
    """一个单位的合规快照，及各部分落实率的趋势。"""

    @extend_schema(
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="单位 id"),
            *SNAPSHOT_PARAMETERS,
            *FILTER_PARAMETERS[1:],
        ],
        responses={200: BodySnapshotSerializer, **error_responses(400, 404)},
    )
    def retrieve(self, request, pk=None):
        """一个单位的合规快照：各条的状态、说明、落实率、未落实的记录和依据记录。"""
        body = selectors.visible_body(request.user, pk)
        filters = selectors.clean_filters(request.query_params, by_group=False)
        snapshot = selectors.snapshot_for(request.query_params)
        row = selectors.body_row(request.user, body, snapshot, filters) if snapshot else None
        if snapshot is not None and row is None:
            raise NotFound(_("该快照中没有该单位。"))
        results = [cell for _heading, cells in row["chapters"] for cell in cells] if row else []
        return Response(
            {
                "snapshot": _snapshot(snapshot),
                "body": {"id": body.pk, "name": body.name},
                "results": FindingSerializer(results, many=True).data,
            }
        )

    @extend_schema(
        parameters=SNAPSHOT_PARAMETERS + FILTER_PARAMETERS,
        responses={200: TrendSerializer, **error_responses(400, 404)},
    )
    @action(detail=False)
    def trend(self, request):
        """各部分落实率（已落实 ÷（已落实＋未落实））随本年度各快照日期的变化。"""
        filters = selectors.clean_filters(request.query_params)
        snapshot = selectors.snapshot_for(request.query_params)
        if snapshot is None:
            return Response({"dates": [], "series": []})
        return Response(selectors.trend(request.user, snapshot, filters))


ROUTES = [("obligations", ObligationViewSet, "obligation"), ("board", BoardViewSet, "board")]
PATHS = [path("board/", BoardView.as_view(), name="api-board")]
