"""The 政府信息公开申请 kind in the core public-submission mechanism (条例 art. 29).

The form asks what art. 29 requires: who applies (name or organisation, its type as the national
yearly-report table splits applicants, the identity document number, contacts), the information
wanted, and the form and way of getting it. The body is the applicant's choice. Each received
submission becomes a `DisclosureRequest` waiting for 确认收到; the request has its own workflow
(`office_url`), and the status page shows the due date with its source and the type of answer
(`public_lines`).
"""

from django import forms
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.services import submissions as submission_services
from fazhi.disclosure import selectors, services
from fazhi.disclosure.choices import ApplicantKind, Delivery, InfoForm


def _messages(label) -> dict:
    # Lazy to the end: `gettext_lazy(...) % values` would translate once, at import. Each
    # message stays a literal inside `_()` so that makemessages finds it.
    return {
        "required": lazy(lambda: _("请填写%(label)s。") % {"label": label}, str)(),
        "max_length": lazy(lambda: _("%(label)s过长。") % {"label": label}, str)(),
        "invalid_choice": lazy(lambda: _("请选择%(label)s。") % {"label": label}, str)(),
    }


class DisclosureRequestForm(forms.Form):
    submitter_name = forms.CharField(
        label=gettext_lazy("申请人姓名或名称"),
        max_length=100,
        error_messages=_messages(gettext_lazy("申请人姓名或名称")),
    )
    applicant_kind = forms.ChoiceField(
        label=gettext_lazy("申请人类型"),
        choices=ApplicantKind.choices,
        error_messages=_messages(gettext_lazy("申请人类型")),
        help_text=gettext_lazy("公民选“自然人”；法人或者其他组织选其类型。"),
    )
    id_number = forms.RegexField(
        label=gettext_lazy("身份证明号码"),
        regex=r"^[0-9A-Za-z\-]{6,40}$",
        max_length=40,
        help_text=gettext_lazy("公民填身份证件号码，组织填统一社会信用代码；仅受理机关可见。"),
        error_messages={
            **_messages(gettext_lazy("身份证明号码")),
            "invalid": gettext_lazy("身份证明号码只能包含数字、字母和“-”。"),
        },
    )
    submitter_phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=30,
        validators=[submission_services._phone],
        error_messages=_messages(gettext_lazy("联系电话")),
        help_text=gettext_lazy("仅受理机关可见。"),
    )
    submitter_email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        max_length=254,
        required=False,
        error_messages={"invalid": gettext_lazy("请填写有效的电子邮箱地址。")},
    )
    address = forms.CharField(
        label=gettext_lazy("通信地址"),
        max_length=300,
        required=False,
        error_messages=_messages(gettext_lazy("通信地址")),
    )
    subject = forms.CharField(
        label=gettext_lazy("所需信息的名称或文号"),
        max_length=200,
        error_messages=_messages(gettext_lazy("所需信息的名称或文号")),
    )
    content = forms.CharField(
        label=gettext_lazy("所需信息的特征描述"),
        max_length=5000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            **_messages(gettext_lazy("所需信息的特征描述")),
            "min_length": gettext_lazy("描述过短，请至少写 %(limit_value)d 个字。"),
        },
    )
    info_form = forms.ChoiceField(
        label=gettext_lazy("信息的形式"), choices=InfoForm.choices, error_messages=_messages(gettext_lazy("信息的形式"))
    )
    delivery = forms.ChoiceField(
        label=gettext_lazy("获取信息的方式"),
        choices=Delivery.choices,
        error_messages=_messages(gettext_lazy("获取信息的方式")),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delivery") == "email" and not cleaned.get("submitter_email"):
            self.add_error("submitter_email", _("选择以电子邮件获取的，请填写电子邮箱。"))
        if cleaned.get("delivery") == "post" and not cleaned.get("address"):
            self.add_error("address", _("选择邮寄的，请填写通信地址。"))
        return cleaned


def _office_url(submission) -> str:
    request = getattr(submission, "disclosure", None)
    return reverse("disclosure:request", args=[request.pk]) if request is not None else ""


def _public_lines(submission) -> list[tuple[str, str]]:
    request = selectors.request_for_submission(submission)
    return selectors.public_lines(request) if request is not None else []


DISCLOSURE_REQUEST = submission_services.register(
    submission_services.SubmissionKind(
        key="disclosure_request",
        label=gettext_lazy("政府信息公开申请"),
        code_prefix="GK",
        form_class=DisclosureRequestForm,
        description=gettext_lazy(
            "向行政机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条至第三十三条）；"
            "网上提交的，以受理机关确认收到之日为收到申请之日，自该日起20个工作日内答复。"
        ),
        received=services.receive,
        office_url=_office_url,
        public_lines=_public_lines,
    )
)
