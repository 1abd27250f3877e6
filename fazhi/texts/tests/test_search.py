"""Chinese search: the index finds exactly what a substring scan finds, shows only what the reader may see.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL, so the same assertions hold on
both backends. Real articles from the corpus are indexed; each query's result set is compared
with a plain Python substring scan of the same passages.
"""

import json

import pytest
import rjieba
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from fazhi.core.errors import InvalidInput
from fazhi.core.models import Body
from fazhi.core.testing import api_client, make_user
from fazhi.core.testing.commands import call_fazhi
from fazhi.texts.search import backends, segmenter, service
from fazhi.texts.search.models import SearchDocument, Visibility
from fazhi.texts.search.passages import split_articles
from fazhi.texts.tests.corpus import law_path

LAWS = [
    "行政法规/政府信息公开条例(2019-04-03).md",
    "行政法规/饲料和饲料添加剂管理条例(2017-03-01).md",
    "行政法规/重大行政决策程序暂行条例(2019-04-20).md",
    "行政法规/规章制定程序条例(2017-12-22).md",
    "行政法规/行政复议法实施条例(2007-05-29).md",
    "行政法规/法规规章备案审查条例(2024-08-30).md",
    "行政法/行政处罚法(2021-01-22).md",
    "行政法/行政许可法(2019-04-23).md",
]

QUERIES = [
    "规范性文件",  # segmented 规范性/文件 or not, and split in the middle by the pairs
    "风险评估",
    "政府信息公开",
    "饲料添加剂",
    "添加剂",
    "听证",  # rare
    "应当",  # common
    "行政机关",
    "法",  # one character
    "罚",
    "信息 公开",  # several terms, each must occur
    "申请人 复议 期限",
    "县级以上人民政府",  # one term, several words
    "国务院办公厅",
    "（一）",  # punctuation is checked by the substring test, not the index
    "不存在的说法",
]


def _oracle(passages: dict[str, str], query: str) -> set[str]:
    """A plain substring scan: every term in the text, Latin letters case-insensitive as in LIKE."""
    terms = [segmenter.fold(term) for term in query.split()]
    return {key for key, text in passages.items() if all(term in segmenter.fold(text) for term in terms)}


def _content_type():
    return ContentType.objects.get_for_model(SearchDocument)


def _index(texts: dict[str, str], *, visibility=Visibility.PUBLIC, body=None) -> None:
    content_type = _content_type()
    service.index_passages(
        service.Passage(content_type.pk, key, f"条文 {key}", text, visibility, body.pk if body else None)
        for key, text in texts.items()
    )


def _found(query: str, **options) -> set[str]:
    result = service.search(query, limit=100_000, count_cap=100_000, **options)
    assert result.total == len(result.hits)
    return {hit.object_id for hit in result.hits}


@pytest.fixture
def articles(db) -> dict[str, str]:
    """Some four hundred real articles, indexed as public passages."""
    texts = {}
    for relative in LAWS:
        for article in split_articles(law_path(relative).read_text(encoding="utf-8")):
            texts[f"{len(texts) + 1}"] = article.text
    assert len(texts) > 300
    _index(texts)
    return texts


@pytest.mark.parametrize("query", QUERIES)
def test_result_set_equals_substring_scan(articles, query):
    expected = _oracle(articles, query)

    assert _found(query, public=True) == expected
    assert set(map(str, _object_ids(service.matching_ids(query, public=True)))) == expected


def _object_ids(document_ids):
    return SearchDocument.objects.filter(pk__in=document_ids).values_list("object_id", flat=True)


def test_query_set_is_not_trivial(articles):
    """The comparison above means something: the named queries match, common ones match many."""
    counts = {query: len(_oracle(articles, query)) for query in QUERIES}
    for query in ("规范性文件", "风险评估", "政府信息公开", "饲料添加剂", "信息 公开", "法"):
        assert counts[query] > 0, query
    assert counts["应当"] > 200
    assert counts["不存在的说法"] == 0


def test_database_scan_agrees_with_python_scan(articles):
    """The benchmark's LIKE scan and the tests' Python scan agree, so either may judge the index."""
    for query in ("规范性文件", "信息 公开", "法"):
        scanned = backends.for_connection().scan(query.split())
        assert set(_object_ids(scanned)) == _oracle(articles, query)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("开展高风险评估工作", "风险评估"),
        ("市政府信息公开目录", "政府信息公开"),
        ("确定政府信息公开性", "政府信息公开"),
    ],
)
def test_found_whatever_the_segmenter_did(db, text, query):
    """The passage's segmentation does not contain the query's words, yet the pairs find it."""
    assert not set(rjieba.cut(query)) <= set(rjieba.cut(text)), "precondition: segmented differently"
    _index({"1": text, "2": "无关的条文"})

    assert _found(query, public=True) == {"1"}


