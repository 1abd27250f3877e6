"""Building evaluations for tests, the URL-scoping walk and the demo: through the services, so every
gate is met."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.assessment import evaluation as running
from fazhi.assessment import services
from fazhi.assessment.models import (
    Adjustment,
    Evaluation,
    Indicator,
    Member,
    Objection,
    Result,
    Scheme,
    Score,
)
from fazhi.core.choices import EvaluationGroup, Role
from fazhi.core.models import Body, Membership
from fazhi.core.testing import make_user


def workbook(rows, header=("单位", "得分")) -> bytes:
    """A social-evaluation workbook with `rows` under the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def small_tree(scheme, office) -> dict:
    """Replace the default tree by two areas: 检察监督 (60, art. 37's check, proportional) and
    法治宣传 (40, scored by evaluators). Returns the two leaves."""
    for top in scheme.indicators.filter(parent=None):
        services.remove_indicator(top, actor=office)
    supervision = services.add_indicator(scheme, actor=office, name="自觉接受监督", points="60")
    middle = services.add_indicator(scheme, actor=office, parent=supervision.pk, name="检察监督", points="60")
    automatic = services.add_indicator(
        scheme,
        actor=office,
        parent=middle.pk,
        name="检察建议按期书面回复",
        points="60",
        method="automatic",
        articles=[37],
        scoring="proportional",
    )
    capacity = services.add_indicator(scheme, actor=office, name="依法行政能力和保障", points="40")
    middle = services.add_indicator(scheme, actor=office, parent=capacity.pk, name="法治宣传", points="40")
    manual = services.add_indicator(
        scheme, actor=office, parent=middle.pk, name="宣传法治政府建设", points="40", method="manual"
    )
    return {"automatic": automatic, "manual": manual}


def make_canaries(body, markers) -> dict:
    """Last year's evaluation by `body`'s government of its departments, notified, with `body`'s
    manual score, evidence, an adjustment and an objection carrying the markers (for the URL-scoping
    walk). Nothing is published."""
    government = body.parent
    office = Membership.objects.filter(body=government, role=Role.OFFICE).select_related("user").first().user
    clerk = Membership.objects.filter(body=body, role=Role.CLERK).select_related("user").first().user
    mayor = make_user("canary_mayor", roles=[(government, Role.HEAD)])
    evaluator = make_user("canary_evaluator", roles=[(government, Role.EVALUATOR)])
    year = timezone.localdate().year - 1
    scheme = services.create_scheme(actor=office, government=government, year=year)
    leaves = small_tree(scheme, office)
    for department in Body.objects.filter(parent=government, kind=body.kind):
        services.set_member(scheme, actor=office, body=department, group=EvaluationGroup.CITY_DEPARTMENTS)
    services.update_scheme(scheme, actor=office, internal_weight="100", social_weight="0")
    services.set_evaluators(scheme, actor=office, users=[evaluator.pk])
    services.submit(scheme, actor=office)
    services.approve(scheme, actor=mayor)
    evaluation = running.open_evaluation(scheme, actor=office)
    running.add_evidence(
        evaluation,
        actor=clerk,
        body=body,
        indicator=leaves["manual"].pk,
        file=SimpleUploadedFile(f"{markers['attachment_name']}.txt", markers["attachment_text"].encode()),
    )
    for member in scheme.members.all():
        running.score_manual(
            evaluation,
            actor=evaluator,
            body=member.body_id,
            indicator=leaves["manual"].pk,
            points="30",
            comment=markers["content"] if member.body_id == body.pk else "宣传材料不全。",
        )
    adjustment = running.add_adjustment(
        evaluation, actor=office, body=body, kind="deduction", points="1", reason=markers["subject"]
    )
    running.submit(evaluation, actor=office)
    running.approve(evaluation, actor=mayor)
    running.notify(evaluation, actor=office, notice_number="江府通〔2026〕1号")
    result = Result.objects.get(evaluation=evaluation, body=body)
    objection = running.file_objection(result, actor=clerk, text=markers["content"], indicator=leaves["manual"].pk)
    return {
        "assessment_scheme": scheme.pk,
        "assessment_indicator": leaves["manual"].pk,
        "assessment_member": Member.objects.get(scheme=scheme, body=body).pk,
        "assessment_evaluation": evaluation.pk,
        "assessment_score": Score.objects.get(evaluation=evaluation, body=body, indicator=leaves["manual"]).pk,
        "assessment_adjustment": adjustment.pk,
        "assessment_result": result.pk,
        "assessment_objection": objection.pk,
    }


def state() -> dict:
    """What an intruder must not change."""
    return {
        "assessment_schemes": list(Scheme.objects.order_by("pk").values_list("pk", "status", "title")),
        "assessment_indicators": list(Indicator.objects.order_by("pk").values_list("pk", "name", "points")),
        "assessment_members": list(Member.objects.order_by("pk").values_list("pk", "group")),
        "assessment_evaluations": list(Evaluation.objects.order_by("pk").values_list("pk", "status")),
        "assessment_scores": list(Score.objects.order_by("pk").values_list("pk", "points", "comment")),
        "assessment_adjustments": list(Adjustment.objects.order_by("pk").values_list("pk", "points", "reason")),
        "assessment_results": list(Result.objects.order_by("pk").values_list("pk", "composite")),
        "assessment_objections": list(Objection.objects.order_by("pk").values_list("pk", "outcome", "answer")),
    }
