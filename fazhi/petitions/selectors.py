"""What the petition pages and the API read: the scoped register, one petition, its due dates."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.errors import NotFound
from fazhi.petitions.choices import PetitionStatus
from fazhi.petitions.models import Petition

_RELATED = (
    "submission",
    "body",
    "body__parent",
    "received_by",
    "forwarded_from",
    "review_body",
    "review_body__parent",
    "recheck_body",
    "register_deadline",
    "handle_deadline",
    "review_deadline",
    "recheck_deadline",
)


def office_petitions(user, *, status: str = "", query: str = ""):
    found = Petition.objects.restrict(user).select_related(*_RELATED)
    if status in PetitionStatus.values:
        found = found.filter(status=status)
    query = (query or "").strip()[:100]
    if query:
        found = found.filter(submission__receipt_code__iexact=query) | found.filter(
            submission__subject__icontains=query
        )
    return found.order_by("-received_on", "-pk")


def visible_petition(user, pk) -> Petition:
    if not str(pk).isdigit() or len(str(pk)) > 9:
        raise NotFound(_("未找到该信访事项。"))
    petition = Petition.objects.restrict(user).select_related(*_RELATED).filter(pk=pk).first()
    if petition is None:
        raise NotFound(_("未找到该信访事项。"))
    return petition


DEADLINE_FIELDS = (
    ("register_deadline", gettext_lazy("登记、转送交办并告知")),
    ("handle_deadline", gettext_lazy("办结")),
    ("review_deadline", gettext_lazy("提出复查意见")),
    ("recheck_deadline", gettext_lazy("提出复核意见")),
)


def due_dates(petition: Petition) -> list[dict]:
    """Each period of the petition with its due date and legal source; the petitioner's windows
    (objection, review, re-check requests) too."""
    rows = []
    for attr, label in DEADLINE_FIELDS:
        deadline = getattr(petition, attr)
        if deadline is None:
            continue
        period = deadline.period
        rows.append(
            {
                "label": str(label),
                "body": deadline.body.name if deadline.body_id else "",
                "start_on": deadline.start_on,
                "due_on": deadline.due_on,
                "closed_on": deadline.closed_on,
                "extension": deadline.extension_length,
                "source": period.source,
                "open": deadline.closed_on is None,
            }
        )
    from fazhi.clock import periods

    for field, matter, label, shown in (
        ("object_until", "petition-object", _("可提出异议至"), petition.status == PetitionStatus.FORWARDED),
        ("review_until", "petition-review", _("信访人可请求复查至"), petition.status == PetitionStatus.ANSWERED),
        ("recheck_until", "petition-review", _("信访人可请求复核至"), petition.status == PetitionStatus.REVIEWED),
    ):
        day = getattr(petition, field)
        if day and shown:
            period = periods.get(matter)
            rows.append(
                {
                    "label": label,
                    "body": "",
                    "start_on": None,
                    "due_on": day,
                    "closed_on": None,
                    "extension": None,
                    "source": period.source,
                    "open": True,
                }
            )
    return rows


def running_due(petition: Petition):
    """The due date of the period running now, for the register."""
    for attr in ("recheck_deadline", "review_deadline", "handle_deadline", "register_deadline"):
        deadline = getattr(petition, attr)
        if deadline is not None and deadline.closed_on is None:
            return deadline
    return None
