"""The laws that powers cite, imported from the shared corpus through the official-document parser.

A power's legal basis is only as good as the text it points to: the page behind a citation shows
the article as the corpus has it, and the art. 5 check asks whether a cited law was amended after
the list was published. Only the laws that are needed are imported (`--match`), since the corpus
holds thousands. The corpus writes laws as Markdown; the markers are removed so that the parser
reads the text as published, and the dated lines under the title (`2021年1月22日 …修订`) give the
law's history.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.powers.models import LawArticle, LawText
from fazhi.texts import parser

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING_MARK = re.compile(r"^#+[ \t]*", re.M)
_TITLE = re.compile(r"^# (.+)$", re.M)
_INFO_END = "<!-- INFO END -->"
_DATED_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日[ \t\u3000]*(.*)$")
_AMENDING = ("修正", "修订", "修改")


def corpus_root() -> Path:
    return Path(settings.FAZHI_LAW_CORPUS)


@dataclass
class ParsedLaw:
    title: str
    history: list[dict]
    articles: list[parser.Article]

    def dates(self) -> dict:
        """Promulgation (the first dated event), last amendment, and entry into force."""
        days = [(datetime.date.fromisoformat(item["on"]), item["event"]) for item in self.history]
        amended = [day for day, event in days[1:] if any(word in event for word in _AMENDING)]
        effective = [day for day, event in days if "施行" in event]
        return {
            "promulgated_on": days[0][0] if days else None,
            "amended_on": amended[-1] if amended else None,
            "effective_on": effective[-1] if effective else None,
        }


def _history(markdown: str) -> list[dict]:
    if _INFO_END not in markdown:
        return []
    info = markdown.split(_INFO_END, 1)[0]
    events = []
    for line in info.splitlines():
        match = _DATED_LINE.match(line.strip())
        if match:
            year, month, day, event = match.groups()
            try:
                on = datetime.date(int(year), int(month), int(day))
            except ValueError:
                continue
            events.append({"on": on.isoformat(), "event": _COMMENT.sub("", event).strip()})
    return events


def parse_law(markdown: str) -> ParsedLaw:
    """A corpus law's title, dated history and articles (as the parser numbers them)."""
    markdown = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"))
    title_match = _TITLE.search(markdown)
    text = _HEADING_MARK.sub("", _COMMENT.sub("", markdown))
    document = parser.parse_text(text)
    title = _COMMENT.sub("", title_match[1]).strip() if title_match else document.title
    return ParsedLaw(title=title, history=_history(markdown), articles=document.articles)


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # an older text of a law already imported
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, why)


def law_files(root: Path, match: list[str] | None = None) -> list[Path]:
    """The corpus's law files (indexes and templates aside) whose path contains one of `match`."""
    if root.is_file():
        return [root]
    files = sorted(
        path for path in root.rglob("*.md") if path.name not in {"_index.md", "README.md", "法律法规模版.md"}
    )
    if match:
        files = [path for path in files if any(term in str(path.relative_to(root)) for term in match)]
    return files


def import_laws(root: Path, *, match: list[str] | None = None) -> ImportReport:
    """Import (or refresh) the matching laws; each law in its own transaction, unchanged files skipped."""
    report = ImportReport()
    base = root.parent if root.is_file() else root
    for path in law_files(root, match):
        relative = str(path.relative_to(base))
        try:
            data = path.read_bytes()
            parsed = parse_law(parser.decode(data))
        except (OSError, parser.ParseError) as exc:
            report.failed.append((relative, str(exc)))
            continue
        if not parsed.title or not parsed.articles:
            report.failed.append((relative, _("未能识别标题或条文")))
            continue
        outcome = _store(parsed, relative, hashlib.sha256(data).hexdigest())
        getattr(report, outcome).append(parsed.title)
    return report


def _latest(history: list[dict]) -> str:
    return max((item["on"] for item in history), default="")


@transaction.atomic
def _store(parsed: ParsedLaw, relative: str, digest: str) -> str:
    law = LawText.objects.select_for_update().filter(title=parsed.title).first()
    if law is not None and law.file_hash == digest:
        return "unchanged"
    if law is not None and law.source_path != relative and _latest(parsed.history) <= _latest(law.history):
        return "skipped"
    category = str(Path(relative).parent) if Path(relative).parent != Path(".") else ""
    values = {
        "category": category,
        "source_path": relative,
        "history": parsed.history,
        "file_hash": digest,
        **parsed.dates(),
    }
    created = law is None
    before = None if created else audit.snapshot(law, list(values))
    if created:
        law = LawText.objects.create(title=parsed.title, **values)
    else:
        for name, value in values.items():
            setattr(law, name, value)
        law.save()
        law.articles.all().delete()
    LawArticle.objects.bulk_create(
        LawArticle(law=law, number=article.number, ordinal=article.ordinal, text=article.text)
        for article in parsed.articles
    )
    audit.record(
        law,
        "powers.law_imported" if created else "powers.law_refreshed",
        actor=None,
        before=before,
        after={**audit.snapshot(law, list(values)), "articles": len(parsed.articles)},
    )
    return "created" if created else "updated"
