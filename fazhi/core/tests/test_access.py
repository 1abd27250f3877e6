"""Scope: who sees which body's records."""

import datetime

import pytest

from fazhi.core.access import clear_cached_scope, scope_body_ids
from fazhi.core.choices import Role
from fazhi.core.models import AccessGrant, Membership
from fazhi.core.services import people as people_services
from fazhi.core.testing import make_user


def ids(*bodies):
    return {body.pk for body in bodies}


def test_clerk_sees_only_own_body(city, people):
    assert scope_body_ids(people["market_clerk"], "view") == ids(city["market"])
    assert scope_body_ids(people["market_clerk"], "change") == ids(city["market"])


def test_office_reaches_its_whole_subtree(city, people):
    assert scope_body_ids(people["office"], "view") == ids(*city.values())
    assert scope_body_ids(people["county_office"], "view") == ids(city["county"], city["county_market"])


def test_evaluator_may_view_but_not_change(city, people):
    assert scope_body_ids(people["evaluator"], "view") == ids(*city.values())
    assert scope_body_ids(people["evaluator"], "change") == set()


def test_user_without_membership_has_no_scope(people):
    assert scope_body_ids(people["outsider"], "view") == set()


def test_user_grant_opens_another_body(city, people):
    reviewer = people["ecology_clerk"]
    people_services.grant_access(
        actor=people["office"], body=city["market"], grantee_user=reviewer, reason="上级法制机构审查"
    )
    assert scope_body_ids(reviewer, "view") == ids(city["ecology"], city["market"])
    assert scope_body_ids(reviewer, "change") == ids(city["ecology"]), "a view-only grant allows no change"


def test_body_grant_reaches_members_with_matching_role(city, people):
    head = make_user(roles=[(city["ecology"], Role.HEAD)])
    people_services.grant_access(
        actor=people["office"],
        body=city["county"],
        grantee_body=city["ecology"],
        grantee_role=Role.CLERK,
        include_subtree=True,
        allows_change=True,
        reason="被投诉单位的监督单位",
    )
    assert scope_body_ids(people["ecology_clerk"], "change") == ids(
        city["ecology"], city["county"], city["county_market"]
    )
    assert city["county"].pk not in scope_body_ids(head, "view"), "the grant is limited to clerks"


def test_expired_grant_and_ended_membership_give_nothing(city, people):
    clerk = people["ecology_clerk"]
    AccessGrant.objects.create(
        grantee_user=clerk, body=city["market"], reason="过期", valid_to=datetime.date(2020, 1, 1)
    )
    assert scope_body_ids(clerk, "view") == ids(city["ecology"])
    membership = Membership.objects.get(user=clerk)
    people_services.end_membership(membership, actor=people["office"], on=datetime.date(2020, 1, 1))
    clear_cached_scope(clerk)  # a new request starts with a fresh user object
    assert scope_body_ids(clerk, "view") == set()


def test_only_office_above_may_manage_people(city, people):
    from fazhi.core.errors import Forbidden

    with pytest.raises(Forbidden):
        people_services.add_membership(
            actor=people["market_clerk"], user=people["outsider"], body=city["market"], role=Role.CLERK
        )
    with pytest.raises(Forbidden):
        people_services.add_membership(
            actor=people["county_office"], user=people["outsider"], body=city["market"], role=Role.CLERK
        )
    membership = people_services.add_membership(
        actor=people["county_office"], user=people["outsider"], body=city["county_market"], role=Role.CLERK
    )
    assert membership.body == city["county_market"]
