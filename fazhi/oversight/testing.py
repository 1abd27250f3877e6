"""Building oversight records for tests, the URL-scoping walk and the demo: through the services,
so every gate is met."""

import itertools

from django.utils import timezone

from fazhi.core.choices import Role
from fazhi.core.models import Membership
from fazhi.oversight import services
from fazhi.oversight.models import (
    CongressOpinion,
    EvaluationTask,
    Finding,
    Inspection,
    Measure,
    Proposal,
    ProposalReply,
)

_numbers = itertools.count(1)


def proposal_data(body, /, **overrides) -> dict:
    number = next(_numbers)
    return {
        "kind": "deputy",
        "body": body.pk,
        "session": "市十六届人大六次会议",
        "number": f"2026{number:04d}",
        "proposers": "李明华、陈少芬",
        "title": "关于加强校园周边食品安全监管的建议",
        "content": "建议加大对校园周边食品经营者的日常检查频次，公开检查结果。",
        "assigned_on": "2026-03-02",
        **overrides,
    }


def assign(body, office, /, **overrides) -> Proposal:
    return services.register_proposal(actor=office, **proposal_data(body, **overrides))


def answered(body, office, clerk, /, *, replied_on="2026-03-10", public=False, **overrides) -> Proposal:
    proposal = assign(body, office, **overrides)
    services.reply(
        proposal,
        actor=clerk,
        replied_on=replied_on,
        category="A",
        text="已组织开展校园周边食品安全专项检查，检查结果在局网站公开。",
        public=public,
    )
    return Proposal.objects.get(pk=proposal.pk)


def report_data(body, /, **overrides) -> dict:
    return {
        "body": body.pk,
        "kind": "special",
        "title": "关于食品安全工作情况的报告",
        "congress": "江门市人大常委会",
        "meeting": "市十六届人大常委会第二十次会议",
        "reported_on": "2026-03-02",
        "reporter": "何建华（局长）",
        **overrides,
    }


def report(body, actor, /, **overrides):
    return services.register_report(actor=actor, **report_data(body, **overrides))


def inspection_data(government, targets, /, **overrides) -> dict:
    return {
        "government": government.pk,
        "kind": "special",
        "year": 2026,
        "title": "2026年行政执法规范化专项督查",
        "key_work": "2026年法治政府建设工作要点：严格规范公正文明执法",
        "planned_on": "2026-03-02",
        "targets": [body.pk for body in targets],
        **overrides,
    }


def inspect(government, targets, office, /, **overrides) -> Inspection:
    return services.plan_inspection(actor=office, **inspection_data(government, targets, **overrides))


def measure_data(issuer, body, /, **overrides) -> dict:
    return {
        "issuer": issuer.pk,
        "body": body.pk,
        "kind": "rectification",
        "number": f"江法治办〔2026〕{next(_numbers)}号",
        "issued_on": "2026-03-02",
        "reasons": "专项督查发现行政处罚案卷不规范，未按规定进行法制审核。",
        "rectify_by": "2026-04-30",
        **overrides,
    }


def order(issuer, body, office, /, **overrides) -> Measure:
    return services.issue_measure(actor=office, **measure_data(issuer, body, **overrides))


def plan(government, office, /, *, year=2026, tasks=(), issue=True, **overrides):
    """A task split with `tasks` — (body, indicator, due_on) — issued unless told otherwise."""
    split = services.create_plan(
        actor=office, government=government.pk, year=year, title=overrides.pop("title", f"{year}年迎接省考评任务分工")
    )
    for body, indicator, due_on in tasks:
        services.add_task(
            split,
            actor=office,
            body=body.pk,
            indicator=indicator,
            materials="相关制度文件及落实情况说明",
            due_on=due_on,
        )
    if issue and tasks:
        services.issue_plan(split, actor=office)
    return split


def make_canaries(body, markers) -> dict:
    """Records of `body` carrying the markers: a suggestion answered (not public), a report with a
    审议意见, an inspection with a finding, a rectification order and a provincial-evaluation task."""
    from fazhi.documents.services import government_of

    government = government_of(body)
    clerk = Membership.objects.filter(body=body, role=Role.CLERK).select_related("user").first().user
    office = Membership.objects.filter(body__in=[government.pk], role=Role.OFFICE).select_related("user").first().user
    day = timezone.localdate()
    proposal = services.register_proposal(
        actor=office,
        **proposal_data(
            body,
            proposers=markers["submitter"],
            title=markers["subject"],
            content=markers["content"],
            assigned_on=day,
        ),
    )
    answer = services.reply(proposal, actor=clerk, replied_on=day, category="B", text=markers["content"])
    report_ = services.register_report(
        actor=clerk, **report_data(body, title=markers["subject"], summary=markers["content"], reported_on=day)
    )
    services.add_opinion(report_, actor=clerk, kind="opinion", received_on=day, content=markers["content"])
    inspection = services.plan_inspection(
        actor=office, **inspection_data(government, [body], title=markers["subject"], planned_on=day, year=day.year)
    )
    services.start_inspection(inspection, actor=office, started_on=day)
    finding = services.record_finding(
        inspection, actor=office, body=body.pk, severity="general", problem=markers["content"], found_on=day
    )
    measure = services.issue_measure(
        actor=office, **measure_data(government, body, reasons=markers["content"], issued_on=day, rectify_by=day)
    )
    split = services.create_plan(actor=office, government=government.pk, year=day.year, title=markers["subject"])
    task = services.add_task(
        split, actor=office, body=body.pk, indicator=markers["subject"], materials=markers["content"], due_on=day
    )
    services.issue_plan(split, actor=office)
    return {
        "oversight_proposal": proposal.pk,
        "oversight_reply": answer.pk,
        "oversight_report": report_.pk,
        "oversight_inspection": inspection.pk,
        "oversight_finding": finding.pk,
        "oversight_measure": measure.pk,
        "oversight_plan": split.pk,
        "oversight_task": task.pk,
    }


def state() -> dict:
    """What an intruder must not change."""
    return {
        "proposals": list(Proposal.objects.order_by("pk").values_list("pk", "status", "body_id")),
        "proposal_replies": list(ProposalReply.objects.order_by("pk").values_list("pk", "public", "feedback")),
        "congress_opinions": list(CongressOpinion.objects.order_by("pk").values_list("pk", "status")),
        "inspections": list(Inspection.objects.order_by("pk").values_list("pk", "status")),
        "findings": list(Finding.objects.order_by("pk").values_list("pk", flat=True)),
        "measures": list(Measure.objects.order_by("pk").values_list("pk", "status", "rectify_by")),
        "evaluation_tasks": list(EvaluationTask.objects.order_by("pk").values_list("pk", "status")),
    }
