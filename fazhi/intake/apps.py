from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "fazhi.intake"
    label = "intake"
    verbose_name = _("投诉举报")

    def ready(self) -> None:
        from fazhi.intake import kinds  # noqa: F401  (registers 举报 and 投诉)
