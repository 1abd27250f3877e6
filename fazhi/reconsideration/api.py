"""API of reconsideration (thin): the scoped register and each case with its due dates, notes and
steps, every step an action documented from the one step table (`steps.STEP_FIELDS`); entry of
applications by the office and by the penalty body; opinion letters with the recipient's report;
the statistics of seed art. 32. Public: the applicant's completion by receipt and secret, the
published decisions and the guides. Who applied shows only to the office, the respondent and the
reconsideration body's heads (`services.identity_visible`)."""

from django.urls import path
from django.utils import timezone
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
from fazhi.core.masking import mask_name
from fazhi.core.services import submissions as submission_services
from fazhi.portal.api import PublicStatusSerializer
from fazhi.reconsideration import analysis, selectors, services, workflow
from fazhi.reconsideration.choices import (
    CaseStatus,
    DecisionType,
    Procedure,
    ProceedingKind,
    SimplifiedGround,
    SuspensionReason,
    TerminationReason,
)
from fazhi.reconsideration.kind import ReconsiderationForm
from fazhi.reconsideration.models import AnalysisReport, Case
from fazhi.reconsideration.steps import STEP_FIELDS

STEP_ERRORS = error_responses(400, 403, 404, 409)
_CHOICES = {
    "procedures": Procedure,
    "grounds": SimplifiedGround,
    "suspensions": SuspensionReason,
    "terminations": TerminationReason,
    "decision_types": DecisionType,
    "proceeding_kinds": ProceedingKind,
}


class ReconsiderationActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    refusal = serializers.CharField(allow_null=True, help_text="此时办理会被拒绝的理由；为空表示可以办理")


class ReconsiderationDueSerializer(serializers.Serializer):
    label = serializers.CharField()
    body = serializers.CharField(allow_blank=True)
    start_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True, help_text="中止期间暂停计算时为空")
    closed_on = serializers.DateField(allow_null=True)
    extension = serializers.IntegerField(allow_null=True, help_text="已延长的天数")
    source = serializers.CharField(help_text="期限的法律依据")
    open = serializers.BooleanField()


class ReconsiderationProceedingSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    held_on = serializers.DateField()
    notified_on = serializers.DateField(allow_null=True)
    place = serializers.CharField(allow_blank=True)
    notes = serializers.CharField()


class ReconsiderationLetterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    case_number = serializers.CharField(source="case.number")
    recipient = serializers.IntegerField(source="recipient_id")
    recipient_name = serializers.CharField(source="recipient.name")
    text = serializers.CharField()
    issued_on = serializers.DateField()
    due_on = serializers.DateField(source="deadline.due_on", allow_null=True, default=None)
    status = serializers.CharField(help_text="issued 待报送纠正情况 / reported 已报送纠正情况")
    correction = serializers.CharField(allow_blank=True)
    reported_on = serializers.DateField(allow_null=True)


class ReconsiderationCaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(allow_blank=True, help_text="案号，如 江府行复〔2026〕3号")
    receipt_code = serializers.CharField(source="submission.receipt_code")
    act = serializers.CharField(source="submission.subject", help_text="被申请复议的行政行为")
    status = serializers.CharField(help_text="、".join(f"{value} {label}" for value, label in CaseStatus.choices))
    status_label = serializers.CharField(source="get_status_display")
    channel = serializers.CharField()
    reconsideration_body = serializers.IntegerField(source="reconsideration_body_id")
    reconsideration_body_name = serializers.CharField(source="reconsideration_body.name")
    office_name = serializers.CharField(source="office.name")
    respondent = serializers.IntegerField(source="respondent_id")
    respondent_name = serializers.CharField(source="respondent.name")
    received_on = serializers.DateField(allow_null=True)
    applicant = serializers.SerializerMethodField(help_text="申请人：仅行政复议机构、被申请人和复议机关负责人可见全名")
    major = serializers.BooleanField()

    def get_applicant(self, case) -> str:
        name = case.submission.submitter_name
        return name if services.identity_visible(self.context["request"].user, case) else mask_name(name)


