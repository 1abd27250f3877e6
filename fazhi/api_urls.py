"""The API under /api/v1/: each app lists its viewsets in `api.ROUTES` and extra paths in `api.PATHS`."""

import importlib

from django.apps import apps
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# The API speaks JSON only: no `.json` suffix routes (custom actions do not take a `format` argument).
router.include_format_suffixes = False
extra_paths = []
for config in apps.get_app_configs():
    if not config.name.startswith("fazhi."):
        continue
    try:
        module = importlib.import_module(f"{config.name}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{config.name}.api":
            raise
        continue
    for prefix, viewset, basename in getattr(module, "ROUTES", []):
        router.register(prefix, viewset, basename=basename)
    extra_paths.extend(getattr(module, "PATHS", []))

urlpatterns = [*extra_paths, *router.urls]
