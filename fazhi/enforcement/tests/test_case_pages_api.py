"""The penalty case's API, office pages, instruments, archive and portal: the API walks a case
through the ordinary procedure with each gate refused (409, its Chinese reason) then allowed; bad
input refused with nothing changed; another body's case a 404 everywhere; only the user's own steps
on the page; the instruments are Word documents with what the law asks them to say; the archive
holds every instrument, evidence file and event; the portal shows only masked, current decisions."""

import datetime
import io
import json
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.models import Attachment, AuditEvent
from fazhi.core.testing import Role, api_client, files, make_user
from fazhi.enforcement import archive, case_selectors, instruments, services
from fazhi.enforcement.choices import CaseStatus as S
from fazhi.enforcement.models import (
    Benchmark,
    BenchmarkBand,
    Case,
    CaseDocument,
    CaseOfficer,
    Certificate,
    LegalReviewer,
    Officer,
    Publication,
    ReviewCatalogEntry,
)
from fazhi.procedures import services as procedures
from fazhi.procedures.models import MeetingRecord
from fazhi.procedures.testing import MEMBERS, pass_review

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
    # A body camera's recording (行政处罚法第四十七条: 音像记录) is evidence like a photo.
    recording = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    kept = instruments.attach_evidence(case, SimpleUploadedFile("执法记录仪.mp4", recording), actor=crew["user"])
    assert kept.media_type == "video/mp4"
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
    actions = {event["action"] for event in json.loads(zipped.read("审计记录.json"))}
    assert {"enforcement.case_filed", "enforcement.decided", "enforcement.closed", "core.attachment_added"} <= actions
    assert AuditEvent.objects.filter(object_id=str(case.pk), action="enforcement.case_archived").exists()


# --- the API ------------------------------------------------------------------------------------------


@pytest.fixture
def benchmark(city):
    """A published benchmark whose first band, for goods under ¥10,000, allows ¥50,000–80,000."""
    found = Benchmark.objects.create(
        body=city["market"],
        code="SP-124",
        violation="销售不符合食品安全标准的食品",
        violated_provision="《中华人民共和国食品安全法》第三十四条",
        penalty_provision="《中华人民共和国食品安全法》第一百二十四条",
        status="published",
        published_on=TODAY(),
    )
    BenchmarkBand.objects.create(
        benchmark=found, order=1, label="从轻", amount_below="10000", fine_min="50000", fine_max="80000"
    )
    return found


