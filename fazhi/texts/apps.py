from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextsConfig(AppConfig):
    name = "fazhi.texts"
    label = "texts"
    verbose_name = _("文本解析与检索")