class ReconsiderationCaseSerializer(ReconsiderationCaseSummarySerializer):
    request = serializers.CharField()
    facts_and_reasons = serializers.CharField(source="submission.content")
    contacts = serializers.SerializerMethodField(help_text="申请人的联系电话和电子邮箱")
    act_date = serializers.DateField(allow_null=True)
    known_on = serializers.DateField(allow_null=True)
    application_late = serializers.SerializerMethodField(help_text="收到时已超过60日申请期限（第二十条）")
    acting_body_name = serializers.CharField(source="acting_body.name")
    lodged_on = serializers.DateField(allow_null=True)
    forwarded_on = serializers.DateField(allow_null=True)
    completion_items = serializers.CharField(allow_blank=True)
    completion_until = serializers.DateField(allow_null=True)
    completion_received_on = serializers.DateField(allow_null=True)
    withdrawn_on = serializers.DateField(allow_null=True)
    accepted_on = serializers.DateField(allow_null=True)
    deemed_accepted = serializers.BooleanField()
    refused_on = serializers.DateField(allow_null=True)
    refusal_reason = serializers.CharField(allow_blank=True)
    competent_body = serializers.CharField(allow_blank=True)
    procedure = serializers.CharField(allow_blank=True, read_only=True)
    simplified_ground = serializers.CharField(allow_blank=True, read_only=True)
    copy_sent_on = serializers.DateField(allow_null=True)
    reply_received_on = serializers.DateField(allow_null=True)
    reply_text = serializers.CharField(allow_blank=True)
    evidence_list = serializers.CharField(allow_blank=True)
    suspended_since = serializers.DateField(allow_null=True)
    suspension_reason = serializers.CharField(allow_blank=True, read_only=True)
    incidental_review = serializers.IntegerField(source="incidental_review_id", allow_null=True)
    terminated_on = serializers.DateField(allow_null=True)
    termination_reason = serializers.CharField(allow_blank=True, read_only=True)
    settled = serializers.BooleanField()
    decision_type = serializers.CharField(allow_blank=True, read_only=True)
    decision_label = serializers.CharField(source="get_decision_type_display", allow_blank=True, read_only=True)
    decision_reasons = serializers.CharField(allow_blank=True)
    decision_text = serializers.CharField(allow_blank=True)
    decided_on = serializers.DateField(allow_null=True)
    decided_late = serializers.BooleanField()
    mediation_text = serializers.CharField(allow_blank=True)
    mediated_on = serializers.DateField(allow_null=True)
    served_on = serializers.DateField(allow_null=True)
    performance_required = serializers.CharField(allow_blank=True)
    performance_due_on = serializers.DateField(allow_null=True)
    performance_reported_on = serializers.DateField(allow_null=True)
    performed_on = serializers.DateField(allow_null=True)
    performance_text = serializers.CharField(allow_blank=True)
    performance_order = serializers.CharField(allow_blank=True)
    published_on = serializers.DateField(allow_null=True)
    major_reason = serializers.CharField(allow_blank=True)
    reported_to = serializers.CharField(allow_blank=True)
    reported_on = serializers.DateField(allow_null=True)
    due_dates = serializers.SerializerMethodField()
    proceedings = ReconsiderationProceedingSerializer(many=True, source="proceedings.all")
    letters = ReconsiderationLetterSerializer(many=True, source="letters.all")
    actions = serializers.SerializerMethodField()

    def get_contacts(self, case) -> str:
        submission = case.submission
        if not services.identity_visible(self.context["request"].user, case):
            return _("（仅行政复议机构和被申请人可见）")
        return " ".join(value for value in (submission.submitter_phone, submission.submitter_email) if value)

    def get_application_late(self, case) -> bool:
        return selectors.application_late(case)

    @extend_schema_field(ReconsiderationDueSerializer(many=True))
    def get_due_dates(self, case) -> list[dict]:
        return selectors.due_dates(case)

    @extend_schema_field(ReconsiderationActionSerializer(many=True))
    def get_actions(self, case) -> list[dict]:
        return [
            {"name": transition.name, "label": str(transition.label), "refusal": refusal}
            for transition, refusal in workflow.actions(case, self.context["request"].user)
        ]


