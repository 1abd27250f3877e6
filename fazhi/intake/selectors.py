"""What the intake pages, the API and the checks read."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch

from fazhi.clock.models import Deadline
from fazhi.core.models import Body
from fazhi.core.services import submissions as submission_services
from fazhi.intake.models import Case, CaseTransfer, Channel


def office_cases(user, *, status: str = "", kind: str = ""):
    """The cases at the bodies in `user`'s scope, with what the register shows."""
    cases = Case.objects.restrict(user).select_related("body", "category", "submission", "respondent", "area")
    if status:
        cases = cases.filter(status=status)
    if kind:
        cases = cases.filter(kind=kind)
    return cases


def open_due(cases) -> dict[int, Deadline]:
    """The running deadline of each case at its handling body, one query."""
    content_type = ContentType.objects.get_for_model(Case)
    by_id = {str(case.pk): case for case in cases}
    found = {}
    for deadline in Deadline.objects.filter(
        content_type=content_type, object_id__in=list(by_id), closed_on__isnull=True
    ).order_by("due_on"):
        case = by_id[deadline.object_id]
        if deadline.body_id == case.body_id and case.pk not in found:
            found[case.pk] = deadline
    return found


def due_dates(case) -> list[dict]:
    """Every period the case has run, at which body, with its source."""
    content_type = ContentType.objects.get_for_model(Case)
    rows = []
    for deadline in Deadline.objects.filter(content_type=content_type, object_id=str(case.pk)).select_related("body"):
        if deadline.due_on is None:
            continue
        rows.append(
            {
                "label": f"{deadline.period.label}（{deadline.body.name}）",
                "due_on": deadline.due_on,
                "source": deadline.period.source,
                "closed_on": deadline.closed_on,
                "start_on": deadline.start_on,
            }
        )
    return rows


def passed_on(user):
    """The transfers out of the bodies in `user`'s scope: the former body's masked trace."""
    return CaseTransfer.objects.restrict(user).select_related("from_body", "to_body").order_by("-transferred_on", "-pk")


def public_channels():
    """Every current body's published channels, grouped by body in tree order."""
    current = Body.objects.current()
    channels = Channel.objects.filter(body__in=current).select_related("body").order_by("body__tree_path", "kind", "pk")
    grouped: dict[int, dict] = {}
    for channel in channels:
        grouped.setdefault(channel.body_id, {"body": channel.body, "channels": []})["channels"].append(channel)
    return list(grouped.values())


def identity(user, case) -> dict:
    return submission_services.masked_identity(user, case.submission)


def case_detail(user, pk):
    return (
        office_cases(user)
        .prefetch_related(Prefetch("transfers", queryset=CaseTransfer.objects.select_related("from_body", "to_body")))
        .prefetch_related("notes__body", "notes__author")
        .filter(pk=pk)
        .first()
    )
