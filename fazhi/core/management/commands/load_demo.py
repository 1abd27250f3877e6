from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import demo


class Command(BaseCommand):
    help = "载入演示数据（默认江门市：单位树、各角色演示账号）。已载入时不重复载入。"

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=demo.JIANGMEN, help="演示数据 JSON 文件")
        parser.add_argument("--password", help="演示账号的统一密码（默认取数据文件中的密码）")

    def handle(self, *args, file: Path, password: str | None, **options):
        if not file.is_file():
            raise CommandError(f"找不到演示数据文件：{file}", returncode=2)
        if demo.is_loaded(file):
            self.stdout.write("演示数据已载入，未重复载入。")
            return
        try:
            result = demo.load(file, password=password)
        except (KeyError, ValueError) as exc:
            raise CommandError(f"演示数据文件格式有误：{exc}", returncode=2) from None
        self.stdout.write(f"已载入{result['name']}演示数据：{result['bodies']} 个单位，{result['users']} 个账号。")
        self.stdout.write(f"演示账号（统一密码 {result['password']}）：")
        for username, full_name, note in result["logins"]:
            self.stdout.write(f"  {username:<14} {full_name}  {note}")
