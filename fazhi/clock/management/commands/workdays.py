"""`fazhi workdays`: count working days, and keep the holiday table.

- `add YYYY-MM-DD N` prints the date N working days after the given day (not counted), followed by
  ` provisional` when it rests on a year whose schedule is not in the table.
- `years` lists the years in the table and where each came from.
- `import` copies the pinned `chinese-calendar`'s years the table lacks (after an upgrade).
- `load FILE --year Y --source TEXT` enters a year's schedule as the State Council announced it,
  one day a line: `YYYY-MM-DD holiday|workday [name]`.

Entering a year recomputes every open deadline reaching into it.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.clock import services, workdays
from fazhi.clock.models import HolidayDay, HolidayYear
from fazhi.core.management.base import BadInput, FazhiCommand


class Command(FazhiCommand):
    help = _("工作日计算与节假日安排表维护。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{add,years,import,load}")
        add = actions.add_parser("add", help=_("输出某日之后第 N 个工作日（当日不计入）"))
        add.add_argument("start", metavar="YYYY-MM-DD")
        add.add_argument("n", metavar="N")
        actions.add_parser("years", help=_("列出节假日安排表中的年度"))
        actions.add_parser("import", help=_("从 chinese-calendar 补入表中尚无的年度"))
        load = actions.add_parser("load", help=_("录入一个年度的节假日安排"))
        load.add_argument("file", metavar="FILE")
        load.add_argument("--year", required=True, metavar="YYYY")
        load.add_argument("--source", required=True, help=_("依据，如国务院办公厅通知的文号"))
        load.add_argument("--announced", metavar="YYYY-MM-DD", help=_("通知发布日期"))

    def handle(self, *args, action: str, **options):
        getattr(self, f"do_{action}")(**options)

    def do_add(self, *, start: str, n: str, **options) -> None:
        day, count = services.parse_day(start), services.parse_count(n)
        result = workdays.add_working_days(day, count)
        self.stdout.write(result.due.isoformat() + (" provisional" if result.provisional else ""))

    def do_years(self, **options) -> None:
        for entry in HolidayYear.objects.all():
            days = HolidayDay.objects.filter(date__year=entry.year).count()
            announced = entry.announced.isoformat() if entry.announced else "—"
            self.stdout.write(f"{entry.year}\t{days}\t{announced}\t{entry.source}")

    def do_import(self, **options) -> None:
        years, moved = services.import_chinese_calendar(actor=None)
        if years:
            self.stdout.write(_("已录入 %(years)s 年的节假日安排。") % {"years": "、".join(map(str, years))})
        else:
            self.stdout.write(_("chinese-calendar 的年度均已在表中。"))
        self.stdout.write(_("重新计算的期限：%(count)d 个。") % {"count": moved})

    def do_load(self, *, file: str, year: str, source: str, announced: str | None, **options) -> None:
        if not (year.isdecimal() and len(year) == 4):
            raise BadInput(_("年度无效：%(year)s（应为四位数字）") % {"year": year})
        announced_on = services.parse_day(announced) if announced else None
        days = _read_schedule(Path(file))
        moved = services.enter_year_schedule(int(year), days, source=source, announced=announced_on, actor=None)
        self.stdout.write(
            _("已录入 %(year)s 年的节假日安排（%(days)d 天），重新计算的期限：%(count)d 个。")
            % {"year": year, "days": len(days), "count": moved}
        )


def _read_schedule(path: Path) -> list:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(_("无法读取文件 %(file)s：%(error)s") % {"file": path, "error": exc}) from None
    days = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split(None, 2)
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) < 2:
            raise BadInput(_("第 %(line)d 行应为：YYYY-MM-DD holiday|workday [名称]") % {"line": number})
        days.append((services.parse_day(parts[0]), parts[1], parts[2].strip() if len(parts) > 2 else ""))
    return days
