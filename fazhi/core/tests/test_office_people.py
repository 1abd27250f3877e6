"""The office manages the people of the bodies in its subtree from the body page."""

from django.test import Client

from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent, Membership, User


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_office_sees_people_and_enrols_an_existing_user(city, people):
    client = logged_in(people["county_office"])
    page = client.get(f"/office/bodies/{city['county_market'].pk}/").content.decode()
    assert "添加人员" in page
    response = client.post(
        f"/office/bodies/{city['county_market'].pk}/members/", {"username": "outsider", "role": Role.CLERK}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=people["outsider"], body=city["county_market"], role=Role.CLERK).exists()
    followed = client.get(response.url).content.decode()
    assert "已为" in followed and "经办人" in followed
    assert AuditEvent.objects.filter(action="core.membership_added").exists()


def test_office_creates_a_new_account_who_can_log_in(city, people):
    client = logged_in(people["county_office"])
    response = client.post(
        f"/office/bodies/{city['county_market'].pk}/members/",
        {"username": "newclerk", "role": Role.CLERK, "full_name": "新同事", "password": "Zhifa-2026-xyz"},
    )
    assert response.status_code == 302
    login = Client().post("/office/login/", {"username": "newclerk", "password": "Zhifa-2026-xyz"})
    assert login.status_code == 302 and login.url == "/office/"


def test_bad_enrolment_is_refused_with_a_message_and_changes_nothing(city, people):
    client = logged_in(people["county_office"])
    url = f"/office/bodies/{city['county_market'].pk}/members/"
    before = Membership.objects.count()
    cases = [
        ({"username": "someone", "role": Role.CLERK}, 400, "新建账号须填写姓名"),
        ({"username": "someone", "role": Role.CLERK, "full_name": "某人", "password": "123"}, 400, "密码"),
        ({"username": "outsider", "role": "king"}, 400, "选择一个有效的选项"),
        ({"role": Role.CLERK}, 400, "该字段是必填项"),
    ]
    for data, status, message in cases:
        response = client.post(url, data)
        assert response.status_code == status, data
        assert message in response.content.decode(), data
    client.post(url, {"username": "outsider", "role": Role.CLERK})
    duplicate = client.post(url, {"username": "outsider", "role": Role.CLERK})
    assert duplicate.status_code == 409 and "已有此角色" in duplicate.content.decode()
    assert Membership.objects.count() == before + 1
    assert not User.objects.filter(username="someone").exists()


def test_clerk_and_other_office_cannot_manage_people(city, people):
    url = f"/office/bodies/{city['market'].pk}/members/"
    for user in (people["market_clerk"], people["county_office"]):
        response = logged_in(user).post(url, {"username": "outsider", "role": Role.CLERK})
        assert response.status_code == 404
        assert "添加人员" not in logged_in(user).get(f"/office/bodies/{city['market'].pk}/").content.decode()
    membership = Membership.objects.get(user=people["market_clerk"])
    assert logged_in(people["county_office"]).post(f"/office/memberships/{membership.pk}/end/").status_code == 404
    assert Membership.objects.get(pk=membership.pk).valid_to is None


def test_office_ends_a_membership(city, people):
    membership = Membership.objects.get(user=people["market_clerk"])
    response = logged_in(people["office"]).post(f"/office/memberships/{membership.pk}/end/")
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).valid_to is not None
    again = logged_in(people["office"]).post(f"/office/memberships/{membership.pk}/end/")
    assert again.status_code == 409 and "已于" in again.content.decode()
