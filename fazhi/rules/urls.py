from django.urls import path

from fazhi.rules import views

app_name = "rules"
urlpatterns = [
    path("office/rules/", views.office_list, name="office-list"),
    path("office/rules/new/", views.office_create, name="office-create"),
    path("office/rules/plans/", views.plan_list, name="plan-list"),
    path("office/rules/plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("office/rules/plans/<int:pk>/<slug:transition>/", views.plan_action, name="plan-action"),
    path("office/rules/<int:pk>/", views.office_detail, name="office-detail"),
    path("office/rules/<int:pk>/edit/", views.office_edit, name="office-edit"),
    path("office/rules/<int:pk>/<slug:transition>/", views.office_action, name="office-action"),
    path("rules/", views.public_list, name="public-list"),
    path("rules/<int:pk>/", views.public_detail, name="public-detail"),
]
