"""API for legal advisers: each body's roster and the opinions recorded on major decisions (thin).

Querysets start from `restrict()`: another body's adviser or opinion is a 404. The services in
`advisers.py` check the rest and refuse with the pages' messages.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_date
from fazhi.decisions import advisers
from fazhi.decisions.catalog_api import body_from
from fazhi.decisions.choices import AdviserKind
from fazhi.decisions.models import AdviserOpinion, Decision, LegalAdviser

STEP_ERRORS = error_responses(400, 403, 404, 409)


class LegalAdviserSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    serving = serializers.SerializerMethodField(help_text="今天是否在聘期内")

    class Meta:
        model = LegalAdviser
        fields = [
            "id",
            "body",
            "body_name",
            "name",
            "kind",
            "kind_label",
            "organisation",
            "qualification",
            "term_start",
            "term_end",
            "serving",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_serving(self, adviser) -> bool:
        today = timezone.localdate()
        return adviser.term_start <= today and (adviser.term_end is None or adviser.term_end >= today)


AdviserRequest = inline_serializer(
    "LegalAdviserCreate",
    {
        "body": serializers.IntegerField(help_text="聘请单位"),
        "name": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=AdviserKind.choices),
        "organisation": serializers.CharField(),
        "qualification": serializers.CharField(help_text="法律职业资格证书号、律师执业证号或公职律师证号"),
        "term_start": serializers.DateField(),
        "term_end": serializers.DateField(required=False, allow_null=True),
    },
)
AdviserChangeRequest = inline_serializer(
    "LegalAdviserChange",
    {
        "name": serializers.CharField(required=False),
        "kind": serializers.ChoiceField(choices=AdviserKind.choices, required=False),
        "organisation": serializers.CharField(required=False),
        "qualification": serializers.CharField(required=False),
        "term_start": serializers.DateField(required=False),
        "term_end": serializers.DateField(required=False, allow_null=True),
    },
)
EndTermRequest = inline_serializer("LegalAdviserEndTerm", {"ended_on": serializers.DateField()})


class LegalAdviserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """法律顾问名册：各单位的法制工作机构人员、法学专家、律师和公职律师及其聘期。"""

    serializer_class = LegalAdviserSerializer
    filterset_fields = ["body", "kind"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        advisers_ = LegalAdviser.objects.restrict(self.request.user).select_related("body")
        serving_on = self.request.query_params.get("serving_on")
        if serving_on and self.action == "list":
            advisers_ = advisers_.serving(clean_date(serving_on, "serving_on", _("在聘日期")))
        return advisers_.order_by("body__tree_path", "name", "id")

    @extend_schema(
        parameters=[OpenApiParameter("serving_on", str, description="只列该日在聘期内的（YYYY-MM-DD）")],
        responses={200: LegalAdviserSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _done(self, adviser, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=adviser.pk)).data, status=code)

    @extend_schema(request=AdviserRequest, responses={201: LegalAdviserSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = body_from(data.pop("body", None), "body", _("聘请单位"))
        return self._done(advisers.add_adviser(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=AdviserChangeRequest, responses={200: LegalAdviserSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        adviser = self.get_object()
        data = dict(request_data(request))
        data.pop("body", None)
        return self._done(advisers.change_adviser(adviser, actor=request.user, **data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=EndTermRequest, responses={200: LegalAdviserSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="end-term")
    def end_term(self, request, pk=None):
        """提前结束聘期（解聘或辞任）。"""
        adviser = advisers.end_term(
            self.get_object(), actor=request.user, ended_on=request_data(request).get("ended_on")
        )
        return self._done(adviser)


class AdviserOpinionSerializer(serializers.ModelSerializer):
    adviser_name = serializers.CharField(source="adviser.name", read_only=True)
    adviser_kind_label = serializers.CharField(source="adviser.get_kind_display", read_only=True)
    adviser_body_name = serializers.CharField(source="adviser.body.name", read_only=True)
    subject_type = serializers.SerializerMethodField(help_text="事项的类型，例如 decisions.decision")

    class Meta:
        model = AdviserOpinion
        fields = [
            "id",
            "adviser",
            "adviser_name",
            "adviser_kind_label",
            "adviser_body_name",
            "body",
            "subject_type",
            "object_id",
            "matter",
            "opinion",
            "given_on",
            "created_at",
        ]
        read_only_fields = fields

    def get_subject_type(self, opinion) -> str:
        return f"{opinion.content_type.app_label}.{opinion.content_type.model}"


OpinionRequest = inline_serializer(
    "AdviserOpinionCreate",
    {
        "decision": serializers.IntegerField(help_text="重大行政决策"),
        "adviser": serializers.IntegerField(help_text="本单位、决策机关或上级人民政府名册中、当日在聘期内的法律顾问"),
        "opinion": serializers.CharField(),
        "given_on": serializers.DateField(),
        "matter": serializers.CharField(required=False, help_text="默认为决策事项名称"),
    },
)


class AdviserOpinionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """法律顾问意见：重大行政决策等重大行政事务经法律顾问提出的意见（意见第四十六条）。"""

    serializer_class = AdviserOpinionSerializer
    filterset_fields = ["adviser", "body", "given_on"]

    def get_queryset(self):
        return (
            AdviserOpinion.objects.restrict(self.request.user)
            .select_related("adviser__body", "content_type")
            .order_by("-given_on", "-id")
        )

    @extend_schema(request=OpinionRequest, responses={201: AdviserOpinionSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = request_data(request)
        value = data.get("decision")
        text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
        if not text.isdigit() or len(text) > 9:
            message = _("请指定重大行政决策。")
            raise InvalidInput(message, errors={"decision": [message]})
        decision = Decision.objects.restrict(request.user).select_related("body", "deciding_body").filter(pk=int(text))
        decision = decision.first()
        if decision is None:
            raise NotFound()
        opinion = advisers.give_opinion(
            decision,
            actor=request.user,
            adviser=data.get("adviser"),
            opinion=data.get("opinion"),
            given_on=data.get("given_on"),
            matter=data.get("matter"),
        )
        found = AdviserOpinion.objects.select_related("adviser__body", "content_type").get(pk=opinion.pk)
        return Response(self.get_serializer(found).data, status=status.HTTP_201_CREATED)


ROUTES = [
    ("legal-advisers", LegalAdviserViewSet, "legal-adviser"),
    ("adviser-opinions", AdviserOpinionViewSet, "adviser-opinion"),
]
PATHS = []
