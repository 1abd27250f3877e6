"""The evaluation's files: the scorecards and the ranking per group as Excel, the social-evaluation
workbook to fill in, and the results notice (通报, seed art. 49) as a GB/T 9704 DOCX
(`fazhi.core.officialdoc`) and as a PDF (WeasyPrint, from the same content)."""

import io
from decimal import Decimal

import openpyxl
from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Font

from fazhi.assessment import grading, selectors
from fazhi.assessment.choices import Method, ScoreSource
from fazhi.assessment.models import Evaluation, Member, Result, Score
from fazhi.core.archive import index_pdf
from fazhi.core.dates import day_text
from fazhi.core.officialdoc import Writer, chinese_numeral
from fazhi.obligations import registry
from fazhi.obligations.choices import CheckStatus

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _workbook_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book, title: str, header: list[str], *, first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def _row(values) -> list:
    """Cells as Excel takes them: numbers as numbers, labels (lazy translations) as text."""
    return [float(v) if isinstance(v, Decimal) else str(v) if isinstance(v, Promise) else v for v in values]


# --- the social-evaluation workbook ----------------------------------------------------------------


def social_template(evaluation: Evaluation) -> bytes:
    """The workbook the survey fills in: every member's name under 单位, 得分 left blank."""
    book = openpyxl.Workbook()
    sheet = _sheet(book, _("社会评议得分"), [_("单位"), _("得分")], first=True)
    for member in evaluation.scheme.members.select_related("body").order_by("group", "body__tree_path"):
        sheet.append([member.body.name, None])
    sheet.column_dimensions["A"].width = 40
    return _workbook_bytes(book)


# --- scorecards ------------------------------------------------------------------------------------


def _basis(score: Score | None) -> str:
    """What a leaf's points rest on, in words: the checks' answers, or the evaluator's reason."""
    if score is None:
        return ""
    if score.source in (ScoreSource.MANUAL, ScoreSource.PENDING):
        return score.comment
    parts = []
    for article in score.detail.get("articles", []):
        status = CheckStatus(article["status"]).label
        rate = ""
        if article.get("numerator") is not None and article.get("denominator") is not None:
            rate = f" {article['numerator']}/{article['denominator']}"
        failing = "、".join(ref["description"] for ref in article.get("failing", []))
        text = _("第%(article)d项：%(status)s%(rate)s。%(summary)s") % {
            "article": article["article"],
            "status": status,
            "rate": rate,
            "summary": article.get("summary", ""),
        }
        if failing:
            text += _("未达标：%(records)s") % {"records": failing}
        parts.append(text)
    return "\n".join(parts)


SCORECARD_HEADER = [
    gettext_lazy("考评对象"),
    gettext_lazy("考评组别"),
    gettext_lazy("一级指标"),
    gettext_lazy("二级指标"),
    gettext_lazy("末级指标"),
    gettext_lazy("评分方式"),
    gettext_lazy("分值"),
    gettext_lazy("得分"),
    gettext_lazy("来源"),
    gettext_lazy("计分依据"),
]


def scorecards(evaluation: Evaluation, members=None) -> bytes:
    """Every member's points on every leaf, one table (one row per body × leaf), with the results
    per body on a second sheet."""
    scheme = evaluation.scheme
    members = list(
        members if members is not None else scheme.members.select_related("body").order_by("group", "body__tree_path")
    )
    scores = {
        (score.body_id, score.indicator_id): score
        for score in Score.objects.filter(evaluation=evaluation, body__in=[m.body_id for m in members])
    }
    leaves = [leaf_path for top in selectors.tree(scheme) for leaf_path in top.leaves()]
    book = openpyxl.Workbook()
    sheet = _sheet(book, _("评分明细"), [str(text) for text in SCORECARD_HEADER], first=True)
    for member in members:
        for leaf, path in leaves:
            score = scores.get((member.body_id, leaf.pk))
            levels = [*path, leaf.name]
            sheet.append(
                _row(
                    [
                        member.body.name,
                        member.get_group_display(),
                        levels[0],
                        levels[1] if len(levels) > 2 else "",
                        leaf.name,
                        Method(leaf.method).label if leaf.method else "",
                        leaf.points,
                        score.points if score else None,
                        score.get_source_display() if score else "",
                        _basis(score),
                    ]
                )
            )
    for column, width in zip("ABCDEFGHIJ", (30, 14, 18, 30, 36, 12, 8, 8, 14, 80), strict=True):
        sheet.column_dimensions[column].width = width
    totals = _sheet(book, _("得分汇总"), [str(text) for text in RESULT_HEADER])
    found = {r.body_id: r for r in Result.objects.filter(evaluation=evaluation, body__in=[m.body_id for m in members])}
    for member in members:
        result = found.get(member.body_id)
        totals.append(_result_row(result) if result else [None, member.body.name])
    return _workbook_bytes(book)


def member_scorecard(member: Member, evaluation: Evaluation) -> bytes:
    return scorecards(evaluation, [member])


# --- the ranking -----------------------------------------------------------------------------------

RESULT_HEADER = [
    gettext_lazy("组内排名"),
    gettext_lazy("考评对象"),
    gettext_lazy("内部考核得分（百分制）"),
    gettext_lazy("社会评议得分"),
    gettext_lazy("扣分"),
    gettext_lazy("加分"),
    gettext_lazy("省抽查调整"),
    gettext_lazy("综合得分"),
    gettext_lazy("等次"),
    gettext_lazy("结果运用"),
]


