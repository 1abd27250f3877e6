from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = _("基础平台")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from fazhi.core import jobs, security, signals

        post_migrate.connect(signals.create_cache_table, sender=self)
        user_logged_in.connect(security.on_login, dispatch_uid="fazhi.two_factor")
        jobs.autodiscover()
