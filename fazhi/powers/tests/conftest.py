import pytest

from fazhi.powers import laws, services
from fazhi.texts.tests.corpus import LAWS, law_path

PENALTY_LAW = "行政法/行政处罚法(2021-01-22).md"
FOOD_LAW = "行政法/食品安全法(2021-04-29).md"


@pytest.fixture
def corpus_laws(db):
    """Two real laws from the corpus: 行政处罚法 (amended 2021-01-22) and 食品安全法."""
    law_path(PENALTY_LAW)
    return laws.import_laws(LAWS, match=["行政处罚法(", "行政法/食品安全法("])


def power_data(**overrides) -> dict:
    return {
        "code": "SCJ-CF-001",
        "name": "对未取得食品生产经营许可从事食品生产经营活动的行政处罚",
        "category": "penalty",
        "bases": ["《中华人民共和国食品安全法》第一百二十二条", "《中华人民共和国行政处罚法》第二十二条"],
        "responsible_unit": "执法稽查科",
        "accountability": "没有法律依据实施处罚的；违反法定程序实施处罚的。",
        **overrides,
    }


def published_list(body, clerk, head, *powers: dict):
    """A first version of `body`'s list with the given powers (one default power if none), published."""
    services.open_draft(body, actor=clerk, reason_kind="initial", reason="初次编制。")
    for data in powers or (power_data(),):
        services.add_power(body, actor=clerk, **data)
    return services.publish_version(services.draft_version(body), actor=head)
