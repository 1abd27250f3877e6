"""What the assessment pages, the API and the exports read: the scoped schemes and evaluations, a
scheme's indicator tree with its totals level by level, an evaluation's progress, a body's scorecard
with every point traced to the records it rests on, and the published results."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from fazhi.assessment import evaluation as running
from fazhi.assessment.choices import AdjustmentKind, EvaluationStatus, Method, ScoreSource
from fazhi.assessment.models import (
    NOTIFIED_STATUSES,
    Adjustment,
    Evaluation,
    Indicator,
    Member,
    Objection,
    Result,
    Scheme,
    Score,
    SocialScore,
)
from fazhi.core.access import may, member_body_ids
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.obligations.choices import CheckStatus
from fazhi.obligations.selectors import RecordLinks

ZERO = Decimal(0)


def pk_of(value) -> int | None:
    """A record id as a request gives it (digits, at most nine), or None."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


def _one(queryset, pk, message: str):
    found = queryset.filter(pk=pk_of(pk) or 0).first()
    if found is None:
        raise NotFound(message)
    return found


# --- schemes --------------------------------------------------------------------------------------


def schemes(user):
    return Scheme.objects.restrict(user).select_related("government", "evaluation").order_by("-year", "government_id")


def visible_scheme(user, pk) -> Scheme:
    return _one(schemes(user), pk, _("未找到该考评方案。"))


def visible_government(user, value) -> Body:
    """The government a scheme is drafted for, named in a form or a request body (so a 400)."""
    body = Body.objects.filter(pk=pk_of(value) or 0).first()
    if body is None or not may(user, "view", body):
        raise InvalidInput(_("请选择人民政府。"), errors={"government": [_("请选择人民政府。")]})
    return body


def visible_indicator(user, pk) -> Indicator:
    found = Indicator.objects.filter(scheme__in=Scheme.objects.restrict(user)).select_related("scheme__government")
    return _one(found, pk, _("未找到该考评指标。"))


@dataclass
class Node:
    """An indicator in the tree, with the points of its children where it has any."""

    indicator: Indicator
    depth: int
    children: list["Node"] = field(default_factory=list)

    @property
    def subtotal(self) -> Decimal:
        return sum((child.indicator.points for child in self.children), ZERO)

    @property
    def balanced(self) -> bool:
        return not self.children or self.subtotal == self.indicator.points

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self, path=()):
        """(leaf, names of the indicators above it) below and including this node."""
        if not self.children:
            yield self.indicator, list(path)
        for child in self.children:
            yield from child.leaves((*path, self.indicator.name))


def tree(scheme: Scheme) -> list[Node]:
    """The indicator tree in order, one query."""
    below: dict[int | None, list[Indicator]] = defaultdict(list)
    for indicator in scheme.indicators.select_related("evaluator").order_by("position", "pk"):
        below[indicator.parent_id].append(indicator)

    def build(parent_id, depth):
        return [Node(i, depth, build(i.pk, depth + 1)) for i in below.get(parent_id, [])]

    return build(None, 1)


