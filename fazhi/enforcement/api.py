"""The enforcement app's API: each part lists its viewsets; `fazhi/api_urls.py` collects these lists."""

from fazhi.enforcement import benchmark_api, case_api, file_review_api, officer_api, transfer_api

ROUTES = [
    *officer_api.ROUTES,
    *benchmark_api.ROUTES,
    *case_api.ROUTES,
    *transfer_api.ROUTES,
    *file_review_api.ROUTES,
]
PATHS = [*officer_api.PATHS, *benchmark_api.PATHS, *case_api.PATHS, *transfer_api.PATHS, *file_review_api.PATHS]
