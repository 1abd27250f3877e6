"""`fazhi restore FILE`: put a `fazhi backup` archive back, then prove the audit chain unbroken.

Everything about the archive is checked before anything is changed; a broken chain after the
restore exits 1 naming the first broken event, as `fazhi audit verify` does.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.core import backup
from fazhi.core.management.base import BadInput, CheckFailed, FazhiCommand


class Command(FazhiCommand):
    help = _("从 fazhi backup 的归档恢复数据库与上传文件，并校验审计链。")

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("fazhi backup 生成的归档文件"))
        parser.add_argument("--force", action="store_true", help=_("当前数据库已有数据时也覆盖"))

    def handle(self, *args, file: str, force: bool, **options):
        try:
            outcome = backup.restore(Path(file), force=force)
        except backup.BackupRefused as exc:
            raise BadInput(str(exc)) from None
        except backup.BackupFailed as exc:
            raise CheckFailed(str(exc)) from None
        self.stdout.write(
            _("已从 %(path)s 恢复：%(vendor)s 数据库，上传文件 %(files)d 个。")
            % {"path": outcome.path, "vendor": outcome.vendor, "files": outcome.files}
        )
        if outcome.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _("备份早于本程序：还有 %(count)d 个迁移未应用，请运行 fazhi migrate。")
                    % {"count": outcome.pending_migrations}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(_("审计链完整：已校验 %(count)d 个审计事件。") % {"count": outcome.audit_checked})
        )
