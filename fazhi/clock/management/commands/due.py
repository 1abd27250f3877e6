"""`fazhi due MATTER YYYY-MM-DD [--json]`: when a statutory period runs out; `--list`: all of them.

For a person checking a date by hand and for scripts: the due date always comes with its kind,
its period and the law it comes from, and with `provisional` when it rests on a year whose
holiday schedule is not yet announced.
"""

import json

from django.utils.translation import gettext as _

from fazhi.clock import periods, services
from fazhi.clock.choices import PeriodKind, Unit
from fazhi.core.management.base import BadInput, FazhiCommand


class Command(FazhiCommand):
    help = _("计算法定期限的届满日；--list 列出全部期限事项。")

    def add_arguments(self, parser):
        parser.add_argument("matter", nargs="?", metavar="MATTER", help=_("期限事项，如 reconsideration-accept"))
        parser.add_argument("start", nargs="?", metavar="YYYY-MM-DD", help=_("起算事件发生之日（当日不计入）"))
        parser.add_argument("--list", action="store_true", help=_("列出全部期限事项及其期间、性质和依据"))
        parser.add_argument("--json", action="store_true", help=_("以 JSON 输出"))

    def handle(self, *args, **options):
        matter, start, as_json = options["matter"], options["start"], options["json"]
        if options["list"]:
            if matter or start:
                raise BadInput(_("--list 不能与期限事项、日期同时使用。"))
            self.list_periods(as_json=as_json)
            return
        if not matter or not start:
            raise BadInput(_("请给出期限事项和起算日期，如：fazhi due reconsideration-accept 2026-03-02"))
        period = periods.get(matter)
        moment = services.parse_moment(start) if period.unit == Unit.HOURS else services.parse_day(start)
        due = services.due_for(matter, moment)
        if as_json:
            self.stdout.write(_json(due.as_dict()))
            return
        line = " ".join(
            [services.iso(due.due), str(PeriodKind(period.kind).label), period.describe(), period.label, period.source]
        )
        self.stdout.write(line + (" provisional" if due.provisional else ""))

    def list_periods(self, *, as_json: bool) -> None:
        rows = list(periods.PERIODS.values())
        if as_json:
            self.stdout.write(
                _json(
                    [
                        {
                            "matter": p.key,
                            "label": p.label,
                            "kind": p.kind,
                            "unit": p.unit,
                            "length": p.length,
                            "max_extension": p.max_extension,
                            "source": p.source,
                        }
                        for p in rows
                    ]
                )
            )
            return
        for p in rows:
            self.stdout.write("\t".join([p.key, p.describe(), str(PeriodKind(p.kind).label), p.label, p.source]))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
