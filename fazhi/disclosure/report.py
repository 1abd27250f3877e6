"""The yearly 政府信息公开工作年度报告 in the national format (国务院办公厅政府信息与政务公开办公室
《中华人民共和国政府信息公开工作年度报告格式》, 2021): the sections as data (`sections`), a DOCX
(`docx_bytes`, python-docx) and the same content as HTML (the office and portal templates)."""

import io

from django.utils.translation import gettext as _

from fazhi.disclosure import selectors
from fazhi.disclosure.choices import ApplicantKind, Category
from fazhi.disclosure.models import REVIEW_FIGURES, AnnualReport

COLUMN_LABELS = [
    ("person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
REVIEW_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def figures_of(report: AnnualReport) -> dict:
    """Frozen figures once published; computed from the records while in draft."""
    if report.published_on and report.figures:
        return report.figures
    return selectors.report_figures(report.body, report.year)


def sections(report: AnnualReport) -> dict:
    figures = figures_of(report)
    table = figures.get("requests", {})
    rows = [
        ("new", _("一、本年新收政府信息公开申请数量"), ""),
        ("carried_in", _("二、上年结转政府信息公开申请数量"), ""),
    ]
    rows.append(("", _("三、本年度办理结果"), "head"))
    rows.extend(selectors.result_rows())
    rows.append(("finished", _("（七）总计"), ""))
    rows.append(("carried_out", _("四、结转下年度继续办理"), ""))
    request_rows = [
        {
            "label": label,
            "style": style,
            "cells": [table.get(key, {}).get(column, 0) for column, _label in COLUMN_LABELS] if key else [],
        }
        for key, label, style in rows
    ]
    review = report.review_figures or {}
    return {
        "title": _("%(body)s%(year)d年政府信息公开工作年度报告") % {"body": report.body.name, "year": report.year},
        "overview": report.overview,
        "items": [
            {"label": str(Category(key).label), "count": count}
            for key, count in sorted(figures.get("items", {}).items())
            if key in Category.values
        ],
        "items_total": figures.get("items_total", 0),
        "made": [
            (_("规章"), figures.get("rules_made", 0), figures.get("rules_repealed", 0)),
            (_("行政规范性文件"), figures.get("documents_made", 0), figures.get("documents_repealed", 0)),
        ],
        "penalties": figures.get("penalties", 0),
        "coercions": figures.get("coercions", 0),
        "columns": [label for _key, label in COLUMN_LABELS],
        "request_rows": request_rows,
        "review": [review.get(name, 0) for name in REVIEW_FIGURES],
        "problems": report.problems,
        "other_matters": report.other_matters,
    }


def docx_bytes(report: AnnualReport) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    data = sections(report)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    style.font.size = Pt(14)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(data["title"])
    run.font.size = Pt(20)
    run.bold = True

    def heading(text):
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = True

    def texts(value):
        for line in (value or _("（无）")).splitlines() or [_("（无）")]:
            if line.strip():
                document.add_paragraph(line.strip())

    def table(header, rows):
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.text = str(text)
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)

    heading(_("一、总体情况"))
    texts(data["overview"])
    heading(_("二、主动公开政府信息情况"))
    table(
        [_("类别"), _("本年公开数量")],
        [(i["label"], i["count"]) for i in data["items"]] + [(_("合计"), data["items_total"])],
    )
    document.add_paragraph("")
    table([_("信息内容"), _("本年制发件数"), _("本年废止件数")], data["made"])
    document.add_paragraph("")
    table(
        [_("信息内容"), _("本年处理决定数量")],
        [(_("行政处罚"), data["penalties"]), (_("行政强制"), data["coercions"])],
    )
    heading(_("三、收到和处理政府信息公开申请情况"))
    rows = []
    for row in data["request_rows"]:
        rows.append([row["label"], *(row["cells"] or [""] * len(data["columns"]))])
    table([_("申请人情况"), *data["columns"]], rows)
    heading(_("四、政府信息公开行政复议、行政诉讼情况"))
    header = [*[f"{_('行政复议')}{label}" for label in REVIEW_LABELS]]
    header += [f"{_('未经复议直接起诉')}{label}" for label in REVIEW_LABELS]
    header += [f"{_('复议后起诉')}{label}" for label in REVIEW_LABELS]
    table([_("项目"), _("数量")], list(zip(header, data["review"], strict=True)))
    heading(_("五、存在的主要问题及改进情况"))
    texts(data["problems"])
    heading(_("六、其他需要报告的事项"))
    texts(data["other_matters"])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def review_labels() -> list[str]:
    labels = [f"{_('行政复议')}·{label}" for label in REVIEW_LABELS]
    labels += [f"{_('未经复议直接起诉')}·{label}" for label in REVIEW_LABELS]
    labels += [f"{_('复议后起诉')}·{label}" for label in REVIEW_LABELS]
    return labels


__all__ = ["ApplicantKind", "docx_bytes", "review_labels", "sections"]
