import datetime

import pytest

from fazhi.core.choices import EvaluationGroup
from fazhi.litigation import services as litigation
from fazhi.litigation import testing as litigation_testing


@pytest.fixture
def today(monkeypatch):
    """A movable frozen clock: `today.set(date)`; starts on Monday 16 November 2026."""

    class Clock:
        day = datetime.date(2026, 11, 16)

        def set(self, day):
            self.day = day

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: clock.day)
    return clock


@pytest.fixture
def grouped(city):
    """The `city` tree with its departments and county government in their evaluation groups."""
    for key, group in (
        ("market", EvaluationGroup.CITY_DEPARTMENTS),
        ("ecology", EvaluationGroup.CITY_DEPARTMENTS),
        ("county", EvaluationGroup.COUNTY_GOVERNMENTS),
    ):
        city[key].evaluation_group = group
        city[key].save(update_fields=["evaluation_group"])
    return city


@pytest.fixture
def suggestions(grouped, people, today):
    """Art. 37: 市市场监管局 has left a procuratorial suggestion of 2 March unanswered (its two months
    ran out on 4 May: not met); 市生态环境局 answered its own on 20 March (met)."""
    unanswered = litigation_testing.suggest(grouped["market"], people["market_clerk"], received_on="2026-03-02")
    answered = litigation_testing.suggest(grouped["ecology"], people["ecology_clerk"], received_on="2026-03-02")
    litigation.reply(answered, actor=people["ecology_clerk"], replied_on="2026-03-20", measures_taken="已督促整改。")
    return {"unanswered": unanswered, "answered": answered}
