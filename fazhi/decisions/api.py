"""The decisions app's API: each part lists its viewsets; `fazhi/api_urls.py` collects these lists."""

from fazhi.decisions import adviser_api, catalog_api, decision_api

ROUTES = [*catalog_api.ROUTES, *adviser_api.ROUTES, *decision_api.ROUTES]
PATHS = [*catalog_api.PATHS, *adviser_api.PATHS, *decision_api.PATHS]
