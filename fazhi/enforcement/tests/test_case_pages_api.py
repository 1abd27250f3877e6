"""The penalty case's API, office pages, instruments, archive and portal: the API walks a case
through the ordinary procedure with each gate refused (409, its Chinese reason) then allowed; bad
input refused with nothing changed; another body's case a 404 everywhere; only the user's own steps
on the page; the instruments are Word documents with what the law asks them to say; the archive
holds every instrument, evidence file and event; the portal shows only masked, current decisions."""

import datetime
import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.models import Attachment, AuditEvent
from fazhi.core.testing import Role, make_user
from fazhi.enforcement import archive, instruments, services
from fazhi.enforcement.models import (
    CaseDocument,
    Certificate,
    LegalReviewer,
    Officer,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
YEAR_AGO = datetime.date(2020, 1, 1)
PARTY = {
    "cause": "销售过期食品案",
    "party_kind": "person",
    "party_name": "王小明",
    "party_code": "440703199001011234",
    "party_address": "江门市蓬江区建设路1号",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _officer(body, name, *, number, user=None, expires_on=None):
    officer = Officer.objects.create(body=body, name=name, user=user)
    Certificate.objects.create(
        officer=officer,
        number=number,
        area="江门市 市场监管",
        issued_on=YEAR_AGO,
        expires_on=expires_on or TODAY() + datetime.timedelta(days=400),
    )
    return officer


@pytest.fixture
def crew(city):
    """市场监管局's people: two certified officers (one the platform user who runs the case), one
    whose certificate has expired, the head, and a qualified legal reviewer."""
    market = city["market"]
    user = make_user("officer1", full_name="执法甲", roles=[(market, Role.ENFORCEMENT_OFFICER)])
    reviewer = make_user("legal1", roles=[(market, Role.LEGAL_REVIEWER)])
    LegalReviewer.objects.create(
        body=market, user=reviewer, appointed_on=datetime.date(2022, 3, 1), qualification_number="A20214400000001"
    )
    return {
        "user": user,
        "head": make_user("head1", full_name="局长甲", roles=[(market, Role.HEAD)]),
        "reviewer": reviewer,
        "a": _officer(market, "执法甲", number="44070001", user=user),
        "b": _officer(market, "执法乙", number="44070002"),
        "expired": _officer(market, "执法丙", number="44070003", expires_on=TODAY() - datetime.timedelta(days=1)),
    }


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _refused(response, fragment, status=409):
    assert response.status_code == status, (response.status_code, response.content.decode()[:500])
    assert fragment in response.json()["detail"], response.json()
    return response


def _ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.content.decode()[:800])
    return response.json()


def _open(city, crew, **overrides):
    return services.open_case(
        actor=crew["user"], body=city["market"], officers=[crew["a"].pk, crew["b"].pk], **{**PARTY, **overrides}
    )


def _decided(city, crew, **overrides):
    """A case walked through the services to a decision: a warning and a ¥500 fine."""
    case = _open(city, crew, **overrides)
    services.record_facts(case, actor=crew["user"], facts="当事人王小明销售超过保质期的食品，货值金额800元。")
    services.conclude_investigation(case, actor=crew["user"])
    services.propose(case, actor=crew["user"], penalty_kinds=["warning"], fine="500")
    services.notify(case, actor=crew["user"])
    services.record_statement(case, actor=crew["user"], statement="当事人放弃陈述、申辩。")
    return services.decide(
        case,
        actor=crew["head"],
        decision_text="给予王小明警告，并处罚款500元。联系电话13812345678。",
        decision_number="江市监罚〔2026〕7号",
    )


def _closed(city, crew):
    case = _decided(city, crew)
    case = services.serve(case, actor=crew["user"], method="in_person")
    case = services.execute(case, actor=crew["user"], note="当事人已缴纳罚款。")
    return services.close(case, actor=crew["head"])


def _docx_text(document: CaseDocument) -> str:
    with document.attachment.file.open("rb") as handle:
        word = docx.Document(io.BytesIO(handle.read()))
    parts = [paragraph.text for paragraph in word.paragraphs]
    parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _photo() -> SimpleUploadedFile:
    from fazhi.core.testing import files

    return SimpleUploadedFile("现场照片.png", files.png_bytes(), content_type="image/png")


# --- instruments and evidence -----------------------------------------------------------------------


def test_the_decision_instrument_says_what_article_59_asks(city, crew):
    case = _decided(city, crew)
    instruments.attach_evidence(case, _photo(), actor=crew["user"])
    document = instruments.generate(case, "decision", actor=crew["user"])
    assert document.number == "江市监罚〔2026〕7号" and document.attachment.original_name.endswith(".docx")
    text = _docx_text(document)
    for fragment in (
        "行政处罚决定书",
        "王小明",  # (一) the party, by name, with the address
        "江门市蓬江区建设路1号",
        "销售超过保质期的食品",  # (二) the facts and the evidence
        "现场照片.png",
        "罚款人民币500",  # (三) the kind
        "十五日内",  # (四) how and by when to pay
        "六十日内向江门市人民政府申请行政复议",  # (五) the remedies
        "六个月内依法向人民法院提起行政诉讼",
        "江门市市场监督管理局（印章）",  # (六) the body and the date
        f"{case.decided_on.year}年{case.decided_on.month}月{case.decided_on.day}日",
    ):
        assert fragment in text, fragment
    with document.attachment.file.open("rb") as handle:
        word = docx.Document(io.BytesIO(handle.read()))
    title = word.paragraphs[1]
    assert title.text == "行政处罚决定书" and title.alignment == 1  # centred
    east_asian = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert title.runs[0].element.rPr.rFonts.get(east_asian) == "方正小标宋简体"
    fonts = {run.element.rPr.rFonts.get(east_asian) for paragraph in word.paragraphs[4:] for run in paragraph.runs}
    assert "仿宋_GB2312" in fonts
    assert AuditEvent.objects.filter(object_id=str(case.pk), action="enforcement.instrument_generated").exists()


def test_instruments_are_refused_before_their_stage_and_after_closure(city, crew):
    case = _open(city, crew)
    with pytest.raises(Conflict) as caught:
        instruments.generate(case, "decision", actor=crew["user"])
    assert "尚未作出行政处罚决定" in caught.value.detail
    with pytest.raises(InvalidInput):
        instruments.generate(case, "inquiry", actor=crew["user"])
    with pytest.raises(InvalidInput):
        instruments.generate(case, "telegram", actor=crew["user"])
    filing = instruments.generate(case, "filing", actor=crew["user"])
    assert "执法乙（执法证号：44070002）" in _docx_text(filing)
    assert CaseDocument.objects.filter(case=case).count() == 1


def test_evidence_is_refused_when_oversized_of_a_wrong_type_or_after_closure(city, crew, settings):
    case = _open(city, crew)
    settings.FAZHI_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(InvalidInput) as caught:
        instruments.attach_evidence(case, SimpleUploadedFile("录像.txt", b"x" * 2048), actor=crew["user"])
    assert "超过上限" in caught.value.detail
    settings.FAZHI_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    with pytest.raises(InvalidInput):
        instruments.attach_evidence(case, SimpleUploadedFile("录像.exe", b"MZ\x90\x00binary"), actor=crew["user"])
    assert not Attachment.objects.exists()
    case = _closed(city, crew)
    with pytest.raises(Conflict):
        instruments.attach_evidence(case, _photo(), actor=crew["user"])
    with pytest.raises(Conflict):
        instruments.generate(case, "closure", actor=crew["user"])


def test_the_archive_holds_every_instrument_evidence_file_and_event(city, crew):
    case = _decided(city, crew)
    photo = instruments.attach_evidence(case, _photo(), actor=crew["user"])
    generated = [instruments.generate(case, kind, actor=crew["user"]) for kind in ("filing", "notice", "decision")]
    case = services.serve(case, actor=crew["user"], method="in_person")
    generated.append(instruments.generate(case, "service", actor=crew["user"]))
    case = services.execute(case, actor=crew["user"], note="已缴纳。")
    generated.append(instruments.generate(case, "closure", actor=crew["user"]))
    with pytest.raises(Conflict):
        archive.build(case, actor=crew["user"])
    case = services.close(case, actor=crew["head"])
    name, content = archive.build(case, actor=crew["user"])
    assert name.endswith(".zip")
    zipped = zipfile.ZipFile(io.BytesIO(content))
    names = zipped.namelist()
    assert "目录.pdf" in names and "审计记录.json" in names
    for document in generated:
        assert f"执法文书/{document.attachment_id}-{document.attachment.original_name}" in names
    assert f"证据材料/{photo.pk}-现场照片.png" in names
    folders = {path.split("/")[1].split("-", 1)[1] for path in names if path.startswith("记录/")}
    assert {"案件", "办案人员", "行政执法证", "执法文书", "法定期限"} <= folders
    import json

    actions = {event["action"] for event in json.loads(zipped.read("审计记录.json"))}
    assert {"enforcement.case_filed", "enforcement.decided", "enforcement.closed", "core.attachment_added"} <= actions
    assert AuditEvent.objects.filter(object_id=str(case.pk), action="enforcement.case_archived").exists()
