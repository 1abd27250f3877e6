"""Every change to a scheme, one function each (seed arts. 47–51, 53, 55).

A scheme is edited only while drafted; `problems()` says what keeps it from being submitted — the
same list the page shows and the `submit` gate refuses with — so a scheme the government approves
is complete: points that add up level by level, leaves that can be scored, weights that add up,
the art. 51 weight of at least 10%, and at least one body in every group it ranks.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.assessment.choices import MeasureKind, Method, QuotaRounding, Scoring
from fazhi.assessment.models import DeductionRule, Indicator, Member, Scheme
from fazhi.assessment.workflow import SCHEME_WORKFLOW
from fazhi.core import audit
from fazhi.core.access import may, require
from fazhi.core.choices import BodyKind, EvaluationGroup
from fazhi.core.errors import Conflict, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_flag, clean_id, clean_number, clean_text
from fazhi.core.models import Body, User
from fazhi.obligations import checks, registry

DEFAULT_SCHEME = Path(__file__).parent / "data" / "default_scheme.json"
MAX_DEPTH = 3
HUNDRED = Decimal(100)
MINIMUM_PERFORMANCE_WEIGHT = Decimal(10)  # seed art. 51
GROUPS = [value for value in EvaluationGroup.values if value != EvaluationGroup.NONE]
SCHEME_FIELDS = {
    "title": "text",
    "internal_weight": "percent",
    "social_weight": "percent",
    "performance_weight": "percent",
    "bonus_cap": "points",
    "spot_check_cap": "points",
    "bound": "percent",
    "share": "share",
    "disqualify_below": "percent",
    "exclusive_bounds": "flag",
    "quota": "quota",
    "objection_days": "days",
    "method_text": "long",
    "requirements_text": "long",
}


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def _editable(scheme: Scheme, actor) -> None:
    require(actor, "change", scheme.government, _("修改考评方案"))
    if not scheme.editable:
        raise Conflict(
            _("方案%(status)s，不能修改。") % {"status": scheme.get_status_display()}, code="invalid_transition"
        )


def _locked(scheme: Scheme) -> Scheme:
    return Scheme.objects.select_for_update().select_related("government").get(pk=scheme.pk)


# --- the default ---------------------------------------------------------------------------------


def default_tree() -> dict:
    """The shipped tree: the seven areas of art. 47, an indicator per article, and a leaf scored from
    the article's check where one exists (by evaluators otherwise)."""
    return json.loads(DEFAULT_SCHEME.read_text(encoding="utf-8"))


def _build_default(scheme: Scheme) -> None:
    data = default_tree()
    for area_position, area in enumerate(data["areas"], start=1):
        top = Indicator.objects.create(
            scheme=scheme, position=area_position, name=area["name"], points=Decimal(area["points"])
        )
        for position, (article, points) in enumerate(area["articles"], start=1):
            obligation = registry.get(article)
            middle = Indicator.objects.create(
                scheme=scheme,
                parent=top,
                position=position,
                name=f"{obligation.number}{obligation.requirement}",
                points=Decimal(points),
            )
            check = checks.get_check(article)
            automatic = check is not None
            Indicator.objects.create(
                scheme=scheme,
                parent=middle,
                position=1,
                name=str(check.label)
                if automatic
                else _("%(requirement)s（考评员评分）") % {"requirement": obligation.requirement},
                points=Decimal(points),
                method=Method.AUTOMATIC if automatic else Method.MANUAL,
                articles=[article],
                scoring=Scoring.PROPORTIONAL if automatic else "",
                guidance=obligation.text,
            )
    for rule in data["deductions"]:
        DeductionRule.objects.create(
            scheme=scheme, kind=rule["kind"], points=Decimal(rule["points"]), cap=Decimal(rule["cap"])
        )


