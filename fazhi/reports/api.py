"""API of the yearly rule-of-law report (thin): the reports in the user's sight, generating one,
every step an action, the DOCX and the PDF; where each body stands for a year; and, for anyone,
the published reports."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses, step_data
from fazhi.core.choices import BodyKind
from fazhi.core.errors import InvalidInput
from fazhi.reports import report as content
from fazhi.reports import selectors, services, workflow
from fazhi.reports.choices import SENT_STATUSES, RecipientKind, ReportStatus, SendMeans, Standing

STEP_ERRORS = error_responses(400, 403, 404, 409)
DOWNLOADS = {
    "docx": ((200, content.DOCX_TYPE), content.docx_response),
    "pdf": ((200, "application/pdf"), content.pdf_response),
}


def _choices(choices) -> str:
    return "、".join(f"{value} {label}" for value, label in choices.choices)


class ReportActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class ReportDeliverySerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_choices(RecipientKind))
    kind_label = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    recipient = serializers.IntegerField(source="recipient_id", allow_null=True, help_text="平台内单位；平台外为空")
    sent_on = serializers.DateField()
    means = serializers.CharField(help_text=_choices(SendMeans))
    means_label = serializers.CharField(source="get_means_display")
    note = serializers.CharField(allow_blank=True)


class ReportRecipientSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_choices(RecipientKind))
    kind_label = serializers.CharField()
    name = serializers.CharField()
    body = serializers.SerializerMethodField(help_text="平台内单位；平台外为空")

    def get_body(self, recipient) -> int | None:
        return recipient.body.pk if recipient.body is not None else None


class YearlyReportSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    year = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField(help_text=_choices(ReportStatus))
    status_label = serializers.CharField(source="get_status_display")
    sent_on = serializers.DateField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)


class YearlyReportSerializer(YearlyReportSummarySerializer):
    achievements = serializers.CharField(allow_blank=True)
    shortcomings = serializers.CharField(allow_blank=True)
    head_duty = serializers.CharField(allow_blank=True)
    next_year = serializers.CharField(allow_blank=True)
    other_matters = serializers.CharField(allow_blank=True)
    figures = serializers.JSONField(help_text="各章条款的落实情况；政府另有所属单位汇总")
    figures_as_of = serializers.DateField(allow_null=True, help_text="指标数据截至日期；提交审批时固定")
    submitted_on = serializers.DateField(allow_null=True)
    approved_on = serializers.DateField(allow_null=True)
    return_reason = serializers.CharField(allow_blank=True)
    due_on = serializers.SerializerMethodField(help_text="报送期限")
    publish_by = serializers.SerializerMethodField(help_text="公开期限")
    standing = serializers.SerializerMethodField(help_text=_choices(Standing))
    recipients = serializers.SerializerMethodField(help_text="报送对象（报送前为拟报送对象）")
    deliveries = serializers.SerializerMethodField(help_text="报送记录")
    actions = serializers.SerializerMethodField()

    def _setting(self, report):
        if "report_settings" not in self.context:
            self.context["report_settings"] = selectors.settings_table()
        return self.context["report_settings"][report.body.kind]

    def get_due_on(self, report) -> OpenApiTypes.DATE:
        return selectors.due_on(self._setting(report), report.year)

    def get_publish_by(self, report) -> OpenApiTypes.DATE:
        return selectors.publish_by(self._setting(report), report.year)

    def get_standing(self, report) -> str:
        return selectors.standing(report.status, report.sent_on, self.get_due_on(report), timezone.localdate())

    @extend_schema_field(ReportRecipientSerializer(many=True))
    def get_recipients(self, report):
        if report.status in SENT_STATUSES:
            return [
                {"kind": d.kind, "kind_label": d.get_kind_display(), "name": d.name, "body": d.recipient_id}
                for d in report.deliveries.all()
            ]
        return ReportRecipientSerializer(selectors.recipients_of(report.body), many=True).data

    @extend_schema_field(ReportDeliverySerializer(many=True))
    def get_deliveries(self, report):
        return ReportDeliverySerializer(report.deliveries.all(), many=True).data

    @extend_schema_field(ReportActionSerializer(many=True))
    def get_actions(self, report) -> list[dict]:
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in workflow.actions(report, self.context["request"].user)
        ]


# --- requests -------------------------------------------------------------------------------------

TEXT = serializers.CharField
GenerateRequest = inline_serializer(
    "YearlyReportGenerateRequest",
    {"body": serializers.IntegerField(help_text="报告单位"), "year": serializers.IntegerField(help_text="报告年度")},
)
REQUESTS = {
    "edit": inline_serializer(
        "YearlyReportEditRequest", {name: TEXT(required=False, allow_blank=True) for name in services.TEXT_FIELDS}
    ),
    "return": inline_serializer("YearlyReportReturnRequest", {"reason": TEXT()}),
    "send": inline_serializer(
        "YearlyReportSendRequest",
        {
            "sent_on": serializers.DateField(),
            "means": serializers.ChoiceField(
                choices=SendMeans.choices, required=False, help_text="平台外报送对象的报送方式；均在本平台的不填"
            ),
            "note": TEXT(required=False),
        },
    ),
}


def _filters(request) -> dict:
    params = request.query_params
    errors = {}
    if params.get("status") and params["status"] not in ReportStatus.values:
        errors["status"] = [_("不是有效的状态。")]
    if params.get("year") and selectors._year(params["year"]) is None:
        errors["year"] = [_("年度应为四位数字。")]
    if params.get("body") and selectors._pk(params["body"]) is None:
        errors["body"] = [_("单位应为编号。")]
    if errors:
        raise InvalidInput(_("查询条件有误。"), errors=errors)
    return {key: params.get(key, "") for key in ("body", "year", "status")}


class YearlyReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """法治政府建设年度报告：本单位的各状态报告；已报送的，报送对象和上级依法行政办可见（只读）。"""

    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_serializer_class(self):
        return YearlyReportSummarySerializer if self.action == "list" else YearlyReportSerializer

    def get_queryset(self):
        return selectors.office_reports(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="单位"),
            OpenApiParameter("year", int, description="年度（四位数字）"),
            OpenApiParameter("status", str, enum=ReportStatus.values, description="状态"),
        ],
        responses={200: YearlyReportSummarySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(selectors.office_reports(request.user, **_filters(request)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=GenerateRequest, responses={201: YearlyReportSerializer, **error_responses(400, 409)})
    def create(self, request, *args, **kwargs):
        """生成本单位某年度的报告草稿（指标数据取自本年度的记录）。"""
        data = step_data(request, ("body", "year"))
        report = services.generate(actor=request.user, body=data.get("body"), year=data.get("year"))
        return Response(self._out(report.pk), status=201)

    def _out(self, pk):
        found = selectors.visible_report(self.request.user, pk)
        return YearlyReportSerializer(found, context=self.get_serializer_context()).data

    def _step(self, name: str):
        report = selectors.visible_report(self.request.user, self.kwargs["pk"])
        data = step_data(self.request, services.FIELDS[name])
        services.run_step(report, name, actor=self.request.user, data=data)
        return Response(self._out(report.pk))

    @extend_schema(request=REQUESTS["edit"], responses={200: YearlyReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def edit(self, request, pk=None):
        """编写报告各部分（草稿）；未提交的部分不变。"""
        return self._step("edit")

    @extend_schema(request=None, responses={200: YearlyReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def regenerate(self, request, pk=None):
        """按今日的记录重新生成指标数据（草稿）。"""
        return self._step("regenerate")

    @extend_schema(request=None, responses={200: YearlyReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """提交主要负责人审批；指标数据随之固定。"""
        return self._step("submit")

    @extend_schema(request=REQUESTS["return"], responses={200: YearlyReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_for_changes(self, request, pk=None):
        """负责人退回修改。"""
        return self._step("return")

    @extend_schema(request=None, responses={200: YearlyReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """负责人审批同意。"""
        return self._step("approve")

    @extend_schema(request=REQUESTS["send"], responses={200: YearlyReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """报送全部报送对象（平台内单位即时收到通知）。"""
        return self._step("send")

    @extend_schema(request=None, responses={200: YearlyReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """在门户网站向社会公开。"""
        return self._step("publish")

    def _download(self, kind: str):
        return DOWNLOADS[kind][1](selectors.visible_report(self.request.user, self.kwargs["pk"]))

    @extend_schema(responses={DOWNLOADS["docx"][0]: OpenApiTypes.BINARY, **error_responses(404)})
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        """报告的 Word 文档（GB/T 9704）。"""
        return self._download("docx")

    @extend_schema(responses={DOWNLOADS["pdf"][0]: OpenApiTypes.BINARY, **error_responses(404)})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """报告的 PDF。"""
        return self._download("pdf")


class PublicYearlyReportSerializer(YearlyReportSummarySerializer):
    sections = serializers.SerializerMethodField(help_text="报告各部分：标题与正文；指标落实情况见 figures")
    figures = serializers.JSONField()

    @extend_schema_field(
        inline_serializer(
            "PublicYearlyReportPart", {"key": TEXT(), "heading": TEXT(), "text": TEXT(allow_null=True)}, many=True
        )
    )
    def get_sections(self, report):
        return content.sections(report)["parts"]


class PublicYearlyReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已向社会公开的法治政府建设年度报告（意见第四十四条）。"""

    serializer_class = PublicYearlyReportSerializer
    permission_classes = [AllowAny]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.public_reports()

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="单位"),
            OpenApiParameter("year", int, description="年度（四位数字）"),
        ],
        responses={200: PublicYearlyReportSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        filters = _filters(request)
        page = self.paginate_queryset(selectors.public_reports(body=filters["body"], year=filters["year"]))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _download(self, kind: str):
        return DOWNLOADS[kind][1](selectors.public_report(self.kwargs["pk"]))

    @extend_schema(responses={DOWNLOADS["docx"][0]: OpenApiTypes.BINARY, **error_responses(404)})
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        return self._download("docx")

    @extend_schema(responses={DOWNLOADS["pdf"][0]: OpenApiTypes.BINARY, **error_responses(404)})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return self._download("pdf")


TrackingSerializer = inline_serializer(
    "YearlyReportTracking",
    {
        "body": serializers.IntegerField(),
        "body_name": TEXT(),
        "kind": TEXT(help_text=_choices(BodyKind)),
        "report": serializers.IntegerField(allow_null=True, help_text="报告；未编制为空"),
        "status": TEXT(allow_null=True, help_text=_choices(ReportStatus)),
        "due_on": serializers.DateField(),
        "publish_by": serializers.DateField(),
        "sent_on": serializers.DateField(allow_null=True),
        "published_on": serializers.DateField(allow_null=True),
        "standing": TEXT(help_text=_choices(Standing)),
        "standing_label": TEXT(),
    },
    many=True,
)


class TrackingView(APIView):
    """各单位某年度报告的报送情况（本人范围内的单位）。"""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="年度（四位数字）；默认当前应报年度"),
            OpenApiParameter("kind", str, enum=BodyKind.values, description="单位类型"),
        ],
        responses={200: TrackingSerializer, **error_responses(400)},
    )
    def get(self, request):
        params = request.query_params
        year = selectors._year(params["year"]) if params.get("year") else selectors.default_year()
        kind = params.get("kind", "")
        if year is None or (kind and kind not in BodyKind.values):
            errors = {"year": [_("年度应为四位数字。")]} if year is None else {"kind": [_("不是有效的单位类型。")]}
            raise InvalidInput(_("查询条件有误。"), errors=errors)
        rows = selectors.office_tracking(request.user, year=year, kind=kind)
        return Response(
            [
                {
                    "body": row["body"].pk,
                    "body_name": row["body"].name,
                    "kind": row["body"].kind,
                    "report": row["report"].pk if row["report"] else None,
                    "status": row["report"].status if row["report"] else None,
                    "due_on": row["due_on"],
                    "publish_by": row["publish_by"],
                    "sent_on": row["report"].sent_on if row["report"] else None,
                    "published_on": row["report"].published_on if row["report"] else None,
                    "standing": row["standing"],
                    "standing_label": str(row["standing_label"]),
                }
                for row in rows
            ]
        )


ROUTES = [
    ("reports/yearly", YearlyReportViewSet, "yearly-report"),
    ("public/reports/yearly", PublicYearlyReportViewSet, "public-yearly-report"),
]
PATHS = [path("reports/tracking/", TrackingView.as_view(), name="api-reports-tracking")]
