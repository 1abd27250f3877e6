"""The daily validity sweep (意见第九条): evaluations from six months before expiry, and expiry itself."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from fazhi.core.jobs import job
from fazhi.documents import services


@job("documents.validity", gettext_lazy("规范性文件有效期：启动评估、记录失效"))
def sweep_validity(runner: str) -> int:
    """Open the evaluations now due and record the documents whose validity has ended.

    Both steps are safe to run twice or at once: evaluations are unique per expiry date and
    expiries are claimed by a conditional update.
    """
    today = timezone.localdate()
    return services.open_due_evaluations(today) + services.record_expiries(today)
