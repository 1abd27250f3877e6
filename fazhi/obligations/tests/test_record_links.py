"""The records a board cell, a body's findings or a scorecard names open on their own pages — for
whoever may open them; a row of a register (a guide's version, a catalogue entry) opens its register
at that row. A record the viewer may not open (a complaint its body has since transferred
to another) is named as text, never as a link to a 404. On the Jiangmen demo, loaded once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from fazhi.clock.models import Deadline
from fazhi.intake.models import CaseTransfer
from fazhi.obligations.models import Finding, Snapshot
from fazhi.obligations.selectors import RecordLinks, deadlines
from fazhi.oversight.models import CongressOpinion

pytestmark = pytest.mark.django_db


def _user(username):
    return get_user_model().objects.get(username=username)


def _named_records():
    return [ref for finding in Finding.objects.all() for ref in (*finding.failing, *finding.evidence)]


def test_every_record_the_demo_board_names_links_to_a_page_the_office_opens(module_demo, client):
    office = _user("office")
    refs = _named_records()
    links = RecordLinks(office, refs)
    first_of_label = {}
    for ref in refs:
        first_of_label.setdefault(ref["model"], ref)

    assert len(first_of_label) > 20  # the demo names records of most modules
    client.force_login(office)
    for label, ref in sorted(first_of_label.items()):
        url = links.url(ref)
        assert url, f"{label} has no page"
        page = client.get(url)
        assert page.status_code == 200, (label, url)
        if "#" in url:  # a row of a register page: the page holds that row
            assert f'id="{url.rsplit("#", 1)[1]}"' in page.content.decode(), (label, url)


def test_a_complaint_passed_on_is_text_for_the_body_that_passed_it_and_a_link_for_the_one_handling_it(
    module_demo, client
):
    transfer = CaseTransfer.objects.select_related("case__submission", "from_body", "to_body").first()
    case = transfer.case
    ref = {"model": "intake.case", "id": str(case.pk), "description": case.submission.receipt_code}
    passed_on, handling = _user("scj_clerk"), _user("pj_clerk")
    assert transfer.from_body.name == "江门市市场监督管理局" and transfer.to_body.name == "蓬江区市场监督管理局"
    page = reverse("intake:case", args=[case.pk])

    assert RecordLinks(passed_on, [ref])([ref])[0]["url"] == ""
    assert RecordLinks(handling, [ref])([ref])[0]["url"] == page
    client.force_login(handling)
    assert client.get(page).status_code == 200
    client.force_login(passed_on)
    assert client.get(page).status_code == 404

    snapshot = Snapshot.objects.order_by("-as_of").first()
    evidence = client.get(
        reverse("obligations:evidence", args=[transfer.from_body.pk]),
        {"article": "24", "year": snapshot.year, "date": snapshot.as_of.isoformat()},
    ).content.decode()
    assert case.submission.receipt_code in evidence
    assert f'href="{page}"' not in evidence


def test_a_record_deleted_since_the_snapshot_is_named_as_text():
    ref = {"model": "enforcement.case", "id": "999999999", "description": "已删除的案件"}
    office = get_user_model().objects.create_superuser("root", password="x")

    assert RecordLinks(office, [ref])([ref]) == [{**ref, "url": ""}]


def test_every_deadline_the_office_sees_opens_the_record_it_runs_for(module_demo, client):
    office = _user("office")
    found = deadlines(office)
    rows = [*found["overdue"], *found["upcoming"]]

    assert rows and all(row["url"] for row in rows), [row for row in rows if not row["url"]]
    client.force_login(office)
    for row in rows:
        page = client.get(row["url"])
        assert page.status_code == 200, row
        if "#" in row["url"]:
            assert f'id="{row["url"].rsplit("#", 1)[1]}"' in page.content.decode(), row


def test_a_congress_opinions_deadline_opens_its_report_at_the_opinion(module_demo):
    """The opinion's page is its report's, at the opinion: the link needs the opinion's own row."""
    deadline = Deadline.objects.open().get(content_type__model="congressopinion")
    opinion = CongressOpinion.objects.get(pk=deadline.object_id)
    row = next(
        row
        for row in deadlines(_user("office"), today=deadline.due_on)["upcoming"]
        if row["record"] == str(CongressOpinion._meta.verbose_name)
    )

    assert row["url"] == opinion.get_absolute_url()
    assert row["url"].startswith(reverse("oversight:congress-detail", args=[opinion.report_id]))
