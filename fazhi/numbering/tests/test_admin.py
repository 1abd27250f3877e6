"""Admin: formats are saved through the service (validated, audited); numbers are read-only."""

import pytest

from fazhi.core.models import AuditEvent
from fazhi.core.testing import make_user
from fazhi.numbering import services
from fazhi.numbering.models import IssuedNumber, NumberFormat

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, city):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def test_a_format_added_in_the_admin_goes_through_the_service(admin_client, city):
    response = admin_client.post(
        "/admin/numbering/numberformat/add/",
        {
            "body": city["market"].pk,
            "kind": "registration",
            "name": "登记号",
            "prefix": "JMSJ",
            "pattern": "{prefix}-{year}-{serial:04d}",
            "yearly": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NumberFormat.objects.get().pattern == "{prefix}-{year}-{serial:04d}"
    assert AuditEvent.objects.filter(action="numbering.format_created").count() == 1


def test_an_unsafe_pattern_is_refused_in_the_admin(admin_client, city):
    response = admin_client.post(
        "/admin/numbering/numberformat/add/",
        {
            "body": city["market"].pk,
            "kind": "registration",
            "name": "登记号",
            "prefix": "X",
            "pattern": "{x.y}{serial}",
        },
    )
    assert response.status_code == 200
    assert "不是可用的占位符" in response.content.decode()
    assert not NumberFormat.objects.exists()


def test_numbers_are_read_only_in_the_admin(admin_client, number_formats):
    number = services.issue_number(number_formats["gov_rules"], actor=None)
    assert admin_client.get("/admin/numbering/issuednumber/").status_code == 200
    assert admin_client.get("/admin/numbering/issuednumber/add/").status_code == 403
    assert admin_client.post(f"/admin/numbering/issuednumber/{number.pk}/delete/", {"post": "yes"}).status_code == 403
    assert IssuedNumber.objects.filter(pk=number.pk).exists()
