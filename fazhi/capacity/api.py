"""API of 依法行政能力与责任落实 (thin): every register scoped and filterable by body and year,
recorded, revised and removed through the services; the work points and the 普法责任清单 with a
step each; the settings in force with their sources; each body's standing for a year; the
published duty lists for the public. People's names show in full only to the body's members."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.capacity import registers, selectors, services, workflow
from fazhi.capacity.choices import DutyListStatus, WorkPointsStatus
from fazhi.capacity.models import SOURCES, DutyList, DutyListItem, WorkPoints
from fazhi.core.api_submissions import AttachmentSerializer
from fazhi.core.apitools import error_responses, step_data
from fazhi.core.errors import InvalidInput
from fazhi.core.services import attachments as attachment_services

STEP_ERRORS = error_responses(400, 403, 404, 409)
FILTERS = [
    OpenApiParameter("body", int, description="单位"),
    OpenApiParameter("year", int, description="年度（四位数字）"),
]


def _check_filters(request) -> dict:
    params = request.query_params
    errors = {}
    if params.get("year") and selectors.year_of(params["year"]) is None:
        errors["year"] = [_("年度应为四位数字。")]
    if params.get("body") and selectors.pk_of(params["body"]) is None:
        errors["body"] = [_("单位应为编号。")]
    if errors:
        raise InvalidInput(_("查询条件有误。"), errors=errors)
    return {"body": params.get("body", ""), "year": params.get("year", "")}


def _choices(choices) -> str:
    return "、".join(f"{value} {label}" for value, label in choices.choices)


@extend_schema_field(OpenApiTypes.STR)
class PersonField(serializers.Field):
    """A person's name: in full for the body's own members, masked (张*) for everyone else."""

    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return selectors.person_text(self.context["request"].user, record, getattr(record, self.attribute))


# --- the simple registers -------------------------------------------------------------------------

_REQUEST_FIELDS = {
    registers.LINE: serializers.CharField,
    registers.TEXT: serializers.CharField,
    registers.URL: serializers.CharField,
    registers.DATE: serializers.DateField,
    registers.COUNT: serializers.IntegerField,
    registers.YEAR: serializers.IntegerField,
    registers.ITEM: serializers.IntegerField,
    registers.DECIMAL: serializers.DecimalField,
    registers.SCORE: serializers.DecimalField,
    registers.AMOUNT: serializers.DecimalField,
    registers.FLAG: serializers.BooleanField,
    registers.CHOICE: serializers.CharField,
}


def _request_field(register, field, *, required: bool):
    kind = field.kind
    options = {"required": required, "help_text": str(field.help or field.label(register.model))}
    if kind == registers.CHOICE:
        options["help_text"] = f"{options['help_text']}：{_choices(field.choices)}"
    if kind in (registers.DECIMAL, registers.SCORE, registers.AMOUNT):
        options.update(max_digits=14, decimal_places=2 if kind == registers.AMOUNT else 1)
    return _REQUEST_FIELDS[kind](**options)


def _name(register) -> str:
    return "Capacity" + "".join(part.title() for part in register.key.split("-"))


def _serializer(register):
    attributes = {"body_name": serializers.CharField(source="body.name", read_only=True)}
    names = ["id", "body", "body_name"]
    for field in register.fields:
        names.append(field.name)
        if field.personal:
            attributes[field.name] = PersonField(field.name, help_text="本单位以外的用户只见姓氏")
        if field.kind == registers.URL:
            attributes[field.name] = serializers.CharField(read_only=True, help_text="网址；未填写时为空串")
        if field.kind == registers.CHOICE:
            attributes[field.name] = serializers.CharField(read_only=True, help_text=_choices(field.choices))
            attributes[f"{field.name}_label"] = serializers.CharField(
                source=f"get_{field.name}_display", read_only=True
            )
            names.append(f"{field.name}_label")
    names += ["created_at", "updated_at"]
    attributes["Meta"] = type("Meta", (), {"model": register.model, "fields": names, "read_only_fields": names})
    return type(f"{_name(register)}Serializer", (serializers.ModelSerializer,), attributes)


def _viewset(register):
    serializer = _serializer(register)
    create_request = inline_serializer(
        f"{_name(register)}Record",
        {
            "body": serializers.IntegerField(help_text="单位：本人所在、可以录入的单位"),
            **{f.name: _request_field(register, f, required=f.required) for f in register.fields},
        },
    )
    change_request = inline_serializer(
        f"{_name(register)}Revise", {f.name: _request_field(register, f, required=False) for f in register.editable()}
    )
    allowed_create = ("body", *(f.name for f in register.fields))
    allowed_change = tuple(f.name for f in register.editable())

    class RegisterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
        serializer_class = serializer
        filter_backends = []
        lookup_value_regex = r"[0-9]+"
        http_method_names = ["get", "post", "patch", "delete", "head", "options"]

        def get_queryset(self):
            return selectors.records(self.request.user, register)

        def get_object(self):
            return selectors.visible(self.request.user, register.model, self.kwargs["pk"])

        def _out(self, record, code=status.HTTP_200_OK):
            fresh = selectors.visible(self.request.user, register.model, record.pk)
            return Response(self.get_serializer(fresh).data, status=code)

        @extend_schema(parameters=FILTERS, responses={200: serializer(many=True), **error_responses(400)})
        def list(self, request, *args, **kwargs):
            page = self.paginate_queryset(selectors.records(request.user, register, **_check_filters(request)))
            return self.get_paginated_response(self.get_serializer(page, many=True).data)

        @extend_schema(request=create_request, responses={201: serializer, **error_responses(400, 409)})
        def create(self, request, *args, **kwargs):
            data = step_data(request, allowed_create)
            record = services.record(register, actor=request.user, body=data.get("body"), data=data)
            return self._out(record, status.HTTP_201_CREATED)

        @extend_schema(request=change_request, responses={200: serializer, **STEP_ERRORS})
        def partial_update(self, request, *args, **kwargs):
            record = self.get_object()
            return self._out(services.revise(record, actor=request.user, data=step_data(request, allowed_change)))

        @extend_schema(responses={204: None, **error_responses(403, 404)})
        def destroy(self, request, *args, **kwargs):
            services.remove(self.get_object(), actor=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)

    RegisterViewSet.__name__ = RegisterViewSet.__qualname__ = f"{_name(register)}ViewSet"
    RegisterViewSet.__doc__ = f"{register.label}（意见第{register.article}条）：{register.intro}"
    if register.files:
        RegisterViewSet.attachments = _attachments_action(register.model)
    return RegisterViewSet


FileRequest = inline_serializer("CapacityFile", {"file": serializers.FileField()})


def _attachments_action(model):
    @extend_schema(
        methods=["GET"], request=None, responses={200: AttachmentSerializer(many=True), **error_responses(404)}
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": FileRequest},
        responses={201: AttachmentSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def attachments(self, request, pk=None):
        """附件：本单位上传（文件类型按内容判断，大小有上限）。"""
        record = selectors.visible(request.user, model, pk)
        if request.method == "GET":
            return Response(AttachmentSerializer(attachment_services.attachments_of(record), many=True).data)
        uploaded = request.FILES.get("file") if hasattr(request.FILES, "get") else None
        attachment = services.attach(record, uploaded, actor=request.user)
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    return attachments


# --- work points ----------------------------------------------------------------------------------


class CapacityActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


def _actions(flow, record, user) -> list[dict]:
    return [
        {"name": transition.name, "label": str(transition.label), "refusal": refusal}
        for transition, refusal in workflow.actions(flow, record, user)
    ]


class CapacityProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reported_on = serializers.DateField()
    text = serializers.CharField()
    completed = serializers.BooleanField()


class CapacityMeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    content = serializers.CharField()
    responsible_unit = serializers.CharField()
    due_on = serializers.DateField()
    progress = CapacityProgressSerializer(many=True, source="progress.all")


class CapacityWorkPointsSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=_choices(WorkPointsStatus))
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    measures = CapacityMeasureSerializer(many=True, source="measures.all", read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = WorkPoints
        fields = [
            "id",
            "body",
            "body_name",
            "year",
            "title",
            "goals",
            "status",
            "status_label",
            "document_number",
            "adopted_on",
            "assessment",
            "assessed_on",
            "measures",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(CapacityActionSerializer(many=True))
    def get_actions(self, plan) -> list[dict]:
        return _actions(workflow.WORK_POINTS, plan, self.context["request"].user)


DAY, TEXT, ID = serializers.DateField, serializers.CharField, serializers.IntegerField
WorkPointsRequest = inline_serializer(
    "CapacityWorkPointsCreate",
    {"body": ID(), "year": ID(help_text="年度（四位数字）"), "title": TEXT(), "goals": TEXT(help_text="工作目标")},
)
WORK_POINTS_REQUESTS = {
    "edit": inline_serializer("CapacityWorkPointsEdit", {"title": TEXT(required=False), "goals": TEXT(required=False)}),
    "add-measure": inline_serializer(
        "CapacityMeasureAdd", {"content": TEXT(), "responsible_unit": TEXT(), "due_on": DAY(help_text="当年内")}
    ),
    "remove-measure": inline_serializer("CapacityMeasureRemove", {"measure": ID()}),
    "adopt": inline_serializer(
        "CapacityWorkPointsAdopt",
        {
            "adopted_on": DAY(),
            "document_number": TEXT(required=False, help_text="印发文号；不填时须上传印发的文件"),
            "file": serializers.FileField(required=False, help_text="印发的文件（multipart/form-data）"),
        },
    ),
    "progress": inline_serializer(
        "CapacityProgress",
        {"measure": ID(), "reported_on": DAY(), "text": TEXT(), "completed": serializers.BooleanField(required=False)},
    ),
    "assess": inline_serializer(
        "CapacityAssess", {"assessed_on": DAY(help_text="当年12月1日以后"), "assessment": TEXT()}
    ),
}


def _step_action(name: str, doc: str, requests: dict, serializer):
    """A workflow step as a POST action named like the step (its name set before DRF reads it)."""

    def step(self, request, pk=None):
        return self._run(name)

    step.__name__, step.__doc__ = name.replace("-", "_"), doc
    routed = action(detail=True, methods=["post"], url_path=name, url_name=name)(step)
    return extend_schema(request=requests[name], responses={200: serializer, **STEP_ERRORS})(routed)


class WorkPointsViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """依法行政工作要点（意见第四条）：起草、添加工作措施、印发（文号或印发文件）、记录落实情况、年终考核。"""

    serializer_class = CapacityWorkPointsSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.work_points(self.request.user)

    def get_object(self):
        return selectors.visible(self.request.user, WorkPoints, self.kwargs["pk"])

    @extend_schema(parameters=FILTERS, responses={200: CapacityWorkPointsSerializer(many=True), **error_responses(400)})
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(selectors.work_points(request.user, **_check_filters(request)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=WorkPointsRequest, responses={201: CapacityWorkPointsSerializer, **error_responses(400, 409)}
    )
    def create(self, request, *args, **kwargs):
        data = step_data(request, ("body", "year", "title", "goals"))
        plan = services.create_work_points(
            actor=request.user, **{name: data.get(name) for name in ("body", "year", "title", "goals")}
        )
        return Response(self.get_serializer(self._fresh(plan.pk)).data, status=status.HTTP_201_CREATED)

    def _fresh(self, pk):
        return selectors.visible(self.request.user, WorkPoints, pk)

    def _run(self, name: str):
        plan = self.get_object()
        data = step_data(self.request, (*services.WORK_POINTS_FIELDS[name], *(("file",) if name == "adopt" else ())))
        upload = self.request.FILES.get("file") if hasattr(self.request.FILES, "get") else None
        services.run_work_points_step(plan, name, actor=self.request.user, data=data, file=upload)
        return Response(self.get_serializer(self._fresh(plan.pk)).data)

    edit = _step_action("edit", "修改名称和工作目标（起草中）。", WORK_POINTS_REQUESTS, CapacityWorkPointsSerializer)
    add_measure = _step_action(
        "add-measure",
        "添加工作措施：内容、责任单位、计划完成时间（起草中）。",
        WORK_POINTS_REQUESTS,
        CapacityWorkPointsSerializer,
    )
    remove_measure = _step_action(
        "remove-measure",
        "删除工作措施（起草中），其后的序号依次前移。",
        WORK_POINTS_REQUESTS,
        CapacityWorkPointsSerializer,
    )
    adopt = _step_action(
        "adopt", "印发：须有工作措施，并有印发文号或印发的文件。", WORK_POINTS_REQUESTS, CapacityWorkPointsSerializer
    )
    progress = _step_action(
        "progress", "记录一项工作措施的落实情况（已印发）。", WORK_POINTS_REQUESTS, CapacityWorkPointsSerializer
    )
    assess = _step_action(
        "assess",
        "年终考核：当年12月1日起，每项工作措施都已记录落实情况。",
        WORK_POINTS_REQUESTS,
        CapacityWorkPointsSerializer,
    )
    attachments = _attachments_action(WorkPoints)


# --- 普法责任清单 ------------------------------------------------------------------------------------


class CapacityDutyItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = DutyListItem
        fields = ["id", "position", "subject", "audience", "measures", "responsible_unit"]
        read_only_fields = fields


class CapacityPublicDutyListSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    items = CapacityDutyItemSerializer(many=True, source="items.all", read_only=True)

    class Meta:
        model = DutyList
        fields = ["id", "body", "body_name", "year", "published_on", "items"]
        read_only_fields = fields


class CapacityDutyListSerializer(CapacityPublicDutyListSerializer):
    status = serializers.CharField(read_only=True, help_text=_choices(DutyListStatus))
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta(CapacityPublicDutyListSerializer.Meta):
        fields = [*CapacityPublicDutyListSerializer.Meta.fields, "status", "status_label", "actions"]
        read_only_fields = fields

    @extend_schema_field(CapacityActionSerializer(many=True))
    def get_actions(self, duty_list) -> list[dict]:
        return _actions(workflow.DUTY_LIST, duty_list, self.context["request"].user)


DUTY_LIST_REQUESTS = {
    "add-item": inline_serializer(
        "CapacityDutyItemAdd",
        {
            "subject": TEXT(help_text="普法内容（法律法规）"),
            "audience": TEXT(),
            "measures": TEXT(),
            "responsible_unit": TEXT(),
        },
    ),
    "remove-item": inline_serializer("CapacityDutyItemRemove", {"item": ID()}),
    "publish": inline_serializer("CapacityDutyListPublish", {"published_on": DAY()}),
}


class DutyListViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """普法责任清单（意见第四十二条）：编制、添加事项，由本单位负责人审定公布（公布后在门户显示）。"""

    serializer_class = CapacityDutyListSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.duty_lists(self.request.user)

    def get_object(self):
        return selectors.visible(self.request.user, DutyList, self.kwargs["pk"])

    @extend_schema(parameters=FILTERS, responses={200: CapacityDutyListSerializer(many=True), **error_responses(400)})
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(selectors.duty_lists(request.user, **_check_filters(request)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=inline_serializer("CapacityDutyListCreate", {"body": ID(), "year": ID()}),
        responses={201: CapacityDutyListSerializer, **error_responses(400, 409)},
    )
    def create(self, request, *args, **kwargs):
        data = step_data(request, ("body", "year"))
        duty_list = services.create_duty_list(actor=request.user, body=data.get("body"), year=data.get("year"))
        return Response(self.get_serializer(self._fresh(duty_list.pk)).data, status=status.HTTP_201_CREATED)

    def _fresh(self, pk):
        return selectors.visible(self.request.user, DutyList, pk)

    def _run(self, name: str):
        duty_list = self.get_object()
        data = step_data(self.request, services.DUTY_LIST_FIELDS[name])
        services.run_duty_list_step(duty_list, name, actor=self.request.user, data=data)
        return Response(self.get_serializer(self._fresh(duty_list.pk)).data)

    add_item = _step_action("add-item", "添加清单事项（编制中）。", DUTY_LIST_REQUESTS, CapacityDutyListSerializer)
    remove_item = _step_action(
        "remove-item", "删除清单事项（编制中）。", DUTY_LIST_REQUESTS, CapacityDutyListSerializer
    )
    publish = _step_action(
        "publish", "审定公布：本单位负责人；须有事项。", DUTY_LIST_REQUESTS, CapacityDutyListSerializer
    )


class PublicDutyListViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公布的普法责任清单（公开）。"""

    serializer_class = CapacityPublicDutyListSerializer
    permission_classes = [AllowAny]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.published_duty_lists()

    def get_object(self):
        return selectors.published_duty_list(self.kwargs["pk"])

    @extend_schema(
        parameters=FILTERS, responses={200: CapacityPublicDutyListSerializer(many=True), **error_responses(400)}
    )
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(selectors.published_duty_lists(**_check_filters(request)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- settings and standing ------------------------------------------------------------------------


SettingsSerializer = inline_serializer(
    "CapacitySettings",
    {
        "training_minimum": ID(),
        "leadership_lecture_minimum": ID(),
        "executive_meeting_minimum": ID(),
        "work_points_due": serializers.CharField(help_text="月-日，当年"),
        "duty_report_due": serializers.CharField(help_text="月-日，次年"),
        "sources": serializers.DictField(child=serializers.CharField()),
    },
)


class SettingsView(APIView):
    """依法行政能力配置：各项最低次数和期限，及其依据（本地做法可由管理员修改）。"""

    @extend_schema(responses={200: SettingsSerializer})
    def get(self, request):
        config = selectors.settings()
        return Response(
            {
                "training_minimum": config.training_minimum,
                "leadership_lecture_minimum": config.leadership_lecture_minimum,
                "executive_meeting_minimum": config.executive_meeting_minimum,
                "work_points_due": f"{config.work_points_month:02d}-{config.work_points_day:02d}",
                "duty_report_due": f"{config.duty_report_month:02d}-{config.duty_report_day:02d}",
                "sources": {key: str(text) for key, text in SOURCES.items()},
            }
        )


CheckSerializer = inline_serializer(
    "CapacityCheck",
    {
        "article": ID(),
        "status": serializers.CharField(),
        "status_label": serializers.CharField(),
        "summary": serializers.CharField(),
        "numerator": ID(allow_null=True),
        "denominator": ID(allow_null=True),
        "failing": serializers.ListField(child=serializers.DictField()),
        "evidence": serializers.ListField(child=serializers.DictField()),
    },
)
StandingSerializer = inline_serializer(
    "CapacityStanding",
    {
        "body": ID(),
        "body_name": serializers.CharField(),
        "year": ID(),
        "minimums": serializers.ListField(child=serializers.DictField()),
        "checks": serializers.ListField(child=CheckSerializer),
    },
)


class StandingView(APIView):
    """各单位某年度的最低次数完成情况（已开展 / 最低）和意见第三、四、四十、四十一、四十二、五十四条的落实情况。"""

    @extend_schema(
        parameters=FILTERS,
        responses={200: serializers.ListSerializer(child=StandingSerializer), **error_responses(400)},
    )
    def get(self, request):
        filters = _check_filters(request)
        year = selectors.year_of(filters["year"]) or timezone.localdate().year
        bodies = selectors.existed_in(selectors.visible_bodies(request.user), year)
        if filters["body"]:
            bodies = bodies.filter(pk=selectors.pk_of(filters["body"]))
        rows = selectors.overview(list(bodies), year, timezone.localdate())
        return Response(
            [
                {
                    "body": row["body"].pk,
                    "body_name": row["body"].name,
                    "year": year,
                    "minimums": [
                        {key: str(value) if key in ("label", "source") else value for key, value in m.items()}
                        for m in row["minimums"].values()
                    ],
                    "checks": [
                        {"article": article, **result.as_dict()}
                        for article, result in zip(selectors.ARTICLES, row["results"], strict=True)
                    ],
                }
                for row in rows
            ]
        )


ROUTES = [
    ("capacity/work-points", WorkPointsViewSet, "capacity-work-points"),
    ("capacity/duty-lists", DutyListViewSet, "capacity-duty-list"),
    *((f"capacity/{key}", _viewset(register), f"capacity-{key}") for key, register in registers.REGISTERS.items()),
    ("public/capacity-duty-lists", PublicDutyListViewSet, "public-capacity-duty-list"),
]
PATHS = [
    path("capacity/settings/", SettingsView.as_view(), name="api-capacity-settings"),
    path("capacity/standing/", StandingView.as_view(), name="api-capacity-standing"),
]
