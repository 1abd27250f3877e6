"""Running a year's evaluation (seed art. 49), one function per step.

The office opens the evaluation on the approved scheme with a date the records are read as of;
the automatic indicators are scored for every member at once through the obligation checks (one
run of each check over all members: the query count does not grow with the number of bodies),
each score keeping the check results it rests on. Evaluators score the manual indicators; social
evaluation comes in from the survey's workbook; deductions (art. 53), innovation points (art. 55)
and the provincial spot check (art. 49) are entered with their reasons. Submitting computes the
composites and grades (`grading.grade`, the rule `fazhi grade` runs); the government approves; the
office notifies, and each body may object within the scheme's period; answered objections may
change a score, and the results are recomputed; then final, then public.
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.assessment import grading, scoring
from fazhi.assessment.choices import (
    AdjustmentKind,
    EvaluationStatus,
    Method,
    ObjectionOutcome,
    SchemeStatus,
    ScoreSource,
)
from fazhi.assessment.models import Adjustment, Evaluation, Indicator, Objection, Result, Scheme, Score, SocialScore
from fazhi.assessment.workflow import EVALUATION_WORKFLOW
from fazhi.clock.workdays import add_working_days
from fazhi.core import audit, workbooks
from fazhi.core.access import may, member_body_ids, require, scope_body_ids
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_id, clean_number, clean_text
from fazhi.core.models import Attachment, Body
from fazhi.core.services import attachments
from fazhi.obligations import checks
from fazhi.obligations.checks import RecordRef

MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
RESULT_FIELDS = [
    "group",
    "internal",
    "social",
    "deductions",
    "bonus",
    "spot_check",
    "composite",
    "rank",
    "grade",
    "flag",
]


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _locked(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.select_for_update().select_related("scheme__government").get(pk=evaluation.pk)


def _require_status(evaluation: Evaluation, *statuses: str, doing: str) -> None:
    if evaluation.status not in statuses:
        raise Conflict(
            _("考评%(status)s，不能%(doing)s。") % {"status": evaluation.get_status_display(), "doing": doing},
            code="invalid_transition",
        )


def _members(evaluation: Evaluation) -> list[Body]:
    return [m.body for m in evaluation.scheme.members.select_related("body").order_by("body__tree_path")]


def _leaves(scheme: Scheme) -> list[Indicator]:
    return list(scheme.indicators.filter(children__isnull=True).order_by("parent__parent__position", "pk"))


def _member_body(evaluation: Evaluation, value, name: str = "body") -> Body:
    body = value if isinstance(value, Body) else Body.objects.filter(pk=clean_id(value, name, _("考评对象"))).first()
    if body is None or not evaluation.scheme.members.filter(body=body).exists():
        raise _refuse(name, _("请选择本次考评的考评对象。"))
    return body


# --- opening and automatic scores ----------------------------------------------------------------


@transaction.atomic
def open_evaluation(scheme: Scheme, *, actor, as_of=None) -> Evaluation:
    """Start the year's evaluation on an approved scheme, reading the records as of `as_of` (today by
    default; not before the year is over)."""
    scheme = Scheme.objects.select_for_update().select_related("government").get(pk=scheme.pk)
    require(actor, "change", scheme.government, _("组织考评"))
    if scheme.status != SchemeStatus.APPROVED:
        raise Conflict(_("考评方案尚未经政府批准，不能组织考评。"), code="invalid_transition")
    today = timezone.localdate()
    as_of = clean_date(
        as_of or today,
        "as_of",
        _("数据截止日期"),
        not_before=checks.year_bounds(scheme.year)[1],
        not_before_label=_("考评年度末"),
        not_after=today,
    )
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(scheme=scheme, as_of=as_of, created_by=actor)
    except IntegrityError:
        raise Conflict(_("%(year)d年度考评已经组织。") % {"year": scheme.year}, code="duplicate") from None
    Score.objects.bulk_create(
        [
            Score(evaluation=evaluation, body=body, indicator=leaf, source=ScoreSource.PENDING)
            for leaf in _leaves(scheme)
            if leaf.method == Method.MANUAL
            for body in _members(evaluation)
        ]
    )
    _score_automatic(evaluation)
    audit.record(
        evaluation, "assessment.evaluation_opened", actor=actor, body_id=scheme.government_id, after={"as_of": as_of}
    )
    return evaluation


def _score_automatic(evaluation: Evaluation) -> int:
    """Every automatic leaf for every member: each article's check run once over all members."""
    scheme = evaluation.scheme
    bodies = _members(evaluation)
    leaves = [leaf for leaf in _leaves(scheme) if leaf.method == Method.AUTOMATIC]
    articles = sorted({article for leaf in leaves for article in leaf.articles})
    results = {article: checks.run(article, bodies, scheme.year, evaluation.as_of) for article in articles}
    now = timezone.now()
    Score.objects.filter(evaluation=evaluation, indicator__in=leaves).delete()
    rows = []
    for leaf in leaves:
        for body in bodies:
            source, points, detail = scoring.leaf_score(
                leaf, [(article, results[article][body.pk]) for article in leaf.articles]
            )
            rows.append(
                Score(
                    evaluation=evaluation,
                    body=body,
                    indicator=leaf,
                    source=source,
                    points=points,
                    detail=detail,
                    scored_at=now,
                )
            )
    Score.objects.bulk_create(rows, batch_size=1000)
    evaluation.computed_at = now
    evaluation.save(update_fields=["computed_at"])
    return len(rows)