def _default_members(scheme: Scheme) -> None:
    """Every body below the government that existed during the year and that its data puts in a group."""
    first, last = checks.year_bounds(scheme.year)
    bodies = (
        Body.objects.subtree_of([scheme.government])
        .exclude(evaluation_group=EvaluationGroup.NONE)
        .exclude(pk=scheme.government.pk)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    )
    Member.objects.bulk_create(
        [Member(scheme=scheme, body=body, group=body.evaluation_group) for body in bodies], ignore_conflicts=True
    )


# --- schemes -------------------------------------------------------------------------------------


@transaction.atomic
def create_scheme(*, actor, government: Body, year, title=None) -> Scheme:
    """A draft for `year`, with the default indicator tree and deduction rules and, as members, every
    body below the government that its data puts in an evaluation group."""
    require(actor, "change", government, _("拟定考评方案"))
    if government.kind not in (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT):
        raise _refuse("government", _("考评方案由市、县级人民政府批准，请选择人民政府。"))
    year = _whole(year, "year", _("考评年度"), 2000, 2100)
    title = clean_text(title, "title", _("方案名称"), limit=200) or _("%(government)s%(year)d年度依法行政考评方案") % {
        "government": government.name,
        "year": year,
    }
    try:
        with transaction.atomic():
            scheme = Scheme.objects.create(government=government, year=year, title=title, created_by=actor)
    except IntegrityError:
        raise Conflict(
            _("%(government)s%(year)d年度的考评方案已经存在。") % {"government": government.name, "year": year},
            code="duplicate",
        ) from None
    _build_default(scheme)
    _default_members(scheme)
    audit.record(scheme, "assessment.scheme_created", actor=actor, body_id=government.pk, after={"year": year})
    return scheme


def _whole(value, name: str, label: str, minimum: int, maximum: int) -> int:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not text.isdigit() or not minimum <= int(text) <= maximum:
        raise _refuse(
            name,
            _("%(label)s应为%(minimum)d至%(maximum)d的整数。")
            % {"label": label, "minimum": minimum, "maximum": maximum},
        )
    return int(text)


def _clean_scheme_value(name: str, kind: str, value, label: str):
    if kind == "text":
        return clean_text(value, name, label, required=True, limit=200)
    if kind == "long":
        return clean_text(value, name, label)
    if kind == "percent":
        return clean_number(value, name, label, maximum=HUNDRED)
    if kind == "points":
        return clean_number(value, name, label, maximum=Decimal(20))
    if kind == "share":
        return _whole(value, name, label, 1, 50)
    if kind == "days":
        return _whole(value, name, label, 1, 30)
    if kind == "flag":
        return clean_flag(value, name, label)
    return clean_choice(value, QuotaRounding, name, label)


@transaction.atomic
def update_scheme(scheme: Scheme, *, actor, **values) -> Scheme:
    """Change a draft's settings; the art. 51 weight below 10% is refused outright."""
    scheme = _locked(scheme)
    _editable(scheme, actor)
    unknown = sorted(set(values) - set(SCHEME_FIELDS))
    if unknown:
        raise InvalidInput(_("未知字段：%(fields)s") % {"fields": "、".join(unknown)})
    before = audit.snapshot(scheme, list(values))
    for name, value in values.items():
        label = str(Scheme._meta.get_field(name).verbose_name)
        setattr(scheme, name, _clean_scheme_value(name, SCHEME_FIELDS[name], value, label))
    if scheme.performance_weight < MINIMUM_PERFORMANCE_WEIGHT:
        raise _refuse(
            "performance_weight",
            _("依法行政考评占绩效考核总分值的权重不得低于百分之十（若干意见第（五十一）项）。"),
        )
    scheme.save()
    audit.record(
        scheme, "assessment.scheme_changed", actor=actor, before=before, after=audit.snapshot(scheme, list(values))
    )
    return scheme


def _user(value, name: str, label: str) -> User | None:
    if value in (None, ""):
        return None
    if isinstance(value, User):
        return value
    user = User.objects.filter(pk=clean_id(value, name, label)).first()
    if user is None:
        raise _refuse(name, _("请指定%(label)s。") % {"label": label})
    return user


