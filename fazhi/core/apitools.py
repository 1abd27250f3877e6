"""What every app's API shares: the error body's schema and the request-data guard."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from fazhi.core.errors import InvalidInput
from fazhi.core.inputs import reject_unknown

ErrorSerializer = inline_serializer(
    "Error",
    {
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
    },
)

_DESCRIPTIONS = {
    400: "提交的内容有误",
    403: "无权操作",
    404: "未找到（或不在您的范围内）",
    409: "当前状态下不能办理，或重复提交",
    429: "提交过于频繁",
}


def error_responses(*statuses: int) -> dict:
    """The documented error answers of an operation, all in the one `{code, detail, errors}` shape."""
    return {code: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[code]) for code in statuses}


def request_data(request) -> dict:
    """The request's fields; a JSON list or scalar body is bad input, not a server error."""
    if not hasattr(request.data, "get"):
        raise InvalidInput(_("提交的内容应为字段与值的集合。"))
    return request.data


def step_data(request, allowed) -> dict:
    """A step's request fields, refused (400) if any is not one the step takes."""
    data = request_data(request)
    reject_unknown(data, allowed)
    return {name: data[name] for name in data}


class TimelineEntrySerializer(serializers.Serializer):
    """One event of a record's history (`fazhi.core.audit.history`)."""

    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    label = serializers.CharField()
    actor = serializers.CharField()
    object = serializers.CharField()


class DueEntrySerializer(serializers.Serializer):
    """A date a record's procedure runs to, with the source of its period."""

    label = serializers.CharField()
    due_on = serializers.DateField()
    source = serializers.CharField()


class HistorySerializer(serializers.Serializer):
    """A record's `history/`: its timeline and its due dates."""

    timeline = TimelineEntrySerializer(many=True)
    due_dates = DueEntrySerializer(many=True)