def test_the_api_walks_a_case_through_every_gate(city, crew, benchmark):
    ReviewCatalogEntry.objects.create(
        body=city["market"], matter="罚款十万元以上的", fine_from="100000", published_on=TODAY()
    )
    officer, head = api_client(crew["user"]), api_client(crew["head"])
    new = {
        "body": city["market"].pk,
        "officers": [crew["a"].pk],
        "benchmark": benchmark.pk,
        "cause": "销售不符合食品安全标准的食品案",
        "party_kind": "organisation",
        "party_name": "江门市某某食品有限公司",
        "party_code": "91440700MA00000001",
    }
    _refused(officer.post("/api/v1/enforcement-cases/", new, format="json"), "不得少于两人", 400)
    expired = {**new, "officers": [crew["a"].pk, crew["expired"].pk]}
    _refused(officer.post("/api/v1/enforcement-cases/", expired, format="json"), "没有有效的行政执法证", 400)
    created = _ok(
        officer.post("/api/v1/enforcement-cases/", {**new, "officers": [crew["a"].pk, crew["b"].pk]}, format="json"),
        201,
    )
    assert created["status"] == S.FILED and created["status_label"] == "已立案"
    assert [row["certificate_number"] for row in created["officers"]] == ["44070001", "44070002"]
    assert any(row["matter"] == "penalty-decide" and "第六十条" in row["source"] for row in created["deadlines"])
    url = f"/api/v1/enforcement-cases/{created['id']}/"
    case = Case.objects.get(pk=created["id"])

    # Investigation: the facts found, the band they put the case in, a penalty out of band only with a reason.
    _refused(officer.post(url + "conclude-investigation/", {}, format="json"), "违法事实")
    facts = {"facts": "当事人销售过期食品，货值金额800元。", "amount_involved": "800", "serious": True}
    body = _ok(officer.post(url + "facts/", facts, format="json"))
    assert body["proposed_band"]["label"] == "从轻" and body["needs_collective_discussion"] is True
    _ok(officer.post(url + "conclude-investigation/", {}, format="json"))
    _ok(officer.post(url + "propose/", {"penalty_kinds": ["fine"], "fine": "100000"}, format="json"))
    _refused(officer.post(url + "notify/", {}, format="json"), "超出裁量基准")
    proposal = {"penalty_kinds": ["fine"], "fine": "100000", "out_of_band_reason": "拒不配合调查，从重处罚。"}
    _ok(officer.post(url + "propose/", proposal, format="json"))
    notified = _ok(officer.post(url + "notify/", {}, format="json"))
    assert notified["status"] == S.NOTIFIED and notified["hearing_right"] is True
    assert any(row["matter"] == "penalty-hearing-request" for row in notified["deadlines"])

    # The hearing: asked for within 5 working days, noticed 7 days ahead.
    def decide(client=head):
        return client.post(
            url + "decide/",
            {"decision_text": "罚款人民币十万元。", "decision_number": "江市监罚〔2026〕3号"},
            format="json",
        )

    _refused(decide(), "听证的期限")
    assert _ok(officer.post(url + "request-hearing/", {}, format="json"))["status"] == S.HEARING
    _refused(decide(), "应当组织听证")
    early = {
        "notice_on": (TODAY() - datetime.timedelta(days=3)).isoformat(),
        "held_on": TODAY().isoformat(),
        "record": "听证笔录。",
    }
    _refused(officer.post(url + "hearing/", early, format="json"), "七日前", 400)
    _ok(
        officer.post(
            url + "hearing/", {**early, "notice_on": (TODAY() - datetime.timedelta(days=8)).isoformat()}, format="json"
        )
    )
    _refused(decide(), "陈述、申辩")
    _ok(officer.post(url + "statement/", {"statement": "当事人申辩称系初次违法，未予采纳。"}, format="json"))

    # Legal review by a qualified reviewer, then the heads' collective discussion.
    refused = _refused(decide(), "法制审核")
    assert "法制审核目录" in refused.json()["detail"] and "第二项" in refused.json()["detail"]
    reviewing = _ok(officer.post(url + "submit-review/", {}, format="json"))
    assert reviewing["status"] == S.UNDER_REVIEW and reviewing["procedures"][0]["kind"] == "legality"
    pass_review(case, crew["reviewer"])
    _refused(decide(), "集体讨论")
    meeting = {
        "session": "局案件审理委员会2026年第3次会议",
        "held_on": TODAY().isoformat(),
        "agenda_item": "讨论江门市某某食品有限公司案",
        "entitled_members": MEMBERS,
        "attendees": MEMBERS,
        "outcome": "agreed",
    }
    body = _ok(officer.post(url + "meetings/", meeting, format="json"))
    (meeting_id,) = [row["id"] for row in body["procedures"] if row["kind"] == "meeting"]
    record = MeetingRecord.objects.get(pk=meeting_id)
    assert record.meeting_kind == "case_review"
    procedures.attach_minutes(record, SimpleUploadedFile("纪要.txt", "会议纪要。".encode()), actor=crew["user"])
    procedures.sign_meeting(record, actor=crew["head"])
    assert decide(officer).status_code == 403
    decided = _ok(decide())
    assert decided["status"] == S.DECIDED and decided["decided_on"] == TODAY().isoformat()
    assert [a["name"] for a in decided["actions"]] == [], "serving is the officers', not the head's"

    # Service, instruments and evidence, execution, closure, the archive.
    _refused(officer.post(url + "serve/", {"method": "carrier_pigeon"}, format="json"), "送达方式", 400)
    assert _ok(officer.post(url + "serve/", {"method": "electronic"}, format="json"))["status"] == S.SERVED
    documents = _ok(officer.post(url + "documents/", {"kind": "decision"}, format="json"))["documents"]
    assert documents[0]["kind"] == "decision" and documents[0]["number"] == "江市监罚〔2026〕3号"
    upload = officer.post(url + "evidence/", {"file": _photo()}, format="multipart")
    assert _ok(upload)["evidence"][0]["name"] == "现场照片.png"
    _refused(head.post(url + "close/", {}, format="json"), "尚未执行完毕")
    _refused(head.post(url + "archive/", {}, format="json"), "结案后")
    _ok(officer.post(url + "execute/", {"note": "已缴纳罚款。"}, format="json"))
    assert _ok(head.post(url + "close/", {}, format="json"))["status"] == S.CLOSED
    _refused(officer.post(url + "evidence/", {"file": _photo()}, format="multipart"), "结案")
    zipped = officer.post(url + "archive/", {}, format="json")
    assert zipped.status_code == 200 and zipped["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert any(name.startswith("执法文书/") for name in names) and any(name.startswith("证据材料/") for name in names)

    # Publicity, and its withdrawal with a statement.
    published = _ok(officer.post(url + "publish/", {}, format="json"))["publication"]
    assert published["party"] == "江门市某某食品有限公司" and published["withdrawn_on"] is None
    _refused(
        officer.post(
            url + "withdraw-publication/", {"changed_on": TODAY().isoformat(), "statement": ""}, format="json"
        ),
        "撤回说明",
        400,
    )
    withdrawn = {"changed_on": TODAY().isoformat(), "statement": "该决定已被行政复议机关变更。"}
    assert _ok(officer.post(url + "withdraw-publication/", withdrawn, format="json"))["publication"]["withdrawn_on"]

    history = _ok(officer.get(url + "history/"))
    actions = [event["action"] for event in history["timeline"]]
    for name in (
        "enforcement.case_filed",
        "enforcement.hearing_held",
        "procedures.review_passed",
        "procedures.meeting_signed",
        "enforcement.decided",
        "enforcement.instrument_generated",
        "enforcement.evidence_attached",
        "enforcement.closed",
        "enforcement.case_archived",
        "enforcement.decision_published",
        "enforcement.publication_withdrawn",
    ):
        assert name in actions, name
    assert any(
        row["label"] == "作出行政处罚决定" and row["closed_on"] == TODAY().isoformat() for row in history["deadlines"]
    )


def test_on_the_spot_through_the_api(city, crew):
    officer = api_client(crew["user"])
    spot = {
        "body": city["market"].pk,
        "officer": crew["a"].pk,
        "penalty_kinds": ["fine"],
        "fine": "201",
        "facts": "当场查获占道经营。",
        "cause": "占道经营",
        "party_kind": "person",
        "party_name": "张三",
    }
    _refused(officer.post("/api/v1/enforcement-cases/on-the-spot/", spot, format="json"), "二百元以下", 400)
    created = _ok(officer.post("/api/v1/enforcement-cases/on-the-spot/", {**spot, "fine": "200"}, format="json"), 201)
    assert created["status"] == S.SERVED and created["procedure"] == "on_the_spot" and len(created["officers"]) == 1
    instrument = {row["kind"]: row["refusal"] for row in created["instruments"]}
    assert instrument["on_the_spot"] is None and instrument["filing"]
    url = f"/api/v1/enforcement-cases/{created['id']}/documents/"
    document = CaseDocument.objects.get(
        pk=_ok(officer.post(url, {"kind": "on_the_spot"}, format="json"))["documents"][0]["id"]
    )
    text = _docx_text(document)
    assert "当场行政处罚决定书" in text and "执法甲（执法证号：44070001）" in text and "罚款人民币200" in text


def test_bad_input_is_refused_with_nothing_changed(city, crew):
    case = _open(city, crew)
    officer = api_client(crew["user"])
    url = f"/api/v1/enforcement-cases/{case.pk}/"

    def state():
        return (
            list(Case.objects.values_list("pk", "status", "facts", "amount_involved", "harm", "penalty_kinds", "fine")),
            CaseOfficer.objects.count(),
            CaseDocument.objects.count(),
            Attachment.objects.count(),
            MeetingRecord.objects.count(),
            AuditEvent.objects.count(),
        )

    before = state()
    new = {**PARTY, "body": city["market"].pk, "officers": [crew["a"].pk, crew["b"].pk]}
    bad = [
        ("/api/v1/enforcement-cases/", {**new, "body": "abc"}, "body"),
        ("/api/v1/enforcement-cases/", {**new, "officers": str(crew["a"].pk)}, "officers"),
        ("/api/v1/enforcement-cases/", {**new, "party_kind": "alien"}, "party_kind"),
        ("/api/v1/enforcement-cases/", {**new, "cause": 123}, "cause"),
        ("/api/v1/enforcement-cases/", {**new, "filed_on": "昨天"}, "filed_on"),
        ("/api/v1/enforcement-cases/", {**new, "benchmark": "x"}, "benchmark"),
        ("/api/v1/enforcement-cases/", {**new, "colour": "blue"}, "colour"),
        (url + "facts/", {"amount_involved": "许多"}, "amount_involved"),
        (url + "facts/", {"amount_involved": "-5"}, "amount_involved"),
        (url + "facts/", {"harm": "apocalyptic"}, "harm"),
        (url + "facts/", {"first_violation": "perhaps"}, "first_violation"),
        (url + "facts/", {"serious": "very"}, "serious"),
        (url + "facts/", {"facts": ["x"]}, "facts"),
        (url + "facts/", {"colour": "blue"}, "colour"),
        (url + "officers/", {"officer": "abc"}, "officer"),
        (url + "documents/", {"kind": "telegram"}, "kind"),
        (url + "documents/", {"kind": "inquiry"}, "kind"),
        (url + "evidence/", {"file": "not a file"}, "file"),
        (url + "meetings/", {"session": "会议"}, None),
        (url + "meetings/", {**dict.fromkeys(("session", "agenda_item"), "x"), "held_on": "x"}, None),
    ]
    for path, data, field in bad:
        response = officer.post(path, data, format="json")
        assert response.status_code == 400, (path, data, response.status_code, response.content.decode()[:300])
        answer = response.json()
        assert answer["code"] == "invalid" and answer["detail"], answer
        if field:
            assert field in answer["errors"], (path, data, answer)
    assert officer.post(url + "facts/", [1, 2], format="json").status_code == 400
    assert officer.get("/api/v1/enforcement-cases/", {"year": "20x6"}).status_code == 400
    assert officer.get("/api/v1/enforcement-cases/", {"status": "lost"}).status_code == 400
    assert api_client().get("/api/v1/public/penalty-decisions/", {"body": "市局"}).status_code == 400
    assert state() == before


def test_another_bodys_case_is_a_404_in_the_api_and_the_pages(city, crew, people):
    case = _open(city, crew)
    intruder = people["ecology_clerk"]
    client, api = _client(intruder), api_client(intruder)
    url = f"/api/v1/enforcement-cases/{case.pk}/"
    assert api.get(url).status_code == 404
    assert api.get(url + "history/").status_code == 404
    assert api.get("/api/v1/enforcement-cases/").json()["results"] == []
    assert api.post(url + "facts/", {"facts": "越权"}, format="json").status_code == 404
    assert api.post(url + "documents/", {"kind": "filing"}, format="json").status_code == 404
    assert client.get(reverse("enforcement:case-detail", args=[case.pk])).status_code == 404
    for step in ("facts", "conclude_investigation", "archive", "document", "nonsense"):
        assert (
            client.post(reverse("enforcement:case-action", args=[case.pk, step]), {"facts": "越权"}).status_code == 404
        )
    assert "王小明" not in client.get(reverse("enforcement:case-list")).content.decode()
    assert Case.objects.get(pk=case.pk).facts == "" and not CaseDocument.objects.exists()


def test_the_case_list_takes_no_more_queries_for_more_cases(city, crew):
    def count(user, url, api):
        client = api_client(user) if api else _client(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = [
        (crew["user"], reverse("enforcement:case-list"), False),
        (crew["user"], "/api/v1/enforcement-cases/", True),
        (crew["user"], f"/api/v1/enforcement-cases/?year={TODAY().year}&status=filed", True),
        (None, reverse("enforcement:public-penalty-list"), False),
        (None, "/api/v1/public/penalty-decisions/", True),
    ]
    services.publish_decision(_decided(city, crew), actor=crew["user"])
    _open(city, crew)
    before = [count(*row) for row in urls]
    for n in range(3):
        services.publish_decision(_decided(city, crew, party_name=f"当事人{n}"), actor=crew["user"])
        _open(city, crew, party_name=f"另一当事人{n}")
    assert [count(*row) for row in urls] == before
    api = api_client(crew["user"])
    assert api.get("/api/v1/enforcement-cases/").json()["count"] == 8
    assert api.get("/api/v1/enforcement-cases/", {"status": "decided"}).json()["count"] == 4
    assert api.get("/api/v1/enforcement-cases/", {"year": TODAY().year - 1}).json()["count"] == 0
    assert api.get("/api/v1/enforcement-cases/", {"procedure": "on_the_spot"}).json()["count"] == 0


# --- the pages ----------------------------------------------------------------------------------------


def _step(client, case, name, data=None, status=302):
    response = client.post(reverse("enforcement:case-action", args=[case.pk, name]), data or {})
    assert response.status_code == status, (name, response.status_code, response.content.decode()[-1500:])
    return response


def test_filing_on_the_pages_shows_scripts_escaped(city, crew):
    officer = _client(crew["user"])
    form = officer.get(reverse("enforcement:case-create")).content.decode()
    assert "执法甲（执法证号 44070001）" in form and "执法乙（执法证号 44070002）" in form
    assert "执法丙" not in form, "an officer whose certificate has expired is not offered"
    data = {
        "body": city["market"].pk,
        "cause": "<script>alert('案')</script>销售过期食品案",
        "party_kind": "person",
        "party_name": "王小明",
        "officers": [crew["a"].pk],
    }
    refused = officer.post(reverse("enforcement:case-create"), data)
    assert refused.status_code == 400 and "不得少于两人" in refused.content.decode()
    created = officer.post(reverse("enforcement:case-create"), {**data, "officers": [crew["a"].pk, crew["b"].pk]})
    assert created.status_code == 302, created.content.decode()[-2000:]
    case = Case.objects.get()
    _step(officer, case, "facts", {"facts": "<script>alert(1)</script>货值800元。", "amount_involved": "800"})
    page = officer.get(created["Location"]).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;案&#x27;)&lt;/script&gt;销售过期食品案" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;货值800元。" in page
    for section in ("case-officers", "case-deadlines", "case-timeline", "case-documents", "case-evidence"):
        assert f'id="{section}"' in page, section
    assert "44070002" in page and "作出行政处罚决定" in page and "第六十条" in page
    assert _step(officer, case, "facts", {"amount_involved": "许多"}, 400)
    spot = {
        "body": city["market"].pk,
        "officer": crew["a"].pk,
        "cause": "占道经营",
        "party_kind": "person",
        "party_name": "张三",
        "penalty_kinds": ["fine"],
        "fine": "300",
        "facts": "当场查获。",
    }
    over = officer.post(reverse("enforcement:case-on-the-spot"), spot)
    assert over.status_code == 400 and "二百元以下" in over.content.decode()
    assert officer.post(reverse("enforcement:case-on-the-spot"), {**spot, "fine": "100"}).status_code == 302
    assert Case.objects.get(procedure="on_the_spot").status == S.SERVED


def test_the_page_shows_only_the_users_steps_and_takes_the_case_to_its_archive(city, crew):
    case = _open(city, crew)
    services.record_facts(case, actor=crew["user"], facts="当事人王小明销售过期食品。")
    services.conclude_investigation(case, actor=crew["user"])
    services.propose(case, actor=crew["user"], penalty_kinds=["warning"])
    services.notify(case, actor=crew["user"])
    officer, head = _client(crew["user"]), _client(crew["head"])
    url = reverse("enforcement:case-detail", args=[case.pk])
    page = officer.get(url).content.decode()
    assert 'id="step-statement"' in page and 'id="step-propose"' in page
    assert 'data-transition="decide"' not in page and 'data-transition="request_hearing"' not in page
    head_page = head.get(url).content.decode()
    assert 'data-transition="decide"' in head_page and 'id="step-statement"' not in head_page
    assert "未听取当事人的陈述、申辩" in head_page, "the decision's refusal is shown before it is tried"
    _step(officer, case, "statement", {"statement": "当事人放弃陈述、申辩。"})
    _step(officer, case, "decide", {"decision_text": "给予警告。"}, 403)
    _step(head, case, "decide", {"decision_text": ""}, 400)
    assert Case.objects.get(pk=case.pk).status == S.NOTIFIED
    _step(head, case, "decide", {"decision_text": "给予王小明警告。", "decision_number": "江市监罚〔2026〕5号"})
    assert Case.objects.get(pk=case.pk).status == S.DECIDED

    # The instrument made on the page, downloaded and read back.
    _step(officer, case, "document", {"kind": "closure"}, 400)
    _step(officer, case, "document", {"kind": "decision"})
    document = CaseDocument.objects.get(case=case, kind="decision")
    download = officer.get(reverse("core:attachment-download", args=[document.attachment_id]))
    word = docx.Document(io.BytesIO(b"".join(download.streaming_content)))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "王小明" in text and "申请行政复议" in text and "提起行政诉讼" in text

    # Evidence: refused when of a wrong type, taken when it is what it says.
    fake = SimpleUploadedFile("录像.png", files.exe_bytes(), content_type="image/png")
    refused = _step(officer, case, "evidence", {"file": fake}, 400)
    assert "不是允许的格式" in refused.content.decode()
    _step(officer, case, "evidence", {"file": _photo()})
    assert "现场照片.png" in officer.get(url).content.decode()

    _step(officer, case, "serve", {"method": "in_person"})
    _step(officer, case, "publish")
    _step(head, case, "archive", status=409)
    _step(officer, case, "execute", {"note": "已执行。"})
    _step(officer, case, "close", status=403)
    _step(head, case, "close")
    page = officer.get(url).content.decode()
    assert 'id="case-archive"' in page and 'id="step-evidence"' not in page and 'id="step-document"' not in page
    _step(officer, case, "evidence", {"file": _photo()}, 409)
    archived = officer.post(reverse("enforcement:case-action", args=[case.pk, "archive"]))
    assert archived.status_code == 200 and archived["Content-Type"] == "application/zip"
    zipped = zipfile.ZipFile(io.BytesIO(archived.content))
    names = zipped.namelist()
    assert f"执法文书/{document.attachment_id}-{document.attachment.original_name}" in names
    assert any(name.startswith("证据材料/") and name.endswith("现场照片.png") for name in names)
    trail = {event["action"] for event in json.loads(zipped.read("审计记录.json"))}
    assert {"enforcement.decided", "enforcement.evidence_attached", "enforcement.closed"} <= trail


# --- the portal ---------------------------------------------------------------------------------------


def test_the_portal_shows_masked_current_decisions_and_only_the_statement_of_a_withdrawn_one(city, crew):
    shown = services.publish_decision(_decided(city, crew), actor=crew["user"])
    withdrawn_case = _decided(city, crew, party_name="李大华", party_code="440703198001011234")
    withdrawn = services.publish_decision(withdrawn_case, actor=crew["user"])
    services.withdraw_publication(
        withdrawn_case, actor=crew["user"], changed_on=TODAY(), statement="该决定已被行政复议机关撤销。"
    )
    expired = services.publish_decision(_decided(city, crew, party_name="赵过期"), actor=crew["user"])
    Publication.objects.filter(pk=expired.pk).update(show_until=TODAY() - datetime.timedelta(days=1))

    anonymous = _client()
    listing = anonymous.get(reverse("enforcement:public-penalty-list")).content.decode()
    assert "王**" in listing and "王小明" not in listing
    assert "李*" not in listing and "赵**" not in listing, "neither the withdrawn nor the expired one"
    detail = anonymous.get(reverse("enforcement:public-penalty-detail", args=[shown.pk])).content.decode()
    assert "王**" in detail and "给予王**警告" in detail and "江门市市场监督管理局" in detail
    for private in ("王小明", "440703199001011234", "13812345678", "建设路1号"):
        assert private not in detail, private
    gone = anonymous.get(reverse("enforcement:public-penalty-detail", args=[withdrawn.pk])).content.decode()
    assert "该决定已被行政复议机关撤销。" in gone and "已撤回" in gone
    assert "李" not in gone and "给予" not in gone, "nothing of the withdrawn decision but its statement"
    assert anonymous.get(reverse("enforcement:public-penalty-detail", args=[expired.pk])).status_code == 404

    api = api_client()
    ids = [row["id"] for row in _ok(api.get("/api/v1/public/penalty-decisions/"))["results"]]
    assert ids == [shown.pk]
    public = _ok(api.get(f"/api/v1/public/penalty-decisions/{withdrawn.pk}/"))
    assert public["withdrawn"] is True and public["summary"] == "" and public["party"] == ""
    assert public["withdrawal_statement"] == "该决定已被行政复议机关撤销。"
    assert api.get(f"/api/v1/public/penalty-decisions/{expired.pk}/").status_code == 404
    by_year = {"body": city["market"].pk, "year": TODAY().year - 1}
    assert _ok(api.get("/api/v1/public/penalty-decisions/", by_year))["results"] == []
    other_body = anonymous.get(reverse("enforcement:public-penalty-list"), {"body": city["ecology"].pk})
    assert "王**" not in other_body.content.decode()


def test_the_case_page_links_its_legal_review_and_collective_discussion(city, crew):
    ReviewCatalogEntry.objects.create(
        body=city["market"], matter="吊销许可证件的", penalty_kinds=["revoke_licence"], published_on=TODAY()
    )
    case = _open(city, crew)
    services.record_facts(case, actor=crew["user"], facts="当事人无证经营。", serious=True)
    services.conclude_investigation(case, actor=crew["user"])
    services.propose(case, actor=crew["user"], penalty_kinds=["revoke_licence"])
    services.notify(case, actor=crew["user"])
    services.record_statement(case, actor=crew["user"], statement="当事人未提出陈述、申辩。")
    officer = _client(crew["user"])
    page = officer.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    assert "属于本机关法制审核目录事项：吊销许可证件的" in page and 'id="step-meeting"' in page
    _step(officer, case, "submit_review")
    review = case_selectors.procedures_of(case)["reviews"][0]
    review_url = reverse("procedures:review-detail", args=[review.pk])
    assert review_url in officer.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    assert _client(crew["reviewer"]).get(review_url).status_code == 200
    meeting = {
        "session": "局案件审理委员会会议",
        "held_on": TODAY().isoformat(),
        "agenda_item": "讨论无证经营案",
        "entitled_members": "局长、副局长甲、副局长乙",
        "attendees": "局长、副局长甲、副局长乙",
        "outcome": "agreed",
    }
    response = _step(officer, case, "meeting", meeting)
    record = MeetingRecord.objects.get()
    assert response["Location"] == reverse("procedures:meeting-detail", args=[record.pk])
    assert record.meeting_kind == "case_review" and record.attendees == ["局长", "副局长甲", "副局长乙"]
    assert _client(crew["head"]).get(response["Location"]).status_code == 200
