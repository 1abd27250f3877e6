"""`fazhi numbering validate TEXT [--json]`: check a 发文字号 as typed, before it goes anywhere.

For a person checking a legacy number by hand and for import scripts: exit 0 with its parts when
it is a correct GB/T 9704-2012 发文字号, exit 2 with the Chinese message naming what is wrong.
"""

import json

from django.utils.translation import gettext as _

from fazhi.core.management.base import FazhiCommand
from fazhi.numbering import services


class Command(FazhiCommand):
    help = _("统一编号：validate 校验发文字号（GB/T 9704-2012 第 7.2.5 条）并输出机关代字、年份与序号。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{validate}", title=_("子命令"))
        validate = actions.add_parser("validate", help=_("校验发文字号，如 江府规〔2026〕3号；有误时以状态 2 退出"))
        validate.add_argument("text", metavar="TEXT", help=_("发文字号"))
        validate.add_argument("--json", action="store_true", help=_("以 JSON 输出"))

    def handle(self, *args, action: str, **options):
        parts = services.validate_doc_number(options["text"])
        if options["json"]:
            self.stdout.write(json.dumps(parts.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(
            _("%(text)s\t机关代字：%(prefix)s\t年份：%(year)d\t序号：%(serial)d")
            % {"text": parts.text, "prefix": parts.prefix, "year": parts.year, "serial": parts.serial}
        )
