"""Public API: what anyone may submit and track without logging in (thin: services do the work)."""

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses, request_data
from fazhi.core.choices import SubmissionStatus
from fazhi.core.services import submissions as submission_services


class PublicSubmissionSerializer(serializers.Serializer):
    """For the schema: the service checks every field (types, lengths, the body) itself."""

    kind = serializers.CharField(
        help_text="事项类别：" + "；".join(f"{kind.key}（{kind.label}）" for kind in submission_services.kinds())
    )
    body = serializers.IntegerField(
        required=False, help_text="受理单位编号（须为现存单位）；按事项内容分派的类别（如投诉举报）不填"
    )
    subject = serializers.CharField(max_length=200, help_text="标题")
    content = serializers.CharField(min_length=5, max_length=5000, help_text="内容")
    submitter_name = serializers.CharField(max_length=50, help_text="姓名")
    submitter_phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, help_text="联系电话（选填）"
    )
    submitter_email = serializers.EmailField(required=False, allow_blank=True, help_text="电子邮箱（选填）")


class PublicSubmissionUploadSerializer(PublicSubmissionSerializer):
    attachments = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=submission_services.MAX_ATTACHMENTS,
        help_text="附件（选填，最多 3 个；PDF、OFD、Word、Excel、JPG、PNG 或纯文本）",
    )


ReceiptSerializer = inline_serializer(
    "SubmissionReceipt",
    {
        "receipt_code": serializers.CharField(help_text="回执编号"),
        "secret": serializers.CharField(help_text="查询码：只返回这一次，平台只保存其摘要"),
        "kind": serializers.CharField(),
        "status": serializers.CharField(),
        "created_at": serializers.DateTimeField(),
    },
)
StatusRequestSerializer = inline_serializer(
    "SubmissionStatusQuery",
    {"receipt_code": serializers.CharField(), "secret": serializers.CharField()},
)


class StatusLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    text = serializers.CharField()


class PublicStatusSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    body_name = serializers.CharField()
    subject = serializers.CharField(help_text="标题（个人信息已遮蔽）")
    submitter_name = serializers.CharField(help_text="提交人（已遮蔽）")
    status = serializers.ChoiceField(choices=SubmissionStatus.choices)
    status_label = serializers.CharField()
    created_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    replied_at = serializers.DateTimeField(allow_null=True)
    reply = serializers.CharField(allow_blank=True)
    rejected_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField(allow_blank=True)
    lines = StatusLineSerializer(many=True, help_text="该类事项的办理信息（如法定期限、答复类型）")


class PublicSubmissionView(APIView):
    """公众提交（无需登录）：返回回执编号和只显示一次的查询码。"""

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={
            "application/json": PublicSubmissionSerializer,
            "multipart/form-data": PublicSubmissionUploadSerializer,
        },
        responses={201: ReceiptSerializer, **error_responses(400, 409, 429)},
    )
    def post(self, request):
        data = request_data(request)
        kind = submission_services.kind_from_input(data.get("kind"))
        files = request.FILES.getlist("attachments") if hasattr(request.FILES, "getlist") else []
        receipt = submission_services.submit(
            kind,
            data,
            client_ip=submission_services.client_ip(request),
            body=data.get("body"),
            files=files,
        )
        submission = receipt.submission
        return Response(
            {
                "receipt_code": submission.receipt_code,
                "secret": receipt.secret,
                "kind": submission.kind,
                "status": submission.status,
                "created_at": submission.created_at,
            },
            status=status.HTTP_201_CREATED,
            headers={"Cache-Control": "no-store"},
        )


class PublicSubmissionStatusView(APIView):
    """凭回执编号和查询码查询办理进度；编号与查询码不符时一律返回 404。"""

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=StatusRequestSerializer,
        responses={200: PublicStatusSerializer, **error_responses(400, 404)},
    )
    def post(self, request):
        data = request_data(request)
        submission = submission_services.find_by_receipt(data.get("receipt_code"), data.get("secret"))
        return Response(
            PublicStatusSerializer(submission_services.public_status(submission)).data,
            headers={"Cache-Control": "no-store"},
        )


ROUTES = []
PATHS = [
    path("public/submissions/", PublicSubmissionView.as_view(), name="api-public-submission"),
    path("public/submissions/status/", PublicSubmissionStatusView.as_view(), name="api-public-submission-status"),
]
