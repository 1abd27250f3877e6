"""The evaluation's inputs under generated files (issue 11, fuzzing): the social survey's workbook
and the CSV of `fazhi grade` get a result or a Chinese refusal naming the problem — never a crash —
and a refused workbook changes no score."""

import csv
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.assessment import evaluation as running
from fazhi.assessment.models import SocialScore
from fazhi.assessment.testing import workbook
from fazhi.core.errors import InvalidInput
from fazhi.core.testing.commands import call_fazhi
from fazhi.core.testing.fuzz import DB_FUZZ, TEXT, corrupted, workbooks

CHINESE = re.compile(r"[\u4e00-\u9fff]")
BODIES = ["江门市市场监督管理局", "江门市生态环境局", "蓬江区人民政府"]


@pytest.mark.django_db
@DB_FUZZ
@given(
    data=st.one_of(
        workbooks(["单位", "得分", "考评对象", "社会评议得分"], [*BODIES, "85", "100.5", "-3", "九十"]),
        corrupted(workbook([(name, 90) for name in BODIES])),
        st.binary(max_size=200),
    )
)
def test_social_workbooks_import_whole_or_are_refused_changing_nothing(evaluation, people, data):
    before = list(SocialScore.objects.order_by("pk").values_list("pk", "body_id", "score"))
    try:
        count = running.import_social(evaluation, actor=people["office"], data=data, source="问卷.xlsx")
    except InvalidInput as refusal:
        assert CHINESE.search(refusal.detail)
        assert list(SocialScore.objects.order_by("pk").values_list("pk", "body_id", "score")) == before
    else:
        assert 0 < count <= len(BODIES)
        assert all(0 <= score <= 100 for score in SocialScore.objects.values_list("score", flat=True))


FIELDS = st.one_of(
    TEXT, st.sampled_from(["body", "group", "score", "甲", "市直单位", "80", "80.00", "1e2", "NaN", "-0", "100.01", ""])
)


@st.composite
def score_files(draw) -> str:
    """A CSV with a header made of the expected names and junk, then rows of any width."""
    header = draw(st.permutations(["body", "group", "score"]).map(list) | st.lists(FIELDS, max_size=4))
    rows = draw(st.lists(st.lists(FIELDS, max_size=4), max_size=12))
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(header)
    writer.writerows(rows)
    text = output.getvalue()
    return draw(st.sampled_from([text, "\ufeff" + text, text.replace(",", ";"), text[: len(text) // 2]]))


@DB_FUZZ
@given(text=score_files())
def test_any_score_file_is_graded_or_refused_with_exit_2(tmp_path, text):
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8")

    result = call_fazhi("grade", str(path))

    assert result.returncode in (0, 2), result.stderr
    if result.returncode == 2:
        assert CHINESE.search(result.stderr) and "Traceback" not in result.stderr
        assert result.stdout == ""
    else:
        lines = list(csv.reader(io.StringIO(result.stdout)))
        assert lines[0] == ["body", "group", "score", "rank", "grade", "flag"]
        assert all(row[4] in ("优秀", "良好", "一般") for row in lines[1:])
