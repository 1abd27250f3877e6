from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = _("政务公开")

    def ready(self) -> None:
        # Registers the 政府信息公开申请 submission kind with the core public-submission mechanism.
        from fazhi.disclosure import submissions  # noqa: F401
