"""Office API for public submissions: the handling body's list, detail and workflow (thin)."""

import django_filters
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.apitools import error_responses
from fazhi.core.choices import SubmissionStatus
from fazhi.core.models import Attachment, PublicSubmission
from fazhi.core.services import attachments as attachment_services
from fazhi.core.services import submissions as submission_services


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "media_type", "size", "sha256", "created_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        return reverse("core:attachment-download", args=[attachment.pk])


class SubmissionSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    submitter_email = serializers.CharField(read_only=True, help_text="电子邮箱（未填写时为空串）")

    class Meta:
        model = PublicSubmission
        fields = [
            "id",
            "receipt_code",
            "kind",
            "kind_label",
            "body",
            "body_name",
            "status",
            "status_label",
            "subject",
            "content",
            "submitter_name",
            "submitter_phone",
            "submitter_email",
            "details",
            "reply",
            "rejection_reason",
            "created_at",
            "accepted_at",
            "replied_at",
            "rejected_at",
        ]
        read_only_fields = fields

    def get_kind_label(self, submission) -> str:
        return submission_services.kind_label(submission.kind)

    def to_representation(self, submission):
        """Who submitted, and what else they told about themselves, for the handling body only."""
        data = super().to_representation(submission)
        user = self.context["request"].user
        data.update(submission_services.masked_identity(user, submission))
        if not submission_services.identity_visible(user, submission):
            data["details"] = {}
        return data


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


class SubmissionDetailSerializer(SubmissionSerializer):
    attachments = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "attachments", "transitions"]
        read_only_fields = fields

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, submission) -> list[dict]:
        return AttachmentSerializer(attachment_services.attachments_of(submission), many=True).data

    @extend_schema_field(TransitionSerializer(many=True))
    def get_transitions(self, submission) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": t.name, "label": str(t.label)} for t in submission_services.available_transitions(submission, user)
        ]


class SubmissionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)
    kind = django_filters.CharFilter()

    class Meta:
        model = PublicSubmission
        fields = ["status", "kind", "body"]


AnswerRequest = inline_serializer("SubmissionAnswer", {"reply": serializers.CharField(max_length=10000)})
RejectRequest = inline_serializer("SubmissionReject", {"reason": serializers.CharField(max_length=10000)})


class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """公众提交事项：受理单位查阅并办理（受理、答复、不予受理）；提交人个人信息仅受理单位可见。"""

    filterset_class = SubmissionFilter

    def get_queryset(self):
        return PublicSubmission.objects.restrict(self.request.user).select_related("body")

    def get_serializer_class(self):
        return SubmissionSerializer if self.action == "list" else SubmissionDetailSerializer

    def _run(self, request, name: str, text=None):
        submission = submission_services.run_transition(self.get_object(), name, actor=request.user, text=text)
        return Response(SubmissionDetailSerializer(submission, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses={200: SubmissionDetailSerializer, **error_responses(403, 404, 409)})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """受理。"""
        return self._run(request, "accept")

    @extend_schema(
        request=AnswerRequest, responses={200: SubmissionDetailSerializer, **error_responses(400, 403, 404, 409)}
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """答复：答复内容不能为空。"""
        return self._run(request, "answer", _field(request, "reply"))

    @extend_schema(
        request=RejectRequest, responses={200: SubmissionDetailSerializer, **error_responses(400, 403, 404, 409)}
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """不予受理：须写明理由。"""
        return self._run(request, "reject", _field(request, "reason"))


def _field(request, name: str):
    data = request.data
    return data.get(name) if hasattr(data, "get") else None
