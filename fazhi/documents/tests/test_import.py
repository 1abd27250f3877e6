"""Legacy import (issue 4, item 6): Excel all or nothing, files through the parser, the command."""

import datetime
import io
from pathlib import Path

import docx
import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.core.testing.commands import call_fazhi
from fazhi.documents import imports
from fazhi.documents.choices import DocumentKind, DocumentStatus, PublicStatus
from fazhi.documents.models import NormativeDocument
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind, NumberStatus
from fazhi.numbering.models import IssuedNumber

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parents[2] / "texts" / "tests" / "data" / "seed_jiangfuban_2018_7.txt"
GB18030_FILE = DATA / "market_rules_gb18030.txt"
LAWS = ["诉讼与非诉讼程序法/行政复议法(2023-09-01).md", "行政法/行政处罚法(2021-01-22).md"]
HEADERS = [column.header for column in imports.COLUMNS]


@pytest.fixture
def formats(city):
    """The 发文字号 formats of the market bureau (江市监规) and of the government's office (江府办)."""
    return {
        prefix: numbering.create_format(
            actor=None, body=body, kind=FormatKind.DOC_NUMBER, name=f"{prefix}发文字号", prefix=prefix
        )
        for prefix, body in (("江市监规", city["market"]), ("江府办", city["government"]))
    }


