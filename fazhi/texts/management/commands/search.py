"""`fazhi search QUERY [--json]`: the index as the public (or a named user) would search it.

For checking from a terminal that something is findable, and for scripts (`--json` prints the
same object as the API). Bad queries are bad input (exit 2) with the service's Chinese message.
"""

import json

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from fazhi.core.management.base import BadInput, FazhiCommand
from fazhi.texts.search import service


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


_positive.__name__ = "integer"


class Command(FazhiCommand):
    help = _("全文检索：按检索词查找段落，显示命中片段与总数（默认只检索公开内容）。")

    def add_arguments(self, parser):
        parser.add_argument("query", metavar="QUERY", help=_("检索词；以空格分隔的多个词须同时出现"))
        parser.add_argument("--json", action="store_true", help=_("以一个 JSON 对象输出结果"))
        parser.add_argument("--limit", type=_positive, default=20, help=_("最多显示的结果数（默认 20）"))
        parser.add_argument("--user", metavar="USERNAME", help=_("以该用户的范围检索（含其可见的内部内容）"))

    def handle(self, *args, query: str, limit: int, user: str | None, **options):
        reader = None
        if user:
            reader = get_user_model().objects.filter(username=user, is_active=True).first()
            if reader is None:
                raise BadInput(_("用户不存在或已停用：%(user)s") % {"user": user})
        result = service.search(query, user=reader, public=reader is None, limit=limit)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        if result.total_capped:
            self.stdout.write(
                _("超过 %(total)d 条结果，显示前 %(shown)d 条：") % {"total": result.total, "shown": len(result.hits)}
            )
        else:
            self.stdout.write(_("共 %(total)d 条结果：") % {"total": result.total})
        for number, hit in enumerate(result.hits, 1):
            self.stdout.write(f"{number}. {hit.title}" + (f"（{hit.doc_number}）" if hit.doc_number else ""))
            self.stdout.write("   " + _plain(hit.snippet))


def _plain(snippet: str) -> str:
    """The HTML snippet for a terminal: matches in 【】, entities decoded."""
    import html

    return html.unescape(snippet.replace("<mark>", "【").replace("</mark>", "】"))
