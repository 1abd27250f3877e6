"""API of petitions (thin): the scoped register and each petition with its due dates, notices and
steps; every step an action. The petitioner's own review / re-check request is public, by receipt
and secret. Who the petitioner is shows only to the handling body (`masked_identity`)."""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.apitools import error_responses, step_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.services import submissions as submission_services
from fazhi.petitions import selectors, services, workflow
from fazhi.petitions.choices import Channel, ForwardMode, Outcome, PetitionStatus, ReviewOutcome
from fazhi.portal.api import PublicStatusSerializer

STEP_ERRORS = error_responses(400, 403, 404, 409)


class PetitionActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class PetitionDueSerializer(serializers.Serializer):
    label = serializers.CharField()
    body = serializers.CharField(allow_blank=True)
    start_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True, help_text="听证期间暂停计算时为空")
    closed_on = serializers.DateField(allow_null=True)
    extension = serializers.IntegerField(allow_null=True, help_text="已延长的天数")
    source = serializers.CharField(help_text="期限的法律依据")
    open = serializers.BooleanField()


class NoticeSerializer(serializers.Serializer):
    body_name = serializers.CharField(source="body.name")
    step = serializers.CharField()
    text = serializers.CharField()
    given_on = serializers.DateField()


class PetitionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    receipt_code = serializers.CharField(source="submission.receipt_code")
    subject = serializers.CharField(source="submission.subject")
    category = serializers.CharField(help_text="suggestion 建议意见 / accusation 检举控告 / claim 申诉求决")
    category_label = serializers.CharField(source="get_category_display")
    status = serializers.CharField(help_text="、".join(f"{value} {label}" for value, label in PetitionStatus.choices))
    status_label = serializers.CharField(source="get_status_display")
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    received_on = serializers.DateField()
    submitter_name = serializers.SerializerMethodField(help_text="信访人：仅办理单位可见全名")

    def get_submitter_name(self, petition) -> str:
        return submission_services.masked_identity(self.context["request"].user, petition.submission)["submitter_name"]


class PetitionSerializer(PetitionSummarySerializer):
    content = serializers.CharField(source="submission.content")
    submitter_phone = serializers.SerializerMethodField()
    submitter_email = serializers.SerializerMethodField()
    submitter_address = serializers.SerializerMethodField()
    received_by_name = serializers.CharField(source="received_by.name")
    forwarded_from_name = serializers.CharField(source="forwarded_from.name", allow_null=True, default=None)
    forward_mode = serializers.CharField(allow_blank=True)
    accepted_on = serializers.DateField(allow_null=True)
    channel = serializers.CharField(allow_blank=True)
    channel_label = serializers.CharField(source="get_channel_display", allow_blank=True)
    referred_on = serializers.DateField(allow_null=True)
    competent_organ = serializers.CharField(allow_blank=True)
    outcome = serializers.CharField(allow_blank=True)
    outcome_label = serializers.CharField(source="get_outcome_display", allow_blank=True)
    opinion = serializers.CharField(allow_blank=True)
    answered_on = serializers.DateField(allow_null=True)
    review_body_name = serializers.CharField(source="review_body.name", allow_null=True, default=None)
    review_reasons = serializers.CharField(allow_blank=True)
    review_outcome = serializers.CharField(allow_blank=True)
    review_opinion = serializers.CharField(allow_blank=True)
    reviewed_on = serializers.DateField(allow_null=True)
    recheck_body_name = serializers.CharField(source="recheck_body.name", allow_null=True, default=None)
    recheck_reasons = serializers.CharField(allow_blank=True)
    recheck_outcome = serializers.CharField(allow_blank=True)
    recheck_opinion = serializers.CharField(allow_blank=True)
    rechecked_on = serializers.DateField(allow_null=True)
    hearing_since = serializers.DateField(allow_null=True)
    due_dates = serializers.SerializerMethodField()
    notices = NoticeSerializer(many=True, source="notices.all")
    actions = serializers.SerializerMethodField()

    def _identity(self, petition) -> dict:
        return submission_services.masked_identity(self.context["request"].user, petition.submission)

    def get_submitter_phone(self, petition) -> str:
        return self._identity(petition)["submitter_phone"]

    def get_submitter_email(self, petition) -> str:
        return self._identity(petition)["submitter_email"]

    def get_submitter_address(self, petition) -> str:
        if not submission_services.identity_visible(self.context["request"].user, petition.submission):
            return _("（仅受理单位可见）") if petition.submission.details.get("submitter_address") else ""
        return petition.submission.details.get("submitter_address", "")

    @extend_schema_field(PetitionDueSerializer(many=True))
    def get_due_dates(self, petition) -> list[dict]:
        return selectors.due_dates(petition)

    @extend_schema_field(PetitionActionSerializer(many=True))
    def get_actions(self, petition) -> list[dict]:
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in workflow.actions(petition, self.context["request"].user)
        ]


