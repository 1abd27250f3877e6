"""The `petition` kind of public submission (receipt prefix XF): the form, and the hooks through
which the petition module takes it over (its own record and clock, its office page, its lines on
the public status page)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day_text
from fazhi.core.services import submissions as submission_services
from fazhi.petitions import services
from fazhi.petitions.choices import Category
from fazhi.petitions.choices import PetitionStatus as S


class PetitionForm(submission_services.SuggestionForm):
    """信访事项: 姓名、住址和请求、事实、理由 (信访工作条例第十九条)."""

    category = forms.ChoiceField(
        label=gettext_lazy("信访事项类别"),
        choices=[("", "---------"), *Category.choices],
        help_text=gettext_lazy("建议意见、检举控告或申诉求决"),
        error_messages={
            "required": gettext_lazy("请选择信访事项类别。"),
            "invalid_choice": gettext_lazy("信访事项类别应为建议意见、检举控告或申诉求决。"),
        },
    )
    submitter_address = forms.CharField(
        label=gettext_lazy("住址"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("选填，仅办理单位可见。"),
        error_messages={"max_length": gettext_lazy("住址不能超过 %(limit_value)d 个字。")},
    )

    field_order = ["category", "subject", "content", "submitter_name", "submitter_address"]


def office_url(submission) -> str:
    petition = getattr(submission, "petition", None)
    return reverse("petitions:detail", args=[petition.pk]) if petition is not None else ""


def _due(deadline) -> str:
    if deadline is None:
        return ""
    period = deadline.period
    if deadline.due_on is None:
        return _("听证期间暂停计算（%(source)s）") % {"source": period.source}
    return _("%(due)s前（%(source)s）") % {"due": day_text(deadline.due_on), "source": period.source}


def public_lines(submission) -> list[tuple[str, str]]:
    """Due dates with their source, what the petitioner was told, the outcome; nothing internal."""
    from fazhi.petitions.models import Petition

    petition = (
        Petition.objects.select_related(
            "register_deadline", "handle_deadline", "review_deadline", "recheck_deadline", "review_body", "recheck_body"
        )
        .filter(submission=submission)
        .first()
    )
    if petition is None:
        return []
    lines = [(_("信访事项类别"), petition.get_category_display()), (_("办理环节"), petition.get_status_display())]
    if petition.status in (S.RECEIVED, S.FORWARDED) and petition.register_deadline:
        lines.append((_("登记、告知期限"), _due(petition.register_deadline)))
    if petition.status == S.ACCEPTED and petition.handle_deadline:
        lines.append((_("办结期限"), _due(petition.handle_deadline)))
    for notice in petition.notices.all():
        lines.append((_("%(step)s（%(day)s）") % {"step": notice.step, "day": day_text(notice.given_on)}, notice.text))
    if petition.status == S.REFERRED:
        lines.append((_("导入法定途径"), petition.get_channel_display()))
    if petition.status == S.INFORMED:
        lines.append((_("有权处理的机关"), petition.competent_organ))
    if petition.answered_on:
        lines.append((_("处理意见"), petition.get_outcome_display()))
        lines.append((_("处理意见书（%(day)s）") % {"day": day_text(petition.answered_on)}, petition.opinion))
    if petition.status == S.ANSWERED and petition.review_until:
        lines.append(
            (
                _("可请求复查至"),
                _("%(day)s（信访工作条例第三十五条）") % {"day": day_text(petition.review_until)},
            )
        )
    if petition.review_body_id:
        lines.append((_("复查机关"), petition.review_body.name))
    if petition.status == S.REVIEW:
        lines.append((_("复查意见期限"), _due(petition.review_deadline)))
    if petition.reviewed_on:
        lines.append(
            (_("复查意见（%(day)s）") % {"day": day_text(petition.reviewed_on)}, petition.get_review_outcome_display())
        )
        lines.append((_("复查意见书"), petition.review_opinion))
    if petition.status == S.REVIEWED and petition.recheck_until:
        lines.append(
            (
                _("可请求复核至"),
                _("%(day)s（信访工作条例第三十六条）") % {"day": day_text(petition.recheck_until)},
            )
        )
    if petition.recheck_body_id:
        lines.append((_("复核机关"), petition.recheck_body.name))
    if petition.status == S.RECHECK:
        lines.append((_("复核意见期限"), _due(petition.recheck_deadline)))
        if petition.hearing_since:
            lines.append(
                (
                    _("听证"),
                    _("自%(day)s起举行听证，听证所需时间不计入复核期限。") % {"day": day_text(petition.hearing_since)},
                )
            )
    if petition.rechecked_on:
        lines.append(
            (
                _("复核意见（%(day)s）") % {"day": day_text(petition.rechecked_on)},
                petition.get_recheck_outcome_display(),
            )
        )
        lines.append((_("复核意见书"), petition.recheck_opinion))
        lines.append((_("信访终结"), _("以同一事实和理由再次提出的，不再受理（信访工作条例第三十六条）。")))
    return lines


PETITION = submission_services.register(
    submission_services.SubmissionKind(
        key=services.KIND,
        label=gettext_lazy("信访"),
        code_prefix="XF",
        form_class=PetitionForm,
        description=gettext_lazy(
            "向本市各级行政机关或其信访工作机构反映情况，提出建议意见、检举控告或申诉求决；"
            "依法应当通过诉讼、仲裁、行政复议等途径解决的，将告知您依照法定程序提出。"
        ),
        received=services.received,
        office_url=office_url,
        public_lines=public_lines,
    )
)
