"""Office pages of criminal transfers (涉嫌犯罪案件移送, seed art. 22; thin: the services check and
change, the selectors read).

A transfer is proposed from its case's page (`case_views`, step `transfer`). The list shows the
transfers the user sees (`transfers.visible_to`: the body's own, and for the procuratorate and court
granted sight of an area's government, that area's) with their status and the three periods —
approval, the police's decision, the handover — each with its source. The transfer page offers only
the steps the user may take now, each with its form; a refusal comes back on the form that was sent,
with the service's status. Those who see a transfer only through information sharing take no step.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import audit
from fazhi.core.access import may
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.enforcement import case_forms, case_selectors, selectors, transfers
from fazhi.enforcement.choices import TransferStatus
from fazhi.enforcement.models import Transfer

PAGE_SIZE = 50
MATTERS = (transfers.APPROVE_PERIOD, transfers.POLICE_PERIOD, transfers.HANDOVER_PERIOD)


def _visible(user, pk) -> Transfer:
    transfer = transfers.visible_to(user).select_related("case", "body", "area").filter(pk=pk).first()
    if transfer is None:
        raise NotFound()
    return transfer


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2999 else None


@login_required
@require_GET
def transfer_list(request):
    status = request.GET.get("status", "")
    status = status if status in TransferStatus.values else ""
    year = _year(request.GET.get("year", ""))
    found = transfers.visible_to(request.user).select_related("case", "body").order_by("-proposed_on", "-id")
    if status:
        found = found.filter(status=status)
    if year:
        found = found.filter(proposed_on__year=year)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    deadlines = case_selectors.deadlines_by_subject(Transfer, [t.pk for t in page], MATTERS)
    rows = [{"transfer": t, "deadlines": case_selectors.deadline_rows(deadlines.get(t.pk, {}), MATTERS)} for t in page]
    today = timezone.localdate()
    query = f"status={status}&year={year or ''}"
    return render(
        request,
        "enforcement/transfer_list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": TransferStatus.choices,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "query": query,
            "periods": case_selectors.deadline_rows({}, MATTERS),
            "today": today,
        },
    )


def _form(step: str, transfer: Transfer, data=None):
    F = case_forms
    if step == "decide":
        return F.TransferDecideForm(data, step=step)
    if step == "send":
        return F.TransferSendForm(data, step=step)
    if step == "police_decision":
        return F.PoliceDecisionForm(data, step=step)
    if step == "handover":
        return F.HandoverForm(data, step=step)
    if step == "take_back":
        officers = selectors.certified_officers(transfer.body, timezone.localdate())
        return F.TakeBackForm(data, step=step, officers=officers)
    return None


RUNNERS = {
    "decide": transfers.decide,
    "send": transfers.send,
    "police_decision": transfers.record_police_decision,
    "handover": transfers.record_handover,
    "take_back": transfers.take_back,
}
DONE = {
    "send": _("已移送公安机关，案件状态为“已移送司法机关”。"),
    "police_decision": _("已记录公安机关的决定。"),
    "handover": _("已记录移交涉案物品和材料。"),
}


def _page(request, transfer, *, failed=None, failed_step="", status=200):
    user = request.user
    steps = [
        {
            "name": name,
            "label": label,
            "form": failed if failed is not None and name == failed_step else _form(name, transfer),
        }
        for name, label in transfers.steps(transfer, user)
    ]
    found = case_selectors.deadlines_by_subject(Transfer, [transfer.pk], MATTERS).get(transfer.pk, {})
    context = {
        "transfer": transfer,
        "own": may(user, "view", transfer.body),
        "steps": steps,
        "team": transfer.team.order_by("name", "id"),
        "deadlines": case_selectors.deadline_rows(found, MATTERS),
        "returned_cases": transfer.returned_cases.order_by("id"),
        "timeline": audit.history(transfer, {}, case_selectors.TRANSFER_EVENT_LABELS),
        "failed_step": failed_step,
    }
    return render(request, "enforcement/transfer_detail.html", context, status=status)


@login_required
@require_GET
def transfer_detail(request, pk):
    return _page(request, _visible(request.user, pk))


@login_required
@require_POST
def transfer_action(request, pk, step):
    """Take one step on the transfer; see the module's docstring."""
    transfer = _visible(request.user, pk)
    if step not in RUNNERS:
        raise NotFound()
    transfers.require_own(transfer, request.user)
    form = _form(step, transfer, request.POST)
    if not form.is_valid():
        return _page(request, transfer, failed=form, failed_step=step, status=400)
    try:
        done = RUNNERS[step](transfer, actor=request.user, **form.service_data())
    except (InvalidInput, Conflict) as exc:
        form.add_service_errors(exc)
        return _page(request, transfer, failed=form, failed_step=step, status=exc.status_code)
    if step == "take_back":
        messages.success(request, _("已接收移回的案件并重新立案：%(number)s。") % {"number": done.number})
        return redirect("enforcement:case-detail", pk=done.pk)
    if step == "decide":
        done.refresh_from_db()
        messages.success(request, _("已审批：%(status)s。") % {"status": done.get_status_display()})
    else:
        messages.success(request, DONE[step])
    return redirect("enforcement:transfer-detail", pk=transfer.pk)
