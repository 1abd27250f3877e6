from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReconsiderationConfig(AppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = _("行政复议")

    def ready(self):
        from fazhi.reconsideration import kind  # noqa: F401  registers the `reconsideration` submission kind
