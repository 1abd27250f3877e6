"""One error contract for the API, the pages and the commands.

API: HTTP 400/403/404/409 (and 429 for rate limits) with `{code, detail, errors}`.
Pages: the same Chinese message on an error page with the same status.
Services raise the exceptions below; nothing a user can send ends in a 500.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import exceptions as drf_exceptions
from rest_framework import status
from rest_framework.response import Response

logger = logging.getLogger(__name__)


class FazhiError(Exception):
    status_code = 400
    code = "invalid"
    default_detail = gettext_noop("请求有误。")

    def __init__(self, detail: str | None = None, *, errors: dict | None = None, code: str | None = None):
        self.detail = detail or _(self.default_detail)
        self.errors = errors or {}
        if code:
            self.code = code
        super().__init__(self.detail)

    def as_dict(self) -> dict:
        return {"code": self.code, "detail": str(self.detail), "errors": self.errors}


class InvalidInput(FazhiError):
    status_code = 400
    code = "invalid"
    default_detail = gettext_noop("提交的内容有误，请检查后重试。")


class Forbidden(FazhiError):
    status_code = 403
    code = "forbidden"
    default_detail = gettext_noop("您没有进行此操作的权限。")


class NotFound(FazhiError):
    status_code = 404
    code = "not_found"
    default_detail = gettext_noop("未找到该记录。")


class Conflict(FazhiError):
    """The record is not in a state that allows this: a refused transition, a duplicate."""

    status_code = 409
    code = "conflict"
    default_detail = gettext_noop("当前状态下不能进行此操作。")


class TooManyRequests(FazhiError):
    status_code = 429
    code = "rate_limited"
    default_detail = gettext_noop("提交过于频繁，请稍后再试。")

    def __init__(self, detail: str | None = None, *, retry_after: int | None = None, **kwargs):
        super().__init__(detail, **kwargs)
        self.retry_after = retry_after


def _with_retry_after(response, exc):
    if getattr(exc, "retry_after", None):
        response["Retry-After"] = str(int(exc.retry_after))
    return response


def errors_from_validation(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


def invalid_from_validation(exc: DjangoValidationError) -> InvalidInput:
    errors = errors_from_validation(exc)
    first = next(iter(errors.values()))[0] if errors else None
    return InvalidInput(first, errors=errors)


def _flatten_drf(detail) -> dict:
    if isinstance(detail, dict):
        return {
            key: [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {}


_DRF_MESSAGES = {
    400: ("invalid", gettext_noop("提交的内容有误，请检查后重试。")),
    401: ("not_authenticated", gettext_noop("请先登录。")),
    403: ("forbidden", gettext_noop("您没有进行此操作的权限。")),
    404: ("not_found", gettext_noop("未找到该记录。")),
    405: ("method_not_allowed", gettext_noop("不支持该请求方法。")),
    406: ("not_acceptable", gettext_noop("无法提供所请求的格式。")),
    409: ("conflict", gettext_noop("当前状态下不能进行此操作。")),
    413: ("too_large", gettext_noop("提交的内容过大。")),
    415: ("unsupported_media_type", gettext_noop("不支持该内容类型。")),
    429: ("rate_limited", gettext_noop("请求过于频繁，请稍后再试。")),
}


def api_exception_handler(exc, context):
    """DRF's handler, reshaped to the one contract and extended to our exceptions."""
    if isinstance(exc, FazhiError):
        return _with_retry_after(Response(exc.as_dict(), status=exc.status_code), exc)
    if isinstance(exc, DjangoValidationError):
        return Response(invalid_from_validation(exc).as_dict(), status=400)
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    if isinstance(exc, drf_exceptions.APIException):
        code, message = _DRF_MESSAGES.get(exc.status_code, ("error", FazhiError.default_detail))
        message = _(message)
        errors = _flatten_drf(exc.detail) if exc.status_code == 400 else {}
        if errors:
            first = next(iter(errors.values()))
            detail = first[0] if first else message
        elif isinstance(exc, drf_exceptions.Throttled) and exc.wait:
            detail = _("请求过于频繁，请 %(seconds)d 秒后再试。") % {"seconds": int(exc.wait) + 1}
        else:
            detail = message
        response = Response({"code": code, "detail": detail, "errors": errors}, status=exc.status_code)
        if getattr(exc, "auth_header", None):
            response["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response
    return None


class FazhiErrorMiddleware:
    """Pages answer a service's refusal with its message and status, not a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if isinstance(exc, FazhiError):
            response = render_error(request, exc.status_code, exc.detail, exc.errors, code=exc.code)
            return _with_retry_after(response, exc)
        return None


class RejectNullCharactersMiddleware:
    """A NUL character in a parameter is refused up front: PostgreSQL text cannot hold one, and a
    query or insert carrying it would otherwise fail deep inside a view as a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            return render_error(request, 400, _("请求中含有不允许的空字符（NUL）。"), code="invalid")
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request) -> bool:
        def in_query_dict(query_dict) -> bool:
            return any("\x00" in key or any("\x00" in v for v in values) for key, values in query_dict.lists())

        if "\x00" in request.path or in_query_dict(request.GET):
            return True
        if request.content_type == "application/x-www-form-urlencoded":
            return in_query_dict(request.POST)
        if request.content_type == "application/json":
            return b"\x00" in request.body or b"\\u0000" in request.body
        return False


def is_api_request(request) -> bool:
    """Under /api/ every answer is JSON, even for a URL no view matched."""
    return request.path_info.startswith("/api/")


def render_error(request, status_code: int, message: str, errors: dict | None = None, *, code: str = ""):
    if is_api_request(request):
        return JsonResponse(
            {
                "code": code or _DRF_MESSAGES.get(status_code, ("error", ""))[0],
                "detail": str(message),
                "errors": errors or {},
            },
            status=status_code,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(
        request,
        "core/error.html",
        {"status_code": status_code, "message": message, "errors": errors or {}},
        status=status_code,
    )


def bad_request(request, exception=None):
    return render_error(request, 400, _("请求有误。"))


def permission_denied(request, exception=None):
    return render_error(request, 403, _("您没有访问此页面的权限。"))


def page_not_found(request, exception=None):
    if is_api_request(request):
        return render_error(request, 404, _("未找到该记录。"))
    return render_error(request, 404, _("您访问的页面不存在，或您无权查看。"))


def server_error(request):
    return render_error(
        request, status.HTTP_500_INTERNAL_SERVER_ERROR, _("系统出现错误，已记录，请稍后重试。"), code="server_error"
    )