def test_ranking_prefers_passages_with_more_occurrences(db):
    _index(
        {
            "once": "制定规范性文件应当进行合法性审核，并由起草单位负责。" * 2,
            "twice": "规范性文件的审核：规范性文件应当统一登记。",
        }
    )

    result = service.search("规范性文件", public=True)

    assert [hit.object_id for hit in result.hits] == ["twice", "once"]
    assert result.hits[0].score > result.hits[1].score


def test_drafts_never_in_public_results(db, city):
    _index({"published": "公开的规范性文件"})
    _index({"draft": "草稿中的规范性文件"}, visibility=Visibility.DRAFT, body=city["market"])
    _index({"internal": "内部的规范性文件"}, visibility=Visibility.INTERNAL, body=city["market"])

    assert _found("规范性文件", public=True) == {"published"}
    assert _found("规范性文件") == {"published"}  # no user: the public


def test_internal_only_for_users_in_scope(db, city, people):
    _index({"published": "公开的规范性文件"})
    _index({"internal": "内部的规范性文件"}, visibility=Visibility.INTERNAL, body=city["market"])
    _index({"draft": "草稿中的规范性文件"}, visibility=Visibility.DRAFT, body=city["market"])
    _index({"orphan": "无单位的内部规范性文件"}, visibility=Visibility.INTERNAL)

    assert _found("规范性文件", user=people["market_clerk"]) == {"published", "internal", "draft"}
    assert _found("规范性文件", user=people["office"]) == {"published", "internal", "draft"}  # subtree
    assert _found("规范性文件", user=people["evaluator"]) == {"published", "internal"}  # view, not change
    assert _found("规范性文件", user=people["ecology_clerk"]) == {"published"}
    assert _found("规范性文件", user=people["county_office"]) == {"published"}
    assert _found("规范性文件", user=people["outsider"]) == {"published"}
    assert _found("规范性文件", user=people["market_clerk"], public=True) == {"published"}
    superuser = make_user("root", is_superuser=True, is_staff=True)
    assert _found("规范性文件", user=superuser) == {"published", "internal", "draft", "orphan"}


def test_long_text_is_chunked_and_a_match_across_a_boundary_is_found(db):
    filler = "甲乙丙丁戊己庚辛壬癸" * (service.CHUNK_SIZE // 10 + 50)
    phrase = "跨越分段边界的检索短语"
    text = filler[: service.CHUNK_SIZE - 5] + phrase + filler[: service.CHUNK_SIZE] + "结尾的短语"
    _index({"long": text, "short": "不相干"})

    chunks = list(SearchDocument.objects.filter(object_id="long").order_by("chunk").values_list("text", flat=True))
    assert len(chunks) == 3
    assert all(len(chunk) <= service.CHUNK_SIZE for chunk in chunks)
    assert phrase not in chunks[0] and phrase in chunks[1]  # cut by the first chunk's end; whole in the next

    for query in (phrase, "结尾的短语", "甲乙丙"):
        result = service.search(query, public=True)
        assert [hit.object_id for hit in result.hits] == ["long"], query
        assert result.total == 1  # one record, however many of its chunks match
    assert phrase in service.search(phrase, public=True).hits[0].snippet.replace("<mark>", "").replace("</mark>", "")


def test_every_short_match_lies_inside_one_chunk():
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3 * service.CHUNK_SIZE))
    chunks = segmenter.chunks(text, size=service.CHUNK_SIZE, overlap=service.CHUNK_OVERLAP)
    for start in range(0, len(text) - service.MAX_QUERY_LENGTH, 37):
        needle = text[start : start + service.MAX_QUERY_LENGTH]
        assert any(needle in chunk for chunk in chunks), start


def test_chunks_stay_within_postgresql_limits():
    """A tsvector's positions stop at 16,383 and its size at 1 MiB; a chunk has at most 2 grams a character."""
    text = "".join(chr(0x4E00 + i) for i in range(service.CHUNK_SIZE))
    tokens = segmenter.index_tokens(text).split()
    assert len(tokens) < 16_383 // 2
    assert len(" ".join(tokens).encode()) < 1024 * 1024 // 8


def test_snippet_marks_matches_and_escapes_html(db):
    _index({"1": '<script>alert("x")</script>制定规范性文件 & 备案 <b>规范性文件</b>'})

    (hit,) = service.search("规范性文件", public=True).hits

    assert "<script>" not in hit.snippet and "<b>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "&amp;" in hit.snippet
    assert hit.snippet.count("<mark>规范性文件</mark>") == 2


def test_snippet_marks_every_term_and_latin_letters_in_any_case():
    snippet = service.snippet("依照GB/T 9704印制公文，并附规范性文件目录。", ["gb/t", "目录"])

    assert "<mark>GB/T</mark>" in snippet and "<mark>目录</mark>" in snippet


