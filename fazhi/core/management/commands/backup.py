"""`fazhi backup`: the database and the uploaded files in one archive, for `fazhi restore`.

Safe to run from cron while the app serves: the copy is the database at one moment.
"""

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import backup
from fazhi.core.management.base import BadInput, CheckFailed, FazhiCommand


class Command(FazhiCommand):
    help = _("备份数据库与上传文件到一个归档文件（含清单与校验和），供 fazhi restore 恢复。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="FILE",
            help=_("归档文件路径（.tar.gz，不覆盖已有文件）；默认写到数据目录下的 backups/"),
        )

    def handle(self, *args, output: str | None, **options):
        if output:
            path = Path(output)
        else:
            path = settings.DATA_DIR / "backups" / f"fazhi-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
            path.parent.mkdir(exist_ok=True)
        try:
            outcome = backup.create(path)
        except backup.BackupRefused as exc:
            raise BadInput(str(exc)) from None
        except backup.BackupFailed as exc:
            raise CheckFailed(str(exc)) from None
        self.stdout.write(
            _("已备份到 %(path)s：%(vendor)s 数据库，上传文件 %(files)d 个。")
            % {"path": outcome.path, "vendor": outcome.vendor, "files": outcome.files}
        )
