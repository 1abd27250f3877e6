"""The Jiangmen demo's reports: last year's sent on time by the market bureau and late by the
司法局, every other body overdue; this year's drafts; the city's recipients by name."""

import datetime

from django.urls import reverse
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.models import Body, User
from fazhi.obligations import checks
from fazhi.reports import selectors
from fazhi.reports.models import YearlyReport


def _last_year() -> int:
    today = timezone.localdate()
    return today.year - 1 if today > datetime.date(today.year, 2, 15) else today.year - 2


def test_the_demo_reports_on_the_office_page_and_the_portal(db, client):
    demo.load()
    last = _last_year()
    market, justice = Body.objects.get(code="jm-scjgj"), Body.objects.get(code="jm-sfj")

    on_time = YearlyReport.objects.get(body=market, year=last)
    assert (on_time.status, on_time.sent_on, on_time.approved_on) == (
        "published",
        datetime.date(last + 1, 1, 26),
        datetime.date(last + 1, 1, 20),
    )
    assert on_time.figures_as_of == datetime.date(last + 1, 1, 15)
    assert list(on_time.deliveries.values_list("name", flat=True)) == [
        "江门市人民政府",
        "江门市依法行政工作领导小组办公室（设在江门市司法局）",
    ]
    assert YearlyReport.objects.get(body=justice, year=last).sent_on == datetime.date(last + 1, 2, 10)

    client.force_login(User.objects.get(username="office"))
    page = client.get(reverse("reports:tracking"), {"year": last}).content.decode()
    row = page.split(f'id="tracking-{market.pk}"')[1].split("</tr>")[0]
    assert "已按期报送" in row
    assert "逾期报送" in page.split(f'id="tracking-{justice.pk}"')[1].split("</tr>")[0]
    assert page.count("逾期未报") > 50

    results = checks.run(35, [market, justice], last, timezone.localdate())
    assert (results[market.pk].status, results[justice.pk].status) == ("met", "not_met")

    drafts = YearlyReport.objects.filter(year=timezone.localdate().year).order_by("body__tree_path")
    assert [(r.body.code, r.status) for r in drafts] == [("jm", "draft"), ("jm-sthjj", "draft")]
    assert drafts[0].figures["aggregate"]["bodies"] > 90
    city = [r.name for r in selectors.recipients_of(Body.objects.get(code="jm"))]
    assert city == [
        "中共江门市委员会",
        "江门市人民代表大会常务委员会",
        "广东省人民政府",
        "江门市依法行政工作领导小组办公室（设在江门市司法局）",
    ]

    client.logout()
    listing = client.get(reverse("reports:public-list")).content.decode()
    assert "江门市市场监督管理局关于" in listing and "江门市司法局关于" in listing
    assert "江门市生态环境局关于" not in listing
