"""The `reconsideration` kind of public submission (receipt prefix FY): the application form, routed
to the competent reconsideration body's office by `jurisdiction`, and the hooks through which the
reconsideration module takes it over (its record and clocks, its office page, its status lines)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import CaseStatus as S


def _respondents():
    return [("", "---------"), *Body.objects.current().order_by("tree_path").values_list("pk", "name")]


def _iso_day(value: str) -> None:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(gettext_lazy("日期应为真实存在的日期，格式 YYYY-MM-DD。")) from None
    if day > timezone.localdate():
        raise ValidationError(gettext_lazy("日期不能晚于今天。"))


class ReconsiderationForm(submission_services.SuggestionForm):
    """行政复议申请书: 申请人、被申请人、行政复议请求、主要事实和理由 (行政复议法第二十二条)."""

    respondent = forms.TypedChoiceField(
        label=gettext_lazy("被申请人（作出行政行为的行政机关）"),
        choices=_respondents,
        error_messages={
            "required": gettext_lazy("请选择被申请人。"),
            "invalid_choice": gettext_lazy("所选行政机关不存在或已撤销。"),
        },
    )
    subject = forms.CharField(
        label=gettext_lazy("被申请复议的行政行为（名称、文号）"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("请填写被申请复议的行政行为。"),
            "max_length": gettext_lazy("不能超过 %(limit_value)d 个字。"),
        },
    )
    act_date = forms.CharField(
        label=gettext_lazy("行政行为作出日期"),
        required=False,
        max_length=10,
        validators=[_iso_day],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    known_on = forms.CharField(
        label=gettext_lazy("知道该行政行为之日"),
        max_length=10,
        validators=[_iso_day],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("申请期限为自知道之日起60日（行政复议法第二十条）。"),
        error_messages={"required": gettext_lazy("请填写知道该行政行为的日期。")},
    )
    request = forms.CharField(
        label=gettext_lazy("行政复议请求"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("请填写行政复议请求。"),
            "max_length": gettext_lazy("行政复议请求不能超过 %(limit_value)d 个字。"),
        },
    )
    content = forms.CharField(
        label=gettext_lazy("主要事实和理由"),
        max_length=5000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": gettext_lazy("请填写主要事实和理由。"),
            "max_length": gettext_lazy("不能超过 %(limit_value)d 个字（现为 %(show_value)d 个）。"),
            "min_length": gettext_lazy("内容过短，请至少写 %(limit_value)d 个字。"),
        },
    )
    submitter_address = forms.CharField(
        label=gettext_lazy("住所或通讯地址"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("选填，仅行政复议机构和被申请人可见。"),
    )
    incidental_document = forms.CharField(
        label=gettext_lazy("一并申请附带审查的规范性文件（名称、文号）"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("选填：认为该行政行为所依据的规范性文件不合法的（第十三条，不含规章）。"),
    )
    incidental_clauses = forms.CharField(
        label=gettext_lazy("附带审查的条款及理由"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = [
        "respondent",
        "subject",
        "act_date",
        "known_on",
        "request",
        "content",
        "incidental_document",
        "incidental_clauses",
        "submitter_name",
        "submitter_phone",
        "submitter_email",
        "submitter_address",
    ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("incidental_document") and not cleaned.get("incidental_clauses"):
            self.add_error("incidental_clauses", _("请写明申请附带审查的条款及理由。"))
        act, known = cleaned.get("act_date"), cleaned.get("known_on")
        if act and known and known < act:
            self.add_error("known_on", _("知道该行政行为之日不能早于其作出日期。"))
        return cleaned


def office_url(submission) -> str:
    case = getattr(submission, "reconsideration", None)
    return reverse("reconsideration:detail", args=[case.pk]) if case is not None else ""


def due_text(deadline) -> str:
    """A due date with its source; a stopped clock says so."""
    if deadline is None:
        return ""
    if deadline.due_on is None:
        return _("中止期间暂停计算（%(source)s）") % {"source": deadline.period.source}
    return _("%(due)s前（%(source)s）") % {"due": day_text(deadline.due_on), "source": deadline.period.source}


def public_lines(submission) -> list[tuple[str, str]]:
    """Due dates with their source, the stage, the decision when made; never internal notes."""
    from fazhi.reconsideration.models import Case

    case = (
        Case.objects.select_related(
            "reconsideration_body", "respondent", "accept_deadline", "decide_deadline", "forward_deadline"
        )
        .filter(submission=submission)
        .first()
    )
    if case is None:
        return []
    lines = [
        (_("行政复议机关"), case.reconsideration_body.name),
        (_("被申请人"), case.respondent.name),
        (_("办理环节"), case.get_status_display()),
    ]
    if case.number:
        lines.append((_("案号"), case.number))
    if case.status == S.FORWARDING:
        lines.append((_("被申请人转送期限"), due_text(case.forward_deadline)))
    if case.received_on:
        lines.append((_("行政复议机关收到申请"), day_text(case.received_on)))
    if case.status == S.RECEIVED:
        lines.append((_("审查受理期限"), due_text(case.accept_deadline) + _("；逾期未作出不予受理决定的，视为受理")))
    if case.completion_notified_on:
        lines.append((_("补正通知（%(day)s）") % {"day": day_text(case.completion_notified_on)}, case.completion_items))
    if case.status == S.COMPLETION:
        lines.append(
            (
                _("补正期限"),
                _("%(day)s前提交补正材料（行政复议法第三十一条）；无正当理由逾期不补正的，视为放弃申请。")
                % {"day": day_text(case.completion_until)},
            )
        )
    if case.completion_received_on:
        lines.append((_("收到补正材料"), day_text(case.completion_received_on)))
    if case.accepted_on:
        text = day_text(case.accepted_on) + (_("（审查期限届满，视为受理）") if case.deemed_accepted else "")
        lines.append((_("受理日期"), text))
        lines.append((_("审理程序"), case.get_procedure_display()))
    if case.status in (S.ACCEPTED, S.SUSPENDED) and case.decide_deadline:
        lines.append((_("作出决定期限"), due_text(case.decide_deadline)))
        if case.decide_deadline.extension_length:
            lines.append(
                (
                    _("延长审理期限"),
                    _("延长%(days)d日。理由：%(reason)s")
                    % {"days": case.decide_deadline.extension_length, "reason": case.decide_deadline.extension_reason},
                )
            )
    if case.status == S.SUSPENDED:
        lines.append(
            (_("中止（%(day)s）") % {"day": day_text(case.suspended_since)}, case.get_suspension_reason_display())
        )
    if case.refused_on:
        lines.append((_("不予受理（%(day)s）") % {"day": day_text(case.refused_on)}, case.refusal_reason))
    if case.terminated_on:
        lines.append(
            (_("终止（%(day)s）") % {"day": day_text(case.terminated_on)}, case.get_termination_reason_display())
        )
    if case.decided_on:
        lines.append(
            (_("行政复议决定（%(day)s）") % {"day": day_text(case.decided_on)}, case.get_decision_type_display())
        )
        lines.append((_("行政复议决定书"), case.decision_text))
        if case.served_on:
            lines.append((_("送达（生效）"), day_text(case.served_on)))
    if case.mediated_on:
        lines.append((_("行政复议调解书（%(day)s）") % {"day": day_text(case.mediated_on)}, case.mediation_text))
    if case.performance_due_on:
        lines.append((_("被申请人履行期限"), day_text(case.performance_due_on)))
    if case.performance_reported_on:
        lines.append(
            (
                _("被申请人报告履行情况（%(day)s）") % {"day": day_text(case.performance_reported_on)},
                case.performance_text,
            )
        )
    if case.published_on:
        lines.append((_("决定书已公开"), day_text(case.published_on)))
    return lines


RECONSIDERATION = submission_services.register(
    submission_services.SubmissionKind(
        key=services.KIND,
        label=gettext_lazy("行政复议申请"),
        code_prefix="FY",
        form_class=ReconsiderationForm,
        description=gettext_lazy(
            "认为行政机关的行政行为侵犯您的合法权益的，可以自知道该行政行为之日起60日内申请行政复议。"
            "平台按被申请人确定有管辖权的行政复议机关，由其行政复议机构办理。"
        ),
        router=services.router,
        received=services.received,
        office_url=office_url,
        public_lines=public_lines,
    )
)