def _field(label, widget, key, required):
    options = {"required": required, "help_text": str(label)}
    if widget == "date":
        return serializers.DateField(**options)
    if widget == "number":
        return serializers.IntegerField(**options)
    if widget == "checkbox":
        return serializers.BooleanField(**options)
    if key in _CHOICES:
        return serializers.ChoiceField(choices=_CHOICES[key].choices, **options)
    if widget == "select":
        return serializers.IntegerField(**options)
    return serializers.CharField(**options)


def _request(name: str):
    fields = {
        field: _field(label, widget, key, required) for field, label, widget, key, required in STEP_FIELDS.get(name, ())
    }
    return inline_serializer("Reconsideration" + "".join(part.title() for part in name.split("-")), fields)


DOCS = {
    "forward": (
        "作出当场或电子监控处罚的机关自收到申请之日起5个工作日内转送行政复议机关"
        "（第三十二条）；复议机关以转送之日为收到之日。"
    ),
    "accept": "受理（第三十条），选择普通程序或简易程序（第五十三条）。",
    "refuse": "审查期限内决定不予受理并说明理由；不属于本机关管辖的，告知有管辖权的复议机关（第三十条第二款）。",
    "ask-completion": "自收到申请之日起5个工作日内书面通知补正，一次性载明补正事项（第三十一条）；审查期限停止计算。",
    "extend-completion": "有正当理由的，延长合理的补正期限（第三十一条第二款）。",
    "complete": "收到补正材料：审查期限自收到之日起重新计算（第三十一条第三款）。",
    "deem-withdrawn": "补正期限届满后，无正当理由逾期不补正的，视为放弃申请并记录在案（第三十一条第二款）。",
    "send-copy": "自受理之日起7个工作日内（简易程序3个）发送申请书副本（第四十八条、第五十四条）。",
    "reply": (
        "被申请人自收到副本之日起10个工作日内（简易程序5个）提出书面答复并提交证据、依据（第四十八条、第五十四条）。"
    ),
    "convert": (
        "经行政复议机构负责人批准，简易程序转为普通程序"
        "（第五十五条）；审理期限自受理之日起按普通程序计算，中止期间不计入。"
    ),
    "extend": "经行政复议机构负责人批准延长审理期限，最多30日、仅一次，并书面告知当事人（第六十二条）。",
    "suspend": "中止审理（第三十九条），作出决定的期限停止计算。",
    "resume": "中止原因消除后恢复审理（第三十九条第二款），期限恢复计算；附带审查的，须附带审查已处理。",
    "incidental-review": (
        "提请规范性文件附带审查（第十三条、第五十六条至第五十八条），通知制定机关10个工作日内答复，案件中止。"
    ),
    "terminate": "终止行政复议（第四十一条）；和解后撤回的（第七十四条）注明 settled。",
    "proceeding": (
        "记录听取意见"
        "（第四十九条）、听证（第五十条、第五十一条，五日前书面通知）、行政复议委员会咨询意见（第五十二条）。"
    ),
    "mediate": "当事人经调解达成协议的，制作行政复议调解书（第七十三条）。",
    "decide": "作出行政复议决定（第六十三条至第六十九条、第三十三条），须写明理由和决定书；超期作出的予以标记。",
    "serve": "送达决定书，决定书自送达之日起发生法律效力（第七十五条）；履行期限自送达之日起计算。",
    "publish": "在门户公开决定书，申请人姓名、身份证号码、电话等个人信息自动去除（第七十九条）。",
    "letter": "向被申请人或其他下级行政机关制发行政复议意见书，收文机关60日内报送纠正情况（第七十六条）。",
    "report-performance": "被申请人报告履行行政复议决定书、调解书的情况（意见第三十条第二款，行政复议法第七十七条）。",
    "order-performance": "被申请人不履行或者无正当理由拖延履行的，责令其限期履行（第七十七条第二款）。",
    "mark-major": "列为重大、复杂或社会影响较大的案件并写明理由（意见第三十二条）。",
    "report-major": "重大案件上报备案：上报机关和日期（意见第三十二条）。",
}
assert set(DOCS) == set(workflow.STEPS), "every step documented"


