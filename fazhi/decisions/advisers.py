"""Legal advisers (政府法律顾问, seed art. 46): each body's roster, and their opinions on matters.

A body's staff keep its roster — legal-office staff, scholars, lawyers and public-sector lawyers,
each with their organisation, qualification and term. An adviser's opinion is recorded on the
matter it concerns (a major decision, a dispute being resolved, any record with a `body`); the
adviser must be serving on the day the opinion was given and be on the roster of the matter's
body, of its deciding body, or of a government above them, whose legal-adviser office serves the
departments too (seed art. 46: 以法制工作机构为平台设立法律顾问室).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, Min, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fazhi.core import audit
from fazhi.core.access import may, require
from fazhi.core.choices import BodyKind
from fazhi.core.dates import day_text
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.inputs import clean_choice, clean_date, clean_text, reject_unknown
from fazhi.core.models import Body
from fazhi.decisions import selectors
from fazhi.decisions.choices import AdviserKind
from fazhi.decisions.models import AdviserOpinion, LegalAdviser

ADVISER_FIELDS = ("name", "kind", "organisation", "qualification", "term_start", "term_end")
GOVERNMENT_KINDS = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT, BodyKind.TOWN)
ROSTER_LABEL = gettext_noop("管理法律顾问名册")


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


def term_text(adviser: LegalAdviser) -> str:
    end = day_text(adviser.term_end) if adviser.term_end else _("未定")
    return _("%(start)s至%(end)s") % {"start": day_text(adviser.term_start), "end": end}


def _values(data: dict, adviser: LegalAdviser | None) -> dict:
    """Cleaned values of the fields given (all of them for a new adviser), the term checked whole."""
    reject_unknown(data, ADVISER_FIELDS)
    partial = adviser is not None
    values = {}
    texts = (
        ("name", _("姓名"), 50),
        ("organisation", _("工作单位"), 100),
        ("qualification", _("资格"), 100),
    )
    for name, label, limit in texts:
        if not partial or name in data:
            values[name] = clean_text(data.get(name), name, label, required=True, limit=limit)
    if not partial or "kind" in data:
        values["kind"] = clean_choice(data.get("kind"), AdviserKind, "kind", _("类别"))
    if not partial or "term_start" in data:
        values["term_start"] = clean_date(data.get("term_start"), "term_start", _("聘期开始"))
    if not partial or "term_end" in data:
        values["term_end"] = clean_date(data.get("term_end"), "term_end", _("聘期结束"), required=False)
    start = values.get("term_start", adviser.term_start if adviser else None)
    end = values.get("term_end", adviser.term_end if adviser else None)
    if end is not None and end < start:
        raise _refuse("term_end", _("聘期结束日期不能早于聘期开始日期。"))
    return values


def _opinions_within(adviser: LegalAdviser, start, end) -> None:
    """A term may not be changed so that opinions already recorded fall outside it."""
    span = adviser.opinions.aggregate(first=Min("given_on"), last=Max("given_on"))
    if span["first"] is not None and span["first"] < start:
        raise Conflict(
            _("%(name)s已于%(date)s出具意见，聘期开始日期不能晚于该日。")
            % {"name": adviser.name, "date": day_text(span["first"])},
            code="in_use",
        )
    if span["last"] is not None and end is not None and span["last"] > end:
        raise Conflict(
            _("%(name)s已于%(date)s出具意见，聘期结束日期不能早于该日。")
            % {"name": adviser.name, "date": day_text(span["last"])},
            code="in_use",
        )


def _overlapping(body: Body, qualification: str, start, end, *, exclude=None) -> bool:
    """The same person (by qualification) already on the body's roster for part of this term."""
    others = LegalAdviser.objects.filter(body=body, qualification=qualification)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if end is not None:
        others = others.filter(term_start__lte=end)
    return others.exclude(term_end__lt=start).exists()


def _locked(adviser: LegalAdviser) -> LegalAdviser:
    return LegalAdviser.objects.select_for_update().select_related("body").get(pk=adviser.pk)


# --- the roster --------------------------------------------------------------------------------


@transaction.atomic
def add_adviser(*, actor, body: Body, **data) -> LegalAdviser:
    """Put an adviser on `body`'s roster for a term."""
    require(actor, "change", body, _(ROSTER_LABEL))
    values = _values(data, None)
    if _overlapping(body, values["qualification"], values["term_start"], values["term_end"]):
        raise Conflict(
            _("资格为“%(qualification)s”的法律顾问在该聘期内已在%(body)s的名册中。")
            % {"qualification": values["qualification"], "body": body.name},
            code="duplicate",
        )
    adviser = LegalAdviser.objects.create(body=body, created_by=actor, **values)
    audit.record(adviser, "decisions.adviser_added", actor=actor, after=audit.snapshot(adviser, list(ADVISER_FIELDS)))
    return adviser


@transaction.atomic
def change_adviser(adviser: LegalAdviser, *, actor, **data) -> LegalAdviser:
    """Correct or update the given fields of a roster entry."""
    require(actor, "change", adviser.body, _(ROSTER_LABEL))
    adviser = _locked(adviser)
    values = _values(data, adviser)
    start = values.get("term_start", adviser.term_start)
    end = values.get("term_end", adviser.term_end)
    qualification = values.get("qualification", adviser.qualification)
    _opinions_within(adviser, start, end)
    if _overlapping(adviser.body, qualification, start, end, exclude=adviser):
        raise Conflict(
            _("资格为“%(qualification)s”的法律顾问在该聘期内已在%(body)s的名册中。")
            % {"qualification": qualification, "body": adviser.body.name},
            code="duplicate",
        )
    before = audit.snapshot(adviser, list(ADVISER_FIELDS))
    for name, value in values.items():
        setattr(adviser, name, value)
    adviser.save()
    audit.record(
        adviser,
        "decisions.adviser_changed",
        actor=actor,
        before=before,
        after=audit.snapshot(adviser, list(ADVISER_FIELDS)),
    )
    return adviser


