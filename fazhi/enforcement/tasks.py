"""The daily certificate sweep (意见第十七条): each expiring 行政执法证 announced to its body once."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from fazhi.core.jobs import job
from fazhi.enforcement import officers


@job("enforcement.certificates", gettext_lazy("行政执法证到期提醒"))
def announce_expiring_certificates(runner: str) -> int:
    return officers.announce_expiring_certificates(timezone.localdate())
