from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "fazhi.oversight"
    label = "oversight"
    verbose_name = _("监督与督查")
