"""What the board's pages and API read: the snapshot asked for, the heatmap rows in the user's scope,
a cell's evidence, a body's row, the trend of the share met, and the open deadlines.

Everything starts from `Standing.objects.restrict(user)` (or the clock's `Deadline.objects.
restrict`), so the office sees its subtree, a body only itself, and another body's id is a 404.
The board of 1,000 bodies is one query for the rows (short strings) and one for the trend's
sampled days; evidence is read for the one cell opened.
"""

import datetime
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock.models import Deadline
from fazhi.core.access import scope_body_ids
from fazhi.core.choices import EvaluationGroup
from fazhi.core.dates import day_text
from fazhi.core.errors import InvalidInput, NotFound
from fazhi.core.inputs import clean_date
from fazhi.core.models import Body
from fazhi.obligations import registry
from fazhi.obligations.choices import CODE_STATUSES, STATUS_CODES, BoardStatus, ObligationKind
from fazhi.obligations.models import Finding, Snapshot, Standing
from fazhi.obligations.services import FIRST_YEAR
from fazhi.texts.numerals import to_chinese

# The open deadlines shown: those overdue, and those falling due within this many days.
UPCOMING_DAYS = 30
DEADLINE_LIMIT = 50
# The trend draws at most this many days of the year (a week apart over a whole year).
TREND_POINTS = 53
# Filter values for the evaluation group: `none` is the bodies outside both groups.
GROUPS = {
    "city_departments": EvaluationGroup.CITY_DEPARTMENTS,
    "county_governments": EvaluationGroup.COUNTY_GOVERNMENTS,
    "none": EvaluationGroup.NONE,
}
GROUP_LABELS = {key: str(EvaluationGroup(value).label) for key, value in GROUPS.items()}


def _refuse(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors={name: [message]})


# --- what is asked -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The board's filters: a body group, a chapter of the seed, a kind of obligation."""

    group: str = ""
    chapter: int | None = None
    kind: str = ""

    def articles(self) -> list[registry.Obligation]:
        return [
            o
            for o in registry.all_obligations()
            if (self.chapter is None or o.chapter == self.chapter) and (not self.kind or self.kind in o.kinds)
        ]

    def query(self) -> dict:
        return {"group": self.group, "chapter": self.chapter or "", "kind": self.kind}


def chapters() -> list[tuple[int, str]]:
    """(number, heading) of the seed's nine chapters: 一、依法行政基本要求 …"""
    seen = {}
    for obligation in registry.all_obligations():
        seen.setdefault(obligation.chapter, f"{to_chinese(obligation.chapter)}、{obligation.chapter_title}")
    return list(seen.items())


def clean_filters(params, *, by_group: bool = True) -> Filters:
    """The filters from a request's query; an unknown value is refused in Chinese (400). A body's own
    board has no group to filter by (`by_group=False`)."""
    group = str(params.get("group") or "").strip() if by_group else ""
    if group and group not in GROUPS:
        raise _refuse("group", _("考评组别只能是：%(choices)s。") % {"choices": "、".join(GROUP_LABELS.values())})
    chapter = str(params.get("chapter") or "").strip()
    if chapter and not (chapter.isascii() and chapter.isdecimal() and 1 <= int(chapter) <= len(chapters())):
        raise _refuse("chapter", _("部分应为 1 至 %(n)d 的整数。") % {"n": len(chapters())})
    kind = str(params.get("kind") or "").strip()
    if kind and kind not in ObligationKind.values:
        raise _refuse(
            "kind",
            _("落实方式只能是：%(choices)s。") % {"choices": "、".join(str(label) for label in ObligationKind.labels)},
        )
    return Filters(group=group, chapter=int(chapter) if chapter else None, kind=kind)


def clean_year(value) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    this = timezone.localdate().year
    if not (text.isascii() and text.isdecimal() and len(text) == 4) or not FIRST_YEAR <= int(text) <= this:
        raise _refuse(
            "year", _("年度应为 %(first)d 至 %(last)d 之间的四位年份。") % {"first": FIRST_YEAR, "last": this}
        )
    return int(text)


