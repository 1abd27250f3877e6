from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    label = "documents"
    verbose_name = _("规范性文件")

    def ready(self) -> None:
        # Registers normative documents with the Chinese search (public once published), and the
        # 审查建议 submission kind with the core public-submission mechanism.
        from fazhi.documents import filing, selectors  # noqa: F401