@transaction.atomic
def rescore_automatic(evaluation: Evaluation, *, actor, as_of=None) -> Evaluation:
    """Read the records again (after late entries were made) while scoring is open."""
    evaluation = _locked(evaluation)
    require(actor, "change", evaluation.government, _("重新自动计分"))
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("重新计分"))
    if as_of is not None:
        today = timezone.localdate()
        evaluation.as_of = clean_date(
            as_of, "as_of", _("数据截止日期"), not_before=checks.year_bounds(evaluation.scheme.year)[1], not_after=today
        )
        evaluation.save(update_fields=["as_of"])
    count = _score_automatic(evaluation)
    audit.record(
        evaluation, "assessment.automatic_rescored", actor=actor, after={"as_of": evaluation.as_of, "scores": count}
    )
    return evaluation


# --- manual scores, social evaluation, adjustments -----------------------------------------------


def may_score(user, indicator: Indicator) -> bool:
    """An indicator with its own evaluator is scored by that evaluator; the others by any member of
    the scheme's evaluation group (考评组成人员)."""
    if indicator.evaluator_id is not None:
        return indicator.evaluator_id == user.pk
    return indicator.scheme.evaluators.filter(pk=user.pk).exists()


def _manual_leaf(evaluation: Evaluation, indicator, actor) -> Indicator:
    """A manual leaf of the evaluation's scheme that `actor` may score, or a refusal."""
    leaf = Indicator.objects.filter(
        scheme=evaluation.scheme, pk=clean_id(indicator, "indicator", _("考评指标")), method=Method.MANUAL
    ).first()
    if leaf is None:
        raise _refuse("indicator", _("请选择本方案的人工评分指标。"))
    if not may_score(actor, leaf):
        raise Forbidden(_("您不是该指标的考评员。"))
    return leaf


def _set_manual(evaluation: Evaluation, leaf: Indicator, body: Body, points, comment, actor, now) -> Score:
    score = Score.objects.select_for_update().get(evaluation=evaluation, body=body, indicator=leaf)
    before = audit.snapshot(score, ["points", "source"])
    score.points, score.source, score.comment = points, ScoreSource.MANUAL, comment
    score.scored_by, score.scored_at = actor, now
    score.save()
    audit.record(
        evaluation,
        "assessment.manual_scored",
        actor=actor,
        before={"body": body.pk, "indicator": leaf.pk, **before},
        after={"points": points, "comment": comment},
    )
    return score


def _clean_manual(leaf: Indicator, points, comment, name: str = "points") -> tuple:
    points = clean_number(points, name, _("得分"), maximum=leaf.points)
    comment = clean_text(comment, name, _("评分说明"), required=points < leaf.points)
    return points, comment


def _scoring_open(evaluation: Evaluation, actor) -> Evaluation:
    evaluation = _locked(evaluation)
    if not may(actor, "view", evaluation.government):
        raise NotFound()
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("评分"))
    return evaluation


