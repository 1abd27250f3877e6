"""Infrastructure hooks; domain changes never hide in signals (see docs/architecture.md)."""

from django.conf import settings
from django.core.management import call_command


def create_cache_table(using="default", **kwargs) -> None:
    """`fazhi migrate` alone leaves a working install: the database cache needs its table."""
    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        call_command("createcachetable", database=using, verbosity=0)
