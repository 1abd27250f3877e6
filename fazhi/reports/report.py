"""The report's content: its figures from the year's obligation checks, its parts in order, and
the same content as a DOCX (GB/T 9704, `fazhi.core.officialdoc`) and as a PDF (WeasyPrint from
the HTML template the portal shows).

The figures are, for each chapter 二 … 九 of the seed, the articles that bind the body with their
check's answer for the year (`obligations.checks.run_all`): status, numerator and denominator,
summary. A government's report adds, per article, how the bodies under it stand (met, not met,
not yet due). Arts. 35 and 44 are this report itself and are left out of its own figures.
"""

import datetime
from collections import Counter
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.archive import index_pdf
from fazhi.core.dates import day_text
from fazhi.core.models import Body
from fazhi.core.officialdoc import Writer, chinese_numeral
from fazhi.obligations import checks, registry
from fazhi.obligations.choices import CheckStatus, ObligationKind
from fazhi.reports import selectors
from fazhi.reports.choices import SENT_STATUSES
from fazhi.reports.models import YearlyReport

CHAPTERS = range(2, 10)  # 二、完善依法行政制度 … 九、依法行政的保障、考核和监督
SELF = (35, 44)  # the report itself
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _entry(obligation, result) -> dict:
    return {
        "article": obligation.article,
        "number": obligation.number,
        "requirement": obligation.requirement,
        "status": result.status if result is not None else "",
        "numerator": result.numerator if result is not None else None,
        "denominator": result.denominator if result is not None else None,
        "summary": result.summary if result is not None else "",
        "manual": ObligationKind.MANUAL in obligation.kinds,
    }


def _chapters(body: Body, results: dict) -> list[dict]:
    chapters: dict[int, dict] = {}
    for obligation in registry.all_obligations():
        if obligation.chapter not in CHAPTERS or obligation.article in SELF or not obligation.applies_to(body):
            continue
        chapter = chapters.setdefault(
            obligation.chapter,
            {"number": obligation.chapter, "title": obligation.chapter_title, "articles": []},
        )
        chapter["articles"].append(_entry(obligation, results.get(obligation.article, {}).get(body.pk)))
    return [chapters[number] for number in sorted(chapters)]


def aggregate(government: Body, year: int, as_of: datetime.date) -> dict:
    """How the bodies under a government stand on each checked article that binds any of them."""
    bodies = [
        body
        for body in Body.objects.subtree_of([government]).exclude(pk=government.pk).order_by("tree_path")
        if checks.existed_during(body, year)
    ]
    rows = []
    for article, results in checks.run_all(bodies, year, as_of).items():
        counts = Counter(result.status for result in results.values())
        if counts[CheckStatus.NOT_APPLICABLE] == len(results):
            continue
        obligation = registry.get(article)
        rows.append(
            {
                "article": article,
                "number": obligation.number,
                "requirement": obligation.requirement,
                "bound": len(results) - counts[CheckStatus.NOT_APPLICABLE],
                "met": counts[CheckStatus.MET],
                "not_met": counts[CheckStatus.NOT_MET],
                "not_yet_due": counts[CheckStatus.NOT_YET_DUE],
            }
        )
    return {"bodies": len(bodies), "rows": rows}


def compute(body: Body, year: int, as_of: datetime.date) -> dict:
    """The figures of `body`'s report for `year`, as the records stand on `as_of`."""
    figures = {
        "as_of": as_of.isoformat(),
        "chapters": _chapters(body, checks.run_all([body], year, as_of)),
    }
    if body.kind in selectors.GOVERNMENT_KINDS:
        figures["aggregate"] = aggregate(body, year, as_of)
    return figures


# --- the parts, for every rendering ---------------------------------------------------------------


def _status_label(entry: dict) -> str:
    if entry["status"]:
        return str(CheckStatus(entry["status"]).label)
    return _("人工评价") if entry["manual"] else _("暂无数据检查")


def _rate(entry: dict) -> str:
    if entry.get("numerator") is None or entry.get("denominator") is None:
        return "—"
    return f"{entry['numerator']}/{entry['denominator']}"


