"""Chinese full-text search: what modules register, how records are indexed, and how a query is answered.

A module registers a model with a function that says what of a record is searchable (title,
text, owning body, visibility); its services call `index(record)` after a change and
`remove(record)` before a deletion, and `reindex(Model)` rebuilds one kind from scratch.

A query is answered in three steps (DESIGN §2, Chinese search):

1. Candidates: passages holding every character pair of the query (see `segmenter`) — whatever
   rjieba did to either text, these include every passage a substring scan would find.
2. Verification: the database keeps the candidates that contain each query term as a substring
   (`LIKE`, Latin letters case-insensitive) and that the reader may see, in index order,
   stopping after `count_cap + 1` records. So recall and precision are those of the scan, and no query,
   however common its words, costs more than `count_cap` verified passages.
3. Ranking: BM25 over the segmenter's words of the query, counted in each passage's own
   segmentation (stored at indexing), plus the query terms themselves; then the best `limit`.
   When more than `count_cap` records match, the total says so, and ranking is over the
   first `count_cap` of them in index order — the price of a bounded answer time.
"""

import heapq
import html
import math
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from fazhi.core.access import scope_body_ids
from fazhi.core.errors import InvalidInput
from fazhi.texts.search import backends, segmenter
from fazhi.texts.search.models import Visibility

MAX_QUERY_LENGTH = 100
# A chunk of 4,000 characters has at most ~8,000 grams: half of PostgreSQL's 16,383 positions and
# a tsvector of some 100 KB, far below its 1 MiB. The overlap lets any query (≤ 100 characters)
# that crosses a boundary lie wholly inside the next chunk.
CHUNK_SIZE = 4000
CHUNK_OVERLAP = MAX_QUERY_LENGTH - 1
BULK_BATCH = 2000
_K1, _B = 1.2, 0.75


@dataclass(frozen=True)
class Entry:
    """What a registered function says about one record; None from it means "not searchable"."""

    title: str
    text: str
    visibility: str
    body_id: int | None = None


@dataclass(frozen=True)
class Passage:
    """A record's searchable text with its owner, for bulk indexing (`index_passages`)."""

    content_type_id: int
    object_id: str
    title: str
    text: str
    visibility: str
    body_id: int | None = None


@dataclass
class Hit:
    content_type: str  # "app_label.model"
    object_id: str
    title: str
    chunk: int
    snippet: str  # HTML: the matches in <mark>, everything else escaped
    score: float
    body_id: int | None
    visibility: str
    doc_number: str = ""  # the record's 发文字号, where its module says (see `register`)

    def as_dict(self) -> dict:
        return {
            "content_type": self.content_type,
            "id": self.object_id,
            "object_id": self.object_id,
            "title": self.title,
            "doc_number": self.doc_number,
            "chunk": self.chunk,
            "snippet": self.snippet,
            "score": round(self.score, 4),
            "body": self.body_id,
            "visibility": self.visibility,
        }


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    total: int
    total_capped: bool
    hits: list[Hit] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "total_capped": self.total_capped,
            "hits": [hit.as_dict() for hit in self.hits],
        }


# ---------------------------------------------------------------------------------------------
# Registry


_REGISTRY: dict[type[Model], Callable[[Model], Entry | None]] = {}
# Per model, `numbers(object_ids) -> {object_id: 发文字号}`: asked once per model for the hits shown,
# so a number that changes after indexing is shown as it is now.
_NUMBERS: dict[type[Model], Callable[[list[str]], dict[str, str]]] = {}


def register(
    model: type[Model],
    extract: Callable[[Model], Entry | None] | None = None,
    *,
    numbers: Callable[[list[str]], dict[str, str]] | None = None,
):
    """Declare `model` searchable; `extract(record)` gives its Entry. Usable as a decorator.

    A model whose records carry a document number passes `numbers`, so that hits show it.
    """
    if numbers is not None:
        _NUMBERS[model] = numbers

    def decorate(function):
        _REGISTRY[model] = function
        return function

    return decorate(extract) if extract is not None else decorate


def registered() -> dict[type[Model], Callable[[Model], Entry | None]]:
    return dict(_REGISTRY)


def _extractor(model: type[Model]) -> Callable[[Model], Entry | None]:
    concrete = model._meta.concrete_model
    try:
        return _REGISTRY[concrete]
    except KeyError:
        raise LookupError(f"{concrete._meta.label} is not registered for search") from None


# ---------------------------------------------------------------------------------------------
# Indexing


def _chunked(passages: Iterable[Passage]) -> Iterator[tuple[Passage, int, str]]:
    for passage in passages:
        if passage.visibility not in Visibility.values:
            raise ValueError(f"unknown visibility {passage.visibility!r}")
        for number, text in enumerate(segmenter.chunks(passage.text, size=CHUNK_SIZE, overlap=CHUNK_OVERLAP)):
            yield passage, number, text


