"""Back-office pages of the yearly evaluation (thin): schemes by year; a scheme with its settings,
indicator tree, members, evaluators and deduction rules, edited in place (htmx) with what keeps it
from approval shown after every change; an evaluation with its progress, the social workbook, the
adjustments, the results per group, its steps and the objections; an evaluator's scoring sheet; a
body's scorecard with its evidence and objection; the files; and the published results on the portal."""

import re
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.assessment import evaluation as running
from fazhi.assessment import exports, selectors, services
from fazhi.assessment.choices import (
    AdjustmentKind,
    EvaluationStatus,
    MeasureKind,
    Method,
    ObjectionOutcome,
    QuotaRounding,
    SchemeStatus,
    Scoring,
)
from fazhi.assessment.models import Evaluation
from fazhi.assessment.workflow import EVALUATION_WORKFLOW, SCHEME_WORKFLOW, actions
from fazhi.core.access import may
from fazhi.core.choices import BodyKind, EvaluationGroup, Role
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Body, Membership, User

REFUSALS = (InvalidInput, Conflict, Forbidden)
GROUPS = [(value, label) for value, label in EvaluationGroup.choices if value != EvaluationGroup.NONE]


def _htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


# --- schemes --------------------------------------------------------------------------------------


def _governments(user):
    """The governments whose scheme `user` may draft."""
    kinds = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT)
    found = Body.objects.current().filter(kind__in=kinds).order_by("tree_path")
    return [body for body in found if may(user, "change", body)]


def _home(request, *, error=None, values=None, status=200):
    user = request.user
    scoring = (
        Evaluation.objects.restrict(user)
        .filter(status=EvaluationStatus.SCORING)
        .filter(Q(scheme__evaluators=user) | Q(scheme__indicators__evaluator=user))
        .select_related("scheme__government")
        .distinct()
    )
    today = timezone.localdate()
    return render(
        request,
        "assessment/home.html",
        {
            "schemes": selectors.schemes(request.user),
            "own": selectors.own_members(request.user),
            "scoring": scoring,
            "governments": _governments(request.user),
            "years": range(today.year + 1, today.year - 4, -1),
            "error": error,
            "values": values or {},
        },
        status=status,
    )


@login_required
@require_GET
def home(request):
    """考评方案和年度考评: the schemes in sight by year, the user's own scorecards, scoring to do."""
    return _home(request)


@login_required
@require_POST
def scheme_new(request):
    try:
        scheme = services.create_scheme(
            actor=request.user,
            government=selectors.visible_government(request.user, request.POST.get("government")),
            year=request.POST.get("year"),
            title=request.POST.get("title"),
        )
    except REFUSALS as exc:
        return _home(request, error=exc, values=request.POST, status=exc.status_code)
    messages.success(request, _("已拟定考评方案（默认指标体系和考评对象）。"))
    return redirect("assessment:scheme", pk=scheme.pk)


def _evaluator_candidates(scheme):
    """Users who hold the evaluator role at the government or above it (the service checks again)."""
    ids = [*scheme.government.ancestor_ids(), scheme.government.pk]
    memberships = Membership.objects.active().filter(role=Role.EVALUATOR, body__in=ids).values("user")
    return User.objects.filter(pk__in=memberships, is_active=True).order_by("username")