def workbook(rows: list[dict], headers: list[str] = HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def this_year() -> int:
    return timezone.localdate().year


def good_rows() -> list[dict]:
    year = this_year()
    return [
        {
            "标题": "江门市市场监督管理局关于食品小作坊登记的规定",
            "发文字号": f"江市监规〔{year}〕1号",
            "成文日期": datetime.date(year, 1, 10),
            "施行日期": datetime.date(year, 2, 1),
            "有效期至": datetime.date(year + 4, 1, 31),
            "类别": "部门",
            "正文": "第一条 为规范食品小作坊登记，制定本规定。\n第二条 本规定自发布之日起施行。",
        },
        {
            "标题": "江门市市场监督管理局关于计量器具检定的办法",
            "发文字号": f"江市监规〔{year}〕2号",
            "发文机关": "江门市市场监督管理局",
            "成文日期": f"{year}年3月5日",
            "施行日期": f"{year}-04-01",
            "是否长期有效": "是",
            "长期有效理由": "执行国家计量法，无需定期评估。",
            "正文文件名": "计量办法.txt",
        },
        {
            "标题": "江门市市场监督管理局关于广告监测的通知",
            "发文字号": "江市监〔2019〕8号",
            "成文日期": "2019/6/1",
            "施行日期": "2019-06-01",
            "有效期至": "2021-05-31",
            "正文": "一、广告监测由各市（区）局负责。\n二、本通知自印发之日起施行。",
        },
    ]


ATTACHMENTS = {"计量办法.txt": "第一条 计量器具应当依法检定。\n第二条 本办法自印发之日起施行。".encode("gb18030")}


def import_good(city, actor, **options):
    return imports.import_workbook(
        workbook(good_rows()), actor=actor, body=city["market"], read_attachment=ATTACHMENTS.get, **options
    )


# --- Excel ---------------------------------------------------------------------------------


def test_the_template_has_every_column_and_imports_as_empty():
    data = imports.template_workbook()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [cell.value for cell in book[imports.SHEET_TITLE][1]] == HEADERS
    assert "填写说明" in book.sheetnames
    assert imports.read_rows(data) == ([], [])


def test_a_good_workbook_imports_every_row_as_a_published_legacy_document(city, people, formats):
    clerk = people["market_clerk"]
    report = import_good(city, clerk)

    assert report.ok, report.errors
    assert len(report.created) == 3
    documents = {document.doc_number: document for document in NormativeDocument.objects.all()}
    year = this_year()
    first = documents[f"江市监规〔{year}〕1号"]
    assert first.status == DocumentStatus.IN_FORCE and first.is_legacy
    assert first.body == city["market"] and first.government == city["government"]
    assert first.kind == DocumentKind.DEPARTMENT
    assert first.published_on == first.occurred_on == datetime.date(year, 1, 10)
    assert first.source_sha256 and first.created_by == clerk
    second = documents[f"江市监规〔{year}〕2号"]
    assert second.long_term and second.expires_on is None
    assert second.text.startswith("第一条 计量器具"), "正文文件名 read as GB18030"
    assert documents["江市监〔2019〕8号"].public_status() == PublicStatus.EXPIRED

    reserved = IssuedNumber.objects.filter(status=NumberStatus.RESERVED)
    assert sorted(reserved.values_list("text", flat=True)) == [f"江市监规〔{year}〕1号", f"江市监规〔{year}〕2号"]
    events = AuditEvent.objects.filter(action="documents.legacy_imported")
    assert events.count() == 3 and {event.actor_id for event in events} == {clerk.pk}


def test_reserved_numbers_are_skipped_when_the_sequence_issues(city, people, formats):
    import_good(city, people["market_clerk"])
    issued = numbering.issue_number(formats["江市监规"], actor=None)
    assert issued.text == f"江市监规〔{this_year()}〕3号"


def test_importing_the_same_workbook_again_changes_nothing(city, people, formats):
    import_good(city, people["market_clerk"])
    counts = NormativeDocument.objects.count(), IssuedNumber.objects.count(), AuditEvent.objects.count()

    again = import_good(city, people["market_clerk"])

    assert again.ok and again.created == [] and len(again.skipped) == 3
    assert (NormativeDocument.objects.count(), IssuedNumber.objects.count(), AuditEvent.objects.count()) == counts


def _bad(change: dict, index: int = 1) -> list[dict]:
    rows = good_rows()
    rows[index] = {**rows[index], **change}
    return rows


BAD_ROWS = [
    pytest.param({"标题": None}, "标题", "请填写标题", id="missing-title"),
    pytest.param({"发文字号": "江市监规[2024]3号"}, "发文字号", "六角括号", id="bad-brackets"),
    pytest.param({"发文字号": "江市监规〔2024〕第3号"}, "发文字号", "不加“第”", id="number-with-di"),
    pytest.param({"成文日期": "2023-02-30"}, "成文日期", "不是存在的日期", id="impossible-date"),
    pytest.param({"施行日期": "去年五月"}, "施行日期", "不是日期", id="not-a-date"),
    pytest.param(
        {"施行日期": "2024-06-01", "有效期至": "2024-05-31", "是否长期有效": None},
        "有效期至",
        "不能早于施行日期",
        id="expiry-before-effect",
    ),
    pytest.param({"长期有效理由": None}, "长期有效理由", "须写明理由", id="long-term-without-reason"),
    pytest.param({"发文机关": "江门市生态环境局"}, "发文机关", "您不能为“江门市生态环境局”导入文件", id="other-body"),
    pytest.param({"发文机关": "不存在的局"}, "发文机关", "未找到发文机关", id="unknown-body"),
    pytest.param({"发文字号": "江府办〔2020〕5号"}, "发文字号", "是江门市人民政府的发文字号", id="other-prefix"),
    pytest.param({"类别": "省级"}, "类别", "应为“政府”或“部门”", id="bad-kind"),
    pytest.param({"正文文件名": "没有这个文件.txt"}, "正文文件名", "找不到正文文件", id="missing-text-file"),
]


@pytest.mark.parametrize(("change", "column", "message"), BAD_ROWS)
def test_one_bad_row_saves_nothing_and_is_reported(city, people, formats, change, column, message):
    report = imports.import_workbook(
        workbook(_bad(change)), actor=people["market_clerk"], body=city["market"], read_attachment=ATTACHMENTS.get
    )

    assert not report.ok and report.created == []
    assert [(error.row, error.column) for error in report.errors] == [(3, column)]
    assert message in report.errors[0].message
    assert not NormativeDocument.objects.exists()
    assert not IssuedNumber.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="documents.").exists()