@transaction.atomic
def score_manual(evaluation: Evaluation, *, actor, body, indicator, points, comment="") -> Score:
    """An evaluator's points for one body on one manual leaf; below full points the reason is
    required."""
    evaluation = _scoring_open(evaluation, actor)
    body = _member_body(evaluation, body)
    leaf = _manual_leaf(evaluation, indicator, actor)
    points, comment = _clean_manual(leaf, points, comment)
    return _set_manual(evaluation, leaf, body, points, comment, actor, timezone.now())


@transaction.atomic
def score_manual_many(evaluation: Evaluation, *, actor, indicator, scores) -> int:
    """An evaluator's points on one manual leaf for several bodies at once (the scoring sheet):
    `scores` maps each body (or its id) to `(points, comment)`; a body left blank is skipped. All or
    nothing: every bad row is named and nothing is stored."""
    evaluation = _scoring_open(evaluation, actor)
    leaf = _manual_leaf(evaluation, indicator, actor)
    if not isinstance(scores, dict):
        raise _refuse("scores", _("请逐个考评对象填写得分。"))
    members = {body.pk: body for body in _members(evaluation)}
    cleaned, problems = [], {}
    for key, (points, comment) in scores.items():
        body_id = key.pk if isinstance(key, Body) else clean_id(key, "scores", _("考评对象"))
        body = members.get(body_id)
        if body is None:
            raise _refuse("scores", _("请选择本次考评的考评对象。"))
        if points in (None, "") and not (comment or "").strip():
            continue
        try:
            cleaned.append((body, *_clean_manual(leaf, points, comment, f"points-{body.pk}")))
        except InvalidInput as exc:
            problems[f"points-{body.pk}"] = [f"{body.name}：{exc.detail}"]
    if problems:
        raise InvalidInput(
            _("评分有误，未保存：%(problems)s")
            % {"problems": "；".join(message for messages in problems.values() for message in messages)},
            errors=problems,
        )
    if not cleaned:
        raise _refuse("scores", _("请至少填写一个考评对象的得分。"))
    now = timezone.now()
    before = dict(
        Score.objects.select_for_update()
        .filter(evaluation=evaluation, indicator=leaf, body__in=[body for body, _points, _comment in cleaned])
        .values_list("body_id", "points")
    )
    same = defaultdict(list)  # one UPDATE per distinct (points, comment), not one per body
    for body, points, comment in cleaned:
        same[(points, comment)].append(body.pk)
    for (points, comment), bodies in same.items():
        Score.objects.filter(evaluation=evaluation, indicator=leaf, body__in=bodies).update(
            points=points, source=ScoreSource.MANUAL, comment=comment, scored_by=actor, scored_at=now
        )
    changes = [
        {"body": body.pk, "from": before.get(body.pk), "points": points, "comment": comment}
        for body, points, comment in cleaned
    ]
    audit.record(evaluation, "assessment.manual_scored", actor=actor, after={"indicator": leaf.pk, "scores": changes})
    return len(cleaned)


# --- evidence for manual leaves --------------------------------------------------------------------


def acts_for(actor, body: Body) -> bool:
    """Only the evaluated body itself acts for it (its evidence, its objection): a member of it who
    may change records there, not one who sees it through a subtree (the office above)."""
    return body.pk in member_body_ids(actor) and body.pk in scope_body_ids(actor, "change")


def _own_body(actor, body: Body, doing: str) -> None:
    if acts_for(actor, body):
        return
    if not may(actor, "view", body):
        raise NotFound()
    raise Forbidden(_("只有考评对象本单位可以%(doing)s。") % {"doing": doing})


@transaction.atomic
def add_evidence(evaluation: Evaluation, *, actor, body, indicator, file) -> Attachment:
    """A body's evidence (佐证材料) for a manual leaf, while scoring is open: a checked file on its
    score, which the leaf's evaluators read."""
    evaluation = _locked(evaluation)
    body = _member_body(evaluation, body)
    _own_body(actor, body, _("上传佐证材料"))
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("上传佐证材料"))
    score = Score.objects.filter(
        evaluation=evaluation,
        body=body,
        indicator=clean_id(indicator, "indicator", _("考评指标")),
        indicator__method=Method.MANUAL,
    ).first()
    if score is None:
        raise _refuse("indicator", _("请选择本方案的人工评分指标。"))
    if file is None or not hasattr(file, "read"):
        raise _refuse("file", _("请选择要上传的佐证材料。"))
    with attachments.files_removed_on_failure():
        attachment = attachments.attach(score, file, actor=actor, body=body)
    audit.record(
        evaluation,
        "assessment.evidence_added",
        actor=actor,
        after={"body": body.pk, "indicator": score.indicator_id, "attachment": attachment.pk},
    )
    return attachment


