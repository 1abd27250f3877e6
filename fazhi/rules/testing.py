"""Building plans and rules through the real services, for tests, the URL walk and the demo.

`configure(government, legal_office, prefix)` sets up a government's legal office and its order
format; `walk(rule, until, people)` drives a rule through each step with the procedures it needs
(a consultation run to its feedback statement, a passing review, a signed executive-meeting
record), each by the user whose office runs it, so that every gate is met on the way.
"""

import datetime

from django.utils import timezone

from fazhi.clock import services as clock
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind
from fazhi.procedures.testing import finish_consultation, hold_meeting, pass_review
from fazhi.rules import services
from fazhi.rules.choices import RuleStatus
from fazhi.rules.models import LegislativePlan, PlanItem, Rule, RuleSettings
from fazhi.rules.workflow import COMMENT_PERIOD

S = RuleStatus
ORDER = [
    S.PLANNED,
    S.DRAFTING,
    S.CONSULTING,
    S.LEGALITY_REVIEW,
    S.REVIEWED,
    S.DECIDED,
    S.SIGNED,
    S.NUMBERED,
    S.PUBLISHED,
]
TEXT = (
    "第一条 为了加强城市市容和环境卫生管理，创造清洁、优美的城市环境，根据有关法律法规，结合本市实际，制定本规定。\n"
    "第二条 本规定适用于本市城市建成区的市容和环境卫生管理。"
)


def configure(government, legal_office, *, prefix: str | None = None) -> RuleSettings:
    """A government's rule settings: its legal office and a 政府令 format numbered across years."""
    order_format = numbering.create_format(
        actor=None,
        body=government,
        kind=FormatKind.ORDER,
        name=f"{government.name}令",
        prefix=prefix or f"{government.name}令",
        yearly=False,
    )
    return RuleSettings.objects.create(government=government, legal_office=legal_office, order_format=order_format)


def plan_with_item(government, drafting_body, office, head, *, year=None, title="江门市城市市容和环境卫生管理规定"):
    """A published plan of `year` with one project of `drafting_body`; returns the item."""
    year = year or timezone.localdate().year
    plan = services.create_plan(actor=office, government=government, year=year)
    item = services.add_plan_item(
        plan,
        actor=office,
        title=title,
        subject_area="urban_rural",
        drafting_body=drafting_body,
        planned_submission_on=datetime.date(year, 10, 31),
    )
    services.publish_plan(plan, actor=head)
    item.refresh_from_db()
    return item


def draft(body, actor, **overrides) -> Rule:
    data = {"title": "江门市城市市容和环境卫生管理规定", "subject_area": "urban_rural", "text": TEXT, **overrides}
    if "plan_item" not in data:
        data.setdefault("unplanned_reason", "落实城市管理执法体制改革，急需立法。")
    return services.create_rule(actor=actor, body=body, **data)


def walk(rule: Rule, until: str, people: dict, **publish) -> Rule:
    """Move `rule` forward to status `until` through the services.

    `people` names the actors: `clerk` of the drafting body, `legal_reviewer` (the legal office),
    `mayor` (head of the government, who signs the meeting record and the order) and
    `government_office` (numbers and publishes). `publish` goes to `services.publish`.
    """
    target = ORDER.index(until)
    clerk = people["clerk"]
    while ORDER.index(rule.status) < target:
        status = rule.status
        if status == S.PLANNED:
            rule = services.start_drafting(rule, actor=clerk)
        elif status == S.DRAFTING:
            closes_on = clock.due_for(COMMENT_PERIOD, timezone.localdate()).due
            rule = services.start_consultation(rule, actor=clerk, closes_on=closes_on)
        elif status == S.CONSULTING:
            finish_consultation(rule, clerk)
            rule = services.submit_review(rule, actor=clerk)
        elif status == S.LEGALITY_REVIEW:
            pass_review(rule, people["legal_reviewer"])
            rule = services.conclude_review(rule, actor=clerk)
        elif status == S.REVIEWED:
            hold_meeting(rule, clerk, people["mayor"])
            rule = services.record_decision(rule, actor=clerk)
        elif status == S.DECIDED:
            rule = services.sign(rule, actor=people["mayor"])
        elif status == S.SIGNED:
            rule = services.assign_number(rule, actor=people["government_office"])
        elif status == S.NUMBERED:
            rule = services.publish(rule, actor=people["government_office"], **publish)
    return rule


def make_canaries(body, actor, markers: dict) -> dict:
    """A draft rule of `body` and a draft plan of its government carrying `markers`, which neither the
    public nor another body may see (the plan is made directly: no intruder-proof actor is needed)."""
    rule = services.create_rule(
        actor=actor,
        body=body,
        title=markers["subject"],
        subject_area="urban_rural",
        text=markers["content"],
        unplanned_reason=markers["content"],
    )
    plan = LegislativePlan.objects.create(
        government=rule.government, year=timezone.localdate().year, title=markers["subject"]
    )
    PlanItem.objects.create(
        plan=plan,
        title=markers["content"],
        subject_area="urban_rural",
        drafting_body=body,
        planned_submission_on=timezone.localdate(),
    )
    return {"rule": rule.pk, "rule_plan": plan.pk}
