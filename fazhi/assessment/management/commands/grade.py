"""`fazhi grade FILE.csv`: the grading rule alone, for offices that compute scores elsewhere.

Input: UTF-8 CSV (with or without BOM) with columns `body,group,score` in any order. Output on
stdout: `body,group,score,rank,grade,flag`, rows in input order, `score` as given. The rule in
force goes to stderr. Bad input names every offending line and exits 2; nothing is printed on
stdout then.
"""

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.assessment.choices import QuotaRounding
from fazhi.assessment.grading import Rule, grade
from fazhi.core.management.base import BadInput, FazhiCommand

COLUMNS = ("body", "group", "score")
OUTPUT_COLUMNS = ("body", "group", "score", "rank", "grade", "flag")


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def read_scores(text: str, *, max_score: Decimal) -> list[tuple[str, str, str, Decimal]]:
    """`(body, group, score as given, score)` per row; every problem found, by line, in one BadInput."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise BadInput(_("第1行：文件为空，应有表头 body,group,score。"))
    names = [name.strip() for name in header]
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise BadInput(_("第1行：缺少列 %(columns)s（表头应为 body,group,score）。") % {"columns": ",".join(missing)})
    position = {name: names.index(name) for name in COLUMNS}
    problems, rows, seen = [], [], {}
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise BadInput(_("第%(line)d行：无法按 CSV 读取（%(error)s）。") % {"line": start, "error": exc}) from exc
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            problems.append(
                _("第%(line)d行：应有%(expected)d列，实有%(actual)d列。")
                % {"line": start, "expected": len(names), "actual": len(row)}
            )
            continue
        body, group, given = (row[position[name]].strip() for name in COLUMNS)
        line = {"line": start, "body": body, "group": group, "score": given, "max": max_score}
        if not body:
            problems.append(_("第%(line)d行：单位（body）为空。") % line)
        elif body in seen:
            problems.append(_("第%(line)d行：单位“%(body)s”与第%(first)d行重复。") % {**line, "first": seen[body]})
        else:
            seen[body] = start
        if not group:
            problems.append(_("第%(line)d行：分组（group）为空。") % line)
        score = _number(given)
        if score is None:
            problems.append(_("第%(line)d行：得分“%(score)s”不是数字。") % line)
        elif not 0 <= score <= max_score:
            problems.append(_("第%(line)d行：得分%(score)s超出0至%(max)s的范围。") % line)
        rows.append((body, group, given, score))
    if problems:
        raise BadInput("\n".join(problems))
    return rows


class Command(FazhiCommand):
    help = _("按考评等次评定规则（若干意见第五十条、第五十一条）对 CSV 中的得分分组排名、评定等次。")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv", help=_("UTF-8 编码的 CSV，表头 body,group,score"))
        parser.add_argument("--exclusive-80", action="store_true", help=_("80分界线不含本数（默认含本数）"))
        parser.add_argument(
            "--quota",
            choices=QuotaRounding.values,
            default=QuotaRounding.FLOOR,
            help=_("20%%名额的取整方式：floor（默认，向下取整）、nearest（四舍五入）、at-least-one（至少一名）"),
        )
        parser.add_argument(
            "--max-score", default="100", metavar="X", help=_("得分上限（有加分项时可高于100，默认100）")
        )

    def handle(self, *args, **options):
        max_score = _number(options["max_score"])
        if max_score is None or max_score <= 0:
            raise BadInput(_("--max-score 应为正数。"))
        path = Path(options["file"])
        if not path.is_file():
            raise BadInput(_("文件 %(file)s 不存在。") % {"file": path})
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise BadInput(_("无法读取文件 %(file)s：%(error)s") % {"file": path, "error": exc.strerror}) from exc
        except UnicodeDecodeError as exc:
            raise BadInput(_("文件 %(file)s 不是 UTF-8 编码。") % {"file": path}) from exc
        rows = read_scores(text, max_score=max_score)
        rule = Rule(exclusive_bounds=options["exclusive_80"], quota=options["quota"])
        results = grade([(index, group, score) for index, (_body, group, _given, score) in enumerate(rows)], rule)
        output = io.StringIO()
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(OUTPUT_COLUMNS)
        for (body, group, given, _score), result in zip(rows, results, strict=True):
            writer.writerow([body, group, given, result.rank, result.grade, result.flag])
        self.stdout.write(output.getvalue(), ending="")
        self.stderr.write(rule.describe())
