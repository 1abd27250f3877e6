"""行政执法案卷评查 (seed art. 25): the year's scoring sheet, a reproducible sample of each body's
closed cases, and each sampled file scored against the sheet.

The sample uses the random inspections' SM3 ranking (`fazhi.inspections.draw`): the seed is the
year, the body and a public value entered at the draw, so the reviewed body cannot choose which
of its files are read, and anyone can re-run the sample from the recorded seed.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.access import may, require, scope_body_ids
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import clean_amount, clean_text
from fazhi.core.models import AuditEvent, Body
from fazhi.enforcement.choices import CaseStatus
from fazhi.enforcement.models import Case, FileReview, ReviewSheet
from fazhi.inspections.draw import list_text, pick_entities, sm3

SAMPLE_MAX = 200
TOTAL_MAX = Decimal("9999.99")  # what the total and pass-mark columns hold (6 digits, 2 decimals)


def leading_office() -> Body | None:
    """The body hosting the 依法行政工作领导小组办公室, which organises the review."""
    return Body.objects.filter(hosts_leading_group_office=True).order_by("tree_path").first()


def _leading_office(actor) -> Body:
    office = leading_office()
    if office is None:
        raise Conflict(_("尚未设置依法行政工作领导小组办公室所在单位。"), code="not_configured")
    require(actor, "score", office, _("组织案卷评查"))
    return office


def _items(value) -> list[dict]:
    message = _("评查项目应为列表，每项包含编号、名称和满分。")
    if not isinstance(value, list) or not value or len(value) > 100:
        raise InvalidInput(message, errors={"items": [message]})
    items, keys = [], set()
    for entry in value:
        if not isinstance(entry, dict):
            raise InvalidInput(message, errors={"items": [message]})
        key = clean_text(entry.get("key"), "items", _("项目编号"), required=True, limit=20)
        label = clean_text(entry.get("label"), "items", _("项目名称"), required=True, limit=200)
        maximum = clean_amount(entry.get("max"), "items", _("满分"), required=True, positive=True)
        if key in keys:
            raise InvalidInput(_("评查项目编号重复：%(key)s") % {"key": key}, errors={"items": [message]})
        keys.add(key)
        items.append({"key": key, "label": label, "max": str(maximum)})
    return items


@transaction.atomic
def create_sheet(*, actor, year, items, pass_mark) -> ReviewSheet:
    """The year's 评分表, set by the leading group's office; one per year."""
    _leading_office(actor)
    if isinstance(year, bool) or not str(year).isdigit() or not 2000 <= int(year) <= 2100:
        raise InvalidInput(_("年度应为四位数字。"), errors={"year": [_("年度应为四位数字。")]})
    if ReviewSheet.objects.filter(year=int(year)).exists():
        raise Conflict(_("%(year)s年的评分表已经存在。") % {"year": year}, code="duplicate")
    items = _items(items)
    pass_mark = clean_amount(pass_mark, "pass_mark", _("合格分数"), required=True)
    if sum(Decimal(item["max"]) for item in items) > TOTAL_MAX:
        message = _("各项满分之和不能超过%(max)s分。") % {"max": TOTAL_MAX}
        raise InvalidInput(message, errors={"items": [message]})
    if pass_mark > sum(Decimal(item["max"]) for item in items):
        message = _("合格分数不能高于各项满分之和。")
        raise InvalidInput(message, errors={"pass_mark": [message]})
    sheet = ReviewSheet.objects.create(year=int(year), items=items, pass_mark=pass_mark)
    audit.record(sheet, "enforcement.review_sheet_created", actor=actor, after=audit.snapshot(sheet))
    return sheet


@transaction.atomic
def draw_sample(sheet: ReviewSheet, *, actor, body: Body, count, public_value) -> list[FileReview]:
    """Sample `count` of the body's cases closed in the sheet's year, ranked by SM3 of the seed and
    the case number; cases already sampled stay, so a second draw adds none twice."""
    require(actor, "score", body, _("抽取评查案卷"))
    if isinstance(count, bool) or not str(count).isdigit() or not 0 < int(count) <= SAMPLE_MAX:
        message = _("抽取数量应为1至%(max)d。") % {"max": SAMPLE_MAX}
        raise InvalidInput(message, errors={"count": [message]})
    public_value = clean_text(public_value, "public_value", _("公开随机值"), required=True, limit=100)
    seed = f"{sheet.year}|{body.pk}|{public_value}"
    closed = dict(
        Case.objects.filter(
            body=body,
            status=CaseStatus.CLOSED,
            closed_on__gte=datetime.date(sheet.year, 1, 1),
            closed_on__lte=datetime.date(sheet.year, 12, 31),
        ).values_list("number", "pk")
    )
    if not closed:
        raise Conflict(
            _("%(body)s%(year)s年没有已结案的案件。") % {"body": body.name, "year": sheet.year}, code="empty"
        )
    picks = pick_entities(seed, sorted(closed), int(count))
    existing = set(
        FileReview.objects.filter(sheet=sheet, case__in=[closed[n] for n in picks]).values_list("case", flat=True)
    )
    created = [
        FileReview.objects.create(sheet=sheet, case_id=closed[number], body=body)
        for number in picks
        if closed[number] not in existing
    ]
    audit.record(
        sheet,
        "enforcement.files_sampled",
        actor=actor,
        body_id=body.pk,
        extra={"seed": seed, "candidates": sm3(list_text(sorted(closed))), "picks": picks},
    )
    return created


@transaction.atomic
def score(review: FileReview, *, actor, scores, findings=None) -> FileReview:
    """Score every item of the sheet, each within its maximum; the total is their sum."""
    review = FileReview.objects.select_for_update().select_related("sheet", "body").get(pk=review.pk)
    require(actor, "score", review.body, _("评查案卷"))
    items = {item["key"]: Decimal(item["max"]) for item in review.sheet.items}
    if not isinstance(scores, dict) or set(scores) != set(items):
        message = _("请为评分表的每一项打分：%(keys)s") % {"keys": "、".join(items)}
        raise InvalidInput(message, errors={"scores": [message]})
    cleaned = {}
    for key, maximum in items.items():
        try:
            value = Decimal(str(scores[key]))
        except (InvalidOperation, ValueError):
            value = None
        if value is None or isinstance(scores[key], bool) or not value.is_finite() or not 0 <= value <= maximum:
            message = _("第“%(key)s”项的得分应在0至%(max)s之间。") % {"key": key, "max": maximum}
            raise InvalidInput(message, errors={"scores": [message]})
        cleaned[key] = str(value)
    review.scores = cleaned
    review.total = sum(Decimal(value) for value in cleaned.values())
    review.findings = clean_text(findings, "findings", _("评查意见"), limit=5000)
    review.reviewer = actor
    review.reviewed_on = timezone.localdate()
    review.save()
    audit.record(review, "enforcement.file_reviewed", actor=actor, after={"total": review.total, "scores": cleaned})
    return review


# --- what the pages and the API read ------------------------------------------------------------------


def may_organise(user) -> bool:
    """Whether `user` is of the leading group's office staff who set the sheet (the `score` right there)."""
    office = leading_office()
    return office is not None and may(user, "score", office)


