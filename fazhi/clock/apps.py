from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClockConfig(AppConfig):
    name = "fazhi.clock"
    label = "clock"
    verbose_name = _("法定期限")