@transaction.atomic
def end_term(adviser: LegalAdviser, *, actor, ended_on) -> LegalAdviser:
    """End an adviser's term early (解聘 or resignation) on `ended_on`."""
    require(actor, "change", adviser.body, _(ROSTER_LABEL))
    adviser = _locked(adviser)
    ended_on = clean_date(ended_on, "ended_on", _("聘期结束日期"))
    if adviser.term_end is not None and adviser.term_end <= ended_on:
        raise Conflict(
            _("%(name)s的聘期已于%(date)s结束。") % {"name": adviser.name, "date": day_text(adviser.term_end)},
            code="invalid_transition",
        )
    if ended_on < adviser.term_start:
        raise _refuse("ended_on", _("聘期结束日期不能早于聘期开始日期。"))
    _opinions_within(adviser, adviser.term_start, ended_on)
    before = {"term_end": adviser.term_end}
    adviser.term_end = ended_on
    adviser.save(update_fields=["term_end", "updated_at"])
    audit.record(adviser, "decisions.adviser_term_ended", actor=actor, before=before, after={"term_end": ended_on})
    return adviser


# --- opinions ----------------------------------------------------------------------------------


def _subject_bodies(subject: Model) -> list[Body]:
    """The matter's body and, where it has one, its deciding body."""
    bodies = [subject.body]
    deciding = getattr(subject, "deciding_body", None)
    if deciding is not None and deciding.pk != subject.body.pk:
        bodies.append(deciding)
    return bodies


def eligible_body_ids(subject: Model) -> list[int]:
    """Whose advisers may give an opinion on `subject`: its bodies and the governments above them."""
    bodies = _subject_bodies(subject)
    own = {body.pk for body in bodies}
    above = {pk for body in bodies for pk in body.ancestor_ids()} - own
    governments = Body.objects.filter(pk__in=above, kind__in=GOVERNMENT_KINDS).values_list("pk", flat=True)
    return sorted(own | set(governments))


def eligible_advisers(subject: Model, on=None):
    """The advisers who could give an opinion on `subject` (serving on `on`, today by default)."""
    return (
        LegalAdviser.objects.filter(body__in=eligible_body_ids(subject))
        .serving(on)
        .select_related("body")
        .order_by("body__tree_path", "name", "id")
    )


def require_recorder(actor, subject: Model) -> None:
    """Who records an opinion: the staff of the matter's body or of its deciding body."""
    bodies = _subject_bodies(subject)
    if any(may(actor, "change", body) for body in bodies):
        return
    if not any(may(actor, "view", body) for body in bodies):
        raise NotFound()
    raise Forbidden(_("您没有“%(label)s”的权限。") % {"label": _("记录法律顾问意见")})


@transaction.atomic
def give_opinion(subject: Model, *, actor, adviser, opinion, given_on, matter=None) -> AdviserOpinion:
    """Record `adviser`'s opinion on `subject`, given on `given_on` (not in the future, within the term)."""
    require_recorder(actor, subject)
    eligible = eligible_body_ids(subject)
    if not isinstance(adviser, LegalAdviser):
        text = str(adviser).strip() if isinstance(adviser, int | str) and not isinstance(adviser, bool) else ""
        if not text.isdigit() or len(text) > 9:
            raise _refuse("adviser", _("请选择法律顾问。"))
        adviser = LegalAdviser.objects.filter(pk=int(text)).first()
    if adviser is None or adviser.body_id not in eligible:
        raise _refuse("adviser", _("请选择本单位、决策机关或上级人民政府名册中的法律顾问。"))
    given_on = clean_date(given_on, "given_on", _("出具日期"))
    if given_on > timezone.localdate():
        raise _refuse("given_on", _("出具日期不能晚于今天。"))
    if given_on < adviser.term_start or (adviser.term_end is not None and given_on > adviser.term_end):
        raise _refuse(
            "given_on",
            _("%(name)s在%(date)s不在聘期内（聘期：%(term)s）。")
            % {"name": adviser.name, "date": day_text(given_on), "term": term_text(adviser)},
        )
    text = clean_text(opinion, "opinion", _("法律意见"), required=True)
    matter = clean_text(matter, "matter", _("事项"), limit=200) or str(subject)[:200]
    record = AdviserOpinion.objects.create(
        adviser=adviser,
        body=subject.body,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        matter=matter,
        opinion=text,
        given_on=given_on,
        created_by=actor,
    )
    audit.record(
        record,
        "decisions.adviser_opinion_given",
        actor=actor,
        after={"adviser_id": adviser.pk, "matter": matter, "given_on": given_on},
        extra={"subject": f"{subject._meta.label_lower}:{subject.pk}"},
    )
    return record


def opinions_of(subject: Model):
    """The opinions on one matter, newest first (the shared selector, ordered for pages)."""
    return selectors.adviser_opinions_of(subject).select_related("adviser__body").order_by("-given_on", "-id")
