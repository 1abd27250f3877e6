from django.urls import path

from fazhi.enforcement import (
    benchmark_views,
    case_views,
    file_review_views,
    officer_views,
    statistics_views,
    transfer_views,
)

app_name = "enforcement"
urlpatterns = [
    path("office/enforcement/officers/", officer_views.officer_list, name="officer-list"),
    path("office/enforcement/officers/<int:pk>/", officer_views.officer_detail, name="officer-detail"),
    path("office/enforcement/officers/<int:pk>/<slug:step>/", officer_views.officer_action, name="officer-action"),
    path(
        "office/enforcement/certificates/<int:pk>/<slug:step>/",
        officer_views.certificate_action,
        name="certificate-action",
    ),
    path("office/enforcement/reviewers/", officer_views.reviewer_list, name="reviewer-list"),
    path("office/enforcement/reviewers/<int:pk>/edit/", officer_views.reviewer_edit, name="reviewer-edit"),
    path("office/enforcement/benchmarks/", benchmark_views.benchmark_list, name="benchmark-list"),
    path("office/enforcement/benchmarks/<int:pk>/", benchmark_views.benchmark_detail, name="benchmark-detail"),
    path(
        "office/enforcement/benchmarks/<int:pk>/<slug:step>/",
        benchmark_views.benchmark_action,
        name="benchmark-action",
    ),
    path("office/enforcement/bands/<int:pk>/edit/", benchmark_views.band_edit, name="band-edit"),
    path("office/enforcement/bands/<int:pk>/remove/", benchmark_views.band_remove, name="band-remove"),
    path("office/enforcement/review-catalog/", benchmark_views.review_catalog, name="review-catalog"),
    path(
        "office/enforcement/review-catalog/publish/",
        benchmark_views.review_catalog_publish,
        name="review-catalog-publish",
    ),
    path(
        "office/enforcement/review-catalog/<int:pk>/remove/",
        benchmark_views.review_entry_remove,
        name="review-entry-remove",
    ),
    path("office/enforcement/settings/", benchmark_views.settings_list, name="settings-list"),
    path("office/enforcement/settings/<int:pk>/", benchmark_views.settings_edit, name="settings-edit"),
    path("office/enforcement/statistics/", statistics_views.statistics_page, name="statistics"),
    path("office/enforcement/statistics.xlsx", statistics_views.statistics_export, name="statistics-export"),
    path("office/enforcement/cases/", case_views.case_list, name="case-list"),
    path("office/enforcement/cases/new/", case_views.case_create, name="case-create"),
    path("office/enforcement/cases/on-the-spot/", case_views.case_on_the_spot, name="case-on-the-spot"),
    path("office/enforcement/cases/<int:pk>/", case_views.case_detail, name="case-detail"),
    # Last of the `office/enforcement/cases/<pk>/…` patterns: its `<slug:step>` would match theirs.
    path("office/enforcement/cases/<int:pk>/<slug:step>/", case_views.case_action, name="case-action"),
    path("office/enforcement/transfers/", transfer_views.transfer_list, name="transfer-list"),
    path("office/enforcement/transfers/<int:pk>/", transfer_views.transfer_detail, name="transfer-detail"),
    # Last of the `office/enforcement/transfers/<pk>/…` patterns.
    path("office/enforcement/transfers/<int:pk>/<slug:step>/", transfer_views.transfer_action, name="transfer-action"),
    path("office/enforcement/file-reviews/", file_review_views.sheet_list, name="review-sheet-list"),
    path("office/enforcement/file-reviews/<int:pk>/", file_review_views.sheet_detail, name="review-sheet-detail"),
    path("office/enforcement/file-reviews/<int:pk>/draw/", file_review_views.sheet_draw, name="review-sheet-draw"),
    path("office/enforcement/file-reviews/files/<int:pk>/", file_review_views.review_detail, name="file-review-detail"),
    path(
        "office/enforcement/file-reviews/files/<int:pk>/score/",
        file_review_views.review_score,
        name="file-review-score",
    ),
    path("enforcement/decisions/", case_views.public_list, name="public-penalty-list"),
    path("enforcement/decisions/<int:pk>/", case_views.public_detail, name="public-penalty-detail"),
    path("enforcement/benchmarks/", benchmark_views.public_benchmark_list, name="public-benchmark-list"),
    path("enforcement/benchmarks/<int:pk>/", benchmark_views.public_benchmark_detail, name="public-benchmark-detail"),
    path("enforcement/bodies/", officer_views.public_body_list, name="public-body-list"),
    path("enforcement/bodies/<int:pk>/", officer_views.public_body_detail, name="public-body-detail"),
]