def addressees(report: YearlyReport) -> list[str]:
    """Those it was sent to, once sent; those it goes to, before."""
    if report.status in SENT_STATUSES:
        return [delivery.name for delivery in report.deliveries.all()]
    return [recipient.name for recipient in selectors.recipients_of(report.body)]


def sections(report: YearlyReport) -> dict:
    """The report's parts in order, with their headings numbered 一、二、…"""
    figures = report.figures or {}
    chapters = [
        {
            "heading": f"（{chinese_numeral(index)}）{chapter['title']}",
            "rows": [
                {**entry, "status_label": _status_label(entry), "rate": _rate(entry)} for entry in chapter["articles"]
            ],
        }
        for index, chapter in enumerate(figures.get("chapters", []), start=1)
    ]
    parts = [
        ("achievements", _("主要举措和成效"), report.achievements),
        ("figures", _("法治政府建设有关指标的落实情况"), None),
        ("shortcomings", _("存在的不足和原因"), report.shortcomings),
        ("head_duty", _("主要负责人履行推进法治建设第一责任人职责情况"), report.head_duty),
        ("next_year", _("下一年度工作安排"), report.next_year),
    ]
    if report.other_matters.strip():
        parts.append(("other_matters", _("其他需要报告的情况"), report.other_matters))
    as_of = figures.get("as_of")
    return {
        "title": report.title,
        "organ": report.body.name,
        "addressees": "、".join(addressees(report)),
        "as_of": datetime.date.fromisoformat(as_of) if as_of else None,
        "written_on": report.approved_on,
        "parts": [
            {"key": key, "heading": f"{chinese_numeral(n)}、{heading}", "text": text}
            for n, (key, heading, text) in enumerate(parts, start=1)
        ],
        "chapters": chapters,
        "aggregate": figures.get("aggregate"),
        "aggregate_heading": f"（{chinese_numeral(len(chapters) + 1)}）" + _("所属单位落实情况汇总"),
    }


FIGURE_HEADER = [
    gettext_lazy("条款"),
    gettext_lazy("要求"),
    gettext_lazy("落实情况"),
    gettext_lazy("数据"),
    gettext_lazy("说明"),
]


def docx_bytes(report: YearlyReport) -> bytes:
    data = sections(report)
    writer = Writer()
    writer.title_block(data["organ"], data["title"], addressees=data["addressees"])
    for part in data["parts"]:
        writer.heading(part["heading"])
        if part["key"] != "figures":
            writer.text(part["text"] or _("（无）"))
            continue
        if data["as_of"]:
            writer.text(_("以下数据由平台根据本年度的记录生成，截至%(day)s。") % {"day": day_text(data["as_of"])})
        for chapter in data["chapters"]:
            writer.heading(chapter["heading"], level=2)
            writer.grid(
                [str(text) for text in FIGURE_HEADER],
                [
                    [row["number"], row["requirement"], row["status_label"], row["rate"], row["summary"]]
                    for row in chapter["rows"]
                ],
            )
        if data["aggregate"]:
            writer.heading(data["aggregate_heading"], level=2)
            writer.text(_("所属单位 %(n)d 个。") % {"n": data["aggregate"]["bodies"]})
            writer.grid(
                [_("条款"), _("要求"), _("适用单位"), _("已落实"), _("未落实"), _("未到期")],
                [
                    [row["number"], row["requirement"], row["bound"], row["met"], row["not_met"], row["not_yet_due"]]
                    for row in data["aggregate"]["rows"]
                ],
            )
    writer.signature(data["organ"], data["written_on"], seal=False)
    return writer.content()


def pdf_bytes(report: YearlyReport) -> bytes:
    return index_pdf("reports/report_pdf.html", {"report": report, "data": sections(report)})


def _download(report: YearlyReport, content: bytes, content_type: str, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = quote(f"{report.title}.{suffix}")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


def docx_response(report: YearlyReport) -> HttpResponse:
    return _download(report, docx_bytes(report), DOCX_TYPE, "docx")


def pdf_response(report: YearlyReport) -> HttpResponse:
    return _download(report, pdf_bytes(report), "application/pdf", "pdf")