def _scheme_page(request, scheme, *, error=None, failed="", done="", status=200, indicator=None, parent=None):
    scheme = selectors.visible_scheme(request.user, scheme.pk)
    nodes = selectors.tree(scheme)
    members = selectors.members_by_group(scheme)
    taken = {m.body_id for _label, group in members for m in group}
    editable = scheme.editable and may(request.user, "change", scheme.government)
    candidates = (
        Body.objects.subtree_of([scheme.government]).current().exclude(pk=scheme.government.pk).order_by("tree_path")
        if editable
        else Body.objects.none()
    )
    if _htmx(request):
        status = 200  # htmx swaps only 2xx answers; the refusal shows in the swapped part
    return render(
        request,
        "assessment/scheme.html",
        {
            "scheme": scheme,
            "nodes": nodes,
            "levels": selectors.level_totals(nodes),
            "problems": services.problems(scheme),
            "members": members,
            "candidates": [b for b in candidates if b.pk not in taken],
            "evaluators": list(scheme.evaluators.order_by("username")),
            "evaluator_candidates": _evaluator_candidates(scheme) if editable else [],
            "rules": scheme.deduction_rules.all(),
            "editable": editable,
            "actions": actions(SCHEME_WORKFLOW, scheme, request.user),
            "can_copy": may(request.user, "change", scheme.government),
            "can_open": scheme.status == SchemeStatus.APPROVED
            and not hasattr(scheme, "evaluation")
            and may(request.user, "change", scheme.government),
            "evaluation": getattr(scheme, "evaluation", None),
            "groups": GROUPS,
            "methods": Method.choices,
            "scorings": Scoring.choices,
            "quotas": QuotaRounding.choices,
            "measure_kinds": MeasureKind.choices,
            "error": error,
            "failed": failed,
            "failed_indicator": indicator,
            "failed_parent": parent,
            "done": done,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def scheme(request, pk):
    return _scheme_page(request, selectors.visible_scheme(request.user, pk))


def _change(request, record, failed: str, change, done: str, *, page, to: str, in_place=False, **where):
    """Run `change()`; on a refusal show the record's `page` again with it, the form that failed
    open (`where`: the indicator edited, the parent added to); else redirect to `to` — or, for a
    page edited `in_place` under htmx, answer with the page itself."""
    try:
        change()
    except REFUSALS as exc:
        return page(request, record, error=exc, failed=failed, status=exc.status_code, **where)
    if in_place and _htmx(request):
        return page(request, record, done=done)
    messages.success(request, done)
    return redirect(to, pk=record.pk)


_scheme_change = partial(_change, page=_scheme_page, to="assessment:scheme", in_place=True)


@login_required
@require_POST
def scheme_settings(request, pk):
    scheme = selectors.visible_scheme(request.user, pk)
    values = {name: request.POST.get(name) for name in services.SCHEME_FIELDS if name in request.POST}
    return _scheme_change(
        request,
        scheme,
        "settings",
        lambda: services.update_scheme(scheme, actor=request.user, **values),
        _("方案设置已保存。"),
    )


ARTICLE_SEPARATORS = re.compile(r"[\s,，、;；]+")


def _indicator_values(post) -> dict:
    """The indicator fields a form sent; the articles typed as "10, 46"."""
    values = {name: post.get(name) for name in services.INDICATOR_FIELDS if name in post}
    if "articles" in values:
        text = values["articles"] or ""
        values["articles"] = [part for part in ARTICLE_SEPARATORS.split(text) if part]
    return values


@login_required
@require_POST
def indicator_add(request, pk):
    scheme = selectors.visible_scheme(request.user, pk)
    values = _indicator_values(request.POST)
    parent = request.POST.get("parent") or None
    return _scheme_change(
        request,
        scheme,
        "add-under" if parent else "add-top",
        lambda: services.add_indicator(scheme, actor=request.user, parent=parent, **values),
        _("已增加指标。"),
        parent=selectors.pk_of(parent),
    )


@login_required
@require_POST
def indicator_edit(request, pk):
    indicator = selectors.visible_indicator(request.user, pk)
    values = _indicator_values(request.POST)
    return _scheme_change(
        request,
        indicator.scheme,
        "edit",
        lambda: services.update_indicator(indicator, actor=request.user, **values),
        _("指标已修改。"),
        indicator=indicator.pk,
    )


@login_required
@require_POST
def indicator_remove(request, pk):
    indicator = selectors.visible_indicator(request.user, pk)
    return _scheme_change(
        request,
        indicator.scheme,
        "edit",
        lambda: services.remove_indicator(indicator, actor=request.user),
        _("已删除指标及其下级指标。"),
        indicator=indicator.pk,
    )


@login_required
@require_POST
def member_set(request, pk):
    scheme = selectors.visible_scheme(request.user, pk)
    return _scheme_change(
        request,
        scheme,
        "members",
        lambda: services.set_member(
            scheme, actor=request.user, body=request.POST.get("body"), group=request.POST.get("group")
        ),
        _("考评对象已保存。"),
    )


@login_required
@require_POST
def member_remove(request, pk):
    member = selectors.visible_member(request.user, pk)
    scheme = member.scheme
    if not may(request.user, "view", scheme.government):
        raise NotFound()
    return _scheme_change(
        request,
        scheme,
        "members",
        lambda: services.remove_member(scheme, actor=request.user, body=member.body),
        _("已移出考评对象。"),
    )


@login_required
@require_POST
def evaluators(request, pk):
    scheme = selectors.visible_scheme(request.user, pk)
    users = request.POST.getlist("evaluators")
    return _scheme_change(
        request,
        scheme,
        "evaluators",
        lambda: services.set_evaluators(scheme, actor=request.user, users=users),
        _("考评组成人员已保存。"),
    )


@login_required
@require_POST
def deduction_rule(request, pk):
    scheme = selectors.visible_scheme(request.user, pk)
    post = request.POST
    return _scheme_change(
        request,
        scheme,
        "rules",
        lambda: services.set_deduction_rule(
            scheme, actor=request.user, kind=post.get("kind"), points=post.get("points"), cap=post.get("cap")
        ),
        _("扣分规则已保存。"),
    )


SCHEME_STEPS = ("submit", "return", "approve", "copy", "open")


@login_required
@require_POST
def scheme_step(request, pk, step):
    """报请批准, 退回, 批准; 复制为下一年度方案; 组织考评."""
    scheme = selectors.visible_scheme(request.user, pk)
    if step not in SCHEME_STEPS:
        raise NotFound()
    post = request.POST
    try:
        if step == "submit":
            services.submit(scheme, actor=request.user, submitted_on=post.get("on") or None)
        elif step == "return":
            services.return_scheme(scheme, actor=request.user, reason=post.get("reason"))
        elif step == "approve":
            services.approve(
                scheme, actor=request.user, approved_on=post.get("on") or None, reference=post.get("reference", "")
            )
        elif step == "copy":
            copy = services.copy_to_next_year(scheme, actor=request.user)
            messages.success(request, _("已复制为%(year)d年度方案（拟定中）。") % {"year": copy.year})
            return redirect("assessment:scheme", pk=copy.pk)
        else:
            opened = running.open_evaluation(scheme, actor=request.user, as_of=post.get("as_of") or None)
            messages.success(request, _("已组织考评，自动计分指标已按记录计分。"))
            return redirect("assessment:evaluation", pk=opened.pk)
    except REFUSALS as exc:
        return _scheme_page(request, scheme, error=exc, failed=step, status=exc.status_code)
    messages.success(request, _("已办理。"))
    return redirect("assessment:scheme", pk=scheme.pk)


# --- the evaluation -------------------------------------------------------------------------------


def _evaluation_page(request, evaluation, *, error=None, failed="", status=200):
    evaluation = selectors.visible_evaluation(request.user, evaluation.pk)
    members = list(evaluation.scheme.members.select_related("body").order_by("group", "body__tree_path"))
    changeable = may(request.user, "change", evaluation.government)
    return render(
        request,
        "assessment/evaluation.html",
        {
            "evaluation": evaluation,
            "scheme": evaluation.scheme,
            "progress": selectors.progress(evaluation),
            "results": selectors.results(evaluation),
            "adjustments": selectors.adjustments(evaluation, request.user),
            "objections": selectors.objections(evaluation),
            "members": members,
            "actions": actions(EVALUATION_WORKFLOW, evaluation, request.user),
            "scoring_open": evaluation.status == EvaluationStatus.SCORING,
            "changeable": changeable,
            "can_score": bool(selectors.scoring_sheet(evaluation, request.user)),
            "has_results": evaluation.status != EvaluationStatus.SCORING or evaluation.results.exists(),
            "rule": exports.rule_of(evaluation).describe(),
            "adjustment_kinds": AdjustmentKind.choices,
            "outcomes": [(v, label) for v, label in ObjectionOutcome.choices if v],
            "error": error,
            "failed": failed,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def evaluation(request, pk):
    return _evaluation_page(request, selectors.visible_evaluation(request.user, pk))


_evaluation_change = partial(_change, page=_evaluation_page, to="assessment:evaluation")


def _run_step(evaluation, step: str, actor, post):
    on = post.get("on") or None
    if step == "rescore":
        return running.rescore_automatic(evaluation, actor=actor, as_of=post.get("as_of") or None)
    if step == "deductions":
        return running.import_deductions(evaluation, actor=actor)
    if step == "submit":
        return running.submit(evaluation, actor=actor, submitted_on=on)
    if step == "return":
        return running.return_evaluation(evaluation, actor=actor, reason=post.get("reason"))
    if step == "approve":
        return running.approve(evaluation, actor=actor, approved_on=on)
    if step == "notify":
        return running.notify(evaluation, actor=actor, notice_number=post.get("notice_number", ""), notified_on=on)
    if step == "finalise":
        return running.finalise(evaluation, actor=actor, final_on=on)
    if step == "publish":
        return running.publish(evaluation, actor=actor, published_on=on)
    raise NotFound()


@login_required
@require_POST
def evaluation_step(request, pk, step):
    """重新计分, 导入扣分, 报请审定, 退回, 审定, 通报, 确定, 公布."""
    evaluation = selectors.visible_evaluation(request.user, pk)
    return _evaluation_change(
        request, evaluation, step, lambda: _run_step(evaluation, step, request.user, request.POST), _("已办理。")
    )


def _upload(request, name: str = "file"):
    """The uploaded file, read up to one byte past the limit (the service refuses what is larger)."""
    uploaded = request.FILES.get(name)
    if uploaded is None:
        raise InvalidInput(_("请选择要上传的文件。"), errors={name: [_("请选择要上传的文件。")]})
    return uploaded.read(running.MAX_WORKBOOK_BYTES + 1), uploaded.name


@login_required
@require_POST
def social_upload(request, pk):
    evaluation = selectors.visible_evaluation(request.user, pk)

    def change():
        data, name = _upload(request)
        return running.import_social(evaluation, actor=request.user, data=data, source=name[:200])

    return _evaluation_change(request, evaluation, "social", change, _("社会评议结果已导入。"))


@login_required
@require_GET
def social_template(request, pk):
    evaluation = selectors.visible_evaluation(request.user, pk)
    name = _("%(year)d年度社会评议得分.xlsx") % {"year": evaluation.scheme.year}
    return exports.download(exports.social_template(evaluation), exports.XLSX_TYPE, name)


@login_required
@require_POST
def adjustment_add(request, pk):
    evaluation = selectors.visible_evaluation(request.user, pk)
    post = request.POST
    return _evaluation_change(
        request,
        evaluation,
        "adjustment",
        lambda: running.add_adjustment(
            evaluation,
            actor=request.user,
            body=post.get("body"),
            kind=post.get("kind"),
            points=post.get("points"),
            reason=post.get("reason"),
        ),
        _("已录入加减分。"),
    )


@login_required
@require_POST
def adjustment_remove(request, pk):
    adjustment = selectors.visible_adjustment(request.user, pk)
    evaluation = selectors.visible_evaluation(request.user, adjustment.evaluation_id)
    return _evaluation_change(
        request,
        evaluation,
        "adjustment",
        lambda: running.remove_adjustment(adjustment, actor=request.user),
        _("已删除加减分。"),
    )


@login_required
@require_POST
def objection_answer(request, pk):
    objection = selectors.visible_objection(request.user, pk)
    evaluation = selectors.visible_evaluation(request.user, objection.result.evaluation_id)
    post = request.POST
    return _evaluation_change(
        request,
        evaluation,
        f"objection-{objection.pk}",
        lambda: running.answer_objection(
            objection,
            actor=request.user,
            outcome=post.get("outcome"),
            answer=post.get("answer"),
            points=post.get("points") or None,
        ),
        _("异议已答复。"),
    )


def _scoring_page(request, evaluation, *, error=None, failed="", status=200):
    sheet = selectors.scoring_sheet(evaluation, request.user)
    if not sheet:
        raise NotFound(_("本次考评没有您负责的人工评分指标。"))
    return render(
        request,
        "assessment/scoring.html",
        {
            "evaluation": evaluation,
            "sheet": sheet,
            "open": evaluation.status == EvaluationStatus.SCORING,
            "error": error,
            "failed": failed,
            "values": request.POST if error else {},
        },
        status=status,
    )


@login_required
def scoring(request, pk):
    """考评员评分表: the manual leaves the user scores × the members, with each body's evidence."""
    evaluation = selectors.visible_evaluation(request.user, pk)
    if request.method != "POST":
        return _scoring_page(request, evaluation)
    post = request.POST
    leaf = post.get("indicator", "")
    scores = {
        key.removeprefix("points-"): (post.get(key), post.get("comment-" + key.removeprefix("points-")))
        for key in post
        if key.startswith("points-")
    }
    try:
        count = running.score_manual_many(evaluation, actor=request.user, indicator=leaf, scores=scores)
    except REFUSALS as exc:
        return _scoring_page(request, evaluation, error=exc, failed=leaf, status=exc.status_code)
    messages.success(request, _("已保存%(count)d个考评对象的得分。") % {"count": count})
    return redirect("assessment:scoring", pk=evaluation.pk)


# --- files ----------------------------------------------------------------------------------------


def _with_results(request, pk) -> Evaluation:
    evaluation = selectors.visible_evaluation(request.user, pk)
    if evaluation.status == EvaluationStatus.SCORING and not evaluation.results.exists():
        raise Conflict(_("考评结果尚未计算：报请审定时计算。"), code="invalid_transition")
    return evaluation


@login_required
@require_GET
def scorecards_export(request, pk):
    evaluation = selectors.visible_evaluation(request.user, pk)
    name = _("%(year)d年度依法行政考评评分明细.xlsx") % {"year": evaluation.scheme.year}
    return exports.download(exports.scorecards(evaluation), exports.XLSX_TYPE, name)


@login_required
@require_GET
def ranking_export(request, pk):
    evaluation = _with_results(request, pk)
    name = _("%(year)d年度依法行政考评排名.xlsx") % {"year": evaluation.scheme.year}
    return exports.download(exports.ranking(evaluation), exports.XLSX_TYPE, name)


@login_required
@require_GET
def notice_docx(request, pk):
    evaluation = _with_results(request, pk)
    return exports.download(exports.notice_docx(evaluation), exports.DOCX_TYPE, f"{exports.title(evaluation)}.docx")


@login_required
@require_GET
def notice_pdf(request, pk):
    evaluation = _with_results(request, pk)
    return exports.download(exports.notice_pdf(evaluation), "application/pdf", f"{exports.title(evaluation)}.pdf")


# --- a body's scorecard ---------------------------------------------------------------------------


def _scorecard_page(request, member, *, error=None, failed="", status=200):
    card = selectors.scorecard(member, request.user)
    evaluation = card["evaluation"]
    own = running.acts_for(request.user, member.body)
    today = timezone.localdate()
    return render(
        request,
        "assessment/scorecard.html",
        {
            **card,
            "can_upload": own and evaluation is not None and evaluation.status == EvaluationStatus.SCORING,
            "can_object": own
            and evaluation is not None
            and evaluation.status == EvaluationStatus.NOTIFIED
            and card["result"] is not None
            and today <= evaluation.objection_until,
            "office": may(request.user, "view", member.scheme.government),
            "error": error,
            "failed": failed,
        },
        status=status,
    )


@login_required
@require_GET
def scorecard(request, pk):
    """A body's scorecard: every leaf with its points and where they come from."""
    return _scorecard_page(request, selectors.visible_member(request.user, pk))


_member_change = partial(_change, page=_scorecard_page, to="assessment:scorecard")


@login_required
@require_POST
def evidence_add(request, pk):
    member = selectors.visible_member(request.user, pk)
    return _member_change(
        request,
        member,
        "evidence",
        lambda: running.add_evidence(
            selectors.evaluation_of(member),
            actor=request.user,
            body=member.body,
            indicator=request.POST.get("indicator"),
            file=request.FILES.get("file"),
        ),
        _("佐证材料已上传。"),
    )


@login_required
@require_POST
def evidence_remove(request, pk):
    member = selectors.visible_member(request.user, pk)
    return _member_change(
        request,
        member,
        "evidence",
        lambda: running.remove_evidence(
            selectors.evaluation_of(member), actor=request.user, attachment=request.POST.get("attachment")
        ),
        _("佐证材料已撤回。"),
    )


@login_required
@require_POST
def objection_file(request, pk):
    member = selectors.visible_member(request.user, pk)

    def change():
        result = selectors.scorecard(member, request.user)["result"]
        if result is None:
            raise Conflict(_("考评结果尚未通报，不能提出异议。"), code="invalid_transition")
        return running.file_objection(
            result, actor=request.user, text=request.POST.get("text"), indicator=request.POST.get("indicator") or None
        )

    return _member_change(request, member, "objection", change, _("异议已提出，请等待答复。"))


@login_required
@require_GET
def scorecard_export(request, pk):
    member = selectors.visible_member(request.user, pk)
    evaluation = selectors.evaluation_of(member)
    if not selectors.sees_points(request.user, member, evaluation):
        raise Conflict(_("考评结果尚未通报。"), code="invalid_transition")
    name = _("%(body)s%(year)d年度依法行政考评得分.xlsx") % {"body": member.body.name, "year": member.scheme.year}
    return exports.download(exports.member_scorecard(member, evaluation), exports.XLSX_TYPE, name)


# --- the portal -----------------------------------------------------------------------------------


@require_GET
def public_results(request):
    """依法行政考评结果: the published evaluations, newest first."""
    return render(request, "assessment/public_results.html", {"evaluations": selectors.published()})


@require_GET
def public_result(request, pk):
    evaluation = selectors.published_evaluation(pk)
    return render(
        request,
        "assessment/public_result.html",
        {
            "evaluation": evaluation,
            "results": selectors.results(evaluation),
            "rule": exports.rule_of(evaluation).describe(),
        },
    )


@require_GET
def public_notice(request, pk):
    evaluation = selectors.published_evaluation(pk)
    return exports.download(exports.notice_pdf(evaluation), "application/pdf", f"{exports.title(evaluation)}.pdf")