@transaction.atomic
def set_evaluators(scheme: Scheme, *, actor, users) -> Scheme:
    """The 考评组成人员 (art. 48): users who score manual indicators. Each must be an evaluator whose
    scope reaches the government."""
    scheme = _locked(scheme)
    _editable(scheme, actor)
    if not isinstance(users, list | tuple):
        raise _refuse("evaluators", _("考评组成人员应为用户列表。"))
    chosen = []
    for value in users:
        user = _user(value, "evaluators", _("考评组成人员"))
        if not may(user, "score", scheme.government):
            raise _refuse(
                "evaluators",
                _("%(name)s不是本级考评员，不能列为考评组成人员。") % {"name": user.get_full_name() or user},
            )
        chosen.append(user)
    before = sorted(scheme.evaluators.values_list("pk", flat=True))
    scheme.evaluators.set(chosen)
    audit.record(
        scheme,
        "assessment.evaluators_set",
        actor=actor,
        before={"evaluators": before},
        after={"evaluators": sorted(u.pk for u in chosen)},
    )
    return scheme


# --- members -------------------------------------------------------------------------------------


def _member_body(scheme: Scheme, value) -> Body:
    body = value if isinstance(value, Body) else None
    if body is None:
        body = Body.objects.filter(pk=clean_id(value, "body", _("单位"))).first()
    if body is None or not body.tree_path.startswith(scheme.government.tree_path):
        raise _refuse("body", _("请选择本级政府所属的单位。"))
    return body


@transaction.atomic
def set_member(scheme: Scheme, *, actor, body, group) -> Member:
    """Evaluate `body` under the scheme, ranked in `group` (市直单位 or 各市（区）政府)."""
    scheme = _locked(scheme)
    _editable(scheme, actor)
    body = _member_body(scheme, body)
    if body.pk == scheme.government.pk:
        raise _refuse("body", _("组织考评的人民政府不是考评对象。"))
    group = clean_choice(group, EvaluationGroup, "group", _("考评组别"))
    if group == EvaluationGroup.NONE:
        raise _refuse("group", _("请选择考评组别。"))
    member, created = Member.objects.update_or_create(scheme=scheme, body=body, defaults={"group": group})
    audit.record(
        scheme,
        "assessment.member_set",
        actor=actor,
        after={"body": body.pk, "group": group, "added": created},
    )
    return member


@transaction.atomic
def remove_member(scheme: Scheme, *, actor, body) -> None:
    scheme = _locked(scheme)
    _editable(scheme, actor)
    body = _member_body(scheme, body)
    deleted, _rows = Member.objects.filter(scheme=scheme, body=body).delete()
    if not deleted:
        raise NotFound(_("%(body)s不是本方案的考评对象。") % {"body": body.name})
    audit.record(scheme, "assessment.member_removed", actor=actor, before={"body": body.pk})


# --- indicators ----------------------------------------------------------------------------------


def _depth(indicator: Indicator | None) -> int:
    depth = 0
    while indicator is not None:
        depth += 1
        indicator = indicator.parent
    return depth


def _clean_articles(value) -> list[int]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple) or not all(
        (isinstance(item, int) and not isinstance(item, bool)) or (isinstance(item, str) and item.strip().isdigit())
        for item in value
    ):
        raise _refuse("articles", _("对应条目应为若干意见的条目序号列表，如 [10, 46]。"))
    articles = sorted({int(item) for item in value})
    unknown = [a for a in articles if not 1 <= a <= registry.ARTICLE_COUNT]
    if unknown:
        raise _refuse(
            "articles",
            _("若干意见没有第%(articles)s项。") % {"articles": "、".join(map(str, unknown))},
        )
    return articles


INDICATOR_FIELDS = ("name", "points", "method", "articles", "scoring", "deduction", "floor", "evaluator", "guidance")


