"""The market bureau's enforcement people and a way to file a case, for the enforcement tests."""

import datetime

import pytest
from django.utils import timezone

from fazhi.core.testing import Role, make_user
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate, LegalReviewer, Officer

TODAY = timezone.localdate
YEAR_AGO = datetime.date(2020, 1, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _officer(body, name, *, number, expires_on=None, status="valid"):
    officer = Officer.objects.create(body=body, name=name)
    Certificate.objects.create(
        officer=officer,
        number=number,
        area="江门市 市场监管",
        issued_on=YEAR_AGO,
        expires_on=expires_on or TODAY() + datetime.timedelta(days=400),
        status=status,
    )
    return officer


@pytest.fixture
def crew(city):
    """The market bureau's people: two certified officers, one whose certificate has expired, the
    head, a legal reviewer registered with the qualification, and their platform users."""
    market = city["market"]
    officer_user = make_user("officer1", roles=[(market, Role.ENFORCEMENT_OFFICER)])
    reviewer = make_user("legal1", roles=[(market, Role.LEGAL_REVIEWER)])
    LegalReviewer.objects.create(
        body=market, user=reviewer, appointed_on=datetime.date(2022, 3, 1), qualification_number="A20214400000001"
    )
    return {
        "user": officer_user,
        "head": make_user("head1", full_name="局长甲", roles=[(market, Role.HEAD)]),
        "reviewer": reviewer,
        "a": _officer(market, "执法甲", number="44070001"),
        "b": _officer(market, "执法乙", number="44070002"),
        "expired": _officer(market, "执法丙", number="44070003", expires_on=TODAY() - datetime.timedelta(days=1)),
    }


@pytest.fixture
def open_case(city, crew):
    """File a case of the market bureau with its two certified officers (or `officers`)."""

    def file(officers=None, **overrides):
        return _open(city, crew, officers, **overrides)

    return file


def _open(city, crew, officers=None, **overrides):
    data = {
        "cause": "销售不符合食品安全标准的食品案",
        "party_kind": "organisation",
        "party_name": "江门市某某食品有限公司",
        "party_code": "91440700MA00000001",
        **overrides,
    }
    return services.open_case(
        actor=crew["user"], body=city["market"], officers=officers or [crew["a"].pk, crew["b"].pk], **data
    )