def _request(name: str, fields: dict):
    return inline_serializer(name, fields)


NOTICE = serializers.CharField(required=False, help_text="告知信访人的补充内容（去向和期限由系统写明）")
OPINION = serializers.CharField(help_text="意见书全文：请求、事实和理由、意见及其法律法规依据")
REASONS = serializers.CharField(help_text="信访人的请求理由")
AcceptRequest = _request("PetitionAccept", {"notice": NOTICE})
ForwardRequest = _request(
    "PetitionForward",
    {
        "to_body": serializers.IntegerField(help_text="有权处理的机关、单位"),
        "mode": serializers.ChoiceField(choices=ForwardMode.choices, required=False),
        "notice": NOTICE,
    },
)
ObjectRequest = _request("PetitionObject", {"reason": serializers.CharField(help_text="不属于本单位职权范围的理由")})
ReferRequest = _request(
    "PetitionRefer",
    {
        "channel": serializers.ChoiceField(choices=Channel.choices),
        "notice": serializers.CharField(help_text="告知信访人向何机关、按何程序提出"),
    },
)
InformRequest = _request("PetitionInform", {"competent_organ": serializers.CharField(), "notice": NOTICE})
ExtendRequest = _request(
    "PetitionExtend",
    {"days": serializers.IntegerField(min_value=1, max_value=30), "reason": serializers.CharField()},
)
AnswerRequest = _request(
    "PetitionAnswer", {"outcome": serializers.ChoiceField(choices=Outcome.choices), "opinion": OPINION}
)
ReviewRequest = _request(
    "PetitionReviewOpinion", {"outcome": serializers.ChoiceField(choices=ReviewOutcome.choices), "opinion": OPINION}
)
ReasonsRequest = _request("PetitionReviewRequest", {"reasons": REASONS})
HearingRequest = _request("PetitionHearing", {"reason": serializers.CharField(required=False)})
EmptyRequest = _request("PetitionHearingEnd", {})

STEP_FIELDS = {
    "accept": ("notice",),
    "forward": ("to_body", "mode", "notice"),
    "object": ("reason",),
    "refer": ("channel", "notice"),
    "inform": ("competent_organ", "notice"),
    "extend": ("days", "reason"),
    "answer": ("outcome", "opinion"),
    "request-review": ("reasons",),
    "review": ("outcome", "opinion"),
    "request-recheck": ("reasons",),
    "hearing-start": ("reason",),
    "hearing-end": (),
    "recheck": ("outcome", "opinion"),
}


class PetitionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """信访事项：办理单位登记受理、转送交办、导入法定途径、办理答复；上一级机关复查、复核。
    信访人的姓名和联系方式仅办理单位可见。"""

    serializer_class = PetitionSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_serializer_class(self):
        return PetitionSummarySerializer if self.action == "list" else PetitionSerializer

    def get_queryset(self):
        return selectors.office_petitions(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=PetitionStatus.values, description="状态"),
            OpenApiParameter("q", str, description="回执编号或标题"),
        ],
        responses={200: PetitionSummarySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        status_text = request.query_params.get("status", "")
        if status_text and status_text not in PetitionStatus.values:
            raise InvalidInput(_("查询条件有误。"), errors={"status": [_("不是有效的状态。")]})
        found = selectors.office_petitions(request.user, status=status_text, query=request.query_params.get("q", ""))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _step(self, name: str):
        petition = selectors.visible_petition(self.request.user, self.kwargs["pk"])
        data = step_data(self.request, STEP_FIELDS[name])
        services.run_step(petition, name, actor=self.request.user, data=data)
        # The record as it is now: a petition forwarded away stays in the forwarder's sight, without
        # identity; one sent back by an objection leaves the objector's sight (shown as it left).
        try:
            found = selectors.visible_petition(self.request.user, petition.pk)
        except NotFound:
            found = selectors.Petition.objects.select_related("submission", "body", "received_by").get(pk=petition.pk)
        return Response(PetitionSerializer(found, context=self.get_serializer_context()).data)

    @extend_schema(request=AcceptRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """登记受理：属于本单位职权范围；自受理之日起60日内办结（第二十三条、第三十四条）。"""
        return self._step("accept")

    @extend_schema(request=ForwardRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        """转送、交办有权处理的机关、单位并告知信访人（第二十二条、第二十三条）；信访人身份随之移交。"""
        return self._step("forward")

    @extend_schema(request=ObjectRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="object")
    def object_to(self, request, pk=None):
        """不属于本单位职权范围的，自收到之日起5个工作日内提出异议并说明理由，退回转送交办单位（第二十三条）。"""
        return self._step("object")

    @extend_schema(request=ReferRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        """导入诉讼、仲裁、行政复议等法定途径（第三十一条），不再计入信访办理期限。"""
        return self._step("refer")

    @extend_schema(request=InformRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def inform(self, request, pk=None):
        """不属于本机关、本系统职权范围的，告知信访人向有权处理的机关提出（第二十三条）。"""
        return self._step("inform")

    @extend_schema(request=ExtendRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        """负责人批准延长办理期限，不超过30日，仅一次，并告知信访人延期理由（第三十四条）。"""
        return self._step("extend")

    @extend_schema(request=AnswerRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """出具信访处理意见书（第二十九条至第三十二条）；处理意见须为该类别事项允许的意见。"""
        return self._step("answer")

    @extend_schema(request=ReasonsRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="request-review")
    def request_review(self, request, pk=None):
        """上一级机关记录信访人的复查请求（收到处理意见书之日起30日内，第三十五条）。"""
        return self._step("request-review")

    @extend_schema(request=ReviewRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """复查机关自收到复查请求之日起30日内提出复查意见（第三十五条）。"""
        return self._step("review")

    @extend_schema(request=ReasonsRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="request-recheck")
    def request_recheck(self, request, pk=None):
        """复查机关的上一级机关记录复核请求（收到复查意见之日起30日内，第三十六条）。"""
        return self._step("request-recheck")

    @extend_schema(request=HearingRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="hearing-start")
    def hearing_start(self, request, pk=None):
        """复核机关举行听证：听证所需时间不计入复核期限（第三十六条）。"""
        return self._step("hearing-start")

    @extend_schema(request=EmptyRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="hearing-end")
    def hearing_end(self, request, pk=None):
        """听证结束，复核期限恢复计算。"""
        return self._step("hearing-end")

    @extend_schema(request=ReviewRequest, responses={200: PetitionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def recheck(self, request, pk=None):
        """复核机关提出复核意见，信访终结（第三十六条）。"""
        return self._step("recheck")


PublicRequestSerializer = inline_serializer(
    "PetitionPublicReviewRequest",
    {
        "step": serializers.ChoiceField(choices=[(s, s) for s in workflow.PUBLIC_STEPS], help_text="请求复查或复核"),
        "receipt_code": serializers.CharField(),
        "secret": serializers.CharField(),
        "reasons": REASONS,
    },
)


class PublicPetitionRequestView(APIView):
    """信访人凭回执编号和查询码请求复查、复核（第三十五条、第三十六条）；逾期或次序不符的，说明理由拒绝。"""

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=PublicRequestSerializer,
        responses={200: PublicStatusSerializer, **error_responses(400, 404, 409, 429)},
    )
    def post(self, request):
        data = step_data(request, ("step", "receipt_code", "secret", "reasons"))
        petition = services.public_request(
            receipt_code=data.get("receipt_code"),
            secret=data.get("secret"),
            step=data.get("step"),
            reasons=data.get("reasons"),
            client_ip=submission_services.client_ip(request),
        )
        return Response(
            PublicStatusSerializer(submission_services.public_status(petition.submission)).data,
            headers={"Cache-Control": "no-store"},
        )


ROUTES = [("petitions", PetitionViewSet, "petition")]
PATHS = [
    path("public/petition-requests/", PublicPetitionRequestView.as_view(), name="api-public-petition-request"),
]