def _indicator_values(values: dict) -> dict:
    unknown = sorted(set(values) - set(INDICATOR_FIELDS) - {"position"})
    if unknown:
        raise InvalidInput(_("未知字段：%(fields)s") % {"fields": "、".join(unknown)})
    cleaned = {}
    for name, value in values.items():
        if name == "name":
            cleaned[name] = clean_text(value, name, _("指标名称"), required=True, limit=200)
        elif name == "points":
            cleaned[name] = clean_number(value, name, _("分值"), maximum=HUNDRED)
        elif name == "method":
            cleaned[name] = clean_choice(value, Method, name, _("评分方式"), required=False)
        elif name == "scoring":
            cleaned[name] = clean_choice(value, Scoring, name, _("计分规则"), required=False)
        elif name == "articles":
            cleaned[name] = _clean_articles(value)
        elif name == "deduction":
            cleaned[name] = clean_number(value, name, _("每项不达标扣分"), maximum=HUNDRED, required=False)
        elif name == "floor":
            cleaned[name] = clean_number(value, name, _("保底分"), maximum=HUNDRED, required=False) or Decimal(0)
        elif name == "evaluator":
            cleaned[name] = _user(value, name, _("指定考评员"))
        elif name == "guidance":
            cleaned[name] = clean_text(value, name, _("评分标准和佐证材料要求"))
        elif name == "position":
            cleaned[name] = _whole(value, name, _("序号"), 1, 999)
    return cleaned


def _scheme_indicator(scheme: Scheme, value) -> Indicator | None:
    if value in (None, ""):
        return None
    if isinstance(value, Indicator):
        value = value.pk
    found = Indicator.objects.filter(scheme=scheme, pk=clean_id(value, "parent", _("上级指标"))).first()
    if found is None:
        raise _refuse("parent", _("上级指标不属于本方案。"))
    return found


@transaction.atomic
def add_indicator(scheme: Scheme, *, actor, parent=None, **values) -> Indicator:
    """A new indicator under `parent` (a first-level one when None), at most three levels deep."""
    scheme = _locked(scheme)
    _editable(scheme, actor)
    parent = _scheme_indicator(scheme, parent)
    if _depth(parent) >= MAX_DEPTH:
        raise _refuse("parent", _("指标最多分三级，不能在第三级指标下再设指标。"))
    if parent is not None and parent.method:
        raise _refuse("parent", _("“%(name)s”已设评分方式，是末级指标；请先清除其评分方式。") % {"name": parent.name})
    cleaned = _indicator_values({"name": values.get("name"), "points": values.get("points"), **values})
    position = cleaned.pop("position", None) or (Indicator.objects.filter(scheme=scheme, parent=parent).count() + 1)
    indicator = Indicator.objects.create(scheme=scheme, parent=parent, position=position, **cleaned)
    audit.record(
        scheme,
        "assessment.indicator_added",
        actor=actor,
        after={"indicator": indicator.pk, **audit.snapshot(indicator, ["name", "points", "method", "articles"])},
    )
    return indicator


def _scheme_of(indicator: Indicator) -> Scheme:
    return _locked(indicator.scheme)


@transaction.atomic
def update_indicator(indicator: Indicator, *, actor, **values) -> Indicator:
    scheme = _scheme_of(indicator)
    _editable(scheme, actor)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    cleaned = _indicator_values(values)
    if cleaned.get("method") and indicator.children.exists():
        raise _refuse("method", _("有下级指标的指标不直接评分，不能设评分方式。"))
    before = audit.snapshot(indicator, list(cleaned))
    for name, value in cleaned.items():
        setattr(indicator, name, value)
    indicator.save()
    audit.record(
        scheme,
        "assessment.indicator_changed",
        actor=actor,
        before={"indicator": indicator.pk, **before},
        after=audit.snapshot(indicator, list(cleaned)),
    )
    return indicator


@transaction.atomic
def remove_indicator(indicator: Indicator, *, actor) -> None:
    """Remove an indicator with everything below it."""
    scheme = _scheme_of(indicator)
    _editable(scheme, actor)
    before = audit.snapshot(indicator, ["name", "points"])
    indicator.delete()
    audit.record(scheme, "assessment.indicator_removed", actor=actor, before={"indicator": indicator.pk, **before})


