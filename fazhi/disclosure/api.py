"""API of 政务公开 (thin): the catalogue, guides, requests with every step as an action, yearly
reports with their DOCX; and the public catalogue, guides and published reports.

Office querysets start from `restrict()` (another body's record is a 404); the applicant's
identity is shown to the handling body only (`submission_services.masked_identity`).
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import error_responses, request_data
from fazhi.core.errors import InvalidInput
from fazhi.core.masking import mask_text
from fazhi.core.services import submissions as submission_services
from fazhi.disclosure import report as report_docs
from fazhi.disclosure import selectors, services, workflow
from fazhi.disclosure.choices import AnswerType, Category, Channel, Ground, KeyArea, ReportKind
from fazhi.disclosure.models import AnnualReport, CatalogueItem, DisclosureRequest, Guide, WebsiteReport

STEP_ERRORS = error_responses(400, 403, 404, 409)


class DisclosureActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class DisclosureDueSerializer(serializers.Serializer):
    label = serializers.CharField()
    due_on = serializers.DateField(allow_null=True, help_text="为空表示中止计算")
    closed_on = serializers.DateField(allow_null=True)
    source = serializers.CharField()
    period = serializers.CharField()
    note = serializers.CharField()


def _actions(machine, obj, user) -> list[dict]:
    return [
        {"name": t.name, "label": str(t.label), "refusal": refusal}
        for t, refusal in workflow.actions(machine, obj, user)
    ]


def _id(value, name: str) -> int | None:
    if value in (None, ""):
        return None
    if not (isinstance(value, str) and value.isdigit() and len(value) <= 9):
        raise InvalidInput(_("查询条件有误。"), errors={name: [_("应为编号。")]})
    return int(value)


# --- catalogue ---------------------------------------------------------------------------------


class DisclosureItemSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    key_area_label = serializers.CharField(source="get_key_area_display", read_only=True)
    link = serializers.CharField(read_only=True, help_text="链接（没有的为空串）")
    key_area = serializers.CharField(
        read_only=True, help_text="重点领域（不属于重点领域的为空串）：" + "；".join(KeyArea.values)
    )

    class Meta:
        model = CatalogueItem
        fields = [
            "id",
            "body",
            "body_name",
            "index_number",
            "category",
            "category_label",
            "key_area",
            "key_area_label",
            "title",
            "content",
            "link",
            "made_on",
            "published_on",
        ]
        read_only_fields = fields


class DisclosureOfficeItemSerializer(DisclosureItemSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    due_on = serializers.DateField(source="deadline.due_on", read_only=True, allow_null=True)
    due_source = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta(DisclosureItemSerializer.Meta):
        fields = [
            *DisclosureItemSerializer.Meta.fields,
            "status",
            "status_label",
            "late",
            "due_on",
            "due_source",
            "withdrawn_on",
            "withdraw_reason",
            "actions",
        ]
        read_only_fields = fields

    def get_due_source(self, item) -> str:
        return item.deadline.period.source if item.deadline else ""

    @extend_schema_field(DisclosureActionSerializer(many=True))
    def get_actions(self, item) -> list[dict]:
        return _actions(workflow.ITEM, item, self.context["request"].user)


_ITEM_FIELDS = {
    "category": serializers.ChoiceField(choices=Category.choices),
    "key_area": serializers.ChoiceField(choices=KeyArea.choices, required=False, allow_blank=True),
    "title": serializers.CharField(),
    "content": serializers.CharField(required=False, help_text="内容与链接至少填一项"),
    "link": serializers.URLField(required=False),
    "made_on": serializers.DateField(help_text="信息形成或变更日期；自该日起20个工作日内公开"),
}
ItemRequest = inline_serializer("DisclosureItemCreate", {"body": serializers.IntegerField(), **_ITEM_FIELDS})
ItemChangeRequest = inline_serializer(
    "DisclosureItemChange", {name: type(f)(**{**f._kwargs, "required": False}) for name, f in _ITEM_FIELDS.items()}
)
PublishRequest = inline_serializer("DisclosurePublish", {"published_on": serializers.DateField(required=False)})
WithdrawRequest = inline_serializer(
    "DisclosureItemWithdraw", {"reason": serializers.CharField(), "withdrawn_on": serializers.DateField(required=False)}
)


class ItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """政府信息公开目录：录入、公开（编索引号）、更新（新的形成日期）、撤回；每条信息的公开期限及其依据。"""

    serializer_class = DisclosureOfficeItemSerializer
    filterset_fields = ["body", "status", "category", "key_area", "late"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.office_items(self.request.user)

    def _done(self, item, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data, status=code)

    @extend_schema(request=ItemRequest, responses={201: DisclosureOfficeItemSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = services.body_from(data.pop("body", None), "body", _("公开主体"))
        return self._done(services.add_item(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=ItemChangeRequest, responses={200: DisclosureOfficeItemSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        return self._done(services.change_item(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=PublishRequest, responses={200: DisclosureOfficeItemSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        item = self.get_object()
        data = request_data(request)
        services.reject_unknown(data, ("published_on",))
        return self._done(services.publish_item(item, actor=request.user, published_on=data.get("published_on")))

    @extend_schema(request=ItemChangeRequest, responses={200: DisclosureOfficeItemSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        """更新已公开的信息：须填写新的变更日期。"""
        return self._done(services.revise_item(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(request=WithdrawRequest, responses={200: DisclosureOfficeItemSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        item = self.get_object()
        data = request_data(request)
        services.reject_unknown(data, ("reason", "withdrawn_on"))
        item = services.withdraw_item(
            item, actor=request.user, reason=data.get("reason"), withdrawn_on=data.get("withdrawn_on")
        )
        return self._done(item)


# --- guides ------------------------------------------------------------------------------------


class DisclosureGuideSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Guide
        fields = [
            "id",
            "body",
            "body_name",
            "version",
            "office_name",
            "address",
            "phone",
            "online",
            "hours",
            "procedure",
            "status",
            "status_label",
            "published_on",
        ]
        read_only_fields = fields


_GUIDE_FIELDS = {name: serializers.CharField() for name in services.GUIDE_FIELDS}
GuideRequest = inline_serializer("DisclosureGuideCreate", {"body": serializers.IntegerField(), **_GUIDE_FIELDS})
GuideChangeRequest = inline_serializer(
    "DisclosureGuideChange", {name: serializers.CharField(required=False) for name in services.GUIDE_FIELDS}
)


class GuideViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """政府信息公开指南：按版本编制，发布后为现行版本。"""

    serializer_class = DisclosureGuideSerializer
    filterset_fields = ["body", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return Guide.objects.restrict(self.request.user).select_related("body")

    def _done(self, guide, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=guide.pk)).data, status=code)

    @extend_schema(request=GuideRequest, responses={201: DisclosureGuideSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        body = services.body_from(data.pop("body", None), "body", _("单位"))
        return self._done(services.draft_guide(actor=request.user, body=body, **data), status.HTTP_201_CREATED)

    @extend_schema(request=GuideChangeRequest, responses={200: DisclosureGuideSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        return self._done(services.change_guide(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=PublishRequest, responses={200: DisclosureGuideSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        guide = self.get_object()
        data = request_data(request)
        services.reject_unknown(data, ("published_on",))
        return self._done(services.publish_guide(guide, actor=request.user, published_on=data.get("published_on")))


# --- requests ----------------------------------------------------------------------------------


class DisclosureRequestSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    receipt_code = serializers.CharField(source="submission.receipt_code", read_only=True)
    subject = serializers.CharField(source="submission.subject", read_only=True)
    description = serializers.CharField(source="submission.content", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    applicant_kind_label = serializers.CharField(source="get_applicant_kind_display", read_only=True)
    answer_type_label = serializers.CharField(source="get_answer_type_display", read_only=True)
    ground_label = serializers.CharField(source="get_ground_display", read_only=True)
    applicant = serializers.SerializerMethodField()
    due_dates = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    # Empty until answered: plain strings in the schema, the values listed in the help text.
    answer_type = serializers.CharField(
        read_only=True, help_text="办理结果（未答复的为空串）：" + "；".join(AnswerType.values)
    )
    ground = serializers.CharField(read_only=True, help_text="理由（无须理由的为空串）：" + "；".join(Ground.values))

    class Meta:
        model = DisclosureRequest
        fields = [
            "id",
            "receipt_code",
            "body",
            "body_name",
            "channel",
            "channel_label",
            "applicant_kind",
            "applicant_kind_label",
            "applicant",
            "subject",
            "description",
            "info_form",
            "delivery",
            "submitted_on",
            "received_on",
            "status",
            "status_label",
            "correction_asked_on",
            "correction_items",
            "correction_due_on",
            "corrected_on",
            "third_party",
            "consulted_on",
            "third_party_replied_on",
            "answer_type",
            "answer_type_label",
            "ground",
            "ground_label",
            "answer_text",
            "answered_on",
            "late",
            "due_dates",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(
        inline_serializer(
            "DisclosureApplicant",
            {
                "submitter_name": serializers.CharField(),
                "submitter_phone": serializers.CharField(),
                "submitter_email": serializers.CharField(),
                "id_number": serializers.CharField(),
                "address": serializers.CharField(),
            },
        )
    )
    def get_applicant(self, request_) -> dict:
        user = self.context["request"].user
        identity = submission_services.masked_identity(user, request_.submission)
        visible = submission_services.identity_visible(user, request_.submission)
        hidden = _("（仅受理单位可见）")
        return {
            **identity,
            "id_number": request_.id_number if visible else hidden,
            "address": request_.address if visible else (hidden if request_.address else ""),
        }

    @extend_schema_field(DisclosureDueSerializer(many=True))
    def get_due_dates(self, request_) -> list[dict]:
        return selectors.due_entries(request_)

    @extend_schema_field(DisclosureActionSerializer(many=True))
    def get_actions(self, request_) -> list[dict]:
        return _actions(workflow.REQUEST, request_, self.context["request"].user)


_FORM_FIELDS = {
    name: serializers.CharField(required=field.required)
    for name, field in __import__(
        "fazhi.disclosure.submissions", fromlist=["DisclosureRequestForm"]
    ).DisclosureRequestForm.base_fields.items()
}
EnterRequest = inline_serializer(
    "DisclosureRequestEnter",
    {
        "body": serializers.IntegerField(),
        "channel": serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]),
        "submitted_on": serializers.DateField(help_text="当面提交之日或信函签收之日"),
        **_FORM_FIELDS,
    },
)
EnterResponse = inline_serializer(
    "DisclosureRequestEntered",
    {"request": DisclosureRequestSerializer(), "secret": serializers.CharField(help_text="查询码，仅显示一次")},
)
STEP_REQUESTS = {
    "confirm": {"received_on": serializers.DateField(required=False, help_text="默认今天")},
    "ask_correction": {
        "items": serializers.CharField(),
        "due_on": serializers.DateField(help_text="合理的补正期限"),
        "asked_on": serializers.DateField(required=False),
    },
    "corrected": {"corrected_on": serializers.DateField(required=False)},
    "correction_lapsed": {"text": serializers.CharField(required=False)},
    "extend": {
        "length": serializers.IntegerField(min_value=1, max_value=20),
        "reason": serializers.CharField(),
        "approved_on": serializers.DateField(required=False),
    },
    "consult": {"third_party": serializers.CharField(), "consulted_on": serializers.DateField(required=False)},
    "resume": {"replied_on": serializers.DateField(required=False, help_text="不填表示第三方逾期未提出意见")},
    "answer": {
        "answer_type": serializers.ChoiceField(choices=AnswerType.choices),
        "ground": serializers.ChoiceField(choices=Ground.choices, required=False),
        "text": serializers.CharField(),
        "answered_on": serializers.DateField(required=False),
    },
}


class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """政府信息公开申请登记：每件申请的期限及其法定依据；每个办理步骤一个操作。"""

    serializer_class = DisclosureRequestSerializer
    filterset_fields = ["body", "status", "channel", "answer_type", "late"]

    def get_queryset(self):
        return selectors.office_requests(self.request.user)

    def _done(self, request_, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=request_.pk)).data, status=code)

    @extend_schema(request=EnterRequest, responses={201: EnterResponse, **STEP_ERRORS})
    @action(detail=False, methods=["post"])
    def enter(self, request):
        """登记当面提交或信函提交的申请（以提交之日或签收之日为收到申请之日）。"""
        data = dict(request_data(request))
        body = services.body_from(data.pop("body", None), "body", _("受理机关"))
        channel, submitted_on = data.pop("channel", None), data.pop("submitted_on", None)
        request_, secret = services.enter_request(
            actor=request.user, body=body, channel=channel, submitted_on=submitted_on, data=data
        )
        found = self.get_queryset().get(pk=request_.pk)
        return Response({"request": self.get_serializer(found).data, "secret": secret}, status=status.HTTP_201_CREATED)


def _step_action(name: str):
    def step(self, request, pk=None):
        return self._done(
            services.run_step(self.get_object(), name, actor=request.user, data=dict(request_data(request)))
        )

    step.__name__ = name
    step.__doc__ = str(workflow.REQUEST.transitions[name].label)
    request_schema = inline_serializer(f"DisclosureRequestStep_{name}", STEP_REQUESTS[name])
    step = extend_schema(request=request_schema, responses={200: DisclosureRequestSerializer, **STEP_ERRORS})(step)
    return action(detail=True, methods=["post"], url_path=name.replace("_", "-"))(step)


for _name in STEP_REQUESTS:
    setattr(RequestViewSet, _name, _step_action(_name))


# --- yearly reports ----------------------------------------------------------------------------


class DisclosureReportSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    computed = serializers.SerializerMethodField()

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "body",
            "body_name",
            "year",
            "overview",
            "problems",
            "other_matters",
            "review_figures",
            "computed",
            "status",
            "status_label",
            "submitted_on",
            "published_on",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.JSONField(help_text="主动公开、规章和规范性文件、处罚强制、申请情况表的数字"))
    def get_computed(self, report) -> dict:
        return report_docs.figures_of(report)


ReportRequest = inline_serializer(
    "DisclosureReportOpen", {"body": serializers.IntegerField(), "year": serializers.IntegerField()}
)
ReportChangeRequest = inline_serializer(
    "DisclosureReportChange",
    {
        "overview": serializers.CharField(required=False),
        "problems": serializers.CharField(required=False),
        "other_matters": serializers.CharField(required=False),
        "review_figures": serializers.DictField(child=serializers.IntegerField(min_value=0), required=False),
    },
)


class ReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """政府信息公开工作年度报告：数字由记录生成，文字由单位编写；提交、公布；DOCX 下载。"""

    serializer_class = DisclosureReportSerializer
    filterset_fields = ["body", "year", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return AnnualReport.objects.restrict(self.request.user).select_related("body")

    def _done(self, report, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data, status=code)

    @extend_schema(request=ReportRequest, responses={201: DisclosureReportSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        services.reject_unknown(data, ("body", "year"))
        body = services.body_from(data.get("body"), "body", _("单位"))
        report = services.open_report(actor=request.user, body=body, year=data.get("year"))
        return self._done(report, status.HTTP_201_CREATED)

    @extend_schema(request=ReportChangeRequest, responses={200: DisclosureReportSerializer, **STEP_ERRORS})
    def partial_update(self, request, *args, **kwargs):
        return self._done(services.change_report(self.get_object(), actor=request.user, **dict(request_data(request))))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: DisclosureReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._done(services.report_step(self.get_object(), "submit", actor=request.user))

    @extend_schema(request=None, responses={200: DisclosureReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self._done(services.report_step(self.get_object(), "return", actor=request.user))

    @extend_schema(request=None, responses={200: DisclosureReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._done(services.report_step(self.get_object(), "publish", actor=request.user))

    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes})
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        return docx_response(self.get_object())


# --- yearly website reports --------------------------------------------------------------------


class DisclosureWebsiteReportSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    due_on = serializers.SerializerMethodField(help_text="应公布日期（年度报告公布期限）")
    late = serializers.SerializerMethodField(help_text="是否晚于应公布日期")

    class Meta:
        model = WebsiteReport
        fields = ["id", "body", "body_name", "year", "published_on", "link", "due_on", "late"]
        read_only_fields = fields

    def _due(self, report):
        table = self.context.get("website_schedule")
        if table is None:
            table = self.context["website_schedule"] = selectors.schedule_table(ReportKind.WEBSITE)
        return selectors.schedule_date(ReportKind.WEBSITE, report.body, report.year, table)

    @extend_schema_field(serializers.DateField())
    def get_due_on(self, report):
        return self._due(report)

    @extend_schema_field(serializers.BooleanField())
    def get_late(self, report) -> bool:
        return report.published_on > self._due(report)


WebsiteReportRequest = inline_serializer(
    "DisclosureWebsiteReportRecord",
    {
        "body": serializers.IntegerField(),
        "year": serializers.IntegerField(help_text="报表所属年度"),
        "published_on": serializers.DateField(required=False, help_text="公布日期，默认今天"),
        "link": serializers.URLField(help_text="公布报表的网页链接"),
    },
)


class WebsiteReportViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """政府网站工作年度报表：登记公布日期和链接（即公布；同一年度再登记为更正），列出应公布日期。"""

    serializer_class = DisclosureWebsiteReportSerializer
    filterset_fields = ["body", "year"]

    def get_queryset(self):
        return selectors.office_website_reports(self.request.user)

    @extend_schema(request=WebsiteReportRequest, responses={201: DisclosureWebsiteReportSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        data = dict(request_data(request))
        services.reject_unknown(data, ("body", "year", "published_on", "link"))
        body = services.body_from(data.get("body"), "body", _("单位"))
        recorded = services.record_website_report(
            actor=request.user,
            body=body,
            year=data.get("year"),
            published_on=data.get("published_on"),
            link=data.get("link"),
        )
        found = self.get_queryset().get(pk=recorded.pk)
        return Response(self.get_serializer(found).data, status=status.HTTP_201_CREATED)


def docx_response(report) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(
        report_docs.docx_bytes(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = quote(f"{report.body.name}{report.year}年政府信息公开工作年度报告.docx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


# --- public ------------------------------------------------------------------------------------


class PublicItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """政府信息公开目录（公开）：只列已公开的信息，可按单位、类别、重点领域筛选。"""

    serializer_class = DisclosureItemSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_items()

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="单位"),
            OpenApiParameter("category", str, enum=Category.values, description="类别"),
            OpenApiParameter(
                "key_area", str, enum=[*KeyArea.values, "any"], description="重点领域；any 为全部重点领域"
            ),
        ],
        responses={200: DisclosureItemSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        category, key_area = params.get("category") or "", params.get("key_area") or ""
        if category and category not in Category.values:
            raise InvalidInput(_("查询条件有误。"), errors={"category": [_("没有这一类别。")]})
        if key_area and key_area not in [*KeyArea.values, "any"]:
            raise InvalidInput(_("查询条件有误。"), errors={"key_area": [_("没有这一重点领域。")]})
        found = selectors.public_items(body=_id(params.get("body"), "body"), category=category, key_area=key_area)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PublicGuideViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """各单位现行的政府信息公开指南（公开）。"""

    serializer_class = DisclosureGuideSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_guides()


class DisclosurePublicReportSerializer(DisclosureReportSerializer):
    class Meta(DisclosureReportSerializer.Meta):
        fields = [
            f for f in DisclosureReportSerializer.Meta.fields if f not in ("status", "status_label", "submitted_on")
        ]
        read_only_fields = fields


class PublicReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的政府信息公开工作年度报告（公开）。"""

    serializer_class = DisclosurePublicReportSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_reports()


ROUTES = [
    ("disclosure-items", ItemViewSet, "disclosure-item"),
    ("disclosure-guides", GuideViewSet, "disclosure-guide"),
    ("disclosure-requests", RequestViewSet, "disclosure-request"),
    ("disclosure-reports", ReportViewSet, "disclosure-report"),
    ("disclosure-website-reports", WebsiteReportViewSet, "disclosure-website-report"),
    ("public/disclosure-items", PublicItemViewSet, "public-disclosure-item"),
    ("public/disclosure-guides", PublicGuideViewSet, "public-disclosure-guide"),
    ("public/disclosure-reports", PublicReportViewSet, "public-disclosure-report"),
]
PATHS = []
__all__ = ["mask_text"]
