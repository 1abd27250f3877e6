from django.urls import path

from fazhi.decisions import adviser_views, catalog_views, views

app_name = "decisions"
urlpatterns = [
    path("office/decisions/catalogs/", catalog_views.catalog_list, name="catalog-list"),
    path("office/decisions/catalogs/<int:pk>/", catalog_views.catalog_detail, name="catalog-detail"),
    path("office/decisions/catalogs/<int:pk>/<slug:transition>/", catalog_views.catalog_action, name="catalog-action"),
    path("office/decisions/catalog-items/<int:pk>/edit/", catalog_views.item_edit, name="catalog-item-edit"),
    path("office/decisions/catalog-items/<int:pk>/remove/", catalog_views.item_remove, name="catalog-item-remove"),
    path("office/advisers/", adviser_views.adviser_list, name="adviser-list"),
    path("office/advisers/<int:pk>/edit/", adviser_views.adviser_edit, name="adviser-edit"),
    path("office/advisers/<int:pk>/end/", adviser_views.adviser_end, name="adviser-end"),
    # Before any `office/decisions/<pk>/<slug:transition>/` pattern, which would also match this path.
    path("office/decisions/<int:pk>/adviser-opinion/", adviser_views.adviser_opinion_new, name="adviser-opinion-new"),
    path("decisions/catalogs/", catalog_views.public_catalog_list, name="catalog-public-list"),
    path("decisions/catalogs/<int:pk>/", catalog_views.public_catalog_detail, name="catalog-public-detail"),
    path("office/decisions/", views.office_list, name="decision-list"),
    path("office/decisions/new/", views.office_create, name="decision-create"),
    path("office/decisions/<int:pk>/", views.office_detail, name="decision-detail"),
    path("office/decisions/<int:pk>/edit/", views.office_edit, name="decision-edit"),
    # Last of the `office/decisions/<pk>/…` patterns: its `<slug:step>` would match theirs.
    path("office/decisions/<int:pk>/<slug:step>/", views.office_action, name="decision-action"),
    path("decisions/", views.public_list, name="decision-public-list"),
    path("decisions/<int:pk>/", views.public_detail, name="decision-public-detail"),
]