@transaction.atomic
def remove_evidence(evaluation: Evaluation, *, actor, attachment) -> None:
    """Withdraw a piece of evidence the body uploaded, while scoring is open."""
    evaluation = _locked(evaluation)
    found = (
        Attachment.objects.filter(
            pk=clean_id(attachment, "attachment", _("佐证材料")),
            content_type=ContentType.objects.get_for_model(Score),
            object_id__in=[str(pk) for pk in Score.objects.filter(evaluation=evaluation).values_list("pk", flat=True)],
        )
        .select_related("body")
        .first()
    )
    if found is None or not may(actor, "view", found.body):
        raise NotFound(_("未找到该佐证材料。"))
    _own_body(actor, found.body, _("撤回佐证材料"))
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("撤回佐证材料"))
    before = {"body": found.body_id, "attachment": found.pk, "name": found.original_name}
    attachments.remove(found, actor=actor)
    audit.record(evaluation, "assessment.evidence_removed", actor=actor, before=before)


def evidence_of(evaluation: Evaluation, bodies=None) -> dict[tuple[int, int], list[Attachment]]:
    """The uploaded evidence by (body, indicator), in two queries."""
    scores = Score.objects.filter(evaluation=evaluation, indicator__method=Method.MANUAL)
    if bodies is not None:
        scores = scores.filter(body__in=bodies)
    keys = {
        str(pk): (body_id, indicator_id)
        for pk, body_id, indicator_id in scores.values_list("pk", "body_id", "indicator_id")
    }
    found: dict[tuple[int, int], list[Attachment]] = defaultdict(list)
    for attachment in Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Score), object_id__in=list(keys)
    ).order_by("created_at", "pk"):
        found[keys[attachment.object_id]].append(attachment)
    return found


def _read_workbook(data: bytes) -> list[tuple[int, str, object]]:
    """(row number, body, score) from the first sheet, whose header names 单位 and 得分."""
    with workbooks.reading(data, max_bytes=MAX_WORKBOOK_BYTES) as workbook:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, None) or ()]
        body_column = next((i for i, name in enumerate(header) if name in ("单位", "考评对象", "单位名称")), None)
        score_column = next((i for i, name in enumerate(header) if name in ("得分", "社会评议得分")), None)
        if body_column is None or score_column is None:
            raise _refuse("file", _("第1行应有“单位”和“得分”两列。"))
        found = []
        for number, row in enumerate(rows, start=2):
            cells = list(row) + [None] * len(header)
            name = str(cells[body_column]).strip() if cells[body_column] is not None else ""
            if not name and cells[score_column] in (None, ""):
                continue
            found.append((number, name, cells[score_column]))
        return found


@transaction.atomic
def import_social(evaluation: Evaluation, *, actor, data: bytes, source: str = "") -> int:
    """Social-evaluation scores from a workbook (单位, 得分): all or nothing, every bad row named."""
    evaluation = _locked(evaluation)
    require(actor, "change", evaluation.government, _("导入社会评议结果"))
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("导入社会评议结果"))
    if not isinstance(data, bytes):
        raise _refuse("file", _("请上传社会评议结果工作簿。"))
    members = {body.name: body for body in _members(evaluation)}
    problems, scores, seen = [], {}, {}
    for number, name, value in _read_workbook(data):
        body = members.get(name)
        if body is None:
            problems.append(_("第%(row)d行：“%(name)s”不是本次考评对象。") % {"row": number, "name": name})
            continue
        if body.pk in seen:
            problems.append(
                _("第%(row)d行：“%(name)s”与第%(first)d行重复。")
                % {"row": number, "name": name, "first": seen[body.pk]}
            )
            continue
        seen[body.pk] = number
        try:
            scores[body] = clean_number(value, "score", _("得分"))
        except InvalidInput as exc:
            problems.append(_("第%(row)d行：%(problem)s") % {"row": number, "problem": exc.detail})
    if problems:
        raise InvalidInput(
            _("社会评议结果有误，未导入任何数据：%(problems)s。")
            % {"problems": "；".join(p.rstrip("。") for p in problems)},
            errors={"file": problems},
        )
    if not scores:
        raise _refuse("file", _("工作簿中没有得分。"))
    for body, score in scores.items():
        SocialScore.objects.update_or_create(
            evaluation=evaluation,
            body=body,
            defaults={"score": score, "source": clean_text(source, "source", _("来源文件"), limit=200)},
        )
    audit.record(evaluation, "assessment.social_imported", actor=actor, after={"count": len(scores), "source": source})
    return len(scores)


