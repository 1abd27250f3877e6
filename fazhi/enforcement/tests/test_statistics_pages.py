"""The statistics page and its Excel export show only the bodies in the user's scope."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client

from fazhi.core.testing import Role, make_user
from fazhi.enforcement.tests.test_statistics import _case

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_page_and_workbook_show_the_users_bodies(city, people):
    year = datetime.date.today().year
    city["ecology"].is_enforcement_agency = True
    city["ecology"].save()
    day = datetime.date(year, 1, 2)
    _case(city["market"], "closed", filed_on=day, decided_on=day, kinds=["fine"], fine=Decimal("300"))
    _case(city["ecology"], "closed", filed_on=day, decided_on=day, kinds=["warning"])
    clerk = make_user("market_officer", roles=[(city["market"], Role.ENFORCEMENT_OFFICER)])
    page = _client(clerk).get("/office/enforcement/statistics/")
    assert page.status_code == 200
    html = page.content.decode()
    assert city["market"].name in html and city["ecology"].name not in html
    assert 'id="enforcement-chart-data"' in html and "vendor/echarts/echarts.min.js" in html
    office = _client(people["office"])
    assert city["ecology"].name in office.get(f"/office/enforcement/statistics/?year={year}").content.decode()
    response = office.get(f"/office/enforcement/statistics.xlsx?year={year}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert {row[0] for row in rows[1:-1]} == {city["market"].name, city["ecology"].name} and rows[-1][0] == "合计"
    assert _client(clerk).get("/office/enforcement/statistics/?year=<script>").status_code == 200
    assert Client().get("/office/enforcement/statistics/").status_code == 302
