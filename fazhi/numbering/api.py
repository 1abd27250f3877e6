"""API for numbering under /api/v1/numbering/ (thin: the services check, number and audit).

The writing endpoints take the format's or the number's id in the body, not the URL: a format
outside the user's sight is 404, one they see but may not number with is 403.
"""

import django_filters
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.numbering import services
from fazhi.numbering.choices import NumberStatus
from fazhi.numbering.models import IssuedNumber, NumberFormat

MAX_ID = 2**63 - 1


class NumberFormatSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    example = serializers.SerializerMethodField()

    class Meta:
        model = NumberFormat
        fields = [
            "id",
            "body",
            "body_name",
            "kind",
            "kind_label",
            "name",
            "prefix",
            "pattern",
            "yearly",
            "is_active",
            "example",
        ]
        read_only_fields = fields

    def get_example(self, number_format) -> str:
        return number_format.example()


class IssuedNumberSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    format_name = serializers.CharField(source="format.name", read_only=True)

    class Meta:
        model = IssuedNumber
        fields = [
            "id",
            "format",
            "format_name",
            "year",
            "serial",
            "text",
            "status",
            "status_label",
            "object_id",
            "note",
            "issued_at",
            "void_reason",
            "voided_at",
        ]
        read_only_fields = fields


class NumberFormatViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """编号格式：本人可见单位的格式（发文字号、登记号、政府令序号）。"""

    serializer_class = NumberFormatSerializer
    filterset_fields = ["body", "kind", "is_active"]

    def get_queryset(self):
        return NumberFormat.objects.restrict(self.request.user).select_related("body")


class IssuedNumberFilter(django_filters.FilterSet):
    # Not `format`: DRF reads ?format= as the choice of renderer.
    number_format = django_filters.NumberFilter(field_name="format", help_text="编号格式的 id")
    status = django_filters.ChoiceFilter(choices=NumberStatus.choices)

    class Meta:
        model = IssuedNumber
        fields = ["number_format", "year", "status"]


class IssuedNumberViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """编号记录：已编号、已作废与预留的历史文号，永不删除。"""

    serializer_class = IssuedNumberSerializer
    filterset_class = IssuedNumberFilter

    def get_queryset(self):
        return IssuedNumber.objects.restrict(self.request.user).select_related("format")


def _visible(queryset, user, pk: int):
    """The record among those the user sees: another body's is 404, so that ids do not leak."""
    record = queryset.restrict(user).filter(pk=pk).first()
    if record is None:
        raise NotFound()
    return record


def _id_field(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text)


class IssueRequestSerializer(serializers.Serializer):
    format = _id_field("编号格式的 id")
    year = serializers.IntegerField(required=False, min_value=1, max_value=9999, help_text="年度，默认为本年")
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class VoidRequestSerializer(serializers.Serializer):
    number = _id_field("编号记录的 id")
    reason = serializers.CharField(max_length=2000)


class ReserveRequestSerializer(serializers.Serializer):
    format = _id_field("编号格式的 id")
    text = serializers.CharField(max_length=200, help_text="历史文件的编号，如 江府规〔2019〕5号")
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ValidateRequestSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200, trim_whitespace=False, help_text="发文字号，如 江府规〔2026〕3号")


class NumberPartsSerializer(serializers.Serializer):
    text = serializers.CharField()
    prefix = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    serial = serializers.IntegerField()


def _data(serializer_class, request) -> dict:
    if not hasattr(request.data, "get"):
        raise InvalidInput(_("请求体应为 JSON 对象。"))
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class IssueView(APIView):
    """以某一编号格式取下一个编号（发文字号、登记号或政府令序号）。"""

    @extend_schema(
        request=IssueRequestSerializer,
        responses={201: IssuedNumberSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request):
        data = _data(IssueRequestSerializer, request)
        number_format = _visible(NumberFormat.objects.select_related("body"), request.user, data["format"])
        number = services.issue_number(number_format, data.get("year"), actor=request.user, note=data.get("note", ""))
        return Response(IssuedNumberSerializer(number).data, status=201)


class VoidView(APIView):
    """作废一个已给出的编号：留存记录（谁、何时、为何），编号不再使用。"""

    @extend_schema(
        request=VoidRequestSerializer,
        responses={200: IssuedNumberSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request):
        data = _data(VoidRequestSerializer, request)
        number = _visible(IssuedNumber.objects.select_related("format"), request.user, data["number"])
        number = services.void_number(number, actor=request.user, reason=data["reason"])
        return Response(IssuedNumberSerializer(number).data)


class ReserveView(APIView):
    """登记历史文件的编号为预留，此后编号时跳过。"""

    @extend_schema(
        request=ReserveRequestSerializer,
        responses={201: IssuedNumberSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request):
        data = _data(ReserveRequestSerializer, request)
        number_format = _visible(NumberFormat.objects.select_related("body"), request.user, data["format"])
        number = services.reserve_number(number_format, data["text"], actor=request.user, note=data.get("note", ""))
        return Response(IssuedNumberSerializer(number).data, status=201)


class ValidateView(APIView):
    """校验录入的发文字号（GB/T 9704-2012 第 7.2.5 条），返回机关代字、年份与序号。"""

    @extend_schema(request=ValidateRequestSerializer, responses={200: NumberPartsSerializer, **error_responses(400)})
    def post(self, request):
        data = _data(ValidateRequestSerializer, request)
        parts = services.validate_doc_number(data["text"])
        return Response(NumberPartsSerializer(parts.as_dict()).data)


ROUTES = [
    ("numbering/formats", NumberFormatViewSet, "numbering-format"),
    ("numbering/numbers", IssuedNumberViewSet, "numbering-number"),
]
PATHS = [
    path("numbering/issue/", IssueView.as_view(), name="api-numbering-issue"),
    path("numbering/void/", VoidView.as_view(), name="api-numbering-void"),
    path("numbering/reserve/", ReserveView.as_view(), name="api-numbering-reserve"),
    path("numbering/validate/", ValidateView.as_view(), name="api-numbering-validate"),
]
