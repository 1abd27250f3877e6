"""The archive holds every record of the procedure, every file and the audit trail, with a PDF index."""

import hashlib
import io
import json
import zipfile

import pypdf
import pytest

from fazhi.core.errors import NotFound
from fazhi.core.models import AuditEvent
from fazhi.decisions import dossier, services, testing
from fazhi.decisions.choices import DecisionStatus as S

pytestmark = pytest.mark.django_db


def test_the_dossier_contains_every_record_file_and_event(city, actors):
    decision = testing.draft(
        city["market"], actors["clerk"], is_technical=True, risk_areas=["public_safety"], touches_market=True
    )
    decision = testing.walk(decision, S.PUBLISHED, actors)
    services.report_implementation(decision, actor=actors["clerk"], progress="已完成一期工程。")
    name, content = dossier.build(decision, actor=actors["office"])
    assert name.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    index = archive.read("目录.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(index)).pages)
    assert decision.title in text and "程序履行情况" in text, "a Chinese PDF index"
    folders = {path.split("/")[1].split("-", 1)[1] for path in names if path.startswith("记录/")}
    for section in (
        "决策事项",
        "公开征求意见",
        "专家论证意见",
        "风险评估",
        "合法性审查",
        "公平竞争审查",
        "审查阶段",
        "法律顾问意见",
        "集体讨论记录",
        "决策执行情况报告",
    ):
        assert section in folders, section
    assert any(path.startswith("附件/") and path.endswith("会议纪要.txt") for path in names), "the meeting minutes"
    decision_record = next(path for path in names if "决策事项/" in path)
    assert json.loads(archive.read(decision_record))["title"] == decision.title
    trail = json.loads(archive.read("审计记录.json"))
    actions = {event["action"] for event in trail}
    assert {"decisions.created", "decisions.published", "procedures.meeting_signed"} <= actions
    assert AuditEvent.objects.filter(object_id=str(decision.pk), action="decisions.dossier_exported").exists()
    minutes = next(path for path in names if path.endswith("会议纪要.txt"))
    assert hashlib.sha256(archive.read(minutes)).hexdigest()[:16] in text.replace("\n", ""), "each file's digest"


def test_another_body_cannot_export_the_dossier(city, actors, people):
    decision = testing.draft(city["market"], actors["clerk"])
    with pytest.raises(NotFound):
        dossier.build(decision, actor=people["ecology_clerk"])
