from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import demo


class Command(BaseCommand):
    help = gettext_lazy("载入演示数据（默认江门市：单位树、各角色演示账号）。已载入时不重复载入。")

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=demo.JIANGMEN, help=_("演示数据 JSON 文件"))
        parser.add_argument("--password", help=_("演示账号的统一密码（默认取数据文件中的密码）"))

    def handle(self, *args, file: Path, password: str | None, **options):
        if not file.is_file():
            raise CommandError(_("找不到演示数据文件：%(file)s") % {"file": file}, returncode=2)
        if demo.is_loaded(file):
            self.stdout.write(_("演示数据已载入，未重复载入。"))
            return
        try:
            result = demo.load(file, password=password)
        except (KeyError, ValueError) as exc:
            raise CommandError(_("演示数据文件格式有误：%(error)s") % {"error": exc}, returncode=2) from None
        self.stdout.write(
            _("已载入%(name)s演示数据：%(bodies)d 个单位，%(users)d 个账号。")
            % {"name": result["name"], "bodies": result["bodies"], "users": result["users"]}
        )
        self.stdout.write(_("演示账号（统一密码 %(password)s）：") % {"password": result["password"]})
        for username, full_name, note in result["logins"]:
            self.stdout.write(f"  {username:<14} {full_name}  {note}")
