import datetime

import pytest

from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.procedures import selectors, services
from fazhi.procedures.choices import MeetingStatus
from fazhi.procedures.tests.conftest import minutes_file, today

MEMBERS = ["甲", "乙", "丙", "丁"]


def _meeting(subject, people, **overrides):
    data = {
        "meeting_kind": "bureau",
        "session": "2026年第5次局务会议",
        "held_on": today(),
        "agenda_item": "审议《关于促进民营经济发展的若干措施》",
        "entitled_members": MEMBERS,
        "attendees": ["甲", "乙"],
        **overrides,
    }
    return services.record_meeting(subject, actor=people["market_clerk"], **data)


def test_quorum_more_than_half(subject, people):
    record = _meeting(subject, people, outcome="agreed")
    services.attach_minutes(record, minutes_file(), actor=people["market_clerk"])
    with pytest.raises(Conflict) as refused:
        services.sign_meeting(record, actor=people["market_head"])
    assert "未超过半数" in refused.value.detail
    record = services.update_meeting(record, actor=people["market_clerk"], attendees=["甲", "乙", "丙", "列席者"])
    assert record.members_present == 3
    services.sign_meeting(record, actor=people["market_head"])


def test_sign_needs_outcome_minutes_and_head(subject, people):
    record = _meeting(subject, people, attendees=MEMBERS)
    with pytest.raises(Conflict) as refused:
        services.sign_meeting(record, actor=people["market_head"])
    assert "讨论结果" in refused.value.detail
    services.update_meeting(record, actor=people["market_clerk"], outcome="agreed_in_principle", dissent="丁：建议暂缓")
    with pytest.raises(Conflict) as refused:
        services.sign_meeting(record, actor=people["market_head"])
    assert "会议纪要" in refused.value.detail
    services.attach_minutes(record, minutes_file(), actor=people["market_clerk"])
    with pytest.raises(Forbidden):
        services.sign_meeting(record, actor=people["market_clerk"])
    ok, reason = selectors.collective_discussion_held(subject)
    assert not ok and "尚未经集体讨论" in reason
    record = services.sign_meeting(record, actor=people["market_head"])
    assert record.status == MeetingStatus.SIGNED
    assert selectors.collective_discussion_held(subject) == (True, "")


def test_signed_minutes_locked(subject, people):
    record = _meeting(subject, people, attendees=MEMBERS, outcome="agreed")
    services.attach_minutes(record, minutes_file(), actor=people["market_clerk"])
    services.sign_meeting(record, actor=people["market_head"])
    with pytest.raises(Conflict) as refused:
        services.update_meeting(record, actor=people["market_clerk"], dissent="事后补记")
    assert refused.value.code == "locked"
    with pytest.raises(Conflict):
        services.attach_minutes(record, minutes_file(), actor=people["market_clerk"])
    with pytest.raises(Conflict):
        services.sign_meeting(record, actor=people["market_head"])


def test_rejected_outcome_fails_gate(subject, people):
    record = _meeting(subject, people, attendees=MEMBERS, outcome="rejected", dissent="多数不同意")
    services.attach_minutes(record, minutes_file(), actor=people["market_clerk"])
    services.sign_meeting(record, actor=people["market_head"])
    ok, reason = selectors.collective_discussion_held(subject)
    assert not ok and "不同意" in reason


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("attendees", "甲乙"),
        ("held_on", today() + datetime.timedelta(days=3)),
        ("meeting_kind", "party"),
        ("session", 5),
    ],
)
def test_bad_meeting_input(subject, people, field, value):
    with pytest.raises(InvalidInput) as refused:
        _meeting(subject, people, **{field: value})
    assert field in refused.value.errors
