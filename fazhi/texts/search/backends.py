"""The two places the index can live, behind one interface: SQLite FTS5 and PostgreSQL tsvector/GIN.

Both answer the same question — the passages, in index order, that hold every query gram, that
contain every query term as a substring, and that the reader may see — and both keep the index
beside `texts_searchdocument`, keyed by its id. Neither needs a database extension. Writes use
plain SQL rather than the ORM because bulk indexing 150,000 passages must take seconds.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.db import connection

from fazhi.texts.search.segmenter import ASCII_LOWER, ASCII_UPPER, index_tokens

DOCUMENTS = "texts_searchdocument"
FTS_TABLE = "texts_search_index"
PG_VECTOR = "search_vector"

POOL_COLUMNS = "d.id, d.content_type_id, d.object_id, d.chunk, d.body_id, d.visibility, d.title, d.text, d.words"


@dataclass(frozen=True)
class Row:
    """One chunk ready to be written: the document's columns plus the index tokens."""

    content_type_id: int
    object_id: str
    chunk: int
    body_id: int | None
    visibility: str
    title: str
    text: str
    words: str
    tokens: str


def like_pattern(term: str) -> str:
    """`%term%` for LIKE, with LIKE's own wildcards in the term taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Backend(ABC):
    """What each database's full-text index must provide; the shared steps are written once here."""

    vendor = ""

    @abstractmethod
    def allocate_ids(self, cursor, count: int) -> list[int]: ...

    def insert(self, rows: list[Row]) -> None:
        """Write documents and their index entries; the caller holds a transaction."""
        if not rows:
            return
        with connection.cursor() as cursor:
            ids = self.allocate_ids(cursor, len(rows))
            self._insert(cursor, list(zip(ids, rows, strict=True)))

    @abstractmethod
    def _insert(self, cursor, pairs) -> None: ...

    @abstractmethod
    def delete(self, where: str, params: list) -> int:
        """Remove the documents matching `where` (SQL over `d`) and their index entries."""
        ...

    @abstractmethod
    def verify_clause(self, terms: list[str]) -> tuple[str, list]: ...

    @abstractmethod
    def pool(
        self,
        grams: list[str],
        terms: list[str],
        visibility: tuple[str, list],
        *,
        limit: int | None,
    ) -> list[tuple]:
        """Visible passages containing every term, at most `limit` (None: all), in the order the index yields them.

        No ORDER BY: the first `limit` matches the index yields are the cheapest to find, and the
        caller ranks them itself. Ordering by id would make PostgreSQL read every match first.
        """
        ...

    def scan(self, terms: list[str]) -> list[int]:
        """The ids a plain `LIKE '%term%'` scan finds, for the benchmark and tests to compare with."""
        clause = " AND ".join(["d.text LIKE %s ESCAPE '\\'"] * len(terms))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT d.id FROM {DOCUMENTS} d WHERE {clause}", [like_pattern(t) for t in terms])
            return [row[0] for row in cursor.fetchall()]


