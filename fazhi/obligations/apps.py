from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "fazhi.obligations"
    label = "obligations"
    verbose_name = _("依法行政义务")
