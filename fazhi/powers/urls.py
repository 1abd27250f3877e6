from django.urls import path

from fazhi.powers import views

app_name = "powers"
urlpatterns = [
    path("office/powers/", views.office_list, name="office-list"),
    path("office/powers/drafts/", views.draft_start, name="draft-start"),
    path("office/powers/versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("office/powers/versions/<int:pk>/add/", views.power_add, name="power-add"),
    path("office/powers/versions/<int:pk>/<slug:transition>/", views.version_transition, name="version-transition"),
    path("office/powers/items/<int:pk>/edit/", views.power_edit, name="power-edit"),
    path("office/powers/items/<int:pk>/remove/", views.power_remove, name="power-remove"),
    path("powers/", views.public_list, name="public-list"),
    path("powers/bodies/<int:pk>/", views.public_body, name="public-body"),
    path("powers/bodies/<int:pk>/compare/", views.public_compare, name="public-compare"),
    path("powers/versions/<int:pk>/", views.public_version, name="public-version"),
    path("powers/law-articles/<int:pk>/", views.law_article, name="law-article"),
]