@transaction.atomic
def set_deduction_rule(scheme: Scheme, *, actor, kind, points, cap) -> DeductionRule:
    """What one 约谈, 责令整改 or 通报批评 (art. 53) costs, and the most it can cost in a year."""
    scheme = _locked(scheme)
    _editable(scheme, actor)
    kind = clean_choice(kind, MeasureKind, "kind", _("处理方式"))
    points = clean_number(points, "points", _("每次扣分"), maximum=HUNDRED)
    cap = clean_number(cap, "cap", _("扣分上限"), maximum=HUNDRED)
    if cap < points:
        raise _refuse("cap", _("扣分上限不能低于每次扣分。"))
    rule, _created = DeductionRule.objects.update_or_create(
        scheme=scheme, kind=kind, defaults={"points": points, "cap": cap}
    )
    audit.record(
        scheme, "assessment.deduction_rule_set", actor=actor, after={"kind": kind, "points": points, "cap": cap}
    )
    return rule


# --- what keeps a scheme from approval -----------------------------------------------------------


def _tree(scheme: Scheme) -> dict[int | None, list[Indicator]]:
    children: dict[int | None, list[Indicator]] = {}
    for indicator in scheme.indicators.order_by("position", "pk"):
        children.setdefault(indicator.parent_id, []).append(indicator)
    return children


def _leaf_problems(leaf: Indicator, checked: set[int]) -> list[str]:
    name = {"name": leaf.name}
    if not leaf.method:
        return [_("末级指标“%(name)s”未设评分方式") % name]
    if leaf.method == Method.MANUAL:
        return []
    found = []
    if not leaf.articles:
        found.append(_("自动计分指标“%(name)s”未对应若干意见条目") % name)
    missing = [a for a in leaf.articles if a not in checked]
    if missing:
        found.append(
            _("自动计分指标“%(name)s”对应的第%(articles)s项尚无义务检查")
            % {**name, "articles": "、".join(map(str, missing))}
        )
    if not leaf.scoring:
        found.append(_("自动计分指标“%(name)s”未设计分规则") % name)
    if leaf.scoring == Scoring.PER_FAILURE and not leaf.deduction:
        found.append(_("指标“%(name)s”按项扣分，须设每项扣分") % name)
    if leaf.floor > leaf.points:
        found.append(_("指标“%(name)s”的保底分高于分值") % name)
    return found


def problems(scheme: Scheme) -> list[str]:
    """Everything that keeps the scheme from being submitted and approved, in words."""
    found = []
    children = _tree(scheme)
    tops = children.get(None, [])
    total = sum((i.points for i in tops), Decimal(0))
    if total != HUNDRED:
        found.append(_("一级指标分值合计为%(total)s分，应为100分") % {"total": total})
    checked = set(checks.checked_articles())
    leaves = []

    def walk(indicator: Indicator, depth: int) -> None:
        below = children.get(indicator.pk, [])
        if not below:
            leaves.append(indicator)
            found.extend(_leaf_problems(indicator, checked))
            return
        if depth == MAX_DEPTH:
            found.append(_("指标“%(name)s”超过三级") % {"name": indicator.name})
        subtotal = sum((i.points for i in below), Decimal(0))
        if subtotal != indicator.points:
            found.append(
                _("“%(name)s”的下级指标合计%(subtotal)s分，与其分值%(points)s分不符")
                % {"name": indicator.name, "subtotal": subtotal, "points": indicator.points}
            )
        for child in below:
            walk(child, depth + 1)

    for top in tops:
        walk(top, 1)
    if scheme.internal_weight + scheme.social_weight != HUNDRED:
        found.append(
            _("内部考核与社会评议权重合计为%(total)s%%，应为100%%")
            % {"total": scheme.internal_weight + scheme.social_weight}
        )
    if scheme.performance_weight < MINIMUM_PERFORMANCE_WEIGHT:
        found.append(_("占绩效考核总分的权重低于百分之十"))
    groups = set(scheme.members.values_list("group", flat=True))
    if not groups:
        found.append(_("尚未确定考评对象"))
    if any(leaf.method == Method.MANUAL for leaf in leaves) and not scheme.evaluators.exists():
        found.append(_("有人工评分指标，但尚未确定考评组成人员"))
    return found


