"""`fazhi parse FILE [--json]`: what the parser reads in a document, to check it before importing.

The JSON form is what scripts and the obligations registry consume; the plain form lets a
person see at a glance whether chapters and articles were found where they expected them.
"""

import json
from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.core.management.base import BadInput, FazhiCommand
from fazhi.texts import parser
from fazhi.texts.parser import ParsedDocument


def read_document(path: Path) -> ParsedDocument:
    """Parse the file at `path`, turning every way it can be unreadable into a Chinese BadInput."""
    if not path.exists():
        raise BadInput(_("文件不存在：%(path)s") % {"path": path})
    if path.is_dir():
        raise BadInput(_("%(path)s 是目录，请指定一个文本文件") % {"path": path})
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(_("无法读取文件 %(path)s：%(error)s") % {"path": path, "error": exc.strerror or exc}) from exc
    try:
        return parser.parse_bytes(data)
    except parser.EmptyInput as exc:
        raise BadInput(_("文件为空，没有可解析的文字：%(path)s") % {"path": path}) from exc
    except parser.BinaryInput as exc:
        raise BadInput(_("%(path)s 不是文本文件（含二进制内容），请提供纯文本公文或法规") % {"path": path}) from exc
    except parser.UndecodableInput as exc:
        raise BadInput(_("无法识别 %(path)s 的文字编码，请使用 UTF-8 或 GB18030") % {"path": path}) from exc


class Command(FazhiCommand):
    help = _("解析纯文本公文或法规：发文字号、标题、成文日期、章节条款和版记。")

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("UTF-8 或 GB18030 编码的纯文本文件"))
        parser.add_argument("--json", action="store_true", help=_("以一个 JSON 对象输出解析结果"))

    def handle(self, *args, file: str, **options):
        document = read_document(Path(file))
        if options["json"]:
            self.stdout.write(json.dumps(document.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary(document))


def summary(document: ParsedDocument) -> str:
    none = _("（无）")
    articles = document.articles
    number_of = {article.ordinal: article.number for article in articles}
    chapters = len([chapter for chapter in document.chapters if chapter.number])
    lines = [
        _("标题：%(value)s") % {"value": document.title or none},
        _("发文字号：%(value)s") % {"value": document.doc_number or none},
        _("发文机关：%(value)s") % {"value": document.issuer or none},
        _("成文日期：%(value)s") % {"value": document.signed_on.isoformat() if document.signed_on else none},
        _("附件标题：%(value)s") % {"value": document.attachment_title or none},
        _("共 %(chapters)d 章、%(articles)d 条") % {"chapters": chapters, "articles": len(articles)}
        if not document.sections
        else _("共 %(chapters)d 章、%(sections)d 节、%(articles)d 条")
        % {"chapters": chapters, "sections": len(document.sections), "articles": len(articles)},
    ]
    for chapter in document.chapters:
        if chapter.number:
            heading = _("第%(number)d章 %(title)s") % {"number": chapter.number, "title": chapter.title}
        else:
            heading = _("（不分章）")
        if chapter.part:
            heading = f"{chapter.part} · {heading}"
        if chapter.articles:
            span = _("%(first)s 至 %(last)s，%(count)d 条") % {
                "first": chapter.articles[0].number,
                "last": chapter.articles[-1].number,
                "count": len(chapter.articles),
            }
        else:
            span = _("无条款")
        lines.append(f"  {heading}（{span}）")
        for section in chapter.sections:
            span = _("%(first)s 至 %(last)s") % {
                "first": number_of.get(section.first_article, "-"),
                "last": number_of.get(section.last_article, "-"),
            }
            lines.append(
                "    "
                + _("第%(number)d节 %(title)s（%(span)s）")
                % {"number": section.number, "title": section.title, "span": span}
            )
    if document.closing:
        first_line = document.closing.splitlines()[0]
        lines.append(_("结尾：%(text)s") % {"text": first_line[:60] + ("…" if len(first_line) > 60 else "")})
    return "\n".join(lines)