def level_totals(nodes: list[Node]) -> list[dict]:
    """The points at each level of the tree: each should be 100 (a leaf above level 3 counts on)."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    deepest = max((node.depth for top in nodes for node in top.walk()), default=0)
    for top in nodes:
        for node in top.walk():
            for depth in range(node.depth, (node.depth if node.children else deepest) + 1):
                totals[depth] += node.indicator.points
    return [{"level": depth, "points": totals[depth]} for depth in sorted(totals)]


def members_by_group(scheme: Scheme) -> list[tuple[str, list[Member]]]:
    grouped: dict[str, list[Member]] = defaultdict(list)
    for member in scheme.members.select_related("body"):
        grouped[member.group].append(member)
    labels = dict(Member._meta.get_field("group").choices)
    return [(str(labels[group]), grouped[group]) for group in sorted(grouped)]


# --- evaluations ----------------------------------------------------------------------------------


def visible_evaluation(user, pk) -> Evaluation:
    found = Evaluation.objects.restrict(user).select_related("scheme__government")
    return _one(found, pk, _("未找到该年度考评。"))


def progress(evaluation: Evaluation) -> dict:
    """How far scoring has come: automatic scores (and those not applicable), manual leaves scored
    and pending, social scores in, adjustments by kind."""
    sources = dict(Score.objects.filter(evaluation=evaluation).values_list("source").annotate(n=Count("pk")).order_by())
    manual = (
        Score.objects.filter(evaluation=evaluation, indicator__method=Method.MANUAL)
        .values("indicator_id", "indicator__name", "indicator__evaluator__full_name")
        .annotate(
            scored=Count("pk", filter=Q(source=ScoreSource.MANUAL)),
            pending=Count("pk", filter=Q(source=ScoreSource.PENDING)),
        )
        .order_by("indicator__parent__parent__position", "indicator_id")
    )
    adjustments = {
        row["kind"]: row
        for row in Adjustment.objects.filter(evaluation=evaluation)
        .values("kind")
        .annotate(count=Count("pk"), points=Sum("points"))
        .order_by()
    }
    members = evaluation.scheme.members.count()
    return {
        "members": members,
        "automatic": sources.get(ScoreSource.AUTOMATIC, 0),
        "not_applicable": sources.get(ScoreSource.NOT_APPLICABLE, 0),
        "manual_scored": sources.get(ScoreSource.MANUAL, 0),
        "manual_pending": sources.get(ScoreSource.PENDING, 0),
        "manual_leaves": list(manual),
        "social": SocialScore.objects.filter(evaluation=evaluation).count(),
        "adjustments": [
            {
                "kind": kind,
                "label": label,
                "count": adjustments.get(kind, {}).get("count", 0),
                "points": adjustments.get(kind, {}).get("points") or ZERO,
            }
            for kind, label in AdjustmentKind.choices
        ],
        "missing": running.missing(evaluation),
    }


def results(evaluation: Evaluation) -> list[tuple[str, list[Result]]]:
    """The results per group, each ranked."""
    grouped: dict[str, list[Result]] = defaultdict(list)
    for result in Result.objects.filter(evaluation=evaluation).select_related("body"):
        grouped[result.group].append(result)
    labels = dict(Result._meta.get_field("group").choices)
    return [(str(labels[group]), grouped[group]) for group in sorted(grouped)]


def objections(evaluation: Evaluation):
    return (
        Objection.objects.filter(result__evaluation=evaluation)
        .select_related("result__body", "indicator", "answered_by")
        .order_by("filed_on", "pk")
    )


def adjustments(evaluation: Evaluation, user, body=None):
    found = Adjustment.objects.filter(evaluation=evaluation).select_related("body").order_by("body__tree_path", "pk")
    if body is not None:
        found = found.filter(body=body)
    found = list(found)
    links = RecordLinks(user, [ref for adjustment in found for ref in adjustment.evidence])
    return [(adjustment, links(adjustment.evidence)) for adjustment in found]


def evaluation_of(member: Member) -> Evaluation:
    evaluation = Evaluation.objects.filter(scheme=member.scheme_id).select_related("scheme__government").first()
    if evaluation is None:
        raise Conflict(_("本年度考评尚未组织。"), code="invalid_transition")
    return evaluation


def visible_result(user, pk) -> Result:
    found = Result.objects.restrict(user).select_related("evaluation__scheme__government", "body")
    return _one(found, pk, _("未找到该考评结果。"))


def visible_adjustment(user, pk) -> Adjustment:
    return _one(Adjustment.objects.restrict(user).select_related("evaluation"), pk, _("未找到该加减分。"))


def visible_objection(user, pk) -> Objection:
    found = Objection.objects.restrict(user).select_related("result__evaluation__scheme__government", "result__body")
    return _one(found, pk, _("未找到该异议。"))


# --- scoring sheets -------------------------------------------------------------------------------


def scoring_sheet(evaluation: Evaluation, user) -> list[dict]:
    """The manual leaves `user` may score, each with every member's score and evidence."""
    leaves = [
        leaf
        for leaf in evaluation.scheme.indicators.filter(method=Method.MANUAL, children__isnull=True)
        .select_related("evaluator", "scheme")
        .order_by("parent__parent__position", "pk")
        if running.may_score(user, leaf)
    ]
    scores = defaultdict(dict)
    for score in Score.objects.filter(evaluation=evaluation, indicator__in=leaves).select_related("body"):
        scores[score.indicator_id][score.body_id] = score
    evidence = running.evidence_of(evaluation)
    members = list(evaluation.scheme.members.select_related("body").order_by("group", "body__tree_path"))
    return [
        {
            "leaf": leaf,
            "rows": [
                {
                    "member": member,
                    "score": scores[leaf.pk].get(member.body_id),
                    "evidence": evidence.get((member.body_id, leaf.pk), []),
                }
                for member in members
            ],
        }
        for leaf in leaves
    ]


