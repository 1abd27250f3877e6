"""What the index stores for a text and what a query looks for: character grams and words.

Recall must not depend on the segmenter: rjieba may cut 规范性文件 as 规范性/文件 in one passage
and 规范/性/文件 in another, so the index holds every overlapping pair of letters or digits in
each run of them (and every single one, for one-character queries). A passage containing the
query as a substring contains all of the query's pairs, so the pairs find every passage a
`LIKE '%…%'` scan finds; the database then checks the substring itself, so nothing else is
returned. The segmenter's words serve ranking: a passage whose own segmentation has the query's
words ranks above one where the characters merely sit side by side.

This module imports neither Django nor the database, so a process pool can segment in parallel.
"""

import re

import rjieba

# Letters and digits of any script (Python's \w without the underscore): what both tokenizers,
# SQLite's unicode61 and PostgreSQL's default parser, keep inside a token.
_RUN = re.compile(r"[^\W_]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ASCII_UPPER_CHAR = re.compile("[A-Z]")
ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"


def fold(text: str) -> str:
    """Latin letters in lower case, nothing else changed (lengths stay, so offsets stay valid).

    It is the case-insensitivity of SQLite's LIKE, applied the same way on every backend.
    (`str.translate` is slow on CJK text, so it runs only when there is something to fold.)
    """
    return text.translate(_ASCII_LOWER) if _ASCII_UPPER_CHAR.search(text) else text


def index_tokens(text: str) -> str:
    """Every distinct letter/digit and overlapping pair of them, space-joined, for the index.

    Deterministic and independent of the segmenter, so that SQLite's contentless index can be
    told exactly which tokens to delete from the stored text alone.
    """
    seen: dict[str, None] = {}
    for run in _RUN.findall(fold(text)):
        seen.update(dict.fromkeys(run))
        seen.update(dict.fromkeys(run[i : i + 2] for i in range(len(run) - 1)))
    return " ".join(seen)


def query_grams(term: str) -> list[str]:
    """The tokens every passage containing `term` has: its pairs, or the character of a one-character run."""
    grams: dict[str, None] = {}
    for run in _RUN.findall(fold(term)):
        if len(run) == 1:
            grams[run] = None
        else:
            grams.update(dict.fromkeys(run[i : i + 2] for i in range(len(run) - 1)))
    return list(grams)


def words(text: str) -> list[str]:
    """rjieba's words of `text` that hold a letter or digit (punctuation and spaces dropped)."""
    return [word for word in rjieba.cut(fold(text)) if _RUN.search(word)]


def prepare(text: str) -> tuple[str, str]:
    """(space-joined words, index tokens) of one chunk: the segmenting work, run in a pool for bulk indexing."""
    return " ".join(words(text)), index_tokens(text)


def chunks(text: str, *, size: int, overlap: int) -> list[str]:
    """`text` in pieces of at most `size` characters, each overlapping the next by `overlap`.

    A match no longer than `overlap + 1` characters lies wholly inside some piece, so a query up
    to that length that spans a boundary is still found.
    """
    if len(text) <= size:
        return [text]
    step = size - overlap
    return [text[start : start + size] for start in range(0, len(text) - overlap, step)]