def test_a_number_repeated_in_the_file_or_already_in_the_system_is_reported(city, people, formats):
    year = this_year()
    rows = _bad({"发文字号": f"江市监规〔{year}〕1号"})
    report = imports.import_workbook(
        workbook(rows), actor=people["market_clerk"], body=city["market"], read_attachment=ATTACHMENTS.get
    )
    assert [(error.row, error.message) for error in report.errors] == [
        (3, f"发文字号“江市监规〔{year}〕1号”与第2行重复。")
    ]

    numbering.issue_number(formats["江市监规"], actor=None)  # 江市监规〔year〕1号 given by the platform
    report = import_good(city, people["market_clerk"])
    assert [(error.row, error.column) for error in report.errors] == [(2, "发文字号")]
    assert "编号记录中已有" in report.errors[0].message
    assert not NormativeDocument.objects.exists()


def test_the_error_workbook_carries_an_error_column(city, people, formats):
    data = workbook(_bad({"标题": None, "成文日期": "2023-13-01"}))
    report = imports.import_workbook(data, actor=people["market_clerk"], body=city["market"])

    sheet = openpyxl.load_workbook(io.BytesIO(imports.error_workbook(data, report.errors))).active
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "错误" and header[:-1] == HEADERS
    errors = [row[-1].value for row in sheet.iter_rows(min_row=2)]
    assert errors[0] is None and errors[2] is None
    assert "标题：请填写标题。" in errors[1] and "成文日期" in errors[1]


def test_unknown_or_missing_columns_are_refused(city, people):
    report = imports.import_workbook(
        workbook([{"名称": "x"}], headers=["名称", "发文字号"]), actor=people["market_clerk"], body=city["market"]
    )
    assert [(error.row, error.column) for error in report.errors] == [(1, "名称"), (1, "标题")]


def test_a_file_that_is_not_a_workbook_is_refused(city, people):
    with pytest.raises(InvalidInput, match="无法读取 Excel 文件"):
        imports.import_workbook(b"not a workbook", actor=people["market_clerk"], body=city["market"])


# --- access ----------------------------------------------------------------------------------


def test_a_clerk_cannot_import_into_another_body(city, people, formats):
    data = GB18030_FILE.read_bytes()
    other = people["ecology_clerk"]
    with pytest.raises(NotFound):
        imports.import_workbook(workbook(good_rows()), actor=other, body=city["market"])
    with pytest.raises(NotFound):
        imports.propose(GB18030_FILE.name, data, actor=other, body=city["market"])
    proposal = imports.propose(GB18030_FILE.name, data, actor=people["market_clerk"], body=city["market"])
    with pytest.raises(NotFound):
        imports.confirm(
            proposal.values,
            actor=other,
            body=city["market"],
            source_sha256=proposal.source_sha256,
            filename=proposal.filename,
        )
    with pytest.raises(Forbidden):  # sees the whole tree, may change nothing
        imports.propose(GB18030_FILE.name, data, actor=people["evaluator"], body=city["market"])
    assert not NormativeDocument.objects.exists()


# --- files through the parser ----------------------------------------------------------------


def test_the_seed_is_proposed_with_number_title_issuer_and_date(city, people, formats):
    proposal = imports.propose(SEED.name, SEED.read_bytes(), actor=people["office"], body=city["government"])

    assert proposal.errors == {}
    assert proposal.values["doc_number"] == "江府办〔2018〕7号"
    assert proposal.values["title"] == "江门市人民政府办公室关于印发《江门市关于加强依法行政工作的若干意见》的通知"
    assert proposal.values["occurred_on"] == datetime.date(2018, 4, 24)
    assert proposal.issuer == "江门市人民政府办公室"
    assert any("江门市人民政府办公室" in warning for warning in proposal.warnings)
    assert "（五十六）" in proposal.values["text"]
    assert proposal.existing is None and not NormativeDocument.objects.exists()