# --- a body's scorecard ---------------------------------------------------------------------------


def visible_member(user, pk) -> Member:
    found = Member.objects.restrict(user).select_related("scheme__government", "body")
    return _one(found, pk, _("未找到该考评对象。"))


def own_members(user):
    """The scorecards of the bodies `user` works in, newest year first."""
    return (
        Member.objects.filter(body__in=member_body_ids(user))
        .select_related("scheme__government", "body")
        .order_by("-scheme__year", "body__tree_path")
    )


def sees_points(user, member: Member, evaluation: Evaluation | None) -> bool:
    """The government's office and evaluators always; the body from the notice on."""
    if evaluation is None:
        return False
    return evaluation.status in NOTIFIED_STATUSES or may(user, "view", member.scheme.government)


def scorecard(member: Member, user) -> dict:
    """Every leaf of the scheme for one body: the points it could earn and earned, where they come
    from — the checks' results with the failing and evidencing records (linked where they have a
    page), or the evaluator's score and the body's evidence — by first-level area, with the social
    score, the adjustments, the result and the objections. Points show to the body from the notice on."""
    scheme = member.scheme
    evaluation = Evaluation.objects.filter(scheme=scheme).first()
    nodes = tree(scheme)
    scores = {}
    evidence = {}
    if evaluation is not None:
        scores = {s.indicator_id: s for s in Score.objects.filter(evaluation=evaluation, body=member.body_id)}
        evidence = running.evidence_of(evaluation, [member.body_id])
    show = sees_points(user, member, evaluation)
    links = RecordLinks(
        user,
        [
            ref
            for score in scores.values()
            for article in score.detail.get("articles", [])
            for ref in (*article.get("failing", []), *article.get("evidence", []))
        ],
    )
    areas = []
    for top in nodes:
        lines = []
        for leaf, path in top.leaves():
            score = scores.get(leaf.pk)
            articles = []
            for article in score.detail.get("articles", []) if score else []:
                articles.append(
                    {
                        **article,
                        "status_label": CheckStatus(article["status"]).label,
                        "failing": links(article.get("failing", [])),
                        "evidence": links(article.get("evidence", [])),
                    }
                )
            lines.append(
                {
                    "indicator": leaf,
                    "path": path,
                    "score": score,
                    "points": score.points if score is not None and show else None,
                    "articles": articles,
                    "evidence": evidence.get((member.body_id, leaf.pk), []),
                }
            )
        earned = sum((line["points"] or ZERO for line in lines), ZERO) if show else None
        areas.append({"indicator": top.indicator, "lines": lines, "earned": earned})
    result = Result.objects.filter(evaluation=evaluation, body=member.body_id).first() if evaluation and show else None
    return {
        "member": member,
        "evaluation": evaluation,
        "show_points": show,
        "areas": areas,
        "result": result,
        "social": SocialScore.objects.filter(evaluation=evaluation, body=member.body_id).first()
        if evaluation and show
        else None,
        "adjustments": adjustments(evaluation, user, member.body_id) if evaluation and show else [],
        "objections": list(Objection.objects.filter(result=result).select_related("indicator")) if result else [],
    }


# --- the portal -----------------------------------------------------------------------------------


def published():
    return (
        Evaluation.objects.filter(status=EvaluationStatus.PUBLISHED)
        .select_related("scheme__government")
        .order_by("-scheme__year", "scheme__government__tree_path")
    )


def published_evaluation(pk) -> Evaluation:
    return _one(published(), pk, _("未找到已公布的考评结果。"))