def snapshot_for(params) -> Snapshot | None:
    """The snapshot a request asks for by `year` and `date` (each optional): the latest complete one
    that fits; of two taken on the same day, the earlier year (the one being closed). A date asked for
    that has no snapshot is a 404; no snapshot at all is None (the board says so)."""
    year = clean_year(params.get("year"))
    day = clean_date(params.get("date") or None, "date", _("快照日期"), required=False, not_after=timezone.localdate())
    found = Snapshot.objects.complete()
    if year is not None:
        found = found.filter(year=year)
    if day is not None:
        found = found.filter(as_of=day)
    snapshot = found.order_by("-as_of", "year").first()
    if snapshot is None and day is not None:
        raise NotFound(_("%(day)s没有合规快照。") % {"day": day_text(day)})
    return snapshot


def snapshot_days(year: int) -> list[datetime.date]:
    """The days of a year that have a complete snapshot, latest first (for the date picker)."""
    return list(Snapshot.objects.complete().filter(year=year).order_by("-as_of").values_list("as_of", flat=True))


def snapshot_years() -> list[int]:
    return sorted(set(Snapshot.objects.complete().values_list("year", flat=True)), reverse=True)


def visible_body(user, pk) -> Body:
    """A body whose board `user` may read: in their view scope; any other id (or no id) is a 404."""
    text = str(pk).strip()
    if not (text.isascii() and text.isdecimal() and len(text) <= 9):
        raise NotFound(_("未找到该单位。"))
    found = Body.objects.filter(pk=int(text))
    if not user.is_superuser:
        found = found.filter(pk__in=scope_body_ids(user, "view"))
    body = found.first()
    if body is None:
        raise NotFound(_("未找到该单位。"))
    return body


def clean_article(value) -> registry.Obligation:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdecimal() and 1 <= int(text) <= registry.ARTICLE_COUNT):
        raise _refuse("article", _("条款应为 1 至 %(n)d 的整数。") % {"n": registry.ARTICLE_COUNT})
    return registry.get(int(text))


# --- the heatmap ---------------------------------------------------------------------------------


def status_labels() -> dict[str, str]:
    """Letter → label, the legend of every cell."""
    return {STATUS_CODES[status]: str(status.label) for status in BoardStatus}


def _rows(user, filters: Filters):
    """The standings in the user's scope, of the bodies of the group asked for."""
    rows = Standing.objects.restrict(user)
    if filters.group:
        rows = rows.filter(body__evaluation_group=GROUPS[filters.group])
    return rows


def _picker(articles):
    """A function from a body's 56 letters to the letters of `articles`, in C (itemgetter)."""
    positions = [o.article - 1 for o in articles]
    if len(positions) == 1:
        (position,) = positions
        return lambda statuses: statuses[position]
    pick = operator.itemgetter(*positions)
    return lambda statuses: "".join(pick(statuses))


def board(user, snapshot: Snapshot, filters: Filters) -> dict:
    """The heatmap: bodies in the user's scope (by group) × articles (by chapter and kind)."""
    articles = filters.articles()
    pick = _picker(articles) if articles else (lambda statuses: "")
    group_labels = {value: str(label) for value, label in EvaluationGroup.choices}
    bodies, rows = [], []
    for body_id, name, short_name, group, statuses in (
        _rows(user, filters)
        .filter(snapshot=snapshot)
        .order_by("body__tree_path")
        .values_list("body_id", "body__name", "body__short_name", "body__evaluation_group", "statuses")
    ):
        bodies.append(
            {
                "id": body_id,
                "name": name,
                "short_name": short_name or name,
                "group": group,
                "group_label": group_labels[group],
            }
        )
        rows.append(pick(statuses))
    letters = "".join(rows)
    counts = {code: letters.count(code) for code in STATUS_CODES.values()}
    return {
        "snapshot": snapshot,
        "articles": articles,
        "bodies": bodies,
        "rows": rows,
        "counts": counts,
        "not_met_by_body": [row.count(STATUS_CODES[BoardStatus.NOT_MET]) for row in rows],
    }


def chart_data(board_data: dict) -> dict:
    """What the heatmap script draws, compact: one string of letters per body."""
    return {
        "date": board_data["snapshot"].as_of.isoformat(),
        "year": board_data["snapshot"].year,
        "articles": [
            {"article": o.article, "label": _("第%(n)d条") % {"n": o.article}, "requirement": o.requirement}
            for o in board_data["articles"]
        ],
        "bodies": [{"id": b["id"], "name": b["short_name"]} for b in board_data["bodies"]],
        "rows": board_data["rows"],
        "statuses": status_labels(),
        "order": [STATUS_CODES[status] for status in BoardStatus],
    }