class SQLiteBackend(Backend):
    """FTS5, contentless (the text is in `texts_searchdocument` already) and `detail=none`.

    Only membership is asked of the index (ranking is done on the verified candidates), so
    neither positions (`detail=none`) nor column sizes (`columnsize=0`) are kept, which makes the
    index a fraction of the text's size. A contentless table is told which tokens to delete;
    they are recomputed from the stored text by the same deterministic function.
    """

    vendor = "sqlite"
    MMAP_SIZE = 1 << 30

    def allocate_ids(self, cursor, count: int) -> list[int]:
        # Inside the caller's IMMEDIATE transaction no one else writes; AUTOINCREMENT's sequence
        # follows explicit ids, so ids are never reused (the index is keyed by them).
        cursor.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {DOCUMENTS}), 0),"
            f" coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{DOCUMENTS}'), 0))"
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))

    def _insert(self, cursor, pairs) -> None:
        cursor.executemany(
            f"INSERT INTO {DOCUMENTS} (id, content_type_id, object_id, chunk, body_id, visibility, title, text, words)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (pk, r.content_type_id, r.object_id, r.chunk, r.body_id, r.visibility, r.title, r.text, r.words)
                for pk, r in pairs
            ],
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, tokens) VALUES (%s, %s)", [(pk, r.tokens) for pk, r in pairs]
        )

    def delete(self, where: str, params: list) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT d.id, d.text FROM {DOCUMENTS} d WHERE {where}", params)
            doomed = cursor.fetchall()
            if not doomed:
                return 0
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, tokens) VALUES ('delete', %s, %s)",
                [(pk, index_tokens(text)) for pk, text in doomed],
            )
            ids = [pk for pk, _text in doomed]
            for start in range(0, len(ids), 500):
                batch = ids[start : start + 500]
                cursor.execute(f"DELETE FROM {DOCUMENTS} WHERE id IN ({', '.join(['%s'] * len(batch))})", batch)
        return len(doomed)

    def verify_clause(self, terms: list[str]) -> tuple[str, list]:
        # SQLite's LIKE ignores the case of Latin letters only: the same folding as `segmenter.fold`.
        return " AND ".join(["d.text LIKE %s ESCAPE '\\'"] * len(terms)), [like_pattern(t) for t in terms]

    def _prepare(self) -> None:
        """Memory-map the database file for this connection, once.

        A search reads a few hundred scattered rows; through mmap they come straight from the
        operating system's page cache instead of being copied into each new connection's own
        (empty) cache, which halves the time of a typical query.
        """
        raw = connection.connection
        if getattr(connection, "_fazhi_search_mmap", None) is not raw:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA mmap_size = {self.MMAP_SIZE}")
            connection._fazhi_search_mmap = raw

    def pool(self, grams, terms, visibility, *, limit):
        connection.ensure_connection()
        self._prepare()
        match = " AND ".join(f'"{gram}"' for gram in grams)
        verify, verify_params = self.verify_clause(terms)
        visibility_sql, visibility_params = visibility
        sql = (
            f"SELECT {POOL_COLUMNS} FROM {FTS_TABLE} JOIN {DOCUMENTS} d ON d.id = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH %s AND {verify} AND {visibility_sql} LIMIT %s"
        )
        # SQLite reads LIMIT -1 as "no limit".
        params = [match, *verify_params, *visibility_params, limit or -1]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class PostgreSQLBackend(Backend):
    """A `tsvector` column built with the `simple` configuration from the pre-segmented tokens, GIN-indexed.

    `simple` only lower-cases, so the lexemes are exactly our grams. Positions are kept by
    PostgreSQL but unused; chunks stay far below its 16,383-position and 1 MiB tsvector limits.
    """

    vendor = "postgresql"

    def allocate_ids(self, cursor, count: int) -> list[int]:
        cursor.execute(
            f"SELECT nextval(pg_get_serial_sequence('{DOCUMENTS}', 'id')) FROM generate_series(1, %s)", [count]
        )
        return [row[0] for row in cursor.fetchall()]

    def _insert(self, cursor, pairs) -> None:
        cursor.executemany(
            f"INSERT INTO {DOCUMENTS}"
            f" (id, content_type_id, object_id, chunk, body_id, visibility, title, text, words, {PG_VECTOR})"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, to_tsvector('simple', %s))",
            [
                (
                    pk,
                    r.content_type_id,
                    r.object_id,
                    r.chunk,
                    r.body_id,
                    r.visibility,
                    r.title,
                    r.text,
                    r.words,
                    r.tokens,
                )
                for pk, r in pairs
            ],
        )

    def delete(self, where: str, params: list) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {DOCUMENTS} d WHERE {where}", params)
            return cursor.rowcount

    def verify_clause(self, terms: list[str]) -> tuple[str, list]:
        # Fold Latin letters only, as SQLite's LIKE does, so both backends return the same passages.
        # translate() costs ~30 µs a passage, so it is used only for terms with Latin letters (the
        # terms are folded already); for the others a plain LIKE is the same test.
        folded = f"translate(d.text, '{ASCII_UPPER}', '{ASCII_LOWER}') LIKE %s ESCAPE '\\'"
        plain = "d.text LIKE %s ESCAPE '\\'"
        clauses = [folded if any("a" <= ch <= "z" for ch in term) else plain for term in terms]
        return " AND ".join(clauses), [like_pattern(t) for t in terms]

    def pool(self, grams, terms, visibility, *, limit):
        verify, verify_params = self.verify_clause(terms)
        visibility_sql, visibility_params = visibility
        sql = (
            f"SELECT {POOL_COLUMNS} FROM {DOCUMENTS} d"
            f" WHERE d.{PG_VECTOR} @@ to_tsquery('simple', %s) AND {verify} AND {visibility_sql} LIMIT %s"
        )
        query = " & ".join(grams)
        # PostgreSQL reads LIMIT NULL as "no limit".
        params = [query, *verify_params, *visibility_params, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


_BACKENDS = {backend.vendor: backend for backend in (SQLiteBackend(), PostgreSQLBackend())}


def for_connection(conn=None) -> Backend:
    """The backend for the connection's database vendor."""
    vendor = (conn or connection).vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"full-text search is not implemented for {vendor}") from None
