"""API for normative documents: the office's drafts and steps, evaluations, and the public registry (thin).

Every queryset starts from `restrict()` (the registry from `published()`); the services check
the rest and refuse with the same Chinese messages as the pages.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import HistorySerializer, error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.documents import selectors, services, workflow
from fazhi.documents.choices import DocumentKind, PublicStatus
from fazhi.documents.filing_api import FilingViewSet, IncidentalReviewViewSet
from fazhi.documents.models import InterpretationFile, NormativeDocument, ValidityEvaluation
from fazhi.procedures.api import MeetingSerializer
from fazhi.procedures.choices import MeetingKind, MeetingOutcome


class ActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


DOCUMENT_FIELDS = [
    "id",
    "kind",
    "body",
    "body_name",
    "government",
    "title",
    "doc_number",
    "registration_number",
    "status",
    "status_label",
    "public_status",
    "text",
    "drafting_note",
    "is_policy_document",
    "interpretation",
    "touches_market",
    "is_provisional",
    "long_term",
    "long_term_reason",
    "occurred_on",
    "effective_on",
    "expires_on",
    "published_on",
    "amended_on",
    "repealed_on",
    "end_reason",
    "amended_by",
    "replaces",
    "is_legacy",
    "created_at",
    "updated_at",
]


class DocumentSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    public_status = serializers.SerializerMethodField(help_text="门户显示的效力（按日期推定）；未发布为空")
    actions = serializers.SerializerMethodField()

    class Meta:
        model = NormativeDocument
        fields = [*DOCUMENT_FIELDS, "actions"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_public_status(self, document) -> str | None:
        return document.public_status()

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, document) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in workflow.actions(document, user)
        ]


DraftRequest = inline_serializer(
    "NormativeDocumentDraft",
    {
        "body": serializers.IntegerField(help_text="起草单位（仅创建时）"),
        "kind": serializers.ChoiceField(choices=DocumentKind.choices),
        "title": serializers.CharField(),
        "text": serializers.CharField(required=False),
        "drafting_note": serializers.CharField(required=False),
        "doc_number": serializers.CharField(required=False, help_text="发文字号，如 江府规〔2026〕3号"),
        "is_policy_document": serializers.BooleanField(required=False),
        "interpretation": serializers.CharField(required=False),
        "touches_market": serializers.BooleanField(required=False),
        "is_provisional": serializers.BooleanField(required=False),
        "long_term": serializers.BooleanField(required=False),
        "long_term_reason": serializers.CharField(required=False),
        "occurred_on": serializers.DateField(required=False, allow_null=True),
        "effective_on": serializers.DateField(required=False, allow_null=True),
        "expires_on": serializers.DateField(required=False, allow_null=True),
        "replaces": serializers.IntegerField(required=False, allow_null=True),
    },
)
ConsultationRequest = inline_serializer(
    "NormativeDocumentConsultation",
    {
        "closes_on": serializers.DateField(help_text="截止日期，不得短于法定最少期限"),
        "shortened_reason": serializers.CharField(required=False),
    },
)
PublishRequest = inline_serializer(
    "NormativeDocumentPublish",
    {
        "effective_on": serializers.DateField(required=False),
        "expires_on": serializers.DateField(required=False),
    },
)
ReasonRequest = inline_serializer("NormativeDocumentReason", {"reason": serializers.CharField()})
MeetingRequest = inline_serializer(
    "NormativeDocumentMeeting",
    {
        "meeting_kind": serializers.ChoiceField(choices=MeetingKind.choices),
        "session": serializers.CharField(help_text="会议名称，如 2026年第3次局务会议"),
        "held_on": serializers.DateField(help_text="会议日期，不得晚于今天"),
        "presided_by": serializers.CharField(required=False),
        "agenda_item": serializers.CharField(),
        "entitled_members": serializers.ListField(child=serializers.CharField(), help_text="应出席人员"),
        "attendees": serializers.ListField(child=serializers.CharField(), help_text="实际出席人员"),
        "outcome": serializers.ChoiceField(choices=MeetingOutcome.choices, required=False),
        "conclusion": serializers.CharField(required=False),
        "dissent": serializers.CharField(required=False),
    },
)
FileRequest = inline_serializer("NormativeDocumentInterpretationFile", {"file": serializers.FileField()})


class InterpretationFileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="attachment.original_name", read_only=True)
    media_type = serializers.CharField(source="attachment.media_type", read_only=True)
    size = serializers.IntegerField(source="attachment.size", read_only=True)
    sha256 = serializers.CharField(source="attachment.sha256", read_only=True)

    class Meta:
        model = InterpretationFile
        fields = ["id", "name", "media_type", "size", "sha256", "created_at"]
        read_only_fields = fields


STEP_ERRORS = error_responses(400, 403, 404, 409)


class DocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """行政规范性文件：起草单位、统一登记的法制机构与政府办公室可见；每一步由服务办理并校验。"""

    serializer_class = DocumentSerializer
    filterset_fields = ["kind", "status", "body"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return NormativeDocument.objects.restrict(self.request.user).select_related("body", "government")

    def _done(self, document, code=status.HTTP_200_OK):
        document = self.get_queryset().get(pk=document.pk)
        return Response(self.get_serializer(document).data, status=code)

    @extend_schema(request=DraftRequest, responses={201: DocumentSerializer, **error_responses(400, 403, 404, 409)})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body_id = data.pop("body", None)
        if isinstance(body_id, bool) or not isinstance(body_id, int | str) or not str(body_id).isdigit():
            raise InvalidInput("请指定起草单位。", errors={"body": ["请指定起草单位。"]})
        body = Body.objects.filter(pk=int(body_id)).first()
        if body is None:
            raise NotFound("未找到该单位。")
        document = services.create_draft(actor=request.user, body=body, **data)
        return self._done(document, status.HTTP_201_CREATED)

    @extend_schema(request=DraftRequest, responses={200: DocumentSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        document = self.get_object()
        data = dict(request_data(request))
        data.pop("body", None)
        return self._done(services.update_draft(document, actor=request.user, **data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses={200: HistorySerializer})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """办理记录（审计链）与各项期限。"""
        document = self.get_object()
        found = selectors.procedures_of(document)
        return Response(
            {"timeline": selectors.timeline(document, found), "due_dates": selectors.due_dates(document, found)}
        )

    @extend_schema(request=ConsultationRequest, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="start-consultation")
    def start_consultation(self, request, pk=None):
        data = request_data(request)
        document = services.start_consultation(
            self.get_object(),
            actor=request.user,
            closes_on=data.get("closes_on"),
            shortened_reason=data.get("shortened_reason"),
        )
        return self._done(document)

    def _step(self, run):
        return self._done(run(self.get_object(), actor=self.request.user))

    @extend_schema(request=None, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="submit-competition-review")
    def submit_competition_review(self, request, pk=None):
        return self._step(services.submit_competition_review)

    @extend_schema(request=None, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="submit-legality-review")
    def submit_legality_review(self, request, pk=None):
        """报送合法性审查，同时由同级政府法制机构统一登记。"""
        return self._step(services.submit_legality_review)

    @extend_schema(request=None, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="conclude-review")
    def conclude_review(self, request, pk=None):
        return self._step(services.conclude_review)

    @extend_schema(request=None, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="record-decision")
    def record_decision(self, request, pk=None):
        return self._step(services.record_decision)

    @extend_schema(request=MeetingRequest, responses={201: MeetingSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def meeting(self, request, pk=None):
        """记录集体讨论（合法性审查通过后）；会议纪要与签署在 /api/v1/meetings/{id}/ 办理。"""
        data = request_data(request)
        record = services.record_meeting(self.get_object(), actor=request.user, **{name: data[name] for name in data})
        return Response(MeetingSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], request=None, responses={200: InterpretationFileSerializer(many=True), **error_responses(404)}
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": FileRequest},
        responses={201: InterpretationFileSerializer, **STEP_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], url_path="interpretation-files")
    def interpretation_files(self, request, pk=None):
        """解读材料文件：发布前上传，与文件同步发布（意见第二十八条）。"""
        document = self.get_object()
        if request.method == "GET":
            items = document.interpretation_files.select_related("attachment")
            return Response(InterpretationFileSerializer(items, many=True).data)
        uploaded = request.FILES.get("file") if hasattr(request.FILES, "get") else None
        if uploaded is None:
            message = _("请选择解读材料文件。")
            raise InvalidInput(message, errors={"file": [message]})
        item = services.attach_interpretation_file(document, uploaded, actor=request.user)
        return Response(InterpretationFileSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def number(self, request, pk=None):
        """统一编号：政府规范性文件由政府办公室、部门规范性文件由法制机构编登记号。"""
        return self._step(services.assign_number)

    @extend_schema(request=PublishRequest, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """统一发布（政府办公室）：政策性文件须同步发布解读材料；有效期不得超过上限。"""
        data = request_data(request)
        document = services.publish(
            self.get_object(),
            actor=request.user,
            effective_on=data.get("effective_on"),
            expires_on=data.get("expires_on"),
        )
        return self._done(document)

    @extend_schema(request=ReasonRequest, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def repeal(self, request, pk=None):
        document = services.repeal(self.get_object(), actor=request.user, reason=request_data(request).get("reason"))
        return self._done(document)

    @extend_schema(request=ReasonRequest, responses={200: DocumentSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        document = services.withdraw(self.get_object(), actor=request.user, reason=request_data(request).get("reason"))
        return self._done(document)


class InterpretationFileViewSet(mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """解读材料文件：随文件可见；发布前起草单位可删除，发布后已随文件公开，不能删除（409）。

    文件的列表与上传在 /api/v1/documents/{id}/interpretation-files/。
    """

    serializer_class = InterpretationFileSerializer

    def get_queryset(self):
        return InterpretationFile.objects.filter(
            document__in=NormativeDocument.objects.restrict(self.request.user)
        ).select_related("attachment", "document__body")

    @extend_schema(responses={200: InterpretationFileSerializer, **error_responses(404)})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(responses={204: None, **error_responses(403, 404, 409)})
    def destroy(self, request, *args, **kwargs):
        """删除（仅发布前，限可修改草稿的人员）。"""
        services.remove_interpretation_file(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EvaluationSerializer(serializers.ModelSerializer):
    decision_label = serializers.CharField(source="get_decision_display", read_only=True)
    document_title = serializers.CharField(source="document.title", read_only=True)

    class Meta:
        model = ValidityEvaluation
        fields = [
            "id",
            "document",
            "document_title",
            "body",
            "for_expiry",
            "due_on",
            "opened_on",
            "decision",
            "decision_label",
            "new_expires_on",
            "reason",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields


DecideRequest = inline_serializer(
    "ValidityEvaluationDecide",
    {
        "decision": serializers.CharField(help_text="continue 继续有效 / amend 修改 / repeal 废止"),
        "reason": serializers.CharField(),
        "new_expires_on": serializers.DateField(required=False, help_text="继续有效时的新有效期"),
    },
)


class EvaluationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """有效期届满前的评估（意见第九条）：本单位可见、可作出结论。"""

    serializer_class = EvaluationSerializer
    filterset_fields = ["decision", "body"]

    def get_queryset(self):
        return (
            ValidityEvaluation.objects.restrict(self.request.user).select_related("document").order_by("due_on", "id")
        )

    @extend_schema(request=DecideRequest, responses={200: EvaluationSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = request_data(request)
        evaluation = services.decide_evaluation(
            self.get_object(),
            actor=request.user,
            decision=data.get("decision"),
            reason=data.get("reason"),
            new_expires_on=data.get("new_expires_on"),
        )
        return Response(self.get_serializer(evaluation).data)


class PublicDocumentSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    public_status = serializers.SerializerMethodField(
        help_text="valid 有效 / expired 失效 / repealed 已废止 / amended 已修改 / not_yet_effective 尚未施行"
    )
    public_status_label = serializers.SerializerMethodField()
    interpretation_files = serializers.SerializerMethodField(help_text="与文件同步发布的解读材料文件及其下载地址")

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "kind",
            "kind_label",
            "body",
            "body_name",
            "title",
            "doc_number",
            "registration_number",
            "public_status",
            "public_status_label",
            "published_on",
            "effective_on",
            "expires_on",
            "long_term",
            "repealed_on",
            "amended_by",
            "replaces",
            "text",
            "interpretation",
            "interpretation_files",
        ]
        read_only_fields = fields

    @extend_schema_field(
        inline_serializer(
            "PublicInterpretationFile",
            {"name": serializers.CharField(), "media_type": serializers.CharField(), "url": serializers.CharField()},
            many=True,
        )
    )
    def get_interpretation_files(self, document) -> list[dict]:
        return [
            {
                "name": item.attachment.original_name,
                "media_type": item.attachment.media_type,
                "url": reverse("documents:public-interpretation-file", args=[item.pk]),
            }
            for item in document.interpretation_files.all()
        ]

    def get_public_status(self, document) -> str:
        return document.public_status() or ""

    def get_public_status_label(self, document) -> str:
        return document.public_status_label()


class PublicDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """规范性文件库（公开）：只有已发布的文件；可按检索词、制定单位、年度、类别和效力查询。"""

    serializer_class = PublicDocumentSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return (
            NormativeDocument.objects.published()
            .select_related("body")
            .prefetch_related("interpretation_files__attachment")
            .order_by("-published_on", "-id")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="检索词（全文检索）"),
            OpenApiParameter("body", int, description="制定单位"),
            OpenApiParameter("year", int, description="发布年度"),
            OpenApiParameter("kind", str, enum=DocumentKind.values, description="文件类别"),
            OpenApiParameter("status", str, enum=PublicStatus.values, description="效力"),
        ],
        responses={200: PublicDocumentSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        errors = {}
        year = params.get("year", "")
        body_id = params.get("body", "")
        if year and not (year.isdigit() and len(year) == 4):
            errors["year"] = ["应为四位年份。"]
        if body_id and not (body_id.isdigit() and len(body_id) <= 9):
            errors["body"] = ["应为整数。"]
        kind, public_status = params.get("kind", ""), params.get("status", "")
        if kind and kind not in DocumentKind.values:
            errors["kind"] = ["不是有效的文件类别。"]
        if public_status and public_status not in PublicStatus.values:
            errors["status"] = ["不是有效的效力状态。"]
        if errors:
            raise InvalidInput("查询条件有误。", errors=errors)
        body = Body.objects.filter(pk=int(body_id)).first() if body_id else None
        documents = selectors.public_documents(
            today=timezone.localdate(),
            query=params.get("q", "").strip(),
            body=body,
            year=int(year) if year else None,
            kind=kind,
            status=public_status,
        )
        if body_id and body is None:
            documents = []
        page = self.paginate_queryset(documents)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ROUTES = [
    ("documents", DocumentViewSet, "document"),
    ("document-evaluations", EvaluationViewSet, "document-evaluation"),
    ("document-interpretation-files", InterpretationFileViewSet, "document-interpretation-file"),
    ("public/documents", PublicDocumentViewSet, "public-document"),
    ("filings", FilingViewSet, "filing"),
    ("incidental-reviews", IncidentalReviewViewSet, "incidental-review"),
]
PATHS = []
