"""The public-comment kind (意见征集) in the core public-submission mechanism.

Comments thus get the mechanism's validation, rate limits, duplicate refusal and receipts; the
kind's target is the consultation, and each received comment becomes a line of its ledger.
"""

from django import forms
from django.utils.translation import gettext_lazy

from fazhi.core.services import submissions as submission_services
from fazhi.procedures import services


class CommentForm(submission_services.SuggestionForm):
    """The suggestion form's fields; `subject` names the article or passage commented on."""

    subject = forms.CharField(
        label=gettext_lazy("针对的条款或内容"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("请填写所针对的条款或内容（如“第三条”或“全文”）。"),
            "max_length": gettext_lazy("不能超过 %(limit_value)d 个字。"),
        },
    )


CONSULTATION_COMMENT = submission_services.register(
    submission_services.SubmissionKind(
        key="consultation_comment",
        label=gettext_lazy("意见征集"),
        code_prefix="ZQ",
        form_class=CommentForm,
        description=gettext_lazy("对公开征求意见的草案发表意见；起草单位将公布意见采纳情况。"),
        target=services.consultation_for_comment,
        received=services.receive_comment,
    )
)
