"""The daily reconsideration sweep: 视为受理 (行政复议法第三十条第三款) and 视为放弃 (第三十一条第二款)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from fazhi.core.jobs import job
from fazhi.reconsideration import services


@job("reconsideration.sweep", gettext_lazy("行政复议视为受理、视为放弃"))
def sweep(runner: str) -> int:
    return services.sweep(timezone.localdate())