def index_passages(passages: Iterable[Passage], *, workers: int = 1) -> int:
    """Write passages (new ones: the caller removes old versions first); returns the chunks written.

    With `workers` > 1 the segmenting — most of the cost — runs in a process pool while this
    process writes. Each batch is its own transaction, so a bulk load does not hold SQLite's
    write lock for its whole length.
    """
    backend = backends.for_connection()
    pieces = _chunked(passages)
    written = 0
    pool = None
    if workers > 1:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        while batch := list(islice(pieces, BULK_BATCH)):
            texts = [text for _passage, _number, text in batch]
            if pool is not None:
                prepared = list(pool.map(segmenter.prepare, texts, chunksize=200))
            else:
                prepared = [segmenter.prepare(text) for text in texts]
            rows = [
                backends.Row(
                    content_type_id=passage.content_type_id,
                    object_id=str(passage.object_id),
                    chunk=number,
                    body_id=passage.body_id,
                    visibility=passage.visibility,
                    title=passage.title[:500],
                    text=text,
                    words=words,
                    tokens=tokens,
                )
                for (passage, number, text), (words, tokens) in zip(batch, prepared, strict=True)
            ]
            with transaction.atomic():
                backend.insert(rows)
            written += len(rows)
    finally:
        if pool is not None:
            pool.shutdown()
    return written


def _record_where(content_type_id: int, object_ids: list[str] | None = None) -> tuple[str, list]:
    if object_ids is None:
        return "d.content_type_id = %s", [content_type_id]
    return (
        f"d.content_type_id = %s AND d.object_id IN ({', '.join(['%s'] * len(object_ids))})",
        [content_type_id, *object_ids],
    )


@transaction.atomic
def index(record: Model) -> int:
    """(Re)index one record from its registered Entry; a None entry removes it. Returns chunks written."""
    entry = _extractor(type(record))(record)
    content_type = ContentType.objects.get_for_model(record)
    backend = backends.for_connection()
    backend.delete(*_record_where(content_type.pk, [str(record.pk)]))
    if entry is None or not entry.text.strip():
        return 0
    passage = Passage(content_type.pk, str(record.pk), entry.title, entry.text, entry.visibility, entry.body_id)
    return index_passages([passage])


@transaction.atomic
def remove(record: Model) -> int:
    """Take one record out of the index (call before deleting it). Returns chunks removed."""
    content_type = ContentType.objects.get_for_model(record)
    return backends.for_connection().delete(*_record_where(content_type.pk, [str(record.pk)]))


def reindex(model: type[Model], *, workers: int = 1) -> int:
    """Rebuild the index of one registered model from its records. Returns chunks written."""
    extract = _extractor(model)
    content_type = ContentType.objects.get_for_model(model)
    with transaction.atomic():
        backends.for_connection().delete(*_record_where(content_type.pk))

    def passages():
        for record in model._default_manager.all().iterator(chunk_size=BULK_BATCH):
            entry = extract(record)
            if entry is not None and entry.text.strip():
                yield Passage(content_type.pk, str(record.pk), entry.title, entry.text, entry.visibility, entry.body_id)

    return index_passages(passages(), workers=workers)


# ---------------------------------------------------------------------------------------------
# Searching


def parse_query(query: str) -> tuple[list[str], list[str]]:
    """(terms, grams) of a query, or a Chinese InvalidInput saying what is wrong with it.

    Terms are separated by spaces and must all occur (each as a substring); grams are what
    the index is asked for.
    """
    query = (query or "").strip()
    if not query:
        raise InvalidInput(_("请输入检索词。"), errors={"q": [_("请输入检索词。")]})
    if len(query) > MAX_QUERY_LENGTH:
        message = _("检索词不能超过 %(max)d 个字，当前为 %(length)d 个字。") % {
            "max": MAX_QUERY_LENGTH,
            "length": len(query),
        }
        raise InvalidInput(message, errors={"q": [message]})
    terms = list(dict.fromkeys(segmenter.fold(term) for term in query.split()))
    grams = list(dict.fromkeys(gram for term in terms for gram in segmenter.query_grams(term)))
    if not grams:
        message = _("检索词须包含汉字、字母或数字。")
        raise InvalidInput(message, errors={"q": [message]})
    return terms, grams


def visibility_filter(user, public: bool) -> tuple[str, list]:
    """SQL over `d` for what the reader may see: the public sees public passages only.

    A signed-in user also sees internal passages of bodies in their `view` scope and drafts of
    bodies in their `change` scope; a superuser sees everything.
    """
    if public or user is None or not user.is_authenticated:
        return "d.visibility = %s", [Visibility.PUBLIC]
    if user.is_superuser:
        return "1 = 1", []
    clauses, params = ["d.visibility = %s"], [Visibility.PUBLIC]
    for visibility, action in ((Visibility.INTERNAL, "view"), (Visibility.DRAFT, "change")):
        body_ids = sorted(scope_body_ids(user, action))
        if body_ids:
            clauses.append(f"(d.visibility = %s AND d.body_id IN ({', '.join(['%s'] * len(body_ids))}))")
            params.extend([visibility, *body_ids])
    return "(" + " OR ".join(clauses) + ")", params


