"""The shared law corpus for tests: where it is, and its Markdown turned back into published text.

The corpus (../shared/corpus beside the repository, both here and in CI) marks structure with
Markdown; the parser must find that structure in plain text, so the markers are stripped and
the structure is counted separately from the Markdown, by the simplest rules that can be read
at a glance, for the parser's answer to be checked against.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
LAWS = CORPUS / "laws"

_NUMERAL = "〇零一二两三四五六七八九十百千"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING_MARK = re.compile(r"^#+[ \t]*", re.M)


def law_path(relative: str) -> Path:
    path = LAWS / relative
    if not path.exists():
        pytest.skip(f"law corpus not found at {LAWS}")
    return path


def markdown_to_text(markdown: str) -> str:
    """A corpus law as it is published: no front matter, no comments, no `#` before headings.

    The INFO block (the dated history lines under the title) stays, as the history printed
    under a law's title; only its `<!-- INFO END -->` marker goes.
    """
    text = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"))
    text = _COMMENT.sub("", text)
    return _HEADING_MARK.sub("", text)


@dataclass
class MarkdownStructure:
    title: str
    chapters: list[str]  # titles, spaces collapsed
    sections: list[str]
    articles: list[str]  # numbers as written: 第十七条之一


def markdown_structure(markdown: str) -> MarkdownStructure:
    """Chapters (`#… 第X章`), sections (`#… 第X节`) and articles (lines opening `第X条 `)."""
    title = re.search(r"^# (.+)$", markdown, re.M)[1].split("<!--")[0].strip()
    chapters = re.findall(rf"^#+\s*第[{_NUMERAL}]+章[ \t\u3000]*(.*)$", markdown, re.M)
    sections = re.findall(rf"^#+\s*第[{_NUMERAL}]+节[ \t\u3000]*(.*)$", markdown, re.M)
    articles = re.findall(rf"^(第[{_NUMERAL}]+条(?:之[{_NUMERAL}]+)?)[ \u3000]", markdown, re.M)
    return MarkdownStructure(
        title=title,
        chapters=[_collapse(chapter) for chapter in chapters],
        sections=[_collapse(section) for section in sections],
        articles=articles,
    )


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\u3000]+", " ", text).strip()
