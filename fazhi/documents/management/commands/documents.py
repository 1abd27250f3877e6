"""`fazhi documents import PATH… --body BODY [--draft]`: bring a body's legacy documents in from disk.

For the office that takes over a body's paper and shared drives: folders are walked recursively
for .txt, .md, .docx and .xlsx files; each file becomes a published legacy document of BODY (or a
draft with `--draft`), each workbook all its rows or none. Each file is its own transaction, so
one bad file does not hold back the others, and running the command again over the same folder
changes nothing. One line per file says what became of it. Exit 0 when every file was imported
or already there, 1 when some failed, 2 for an unknown body or a missing path.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.core.management.base import BadInput, CheckFailed, FazhiCommand
from fazhi.core.models import Body
from fazhi.documents import imports


class Command(FazhiCommand):
    help = _("规范性文件：import 导入历史文件（.txt、.md、.docx 文件或 .xlsx 表格，可为目录）。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import}", title=_("子命令"))
        load = actions.add_parser("import", help=_("导入历史规范性文件；同一文件再次导入不会重复登记"))
        load.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=_("文件或目录（目录含子目录）"))
        load.add_argument("--body", required=True, metavar="BODY", help=_("文件所属单位的代码、编号或全称"))
        load.add_argument("--draft", action="store_true", help=_("导入为起草中的草稿，而非已发布的历史文件"))

    def handle(self, *args, action: str, paths: list[Path], body: str, draft: bool, **options):
        target = _find_body(body)
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise BadInput(_("找不到：%(paths)s") % {"paths": "、".join(missing)})
        files = _files(paths)
        if not files:
            raise BadInput(
                _("%(paths)s 中没有可导入的文件（.txt、.md、.docx、.xlsx）。") % {"paths": "、".join(map(str, paths))}
            )
        counts = {"imported": 0, "skipped": 0, "failed": 0}
        for path in files:
            outcome = imports.import_file(path, actor=None, body=target, draft=draft)
            counts[outcome.status] += 1
            line = f"{outcome.label}\t{outcome.path}"
            if outcome.status == "imported":
                titles = "、".join(_describe(document) for document in outcome.documents[:3])
                more = _("等 %(n)d 份") % {"n": len(outcome.documents)} if len(outcome.documents) > 3 else ""
                line = "\t".join(filter(None, [line, titles + more, outcome.detail]))
            (self.stderr if outcome.status == "failed" else self.stdout).write(line)
        self.stdout.write(
            _("共 %(total)d 个文件：导入 %(imported)d，已存在 %(skipped)d，失败 %(failed)d。")
            % {"total": len(files), **counts}
        )
        if counts["failed"]:
            raise CheckFailed(_("有 %(n)d 个文件未能导入。") % {"n": counts["failed"]})


def _find_body(text: str) -> Body:
    text = text.strip()
    body = Body.objects.filter(code=text).first() or Body.objects.filter(name=text).order_by("pk").first()
    if body is None and text.isascii() and text.isdecimal():
        body = Body.objects.filter(pk=int(text)).first()
    if body is None:
        raise BadInput(_("未找到单位：%(body)s（请填写单位代码、编号或全称）") % {"body": text})
    return body


def _files(paths: list[Path]) -> list[Path]:
    """The files named, and the importable files under the folders named, each once, in order.

    Hidden files and Word's lock files (~$…) are not documents; a file named explicitly is tried
    whatever its type, so that an unsupported one is reported rather than passed over. Files a
    workbook names as its rows' 正文文件名 are left to the workbook.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    candidate
                    for candidate in path.rglob("*")
                    if candidate.is_file()
                    and candidate.suffix.lower() in imports.SUFFIXES
                    and not any(part.startswith((".", "~$")) for part in candidate.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    found = list(dict.fromkeys(found))
    # A workbook's 正文文件名 are its rows' texts, imported with it, not documents of their own.
    attachments = {
        (workbook.parent / name).resolve()
        for workbook in found
        if workbook.suffix.lower() == imports.WORKBOOK_SUFFIX
        for name in imports.attachment_names(workbook)
    }
    return [path for path in found if path.resolve() not in attachments]


def _describe(document) -> str:
    return f"《{document.title}》{document.doc_number}"