@transaction.atomic
def add_adjustment(evaluation: Evaluation, *, actor, body, kind, points, reason, record="") -> Adjustment:
    """A deduction (entered as the points taken off), innovation points, or the spot check's result
    (either sign), each with its reason, while scoring is open."""
    evaluation = _locked(evaluation)
    require(actor, "change", evaluation.government, _("录入加减分"))
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("录入加减分"))
    body = _member_body(evaluation, body)
    kind = clean_choice(kind, AdjustmentKind, "kind", _("类别"))
    if kind == AdjustmentKind.SPOT_CHECK:
        value = clean_number(
            points,
            "points",
            _("分值"),
            minimum=-evaluation.scheme.spot_check_cap,
            maximum=evaluation.scheme.spot_check_cap,
        )
    else:
        value = clean_number(points, "points", _("分值"), maximum=Decimal(100))
        if not value:
            raise _refuse("points", _("分值应大于零。"))
        if kind == AdjustmentKind.DEDUCTION:
            value = -value
    adjustment = Adjustment.objects.create(
        evaluation=evaluation,
        body=body,
        kind=kind,
        points=value,
        reason=clean_text(reason, "reason", _("事由"), required=True, limit=2000),
        record=record,
        created_by=actor,
    )
    audit.record(
        evaluation,
        "assessment.adjustment_added",
        actor=actor,
        after={"body": body.pk, "kind": kind, "points": value, "record": record},
    )
    return adjustment


MEASURE = "oversight.measure"


def _measure_text(measure: dict) -> str:
    """A measure by its public handle: number, day and issuer (no personal data)."""
    return _("%(number)s（%(day)s，%(issuer)s）") % {
        "number": measure["number"] or measure["kind_label"],
        "day": day_text(measure["issued_on"]),
        "issuer": measure["issuer"],
    }


@transaction.atomic
def import_deductions(evaluation: Evaluation, *, actor) -> int:
    """The deductions of art. 53 from the oversight records: for each member and each kind of
    treatment the scheme prices (约谈, 责令整改, 通报批评), the rule's points for every one imposed in
    the year, at most the rule's cap — one adjustment each, naming the measures. Importing again
    updates them in place (the adjustment's `record` is unique per evaluation), so it may be run
    after late entries; a deduction no longer borne out is removed. Returns how many stand."""
    from fazhi.oversight.selectors import measures_for

    evaluation = _locked(evaluation)
    require(actor, "change", evaluation.government, _("导入扣分"))
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("导入扣分"))
    scheme = evaluation.scheme
    rules = {rule.kind: rule for rule in scheme.deduction_rules.all()}
    bodies = _members(evaluation)
    measures = measures_for(scheme.year, bodies)
    wanted = {}
    for body in bodies:
        by_kind = defaultdict(list)
        for measure in measures.get(body.pk, []):
            by_kind[measure["kind"]].append(measure)
        for kind, found in by_kind.items():
            rule = rules.get(kind)
            if rule is None:
                continue
            points = min(len(found) * rule.points, rule.cap)
            reason = _(
                "%(kind)s%(count)d次：%(measures)s；每次扣%(points)s分，最多扣%(cap)s分（若干意见第（五十三）项）"
            ) % {
                "kind": found[0]["kind_label"],
                "count": len(found),
                "measures": "、".join(_measure_text(m) for m in found),
                "points": rule.points,
                "cap": rule.cap,
            }
            evidence = [RecordRef(MEASURE, m["id"], _measure_text(m)).as_dict() for m in found]
            wanted[f"{MEASURE}:{kind}@{body.pk}"] = (body, -points, reason, evidence)
    existing = {
        adjustment.record: adjustment
        for adjustment in Adjustment.objects.filter(evaluation=evaluation, record__startswith=f"{MEASURE}:")
    }
    changes = []
    for key, (body, points, reason, evidence) in wanted.items():
        adjustment = existing.get(key)
        if adjustment is None:
            Adjustment.objects.create(
                evaluation=evaluation,
                body=body,
                kind=AdjustmentKind.DEDUCTION,
                points=points,
                reason=reason,
                record=key,
                evidence=evidence,
                created_by=actor,
            )
            changes.append({"record": key, "points": points})
        elif (adjustment.points, adjustment.reason, adjustment.evidence) != (points, reason, evidence):
            changes.append({"record": key, "from": adjustment.points, "points": points})
            adjustment.points, adjustment.reason, adjustment.evidence = points, reason, evidence
            adjustment.save(update_fields=["points", "reason", "evidence"])
    stale = [key for key in existing if key not in wanted]
    if stale:
        Adjustment.objects.filter(evaluation=evaluation, record__in=stale).delete()
        changes.extend({"record": key, "removed": True} for key in stale)
    audit.record(
        evaluation, "assessment.deductions_imported", actor=actor, after={"standing": len(wanted), "changes": changes}
    )
    return len(wanted)


