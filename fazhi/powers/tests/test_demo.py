"""The Jiangmen demo brings a published, twice-adjusted list for 江门市市场监督管理局 through the app hook."""

from fazhi.core import demo
from fazhi.core.models import Body
from fazhi.powers import selectors
from fazhi.powers.choices import VersionStatus
from fazhi.powers.models import PowerListVersion
from fazhi.texts.tests.corpus import law_path


def test_demo_loads_a_published_list_with_linked_bases(db):
    law_path("行政法/行政处罚法(2021-01-22).md")
    demo.load()
    market = Body.objects.get(code="jm-scjgj")
    versions = list(PowerListVersion.objects.filter(body=market).order_by("number"))
    assert [v.status for v in versions] == [VersionStatus.SUPERSEDED, VersionStatus.PUBLISHED]
    powers = selectors.powers_of(versions[1])
    assert len(powers) == 5
    bases = [basis for power in powers for basis in power.bases.all()]
    assert all(basis.law_article is not None for basis in bases), [str(b) for b in bases if b.law_article is None]
    comparison = selectors.compare(*versions)
    assert [p.code for p in comparison.added] == ["JM-SCJ-JC-001"] and len(comparison.changed) == 1
