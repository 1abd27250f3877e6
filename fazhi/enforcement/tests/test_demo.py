"""The Jiangmen demo's cases, transfer and case-file review at 市市场监督管理局: the portal shows the
published decisions masked (and links to them from its home page), the office pages show each case at
its stage, and the bureau meets arts. 19, 20, 22 and 25."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.enforcement.choices import CaseStatus, TransferStatus
from fazhi.enforcement.models import Case, FileReview, Publication, ReviewSheet, Seizure, Transfer
from fazhi.obligations import checks

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _client(username=None):
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def test_the_demo_bureaus_cases_transfer_and_review(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load()
    market = Body.objects.get(code="jm-scjgj")
    statuses = sorted(Case.objects.filter(body=market).values_list("status", flat=True))
    assert statuses == sorted(
        [CaseStatus.CLOSED, CaseStatus.CLOSED, CaseStatus.CLOSED, CaseStatus.FILED, CaseStatus.TRANSFERRED]
    )
    assert Case.objects.filter(procedure="on_the_spot", status=CaseStatus.CLOSED).exists()
    assert Case.objects.filter(no_penalty_ground="first_violation", status=CaseStatus.CLOSED).exists()
    assert Seizure.objects.filter(case__status=CaseStatus.FILED, released_on__isnull=True).exists()
    assert Transfer.objects.get().status == TransferStatus.SENT

    home = _client().get(reverse("portal:home")).content.decode()
    assert reverse("enforcement:public-penalty-list") in home and reverse("enforcement:public-body-list") in home
    portal = _client().get(reverse("enforcement:public-penalty-list")).content.decode()
    assert "黄**" in portal and "黄志强" not in portal and "梁**" in portal
    spot = Publication.objects.get(case__procedure="on_the_spot")
    assert "处罚内容：警告，罚款100.00元" in spot.summary, "an on-the-spot decision has no text of its own"

    officer = _client("scj_officer1")
    listing = officer.get(reverse("enforcement:transfer-list")).content.decode()
    assert "生产、销售不符合安全标准的食品罪" in listing and "已移送" in listing
    sheet = ReviewSheet.objects.get(year=TODAY().year)
    page = _client("evaluator").get(reverse("enforcement:review-sheet-detail", args=[sheet.pk])).content.decode()
    assert f"{TODAY().year}|{market.pk}|3816" in page and "抽取 2 卷，已评查 1 卷：合格 1 卷" in page
    assert FileReview.objects.filter(total__isnull=True).count() == 1
    assert _client("scj_clerk").get(reverse("enforcement:review-sheet-detail", args=[sheet.pk])).status_code == 200

    checks.autodiscover()
    results = {article: checks.run(article, [market], TODAY().year, TODAY())[market.pk] for article in (19, 20, 22, 25)}
    assert {article: result.status for article, result in results.items()} == {
        19: "met",
        20: "met",
        22: "met",
        25: "met",
    }
