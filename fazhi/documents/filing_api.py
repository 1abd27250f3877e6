"""API for filing (备案) and incidental review (附带审查), thin over `filing`.

Lists and records start from `restrict()`, as the pages do: a filing shows to its filer, the
receiving office and the drafting body; an incidental review to the reconsideration body, its
office and the drafter. Each step is one POST action; the services check who may run it and
when, and refuse with the same Chinese messages as the pages. Registered in `api.ROUTES`.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_choice
from fazhi.documents import filing
from fazhi.documents.filing_choices import FilingOutcome, IncidentalOrigin, IncidentalOutcome
from fazhi.documents.models import FilingRecord, IncidentalReview, NormativeDocument

STEP_ERRORS = error_responses(400, 403, 404, 409)
# The service's step for each review outcome of a filing.
CONCLUDING_STEP = {
    FilingOutcome.NO_PROBLEM: "clear",
    FilingOutcome.CORRECTION: "order_correction",
    FilingOutcome.REVOKED: "revoke",
}


def _present(data, name: str, message: str) -> None:
    """A field the request must carry: missing is bad input (400); blank is left to the step's own
    check, which refuses it as the pages do (409)."""
    if data.get(name) is None:
        raise InvalidInput(message, errors={name: [message]})


# The API action that runs each service step.
ENDPOINT_OF = {
    "submit": "submit",
    "receive": "register",
    "clear": "conclude",
    "order_correction": "conclude",
    "revoke": "conclude",
    "report_correction": "report-correction",
}


class FilingStepSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="服务中的步骤名称")
    label = serializers.CharField()
    endpoint = serializers.CharField(help_text="办理此步的接口动作，如 register、conclude")


class DeadlineSerializer(serializers.Serializer):
    matter = serializers.CharField()
    start_on = serializers.DateField()
    due_on = serializers.DateField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)


def _deadlines(record) -> list[dict]:
    return [
        {"matter": item.matter, "start_on": item.start_on, "due_on": item.due_on, "closed_on": item.closed_on}
        for item in filing.deadlines_of(record)
    ]


class FilingSerializer(serializers.ModelSerializer):
    document_title = serializers.CharField(source="document.title", read_only=True)
    route_label = serializers.CharField(source="get_route_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome = serializers.ChoiceField(
        choices=FilingOutcome.choices, allow_blank=True, read_only=True, help_text="审查结论；未作结论为空"
    )
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    filer_name = serializers.CharField(source="filer.name", read_only=True)

    class Meta:
        model = FilingRecord
        fields = [
            "id",
            "document",
            "document_title",
            "route",
            "route_label",
            "filer",
            "filer_name",
            "recipient_name",
            "recipient_office",
            "status",
            "status_label",
            "submitted_on",
            "received_on",
            "outcome",
            "outcome_label",
            "outcome_reason",
            "concluded_on",
            "correction_note",
            "corrected_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class FilingDetailSerializer(FilingSerializer):
    deadlines = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField(help_text="当前用户此时可以办理的步骤")

    class Meta(FilingSerializer.Meta):
        fields = [*FilingSerializer.Meta.fields, "deadlines", "steps"]
        read_only_fields = fields

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, record) -> list[dict]:
        return _deadlines(record)

    @extend_schema_field(FilingStepSerializer(many=True))
    def get_steps(self, record) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": step.name, "label": str(step.label), "endpoint": ENDPOINT_OF[step.name]}
            for step in filing.FILING.available(record, user)
        ]


DateRequest = inline_serializer(
    "FilingStepDate", {"on": serializers.DateField(required=False, help_text="办理日期，默认今天，不得晚于今天")}
)
ConcludeRequest = inline_serializer(
    "FilingConclude",
    {
        "outcome": serializers.ChoiceField(choices=FilingOutcome.choices),
        "reason": serializers.CharField(required=False, help_text="审查意见；责令纠正或撤销的必填"),
        "on": serializers.DateField(required=False, help_text="审查完成日期，默认今天"),
    },
)
CorrectionRequest = inline_serializer(
    "FilingCorrectionReport",
    {
        "note": serializers.CharField(help_text="纠正情况"),
        "on": serializers.DateField(required=False, help_text="纠正完成日期，默认今天"),
    },
)


class FilingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """备案记录：报备单位、备案审查机构与起草单位可见；报送、登记、审查结论与纠正情况由其办理单位办理。"""

    filterset_fields = ["status", "route", "filer", "recipient_office"]

    def get_queryset(self):
        return FilingRecord.objects.restrict(self.request.user).select_related(
            "document", "document__body", "filer", "recipient_office"
        )

    def get_serializer_class(self):
        return FilingSerializer if self.action == "list" else FilingDetailSerializer

    def _step(self, record, name, *, text=None, on=None):
        record = filing.run_filing_step(record, name, actor=self.request.user, text=text, on=on)
        return Response(FilingDetailSerializer(record, context=self.get_serializer_context()).data)

    @extend_schema(request=DateRequest, responses={200: FilingDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """报送备案（报备单位）。"""
        record = self.get_object()
        return self._step(record, "submit", on=request_data(request).get("on"))

    @extend_schema(request=DateRequest, responses={200: FilingDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """备案登记（备案审查机构；备案机关不在本平台办理的，由报备单位登记）。"""
        record = self.get_object()
        return self._step(record, "receive", on=request_data(request).get("on"))

    @extend_schema(request=ConcludeRequest, responses={200: FilingDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """审查结论：未发现问题、责令纠正（开始计算纠正期限）或予以撤销；后两者须写明理由。"""
        record = self.get_object()
        data = request_data(request)
        outcome = clean_choice(data.get("outcome"), FilingOutcome, "outcome", _("审查结论"))
        return self._step(record, CONCLUDING_STEP[outcome], text=data.get("reason"), on=data.get("on"))

    @extend_schema(request=CorrectionRequest, responses={200: FilingDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="report-correction")
    def report_correction(self, request, pk=None):
        """报告纠正情况（报备单位）。"""
        record = self.get_object()
        data = request_data(request)
        _present(data, "note", _("请填写纠正情况。"))
        return self._step(record, "report_correction", text=data.get("note"), on=data.get("on"))


class IncidentalReviewSerializer(serializers.ModelSerializer):
    document_title = serializers.CharField(source="document.title", read_only=True)
    reconsideration_body_name = serializers.CharField(source="reconsideration_body.name", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    origin_label = serializers.CharField(source="get_origin_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome = serializers.ChoiceField(
        choices=IncidentalOutcome.choices, allow_blank=True, read_only=True, help_text="处理结果；未作处理为空"
    )
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)

    class Meta:
        model = IncidentalReview
        fields = [
            "id",
            "document",
            "document_title",
            "reconsideration_body",
            "reconsideration_body_name",
            "office",
            "office_name",
            "case_number",
            "origin",
            "origin_label",
            "provisions",
            "grounds",
            "requested_on",
            "notified_on",
            "status",
            "status_label",
            "reply",
            "replied_on",
            "outcome",
            "outcome_label",
            "outcome_reason",
            "forwarded_to",
            "concluded_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class IncidentalReviewDetailSerializer(IncidentalReviewSerializer):
    deadlines = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField(help_text="当前用户此时可以办理的步骤：reply 或 conclude")

    class Meta(IncidentalReviewSerializer.Meta):
        fields = [*IncidentalReviewSerializer.Meta.fields, "deadlines", "steps"]
        read_only_fields = fields

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, review) -> list[dict]:
        return _deadlines(review)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_steps(self, review) -> list[str]:
        return [step.name for step in filing.INCIDENTAL.available(review, self.context["request"].user)]


IncidentalRequest = inline_serializer(
    "IncidentalReviewRequest",
    {
        "document": serializers.IntegerField(help_text="已发布的规范性文件"),
        "office": serializers.IntegerField(help_text="行政复议机构（复议机关或其法制机构），须在本人范围内"),
        "case_number": serializers.CharField(help_text="复议案件编号"),
        "origin": serializers.ChoiceField(choices=IncidentalOrigin.choices),
        "provisions": serializers.CharField(help_text="审查的条款"),
        "grounds": serializers.CharField(required=False),
        "requested_on": serializers.DateField(required=False, help_text="提出或发现日期，默认今天"),
        "notified_on": serializers.DateField(required=False, help_text="通知制定机关日期，默认今天"),
    },
)
ReplyRequest = inline_serializer(
    "IncidentalReviewReply",
    {
        "reply": serializers.CharField(help_text="制定机关书面答复"),
        "on": serializers.DateField(required=False, help_text="答复日期，默认今天"),
    },
)
IncidentalConcludeRequest = inline_serializer(
    "IncidentalReviewConclude",
    {
        "outcome": serializers.ChoiceField(choices=IncidentalOutcome.choices),
        "reason": serializers.CharField(required=False, help_text="处理意见；决定停止执行的必填"),
        "forwarded_to": serializers.CharField(required=False, help_text="转送机关；转送的必填"),
        "on": serializers.DateField(required=False, help_text="处理日期，默认今天"),
    },
)


class IncidentalReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """附带审查（行政复议法第五十六条至第六十条）：复议机构登记并作出处理，制定机关书面答复。"""

    filterset_fields = ["status", "outcome", "office", "reconsideration_body"]

    def get_queryset(self):
        return IncidentalReview.objects.restrict(self.request.user).select_related(
            "document", "document__body", "office", "reconsideration_body"
        )

    def get_serializer_class(self):
        return IncidentalReviewSerializer if self.action == "list" else IncidentalReviewDetailSerializer

    def _done(self, review, code=status.HTTP_200_OK):
        context = self.get_serializer_context()
        return Response(IncidentalReviewDetailSerializer(review, context=context).data, status=code)

    @extend_schema(request=IncidentalRequest, responses={201: IncidentalReviewDetailSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        """登记附带审查并通知制定机关（复议机构）。"""
        if not filing.reconsideration_offices(request.user):
            raise NotFound()
        data = request_data(request)
        document_id = data.get("document")
        document = None
        if not isinstance(document_id, bool) and isinstance(document_id, int | str) and str(document_id).isdigit():
            document = NormativeDocument.objects.published().filter(pk=int(document_id)).first()
        if document is None:
            message = _("请填写已发布的规范性文件编号。")
            raise InvalidInput(message, errors={"document": [message]})
        review = filing.request_incidental_review(
            document,
            actor=request.user,
            **{name: data.get(name) for name in ("office", "case_number", "origin", "provisions", "grounds")},
            requested_on=data.get("requested_on"),
            notified_on=data.get("notified_on"),
        )
        return self._done(review, status.HTTP_201_CREATED)

    @extend_schema(request=ReplyRequest, responses={200: IncidentalReviewDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        """制定机关提交书面答复（收到通知之日起10个工作日内）。"""
        review = self.get_object()
        data = request_data(request)
        _present(data, "reply", _("请填写书面答复。"))
        return self._done(
            filing.reply_incidental_review(review, actor=request.user, reply=data.get("reply"), on=data.get("on"))
        )

    @extend_schema(request=IncidentalConcludeRequest, responses={200: IncidentalReviewDetailSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """复议机构作出处理：合法、停止执行并责令纠正，或转送有权处理的机关。"""
        review = self.get_object()
        data = request_data(request)
        review = filing.conclude_incidental_review(
            review,
            actor=request.user,
            outcome=data.get("outcome"),
            reason=data.get("reason"),
            forwarded_to=data.get("forwarded_to"),
            on=data.get("on"),
        )
        return self._done(review)