def _entry_request(name: str, *, lodging: bool):
    """An application entered by staff: the form's fields, the day it arrived and (office) how."""
    fields = {
        name: serializers.CharField(required=field.required) for name, field in ReconsiderationForm.base_fields.items()
    }
    fields["day"] = serializers.DateField(help_text="本机关收到申请日期" if lodging else "收到申请日期")
    if not lodging:
        fields["channel"] = serializers.ChoiceField(
            choices=[("letter", "邮寄"), ("in_person", "当面提交"), ("oral", "口头申请")], required=False
        )
    return inline_serializer(name, fields)


ENTERED = {
    201: inline_serializer(
        "ReconsiderationEntered",
        {"id": serializers.IntegerField(), "receipt_code": serializers.CharField(), "secret": serializers.CharField()},
    ),
    **error_responses(400, 403, 404),
}


class ReconsiderationCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政复议案件：行政复议机构审查受理、审理、决定；被申请人转送、答复、报告履行。
    申请人的姓名和联系方式仅行政复议机构、被申请人和复议机关负责人可见。"""

    serializer_class = ReconsiderationCaseSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_serializer_class(self):
        return ReconsiderationCaseSummarySerializer if self.action == "list" else ReconsiderationCaseSerializer

    def get_queryset(self):
        return selectors.office_cases(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=CaseStatus.values, description="状态"),
            OpenApiParameter("q", str, description="案号、回执编号或行政行为"),
        ],
        responses={200: ReconsiderationCaseSummarySerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        status_text = request.query_params.get("status", "")
        if status_text and status_text not in CaseStatus.values:
            raise InvalidInput(_("查询条件有误。"), errors={"status": [_("不是有效的状态。")]})
        found = selectors.office_cases(request.user, status=status_text, query=request.query_params.get("q", ""))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _step(self, name: str):
        case = selectors.visible_case(self.request.user, self.kwargs["pk"])
        fields = [field for field, *_rest in STEP_FIELDS.get(name, ())]
        services.run_step(case, name, actor=self.request.user, data=step_data(self.request, fields))
        found = selectors.visible_case(self.request.user, case.pk)
        return Response(ReconsiderationCaseSerializer(found, context=self.get_serializer_context()).data)

    @extend_schema(request=_entry_request("ReconsiderationEntry", lodging=False), responses=ENTERED)
    @action(detail=False, methods=["post"])
    def enter(self, request):
        """行政复议机构登记邮寄、当面提交的申请书或当场记录的口头申请（第二十二条），以收到之日为收到申请之日。"""
        return self._entered(lodging=False)

    @extend_schema(request=_entry_request("ReconsiderationLodge", lodging=True), responses=ENTERED)
    @action(detail=False, methods=["post"])
    def lodge(self, request):
        """作出当场或电子监控处罚的机关登记经其提交的申请，5个工作日内转送（第三十二条）。"""
        return self._entered(lodging=True)

    def _entered(self, *, lodging: bool):
        allowed = [*ReconsiderationForm.base_fields, "day", *([] if lodging else ["channel"])]
        data = step_data(self.request, allowed)
        form = {name: data.get(name) for name in ReconsiderationForm.base_fields if name in data}
        if lodging:
            case, secret = services.lodge(actor=self.request.user, lodged_on=data.get("day"), data=form)
        else:
            case, secret = services.enter(
                actor=self.request.user, channel=data.get("channel"), received_on=data.get("day"), data=form
            )
        return Response({"id": case.pk, "receipt_code": case.submission.receipt_code, "secret": secret}, status=201)


def _make_step(name: str):
    def run(self, request, pk=None):
        return self._step(name)

    run.__name__ = run.__qualname__ = name.replace("-", "_")
    run.__doc__ = DOCS[name]
    run = extend_schema(request=_request(name), responses={200: ReconsiderationCaseSerializer, **STEP_ERRORS})(run)
    return action(detail=True, methods=["post"], url_path=name, url_name=name)(run)


for _name in workflow.STEPS:
    setattr(ReconsiderationCaseViewSet, _name.replace("-", "_"), _make_step(_name))


class LetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政复议意见书：收文机关自收到之日起60日内报送纠正情况（第七十六条）。"""

    serializer_class = ReconsiderationLetterSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.letters(self.request.user).order_by("-issued_on", "-pk")

    def get_object(self):
        return selectors.visible_letter(self.request.user, self.kwargs["pk"])

    @extend_schema(
        request=inline_serializer("ReconsiderationCorrection", {"correction": serializers.CharField()}),
        responses={200: ReconsiderationLetterSerializer, **STEP_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """收文机关报送纠正相关违法或者不当行政行为的情况。"""
        letter = selectors.visible_letter(request.user, pk)
        data = step_data(request, ("correction",))
        letter = services.report_correction(letter, actor=request.user, correction=data.get("correction"))
        return Response(ReconsiderationLetterSerializer(selectors.visible_letter(request.user, letter.pk)).data)


StatisticsSerializer = inline_serializer(
    "ReconsiderationStatistics",
    {
        **{
            name: serializers.IntegerField()
            for name in (
                "year",
                "received",
                "accepted",
                "deemed_accepted",
                "refused",
                "withdrawn",
                "decided",
                "mediated",
                "settled",
                "terminated",
                "decided_late",
                "pending_at_year_end",
                "major",
                "major_reported",
                "corrected",
            )
        },
        "by_decision": serializers.DictField(child=serializers.IntegerField()),
        "correction_rate": serializers.FloatField(allow_null=True),
    },
)


class StatisticsView(APIView):
    """年度行政复议案件统计（意见第三十二条）：用户范围内的行政复议机关。"""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="年度")],
        responses={200: StatisticsSerializer, **error_responses(400)},
    )
    def get(self, request):
        text = request.query_params.get("year", "")
        if text and not (text.isdigit() and 2000 <= int(text) <= 2100):
            raise InvalidInput(_("年度应为2000至2100之间的整数。"), errors={"year": [_("年度无效。")]})
        year = int(text) if text else timezone.localdate().year
        bodies = set(Case.objects.restrict(request.user).values_list("reconsideration_body", flat=True))
        return Response(selectors.statistics(sorted(bodies), year))


