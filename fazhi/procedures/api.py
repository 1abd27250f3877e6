"""API for consultations, reviews and meeting records, and the public side of consultations (thin).

Records are started by the subject's module (documents, decisions); here they are read and moved
on. Every queryset starts from `restrict()`; the services check the rest.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.api_submissions import AttachmentSerializer
from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput
from fazhi.core.services import attachments as attachment_services
from fazhi.core.services import submissions as submission_services
from fazhi.procedures import selectors, services, workflow
from fazhi.procedures.choices import CommentDecision
from fazhi.procedures.models import Consultation, ConsultationComment, MeetingRecord, Review, ReviewStage
from fazhi.procedures.submissions import CONSULTATION_COMMENT


class ConsultationSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "body",
            "body_name",
            "title",
            "text",
            "explanation",
            "period",
            "opens_on",
            "closes_on",
            "shortened_reason",
            "status",
            "status_label",
            "opened_at",
            "closed_at",
            "feedback_summary",
            "feedback_published_at",
        ]
        read_only_fields = fields


class CommentSerializer(serializers.ModelSerializer):
    receipt_code = serializers.CharField(source="submission.receipt_code", read_only=True)
    content = serializers.CharField(source="submission.content", read_only=True)
    clause = serializers.CharField(source="submission.subject", read_only=True)
    submitter_name = serializers.CharField(source="submission.submitter_name", read_only=True)
    decision_label = serializers.CharField(source="get_decision_display", read_only=True)

    class Meta:
        model = ConsultationComment
        fields = [
            "id",
            "consultation",
            "receipt_code",
            "clause",
            "content",
            "submitter_name",
            "decision",
            "decision_label",
            "gist",
            "reason",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


DecideRequest = inline_serializer(
    "CommentDecide",
    {
        "decision": serializers.ChoiceField(choices=CommentDecision.choices[1:]),
        "reason": serializers.CharField(required=False, allow_blank=True),
        "gist": serializers.CharField(required=False, allow_blank=True),
    },
)
FeedbackRequest = inline_serializer("FeedbackPublish", {"summary": serializers.CharField(required=False)})


class ConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """公开征求意见（本单位）：发布、截止、公布意见采纳情况。"""

    serializer_class = ConsultationSerializer
    filterset_fields = ["status", "body"]

    def get_queryset(self):
        return Consultation.objects.restrict(self.request.user).select_related("body")

    def _done(self, consultation):
        return Response(self.get_serializer(consultation).data)

    @extend_schema(request=None, responses={200: ConsultationSerializer, **error_responses(403, 404, 409)})
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """发布：期限短于法定最少期限且未说明理由的，拒绝。"""
        return self._done(services.open_consultation(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses={200: ConsultationSerializer, **error_responses(403, 404, 409)})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """截止：期限届满后。"""
        return self._done(services.close_consultation(self.get_object(), actor=request.user))

    @extend_schema(
        request=FeedbackRequest, responses={200: ConsultationSerializer, **error_responses(400, 403, 404, 409)}
    )
    @action(detail=True, methods=["post"], url_path="publish-feedback")
    def publish_feedback(self, request, pk=None):
        """公布意见采纳情况：每条意见都有采纳决定后。"""
        consultation = services.publish_feedback(
            self.get_object(), actor=request.user, summary=request_data(request).get("summary")
        )
        return self._done(consultation)


class CommentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """公众意见及其采纳情况（本单位；含提交人信息，不公开）。"""

    serializer_class = CommentSerializer
    filterset_fields = ["consultation", "decision"]

    def get_queryset(self):
        return ConsultationComment.objects.restrict(self.request.user).select_related("submission")

    @extend_schema(request=DecideRequest, responses={200: CommentSerializer, **error_responses(400, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """采纳、部分采纳或未采纳；后两者须说明理由。"""
        data = request_data(request)
        comment = services.decide_comment(
            self.get_object(),
            actor=request.user,
            decision=data.get("decision"),
            reason=data.get("reason"),
            gist=data.get("gist"),
        )
        return Response(self.get_serializer(comment).data)


class StageSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    outcome = serializers.CharField(read_only=True, help_text="pass 通过 / fail 不通过 / pass_with_changes 修改后通过")
    reviewer_body_name = serializers.CharField(source="reviewer_body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ReviewStage
        fields = [
            "number",
            "reviewer_body",
            "reviewer_body_name",
            "reviewer",
            "status",
            "status_label",
            "started_on",
            "due_on",
            "due_source",
            "shortened_reason",
            "outcome",
            "opinion",
            "issues",
            "concluded_at",
        ]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    stages = StageSerializer(many=True, read_only=True)
    competition_problems = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "body",
            "kind",
            "kind_label",
            "round",
            "previous",
            "title",
            "status",
            "status_label",
            "concluded_at",
            "touches_market_entry",
            "touches_free_movement",
            "touches_production_costs",
            "touches_business_conduct",
            "exceptions",
            "stakeholders_heard",
            "stakeholders_note",
            "government_level",
            "market_regulator_joined",
            "stages",
            "competition_problems",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_competition_problems(self, review) -> list[str]:
        if review.kind != "fair_competition":
            return []
        return workflow.competition_refusals(review)


StageRequest = inline_serializer(
    "ReviewStageStart",
    {
        "due_on": serializers.DateField(required=False, help_text="审查期限；合法性审查一般不少于7个工作日"),
        "shortened_reason": serializers.CharField(required=False),
    },
)
ConcludeRequest = inline_serializer(
    "ReviewStageConclude",
    {
        "outcome": serializers.CharField(help_text="pass 通过 / fail 不通过 / pass_with_changes 修改后通过"),
        "opinion": serializers.CharField(),
        "issues": serializers.ListField(child=serializers.CharField(), required=False),
    },
)
CompetitionRequest = inline_serializer(
    "CompetitionCheck",
    {
        "touches": serializers.DictField(child=serializers.BooleanField(), help_text="四类审查标准是否涉及"),
        "exceptions": serializers.ListField(child=serializers.DictField(), required=False),
        "stakeholders_heard": serializers.BooleanField(),
        "stakeholders_note": serializers.CharField(required=False),
        "market_regulator_joined": serializers.BooleanField(required=False),
    },
)


class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """合法性审查与公平竞争审查：送审单位与各阶段审查单位可见。"""

    serializer_class = ReviewSerializer
    filterset_fields = ["kind", "status", "body"]

    def get_queryset(self):
        return (
            Review.objects.restrict(self.request.user).select_related("body").prefetch_related("stages__reviewer_body")
        )

    def _done(self, review):
        review = self.get_queryset().get(pk=review.pk)
        return Response(self.get_serializer(review).data)

    @extend_schema(request=StageRequest, responses={200: ReviewSerializer, **error_responses(400, 403, 404, 409)})
    @action(detail=True, methods=["post"], url_path="start-stage")
    def start_stage(self, request, pk=None):
        """送下一阶段审查：前一阶段通过后。"""
        data = request_data(request)
        review = self.get_object()
        services.start_next_stage(
            review, actor=request.user, due_on=data.get("due_on"), shortened_reason=data.get("shortened_reason")
        )
        return self._done(review)

    @extend_schema(request=ConcludeRequest, responses={200: ReviewSerializer, **error_responses(400, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """出具审查意见（审查人员）。"""
        data = request_data(request)
        review = self.get_object()
        services.conclude_stage(
            review,
            actor=request.user,
            outcome=data.get("outcome"),
            opinion=data.get("opinion"),
            issues=data.get("issues"),
        )
        return self._done(review)

    @extend_schema(request=CompetitionRequest, responses={200: ReviewSerializer, **error_responses(400, 403, 404, 409)})
    @action(detail=True, methods=["post"], url_path="competition-check")
    def competition_check(self, request, pk=None):
        """公平竞争审查标准逐项审查、例外情形、听取意见情况。"""
        data = request_data(request)
        review = services.record_competition_check(
            self.get_object(),
            actor=request.user,
            touches=data.get("touches"),
            exceptions=data.get("exceptions"),
            stakeholders_heard=data.get("stakeholders_heard", False),
            stakeholders_note=data.get("stakeholders_note"),
            market_regulator_joined=data.get("market_regulator_joined", False),
        )
        return self._done(review)

    @extend_schema(request=StageRequest, responses={200: ReviewSerializer, **error_responses(400, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        """审查未通过的，修改后重新报送（新一轮）。"""
        data = request_data(request)
        review = services.resubmit_review(
            self.get_object(),
            actor=request.user,
            due_on=data.get("due_on"),
            shortened_reason=data.get("shortened_reason"),
        )
        return self._done(review)


class MeetingSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    outcome = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="agreed 同意 / agreed_in_principle 原则同意 / rejected 不同意 / deferred 暂缓",
    )
    meeting_kind_label = serializers.CharField(source="get_meeting_kind_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    has_quorum = serializers.BooleanField(read_only=True)

    class Meta:
        model = MeetingRecord
        fields = [
            "id",
            "body",
            "meeting_kind",
            "meeting_kind_label",
            "session",
            "held_on",
            "presided_by",
            "agenda_item",
            "entitled_members",
            "attendees",
            "has_quorum",
            "outcome",
            "outcome_label",
            "conclusion",
            "dissent",
            "status",
            "status_label",
            "signed_at",
        ]
        read_only_fields = ["id", "body", "status", "signed_at"]


MinutesRequest = inline_serializer(
    "MeetingMinutesUpload",
    {"file": serializers.FileField(help_text="会议纪要文件：PDF、OFD、Word、Excel、JPEG、PNG 或纯文本")},
)


class MeetingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """集体讨论记录：签署前可修改，签署后锁定。"""

    serializer_class = MeetingSerializer
    filterset_fields = ["status", "meeting_kind", "body"]
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return MeetingRecord.objects.restrict(self.request.user).select_related("body")

    @extend_schema(responses={200: MeetingSerializer, **error_responses(400, 403, 404, 409)})
    def partial_update(self, request, *args, **kwargs):
        """修改（签署后拒绝，409）。"""
        data = request_data(request)
        fields = {name: data[name] for name in services.MEETING_FIELDS if name in data}
        record = services.update_meeting(self.get_object(), actor=request.user, **fields)
        return Response(self.get_serializer(record).data)

    @extend_schema(request=None, responses={200: MeetingSerializer, **error_responses(403, 404, 409)})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        """签署：须有讨论结果、过半数出席和会议纪要。"""
        return Response(self.get_serializer(services.sign_meeting(self.get_object(), actor=request.user)).data)

    @extend_schema(
        methods=["GET"], request=None, responses={200: AttachmentSerializer(many=True), **error_responses(404)}
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": MinutesRequest},
        responses={201: AttachmentSerializer, **error_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["get", "post"])
    def minutes(self, request, pk=None):
        """会议纪要：签署前上传（签署须有会议纪要），签署后拒绝（409）；文件类型按内容判断，大小有上限。"""
        record = self.get_object()
        if request.method == "GET":
            return Response(AttachmentSerializer(attachment_services.attachments_of(record), many=True).data)
        uploaded = request.FILES.get("file") if hasattr(request.FILES, "get") else None
        if uploaded is None:
            message = _("请选择会议纪要文件。")
            raise InvalidInput(message, errors={"file": [message]})
        attachment = services.attach_minutes(record, uploaded, actor=request.user)
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class PublicConsultationSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    body_name = serializers.CharField(source="body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    feedback = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "body_name",
            "title",
            "text",
            "explanation",
            "opens_on",
            "closes_on",
            "shortened_reason",
            "status",
            "status_label",
            "feedback_published_at",
            "feedback",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_feedback(self, consultation) -> dict | None:
        if consultation.status != "feedback_published":
            return None
        return selectors.feedback_statement(consultation)


CommentRequest = inline_serializer(
    "PublicComment",
    {
        "subject": serializers.CharField(max_length=200, help_text="针对的条款或内容"),
        "content": serializers.CharField(min_length=5, max_length=5000),
        "submitter_name": serializers.CharField(max_length=50),
        "submitter_phone": serializers.CharField(required=False, allow_blank=True),
        "submitter_email": serializers.CharField(required=False, allow_blank=True),
    },
)
CommentReceipt = inline_serializer(
    "PublicCommentReceipt",
    {
        "receipt_code": serializers.CharField(),
        "secret": serializers.CharField(),
        "created_at": serializers.DateTimeField(),
    },
)


class PublicConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """公开征求意见（公众，无需登录）：征求意见中的草案和已公布的意见采纳情况。"""

    serializer_class = PublicConsultationSerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        return selectors.public_consultations()

    @extend_schema(request=CommentRequest, responses={201: CommentReceipt, **error_responses(400, 404, 409, 429)})
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        """发表意见：仅在征求意见期间；返回回执编号和只显示一次的查询码。"""
        receipt = submission_services.submit(
            CONSULTATION_COMMENT,
            request_data(request),
            client_ip=submission_services.client_ip(request),
            target=pk,
        )
        return Response(
            {
                "receipt_code": receipt.receipt_code,
                "secret": receipt.secret,
                "created_at": receipt.submission.created_at,
            },
            status=status.HTTP_201_CREATED,
            headers={"Cache-Control": "no-store"},
        )


ROUTES = [
    ("consultations", ConsultationViewSet, "consultation"),
    ("consultation-comments", CommentViewSet, "consultation-comment"),
    ("reviews", ReviewViewSet, "review"),
    ("meetings", MeetingViewSet, "meeting"),
    ("public/consultations", PublicConsultationViewSet, "public-consultation"),
]
PATHS = []
