"""Filing (备案, seed art. 34), review suggestions from the public and incidental review in a
reconsideration (行政复议法 arts. 56–60)."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from fazhi.clock import services as clock
from fazhi.clock.models import Deadline
from fazhi.core.choices import SubmissionStatus
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.services import submissions
from fazhi.core.testing import Role, make_body, make_user
from fazhi.documents import filing, testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.filing_choices import FilingRoute, FilingStatus, IncidentalStatus
from fazhi.documents.models import FilingRecord, IncidentalReview, ReviewSuggestion
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

pytestmark = pytest.mark.django_db


def _published(city, departmental, number, **overrides):
    people = departmental
    if overrides.get("kind") == "government":
        people = {**departmental, "numberer": departmental["government_office"]}
    document = testing.draft(city["market"], departmental["clerk"], doc_number=number, **overrides)
    return testing.walk(document, S.IN_FORCE, people)


def _deadline(record, matter):
    return next(deadline for deadline in filing.deadlines_of(record) if deadline.matter == matter)


def test_departmental_document_filed_with_its_government_by_the_drafter(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕60号")
    (record,) = FilingRecord.objects.filter(document=document)
    assert record.route == FilingRoute.SAME_LEVEL_GOVERNMENT
    assert (record.filer, record.recipient_name, record.recipient_office) == (
        city["market"],
        "江门市人民政府",
        justice,
    )
    deadline = _deadline(record, filing.FILING_PERIOD)
    assert deadline.due_on == clock.due_for(filing.FILING_PERIOD, document.published_on).due
    assert deadline.body == city["market"]


def test_government_document_filed_with_the_standing_committee_and_the_province(city, justice, departmental):
    document = _published(city, departmental, "江府规〔2026〕60号", kind="government")
    routes = {record.route: record for record in FilingRecord.objects.filter(document=document)}
    assert set(routes) == {FilingRoute.STANDING_COMMITTEE, FilingRoute.SUPERIOR_GOVERNMENT}
    committee, superior = routes[FilingRoute.STANDING_COMMITTEE], routes[FilingRoute.SUPERIOR_GOVERNMENT]
    assert committee.recipient_name == "江门市人民代表大会常务委员会" and committee.recipient_office is None
    assert superior.recipient_name == "广东省人民政府" and superior.recipient_office is None
    assert committee.filer == justice == superior.filer


def test_county_government_document_goes_up_to_the_city_legal_office(city, justice, doc_settings):
    county_justice = make_body("蓬江区司法局", parent=city["county"], code="pj-sfj", has_legal_office=True)
    testing.configure(city["county"], county_justice, government_prefix="PJZF", department_prefix="PJBM")
    document = testing.draft(city["county_market"], make_user("pjclerk", roles=[(city["county_market"], Role.CLERK)]))
    document.kind, document.government = "government", city["county"]
    routes = {route["route"]: route for route in filing.filing_routes(document)}
    assert routes[FilingRoute.SUPERIOR_GOVERNMENT]["recipient_office"] == justice
    assert routes[FilingRoute.STANDING_COMMITTEE]["recipient_name"] == "蓬江区人民代表大会常务委员会"
    assert routes[FilingRoute.STANDING_COMMITTEE]["filer"] == county_justice


@override_settings(FAZHI_PROVINCIAL_GOVERNMENT="某省人民政府")
def test_the_province_is_configured(city, departmental):
    document = testing.draft(city["market"], departmental["clerk"], kind="government")
    routes = {route["route"]: route for route in filing.filing_routes(document)}
    assert routes[FilingRoute.SUPERIOR_GOVERNMENT]["recipient_name"] == "某省人民政府"


def test_filing_submitted_received_and_cleared(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕61号")
    record = document.filings.get()
    clerk, reviewer = departmental["clerk"], departmental["legal_reviewer"]
    with pytest.raises(Conflict):
        filing.run_filing_step(record, "receive", actor=reviewer)
    with pytest.raises((Forbidden, NotFound)):
        filing.run_filing_step(record, "submit", actor=reviewer)
    record = filing.run_filing_step(record, "submit", actor=clerk)
    assert record.status == FilingStatus.SUBMITTED and record.submitted_on == timezone.localdate()
    assert _deadline(record, filing.FILING_PERIOD).closed_on == record.submitted_on
    with pytest.raises((Forbidden, NotFound)):
        filing.run_filing_step(record, "receive", actor=clerk)
    record = filing.run_filing_step(record, "receive", actor=reviewer)
    record = filing.run_filing_step(record, "clear", actor=reviewer)
    assert record.status == FilingStatus.NO_PROBLEM and record.outcome == "no_problem"


def test_correction_order_needs_reasons_and_is_tracked_to_completion(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕62号")
    clerk, reviewer = departmental["clerk"], departmental["legal_reviewer"]
    record = filing.run_filing_step(document.filings.get(), "submit", actor=clerk)
    record = filing.run_filing_step(record, "receive", actor=reviewer)
    with pytest.raises(Conflict) as refused:
        filing.run_filing_step(record, "order_correction", actor=reviewer, text="  ")
    assert "理由" in str(refused.value.detail)
    record = filing.run_filing_step(record, "order_correction", actor=reviewer, text="第五条增设许可条件，超越权限。")
    deadline = _deadline(record, filing.CORRECTION_PERIOD)
    assert deadline.due_on == clock.due_for(filing.CORRECTION_PERIOD, record.concluded_on).due
    with pytest.raises(Conflict):
        filing.run_filing_step(record, "report_correction", actor=clerk, text="")
    record = filing.run_filing_step(record, "report_correction", actor=clerk, text="已删除第五条并重新发布。")
    assert record.status == FilingStatus.CORRECTED
    assert _deadline(record, filing.CORRECTION_PERIOD).closed_on == record.corrected_on


def test_filing_dates_are_checked(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕63号")
    record = document.filings.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for bad in (tomorrow.isoformat(), "2026-13-01", 5, "昨天"):
        with pytest.raises(InvalidInput):
            filing.run_filing_step(record, "submit", actor=departmental["clerk"], on=bad)
    assert FilingRecord.objects.get(pk=record.pk).status == FilingStatus.PENDING
    with pytest.raises(NotFound):
        filing.run_filing_step(record, "approve", actor=departmental["clerk"])


def test_publishing_twice_does_not_file_twice(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕64号")
    assert filing.file_published(document) == []
    assert document.filings.count() == 1


# --- review suggestions ---------------------------------------------------------------------


SUGGESTION = {"subject": "第五条超越权限", "content": "第五条增设了上位法没有的许可条件。", "submitter_name": "张三"}


def test_review_suggestion_reaches_the_filing_office_and_is_tracked_by_receipt(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕65号")
    receipt = submissions.submit("review_suggestion", SUGGESTION, client_ip="10.0.0.1", target=document.pk)
    assert receipt.submission.body == justice and receipt.receipt_code.startswith("SC-")
    link = ReviewSuggestion.objects.get(submission=receipt.submission)
    assert (link.document, link.body) == (document, justice)
    submissions.accept(receipt.submission, actor=departmental["legal_reviewer"])
    submissions.answer(receipt.submission, actor=departmental["legal_reviewer"], reply="经审查，第五条已责令纠正。")
    status = submissions.public_status(submissions.find_by_receipt(receipt.receipt_code, receipt.secret))
    assert status["status"] == SubmissionStatus.ANSWERED and "责令纠正" in status["reply"]


def test_review_suggestion_refused_for_a_draft(city, justice, departmental):
    draft = testing.draft(city["market"], departmental["clerk"])
    with pytest.raises(NotFound):
        submissions.submit("review_suggestion", SUGGESTION, client_ip="10.0.0.2", target=draft.pk)
    with pytest.raises(InvalidInput):
        submissions.submit("review_suggestion", SUGGESTION, client_ip="10.0.0.2", target="x")
    assert not ReviewSuggestion.objects.exists()


def test_review_suggestion_page_gives_a_receipt_and_404s_for_drafts(client, city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕66号")
    page = client.get(f"/documents/{document.pk}/suggest/")
    assert page.status_code == 200 and "建议审查的条款或问题" in page.content.decode()
    posted = client.post(f"/documents/{document.pk}/suggest/", SUGGESTION)
    assert posted.status_code == 200 and 'id="receipt-code"' in posted.content.decode()
    bad = client.post(f"/documents/{document.pk}/suggest/", {**SUGGESTION, "content": ""})
    assert bad.status_code == 400
    draft = testing.draft(city["market"], departmental["clerk"])
    assert client.get(f"/documents/{draft.pk}/suggest/").status_code == 404
    assert client.post(f"/documents/{draft.pk}/suggest/", SUGGESTION).status_code == 404


# --- incidental review ----------------------------------------------------------------------


def _incidental(document, reviewer, justice, **overrides):
    data = {
        "office": justice.pk,
        "case_number": "江府复〔2026〕12号",
        "origin": "applicant",
        "provisions": "第五条",
        "grounds": "增设许可条件",
        **overrides,
    }
    return filing.request_incidental_review(document, actor=reviewer, **data)


def test_incidental_review_with_the_drafters_reply_deadline(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕67号")
    reviewer, clerk = departmental["legal_reviewer"], departmental["clerk"]
    review = _incidental(document, reviewer, justice)
    assert review.reconsideration_body == city["government"]
    reply = _deadline(review, filing.REPLY_PERIOD)
    assert reply.due_on == clock.due_for("incidental-review-reply", review.notified_on).due
    assert reply.body == city["market"]
    with pytest.raises(Conflict) as early:
        filing.conclude_incidental_review(review, actor=reviewer, outcome="lawful")
    assert "答复期限" in str(early.value.detail)
    with pytest.raises((Forbidden, NotFound)):
        filing.reply_incidental_review(review, actor=reviewer, reply="合法")
    review = filing.reply_incidental_review(review, actor=clerk, reply="第五条依据《食品安全法》第三十六条制定。")
    assert review.status == IncidentalStatus.REPLIED
    with pytest.raises(Conflict):
        filing.conclude_incidental_review(review, actor=reviewer, outcome="stop_and_correct")
    review = filing.conclude_incidental_review(review, actor=reviewer, outcome="stop_and_correct", reason="超越权限")
    assert review.status == IncidentalStatus.CONCLUDED


def test_incidental_review_refused_for_bad_input(city, justice, departmental):
    document = _published(city, departmental, "江市监规〔2026〕68号")
    reviewer = departmental["legal_reviewer"]
    with pytest.raises(InvalidInput):
        _incidental(document, reviewer, justice, origin="whim")
    with pytest.raises(InvalidInput):
        _incidental(document, reviewer, justice, provisions="")
    with pytest.raises(InvalidInput):
        _incidental(document, departmental["clerk"], justice)
    with pytest.raises(InvalidInput):
        _incidental(document, departmental["clerk"], city["market"])  # not a reconsideration office
    _incidental(document, reviewer, justice)
    with pytest.raises(Conflict):
        _incidental(document, reviewer, justice)
    draft = testing.draft(city["market"], departmental["clerk"])
    with pytest.raises(Conflict):
        _incidental(draft, reviewer, justice)
    assert IncidentalReview.objects.count() == 1


def test_who_sees_filings_and_incidental_reviews(city, justice, departmental, people):
    document = _published(city, departmental, "江市监规〔2026〕69号")
    review = _incidental(document, departmental["legal_reviewer"], justice)
    record = document.filings.get()
    for user in (departmental["clerk"], departmental["legal_reviewer"]):
        assert FilingRecord.objects.restrict(user).filter(pk=record.pk).exists()
        assert IncidentalReview.objects.restrict(user).filter(pk=review.pk).exists()
    for user in (people["ecology_clerk"], people["outsider"]):
        assert not FilingRecord.objects.restrict(user).exists()
        assert not IncidentalReview.objects.restrict(user).exists()
        with pytest.raises(NotFound):
            filing.visible_filing(user, record.pk)


# --- art. 34 ----------------------------------------------------------------------------------


def _art34(body):
    today = timezone.localdate()
    checks.autodiscover()
    return checks.run(34, [body], today.year, today)[body.pk]


def test_art_34_rate_of_documents_filed_on_time(city, justice, departmental):
    on_time = _published(city, departmental, "江市监规〔2026〕70号")
    late = _published(city, departmental, "江市监规〔2026〕71号")
    filing.run_filing_step(on_time.filings.get(), "submit", actor=departmental["clerk"])
    result = _art34(city["market"])
    assert result.status == "met" and (result.numerator, result.denominator) == (1, 2)
    record = late.filings.get()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Deadline.objects.filter(pk=_deadline(record, filing.FILING_PERIOD).pk).update(due_on=yesterday)
    result = _art34(city["market"])
    assert result.status == "not_met" and "逾期未报送" in result.failing[0].description
    filing.run_filing_step(record, "submit", actor=departmental["clerk"])
    result = _art34(city["market"])
    assert result.status == "not_met" and "逾期报送" in result.failing[0].description
    assert (result.numerator, result.denominator) == (1, 2)
    assert _art34(city["ecology"]).status == "met"


def test_art_34_query_count_is_bounded(city):
    def make_bodies(n):
        return [make_body(f"测试单位{n}-{i}", parent=city["government"]) for i in range(n)]

    today = timezone.localdate()
    assert_check_queries_bounded(34, make_bodies, year=today.year, as_of=today, max_queries=10)
