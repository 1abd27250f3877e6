from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "fazhi.procedures"
    label = "procedures"
    verbose_name = _("共用程序")

    def ready(self) -> None:
        # Registers the 意见征集 submission kind with the core public-submission mechanism.
        from fazhi.procedures import submissions  # noqa: F401