class PublicCompletionView(APIView):
    """申请人凭回执编号和查询码提交补正材料（第三十一条）；期限届满或不在补正阶段的，说明理由拒绝。"""

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=inline_serializer(
            "ReconsiderationPublicCompletion",
            {
                "receipt_code": serializers.CharField(),
                "secret": serializers.CharField(),
                "text": serializers.CharField(),
            },
        ),
        responses={200: PublicStatusSerializer, **error_responses(400, 404, 409, 429)},
    )
    def post(self, request):
        data = step_data(request, ("receipt_code", "secret", "text"))
        case = services.public_complete(
            receipt_code=data.get("receipt_code"),
            secret=data.get("secret"),
            text=data.get("text"),
            client_ip=submission_services.client_ip(request),
        )
        return Response(
            PublicStatusSerializer(submission_services.public_status(case.submission)).data,
            headers={"Cache-Control": "no-store"},
        )


class ReconsiderationPublishedDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    reconsideration_body_name = serializers.CharField(source="reconsideration_body.name")
    respondent_name = serializers.CharField(source="respondent.name")
    decision_type = serializers.CharField(read_only=True)
    decision_label = serializers.CharField(source="get_decision_type_display", read_only=True)
    decided_on = serializers.DateField()
    published_on = serializers.DateField()
    text = serializers.CharField(source="published_text", help_text="已去除个人信息的决定书")


class PublicDecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """已公开的行政复议决定书（第七十九条），个人信息已去除。"""

    serializer_class = ReconsiderationPublishedDecisionSerializer
    permission_classes = [AllowAny]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.published()

    @extend_schema(
        parameters=[OpenApiParameter("body", int, description="行政复议机关")],
        responses={200: ReconsiderationPublishedDecisionSerializer(many=True), **error_responses(400)},
    )
    def list(self, request, *args, **kwargs):
        text = request.query_params.get("body", "")
        if text and not (text.isdigit() and len(text) < 10):
            raise InvalidInput(_("查询条件有误。"), errors={"body": [_("应为单位编号。")]})
        page = self.paginate_queryset(selectors.published(int(text) if text else None))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        found = selectors.published().filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise NotFound(_("未找到该行政复议决定书。"))
        return found


class ReconsiderationGuideSerializer(serializers.Serializer):
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    version = serializers.IntegerField()
    scope = serializers.CharField()
    conditions = serializers.CharField()
    procedure = serializers.CharField()
    where = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    published_on = serializers.DateField()


class PublicGuideView(APIView):
    """行政复议机关的行政复议指南（意见第三十一条）：最新发布的版本。"""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: ReconsiderationGuideSerializer, **error_responses(404)})
    def get(self, request, pk):
        found = selectors.public_guide(pk)
        if found is None:
            raise NotFound(_("该行政复议机关尚未发布行政复议指南。"))
        return Response(ReconsiderationGuideSerializer(found).data)


class AnalysisReportSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = AnalysisReport
        fields = ["id", "body", "body_name", "year", "figures", "analysis", "submitted_on"]
        read_only_fields = fields


class AnalysisReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """复议、应诉案件统计分析报告（意见第三十二条）：本单位及下级报送的；年度结束后为本单位报送。"""

    serializer_class = AnalysisReportSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return AnalysisReport.objects.restrict(self.request.user).select_related("body").order_by("-year", "pk")

    @extend_schema(
        request=inline_serializer(
            "ReconsiderationAnalysisReportSubmission",
            {
                "body": serializers.IntegerField(),
                "year": serializers.IntegerField(),
                "analysis": serializers.CharField(),
            },
        ),
        responses={201: AnalysisReportSerializer, **error_responses(400, 403, 404, 409)},
    )
    def create(self, request):
        """报送统计分析报告：统计数据由平台按记录生成并固定。"""
        data = step_data(request, ("body", "year", "analysis"))
        report = analysis.submit_report(
            actor=request.user, body=data.get("body"), year=data.get("year"), analysis=data.get("analysis")
        )
        return Response(AnalysisReportSerializer(report).data, status=201)


ROUTES = [
    ("reconsideration/cases", ReconsiderationCaseViewSet, "reconsideration-case"),
    ("reconsideration/letters", LetterViewSet, "reconsideration-letter"),
    ("reconsideration/analysis-reports", AnalysisReportViewSet, "reconsideration-analysis-report"),
    ("public/reconsideration-decisions", PublicDecisionViewSet, "public-reconsideration-decision"),
]
PATHS = [
    path("reconsideration/statistics/", StatisticsView.as_view(), name="api-reconsideration-statistics"),
    path(
        "public/reconsideration-completions/",
        PublicCompletionView.as_view(),
        name="api-public-reconsideration-completion",
    ),
    path("public/reconsideration-guides/<int:pk>/", PublicGuideView.as_view(), name="api-public-reconsideration-guide"),
]