def test_a_confirmed_proposal_is_saved_once_with_its_number_reserved(city, people, formats):
    office = people["office"]
    proposal = imports.propose(SEED.name, SEED.read_bytes(), actor=office, body=city["government"])
    values = {**proposal.values, "expires_on": "2023-04-23", "effective_on": "2018-04-24"}  # the clerk adds these

    document, created = imports.confirm(
        values, actor=office, body=city["government"], source_sha256=proposal.source_sha256, filename=SEED.name
    )

    assert created and document.is_legacy and document.kind == DocumentKind.GOVERNMENT
    assert document.expires_on == datetime.date(2023, 4, 23)
    reserved = IssuedNumber.objects.get(text="江府办〔2018〕7号")
    assert reserved.status == NumberStatus.RESERVED and reserved.format == formats["江府办"]
    event = AuditEvent.objects.get(action="documents.legacy_imported")
    assert event.actor_id == office.pk
    again = imports.propose(SEED.name, SEED.read_bytes(), actor=office, body=city["government"])
    assert again.existing == document
    assert imports.confirm(
        values, actor=office, body=city["government"], source_sha256=again.source_sha256, filename=SEED.name
    ) == (document, False)
    assert NormativeDocument.objects.count() == 1


def test_confirm_refuses_what_the_clerk_left_wrong(city, people):
    proposal = imports.propose(
        GB18030_FILE.name, GB18030_FILE.read_bytes(), actor=people["market_clerk"], body=city["market"]
    )
    with pytest.raises(InvalidInput) as refused:
        imports.confirm(
            {**proposal.values, "title": "", "doc_number": "江市监规〔2024〕02号"},
            actor=people["market_clerk"],
            body=city["market"],
            source_sha256=proposal.source_sha256,
            filename=proposal.filename,
        )
    assert set(refused.value.errors) == {"title", "doc_number"}
    assert "前导零" in refused.value.errors["doc_number"][0]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("gb18030"), id="gb18030"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode(), id="utf-8-bom"),
        pytest.param(lambda text: text.encode(), id="utf-8"),
    ],
)
def test_text_files_in_every_encoding_give_the_same_proposal(city, people, encode):
    text = GB18030_FILE.read_bytes().decode("gb18030")
    proposal = imports.propose("规定.txt", encode(text), actor=people["market_clerk"], body=city["market"])

    assert proposal.values["doc_number"] == "江市监规〔2024〕2号"
    assert proposal.values["title"] == "江门市市场监督管理局关于规范食品小作坊登记管理的规定"
    assert proposal.values["occurred_on"] == datetime.date(2024, 3, 15)
    assert proposal.issuer == "江门市市场监督管理局" and proposal.warnings == []


def test_a_docx_built_with_python_docx_is_read_through_the_parser(city, people):
    document = docx.Document()
    for line in GB18030_FILE.read_bytes().decode("gb18030").splitlines():
        if line.strip():
            document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "公开方式", "主动公开"
    output = io.BytesIO()
    document.save(output)

    proposal = imports.propose("规定.docx", output.getvalue(), actor=people["market_clerk"], body=city["market"])

    assert proposal.errors == {}
    assert proposal.values["doc_number"] == "江市监规〔2024〕2号"
    assert proposal.values["title"] == "江门市市场监督管理局关于规范食品小作坊登记管理的规定"
    assert proposal.values["occurred_on"] == datetime.date(2024, 3, 15)
    assert "第二条 食品小作坊" in proposal.values["text"]
    assert "公开方式\t主动公开" in proposal.values["text"]


def test_a_broken_docx_is_refused(city, people):
    with pytest.raises(InvalidInput, match="无法读取 Word 文件"):
        imports.propose("坏.docx", b"PK\x03\x04 broken", actor=people["market_clerk"], body=city["market"])


def test_markdown_markers_are_removed():
    markdown = (
        "---\ndraft: true\n---\n# 标题\n\n<!-- INFO END -->\n## 第一章 总则\n\n- **第一条** 见[链接](http://x)。\n"
    )
    assert imports.markdown_text(markdown).split() == ["标题", "第一章", "总则", "第一条", "见链接。"]


