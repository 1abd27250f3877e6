import pytest

from fazhi.core.testing import Role, make_user
from fazhi.numbering import services
from fazhi.numbering.choices import FormatKind


@pytest.fixture
def numberers(city):
    """The 市府办 numbers the government's documents; the bureau's legal office numbers its own."""
    return {
        "gov_office": make_user("gov_office", roles=[(city["government"], Role.GOVERNMENT_OFFICE)]),
        "market_legal": make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)]),
    }


@pytest.fixture
def number_formats(city):
    government, market = city["government"], city["market"]
    return {
        "gov_rules": services.create_format(
            actor=None, body=government, kind=FormatKind.DOC_NUMBER, name="市政府规范性文件", prefix="江府规"
        ),
        "market_rules": services.create_format(
            actor=None, body=market, kind=FormatKind.DOC_NUMBER, name="市市场监管局规范性文件", prefix="江市监规"
        ),
        "registration": services.create_format(
            actor=None,
            body=market,
            kind=FormatKind.REGISTRATION,
            name="市市场监管局规范性文件登记号",
            prefix="JMSJ",
            pattern="{prefix}-{year}-{serial:04d}",
        ),
        "order": services.create_format(
            actor=None,
            body=government,
            kind=FormatKind.ORDER,
            name="江门市人民政府令",
            prefix="江门市人民政府令",
            yearly=False,
        ),
    }
