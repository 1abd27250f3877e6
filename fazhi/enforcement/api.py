"""The enforcement app's API: each part lists its viewsets; `fazhi/api_urls.py` collects these lists."""

from fazhi.enforcement import benchmark_api, case_api, officer_api

ROUTES = [*officer_api.ROUTES, *benchmark_api.ROUTES, *case_api.ROUTES]
PATHS = [*officer_api.PATHS, *benchmark_api.PATHS, *case_api.PATHS]