def _law(relative: str) -> Path:
    path = Path(settings.FAZHI_LAW_CORPUS) / relative
    if not path.exists():
        pytest.skip(f"law corpus not found at {settings.FAZHI_LAW_CORPUS}")
    return path


@pytest.mark.parametrize("relative", LAWS)
def test_laws_from_the_corpus_are_read_without_markdown(city, people, relative):
    path = _law(relative)
    proposal = imports.propose(path.name, path.read_bytes(), actor=people["office"], body=city["government"])

    assert proposal.values["title"].startswith("中华人民共和国行政")
    assert proposal.values["doc_number"] == ""
    assert proposal.values["occurred_on"] is not None
    assert "#" not in proposal.values["text"] and "<!--" not in proposal.values["text"]
    assert "第一条" in proposal.values["text"]


# --- the command -----------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """A body's shared drive: a document, two laws in a subfolder, a workbook with its text file."""
    (tmp_path / "法律").mkdir()
    (tmp_path / GB18030_FILE.name).write_bytes(GB18030_FILE.read_bytes())
    for relative in LAWS:
        law = _law(relative)
        (tmp_path / "法律" / law.name).write_bytes(law.read_bytes())
    (tmp_path / "目录.xlsx").write_bytes(workbook(good_rows()))
    (tmp_path / "计量办法.txt").write_bytes(ATTACHMENTS["计量办法.txt"])
    (tmp_path / "~$目录.xlsx").write_bytes(b"lock")
    return tmp_path


def test_the_command_imports_a_folder_and_a_second_run_changes_nothing(city, formats, folder):
    result = call_fazhi("documents", "import", str(folder), "--body", "jm-scj")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5, "seed, two laws, the workbook (its text file with it), the summary"
    assert all(line.startswith("导入\t") for line in lines[:4])
    assert "3 份导入" in next(line for line in lines if "目录.xlsx" in line)
    assert "江市监规〔2024〕2号" in next(line for line in lines if GB18030_FILE.name in line)
    assert "江市监〔2019〕8号 的机关代字没有编号格式" in result.stdout
    assert "共 4 个文件：导入 4，已存在 0，失败 0。" in lines[-1]
    assert NormativeDocument.objects.filter(is_legacy=True, body=city["market"]).count() == 6
    assert AuditEvent.objects.filter(action="documents.legacy_imported", actor_label="系统").count() == 6
    year = this_year()
    assert sorted(IssuedNumber.objects.values_list("text", flat=True)) == sorted(
        ["江市监规〔2024〕2号", f"江市监规〔{year}〕1号", f"江市监规〔{year}〕2号"]
    )
    counts = NormativeDocument.objects.count(), IssuedNumber.objects.count()

    again = call_fazhi("documents", "import", str(folder), "--body", "jm-scj")

    assert again.returncode == 0
    assert all(line.startswith("已存在，跳过\t") for line in again.stdout.splitlines()[:4])
    assert (NormativeDocument.objects.count(), IssuedNumber.objects.count()) == counts


def test_a_number_without_a_format_is_recorded_and_said_so(city):
    result = call_fazhi("documents", "import", str(SEED), "--body", "jm")

    assert result.returncode == 0, result.stderr
    assert "江府办〔2018〕7号 的机关代字没有编号格式" in result.stdout
    assert NormativeDocument.objects.get().doc_number == "江府办〔2018〕7号"
    assert not IssuedNumber.objects.exists()


def test_the_command_imports_drafts(city, formats):
    result = call_fazhi("documents", "import", str(GB18030_FILE), "--body", "江门市市场监督管理局", "--draft")

    assert result.returncode == 0, result.stderr
    document = NormativeDocument.objects.get()
    assert document.status == DocumentStatus.DRAFTING and not document.is_legacy and document.published_on is None
    assert IssuedNumber.objects.get().text == "江市监规〔2024〕2号"
    assert AuditEvent.objects.filter(action="documents.draft_imported").count() == 1


