"""API for penalty cases: the office's steps on a case and the published decisions (thin).

Every office queryset starts from `Case.objects.restrict()` (another body's case is a 404), the
public one from `Publication.objects.showing()`; each step calls its service, which checks who,
when and the procedure's gates and refuses with the same Chinese messages as the pages. A step
refuses fields it does not take, so that a misspelt field is not silently dropped.

The list answers a summary (no officers, actions or deadlines), in two queries whatever the page
holds, so that it stays fast over hundreds of thousands of cases; the case's own GET carries the rest.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fazhi.core.apitools import error_responses, request_data, step_data
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_id, reject_unknown
from fazhi.core.models import Body
from fazhi.enforcement import archive, case_selectors, instruments, services, workflow
from fazhi.enforcement.choices import (
    CaseStatus,
    Harm,
    NoPenaltyGround,
    PartyKind,
    PenaltyKind,
    Procedure,
    ServiceMethod,
)
from fazhi.enforcement.models import Case, CaseDocument, Publication, Seizure
from fazhi.procedures.choices import MeetingKind, MeetingOutcome

STEP_ERRORS = error_responses(400, 403, 404, 409)
YEARS = (1900, 2999)
LIST_ERRORS = error_responses(400)


def _body(value) -> Body:
    body = Body.objects.filter(pk=clean_id(value, "body", _("执法主体"))).first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body


def _benchmark_id(data: dict) -> None:
    if data.get("benchmark") not in (None, ""):
        data["benchmark"] = clean_id(data["benchmark"], "benchmark", _("裁量基准"))


def _ids(value, name: str, label: str) -> list[int]:
    if not isinstance(value, list | tuple):
        message = _("%(label)s应为编号列表。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return [clean_id(item, name, label) for item in value]


# --- what a case looks like -------------------------------------------------------------------------


class CaseActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class CaseOfficerSerializer(serializers.Serializer):
    officer = serializers.IntegerField(source="officer_id")
    name = serializers.CharField(source="officer.name")
    certificate_number = serializers.CharField(source="certificate.number", help_text="指派时有效的行政执法证")
    lead = serializers.BooleanField(help_text="主办")
    assigned_on = serializers.DateField()


class CaseDeadlineSerializer(serializers.Serializer):
    matter = serializers.CharField(help_text="期限事项（法定期限表中的代码，或 publication 公开、review 法制审核）")
    label = serializers.CharField()
    start_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)
    source = serializers.CharField(help_text="期间及其依据")


class CaseDocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    name = serializers.CharField(source="attachment.original_name", read_only=True)
    download = serializers.SerializerMethodField(help_text="下载地址（办公页面，需登录）")

    class Meta:
        model = CaseDocument
        fields = ["id", "kind", "kind_label", "number", "attachment", "name", "download", "created_at"]
        read_only_fields = fields

    def get_download(self, document) -> str:
        return reverse("core:attachment-download", args=[document.attachment_id])


class CaseEvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    media_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    download = serializers.SerializerMethodField()

    def get_download(self, attachment) -> str:
        return reverse("core:attachment-download", args=[attachment.pk])


class CaseInstrumentSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时不能制作的理由；为空表示可以制作")


class CasePublicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = ["id", "published_on", "show_until", "party", "summary", "withdrawn_on", "withdrawal_statement"]
        read_only_fields = fields


class CaseProcedureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="legality 法制审核 / meeting 集体讨论")
    status = serializers.CharField()
    status_label = serializers.CharField()


class CaseBandSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    no_penalty = serializers.BooleanField()
    fine_min = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    fine_max = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    other_penalties = serializers.CharField()


class CaseSeizureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decided_on = serializers.DateField()
    items = serializers.CharField(help_text="查封、扣押的场所、设施或者财物")
    due_on = serializers.DateField(allow_null=True, help_text="期限届满日（30日，经批准可延长一次，不超过30日）")
    extended_days = serializers.IntegerField(allow_null=True, help_text="经负责人批准延长的日数；未延长为空")
    extension_reason = serializers.CharField()
    released_on = serializers.DateField(allow_null=True)
    release_reason = serializers.CharField()
    source = serializers.CharField(help_text="期间及其依据")


class CaseSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    procedure = serializers.CharField(read_only=True, help_text="ordinary 普通程序 / on_the_spot 当场处罚")
    procedure_label = serializers.CharField(source="get_procedure_display", read_only=True)
    party_kind = serializers.CharField(read_only=True, help_text="person 公民 / organisation 法人或者其他组织")
    harm = serializers.CharField(read_only=True, help_text="none / minor / general / serious，未记录为空")
    no_penalty_ground = serializers.CharField(read_only=True, help_text="不予处罚的情形代码，未选为空")
    service_method = serializers.CharField(read_only=True, help_text="送达方式代码，未送达为空")
    penalty_kinds = serializers.ListField(child=serializers.CharField(), read_only=True, help_text="处罚种类代码")
    body_name = serializers.CharField(source="body.name", read_only=True)
    officers = serializers.SerializerMethodField(help_text="办案人员及其执法证号")
    actions = serializers.SerializerMethodField(help_text="当前用户此时可以办理的步骤")
    deadlines = serializers.SerializerMethodField(help_text="各项期限及其依据")
    documents = serializers.SerializerMethodField(help_text="已制作的执法文书")
    evidence = serializers.SerializerMethodField(help_text="证据材料（视听资料、照片、现场笔录等）")
    instruments = serializers.SerializerMethodField(help_text="平台可制作的执法文书及此时能否制作")
    publication = serializers.SerializerMethodField(help_text="决定信息公开；未公开为空")
    proposed_band = serializers.SerializerMethodField(help_text="裁量基准依案件事实提出的阶次；未选基准为空")
    review_grounds = serializers.SerializerMethodField(help_text="须经法制审核的理由（第五十八条）")
    needs_collective_discussion = serializers.SerializerMethodField(help_text="须负责人集体讨论（第五十七条）")
    hearing_right = serializers.SerializerMethodField(help_text="应当告知听证权利（第六十三条）")
    procedures = serializers.SerializerMethodField(help_text="法制审核与集体讨论记录")
    seizures = serializers.SerializerMethodField(help_text="查封、扣押及其期限（行政强制法第二十五条）")
    transfers = serializers.SerializerMethodField(help_text="涉嫌犯罪案件移送（/api/v1/enforcement-transfers/{id}/）")

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "body",
            "body_name",
            "procedure",
            "procedure_label",
            "status",
            "status_label",
            "cause",
            "party_kind",
            "party_name",
            "party_code",
            "party_address",
            "benchmark",
            "amount_involved",
            "first_violation",
            "harm",
            "corrected",
            "facts",
            "major_public_interest",
            "complex_case",
            "law_requires_review",
            "serious",
            "penalty_kinds",
            "fine",
            "confiscated",
            "band",
            "out_of_band_reason",
            "no_penalty_ground",
            "filed_on",
            "investigated_on",
            "notified_on",
            "hearing_requested_on",
            "hearing_held_on",
            "statement",
            "decided_on",
            "decision_number",
            "decision_text",
            "served_on",
            "service_method",
            "executed_on",
            "execution_note",
            "closed_on",
            "created_at",
            "updated_at",
            "officers",
            "actions",
            "deadlines",
            "documents",
            "evidence",
            "instruments",
            "publication",
            "proposed_band",
            "review_grounds",
            "needs_collective_discussion",
            "hearing_right",
            "procedures",
            "seizures",
            "transfers",
            "returned_from",
        ]
        read_only_fields = fields

    @extend_schema_field(CaseOfficerSerializer(many=True))
    def get_officers(self, case) -> list[dict]:
        assignments = case.assignments.select_related("officer", "certificate").order_by("-lead", "id")
        return CaseOfficerSerializer(assignments, many=True).data

    @extend_schema_field(CaseActionSerializer(many=True))
    def get_actions(self, case) -> list[dict]:
        user = self.context["request"].user
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in workflow.actions(case, user)
        ]

    @extend_schema_field(CaseDeadlineSerializer(many=True))
    def get_deadlines(self, case) -> list[dict]:
        return CaseDeadlineSerializer(case_selectors.deadlines(case), many=True).data

    @extend_schema_field(CaseDocumentSerializer(many=True))
    def get_documents(self, case) -> list[dict]:
        return CaseDocumentSerializer(instruments.documents_of(case), many=True).data

    @extend_schema_field(CaseEvidenceSerializer(many=True))
    def get_evidence(self, case) -> list[dict]:
        return CaseEvidenceSerializer(instruments.evidence_of(case), many=True).data

    @extend_schema_field(CaseInstrumentSerializer(many=True))
    def get_instruments(self, case) -> list[dict]:
        rows = instruments.available(case)
        return [{"kind": kind, "label": label, "refusal": refusal} for kind, label, refusal in rows]

    @extend_schema_field(CasePublicationSerializer(allow_null=True))
    def get_publication(self, case) -> dict | None:
        publication = Publication.objects.filter(case=case).first()
        return CasePublicationSerializer(publication).data if publication else None

    @extend_schema_field(CaseBandSerializer(allow_null=True))
    def get_proposed_band(self, case) -> dict | None:
        band = case_selectors.proposed_band(case)
        return CaseBandSerializer(band).data if band else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_review_grounds(self, case) -> list[str]:
        return [str(ground) for ground in workflow.review_grounds(case)]

    def get_needs_collective_discussion(self, case) -> bool:
        return workflow.needs_collective_discussion(case)

    def get_hearing_right(self, case) -> bool:
        return workflow.hearing_right(case)

    @extend_schema_field(CaseProcedureSerializer(many=True))
    def get_procedures(self, case) -> list[dict]:
        found = case_selectors.procedures_of(case)
        rows = [
            {"id": r.pk, "kind": r.kind, "status": r.status, "status_label": r.get_status_display()}
            for r in found["reviews"]
        ]
        rows += [
            {"id": m.pk, "kind": "meeting", "status": m.status, "status_label": m.get_status_display()}
            for m in found["meetings"]
        ]
        return rows

    @extend_schema_field(CaseSeizureSerializer(many=True))
    def get_seizures(self, case) -> list[dict]:
        return CaseSeizureSerializer(case_selectors.seizure_rows(case), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_transfers(self, case) -> list[int]:
        return list(case.transfers.order_by("id").values_list("pk", flat=True))


class CaseSummarySerializer(serializers.ModelSerializer):
    """A case in a list: what it is and where it stands (officers, actions and deadlines are on its own GET)."""

    status = serializers.CharField(read_only=True, help_text="状态代码；status_label 为中文名称")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    procedure = serializers.CharField(read_only=True, help_text="ordinary 普通程序 / on_the_spot 当场处罚")
    party_kind = serializers.CharField(read_only=True, help_text="person 公民 / organisation 法人或者其他组织")
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "body",
            "body_name",
            "procedure",
            "status",
            "status_label",
            "cause",
            "party_kind",
            "party_name",
            "fine",
            "filed_on",
            "decided_on",
            "closed_on",
        ]
        read_only_fields = fields


class CaseTimelineEntrySerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    label = serializers.CharField()
    actor = serializers.CharField()
    object = serializers.CharField()


class CaseHistorySerializer(serializers.Serializer):
    timeline = CaseTimelineEntrySerializer(many=True)
    deadlines = CaseDeadlineSerializer(many=True)


# --- what the steps take -------------------------------------------------------------------------------

AMOUNT = {"max_digits": 14, "decimal_places": 2, "required": False, "allow_null": True}
PARTY_FIELDS = {
    "cause": serializers.CharField(help_text="案由"),
    "party_kind": serializers.ChoiceField(choices=PartyKind.choices),
    "party_name": serializers.CharField(),
    "party_code": serializers.CharField(required=False, help_text="统一社会信用代码或身份证件号码，公开时隐去"),
    "party_address": serializers.CharField(required=False),
}
CaseCreateRequest = inline_serializer(
    "EnforcementCaseCreate",
    {
        "body": serializers.IntegerField(help_text="执法主体"),
        "officers": serializers.ListField(
            child=serializers.IntegerField(), help_text="办案的执法人员（至少两名持有效执法证的本机关人员，首位主办）"
        ),
        "filed_on": serializers.DateField(required=False, help_text="立案日期，默认今天"),
        "benchmark": serializers.IntegerField(required=False, allow_null=True, help_text="本机关已公布的裁量基准"),
        **PARTY_FIELDS,
    },
)
CREATE_NAMES = ("body", "officers", "filed_on", "benchmark", *PARTY_FIELDS)
FactsRequest = inline_serializer(
    "EnforcementCaseFacts",
    {
        "facts": serializers.CharField(required=False, help_text="调查认定的违法事实"),
        "amount_involved": serializers.DecimalField(**AMOUNT, help_text="涉案金额（元）"),
        "first_violation": serializers.BooleanField(required=False, allow_null=True),
        "harm": serializers.ChoiceField(choices=Harm.choices, required=False, allow_blank=True),
        "corrected": serializers.BooleanField(required=False),
        "major_public_interest": serializers.BooleanField(required=False),
        "complex_case": serializers.BooleanField(required=False),
        "law_requires_review": serializers.BooleanField(required=False),
        "serious": serializers.BooleanField(required=False),
        "benchmark": serializers.IntegerField(required=False, allow_null=True),
    },
)
ProposeRequest = inline_serializer(
    "EnforcementCasePropose",
    {
        "penalty_kinds": serializers.ListField(
            child=serializers.ChoiceField(choices=PenaltyKind.choices), required=False
        ),
        "fine": serializers.DecimalField(**AMOUNT, help_text="罚款金额（元）"),
        "confiscated": serializers.DecimalField(**AMOUNT, help_text="没收金额（元）"),
        "no_penalty_ground": serializers.ChoiceField(choices=NoPenaltyGround.choices, required=False, allow_blank=True),
        "out_of_band_reason": serializers.CharField(required=False, help_text="超出裁量基准的理由"),
    },
)
NotifyRequest = inline_serializer("EnforcementCaseNotify", {"notified_on": serializers.DateField(required=False)})
HearingRequestRequest = inline_serializer(
    "EnforcementCaseHearingRequest", {"requested_on": serializers.DateField(required=False)}
)
HearingRequest = inline_serializer(
    "EnforcementCaseHearing",
    {
        "notice_on": serializers.DateField(help_text="听证通知日期，应在听证七日前"),
        "held_on": serializers.DateField(),
        "record": serializers.CharField(help_text="听证笔录"),
    },
)
StatementRequest = inline_serializer(
    "EnforcementCaseStatement", {"statement": serializers.CharField(help_text="陈述、申辩意见及采纳情况，或明确放弃")}
)
MeetingRequest = inline_serializer(
    "EnforcementCaseMeeting",
    {
        "meeting_kind": serializers.ChoiceField(choices=MeetingKind.choices, required=False),
        "session": serializers.CharField(),
        "held_on": serializers.DateField(),
        "presided_by": serializers.CharField(required=False),
        "agenda_item": serializers.CharField(),
        "entitled_members": serializers.ListField(child=serializers.CharField()),
        "attendees": serializers.ListField(child=serializers.CharField()),
        "outcome": serializers.ChoiceField(choices=MeetingOutcome.choices, required=False),
        "conclusion": serializers.CharField(required=False),
        "dissent": serializers.CharField(required=False),
    },
)
DecideRequest = inline_serializer(
    "EnforcementCaseDecide",
    {
        "decision_text": serializers.CharField(help_text="决定内容"),
        "decision_number": serializers.CharField(required=False, help_text="决定书文号"),
        "decided_on": serializers.DateField(required=False, help_text="默认今天"),
    },
)
ServeRequest = inline_serializer(
    "EnforcementCaseServe",
    {
        "method": serializers.ChoiceField(choices=ServiceMethod.choices, help_text="电子送达须当事人同意并签订确认书"),
        "served_on": serializers.DateField(required=False),
    },
)
ExecuteRequest = inline_serializer(
    "EnforcementCaseExecute",
    {"executed_on": serializers.DateField(required=False), "note": serializers.CharField(required=False)},
)
AssignRequest = inline_serializer("EnforcementCaseAssign", {"officer": serializers.IntegerField()})
PublishRequest = inline_serializer(
    "EnforcementCasePublish", {"published_on": serializers.DateField(required=False, help_text="默认今天")}
)
WithdrawRequest = inline_serializer(
    "EnforcementCaseWithdrawPublication",
    {
        "changed_on": serializers.DateField(help_text="决定被变更、撤销或确认违法、无效的日期"),
        "statement": serializers.CharField(help_text="公开的撤回说明"),
    },
)
DocumentRequest = inline_serializer(
    "EnforcementCaseDocument",
    {
        "kind": serializers.ChoiceField(
            choices=[(kind.value, kind.label) for kind in instruments.GENERATED], help_text="文书种类"
        )
    },
)
EvidenceRequest = inline_serializer("EnforcementCaseEvidence", {"file": serializers.FileField()})
OnTheSpotRequest = inline_serializer(
    "EnforcementCaseOnTheSpot",
    {
        "body": serializers.IntegerField(help_text="执法主体"),
        "officer": serializers.IntegerField(help_text="持有效执法证的本机关执法人员"),
        "penalty_kinds": serializers.ListField(child=serializers.ChoiceField(choices=PenaltyKind.choices)),
        "fine": serializers.DecimalField(**AMOUNT, help_text="公民二百元以下、法人或者其他组织三千元以下"),
        "facts": serializers.CharField(),
        **PARTY_FIELDS,
    },
)
SeizeRequest = inline_serializer(
    "EnforcementCaseSeize",
    {
        "items": serializers.CharField(help_text="查封、扣押的场所、设施或者财物"),
        "decided_on": serializers.DateField(required=False, help_text="查封、扣押决定日期，默认今天"),
    },
)
ExtendSeizureRequest = inline_serializer(
    "EnforcementCaseExtendSeizure",
    {
        "seizure": serializers.IntegerField(help_text="本案的查封、扣押记录"),
        "days": serializers.IntegerField(help_text="延长的日数，不超过30日（须负责人批准，只能延长一次）"),
        "reason": serializers.CharField(help_text="延长的理由"),
    },
)
ReleaseSeizureRequest = inline_serializer(
    "EnforcementCaseReleaseSeizure",
    {
        "seizure": serializers.IntegerField(help_text="本案的查封、扣押记录"),
        "reason": serializers.CharField(help_text="解除或处理情况"),
        "released_on": serializers.DateField(required=False, help_text="解除日期，默认今天"),
    },
)
ON_THE_SPOT_NAMES = ("body", "officer", "penalty_kinds", "fine", "facts", *PARTY_FIELDS)


def _year(text: str, name: str, errors: dict) -> int | None:
    if not text:
        return None
    if not (text.isdigit() and len(text) == 4 and YEARS[0] <= int(text) <= YEARS[1]):
        errors[name] = [_("应为四位年份。")]
        return None
    return int(text)


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """行政处罚案件：执法主体范围内的人员可见；每一步由服务办理并校验法定程序。"""

    serializer_class = CaseSerializer
    filter_backends = []
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return CaseSummarySerializer if self.action == "list" else CaseSerializer

    def get_queryset(self):
        return Case.objects.restrict(self.request.user).select_related("body", "benchmark").order_by("-filed_on", "-id")

    def _done(self, case, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=case.pk)).data, status=code)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=CaseStatus.values, description="状态"),
            OpenApiParameter("procedure", str, enum=Procedure.values, description="程序"),
            OpenApiParameter("year", int, description="立案年度"),
            OpenApiParameter("body", int, description="执法主体"),
        ],
        responses={200: CaseSummarySerializer(many=True), **LIST_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        errors = {}
        status_text, procedure = params.get("status", ""), params.get("procedure", "")
        if status_text and status_text not in CaseStatus.values:
            errors["status"] = [_("不是有效的状态。")]
        if procedure and procedure not in Procedure.values:
            errors["procedure"] = [_("不是有效的程序。")]
        year = _year(params.get("year", ""), "year", errors)
        body_text = params.get("body", "")
        if body_text and not (body_text.isdigit() and len(body_text) <= 9):
            errors["body"] = [_("应为单位编号。")]
        if errors:
            raise InvalidInput(_("查询条件有误。"), errors=errors)
        cases = case_selectors.office_cases(
            request.user,
            status=status_text,
            year=year,
            procedure=procedure,
            body_id=int(body_text) if body_text else None,
        )
        page = self.paginate_queryset(cases)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=CaseCreateRequest, responses={201: CaseSerializer, **STEP_ERRORS})
    def create(self, request, *args, **kwargs):
        """立案（第五十四条）：至少两名持有效执法证的执法人员；作出决定的期限自立案之日起计算。"""
        data = step_data(request, CREATE_NAMES)
        body = _body(data.pop("body", None))
        officers = _ids(data.pop("officers", None), "officers", _("执法人员"))
        _benchmark_id(data)
        case = services.open_case(actor=request.user, body=body, officers=officers, **data)
        return self._done(case, status.HTTP_201_CREATED)

    @extend_schema(request=OnTheSpotRequest, responses={201: CaseSerializer, **STEP_ERRORS})
    @action(detail=False, methods=["post"], url_path="on-the-spot")
    def on_the_spot(self, request):
        """当场作出行政处罚决定（第五十一条、第五十二条）：警告或公民二百元、法人或者其他组织三千元以下罚款。"""
        data = step_data(request, ON_THE_SPOT_NAMES)
        body = _body(data.pop("body", None))
        officer = clean_id(data.pop("officer", None), "officer", _("执法人员"))
        case = services.decide_on_the_spot(
            actor=request.user,
            body=body,
            officer=officer,
            penalty_kinds=data.pop("penalty_kinds", None),
            facts=data.pop("facts", None),
            **data,
        )
        return self._done(case, status.HTTP_201_CREATED)

    @extend_schema(responses={200: CaseHistorySerializer, **error_responses(404)})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """办理记录（审计链）与各项期限及其依据（90日作出决定、要求听证、送达、公开、法制审核）。"""
        case = self.get_object()
        found = case_selectors.procedures_of(case)
        return Response(
            {"timeline": case_selectors.timeline(case, found), "deadlines": case_selectors.deadlines(case, found)}
        )

    def _step(self, run, allowed=(), required=()):
        """Run a step's service with the request's fields (only those the step takes); a required one
        left out reaches the service as empty, which refuses it by name."""
        case = self.get_object()
        data = {**dict.fromkeys(required), **step_data(self.request, allowed)}
        run(case, actor=self.request.user, **data)
        return self._done(case)

    # --- investigation and proposal

    @extend_schema(request=AssignRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def officers(self, request, pk=None):
        """指派执法人员（须持有效执法证）。"""
        case = self.get_object()
        data = step_data(request, ("officer",))
        services.assign_officer(
            case, actor=request.user, officer=clean_id(data.get("officer"), "officer", _("执法人员"))
        )
        return self._done(case)

    @extend_schema(request=FactsRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def facts(self, request, pk=None):
        """记录调查认定的事实及决定裁量阶次、法制审核和集体讨论的情节。"""
        case = self.get_object()
        data = step_data(request, services.FACT_FIELDS)
        _benchmark_id(data)
        services.record_facts(case, actor=request.user, **data)
        return self._done(case)

    @extend_schema(request=None, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="conclude-investigation")
    def conclude_investigation(self, request, pk=None):
        return self._step(services.conclude_investigation)

    @extend_schema(request=ProposeRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        """拟作出的行政处罚或不予处罚的情形；超出裁量基准阶次的须写明理由（意见第十八条）。"""
        return self._step(services.propose, services.PROPOSAL_FIELDS)

    # --- notice, hearing, statement

    @extend_schema(request=NotifyRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        """告知拟作出的行政处罚及陈述、申辩（和听证）的权利（第四十四条、第六十三条）。"""
        return self._step(services.notify, ("notified_on",))

    @extend_schema(request=HearingRequestRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="request-hearing")
    def request_hearing(self, request, pk=None):
        """当事人在告知后五个工作日内要求听证（第六十四条第一项）。"""
        return self._step(services.request_hearing, ("requested_on",))

    @extend_schema(request=HearingRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def hearing(self, request, pk=None):
        """记录听证：听证七日前通知当事人（第六十四条第二项）。"""
        fields = ("notice_on", "held_on", "record")
        return self._step(services.record_hearing, fields, fields)

    @extend_schema(request=StatementRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def statement(self, request, pk=None):
        """记录陈述、申辩及采纳情况（第四十五条）。"""
        return self._step(services.record_statement, ("statement",), ("statement",))

    # --- review, discussion, decision

    @extend_schema(request=None, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="submit-review")
    def submit_review(self, request, pk=None):
        """送法制审核（第五十八条；审核意见在审查记录上出具：/api/v1/reviews/{id}/）。"""
        return self._step(services.submit_review)

    @extend_schema(request=MeetingRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def meetings(self, request, pk=None):
        """记录负责人集体讨论（第五十七条第二款；纪要与签署在会议记录上办理：/api/v1/meetings/{id}/）。"""
        return self._step(services.record_meeting, MeetingRequest.fields)

    @extend_schema(request=DecideRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """负责人作出行政处罚决定：告知、陈述申辩、听证、法制审核和集体讨论均已完成。"""
        return self._step(services.decide, services.DECISION_FIELDS)

    @extend_schema(request=DecideRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="not-penalise")
    def not_penalise(self, request, pk=None):
        """作出不予行政处罚决定（第三十三条；首违不罚）。"""
        return self._step(services.not_penalise, services.DECISION_FIELDS)

    # --- service, execution, closure

    @extend_schema(request=ServeRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def serve(self, request, pk=None):
        """送达决定书（第六十一条）：当场交付，或七日内送达；电子送达须当事人同意。"""
        return self._step(services.serve, ("method", "served_on"), ("method",))

    @extend_schema(request=ExecuteRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def execute(self, request, pk=None):
        return self._step(services.execute, ("executed_on", "note"))

    @extend_schema(request=None, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """结案：执行完毕（不予处罚的，送达后）。"""
        return self._step(services.close)

    # --- publicity

    @extend_schema(request=PublishRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """公开行政处罚决定，隐去个人信息（意见第十九条；第四十八条）。"""
        return self._step(services.publish_decision, ("published_on",))

    @extend_schema(request=WithdrawRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="withdraw-publication")
    def withdraw_publication(self, request, pk=None):
        """决定被变更、撤销或确认违法、无效的，三个工作日内撤回公开的信息并公开说明（第四十八条第二款）。"""
        return self._step(services.withdraw_publication, ("changed_on", "statement"), ("changed_on", "statement"))

    # --- seizures (行政强制法第二十五条)

    def _seizure(self, case, data: dict) -> Seizure:
        pk = clean_id(data.pop("seizure", None), "seizure", _("查封、扣押记录"))
        seizure = case.seizures.filter(pk=pk).first()
        if seizure is None:
            message = _("请指定本案的查封、扣押记录。")
            raise InvalidInput(message, errors={"seizure": [message]})
        return seizure

    @extend_schema(request=SeizeRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def seize(self, request, pk=None):
        """查封、扣押：期限30日，自决定之日起计算。"""
        return self._step(services.seize, ("items", "decided_on"), ("items",))

    @extend_schema(request=ExtendSeizureRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="extend-seizure")
    def extend_seizure(self, request, pk=None):
        """情况复杂的，经行政机关负责人批准，可以延长查封、扣押期限一次，不得超过30日。"""
        case = self.get_object()
        data = {"days": None, "reason": None, **step_data(request, ("seizure", "days", "reason"))}
        services.extend_seizure(self._seizure(case, data), actor=request.user, **data)
        return self._done(case)

    @extend_schema(request=ReleaseSeizureRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"], url_path="release-seizure")
    def release_seizure(self, request, pk=None):
        """解除查封、扣押（或依决定处理查封、扣押的财物），期限随之办结。"""
        case = self.get_object()
        data = {"reason": None, **step_data(request, ("seizure", "reason", "released_on"))}
        services.release_seizure(self._seizure(case, data), actor=request.user, **data)
        return self._done(case)

    # --- instruments, evidence, archive

    @extend_schema(request=DocumentRequest, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        """制作执法文书（Word），随案件保存。"""
        case = self.get_object()
        data = step_data(request, ("kind",))
        instruments.generate(case, data.get("kind"), actor=request.user)
        return self._done(case)

    @extend_schema(request={"multipart/form-data": EvidenceRequest}, responses={200: CaseSerializer, **STEP_ERRORS})
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        """上传证据材料（视听资料、照片、现场笔录等）；结案后不再接受。"""
        case = self.get_object()
        reject_unknown(request_data(request), ("file",))
        instruments.attach_evidence(case, request.FILES.get("file"), actor=request.user)
        return self._done(case)

    @extend_schema(
        request=None,
        responses={(200, "application/zip"): OpenApiTypes.BINARY, **error_responses(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """导出已结案案件的完整案卷（ZIP：执法文书、证据材料、案件记录、审计记录及PDF目录）。"""
        name, content = archive.build(self.get_object(), actor=request.user)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
        return response


# --- the public's view ---------------------------------------------------------------------------------


class PublicPenaltyDecisionSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    withdrawn = serializers.SerializerMethodField(help_text="已撤回：只公开撤回说明")
    party = serializers.SerializerMethodField(help_text="当事人（已隐去个人信息）；已撤回为空")
    summary = serializers.SerializerMethodField(help_text="公开内容（已隐去个人信息）；已撤回为空")

    class Meta:
        model = Publication
        fields = [
            "id",
            "body",
            "body_name",
            "published_on",
            "show_until",
            "withdrawn",
            "party",
            "summary",
            "withdrawn_on",
            "withdrawal_statement",
        ]
        read_only_fields = fields

    def get_withdrawn(self, publication) -> bool:
        return publication.withdrawn_on is not None

    def get_party(self, publication) -> str:
        return "" if publication.withdrawn_on else publication.party

    def get_summary(self, publication) -> str:
        return "" if publication.withdrawn_on else publication.summary


class PublicPenaltyDecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """公开的行政处罚决定：隐去个人信息；已撤回的只公开撤回说明，超过公开期限的不再公开。"""

    serializer_class = PublicPenaltyDecisionSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return case_selectors.public_publications(timezone.localdate()).order_by("-published_on", "-id")

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="执法主体"),
            OpenApiParameter("year", int, description="公开年度"),
        ],
        responses={200: PublicPenaltyDecisionSerializer(many=True), **LIST_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        errors = {}
        body_text = params.get("body", "")
        if body_text and not (body_text.isdigit() and len(body_text) <= 9):
            errors["body"] = [_("应为单位编号。")]
        year = _year(params.get("year", ""), "year", errors)
        if errors:
            raise InvalidInput(_("查询条件有误。"), errors=errors)
        found = case_selectors.public_decisions(body_id=int(body_text) if body_text else None, year=year)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ROUTES = [
    ("enforcement-cases", CaseViewSet, "enforcement-case"),
    ("public/penalty-decisions", PublicPenaltyDecisionViewSet, "public-penalty-decision"),
]
PATHS = []