def search(query: str, *, user=None, public: bool = False, limit: int = 20, count_cap: int | None = None):
    """The best `limit` visible records for `query`, with snippets, and how many match (up to `count_cap`)."""
    terms, grams = parse_query(query)
    cap = count_cap if count_cap is not None else settings.FAZHI_SEARCH_COUNT_CAP
    limit = max(0, limit)
    backend = backends.for_connection()
    visibility = visibility_filter(user, public)

    # Verified passages in index order until cap + 1 distinct records are seen. A record has
    # several rows only when its text was long enough to be chunked, so one query nearly always
    # suffices; otherwise ask again for twice as many rows.
    wanted = cap + 1
    while True:
        rows = backend.pool(grams, terms, visibility, limit=wanted)
        records: dict[tuple[int, str], None] = {}
        kept = []
        for row in rows:
            key = (row[1], row[2])
            if key not in records and len(records) > cap:
                break
            records[key] = None
            kept.append(row)
        if len(records) > cap or len(rows) < wanted:
            break
        wanted *= 2
    total_capped = len(records) > cap
    total = min(len(records), cap)

    chosen: dict[tuple[int, str], tuple[float, tuple]] = {}
    for score, row in _rank(kept, terms):
        key = (row[1], row[2])
        if key not in chosen or score > chosen[key][0]:
            chosen[key] = (score, row)
    top = heapq.nlargest(limit, chosen.values(), key=lambda item: (item[0], item[1][0]))
    labels = _content_type_labels({row[1] for _score, row in top})
    hits = [
        Hit(
            content_type=labels.get(row[1], ""),
            object_id=row[2],
            title=row[6],
            chunk=row[3],
            snippet=snippet(row[7], terms),
            score=score,
            body_id=row[4],
            visibility=row[5],
        )
        for score, row in top
    ]
    _add_numbers(hits, {row[1] for _score, row in top})
    return SearchResult(query=query.strip(), terms=terms, total=total, total_capped=total_capped, hits=hits)


def matching_ids(query: str, *, user=None, public: bool = False) -> list[int]:
    """Every visible passage (chunk) id matching `query`, uncapped: for the benchmark and tests."""
    terms, grams = parse_query(query)
    backend = backends.for_connection()
    return [row[0] for row in backend.pool(grams, terms, visibility_filter(user, public), limit=None)]


def _add_numbers(hits: list[Hit], content_type_ids: set[int]) -> None:
    """Fill `doc_number` from the registered `numbers` functions: one call per model shown."""
    for content_type_id in content_type_ids:
        content_type = ContentType.objects.get_for_id(content_type_id)
        numbers = _NUMBERS.get(content_type.model_class())
        if numbers is None:
            continue
        label = f"{content_type.app_label}.{content_type.model}"
        mine = [hit for hit in hits if hit.content_type == label]
        found = numbers([hit.object_id for hit in mine])
        for hit in mine:
            hit.doc_number = found.get(hit.object_id, "")


def _content_type_labels(ids: set[int]) -> dict[int, str]:
    return {ct.pk: f"{ct.app_label}.{ct.model}" for ct in map(ContentType.objects.get_for_id, ids)}


def _rank(rows: list[tuple], terms: list[str]) -> list[tuple[float, tuple]]:
    """BM25 over the query's words in each passage's own segmentation, plus the terms as phrases.

    Document frequencies come from the verified pool itself: every passage in it contains every
    term, but not every passage's segmentation has the query's words, and those that do rank
    higher. The terms count with a fixed weight, so more occurrences rank higher too.
    """
    if not rows:
        return []
    query_words = list(dict.fromkeys(word for term in terms for word in segmenter.words(term)))
    padded = [f" {row[8]} " for row in rows]
    lengths = [text.count(" ") - 1 for text in padded]
    average = max(1.0, sum(lengths) / len(lengths))
    # Folding matters only when a term has Latin letters (the terms are folded already).
    texts = (
        [segmenter.fold(row[7]) for row in rows] if any(term.isascii() for term in terms) else [row[7] for row in rows]
    )
    columns = []
    for word in query_words:
        needle = f" {word} "
        counts = [text.count(needle) for text in padded]
        frequency = len(counts) - counts.count(0)
        columns.append((math.log(1 + (len(rows) - frequency + 0.5) / (frequency + 0.5)), counts))
    columns.extend((1.0, [text.count(term) for text in texts]) for term in terms)
    k1_plus_1 = _K1 + 1
    norms = [_K1 * (1 - _B + _B * length / average) for length in lengths]
    scores = [0.0] * len(rows)
    for weight, counts in columns:
        for index, count in enumerate(counts):
            if count:
                scores[index] += weight * count * k1_plus_1 / (count + norms[index])
    return list(zip(scores, rows, strict=True))


def _matches(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of every occurrence of every term (Latin letters case-folded)."""
    folded = segmenter.fold(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: list[str], *, before: int = 40, width: int = 160) -> str:
    """About `width` characters around the first match, matches in <mark>, the rest HTML-escaped."""
    spans = _matches(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - before)
    end = min(len(text), start + width)
    parts = ["…" if start > 0 else ""]
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(html.escape(text[position:span_start]))
        parts.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(html.escape(text[position:end]))
    parts.append("…" if end < len(text) else "")
    return "".join(parts)