@transaction.atomic
def remove_adjustment(adjustment: Adjustment, *, actor) -> None:
    evaluation = _locked(adjustment.evaluation)
    require(actor, "change", evaluation.government, _("删除加减分"))
    _require_status(evaluation, EvaluationStatus.SCORING, doing=_("删除加减分"))
    before = audit.snapshot(adjustment, ["body", "kind", "points", "reason", "record"])
    adjustment.delete()
    audit.record(evaluation, "assessment.adjustment_removed", actor=actor, before=before)


# --- results -------------------------------------------------------------------------------------


def missing(evaluation: Evaluation) -> list[str]:
    """What keeps the evaluation from being submitted: manual indicators not scored, social scores
    not in (when the scheme weighs them)."""
    found = []
    pending = Score.objects.filter(evaluation=evaluation, source=ScoreSource.PENDING).count()
    if pending:
        found.append(_("%(count)d项人工评分指标尚未评分") % {"count": pending})
    if evaluation.scheme.social_weight:
        members = evaluation.scheme.members.count()
        social = SocialScore.objects.filter(evaluation=evaluation).count()
        if social < members:
            found.append(_("%(count)d个考评对象尚无社会评议得分") % {"count": members - social})
    return found


def compute_results(evaluation: Evaluation) -> list[Result]:
    """Composite, rank, grade and flag for every member, from the scores as they stand (a fixed
    number of queries). Results are updated in place: objections hang on them."""
    scheme = evaluation.scheme
    leaves = {leaf.pk: leaf for leaf in _leaves(scheme)}
    by_body: dict[int, list] = defaultdict(list)
    for body_id, indicator_id, points, source in Score.objects.filter(evaluation=evaluation).values_list(
        "body_id", "indicator_id", "points", "source"
    ):
        by_body[body_id].append((leaves[indicator_id].points, points, source))
    social = dict(SocialScore.objects.filter(evaluation=evaluation).values_list("body_id", "score"))
    adjustments: dict[int, list] = defaultdict(list)
    for body_id, kind, points in Adjustment.objects.filter(evaluation=evaluation).values_list(
        "body_id", "kind", "points"
    ):
        adjustments[body_id].append((kind, points))
    members = list(scheme.members.order_by("body__tree_path"))
    composites = {
        m.body_id: scoring.composite(
            scheme,
            scoring.internal_score(by_body[m.body_id]),
            social.get(m.body_id) if scheme.social_weight else None,
            adjustments[m.body_id],
        )
        for m in members
    }
    rule = grading.Rule(
        bound=scheme.bound,
        share=scheme.share,
        disqualify_below=scheme.disqualify_below,
        exclusive_bounds=scheme.exclusive_bounds,
        quota=scheme.quota,
    )
    graded = grading.grade([(m.body_id, m.group, composites[m.body_id].composite) for m in members], rule)
    existing = {result.body_id: result for result in Result.objects.filter(evaluation=evaluation)}
    results = []
    for member, outcome in zip(members, graded, strict=True):
        result = existing.get(member.body_id) or Result(evaluation=evaluation, body_id=member.body_id)
        figures = composites[member.body_id]
        result.group, result.internal, result.social = member.group, figures.internal, figures.social
        result.deductions, result.bonus, result.spot_check = figures.deductions, figures.bonus, figures.spot_check
        result.composite, result.rank, result.grade, result.flag = (
            outcome.score,
            outcome.rank,
            outcome.grade,
            outcome.flag,
        )
        results.append(result)
    Result.objects.bulk_create([r for r in results if r.pk is None])
    Result.objects.bulk_update([r for r in results if r.pk is not None], RESULT_FIELDS)
    return results