def test_the_command_exits_1_when_some_files_fail(city, formats, tmp_path):
    (tmp_path / "好.txt").write_bytes(GB18030_FILE.read_bytes())
    (tmp_path / "空.txt").write_bytes(b"   \n")
    (tmp_path / "表.xlsx").write_bytes(workbook(_bad({"标题": None})))

    result = call_fazhi("documents", "import", str(tmp_path), "--body", "jm-scj")

    assert result.returncode == 1
    assert "导入\t" + str(tmp_path / "好.txt") in result.stdout
    assert "失败：文件没有内容。\t" + str(tmp_path / "空.txt") in result.stderr
    assert "失败：整表未导入。第3行 标题：请填写标题。" in result.stderr
    assert "共 3 个文件：导入 1，已存在 0，失败 2。" in result.stdout
    assert NormativeDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(GB18030_FILE), "--body", "no-such-body"], "未找到单位"),
        ([str(GB18030_FILE), "/no/such/path.txt", "--body", "jm-scj"], "找不到：/no/such/path.txt"),
        ([str(GB18030_FILE)], "缺少必需的参数：--body"),
    ],
)
def test_the_command_exits_2_on_bad_input(city, args, message):
    result = call_fazhi("documents", "import", *args)

    assert result.returncode == 2
    assert message in result.stderr
    assert not NormativeDocument.objects.exists()


# --- the office page -------------------------------------------------------------------------


def _upload(client, body, *files, **extra):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(reverse("document_imports:upload"), {"body": body.pk, "files": uploads, **extra})


@pytest.fixture
def clerk_client(client, people):
    client.force_login(people["market_clerk"])
    return client


def test_the_page_offers_the_blank_template(clerk_client):
    response = clerk_client.get(reverse("document_imports:template"))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert imports.read_rows(response.content) == ([], [])


def test_the_page_imports_a_workbook_with_its_text_file(clerk_client, city, formats):
    response = _upload(
        clerk_client,
        city["market"],
        ("目录.xlsx", workbook(good_rows())),
        ("计量办法.txt", ATTACHMENTS["计量办法.txt"]),
    )

    assert response.status_code == 200
    assert "已导入 3 份" in response.content.decode()
    assert NormativeDocument.objects.filter(is_legacy=True, created_by__username="market_clerk").count() == 3


def test_the_page_shows_the_row_report_or_returns_the_marked_workbook(clerk_client, city, formats):
    data = workbook(_bad({"成文日期": "2023-02-30"}))

    response = _upload(clerk_client, city["market"], ("目录.xlsx", data))
    assert response.status_code == 400
    page = response.content.decode()
    assert "表格有误，未导入任何文件" in page and "不是存在的日期" in page

    response = _upload(clerk_client, city["market"], ("目录.xlsx", data), error_report="1")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=3, column=len(HEADERS) + 1).value.startswith("成文日期：")
    assert not NormativeDocument.objects.exists()


def test_the_page_proposes_a_file_and_the_clerk_confirms_it(clerk_client, city, formats):
    response = _upload(clerk_client, city["market"], (GB18030_FILE.name, GB18030_FILE.read_bytes()))
    assert response.status_code == 200
    form = response.context["proposals"][0]["form"]
    assert form.initial["doc_number"] == "江市监规〔2024〕2号"
    data = {f"p0-{name}": value for name, value in form.initial.items() if value not in (None, False)}
    data["p0-occurred_on"] = "2024-03-15"
    data["p0-title"] = "江门市市场监督管理局关于规范食品小作坊登记管理的规定（核对）"

    confirmed = clerk_client.post(reverse("document_imports:confirm"), data)

    document = NormativeDocument.objects.get()
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse(
        "documents:office-detail", args=[document.pk]
    )
    assert document.title.endswith("（核对）") and document.is_legacy
    assert IssuedNumber.objects.get().text == "江市监规〔2024〕2号"


def test_the_page_refuses_another_bodys_import(client, people, city):
    client.force_login(people["ecology_clerk"])

    response = _upload(client, city["market"], (GB18030_FILE.name, GB18030_FILE.read_bytes()))

    assert response.status_code == 400
    assert "body" in response.context["form"].errors
    assert not NormativeDocument.objects.exists()
