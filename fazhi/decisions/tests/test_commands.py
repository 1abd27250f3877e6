"""`fazhi decisions`: the command line is refused exactly as pages and the API are."""

import io
import zipfile

import pytest
from django.core.management import call_command

from fazhi.core.management.base import BadInput
from fazhi.decisions import testing
from fazhi.decisions.choices import DecisionStatus as S
from fazhi.procedures.testing import hold_meeting

pytestmark = pytest.mark.django_db


def test_no_decision_without_a_passed_review_from_the_command_line(city, actors):
    decision = testing.walk(testing.draft(city["market"], actors["clerk"]), S.LEGALITY_REVIEW, actors)
    with pytest.raises(BadInput, match="尚在进行中"):
        call_command("decisions", "step", str(decision.pk), "conclude_review", "--user", actors["clerk"].username)
    testing.give_adviser_opinion(decision)
    hold_meeting(decision, actors["clerk"], actors["head"])
    with pytest.raises(BadInput, match="当前状态为“合法性审查中”"):
        call_command(
            "decisions", "step", str(decision.pk), "decide", "--user", "mayor", "--set", "head_decision=adopted"
        )
    decision.refresh_from_db()
    assert decision.status == S.LEGALITY_REVIEW
    testing.walk(decision, S.REVIEWED, actors)
    out = io.StringIO()
    call_command(
        "decisions", "step", str(decision.pk), "decide", "--user", "mayor", "--set", "head_decision=adopted", stdout=out
    )
    assert "已作出决定" in out.getvalue()


def test_the_dossier_from_the_command_line(city, actors, people, tmp_path):
    decision = testing.draft(city["market"], actors["clerk"])
    target = tmp_path / "dossier.zip"
    with pytest.raises(BadInput, match="找不到编号"):
        call_command("decisions", "dossier", str(decision.pk), "--user", "ecology_clerk", "--output", str(target))
    call_command("decisions", "dossier", str(decision.pk), "--user", "market_clerk", "--output", str(target))
    assert "目录.pdf" in zipfile.ZipFile(io.BytesIO(target.read_bytes())).namelist()