def _result_row(result: Result) -> list:
    return _row(
        [
            result.rank,
            result.body.name,
            result.internal,
            result.social,
            result.deductions,
            result.bonus,
            result.spot_check,
            result.composite,
            result.grade,
            result.flag,
        ]
    )


def rule_of(evaluation: Evaluation) -> grading.Rule:
    scheme = evaluation.scheme
    return grading.Rule(
        bound=scheme.bound,
        share=scheme.share,
        disqualify_below=scheme.disqualify_below,
        exclusive_bounds=scheme.exclusive_bounds,
        quota=scheme.quota,
    )


def ranking(evaluation: Evaluation) -> bytes:
    """One sheet per group, ranked, with the rule in force under each table."""
    book = openpyxl.Workbook()
    rule = rule_of(evaluation).describe()
    groups = selectors.results(evaluation)
    for index, (label, results) in enumerate(groups or [(_("考评结果"), [])]):
        sheet = _sheet(book, label, [str(text) for text in RESULT_HEADER], first=index == 0)
        for result in results:
            sheet.append(_result_row(result))
        sheet.append([])
        sheet.append([rule])
        sheet.column_dimensions["B"].width = 36
    return _workbook_bytes(book)


# --- the notice ------------------------------------------------------------------------------------


def addressees(evaluation: Evaluation) -> str:
    """各 + each group the scheme ranks (各市（区）政府、各市直单位)."""
    labels = []
    for label, _members in selectors.members_by_group(evaluation.scheme):
        labels.append(label if label.startswith("各") else "各" + label)
    return "、".join(labels)


def notice(evaluation: Evaluation) -> dict:
    """The notice's parts, for the DOCX and the PDF alike."""
    scheme = evaluation.scheme
    government = scheme.government.name
    groups = selectors.results(evaluation)
    flagged = [r.body.name for _label, results in groups for r in results if r.flag]
    basis = _("根据%(seed)s和《%(scheme)s》%(reference)s") % {
        "seed": registry.SEED_DOC_NUMBER,
        "scheme": scheme.title,
        "reference": f"（{scheme.approval_reference}）" if scheme.approval_reference else "",
    }
    opening = _(
        "%(basis)s，依法行政工作领导小组办公室组织开展了%(year)d年度依法行政考评。考评采取内部考核与社会评议"
        "相结合的方式（内部考核占%(internal)s%%，社会评议占%(social)s%%），并计入违反要求扣分、创新加分和省政府"
        "抽查结果。经%(government)s审定，现将考评结果通报如下。"
    ) % {
        "basis": basis,
        "year": scheme.year,
        "internal": _plain(scheme.internal_weight),
        "social": _plain(scheme.social_weight),
        "government": government,
    }
    use = _(
        "考评结果纳入绩效考核指标体系，权重为绩效考核总分值的%(weight)s%%，并作为被考评对象负责人职务任免、职务升降、"
        "交流培训、奖励惩处的重要依据。"
    ) % {"weight": _plain(scheme.performance_weight)}
    if flagged:
        use += _(
            "%(bodies)s被评定为一般等次且综合得分未达%(line)s分，建议相关机关取消其当年度各项评选优秀、先进、模范单位等资格。"
        ) % {"bodies": "、".join(flagged), "line": _plain(scheme.disqualify_below)}
    parts = [
        {
            "heading": f"{chinese_numeral(1)}、" + _("考评结果"),
            "groups": [
                {
                    "heading": f"（{chinese_numeral(n)}）{label}",
                    "rows": [[r.rank, r.body.name, f"{r.composite}", r.grade] for r in results],
                }
                for n, (label, results) in enumerate(groups, start=1)
            ],
        },
        {"heading": f"{chinese_numeral(2)}、" + _("等次评定"), "text": rule_of(evaluation).describe()},
        {"heading": f"{chinese_numeral(3)}、" + _("结果运用"), "text": use},
    ]
    if evaluation.objection_until:
        parts.append(
            {
                "heading": f"{chinese_numeral(4)}、" + _("异议"),
                "text": _("各单位对本单位考评结果有异议的，请于%(day)s前通过平台提出，逾期视为无异议。")
                % {"day": day_text(evaluation.objection_until)},
            }
        )
    return {
        "organ": government,
        "title": title(evaluation),
        "number": evaluation.notice_number,
        "addressees": addressees(evaluation),
        "opening": opening,
        "parts": parts,
        "header": [_("名次"), _("单位"), _("综合得分"), _("等次")],
        "written_on": evaluation.notified_on,
    }


def _plain(value: Decimal) -> str:
    """80.00 → 80, 12.50 → 12.5."""
    return f"{value.normalize():f}"


def notice_docx(evaluation: Evaluation) -> bytes:
    data = notice(evaluation)
    writer = Writer()
    writer.title_block(data["organ"], data["title"], number=data["number"], addressees=data["addressees"])
    writer.text(data["opening"])
    for part in data["parts"]:
        writer.heading(part["heading"])
        for group in part.get("groups", []):
            writer.heading(group["heading"], level=2)
            writer.grid(data["header"], group["rows"])
        if part.get("text"):
            writer.text(part["text"])
    writer.signature(data["organ"], data["written_on"])
    return writer.content()


def notice_pdf(evaluation: Evaluation) -> bytes:
    return index_pdf("assessment/notice_pdf.html", {"data": notice(evaluation)})


def title(evaluation: Evaluation) -> str:
    scheme = evaluation.scheme
    return _("%(government)s关于%(year)d年度依法行政考评结果的通报") % {
        "government": scheme.government.name,
        "year": scheme.year,
    }