# Each step's date field, and the date it may not precede (the step before it).
STEP_DATES = {
    "submit": ("submitted_on", "as_of"),
    "approve": ("approved_on", "submitted_on"),
    "notify": ("notified_on", "approved_on"),
    "finalise": ("final_on", "notified_on"),
    "publish": ("published_on", "final_on"),
}


def _step(evaluation: Evaluation, name: str, actor, *, on=None, values=None) -> Evaluation:
    """A step of the evaluation's workflow on the day it was taken (today unless given: the day the
    government approved on paper, say), never later than today nor before the step it follows.
    `values` (a function) cleans the step's other input once the actor is known to be allowed."""
    evaluation = _locked(evaluation)
    transition = EVALUATION_WORKFLOW.require(evaluation, name, actor, gates=False)
    values = values() if values else {}
    field, after_field = STEP_DATES.get(name, (None, None))
    day = None
    if field:
        label = str(Evaluation._meta.get_field(field).verbose_name)
        previous = getattr(evaluation, after_field)
        day = clean_date(
            on or timezone.localdate(),
            "on",
            label,
            not_before=previous,
            not_before_label=str(Evaluation._meta.get_field(after_field).verbose_name),
            not_after=timezone.localdate(),
        )
    EVALUATION_WORKFLOW.check_state(evaluation, transition)
    if name == "finalise" and day <= evaluation.objection_until:
        raise Conflict(
            _("异议期至%(day)s届满，届满后方可确定结果。") % {"day": day_text(evaluation.objection_until)},
            code="gate_not_met",
        )
    before, after = EVALUATION_WORKFLOW.move(evaluation, transition)
    if field:
        setattr(evaluation, field, day)
    if name == "submit":
        evaluation.returned_reason = ""
        compute_results(evaluation)
    elif name == "return":
        evaluation.returned_reason = values["reason"]
    elif name == "notify":
        evaluation.notice_number = values["notice_number"]
        evaluation.objection_until = add_working_days(day, evaluation.scheme.objection_days).due
    evaluation.save()
    audit.record(
        evaluation,
        f"assessment.evaluation_{name}",
        actor=actor,
        before={"status": before},
        after={"status": after, "on": day, **{k: str(v) for k, v in values.items()}},
    )
    return evaluation


@transaction.atomic
def submit(evaluation: Evaluation, *, actor, submitted_on=None) -> Evaluation:
    """Compute every member's composite, rank and grade and ask the government to approve them."""
    return _step(evaluation, "submit", actor, on=submitted_on)


@transaction.atomic
def return_evaluation(evaluation: Evaluation, *, actor, reason) -> Evaluation:
    return _step(
        evaluation,
        "return",
        actor,
        values=lambda: {"reason": clean_text(reason, "reason", _("退回理由"), required=True, limit=2000)},
    )


@transaction.atomic
def approve(evaluation: Evaluation, *, actor, approved_on=None) -> Evaluation:
    return _step(evaluation, "approve", actor, on=approved_on)


@transaction.atomic
def notify(evaluation: Evaluation, *, actor, notice_number="", notified_on=None) -> Evaluation:
    """The government's notice (art. 49): each body now sees its scorecard and may object until
    `objection_until` (the scheme's number of working days after the notice)."""
    return _step(
        evaluation,
        "notify",
        actor,
        on=notified_on,
        values=lambda: {"notice_number": clean_text(notice_number, "notice_number", _("通报文号"), limit=100)},
    )


