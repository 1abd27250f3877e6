"""API of oversight (thin): the scoped registers of proposals, reports to the People's Congress,
inspections and their findings, measures, the provincial evaluation's plans and tasks, each step
an action; and the published answers for anyone (代表法 第五十一条第三款)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import error_responses, step_data
from fazhi.core.errors import InvalidInput
from fazhi.core.services.attachments import attachments_of
from fazhi.oversight import selectors, services, workflow
from fazhi.oversight.choices import (
    AnswerMode,
    CongressReportKind,
    Feedback,
    InspectionKind,
    InspectionStatus,
    MeasureKind,
    MeasureStatus,
    OpinionKind,
    ProposalKind,
    ProposalStatus,
    ReplyCategory,
    Severity,
    TaskStatus,
)
from fazhi.oversight.models import (
    CongressOpinion,
    CongressReport,
    EvaluationPlan,
    EvaluationTask,
    Finding,
    Inspection,
    Measure,
    Proposal,
)

STEP_ERRORS = error_responses(400, 403, 404, 409)


def _choices(choices) -> str:
    return "、".join(f"{value} {label}" for value, label in choices.choices)


class OversightActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class OversightDueSerializer(serializers.Serializer):
    label = serializers.CharField()
    start_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    done_on = serializers.DateField(allow_null=True)
    source = serializers.CharField(help_text="期限的依据")
    open = serializers.BooleanField()
    late = serializers.BooleanField(help_text="逾期完成，或已过期限仍未完成")


def _actions(flow, record, user, hidden=()) -> list[dict]:
    return [
        {"name": transition.name, "label": str(transition.label), "refusal": refusal}
        for transition, refusal in workflow.actions(flow, record, user, hidden=hidden)
    ]


class NamedBody(serializers.Serializer):
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")


# --- serializers ----------------------------------------------------------------------------------


class OversightReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField()
    body = serializers.IntegerField(source="body_id")
    replied_on = serializers.DateField()
    category = serializers.CharField(help_text=_choices(ReplyCategory))
    category_label = serializers.CharField(source="get_category_display")
    text = serializers.CharField()
    public = serializers.BooleanField()
    late = serializers.BooleanField()
    feedback = serializers.CharField(help_text=_choices(Feedback))
    feedback_label = serializers.CharField(source="get_feedback_display")
    feedback_on = serializers.DateField(allow_null=True)
    feedback_note = serializers.CharField()


class OversightParticipantSerializer(NamedBody):
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")


class OversightReassignmentSerializer(serializers.Serializer):
    from_body = serializers.IntegerField(source="from_body_id")
    requested_on = serializers.DateField()
    reason = serializers.CharField()
    suggested_body = serializers.IntegerField(source="suggested_body_id", allow_null=True)
    decision = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    to_body = serializers.IntegerField(source="to_body_id", allow_null=True)
    decision_note = serializers.CharField()


class OversightProposalSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_choices(ProposalKind))
    kind_label = serializers.CharField(source="get_kind_display")
    government = serializers.IntegerField(source="government_id")
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    session = serializers.CharField()
    number = serializers.CharField()
    proposers = serializers.CharField()
    title = serializers.CharField()
    assigned_on = serializers.DateField()
    complex = serializers.BooleanField()
    status = serializers.CharField(help_text=_choices(ProposalStatus))
    status_label = serializers.CharField(source="get_status_display")


class OversightProposalSerializer(OversightProposalSummarySerializer):
    content = serializers.CharField()
    reassign_until = serializers.DateField()
    participants = OversightParticipantSerializer(many=True, source="participants.all")
    replies = OversightReplySerializer(many=True, source="replies.all")
    reassignments = OversightReassignmentSerializer(many=True, source="reassignments.all")
    due_dates = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    @extend_schema_field(OversightDueSerializer(many=True))
    def get_due_dates(self, proposal) -> list[dict]:
        return selectors.proposal_due_dates(proposal)

    @extend_schema_field(OversightActionSerializer(many=True))
    def get_actions(self, proposal) -> list[dict]:
        user = self.context["request"].user
        return _actions(workflow.PROPOSAL_WORKFLOW, proposal, user, workflow.PROPOSAL_HIDDEN)


class OversightOpinionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_choices(OpinionKind))
    kind_label = serializers.CharField(source="get_kind_display")
    received_on = serializers.DateField()
    content = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    due = serializers.SerializerMethodField()
    reported_on = serializers.DateField(allow_null=True)
    handling = serializers.CharField()

    @extend_schema_field(OversightDueSerializer)
    def get_due(self, opinion: CongressOpinion) -> dict:
        return selectors.opinion_due(opinion)


class OversightReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    kind = serializers.CharField(help_text=_choices(CongressReportKind))
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    congress = serializers.CharField()
    meeting = serializers.CharField()
    reported_on = serializers.DateField()
    reporter = serializers.CharField()
    question = serializers.CharField()
    answer_mode = serializers.CharField(help_text=_choices(AnswerMode))
    summary = serializers.CharField()
    opinions = OversightOpinionSerializer(many=True, source="opinions.all")


class OversightFindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    severity = serializers.CharField(help_text=_choices(Severity))
    severity_label = serializers.CharField(source="get_severity_display")
    problem = serializers.CharField()
    rectification_required = serializers.BooleanField()
    found_on = serializers.DateField()


class OversightInspectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    government = serializers.IntegerField(source="government_id")
    government_name = serializers.CharField(source="government.name")
    kind = serializers.CharField(help_text=_choices(InspectionKind))
    kind_label = serializers.CharField(source="get_kind_display")
    year = serializers.IntegerField()
    title = serializers.CharField()
    key_work = serializers.CharField()
    planned_on = serializers.DateField()
    status = serializers.CharField(help_text=_choices(InspectionStatus))
    status_label = serializers.CharField(source="get_status_display")
    started_on = serializers.DateField(allow_null=True)
    concluded_on = serializers.DateField(allow_null=True)
    conclusion = serializers.CharField()
    targets = NamedBody(many=True, source="targets.all")
    findings = serializers.SerializerMethodField(help_text="本人可见的督查发现：督查对象只见对本单位的发现")
    actions = serializers.SerializerMethodField()

    @extend_schema_field(OversightFindingSerializer(many=True))
    def get_findings(self, inspection) -> list[dict]:
        found = selectors.visible_findings(self.context["request"].user, inspection)
        return OversightFindingSerializer(found, many=True).data

    @extend_schema_field(OversightActionSerializer(many=True))
    def get_actions(self, inspection) -> list[dict]:
        return _actions(workflow.INSPECTION_WORKFLOW, inspection, self.context["request"].user)


class OversightRoundSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    due_on = serializers.DateField()
    reported_on = serializers.DateField(allow_null=True)
    report = serializers.CharField()
    late = serializers.BooleanField()
    verified_on = serializers.DateField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    verification_note = serializers.CharField()


class OversightMeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    issuer = serializers.IntegerField(source="issuer_id")
    issuer_name = serializers.CharField(source="issuer.name")
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    kind = serializers.CharField(help_text=_choices(MeasureKind))
    kind_label = serializers.CharField(source="get_kind_display")
    number = serializers.CharField()
    issued_on = serializers.DateField()
    reasons = serializers.CharField()
    finding = serializers.IntegerField(source="finding_id", allow_null=True)
    status = serializers.CharField(help_text=_choices(MeasureStatus))
    status_label = serializers.CharField(source="get_status_display")
    rectify_by = serializers.DateField(allow_null=True)
    rounds = OversightRoundSerializer(many=True, source="rounds.all")
    due_dates = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    @extend_schema_field(OversightDueSerializer(many=True))
    def get_due_dates(self, measure) -> list[dict]:
        return selectors.measure_due_dates(measure)

    @extend_schema_field(OversightActionSerializer(many=True))
    def get_actions(self, measure) -> list[dict]:
        user = self.context["request"].user
        return _actions(workflow.MEASURE_WORKFLOW, measure, user, workflow.MEASURE_HIDDEN)


class OversightMaterialSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    media_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()


class OversightTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    plan = serializers.IntegerField(source="plan_id")
    plan_title = serializers.CharField(source="plan.title")
    indicator = serializers.CharField()
    materials = serializers.CharField(help_text="应考材料要求")
    due_on = serializers.DateField()
    status = serializers.CharField(help_text=_choices(TaskStatus))
    status_label = serializers.CharField(source="get_status_display")
    first_submitted_on = serializers.DateField(allow_null=True)
    submitted_on = serializers.DateField(allow_null=True)
    submission_note = serializers.CharField()
    returned_on = serializers.DateField(allow_null=True)
    return_reason = serializers.CharField()
    accepted_on = serializers.DateField(allow_null=True)
    files = serializers.SerializerMethodField(help_text="已上传的应考材料")
    due_dates = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    @extend_schema_field(OversightMaterialSerializer(many=True))
    def get_files(self, task) -> list[dict]:
        return OversightMaterialSerializer(attachments_of(task).order_by("pk"), many=True).data

    @extend_schema_field(OversightDueSerializer(many=True))
    def get_due_dates(self, task) -> list[dict]:
        return selectors.task_due_dates(task)

    @extend_schema_field(OversightActionSerializer(many=True))
    def get_actions(self, task) -> list[dict]:
        return _actions(workflow.TASK_WORKFLOW, task, self.context["request"].user)


class OversightPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    government = serializers.IntegerField(source="government_id")
    government_name = serializers.CharField(source="government.name")
    year = serializers.IntegerField()
    title = serializers.CharField()
    requirements = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    issued_on = serializers.DateField(allow_null=True)
    tasks = serializers.SerializerMethodField(help_text="本人可见的任务")
    actions = serializers.SerializerMethodField()

    @extend_schema_field(OversightTaskSerializer(many=True))
    def get_tasks(self, plan) -> list[dict]:
        found = selectors.visible_tasks(self.context["request"].user, plan)
        return OversightTaskSerializer(found, many=True, context=self.context).data

    @extend_schema_field(OversightActionSerializer(many=True))
    def get_actions(self, plan) -> list[dict]:
        return _actions(workflow.PLAN_WORKFLOW, plan, self.context["request"].user)


class OversightPublicReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(source="proposal.kind", help_text=_choices(ProposalKind))
    kind_label = serializers.CharField(source="proposal.get_kind_display")
    session = serializers.CharField(source="proposal.session")
    number = serializers.CharField(source="proposal.number")
    title = serializers.CharField(source="proposal.title")
    proposers = serializers.CharField(source="proposal.proposers")
    body_name = serializers.CharField(source="body.name")
    replied_on = serializers.DateField()
    category = serializers.CharField(help_text=_choices(ReplyCategory))
    category_label = serializers.CharField(source="get_category_display")
    text = serializers.SerializerMethodField(help_text="答复内容（身份证号、电话号码、电子邮箱已隐去）")

    def get_text(self, reply) -> str:
        return selectors.public_text(reply)


# --- requests -------------------------------------------------------------------------------------

DAY, TEXT, ID = serializers.DateField, serializers.CharField, serializers.IntegerField


def _ids(help_text: str):
    return serializers.ListField(child=serializers.IntegerField(), required=False, help_text=help_text)


def _request(name: str, fields: dict):
    return inline_serializer(f"Oversight{name}", fields)


PROPOSAL_REQUEST = _request(
    "ProposalAssign",
    {
        "kind": serializers.ChoiceField(choices=ProposalKind.choices),
        "body": ID(help_text="主办单位"),
        "session": TEXT(help_text="届次会议，如市十六届人大六次会议"),
        "number": TEXT(),
        "proposers": TEXT(),
        "title": TEXT(),
        "content": TEXT(),
        "assigned_on": DAY(),
        "complex": serializers.BooleanField(required=False, help_text="涉及面广、处理难度大：六个月内答复"),
        "co_handlers": _ids("会办单位"),
        "assistants": _ids("协办单位"),
    },
)
PROPOSAL_REQUESTS = {
    "request-reassign": _request("RequestReassign", {"reason": TEXT(), "suggested_body": ID(required=False)}),
    "reassign": _request("Reassign", {"to_body": ID(), "note": TEXT(required=False)}),
    "refuse-reassign": _request("RefuseReassign", {"note": TEXT()}),
    "reply": _request(
        "Reply",
        {
            "replied_on": DAY(),
            "category": serializers.ChoiceField(choices=ReplyCategory.choices),
            "text": TEXT(),
            "public": serializers.BooleanField(required=False, help_text="在门户公开答复"),
        },
    ),
    "feedback": _request(
        "Feedback",
        {
            "feedback": serializers.ChoiceField(choices=Feedback.choices),
            "feedback_on": DAY(),
            "note": TEXT(required=False, help_text="不满意的必填；首次答复不满意的，退回重新办理"),
        },
    ),
}
REPORT_REQUEST = _request(
    "ReportRegister",
    {
        "body": ID(help_text="报告机关"),
        "kind": serializers.ChoiceField(choices=CongressReportKind.choices),
        "title": TEXT(),
        "congress": TEXT(),
        "meeting": TEXT(required=False),
        "reported_on": DAY(),
        "reporter": TEXT(required=False),
        "question": TEXT(required=False, help_text="询问、质询必填"),
        "answer_mode": serializers.ChoiceField(choices=AnswerMode.choices, required=False),
        "summary": TEXT(required=False),
    },
)
REPORT_REQUESTS = {
    "opinion": _request(
        "Opinion",
        {
            "kind": serializers.ChoiceField(choices=OpinionKind.choices),
            "received_on": DAY(),
            "content": TEXT(),
            "resolution_due_on": DAY(required=False, help_text="决议规定的报告期限（仅决议）"),
        },
    ),
    "report-opinion": _request("ReportOpinion", {"opinion": ID(), "reported_on": DAY(), "handling": TEXT()}),
}
INSPECTION_REQUEST = _request(
    "InspectionPlan",
    {
        "government": ID(help_text="依法行政工作领导小组所属人民政府"),
        "kind": serializers.ChoiceField(choices=InspectionKind.choices),
        "year": ID(),
        "title": TEXT(),
        "key_work": TEXT(),
        "planned_on": DAY(),
        "targets": _ids("督查对象"),
    },
)
INSPECTION_REQUESTS = {
    "targets": _request("Targets", {"targets": _ids("督查对象")}),
    "start": _request("Start", {"started_on": DAY()}),
    "finding": _request(
        "Finding",
        {
            "body": ID(),
            "severity": serializers.ChoiceField(choices=Severity.choices),
            "problem": TEXT(required=False),
            "rectification_required": serializers.BooleanField(required=False),
            "found_on": DAY(),
        },
    ),
    "conclude": _request("Conclude", {"concluded_on": DAY(), "conclusion": TEXT()}),
}
MEASURE_REQUEST = _request(
    "MeasureIssue",
    {
        "issuer": ID(),
        "body": ID(),
        "kind": serializers.ChoiceField(choices=MeasureKind.choices),
        "number": TEXT(required=False),
        "issued_on": DAY(),
        "reasons": TEXT(),
        "finding": ID(required=False),
        "rectify_by": DAY(required=False, help_text="责令整改必填"),
    },
)
MEASURE_REQUESTS = {
    "report": _request("RectificationReport", {"reported_on": DAY(), "report": TEXT()}),
    "verify": _request(
        "Verify",
        {
            "verified_on": DAY(),
            "passed": serializers.BooleanField(),
            "note": TEXT(required=False),
            "new_due_on": DAY(required=False, help_text="不通过的新整改期限"),
        },
    ),
}
PLAN_REQUEST = _request(
    "PlanCreate", {"government": ID(), "year": ID(), "title": TEXT(), "requirements": TEXT(required=False)}
)
PLAN_REQUESTS = {
    "task": _request("Task", {"body": ID(), "indicator": TEXT(), "materials": TEXT(), "due_on": DAY()}),
    "issue": _request("Issue", {}),
}
TASK_REQUESTS = {
    "upload": _request("Upload", {"file": serializers.FileField()}),
    "remove": _request("Remove", {"attachment": ID()}),
    "submit": _request("Submit", {"note": TEXT(required=False)}),
    "accept": _request("Accept", {}),
    "return": _request("Return", {"reason": TEXT()}),
}


# --- viewsets -------------------------------------------------------------------------------------


def _filters(request, *, kinds=None, statuses=None) -> dict:
    params = request.query_params
    errors = {}
    if params.get("status") and (statuses is None or params["status"] not in statuses.values):
        errors["status"] = [_("不是有效的状态。")]
    if params.get("kind") and (kinds is None or params["kind"] not in kinds.values):
        errors["kind"] = [_("不是有效的类型。")]
    if params.get("year") and selectors.year_of(params["year"]) is None:
        errors["year"] = [_("年度应为四位数字。")]
    if params.get("body") and selectors.pk_of(params["body"]) is None:
        errors["body"] = [_("单位应为编号。")]
    if errors:
        raise InvalidInput(_("查询条件有误。"), errors=errors)
    return {key: params.get(key, "") for key in ("body", "year", "kind", "status")} | {
        "overdue": params.get("overdue") in ("1", "true")
    }


def _parameters(kinds=None, statuses=None, *, body=True, overdue=False) -> list:
    found = [OpenApiParameter("year", int, description="年度（四位数字）")]
    if body:
        found.append(OpenApiParameter("body", int, description="单位"))
    if kinds is not None:
        found.append(OpenApiParameter("kind", str, enum=kinds.values, description="类型"))
    if statuses is not None:
        found.append(OpenApiParameter("status", str, enum=statuses.values, description="状态"))
    if overdue:
        found.append(OpenApiParameter("overdue", bool, description="只看逾期（或待办）"))
    return found


class OversightViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The common part: a scoped list, a record by id (404 outside the scope), steps by name."""

    filter_backends = []
    lookup_value_regex = r"[0-9]+"
    model = None

    def visible(self, pk):
        raise NotImplementedError

    def get_object(self):
        return self.visible(self.kwargs["pk"])

    def _out(self, record, status=200):
        return Response(self.get_serializer(self.visible(record.pk)).data, status=status)

    def _create(self, register, fields):
        record = register(step_data(self.request, fields), actor=self.request.user)
        return self._out(record, status=201)

    def _step(self, name: str):
        record = self.get_object()
        data = step_data(self.request, services.step_fields(self.model, name))
        services.run_step(record, name, actor=self.request.user, data=data)
        return self._out(record)


