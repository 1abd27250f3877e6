"""`fazhi laws import [PATH] [--match TEXT]…`: load the laws that power lists cite from the corpus.

PATH is the corpus folder (default: settings.FAZHI_LAW_CORPUS) or one law file. Only what is
needed is imported: `--match` keeps the files whose path within the corpus contains one of the
texts (行政处罚法, 部门规章/市场监督管理总局). Importing the same files again changes nothing.
Exit 0 when every file was read, 1 when some could not be, 2 for a missing PATH.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.core.management.base import BadInput, CheckFailed, FazhiCommand
from fazhi.powers import laws


class Command(FazhiCommand):
    help = _("法律法规文本：import 从法规库导入权责清单引用的法律法规及其条文。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import}", title=_("子命令"))
        load = actions.add_parser("import", help=_("从法规库导入法律法规（可用 --match 只导入所需部分）"))
        load.add_argument("path", nargs="?", type=Path, metavar="PATH", help=_("法规库目录或单个文件"))
        load.add_argument(
            "--match", action="append", default=[], metavar="TEXT", help=_("只导入路径中含该文字的文件；可重复")
        )

    def handle(self, *args, action: str, path: Path | None, match: list[str], **options):
        root = path or laws.corpus_root()
        if not root.exists():
            raise BadInput(_("找不到法规库：%(path)s") % {"path": root})
        files = laws.law_files(root, match)
        if not files:
            raise BadInput(_("法规库 %(path)s 中没有符合条件的文件。") % {"path": root})
        report = laws.import_laws(root, match=match)
        for label, titles in (
            (_("新导入"), report.created),
            (_("已更新"), report.updated),
            (_("无变化"), report.unchanged),
            (_("已有较新文本，跳过"), report.skipped),
        ):
            for title in titles:
                self.stdout.write(f"{label}\t{title}")
        for relative, why in report.failed:
            self.stderr.write(_("无法导入\t%(file)s：%(why)s") % {"file": relative, "why": why})
        self.stdout.write(
            _("共 %(total)d 个文件：新导入 %(created)d，更新 %(updated)d，无变化 %(unchanged)d，失败 %(failed)d。")
            % {
                "total": len(files),
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
                "failed": len(report.failed),
            }
        )
        if report.failed:
            raise CheckFailed(_("有 %(n)d 个文件未能导入。") % {"n": len(report.failed)})
