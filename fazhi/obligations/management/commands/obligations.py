"""`fazhi obligations list [--json]`, `fazhi obligations check --year Y [--body B] [--json]` and
`fazhi obligations snapshot [--date D] [--year Y] [--replace]`.

`list` is the registry of the seed's 56 articles: the office and the module builders read from
it which article is whose and which are already computed. `check` runs the checks that exist
for the bodies they apply to — the board's numbers, from the terminal or cron. `snapshot` takes
the board's snapshot of a day on demand (the `obligations.snapshot` job takes today's each day).
"""

import json

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core.dates import day_text
from fazhi.core.management.base import BadInput, FazhiCommand
from fazhi.core.models import Body
from fazhi.obligations import checks, registry, services
from fazhi.obligations.choices import ObligationKind

MIN_YEAR = 2018  # the seed was issued in 2018


class Command(FazhiCommand):
    help = _("依法行政义务：列出江府办〔2018〕7号的56条义务，或按年度检查落实情况。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{list,check,snapshot}")
        listing = actions.add_parser("list", help=_("列出全部56条义务"))
        listing.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
        check = actions.add_parser("check", help=_("运行已有的自动检查"))
        check.add_argument("--year", required=True, metavar="YYYY", help=_("考评年度"))
        check.add_argument("--body", metavar="B", help=_("单位代码或编号（默认全部单位）"))
        check.add_argument("--as-of", metavar="YYYY-MM-DD", help=_("以该日掌握的记录为准（默认今天）"))
        check.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
        snapshot = actions.add_parser("snapshot", help=_("生成合规快照（看板与考评的数据依据）"))
        snapshot.add_argument("--date", metavar="YYYY-MM-DD", help=_("数据日期（默认今天）"))
        snapshot.add_argument("--year", metavar="YYYY", help=_("考评年度（默认数据日期所在年度）"))
        snapshot.add_argument("--replace", action="store_true", help=_("该日已有快照时重新生成"))

    def handle(self, *args, action: str, **options):
        getattr(self, f"do_{action}")(**options)

    def do_list(self, **options) -> None:
        obligations = registry.all_obligations()
        if options["json"]:
            self.stdout.write(_json([obligation.as_dict() for obligation in obligations]))
            return
        chapter = None
        for obligation in obligations:
            if obligation.chapter != chapter:
                chapter = obligation.chapter
                self.stdout.write(f"{_('第%(n)d部分') % {'n': chapter}} {obligation.chapter_title}")
            kinds = "、".join(str(ObligationKind(kind).label) for kind in obligation.kinds)
            automatic = _("自动检查") if obligation.automatic else _("待实现")
            self.stdout.write(
                "\t".join(
                    [
                        _("第%(n)d条") % {"n": obligation.article},
                        obligation.requirement,
                        kinds,
                        "、".join(obligation.modules),
                        str(obligation.applicability.label),
                        automatic,
                    ]
                )
            )

    def do_snapshot(self, *, date: str | None, year: str | None, replace: bool, **options) -> None:
        as_of = clock.parse_day(date) if date else timezone.localdate()
        snapshot = services.take_snapshot(as_of=as_of, year=year, replace=replace)
        day = day_text(as_of)
        if snapshot is None:
            self.stdout.write(_("%(day)s的合规快照已经生成（如需重新生成，请加 --replace）。") % {"day": day})
            return
        self.stdout.write(
            _("已生成%(year)d年度合规快照（数据日期%(day)s）：%(bodies)d 个单位，%(articles)d 条自动检查。")
            % {
                "year": snapshot.year,
                "day": day,
                "bodies": snapshot.body_count,
                "articles": len(snapshot.articles),
            }
        )

    def do_check(self, *, year: str, body: str | None, as_of: str | None, **options) -> None:
        year = _parse_year(year)
        as_of_day = clock.parse_day(as_of) if as_of else timezone.localdate()
        bodies = [_find_body(body)] if body else list(Body.objects.order_by("tree_path"))
        results = checks.run_all(bodies, year, as_of_day)
        if options["json"]:
            self.stdout.write(
                _json(
                    {
                        "year": year,
                        "as_of": as_of_day.isoformat(),
                        "checks": [
                            {
                                "article": article,
                                "results": [
                                    {"body": b.pk, "body_code": b.code, "body_name": b.name, **per_body[b.pk].as_dict()}
                                    for b in bodies
                                ],
                            }
                            for article, per_body in results.items()
                        ],
                    }
                )
            )
            return
        if not results:
            self.stdout.write(_("目前没有可自动检查的条款。"))
        for article, per_body in results.items():
            obligation = registry.get(article)
            self.stdout.write(_("第%(n)d条 %(requirement)s") % {"n": article, "requirement": obligation.requirement})
            for b in bodies:
                result = per_body[b.pk]
                rate = ""
                if result.denominator is not None:
                    rate = f"{result.numerator}/{result.denominator}"
                self.stdout.write("\t".join(["", b.name, result.status_label, rate, result.summary]))
                for ref in result.failing:
                    self.stdout.write("\t\t" + ref.description)


def _parse_year(text: str) -> int:
    today = timezone.localdate()
    if not (text.isascii() and text.isdecimal() and len(text) == 4) or not MIN_YEAR <= int(text) <= today.year + 1:
        raise BadInput(
            _("年度无效：%(year)s（应为 %(first)d 至 %(last)d 之间的四位年份）")
            % {"year": text, "first": MIN_YEAR, "last": today.year + 1}
        )
    return int(text)


def _find_body(text: str) -> Body:
    text = text.strip()
    body = Body.objects.filter(code=text).first()
    if body is None and text.isascii() and text.isdecimal():
        body = Body.objects.filter(pk=int(text)).first()
    if body is None:
        raise BadInput(_("未找到单位：%(body)s（请填写单位代码或编号）") % {"body": text})
    return body


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
