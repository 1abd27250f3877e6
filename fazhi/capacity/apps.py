from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "fazhi.capacity"
    label = "capacity"
    verbose_name = _("依法行政能力与责任落实")
