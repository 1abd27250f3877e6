"""API for enforcement officers, their certificates and legal reviewers, and the public 执法公示 (thin).

Office querysets start from `restrict()` (another body's officer, certificate or reviewer is a 404);
the services in `officers.py` check the rest and refuse with the pages' messages. The public
bodies' answers show only what 执法人员公示 requires: certified officers' names and numbers.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.enforcement import officers, publicity, selectors
from fazhi.enforcement.choices import CertificateStatus
from fazhi.enforcement.models import Certificate, LegalReviewer, Officer

STEP_ERRORS = error_responses(400, 403, 404, 409)


def body_from(value, name: str, label: str) -> Body:
    """A body named by id in a request: bad input if malformed, 404 if there is none."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or len(text) > 9:
        message = _("请指定%(label)s。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    body = Body.objects.filter(pk=int(text)).first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body


def days_param(request, name: str = "expiring_within") -> int | None:
    value = request.query_params.get(name, "")
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) <= 3650:
        message = _("应为1至3650之间的天数。")
        raise InvalidInput(_("查询条件有误。"), errors={name: [message]})
    return int(value)


class EnforcementActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class CertificateSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    body = serializers.IntegerField(source="officer.body_id", read_only=True)
    body_name = serializers.CharField(source="officer.body.name", read_only=True)
    status_label = serializers.SerializerMethodField(help_text="今天的状态：有效、暂扣、注销、已过期或尚未生效")
    valid_today = serializers.SerializerMethodField(help_text="今天是否可凭此证从事执法活动")
    expiring = serializers.SerializerMethodField(help_text="是否在提醒期内到期（FAZHI_CERTIFICATE_WARNING_DAYS）")
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "officer",
            "officer_name",
            "body",
            "body_name",
            "number",
            "area",
            "issued_on",
            "expires_on",
            "status",
            "status_label",
            "status_reason",
            "status_changed_on",
            "valid_today",
            "expiring",
            "actions",
            "created_at",
        ]
        read_only_fields = fields

    def get_status_label(self, certificate) -> str:
        return certificate.status_on(timezone.localdate())

    def get_valid_today(self, certificate) -> bool:
        return selectors.certificate_valid_on(certificate, timezone.localdate())

    def get_expiring(self, certificate) -> bool:
        today = timezone.localdate()
        return (
            certificate.status == CertificateStatus.VALID
            and selectors.certificate_valid_on(certificate, today)
            and certificate.expires_on <= today + datetime.timedelta(days=officers.warning_days())
        )

    @extend_schema_field(EnforcementActionSerializer(many=True))
    def get_actions(self, certificate) -> list[dict]:
        request = self.context.get("request")
        if request is None:
            return []
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in officers.certificate_actions(certificate, request.user)
        ]


class OfficerCertificateSerializer(CertificateSerializer):
    class Meta(CertificateSerializer.Meta):
        fields = ["id", "number", "area", "issued_on", "expires_on", "status", "status_label"]
        read_only_fields = fields


class OfficerSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    certificate = serializers.SerializerMethodField(help_text="今天有效的执法证（有多张的，取到期最晚的）；没有则为空")

    class Meta:
        model = Officer
        fields = [
            "id",
            "body",
            "body_name",
            "name",
            "staff_number",
            "position",
            "user",
            "certificate",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OfficerCertificateSerializer(allow_null=True))
    def get_certificate(self, officer) -> dict | None:
        today = timezone.localdate()
        valid = [
            certificate
            for certificate in officer.certificates.all()
            if selectors.certificate_valid_on(certificate, today)
        ]
        if not valid:
            return None
        return OfficerCertificateSerializer(max(valid, key=lambda c: (c.expires_on, c.pk))).data


OfficerRequest = inline_serializer(
    "EnforcementOfficerCreate",
    {
        "body": serializers.IntegerField(help_text="所属执法主体（行政执法机关，含承接行政处罚权的镇街）"),
        "name": serializers.CharField(),
        "staff_number": serializers.CharField(required=False, help_text="工号；本单位内不重复"),
        "position": serializers.CharField(required=False),
        "user": serializers.IntegerField(required=False, allow_null=True, help_text="本单位在职人员的平台账号"),
    },
)
OfficerChangeRequest = inline_serializer(
    "EnforcementOfficerChange",
    {
        "name": serializers.CharField(required=False),
        "staff_number": serializers.CharField(required=False),
        "position": serializers.CharField(required=False),
        "user": serializers.IntegerField(required=False, allow_null=True),
    },
)
CertificateRequest = inline_serializer(
    "EnforcementCertificateIssue",
    {
        "number": serializers.CharField(help_text="证件编号，全市唯一"),
        "area": serializers.CharField(help_text="执法区域和类别"),
        "issued_on": serializers.DateField(help_text="不晚于今天"),
        "expires_on": serializers.DateField(help_text="不早于发证日期"),
    },
)
RenewRequest = inline_serializer(
    "EnforcementCertificateRenew",
    {
        "number": serializers.CharField(help_text="新证的证件编号"),
        "area": serializers.CharField(required=False, help_text="默认沿用原证"),
        "issued_on": serializers.DateField(),
        "expires_on": serializers.DateField(help_text="晚于原证的有效期"),
    },
)
StatusRequest = inline_serializer(
    "EnforcementCertificateStatusChange",
    {
        "reason": serializers.CharField(),
        "on": serializers.DateField(required=False, help_text="生效日期，默认今天；此前的执法活动不受影响"),
    },
)


class OfficerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """行政执法人员：执法主体的工作人员录入；执法证由其上级依法行政办发放（意见第十七条）。"""

    serializer_class = OfficerSerializer
    filterset_fields = ["body"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            Officer.objects.restrict(self.request.user)
            .select_related("body")
            .prefetch_related("certificates")
            .order_by("body__tree_path", "name", "id")
        )

    def _done(self, officer, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=officer.pk)).data, status=code)

    @extend_schema(request=OfficerRequest, responses={201: OfficerSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = body_from(data.pop("body", None), "body", _("所属执法主体"))
        return self._done(officers.add_officer(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=OfficerChangeRequest, responses={200: OfficerSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        officer = self.get_object()
        data = dict(request_data(request))
        data.pop("body", None)
        return self._done(officers.change_officer(officer, actor=request.user, **data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=CertificateRequest, responses={201: CertificateSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="issue-certificate")
    def issue_certificate(self, request, pk=None):
        """依法行政办登记发放的行政执法证（编号唯一，发证日期不晚于有效期）。"""
        certificate = officers.issue_certificate(self.get_object(), actor=request.user, **dict(request_data(request)))
        found = certificate_queryset(request.user).get(pk=certificate.pk)
        return Response(CertificateSerializer(found, context=self.get_serializer_context()).data, status=201)


def certificate_queryset(user):
    return (
        Certificate.objects.filter(officer__in=Officer.objects.restrict(user))
        .select_related("officer", "officer__body")
        .order_by("expires_on", "id")
    )


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政执法证：暂扣、注销和换发由依法行政办办理；`expiring_within` 列出即将到期的。"""

    serializer_class = CertificateSerializer
    filterset_fields = ["officer", "status"]

    def get_queryset(self):
        certificates = certificate_queryset(self.request.user)
        if self.action == "list":
            days = days_param(self.request)
            if days is not None:
                expiring = selectors.expiring_certificates(timezone.localdate(), days).values("pk")
                certificates = certificates.filter(pk__in=expiring)
        return certificates

    @extend_schema(
        parameters=[OpenApiParameter("expiring_within", int, description="只列今天有效、该天数内到期且未换发的")],
        responses={200: CertificateSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _done(self, certificate, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=certificate.pk)).data, status=code)

    @extend_schema(request=StatusRequest, responses={200: CertificateSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        """暂扣执法证（写明理由）；自生效日期起不得凭此证执法。"""
        data = request_data(request)
        return self._done(
            officers.suspend_certificate(
                self.get_object(), actor=request.user, reason=data.get("reason"), on=data.get("on")
            )
        )

    @extend_schema(request=StatusRequest, responses={200: CertificateSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        """注销执法证（写明理由）。"""
        data = request_data(request)
        return self._done(
            officers.revoke_certificate(
                self.get_object(), actor=request.user, reason=data.get("reason"), on=data.get("on")
            )
        )

    @extend_schema(request=RenewRequest, responses={201: CertificateSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        """换发新证：新证另行编号，原证到期自然失效。"""
        renewed = officers.renew_certificate(self.get_object(), actor=request.user, **dict(request_data(request)))
        return self._done(renewed, status.HTTP_201_CREATED)


class LegalReviewerSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    user_name = serializers.SerializerMethodField()
    qualified_today = serializers.SerializerMethodField(help_text="今天是否可以从事行政处罚决定法制审核")

    class Meta:
        model = LegalReviewer
        fields = [
            "id",
            "body",
            "body_name",
            "user",
            "user_name",
            "appointed_on",
            "qualification_number",
            "active",
            "qualified_today",
            "created_at",
        ]
        read_only_fields = fields

    def get_user_name(self, reviewer) -> str:
        return reviewer.user.full_name or reviewer.user.get_username()

    def get_qualified_today(self, reviewer) -> bool:
        return selectors.reviewer_qualified(reviewer, timezone.localdate())


ReviewerRequest = inline_serializer(
    "LegalReviewerCreate",
    {
        "body": serializers.IntegerField(help_text="行政执法机关"),
        "user": serializers.IntegerField(help_text="本单位法制审核岗位人员的平台账号"),
        "appointed_on": serializers.DateField(help_text="初次从事行政处罚决定法制审核的日期"),
        "qualification_number": serializers.CharField(
            required=False, help_text="法律职业资格证书编号；2021年7月15日起初次从事法制审核的必填"
        ),
    },
)
ReviewerChangeRequest = inline_serializer(
    "LegalReviewerChange",
    {
        "appointed_on": serializers.DateField(required=False),
        "qualification_number": serializers.CharField(required=False),
        "active": serializers.BooleanField(required=False, help_text="在岗"),
    },
)


class LegalReviewerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """法制审核人员：由执法机关负责人任命；初次从事法制审核的须取得法律职业资格（行政处罚法第五十八条）。"""

    serializer_class = LegalReviewerSerializer
    filterset_fields = ["body", "active"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            LegalReviewer.objects.restrict(self.request.user)
            .select_related("body", "user")
            .order_by("body__tree_path", "id")
        )

    def _done(self, reviewer, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=reviewer.pk)).data, status=code)

    @extend_schema(request=ReviewerRequest, responses={201: LegalReviewerSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = body_from(data.pop("body", None), "body", _("执法机关"))
        user = data.pop("user", None)
        reviewer = officers.register_reviewer(actor=request.user, body=body, user=user, **data)
        return self._done(reviewer, status.HTTP_201_CREATED)

    @extend_schema(request=ReviewerChangeRequest, responses={200: LegalReviewerSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        reviewer = self.get_object()
        data = dict(request_data(request))
        data.pop("body", None)
        data.pop("user", None)
        return self._done(officers.change_reviewer(reviewer, actor=request.user, **data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


# --- the public 执法公示 (行政处罚法第三十九条; 意见第十九条) ------------------------------------------


class PublicOfficerSerializer(serializers.Serializer):
    name = serializers.CharField()
    certificate_numbers = serializers.ListField(child=serializers.CharField())


class PublicEntrySerializer(serializers.Serializer):
    matter = serializers.CharField()
    penalty_kinds = serializers.ListField(child=serializers.CharField())
    penalty_kind_labels = serializers.ListField(child=serializers.CharField())
    fine_from = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    published_on = serializers.DateField()


class PublicBodySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Body
        fields = ["id", "name", "short_name", "kind", "kind_label"]
        read_only_fields = fields


class PublicBodyDetailSerializer(PublicBodySerializer):
    parent_name = serializers.CharField(source="parent.name", read_only=True, default=None)
    officers = serializers.SerializerMethodField(help_text="今天持有效执法证的执法人员：姓名与证件编号")
    power_list_url = serializers.SerializerMethodField(help_text="该单位现行权责清单的门户页面；未发布的为空")
    review_catalog = serializers.SerializerMethodField(help_text="已公布的重大执法决定法制审核目录")
    benchmark_count = serializers.SerializerMethodField(help_text="现行行政处罚裁量基准的数量")
    reconsideration = serializers.SerializerMethodField(help_text="申请行政复议的机关")

    class Meta(PublicBodySerializer.Meta):
        fields = [
            *PublicBodySerializer.Meta.fields,
            "parent_name",
            "officers",
            "power_list_url",
            "review_catalog",
            "benchmark_count",
            "reconsideration",
        ]
        read_only_fields = fields

    @extend_schema_field(PublicOfficerSerializer(many=True))
    def get_officers(self, body) -> list[dict]:
        return [
            {"name": officer.name, "certificate_numbers": officer.certificate_numbers}
            for officer in selectors.certified_officers(body, timezone.localdate())
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_power_list_url(self, body) -> str | None:
        return publicity.power_list_url(body)

    @extend_schema_field(PublicEntrySerializer(many=True))
    def get_review_catalog(self, body) -> list[dict]:
        return [
            {
                "matter": entry.matter,
                "penalty_kinds": entry.penalty_kinds,
                "penalty_kind_labels": publicity.penalty_kind_labels(entry),
                "fine_from": entry.fine_from,
                "published_on": entry.published_on,
            }
            for entry in selectors.published_catalog(body)
        ]

    def get_benchmark_count(self, body) -> int:
        return selectors.public_benchmarks().filter(body=body).count()

    def get_reconsideration(self, body) -> str:
        return publicity.reconsideration_organ(body)


class PublicBodyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政执法主体公示（公开）：执法主体、持证执法人员、权责清单、法制审核目录、程序与救济渠道。"""

    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return publicity.enforcement_bodies()

    def get_serializer_class(self):
        return PublicBodyDetailSerializer if self.action == "retrieve" else PublicBodySerializer


ROUTES = [
    ("enforcement-officers", OfficerViewSet, "enforcement-officer"),
    ("enforcement-certificates", CertificateViewSet, "enforcement-certificate"),
    ("legal-reviewers", LegalReviewerViewSet, "legal-reviewer"),
    ("public/enforcement-bodies", PublicBodyViewSet, "public-enforcement-body"),
]
PATHS = []