def visible_sheets(user):
    """The sheets a user may open: every sheet for the evaluators (the `score` right anywhere), else
    those with a sampled file of a body in the user's scope (the reviewed body sees its reviews)."""
    if not user.is_authenticated:
        return ReviewSheet.objects.none()
    if user.is_superuser or scope_body_ids(user, "score"):
        return ReviewSheet.objects.all()
    return ReviewSheet.objects.filter(pk__in=FileReview.objects.restrict(user).values("sheet"))


def draws(sheet: ReviewSheet, body_ids) -> list[dict]:
    """The recorded draws of the sheet for the bodies in `body_ids` (the `enforcement.files_sampled`
    events): who drew, when, the seed, the SM3 digest of the candidate list and the picks, so that
    anyone can re-run the sample."""
    events = AuditEvent.objects.filter(
        object_type=ReviewSheet._meta.label_lower,
        object_id=str(sheet.pk),
        action="enforcement.files_sampled",
        body_id__in=list(body_ids),
    ).order_by("occurred_at", "id")
    names = dict(Body.objects.filter(pk__in={event.body_id for event in events}).values_list("pk", "name"))
    found = []
    for event in events:
        extra = event.payload.get("extra", {})
        found.append(
            {
                "body": event.body_id,
                "body_name": names.get(event.body_id, ""),
                "occurred_at": event.occurred_at,
                "actor": event.actor_label,
                "seed": extra.get("seed", ""),
                "candidates": extra.get("candidates", ""),
                "picks": extra.get("picks", []),
            }
        )
    return found


def passed(review: FileReview) -> bool | None:
    """At or above the sheet's pass mark; None while the file is not scored."""
    if review.total is None:
        return None
    return review.total >= review.sheet.pass_mark
