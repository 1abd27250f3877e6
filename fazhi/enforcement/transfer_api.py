"""API for criminal transfers (涉嫌犯罪案件移送, seed art. 22): the transferring body's steps, and
the procuratorate's and court's sight of their area's transfers (thin).

Every queryset starts from `transfers.visible_to()`: the transfers of the bodies in the user's scope
and, for the procuratorate and court granted sight of an area's government, that area's (第十四条,
information sharing). Another body's transfer is a 404; one seen only through sharing is read-only
(403 on a step). Each step calls its service, which checks who, when and the periods, and refuses
with the same Chinese messages as the pages.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.apitools import step_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_id
from fazhi.enforcement import case_selectors, transfers
from fazhi.enforcement.case_api import LIST_ERRORS, STEP_ERRORS, _ids, _year
from fazhi.enforcement.choices import TransferStatus
from fazhi.enforcement.models import Case, Transfer

MATTERS = (transfers.APPROVE_PERIOD, transfers.POLICE_PERIOD, transfers.HANDOVER_PERIOD)


class TransferDeadlineSerializer(serializers.Serializer):
    matter = serializers.CharField(help_text="期限事项（法定期限表中的代码）")
    label = serializers.CharField()
    started = serializers.BooleanField(help_text="是否已起算；未起算的只有期间和依据")
    start_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)
    source = serializers.CharField(help_text="期间及其依据")


class TransferStepSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


class TransferTeamSerializer(serializers.Serializer):
    officer = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class TransferSummarySerializer(serializers.ModelSerializer):
    """A transfer in a list: what it is, where it stands and the period now running."""

    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    cause = serializers.CharField(source="case.cause", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    running = serializers.SerializerMethodField(help_text="正在计算的期限；没有为空")

    class Meta:
        model = Transfer
        fields = [
            "id",
            "case",
            "case_number",
            "cause",
            "body",
            "body_name",
            "status",
            "status_label",
            "suspected_offence",
            "receiving_organ",
            "proposed_on",
            "approved_on",
            "sent_on",
            "police_decided_on",
            "handed_over_on",
            "running",
        ]
        read_only_fields = fields

    @extend_schema_field(TransferDeadlineSerializer(allow_null=True))
    def get_running(self, transfer) -> dict | None:
        found = self.context.get("deadlines", {}).get(transfer.pk, {})
        rows = case_selectors.deadline_rows(found, MATTERS)
        running = [row for row in rows if row["started"] and row["closed_on"] is None]
        return TransferDeadlineSerializer(running[-1]).data if running else None


class TransferSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    cause = serializers.CharField(source="case.cause", read_only=True)
    party_name = serializers.CharField(source="case.party_name", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    team = serializers.SerializerMethodField(help_text="移送案件专责小组")
    deadlines = serializers.SerializerMethodField(help_text="审批、公安机关审查、移交材料的期限及其依据")
    actions = serializers.SerializerMethodField(help_text="当前用户此时可以办理的步骤")
    returned_cases = serializers.SerializerMethodField(help_text="公安机关移回后重新立案的案件")

    class Meta:
        model = Transfer
        fields = [
            "id",
            "case",
            "case_number",
            "cause",
            "party_name",
            "body",
            "body_name",
            "area",
            "area_name",
            "status",
            "status_label",
            "suspected_offence",
            "proposed_on",
            "approved_on",
            "approver",
            "sent_on",
            "receiving_organ",
            "acknowledged_on",
            "police_decided_on",
            "police_outcome",
            "handed_over_on",
            "created_at",
            "team",
            "deadlines",
            "actions",
            "returned_cases",
        ]
        read_only_fields = fields

    @extend_schema_field(TransferTeamSerializer(many=True))
    def get_team(self, transfer) -> list[dict]:
        return TransferTeamSerializer(transfer.team.order_by("name", "id"), many=True).data

    @extend_schema_field(TransferDeadlineSerializer(many=True))
    def get_deadlines(self, transfer) -> list[dict]:
        found = case_selectors.deadlines_by_subject(Transfer, [transfer.pk], MATTERS).get(transfer.pk, {})
        return TransferDeadlineSerializer(case_selectors.deadline_rows(found, MATTERS), many=True).data

    @extend_schema_field(TransferStepSerializer(many=True))
    def get_actions(self, transfer) -> list[dict]:
        user = self.context["request"].user
        return [{"name": name, "label": label} for name, label in transfers.steps(transfer, user)]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_returned_cases(self, transfer) -> list[int]:
        return list(transfer.returned_cases.order_by("id").values_list("pk", flat=True))


# --- what the steps take -------------------------------------------------------------------------------

DATE = {"required": False, "help_text": "默认今天"}
ProposeRequest = inline_serializer(
    "EnforcementTransferPropose",
    {
        "case": serializers.IntegerField(help_text="尚未作出决定的本机关案件"),
        "suspected_offence": serializers.CharField(help_text="涉嫌罪名"),
        "team": serializers.ListField(
            child=serializers.IntegerField(), help_text="专案组：2名以上持有效执法证的本机关执法人员"
        ),
        "receiving_organ": serializers.CharField(help_text="接受移送的公安机关"),
        "proposed_on": serializers.DateField(**DATE),
    },
)
PROPOSE_NAMES = ("case", "suspected_offence", "team", "receiving_organ", "proposed_on")
DecideRequest = inline_serializer(
    "EnforcementTransferDecide",
    {
        "approve": serializers.BooleanField(help_text="批准移送；不批准的须写明理由"),
        "reason": serializers.CharField(required=False, help_text="不批准移送的理由"),
        "decided_on": serializers.DateField(**DATE),
    },
)
SendRequest = inline_serializer("EnforcementTransferSend", {"sent_on": serializers.DateField(**DATE)})
PoliceDecisionRequest = inline_serializer(
    "EnforcementTransferPoliceDecision",
    {
        "accepted": serializers.BooleanField(help_text="公安机关决定立案"),
        "decided_on": serializers.DateField(**DATE),
        "outcome": serializers.CharField(required=False, help_text="公安机关处理结果；不予立案的须填写"),
    },
)
HandoverRequest = inline_serializer("EnforcementTransferHandover", {"handed_over_on": serializers.DateField(**DATE)})
TakeBackRequest = inline_serializer(
    "EnforcementTransferTakeBack",
    {
        "officers": serializers.ListField(
            child=serializers.IntegerField(), help_text="重新立案的办案人员：2名以上持有效执法证的本机关执法人员"
        ),
        "reason": serializers.CharField(help_text="移回的理由（公安机关认为应当给予行政处罚）"),
        "returned_on": serializers.DateField(**DATE),
    },
)


class TransferViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """涉嫌犯罪案件移送：移送机关办理；同一行政区域的检察机关、审判机关经授权可以查阅。"""

    serializer_class = TransferSerializer
    filter_backends = []
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return TransferSummarySerializer if self.action == "list" else TransferSerializer

    def get_queryset(self):
        return (
            transfers.visible_to(self.request.user)
            .select_related("case", "body", "area")
            .order_by("-proposed_on", "-id")
        )

    def _done(self, transfer, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=transfer.pk)).data, status=code)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=TransferStatus.values, description="状态"),
            OpenApiParameter("year", int, description="提出移送的年度"),
            OpenApiParameter("body", int, description="移送机关"),
        ],
        responses={200: TransferSummarySerializer(many=True), **LIST_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        errors = {}
        status_text = params.get("status", "")
        if status_text and status_text not in TransferStatus.values:
            errors["status"] = [_("不是有效的状态。")]
        year = _year(params.get("year", ""), "year", errors)
        body_text = params.get("body", "")
        if body_text and not (body_text.isdigit() and len(body_text) <= 9):
            errors["body"] = [_("应为单位编号。")]
        if errors:
            raise InvalidInput(_("查询条件有误。"), errors=errors)
        found = self.get_queryset()
        if status_text:
            found = found.filter(status=status_text)
        if year:
            found = found.filter(proposed_on__year=year)
        if body_text:
            found = found.filter(body_id=int(body_text))
        page = self.paginate_queryset(found)
        deadlines = case_selectors.deadlines_by_subject(Transfer, [t.pk for t in page], MATTERS)
        serializer = TransferSummarySerializer(
            page, many=True, context={**self.get_serializer_context(), "deadlines": deadlines}
        )
        return self.get_paginated_response(serializer.data)

    @extend_schema(request=ProposeRequest, responses={201: TransferSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        """提出移送（第五条）：专案组2名以上持证执法人员；负责人自提出之日起3日内审批。"""
        data = step_data(request, PROPOSE_NAMES)
        pk = clean_id(data.pop("case", None), "case", _("案件"))
        case = Case.objects.restrict(request.user).filter(pk=pk).first()
        if case is None:
            raise NotFound(_("未找到该案件。"))
        team = _ids(data.pop("team", None), "team", _("专案组成员"))
        transfer = transfers.propose(
            case,
            actor=request.user,
            team=team,
            suspected_offence=data.get("suspected_offence"),
            receiving_organ=data.get("receiving_organ"),
            proposed_on=data.get("proposed_on"),
        )
        return self._done(transfer, status.HTTP_201_CREATED)

    def _step(self, run, allowed=(), required=()):
        transfer = self.get_object()
        transfers.require_own(transfer, self.request.user)
        data = {**dict.fromkeys(required), **step_data(self.request, allowed)}
        run(transfer, actor=self.request.user, **data)
        return self._done(transfer)

    @extend_schema(request=DecideRequest, responses={200: TransferSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """负责人自提出之日起3日内批准或者不批准移送；不批准的写明理由（第五条）。"""
        return self._step(transfers.decide, ("approve", "reason", "decided_on"), ("approve",))

    @extend_schema(request=SendRequest, responses={200: TransferSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """批准后24小时内向公安机关移送；案件随即为“已移送司法机关”。"""
        return self._step(transfers.send, ("sent_on",))

    @extend_schema(request=PoliceDecisionRequest, responses={200: TransferSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="police-decision")
    def police_decision(self, request, pk=None):
        """公安机关自接受之日起3日内作出立案或者不予立案的决定（第八条），依其书面通知记录。"""
        return self._step(transfers.record_police_decision, ("accepted", "decided_on", "outcome"), ("accepted",))

    @extend_schema(request=HandoverRequest, responses={200: TransferSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        """公安机关立案后3日内移交涉案物品和材料（第十二条）。"""
        return self._step(transfers.record_handover, ("handed_over_on",))

    @extend_schema(request=TakeBackRequest, responses={200: TransferSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="take-back")
    def take_back(self, request, pk=None):
        """接收公安机关移回、应当给予行政处罚的案件，重新立案（第十三条；行政处罚法第二十七条）；
        新案件的编号见 returned_cases。"""
        transfer = self.get_object()
        transfers.require_own(transfer, request.user)
        data = step_data(request, ("officers", "reason", "returned_on"))
        officers = _ids(data.pop("officers", None), "officers", _("执法人员"))
        transfers.take_back(
            transfer,
            actor=request.user,
            officers=officers,
            reason=data.get("reason"),
            returned_on=data.get("returned_on"),
        )
        return self._done(transfer)


ROUTES = [("enforcement-transfers", TransferViewSet, "enforcement-transfer")]
PATHS = []
