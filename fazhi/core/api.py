"""API for bodies, memberships, the user's own inbox, tokens and health (thin: services do the work)."""

import django_filters
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.db import connection
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import mixins, serializers, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from fazhi.core import security
from fazhi.core.access import ROLE_SPECS, scope_body_ids
from fazhi.core.api_submissions import SubmissionViewSet
from fazhi.core.choices import BodyKind, EvaluationGroup
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Body, Membership, Notification, User
from fazhi.core.services import bodies as body_services
from fazhi.core.services import notifications as notification_services
from fazhi.core.services import people as people_services


class BodySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "parent",
            "is_enforcement_agency",
            "has_legal_office",
            "is_reconsideration_body",
            "hosts_leading_group_office",
            "evaluation_group",
            "valid_from",
            "valid_to",
            "successor",
            "sort_order",
        ]
        read_only_fields = ["id", "valid_to", "successor", "kind_label"]


class BodyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=BodyKind.choices)
    evaluation_group = django_filters.ChoiceFilter(choices=EvaluationGroup.choices)
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Body
        fields = ["kind", "parent", "evaluation_group", "name", "is_enforcement_agency"]


class BodyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """单位：任何登录用户可查阅单位树；上级单位的依法行政办可新增、修改。"""

    serializer_class = BodySerializer
    filterset_class = BodyFilter

    def get_queryset(self):
        action = "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else "manage_bodies"
        return Body.objects.restrict(self.request.user, action).select_related("parent")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        parent = data.pop("parent", None)
        serializer.instance = body_services.create_body(actor=self.request.user, parent=parent, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "parent" in data and data["parent"] != serializer.instance.parent:
            if data["parent"] is None:
                raise InvalidInput(_("不能把单位移出单位树。"))
            body_services.move_body(serializer.instance, actor=self.request.user, new_parent=data["parent"])
        data.pop("parent", None)
        serializer.instance = body_services.update_body(serializer.instance, actor=self.request.user, **data)


class MembershipSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "username",
            "body",
            "body_name",
            "role",
            "role_label",
            "valid_from",
            "valid_to",
        ]
        read_only_fields = ["id", "valid_to"]
        validators = []  # the service answers a duplicate with 409


class MembershipViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """任职：本人可见自己的任职；依法行政办管理其辖区内单位的人员。"""

    serializer_class = MembershipSerializer
    filterset_fields = ["body", "user", "role"]

    def get_queryset(self):
        return Membership.objects.restrict(self.request.user).select_related("user", "body")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = people_services.add_membership(
            actor=self.request.user,
            user=data["user"],
            body=data["body"],
            role=data["role"],
            valid_from=data.get("valid_from"),
        )

    @extend_schema(request=None, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        membership = get_object_or_404(Membership.objects.restrict(request.user, "change"), pk=pk)
        membership = people_services.end_membership(membership, actor=request.user)
        return Response(self.get_serializer(membership).data)


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "message", "link", "created_at", "read_at"]
        read_only_fields = fields


class InboxViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """本人的站内通知。"""

    serializer_class = NotificationSerializer
    filterset_fields = {"read_at": ["isnull"]}

    def get_queryset(self):
        return Notification.objects.restrict(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = notification_services.mark_read(self.get_object().pk, actor=request.user)
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=inline_serializer("MarkedRead", {"marked": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notification_services.mark_all_read(actor=request.user)})


class MeView(APIView):
    """当前用户：身份、任职与各项操作的单位范围。"""

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "id": serializers.IntegerField(),
                "username": serializers.CharField(),
                "full_name": serializers.CharField(),
                "memberships": MembershipSerializer(many=True),
                "scope": serializers.DictField(child=serializers.ListField(child=serializers.IntegerField())),
            },
        )
    )
    def get(self, request):
        user: User = request.user
        memberships = Membership.objects.active().filter(user=user).select_related("body", "user")
        actions = sorted({a for spec in ROLE_SPECS.values() for a in spec.actions})
        return Response(
            {
                "id": user.pk,
                "username": user.username,
                "full_name": user.full_name,
                "memberships": MembershipSerializer(memberships, many=True).data,
                "scope": {a: sorted(scope_body_ids(user, a)) for a in actions},
            }
        )


class TokenView(APIView):
    """以用户名和密码换取 API 令牌；失败次数受限。"""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {
                "username": serializers.CharField(),
                "password": serializers.CharField(),
                "otp_token": serializers.CharField(required=False, help_text="已启用双因素验证的账号：动态验证码"),
            },
        ),
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    )
    def post(self, request):
        data = request.data if hasattr(request.data, "get") else {}
        username, password = data.get("username"), data.get("password")
        if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
            raise InvalidInput(_("请填写用户名和密码。"))
        user = authenticate(request._request, username=username, password=password)
        if user is None or not user.is_active:
            raise InvalidInput(_("用户名或密码不正确。"), code="invalid_credentials")
        security.check_token_code(user, data.get("otp_token"))
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class HealthView(APIView):
    """运行状态：数据库与缓存是否可用。"""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        responses=inline_serializer(
            "Health",
            {
                "status": serializers.CharField(),
                "database": serializers.CharField(),
                "cache": serializers.CharField(),
            },
        )
    )
    def get(self, request):
        checks = {"database": "ok", "cache": "ok"}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:
            checks["database"] = "error"
        try:
            cache.set("fazhi:health", "1", 5)
            if cache.get("fazhi:health") != "1":
                checks["cache"] = "error"
        except Exception:
            checks["cache"] = "error"
        healthy = all(value == "ok" for value in checks.values())
        return Response({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, generated once per process and language. It follows from the code alone
    (every reader gets the same public schema) and takes seconds of CPU to generate: without this,
    any anonymous visitor could ask for those seconds again and again. A `version` or `lang`
    outside the published ones gets the published document, so no request adds another copy."""

    _generated: dict[str, dict] = {}

    def _get_version_parameter(self, request):
        return None  # one published version: SPECTACULAR_SETTINGS["VERSION"]

    def _get_schema_response(self, request):
        language = translation.get_language()
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        if language not in self._generated:
            with translation.override(language):
                self._generated[language] = super()._get_schema_response(request).data
        filename = self._get_filename(request, None)
        return Response(self._generated[language], headers={"Content-Disposition": f'inline; filename="{filename}"'})


ROUTES = [
    ("bodies", BodyViewSet, "body"),
    ("memberships", MembershipViewSet, "membership"),
    ("inbox", InboxViewSet, "inbox"),
    ("submissions", SubmissionViewSet, "submission"),
]
PATHS = [
    path("me/", MeView.as_view(), name="api-me"),
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("health/", HealthView.as_view(), name="api-health"),
]
