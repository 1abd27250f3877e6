from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "fazhi.rules"
    label = "rules"
    verbose_name = _("政府规章")

    def ready(self) -> None:
        # Registers rules with the Chinese search (public once published, never as drafts).
        from fazhi.rules import selectors  # noqa: F401