def test_count_is_capped_and_says_so(db, settings):
    _index({f"{i}": f"第{i}号规范性文件" for i in range(30)})

    capped = service.search("规范性文件", public=True, limit=5, count_cap=10)
    exact = service.search("规范性文件", public=True, limit=5, count_cap=30)
    settings.FAZHI_SEARCH_COUNT_CAP = 29
    default = service.search("规范性文件", public=True)

    assert (capped.total, capped.total_capped, len(capped.hits)) == (10, True, 5)
    assert (exact.total, exact.total_capped) == (30, False)
    assert (default.total, default.total_capped, len(default.hits)) == (29, True, 20)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入检索词"),
        ("   \u3000 ", "请输入检索词"),
        ("规" * 101, "不能超过 100 个字"),
        ("《》，。", "须包含汉字、字母或数字"),
    ],
)
def test_bad_queries_are_refused_in_chinese(db, query, message):
    with pytest.raises(InvalidInput) as refused:
        service.search(query)

    assert refused.value.status_code == 400
    assert message in str(refused.value.detail)


def test_a_query_of_exactly_the_maximum_length_is_accepted(db):
    _index({"1": "规" * 120})

    assert service.search("规" * service.MAX_QUERY_LENGTH, public=True).total == 1


def test_registered_records_are_indexed_reindexed_and_removed(db, city, monkeypatch):
    def extract(body):
        if body.code == "unsearchable":
            return None
        return service.Entry(title=body.name, text=f"{body.name}负责制定规范性文件", visibility=Visibility.PUBLIC)

    monkeypatch.setitem(service._REGISTRY, Body, extract)
    market = city["market"]

    service.index(market)
    assert _found("市场监督管理局负责") == {str(market.pk)}

    market.name = "江门市市场监管局"
    service.index(market)  # re-indexing replaces the old text
    assert _found("市场监督管理局负责") == set()
    assert _found("市场监管局负责") == {str(market.pk)}

    service.remove(market)
    assert _found("市场监管局负责") == set()

    assert service.reindex(Body) == Body.objects.count()
    assert _found("规范性文件") == {str(pk) for pk in Body.objects.values_list("pk", flat=True)}
    assert service.reindex(Body) == Body.objects.count()  # again: nothing doubled
    assert SearchDocument.objects.count() == Body.objects.count()


def test_unregistered_model_is_refused(db, city):
    with pytest.raises(LookupError):
        service.index(city["market"])


def test_search_command_prints_hits_and_json(articles):
    plain = call_fazhi("search", "饲料添加剂")
    as_json = call_fazhi("search", "饲料添加剂", "--json", "--limit", "3")

    assert plain.returncode == 0, plain.stderr
    assert "【饲料添加剂】" in plain.stdout
    data = json.loads(as_json.stdout)
    assert data["total"] == len(_oracle(articles, "饲料添加剂")) and not data["total_capped"]
    assert len(data["hits"]) == 3
    assert "<mark>饲料添加剂</mark>" in data["hits"][0]["snippet"]


def test_search_command_refuses_bad_input(db):
    empty = call_fazhi("search", "  ")
    long = call_fazhi("search", "规" * 101)

    assert empty.returncode == 2 and "请输入检索词" in empty.stderr
    assert long.returncode == 2 and "不能超过" in long.stderr


def test_api_answers_the_public_and_signed_in_users_by_scope(db, city, people):
    _index({"published": "公开的规范性文件"})
    _index({"internal": "内部的规范性文件"}, visibility=Visibility.INTERNAL, body=city["market"])

    anonymous = api_client().get("/api/v1/search/", {"q": "规范性文件"})
    clerk = api_client(people["market_clerk"]).get("/api/v1/search/", {"q": "规范性文件"})
    other = api_client(people["ecology_clerk"]).get("/api/v1/search/", {"q": "规范性文件"})

    assert anonymous.status_code == 200
    assert [hit["object_id"] for hit in anonymous.json()["hits"]] == ["published"]
    assert {hit["object_id"] for hit in clerk.json()["hits"]} == {"published", "internal"}
    assert [hit["object_id"] for hit in other.json()["hits"]] == ["published"]
    assert anonymous.json()["total"] == 1 and anonymous.json()["total_capped"] is False


@pytest.mark.parametrize(("params", "message"), [({}, "请输入检索词"), ({"q": "规" * 101}, "不能超过")])
def test_api_refuses_bad_queries_with_the_error_body(db, params, message):
    response = api_client().get("/api/v1/search/", params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and message in response.json()["detail"]


def test_index_lives_where_the_vendor_keeps_it(db):
    """SQLite: the FTS5 table; PostgreSQL: the tsvector column. No extension either way."""
    _index({"1": "规范性文件"})
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT rowid FROM {backends.FTS_TABLE} WHERE {backends.FTS_TABLE} MATCH '\"范性\"'")
        else:
            cursor.execute(
                f"SELECT id FROM {backends.DOCUMENTS} WHERE {backends.PG_VECTOR} @@ to_tsquery('simple', '范性')"
            )
        assert [row[0] for row in cursor.fetchall()] == list(SearchDocument.objects.values_list("pk", flat=True))
