"""Laws split into article passages: the unit a reader searches for and a citation points to.

The shared corpus writes a law as Markdown whose articles are paragraphs opening `第X条`; an
article runs on over the following paragraphs until the next article or heading. Later modules
that index laws, and the search benchmark and tests, all split laws this same way.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_NUMERAL = "〇零一二两三四五六七八九十百千"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ARTICLE = re.compile(rf"^(第[{_NUMERAL}]+条(?:之[{_NUMERAL}]+)?)[ \u3000]")
_TITLE = re.compile(r"^# (.+)$", re.M)


@dataclass(frozen=True)
class Article:
    law: str  # the law's title
    number: str  # as written: 第十七条之一
    text: str  # the article's paragraphs joined by newlines, its number included


def split_articles(markdown: str) -> list[Article]:
    """The articles of one corpus law, in order; text outside articles (title, history) is left out."""
    markdown = _COMMENT.sub("", _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n")))
    title_match = _TITLE.search(markdown)
    law = title_match[1].strip() if title_match else ""
    articles: list[Article] = []
    number, paragraphs = None, []
    for raw in markdown.split("\n"):
        line = raw.strip()
        match = _ARTICLE.match(line)
        if match or line.startswith("#"):
            if number:
                articles.append(Article(law, number, "\n".join(paragraphs)))
            number, paragraphs = (match[1], [line]) if match else (None, [])
        elif number and line:
            paragraphs.append(line)
    if number:
        articles.append(Article(law, number, "\n".join(paragraphs)))
    return articles


def law_files(root: Path) -> list[Path]:
    """Every law in the corpus, in a stable order (indexes aside)."""
    return sorted(path for path in root.rglob("*.md") if path.name != "_index.md" and path.name != "README.md")


def corpus_articles(root: Path) -> Iterator[tuple[Path, Article]]:
    for path in law_files(root):
        for article in split_articles(path.read_text(encoding="utf-8")):
            yield path, article