# --- a cell and a body's row ---------------------------------------------------------------------


class RecordLinks:
    """The pages of the records results name, as one viewer may open them.

    A record behind the viewer's body scope (a case the body has since transferred to another, a
    record of a body the viewer does not oversee) or deleted since shows as text, not as a link to
    a 404. One query per model named, through the model's `restrict` where it has one.
    """

    def __init__(self, user, refs: Iterable[dict]):
        wanted: dict[str, set[int]] = defaultdict(set)
        for ref in refs:
            if str(ref.get("id", "")).isdigit():
                wanted[ref.get("model", "")].add(int(ref["id"]))
        self.urls: dict[tuple[str, int], str] = {}
        for label, ids in wanted.items():
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError):
                continue
            if not hasattr(model, "get_absolute_url"):
                continue
            queryset = model._default_manager.all()
            if hasattr(queryset, "restrict"):
                queryset = queryset.restrict(user)
            for record in queryset.filter(pk__in=ids):
                self.urls[(label, record.pk)] = record.get_absolute_url()

    def url(self, ref: dict) -> str:
        pk = str(ref.get("id", ""))
        return self.urls.get((ref.get("model", ""), int(pk)), "") if pk.isdigit() else ""

    def __call__(self, refs: list[dict]) -> list[dict]:
        return [{**ref, "url": self.url(ref)} for ref in refs]


def _standing(user, body: Body, snapshot: Snapshot) -> Standing | None:
    return Standing.objects.restrict(user).filter(snapshot=snapshot, body=body).first()


def _cell(obligation, standing: Standing, finding: Finding | None, links: RecordLinks) -> dict:
    status = standing.status(obligation.article)
    cell = {
        "obligation": obligation,
        "article": obligation.article,
        "status": status,
        "status_label": str(BoardStatus(status).label),
        "finding": finding,
        "failing": [],
        "evidence": [],
    }
    if finding is not None:
        cell["failing"], cell["evidence"] = links(finding.failing), links(finding.evidence)
    elif status == BoardStatus.MANUAL:
        cell["note"] = _("本条由考评员对照材料人工评分，平台不作自动检查。")
    else:
        cell["note"] = _("本条适用于%(who)s。") % {"who": obligation.applicability.label}
    return cell


def cell(user, body: Body, obligation, snapshot: Snapshot) -> dict:
    """A cell's evidence: the article's finding for the body on the snapshot's day."""
    standing = _standing(user, body, snapshot)
    if standing is None:
        raise NotFound(_("该快照中没有该单位。"))
    digest = standing.digest(obligation.article)
    finding = Finding.objects.filter(body=body, article=obligation.article, digest=digest).first() if digest else None
    links = RecordLinks(user, [*finding.failing, *finding.evidence] if finding else [])
    return {"body": body, "snapshot": snapshot, **_cell(obligation, standing, finding, links)}


def body_row(user, body: Body, snapshot: Snapshot, filters: Filters) -> dict | None:
    """The articles (by chapter and kind) of the body on the snapshot's day, each with its finding
    (two queries)."""
    standing = _standing(user, body, snapshot)
    if standing is None:
        return None
    findings = {
        (finding.article, finding.digest): finding
        for finding in Finding.objects.filter(body=body, digest__in={d for d in standing.findings if d})
    }
    headings = dict(chapters())
    links = RecordLinks(user, [ref for finding in findings.values() for ref in (*finding.failing, *finding.evidence)])
    by_chapter: dict[int, list] = {}
    for obligation in filters.articles():
        finding = findings.get((obligation.article, standing.digest(obligation.article)))
        by_chapter.setdefault(obligation.chapter, []).append(_cell(obligation, standing, finding, links))
    counts = Counter(cell["status"] for cells in by_chapter.values() for cell in cells)
    return {
        "standing": standing,
        "chapters": [(headings[number], cells) for number, cells in by_chapter.items()],
        "counts": {STATUS_CODES[status]: counts[status] for status in BoardStatus},
    }


