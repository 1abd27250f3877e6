"""The legacy-document import under generated workbooks (issue 11, fuzzing): every workbook,
well-formed or damaged, gets a row-level report or a Chinese refusal — never a crash — and a
workbook with any problem imports nothing."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.errors import InvalidInput
from fazhi.core.testing.fuzz import DB_FUZZ, corrupted, workbooks
from fazhi.documents import imports
from fazhi.documents.models import NormativeDocument
from fazhi.documents.tests.test_import import ATTACHMENTS, good_rows, workbook
from fazhi.numbering import services as numbering
from fazhi.numbering.choices import FormatKind

pytestmark = pytest.mark.django_db

HEADERS = [column.header for column in imports.COLUMNS]
PLAUSIBLE = [value for row in good_rows() for value in row.values()] + ["江市监规〔2018〕", "是", "否", "政府"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def formats(city):
    """The market bureau's 发文字号 format, so that well-formed rows can import."""
    return numbering.create_format(
        actor=None, body=city["market"], kind=FormatKind.DOC_NUMBER, name="江市监规发文字号", prefix="江市监规"
    )


def _import_or_refuse(data, clerk, body):
    before = list(NormativeDocument.objects.order_by("pk").values_list("pk", "status", "title"))
    try:
        report = imports.import_workbook(data, actor=clerk, body=body, read_attachment=ATTACHMENTS.get)
    except InvalidInput as refusal:
        assert CHINESE.search(refusal.detail)
        report = None
    if report is None or report.errors:
        assert list(NormativeDocument.objects.order_by("pk").values_list("pk", "status", "title")) == before
        for error in report.errors if report else []:
            assert CHINESE.search(str(error.message))


@DB_FUZZ
@given(data=workbooks(HEADERS, PLAUSIBLE))
def test_generated_workbooks_get_a_report_or_a_refusal(city, people, formats, data):
    _import_or_refuse(data, people["market_clerk"], city["market"])


@DB_FUZZ
@given(data=st.one_of(corrupted(workbook(good_rows())), st.binary(max_size=300)))
def test_damaged_files_get_a_refusal_or_a_report(city, people, formats, data):
    _import_or_refuse(data, people["market_clerk"], city["market"])
