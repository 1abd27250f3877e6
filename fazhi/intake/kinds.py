"""The two kinds of the public-submission mechanism this module handles: 举报 (JB) and 投诉 (TS).

Both are routed, not addressed: the form asks what the matter is about (a category, an area; for
a complaint about a body's conduct, the body) and `routing.route` finds the handling body.
"""

from django import forms
from django.utils.translation import gettext_lazy

from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.core.services.submissions import SubmissionKind, SuggestionForm
from fazhi.intake import routing, services
from fazhi.intake.choices import IntakeKind


def _category_choices(kind):
    def choices():
        return [("", "——")] + [(str(c.pk), c.name) for c in routing.categories(kind)]

    return choices


def _area_choices():
    return [("", "——")] + [(str(b.pk), b.name) for b in routing.areas()]


def _respondent_choices():
    return [("", "——")] + [(str(b.pk), b.name) for b in Body.objects.current().order_by("tree_path")]


def _choice(label, choices, *, required=True, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        error_messages={
            "required": gettext_lazy("请选择%(label)s。") % {"label": label},
            "invalid_choice": gettext_lazy("所选%(label)s不在可选范围内。") % {"label": label},
        },
    )


def _receivers(kind):
    """The bodies that receive the kind: the rules' bodies, and for complaints the governments and
    their designated receiving bodies (used where the portal lists who receives what)."""

    def receivers(bodies):
        from django.db.models import Q

        from fazhi.intake.models import ReceivingDesk, RoutingRule

        ruled = RoutingRule.objects.filter(category__kind=kind, category__active=True).values("body")
        if kind == IntakeKind.REPORT:
            return bodies.filter(pk__in=ruled)
        desks = ReceivingDesk.objects.values("receiver")
        return bodies.filter(Q(pk__in=ruled) | Q(pk__in=desks) | Q(kind__in=routing.GOVERNMENTS))

    return receivers


class ReportForm(SuggestionForm):
    """举报: a violation by a person or company, sent to the body competent for it in the area."""

    category = _choice(gettext_lazy("举报类别"), _category_choices(IntakeKind.REPORT))
    area = _choice(
        gettext_lazy("事发地区"), _area_choices, help_text=gettext_lazy("违法行为发生地所在的市（区），或市级")
    )
    field_order = ["category", "area", "subject", "content", "submitter_name", "submitter_phone", "submitter_email"]


class ComplaintForm(SuggestionForm):
    """投诉: about a body's or an official's conduct (sent to the body's supervising government's
    receiving body), or a consumer complaint routed like a report."""

    category = _choice(gettext_lazy("投诉类别"), _category_choices(IntakeKind.COMPLAINT))
    respondent = _choice(
        gettext_lazy("被投诉单位"),
        _respondent_choices,
        required=False,
        help_text=gettext_lazy("投诉机关及其工作人员的，请选择被投诉单位"),
    )
    area = _choice(
        gettext_lazy("事发地区"),
        _area_choices,
        required=False,
        help_text=gettext_lazy("消费投诉等按地区受理的，请选择事发地区"),
    )
    field_order = [
        "category",
        "respondent",
        "area",
        "subject",
        "content",
        "submitter_name",
        "submitter_phone",
        "submitter_email",
    ]


REPORT = submission_services.register(
    SubmissionKind(
        key=IntakeKind.REPORT.value,
        label=gettext_lazy("举报"),
        code_prefix="JB",
        form_class=ReportForm,
        description=gettext_lazy("举报个人或者企业的违法行为，由事发地有处理权限的行政执法机关依法查处。"),
        router=lambda cleaned: routing.route(IntakeKind.REPORT, cleaned),
        receivers=_receivers(IntakeKind.REPORT),
        received=services.received,
        office_url=services.office_url,
        public_lines=services.public_lines,
    )
)
COMPLAINT = submission_services.register(
    SubmissionKind(
        key=IntakeKind.COMPLAINT.value,
        label=gettext_lazy("投诉"),
        code_prefix="TS",
        form_class=ComplaintForm,
        description=gettext_lazy("投诉行政机关及其工作人员的行为，或者按地区受理的消费投诉。"),
        router=lambda cleaned: routing.route(IntakeKind.COMPLAINT, cleaned),
        receivers=_receivers(IntakeKind.COMPLAINT),
        received=services.received,
        office_url=services.office_url,
        public_lines=services.public_lines,
    )
)
