"""The entity directory's import under generated workbooks (issue 11, fuzzing): every workbook,
well-formed or damaged, gets a row-level report or a Chinese refusal — never a crash — and a
workbook with any problem changes nothing."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.errors import InvalidInput
from fazhi.core.testing.fuzz import DB_FUZZ, corrupted, workbooks
from fazhi.inspections import imports, testing
from fazhi.inspections.models import Entity

pytestmark = pytest.mark.django_db

HEADERS = [column.header for column in imports.COLUMNS]
PLAUSIBLE = [*testing.entity_rows(3)[0].values(), "否", "企业", "个体工商户", "91440700MA4UXXXX0X"]
GOOD = imports.workbook(testing.entity_rows(3))
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _import_or_refuse(data, clerk, body):
    before = list(Entity.objects.filter(body=body).order_by("pk").values_list("pk", "code", "name", "updated_at"))
    try:
        report = imports.import_workbook(data, actor=clerk, body=body, source="名录.xlsx")
    except InvalidInput as refusal:
        assert CHINESE.search(refusal.detail)
        report = None
    after = list(Entity.objects.filter(body=body).order_by("pk").values_list("pk", "code", "name", "updated_at"))
    if report is None or report.errors:
        assert after == before
        for error in report.errors if report else []:
            assert CHINESE.search(str(error.message))
    return report


@DB_FUZZ
@given(data=workbooks(HEADERS, PLAUSIBLE))
def test_generated_workbooks_get_a_report_or_a_refusal(city, staff, data):
    _import_or_refuse(data, staff["clerk"], city["market"])


@DB_FUZZ
@given(data=st.one_of(corrupted(GOOD), st.binary(max_size=300)))
def test_damaged_files_get_a_refusal_or_a_report(city, staff, data):
    _import_or_refuse(data, staff["clerk"], city["market"])
