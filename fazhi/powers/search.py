"""Powers in the Chinese search engine: the current list of every body is public, nothing else is.

Superseded versions stay readable on the portal's history pages but are not search results, so
that a query finds the power as it stands; drafts are never indexed.
"""

from fazhi.powers.choices import VersionStatus
from fazhi.powers.models import Power
from fazhi.texts.search.models import Visibility
from fazhi.texts.search.service import Entry, register


@register(Power)
def power_entry(power: Power) -> Entry | None:
    if power.version.status != VersionStatus.PUBLISHED:
        return None
    bases = "；".join(str(basis) for basis in power.bases.all())
    text = "\n".join(
        [
            f"{power.code} {power.name}（{power.get_category_display()}）",
            f"{power.body.name} · {power.responsible_unit}",
            bases,
            power.accountability,
        ]
    )
    return Entry(
        title=f"{power.body.name}：{power.name}", text=text, visibility=Visibility.PUBLIC, body_id=power.body_id
    )
