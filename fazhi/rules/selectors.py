"""Read-side queries for rules and plans, shared by pages, the API and the art. 6 check.

The registry's status is derived from the dates on the day asked (`public_filter`), so a rule
reads 有效 from its commencement date without anyone acting. This module also says what of a
rule the Chinese search may show: a draft is indexed as a draft of its drafting body (the public
never finds it), a published rule as public.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy

from fazhi.core import audit
from fazhi.procedures import selectors as procedures
from fazhi.rules.choices import RulePublicStatus, RuleStatus
from fazhi.rules.models import PUBLISHED_STATUSES, LegislativePlan, Rule
from fazhi.rules.services import filing_deadline
from fazhi.texts.search import service as search
from fazhi.texts.search.models import Visibility

S = RuleStatus
SEARCH_POOL = 500  # search hits considered before the registry's own filters are applied


def public_filter(status: str, today: datetime.date) -> Q:
    """The published rules showing `status` on `today` (see `Rule.public_status`)."""
    if status == RulePublicStatus.REPEALED:
        return Q(status=S.REPEALED)
    if status == RulePublicStatus.AMENDED:
        return Q(status=S.AMENDED)
    started = Q(effective_on__isnull=True) | Q(effective_on__lte=today)
    if status == RulePublicStatus.NOT_YET_EFFECTIVE:
        return Q(status=S.PUBLISHED) & ~started
    return Q(status=S.PUBLISHED) & started


def public_rules(*, today: datetime.date, query: str = "", year=None, status=""):
    """The registry: published rules, optionally found by a Chinese query and filtered."""
    rules = Rule.objects.published().select_related("government", "body")
    if year:
        rules = rules.filter(published_on__year=year)
    if status:
        rules = rules.filter(public_filter(status, today))
    if not query:
        return list(rules.order_by("-published_on", "-id"))
    result = search.search(query, public=True, limit=SEARCH_POOL)
    label = Rule._meta.label_lower
    ranked = [int(hit.object_id) for hit in result.hits if hit.content_type == label]
    found = {rule.pk: rule for rule in rules.filter(pk__in=ranked)}
    return [found[pk] for pk in ranked if pk in found]


def office_rules(user, *, status: str = ""):
    rules = Rule.objects.restrict(user).select_related("body", "government")
    if status:
        rules = rules.filter(status=status)
    return rules.order_by("-updated_at", "-id")


def office_plans(user):
    """Plans of the governments the user sees, with their items and the rules made from them."""
    return (
        LegislativePlan.objects.restrict(user)
        .select_related("government")
        .prefetch_related("items__drafting_body", "items__rule")
        .order_by("-year", "government__tree_path")
    )


def public_plans():
    return (
        LegislativePlan.objects.published()
        .select_related("government")
        .prefetch_related("items__drafting_body", "items__rule")
        .order_by("-year", "government__tree_path")
    )


# --- the rule page: procedures, timeline, due dates ------------------------------------------

EVENT_LABELS = {
    "rules.created": gettext_lazy("立项"),
    "rules.changed": gettext_lazy("修改草案"),
    "rules.drafting_started": gettext_lazy("开始起草"),
    "rules.consultation_started": gettext_lazy("公开征求意见"),
    "rules.submitted_for_review": gettext_lazy("报送法制机构审查"),
    "rules.review_concluded": gettext_lazy("确认审查通过"),
    "rules.decided": gettext_lazy("政府常务会议决定"),
    "rules.signed": gettext_lazy("市长签署命令"),
    "rules.numbered": gettext_lazy("编政府令序号"),
    "rules.published": gettext_lazy("公布"),
    "rules.amended": gettext_lazy("被修改"),
    "rules.repealed": gettext_lazy("废止"),
    "rules.withdrawn": gettext_lazy("撤回"),
    "rules.filed": gettext_lazy("报送备案"),
    "clock.deadline_opened": gettext_lazy("备案期限起算"),
    "clock.deadline_closed": gettext_lazy("备案完毕"),
}


def procedures_of(rule: Rule) -> dict:
    return procedures.records_of(rule)


def timeline(rule: Rule, found: dict | None = None) -> list[dict]:
    """The rule's history from the audit chain: its own events, its procedures', its filings'."""
    deadline = filing_deadline(rule)
    related = {
        **procedures.related_records(found or procedures_of(rule)),
        "rules.rulefiling": list(rule.filings.values_list("pk", flat=True)),
        "clock.deadline": [deadline.pk] if deadline else [],
    }
    return audit.history(rule, related, {**procedures.EVENT_LABELS, **EVENT_LABELS})


def due_dates(rule: Rule, found: dict | None = None) -> list[dict]:
    """Every date the rule's procedures run to, with the source of its period."""
    dates = procedures.due_dates(found or procedures_of(rule))
    deadline = filing_deadline(rule)
    if deadline is not None and deadline.due_on:
        label = gettext_lazy("报送备案") if deadline.closed_on is None else gettext_lazy("报送备案（已办结）")
        dates.append({"label": str(label), "due_on": deadline.due_on, "source": deadline.period.source})
    return dates


def filings_of(rule: Rule) -> list[dict]:
    """The rule's filings, each marked late when filed after the 30-day deadline."""
    deadline = filing_deadline(rule)
    due = deadline.due_on if deadline else None
    return [
        {"filing": filing, "late": due is not None and filing.filed_on > due}
        for filing in rule.filings.order_by("filed_on", "id")
    ]


# --- search ----------------------------------------------------------------------------------


def search_entry(rule: Rule) -> search.Entry:
    """Published: public. Anything else: a draft of the drafting body, never shown to the public."""
    visibility = Visibility.PUBLIC if rule.status in PUBLISHED_STATUSES else Visibility.DRAFT
    text = "\n".join(part for part in (rule.title, rule.order_number, rule.text) if part)
    return search.Entry(title=rule.title, text=text, visibility=visibility, body_id=rule.body_id)


def order_numbers(object_ids: list[str]) -> dict[str, str]:
    ids = [int(pk) for pk in object_ids if pk.isdigit()]
    return {str(pk): number for pk, number in Rule.objects.filter(pk__in=ids).values_list("pk", "order_number")}


search.register(Rule, search_entry, numbers=order_numbers)