class ProposalViewSet(OversightViewSet):
    """人大代表建议和政协提案：交办机关交办、调整承办单位、记录征询意见；主办单位答复、申请调整；
    会办、协办单位和上级依法行政办只读。"""

    model = Proposal

    def get_serializer_class(self):
        return OversightProposalSummarySerializer if self.action == "list" else OversightProposalSerializer

    def get_queryset(self):
        return selectors.office_proposals(self.request.user)

    def visible(self, pk):
        return selectors.visible_proposal(self.request.user, pk)

    @extend_schema(
        parameters=_parameters(ProposalKind, ProposalStatus, overdue=True),
        responses={200: OversightProposalSummarySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        found = selectors.office_proposals(
            request.user, **_filters(request, kinds=ProposalKind, statuses=ProposalStatus)
        )
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(found), many=True).data)

    @extend_schema(request=PROPOSAL_REQUEST, responses={201: OversightProposalSerializer, **error_responses(400, 409)})
    def create(self, request, *args, **kwargs):
        """交办建议、提案（代表法第五十一条：三个月内答复，复杂的六个月）。"""
        return self._create(services.register_proposal_from, services.PROPOSAL_REGISTER_FIELDS)

    @extend_schema(
        request=PROPOSAL_REQUESTS["request-reassign"], responses={200: OversightProposalSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="request-reassign")
    def request_reassign(self, request, pk=None):
        """主办单位在交办之日起5个工作日内申请调整承办单位（地方实践，可配置）。"""
        return self._step("request-reassign")

    @extend_schema(request=PROPOSAL_REQUESTS["reassign"], responses={200: OversightProposalSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        """交办机关同意调整：改由其他单位承办，答复期限自改办之日起重新计算。"""
        return self._step("reassign")

    @extend_schema(
        request=PROPOSAL_REQUESTS["refuse-reassign"], responses={200: OversightProposalSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="refuse-reassign")
    def refuse_reassign(self, request, pk=None):
        """交办机关不同意调整，答复期限照常计算。"""
        return self._step("refuse-reassign")

    @extend_schema(request=PROPOSAL_REQUESTS["reply"], responses={200: OversightProposalSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        """主办单位答复（A/B/C类）；晚于期限的标为逾期；可在门户公开。"""
        return self._step("reply")

    @extend_schema(request=PROPOSAL_REQUESTS["feedback"], responses={200: OversightProposalSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        """记录提出人的征询意见：满意、基本满意办结；首次答复不满意的退回重新办理（一个月内再次答复）。"""
        return self._step("feedback")


class CongressReportViewSet(OversightViewSet):
    """向人大及其常委会报告工作、询问和质询的答复，及审议意见和决议的研究处理情况报告（监督法）。"""

    model = CongressReport
    serializer_class = OversightReportSerializer

    def get_queryset(self):
        return selectors.office_reports(self.request.user)

    def visible(self, pk):
        return selectors.visible_report(self.request.user, pk)

    @extend_schema(
        parameters=_parameters(CongressReportKind, overdue=True),
        responses={200: OversightReportSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        filters = _filters(request, kinds=CongressReportKind)
        found = selectors.office_reports(
            request.user, body=filters["body"], year=filters["year"], kind=filters["kind"], pending=filters["overdue"]
        )
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(found), many=True).data)

    @extend_schema(request=REPORT_REQUEST, responses={201: OversightReportSerializer, **error_responses(400)})
    def create(self, request, *args, **kwargs):
        """登记向人大及其常委会的报告，或询问、质询的答复。"""
        return self._create(services.register_report_from, services.REPORT_REGISTER_FIELDS)

    @extend_schema(request=REPORT_REQUESTS["opinion"], responses={200: OversightReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def opinion(self, request, pk=None):
        """登记审议意见（书面报告研究处理情况的期限按规定计算）或决议（期限为决议规定的）。"""
        return self._step("opinion")

    @extend_schema(request=REPORT_REQUESTS["report-opinion"], responses={200: OversightReportSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="report-opinion")
    def report_opinion(self, request, pk=None):
        """向常委会书面报告审议意见研究处理情况；晚于期限的标为逾期。"""
        return self._step("report-opinion")


class InspectionViewSet(OversightViewSet):
    """依法行政工作领导小组办公室的定期检查和专项督查（意见第五十六条）；督查对象只读、只见对本单位的发现。"""

    model = Inspection
    serializer_class = OversightInspectionSerializer

    def get_queryset(self):
        return selectors.office_inspections(self.request.user)

    def visible(self, pk):
        return selectors.visible_inspection(self.request.user, pk)

    @extend_schema(
        parameters=_parameters(InspectionKind, InspectionStatus, body=False),
        responses={200: OversightInspectionSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        filters = _filters(request, kinds=InspectionKind, statuses=InspectionStatus)
        found = selectors.office_inspections(
            request.user, year=filters["year"], kind=filters["kind"], status=filters["status"]
        )
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(found), many=True).data)

    @extend_schema(request=INSPECTION_REQUEST, responses={201: OversightInspectionSerializer, **error_responses(400)})
    def create(self, request, *args, **kwargs):
        """计划定期检查或专项督查。"""
        return self._create(services.plan_inspection_from, services.INSPECTION_PLAN_FIELDS)

    @extend_schema(
        request=INSPECTION_REQUESTS["targets"], responses={200: OversightInspectionSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def targets(self, request, pk=None):
        """确定督查对象（开展前）。"""
        return self._step("targets")

    @extend_schema(request=INSPECTION_REQUESTS["start"], responses={200: OversightInspectionSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """开展督查：须已确定督查对象。"""
        return self._step("start")

    @extend_schema(
        request=INSPECTION_REQUESTS["finding"], responses={200: OversightInspectionSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def finding(self, request, pk=None):
        """记录对一个督查对象的发现；未发现问题的，也如实记录。"""
        return self._step("finding")

    @extend_schema(
        request=INSPECTION_REQUESTS["conclude"], responses={200: OversightInspectionSerializer, **STEP_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """形成督查报告：每个督查对象都须有督查发现。"""
        return self._step("conclude")


class FindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """督查发现：组织督查的依法行政办可见全部，督查对象只见对本单位的发现。"""

    serializer_class = OversightFindingSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return Finding.objects.restrict(self.request.user).select_related("body").order_by("-found_on", "-pk")


class MeasureViewSet(OversightViewSet):
    """约谈、责令整改、通报批评（意见第五十三条）：作出机关作出、核查；被处理单位报送整改情况。"""

    model = Measure
    serializer_class = OversightMeasureSerializer

    def get_queryset(self):
        return selectors.office_measures(self.request.user)

    def visible(self, pk):
        return selectors.visible_measure(self.request.user, pk)

    @extend_schema(
        parameters=_parameters(MeasureKind, MeasureStatus, overdue=True),
        responses={200: OversightMeasureSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        found = selectors.office_measures(request.user, **_filters(request, kinds=MeasureKind, statuses=MeasureStatus))
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(found), many=True).data)

    @extend_schema(request=MEASURE_REQUEST, responses={201: OversightMeasureSerializer, **error_responses(400)})
    def create(self, request, *args, **kwargs):
        """对下级单位约谈、责令整改（设定整改期限）或通报批评。"""
        return self._create(services.issue_measure_from, services.MEASURE_ISSUE_FIELDS)

    @extend_schema(request=MEASURE_REQUESTS["report"], responses={200: OversightMeasureSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """被处理单位报送整改情况；晚于整改期限的标为逾期。"""
        return self._step("report")

    @extend_schema(request=MEASURE_REQUESTS["verify"], responses={200: OversightMeasureSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """作出机关核查：通过的整改完成；不通过的设定新的整改期限。"""
        return self._step("verify")


class EvaluationPlanViewSet(OversightViewSet):
    """迎接省考评任务分工（意见第五十二条）：依法行政办拟订、分解任务、下发；责任单位只见已下发的。"""

    model = EvaluationPlan
    serializer_class = OversightPlanSerializer

    def get_queryset(self):
        return selectors.office_plans(self.request.user)

    def visible(self, pk):
        return selectors.visible_plan(self.request.user, pk)

    @extend_schema(
        parameters=_parameters(body=False), responses={200: OversightPlanSerializer(many=True), **error_responses(400)}
    )
    def list(self, request, *args, **kwargs):
        found = selectors.office_plans(request.user, year=_filters(request)["year"])
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(found), many=True).data)

    @extend_schema(request=PLAN_REQUEST, responses={201: OversightPlanSerializer, **error_responses(400, 409)})
    def create(self, request, *args, **kwargs):
        """拟订某年度的迎接省考评任务分工（每个人民政府每年一份）。"""
        return self._create(services.create_plan_from, services.PLAN_CREATE_FIELDS)

    @extend_schema(request=PLAN_REQUESTS["task"], responses={200: OversightPlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def task(self, request, pk=None):
        """分解一项任务：考评指标、责任单位、应考材料要求、报送期限。"""
        return self._step("task")

    @extend_schema(request=PLAN_REQUESTS["issue"], responses={200: OversightPlanSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """下发任务分工：责任单位自此可见并报送材料。"""
        return self._step("issue")


class EvaluationTaskViewSet(OversightViewSet):
    """迎接省考评任务：责任单位上传应考材料并报送；依法行政办审核通过或退回。"""

    model = EvaluationTask
    serializer_class = OversightTaskSerializer

    def get_queryset(self):
        return selectors.visible_tasks(self.request.user)

    def visible(self, pk):
        return selectors.visible_task(self.request.user, pk)

    @extend_schema(
        parameters=_parameters(statuses=TaskStatus, body=True),
        responses={200: OversightTaskSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        filters = _filters(request, statuses=TaskStatus)
        found = selectors.visible_tasks(request.user, body=filters["body"], status=filters["status"])
        if selectors.year_of(filters["year"]):
            found = found.filter(plan__year=selectors.year_of(filters["year"]))
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(found), many=True).data)

    @extend_schema(
        request={"multipart/form-data": TASK_REQUESTS["upload"]},
        responses={200: OversightTaskSerializer, **STEP_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def upload(self, request, pk=None):
        """上传应考材料（类型按内容判断，大小有上限）。"""
        return self._step("upload")

    @extend_schema(request=TASK_REQUESTS["remove"], responses={200: OversightTaskSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        """删除报送前上传的材料。"""
        return self._step("remove")

    @extend_schema(request=TASK_REQUESTS["submit"], responses={200: OversightTaskSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """报送应考材料（须已上传）；晚于报送期限的标为逾期。"""
        return self._step("submit")

    @extend_schema(request=TASK_REQUESTS["accept"], responses={200: OversightTaskSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """依法行政办审核通过。"""
        return self._step("accept")

    @extend_schema(request=TASK_REQUESTS["return"], responses={200: OversightTaskSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        """依法行政办退回并说明理由，责任单位补充后重新报送。"""
        return self._step("return")


class PublicReplyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """公开的建议、提案答复（代表法第五十一条第三款），身份证号、电话号码、电子邮箱已隐去。"""

    serializer_class = OversightPublicReplySerializer
    permission_classes = [AllowAny]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.published_replies()

    def get_object(self):
        return selectors.published_reply(self.kwargs["pk"])

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=ProposalKind.values, description="类型"),
            OpenApiParameter("year", int, description="答复年度"),
        ],
        responses={200: OversightPublicReplySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        filters = _filters(request, kinds=ProposalKind)
        found = selectors.published_replies(kind=filters["kind"], year=filters["year"])
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(found), many=True).data)


ROUTES = [
    ("oversight/proposals", ProposalViewSet, "oversight-proposal"),
    ("oversight/congress-reports", CongressReportViewSet, "oversight-report"),
    ("oversight/inspections", InspectionViewSet, "oversight-inspection"),
    ("oversight/findings", FindingViewSet, "oversight-finding"),
    ("oversight/measures", MeasureViewSet, "oversight-measure"),
    ("oversight/evaluation-plans", EvaluationPlanViewSet, "oversight-plan"),
    ("oversight/evaluation-tasks", EvaluationTaskViewSet, "oversight-task"),
    ("oversight/public-replies", PublicReplyViewSet, "public-oversight-reply"),
]