@transaction.atomic
def finalise(evaluation: Evaluation, *, actor, final_on=None) -> Evaluation:
    return _step(evaluation, "finalise", actor, on=final_on)


@transaction.atomic
def publish(evaluation: Evaluation, *, actor, published_on=None) -> Evaluation:
    """The results on the portal (by year and group: body, composite, grade)."""
    return _step(evaluation, "publish", actor, on=published_on)


# --- objections ----------------------------------------------------------------------------------


@transaction.atomic
def file_objection(result: Result, *, actor, text, indicator=None) -> Objection:
    """A body objects to its own result while the objection period runs."""
    result = Result.objects.select_related("evaluation__scheme", "body").get(pk=result.pk)
    evaluation = _locked(result.evaluation)
    _own_body(actor, result.body, _("提出异议"))
    _require_status(evaluation, EvaluationStatus.NOTIFIED, doing=_("提出异议"))
    today = timezone.localdate()
    if today > evaluation.objection_until:
        raise Conflict(_("异议期已于%(day)s届满。") % {"day": day_text(evaluation.objection_until)}, code="period_over")
    leaf = None
    if indicator not in (None, ""):
        leaf = Indicator.objects.filter(
            scheme=evaluation.scheme, pk=clean_id(indicator, "indicator", _("涉及指标"))
        ).first()
        if leaf is None:
            raise _refuse("indicator", _("请选择本方案的考评指标。"))
    objection = Objection.objects.create(
        result=result,
        indicator=leaf,
        text=clean_text(text, "text", _("异议内容"), required=True, limit=5000),
        filed_on=today,
        filed_by=actor,
    )
    audit.record(
        objection,
        "assessment.objection_filed",
        actor=actor,
        body_id=result.body_id,
        after={"indicator": leaf.pk if leaf else None},
    )
    return objection


@transaction.atomic
def answer_objection(objection: Objection, *, actor, outcome, answer, points=None) -> Objection:
    """The office's answer. An objection upheld on an indicator gives the indicator's new points,
    and the results are computed again (ranks and grades may move for others too)."""
    objection = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("result__evaluation", "indicator")
        .get(pk=objection.pk)
    )
    evaluation = _locked(objection.result.evaluation)
    if not may(actor, "view", evaluation.government) and may(actor, "view", objection.result.body):
        raise Forbidden(_("异议由组织考评的依法行政办答复。"))  # the objecting body sees its objection
    require(actor, "change", evaluation.government, _("答复异议"))
    _require_status(evaluation, EvaluationStatus.NOTIFIED, doing=_("答复异议"))
    if objection.outcome:
        raise Conflict(_("该异议已经答复。"), code="invalid_transition")
    outcome = clean_choice(outcome, ObjectionOutcome, "outcome", _("处理结果"))
    if not outcome:
        raise _refuse("outcome", _("请选择异议是否成立。"))
    answer = clean_text(answer, "answer", _("答复"), required=True, limit=5000)
    changed = None
    if outcome == ObjectionOutcome.UPHELD and objection.indicator is not None:
        leaf = objection.indicator
        new_points = clean_number(points, "points", _("调整后得分"), maximum=leaf.points)
        score = Score.objects.select_for_update().get(
            evaluation=evaluation, body=objection.result.body_id, indicator=leaf
        )
        changed = {"indicator": leaf.pk, "from": score.points, "to": new_points}
        score.points, score.comment = new_points, _("异议成立后调整：%(answer)s") % {"answer": answer}
        if score.source in (ScoreSource.NOT_APPLICABLE, ScoreSource.PENDING):
            score.source = ScoreSource.MANUAL
        score.scored_by, score.scored_at = actor, timezone.now()
        score.save()
        compute_results(evaluation)
    objection.outcome, objection.answer = outcome, answer
    objection.answered_on, objection.answered_by = timezone.localdate(), actor
    objection.save()
    audit.record(
        objection,
        "assessment.objection_answered",
        actor=actor,
        body_id=objection.result.body_id,
        after={"outcome": outcome, "changed": changed},
    )
    return objection
