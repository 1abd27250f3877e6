from fazhi.core.choices import Role
from fazhi.core.testing import make_user
from fazhi.disclosure import demo, obligations, selectors
from fazhi.disclosure.choices import ReportStatus, RequestStatus
from fazhi.disclosure.models import AnnualReport, DisclosureRequest


def test_demo_loads_through_the_services(city, staff):
    mayor = make_user("mayor", roles=[(city["government"], Role.HEAD)])
    demo.load(
        bodies={"jm": city["government"], "jm-scjgj": city["market"]},
        users={"mayor": mayor, "scj_clerk": staff["clerk"], "scj_head": staff["head"]},
    )
    statuses = set(DisclosureRequest.objects.values_list("status", flat=True))
    assert statuses == {RequestStatus.RECEIVED, RequestStatus.HANDLING, RequestStatus.ANSWERED}
    assert AnnualReport.objects.get().status == ReportStatus.PUBLISHED
    assert selectors.public_items(key_area="any").count() == 3
    assert selectors.current_guide(city["government"].pk) is not None
    assert obligations.proactive_disclosure([city["market"]], 2026, selectors.public_items().first().published_on)