# --- the trend -----------------------------------------------------------------------------------


def _sample(days: list, points: int) -> list:
    """At most `points` of `days` (oldest first), evenly apart and always with the latest."""
    if len(days) <= points:
        return days
    step = -(-len(days) // points)
    return days[::-1][::step][::-1]


def trend(user, snapshot: Snapshot, filters: Filters, body: Body | None = None) -> dict:
    """The share met (met ÷ (met + not met)) per chapter on the year's snapshots up to this one."""
    days = list(
        Snapshot.objects.complete()
        .filter(year=snapshot.year, as_of__lte=snapshot.as_of)
        .order_by("as_of")
        .values_list("pk", "as_of")
    )
    days = _sample(days, TREND_POINTS)
    rows = _rows(user, filters).filter(snapshot_id__in=[pk for pk, _day in days])
    if body is not None:
        rows = rows.filter(body=body)
    by_day: dict[int, list[str]] = {pk: [] for pk, _day in days}
    for snapshot_id, statuses in rows.values_list("snapshot_id", "statuses"):
        by_day[snapshot_id].append(statuses)
    by_chapter: dict[int, list[int]] = {}
    for obligation in filters.articles():
        by_chapter.setdefault(obligation.chapter, []).append(obligation.article - 1)
    met, not_met = STATUS_CODES[BoardStatus.MET], STATUS_CODES[BoardStatus.NOT_MET]
    series = {number: [] for number in by_chapter}
    for pk, _day in days:
        # One string of the day's letters, body after body: an article's column is every 56th letter.
        letters = "".join(by_day[pk])
        for number, positions in by_chapter.items():
            good = sum(letters[p :: registry.ARTICLE_COUNT].count(met) for p in positions)
            bad = sum(letters[p :: registry.ARTICLE_COUNT].count(not_met) for p in positions)
            series[number].append(round(100 * good / (good + bad), 1) if good + bad else None)
    headings = dict(chapters())
    return {
        "dates": [day.isoformat() for _pk, day in days],
        "series": [
            {"chapter": number, "name": headings[number], "values": values} for number, values in series.items()
        ],
    }


# --- deadlines -----------------------------------------------------------------------------------


def _deadline_ref(deadline: Deadline) -> dict:
    return {"model": f"{deadline.content_type.app_label}.{deadline.content_type.model}", "id": deadline.object_id}


def _deadline_row(deadline: Deadline, today: datetime.date, links: RecordLinks) -> dict:
    model = deadline.content_type.model_class()
    try:
        period = deadline.period
        label, source = period.label, period.source
    except InvalidInput:
        label, source = deadline.matter, ""
    return {
        "body": deadline.body.name,
        "body_id": deadline.body_id,
        "label": label,
        "source": source,
        "due_on": deadline.due_on,
        "days": (today - deadline.due_on).days,
        "record": str(model._meta.verbose_name) if model else "",
        "url": links.url(_deadline_ref(deadline)),
    }


def deadlines(user, *, body: Body | None = None, today: datetime.date | None = None) -> dict:
    """The open statutory deadlines in the user's scope (or one body's): overdue, and due within
    `UPCOMING_DAYS`, each the first `DEADLINE_LIMIT` by due date with the totals."""
    today = today or timezone.localdate()
    found = Deadline.objects.restrict(user).open().filter(due_on__isnull=False)
    if body is not None:
        found = found.filter(body=body)
    overdue = found.filter(due_on__lt=today)
    upcoming = found.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=UPCOMING_DAYS))

    def first(rows):
        rows = list(rows.select_related("body", "content_type").order_by("due_on", "pk")[:DEADLINE_LIMIT])
        links = RecordLinks(user, map(_deadline_ref, rows))
        return [_deadline_row(deadline, today, links) for deadline in rows]

    return {
        "today": today,
        "days": UPCOMING_DAYS,
        "limit": DEADLINE_LIMIT,
        "overdue": first(overdue),
        "overdue_total": overdue.count(),
        "upcoming": first(upcoming),
        "upcoming_total": upcoming.count(),
    }


def statuses_of(standing_letters: str) -> list[str]:
    """A body's 56 letters as statuses (for the API)."""
    return [CODE_STATUSES[letter] for letter in standing_letters]