# --- the workflow --------------------------------------------------------------------------------


def _step(scheme: Scheme, name: str, actor, *, on=None, reason="", reference="") -> Scheme:
    scheme = _locked(scheme)
    transition = SCHEME_WORKFLOW.require(scheme, name, actor, gates=False)
    today = timezone.localdate()
    day = clean_date(on or today, "on", _("日期"), not_after=today, not_before=scheme.submitted_on)
    if name == "return":
        reason = clean_text(reason, "reason", _("退回理由"), required=True)
    if name == "approve":
        reference = clean_text(reference, "reference", _("批准文件"), limit=100)
    SCHEME_WORKFLOW.check_state(scheme, transition)
    before, after = SCHEME_WORKFLOW.move(scheme, transition)
    if name == "submit":
        scheme.submitted_on, scheme.returned_reason = day, ""
    elif name == "return":
        scheme.returned_reason = reason
    else:
        scheme.approved_on, scheme.approval_reference, scheme.approved_by = day, reference, actor
    scheme.save()
    audit.record(
        scheme,
        f"assessment.scheme_{name}",
        actor=actor,
        before={"status": before},
        after={"status": after, "on": day, "reason": reason, "reference": reference},
    )
    return scheme


@transaction.atomic
def submit(scheme: Scheme, *, actor, submitted_on=None) -> Scheme:
    return _step(scheme, "submit", actor, on=submitted_on)


@transaction.atomic
def return_scheme(scheme: Scheme, *, actor, reason) -> Scheme:
    return _step(scheme, "return", actor, reason=reason)


@transaction.atomic
def approve(scheme: Scheme, *, actor, approved_on=None, reference="") -> Scheme:
    return _step(scheme, "approve", actor, on=approved_on, reference=reference)


# --- next year -----------------------------------------------------------------------------------


@transaction.atomic
def copy_to_next_year(scheme: Scheme, *, actor) -> Scheme:
    """Next year's draft: this scheme's settings, members, indicators, rules and evaluators."""
    scheme = Scheme.objects.select_related("government").get(pk=scheme.pk)
    require(actor, "change", scheme.government, _("拟定考评方案"))
    year = scheme.year + 1
    if Scheme.objects.filter(government=scheme.government, year=year).exists():
        raise Conflict(_("%(year)d年度的考评方案已经存在。") % {"year": year}, code="duplicate")
    copy = Scheme.objects.create(
        government=scheme.government,
        year=year,
        title=scheme.title.replace(str(scheme.year), str(year)),
        created_by=actor,
        copied_from=scheme,
        **{name: getattr(scheme, name) for name in SCHEME_FIELDS if name != "title"},
    )
    copy.evaluators.set(scheme.evaluators.all())
    Member.objects.bulk_create([Member(scheme=copy, body_id=m.body_id, group=m.group) for m in scheme.members.all()])
    DeductionRule.objects.bulk_create(
        [DeductionRule(scheme=copy, kind=r.kind, points=r.points, cap=r.cap) for r in scheme.deduction_rules.all()]
    )
    mapping: dict[int, Indicator] = {}
    children = _tree(scheme)

    def copy_below(parent_id: int | None) -> None:
        for indicator in children.get(parent_id, []):
            source = indicator.pk
            indicator.pk = None
            indicator.scheme = copy
            indicator.parent = mapping.get(indicator.parent_id)
            indicator.save()
            mapping[source] = indicator
            copy_below(source)

    copy_below(None)
    audit.record(copy, "assessment.scheme_copied", actor=actor, body_id=scheme.government_id, after={"from": scheme.pk})
    return copy
